"""The first-run welcome view, driven like a user would, against a real ProfileService, the demo server and
an in-memory (or missing) keyring."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
import pytest_asyncio
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.chat.profiles import ProfileDraft
from app.demo import DemoServer, Redirect
from app.ui.welcome import WelcomeView
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.waiting import until
from tests.gui.profile_setup import TOKEN, Services

# Showing a top-level window with a layout on the offscreen platform warns about this; it means nothing here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest_asyncio.fixture
async def services(tmp_path: Path, memory_keyring: MemoryKeyring, qtbot: QtBot) -> AsyncIterator[Services]:
    s = Services.create(tmp_path / "samtal", memory_keyring)
    yield s
    await s.aclose()


@pytest.fixture
def view(qtbot: QtBot, services: Services) -> WelcomeView:
    welcome = WelcomeView()
    qtbot.addWidget(welcome)
    services.profiles.attach_form(welcome)
    welcome.demo_requested.connect(services.profiles.start_demo)
    welcome.resize(700, 800)
    welcome.show()
    return welcome


def _choose(view: WelcomeView, kind: str) -> None:
    combo = view.form.provider_combo
    combo.setCurrentIndex(combo.findData(kind))


def _fill_custom(qtbot: QtBot, view: WelcomeView, url: str, token: str = TOKEN) -> None:
    _choose(view, "custom")
    qtbot.keyClicks(view.form.base_url_edit, url)
    qtbot.keyClicks(view.form.token_edit, token)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _shown_texts(root: QWidget) -> list[str]:
    """Every text a label, field or window shows or announces."""
    texts = [root.windowTitle(), root.accessibleName(), root.toolTip()]
    for widget in root.findChildren(QWidget):
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(), widget.statusTip()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
    return texts


@pytest.mark.asyncio
async def test_first_run_tests_the_token_then_saves_it_in_the_keyring(
    qtbot: QtBot, view: WelcomeView, services: Services, memory_keyring: MemoryKeyring, demo_server: DemoServer
) -> None:
    assert not view.save_button.isEnabled()  # nothing to save yet
    assert not view.form.test_button.isEnabled()
    await until(lambda: "kept in your system keyring, never in a file" in view.intro.text())
    assert not view.keyring_notice.isVisibleTo(view)
    _fill_custom(qtbot, view, demo_server.url)
    assert view.save_button.isEnabled()

    _click(qtbot, view.form.test_button)
    assert view.form.result.headline.text() == "Testing the connection…"
    await until(lambda: view.form.result.headline.text().startswith("Connected"))
    assert "models are available" in view.form.result.headline.text()
    assert "Claude" in view.form.result.body.text()  # the models, by name
    assert demo_server.requests[-1].headers["x-api-key"] == TOKEN

    with qtbot.waitSignal(services.profiles.saved, timeout=2000) as saved:
        _click(qtbot, view.save_button)
    profile = saved.args[0]
    assert profile.base_url == demo_server.url
    assert memory_keyring.passwords == {("samtal", profile.id): TOKEN}
    assert services.settings.active_profile_id == profile.id
    connection = services.connections.connection
    assert connection is not None
    assert connection.profile_id == profile.id
    assert view.form.token_edit.text() == ""  # the widget no longer holds it
    assert services.files_containing(TOKEN) == []
    assert all(TOKEN not in text for text in _shown_texts(view))


@pytest.mark.asyncio
async def test_a_refused_token_shows_the_error_type_message_and_request_id(
    qtbot: QtBot, view: WelcomeView, demo_server: DemoServer
) -> None:
    demo_server.require_token = "sk-the-right-token-42"
    _fill_custom(qtbot, view, demo_server.url)
    _click(qtbot, view.form.test_button)
    await until(lambda: view.form.result.headline.text() != "Testing the connection…")
    assert view.form.result.headline.text() == "The provider did not accept this token."
    body = view.form.result.body.text()
    assert "invalid x-api-key" in body
    assert "authentication_error" in body
    assert "HTTP 401" in body
    assert "Request id: req_" in body
    assert view.form.result.property("level") == "error"
    assert TOKEN not in body


@pytest.mark.asyncio
async def test_a_refused_redirect_says_so_without_claiming_another_host(
    qtbot: QtBot, view: WelcomeView, demo_server: DemoServer
) -> None:
    for _ in range(21):  # GET /v1/models redirected to itself: a loop
        demo_server.script.push(Redirect("/v1/models"), path="/v1/models")
    _fill_custom(qtbot, view, demo_server.url)
    _click(qtbot, view.form.test_button)
    await until(lambda: view.form.result.headline.text() != "Testing the connection…")
    assert view.form.result.headline.text() == "The server redirected the request, and Samtal did not follow."
    assert "redirect_refused" in view.form.result.body.text()
    assert "again and again" in view.form.result.body.text()
    demo_server.script.clear()


def test_the_token_field_is_masked_and_can_be_shown(qtbot: QtBot, view: WelcomeView) -> None:
    field = view.form.token_edit
    qtbot.keyClicks(field, TOKEN)
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert field.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData
    accessible = QAccessible.queryAccessibleInterface(field)
    assert accessible is not None
    assert accessible.text(QAccessible.Text.Name) == "API token"
    assert TOKEN not in accessible.text(QAccessible.Text.Value)
    assert all(TOKEN not in text for text in _shown_texts(view))

    _click(qtbot, view.form.show_token)
    assert field.echoMode() == QLineEdit.EchoMode.Normal
    assert view.form.show_token.text() == "Hide"
    assert accessible.text(QAccessible.Text.Name) == "API token"  # the name never becomes the content
    _click(qtbot, view.form.show_token)
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert view.form.show_token.text() == "Show"


@pytest.mark.asyncio
async def test_a_custom_provider_asks_for_url_and_auth_and_refuses_an_ftp_url(
    qtbot: QtBot, view: WelcomeView, services: Services, memory_keyring: MemoryKeyring
) -> None:
    form = view.form
    assert not form.base_url_edit.isVisibleTo(view)
    assert not form.auth_combo.isVisibleTo(view)
    assert "api.anthropic.com" in form.provider_hint.text()
    _choose(view, "acedata")
    assert "api.acedata.cloud" in form.provider_hint.text()
    assert not form.base_url_edit.isVisibleTo(view)

    requested: list[ProfileDraft] = []
    view.save_requested.connect(requested.append)
    _fill_custom(qtbot, view, "ftp://files.example.com")
    assert form.base_url_edit.isVisibleTo(view)
    assert form.auth_combo.isVisibleTo(view)
    _click(qtbot, view.save_button)
    assert form.url_problem.isVisibleTo(view)
    assert form.url_problem.text() == "The base URL must start with http:// or https://, not ftp://."
    assert requested == []
    assert memory_keyring.passwords == {}
    assert services.settings.profiles == []

    # Typing again hides the stale problem; Bearer auth is kept with the profile.
    form.base_url_edit.selectAll()
    qtbot.keyClicks(form.base_url_edit, "https://gateway.example.com/v1/")
    assert not form.url_problem.isVisibleTo(view)
    form.auth_combo.setCurrentIndex(form.auth_combo.findData("bearer"))
    with qtbot.waitSignal(services.profiles.saved, timeout=2000) as saved:
        _click(qtbot, view.save_button)
    profile = saved.args[0]
    assert (profile.kind, profile.base_url, profile.auth) == ("custom", "https://gateway.example.com", "bearer")
    assert profile.name == "gateway.example.com"


@pytest.mark.asyncio
async def test_without_a_keyring_the_view_says_so_and_the_token_stays_in_memory(
    qtbot: QtBot, tmp_path: Path, demo_server: DemoServer
) -> None:
    services = Services.create(tmp_path / "samtal", keyring.backends.fail.Keyring())
    try:
        view = WelcomeView()
        qtbot.addWidget(view)
        services.profiles.attach_form(view)
        view.show()
        notice = view.keyring_notice
        qtbot.waitUntil(lambda: notice.isVisibleTo(view), timeout=3000)  # checked once the window is up
        assert notice.property("level") == "warning"
        assert "can't be kept after Samtal quits" in notice.headline.text()
        assert "session only" in notice.body.text()
        assert "ANTHROPIC_API_KEY" in notice.body.text()
        assert not any("keyring, never" in text for text in _shown_texts(view))  # nothing says the opposite

        _fill_custom(qtbot, view, demo_server.url)
        with qtbot.waitSignal(services.profiles.saved, timeout=2000) as saved:
            _click(qtbot, view.save_button)
        assert services.secrets.get(saved.args[0].id) == TOKEN
        assert services.files_containing(TOKEN) == []
        assert not any(TOKEN.encode() in p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_try_the_demo_starts_demo_mode(qtbot: QtBot, view: WelcomeView, services: Services) -> None:
    with qtbot.waitSignal(view.demo_requested, timeout=1000):
        _click(qtbot, view.demo_button)
    assert services.connections.is_demo


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An address that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.asyncio
async def test_a_running_test_can_be_cancelled(
    qtbot: QtBot, view: WelcomeView, services: Services, silent_server: str
) -> None:
    _fill_custom(qtbot, view, silent_server)
    _click(qtbot, view.form.test_button)
    await until(lambda: services.profiles.testing)
    assert view.form.test_button.text() == "Cancel test"
    _click(qtbot, view.form.test_button)
    assert not services.profiles.testing
    assert view.form.result.headline.text() == "Test cancelled."
    assert view.form.test_button.text() == "Test connection"


@pytest.mark.asyncio
async def test_editing_a_field_drops_the_stale_result(qtbot: QtBot, view: WelcomeView, demo_server: DemoServer) -> None:
    _fill_custom(qtbot, view, demo_server.url)
    _click(qtbot, view.form.test_button)
    await until(lambda: view.form.result.headline.text().startswith("Connected"))
    qtbot.keyClicks(view.form.token_edit, "x")
    assert not view.form.result.isVisibleTo(view)


@pytest.mark.asyncio
async def test_a_profile_that_lost_its_token_asks_for_that_token_again(
    qtbot: QtBot, tmp_path: Path, demo_server: DemoServer
) -> None:
    """A restart without a keyring: the profile is in the settings, its token was kept for one session only."""
    from app.gui import Samtal
    from app.paths import resolve_paths
    from app.secrets import SecretStore
    from app.settings import Profile, Settings
    from app.store import Store

    paths = resolve_paths(tmp_path / "samtal").ensure()
    settings = Settings.load(paths)
    profile = Profile("work-1", "Work gateway", "custom", demo_server.url, "x-api-key")
    settings.put_profile(profile, activate=True)
    settings.save()
    store = Store.open(paths.store)
    root = Samtal(paths, settings, store, SecretStore(keyring.backends.fail.Keyring()), smoke=False)
    try:
        root.start(demo=False, profile=None)
        await until(
            lambda: root.providers.welcome is not None and root.window.centre.currentWidget() is root.providers.welcome
        )
        view = root.providers.welcome
        assert "Work gateway" in view.title.text()
        assert "again" in view.title.text()
        assert "not its token" in view.intro.text()
        assert view.form.profile_id == profile.id
        assert view.profile_id == profile.id  # what the window asks, without reaching into the form
        assert view.window().focusWidget() is view.form.token_edit  # the first thing to do there is paste a token
        assert not view.form.provider_combo.isEnabled()  # the profile's provider, as it was
        assert view.form.base_url_edit.text() == demo_server.url
        assert view.other_provider_button.isVisible()

        qtbot.keyClicks(view.form.token_edit, TOKEN)
        _click(qtbot, view.save_button)
        await until(lambda: root.connections.connection is not None)
        assert [p.id for p in settings.profiles] == [profile.id]  # the same profile, no duplicate
        assert root.secrets.place(profile.id) == "session"
        assert root.window.centre.currentWidget() is root.window.chat_area

        view.ask_new_provider()  # the way out: another provider
        assert view.form.profile_id == ""
        assert view.profile_id == ""
        assert view.form.provider_combo.isEnabled()
        assert view.title.text() == "Welcome to Samtal"
        assert not view.other_provider_button.isVisibleTo(view)
    finally:
        root.window.close()
        await asyncio.wait_for(root.finished, 10)
        root.window.deleteLater()
        store.close()
