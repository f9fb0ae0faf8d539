"""Shared test set-up. Qt must be told to draw offscreen before anything imports it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The same generated examples on every run, so that a green suite stays green on a fresh clone (a property
# test that finds a new failure only sometimes would fail CI at random). HYPOTHESIS_PROFILE=explore draws new
# examples each run: use it to look for failures, and keep each one found as a test of its own.
settings.register_profile("samtal", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "samtal"))
os.environ.setdefault("QT_API", "pyside6")

# processes first: the others import it, and pytest rewrites a plugin's asserts only if it loads it first.
pytest_plugins = [
    "tests.fixtures.processes",  # every process a test starts is ended; children get SIGINT back
    "tests.fixtures.timeouts",  # a test that hangs fails alone
    "tests.fixtures.demo",
    "tests.fixtures.keyrings",
    "tests.fixtures.chat",  # a store, connections to the demo server
]

_QT_FIXTURES = {"qtbot", "qapp"}


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Mapping[str, Callable[[], Any]]:
    """Async tests that use Qt run on a qasync loop (so qtbot and asyncio tasks both advance);
    every other async test runs on a plain asyncio loop."""
    if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
        return {"qt": _qasync_loop}
    return {"asyncio": asyncio.new_event_loop}


def _qasync_loop() -> asyncio.AbstractEventLoop:
    from app.event_loop import new_loop  # the app's own loop: qasync with asyncio's async-generator hooks

    return new_loop()


@pytest.fixture(autouse=True)
def _closing_windows_never_quits(request: pytest.FixtureRequest) -> Iterator[None]:
    """In Qt tests, closing a test's last window must not quit the application, which would stop the
    qasync loop under the test (the app sets the same: it quits when its own shutdown is done). The theme
    is the application's (one palette for all windows): a test that shows the dark one leaves the next
    test in the theme it would have on its own."""
    if not _QT_FIXTURES & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("qapp").setQuitOnLastWindowClosed(False)
    _speak_english()
    yield
    _back_to_the_system_theme()
    _back_to_the_system_text_size()


def _back_to_the_system_theme() -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.theme import Appearance

    app = QApplication.instance()
    if isinstance(app, QApplication):
        appearance = Appearance.install(app)
        if appearance.name != "system":
            appearance.set_theme("system")


def _back_to_the_system_text_size() -> None:
    """The text size is the application's font (one for all windows): a test that leaves it larger would
    give the next test wider texts than the widths it measured (only where a window made it: finding it
    must not make one)."""
    from PySide6.QtWidgets import QApplication

    from app.ui.text_size import TextSizes

    app = QApplication.instance()
    sizes = app.findChild(TextSizes, "textSizes") if isinstance(app, QApplication) else None
    if isinstance(sizes, TextSizes) and sizes.percent != 100:
        sizes.set_percent(100)


_english: list[bool] = []


def _speak_english() -> None:
    """Qt tests see the window in English (US) whatever the machine's language, as the app shows it with its
    English catalogue (plural forms) installed; once per session (a test that changes it puts it back)."""
    if not _english:
        from PySide6.QtCore import QLocale

        from app import language

        language.install("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        _english.append(True)


@pytest.fixture(autouse=True)
def _no_provider_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment's provider variables come before the active profile (app.connection): a developer's
    own ANTHROPIC_API_KEY must never take a test's requests to a real API. Tests that want them set them."""
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
