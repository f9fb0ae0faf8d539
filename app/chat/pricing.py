"""What replies cost: token prices per model (a built-in table the user can edit) and the arithmetic.

Prices are USD per million tokens for uncached input, output, cache writes (5-minute and 1-hour) and cache
reads, plus USD per 1,000 web searches. A model id takes the price of the rule with the longest matching
prefix, matched at a word boundary (``claude-opus-4`` covers ``claude-opus-4-20250514`` and
``claude-opus-4-1``, but ``claude-opus-4-5`` has a rule of its own); a prefix without a version
(``claude-opus``) prices a model newer than the table like the newest of its family.

Cache writes cost 1.25 × input for 5 minutes and 2 × input for an hour on every current model; what a
cache read costs differs by model (0.1 × input for most, less for the newest), so each rule names its own.
Web search costs the same per search on every model; web fetch costs nothing beyond the tokens it adds.
Claude Haiku 5.5 costs five times as much, every token of the request, when its prompt is longer than
100,000 tokens (a rule's ``long_prompt``). The demo server's models are priced as free: they cost nothing.

:meth:`PriceTable.cost` is the one place a reply's cost is computed from its usage (the transcript, the
status bar, Compare and the inspector all ask it): with it what the cache saved and what the searches cost.
When the provider reports a reply's cost itself (Ace Data Cloud's ``usage.cost``), that figure is used
instead of the table and marked as reported.

The user's edits are kept in the settings (`app.settings.options.PRICES`) as the rules that differ from the
built-in ones: a changed built-in rule, or a prefix of their own. Qt-free.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.settings import Settings
from app.settings.options import PRICES

__all__ = [
    "CACHE_READ_FACTOR",
    "CACHE_WRITE_1H_FACTOR",
    "CACHE_WRITE_FACTOR",
    "DEFAULT_RULES",
    "WEB_SEARCH_PRICE",
    "Cost",
    "CostTotal",
    "LongPrompt",
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

PER_TOKENS = 1_000_000  # token prices are per million tokens
PER_SEARCHES = 1_000  # the web search price is per thousand searches
CACHE_WRITE_FACTOR = 1.25  # a 5-minute cache write, × input
CACHE_WRITE_1H_FACTOR = 2.0  # a 1-hour cache write, × input
CACHE_READ_FACTOR = 0.1  # a cache read, × input, unless a model's rule says otherwise
WEB_SEARCH_PRICE = 10.0  # USD per 1,000 searches, on every model (see the sources below)
_PRICE_KEYS = ("input", "output", "cache_write", "cache_read", "cache_write_1h", "web_search")
_REQUIRED_KEYS = _PRICE_KEYS[:4]  # what older settings files hold; the others follow from them
_BOUNDARY = frozenset("-@.:_/")  # what may follow a prefix in a model id


@dataclass(frozen=True)
class LongPrompt:
    """A model that costs ``factor`` times as much (every token of the request) once its prompt, cache reads
    and writes counted, is longer than ``tokens``."""

    tokens: int
    factor: float


@dataclass(frozen=True)
class Price:
    """USD per million tokens (``cache_write``: a 5-minute cache write; ``cache_write_1h``: a 1-hour one,
    2 × input when not given) and USD per 1,000 web searches."""

    input: float
    output: float
    cache_write: float
    cache_read: float
    cache_write_1h: float = field(default=-1.0)
    web_search: float = 0.0

    def __post_init__(self) -> None:
        if self.cache_write_1h < 0:
            object.__setattr__(self, "cache_write_1h", round(self.input * CACHE_WRITE_1H_FACTOR, 6))

    @classmethod
    def from_base(
        cls, input: float, output: float, *, cache_read: float | None = None, web_search: float = 0.0
    ) -> Price:
        """Input and output prices, with the cache prices Anthropic derives from the input price (a model's
        own ``cache_read`` when it has one)."""
        read = round(input * CACHE_READ_FACTOR, 6) if cache_read is None else cache_read
        return cls(
            input,
            output,
            round(input * CACHE_WRITE_FACTOR, 6),
            read,
            round(input * CACHE_WRITE_1H_FACTOR, 6),
            web_search,
        )

    def scaled(self, factor: float) -> Price:
        """Every token price times ``factor`` (a long prompt's); the search price stays."""
        return Price(
            self.input * factor,
            self.output * factor,
            self.cache_write * factor,
            self.cache_read * factor,
            self.cache_write_1h * factor,
            self.web_search,
        )


@dataclass(frozen=True)
class PriceRule:
    """The price of every model whose id starts with ``prefix``; ``name`` says which models those are;
    ``long_prompt``: the price goes up for long prompts (built-in, kept when the prices are edited)."""

    prefix: str
    name: str
    price: Price
    long_prompt: LongPrompt | None = None

    def matches(self, model: str) -> bool:
        """Whether ``model`` starts with this prefix at a word boundary (case-insensitive)."""
        wanted, prefix = model.casefold(), self.prefix.casefold()
        if not wanted.startswith(prefix):
            return False
        return len(wanted) == len(prefix) or wanted[len(prefix)] in _BOUNDARY

    def price_for(self, prompt_tokens: int) -> Price:
        """The price of a request whose prompt (input, cache writes and reads) has ``prompt_tokens`` tokens."""
        band = self.long_prompt
        return self.price.scaled(band.factor) if band is not None and prompt_tokens > band.tokens else self.price


def _rule(
    prefix: str,
    name: str,
    input: float,
    output: float,
    *,
    cache_read: float | None = None,
    web_search: float = WEB_SEARCH_PRICE,
    long_prompt: LongPrompt | None = None,
) -> PriceRule:
    price = Price.from_base(input, output, cache_read=cache_read, web_search=web_search)
    return PriceRule(prefix, name, price, long_prompt)


# Anthropic's list prices, checked 2026-12-07 against:
# - https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing": base input, 5m and 1h cache
#   writes, cache hits, output for Fable/Mythos 5 and 5.1, Opus 4 to 5, Sonnet 4 to 4.6, Haiku 3 to 4.5);
# - https://platform.claude.com/docs/about-claude/models/whats-new-opus-5 ("How it compares to the current
#   lineup": Opus 5.5 $4/$20, Sonnet 5.5 $2/$10, Haiku 5.5 from $0.10/$0.50) and the Opus 5, Sonnet 5 and
#   Fable 5 model pages on platform.claude.com/docs/en/models/;
# - cache reads where the pricing page's footnotes were not at hand, from third parties that track the page:
#   Opus 5.5 and Fable/Mythos 5.2 $0.20 (github.com/phuryn/claude-usage v1.5.7, "checked 2026-12-01"; Fable 5.2
#   $8/$40 also in docs.sim.ai/models/anthropic/claude-fable-5-2), Sonnet 5.5 cut from $0.20 to $0.10 on
#   2026-10-07 and Haiku 5.5's two bands (up to / over 100K prompt tokens, ×5) (github.com/kurofune/claudit
#   v1.9.2, checked against the pricing page 2026-10-24), Sonnet 5 $0.20;
# - web search: $10 per 1,000 searches plus the tokens of the results (the web search tool's "Usage and
#   pricing"; "Anthropic and OpenAI both, as of July 2026": pypi.org/project/webfetch-llm); web fetch: no
#   charge beyond the tokens of the page fetched (the web fetch tool's "Usage and pricing", read at its 2025
#   launch; no newer copy was at hand to check against).
# A prefix without a version prices models newer than this table like the newest of their family.
DEFAULT_RULES: tuple[PriceRule, ...] = (
    _rule("claude-fable", "Claude Fable 5; newer Fable", 10.0, 50.0, cache_read=1.0),
    _rule("claude-fable-5-1", "Claude Fable 5.1", 10.0, 50.0, cache_read=0.25),
    _rule("claude-fable-5-2", "Claude Fable 5.2", 8.0, 40.0, cache_read=0.2),
    _rule("claude-mythos", "Claude Mythos 5; newer Mythos", 10.0, 50.0, cache_read=1.0),
    _rule("claude-mythos-5-1", "Claude Mythos 5.1", 10.0, 50.0, cache_read=0.25),
    _rule("claude-mythos-5-2", "Claude Mythos 5.2", 8.0, 40.0, cache_read=0.2),
    _rule("claude-opus", "Newer Opus (as Opus 5.5)", 4.0, 20.0, cache_read=0.2),
    _rule("claude-opus-5-5", "Claude Opus 5.5", 4.0, 20.0, cache_read=0.2),
    _rule("claude-opus-5", "Claude Opus 5", 5.0, 25.0),
    _rule("claude-opus-4-8", "Claude Opus 4.8", 5.0, 25.0),
    _rule("claude-opus-4-7", "Claude Opus 4.7", 5.0, 25.0),
    _rule("claude-opus-4-6", "Claude Opus 4.6", 5.0, 25.0),
    _rule("claude-opus-4-5", "Claude Opus 4.5", 5.0, 25.0),
    _rule("claude-opus-4", "Claude Opus 4 and 4.1", 15.0, 75.0),
    _rule("claude-3-opus", "Claude 3 Opus", 15.0, 75.0),
    _rule("claude-sonnet", "Newer Sonnet (as Sonnet 5.5)", 2.0, 10.0, cache_read=0.1),
    _rule("claude-sonnet-5-5", "Claude Sonnet 5.5", 2.0, 10.0, cache_read=0.1),
    _rule("claude-sonnet-5", "Claude Sonnet 5", 2.0, 10.0),
    _rule("claude-sonnet-4", "Claude Sonnet 4 to 4.6", 3.0, 15.0),
    _rule("claude-3-7-sonnet", "Claude Sonnet 3.7", 3.0, 15.0),
    _rule("claude-3-5-sonnet", "Claude Sonnet 3.5", 3.0, 15.0),
    _rule(
        "claude-haiku",
        "Newer Haiku (as Haiku 5.5)",
        0.1,
        0.5,
        cache_read=0.01,
        long_prompt=LongPrompt(100_000, 5.0),
    ),
    _rule("claude-haiku-5-5", "Claude Haiku 5.5", 0.1, 0.5, cache_read=0.01, long_prompt=LongPrompt(100_000, 5.0)),
    _rule("claude-haiku-4-5", "Claude Haiku 4.5", 1.0, 5.0),
    _rule("claude-3-5-haiku", "Claude Haiku 3.5", 0.8, 4.0),
    # Haiku 3 kept older cache prices: writes $0.30 (1.2 × input), reads $0.03.
    PriceRule("claude-3-haiku", "Claude Haiku 3", Price(0.25, 1.25, 0.3, 0.03, 0.5, WEB_SEARCH_PRICE)),
    # The price table adds "(free)" while every price is 0.
    _rule("claude-demo", "Samtal demo models", 0.0, 0.0, web_search=0.0),
)


@dataclass(frozen=True)
class Cost:
    """What one reply cost in USD; ``reported``: the provider said so (else computed from a `PriceRule`).

    ``cache_saved``: what the reply would have cost more without the prompt cache (reads at the input price,
    no write surcharge): negative when writing the cache cost more than reading it saved; None when the reply
    used no cache or the model has no price. ``searches``: web searches made, costing ``search_usd`` (part
    of ``usd``)."""

    usd: float
    reported: bool = False
    cache_saved: float | None = None
    searches: int = 0
    search_usd: float = 0.0


@dataclass(frozen=True)
class CostTotal:
    """The cost of several replies: ``priced`` of them had a cost (``reported`` of those from the
    provider), ``unpriced`` used tokens of a model without a price; ``cache_saved`` and ``searches`` are
    the replies' own, summed."""

    usd: float = 0.0
    priced: int = 0
    reported: int = 0
    unpriced: int = 0
    cache_saved: float = 0.0
    searches: int = 0


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
        renamed; an older Samtal kept "Samtal demo models (free)" with edited prices) and its long-prompt
        band; prices an older Samtal did not keep (1-hour writes, searches) are the built-in rule's."""
        rules = {rule.prefix: rule for rule in DEFAULT_RULES}
        for prefix, entry in overrides.items():
            builtin = rules.get(prefix) if isinstance(prefix, str) else None
            rule = _rule_from_entry(prefix, entry, builtin)
            if rule is None:
                log.warning("ignoring the malformed price for %r", prefix)
            else:
                original = builtin_rule(rule.prefix)
                rules[rule.prefix] = (
                    rule if original is None else replace(rule, name=original.name, long_prompt=original.long_prompt)
                )
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
        the tokens and searches priced by the rule for ``model``. None without usage, or without a price
        (and no reported cost). Every cost shown in Samtal comes from here."""
        if not usage:
            return None
        rule = self.rule_for(model)
        searches = _searches(usage)
        reported = _reported_cost(usage.get("cost"))
        if rule is None:
            return None if reported is None else Cost(reported, reported=True, searches=searches)
        fresh = _tokens(usage, "input_tokens")
        written = _tokens(usage, "cache_creation_input_tokens")
        read = _tokens(usage, "cache_read_input_tokens")
        creation = usage.get("cache_creation")
        hour_writes = _tokens(creation, "ephemeral_1h_input_tokens") if isinstance(creation, Mapping) else 0
        hour_writes = min(hour_writes, written)
        price = rule.price_for(fresh + written + read)
        search_usd = searches * price.web_search / PER_SEARCHES
        tokens_usd = (
            fresh * price.input
            + _tokens(usage, "output_tokens") * price.output
            + (written - hour_writes) * price.cache_write
            + hour_writes * price.cache_write_1h
            + read * price.cache_read
        ) / PER_TOKENS
        # Without the cache every cached token would have been plain input: reads save, writes cost extra.
        uncached = (written + read) * price.input / PER_TOKENS
        cached = ((written - hour_writes) * price.cache_write + hour_writes * price.cache_write_1h) / PER_TOKENS
        cached += read * price.cache_read / PER_TOKENS
        saved = uncached - cached if written or read else None
        if reported is not None:
            return Cost(reported, reported=True, cache_saved=saved, searches=searches)
        return Cost(tokens_usd + search_usd, cache_saved=saved, searches=searches, search_usd=search_usd)

    def total(self, replies: Iterable[tuple[str | None, Mapping[str, Any] | None]]) -> CostTotal:
        """The summed cost of replies given as ``(model, usage)``; replies without usage are skipped."""
        usd, priced, reported, unpriced, saved, searches = 0.0, 0, 0, 0, 0.0, 0
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
            saved += cost.cache_saved or 0.0
            searches += cost.searches
        return CostTotal(usd, priced, reported, unpriced, saved, searches)


def is_builtin(rule: PriceRule) -> bool:
    """Whether ``rule``'s prefix is one of the built-in ones (it can be reset, not removed)."""
    return any(default.prefix == rule.prefix for default in DEFAULT_RULES)


