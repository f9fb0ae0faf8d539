"""The conversation library: what it does to whole conversations, what it says changed, and what it asks
(answered by a test's prompts); File ▸ Export: the file name's suffix decides the format, as for `samtal export`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from shiboken6 import isValid as shiboken_valid

from app.chat.library import ConversationLibrary, export_target
from app.store import ReadOnlyStoreError, Store
from tests.fixtures.prompts import FakePrompts

MARKDOWN = "Markdown (*.md)"
JSON = "JSON, lossless (*.json)"


@pytest.mark.parametrize(
    ("path", "chosen", "expected"),
    [
        ("/x/notes.md", JSON, (Path("/x/notes.md"), False)),  # the name wins over the filter
        ("/x/backup.json", MARKDOWN, (Path("/x/backup.json"), True)),
        ("/x/Backup.JSON", MARKDOWN, (Path("/x/Backup.JSON"), True)),
        ("/x/notes.markdown", JSON, (Path("/x/notes.markdown"), False)),
        ("/x/notes", JSON, (Path("/x/notes.json"), True)),  # no suffix: the filter's
        ("/x/notes", MARKDOWN, (Path("/x/notes.md"), False)),
        ("/x/v1.2 notes", MARKDOWN, (Path("/x/v1.2 notes.md"), False)),  # a dot in the name is no suffix
    ],
)
def test_the_suffix_decides_and_a_missing_one_follows_the_filter(
    path: str, chosen: str, expected: tuple[Path, bool]
) -> None:
    assert export_target(path, chosen) == expected


# --- the library ---


@dataclass
class Heard:
    """What the library said, in order: (signal, argument)."""

    events: list[tuple[str, object]] = field(default_factory=list)

    def listen(self, library: ConversationLibrary) -> None:
        for name in ("changed", "removed", "put_away", "store_refused", "notice"):
            getattr(library, name).connect(lambda value, name=name: self.events.append((name, value)))
        library.reloaded.connect(lambda: self.events.append(("reloaded", None)))
        library.tags_changed.connect(lambda: self.events.append(("tags_changed", None)))
        library.undo_offered.connect(lambda text, ids: self.events.append(("undo_offered", (text, ids))))


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def stopped() -> list[int]:
    return []


@pytest.fixture
def library(qtbot: QtBot, store: Store, prompts: FakePrompts, stopped: list[int]) -> ConversationLibrary:
    return ConversationLibrary(store, prompts, stop=stopped.append)


@pytest.fixture
def heard(library: ConversationLibrary) -> Heard:
    heard = Heard()
    heard.listen(library)
    return heard


def _conversation(store: Store, title: str = "Bread") -> int:
    conversation = store.create_conversation(title=title)
    store.add_message(conversation.id, "user", "hello")
    return conversation.id


def test_rename_pin_and_tags_say_what_changed(
    library: ConversationLibrary, store: Store, prompts: FakePrompts, heard: Heard
) -> None:
    cid = _conversation(store)
    heard.events.clear()  # its creation was news too (see below)
    library.rename(cid, "Sourdough")
    library.set_pinned([cid], True)
    prompts.answer("choose_tags", (["baking", "home"], []))
    library.edit_tags([cid])
    conversation = store.conversation(cid)
    assert (conversation.title, conversation.pinned, conversation.tags) == ("Sourdough", True, ("baking", "home"))
    assert heard.events == [("changed", cid), ("changed", cid), ("changed", cid), ("tags_changed", None)]
    assert prompts.asked == [("choose_tags", "“Sourdough”")]


def test_every_write_to_a_conversations_entry_is_news_whoever_made_it(
    library: ConversationLibrary, store: Store, heard: Heard
) -> None:
    """The lists follow the store: a write by the controller (or anyone) is said once per transaction."""
    cid = _conversation(store)  # created, then its first message: two transactions
    assert heard.events == [("changed", cid), ("changed", cid)]
    heard.events.clear()
    store.conversations.set_draft(cid, "not sent yet")  # no list shows a draft
    store.conversations.set_params(cid, {"max_tokens": 64})
    assert heard.events == []
    with store.batch():  # one transaction: one entry to read again
        store.conversations.rename(cid, "Rye")
        store.conversations.add_tag(cid, "baking")
    assert heard.events == [("changed", cid), ("tags_changed", None)]
    heard.events.clear()
    with store.batch():
        store.conversations.rename(cid, "Gone")
        store.conversations.delete(cid)
    assert heard.events == [("removed", cid)]


def test_a_deleted_library_hears_no_more(qtbot: QtBot, store: Store, prompts: FakePrompts) -> None:
    library = ConversationLibrary(store, prompts)
    heard = Heard()
    heard.listen(library)
    library.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(library), timeout=2000)
    store.create_conversation(title="After")  # would reach a deleted QObject (RuntimeError) if still subscribed
    assert heard.events == []


def test_a_rename_asked_for_keeps_a_blank_answer_from_changing_anything(
    library: ConversationLibrary, store: Store, prompts: FakePrompts, heard: Heard
) -> None:
    cid = _conversation(store)
    heard.events.clear()
    prompts.answer("ask_text", "   ", "  Rye  ")
    library.rename_asking(cid)
    assert store.conversation(cid).title == "Bread"
    library.rename_asking(cid)
    assert store.conversation(cid).title == "Rye"
    assert heard.events == [("changed", cid)]


def test_archive_and_trash_put_conversations_away_with_an_undo(
    library: ConversationLibrary, store: Store, heard: Heard, stopped: list[int]
) -> None:
    first, second = _conversation(store), _conversation(store, "Rye")
    heard.events.clear()
    library.set_archived([first], True)
    library.move_to_trash([second, 0])  # 0: the conversation not started yet, which is not in the store
    assert store.conversation(first).archived
    assert store.conversation(second).in_trash
    assert stopped == [second]  # its replies stop before it goes
    assert heard.events == [
        ("changed", first),
        ("put_away", [first]),
        ("undo_offered", ("Archived the conversation", [first])),
        ("changed", second),
        ("put_away", [second]),
        ("undo_offered", ("Moved the conversation to the trash", [second])),
    ]
    heard.events.clear()
    library.restore([first, second])  # Undo
    assert not store.conversation(first).archived
    assert not store.conversation(second).in_trash
    assert heard.events == [("changed", first), ("changed", second)]


def test_deleting_for_good_asks_first(
    library: ConversationLibrary, store: Store, prompts: FakePrompts, heard: Heard, stopped: list[int]
) -> None:
    cid = _conversation(store)
    heard.events.clear()
    library.delete_forever([cid])  # the question is cancelled: nothing happens
    assert store.conversations.count() == 1
    prompts.answer("confirm", True)
    library.delete_forever([cid])
    assert store.conversations.count() == 0
    assert prompts.asked == [("confirm", "Delete permanently")] * 2
    assert stopped == [cid]
    assert heard.events == [("removed", cid), ("put_away", [cid])]


def test_a_write_the_store_refuses_is_reported(tmp_path: Path, qtbot: QtBot, prompts: FakePrompts) -> None:
    path = tmp_path / "store.sqlite3"
    with Store.open(path) as writable:
        cid = _conversation(writable)
    with Store.open(path, read_only=True) as store:
        library = ConversationLibrary(store, prompts)
        heard = Heard()
        heard.listen(library)
        library.rename(cid, "Not now")
        [(name, error)] = heard.events
        assert name == "store_refused"
        assert isinstance(error, ReadOnlyStoreError)


def test_export_then_import_and_outside_changes_reload_the_lists(
    library: ConversationLibrary, store: Store, prompts: FakePrompts, heard: Heard, tmp_path: Path
) -> None:
    cid = _conversation(store)
    heard.events.clear()
    target = tmp_path / "backup"
    prompts.answer("save_file", (str(target), "JSON, lossless (*.json)"))
    library.export_asking([cid])
    assert heard.events == [("notice", f"Exported to {target}.json")]
    assert not library.pick_up_outside_changes()  # its own writes are not news
    with Store.open(tmp_path / "store.sqlite3") as other:  # another process
        other.conversations.rename(cid, "Renamed elsewhere")
    heard.events.clear()
    assert library.pick_up_outside_changes()
    assert heard.events == [("reloaded", None)]
    heard.events.clear()
    prompts.answer("open_file", str(target) + ".json")
    library.import_asking()
    assert heard.events == [("reloaded", None), ("tags_changed", None)]
    [told] = prompts.told
    assert told.title == "Import finished"
    assert not told.warning
