"""The conversation browser: search, opening conversations and results, the context menu's requests, inline
rename, trash with Undo, views and keyboard navigation. A small fake root applies requests to a real store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMenu, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.chat.conversation_models import ConversationListModel, ConversationRole, SearchResultsModel
from app.store import Store
from app.ui.sidebar import Sidebar
from tests.fixtures.conversations import FakeClock, Spec, add_conversations
from tests.fixtures.qt import focused

TIMEOUT_MS = 2000

# The offscreen platform says so whenever a window's minimum size changes; harmless.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@dataclass
class Env:
    store: Store
    clock: FakeClock
    ids: list[int]  # oldest first
    list_model: ConversationListModel
    search_model: SearchResultsModel
    sidebar: Sidebar
    host: QWidget
    window_keys: list[str]  # window shortcuts that fired

    def row(self, conversation_id: int) -> int:
        row = self.list_model.row_of(conversation_id)
        assert row is not None
        return row

    def click_row(
        self, qtbot: QtBot, conversation_id: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        view = self.sidebar.list_view
        rect = view.visualRect(self.list_model.index(self.row(conversation_id)))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())

    def menu_action(self, name: str) -> QAction:
        menu = self.sidebar.context_menu()
        action = menu.findChild(QAction, name)
        assert action is not None, [a.objectName() for a in menu.actions()]
        return action


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path) -> Iterator[Env]:
    clock = FakeClock()
    with Store.open(tmp_path / "samtal.sqlite3", clock=clock) as store:
        ids = add_conversations(
            store,
            30,
            Spec(
                pinned=[3],
                archived=[1],
                tags={3: ("work",), 20: ("work", "rust")},
                titles={25: "Kalman filters explained", 26: "Sourdough <b>bread</b>"},
            ),
        )
        clock.advance()
        store.add_message(ids[24], "user", "What does a kalman gain mean?")
        list_model = ConversationListModel(store, page_size=10)
        search_model = SearchResultsModel(store)
        host = QWidget()
        window_keys: list[str] = []
        for key in ("F2", "Del", "Esc"):
            # The main window has shortcuts on these keys; the sidebar must still get them where it claims them.
            action = QAction(key, host)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, key=key: window_keys.append(key))
            host.addAction(action)
        sidebar = Sidebar(list_model, search_model, host, search_delay_ms=5, undo_timeout_ms=300)
        QVBoxLayout(host).addWidget(sidebar)
        host.resize(300, 700)
        qtbot.addWidget(host)
        host.show()
        qtbot.waitExposed(host)
        host.activateWindow()
        qtbot.waitUntil(host.isActiveWindow, timeout=TIMEOUT_MS)
        yield Env(store, clock, ids, list_model, search_model, sidebar, host, window_keys)
        # Gone before the store closes: a pending search must not run against a closed store.
        host.close()
        host.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class FakeRoot:
    """Applies the sidebar's requests to the store the way the composition root does."""

    def __init__(self, env: Env) -> None:
        self.env = env
        sidebar, store, model = env.sidebar, env.store, env.list_model
        sidebar.rename_requested.connect(lambda cid, title: self._each([cid], store.conversations.rename, title))
        sidebar.pin_requested.connect(lambda ids, pinned: self._each(ids, store.conversations.set_pinned, pinned))
        sidebar.archive_requested.connect(
            lambda ids, archived: self._each(ids, store.conversations.set_archived, archived)
        )
        sidebar.trash_requested.connect(self._trash)
        sidebar.restore_requested.connect(lambda ids: self._each(ids, store.conversations.restore))
        sidebar.delete_forever_requested.connect(lambda ids: self._each(ids, store.conversations.delete))
        self.model = model

    def _trash(self, ids: list[int]) -> None:
        self._each(ids, self.env.store.conversations.move_to_trash)
        self.env.sidebar.show_undo(f"Moved {len(ids)} conversations to the trash", ids)

    def _each(self, ids: list[int], apply: object, *args: object) -> None:
        for cid in ids:
            apply(cid, *args)  # type: ignore[operator]
            self.model.refresh_conversation(cid)


