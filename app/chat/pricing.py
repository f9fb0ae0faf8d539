"""What replies cost: token prices per model (a built-in table the user can edit) and the arithmetic.

Prices are USD per million tokens for uncached input, output, cache writes (5-minute) and cache reads.
A model id takes the price of the rule with the longest matching prefix, matched at a word boundary
(``claude-opus-4`` covers ``claude-opus-4-20250514`` and ``claude-opus-4-1``, but ``claude-opus-4-5``
has a rule of its own). The built-in cache prices follow Anthropic's multipliers: a 5-minute cache write
costs 1.25 × input, a read 0.1 × input; 1-hour cache writes (reported in ``usage.cache_creation``) cost
2 × input. The demo server's models are priced as free: they cost nothing.

When the provider reports a reply's cost itself (Ace Data Cloud's ``usage.cost``), that figure is used
instead of the table and marked as reported.

The user's edits are kept in the settings (`app.settings.PRICES`) as the rules that differ from the
built-in ones: a changed built-in rule, or a prefix of their own. Qt-free.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from app.settings import PRICES, SettingsFile

__all__ = [
    "CACHE_READ_FACTOR",
    "CACHE_WRITE_1H_FACTOR",
    "CACHE_WRITE_FACTOR",
    "DEFAULT_RULES",
    "Cost",
    "CostTotal",
    "Price",
    "PriceRule",
    "PriceTable",
    "builtin_rule",
    "format_usd",
    "is_builtin",
    "load_prices",
    "store_prices",
    "with_price",
]

log = logging.getLogger(__name__)

PER_TOKENS = 1_000_000  # prices are per million tokens
CACHE_WRITE_FACTOR = 1.25
CACHE_WRITE_1H_FACTOR = 2.0
CACHE_READ_FACTOR = 0.1
_PRICE_KEYS = ("input", "output", "cache_write", "cache_read")
_BOUNDARY = frozenset("-@.:_/")  # what may follow a prefix in a model id


@dataclass(frozen=True)
class Price:
    """USD per million tokens."""

    input: float
    output: float
    cache_write: float
    cache_read: float

    @classmethod
    def from_base(cls, input: float, output: float) -> Price:
        """Input and output prices, with the cache prices Anthropic derives from the input price."""
        return cls(input, output, round(input * CACHE_WRITE_FACTOR, 6), round(input * CACHE_READ_FACTOR, 6))


@dataclass(frozen=True)
class PriceRule:
    """The price of every model whose id starts with ``prefix``; ``name`` says which models those are."""

    prefix: str
    name: str
    price: Price

    def matches(self, model: str) -> bool:
        """Whether ``model`` starts with this prefix at a word boundary (case-insensitive)."""
        wanted, prefix = model.casefold(), self.prefix.casefold()
        if not wanted.startswith(prefix):
            return False
        return len(wanted) == len(prefix) or wanted[len(prefix)] in _BOUNDARY


def _rule(prefix: str, name: str, input: float, output: float) -> PriceRule:
    return PriceRule(prefix, name, Price.from_base(input, output))


DEFAULT_RULES: tuple[PriceRule, ...] = (
    _rule("claude-opus", "Claude Opus 5 and later", 5.0, 25.0),
    _rule("claude-opus-4-8", "Claude Opus 4.8", 5.0, 25.0),
    _rule("claude-opus-4-7", "Claude Opus 4.7", 5.0, 25.0),
    _rule("claude-opus-4-6", "Claude Opus 4.6", 5.0, 25.0),
    _rule("claude-opus-4-5", "Claude Opus 4.5", 5.0, 25.0),
    _rule("claude-opus-4", "Claude Opus 4 and 4.1", 15.0, 75.0),
    _rule("claude-3-opus", "Claude 3 Opus", 15.0, 75.0),
    _rule("claude-sonnet", "Claude Sonnet 4 and later", 3.0, 15.0),
    _rule("claude-3-7-sonnet", "Claude Sonnet 3.7", 3.0, 15.0),
    _rule("claude-3-5-sonnet", "Claude Sonnet 3.5", 3.0, 15.0),
    _rule("claude-haiku", "Claude Haiku 4.5 and later", 1.0, 5.0),
    _rule("claude-3-5-haiku", "Claude Haiku 3.5", 0.8, 4.0),
    _rule("claude-3-haiku", "Claude Haiku 3", 0.25, 1.25),
    _rule("claude-demo", "Samtal demo models", 0.0, 0.0),  # the price table adds "(free)" while every price is 0
)


@dataclass(frozen=True)
class Cost:
    """What one reply cost in USD; ``reported``: the provider said so (else computed from a `PriceRule`)."""

    usd: float
    reported: bool = False


@dataclass(frozen=True)
class CostTotal:
    """The cost of several replies: ``priced`` of them had a cost (``reported`` of those from the
    provider), ``unpriced`` used tokens of a model without a price."""

    usd: float = 0.0
    priced: int = 0
    reported: int = 0
    unpriced: int = 0


class PriceTable:
    """Price rules, matched by the longest prefix; see the module docstring."""

    def __init__(self, rules: Iterable[PriceRule]) -> None:
        self._rules: tuple[PriceRule, ...] = tuple(rules)
        prefixes = [rule.prefix.casefold() for rule in self._rules]
        if len(set(prefixes)) != len(prefixes):
            raise ValueError("Each model prefix may have only one price.")
        if any(not prefix.strip() for prefix in prefixes):
            raise ValueError("A price needs a model prefix.")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PriceTable) and self._rules == other._rules

    def __hash__(self) -> int:
        return hash(self._rules)

    def __repr__(self) -> str:
        return f"PriceTable({len(self._rules)} rules)"

    @classmethod
    def default(cls) -> PriceTable:
        """The built-in prices."""
        return cls(DEFAULT_RULES)

    @classmethod
    def with_overrides(cls, overrides: Mapping[str, Any]) -> PriceTable:
        """The built-in prices with the user's (the form `overrides` returns) put over them; entries that
        are not well-formed are skipped and logged. A built-in rule keeps its own name (it can't be
        renamed; an older Samtal kept "Samtal demo models (free)" with edited prices)."""
        rules = {rule.prefix: rule for rule in DEFAULT_RULES}
        for prefix, entry in overrides.items():
            rule = _rule_from_entry(prefix, entry)
            if rule is None:
                log.warning("ignoring the malformed price for %r", prefix)
            else:
                builtin = rules.get(rule.prefix)
                rules[rule.prefix] = rule if builtin is None else replace(rule, name=builtin.name)
        return cls(rules.values())

    @property
    def rules(self) -> tuple[PriceRule, ...]:
        return self._rules

    def rule_for(self, model: str | None) -> PriceRule | None:
        """The rule with the longest prefix that ``model`` starts with, or None."""
        if not model:
            return None
        matching = [rule for rule in self._rules if rule.matches(model)]
        return max(matching, key=lambda rule: len(rule.prefix)) if matching else None

    def overrides(self) -> dict[str, dict[str, Any]]:
        """The rules that differ from the built-in ones, in the form kept in the settings."""
        defaults = {rule.prefix: rule for rule in DEFAULT_RULES}
        return {
            rule.prefix: {"name": rule.name, **{key: getattr(rule.price, key) for key in _PRICE_KEYS}}
            for rule in self._rules
            if defaults.get(rule.prefix) != rule
        }

    def cost(self, model: str | None, usage: Mapping[str, Any] | None) -> Cost | None:
        """What a reply with this ``usage`` cost: the provider's own figure when it reported one, else
        the tokens priced by the rule for ``model``. None without usage or without a price."""
        if not usage:
            return None
        reported = _reported_cost(usage.get("cost"))
        if reported is not None:
            return Cost(reported, reported=True)
        rule = self.rule_for(model)
        if rule is None:
            return None
        price = rule.price
        cache_write = _tokens(usage, "cache_creation_input_tokens")
        creation = usage.get("cache_creation")
        hour_writes = _tokens(creation, "ephemeral_1h_input_tokens") if isinstance(creation, Mapping) else 0
        hour_writes = min(hour_writes, cache_write)
        usd = (
            _tokens(usage, "input_tokens") * price.input
            + _tokens(usage, "output_tokens") * price.output
            + (cache_write - hour_writes) * price.cache_write
            + hour_writes * price.input * CACHE_WRITE_1H_FACTOR
            + _tokens(usage, "cache_read_input_tokens") * price.cache_read
        ) / PER_TOKENS
        return Cost(usd)

    def total(self, replies: Iterable[tuple[str | None, Mapping[str, Any] | None]]) -> CostTotal:
        """The summed cost of replies given as ``(model, usage)``; replies without usage are skipped."""
        usd, priced, reported, unpriced = 0.0, 0, 0, 0
        for model, usage in replies:
            if not usage:
                continue
            cost = self.cost(model, usage)
            if cost is None:
                unpriced += 1
                continue
            usd += cost.usd
            priced += 1
            reported += cost.reported
        return CostTotal(usd, priced, reported, unpriced)


def is_builtin(rule: PriceRule) -> bool:
    """Whether ``rule``'s prefix is one of the built-in ones (it can be reset, not removed)."""
    return any(default.prefix == rule.prefix for default in DEFAULT_RULES)


