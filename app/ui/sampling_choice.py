"""The choice between temperature and top_p for a model that refuses the two together (every current one):
Samtal then sends only one, the one named by the parameters' ``sampling_preference`` (temperature unless
the user picks top_p). Used by the parameters panel and by each parameter set of the compare window."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from app.api.params import Problem, rules_for, thinking_on
from app.api.providers import DEFAULT_API_VERSION
from app.ui.design import Space
from app.ui.problem_note import ProblemNote
from app.ui.problem_words import problem_text


def choice_needed(params: Mapping[str, Any], api_version: str = DEFAULT_API_VERSION) -> bool:
    """Whether ``params`` set both temperature and top_p for a model that takes only one of them under
    ``api_version`` (with extended thinking on, temperature is not sent anyway, and a model that takes
    neither gets neither: nothing to choose)."""
    model = params.get("model")
    if params.get("temperature") is None or params.get("top_p") is None or thinking_on(params):
        return False
    rules = rules_for(model, api_version) if isinstance(model, str) else None
    return rules is not None and rules.sampling and not rules.temperature_with_top_p


class SamplingChoice(QWidget):
    """A note saying what is sent and two radio buttons to pick it; hidden while there is nothing to choose.

    Signals:
        chosen(str): the user picked ``"temperature"`` or ``"top_p"``.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("samplingChoice")
        self.note = ProblemNote(self)
        self.send_temperature = QRadioButton(self.tr("Send temperature"), self)
        self.send_top_p = QRadioButton(self.tr("Send top_p"), self)
        self._group = QButtonGroup(self)
        self._group.addButton(self.send_temperature)
        self._group.addButton(self.send_top_p)
        radios = QVBoxLayout()  # one above the other: the panel and the compare columns may be narrow
        radios.setContentsMargins(Space.L, 0, 0, 0)
        radios.setSpacing(Space.HAIR)
        radios.addWidget(self.send_temperature)
        radios.addWidget(self.send_top_p)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.HAIR)
        layout.addWidget(self.note)
        layout.addLayout(radios)
        self._group.buttonClicked.connect(
            lambda button: self.chosen.emit("top_p" if button is self.send_top_p else "temperature")
        )
        self.hide()

    def show_choice(
        self, params: Mapping[str, Any], problems: Sequence[Problem], api_version: str = DEFAULT_API_VERSION
    ) -> set[str]:
        """Show the choice when ``params`` need it under ``api_version`` (the radio of their
        ``sampling_preference`` checked), with the warnings ``check`` gave both temperature and top_p; returns
        those messages, which the caller need not repeat under the two fields."""
        wanted = choice_needed(params, api_version)
        self.setVisible(wanted)
        if not wanted:
            self.note.show_messages([])
            return set()
        by_field: dict[str, set[str]] = {"temperature": set(), "top_p": set()}
        for problem in problems:
            if problem.field in by_field and not problem.blocking:
                by_field[problem.field].add(problem_text(problem))
        shared = by_field["temperature"] & by_field["top_p"]
        self.note.show_messages(
            [(m, "warning") for m in sorted(shared)]
            or [(self.tr("This model takes temperature or top_p, not both."), "warning")]
        )
        top_p = params.get("sampling_preference") == "top_p"
        (self.send_top_p if top_p else self.send_temperature).setChecked(True)
        return shared
