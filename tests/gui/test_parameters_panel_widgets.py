"""The parameters panel's building blocks: the stop sequences list, folding sections, inline problem notes
and the presets bar (its prompts replaced by the test)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.ui.collapsible_section import CollapsibleSection
from app.ui.presets_bar import PresetNameDialog, PresetsBar
from app.ui.problem_note import ProblemNote, Severity, severity_colour
from app.ui.stop_sequences_editor import StopSequencesEditor
from tests.fixtures.qt import shown_as_tooltip, turn_wheel

# --- stop sequences ---


@pytest.fixture
def stops(qtbot: QtBot) -> StopSequencesEditor:
    widget = StopSequencesEditor()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_enter_adds_a_sequence_and_reports_the_list(qtbot: QtBot, stops: StopSequencesEditor) -> None:
    changes: list[list[str]] = []
    stops.changed.connect(changes.append)
    assert not stops.list.isVisibleTo(stops)  # no room taken while empty
    qtbot.keyClicks(stops.entry, " END ")
    qtbot.keyClick(stops.entry, Qt.Key.Key_Return)
    qtbot.keyClicks(stops.entry, "###")
    qtbot.mouseClick(stops.add_button, Qt.MouseButton.LeftButton)
    assert changes == [[" END "], [" END ", "###"]]  # kept exactly: surrounding spaces matter
    assert stops.entry.text() == ""
    assert stops.list.isVisibleTo(stops)
    assert stops.list.count() == 2


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_blank_entries_are_refused_with_a_message(qtbot: QtBot, stops: StopSequencesEditor, text: str) -> None:
    changes: list[list[str]] = []
    stops.changed.connect(changes.append)
    stops.entry.setText(text)
    qtbot.keyClick(stops.entry, Qt.Key.Key_Return)
    assert changes == []
    assert stops.sequences() == []
    assert stops.note.isVisibleTo(stops)
    assert "empty" in stops.note.text()
    assert stops.note.severity == "error"
    qtbot.keyClicks(stops.entry, "x")  # typing again clears the message
    assert not stops.note.isVisibleTo(stops)


def test_a_repeated_sequence_is_refused(qtbot: QtBot, stops: StopSequencesEditor) -> None:
    stops.set_sequences(["STOP"])
    assert not stops.add("STOP")
    assert "already" in stops.note.text()
    assert stops.sequences() == ["STOP"]


def test_remove_selected_with_the_button_or_delete(qtbot: QtBot, stops: StopSequencesEditor) -> None:
    changes: list[list[str]] = []
    stops.changed.connect(changes.append)
    stops.set_sequences(["a", "b\nc", "d"])
    assert changes == []  # showing is not a change
    assert stops.list.item(1).text() == "b⏎c"  # a line break made visible
    assert not stops.remove_button.isEnabled()
    stops.list.item(1).setSelected(True)
    qtbot.mouseClick(stops.remove_button, Qt.MouseButton.LeftButton)
    assert changes[-1] == ["a", "d"]
    stops.list.setCurrentRow(0)
    stops.list.setFocus()
    qtbot.keyClick(stops.list, Qt.Key.Key_Delete)
    assert changes[-1] == ["d"]


# --- sections and notes ---


def test_a_section_folds_and_shows_a_summary_and_badge(qtbot: QtBot) -> None:
    section = CollapsibleSection("Sampling")
    qtbot.addWidget(section)
    section.show()
    changes: list[bool] = []
    section.expanded_changed.connect(changes.append)
    assert section.content.isVisible()
    qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    assert changes == [False]
    assert not section.content.isVisible()
    assert section.header.arrowType() == Qt.ArrowType.RightArrow
    section.set_summary("temp 0.7")
    assert section.summary.text() == "temp 0.7"
    assert not section.badge.isVisibleTo(section)
    section.set_severity("error", "one problem")
    assert section.badge.isVisibleTo(section)
    section.set_severity(None)
    assert not section.badge.isVisibleTo(section)


def test_a_note_takes_the_colour_of_its_worst_message(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    note = ProblemNote(holder)
    holder.show()
    assert not note.isVisible()  # nothing to say
    note.show_messages([("not sent", "warning"), ("refused", "error")])
    assert note.isVisible()
    assert note.severity == "error"
    assert note.text() == "not sent\nrefused"
    colour = note.label.palette().color(QPalette.ColorRole.WindowText)
    assert colour == severity_colour("error", note.palette())
    assert colour != severity_colour("warning", note.palette())
    note.show_messages([])
    assert not note.isVisible()
    assert note.text() == ""


@pytest.mark.parametrize("severity", ["error", "warning", "note"])
def test_a_note_shown_before_a_theme_switch_takes_the_new_themes_colour(qtbot: QtBot, severity: Severity) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    note = ProblemNote(holder)
    holder.show()
    note.show_messages([("something", severity)])
    light = note.label.palette().color(QPalette.ColorRole.WindowText)
    dark = QPalette(holder.palette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        dark.setColor(group, QPalette.ColorRole.Window, QColor("#1f2023"))
        dark.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#8b8e95"))
    holder.setPalette(dark)  # as the dark theme does for the whole application
    colour = note.label.palette().color(QPalette.ColorRole.WindowText)
    assert colour == severity_colour(severity, dark)  # readable on the dark background
    assert colour != light


# --- presets bar ---


@pytest.fixture
def bar(qtbot: QtBot) -> PresetsBar:
    widget = PresetsBar()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_presets({"Creative": {"temperature": 1.0}, "Focused": {"temperature": 0.2}}, "Focused")
    return widget


def test_the_bar_shows_the_matching_preset_and_applies_on_choice(qtbot: QtBot, bar: PresetsBar) -> None:
    applied: list[str] = []
    bar.apply_requested.connect(applied.append)
    bar.show_matching({"temperature": 0.2})
    assert bar.current() == "Focused"
    bar.show_matching({"temperature": 0.3})
    assert bar.current() == ""  # changed since: no preset matches
    bar.picker.activated.emit(0)
    assert applied == ["Creative"]
    assert bar.default() == "Focused"


def test_a_wheel_notch_over_the_picker_applies_no_preset(qtbot: QtBot, bar: PresetsBar) -> None:
    applied: list[str] = []
    bar.apply_requested.connect(applied.append)
    bar.show_matching({"temperature": 0.5})
    bar.menu_button.setFocus()  # the pointer passes over the picker; the focus is elsewhere
    turn_wheel(bar.picker, -1)
    assert applied == []
    assert bar.current() == ""


def _name_dialog(bar: PresetsBar) -> PresetNameDialog:
    dialog = bar.name_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def test_saving_under_a_taken_name_says_it_replaces_and_asks_with_replace(qtbot: QtBot, bar: PresetsBar) -> None:
    saved: list[str] = []
    bar.save_requested.connect(saved.append)
    bar.save_as()
    dialog = _name_dialog(bar)
    dialog.field.setText("  Focused ")
    assert dialog.note.severity == "warning"
    assert "already a preset called “Focused”" in dialog.note.text()
    assert "replaces" in dialog.note.text()
    assert dialog.ok_button.text() == "Replace"
    dialog.field.setText("Focused 2")  # a new name: plainly saved
    assert dialog.note.severity is None
    assert dialog.ok_button.text() == "Save"
    dialog.field.setText("Focused")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert saved == ["Focused"]
    assert bar.name_dialog is None

    bar.save_as()
    _name_dialog(bar).reject()  # cancelled: nothing saved
    assert saved == ["Focused"]


def test_an_empty_preset_name_says_why_it_cannot_be_saved(qtbot: QtBot, bar: PresetsBar) -> None:
    saved: list[str] = []
    bar.save_requested.connect(saved.append)
    bar.show_matching({"temperature": 0.5})  # no preset matches: the name starts empty
    bar.save_as()
    dialog = _name_dialog(bar)
    assert dialog.field.text() == ""
    assert not dialog.ok_button.isEnabled()
    assert dialog.note.text() == "A preset needs a name."
    dialog.field.setText("   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # Enter does not save it either
    assert saved == []
    dialog.field.setText("Warm")
    assert dialog.ok_button.isEnabled()
    assert dialog.note.severity is None
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert saved == ["Warm"]


def test_renaming_refuses_another_presets_name_and_deleting_asks(qtbot: QtBot, bar: PresetsBar) -> None:
    renamed: list[tuple[str, str]] = []
    deleted: list[str] = []
    bar.rename_requested.connect(lambda a, b: renamed.append((a, b)))
    bar.delete_requested.connect(deleted.append)
    bar.rename("Creative")
    dialog = _name_dialog(bar)
    assert dialog.field.text() == "Creative"
    assert dialog.ok_button.isEnabled()  # its own name is no clash
    dialog.field.setText("Focused")
    assert not dialog.ok_button.isEnabled()
    assert dialog.note.severity == "error"
    assert "already a preset called “Focused”" in dialog.note.text()
    dialog.field.setText("Creative 2")
    dialog.accept()
    assert renamed == [("Creative", "Creative 2")]
    bar.rename("Creative")
    _name_dialog(bar).accept()  # unchanged: nothing to rename
    assert renamed == [("Creative", "Creative 2")]

    answers = [False, True]
    asked: list[str] = []

    def confirm(text: str) -> bool:
        asked.append(text)
        return answers.pop(0)

    bar.confirm = confirm
    bar.delete("Creative")  # refused
    bar.delete("Creative")
    assert deleted == ["Creative"]
    assert "Delete the preset “Creative”" in asked[0]


def test_the_menu_lists_presets_for_rename_delete_and_default(qtbot: QtBot, bar: PresetsBar) -> None:
    defaults: list[str] = []
    bar.default_requested.connect(defaults.append)
    menus = {a.text(): a.menu() for a in bar.menu.actions() if a.menu() is not None}
    assert [a.text() for a in menus["Rename"].actions()] == ["Creative", "Focused"]
    assert [a.text() for a in menus["Delete"].actions()] == ["Creative", "Focused"]
    choices = menus["New conversations start with"].actions()
    assert [a.isChecked() for a in choices] == [False, False, True]  # no preset, Creative, Focused
    choices[1].trigger()
    choices[0].trigger()
    assert defaults == ["Creative", ""]


MARKUP = '<b>claude</b> <img src="missing.png"> & more'


def test_tooltips_show_outside_text_as_written(qtbot: QtBot, stops: StopSequencesEditor) -> None:
    # A summary names the model (the provider's name for it, or an id from an imported conversation), a badge
    # quotes problems, a stop sequence may come from an imported conversation: a tooltip reads "<b>…" as markup.
    section = CollapsibleSection("Model")
    qtbot.addWidget(section)
    section.set_summary(MARKUP)
    section.set_severity("error", MARKUP)
    assert section.summary.text() == MARKUP
    assert shown_as_tooltip(section.summary.toolTip()) == MARKUP
    assert shown_as_tooltip(section.badge.toolTip()) == MARKUP
    stops.set_sequences([MARKUP])
    assert shown_as_tooltip(stops.list.item(0).toolTip()) == repr(MARKUP)