def builtin_rule(prefix: str) -> PriceRule | None:
    """The built-in rule for ``prefix``, or None."""
    return next((rule for rule in DEFAULT_RULES if rule.prefix == prefix), None)


def load_prices(settings: SettingsFile) -> PriceTable:
    """The price table: the built-in prices with the user's edits from ``settings``."""
    overrides: dict[str, Any] = settings.get(PRICES)
    return PriceTable.with_overrides(overrides)


def store_prices(settings: SettingsFile, table: PriceTable) -> None:
    """Keep ``table``'s differences from the built-in prices in ``settings`` (the caller saves the file)."""
    overrides = table.overrides()
    if overrides:
        settings.set(PRICES, overrides)
    else:
        settings.reset(PRICES)


def with_price(rule: PriceRule, **changes: float) -> PriceRule:
    """``rule`` with some of its prices changed (``input=…``, ``output=…``, ``cache_write=…``, ``cache_read=…``)."""
    return replace(rule, price=replace(rule.price, **changes))


def format_usd(amount: float) -> str:
    """A cost for people: ``$0``, ``<$0.0001``, ``$0.0016``, ``$0.042``, ``$1.23``, ``$1,234``."""
    if amount <= 0:
        return "$0"
    if amount < 0.0001:
        return "<$0.0001"
    if amount >= 100:
        return f"${amount:,.0f}"
    if amount >= 1:
        return f"${amount:,.2f}"
    rounded = float(f"{amount:.2g}")  # two significant digits (0.00996 becomes 0.010, not 0.0100)
    decimals = max(2, 1 - math.floor(math.log10(rounded)))
    return f"${rounded:.{decimals}f}"


def _tokens(usage: Mapping[str, Any], key: str) -> int:
    value = usage.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _reported_cost(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value) and value >= 0:
        return float(value)
    return None


def _rule_from_entry(prefix: object, entry: object) -> PriceRule | None:
    if not isinstance(prefix, str) or not prefix.strip() or not isinstance(entry, Mapping):
        return None
    values: list[float] = []
    for key in _PRICE_KEYS:
        value = entry.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
            return None
        values.append(float(value))
    name = entry.get("name")
    return PriceRule(prefix.strip(), name if isinstance(name, str) and name else prefix.strip(), Price(*values))