# --- search ---


def test_typing_shows_results_and_escape_returns_to_the_list(qtbot: QtBot, env: Env) -> None:
    sidebar = env.sidebar
    sidebar.focus_search()
    qtbot.keyClicks(sidebar.search_field, "kalman")
    qtbot.waitUntil(sidebar.is_searching, timeout=TIMEOUT_MS)
    assert env.search_model.query == "kalman"
    assert env.search_model.rowCount() == 2
    assert sidebar.view_bar.isHidden()

    qtbot.keyClick(sidebar.search_field, Qt.Key.Key_Escape)
    assert sidebar.search_field.text() == ""
    assert not sidebar.is_searching()
    assert env.search_model.rowCount() == 0
    assert focused(sidebar.list_view)
    assert env.window_keys == []  # Esc cleared the search; it did not reach the window (Stop)


def test_escape_in_an_empty_search_field_is_left_to_the_window(qtbot: QtBot, env: Env) -> None:
    env.sidebar.focus_search()
    qtbot.keyClick(env.sidebar.search_field, Qt.Key.Key_Escape)
    assert env.window_keys == ["Esc"]


def test_choosing_a_result_opens_the_conversation_at_the_message(qtbot: QtBot, env: Env) -> None:
    sidebar = env.sidebar
    message_id = env.store.path(env.ids[24])[-1].id
    sidebar.focus_search()
    qtbot.keyClicks(sidebar.search_field, "gain")
    qtbot.waitUntil(lambda: env.search_model.rowCount() == 1, timeout=TIMEOUT_MS)
    rect = sidebar.results_view.visualRect(env.search_model.index(0))
    with qtbot.waitSignal(sidebar.conversation_activated, timeout=TIMEOUT_MS) as opened:
        qtbot.mouseClick(sidebar.results_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [env.ids[24], message_id]
    assert sidebar.current_conversation_id() == env.ids[24]  # the list follows, quietly


def test_enter_opens_the_first_result_and_down_moves_into_the_results(qtbot: QtBot, env: Env) -> None:
    sidebar = env.sidebar
    sidebar.focus_search()
    qtbot.keyClicks(sidebar.search_field, "kalman")
    # Enter before the debounce fired still searches first.
    with qtbot.waitSignal(sidebar.conversation_activated, timeout=TIMEOUT_MS) as opened:
        qtbot.keyClick(sidebar.search_field, Qt.Key.Key_Return)
    assert opened.args == [env.ids[25], 0]  # the title match comes first
    qtbot.keyClick(sidebar.search_field, Qt.Key.Key_Down)
    assert focused(sidebar.results_view)
    qtbot.keyClick(sidebar.results_view, Qt.Key.Key_Down)
    with qtbot.waitSignal(sidebar.conversation_activated, timeout=TIMEOUT_MS) as opened:
        qtbot.keyClick(sidebar.results_view, Qt.Key.Key_Return)
    assert opened.args[0] == env.ids[24]
    assert opened.args[1] > 0
    qtbot.keyClick(sidebar.results_view, Qt.Key.Key_Escape)
    assert not sidebar.is_searching()
    assert env.window_keys == []


def test_a_result_with_markup_in_it_is_shown_as_text(qtbot: QtBot, env: Env) -> None:
    env.sidebar.focus_search()
    qtbot.keyClicks(env.sidebar.search_field, "bread")
    qtbot.waitUntil(lambda: env.search_model.rowCount() == 1, timeout=TIMEOUT_MS)
    index = env.search_model.index(0)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Sourdough <b>bread</b>"
    assert env.sidebar.results_view.grab().isNull() is False  # paints without trouble


def test_no_matches_says_so(qtbot: QtBot, env: Env) -> None:
    env.sidebar.focus_search()
    qtbot.keyClicks(env.sidebar.search_field, "zebra")
    qtbot.waitUntil(env.sidebar.is_searching, timeout=TIMEOUT_MS)
    assert env.sidebar.results_view.placeholder() == "No matches for “zebra”"


# --- opening from the list ---


def test_clicking_a_conversation_opens_it_once(qtbot: QtBot, env: Env) -> None:
    opened: list[tuple[int, int]] = []
    env.sidebar.conversation_activated.connect(lambda cid, mid: opened.append((cid, mid)))
    env.click_row(qtbot, env.ids[29])
    env.click_row(qtbot, env.ids[29])
    assert opened == [(env.ids[29], 0)]
    qtbot.keyClick(env.sidebar.list_view, Qt.Key.Key_Down)
    assert opened[-1] == (env.list_model.conversation_id_at(env.row(env.ids[29]) + 1), 0)


def test_a_multi_selection_opens_nothing(qtbot: QtBot, env: Env) -> None:
    env.click_row(qtbot, env.ids[29])
    opened: list[int] = []
    env.sidebar.conversation_activated.connect(lambda cid, _mid: opened.append(cid))
    env.click_row(qtbot, env.ids[27], Qt.KeyboardModifier.ControlModifier)
    env.click_row(qtbot, env.ids[25], Qt.KeyboardModifier.ShiftModifier)
    assert opened == []
    assert env.sidebar.current_conversation_id() is None
    # Shift extends from the last Ctrl+click: 27 down to 25, plus 29.
    assert env.sidebar.selected_conversation_ids() == [env.ids[29], *env.ids[27:24:-1]]


def test_select_conversation_is_quiet_and_pages_in_as_needed(qtbot: QtBot, env: Env) -> None:
    opened: list[int] = []
    env.sidebar.conversation_activated.connect(lambda cid, _mid: opened.append(cid))
    assert env.list_model.rowCount() < 29  # only what fills the view is loaded
    env.sidebar.select_conversation(env.ids[0])
    assert env.sidebar.current_conversation_id() == env.ids[0]
    assert env.list_model.rowCount() == 29
    env.sidebar.select_conversation(env.ids[1])  # archived: not in this view
    assert env.sidebar.current_conversation_id() is None
    assert opened == []


def test_previous_and_next_move_one_row_and_stop_at_the_ends(qtbot: QtBot, env: Env) -> None:
    sidebar, model = env.sidebar, env.list_model
    opened: list[int] = []
    sidebar.conversation_activated.connect(lambda cid, _mid: opened.append(cid))
    sidebar.select_previous()  # nothing selected: the first row
    first = model.conversation_id_at(0)
    assert opened == [first]
    sidebar.select_previous()
    assert opened == [first]
    sidebar.select_next()
    assert opened == [first, model.conversation_id_at(1)]
    sidebar.select_conversation(env.ids[0])  # the last row
    sidebar.select_next()
    assert opened[-1] == model.conversation_id_at(1)
    assert sidebar.current_conversation_id() == env.ids[0]


def test_next_pages_in_the_next_row(qtbot: QtBot, env: Env) -> None:
    env.sidebar.select_conversation(env.list_model.conversation_id_at(9) or 0)
    with qtbot.waitSignal(env.sidebar.conversation_activated, timeout=TIMEOUT_MS) as opened:
        env.sidebar.select_next()
    assert env.list_model.rowCount() == 20
    assert opened.args == [env.list_model.conversation_id_at(10), 0]


# --- requests from the context menu and keys ---


def test_context_menu_actions_emit_requests_for_the_selection(qtbot: QtBot, env: Env) -> None:
    sidebar = env.sidebar
    env.click_row(qtbot, env.ids[29])
    env.click_row(qtbot, env.ids[28], Qt.KeyboardModifier.ControlModifier)
    selected = sidebar.selected_conversation_ids()
    assert selected == [env.ids[29], env.ids[28]]
    assert not env.menu_action("rename").isEnabled()
    for name, signal, args in (
        ("pin", sidebar.pin_requested, [selected, True]),
        ("archive", sidebar.archive_requested, [selected, True]),
        ("tags", sidebar.tags_requested, [selected]),
        ("export", sidebar.export_requested, [selected]),
        ("trash", sidebar.trash_requested, [selected]),
    ):
        with qtbot.waitSignal(signal, timeout=TIMEOUT_MS) as emitted:
            env.menu_action(name).trigger()
        assert emitted.args == args, name


def test_pin_becomes_unpin_when_everything_selected_is_pinned(qtbot: QtBot, env: Env) -> None:
    FakeRoot(env)
    env.click_row(qtbot, env.ids[29])
    env.menu_action("pin").trigger()
    assert env.store.conversation(env.ids[29]).pinned
    assert env.row(env.ids[29]) == 0
    assert env.sidebar.selected_conversation_ids() == [env.ids[29]]  # the selection moved with the row
    action = env.menu_action("pin")
    assert action.text() == "Unpin"
    action.trigger()
    assert not env.store.conversation(env.ids[29]).pinned


def test_bulk_archive_takes_the_rows_out_of_the_list(qtbot: QtBot, env: Env) -> None:
    FakeRoot(env)
    env.click_row(qtbot, env.ids[29])
    env.click_row(qtbot, env.ids[26], Qt.KeyboardModifier.ShiftModifier)
    env.menu_action("archive").trigger()
    assert all(env.store.conversation(cid).archived for cid in env.ids[26:30])
    assert all(env.list_model.row_of(cid) is None for cid in env.ids[26:30])
    env.sidebar.set_view("archived")
    env.sidebar.select_conversation(env.ids[27])
    assert env.menu_action("archive").text() == "Unarchive"
    with qtbot.waitSignal(env.sidebar.archive_requested, timeout=TIMEOUT_MS) as emitted:
        env.menu_action("archive").trigger()
    assert emitted.args == [[env.ids[27]], False]


def test_f2_renames_in_place(qtbot: QtBot, env: Env) -> None:
    FakeRoot(env)
    env.click_row(qtbot, env.ids[29])
    qtbot.keyClick(env.sidebar.list_view, Qt.Key.Key_F2)
    editor = env.sidebar.list_view.findChild(QLineEdit, "titleEditor")
    assert editor is not None
    assert editor.text() == "Conversation 29"
    assert env.window_keys == []
    editor.selectAll()
    qtbot.keyClicks(editor, "Trip notes")
    with qtbot.waitSignal(env.sidebar.rename_requested, timeout=TIMEOUT_MS) as renamed:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert renamed.args == [env.ids[29], "Trip notes"]
    assert env.list_model.index(env.row(env.ids[29])).data() == "Trip notes"


def test_escape_cancels_a_rename(qtbot: QtBot, env: Env) -> None:
    renamed: list[object] = []
    env.sidebar.rename_requested.connect(lambda *args: renamed.append(args))
    env.click_row(qtbot, env.ids[29])
    env.sidebar.rename_current()
    editor = env.sidebar.list_view.findChild(QLineEdit, "titleEditor")
    assert editor is not None
    qtbot.keyClicks(editor, "Nope")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: env.sidebar.list_view.state() != QAbstractItemView.State.EditingState, timeout=TIMEOUT_MS)
    assert renamed == []
    assert env.window_keys == []


