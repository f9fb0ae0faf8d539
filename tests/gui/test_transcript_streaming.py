"""The transcript driven by the real chat controller (real store, real HTTP to the demo server), wired as
the composition root wires it: streaming, stop, errors with Retry, 401 with "Update token"."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.chat.transcript_loader import TranscriptLoader
from app.demo import DemoServer, Hang, Pause, Reply, Stream, text_events
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from app.store import Store
from app.ui.message_blocks import AssistantTextView
from app.ui.transcript import TranscriptView
from tests.fixtures.keyrings import MemoryKeyring
from tests.gui.transcript_samples import REPLY_MARKDOWN

MODEL = "claude-demo-sonnet-4-6"


@pytest_asyncio.fixture
async def controller(
    tmp_path: Path, demo_server: DemoServer, store: Store, qtbot: QtBot
) -> AsyncIterator[ChatController]:
    connections = ConnectionManager(Settings.load(resolve_paths(tmp_path)), SecretStore(MemoryKeyring()), tmp_path)
    assert connections.use_profile(Profile("demo", "Demo", "custom", demo_server.url, "x-api-key"), token="sk-t")
    yield ChatController(store, connections, default_params=lambda: {"model": MODEL})
    await connections.aclose()


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(700, 500)
    return host


@pytest.fixture
def view(window: QWidget, store: Store, controller: ChatController) -> TranscriptView:
    """A transcript in a window, wired to the controller the way the composition root does it."""
    transcript = TranscriptView(window)
    transcript.resize(700, 500)
    window.show()
    loader = TranscriptLoader(store)

    def reload(conversation_id: int) -> None:
        if conversation_id == transcript.conversation_id():
            transcript.show_page(loader.latest(conversation_id))

    def progress(conversation_id: int, message_id: int, partial: dict[str, Any]) -> None:
        if conversation_id == transcript.conversation_id():
            transcript.update_reply(message_id, partial)

    def finished(conversation_id: int, message_id: int, _status: str) -> None:
        if conversation_id == transcript.conversation_id():
            transcript.finish_reply(loader.entry(message_id))

    controller.branch_changed.connect(reload)
    controller.reply_progress.connect(progress)
    controller.reply_finished.connect(finished)
    transcript.retry_requested.connect(controller.retry)
    transcript.continue_requested.connect(controller.continue_reply)
    transcript.regenerate_requested.connect(controller.regenerate)
    transcript.edit_submitted.connect(controller.edit_and_resend)
    transcript.sibling_requested.connect(controller.switch_sibling)
    return transcript


def _open(view: TranscriptView, store: Store) -> int:
    conversation_id = store.create_conversation().id
    view.show_page(TranscriptLoader(store).latest(conversation_id))
    return conversation_id


async def _until(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.01)


@pytest.mark.asyncio
async def test_a_streamed_reply_ends_as_stored(
    qtbot: QtBot, view: TranscriptView, store: Store, controller: ChatController, demo_server: DemoServer
) -> None:
    events = text_events(REPLY_MARKDOWN, model=MODEL, chunk=3)
    demo_server.script.push(Stream([item for event in events for item in (event, Pause(0.002))]))
    shown: list[int] = []  # how much text the reply's view showed after each update

    def record(_cid: int, message_id: int, _partial: dict[str, Any]) -> None:
        message_view = view.message_view(message_id)
        shown.append(len(message_view.markdown()) if message_view is not None else -1)

    controller.reply_progress.connect(record)  # after the view's own slot
    cid = _open(view, store)
    controller.send(cid, "Show me")
    await _until(lambda: not controller.is_streaming(cid))
    stored = store.path(cid)[-1]
    reply = view.message_view(stored.id)
    assert reply is not None
    assert not reply.is_streaming
    assert reply.markdown() == stored.text == REPLY_MARKDOWN
    text = reply.blocks[0]
    assert isinstance(text, AssistantTextView)
    assert (
        text.view.code_block(0)
        == 'def greet(name):\n    """Say hello."""\n    return f"Hello, {name}!"  # <b>not bold</b>'
    )
    assert reply.regenerate_button.isVisible()
    assert any(0 < length < len(REPLY_MARKDOWN) for length in shown)  # it grew while streaming
    assert shown == sorted(shown)
    assert shown[-1] == len(REPLY_MARKDOWN)


@pytest.mark.asyncio
async def test_stop_keeps_the_partial_reply_with_retry_and_continue(
    qtbot: QtBot, view: TranscriptView, store: Store, controller: ChatController, demo_server: DemoServer
) -> None:
    events = text_events("A partial answer that never ends", model=MODEL, chunk=6)
    demo_server.script.push(Stream([*events[:6], Hang()]))
    cid = _open(view, store)
    controller.send(cid, "hello")
    reply_id = store.path(cid)[-1].id
    await _until(lambda: (v := view.message_view(reply_id)) is not None and v.markdown())
    controller.stop(cid)
    await _until(lambda: not controller.is_streaming(cid))
    reply = view.message_view(reply_id)
    assert reply is not None
    assert reply.status_box is not None
    assert reply.status_box.continue_button.isVisible()
    assert reply.status_box.retry_button.isVisible()
    assert reply.markdown() == store.message(reply_id).text


@pytest.mark.asyncio
async def test_an_api_error_shows_type_message_and_request_id_and_retry_makes_a_sibling(
    qtbot: QtBot, view: TranscriptView, store: Store, controller: ChatController, demo_server: DemoServer
) -> None:
    demo_server.script.push(Reply(status=400))  # not retried by the client
    cid = _open(view, store)
    controller.send(cid, "hello")
    await _until(lambda: not controller.is_streaming(cid))
    failed = store.path(cid)[-1]
    assert failed.status == "error"
    assert failed.error is not None
    failed_view = view.message_view(failed.id)
    assert failed_view is not None
    box = failed_view.status_box
    assert box is not None
    details = box.details.plain_text()
    assert failed.error.type in details
    assert failed.error.request_id is not None
    assert failed.error.request_id in details

    box.retry_button.click()  # the demo answers normally this time
    await _until(lambda: store.path(cid)[-1].id != failed.id and not controller.is_streaming(cid))
    retried = view.message_views()[-1]
    assert retried.message_id == store.path(cid)[-1].id
    assert retried.navigator is not None
    assert retried.navigator.label.text() == "2/2"


@pytest.mark.asyncio
async def test_a_rejected_token_offers_update_token(
    qtbot: QtBot, view: TranscriptView, store: Store, controller: ChatController, demo_server: DemoServer
) -> None:
    demo_server.require_token = "sk-another"
    cid = _open(view, store)
    controller.send(cid, "hello")
    await _until(lambda: not controller.is_streaming(cid))
    failed_view = view.message_view(store.path(cid)[-1].id)
    assert failed_view is not None
    assert failed_view.status_box is not None
    with qtbot.waitSignal(view.update_token_requested, timeout=1000):
        failed_view.status_box.update_token_button.click()
