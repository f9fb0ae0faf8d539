"""What each demo family and each API version accepts: sampling, thinking types and effort levels,
refused with the API's own words (as clients have reported them), on both endpoints."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

FIVE = ["claude-demo-sonnet-5", "claude-demo-opus-5", "claude-demo-haiku-5"]
FOUR = ["claude-demo-sonnet-4-6", "claude-demo-opus-4-5", "claude-demo-haiku-4-5"]
TOGETHER = "`temperature` and `top_p` cannot both be specified for this model. Please use only one."
ENABLED = (
    '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and '
    '"output_config.effort" to control thinking behavior.'
)
BUDGET = {"type": "enabled", "budget_tokens": 1024}


def request(model: str, **fields: Any) -> dict[str, Any]:
    return {"model": model, "max_tokens": 2048, "messages": [{"role": "user", "content": "Hi"}], **fields}


def answer(client: httpx.Client, body: dict[str, Any], version: str | None = "2023-06-01") -> httpx.Response:
    headers = {"anthropic-version": version} if version else {}
    return client.post("/v1/messages", json=body, headers=headers)


def refusal(response: httpx.Response) -> str:
    assert response.status_code == 400, response.text
    assert response.json()["error"]["type"] == "invalid_request_error"
    return str(response.json()["error"]["message"])


@pytest.mark.parametrize("model", FIVE)
@pytest.mark.parametrize(("field", "value"), [("temperature", 1.0), ("temperature", 0.2), ("top_p", 1), ("top_k", 5)])
def test_the_five_family_refuses_sampling_even_at_defaults(
    client: httpx.Client, model: str, field: str, value: float
) -> None:
    assert refusal(answer(client, request(model, **{field: value}))) == f"`{field}` is deprecated for this model."


@pytest.mark.parametrize("model", FOUR)
def test_the_four_family_takes_one_sampling_parameter_but_not_temperature_with_top_p(
    client: httpx.Client, model: str
) -> None:
    for single in ({"temperature": 0.2}, {"top_p": 0.9}, {"top_k": 20}, {"temperature": 0.7, "top_k": 40}):
        assert answer(client, request(model, **single)).status_code == 200, single
    assert refusal(answer(client, request(model, temperature=0.2, top_p=0.9))) == TOGETHER


@pytest.mark.parametrize("model", [*FIVE, *FOUR, "my-proxy-model"])
@pytest.mark.parametrize("field", ["temperature", "top_p", "top_k"])
def test_version_2026_10_21_knows_no_sampling_fields_on_any_model(client: httpx.Client, model: str, field: str) -> None:
    body = request(model, **{field: 1})
    assert refusal(answer(client, body, "2026-10-21")) == f"{field}: Extra inputs are not permitted"
    assert answer(client, request(model), "2026-10-21").status_code == 200


def test_a_missing_version_reads_as_2023_06_01_and_an_unknown_one_is_refused(client: httpx.Client) -> None:
    assert answer(client, request("claude-demo-sonnet-4-6", temperature=0.5), version=None).status_code == 200
    assert refusal(answer(client, request("claude-demo-sonnet-4-6"), "2024-10-22")) == (
        'anthropic-version: "2024-10-22" is not a valid version'
    )
    counted = client.post("/v1/messages/count_tokens", json=request("m"), headers={"anthropic-version": "x"})
    assert counted.status_code == 400


def test_thinking_types_follow_the_model(client: httpx.Client) -> None:
    for model in FIVE:
        assert refusal(answer(client, request(model, thinking=BUDGET))) == ENABLED
        assert answer(client, request(model, thinking={"type": "adaptive"})).status_code == 200
        assert answer(client, request(model, thinking={"type": "disabled"})).status_code == 200
    assert answer(client, request("claude-demo-sonnet-4-6", thinking=BUDGET)).status_code == 200
    assert answer(client, request("claude-demo-sonnet-4-6", thinking={"type": "adaptive"})).status_code == 200
    for model in ("claude-demo-opus-4-5", "claude-demo-haiku-4-5"):
        assert answer(client, request(model, thinking=BUDGET)).status_code == 200
        assert refusal(answer(client, request(model, thinking={"type": "adaptive"}))) == (
            "adaptive thinking is not supported on this model"
        )


@pytest.mark.parametrize(
    ("model", "levels"),
    [
        ("claude-demo-sonnet-5", "low medium high xhigh max"),
        ("claude-demo-opus-5", "low medium high xhigh max"),
        ("claude-demo-haiku-5", "low medium high"),
        ("claude-demo-sonnet-4-6", "low medium high max"),
        ("claude-demo-opus-4-5", "low medium high"),
    ],
)
def test_effort_takes_the_models_levels_only(client: httpx.Client, model: str, levels: str) -> None:
    supported = levels.split()
    for level in ("low", "medium", "high", "xhigh", "max"):
        response = answer(client, request(model, output_config={"effort": level}))
        if level in supported:
            assert response.status_code == 200, (level, response.text)
        else:
            assert refusal(response) == (
                f"This model does not support effort level '{level}'. Supported levels: {', '.join(sorted(supported))}."
            )


def test_a_model_without_effort_refuses_any_level(client: httpx.Client) -> None:
    response = answer(client, request("claude-demo-haiku-4-5", output_config={"effort": "low"}))
    assert refusal(response) == "This model does not support the effort parameter."


@pytest.mark.parametrize(
    ("output_config", "message"),
    [
        ("high", "output_config: Input should be a valid dictionary"),
        ({"effort": "extreme"}, "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'"),
        ({"speed": "fast"}, "output_config.speed: Extra inputs are not permitted"),
        ({"format": {"type": "json"}}, "output_config.format: Input tag 'json' found using 'type'"),
        ({"format": {"type": "json_schema"}}, "output_config.format.json_schema.schema: Field required"),
        ({"format": {"type": "json_schema", "schema": "{}"}}, "schema: Input should be a valid dictionary"),
    ],
)
def test_a_malformed_output_config_is_refused(client: httpx.Client, output_config: Any, message: str) -> None:
    assert message in refusal(answer(client, request("claude-demo-sonnet-5", output_config=output_config)))


def test_service_tier_takes_auto_or_standard_only(client: httpx.Client) -> None:
    for tier in ("auto", "standard_only"):
        response = answer(client, request("claude-demo-sonnet-5", service_tier=tier))
        assert response.json()["usage"]["service_tier"] == "standard"
    assert refusal(answer(client, request("claude-demo-sonnet-5", service_tier="priority"))) == (
        "service_tier: Input should be 'auto' or 'standard_only'"
    )


def test_count_tokens_applies_thinking_and_effort_rules(client: httpx.Client) -> None:
    def count(**fields: Any) -> httpx.Response:
        body = {"model": "claude-demo-haiku-4-5", "messages": [{"role": "user", "content": "Hi"}], **fields}
        return client.post("/v1/messages/count_tokens", json=body)

    assert count(thinking=BUDGET).status_code == 200
    assert refusal(count(output_config={"effort": "high"})) == "This model does not support the effort parameter."
    assert refusal(count(thinking={"type": "adaptive"})) == "adaptive thinking is not supported on this model"
    assert refusal(count(temperature=0.5)) == "temperature: Extra inputs are not permitted"  # not a field there


def test_user_citations_are_refused_under_2026_10_21_only(client: httpx.Client) -> None:
    cited = {
        "type": "text",
        "text": "Quoted",
        "citations": [{"type": "char_location", "cited_text": "Q", "document_index": 0, "start_char_index": 0}],
    }
    body = request("claude-demo-sonnet-5", messages=[{"role": "user", "content": [cited]}])
    assert answer(client, body).status_code == 200
    assert "messages.0.content.0.citations" in refusal(answer(client, body, "2026-10-21"))
