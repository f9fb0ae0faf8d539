"""The demo's models over HTTP: the list with capabilities in the API's shape, and retired models that
answer 404 wherever they are named."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.demo import DEFAULT_MODEL, DEMO_MODELS

# The fields of the API's ModelCapabilities and of its parts, as the official SDK declares them
# (src/anthropic/types/model_capabilities.py, capability_support.py, effort_capability.py,
# thinking_capability.py, thinking_types.py, context_management_capability.py).
CAPABILITY_FIELDS = {
    "batch",
    "citations",
    "code_execution",
    "context_management",
    "effort",
    "image_input",
    "pdf_input",
    "structured_outputs",
    "thinking",
}
EFFORT_FIELDS = {"supported", "low", "medium", "high", "max", "xhigh"}
RETIRED = ["claude-demo-opus-4-1", "claude-demo-sonnet", "claude-demo-opus-legacy"]


def listed(client: httpx.Client) -> dict[str, dict[str, Any]]:
    return {model["id"]: model for model in client.get("/v1/models", params={"limit": 100}).json()["data"]}


def test_the_list_holds_todays_demo_families_newest_first(client: httpx.Client) -> None:
    models = listed(client)
    assert list(models) == [
        "claude-demo-sonnet-5",
        "claude-demo-opus-5",
        "claude-demo-haiku-5",
        "claude-demo-sonnet-4-6",
        "claude-demo-opus-4-5",
        "claude-demo-haiku-4-5",
    ]
    created = [model["created_at"] for model in models.values()]
    assert created == sorted(created, reverse=True)
    assert DEFAULT_MODEL == "claude-demo-sonnet-5" == next(m for m in models if "sonnet" in m)  # the newest Sonnet
    assert models["claude-demo-opus-5"]["max_input_tokens"] == 1_000_000
    assert {model.id for model in DEMO_MODELS} == set(models)


def test_every_model_reports_capabilities_in_the_apis_shape(client: httpx.Client) -> None:
    for model in listed(client).values():
        capabilities = model["capabilities"]
        assert set(capabilities) == CAPABILITY_FIELDS
        for name in ("batch", "citations", "code_execution", "image_input", "pdf_input", "structured_outputs"):
            assert set(capabilities[name]) == {"supported"}
            assert isinstance(capabilities[name]["supported"], bool)
        assert set(capabilities["effort"]) == EFFORT_FIELDS
        assert set(capabilities["thinking"]) == {"supported", "types"}
        assert set(capabilities["thinking"]["types"]) == {"adaptive", "enabled"}
        assert capabilities["context_management"] == {"supported": False}
        assert client.get(f"/v1/models/{model['id']}").json() == model


def effort_levels(model: dict[str, Any]) -> list[str]:
    effort = model["capabilities"]["effort"]
    return [level for level in ("low", "medium", "high", "xhigh", "max") if effort[level]["supported"]]


def thinking_types(model: dict[str, Any]) -> list[str]:
    types = model["capabilities"]["thinking"]["types"]
    return [kind for kind in ("adaptive", "enabled") if types[kind]["supported"]]


def test_capabilities_say_what_each_family_accepts(client: httpx.Client) -> None:
    models = listed(client)
    five = ["low", "medium", "high", "xhigh", "max"]
    assert {name: effort_levels(model) for name, model in models.items()} == {
        "claude-demo-sonnet-5": five,
        "claude-demo-opus-5": five,
        "claude-demo-haiku-5": ["low", "medium", "high"],
        "claude-demo-sonnet-4-6": ["low", "medium", "high", "max"],
        "claude-demo-opus-4-5": ["low", "medium", "high"],
        "claude-demo-haiku-4-5": [],
    }
    assert models["claude-demo-haiku-4-5"]["capabilities"]["effort"]["supported"] is False
    assert {name: thinking_types(model) for name, model in models.items()} == {
        "claude-demo-sonnet-5": ["adaptive"],
        "claude-demo-opus-5": ["adaptive"],
        "claude-demo-haiku-5": ["adaptive"],
        "claude-demo-sonnet-4-6": ["adaptive", "enabled"],
        "claude-demo-opus-4-5": ["enabled"],
        "claude-demo-haiku-4-5": ["enabled"],
    }


@pytest.mark.parametrize("model", RETIRED)
def test_a_retired_model_is_not_listed_and_every_request_to_it_is_a_404(client: httpx.Client, model: str) -> None:
    assert model not in listed(client)
    body = {"model": model, "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}
    for response in (
        client.post("/v1/messages", json=body),
        client.post("/v1/messages", json={**body, "stream": True}),
        client.post("/v1/messages/count_tokens", json={"model": model, "messages": body["messages"]}),
        client.get(f"/v1/models/{model}"),
    ):
        assert response.status_code == 404
        assert response.json()["error"] == {"type": "not_found_error", "message": f"model: {model}"}
    assert client.get("/v1/models", params={"after_id": model}).status_code == 400  # not a cursor either


def test_an_id_the_demo_does_not_know_is_answered_without_model_rules(client: httpx.Client) -> None:
    body = {"model": "my-proxy-model", "max_tokens": 64, "temperature": 0.3, "top_p": 0.8, "top_k": 4}
    response = client.post("/v1/messages", json={**body, "messages": [{"role": "user", "content": "Hi"}]})
    assert response.status_code == 200, response.text
    assert response.json()["model"] == "my-proxy-model"
