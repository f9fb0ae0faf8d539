"""The conversation browser's item models: paging, one-row refreshes without resets, filters, search results."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from app.chat.conversation_models import (
    MATCH_END,
    MATCH_START,
    ConversationListModel,
    ConversationRole,
    SearchResultsModel,
    SearchRole,
    Snippet,
)
from app.store import Store
from tests.fixtures.conversations import FakeClock, Spec, add_conversations, listed_ids
from tests.fixtures.qt import shown_as_tooltip

ROOT = QModelIndex()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(tmp_path / "samtal.sqlite3", clock=clock) as opened:
        yield opened


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """10,000 conversations in a real store file (read-only for the tests that share it)."""
    with Store.open(tmp_path_factory.mktemp("big") / "samtal.sqlite3") as opened:
        add_conversations(opened, 10_000, Spec(pinned=range(0, 10_000, 997)))
        yield opened


def model_ids(model: ConversationListModel) -> list[int]:
    return [model.index(row).data(ConversationRole.ID) for row in range(model.rowCount())]


def assert_in_step(model: ConversationListModel, store: Store) -> None:
    """The loaded rows are exactly the first rows the store lists for the model's filter."""
    expected = listed_ids(store, tag=model.tag, archived=model.view == "archived", trash=model.view == "trash")
    assert model_ids(model) == expected[: model.rowCount()]
    assert model.total_count() == len(expected)


def fetch_all(model: ConversationListModel | SearchResultsModel) -> None:
    while model.canFetchMore(ROOT):
        model.fetchMore(ROOT)