def test_delete_moves_to_the_trash_and_undo_restores(qtbot: QtBot, env: Env) -> None:
    FakeRoot(env)
    env.click_row(qtbot, env.ids[29])
    env.click_row(qtbot, env.ids[28], Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(env.sidebar.trash_requested, timeout=TIMEOUT_MS) as trashed:
        qtbot.keyClick(env.sidebar.list_view, Qt.Key.Key_Delete)
    assert trashed.args == [[env.ids[29], env.ids[28]]]
    assert env.window_keys == []
    bar = env.sidebar.undo_bar
    assert bar.isVisible()
    assert bar.label.text() == "Moved 2 conversations to the trash"
    assert env.list_model.row_of(env.ids[29]) is None

    with qtbot.waitSignal(env.sidebar.restore_requested, timeout=TIMEOUT_MS) as restored:
        qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    assert restored.args == [[env.ids[29], env.ids[28]]]
    assert not bar.isVisible()
    assert env.list_model.conversation_id_at(env.row(env.ids[29]) - 1) == env.ids[24]  # back in its place


def test_the_undo_bar_goes_away_by_itself(qtbot: QtBot, env: Env) -> None:
    env.sidebar.show_undo("Moved “Conversation 29” to the trash", [1, 2])
    assert env.sidebar.undo_bar.ids() == [1, 2]
    qtbot.waitUntil(lambda: not env.sidebar.undo_bar.isVisible(), timeout=TIMEOUT_MS)
    assert env.sidebar.undo_bar.ids() == []


def test_dismissing_the_undo_bar_restores_nothing(qtbot: QtBot, env: Env) -> None:
    restored: list[object] = []
    env.sidebar.restore_requested.connect(restored.append)
    env.sidebar.show_undo("Moved", [1])
    qtbot.mouseClick(env.sidebar.undo_bar.close_button, Qt.MouseButton.LeftButton)
    assert not env.sidebar.undo_bar.isVisible()
    assert restored == []


def test_the_trash_view_restores_and_deletes_for_good(qtbot: QtBot, env: Env) -> None:
    FakeRoot(env)
    env.store.conversations.move_to_trash(env.ids[29])
    env.store.conversations.move_to_trash(env.ids[28])
    env.sidebar.set_view("trash")
    assert env.list_model.rowCount() == 2
    env.sidebar.select_conversation(env.ids[29])
    assert [a.objectName() for a in env.sidebar.context_menu().actions() if a.objectName()] == [
        "restore",
        "export",
        "delete_forever",
    ]
    assert env.menu_action("delete_forever").text() == "Delete Permanently…"
    with qtbot.waitSignal(env.sidebar.delete_forever_requested, timeout=TIMEOUT_MS) as deleted:
        qtbot.keyClick(env.sidebar.list_view, Qt.Key.Key_Delete)  # in the trash, Del deletes for good
    assert deleted.args == [[env.ids[29]]]
    assert env.window_keys == []
    assert env.list_model.rowCount() == 1

    env.sidebar.select_conversation(env.ids[28])
    with qtbot.waitSignal(env.sidebar.restore_requested, timeout=TIMEOUT_MS) as restored:
        env.menu_action("restore").trigger()
    assert restored.args == [[env.ids[28]]]
    assert env.list_model.rowCount() == 0
    assert env.sidebar.list_view.placeholder().startswith("The trash is empty")


def test_the_menu_with_nothing_selected_offers_a_new_conversation(qtbot: QtBot, env: Env) -> None:
    with qtbot.waitSignal(env.sidebar.new_conversation_requested, timeout=TIMEOUT_MS):
        env.menu_action("new").trigger()
    with qtbot.waitSignal(env.sidebar.new_conversation_requested, timeout=TIMEOUT_MS):
        qtbot.mouseClick(env.sidebar.new_button, Qt.MouseButton.LeftButton)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard|propagateSizeHints)")
