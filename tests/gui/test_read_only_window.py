"""The window on a store it can't write (a read-only data folder): conversations can be browsed, searched
and their branches switched; typing, sending and every change say why they can't be done; nothing is lost
and nothing is written."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from app.demo import DemoServer
from app.gui import Samtal
from app.secrets import SecretStore
from app.store import Store
from tests.fixtures.prompts import FakePrompts
from tests.fixtures.surroundings import changed, snapshot
from tests.fixtures.waiting import until
from tests.gui.window_harness import set_up_files


@pytest_asyncio.fixture
async def read_only_root(qtbot: QtBot, tmp_path: Path, demo_server: DemoServer) -> AsyncIterator[Samtal]:
    paths, settings, keyring = set_up_files(tmp_path, demo_server)
    with Store.open(paths.store) as store:
        lakes = store.create_conversation("Swedish lakes")
        question = store.add_message(lakes.id, "user", "Which lake is the largest?")
        store.add_message(lakes.id, "assistant", "Vänern.", parent_id=question.id)
        store.add_message(lakes.id, "assistant", "Lake Vänern, by far.", parent_id=question.id)
        store.conversations.set_draft(lakes.id, "a draft kept from before")
    store = Store.open(paths.store, read_only=True)
    root = Samtal(paths, settings, store, SecretStore(keyring), smoke=False, prompts=FakePrompts())
    root.start(demo=False, profile=None)
    await until(lambda: root.connections.connection is not None)
    yield root
    if not root.finished.done():
        root.window.close()
        await asyncio.wait_for(root.finished, 10)
    root.window.deleteLater()
    await asyncio.sleep(0)
    store.close()


NOTICE = "is read-only: you can read and search your conversations, but nothing can be sent or saved."


@pytest.mark.asyncio
async def test_a_read_only_store_is_browsed_and_every_change_says_why_it_cant_be_made(
    read_only_root: Samtal, demo_server: DemoServer
) -> None:
    root = read_only_root
    folder = root.paths.store.parent
    before = snapshot(folder)
    composer = root.composer
    assert composer.edit.isReadOnly()
    assert composer.problem() == f"The data folder {folder} {NOTICE}"

    (lakes,) = root.store.list_conversations()
    root.view.open_conversation(lakes.id)
    await until(lambda: root.transcript.message_views())
    texts = [view.markdown() for view in root.transcript.message_views()]
    assert texts == ["Which lake is the largest?", "Lake Vänern, by far."]
    assert composer.text() == "a draft kept from before"

    # Branches can be switched (for this session: keeping the choice would be a write).
    reply = root.store.path(lakes.id)[-1]
    root.controller.switch_sibling(reply.id, -1)
    await until(lambda: [v.markdown() for v in root.transcript.message_views()][-1] == "Vänern.")

    # Sending, and each change from the list, is refused with the reason; the draft stays.
    requests = len(demo_server.requests)
    root.view.send(composer.text())
    assert composer.text() == "a draft kept from before"
    assert root.window.statusBar().currentMessage() == f"The data folder {folder} {NOTICE}"
    for change in (
        lambda: root.sidebar.rename_requested.emit(lakes.id, "renamed"),
        lambda: root.sidebar.pin_requested.emit([lakes.id], True),
        lambda: root.sidebar.archive_requested.emit([lakes.id], True),
        lambda: root.sidebar.trash_requested.emit([lakes.id]),
        lambda: root.composer.draft_changed.emit("new words"),
    ):
        root.window.statusBar().clearMessage()
        change()
        assert root.window.statusBar().currentMessage() == f"The data folder {folder} {NOTICE}"
    assert len(demo_server.requests) == requests  # nothing was sent
    assert [c.title for c in root.store.list_conversations()] == ["Swedish lakes"]
    assert root.store.list_conversations()[0].pinned is False
    assert changed(before, snapshot(folder)) == []


@pytest.mark.asyncio
async def test_presets_can_be_applied_but_not_saved_in_a_read_only_store(read_only_root: Samtal) -> None:
    folder = read_only_root.paths.store.parent
    read_only_root.presets.save("Focused")
    assert read_only_root.window.statusBar().currentMessage() == f"The data folder {folder} {NOTICE}"
    read_only_root.window.statusBar().clearMessage()
    read_only_root.presets.delete("Focused")
    assert read_only_root.window.statusBar().currentMessage() == f"The data folder {folder} {NOTICE}"
    assert read_only_root.store.presets.all() == []
