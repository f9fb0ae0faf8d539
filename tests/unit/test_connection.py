"""One connection resolver for the window and the command line: its precedence, the API version, the token."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.api.providers import Provider
from app.connection import (
    NOT_CONFIGURED,
    Connection,
    ConnectionProblem,
    demo_connection,
    describe_provider,
    resolve_connection,
)
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from tests.fixtures.keyrings import MemoryKeyring

ENV = {"ANTHROPIC_API_KEY": "sk-env-token-0001", "ANTHROPIC_BASE_URL": "https://gw.example"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(resolve_paths(tmp_path))


@pytest.fixture
def secrets() -> SecretStore:
    return SecretStore(backend=MemoryKeyring())


def add(settings: Settings, secrets: SecretStore, name: str, *, active: bool = False, **fields: str) -> Profile:
    profile = dataclasses.replace(Profile.new(name, "custom", f"https://{name}.example"), **fields)
    settings.put_profile(profile, activate=active)
    secrets.set(profile.id, f"sk-{name}-token")
    return profile


def resolve(settings: Settings, secrets: SecretStore, **options: object) -> Connection:
    environ = options.pop("environ", {})
    return resolve_connection(
        environ=environ,  # type: ignore[arg-type]
        settings=lambda: settings,
        secrets=lambda: secrets,
        **options,  # type: ignore[arg-type]
    )


def test_the_precedence_demo_base_url_named_profile_environment_active_profile(
    settings: Settings, secrets: SecretStore
) -> None:
    add(settings, secrets, "active", active=True)
    add(settings, secrets, "named")
    demo = demo_connection("http://127.0.0.1:1", "demo-token")
    everything: dict[str, object] = {"environ": ENV, "profile_name": "named", "base_url": "http://127.0.0.1:2"}

    assert resolve(settings, secrets, demo=lambda: demo) is demo
    assert resolve(settings, secrets, **everything).source == "base_url"
    del everything["base_url"]
    named = resolve(settings, secrets, **everything)
    assert (named.source, named.label, named.token) == ("profile", "named", "sk-named-token")
    del everything["profile_name"]
    environment = resolve(settings, secrets, **everything)
    assert (environment.source, environment.provider.base_url, environment.token) == (
        "environment",
        "https://gw.example",
        "sk-env-token-0001",
    )
    assert environment.label == "gw.example (environment)"
    active = resolve(settings, secrets)
    assert (active.source, active.label, active.token) == ("profile", "active", "sk-active-token")


def test_nothing_configured_says_what_to_do(settings: Settings, secrets: SecretStore) -> None:
    with pytest.raises(ConnectionProblem) as caught:
        resolve(settings, secrets)
    assert str(caught.value) == NOT_CONFIGURED
    assert not caught.value.usage


def test_a_profile_without_its_token_is_a_problem_not_a_fall_back(settings: Settings, secrets: SecretStore) -> None:
    profile = add(settings, secrets, "lost", active=True)
    secrets.delete(profile.id)
    with pytest.raises(ConnectionProblem, match="no token is stored for the profile 'lost'"):
        resolve(settings, secrets)
    with pytest.raises(ConnectionProblem, match="there is no profile called 'nope'"):
        resolve(settings, secrets, profile_name="nope", environ=ENV)


def test_options_that_do_not_go_together_are_usage_problems(settings: Settings, secrets: SecretStore) -> None:
    demo = demo_connection("http://127.0.0.1:1", "demo-token")
    for options in ({"base_url": "http://127.0.0.1:2"}, {"auth": "bearer"}, {"profile_name": "x"}):
        with pytest.raises(ConnectionProblem, match="--demo talks to the demo server") as caught:
            resolve(settings, secrets, demo=lambda: demo, **options)
        assert caught.value.usage
    with pytest.raises(ConnectionProblem, match="--auth applies to --base-url") as caught:
        resolve(settings, secrets, auth="bearer", environ=ENV)
    assert caught.value.usage


def test_the_api_version_comes_with_the_profile_and_an_option_overrides_it(
    settings: Settings, secrets: SecretStore
) -> None:
    add(settings, secrets, "new", active=True, api_version="2026-10-21")
    assert resolve(settings, secrets).api_version == "2026-10-21"
    assert resolve(settings, secrets, api_version="2023-06-01").api_version == "2023-06-01"
    assert resolve(settings, secrets, environ=ENV).api_version == "2023-06-01"  # the default
    assert demo_connection("http://127.0.0.1:1", "t").api_version == "2023-06-01"


def test_a_profiles_api_version_is_saved_and_an_unknown_one_is_not_used(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path)
    settings = Settings.load(paths)
    settings.put_profile(dataclasses.replace(Profile.new("p", "anthropic"), api_version="2026-10-21"))
    settings.save()
    assert Settings.load(paths).profiles[0].api_version == "2026-10-21"
    assert Profile.from_dict({"id": "x", "kind": "custom", "base_url": "https://x", "api_version": "2031-01-01"}) == (
        Profile("x", "x", "custom", "https://x", "x-api-key")
    )


def test_the_token_is_never_in_the_repr(settings: Settings, secrets: SecretStore) -> None:
    add(settings, secrets, "active", active=True)
    connection = resolve(settings, secrets)
    assert "sk-active-token" not in repr(connection)
    assert connection.profile_id == connection.profile.id  # type: ignore[union-attr]
    assert connection.cache_key == "https://active.example|x-api-key"


def test_providers_have_names_for_people() -> None:
    assert describe_provider(Provider.anthropic()) == "Anthropic"
    assert describe_provider(Provider.acedata()) == "Ace Data Cloud"
    assert describe_provider(Provider.for_url("http://127.0.0.1:8080/v1")) == "127.0.0.1:8080"
    assert demo_connection("http://127.0.0.1:1", "t").default_model == "claude-demo-sonnet-5"
