"""The real composition root against the demo server, for window-level tests: a profile with a token in an
in-memory keyring, the store in a temporary directory, and bounded waits.

Use the ``running`` fixture (``pytest_plugins`` is not needed: import it into the test module)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest_asyncio
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.chat.compare import MAX_SETS
from app.demo import DemoServer
from app.gui import Samtal
from app.paths import AppPaths, resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from app.store import Store
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.prompts import FakePrompts
from tests.fixtures.waiting import until

TOKEN = "sk-harness-test-5d2e8a"


@dataclass
class Running:
    """A started root, its store, the demo server it talks to, what it keeps across a restart (its directory
    of settings and store, and its keyring), and the prompts that answer its questions instead of dialogs."""

    root: Samtal
    store: Store
    server: DemoServer
    directory: Path
    keyring: MemoryKeyring
    prompts: FakePrompts
    stopped: bool = False

    async def until(self, predicate: Callable[[], object], timeout: float = 10.0) -> None:
        """Let the event loop run until ``predicate()`` is true (fails after ``timeout`` seconds)."""
        await until(predicate, timeout)

    async def finished_reply(self, start: Callable[[], object]) -> int:
        """Call ``start`` (something that starts a reply) and wait for that reply to end. Returns its id."""
        finished: list[int] = []

        def on_finished(_conversation: int, message: int, _status: str) -> None:
            finished.append(message)

        self.root.controller.reply_finished.connect(on_finished)
        try:
            start()
            await self.until(lambda: finished)
        finally:
            self.root.controller.reply_finished.disconnect(on_finished)
        return finished[0]

    async def send(self, qtbot: QtBot, text: str) -> int:
        """Type ``text`` into the composer and press Enter; wait for the reply to end. Returns its id."""
        composer = self.root.composer
        composer.focus_input()
        qtbot.keyClicks(composer.edit, text)
        return await self.finished_reply(lambda: qtbot.keyClick(composer.edit, Qt.Key.Key_Return))

    def reply_texts(self) -> list[str]:
        """The Markdown of every message on screen, in order."""
        return [view.markdown() for view in self.root.transcript.message_views()]

    async def restart(self) -> Running:
        """Stop this root and start another on the same files and keyring, as a new process would.
        The caller stops the one returned."""
        await stop_root(self)
        return await start_root(self.directory, self.server, self.keyring)


def set_up_files(directory: Path, server: DemoServer) -> tuple[AppPaths, Settings, MemoryKeyring]:
    """New files in ``directory`` for a root: a profile on ``server`` (made the active one) and its token in
    a new in-memory keyring."""
    paths = resolve_paths(directory / "samtal").ensure()
    settings = Settings.load(paths)
    keyring = MemoryKeyring()
    # A model with the 4.6 rules, which takes the sampling parameters the tests turn on (the newest demo
    # Sonnet, the default otherwise, sets its own).
    profile = Profile("demo-1", "Local demo", "custom", server.url, "x-api-key", "claude-demo-sonnet-4-6")
    settings.put_profile(profile, activate=True)
    settings.save()
    keyring.passwords[("samtal", profile.id)] = TOKEN
    return paths, settings, keyring


async def start_root(directory: Path, server: DemoServer, keyring: MemoryKeyring | None = None) -> Running:
    """The root on the files in ``directory``, started and connected. Without ``keyring`` the files are
    new (`set_up_files`)."""
    if keyring is None:
        paths, settings, keyring = set_up_files(directory, server)
    else:
        paths = resolve_paths(directory / "samtal").ensure()
        settings = Settings.load(paths)
    store = Store.open(paths.store)
    prompts = FakePrompts()
    root = Samtal(paths, settings, store, SecretStore(keyring), smoke=False, prompts=prompts)
    root.start(demo=False, profile=None)
    running = Running(root, store, server, directory, keyring, prompts)
    await running.until(lambda: root.connections.connection is not None)
    return running


async def stop_root(running: Running) -> None:
    """Close the window, wait for the root's shutdown, close the store (once: later calls do nothing)."""
    if running.stopped:
        return
    running.stopped = True
    root = running.root
    if not root.finished.done():
        if root.compare.window is not None:  # quitting asks which of its replies to keep: all, as most would
            running.prompts.answer("choose_items", list(range(MAX_SETS)))
        root.window.close()
        await asyncio.wait_for(root.finished, 10)
    root.window.deleteLater()
    await asyncio.sleep(0)
    running.store.close()


@pytest_asyncio.fixture
async def running(qtbot: QtBot, tmp_path: Path, demo_server: DemoServer) -> AsyncIterator[Running]:
    """A started root against the test's demo server; shut down after the test."""
    started = await start_root(tmp_path, demo_server)
    yield started
    await stop_root(started)
