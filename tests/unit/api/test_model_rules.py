"""What each model takes, under each API version (`rules_for`), and what `prepare` sends of what it refuses."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.api.catalog import catalog
from app.api.models import ModelInfo
from app.api.params import RULES, SETS_ITS_OWN_SAMPLING, ModelRules, Problem, Reason, check, prepare, rules_for

OFF, ADAPTIVE, BUDGET = "off", "adaptive", "budget"
ALL_EFFORT = ("low", "medium", "high", "xhigh", "max")
NO_XHIGH = ("low", "medium", "high", "max")
LOW_HIGH = ("low", "medium", "high")
V1, V2 = "2023-06-01", "2026-10-21"

# model: (sampling under 2023-06-01, temperature with top_p, thinking modes, effort levels, structured outputs)
FAMILIES: dict[str, tuple[bool, bool, set[str], tuple[str, ...], bool]] = {
    "claude-opus-5-5": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-sonnet-5-5": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-haiku-5-5": (False, False, {OFF, ADAPTIVE}, LOW_HIGH, True),
    "claude-opus-5": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-sonnet-5": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-fable-5-2": (False, False, {ADAPTIVE}, ALL_EFFORT, True),
    "claude-mythos-5": (False, False, {ADAPTIVE}, ALL_EFFORT, True),
    "claude-opus-4-8": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-opus-4-7-20260415": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-opus-4-6": (True, False, {OFF, ADAPTIVE, BUDGET}, NO_XHIGH, True),
    "claude-sonnet-4-6": (True, False, {OFF, ADAPTIVE, BUDGET}, NO_XHIGH, True),
    "claude-haiku-4-5-20251001": (True, False, {OFF, BUDGET}, (), True),
    "claude-opus-4-5": (True, False, {OFF, BUDGET}, LOW_HIGH, True),
    "claude-opus-6": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),  # unknown yet: the newest Opus's rules
    # The demo server's models (the contract of issue 10).
    "claude-demo-sonnet-5": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-demo-opus-5": (False, False, {OFF, ADAPTIVE}, ALL_EFFORT, True),
    "claude-demo-haiku-5": (False, False, {OFF, ADAPTIVE}, LOW_HIGH, True),
    "claude-demo-sonnet-4-6": (True, False, {OFF, ADAPTIVE, BUDGET}, NO_XHIGH, True),
    "claude-demo-haiku-4-5": (True, False, {OFF, BUDGET}, (), True),
    "claude-demo-opus-4-5": (True, False, {OFF, BUDGET}, LOW_HIGH, True),
    # A model no one describes (a gateway's own): everything goes, the API decides.
    "gateway-model": (True, True, {OFF, ADAPTIVE, BUDGET}, ALL_EFFORT, True),
}


@pytest.mark.parametrize("api_version", [V1, V2])
@pytest.mark.parametrize("model", sorted(FAMILIES))
def test_what_each_family_takes_under_each_api_version(model: str, api_version: str) -> None:
    sampling, together, thinking, effort, structured = FAMILIES[model]
    rules = rules_for(model, api_version)
    assert rules.sampling is (sampling and api_version == V1)
    assert rules.temperature_with_top_p is together
    assert rules.thinking_modes == thinking
    assert rules.thinking_display is True  # every model here thinks in some way
    assert rules.effort_levels == effort
    assert rules.structured_outputs is structured
    assert (rules.web_search, rules.web_fetch, rules.citations, rules.image_input, rules.pdf_input) == (True,) * 5
    assert rules.api_version == api_version
    if not rules.sampling:
        assert rules.why_not("sampling")
        if api_version == V2:
            assert rules.sampling_rule.startswith("API version 2026-10-21 takes no temperature, top_p or top_k")
        else:
            assert rules.sampling_rule == SETS_ITS_OWN_SAMPLING


def test_the_demo_models_and_the_real_families_agree() -> None:
    for demo, real in [
        ("claude-demo-sonnet-5", "claude-sonnet-5"),
        ("claude-demo-sonnet-4-6", "claude-sonnet-4-6"),
        ("claude-demo-haiku-4-5", "claude-haiku-4-5"),
        ("claude-demo-opus-4-5", "claude-opus-4-5"),
    ]:
        ours, theirs = rules_for(demo), rules_for(real)
        assert (ours.sampling, ours.thinking_modes, ours.effort_levels) == (
            theirs.sampling,
            theirs.thinking_modes,
            theirs.effort_levels,
        )
    assert rules_for("claude-demo-opus-5").max_input_tokens == 1_000_000
    assert rules_for("claude-demo-opus-4-5").lifecycle is not None
    assert rules_for("claude-demo-opus-4-5").lifecycle.status == "deprecated"  # type: ignore[union-attr]


def test_the_providers_capabilities_win_over_the_catalogs() -> None:
    capabilities = {
        "effort": {"supported": True, "low": {"supported": True}, "xhigh": {"supported": True}},
        "thinking": {"supported": True, "types": {"adaptive": {"supported": True}, "enabled": {"supported": False}}},
        "structured_outputs": {"supported": False},
    }
    info = ModelInfo("claude-sonnet-4-6", "Sonnet 4.6 (gateway)", max_tokens=32_000, capabilities=capabilities)
    rules = rules_for("claude-sonnet-4-6", V1, info)
    assert rules.effort_levels == ("low", "medium", "high", "xhigh", "max")  # medium/high/max: the catalog's
    assert rules.thinking_modes == {OFF, ADAPTIVE}
    assert not rules.structured_outputs
    assert rules.max_tokens == 32_000
    assert rules.display_name == "Sonnet 4.6 (gateway)"
    assert rules.sampling  # sampling is the catalog's business
    # An entry for another model is not this one's.
    assert rules_for("claude-haiku-4-5", V1, info).effort_levels == ()


def test_lifecycle_and_successor() -> None:
    retired = rules_for("claude-opus-4-1")
    assert (retired.lifecycle.status, retired.successor) == ("retired", "claude-opus-5-5")  # type: ignore[union-attr]
    assert rules_for("gateway-model").lifecycle is None
    assert not rules_for("gateway-model").known
    assert rules_for("claude-opus-6").known


@pytest.mark.parametrize(
    ("model", "control", "value", "rule"),
    [
        ("claude-fable-5", "thinking_off", "", "Claude Fable 5 always thinks; it can't be turned off"),
        (
            "claude-sonnet-5",
            "budget",
            "",
            "Claude Sonnet 5 thinks adaptively, without a budget; use Effort for its depth",
        ),
        ("claude-haiku-4-5", "adaptive", "", "Claude Haiku 4.5 thinks with a budget only"),
        ("claude-haiku-4-5", "effort", "", "Claude Haiku 4.5 has no Effort setting"),
        ("claude-sonnet-4-6", "effort", "xhigh", "Claude Sonnet 4.6 takes effort low, medium, high or max"),
        ("claude-sonnet-4-6", "effort", "max", ""),
        ("claude-sonnet-4-6", "temperature_with_top_p", "", "Claude Sonnet 4.6 takes temperature or top_p, not both"),
        ("claude-3-5-sonnet-20241022", "output_format", "", "Claude Sonnet 3.5 has no structured outputs"),
        ("claude-3-5-sonnet-20241022", "web_search", "", "Claude Sonnet 3.5 can't search the web"),
        ("claude-3-5-sonnet-20241022", "thinking", "", "Claude Sonnet 3.5 has no extended thinking"),
        ("claude-sonnet-5", "sampling", "", SETS_ITS_OWN_SAMPLING),
        ("claude-sonnet-5", "web_fetch", "", ""),
    ],
)
def test_why_not(model: str, control: Any, value: str, rule: str) -> None:
    rules = rules_for(model)
    assert rules.why_not(control, value) == rule
    reason = rules.reason(control, value)  # the same rule by its code, for a window to word itself
    assert (reason.text if reason is not None else "") == rule
    assert reason is None or reason.code in RULES


def test_each_rule_has_a_stable_code_with_its_own_words() -> None:
    assert rules_for("claude-sonnet-5").reason("sampling") == Reason("sets_own_sampling")
    assert rules_for("claude-sonnet-4-6", V2).reason("sampling") == Reason("version_without_sampling", version=V2)
    assert rules_for("claude-sonnet-4-6").reason("effort", "xhigh") == Reason(
        "effort_levels", model="Claude Sonnet 4.6", levels=NO_XHIGH
    )
    assert len(set(RULES.values())) == len(RULES)


# --- what prepare sends of what a model refuses ------------------------------------------------------


def sent_and_problems(params: dict[str, Any], api_version: str = V1) -> tuple[dict[str, Any], list[Problem]]:
    return prepare({"max_tokens": 4096, **params}, api_version=api_version)


def test_sampling_saved_for_an_older_model_is_left_out_with_the_rule() -> None:
    sent, problems = sent_and_problems({"model": "claude-opus-4-7", "temperature": 0.3, "top_p": 0.9, "top_k": 5})
    assert sent == {"model": "claude-opus-4-7", "max_tokens": 4096}
    assert problems == [
        Problem(
            name,
            f"{label} isn't sent: {SETS_ITS_OWN_SAMPLING}.",
            False,
            SETS_ITS_OWN_SAMPLING,
        )
        for name, label in (("temperature", "Temperature"), ("top_p", "top_p"), ("top_k", "top_k"))
    ]


def test_api_version_2026_10_21_sends_no_sampling_to_any_model() -> None:
    sent, problems = sent_and_problems({"model": "claude-sonnet-4-6", "temperature": 0.3}, V2)
    assert "temperature" not in sent
    (problem,) = problems
    assert problem.rule == (
        "API version 2026-10-21 takes no temperature, top_p or top_k on any model; choose 2023-06-01 in the "
        "profile to send them"
    )
    assert sent_and_problems({"model": "claude-sonnet-4-6", "temperature": 0.3}, V1) == (
        {"model": "claude-sonnet-4-6", "max_tokens": 4096, "temperature": 0.3},
        [],
    )


def test_a_bad_sampling_value_is_still_blocking_where_it_would_not_be_sent() -> None:
    problems = check({"model": "claude-sonnet-5", "max_tokens": 10, "temperature": 7})
    assert [(p.field, p.blocking) for p in problems] == [("temperature", True), ("temperature", False)]


def test_a_budget_on_a_model_that_thinks_adaptively_is_sent_as_adaptive() -> None:
    thinking = {"type": "enabled", "budget_tokens": 2048, "display": "omitted"}
    sent, problems = sent_and_problems({"model": "claude-sonnet-5", "thinking": thinking})
    assert sent["thinking"] == {"type": "adaptive", "display": "omitted"}
    assert problems == [
        Problem(
            "thinking",
            "Thinking is sent as adaptive: Claude Sonnet 5 thinks adaptively, without a budget; use Effort for its "
            "depth.",
            False,
            "Claude Sonnet 5 thinks adaptively, without a budget; use Effort for its depth",
        )
    ]


def test_adaptive_thinking_on_a_model_with_a_budget_only_is_left_out() -> None:
    sent, problems = sent_and_problems({"model": "claude-haiku-4-5", "thinking": {"type": "adaptive"}})
    assert "thinking" not in sent
    assert [(p.field, p.rule) for p in problems] == [("thinking", "Claude Haiku 4.5 thinks with a budget only")]


def test_thinking_off_on_a_model_that_always_thinks_is_left_out() -> None:
    sent, problems = sent_and_problems({"model": "claude-fable-5", "thinking": {"type": "disabled"}})
    assert "thinking" not in sent
    assert problems[0].message == "Extended thinking isn't sent: Claude Fable 5 always thinks; it can't be turned off."
    # A model that can't think has nothing to turn off: nothing is sent, nothing said.
    assert sent_and_problems({"model": "claude-3-5-haiku-latest", "thinking": {"type": "disabled"}})[0] == {
        "model": "claude-3-5-haiku-latest",
        "max_tokens": 4096,
    }


def test_the_thinking_display() -> None:
    adaptive = {"type": "adaptive", "display": "omitted"}
    assert sent_and_problems({"model": "claude-sonnet-5", "thinking": adaptive})[0]["thinking"] == adaptive
    off = sent_and_problems({"model": "claude-sonnet-5", "thinking": {"type": "disabled", "display": "omitted"}})
    assert off[0]["thinking"] == {"type": "disabled"}  # the API takes no display with disabled
    assert check({"model": "m", "max_tokens": 9, "thinking": {"type": "adaptive", "display": "full"}}) == [
        Problem("thinking", "The thinking display must be summarized or omitted.", True)
    ]


def test_effort() -> None:
    assert sent_and_problems({"model": "claude-sonnet-5", "effort": "xhigh"}) == (
        {"model": "claude-sonnet-5", "max_tokens": 4096, "effort": "xhigh"},
        [],
    )
    sent, problems = sent_and_problems({"model": "claude-sonnet-4-6", "effort": "xhigh"})
    assert "effort" not in sent
    assert problems[0].message == "Effort isn't sent: Claude Sonnet 4.6 takes effort low, medium, high or max."
    sent, problems = sent_and_problems({"model": "claude-haiku-4-5", "effort": "low"})
    assert ("effort" in sent, problems[0].rule) == (False, "Claude Haiku 4.5 has no Effort setting")
    assert check({"model": "m", "max_tokens": 9, "effort": "extreme"}) == [
        Problem("effort", "Effort must be low, medium, high, xhigh or max.", True)
    ]


SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}


def test_structured_output() -> None:
    assert sent_and_problems({"model": "claude-sonnet-5", "output_format": SCHEMA})[0]["output_format"] == SCHEMA
    sent, problems = sent_and_problems({"model": "claude-3-5-sonnet-20241022", "output_format": SCHEMA})
    assert "output_format" not in sent
    assert problems[-1].rule == "Claude Sonnet 3.5 has no structured outputs"
    for bad, message in [
        ({"type": "array"}, 'The output schema must describe an object: "type": "object", with its "properties".'),
        ("{}", 'The output schema must be a JSON object: {"type": "object", "properties": {...}}.'),
        ({"type": "object", "properties": []}, 'The "properties" of the output schema must map each name to a schema.'),
        ({**SCHEMA, "required": ["town"]}, 'The output schema requires "town", which is not among its properties.'),
    ]:
        assert check({"model": "m", "max_tokens": 9, "output_format": bad}) == [Problem("output_format", message, True)]


def test_caching_and_the_service_tier_take_their_values_only() -> None:
    for ttl in ("5m", "1h"):
        assert check({"model": "claude-sonnet-5", "max_tokens": 9, "cache_ttl": ttl}) == []
    assert check({"model": "m", "max_tokens": 9, "cache_ttl": "1d"}) == [
        Problem("cache_ttl", "Prompt caching must be 5m or 1h.", True)
    ]
    assert check({"model": "m", "max_tokens": 9, "service_tier": "priority"}) == [
        Problem("service_tier", "The service tier must be auto or standard_only.", True)
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("yes", "Web search options must be a JSON object."),
        ({"max_uses": 0}, "The most uses of web search must be a whole number of at least 1."),
        ({"allowed_domains": ["a.com"], "blocked_domains": ["b.com"]}, "Web search takes allowed domains or blocked "
         "domains, not both."),
        ({"allowed_domains": ["https://a.com"]}, 'Web search takes domain names such as example.com, not addresses '
         'like "https://a.com".'),
        ({"blocked_domains": [""]}, "The blocked domains of web search must be a list of domain names."),
        ({"citations": True}, 'Web search takes no option "citations".'),
    ],
)  # fmt: skip
def test_web_search_options(options: Any, message: str) -> None:
    assert check({"model": "m", "max_tokens": 9, "web_search": options}) == [Problem("web_search", message, True)]


def test_web_tools() -> None:
    search = {"max_uses": 3, "blocked_domains": ["example.com"]}
    assert check({"model": "claude-sonnet-5", "max_tokens": 9, "web_search": search, "web_fetch": {}}) == []
    sent, problems = sent_and_problems({"model": "claude-3-haiku-20240307", "web_search": {}, "web_fetch": {}})
    assert not {"web_search", "web_fetch"} & set(sent)
    assert [p.rule for p in problems if p.rule] == [
        "Claude Haiku 3 can't search the web",
        "Claude Haiku 3 can't fetch web pages",
    ]
    no_citations = ModelInfo("claude-sonnet-5", "S5", capabilities={"citations": {"supported": False}})
    sent, problems = prepare(
        {"model": "claude-sonnet-5", "max_tokens": 9, "web_fetch": {"max_uses": 2, "citations": True}}, no_citations
    )
    assert sent["web_fetch"] == {"max_uses": 2}
    assert problems[0].message == "Web fetch is sent without citations: S5 gives no citations."


def test_server_tools_count_as_tools_and_their_names_are_taken() -> None:
    base = {"model": "claude-sonnet-5", "max_tokens": 9, "web_search": {}}
    auto = {**base, "tool_choice": {"type": "auto"}}
    assert prepare(auto) == (auto, [])  # auto means something now: the request has a tool
    assert check({**base, "tool_choice": {"type": "tool", "name": "web_search"}}) == []
    clash = [{"name": "web_search", "input_schema": {"type": "object"}}]
    assert check({**base, "tools": clash}) == [
        Problem(
            "tools", 'Two tools are named "web_search": turn Web search off, or remove that tool from the tools.', True
        )
    ]


def test_a_custom_tool_may_be_strict() -> None:
    tool = {"name": "get_time", "input_schema": {"type": "object"}, "strict": True}
    assert check({"model": "m", "max_tokens": 9, "tools": [tool]}) == []
    assert check({"model": "m", "max_tokens": 9, "tools": [{**tool, "strict": "yes"}]}) == [
        Problem("tools", 'The "strict" of the tool "get_time" must be true or false.', True)
    ]


def test_a_retired_or_deprecated_model_is_said_so() -> None:
    assert check({"model": "claude-opus-4-1-20250805", "max_tokens": 9}) == [
        Problem(
            "model",
            "Claude Opus 4.1 was retired on 2026-08-05: the API no longer answers it. Use claude-opus-5-5 instead.",
            False,
        )
    ]
    (problem,) = check({"model": "claude-opus-4-5", "max_tokens": 9})
    assert problem.message == "Claude Opus 4.5 is deprecated and retires on 2027-01-22. Use claude-opus-5-5 instead."
    assert not problem.blocking


# --- nothing refused is ever sent ---------------------------------------------------------------------

_MODELS = [family.id for family in catalog().families if family.listed] + ["claude-opus-6", "gateway-model"]
_ANY_PARAMS = st.fixed_dictionaries(
    {"model": st.sampled_from(_MODELS), "max_tokens": st.just(30_000)},
    optional={
        "temperature": st.just(0.5),
        "top_p": st.just(0.9),
        "top_k": st.just(10),
        "thinking": st.sampled_from(
            [
                {"type": "enabled", "budget_tokens": 2048},
                {"type": "enabled", "budget_tokens": 2048, "display": "omitted"},
                {"type": "adaptive"},
                {"type": "adaptive", "display": "summarized"},
                {"type": "disabled"},
            ]
        ),
        "effort": st.sampled_from(ALL_EFFORT),
        "output_format": st.just(SCHEMA),
        "cache_ttl": st.sampled_from(["5m", "1h"]),
        "web_search": st.just({"max_uses": 2}),
        "web_fetch": st.sampled_from([{}, {"citations": True}]),
        "service_tier": st.sampled_from(["auto", "standard_only"]),
    },
)


def _allowed(sent: dict[str, Any], rules: ModelRules) -> None:
    if not rules.sampling:
        assert not {"temperature", "top_p", "top_k"} & set(sent)
    if not rules.temperature_with_top_p:
        assert not {"temperature", "top_p"} <= set(sent)
    thinking = sent.get("thinking")
    if thinking is not None:
        mode = {"enabled": BUDGET, "adaptive": ADAPTIVE, "disabled": OFF}[thinking["type"]]
        assert mode in rules.thinking_modes
    if "effort" in sent:
        assert sent["effort"] in rules.effort_levels
    if "output_format" in sent:
        assert rules.structured_outputs
    assert rules.web_search or "web_search" not in sent
    assert rules.web_fetch or "web_fetch" not in sent


@settings(max_examples=400, deadline=None)
@given(params=_ANY_PARAMS, api_version=st.sampled_from([V1, V2]))
def test_nothing_a_model_refuses_is_ever_sent(params: dict[str, Any], api_version: str) -> None:
    sent, problems = prepare(params, api_version=api_version)
    if any(problem.blocking for problem in problems):
        return
    _allowed(sent, rules_for(params["model"], api_version))
    for problem in problems:
        if problem.rule:
            assert not problem.blocking
            assert problem.message.endswith(f"{problem.rule}.")


# --- the package -------------------------------------------------------------------------------------


def test_the_packages_all_is_honest() -> None:
    import app.api.params as params

    assert sorted(params.__all__) == sorted(set(params.__all__))
    for name in params.__all__:
        assert getattr(params, name) is not None


def test_the_value_lists_load_without_the_catalog_or_the_rules() -> None:
    # The command line's parser asks for them at every start (the window's too).
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "from app.api.params import EFFORT_LEVELS, CACHE_TTLS\n"
        "print(','.join(sorted(m for m in sys.modules if m in ('app.api.catalog', 'app.api.params._review'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
        cwd=Path(__file__).parents[3],
    )
    assert result.stdout.strip() == ""
