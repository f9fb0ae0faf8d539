"""Settings: the default model of the profile in use (new conversations start with it), the data and logs
folders opened in the file manager, and a way back to the demo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from app.ui.settings_dialog import SettingsDialog
from tests.gui import window_harness
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def _dialog(qtbot: QtBot, running: Running) -> SettingsDialog:
    dialog = SettingsDialog(running.root.window)
    qtbot.addWidget(dialog)
    running.root.profiles.attach_settings(dialog)
    return dialog


@pytest.mark.asyncio
async def test_the_default_model_is_the_profiles_and_new_conversations_start_with_it(
    qtbot: QtBot, running: Running
) -> None:
    root = running.root
    dialog = _dialog(qtbot, running)
    combo = dialog.model_combo
    assert combo.isEnabled()
    ids = [combo.itemData(i) for i in range(combo.count())]
    assert ids[0] == ""  # the provider's default
    other = next(i for i in ids[1:] if i and i != root.parameters.model_id())
    combo.setCurrentIndex(combo.findData(other))
    assert root.settings.active_profile is not None
    assert root.settings.active_profile.default_model == other  # kept in the profile (the command line reads it)
    assert root.parameters.model_id() == other  # the new conversation on screen follows
    await running.send(qtbot, "hello")
    assert root.store.conversation(root.current or 0).params.get("model") == other


@pytest.mark.asyncio
async def test_the_folder_buttons_open_the_data_and_logs_folders(qtbot: QtBot, running: Running) -> None:
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        dialog = _dialog(qtbot, running)
        dialog.show_folders(str(running.root.paths.data), str(running.root.paths.logs))
        dialog.open_folder_requested.connect(running.root.providers.open_folder)
        dialog.data_button.click()
        dialog.logs_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in opened.urls] == [str(running.root.paths.data), str(running.root.paths.logs)]


@pytest.mark.asyncio
async def test_use_the_demo_switches_back_to_the_demo(qtbot: QtBot, running: Running) -> None:
    root = running.root
    dialog = _dialog(qtbot, running)
    assert dialog.demo_button.isEnabled()
    dialog.demo_button.click()
    await running.until(lambda: root.connections.is_demo)
    assert not dialog.demo_button.isEnabled()
    assert not dialog.model_combo.isEnabled()  # the demo chooses its own model


@pytest.mark.asyncio
async def test_the_text_size_choice_goes_to_the_setting(qtbot: QtBot, running: Running) -> None:
    from app.settings.options import TEXT_SIZE

    dialog = _dialog(qtbot, running)
    try:
        dialog.text_size_combo.setCurrentIndex(dialog.text_size_combo.findData(115))
        assert running.root.settings.get(TEXT_SIZE) == 115
        assert running.root.text_sizes.percent == 115
    finally:
        running.root.text_sizes.set_percent(100)