def test_right_click_pops_up_the_menu(qtbot: QtBot, env: Env) -> None:
    view = env.sidebar.list_view
    env.click_row(qtbot, env.ids[29])
    rect = view.visualRect(env.list_model.index(env.row(env.ids[29])))
    view.customContextMenuRequested.emit(rect.center())
    menu = env.sidebar.findChild(QMenu)
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=TIMEOUT_MS)
    menu.close()


# --- views and tags ---


def test_the_view_buttons_and_the_tag_filter_change_the_list(qtbot: QtBot, env: Env) -> None:
    sidebar = env.sidebar
    changes: list[bool] = []
    sidebar.filter_changed.connect(lambda: changes.append(True))
    archived = sidebar.findChild(QWidget, "view_archived")
    qtbot.mouseClick(archived, Qt.MouseButton.LeftButton)
    assert (sidebar.view, env.list_model.rowCount()) == ("archived", 1)
    sidebar.set_view("active")
    combo = sidebar.tag_combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == ["All tags", "rust  (1)", "work  (2)"]
    combo.activated.emit(2)
    assert sidebar.tag == "work"
    assert env.list_model.rowCount() == 2
    sidebar.set_view("archived")
    assert env.list_model.rowCount() == 0
    assert sidebar.list_view.placeholder() == "No archived conversations tagged “work”"
    assert combo.currentText() == "work  (2)"
    assert len(changes) == 4


