"""The options of a server tool that searches or reads the web (``web_search``, ``web_fetch``): on or off,
the most uses in one reply, and the domains it may (or may not) use; web fetch also takes citations.

The value is the params dict of `app.api.params` (None: the tool is off). Options this editor has no field
for are kept as they came; whether they are right is the rules' to say."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from app.ui.design import Space
from app.ui.form_controls import wheel_only_when_focused

MAX_USES_LIMIT = 100  # the most a spin box offers; the API sets no documented limit
_DOMAIN_SEPARATORS = re.compile(r"[\s,;]+")
_DOMAIN_KEYS = ("allowed_domains", "blocked_domains")


def domains_text(domains: Any) -> str:
    """A list of domains as the field shows it: ``example.com, docs.example.org``."""
    return ", ".join(str(domain) for domain in domains) if isinstance(domains, list) else ""


def parse_domains(text: str) -> list[str]:
    """The domains in a field's text, separated by commas, semicolons or white space."""
    return [part for part in _DOMAIN_SEPARATORS.split(text.strip()) if part]


def shown_options(options: Any, *, fetch: bool) -> dict[str, Any] | None:
    """What `WebToolOptions.value` gives after `WebToolOptions.set_value` of ``options``, without building one:
    a whole number of uses in 0..`MAX_USES_LIMIT` (0 left out), the first domain rule that has domains, for web
    fetch ``citations`` only when true, and the options it has no field for as they came."""
    if not isinstance(options, Mapping):
        return None
    shown = {key: value for key, value in options.items() if key not in ("max_uses", *_DOMAIN_KEYS)}
    max_uses = options.get("max_uses")
    if isinstance(max_uses, int) and not isinstance(max_uses, bool) and (uses := min(max_uses, MAX_USES_LIMIT)) > 0:
        shown["max_uses"] = uses
    rule = next((key for key in _DOMAIN_KEYS if options.get(key)), "")
    if rule and (domains := parse_domains(domains_text(options.get(rule)))):
        shown[rule] = domains
    if fetch:
        shown.pop("citations", None)
        if options.get("citations") is True:
            shown["citations"] = True
    return shown