class Signals:
    """Records the structural signals of a model."""

    def __init__(self, model: ConversationListModel) -> None:
        self.events: list[tuple[object, ...]] = []
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.rowsInserted.connect(lambda _p, first, last: self.events.append(("inserted", first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.events.append(("removed", first, last)))
        model.rowsMoved.connect(lambda _p, start, end, _d, row: self.events.append(("moved", start, end, row)))
        model.dataChanged.connect(
            lambda top, bottom, roles: self.events.append(("changed", top.row(), bottom.row(), sorted(roles)))
        )

    def kinds(self) -> list[object]:
        return [event[0] for event in self.events]


# --- the model tester ---


def test_list_model_passes_the_model_tester_through_every_kind_of_change(
    qtmodeltester: ModelTester, store: Store, clock: FakeClock
) -> None:
    ids = add_conversations(store, 250, Spec(pinned=[3], tags={5: ("work",)}, archived=[7]))
    model = ConversationListModel(store, page_size=100)
    qtmodeltester.check(model)
    model.fetchMore(ROOT)
    clock.advance()
    store.add_message(ids[10], "user", "moves it to the top")
    model.refresh_conversation(ids[10])
    store.conversations.rename(ids[200], "Renamed")
    model.refresh_conversation(ids[200])
    store.conversations.move_to_trash(ids[249])
    model.refresh_conversation(ids[249])
    model.set_streaming(ids[248], True)
    model.set_filter(tag="work")
    model.set_filter(view="archived")
    model.reload()
    model.set_filter(view="trash")
    assert model_ids(model) == [ids[249]]
    model.set_filter(view="active")  # a reset while more rows wait to be paged in
    fetch_all(model)
    assert_in_step(model, store)


def test_list_model_passes_the_python_model_tester_too(
    qtmodeltester: ModelTester, store: Store, clock: FakeClock
) -> None:
    ids = add_conversations(store, 30)
    model = ConversationListModel(store, page_size=10)
    qtmodeltester.check(model, force_py=True)
    fetch_all(model)
    clock.advance()
    store.add_message(ids[0], "user", "hello")
    model.refresh_conversation(ids[0])
    store.conversations.delete(ids[5])
    model.refresh_conversation(ids[5])
    assert_in_step(model, store)


def test_search_model_passes_the_model_tester(qtmodeltester: ModelTester, store: Store) -> None:
    for cid in add_conversations(store, 7):
        store.add_message(cid, "user", f"apple number {cid}")
    model = SearchResultsModel(store, page_size=3)
    qtmodeltester.check(model)
    model.search("apple")
    fetch_all(model)
    assert model.rowCount() == 7
    model.search("")
    assert model.rowCount() == 0


# --- paging ---


def test_ten_thousand_conversations_page_in_lazily(big_store: Store) -> None:
    started = time.perf_counter()
    model = ConversationListModel(big_store)
    first_page = time.perf_counter() - started
    assert model.rowCount() == 100
    assert model.total_count() == 10_000
    assert model.canFetchMore(ROOT)
    assert first_page < 0.25  # a few ms in practice; generous for a loaded CI machine

    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.fetchMore(ROOT)
    assert inserted == [(100, 199)]
    assert model.rowCount() == 200

    fetch_all(model)
    assert model.rowCount() == 10_000
    assert not model.canFetchMore(ROOT)
    assert_in_step(model, big_store)
    assert len(set(model_ids(model))) == 10_000


def test_pinned_conversations_come_first_then_the_most_recent(store: Store) -> None:
    ids = add_conversations(store, 5, Spec(pinned=[1]))
    model = ConversationListModel(store)
    assert model_ids(model) == [ids[1], ids[4], ids[3], ids[2], ids[0]]
    assert model.index(0).data(ConversationRole.PINNED) is True


def test_rows_expose_every_role(store: Store) -> None:
    (cid,) = add_conversations(store, 1, Spec(tags={0: ("b", "a")}, titles={0: "Hello"}))
    store.add_message(cid, "user", "hi")
    model = ConversationListModel(store)
    index = model.index(0)
    conversation = store.conversation(cid)
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Hello"
    assert index.data(Qt.ItemDataRole.EditRole) == "Hello"
    assert index.data(ConversationRole.ID) == cid
    assert index.data(ConversationRole.UPDATED_AT) == conversation.updated_at
    assert index.data(ConversationRole.TAGS) == ("a", "b")
    assert index.data(ConversationRole.MESSAGE_COUNT) == 1
    assert index.data(ConversationRole.PINNED) is False
    assert index.data(ConversationRole.ARCHIVED) is False
    assert index.data(ConversationRole.TRASHED_AT) is None
    assert index.data(ConversationRole.STREAMING) is False
    assert index.data(ConversationRole.GROUP) == (conversation.updated_at, False)
    assert set(model.roleNames()) >= {int(role) for role in ConversationRole}


def test_an_untitled_conversation_shows_a_placeholder_title_but_edits_the_empty_one(store: Store) -> None:
    store.create_conversation()
    model = ConversationListModel(store)
    assert model.index(0).data(Qt.ItemDataRole.DisplayRole) == "New conversation"
    assert model.index(0).data(Qt.ItemDataRole.EditRole) == ""


# --- one-row refreshes ---


def test_a_new_message_moves_the_row_to_the_top_without_a_reset_and_keeps_the_selection(
    store: Store, clock: FakeClock
) -> None:
    ids = add_conversations(store, 10)
    model = ConversationListModel(store)
    selection = QItemSelectionModel(model)
    selection.select(model.index(model.row_of(ids[2]) or 0), QItemSelectionModel.SelectionFlag.Select)
    signals = Signals(model)

    clock.advance()
    store.add_message(ids[2], "user", "news")
    model.refresh_conversation(ids[2])

    assert "reset" not in signals.kinds()
    assert signals.events[0] == ("moved", 7, 7, 0)
    assert model.row_of(ids[2]) == 0
    assert [index.data(ConversationRole.ID) for index in selection.selectedRows()] == [ids[2]]
    assert model.index(0).data(ConversationRole.MESSAGE_COUNT) == 1
    assert_in_step(model, store)


def test_a_new_message_in_an_unpinned_conversation_keeps_it_below_the_pinned_ones(
    store: Store, clock: FakeClock
) -> None:
    ids = add_conversations(store, 6, Spec(pinned=[0, 1]))
    model = ConversationListModel(store)
    clock.advance()
    store.add_message(ids[2], "user", "news")
    model.refresh_conversation(ids[2])
    assert model_ids(model)[:3] == [ids[1], ids[0], ids[2]]
    assert_in_step(model, store)


def test_renaming_changes_only_that_row_and_names_the_roles(store: Store) -> None:
    ids = add_conversations(store, 5)
    model = ConversationListModel(store)
    signals = Signals(model)
    store.conversations.rename(ids[1], "A better title")
    model.refresh_conversation(ids[1])
    row = model.row_of(ids[1])
    expected_roles = sorted([Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole])
    assert signals.events == [("changed", row, row, expected_roles)]
    assert model.index(row or 0).data() == "A better title"


def test_refreshing_an_unchanged_conversation_emits_nothing(store: Store) -> None:
    ids = add_conversations(store, 3)
    model = ConversationListModel(store)
    signals = Signals(model)
    model.refresh_conversation(ids[1])
    assert signals.events == []


def test_pinning_moves_up_and_unpinning_moves_back(store: Store) -> None:
    ids = add_conversations(store, 6)
    model = ConversationListModel(store)
    signals = Signals(model)
    store.conversations.set_pinned(ids[0])
    model.refresh_conversation(ids[0])
    assert model_ids(model)[0] == ids[0]
    changed_roles = [ConversationRole.PINNED, ConversationRole.GROUP]  # its group heading too
    assert signals.events == [("moved", 5, 5, 0), ("changed", 0, 0, changed_roles)]
    store.conversations.set_pinned(ids[0], False)
    model.refresh_conversation(ids[0])
    assert model_ids(model)[-1] == ids[0]
    assert_in_step(model, store)


def test_a_new_conversation_is_inserted_at_the_top(store: Store, clock: FakeClock) -> None:
    add_conversations(store, 4)
    model = ConversationListModel(store)
    signals = Signals(model)
    clock.advance()
    created = store.create_conversation("Fresh")
    model.refresh_conversation(created.id)
    assert signals.events == [("inserted", 0, 0)]
    assert model.total_count() == 5
    assert_in_step(model, store)


def test_archiving_trashing_and_deleting_remove_the_row(store: Store) -> None:
    ids = add_conversations(store, 5)
    model = ConversationListModel(store)
    signals = Signals(model)
    store.conversations.set_archived(ids[1])
    model.refresh_conversation(ids[1])
    store.conversations.move_to_trash(ids[2])
    model.refresh_conversation(ids[2])
    store.conversations.delete(ids[3])
    model.refresh_conversation(ids[3])
    assert signals.kinds() == ["removed", "removed", "removed"]
    assert model_ids(model) == [ids[4], ids[0]]
    assert_in_step(model, store)


def test_remove_conversation_drops_the_row(store: Store) -> None:
    ids = add_conversations(store, 3)
    model = ConversationListModel(store)
    store.conversations.delete(ids[0])
    model.remove_conversation(ids[0])
    model.remove_conversation(ids[0])  # twice: harmless
    assert model_ids(model) == [ids[2], ids[1]]
    assert model.total_count() == 2


def test_a_conversation_beyond_the_loaded_rows_waits_for_its_page(store: Store, clock: FakeClock) -> None:
    ids = add_conversations(store, 30)
    model = ConversationListModel(store, page_size=10)
    signals = Signals(model)
    store.conversations.rename(ids[0], "Still old")  # the oldest: far below the loaded rows, nothing to show
    model.refresh_conversation(ids[0])
    assert signals.events == []
    assert model.total_count() == 30
    clock.advance()
    store.add_message(ids[0], "user", "back to the top")
    model.refresh_conversation(ids[0])
    assert signals.events == [("inserted", 0, 0)]
    fetch_all(model)
    assert_in_step(model, store)
    assert len(set(model_ids(model))) == 30


def test_a_loaded_row_whose_new_place_is_not_loaded_leaves_until_its_page_comes(store: Store) -> None:
    ids = add_conversations(store, 30, Spec(pinned=[0]))
    model = ConversationListModel(store, page_size=10)
    assert model_ids(model)[0] == ids[0]
    store.conversations.set_pinned(ids[0], False)  # now the oldest: its place is at the very end
    model.refresh_conversation(ids[0])
    assert ids[0] not in model_ids(model)
    assert model.rowCount() == 9
    fetch_all(model)
    assert model_ids(model)[-1] == ids[0]
    assert_in_step(model, store)


def test_restoring_from_the_trash_moves_between_views(store: Store) -> None:
    ids = add_conversations(store, 3, Spec(trashed=[1]))
    trash = ConversationListModel(store)
    trash.set_filter(view="trash")
    active = ConversationListModel(store)
    assert model_ids(trash) == [ids[1]]
    store.conversations.restore(ids[1])
    trash.refresh_conversation(ids[1])
    active.refresh_conversation(ids[1])
    assert trash.rowCount() == 0
    assert model_ids(active) == [ids[2], ids[1], ids[0]]


def test_the_trash_lists_the_most_recently_trashed_first(store: Store, clock: FakeClock) -> None:
    ids = add_conversations(store, 3)
    model = ConversationListModel(store)
    model.set_filter(view="trash")
    for cid in (ids[2], ids[0]):
        clock.advance()
        store.conversations.move_to_trash(cid)
        model.refresh_conversation(cid)
    assert model_ids(model) == [ids[0], ids[2]]
    assert model.index(0).data(ConversationRole.TRASHED_AT) is not None
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsEditable
    assert_in_step(model, store)


def test_streaming_flag_changes_one_role(store: Store) -> None:
    ids = add_conversations(store, 2)
    model = ConversationListModel(store)
    signals = Signals(model)
    model.set_streaming(ids[0], True)
    model.set_streaming(ids[0], True)  # no change, no signal
    row = model.row_of(ids[0])
    assert signals.events == [("changed", row, row, [ConversationRole.STREAMING])]
    assert model.index(row or 0).data(ConversationRole.STREAMING) is True
    model.set_streaming(ids[0], False)
    assert model.index(row or 0).data(ConversationRole.STREAMING) is False


def test_the_streaming_flag_survives_a_reload_and_applies_to_rows_loaded_later(store: Store) -> None:
    ids = add_conversations(store, 15)
    model = ConversationListModel(store, page_size=10)
    model.set_streaming(ids[0], True)  # not loaded yet
    fetch_all(model)
    assert model.index(model.row_of(ids[0]) or 0).data(ConversationRole.STREAMING) is True


def test_unreported_changes_never_make_paging_loop(store: Store) -> None:
    ids = add_conversations(store, 25)
    model = ConversationListModel(store, page_size=10)
    for cid in ids[:15]:  # the unloaded ones jump above the loaded ones, and nobody tells the model
        store.conversations.set_pinned(cid)
    fetch_all(model)  # terminates
    assert len(set(model_ids(model))) == model.rowCount()
    model.reload()
    fetch_all(model)
    assert_in_step(model, store)


# --- filters ---


def test_filters_by_view_and_tag(store: Store) -> None:
    ids = add_conversations(
        store, 6, Spec(archived=[1, 2], trashed=[3], tags={0: ("Work",), 2: ("work",), 3: ("work",), 4: ("home",)})
    )
    model = ConversationListModel(store)
    changes: list[bool] = []
    model.filter_changed.connect(lambda: changes.append(True))
    model.set_filter(tag="work")
    assert model_ids(model) == [ids[0]]
    model.set_filter(tag="WORK", view="archived")
    assert model_ids(model) == [ids[2]]
    model.set_filter(view="trash")
    assert model_ids(model) == [ids[3]]
    model.set_filter(view="trash")  # unchanged: no reset
    assert len(changes) == 3
    assert (model.view, model.tag) == ("trash", None)
    assert model.tag_counts() == [("home", 1), ("Work", 2)]


def test_an_unknown_view_is_refused(store: Store) -> None:
    model = ConversationListModel(store)
    with pytest.raises(ValueError, match="view"):
        model.set_filter(view="everything")  # type: ignore[arg-type]


def test_tagging_and_untagging_move_rows_in_and_out_of_a_tag_filter(store: Store) -> None:
    ids = add_conversations(store, 3, Spec(tags={0: ("work",)}))
    model = ConversationListModel(store)
    model.set_filter(tag="Work")
    store.conversations.add_tag(ids[2], "work")
    model.refresh_conversation(ids[2])
    assert model_ids(model) == [ids[2], ids[0]]
    store.conversations.remove_tag(ids[0], "work")
    model.refresh_conversation(ids[0])
    assert model_ids(model) == [ids[2]]


def test_ensure_loaded_pages_in_until_the_row_is_there(store: Store) -> None:
    ids = add_conversations(store, 35, Spec(archived=[1]))
    model = ConversationListModel(store, page_size=10)
    assert model.ensure_loaded(ids[0]) == 33
    assert model.rowCount() == 34
    assert model.ensure_loaded(ids[1]) is None  # archived: not in this view
    assert model.ensure_loaded(999_999) is None
    assert model.conversation_id_at(33) == ids[0]
    assert model.conversation_id_at(34) is None


# --- inline rename ---


def test_editing_a_title_asks_for_a_rename_and_writes_nothing(store: Store) -> None:
    ids = add_conversations(store, 1, Spec(titles={0: "Old"}))
    model = ConversationListModel(store)
    asked: list[tuple[int, str]] = []
    model.rename_requested.connect(lambda cid, title: asked.append((cid, title)))
    index = model.index(0)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "  New\n title ", Qt.ItemDataRole.EditRole)
    assert not model.setData(index, "   ", Qt.ItemDataRole.EditRole)
    assert not model.setData(index, "Old", Qt.ItemDataRole.EditRole)
    assert not model.setData(index, "X", Qt.ItemDataRole.DisplayRole)
    assert asked == [(ids[0], "New title")]
    assert store.conversation(ids[0]).title == "Old"


# --- search ---


def test_search_finds_titles_first_then_messages_with_their_ids(store: Store) -> None:
    ids = add_conversations(store, 2, Spec(titles={0: "Kalman filters", 1: "Other"}))
    message = store.add_message(ids[1], "assistant", "A kalman filter estimates state.")
    model = SearchResultsModel(store)
    searched: list[str] = []
    model.searched.connect(searched.append)
    model.search("  kalman ")
    assert searched == ["kalman"]
    assert model.query == "kalman"
    assert model.rowCount() == 2
    title_hit, message_hit = model.index(0), model.index(1)
    assert title_hit.data(SearchRole.CONVERSATION_ID) == ids[0]
    assert title_hit.data(SearchRole.MESSAGE_ID) == 0
    assert title_hit.data(SearchRole.ROLE) is None
    assert title_hit.data(SearchRole.SNIPPET_HTML) == "<b>Kalman</b> filters"
    assert message_hit.data(SearchRole.MESSAGE_ID) == message.id
    assert message_hit.data(SearchRole.ROLE) == "assistant"
    assert message_hit.data(SearchRole.TITLE) == "Other"
    assert message_hit.data(SearchRole.CREATED_AT) == message.created_at
    assert message_hit.data() == "Other: A kalman filter estimates state."
    assert model.result_at(1) == (ids[1], message.id)
    assert model.result_at(2) is None


def test_markup_in_model_text_is_escaped_and_only_matches_are_bold(store: Store) -> None:
    (cid,) = add_conversations(store, 1)
    store.add_message(cid, "assistant", 'Use <b>bold</b> and <img src="http://x/y.png"> for the banana.')
    model = SearchResultsModel(store)
    model.search("banana")
    index = model.index(0)
    html = index.data(SearchRole.SNIPPET_HTML)
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;img src=&quot;http://x/y.png&quot;&gt;" in html
    assert html.count("<b>") == 1
    assert html.endswith("<b>banana</b>.")
    snippet = index.data(SearchRole.SNIPPET)
    assert "<b>bold</b>" in snippet  # the plain text is the text as written
    ((start, length),) = index.data(SearchRole.MATCHES)
    assert snippet[start : start + length] == "banana"


def test_broken_query_syntax_finds_nothing_instead_of_raising(store: Store) -> None:
    (cid,) = add_conversations(store, 1)
    store.add_message(cid, "user", "hello world")
    model = SearchResultsModel(store)
    for query in ('"unclosed', "AND (", "NEAR(", "*", ")", "col:umn", "^", '"'):
        model.search(query)  # does not raise
        assert model.query == query.strip()
    model.search('hello "world')
    assert model.rowCount() == 1


def test_search_pages_in_and_a_new_query_resets(store: Store) -> None:
    for cid in add_conversations(store, 12):
        store.add_message(cid, "user", f"pear {cid}")
    model = SearchResultsModel(store, page_size=5)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.search("pear")
    assert model.rowCount() == 5
    assert model.canFetchMore(ROOT)
    fetch_all(model)
    assert model.rowCount() == 12
    assert len({model.index(row).data(SearchRole.CONVERSATION_ID) for row in range(12)}) == 12
    model.clear()
    assert (model.rowCount(), model.query, model.canFetchMore(ROOT)) == (0, "", False)
    assert len(resets) == 2


def test_a_conversation_with_many_matches_is_one_row_with_its_best_match_and_a_count(store: Store) -> None:
    lakes, bread = add_conversations(store, 2, Spec(titles={0: "Lakes", 1: "Bread"}))
    for number in range(5):
        store.add_message(lakes, "user", f"Tell me about lake number {number}")
    best = store.add_message(lakes, "assistant", "A lake, a lake, a lake: the lake district has many lakes.")
    store.add_message(bread, "user", "A loaf by the lake")
    model = SearchResultsModel(store)
    model.search("lake")
    assert [model.index(row).data(SearchRole.CONVERSATION_ID) for row in range(model.rowCount())] == [lakes, bread]
    first = model.index(0)
    assert first.data(SearchRole.MESSAGE_ID) == best.id  # its best match
    assert first.data(SearchRole.MESSAGE_MATCHES) == 6
    assert first.data(SearchRole.MATCHES_COMPLETE) is True
    assert model.index(1).data(SearchRole.MESSAGE_MATCHES) == 1
    assert model.result_at(0) == (lakes, best.id)


def test_search_snippets_are_plain_text_with_only_the_match_marked(store: Store) -> None:
    (cid,) = add_conversations(store, 1)
    store.add_message(cid, "user", "# Test\nGive me a **markdown** table with `code` and [a link](https://x.example)")
    model = SearchResultsModel(store)
    model.search("markdown")
    index = model.index(0)
    snippet = index.data(SearchRole.SNIPPET)
    for syntax in ("#", "**", "`", "](", "https://x.example"):
        assert syntax not in snippet
    assert "Give me a markdown table with code and a link" in snippet.replace("\n", " ")
    ((start, length),) = index.data(SearchRole.MATCHES)
    assert snippet[start : start + length] == "markdown"
    assert index.data(SearchRole.SNIPPET_HTML).count("<b>") == 1


def test_trashed_conversations_are_not_found(store: Store) -> None:
    ids = add_conversations(store, 2, Spec(titles={0: "plum jam", 1: "plum pie"}, trashed=[1]))
    model = SearchResultsModel(store)
    model.search("plum")
    assert [model.index(row).data(SearchRole.CONVERSATION_ID) for row in range(model.rowCount())] == [ids[0]]


@pytest.mark.parametrize(
    ("marked", "text", "matches"),
    [
        ("plain", "plain", ()),
        (f"a {MATCH_START}b{MATCH_END} c {MATCH_START}d{MATCH_END}", "a b c d", ((2, 1), (6, 1))),
        (f"{MATCH_START}{MATCH_START}x{MATCH_END}{MATCH_END}y", "xy", ((0, 1),)),  # nested: one match
        (f"x{MATCH_END}y{MATCH_START}", "xy", ()),  # stray and empty markers: none
        (f"x{MATCH_START}yz", "xyz", ((1, 2),)),  # unclosed: to the end
    ],
)
def test_snippets_parse_even_with_stray_markers(marked: str, text: str, matches: tuple[tuple[int, int], ...]) -> None:
    snippet = Snippet.parse(marked)
    assert (snippet.text, snippet.matches) == (text, matches)


def test_snippet_html_escapes_everything_but_its_own_bold() -> None:
    snippet = Snippet.parse(f"<script>&{MATCH_START}<i>{MATCH_END}")
    assert snippet.to_html() == "&lt;script&gt;&amp;<b>&lt;i&gt;</b>"


# --- tooltips ---


MARKUP_TITLE = '<b>Bold</b> & <img src="/dev/zero"> &amp; more'


def test_a_title_with_markup_shows_as_written_in_the_tooltips(store: Store, qapp: object) -> None:
    # A title may be the model's words (AI titles) or come from an imported file: a tooltip would render it
    # as HTML, and load the image file it names.
    add_conversations(store, 1, Spec(titles={0: MARKUP_TITLE}))
    model = ConversationListModel(store)
    listed = model.index(0)
    assert listed.data(Qt.ItemDataRole.DisplayRole) == MARKUP_TITLE
    assert shown_as_tooltip(listed.data(Qt.ItemDataRole.ToolTipRole)) == MARKUP_TITLE
    results = SearchResultsModel(store)
    results.search("bold")
    assert results.rowCount() == 1
    assert shown_as_tooltip(results.index(0).data(Qt.ItemDataRole.ToolTipRole)) == MARKUP_TITLE
