"""The settings dialog (profiles, tokens, preferences) and the token dialog (add, edit, a new token after a
401), on their own and wired to a real ProfileService with an in-memory keyring and the demo server."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import keyring.backends.fail
import pytest
import pytest_asyncio
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.chat.profiles import Preferences, ProfileDraft, ProfileSummary, TestResult
from app.demo import DemoServer
from app.settings import Profile
from app.ui.settings_dialog import SettingsDialog
from app.ui.token_dialog import TokenDialog
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.waiting import until
from tests.gui.profile_setup import TOKEN, Services

# Showing a top-level window with a layout on the offscreen platform warns about this; it means nothing here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ANTHROPIC = Profile("anthropic-1", "Work", "anthropic", "https://api.anthropic.com", "x-api-key")
GATEWAY = Profile("custom-2", "Gateway", "custom", "https://gw.example.com", "bearer")


@pytest_asyncio.fixture
async def services(tmp_path: Path, memory_keyring: MemoryKeyring, qtbot: QtBot) -> AsyncIterator[Services]:
    s = Services.create(tmp_path / "samtal", memory_keyring)
    yield s
    await s.aclose()


class Answers:
    """The confirm function handed to the dialog: records the questions, gives a fixed answer."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent: QWidget, title: str, text: str, action: str) -> bool:
        self.asked.append(text)
        return self.answer


