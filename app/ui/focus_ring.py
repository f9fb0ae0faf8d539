"""A visible focus ring, the same on every control: drawn around the focused widget when the keyboard moved
the focus there (Tab, Shift+Tab, a shortcut), as browsers do for ``:focus-visible``; a mouse click gives no ring.

One :class:`FocusRing` serves the whole application. It listens only to ``QApplication.focusChanged`` and to the
geometry events of the widget it surrounds, so it costs nothing while the focus stays put (no application-wide
event filter on the streaming path). Fields that frame themselves when focused (line edits, spin boxes) are left
to the style.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget
from shiboken6 import isValid

from app.ui.design import FOCUS_WIDTH, Radius

_GAP = FOCUS_WIDTH + 1  # px between the control's edge and the ring's outer edge
_SELF_FRAMED = (QLineEdit, QAbstractSpinBox)


class FocusRing(QObject):
    """Keeps the ring around the focused control. Make one per application with :meth:`install`."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRing")
        self._ring: _Ring | None = None
        self._target: QWidget | None = None
        app.focusChanged.connect(self._on_focus_changed)

    @classmethod
    def install(cls, app: QApplication) -> FocusRing:
        """The application's ring keeper (made on the first call)."""
        keeper = app.findChild(FocusRing, "focusRing")
        return keeper if isinstance(keeper, FocusRing) else cls(app)

    def target(self) -> QWidget | None:
        """The widget the ring is drawn around (None while there is no ring)."""
        return self._target

    def ring(self) -> QWidget | None:
        """The ring itself, while shown."""
        return self._ring if self._target is not None and self._ring is not None and isValid(self._ring) else None

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._follow(None)
        if new is None or isinstance(new, _SELF_FRAMED) or new.parentWidget() is None:
            return
        if not new.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            return  # the mouse put it there
        self._follow(new)

    def _follow(self, widget: QWidget | None) -> None:
        if self._target is not None and isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = widget
        ring = self._ring if self._ring is not None and isValid(self._ring) else None
        if widget is None:
            if ring is not None:
                ring.hide()
            return
        if ring is None:  # the first time, or the window it was in is gone (and took it along)
            ring = self._ring = _Ring()
        widget.installEventFilter(self)
        ring.setParent(widget.parentWidget())
        self._place()
        ring.show()
        ring.raise_()

    def _place(self) -> None:
        if self._target is not None and self._ring is not None:
            self._ring.setGeometry(self._target.geometry().adjusted(-_GAP, -_GAP, _GAP, _GAP))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target:
            kind = event.type()
            if kind in (QEvent.Type.Move, QEvent.Type.Resize):
                self._place()
            elif kind in (QEvent.Type.Hide, QEvent.Type.DeferredDelete):
                self._follow(None)
        return False


class _Ring(QWidget):
    """The drawn ring: a rounded line in the palette's Highlight colour, transparent to the mouse."""

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("focusRingFrame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = FOCUS_WIDTH / 2
        radius = Radius.S + _GAP / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), radius, radius)
        painter.end()
