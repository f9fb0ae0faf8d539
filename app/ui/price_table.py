"""The price table: token prices per model, editable, in USD per million tokens.

Built-in rows (one per model family) can be edited and reset; the user can add rows for other model ids
(a gateway's own names, a new model) and remove those. The dialog edits a copy of a `PriceTable`; the
composition root keeps the result in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.chat.pricing import (
    Price,
    PriceRule,
    PriceTable,
    builtin_rule,
    is_builtin,
    with_price,
)
from app.language import format_number
from app.ui.screen_fit import resize_to_fit

__all__ = ["PriceTableDialog"]

PREFIX, NAME, INPUT, OUTPUT, CACHE_WRITE, CACHE_WRITE_1H, CACHE_READ, WEB_SEARCH = range(8)
_PRICE_FIELDS = {
    INPUT: "input",
    OUTPUT: "output",
    CACHE_WRITE: "cache_write",
    CACHE_WRITE_1H: "cache_write_1h",
    CACHE_READ: "cache_read",
    WEB_SEARCH: "web_search",
}
_CACHE_FIELDS = ("cache_write", "cache_write_1h", "cache_read")  # priced in proportion to the input price
MAX_PRICE = 10_000.0
_DECIMALS = 4
_NEW_PREFIX = "model-id-prefix"
FREE = Price(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def _price_text(value: float) -> str:
    """``3.00``, ``0.30``, ``0.025``: at least two decimals, at most four."""
    text = f"{value:.{_DECIMALS}f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


class _PriceDelegate(QStyledItemDelegate):
    """Prices are edited with a spin box (0 to MAX_PRICE, four decimals) and shown with 2–4 decimals."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QDoubleSpinBox(parent)
        editor.setDecimals(_DECIMALS)
        editor.setRange(0.0, MAX_PRICE)
        editor.setSingleStep(0.1)
        editor.setFrame(False)
        return editor

    def displayText(self, value: object, locale: QLocale | QLocale.Language) -> str:
        return _price_text(value) if isinstance(value, float | int) else super().displayText(value, locale)


