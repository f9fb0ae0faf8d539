"""Feature controllers: each connects one feature's widgets (`app.ui`) to the services it needs (`app.chat`,
the store), where neither layer may do it alone (widgets do no I/O; services make no widgets). The composition
root (`app.gui.Samtal`) builds each one with the collaborators it needs, by name, and keeps it as an
attribute; none of them knows the root."""
