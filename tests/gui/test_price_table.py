"""The price table dialog: editing built-in prices (cache prices following the input price), resetting,
adding and removing the user's own rows, refusing empty or repeated prefixes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox, QDoubleSpinBox
from pytestqt.qtbot import QtBot

from app.chat.pricing import DEFAULT_RULES, Price, PriceRule, PriceTable, builtin_rule
from app.ui.price_table import (
    CACHE_READ,
    CACHE_WRITE,
    CACHE_WRITE_1H,
    INPUT,
    NAME,
    OUTPUT,
    PREFIX,
    WEB_SEARCH,
    PriceTableDialog,
)


@pytest.fixture
def dialog(qtbot: QtBot) -> PriceTableDialog:
    widget = PriceTableDialog(PriceTable.default())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _row(dialog: PriceTableDialog, prefix: str) -> int:
    return next(row for row, rule in enumerate(dialog.rules()) if rule.prefix == prefix)


def _set(dialog: PriceTableDialog, row: int, column: int, value: object) -> None:
    item = dialog.grid.item(row, column)
    assert item is not None
    item.setData(Qt.ItemDataRole.EditRole, value)


def _shown(dialog: PriceTableDialog, row: int, column: int) -> str:
    """The text a cell shows (prices are formatted by the column's delegate)."""
    index = dialog.grid.model().index(row, column)
    value = index.data(Qt.ItemDataRole.DisplayRole)
    return dialog.grid.itemDelegateForIndex(index).displayText(value, QLocale())


def _ok(dialog: PriceTableDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_shows_every_builtin_rule_with_its_prices(dialog: PriceTableDialog) -> None:
    assert dialog.grid.rowCount() == len(DEFAULT_RULES)
    row = _row(dialog, "claude-opus-4")
    texts = [_shown(dialog, row, column) for column in range(8)]
    assert texts == ["claude-opus-4", "Claude Opus 4 and 4.1", "15.00", "75.00", "18.75", "30.00", "1.50", "10.00"]
    assert _shown(dialog, _row(dialog, "claude-haiku-5-5"), CACHE_READ) == "0.01"
    assert _shown(dialog, _row(dialog, "claude-demo"), WEB_SEARCH) == "0.00"
    haiku = dialog.grid.item(_row(dialog, "claude-haiku-5-5"), INPUT)
    assert haiku is not None
    assert "longer than 100,000 tokens costs 5 ×" in haiku.toolTip()
    prefix_item = dialog.grid.item(row, PREFIX)
    assert prefix_item is not None
    assert not prefix_item.flags() & Qt.ItemFlag.ItemIsEditable  # a built-in row keeps its prefix
    assert dialog.table() == PriceTable.default()


def test_editing_the_input_price_moves_the_cache_prices_along_in_proportion(dialog: PriceTableDialog) -> None:
    row = _row(dialog, "claude-sonnet-4")
    _set(dialog, row, INPUT, 4.0)
    rule = dialog.rules()[row]
    assert rule.price == Price(4.0, 15.0, 5.0, 0.4, 8.0, 10.0)
    # A model whose cache reads cost less than 0.1 × input keeps its own proportion.
    opus = _row(dialog, "claude-opus-5-5")
    _set(dialog, opus, INPUT, 8.0)
    assert dialog.rules()[opus].price == Price(8.0, 20.0, 10.0, 0.4, 16.0, 10.0)
    # A cache price set by hand moves along from there.
    _set(dialog, row, CACHE_READ, 0.2)
    _set(dialog, row, INPUT, 2.0)
    assert dialog.rules()[row].price == Price(2.0, 15.0, 2.5, 0.1, 4.0, 10.0)
    _set(dialog, row, OUTPUT, 9.5)
    _set(dialog, row, CACHE_WRITE, 2.2)
    _set(dialog, row, CACHE_WRITE_1H, 3.5)
    _set(dialog, row, WEB_SEARCH, 12.0)
    assert dialog.table().rule_for("claude-sonnet-4-5") == PriceRule(
        "claude-sonnet-4", "Claude Sonnet 4 to 4.6", Price(2.0, 9.5, 2.2, 0.1, 3.5, 12.0)
    )
    item = dialog.grid.item(row, NAME)
    assert item is not None
    assert item.font().bold()  # changed rows stand out
    assert "changed" in item.toolTip()


def test_reset_row_and_restore_all_defaults(qtbot: QtBot, dialog: PriceTableDialog) -> None:
    row = _row(dialog, "claude-haiku-5-5")
    dialog.grid.selectRow(row)
    assert not dialog.reset_button.isEnabled()  # nothing to reset yet
    assert not dialog.remove_button.isEnabled()  # built-in rows stay
    _set(dialog, row, OUTPUT, 50.0)
    dialog.grid.selectRow(row)
    assert dialog.reset_button.isEnabled()
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert dialog.rules()[row] == builtin_rule("claude-haiku-5-5")

    _set(dialog, _row(dialog, "claude-opus"), INPUT, 1.0)
    dialog.add_row()
    assert dialog.table() != PriceTable.default()
    qtbot.mouseClick(dialog.defaults_button, Qt.MouseButton.LeftButton)
    assert dialog.table() == PriceTable.default()


def test_the_users_own_rows_can_be_added_edited_and_removed(qtbot: QtBot, dialog: PriceTableDialog) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    row = dialog.grid.rowCount() - 1
    assert dialog.grid.currentRow() == row
    dialog.grid.item(row, PREFIX).setText("proxy-sonnet")  # type: ignore[union-attr]
    dialog.grid.item(row, NAME).setText("My proxy's Sonnet")  # type: ignore[union-attr]
    _set(dialog, row, INPUT, 2.0)
    _set(dialog, row, OUTPUT, 10.0)
    rule = dialog.table().rule_for("proxy-sonnet-5")
    assert rule == PriceRule("proxy-sonnet", "My proxy's Sonnet", Price(2.0, 10.0, 2.5, 0.2, 4.0, 0.0))
    expected = {"name": "My proxy's Sonnet", "input": 2.0, "output": 10.0, "cache_write": 2.5, "cache_read": 0.2}
    expected |= {"cache_write_1h": 4.0, "web_search": 0.0}
    assert dialog.table().overrides() == {"proxy-sonnet": expected}
    dialog.grid.selectRow(row)
    assert dialog.remove_button.isEnabled()
    assert not dialog.reset_button.isEnabled()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.table() == PriceTable.default()


def test_empty_or_repeated_prefixes_are_refused(dialog: PriceTableDialog) -> None:
    dialog.add_row()
    dialog.add_row()
    first, second = dialog.grid.rowCount() - 2, dialog.grid.rowCount() - 1
    assert dialog.rules()[first].prefix != dialog.rules()[second].prefix  # new rows get distinct prefixes
    assert _ok(dialog)
    dialog.grid.item(second, PREFIX).setText("claude-sonnet")  # type: ignore[union-attr]
    assert not _ok(dialog)
    assert "only one price" in dialog.problem_label.text()
    assert dialog.problem_label.isVisible()
    dialog.grid.item(second, PREFIX).setText("  ")  # type: ignore[union-attr]
    assert not _ok(dialog)
    assert "needs a model prefix" in dialog.problem_label.text()
    with pytest.raises(ValueError, match="prefix"):
        dialog.table()
    dialog.grid.item(second, PREFIX).setText("my-model")  # type: ignore[union-attr]
    assert _ok(dialog)
    assert not dialog.problem_label.isVisible()


def test_a_price_is_edited_with_a_spin_box(qtbot: QtBot, dialog: PriceTableDialog) -> None:
    row = _row(dialog, "claude-opus-4-5")
    item = dialog.grid.item(row, OUTPUT)
    assert item is not None
    dialog.grid.setCurrentItem(item)
    dialog.grid.editItem(item)
    spin = dialog.grid.findChild(QDoubleSpinBox)
    assert spin is not None
    assert spin.decimals() == 4
    assert spin.value() == 25.0
    spin.selectAll()
    qtbot.keyClicks(spin, "30.125")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.rules()[row].price.output == 30.125, timeout=2000)  # committed when queued
    assert _shown(dialog, row, OUTPUT) == "30.125"


def test_a_free_row_says_so_only_while_every_price_is_zero(dialog: PriceTableDialog) -> None:
    row = _row(dialog, "claude-demo")
    assert _shown(dialog, row, NAME) == "Samtal demo models (free)"
    _set(dialog, row, INPUT, 3.0)  # the user prices the demo models
    assert _shown(dialog, row, NAME) == "Samtal demo models"  # not "free" with a price set
    assert "cost $0" not in (dialog.grid.item(row, NAME).toolTip())  # type: ignore[union-attr]
    _set(dialog, row, INPUT, 0.0)
    assert _shown(dialog, row, NAME) == "Samtal demo models (free)"
    sonnet = _row(dialog, "claude-sonnet")
    for column in (INPUT, OUTPUT, CACHE_WRITE, CACHE_WRITE_1H, CACHE_READ, WEB_SEARCH):
        _set(dialog, sonnet, column, 0.0)
    assert _shown(dialog, sonnet, NAME).endswith(" (free)")  # zero prices mean free, for any built-in row
    assert "cost $0" in dialog.grid.item(sonnet, INPUT).toolTip()  # type: ignore[union-attr]
    assert dialog.table().rule_for("claude-demo-sonnet-5").name == "Samtal demo models"  # type: ignore[union-attr]