def builtin_rule(prefix: str) -> PriceRule | None:
    """The built-in rule for ``prefix``, or None."""
    return next((rule for rule in DEFAULT_RULES if rule.prefix == prefix), None)


def load_prices(settings: Settings) -> PriceTable:
    """The price table: the built-in prices with the user's edits from ``settings``."""
    overrides: dict[str, Any] = settings.get(PRICES)
    return PriceTable.with_overrides(overrides)


def store_prices(settings: Settings, table: PriceTable) -> None:
    """Keep ``table``'s differences from the built-in prices in ``settings`` (the caller saves them)."""
    overrides = table.overrides()
    if overrides:
        settings.set(PRICES, overrides)
    else:
        settings.reset(PRICES)


def with_price(rule: PriceRule, **changes: float) -> PriceRule:
    """``rule`` with some of its prices changed (``input=…``, ``output=…``, ``cache_write=…``,
    ``cache_read=…``, ``cache_write_1h=…``, ``web_search=…``)."""
    return replace(rule, price=replace(rule.price, **changes))


def usd_shown(amount: float) -> tuple[str, float, int]:
    """How a cost is shown, in parts: ("<" when it is below what is shown, or ""), the amount to show and its
    decimals. The one rule for both :func:`format_usd` and the window's locale-aware form (app.language)."""
    if amount <= 0:
        return "", 0.0, 0
    if amount < 0.0001:
        return "<", 0.0001, 4
    if amount >= 100:
        return "", amount, 0
    if amount >= 1:
        return "", amount, 2
    rounded = float(f"{amount:.2g}")  # two significant digits (0.00996 becomes 0.010, not 0.0100)
    return "", rounded, max(2, 1 - math.floor(math.log10(rounded)))


