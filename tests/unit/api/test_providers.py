"""Provider profiles, base-URL normalisation and the SDK's environment variables."""

from __future__ import annotations

import dataclasses

import pytest

from app.api.providers import Provider, from_environment, normalise_base_url


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://api.acedata.cloud/v1/", "https://api.acedata.cloud"),
        ("https://api.acedata.cloud/v1", "https://api.acedata.cloud"),
        ("  https://api.anthropic.com/  ", "https://api.anthropic.com"),
        ("api.acedata.cloud", "https://api.acedata.cloud"),
        ("api.acedata.cloud/v1", "https://api.acedata.cloud"),
        ("HTTP://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:4000/proxy/anthropic/v1//", "http://localhost:4000/proxy/anthropic"),
        ("https://gateway.example/v1beta", "https://gateway.example/v1beta"),
        ("https://gateway.example/api/v1x", "https://gateway.example/api/v1x"),
    ],
)
def test_normalise_base_url(typed: str, expected: str) -> None:
    assert normalise_base_url(typed) == expected


@pytest.mark.parametrize("typed", ["ftp://api.example", "file:///etc/passwd", "javascript://x", "ws://host"])
def test_other_schemes_are_refused_clearly(typed: str) -> None:
    with pytest.raises(ValueError, match="http:// or https://"):
        normalise_base_url(typed)


@pytest.mark.parametrize("typed", ["", "   ", "https://"])
def test_empty_urls_are_refused(typed: str) -> None:
    with pytest.raises(ValueError, match=r"empty|no host"):
        normalise_base_url(typed)


def test_known_providers() -> None:
    assert Provider.anthropic() == Provider("anthropic", "https://api.anthropic.com", "x-api-key")
    assert Provider.acedata() == Provider("acedata", "https://api.acedata.cloud", "bearer")


def test_provider_is_frozen_and_always_normalised() -> None:
    provider = Provider("custom", "gateway.example/v1/", "bearer")
    assert provider.base_url == "https://gateway.example"
    with pytest.raises(dataclasses.FrozenInstanceError):
        provider.base_url = "https://elsewhere"  # type: ignore[misc]


def test_for_url_recognises_known_hosts_and_defaults_their_auth() -> None:
    assert Provider.for_url("https://api.acedata.cloud/v1/") == Provider.acedata()
    assert Provider.for_url("api.anthropic.com") == Provider.anthropic()
    assert Provider.for_url("https://api.acedata.cloud", "x-api-key").auth == "x-api-key"
    assert Provider.for_url("http://127.0.0.1:9") == Provider("custom", "http://127.0.0.1:9", "x-api-key")


def test_auth_headers() -> None:
    assert Provider.acedata().auth_headers("tok") == {"authorization": "Bearer tok"}
    assert Provider.anthropic().auth_headers("tok") == {"x-api-key": "tok"}


def test_environment_without_a_token_gives_none() -> None:
    assert from_environment({}) is None
    assert from_environment({"ANTHROPIC_BASE_URL": "https://api.acedata.cloud", "ANTHROPIC_API_KEY": "  "}) is None


def test_environment_api_key_is_sent_as_x_api_key() -> None:
    assert from_environment({"ANTHROPIC_API_KEY": "sk-1"}) == (Provider.anthropic(), "sk-1")


def test_environment_auth_token_is_sent_as_bearer() -> None:
    environ = {"ANTHROPIC_AUTH_TOKEN": "ace-1", "ANTHROPIC_BASE_URL": "https://api.acedata.cloud/v1"}
    assert from_environment(environ) == (Provider.acedata(), "ace-1")
    provider, token = from_environment({"ANTHROPIC_AUTH_TOKEN": "oauth-1"}) or (None, None)
    assert (provider, token) == (Provider("anthropic", "https://api.anthropic.com", "bearer"), "oauth-1")


def test_environment_with_both_tokens_picks_by_host() -> None:
    both = {"ANTHROPIC_API_KEY": "sk-1", "ANTHROPIC_AUTH_TOKEN": "ace-1"}
    assert from_environment(both) == (Provider.anthropic(), "sk-1")
    gateway = from_environment({**both, "ANTHROPIC_BASE_URL": "https://llm.corp.example"})
    assert gateway == (Provider("custom", "https://llm.corp.example", "bearer"), "ace-1")


def test_environment_with_an_unusable_base_url_configures_nothing(caplog: pytest.LogCaptureFixture) -> None:
    environ = {"ANTHROPIC_API_KEY": "sk-1", "ANTHROPIC_BASE_URL": "ftp://gateway.example"}
    assert from_environment(environ) is None
    assert "ANTHROPIC_BASE_URL" in caplog.text
    assert "sk-1" not in caplog.text


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("not a url", "spaces"),
        ("https://api.example.com:port/v1", "port"),
        ("https://exa mple.com", "spaces"),
        ("https://ex%ample.com", "host"),
        ("https://", "host"),
    ],
)
def test_unusable_base_urls_are_refused_with_a_reason(url: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        normalise_base_url(url)


def test_hosts_ports_and_ipv6_are_accepted() -> None:
    assert normalise_base_url("localhost:8080/v1") == "https://localhost:8080"
    assert normalise_base_url("http://127.0.0.1:9/") == "http://127.0.0.1:9"
    assert normalise_base_url("http://[::1]:8000") == "http://[::1]:8000"
