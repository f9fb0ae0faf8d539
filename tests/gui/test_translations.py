"""The window in another language: every text it shows goes through a catalogue, and in Swedish it speaks
Swedish (Samtal's catalogue and Qt's own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from app.chat.connection import ConnectionManager
from app.chat.pricing import DEFAULT_RULES, PriceTable
from app.chat.profiles import Preferences, ProfileService
from app.demo import DemoServer
from app.language import NAMES, format_number
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Settings
from app.settings.options import LANGUAGE
from app.ui.inspector import InspectorDialog
from app.ui.key_help import ShortcutsDialog, shortcut_groups
from app.ui.main_window import StatusField
from app.ui.output_schema_editor import OutputSchemaDialog
from app.ui.price_table import PriceTableDialog
from app.ui.settings_dialog import SettingsDialog
from app.ui.system_prompt_dialog import SystemPromptDialog
from app.ui.tags_dialog import TagsDialog
from app.ui.token_dialog import TokenDialog
from app.ui.tools_editor import EXAMPLE_TOOLS, ToolsDialog
from app.ui.welcome import WelcomeView
from tests.fixtures import translations
from tests.fixtures.keyrings import MemoryKeyring
from tests.gui import window_harness
from tests.gui.window_harness import Running

PSEUDO = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.mark.asyncio
async def test_every_text_the_window_shows_is_translated(qtbot: QtBot, tmp_path: Path, demo_server: DemoServer) -> None:
    """Under a catalogue that translates every string pyside6-lupdate finds into ⟦itself⟧, a text in the
    window (after a reply), Compare or a dialog without ⟦⟧ is one that can't be translated: a literal never
    passed through tr(), a tr(variable) whose text was not marked, or a string looked up under another
    context than the one lupdate filed it in."""
    qm = translations.pseudo_catalogue(tmp_path)
    with translations.catalogue(qm, PSEUDO):
        running = await window_harness.start_root(tmp_path / "data", demo_server)
        try:
            await running.send(qtbot, "Hello there")
            window = running.root.window
            window.show()
            found = translations.texts(window)
            compare = running.root.compare
            window.commands.compare.trigger()
            found += translations.texts(compare.window)
            settings = SettingsDialog(window)
            running.root.profiles.attach_settings(settings)
            for other in (
                settings,
                ShortcutsDialog(shortcut_groups(window), window),
                InspectorDialog(window),
                PriceTableDialog(PriceTable(DEFAULT_RULES), window),
                TokenDialog(None, window),
                TagsDialog(["work"], [{"work"}], window, subject="Hello there"),
                SystemPromptDialog("Be brief.", window),
                ToolsDialog(window),
                OutputSchemaDialog(window),
                WelcomeView(window),
            ):
                found += translations.texts(other)
                other.deleteLater()
        finally:
            await window_harness.stop_root(running)
    missed = translations.untranslated(found, _data(running))
    assert not missed, "texts on screen that no catalogue can translate:\n" + "\n".join(missed)


@pytest.mark.asyncio
async def test_the_window_started_in_swedish_speaks_swedish(
    qtbot: QtBot, tmp_path: Path, demo_server: DemoServer
) -> None:
    """Samtal's catalogue (menus, composer, status bar, a reply's footer), Qt's own (a dialog's standard
    button) and the locale (numbers: a space between thousands, a decimal comma)."""
    with translations.swedish():
        running = await window_harness.start_root(tmp_path / "data", demo_server)
        try:
            await running.send(qtbot, "Hej")
            window = running.root.window
            menus = [action.text() for action in window.menuBar().actions()]
            commands = window.commands
            new, settings_tip = commands.new_conversation.text(), commands.settings.toolTip()
            composer = running.root.composer
            placeholder, send_tip = composer.edit.placeholderText(), composer.button.toolTip()
            status = [label.text() for label in window.statusBar().findChildren(QLabel)]
            captions = [field.caption() for field in window.statusBar().findChildren(StatusField)]
            footer = [label.text() for label in running.root.transcript.message_views()[-1].findChildren(QLabel)]
            dialog = SettingsDialog(window)
            close = dialog.findChild(QDialogButtonBox).buttons()[0].text()
            tabs = [dialog.tabs.tabText(index) for index in range(dialog.tabs.count())]
            dialog.deleteLater()
            figures = format_number(1024), format_number(0.5, 2)
            running.root.view.open_conversation(running.store.create_conversation().id)  # no title yet
            untitled = window.windowTitle()
        finally:
            await window_harness.stop_root(running)
    assert menus[:2] == ["&Arkiv", "&Redigera"]
    assert new == "&Ny konversation"
    assert settings_tip == "Leverantörer, token och inställningar"
    assert "Skriv till Claude" in placeholder
    assert send_tip == "Skriv ett meddelande eller bifoga en fil för att skicka"  # empty: why it can't send
    assert any(" in · " in text and " ut" in text for text in status)
    assert {"Svar", "Konversation"} <= set(captions)  # the fields' labels
    assert any(" in · " in text and " ut" in text for text in footer)
    assert close == "Stäng"  # Qt's own qtbase_sv
    assert tabs == ["&Leverantörer", "&Allmänt"]
    assert figures == ("1\N{NO-BREAK SPACE}024", "0,50")
    assert untitled == "Ny konversation — Samtal"


def test_the_language_chosen_in_the_settings_is_saved_for_the_next_start(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show_preferences(Preferences(True, False, "dark", "sv"))
    combo = dialog.findChild(QComboBox, "language")
    assert combo.currentData() == "sv"
    assert [combo.itemText(row) for row in range(combo.count())][1:] == ["English", "Svenska"]
    with qtbot.waitSignal(dialog.language_changed) as chosen:
        combo.setCurrentIndex(combo.findData("en"))
    assert chosen.args == ["en"]

    paths = resolve_paths(tmp_path).ensure()
    settings = Settings.load(paths)
    service = ProfileService(
        settings, SecretStore(MemoryKeyring()), ConnectionManager(settings, SecretStore(MemoryKeyring()), paths.cache)
    )
    service.attach_settings(dialog)
    combo.setCurrentIndex(combo.findData("sv"))
    assert Settings.load(paths).get(LANGUAGE) == "sv"
    with pytest.raises(ValueError, match="Unknown language"):
        service.set_language("de")


def _data(running: Running) -> set[str]:
    """What may show untranslated: the user's data and names (the message, the profile, the models), the
    locale's own words in dates and times, and Qt's own texts (qtbase_<lang>.qm translates those)."""
    locale = QLocale()
    models = running.root.connections.models
    return {
        "Hello there",
        "Samtal",
        "Local demo",
        *(model.id for model in models),
        *(model.display_name for model in models),
        *NAMES.values(),
        *(locale.dayName(day) for day in range(1, 8)),
        *(locale.monthName(month) for month in range(1, 13)),
        locale.amText(),
        locale.pmText(),
        "Coordinated Universal Time",
        *EXAMPLE_TOOLS,  # the tools editor's examples, by their names
        "https://gateway.example.com",
        "Close",
        "Cancel",
        "OK",
        "Save",
        "Scroll Left",
        "Scroll Right",
    }