def format_usd(amount: float) -> str:
    """A cost for people, in English: ``$0``, ``<$0.0001``, ``$0.0016``, ``$0.042``, ``$1.23``, ``$1,234``
    (the window writes it in its language with app.language.format_usd)."""
    below, shown, decimals = usd_shown(amount)
    return f"{below}${shown:,.{decimals}f}"


def _tokens(usage: Mapping[str, Any], key: str) -> int:
    value = usage.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _searches(usage: Mapping[str, Any]) -> int:
    """Web searches made (``usage.server_tool_use.web_search_requests``); web fetches cost nothing extra."""
    server_tools = usage.get("server_tool_use")
    return _tokens(server_tools, "web_search_requests") if isinstance(server_tools, Mapping) else 0


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


def _price_value(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        return None
    return float(value)


def _rule_from_entry(prefix: object, entry: object, builtin: PriceRule | None) -> PriceRule | None:
    """A rule from the settings' form; prices it lacks (kept by an older Samtal) come from ``builtin``'s, or
    from the input price (a 1-hour write) and nothing (searches) for the user's own prefixes."""
    if not isinstance(prefix, str) or not prefix.strip() or not isinstance(entry, Mapping):
        return None
    values: dict[str, float] = {}
    for key in _PRICE_KEYS:
        if key not in entry and key not in _REQUIRED_KEYS:
            continue
        value = _price_value(entry.get(key))
        if value is None:
            return None
        values[key] = value
    if "web_search" not in values and builtin is not None:
        values["web_search"] = builtin.price.web_search
    if "cache_write_1h" not in values and builtin is not None and builtin.price.input == values["input"]:
        values["cache_write_1h"] = builtin.price.cache_write_1h
    name = entry.get("name")
    return PriceRule(prefix.strip(), name if isinstance(name, str) and name else prefix.strip(), Price(**values))
