"""`samtal models`: the provider's models with what each takes and its lifecycle, as text or JSON."""

from __future__ import annotations

import json

from app.api.model_cache import read_cached_models
from app.demo import DemoServer, Reply
from app.paths import resolve_paths
from tests.unit.cli.conftest import Samtal

CAPABILITIES = {
    "citations": {"supported": True},
    "effort": {
        "supported": True,
        "low": {"supported": True},
        "medium": {"supported": True},
        "high": {"supported": True},
        "xhigh": {"supported": False},
        "max": {"supported": True},
    },
    "image_input": {"supported": True},
    "pdf_input": {"supported": False},
    "structured_outputs": {"supported": True},
    "thinking": {"supported": True, "types": {"adaptive": {"supported": True}, "enabled": {"supported": True}}},
}
PAGE = {
    "data": [
        {
            "type": "model",
            "id": "claude-sonnet-4-6",
            "display_name": "Claude Sonnet 4.6",
            "created_at": "2026-02-17T00:00:00Z",
            "max_input_tokens": 1_000_000,
            "max_tokens": 64_000,
            "capabilities": CAPABILITIES,
        },
        {
            "type": "model",
            "id": "claude-fable-5-1",
            "display_name": "Claude Fable 5.1",
            "created_at": "2026-09-01T00:00:00Z",
        },
        {"type": "model", "id": "claude-opus-4-5-20251101", "display_name": "Claude Opus 4.5"},
        {"type": "model", "id": "acme-large", "display_name": "Acme Large"},
    ],
    "has_more": False,
    "first_id": "claude-sonnet-4-6",
    "last_id": "acme-large",
}


def test_the_models_with_what_each_takes_and_its_lifecycle(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Reply(body=PAGE), path="/v1/models")
    result = samtal("models")
    assert (result.status, result.err) == (0, "")
    lines = result.out.splitlines()
    assert len(lines) == 4
    sonnet, fable, opus, acme = lines
    assert sonnet.startswith("claude-sonnet-4-6         Claude Sonnet 4.6  active")
    assert sonnet.endswith(
        "1M in, 64k out; thinking adaptive or budget; effort low-max; structured outputs; images; web search, "
        "web fetch; temperature or top_p"
    )  # the provider's capabilities: no PDFs
    assert "thinking adaptive, always on; effort low-max" in fable
    assert fable.endswith("no sampling")
    assert "deprecated, retires 2027-01-22 (use claude-opus-5-5)" in opus
    assert "unknown" in acme
    assert server.requests[0].path == "/v1/models"
    # Kept for the default model of `samtal ask`, capabilities and all.
    cached = read_cached_models(resolve_paths(samtal.data_dir).cache, f"{server.url}|x-api-key")
    assert [model.id for model in cached] == [entry["id"] for entry in PAGE["data"]]
    assert cached[0].capabilities == CAPABILITIES


def test_json_has_the_providers_entry_lifecycle_and_what_samtal_sends(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Reply(body=PAGE), path="/v1/models")
    result = samtal("models", "--json", "--api-version", "2026-10-21")
    assert result.status == 0
    sonnet, fable, opus, acme = json.loads(result.out)
    assert sonnet["capabilities"] == CAPABILITIES
    assert sonnet["lifecycle"] == {"status": "active", "date": None}
    assert sonnet["accepts"] == {
        "api_version": "2026-10-21",
        "sampling": False,  # not under 2026-10-21
        "temperature_with_top_p": False,
        "thinking": ["adaptive", "budget", "off"],
        "thinking_display": True,
        "effort": ["low", "medium", "high", "max"],
        "structured_outputs": True,
        "citations": True,
        "image_input": True,
        "pdf_input": False,
        "web_search": True,
        "web_fetch": True,
        "max_tokens": 64_000,
        "max_input_tokens": 1_000_000,
    }
    assert fable["capabilities"] is None  # the provider sent none: the catalog's rules apply
    assert fable["accepts"]["thinking"] == ["adaptive"]
    assert (opus["lifecycle"], opus["successor"]) == ({"status": "deprecated", "date": "2027-01-22"}, "claude-opus-5-5")
    assert (acme["lifecycle"], acme["successor"]) == (None, None)
    assert server.requests[0].headers["anthropic-version"] == "2026-10-21"


def test_the_demos_models(samtal: Samtal, server: DemoServer) -> None:
    result = samtal("--demo", "models", "--json")
    assert result.status == 0
    models = json.loads(result.out)
    assert models
    assert all(model["id"].startswith("claude-demo-") for model in models)
    assert server.requests == []  # the demo's own server, not the environment's


def test_a_provider_that_cannot_list_its_models_says_why(samtal: Samtal, server: DemoServer) -> None:
    server.script.push(Reply(status=401), path="/v1/models")
    result = samtal("models")
    assert result.status == 1
    assert result.err.startswith("samtal: authentication_error: ")
    assert result.out == ""
