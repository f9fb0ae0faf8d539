"""The models Samtal knows without asking a provider: what each accepts and how long it lives (Qt-free).

The data is in ``app/api/data/models.json`` (package data; its ``sources`` say where the facts come from).
It lists model *families* by id prefix, newest first within each line (opus, sonnet, haiku, fable,
mythos; the demo server's models have lines of their own, ``demo-sonnet``...), each with:

- ``display_name``, ``line``, ``listed`` (a model id that can be asked for, shown among the built-in
  models; false for a prefix that only gives rules, such as ``claude-opus``), ``demo`` (the demo server's);
- ``max_input_tokens`` and ``max_tokens``;
- ``sampling``: whether temperature, top_p and top_k are accepted, and temperature with top_p together;
- ``thinking_off``: whether ``thinking: {"type": "disabled"}`` is accepted (Fable and Mythos always think);
- ``server_tools``: the server tools it can use (``web_search``, ``web_fetch``);
- ``capabilities``: in the shape of ``GET /v1/models``'s ``capabilities`` (thinking types, effort levels,
  structured outputs, citations, image and PDF input...); those a provider sends win over these;
- ``lifecycle``: ``{"status": "active"}``, ``{"status": "deprecated", "retires": "YYYY-MM-DD"}`` or
  ``{"status": "retired", "retired": "YYYY-MM-DD" | null}``.

A model id is matched to the longest prefix in the file that ends where the id ends or at a separator
(``-``, ``@``, ``:``, ``.``, ``_``), after any platform prefix before ``claude-`` (``us.anthropic.``):
``claude-opus-4-7-20260415`` is ``claude-opus-4-7``, an unknown newer ``claude-opus-6`` is ``claude-opus``
(whose rules are the newest family's), and an id that is not Claude's matches nothing.

Prices are not here (`app.chat.pricing`); what a request may hold is decided by `app.api.params`, from this.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from app.api.models import ModelInfo

__all__ = [
    "Catalog",
    "Family",
    "Lifecycle",
    "catalog",
    "default_model",
    "family_of",
    "lifecycle_of",
    "successor_of",
]

CATALOG_FILE: Final = Path(__file__).parent / "data" / "models.json"  # package data (and in the bundle)
LifecycleStatus = Literal["active", "deprecated", "retired"]
_SEPARATORS: Final = "-@:._/"


@dataclass(frozen=True)
class Lifecycle:
    """Where a model is in its life: ``active``; ``deprecated`` (``date``: when it retires); ``retired``
    (``date``: when it did, None when not known). A request to a retired model fails (404)."""

    status: LifecycleStatus
    date: str | None = None

    def on(self, today: datetime.date) -> Lifecycle:
        """This lifecycle as it stands on ``today``: a deprecated model is retired from its date on."""
        if self.status == "deprecated" and self.date is not None and self.date <= today.isoformat():
            return Lifecycle("retired", self.date)
        return self

    def describe(self) -> str:
        """``active``, ``deprecated, retires 2027-01-22``, ``retired 2026-08-05`` or ``retired``."""
        if self.status == "deprecated":
            return f"deprecated, retires {self.date}" if self.date else "deprecated"
        if self.status == "retired":
            return f"retired {self.date}" if self.date else "retired"
        return "active"


@dataclass(frozen=True)
class Family:
    """One entry of the catalog (see the module docstring for what each field means)."""

    id: str
    display_name: str
    line: str
    listed: bool
    demo: bool
    max_input_tokens: int | None
    max_tokens: int | None
    sampling: bool
    temperature_with_top_p: bool
    thinking_off: bool
    server_tools: frozenset[str]
    capabilities: Mapping[str, Any] = field(repr=False)
    lifecycle: Lifecycle

    def model_info(self) -> ModelInfo:
        """This family as a model to offer (capabilities None: they are the catalog's, not a provider's)."""
        return ModelInfo(self.id, self.display_name, None, self.max_input_tokens, self.max_tokens)


class Catalog:
    """The families of ``models.json`` and the questions asked of them. Use `catalog()` for the built-in one."""

    def __init__(self, families: Sequence[Family], *, default_model: str, demo_default_model: str) -> None:
        self.families = tuple(families)
        self.default_model = default_model
        self.demo_default_model = demo_default_model
        self._by_id = {family.id: family for family in self.families}
        self._order = {family.id: index for index, family in enumerate(self.families)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Catalog:
        """Read the file's JSON. Raises ValueError (KeyError, TypeError) when it is not a catalog."""
        if data.get("format") != "samtal.models" or data.get("version") != 1:
            raise ValueError("not a samtal.models file of version 1")
        families = [_family(entry) for entry in data["families"]]
        return cls(
            families, default_model=str(data["default_model"]), demo_default_model=str(data["demo_default_model"])
        )

    def family(self, model_id: str) -> Family | None:
        """The family of ``model_id``: the longest matching prefix (see the module docstring), or None."""
        name = _claude_name(model_id)
        if name is None:
            return None
        for end in range(len(name), 0, -1):
            if end == len(name) or name[end] in _SEPARATORS:
                found = self._by_id.get(name[:end])
                if found is not None:
                    return found
        return None

    def lifecycle(self, model_id: str, today: datetime.date | None = None) -> Lifecycle | None:
        """The lifecycle of ``model_id`` on ``today`` (default: today); None for a model the file doesn't know."""
        family = self.family(model_id)
        if family is None:
            return None
        return family.lifecycle.on(today or datetime.date.today())

    def current(self, *, demo: bool = False, today: datetime.date | None = None) -> list[Family]:
        """The models that can be asked for today, newest first within each line: listed, not retired;
        the demo server's (``demo``) or the real ones."""
        day = today or datetime.date.today()
        return [
            family
            for family in self.families
            if family.listed and family.demo == demo and family.lifecycle.on(day).status != "retired"
        ]

    def models(self, *, demo: bool = False, today: datetime.date | None = None) -> list[ModelInfo]:
        """`current` as models to offer before (or instead of) a provider's list."""
        return [family.model_info() for family in self.current(demo=demo, today=today)]

    def successor_of(
        self, model_id: str, available: Iterable[str] | None = None, *, today: datetime.date | None = None
    ) -> str | None:
        """The model to use instead of ``model_id``: the newest active model of the same line (Opus for
        an Opus, the demo's Opus for a demo Opus...) that is newer than it (any, for an id known only by its
        line's prefix). With ``available`` (the ids a provider lists), the newest of those that is such a
        model, when there is one. None for an id the file doesn't know, or when nothing newer exists."""
        family = self.family(model_id)
        if family is None:
            return None
        day = today or datetime.date.today()

        def newer(other: Family | None) -> bool:
            return (
                other is not None
                and other.line == family.line
                and other.listed
                and other.demo == family.demo
                and other.lifecycle.on(day).status == "active"
                and (not family.listed or self._order[other.id] < self._order[family.id])
            )

        if available is not None:
            ranked = [
                (self._order[other.id], len(candidate), candidate)
                for candidate in available
                if newer(other := self.family(candidate)) and other is not None
            ]
            if ranked:
                return min(ranked)[2]
        return next((other.id for other in self.families if newer(other)), None)

    def newest(
        self, models: Iterable[ModelInfo], lines: Sequence[str], *, today: datetime.date | None = None
    ) -> str | None:
        """The newest active model of the first of ``lines`` that has one among ``models`` (a provider's
        list): by the dates the provider gives when it gives one for each, else by the catalog's order; None
        when there is none."""
        day = today or datetime.date.today()
        for line in lines:
            found = self._newest(models, line, day)
            if found is not None:
                return found
        return None

    def _newest(self, models: Iterable[ModelInfo], line: str, day: datetime.date) -> str | None:
        candidates = []
        for model in models:
            family = self.family(model.id)
            if family is not None and family.line == line and family.lifecycle.on(day).status == "active":
                candidates.append((model, self._order[family.id]))
        if not candidates:
            return None
        if all(model.created_at for model, _ in candidates):
            return max(candidates, key=lambda pair: (pair[0].created_at or "", -pair[1]))[0].id
        return min(candidates, key=lambda pair: (pair[1], len(pair[0].id)))[0].id