class WebToolOptions(QWidget):
    """An enable box (the title of the field: ``enable``) and, under it, the tool's options.

    Signals:
        changed(): the user changed the value (turned it on or off, or an option).
    """

    changed = Signal()

    def __init__(self, title: str, *, fetch: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded: dict[str, Any] = {}  # options kept as they came (user_location, a newer version's...)
        self._loading = False
        self._fetch = fetch
        self._refusal = ""
        self.enable = QCheckBox(title, self)
        self.enable.setAccessibleName(title)
        self.max_uses = QSpinBox(self)
        self.max_uses.setRange(0, MAX_USES_LIMIT)
        self.max_uses.setSpecialValueText(self.tr("no limit"))
        self.max_uses.setAccessibleName(self.tr("{tool}: most uses in one reply").format(tool=title))
        self.max_uses.setToolTip(self.tr("How many times the model may use it while writing one reply."))
        self.max_uses.setKeyboardTracking(False)
        self.domain_rule = QComboBox(self)
        self.domain_rule.setAccessibleName(self.tr("{tool}: which domains").format(tool=title))
        self.domain_rule.addItem(self.tr("Any domain"), "")
        self.domain_rule.addItem(self.tr("Only these domains"), "allowed_domains")
        self.domain_rule.addItem(self.tr("Not these domains"), "blocked_domains")
        self.domains = QLineEdit(self)
        self.domains.setPlaceholderText(self.tr("example.com, docs.example.org"))
        self.domains.setAccessibleName(self.tr("{tool}: domains").format(tool=title))
        self.domains.setToolTip(self.tr("Domain names, separated by commas (no https://)."))
        self.citations = QCheckBox(self.tr("Cite the fetched pages"), self)
        self.citations.setToolTip(self.tr("The reply marks the passages it takes from a fetched page."))
        self.citations.setVisible(fetch)
        wheel_only_when_focused(self.max_uses, self.domain_rule)

        uses = QHBoxLayout()
        uses.setContentsMargins(0, 0, 0, 0)
        uses.setSpacing(Space.S)
        uses.addWidget(QLabel(self.tr("Most uses"), self))
        uses.addWidget(self.max_uses, 1)
        self.options = QWidget(self)
        column = QVBoxLayout(self.options)
        column.setContentsMargins(Space.L, 0, 0, 0)  # under the enable box's text
        column.setSpacing(Space.XS)
        column.addLayout(uses)
        column.addWidget(self.domain_rule)
        column.addWidget(self.domains)
        column.addWidget(self.citations)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.XS)
        layout.addWidget(self.options)

        self.enable.toggled.connect(self._on_user_change)
        self.max_uses.valueChanged.connect(self._on_user_change)
        self.domain_rule.currentIndexChanged.connect(self._on_user_change)
        self.domains.textEdited.connect(self._on_user_change)
        self.citations.toggled.connect(self._on_user_change)
        self._apply()

    def value(self) -> dict[str, Any] | None:
        """The tool's options (None: off)."""
        if not self.enable.isChecked():
            return None
        options = {key: value for key, value in self._loaded.items() if key not in ("max_uses", *_DOMAIN_KEYS)}
        if self.max_uses.value():
            options["max_uses"] = self.max_uses.value()
        rule = str(self.domain_rule.currentData())
        domains = parse_domains(self.domains.text())
        if rule and domains:
            options[rule] = domains
        if self._fetch:
            options.pop("citations", None)
            if self.citations.isChecked():
                options["citations"] = True
        return options

    def set_value(self, options: Mapping[str, Any] | None) -> None:
        """Show ``options`` (None: off) without emitting `changed`."""
        self._loading = True
        try:
            loaded = dict(options) if isinstance(options, Mapping) else {}
            self._loaded = loaded
            self.enable.setChecked(options is not None)
            max_uses = loaded.get("max_uses")
            self.max_uses.setValue(max_uses if isinstance(max_uses, int) and not isinstance(max_uses, bool) else 0)
            rule = next((key for key in _DOMAIN_KEYS if loaded.get(key)), "")
            self.domain_rule.setCurrentIndex(max(0, self.domain_rule.findData(rule)))
            self.domains.setText(domains_text(loaded.get(rule)) if rule else "")
            self.citations.setChecked(loaded.get("citations") is True)
        finally:
            self._loading = False
        self._apply()

    def summary(self) -> str:
        """A few words on the options when on ("" when off): ``at most 3, only 2 domains``."""
        options = self.value()
        if options is None:
            return ""
        parts = []
        if options.get("max_uses"):
            parts.append(self.tr("at most {n}").format(n=options["max_uses"]))
        if options.get("allowed_domains"):
            parts.append(self.tr("only {domains}").format(domains=domains_text(options["allowed_domains"])))
        if options.get("blocked_domains"):
            parts.append(self.tr("not {domains}").format(domains=domains_text(options["blocked_domains"])))
        return ", ".join(parts)

    def set_refused(self, reason: str) -> None:
        """The model can't use the tool (``reason``, one clause; "" when it can): it can't be turned on, its
        options are greyed, and the reason is the enable box's tooltip. One that is on can still be turned off."""
        self._refusal = reason
        self.enable.setToolTip(reason)
        self._apply()

    def _apply(self) -> None:
        on = self.enable.isChecked()
        self.enable.setEnabled(not self._refusal or on)
        self.options.setVisible(on)  # compact while off
        self.options.setEnabled(not self._refusal)
        self.domains.setVisible(bool(self.domain_rule.currentData()))

    def _on_user_change(self) -> None:
        self._apply()
        if not self._loading:
            self.changed.emit()
