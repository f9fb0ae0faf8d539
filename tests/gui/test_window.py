"""The whole window, wired by the real composition root, against the demo server: each user flow as a
person would do it (keys, buttons, menu commands), checked in the widgets and in the SQLite store."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.demo import DemoServer, Hang, Reply, Stream, text_events
from app.gui import Samtal
from app.paths import AppPaths, resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from app.store import Store
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.qt import focused

TOKEN = "sk-window-test-93f1c2"


@dataclass
class Running:
    root: Samtal
    store: Store
    paths: AppPaths
    keyring: MemoryKeyring
    server: DemoServer

    async def until(self, predicate: Callable[[], object], timeout: float = 10.0) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while not predicate():
            assert asyncio.get_running_loop().time() < deadline, "timed out"
            await asyncio.sleep(0.01)

    async def send(self, qtbot: QtBot, text: str) -> int:
        """Type ``text`` into the composer and press Enter; wait for the reply to end. Returns its id."""
        composer = self.root.composer
        composer.focus_input()
        qtbot.keyClicks(composer.edit, text)
        finished: list[int] = []
        self.root.controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        await self.until(lambda: finished)
        return finished[0]

    def reply_texts(self) -> list[str]:
        return [view.markdown() for view in self.root.transcript.message_views()]


async def _open(tmp_path: Path, server: DemoServer, keyring: MemoryKeyring) -> tuple[Samtal, Store, AppPaths]:
    paths = resolve_paths(tmp_path / "samtal").ensure()
    settings = Settings.load(paths)
    if not settings.profiles:
        profile = Profile("demo-1", "Local demo", "custom", server.url, "x-api-key")
        settings.put_profile(profile, activate=True)
        settings.save()
        keyring.passwords[("samtal", profile.id)] = TOKEN
    store = Store.open(paths.store)
    root = Samtal(paths, settings, store, SecretStore(keyring), smoke=False)
    root.start(demo=False, profile=None)
    return root, store, paths


async def _close(root: Samtal, store: Store) -> None:
    root.window.close()
    await asyncio.wait_for(root.finished, 10)
    root.window.deleteLater()
    await asyncio.sleep(0)
    store.close()


@pytest_asyncio.fixture
async def app(qtbot: QtBot, tmp_path: Path, demo_server: DemoServer) -> AsyncIterator[Running]:
    keyring = MemoryKeyring()
    root, store, paths = await _open(tmp_path, demo_server, keyring)
    running = Running(root, store, paths, keyring, demo_server)
    await running.until(lambda: root.connections.connection is not None)
    yield running
    if not root.finished.done():
        await _close(root, store)


@pytest.mark.asyncio
async def test_send_streams_into_the_transcript_and_the_store(qtbot: QtBot, app: Running) -> None:
    root = app.root
    assert root.window.centre.currentWidget() is root.window.chat_area  # a profile with a token: straight to chat
    reply_id = await app.send(qtbot, "Show me a table")
    cid = root.current
    assert cid is not None
    path = app.store.path(cid)
    assert [m.role for m in path] == ["user", "assistant"]
    assert path[-1].id == reply_id
    assert path[-1].status == "complete"
    texts = app.reply_texts()
    assert texts[0] == "Show me a table"
    assert "|" in texts[1]
    assert root.composer.text() == ""  # cleared once sent
    assert root.sidebar.current_conversation_id() == cid
    assert root.list_model.row_of(cid) == 0
    assert "Show me a table" in root.window.windowTitle()
    assert "out" in root.window.status.tokens.text()
    assert app.server.requests[-1].headers["x-api-key"] == TOKEN  # the profile's token, from the keyring


@pytest.mark.asyncio
async def test_stop_keeps_the_partial_reply_and_offers_retry_and_continue(qtbot: QtBot, app: Running) -> None:
    root = app.root
    events = text_events("Half of an answer", model="m", chunk=5)
    app.server.script.push(Stream([*events[:5], Hang()]))
    root.composer.focus_input()
    qtbot.keyClicks(root.composer.edit, "hello")
    qtbot.keyClick(root.composer.edit, Qt.Key.Key_Return)
    await app.until(lambda: root.current is not None and root.controller.is_streaming(root.current))
    await app.until(lambda: "Half" in app.reply_texts()[-1])
    assert root.composer.button.text() == "Stop"
    assert root.window.commands.stop.isEnabled()
    root.window.commands.stop.trigger()  # Esc
    await app.until(lambda: root.current is not None and not root.controller.is_streaming(root.current))
    assert root.current is not None
    reply = app.store.path(root.current)[-1]
    assert reply.status == "stopped"
    assert reply.text.startswith("Half")
    box = root.transcript.message_views()[-1].status_box
    assert box is not None
    assert box.retry_button.isVisibleTo(box)
    assert box.continue_button.isVisibleTo(box)
    assert root.composer.button.text() == "Send"


@pytest.mark.asyncio
async def test_error_then_retry_makes_a_second_version(qtbot: QtBot, app: Running) -> None:
    root = app.root
    app.server.script.push(Reply(status=400, headers={"request-id": "req_window_1"}))
    failed = await app.send(qtbot, "hello")
    box = root.transcript.message_views()[-1].status_box
    assert box is not None
    assert "req_window_1" in box.details.toPlainText()
    assert "invalid_request_error" in box.details.toPlainText()
    finished: list[int] = []
    root.controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
    qtbot.mouseClick(box.retry_button, Qt.MouseButton.LeftButton)
    await app.until(lambda: finished)
    last = root.transcript.message_views()[-1]
    assert last.message_id != failed
    navigator = last.navigator
    assert navigator is not None
    assert navigator.label.text() == "2/2"
    # Back to the failed version and forward again: the branch navigator switches what is shown.
    qtbot.mouseClick(navigator.previous_button, Qt.MouseButton.LeftButton)
    await app.until(lambda: root.transcript.message_views()[-1].message_id == failed)
    assert root.current is not None
    assert app.store.path(root.current)[-1].id == failed


@pytest.mark.asyncio
async def test_continue_after_max_tokens(qtbot: QtBot, app: Running) -> None:
    root = app.root
    root.parameters.max_tokens.spin.setValue(10)
    first = await app.send(qtbot, "Tell me a story")
    assert app.store.message(first).stop_reason == "max_tokens"
    assert root.window.commands.continue_reply.isEnabled()
    before = app.store.message(first).text
    finished: list[int] = []
    root.controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
    root.window.commands.continue_reply.trigger()
    await app.until(lambda: finished)
    assert finished == [first]  # the same reply grew
    assert len(app.store.message(first).text) > len(before)
    assert app.reply_texts()[-1].startswith(before.rstrip())


@pytest.mark.asyncio
async def test_edit_makes_a_branch(qtbot: QtBot, app: Running) -> None:
    root = app.root
    await app.send(qtbot, "short question one")
    user_view = root.transcript.message_views()[0]
    finished: list[int] = []
    root.controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
    root.transcript.edit_submitted.emit(user_view.message_id, "short question two")
    await app.until(lambda: finished)
    assert app.reply_texts()[0] == "short question two"
    navigator = root.transcript.message_views()[0].navigator
    assert navigator is not None
    assert navigator.label.text() == "2/2"


@pytest.mark.asyncio
async def test_regenerate_from_the_menu(qtbot: QtBot, app: Running) -> None:
    root = app.root
    first = await app.send(qtbot, "hello")
    finished: list[int] = []
    root.controller.reply_finished.connect(lambda _c, m, _s: finished.append(m))
    root.window.commands.regenerate.trigger()
    await app.until(lambda: finished)
    assert root.current is not None
    assert [m.id for m in app.store.siblings(finished[0])] == [first, finished[0]]


@pytest.mark.asyncio
async def test_search_opens_the_conversation_at_the_message(qtbot: QtBot, app: Running) -> None:
    root = app.root
    await app.send(qtbot, "tell me about zanzibar spices")
    target = root.current
    root.window.commands.new_conversation.trigger()
    await app.send(qtbot, "something else entirely")
    assert root.current != target
    root.window.commands.search.trigger()  # Ctrl+K
    assert focused(root.sidebar.search_field)
    qtbot.keyClicks(root.sidebar.search_field, "zanzibar")
    await app.until(lambda: root.search_model.rowCount() > 0)
    conversation_id, message_id = root.search_model.result_at(0)
    root.sidebar.conversation_activated.emit(conversation_id, message_id)
    assert root.current == target
    assert "zanzibar" in app.reply_texts()[0]


@pytest.mark.asyncio
async def test_rename_pin_tag_trash_and_undo(qtbot: QtBot, app: Running) -> None:
    root = app.root
    await app.send(qtbot, "first")
    cid = root.current
    assert cid is not None
    root.sidebar.rename_requested.emit(cid, "Renamed chat")
    assert app.store.conversation(cid).title == "Renamed chat"
    assert "Renamed chat" in root.window.windowTitle()
    root.sidebar.pin_requested.emit([cid], True)
    assert app.store.conversation(cid).pinned
    assert root.window.commands.toggle_pin.isChecked()
    app.store.add_tag(cid, "work")
    root.list_model.refresh_conversation(cid)
    root.sidebar.trash_requested.emit([cid])
    assert app.store.conversation(cid).in_trash
    assert root.current is None  # the window moved on to a new conversation
    assert root.sidebar.undo_bar.isVisibleTo(root.sidebar)
    qtbot.mouseClick(root.sidebar.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not app.store.conversation(cid).in_trash
    assert root.list_model.row_of(cid) is not None


@pytest.mark.asyncio
async def test_drafts_follow_the_conversation_and_survive_a_restart(qtbot: QtBot, app: Running, tmp_path: Path) -> None:
    root = app.root
    await app.send(qtbot, "first")
    cid = root.current
    qtbot.keyClicks(root.composer.edit, "half-written thought")
    root.window.commands.new_conversation.trigger()
    assert root.composer.text() == ""
    assert cid is not None
    root.open_conversation(cid)
    assert root.composer.text() == "half-written thought"
    await _close(root, app.store)
    # A new process, the same files: the draft is still there.
    root2, store2, _paths = await _open(tmp_path, app.server, app.keyring)
    try:
        root2.open_conversation(cid)
        assert root2.composer.text() == "half-written thought"
    finally:
        await _close(root2, store2)


@pytest.mark.asyncio
async def test_copy_last_reply_and_every_command_is_in_a_menu(qtbot: QtBot, app: Running) -> None:
    root = app.root
    await app.send(qtbot, "short answer please")
    root.window.commands.copy_last_reply.trigger()  # Ctrl+Shift+C
    assert QGuiApplication.clipboard().text() == app.store.path(root.current or 0)[-1].text
    in_menus = {a for top in root.window.menuBar().actions() for a in top.menu().actions()}
    for action in root.window.commands.all():
        assert action in in_menus, action.text()
    shortcuts = {a.shortcut().toString() for a in root.window.commands.all()}
    for key in ("Ctrl+N", "Ctrl+K", "Esc", "Ctrl+Shift+C", "Ctrl+,", "Ctrl+PgUp", "Ctrl+PgDown"):
        assert key in shortcuts


@pytest.mark.asyncio
async def test_a_rejected_token_offers_to_update_it(qtbot: QtBot, app: Running) -> None:
    app.server.require_token = "sk-the-right-one"
    await app.send(qtbot, "hello")
    reply = app.store.path(app.root.current or 0)[-1]
    assert reply.error is not None
    assert reply.error.type == "authentication_error"
    box = app.root.transcript.message_views()[-1].status_box
    assert box is not None
    assert box.update_token_button.isVisibleTo(box)
    assert TOKEN not in box.details.toPlainText()


@pytest.mark.asyncio
async def test_archive_toggles_and_can_be_undone(qtbot: QtBot, app: Running) -> None:
    root = app.root
    await app.send(qtbot, "first")
    cid = root.current
    assert cid is not None
    root.window.commands.archive.trigger()
    assert app.store.conversation(cid).archived
    assert root.list_model.row_of(cid) is None  # gone from the active list
    qtbot.mouseClick(root.sidebar.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not app.store.conversation(cid).archived
    assert root.list_model.row_of(cid) is not None
    root.open_conversation(cid)
    root.window.commands.archive.trigger()
    root.window.commands.show_archived.trigger()
    root.open_conversation(cid)
    assert root.window.commands.archive.text().replace("&", "") == "Unarchive"
    root.window.commands.archive.trigger()  # the same command takes it out of the archive
    assert not app.store.conversation(cid).archived


@pytest.mark.asyncio
async def test_a_restart_reopens_the_last_conversation(qtbot: QtBot, app: Running, tmp_path: Path) -> None:
    await app.send(qtbot, "remember me")
    cid = app.root.current
    await _close(app.root, app.store)
    root2, store2, _paths = await _open(tmp_path, app.server, app.keyring)
    try:
        assert root2.current == cid
        assert root2.transcript.message_views()[0].markdown() == "remember me"
    finally:
        await _close(root2, store2)


@pytest.mark.asyncio
async def test_a_narrow_window_keeps_the_chat_readable(qtbot: QtBot, app: Running) -> None:
    window = app.root.window
    window.resize(900, 600)
    await asyncio.sleep(0.05)
    sizes = window.splitter.sizes()
    assert sizes[1] >= 400  # the side panels gave way (they keep only their minimum widths)
    assert sizes[2] <= window.parameters.minimumSizeHint().expandedTo(window.parameters.minimumSize()).width() + 5


@pytest.mark.asyncio
async def test_dark_theme_applies_to_the_window_and_transcript(qtbot: QtBot, app: Running) -> None:
    from app.render import DARK, LIGHT
    from app.ui.theme import apply_theme, is_dark

    root = app.root
    await app.send(qtbot, "short")
    try:
        root.profiles.set_theme("dark")
        assert is_dark(QGuiApplication.palette())
        assert root.transcript.message_views()[-1].entry.message.id  # still shown after the switch
        assert apply_theme("dark") is DARK
    finally:
        root.profiles.set_theme("system")
    assert apply_theme("system") is LIGHT