def test_the_tag_filter_is_hidden_when_no_tags_exist_and_follows_tag_changes(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as store:
        (cid,) = add_conversations(store, 1)
        model = ConversationListModel(store)
        sidebar = Sidebar(model, SearchResultsModel(store))
        qtbot.addWidget(sidebar)
        sidebar.show()
        assert not sidebar.tag_combo.isVisible()
        store.conversations.add_tag(cid, "new")
        model.refresh_conversation(cid)
        assert sidebar.tag_combo.isVisible()
        assert sidebar.tag_combo.itemData(1) == "new"


def test_an_empty_store_invites_to_start(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite3") as store:
        sidebar = Sidebar(ConversationListModel(store), SearchResultsModel(store))
        qtbot.addWidget(sidebar)
        assert sidebar.list_view.placeholder() == "No conversations yet — press Ctrl+N"


def test_switching_views_keeps_the_open_conversation_selected(qtbot: QtBot, env: Env) -> None:
    env.click_row(qtbot, env.ids[29])
    env.sidebar.set_view("trash")
    assert env.sidebar.current_conversation_id() is None
    env.sidebar.set_view("active")
    assert env.sidebar.current_conversation_id() == env.ids[29]


def test_a_streaming_conversation_is_marked(qtbot: QtBot, env: Env) -> None:
    env.list_model.set_streaming(env.ids[29], True)
    index = env.list_model.index(env.row(env.ids[29]))
    assert index.data(ConversationRole.STREAMING) is True
    assert not env.sidebar.list_view.grab().isNull()


def test_focus_search_selects_the_text(qtbot: QtBot, env: Env) -> None:
    env.sidebar.search_field.setText("old query")
    env.sidebar.list_view.setFocus()
    env.sidebar.focus_search()
    assert focused(env.sidebar.search_field)
    assert env.sidebar.search_field.selectedText() == "old query"


def test_shift_delete_deletes_for_good_outside_the_trash_too(qtbot: QtBot, env: Env) -> None:
    env.click_row(qtbot, env.ids[29])
    with qtbot.waitSignal(env.sidebar.delete_forever_requested, timeout=TIMEOUT_MS) as deleted:
        qtbot.keyClick(env.sidebar.list_view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert deleted.args == [[env.ids[29]]]


def test_selecting_no_conversation_clears_the_selection(qtbot: QtBot, env: Env) -> None:
    env.click_row(qtbot, env.ids[29])
    env.sidebar.select_conversation(0)
    assert env.sidebar.selected_conversation_ids() == []
    with qtbot.waitSignal(env.sidebar.conversation_activated, timeout=TIMEOUT_MS) as opened:
        env.click_row(qtbot, env.ids[29])  # opens again: the window shows a new conversation now
    assert opened.args == [env.ids[29], 0]


def test_refresh_tags_reads_tags_added_behind_the_models_back(qtbot: QtBot, env: Env) -> None:
    env.store.conversations.add_tag(env.ids[0], "later")
    env.sidebar.refresh_tags()
    combo = env.sidebar.tag_combo
    assert "later" in [combo.itemData(i) for i in range(combo.count())]