class PriceTableDialog(QDialog):
    """Edits token prices; `table` gives the result once accepted."""

    def __init__(self, table: PriceTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prices"))
        resize_to_fit(self, 960, 560)
        self._rules: list[PriceRule] = list(table.rules)
        self._filling = False

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "USD per million tokens, web searches per thousand. A model takes the price of the longest model "
                "id prefix it starts with. Cache writes cost 1.25 × input for 5 minutes and 2 × input for an hour; "
                "what a cache read costs depends on the model. Changing the input price moves the cache prices "
                "along. When the provider reports a cost itself, that cost is shown instead."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.grid = QTableWidget(0, len(_PRICE_FIELDS) + 2, self)
        for column, (title, tip) in enumerate(
            (
                (self.tr("Model id prefix"), self.tr("Model ids starting with this (then a '-' or the end)")),
                (self.tr("Models"), ""),
                (self.tr("Input"), self.tr("Uncached input tokens")),
                (self.tr("Output"), self.tr("Output tokens, thinking included")),
                (self.tr("Cache write"), self.tr("Writing to the prompt cache for 5 minutes")),
                (self.tr("1h write"), self.tr("Writing to the prompt cache for an hour")),
                (self.tr("Cache read"), self.tr("Reading from the prompt cache")),
                (self.tr("Searches"), self.tr("USD per 1,000 web searches (web fetches cost only their tokens)")),
            )
        ):
            header_item = QTableWidgetItem(title)
            header_item.setToolTip(tip)
            self.grid.setHorizontalHeaderItem(column, header_item)
        self.grid.verticalHeader().hide()
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        delegate = _PriceDelegate(self.grid)
        for column in _PRICE_FIELDS:
            self.grid.setItemDelegateForColumn(column, delegate)
        self.grid.itemChanged.connect(self._on_item_changed)
        self.grid.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.grid, 1)

        row_buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add Model"), self)
        self.add_button.setToolTip(self.tr("Add a price for other model ids"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected row you added"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.reset_button = QPushButton(self.tr("Reset Row"), self)
        self.reset_button.setToolTip(self.tr("Give the selected built-in row its original prices"))
        self.reset_button.clicked.connect(self.reset_selected)
        self.defaults_button = QPushButton(self.tr("Restore All Defaults"), self)
        self.defaults_button.clicked.connect(self.restore_defaults)
        for button in (self.add_button, self.remove_button, self.reset_button):
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(self.defaults_button)
        layout.addLayout(row_buttons)

        self.problem_label = QLabel(self)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill()

    # --- the contract ---

    def table(self) -> PriceTable:
        """The prices as edited. Raises ValueError while a prefix is empty or repeated."""
        return PriceTable(self._rules)

    def rules(self) -> list[PriceRule]:
        """The rows as edited, in order."""
        return list(self._rules)

    def add_row(self) -> None:
        """A new row for the user's own model ids (priced like nothing until edited), ready to edit."""
        prefixes = {rule.prefix for rule in self._rules}
        prefix, number = _NEW_PREFIX, 1
        while prefix in prefixes:
            number += 1
            prefix = f"{_NEW_PREFIX}-{number}"
        self._rules.append(PriceRule(prefix, self.tr("My models"), FREE))
        self._fill()
        row = len(self._rules) - 1
        self.grid.selectRow(row)
        self.grid.setCurrentCell(row, PREFIX)
        self.grid.editItem(self.grid.currentItem())

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is not None and not is_builtin(self._rules[row]):
            del self._rules[row]
            self._fill()

    def reset_selected(self) -> None:
        row = self._selected_row()
        original = builtin_rule(self._rules[row].prefix) if row is not None else None
        if row is not None and original is not None:
            self._rules[row] = original
            self._fill()
            self.grid.selectRow(row)

    def restore_defaults(self) -> None:
        self._rules = list(PriceTable.default().rules)
        self._fill()

    # --- internals ---

    def _selected_row(self) -> int | None:
        rows = {index.row() for index in self.grid.selectedIndexes()}
        return rows.pop() if len(rows) == 1 else None

    def _fill(self) -> None:
        self._filling = True
        try:
            self.grid.setRowCount(len(self._rules))
            for row, rule in enumerate(self._rules):
                self._fill_row(row, rule)
        finally:
            self._filling = False
        self._update_buttons()
        self._check()

    def _fill_row(self, row: int, rule: PriceRule) -> None:
        builtin = is_builtin(rule)
        edited = builtin and builtin_rule(rule.prefix) != rule
        free = rule.price == FREE
        # Whether a model is free follows its prices: "(free)" goes when a price is set (a built-in row's
        # name is not editable, so the words can be added to what is shown).
        name = self.tr("{name} (free)").format(name=rule.name) if builtin and free else rule.name
        items = [QTableWidgetItem(rule.prefix), QTableWidgetItem(name)]
        if builtin:
            for item in items:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        for field in _PRICE_FIELDS.values():
            item = QTableWidgetItem()
            item.setData(Qt.ItemDataRole.EditRole, float(getattr(rule.price, field)))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        tip = (
            self.tr("Built-in price, changed by you")
            if edited
            else self.tr("Built-in price")
            if builtin
            else self.tr("Added by you")
        )
        if free:
            tip += "\n" + self.tr("Every price is 0: replies of these models cost $0. Set a price to count their cost.")
        if rule.long_prompt is not None:
            tip += "\n" + self.tr("A prompt longer than {n} tokens costs {factor} × every token price.").format(
                n=format_number(rule.long_prompt.tokens), factor=QLocale().toString(rule.long_prompt.factor, "g")
            )
        for column, item in enumerate(items):
            item.setToolTip(tip)
            font = QFont(item.font())
            font.setBold(edited or not builtin)
            item.setFont(font)
            self.grid.setItem(row, column, item)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, column = item.row(), item.column()
        rule = self._rules[row]
        if column == PREFIX:
            rule = PriceRule(item.text().strip(), rule.name, rule.price)
        elif column == NAME:
            rule = PriceRule(rule.prefix, item.text().strip() or rule.prefix, rule.price)
        else:
            value = float(item.data(Qt.ItemDataRole.EditRole) or 0.0)
            rule = with_price(rule, **{_PRICE_FIELDS[column]: value})
            if column == INPUT:
                rule = with_price(rule, **_cache_prices(self._rules[row].price, value))
        self._rules[row] = rule
        self._filling = True
        try:
            self._fill_row(row, rule)
        finally:
            self._filling = False
        self._update_buttons()
        self._check()

    def _update_buttons(self) -> None:
        row = self._selected_row()
        rule = self._rules[row] if row is not None and row < len(self._rules) else None
        self.remove_button.setEnabled(rule is not None and not is_builtin(rule))
        self.reset_button.setEnabled(rule is not None and is_builtin(rule) and builtin_rule(rule.prefix) != rule)

    def _check(self) -> None:
        try:
            self.table()
        except ValueError as exc:
            problem = str(exc)
        else:
            problem = ""
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


def _cache_prices(old: Price, input_price: float) -> dict[str, float]:
    """The cache prices that go with a new input price: in the same proportion to it as before (a model's
    cache reads may cost 0.1, 0.05 or 0.025 × input), or Anthropic's usual ones when there was none."""
    if old.input > 0:
        return {key: round(getattr(old, key) * input_price / old.input, 6) for key in _CACHE_FIELDS}
    derived = Price.from_base(input_price, old.output)
    return {key: getattr(derived, key) for key in _CACHE_FIELDS}