def _claude_name(model_id: str) -> str | None:
    """The id from ``claude`` on, lower case (``us.anthropic.claude-opus-4-7-v1:0`` → ``claude-opus-4-7-v1:0``);
    None when it is not a Claude model's."""
    name = model_id.strip().lower()
    position = name.find("claude")
    if position < 0 or (position > 0 and name[position - 1] not in _SEPARATORS):
        return None
    return name[position:]


def _family(entry: Mapping[str, Any]) -> Family:
    lifecycle = entry["lifecycle"]
    status = lifecycle["status"]
    if status not in ("active", "deprecated", "retired"):
        raise ValueError(f"{entry['id']}: unknown lifecycle status {status!r}")
    date = lifecycle.get("retires" if status == "deprecated" else "retired")
    return Family(
        id=str(entry["id"]),
        display_name=str(entry["display_name"]),
        line=str(entry["line"]),
        listed=bool(entry["listed"]),
        demo=bool(entry["demo"]),
        max_input_tokens=entry.get("max_input_tokens"),
        max_tokens=entry.get("max_tokens"),
        sampling=bool(entry["sampling"]["accepted"]),
        temperature_with_top_p=bool(entry["sampling"]["temperature_with_top_p"]),
        thinking_off=bool(entry["thinking_off"]),
        server_tools=frozenset(entry["server_tools"]),
        capabilities=dict(entry["capabilities"]),
        lifecycle=Lifecycle(status, str(date) if date else None),
    )


@functools.cache
def catalog() -> Catalog:
    """The built-in catalog (read once, on first use: start-up doesn't pay for it)."""
    return Catalog.from_json(json.loads(CATALOG_FILE.read_text(encoding="utf-8")))


def family_of(model_id: str) -> Family | None:
    """The built-in catalog's family of ``model_id`` (`Catalog.family`)."""
    return catalog().family(model_id)


def lifecycle_of(model_id: str, today: datetime.date | None = None) -> Lifecycle | None:
    """The built-in catalog's lifecycle of ``model_id`` on ``today`` (`Catalog.lifecycle`)."""
    return catalog().lifecycle(model_id, today)


def successor_of(model_id: str, available: Iterable[str] | None = None) -> str | None:
    """The current model of ``model_id``'s line to use instead of it (`Catalog.successor_of`)."""
    return catalog().successor_of(model_id, available)


def default_model(choice: str = "", listed: Sequence[ModelInfo] = (), *, demo: bool = False) -> str:
    """The model for a new conversation when the user's defaults name none: ``choice`` (the profile's,
    or the demo's) when given; else the newest Sonnet among ``listed`` (the provider's list, fetched or
    cached; the demo server's Sonnet for a profile that points at it); else the catalog's built-in default
    (the demo's own with ``demo``). Never a model that may retire under the user: nothing here is
    hard-coded but in the catalog file."""
    if choice:
        return choice
    found = catalog().newest(listed, ("demo-sonnet",) if demo else ("sonnet", "demo-sonnet"))
    if found is not None:
        return found
    return catalog().demo_default_model if demo else catalog().default_model
