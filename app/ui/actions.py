"""Every user command of the main window as a QAction: one place for texts, shortcuts and menus.

The composition root connects ``triggered`` signals to controllers; widgets never act on them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from app.ui.icons import icon

COMPARE_SHORTCUT = "Ctrl+Shift+K"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


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
            action = QAction(_tr(text), parent)
            if icon_name:  # not on check boxes: a menu shows the icon instead of the check mark
                action.setIcon(icon(icon_name))
            keys = [k if isinstance(k, QKeySequence) else QKeySequence(k) for k in shortcuts]
            if keys:
                action.setShortcuts(keys)
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                action.setStatusTip(_tr(tip))
                action.setToolTip(_tr(tip))
            action.setCheckable(checkable)
            return action

        actions = cls(
            new_conversation=make("&New Conversation", ("Ctrl+N",), "Start a new conversation", icon_name="new"),
            search=make(
                "&Search Conversations…", ("Ctrl+K", "Ctrl+F"), "Search titles and every message", icon_name="search"
            ),
            import_export=make(
                "&Import claude.ai Export…", (), "Import conversations from a claude.ai data export", icon_name="import"
            ),
            export_conversation=make(
                "&Export Conversation…", ("Ctrl+E",), "Save this conversation as Markdown or JSON", icon_name="export"
            ),
            export_all=make(
                "Export &All Conversations…", (), "Save every conversation as Markdown or JSON", icon_name="export"
            ),
            settings=make("Se&ttings…", ("Ctrl+,",), "Providers, tokens and preferences", icon_name="settings"),
            quit=make("&Quit", ("Ctrl+Q",), "Quit Samtal", icon_name="quit"),
            copy_last_reply=make(
                "&Copy Last Reply", ("Ctrl+Shift+C",), "Copy the last reply as Markdown", icon_name="copy"
            ),
            prices=make("&Prices…", (), "Token prices per model, used for the costs shown"),
            attach_files=make(
                "&Attach Files…", ("Ctrl+U",), "Attach images, PDFs or text files to the message", icon_name="attach"
            ),
            stop=make("&Stop Reply", ("Esc",), "Stop the reply; the partial text is kept", icon_name="stop"),
            retry=make("&Retry", ("Ctrl+R",), "Send the failed or stopped request again", icon_name="retry"),
            continue_reply=make(
                "C&ontinue", ("Ctrl+Shift+R",), "Continue a reply that was cut off", icon_name="continue"
            ),
            regenerate=make(
                "Re&generate Reply",
                ("Ctrl+Shift+G",),
                "Ask again; the old reply stays as a branch",
                icon_name="regenerate",
            ),
            inspect_last_request=make(
                "&Inspect Last Request…",
                ("Ctrl+I",),
                "The request, response headers and usage of the last reply",
                icon_name="inspect",
            ),
            compare=make(
                "Com&pare Parameters…",
                (COMPARE_SHORTCUT,),
                "Send the same message with 2 to 4 parameter sets at once and compare the replies",
                icon_name="compare",
            ),
            rename=make("Re&name…", ("F2",), "Rename this conversation", icon_name="edit"),
            toggle_pin=make("&Pin", ("Ctrl+Shift+P",), "Keep this conversation at the top", checkable=True),
            edit_tags=make("&Tags…", ("Ctrl+T",), "Tag this conversation", icon_name="tags"),
            archive=make("&Archive", ("Ctrl+Shift+A",), "Move out of the list without deleting", icon_name="archive"),
            trash=make("Move to &Trash", ("Del",), "Delete (it stays in the trash for 30 days)", icon_name="trash"),
            previous_conversation=make("Pre&vious Conversation", ("Ctrl+PgUp",), icon_name="previous"),
            next_conversation=make("Ne&xt Conversation", ("Ctrl+PgDown",), icon_name="next"),
            show_sidebar=make("&Conversation List", ("Ctrl+Shift+L",), checkable=True),
            show_parameters=make("&Parameters Panel", ("Ctrl+Shift+M",), checkable=True),
            show_archived=make("&Archived Conversations", (), checkable=True),
            show_trash=make("T&rash", (), checkable=True),
            jump_to_latest=make("&Jump to Latest", ("Ctrl+End",), "Scroll to the newest message", icon_name="latest"),
            shortcuts_help=make("&Keyboard Shortcuts", ("F1",), icon_name="shortcuts"),
            about=make("&About Samtal", icon_name="about"),
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