def _dialog(qtbot: QtBot, confirm: Answers | None = None) -> SettingsDialog:
    dialog = SettingsDialog(confirm=confirm or Answers(True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _row_texts(dialog: SettingsDialog) -> list[str]:
    return [
        dialog.profile_list.item(row).data(Qt.ItemDataRole.AccessibleTextRole)
        for row in range(dialog.profile_list.count())
    ]


def _select(dialog: SettingsDialog, profile_id: str) -> None:
    for row in range(dialog.profile_list.count()):
        if dialog.profile_list.item(row).data(Qt.ItemDataRole.UserRole) == profile_id:
            dialog.profile_list.setCurrentRow(row)
            return
    raise AssertionError(f"{profile_id} is not listed")


def _summaries() -> list[ProfileSummary]:
    return [ProfileSummary(ANTHROPIC, active=True, token="keyring"), ProfileSummary(GATEWAY, False, None)]


# --- the dialog on its own: what it shows and what it asks for ---


def test_profiles_are_listed_with_the_active_one_marked_and_selected(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.empty_label.isVisibleTo(dialog)
    assert not dialog.edit_button.isEnabled()
    dialog.show_profiles(_summaries())
    assert not dialog.empty_label.isVisibleTo(dialog)
    assert _row_texts(dialog) == [
        "Work, Anthropic · token in the keyring, active",
        "Gateway, gw.example.com · Bearer · no token",
    ]
    assert dialog.selected_profile_id() == ANTHROPIC.id
    assert not dialog.activate_button.isEnabled()  # already active
    assert dialog.forget_button.isEnabled()
    _select(dialog, GATEWAY.id)
    assert dialog.activate_button.isEnabled()
    assert not dialog.forget_button.isEnabled()  # no token to forget
    dialog.show_profiles(_summaries())
    assert dialog.selected_profile_id() == GATEWAY.id  # a refresh keeps the selection
    dialog.show_connection("Demo server")
    assert dialog.connection_label.text() == "Requests now go to: Demo server"


def test_make_active_asks_for_that_profile(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.show_profiles(_summaries())
    _select(dialog, GATEWAY.id)
    with qtbot.waitSignal(dialog.activate_requested, timeout=1000) as activated:
        _click(qtbot, dialog.activate_button)
    assert activated.args == [GATEWAY.id]


def test_remove_and_forget_ask_first(qtbot: QtBot) -> None:
    refuse = Answers(False)
    dialog = _dialog(qtbot, refuse)
    dialog.show_profiles(_summaries())
    removed: list[str] = []
    forgotten: list[str] = []
    dialog.remove_requested.connect(removed.append)
    dialog.forget_token_requested.connect(forgotten.append)
    _click(qtbot, dialog.remove_button)
    _click(qtbot, dialog.forget_button)
    assert removed == forgotten == []
    assert "Remove “Work”" in refuse.asked[0]
    assert "conversations are kept" in refuse.asked[0]
    assert "token of “Work”" in refuse.asked[1]
    refuse.answer = True
    _click(qtbot, dialog.remove_button)
    _click(qtbot, dialog.forget_button)
    assert removed == forgotten == [ANTHROPIC.id]


def test_general_options_emit_their_changes_but_not_when_shown(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    seen: list[object] = []
    dialog.send_with_ctrl_enter_changed.connect(seen.append)
    dialog.ai_titles_changed.connect(seen.append)
    dialog.theme_changed.connect(seen.append)
    dialog.show_preferences(Preferences(send_with_ctrl_enter=True, ai_titles=False, theme="dark"))
    assert seen == []
    assert dialog.ctrl_enter_box.isChecked()
    assert dialog.theme_combo.currentData() == "dark"
    assert dialog.ctrl_enter_box.text() == "Ctrl+Enter sends (Enter inserts a newline)"
    assert dialog.ai_titles_box.text() == "Ask the model for conversation titles"

    _click(qtbot, dialog.ctrl_enter_box)
    _click(qtbot, dialog.ai_titles_box)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("light"))
    assert seen == [False, True, "light"]
    assert [dialog.theme_combo.itemData(i) for i in range(dialog.theme_combo.count())] == ["system", "light", "dark"]


# --- wired to the service ---


@pytest.mark.asyncio
async def test_switching_the_active_profile_through_the_service(qtbot: QtBot, services: Services) -> None:
    first = services.profiles.save(ProfileDraft("One", "custom", "https://one.example", "x-api-key", TOKEN)).profile
    second = services.profiles.save(
        ProfileDraft("Two", "custom", "https://two.example", "bearer", TOKEN, activate=False)
    ).profile
    dialog = _dialog(qtbot)
    services.profiles.attach_settings(dialog)
    assert _row_texts(dialog)[0].endswith("active")
    assert dialog.connection_label.text() == "Requests now go to: One"
    _select(dialog, second.id)
    _click(qtbot, dialog.activate_button)
    assert services.settings.active_profile_id == second.id
    assert _row_texts(dialog) == [
        "One, one.example · x-api-key · token in the keyring",
        "Two, two.example · Bearer · token in the keyring, active",
    ]
    assert dialog.connection_label.text() == "Requests now go to: Two"
    _select(dialog, first.id)
    _click(qtbot, dialog.remove_button)
    assert [p.id for p in services.settings.profiles] == [second.id]
    assert dialog.profile_list.count() == 1


@pytest.mark.asyncio
async def test_preferences_are_saved_by_the_service(qtbot: QtBot, services: Services) -> None:
    dialog = _dialog(qtbot)
    services.profiles.attach_settings(dialog)
    changes: list[Preferences] = []
    services.profiles.preferences_changed.connect(changes.append)
    _click(qtbot, dialog.ctrl_enter_box)
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("dark"))
    assert changes[-1] == Preferences(send_with_ctrl_enter=True, ai_titles=False, theme="dark")
    assert '"theme": "dark"' in services.paths.settings.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_adding_a_provider_tests_and_saves_it(
    qtbot: QtBot, services: Services, memory_keyring: MemoryKeyring, demo_server: DemoServer
) -> None:
    dialog = _dialog(qtbot)
    services.profiles.attach_settings(dialog)
    _click(qtbot, dialog.add_button)
    adder = dialog.token_dialog
    assert adder is not None
    assert adder.windowTitle() == "Add a provider"
    form = adder.form
    qtbot.keyClicks(form.name_edit, "Local demo")
    form.provider_combo.setCurrentIndex(form.provider_combo.findData("custom"))
    qtbot.keyClicks(form.base_url_edit, demo_server.url)
    qtbot.keyClicks(form.token_edit, TOKEN)
    _click(qtbot, form.test_button)
    await until(lambda: form.result.headline.text().startswith("Connected"))

    _click(qtbot, adder.save_button)
    assert adder.result() == QDialog.DialogCode.Accepted
    [profile] = services.settings.profiles
    assert profile.name == "Local demo"
    assert memory_keyring.passwords == {("samtal", profile.id): TOKEN}
    assert dialog.token_dialog is None
    assert _row_texts(dialog) == [
        f"Local demo, {demo_server.url.removeprefix('http://')} · x-api-key · token in the keyring, active"
    ]
    assert services.files_containing(TOKEN) == []


@pytest.mark.asyncio
async def test_make_active_without_a_token_asks_for_one(
    qtbot: QtBot, services: Services, memory_keyring: MemoryKeyring
) -> None:
    services.profiles.save(ProfileDraft("One", "anthropic", "", "x-api-key", TOKEN))
    bare = services.profiles.save(ProfileDraft("Bare", "acedata", "", "bearer", TOKEN, activate=False)).profile
    services.profiles.forget_token(bare.id)
    dialog = _dialog(qtbot)
    services.profiles.attach_settings(dialog)
    _select(dialog, bare.id)
    _click(qtbot, dialog.activate_button)
    asker = dialog.token_dialog
    assert asker is not None
    assert asker.purpose == "token"
    assert "“Bare”" in asker.intro.text()
    qtbot.keyClicks(asker.form.token_edit, "sk-ace-fresh-token-77")
    _click(qtbot, asker.save_button)
    assert services.settings.active_profile_id == bare.id
    assert memory_keyring.passwords[("samtal", bare.id)] == "sk-ace-fresh-token-77"


@pytest.mark.asyncio
async def test_editing_keeps_the_token_when_none_is_typed(
    qtbot: QtBot, services: Services, memory_keyring: MemoryKeyring
) -> None:
    profile = services.profiles.save(ProfileDraft("Gw", "custom", "https://gw.example", "bearer", TOKEN)).profile
    dialog = _dialog(qtbot)
    services.profiles.attach_settings(dialog)
    _click(qtbot, dialog.edit_button)
    editor = dialog.token_dialog
    assert editor is not None
    assert editor.form.base_url_edit.text() == "https://gw.example"
    assert editor.form.token_edit.text() == ""
    assert editor.form.token_edit.placeholderText() == "Leave empty to keep the saved token"
    assert editor.save_button.isEnabled()
    editor.form.name_edit.selectAll()
    qtbot.keyClicks(editor.form.name_edit, "Gateway")
    _click(qtbot, editor.save_button)
    assert services.settings.profiles[0].name == "Gateway"
    assert memory_keyring.passwords[("samtal", profile.id)] == TOKEN


# --- the token dialog after a 401 ---


@pytest.mark.asyncio
async def test_update_token_after_a_401(
    qtbot: QtBot, services: Services, memory_keyring: MemoryKeyring, demo_server: DemoServer
) -> None:
    old = services.profiles.save(
        ProfileDraft("Demo", "custom", demo_server.url, "x-api-key", "sk-old-expired-1")
    ).profile
    demo_server.require_token = TOKEN
    dialog = TokenDialog(old, purpose="token", reason="authentication_error: invalid x-api-key (HTTP 401)")
    qtbot.addWidget(dialog)
    services.profiles.attach_form(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Update token"
    assert dialog.intro.text().startswith("authentication_error: invalid x-api-key (HTTP 401)")
    assert dialog.form.base_url_edit.text() == demo_server.url
    assert not dialog.form.base_url_edit.isEnabled()  # the profile is fixed; only the token changes
    assert not dialog.form.name_edit.isVisibleTo(dialog)
    assert dialog.form.token_edit.text() == ""
    assert not dialog.save_button.isEnabled()

    qtbot.keyClicks(dialog.form.token_edit, TOKEN)
    _click(qtbot, dialog.form.test_button)
    await until(lambda: dialog.form.result.headline.text().startswith("Connected"))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _click(qtbot, dialog.save_button)
    assert memory_keyring.passwords[("samtal", old.id)] == TOKEN
    assert services.settings.profiles == [old]
    connection = services.connections.connection
    assert connection is not None
    assert connection.profile_id == old.id
    assert await services.connections.client().list_models()  # the new token works for real requests
    assert dialog.form.token_edit.text() == ""
    assert services.files_containing(TOKEN) == []


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An address that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.asyncio
async def test_closing_the_token_dialog_cancels_its_test(qtbot: QtBot, services: Services, silent_server: str) -> None:
    dialog = TokenDialog()
    qtbot.addWidget(dialog)
    services.profiles.attach_form(dialog)
    dialog.show()
    results: list[object] = []
    services.profiles.test_finished.connect(results.append)
    form = dialog.form
    form.provider_combo.setCurrentIndex(form.provider_combo.findData("custom"))
    qtbot.keyClicks(form.base_url_edit, silent_server)
    qtbot.keyClicks(form.token_edit, TOKEN)
    _click(qtbot, form.test_button)
    await until(lambda: services.profiles.testing)
    dialog.reject()
    assert not services.profiles.testing
    assert form.token_edit.text() == ""
    await services.profiles.aclose()
    assert results == []


def test_a_save_problem_is_shown_in_the_dialog(qtbot: QtBot) -> None:
    dialog = TokenDialog(GATEWAY, purpose="edit")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_save_problem("This provider profile no longer exists.")
    assert dialog.save_problem.isVisibleTo(dialog)
    assert dialog.save_problem.body.text() == "This provider profile no longer exists."
    assert dialog.windowTitle() == "Edit “Gateway”"
    with pytest.raises(ValueError, match="needs a profile"):
        TokenDialog(None, purpose="token")


def _all_label_text(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget))


@pytest.mark.asyncio
async def test_without_a_keyring_every_text_says_the_token_is_kept_for_this_session_only(
    qtbot: QtBot, tmp_path: Path, demo_server: DemoServer
) -> None:
    services = Services.create(tmp_path / "samtal", keyring.backends.fail.Keyring())
    try:
        dialog = _dialog(qtbot)
        services.profiles.attach_settings(dialog)
        await until(lambda: dialog.keyring_notice.isVisibleTo(dialog))  # asked once the dialog is up
        _click(qtbot, dialog.add_button)
        adder = dialog.token_dialog
        assert adder is not None
        assert adder.keyring_notice.isVisibleTo(adder)
        assert "session only" in adder.keyring_notice.body.text()
        assert "keyring, never" not in _all_label_text(adder)  # nothing says the opposite beside it
        form = adder.form
        form.provider_combo.setCurrentIndex(form.provider_combo.findData("custom"))
        qtbot.keyClicks(form.base_url_edit, demo_server.url)
        qtbot.keyClicks(form.token_edit, TOKEN)
        _click(qtbot, adder.save_button)
        [profile] = services.settings.profiles
        assert services.secrets.place(profile.id) == "session"
        [row] = _row_texts(dialog)
        assert "token for this session only" in row
        assert "token in the keyring" not in row
    finally:
        await services.aclose()


@pytest.mark.asyncio
async def test_with_a_keyring_adding_a_provider_says_the_token_goes_there(qtbot: QtBot, services: Services) -> None:
    dialog = _dialog(qtbot)
    services.profiles.attach_settings(dialog)
    _click(qtbot, dialog.add_button)
    adder = dialog.token_dialog
    assert adder is not None
    await until(lambda: "system keyring, never in a file" in adder.intro.text())
    assert not adder.keyring_notice.isVisibleTo(adder)
    assert not dialog.keyring_notice.isVisibleTo(dialog)


def _squeezed(window: QWidget) -> list[str]:
    """The visible fields, buttons and labels of ``window`` that got less height than they need."""
    found = []
    for child in window.findChildren(QWidget):
        if not child.isVisibleTo(window):
            continue
        if isinstance(child, QLabel) and child.wordWrap() and child.text():
            needed = child.heightForWidth(child.width())
        elif isinstance(child, QComboBox | QLineEdit | QPushButton | QCheckBox):
            needed = child.sizeHint().height()
        else:
            continue
        if child.height() < needed:
            found.append(f"{type(child).__name__} {child.objectName() or child.text()!r}: {child.height()} < {needed}")
    return found


@pytest.mark.parametrize("purpose", ["add", "edit"])
def test_the_token_dialog_gives_every_field_its_height_with_a_custom_provider_and_a_test_result(
    qtbot: QtBot, purpose: str
) -> None:
    dialog = TokenDialog(GATEWAY if purpose == "edit" else None, purpose=purpose)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    form.provider_combo.setCurrentIndex(form.provider_combo.findData("custom"))  # a hint of two lines
    qtbot.waitUntil(lambda: not _squeezed(dialog), timeout=2000)
    form.show_test_result(TestResult(ok=False, message="Connection refused", error_type="connection_error"))
    qtbot.waitUntil(lambda: not _squeezed(dialog), timeout=2000)
    dialog.resize(dialog.width() + 200, dialog.height())  # wider, as a window manager may make it
    qtbot.waitUntil(lambda: not _squeezed(dialog), timeout=2000)
    dialog.resize(dialog.minimumWidth(), 10)  # as low as it lets itself be made
    qtbot.waitUntil(lambda: dialog.width() == dialog.minimumWidth(), timeout=2000)
    assert _squeezed(dialog) == []


@pytest.mark.asyncio
async def test_the_api_version_is_chosen_per_profile_said_what_it_changes_and_used(
    qtbot: QtBot, services: Services
) -> None:
    profile = services.profiles.save(ProfileDraft("Gw", "custom", "https://gw.example", "bearer", TOKEN)).profile
    assert profile.api_version == "2023-06-01"
    dialog = _dialog(qtbot)
    services.profiles.attach_settings(dialog)
    _select(dialog, profile.id)
    _click(qtbot, dialog.edit_button)
    editor = dialog.token_dialog
    assert editor is not None
    form = editor.form
    assert form.api_version_combo.accessibleName() == "API version"
    assert form.api_version_combo.currentData() == "2023-06-01"
    assert "sent to the models that take them" in form.api_version_hint.text()
    form.api_version_combo.setCurrentIndex(form.api_version_combo.findData("2026-10-21"))
    assert "refused on every model" in form.api_version_hint.text()
    _click(qtbot, editor.save_button)
    saved = services.settings.profiles[0]
    assert saved.api_version == "2026-10-21"
    assert services.connections.api_version == "2026-10-21"  # the profile in use: its requests say so now
    assert any("API 2026-10-21" in text for text in _row_texts(dialog))
