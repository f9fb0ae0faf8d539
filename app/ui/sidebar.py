"""The conversation browser on the left of the main window: a search field, a view switcher (all, a tag,
archived, trash), the list of conversations, search results in its place while searching, and an Undo bar
after moving conversations to the trash.

It only shows the models handed to it and emits signals: every change (rename, pin, tag, archive, trash,
restore, delete, export) is a request that the composition root applies to the store, after which it tells
the list model (``refresh_conversation`` / ``remove_conversation``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Final

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QKeyCombination,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.chat.conversation_models import (
    ConversationListModel,
    ConversationRole,
    SearchResultsModel,
    View,
)
from app.store import TRASH_RETENTION
from app.ui.conversation_delegate import ConversationDelegate, SearchResultDelegate, utc_now
from app.ui.design import Space
from app.ui.form_controls import FittedComboBox
from app.ui.icons import icon
from app.ui.key_help import KeyHelp, keys_text

SEARCH_DELAY_MS: Final = 150
UNDO_TIMEOUT_MS: Final = 8000
CLOCK_REFRESH_MS: Final = 60_000
MIN_WIDTH: Final = 220  # or what its controls need, if more
TAG_FILTER_MAX_WIDTH: Final = 150  # a longer tag is cut with "…" (the popup shows it whole)

_ROOT: Final = QModelIndex()
_F2: Final = QKeyCombination(Qt.Key.Key_F2).toCombined()
_DELETE: Final = QKeyCombination(Qt.Key.Key_Delete).toCombined()
_SHIFT_DELETE: Final = QKeyCombination(Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Delete).toCombined()
_ESCAPE: Final = QKeyCombination(Qt.Key.Key_Escape).toCombined()
_RETURN: Final = QKeyCombination(Qt.Key.Key_Return).toCombined()
_ENTER: Final = QKeyCombination(Qt.Key.Key_Enter).toCombined()
_DOWN: Final = QKeyCombination(Qt.Key.Key_Down).toCombined()
_MENU: Final = QKeyCombination(Qt.Key.Key_Menu).toCombined()
_SHIFT_F10: Final = QKeyCombination(Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_F10).toCombined()


def _combined(event: QKeyEvent) -> int:
    # The keypad's Delete is the same key to a person.
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeyCombination(modifiers, Qt.Key(event.key())).toCombined()


class ItemListView(QListView):
    """A list that shows a placeholder text while empty, and handles some keys itself even when the window has
    shortcuts for them (so F2 or Del act on the list's selection while it has focus).

    Signals:
        key_pressed(int): one of the claimed keys (a QKeyCombination.toCombined() value) was pressed.
    """

    key_pressed = Signal(int)

    def __init__(self, claimed_keys: Iterable[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._claimed = frozenset(claimed_keys)
        self._placeholder = ""
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)  # hover highlight

    def set_placeholder(self, text: str) -> None:
        """The text shown in the middle while the list is empty."""
        self._placeholder = text
        self.viewport().update()

    def placeholder(self) -> str:
        return self._placeholder

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _combined(event) in self._claimed
        ):
            event.accept()  # deliver as a key press instead of triggering a window shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        combined = _combined(event)
        if combined in self._claimed:
            event.accept()
            self.key_pressed.emit(combined)
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self._placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(colour)
            area = self.viewport().rect().adjusted(Space.XL, Space.XL, -Space.XL, -Space.XL)
            area.setHeight(min(area.height(), 160))
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._placeholder)


class SearchField(QLineEdit):
    """The search box. Esc clears it (only when there is something to clear: an empty field leaves Esc to
    the window, where it stops a streaming reply); Down and Enter are reported for moving into the results.

    Signals:
        escape_pressed(): Esc while the field has text.
        down_pressed(): the Down arrow.
    """

    escape_pressed = Signal()
    down_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _combined(event) == _ESCAPE
            and self.text()
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        combined = _combined(event)
        if combined == _ESCAPE and self.text():
            self.escape_pressed.emit()
            return
        if combined == _DOWN:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class UndoBar(QFrame):
    """A slim bar under the list: "Moved 3 conversations to the trash  Undo  ×", gone after a few seconds.

    Signals:
        undo_clicked(list): the ids the bar was shown for.
    """

    undo_clicked = Signal(list)

    def __init__(self, parent: QWidget | None = None, *, timeout_ms: int = UNDO_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.timeout_ms = timeout_ms
        self._ids: list[int] = []
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setFlat(True)
        self.undo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        font = self.undo_button.font()
        font.setBold(True)
        self.undo_button.setFont(font)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.close_button.setText("×")
        self.close_button.setIcon(icon("close"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setAccessibleName(self.tr("Dismiss"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(Space.M, Space.XS, Space.XS, Space.XS)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.undo_button.clicked.connect(self._undo)
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def show_message(self, text: str, ids: list[int]) -> None:
        """Show ``text`` with an Undo button for ``ids`` (replacing any earlier message)."""
        self._ids = list(ids)
        self.label.setText(text)
        self.show()
        self._timer.start(self.timeout_ms)

    def ids(self) -> list[int]:
        return list(self._ids)

    def dismiss(self) -> None:
        self._timer.stop()
        self._ids = []
        self.hide()

    def _undo(self) -> None:
        ids = self._ids
        self.dismiss()
        if ids:
            self.undo_clicked.emit(ids)


class TagFilterCombo(FittedComboBox):
    """The tag filter. Its entries are read again each time it opens, so they are never stale.

    Signals:
        about_to_open(): the popup is about to show.
    """

    about_to_open = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, max_width=TAG_FILTER_MAX_WIDTH)

    def showPopup(self) -> None:
        self.about_to_open.emit()
        super().showPopup()


class Sidebar(QWidget):
    """The conversation browser. Constructed with the list and search models built by the composition root.

    Opening: selecting one conversation (click, arrow keys, Ctrl+PgUp/PgDn through :meth:`select_previous`
    and :meth:`select_next`) or choosing a search result emits :attr:`conversation_activated`; selecting
    several (Ctrl/Shift) opens nothing. :meth:`select_conversation` selects without emitting.

    Signals:
        conversation_activated(int, int): open this conversation, at this message (0: at its end).
        new_conversation_requested(): the + button.
        rename_requested(int, str): conversation id and new title (typed in place after F2).
        pin_requested(list, bool): pin (True) or unpin these conversation ids.
        archive_requested(list, bool): archive (True) or take out of the archive.
        trash_requested(list): move to the trash (then call :meth:`show_undo` to offer Undo).
        restore_requested(list): take out of the trash (Restore, or Undo after moving to the trash).
        delete_forever_requested(list): delete now, for good (Del in the trash, Shift+Del; ask first).
        tags_requested(list): open the tags dialog for these conversations.
        export_requested(list): export these conversations.
        filter_changed(): the view (all, archived, trash) or the tag filter changed.
    """

    conversation_activated = Signal(int, int)
    new_conversation_requested = Signal()
    rename_requested = Signal(int, str)
    pin_requested = Signal(list, bool)
    archive_requested = Signal(list, bool)
    trash_requested = Signal(list)
    restore_requested = Signal(list)
    delete_forever_requested = Signal(list)
    tags_requested = Signal(list)
    export_requested = Signal(list)
    filter_changed = Signal()

    def __init__(
        self,
        list_model: ConversationListModel,
        search_model: SearchResultsModel,
        parent: QWidget | None = None,
        *,
        search_delay_ms: int = SEARCH_DELAY_MS,
        undo_timeout_ms: int = UNDO_TIMEOUT_MS,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.list_model = list_model
        self.search_model = search_model
        self._shown_id: int | None = None  # the conversation the window shows, as far as the sidebar knows
        self._quiet = False  # selection changes made by code, not by the user

        self.search_field = SearchField(self)
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(self.tr("Search conversations (Ctrl+K)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Search conversations"))
        self._search_icon = self.search_field.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)

        self.new_button = QToolButton(self)
        self.new_button.setObjectName("newConversationButton")
        self.new_button.setIconSize(QSize(16, 16))
        self.new_button.setToolTip(self.tr("New conversation (Ctrl+N)"))
        self.new_button.setAccessibleName(self.tr("New conversation"))
        self.new_button.setAutoRaise(True)

        self.view_buttons = QButtonGroup(self)
        self.view_buttons.setExclusive(True)
        view_row = QHBoxLayout()
        view_row.setContentsMargins(Space.S, 0, Space.S, Space.XS)
        view_row.setSpacing(Space.HAIR)
        for view, text in (("active", self.tr("All")), ("archived", self.tr("Archived")), ("trash", self.tr("Trash"))):
            button = QToolButton(self)
            button.setObjectName(f"view_{view}")
            button.setText(text)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setProperty("view", view)
            self.view_buttons.addButton(button)
            view_row.addWidget(button)
        view_row.addStretch(1)
        self.tag_combo = TagFilterCombo(self)
        self.tag_combo.setObjectName("tagFilter")
        self.tag_combo.setToolTip(self.tr("Show only conversations with this tag"))
        self.tag_combo.setAccessibleName(self.tr("Tag filter"))
        view_row.addWidget(self.tag_combo)
        self.view_bar = QWidget(self)
        self.view_bar.setLayout(view_row)

        self.list_view = ItemListView((_F2, _DELETE, _SHIFT_DELETE, _MENU, _SHIFT_F10), self)
        self.list_view.setObjectName("conversationList")
        self.list_view.setAccessibleName(self.tr("Conversations"))
        self.list_view.setModel(list_model)
        self.delegate = ConversationDelegate(self.list_view, now=now)
        self.list_view.setItemDelegate(self.delegate)
        # A group's first row is taller (it carries the heading). Pages of rows load as the list scrolls, so
        # measuring the loaded rows stays cheap.
        self.list_view.setUniformItemSizes(False)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # F2 is handled here
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.results_view = ItemListView((_ESCAPE, _RETURN, _ENTER), self)
        self.results_view.setObjectName("searchResults")
        self.results_view.setAccessibleName(self.tr("Search results"))
        self.results_view.setModel(search_model)
        self.results_view.setItemDelegate(SearchResultDelegate(self.results_view))
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.list_view)
        self.pages.addWidget(self.results_view)

        self.undo_bar = UndoBar(self, timeout_ms=undo_timeout_ms)

        top = QHBoxLayout()
        top.setContentsMargins(Space.S, Space.S, Space.S, Space.HAIR)
        top.setSpacing(Space.XS)
        top.addWidget(self.search_field, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.HAIR)
        layout.addLayout(top)
        layout.addWidget(self.view_bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.undo_bar)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        # No focus proxy: in Qt 6, Tab skips every other child of a widget whose focus proxy is one of its
        # children, which left the search field, the view buttons and the tag filter out of the Tab order.

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(search_delay_ms)
        self._clock_timer = QTimer(self)  # relative times ("5 min") age while the window is open
        self._clock_timer.start(CLOCK_REFRESH_MS)

        self._paint_icons()
        self._connect()
        self._sync_view_buttons()
        self._fill_tag_combo()
        self._update_placeholders()

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self._on_search_text)
        self.search_field.escape_pressed.connect(self._leave_search)
        self.search_field.down_pressed.connect(self._enter_results)
        self.search_field.returnPressed.connect(self._open_current_result)
        self._search_timer.timeout.connect(self._run_search)
        self._clock_timer.timeout.connect(self._regroup)  # times age, and rows move to older groups
        self.new_button.clicked.connect(self.new_conversation_requested)
        self.view_buttons.buttonClicked.connect(self._on_view_button)
        self.tag_combo.about_to_open.connect(self._fill_tag_combo)
        self.tag_combo.activated.connect(self._on_tag_chosen)

        self.list_model.rename_requested.connect(self.rename_requested)
        self.list_model.filter_changed.connect(self._on_filter_changed)
        self.list_model.modelReset.connect(self._fill_tag_combo)
        self.list_model.dataChanged.connect(self._on_list_data_changed)
        self.search_model.modelReset.connect(self._update_placeholders)

        self.list_view.selectionModel().selectionChanged.connect(self._on_list_selection)
        self.list_view.clicked.connect(self._open_row)
        self.list_view.activated.connect(self._open_row)
        self.list_view.key_pressed.connect(self._on_list_key)
        self.list_view.customContextMenuRequested.connect(self._show_context_menu)
        self.delegate.more_clicked.connect(self._show_row_menu)
        # Clicks and Enter, not `activated`: where a single click activates, that would open a result twice.
        self.results_view.clicked.connect(self._open_result)
        self.results_view.key_pressed.connect(self._on_results_key)
        self.undo_bar.undo_clicked.connect(self.restore_requested)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # a light/dark theme switch
            self._paint_icons()
        super().changeEvent(event)

    def _paint_icons(self) -> None:
        self._search_icon.setIcon(icon("search", "muted", self.palette()))
        self.new_button.setIcon(icon("new", palette=self.palette()))

    # --- public API ---

    @property
    def view(self) -> View:
        return self.list_model.view

    @property
    def tag(self) -> str | None:
        return self.list_model.tag

    def set_view(self, view: View) -> None:
        """Show the active conversations, the archived ones or the trash (keeping the tag filter)."""
        self.list_model.set_filter(tag=self.list_model.tag, view=view)

    def set_tag(self, tag: str | None) -> None:
        """Show only conversations with ``tag`` (None: all), in the current view."""
        self.list_model.set_filter(tag=tag, view=self.list_model.view)

    def key_help(self) -> list[KeyHelp]:
        """The keys the list, the search field and the results handle themselves, for the F1 list. F2 and Del in
        the list are the window's Rename and Move to Trash (claimed so that they act on the list's selection
        while it has the focus): listed with those commands."""
        in_list, in_search = self.tr("Conversation list"), self.tr("Search")
        return [
            KeyHelp(in_list, self.tr("Delete the selected conversations for good"), keys_text(_SHIFT_DELETE)),
            KeyHelp(in_search, self.tr("From the search field to its results"), keys_text(_DOWN)),
            KeyHelp(in_search, self.tr("Open the selected result"), keys_text(_RETURN)),
            KeyHelp(in_search, self.tr("Leave the search"), keys_text(_ESCAPE)),
        ]

    def minimumSizeHint(self) -> QSize:
        # Its controls' own minimum when more than the usual width (the view buttons and the tag filter
        # side by side, in a larger font): a fixed minimum let the splitter squeeze them, cutting "All tags".
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), MIN_WIDTH), hint.height())

    def focus_search(self) -> None:
        """Put the cursor in the search field, its text selected (Ctrl+K / Ctrl+F)."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def is_searching(self) -> bool:
        return self.pages.currentWidget() is self.results_view

    def select_conversation(self, conversation_id: int) -> None:
        """Select a conversation in the list and scroll to it, without emitting :attr:`conversation_activated`
        (the caller is opening it). Loads rows as needed; clears the selection if the view does not show it
        (0: no conversation, as for a new one not saved yet)."""
        self._shown_id = conversation_id or None
        row = self.list_model.ensure_loaded(conversation_id) if conversation_id else None
        if row is None:
            self._quietly(self.list_view.selectionModel().clearSelection)
            return
        self._select_row(row, emit=False)

    def current_conversation_id(self) -> int | None:
        """The conversation selected in the list, when exactly one is."""
        ids = self.selected_conversation_ids()
        return ids[0] if len(ids) == 1 else None

    def selected_conversation_ids(self) -> list[int]:
        """The selected conversations, in list order."""
        rows = sorted(index.row() for index in self.list_view.selectionModel().selectedRows())
        return [cid for cid in map(self.list_model.conversation_id_at, rows) if cid is not None]

    def select_previous(self) -> None:
        """Open the conversation above the current one (Ctrl+PgUp); nothing at the top."""
        self._step(-1)

    def select_next(self) -> None:
        """Open the conversation below the current one (Ctrl+PgDown); nothing at the bottom."""
        self._step(1)

    def refresh_tags(self) -> None:
        """Read the tag filter's entries again (they also follow tag changes reported to the list model)."""
        self._fill_tag_combo()

    def show_undo(self, text: str, ids: list[int]) -> None:
        """Show ``text`` with an Undo button for a few seconds; Undo emits :attr:`restore_requested` (ids)."""
        self.undo_bar.show_message(text, ids)

    # --- commands on the selection (the context menu; the window's actions can call them too) ---

    def rename_current(self) -> None:
        """Edit the title of the selected conversation in place (F2)."""
        if self.list_model.view == "trash":
            return
        self._leave_search(focus_list=False)
        index = self.list_view.currentIndex()
        if not index.isValid() or not self.list_view.selectionModel().isSelected(index):
            selected = self.list_view.selectionModel().selectedRows()
            if not selected:
                return
            index = selected[0]
        self.list_view.scrollTo(index)
        self.list_view.edit(index)

    def toggle_pin_selected(self) -> None:
        """Pin the selection, or unpin it when every selected conversation is pinned."""
        rows = self._selected_rows()
        if rows:
            pinned = all(self.list_model.index(row).data(ConversationRole.PINNED) for row in rows)
            self.pin_requested.emit(self._ids(rows), not pinned)

    def archive_selected(self) -> None:
        """Archive the selection (in the archived view: take it out of the archive)."""
        ids = self.selected_conversation_ids()
        if ids and self.list_model.view != "trash":
            self.archive_requested.emit(ids, self.list_model.view == "active")

    def edit_tags_of_selected(self) -> None:
        ids = self.selected_conversation_ids()
        if ids:
            self.tags_requested.emit(ids)

    def export_selected(self) -> None:
        ids = self.selected_conversation_ids()
        if ids:
            self.export_requested.emit(ids)

    def trash_selected(self) -> None:
        """Ask for the selection to be moved to the trash (in the trash view: nothing)."""
        ids = self.selected_conversation_ids()
        if ids and self.list_model.view != "trash":
            self.trash_requested.emit(ids)

    def restore_selected(self) -> None:
        ids = self.selected_conversation_ids()
        if ids and self.list_model.view == "trash":
            self.restore_requested.emit(ids)

    def delete_selected_forever(self) -> None:
        """Ask for the selection to be deleted for good (whoever does it asks the user first)."""
        ids = self.selected_conversation_ids()
        if ids:
            self.delete_forever_requested.emit(ids)

    def context_menu(self) -> QMenu:
        """The menu for the current selection (built anew each time; the caller owns it)."""
        menu = QMenu(self)
        rows = self._selected_rows()
        if not rows:
            self._add_action(
                menu,
                "new",
                self.tr("New Conversation"),
                self.new_conversation_requested.emit,
                "Ctrl+N",
                icon_name="new",
            )
            return menu
        if self.list_model.view == "trash":
            self._add_action(menu, "restore", self.tr("Restore"), self.restore_selected, icon_name="restore")
            self._add_action(menu, "export", self.tr("Export…"), self.export_selected, "Ctrl+E", icon_name="export")
            menu.addSeparator()
            self._add_action(
                menu,
                "delete_forever",
                self.tr("Delete Permanently…"),
                self.delete_selected_forever,
                "Shift+Del",
                icon_name="trash",
            )
            return menu
        rename = self._add_action(menu, "rename", self.tr("Rename"), self.rename_current, "F2", icon_name="edit")
        rename.setEnabled(len(rows) == 1)
        pinned = all(self.list_model.index(row).data(ConversationRole.PINNED) for row in rows)
        self._add_action(
            menu,
            "pin",
            self.tr("Unpin") if pinned else self.tr("Pin"),
            self.toggle_pin_selected,
            "Ctrl+Shift+P",
            icon_name="unpin" if pinned else "pin",
        )
        self._add_action(menu, "tags", self.tr("Tags…"), self.edit_tags_of_selected, "Ctrl+T", icon_name="tags")
        archive_text = self.tr("Unarchive") if self.list_model.view == "archived" else self.tr("Archive")
        self._add_action(
            menu,
            "archive",
            archive_text,
            self.archive_selected,
            "Ctrl+Shift+A",
            icon_name="unarchive" if self.list_model.view == "archived" else "archive",
        )
        self._add_action(menu, "export", self.tr("Export…"), self.export_selected, "Ctrl+E", icon_name="export")
        menu.addSeparator()
        self._add_action(menu, "trash", self.tr("Move to Trash"), self.trash_selected, "Del", icon_name="trash")
        return menu

    # --- inside: selection and opening ---

    def _add_action(
        self,
        menu: QMenu,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str = "",
        *,
        icon_name: str,
    ) -> QAction:
        action = menu.addAction(icon(icon_name), text)
        action.setObjectName(name)
        if shortcut:
            # Shown for reference; the keys themselves belong to the list and the window's actions.
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setShortcutVisibleInContextMenu(True)
        action.triggered.connect(slot)
        return action

    def _show_context_menu(self, position: QPoint) -> None:
        self._popup(self.list_view.viewport().mapToGlobal(position))

    def _show_row_menu(self, index: QModelIndex, where: QPoint) -> None:
        """The ⋯ button of a row: the same menu as a right-click on it (for the selection, if the row is in it)."""
        if not self.list_view.selectionModel().isSelected(index):
            self._select_row(index.row(), emit=True)
        self._popup(where)

    def _show_menu_at_current(self) -> None:
        """The menu key or Shift+F10: the menu under the current row (or at the top of an empty list)."""
        index = self.list_view.currentIndex()
        rect = self.list_view.visualRect(index) if index.isValid() else self.list_view.viewport().rect()
        self._popup(self.list_view.viewport().mapToGlobal(rect.bottomLeft() if index.isValid() else rect.topLeft()))

    def _popup(self, where: QPoint) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)

    def _regroup(self) -> None:
        self.list_view.scheduleDelayedItemsLayout()  # group headings make row heights depend on the time
        self.list_view.viewport().update()

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.list_view.selectionModel().selectedRows())

    def _ids(self, rows: list[int]) -> list[int]:
        return [cid for cid in map(self.list_model.conversation_id_at, rows) if cid is not None]

    def _quietly(self, change: Callable[[], object]) -> None:
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False

    def _select_row(self, row: int, *, emit: bool) -> None:
        index = self.list_model.index(row)
        command = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        if emit:
            self.list_view.selectionModel().setCurrentIndex(index, command)
        else:
            self._quietly(lambda: self.list_view.selectionModel().setCurrentIndex(index, command))
        self.list_view.scrollTo(index)

    def _step(self, delta: int) -> None:
        current = self.list_view.currentIndex()
        if not current.isValid() or not self.list_view.selectionModel().isSelected(current):
            row = 0  # nothing chosen yet (a view gives itself a current row on focus): start at the top
        else:
            row = current.row() + delta
            if row >= self.list_model.rowCount() and self.list_model.canFetchMore(_ROOT):
                self.list_model.fetchMore(_ROOT)
        if 0 <= row < self.list_model.rowCount():
            self._leave_search(focus_list=False)
            self._select_row(row, emit=True)

    def _on_list_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._quiet:
            return
        ids = self.selected_conversation_ids()
        if len(ids) == 1:
            self._open(ids[0], 0, only_if_new=True)

    def _open_row(self, index: QModelIndex) -> None:
        # A click on the row already selected (after a search result opened another) opens it again.
        if index.isValid() and self.list_view.selectionModel().selectedRows() == [index]:
            self._open(int(index.data(ConversationRole.ID)), 0, only_if_new=True)

    def _open(self, conversation_id: int, message_id: int, *, only_if_new: bool = False) -> None:
        if only_if_new and conversation_id == self._shown_id:
            return
        self._shown_id = conversation_id
        self.conversation_activated.emit(conversation_id, message_id)

    def _on_list_key(self, key: int) -> None:
        if key in (_MENU, _SHIFT_F10):
            self._show_menu_at_current()
        elif key == _F2:
            self.rename_current()
        elif key == _SHIFT_DELETE or self.list_model.view == "trash":
            self.delete_selected_forever()
        else:
            self.trash_selected()

    # --- inside: search ---

    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
            return
        self._search_timer.stop()
        if self.search_model.query:
            self.search_model.clear()
        self._show_list()

    def _run_search(self) -> None:
        self.search_model.search(self.search_field.text())
        self.pages.setCurrentWidget(self.results_view)
        self.view_bar.hide()
        if self.search_model.rowCount():
            self.results_view.setCurrentIndex(self.search_model.index(0))
            self.results_view.scrollToTop()

    def _show_list(self) -> None:
        self.pages.setCurrentWidget(self.list_view)
        self.view_bar.show()

    def _leave_search(self, *, focus_list: bool = True) -> None:
        if self.search_field.text():
            self.search_field.clear()  # textChanged clears the results and shows the list
        if focus_list:
            self.list_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enter_results(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_search()
        target = self.results_view if self.is_searching() else self.list_view
        if not target.currentIndex().isValid() and target.model().rowCount():
            if target is self.list_view:
                self._select_row(0, emit=True)
            else:
                target.setCurrentIndex(target.model().index(0, 0))
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def _open_current_result(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_search()
        if self.is_searching():
            self._open_result(self.results_view.currentIndex())

    def _on_results_key(self, key: int) -> None:
        if key == _ESCAPE:
            self._leave_search()
        else:
            self._open_result(self.results_view.currentIndex())

    def _open_result(self, index: QModelIndex | QPersistentModelIndex) -> None:
        found = self.search_model.result_at(index.row()) if index.isValid() else None
        if found is None:
            return
        conversation_id, message_id = found
        row = self.list_model.ensure_loaded(conversation_id)
        if row is not None:
            self._select_row(row, emit=False)
        self._open(conversation_id, message_id)

    # --- inside: filters ---

    def _on_view_button(self, button: QToolButton) -> None:
        self.set_view(button.property("view"))

    def _on_tag_chosen(self, position: int) -> None:
        self.set_tag(self.tag_combo.itemData(position))

    def _on_filter_changed(self) -> None:
        self._sync_view_buttons()  # the tag filter was refilled on the model's reset
        self._update_placeholders()
        if self._shown_id is not None:
            row = self.list_model.row_of(self._shown_id)
            if row is not None:
                self._select_row(row, emit=False)
        self.filter_changed.emit()

    def _on_list_data_changed(self, _top: QModelIndex, _bottom: QModelIndex, roles: list[int]) -> None:
        if ConversationRole.TAGS in roles:
            self._fill_tag_combo()
        if not roles or {ConversationRole.UPDATED_AT, ConversationRole.PINNED} & set(roles):
            self.list_view.scheduleDelayedItemsLayout()  # a row may start or end a group now

    def _sync_view_buttons(self) -> None:
        for button in self.view_buttons.buttons():
            button.setChecked(button.property("view") == self.list_model.view)

    def _fill_tag_combo(self) -> None:
        tags = self.list_model.tag_counts()
        current = self.list_model.tag
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(self.tr("All tags"), None)
        names = {name.casefold() for name, _count in tags}
        if current is not None and current.casefold() not in names:
            tags = [(current, 0), *tags]
        for name, count in tags:
            self.tag_combo.addItem(f"{name}  ({count})", name)
            if current is not None and name.casefold() == current.casefold():
                self.tag_combo.setCurrentIndex(self.tag_combo.count() - 1)
        self.tag_combo.blockSignals(False)
        self.tag_combo.setVisible(len(tags) > 0)

    def _update_placeholders(self) -> None:
        view, tag = self.list_model.view, self.list_model.tag
        if view == "trash":
            text = self.tr("The trash is empty.\nConversations in the trash are deleted after {days} days.").format(
                days=TRASH_RETENTION.days
            )
        elif view == "archived":
            text = (
                self.tr("No archived conversations tagged “{tag}”").format(tag=tag)
                if tag
                else self.tr("No archived conversations")
            )
        elif tag:
            text = self.tr("No conversations tagged “{tag}”").format(tag=tag)
        else:
            text = self.tr("No conversations yet — press Ctrl+N")
        self.list_view.set_placeholder(text)
        query = self.search_model.query
        self.results_view.set_placeholder(self.tr("No matches for “{query}”").format(query=query) if query else "")
