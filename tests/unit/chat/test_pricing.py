"""Prices per model: the arithmetic (cache tokens, 1-hour writes, a provider's own cost), matching model
ids by prefix and family, and the user's edits kept in the settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.chat.pricing import (
    DEFAULT_RULES,
    Cost,
    CostTotal,
    Price,
    PriceRule,
    PriceTable,
    builtin_rule,
    format_usd,
    is_builtin,
    load_prices,
    store_prices,
    with_price,
)
from app.paths import resolve_paths
from app.settings import Settings
from app.settings.options import PRICES

TABLE = PriceTable.default()


@pytest.mark.parametrize(
    ("model", "prefix", "input_price", "output_price", "cache_read"),
    [
        ("claude-fable-5-2", "claude-fable-5-2", 8.0, 40.0, 0.2),
        ("claude-fable-5-1-20260820", "claude-fable-5-1", 10.0, 50.0, 0.25),
        ("claude-fable-5", "claude-fable", 10.0, 50.0, 1.0),
        ("claude-mythos-5-2", "claude-mythos-5-2", 8.0, 40.0, 0.2),
        ("claude-mythos-5", "claude-mythos", 10.0, 50.0, 1.0),
        ("claude-opus-5-5", "claude-opus-5-5", 4.0, 20.0, 0.2),
        ("claude-opus-6", "claude-opus", 4.0, 20.0, 0.2),  # newer than the table: the newest Opus price
        ("claude-opus-5", "claude-opus-5", 5.0, 25.0, 0.5),
        ("claude-opus-4-5-20251101", "claude-opus-4-5", 5.0, 25.0, 0.5),
        ("claude-opus-4-6", "claude-opus-4-6", 5.0, 25.0, 0.5),
        ("claude-opus-4-7", "claude-opus-4-7", 5.0, 25.0, 0.5),
        ("claude-opus-4-8", "claude-opus-4-8", 5.0, 25.0, 0.5),
        ("claude-opus-4-20250514", "claude-opus-4", 15.0, 75.0, 1.5),
        ("claude-opus-4-1", "claude-opus-4", 15.0, 75.0, 1.5),
        ("claude-opus-4-1-20250805", "claude-opus-4", 15.0, 75.0, 1.5),
        ("claude-3-opus-20240229", "claude-3-opus", 15.0, 75.0, 1.5),
        ("claude-sonnet-5-5", "claude-sonnet-5-5", 2.0, 10.0, 0.1),
        ("claude-sonnet-6", "claude-sonnet", 2.0, 10.0, 0.1),
        ("claude-sonnet-5", "claude-sonnet-5", 2.0, 10.0, 0.2),
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4", 3.0, 15.0, 0.3),
        ("claude-sonnet-4-20250514", "claude-sonnet-4", 3.0, 15.0, 0.3),
        ("claude-sonnet-4-6", "claude-sonnet-4", 3.0, 15.0, 0.3),
        ("claude-3-7-sonnet-20250219", "claude-3-7-sonnet", 3.0, 15.0, 0.3),
        ("claude-haiku-5-5", "claude-haiku-5-5", 0.1, 0.5, 0.01),
        ("claude-haiku-6", "claude-haiku", 0.1, 0.5, 0.01),
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5", 1.0, 5.0, 0.1),
        ("claude-3-5-haiku-20241022", "claude-3-5-haiku", 0.8, 4.0, 0.08),
        ("claude-3-haiku-20240307", "claude-3-haiku", 0.25, 1.25, 0.03),
        ("Claude-Sonnet-4-5", "claude-sonnet-4", 3.0, 15.0, 0.3),  # case does not matter
        ("claude-opus-4-5@20251101", "claude-opus-4-5", 5.0, 25.0, 0.5),  # Vertex-style version suffix
        ("claude-demo-sonnet-5", "claude-demo", 0.0, 0.0, 0.0),
        ("claude-demo-opus-4-1", "claude-demo", 0.0, 0.0, 0.0),
    ],
)
def test_model_ids_take_the_price_of_their_family(
    model: str, prefix: str, input_price: float, output_price: float, cache_read: float
) -> None:
    rule = TABLE.rule_for(model)
    assert rule is not None
    assert rule.prefix == prefix
    assert (rule.price.input, rule.price.output, rule.price.cache_read) == (input_price, output_price, cache_read)


def test_a_prefix_matches_only_at_a_word_boundary() -> None:
    rule = TABLE.rule_for("claude-opus-4-50")
    assert rule is not None
    assert rule.prefix == "claude-opus-4"  # not "claude-opus-4-5"
    assert TABLE.rule_for("claude-sonnetish") is None


@pytest.mark.parametrize("model", ["gpt-4o", "gemini-3-pro", "", None])
def test_unknown_models_have_no_price(model: str | None) -> None:
    assert TABLE.rule_for(model) is None
    assert TABLE.cost(model, {"input_tokens": 10, "output_tokens": 10}) is None


def test_cache_writes_follow_anthropics_multipliers_and_every_claude_model_prices_searches() -> None:
    for rule in DEFAULT_RULES:
        if rule.prefix == "claude-3-haiku":  # the one exception: $0.30 for 5-minute writes, $0.03 for reads
            assert (rule.price.cache_write, rule.price.cache_read) == (0.3, 0.03)
            continue
        assert rule.price.cache_write == pytest.approx(rule.price.input * 1.25)
        assert rule.price.cache_write_1h == pytest.approx(rule.price.input * 2.0)
        assert rule.price.cache_read <= rule.price.input * 0.1 + 1e-9
        assert rule.price.web_search == (0.0 if rule.prefix == "claude-demo" else 10.0)
    assert Price.from_base(3.0, 15.0) == Price(3.0, 15.0, 3.75, 0.3, 6.0, 0.0)
    assert Price(3.0, 15.0, 3.75, 0.3).cache_write_1h == 6.0  # not given: 2 × input


def test_cost_counts_input_output_and_cache_tokens_and_says_what_the_cache_saved() -> None:
    usage = {
        "input_tokens": 1_000,
        "output_tokens": 2_000,
        "cache_creation_input_tokens": 10_000,
        "cache_read_input_tokens": 100_000,
    }
    cost = TABLE.cost("claude-sonnet-4-5", usage)
    assert cost is not None
    # 1k × $3 + 2k × $15 + 10k × $3.75 + 100k × $0.30, per million
    assert cost.usd == pytest.approx((3_000 + 30_000 + 37_500 + 30_000) / 1_000_000)
    assert not cost.reported
    # Without the cache those 110k tokens were plain input ($0.33); they cost $0.0375 + $0.03.
    assert cost.cache_saved == pytest.approx(0.33 - 0.0675)
    assert cost.searches == 0


def test_a_reply_that_only_wrote_the_cache_says_what_the_cache_cost_more() -> None:
    cost = TABLE.cost("claude-opus-4-7", {"input_tokens": 0, "output_tokens": 0, "cache_creation_input_tokens": 8_000})
    assert cost is not None
    assert cost.cache_saved == pytest.approx(-8_000 * (6.25 - 5.0) / 1_000_000)
    no_cache = TABLE.cost("claude-opus-4-7", {"input_tokens": 8_000, "output_tokens": 10})
    assert no_cache is not None
    assert no_cache.cache_saved is None  # nothing to say: the cache was not used


def test_cache_reads_cost_what_the_model_charges_for_them() -> None:
    usage = {"input_tokens": 0, "output_tokens": 0, "cache_read_input_tokens": 1_000_000}
    fable = TABLE.cost("claude-fable-5-1", usage)
    sonnet = TABLE.cost("claude-sonnet-5-5", usage)
    assert fable is not None
    assert sonnet is not None
    assert (fable.usd, fable.cache_saved) == (pytest.approx(0.25), pytest.approx(9.75))
    assert (sonnet.usd, sonnet.cache_saved) == (pytest.approx(0.1), pytest.approx(1.9))


def test_one_hour_cache_writes_cost_twice_the_input_price() -> None:
    usage = {
        "input_tokens": 0,
        "output_tokens": 0,
        "cache_creation_input_tokens": 3_000,
        "cache_creation": {"ephemeral_5m_input_tokens": 1_000, "ephemeral_1h_input_tokens": 2_000},
    }
    cost = TABLE.cost("claude-haiku-4-5", usage)
    assert cost is not None
    assert cost.usd == pytest.approx((1_000 * 1.25 + 2_000 * 2.0) / 1_000_000)


def test_web_searches_are_priced_per_thousand_and_fetches_cost_only_their_tokens() -> None:
    usage = {
        "input_tokens": 20_000,
        "output_tokens": 1_000,
        "server_tool_use": {"web_search_requests": 3, "web_fetch_requests": 2},
    }
    cost = TABLE.cost("claude-sonnet-5", usage)
    assert cost is not None
    assert cost.searches == 3
    assert cost.search_usd == pytest.approx(0.03)
    assert cost.usd == pytest.approx((20_000 * 2.0 + 1_000 * 10.0) / 1_000_000 + 0.03)
    assert TABLE.cost("claude-demo-sonnet-5", usage) == Cost(0.0, searches=3)  # the demo's searches are free


def test_a_long_haiku_5_5_prompt_costs_five_times_as_much_for_every_token() -> None:
    short = TABLE.cost("claude-haiku-5-5", {"input_tokens": 100_000, "output_tokens": 1_000})
    long = TABLE.cost(
        "claude-haiku-5-5", {"input_tokens": 60_000, "cache_read_input_tokens": 40_001, "output_tokens": 1_000}
    )
    assert short is not None
    assert long is not None
    assert short.usd == pytest.approx((100_000 * 0.1 + 1_000 * 0.5) / 1_000_000)
    assert long.usd == pytest.approx((60_000 * 0.5 + 40_001 * 0.05 + 1_000 * 2.5) / 1_000_000)


def test_a_cost_reported_by_the_provider_wins_over_the_table() -> None:
    usage = {"input_tokens": 1_000_000, "output_tokens": 1_000_000, "cost": 0.0123}
    assert TABLE.cost("claude-opus-4-5", usage) == Cost(0.0123, reported=True)
    cached = TABLE.cost("claude-opus-4-5", {**usage, "cache_read_input_tokens": 1_000_000})
    assert cached == Cost(0.0123, reported=True, cache_saved=pytest.approx(4.5))  # what it saved: from the table
    assert TABLE.cost("some-model-without-a-price", usage) == Cost(0.0123, reported=True)
    assert TABLE.cost("x", {"output_tokens": 1, "cost": "0.5"}) == Cost(0.5, reported=True)
    # Nonsense in the cost field falls back to the table.
    fallback = TABLE.cost("claude-opus-4-5", {"output_tokens": 1_000_000, "cost": "n/a"})
    assert fallback == Cost(25.0)
    assert TABLE.cost("claude-opus-4-5", {"output_tokens": 1_000_000, "cost": True}) == Cost(25.0)


def test_odd_usage_values_count_as_zero() -> None:
    usage = {"input_tokens": None, "output_tokens": "12", "cache_read_input_tokens": -5, "cache_creation": "x"}
    assert TABLE.cost("claude-sonnet-4", usage) == Cost(0.0)
    assert TABLE.cost("claude-sonnet-4", None) is None
    assert TABLE.cost("claude-sonnet-4", {}) is None


def test_demo_models_are_free() -> None:
    assert TABLE.cost("claude-demo-sonnet-5", {"input_tokens": 10_000, "output_tokens": 10_000}) == Cost(0.0)


def test_total_sums_priced_replies_and_counts_the_others() -> None:
    replies = [
        ("claude-sonnet-4-5", {"input_tokens": 1_000_000, "output_tokens": 0}),
        ("claude-haiku-4-5", {"input_tokens": 0, "output_tokens": 1_000_000}),
        ("ace-thing", {"input_tokens": 5, "cost": 0.25}),
        ("unknown-model", {"input_tokens": 5, "output_tokens": 5}),
        ("claude-sonnet-4-5", None),  # a reply that failed before any usage
    ]
    replies.append(
        ("claude-haiku-4-5", {"cache_read_input_tokens": 1_000_000, "server_tool_use": {"web_search_requests": 2}})
    )
    total = TABLE.total(replies)
    assert total == CostTotal(
        usd=pytest.approx(3.0 + 5.0 + 0.25 + 0.1 + 0.02), priced=4, reported=1, unpriced=1, cache_saved=0.9, searches=2
    )
    assert TABLE.total([]) == CostTotal()


def test_edited_prices_override_the_builtin_rule_and_add_new_prefixes() -> None:
    sonnet = builtin_rule("claude-sonnet-4")
    assert sonnet is not None
    edited = PriceTable(
        [
            *(with_price(rule, input=2.0) if rule.prefix == "claude-sonnet-4" else rule for rule in DEFAULT_RULES),
            PriceRule("gateway-claude", "Gateway", Price(1.0, 2.0, 1.25, 0.1)),
        ]
    )
    overrides = edited.overrides()
    assert set(overrides) == {"claude-sonnet-4", "gateway-claude"}
    assert overrides["claude-sonnet-4"]["input"] == 2.0
    assert overrides["claude-sonnet-4"]["output"] == 15.0
    assert overrides["claude-sonnet-4"]["web_search"] == 10.0
    assert PriceTable.with_overrides(overrides) == edited
    assert is_builtin(sonnet)
    assert not is_builtin(edited.rules[-1])
    cost = edited.cost("gateway-claude-fable", {"output_tokens": 1_000_000})
    assert cost == Cost(2.0)


def test_prices_kept_by_an_older_samtal_take_the_new_prices_from_the_builtin_rule() -> None:
    kept = {
        "claude-haiku-5-5": {"name": "Claude Haiku 5.5", "input": 0.2, "output": 0.5, "cache_write": 0.25},
        "claude-opus-4-7": {"name": "x", "input": 5.0, "output": 30.0, "cache_write": 6.25, "cache_read": 0.5},
        "mine": {"name": "Mine", "input": 1.0, "output": 2.0, "cache_write": 1.25, "cache_read": 0.1},
    }
    kept["claude-haiku-5-5"]["cache_read"] = 0.02
    table = PriceTable.with_overrides(kept)
    haiku = table.rule_for("claude-haiku-5-5")
    opus = table.rule_for("claude-opus-4-7")
    mine = table.rule_for("mine")
    assert haiku is not None
    assert opus is not None
    assert mine is not None
    assert haiku.long_prompt == builtin_rule("claude-haiku-5-5").long_prompt  # type: ignore[union-attr]
    assert haiku.price.web_search == 10.0
    assert haiku.price.cache_write_1h == 0.4  # another input price: 2 × the new one
    assert (opus.price.output, opus.price.cache_write_1h, opus.name) == (30.0, 10.0, "Claude Opus 4.7")
    assert (mine.price.web_search, mine.price.cache_write_1h) == (0.0, 2.0)


def test_edited_prices_are_kept_in_the_settings_file(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    path = paths.settings
    settings = Settings.load(paths)
    assert load_prices(settings) == PriceTable.default()
    table = PriceTable(
        [with_price(rule, output=99.5) if rule.prefix == "claude-haiku-4-5" else rule for rule in DEFAULT_RULES]
        + [PriceRule("my-proxy-model", "My proxy", Price(0.5, 1.5, 0.6, 0.05))]
    )
    store_prices(settings, table)
    settings.save()

    reloaded = load_prices(Settings.load(paths))
    assert reloaded == table
    haiku = reloaded.rule_for("claude-haiku-4-5")
    assert haiku is not None
    assert haiku.price.output == 99.5
    assert reloaded.cost("my-proxy-model", {"input_tokens": 2_000_000}) == Cost(1.0)

    store_prices(settings, PriceTable.default())  # back to the defaults: nothing is kept
    settings.save()
    assert PRICES.key not in path.read_text(encoding="utf-8")


def test_malformed_stored_prices_are_skipped(tmp_path: Path) -> None:
    settings = Settings.load(resolve_paths(tmp_path))
    settings.set(
        PRICES,
        {
            "claude-sonnet": {"input": "cheap", "output": 1, "cache_write": 1, "cache_read": 1},
            "fine": {"input": 1, "output": 2, "cache_write": 3, "cache_read": 4},
            "negative": {"input": -1, "output": 2, "cache_write": 3, "cache_read": 4},
            " ": {"input": 1, "output": 2, "cache_write": 3, "cache_read": 4},
        },
    )
    table = load_prices(settings)
    sonnet = table.rule_for("claude-sonnet-5-7")
    assert sonnet is not None
    assert sonnet.price.input == 2.0
    fine = table.rule_for("fine")
    assert fine is not None
    assert fine.price == Price(1, 2, 3, 4, 2, 0)
    assert fine.name == "fine"
    assert table.rule_for("negative") is None


def test_a_table_refuses_duplicate_or_empty_prefixes() -> None:
    rule = PriceRule("x", "X", Price(1, 1, 1, 1))
    with pytest.raises(ValueError, match="only one price"):
        PriceTable([rule, PriceRule("X", "again", Price(2, 2, 2, 2))])
    with pytest.raises(ValueError, match="needs a model prefix"):
        PriceTable([PriceRule("  ", "blank", Price(1, 1, 1, 1))])


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0.0, "$0"),
        (0.00004, "<$0.0001"),
        (0.0016, "$0.0016"),
        (0.04213, "$0.042"),
        (0.00996, "$0.010"),
        (0.996, "$1.00"),
        (0.5, "$0.50"),
        (1.234, "$1.23"),
        (1234.5, "$1,234"),
    ],
)
def test_format_usd(amount: float, text: str) -> None:
    assert format_usd(amount) == text


def test_an_older_edited_demo_price_loses_the_free_in_its_name() -> None:
    kept = {"claude-demo": {"name": "Samtal demo models (free)", "input": 3.0, "output": 15.0}}
    kept["claude-demo"] |= {"cache_write": 3.75, "cache_read": 0.3}
    table = PriceTable.with_overrides(kept)
    rule = table.rule_for("claude-demo-sonnet-5")
    assert rule is not None
    assert (rule.name, rule.price.input) == ("Samtal demo models", 3.0)
