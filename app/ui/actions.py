"""Every user command of the main window as a QAction: one place for texts, shortcuts and menus.

The composition root connects ``triggered`` signals to controllers; widgets never act on them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from app.language import tr as _tr
from app.ui.icons import icon

COMPARE_SHORTCUT = "Ctrl+Shift+K"


@dataclass
class Actions:
    """The window's commands. Shortcuts are shown in the menus (Qt does that for QActions)."""

    new_conversation: QAction
    search: QAction
    import_export: QAction
    export_conversation: QAction
    export_all: QAction
    settings: QAction
    quit: QAction

    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    select_all: QAction
    copy_last_reply: QAction
    prices: QAction

    attach_files: QAction
    stop: QAction
    retry: QAction
    continue_reply: QAction
    regenerate: QAction
    inspect_last_request: QAction
    compare: QAction
    rename: QAction
    toggle_pin: QAction
    edit_tags: QAction
    archive: QAction
    trash: QAction
    previous_conversation: QAction
    next_conversation: QAction

    show_sidebar: QAction
    show_parameters: QAction
    show_archived: QAction
    show_trash: QAction
    jump_to_latest: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction

    shortcuts_help: QAction
    about: QAction

    @classmethod
    def create(cls, parent: QObject) -> Actions:
        def make(
            text: str,
            shortcuts: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = (),
            tip: str = "",
            checkable: bool = False,
            icon_name: str = "",
        ) -> QAction:
            action = QAction(text, parent)
            if icon_name:
                action.setIcon(icon(icon_name))
                # A menu would show the icon instead of a check box's mark: the icon is for the tool bar there.
                action.setIconVisibleInMenu(not checkable)
            keys = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in shortcuts]
            if keys:
                action.setShortcuts(keys)
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            action.setCheckable(checkable)
            return action

        actions = cls(
            new_conversation=make(
                _tr("&New Conversation"), ("Ctrl+N",), _tr("Start a new conversation"), icon_name="new"
            ),
            search=make(
                _tr("&Search Conversations…"),
                ("Ctrl+K", "Ctrl+F"),
                _tr("Search titles and every message"),
                icon_name="search",
            ),
            import_export=make(
                _tr("&Import claude.ai Export…"),
                (),
                _tr("Import conversations from a claude.ai data export"),
                icon_name="import",
            ),
            export_conversation=make(
                _tr("&Export Conversation…"),
                ("Ctrl+E",),
                _tr("Save this conversation as Markdown or JSON"),
                icon_name="export",
            ),
            export_all=make(
                _tr("Export &All Conversations…"),
                (),
                _tr("Save every conversation as Markdown or JSON"),
                icon_name="export",
            ),
            settings=make(
                _tr("Se&ttings…"), ("Ctrl+,",), _tr("Providers, tokens and preferences"), icon_name="settings"
            ),
            quit=make(_tr("&Quit"), ("Ctrl+Q",), _tr("Quit Samtal"), icon_name="quit"),
            # The Edit menu's text commands act on the focused field or text (see app.ui.edit_commands); the
            # keys are the platform's, which a focused text widget handles itself before the menu sees them.
            undo=make(_tr("&Undo"), (QKeySequence.StandardKey.Undo,), _tr("Undo the last edit"), icon_name="undo"),
            redo=make(_tr("&Redo"), (QKeySequence.StandardKey.Redo,), _tr("Redo the edit undone"), icon_name="redo"),
            cut=make(_tr("Cu&t"), (QKeySequence.StandardKey.Cut,), _tr("Cut the selected text"), icon_name="cut"),
            copy=make(_tr("&Copy"), (QKeySequence.StandardKey.Copy,), _tr("Copy the selected text"), icon_name="copy"),
            paste=make(_tr("&Paste"), (QKeySequence.StandardKey.Paste,), _tr("Paste at the cursor"), icon_name="paste"),
            select_all=make(
                _tr("Select &All"), (QKeySequence.StandardKey.SelectAll,), _tr("Select all the text of the field")
            ),
            copy_last_reply=make(
                _tr("Copy &Last Reply"), ("Ctrl+Shift+C",), _tr("Copy the last reply as Markdown"), icon_name="copy"
            ),
            prices=make(_tr("&Prices…"), (), _tr("Token prices per model, used for the costs shown")),
            attach_files=make(
                _tr("&Attach Files…"),
                ("Ctrl+U",),
                _tr("Attach images, PDFs or text files to the message"),
                icon_name="attach",
            ),
            stop=make(_tr("&Stop Reply"), ("Esc",), _tr("Stop the reply; the partial text is kept"), icon_name="stop"),
            retry=make(_tr("&Retry"), ("Ctrl+R",), _tr("Send the failed or stopped request again"), icon_name="retry"),
            continue_reply=make(
                _tr("C&ontinue"), ("Ctrl+Shift+R",), _tr("Continue a reply that was cut off"), icon_name="continue"
            ),
            regenerate=make(
                _tr("Re&generate Reply"),
                ("Ctrl+Shift+G",),
                _tr("Ask again; the old reply stays as a branch"),
                icon_name="regenerate",
            ),
            inspect_last_request=make(
                _tr("&Inspect Last Request…"),
                ("Ctrl+I",),
                _tr("The request, response headers and usage of the last reply"),
                icon_name="inspect",
            ),
            compare=make(
                _tr("Com&pare Parameters…"),
                (COMPARE_SHORTCUT,),
                _tr("Send the same message with 2 to 4 parameter sets at once and compare the replies"),
                icon_name="compare",
            ),
            rename=make(_tr("Re&name…"), ("F2",), _tr("Rename this conversation"), icon_name="edit"),
            toggle_pin=make(_tr("&Pin"), ("Ctrl+Shift+P",), _tr("Keep this conversation at the top"), checkable=True),
            edit_tags=make(_tr("&Tags…"), ("Ctrl+T",), _tr("Tag this conversation"), icon_name="tags"),
            archive=make(
                _tr("&Archive"), ("Ctrl+Shift+A",), _tr("Move out of the list without deleting"), icon_name="archive"
            ),
            trash=make(
                _tr("Move to &Trash"), ("Del",), _tr("Delete (it stays in the trash for 30 days)"), icon_name="trash"
            ),
            previous_conversation=make(_tr("Pre&vious Conversation"), ("Ctrl+PgUp",), icon_name="previous"),
            next_conversation=make(_tr("Ne&xt Conversation"), ("Ctrl+PgDown",), icon_name="next"),
            show_sidebar=make(
                _tr("&Conversation List"),
                ("Ctrl+Shift+L",),
                _tr("Show or hide the conversation list"),
                checkable=True,
                icon_name="sidebar",
            ),
            show_parameters=make(
                _tr("&Parameters Panel"),
                ("Ctrl+Shift+M",),
                _tr("Show or hide the parameters: model, sampling, system prompt, tools"),
                checkable=True,
                icon_name="parameters",
            ),
            show_archived=make(_tr("&Archived Conversations"), (), checkable=True),
            show_trash=make(_tr("T&rash"), (), checkable=True),
            jump_to_latest=make(
                _tr("&Jump to Latest"), ("Ctrl+End",), _tr("Scroll to the newest message"), icon_name="latest"
            ),
            zoom_in=make(
                _tr("Zoom &In"),
                ("Ctrl++", "Ctrl+="),
                _tr("Larger text in the conversation"),
                icon_name="zoom_in",
            ),
            zoom_out=make(_tr("Zoom &Out"), ("Ctrl+-",), _tr("Smaller text in the conversation"), icon_name="zoom_out"),
            zoom_reset=make(_tr("&Actual Size"), ("Ctrl+0",), _tr("The conversation's text at the window's text size")),
            shortcuts_help=make(_tr("&Keyboard Shortcuts"), ("F1",), icon_name="shortcuts"),
            about=make(_tr("&About Samtal"), icon_name="about"),
        )
        # Del must not fire while the user edits text; the list widget adds it as a local shortcut instead.
        actions.trash.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return actions

    def follow_conversation(self, *, pinned: bool, archived: bool) -> None:
        """Pin's check and Archive's name follow the conversation on screen."""
        self.toggle_pin.setChecked(pinned)
        self.archive.setText(_tr("Un&archive") if archived else _tr("&Archive"))

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]
