"""The model picker: a compact field whose list opens wide enough to show every model's whole name."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.api import ModelInfo
from app.ui.model_picker import ModelPicker

LONG_NAME = "Claude Demo Sonnet (1M context)"


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no raising or grabbing for the popup
def test_the_list_is_as_wide_as_the_longest_name_and_the_field_stays_compact(qtbot: QtBot) -> None:
    picker = ModelPicker()
    qtbot.addWidget(picker)
    picker.set_models([ModelInfo("claude-demo-opus-5", "Claude Demo Opus 5"), ModelInfo("claude-demo-1m", LONG_NAME)])
    picker.resize(140, picker.sizeHint().height())  # a narrow column
    picker.show()
    needed = picker.view().fontMetrics().horizontalAdvance(LONG_NAME)
    assert picker.view().minimumWidth() > needed
    assert picker.sizeHint().width() < needed  # the field itself does not grow to the longest name

    picker.showPopup()
    try:
        popup = picker.view().window()
        assert popup.width() > needed
        row = picker.view().visualRect(picker.model().index(1, 0))
        assert row.width() > needed  # the whole name fits: nothing elided
    finally:
        picker.hidePopup()
        QApplication.processEvents()


def test_a_model_id_with_markup_shows_as_written_in_its_tooltip(qtbot: QtBot) -> None:
    # Model ids come from the provider's /v1/models: a tooltip would render "<b>…" or "<img …>" as HTML.
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as QtGuiNamespace
    from PySide6.QtGui import QTextDocument

    model_id = '<img src="/dev/zero"><b>claude</b> & co'
    picker = ModelPicker()
    qtbot.addWidget(picker)
    picker.set_models([ModelInfo(model_id, "Claude Odd")])
    tip = picker.itemData(0, Qt.ItemDataRole.ToolTipRole)
    shown = tip
    if QtGuiNamespace.mightBeRichText(tip):
        document = QTextDocument()
        document.setHtml(tip)
        shown = document.toPlainText()
    assert shown == model_id
    assert picker.itemData(0) == model_id  # the id itself is kept as it is


def test_deprecated_models_are_marked_and_retired_ones_never_offered(qtbot: QtBot) -> None:
    # Even a provider's (cached) list that still names a retired model: the catalog knows it is gone.
    from PySide6.QtCore import Qt

    picker = ModelPicker()
    qtbot.addWidget(picker)
    picker.set_models(
        [
            ModelInfo("claude-demo-sonnet-5", "Claude Demo Sonnet 5"),
            ModelInfo("claude-demo-opus-4-5", "Claude Demo Opus 4.5"),
            ModelInfo("claude-demo-opus-4-1", "Claude Demo Opus 4.1"),
        ]
    )
    assert [picker.itemData(i) for i in range(picker.count())] == ["claude-demo-sonnet-5", "claude-demo-opus-4-5"]
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "Claude Demo Sonnet 5",
        "Claude Demo Opus 4.5 (deprecated)",  # marked in words: screen readers say it too
    ]
    tip = str(picker.itemData(1, Qt.ItemDataRole.ToolTipRole)).replace("\xa0", " ")
    assert "retires on 2027-01-22" in tip
    assert "claude-demo-opus-5" in tip  # what to use instead
    assert "deprecated" not in str(picker.itemData(0, Qt.ItemDataRole.ToolTipRole)).lower()

    picker.show_model("claude-demo-opus-4-5")
    assert picker.model_id() == "claude-demo-opus-4-5"  # the marked name still reads back as the model
    picker.show_model("claude-demo-opus-4-1")  # a conversation saved with it: shown as its id, typed
    assert picker.model_id() == "claude-demo-opus-4-1"
    assert picker.model_info() is None
