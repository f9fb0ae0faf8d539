"""Which provider and token `samtal ask` uses, in the documented order, and the token never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.command import CommandError
from app.cli.provider import NOT_CONFIGURED, Connection, resolve
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from tests.fixtures.keyrings import MemoryKeyring
from tests.unit.cli.conftest import Samtal

TOKEN = "sk-secret-value-1234"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(resolve_paths(tmp_path))


@pytest.fixture
def secrets(memory_keyring: MemoryKeyring) -> SecretStore:
    return SecretStore(backend=memory_keyring)


def connect(
    settings: Settings,
    secrets: SecretStore,
    *,
    environ: dict[str, str] | None = None,
    base_url: str | None = None,
    auth: str | None = None,
    profile: str | None = None,
) -> Connection:
    return resolve(
        base_url=base_url,
        auth=auth,  # type: ignore[arg-type]
        profile_name=profile,
        environ=environ or {},
        settings=lambda: settings,
        secrets=lambda: secrets,
    )


def add_profile(
    settings: Settings, secrets: SecretStore, name: str, *, token: str | None, active: bool = False
) -> Profile:
    profile = Profile.new(name, "acedata")
    settings.put_profile(profile, activate=active)
    if token is not None:
        secrets.set(profile.id, token)
    return profile


def test_base_url_takes_its_token_from_the_environment(settings: Settings, secrets: SecretStore) -> None:
    found = connect(settings, secrets, base_url="http://127.0.0.1:9/v1/", environ={"ANTHROPIC_API_KEY": TOKEN})
    assert (found.provider.base_url, found.provider.auth, found.token) == ("http://127.0.0.1:9", "x-api-key", TOKEN)
    bearer = connect(settings, secrets, base_url="https://gw.example", environ={"ANTHROPIC_AUTH_TOKEN": TOKEN})
    assert (bearer.provider.auth, bearer.token) == ("bearer", TOKEN)
    both = {"ANTHROPIC_API_KEY": "key", "ANTHROPIC_AUTH_TOKEN": "bearer-token"}
    assert (
        connect(settings, secrets, base_url="https://gw.example", auth="bearer", environ=both).token == "bearer-token"
    )
    assert connect(settings, secrets, base_url="https://gw.example", environ=both).token == "key"


def test_base_url_problems_are_reported(settings: Settings, secrets: SecretStore) -> None:
    with pytest.raises(CommandError, match="needs a token"):
        connect(settings, secrets, base_url="https://gw.example")
    with pytest.raises(CommandError, match="http:// or https://") as caught:
        connect(settings, secrets, base_url="ftp://gw.example", environ={"ANTHROPIC_API_KEY": TOKEN})
    assert caught.value.status == 2
    with pytest.raises(CommandError, match="--auth applies to --base-url"):
        connect(settings, secrets, auth="bearer", environ={"ANTHROPIC_API_KEY": TOKEN})


def test_a_named_profile_wins_over_the_environment(settings: Settings, secrets: SecretStore) -> None:
    profile = add_profile(settings, secrets, "Work", token=TOKEN)
    found = connect(settings, secrets, profile="work", environ={"ANTHROPIC_API_KEY": "env-key"})
    assert (found.token, found.profile, found.provider.auth) == (TOKEN, profile, "bearer")
    assert found.provider.base_url == "https://api.acedata.cloud"


def test_a_missing_profile_or_its_missing_token_is_explained(settings: Settings, secrets: SecretStore) -> None:
    add_profile(settings, secrets, "Home", token=None)
    with pytest.raises(CommandError, match=r"no profile called 'Nope' \(profiles: Home\)"):
        connect(settings, secrets, profile="Nope")
    with pytest.raises(CommandError, match="no token is stored for the profile 'Home'"):
        connect(settings, secrets, profile="Home")


def test_the_environment_comes_before_the_active_profile(settings: Settings, secrets: SecretStore) -> None:
    add_profile(settings, secrets, "Active", token=TOKEN, active=True)
    from_env = connect(settings, secrets, environ={"ANTHROPIC_API_KEY": "env-key"})
    assert (from_env.token, from_env.profile) == ("env-key", None)
    assert connect(settings, secrets).token == TOKEN


def test_nothing_configured_says_how_to_configure(settings: Settings, secrets: SecretStore) -> None:
    with pytest.raises(CommandError) as caught:
        connect(settings, secrets)
    assert str(caught.value) == NOT_CONFIGURED
    assert "ANTHROPIC_API_KEY" in NOT_CONFIGURED
    assert "samtal --demo ask" in NOT_CONFIGURED


def test_settings_and_keyring_are_not_touched_when_the_environment_suffices() -> None:
    def unreachable() -> object:
        raise AssertionError("should not be needed")

    found = resolve(
        base_url=None,
        auth=None,
        profile_name=None,
        environ={"ANTHROPIC_API_KEY": TOKEN},
        settings=unreachable,  # type: ignore[arg-type]
        secrets=unreachable,  # type: ignore[arg-type]
    )
    assert found.token == TOKEN


def test_the_token_is_never_shown(settings: Settings, secrets: SecretStore) -> None:
    found = connect(settings, secrets, environ={"ANTHROPIC_API_KEY": TOKEN})
    assert TOKEN not in repr(found)
    assert TOKEN not in str(found)


MALFORMED = '{"profiles": [\n  {"id": "w", "name": "work", "kind": "custom", "base_url": "http://127.0.0.1:9",}\n]}\n'


@pytest.mark.parametrize("argv", [["--profile", "work"], []], ids=["named profile", "active profile"])
def test_a_malformed_settings_file_is_one_line_naming_it_and_is_left_where_it_is(
    samtal: Samtal, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    monkeypatch.delenv("ANTHROPIC_BASE_URL")
    config = samtal.data_dir / "config"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(MALFORMED)
    result = samtal("ask", *argv, "hello")
    assert result.status == 1
    assert result.err == (
        f"samtal: {config / 'settings.json'} can't be used: it is not valid JSON: "
        "Expecting property name enclosed in double quotes (line 2, column 82)\n"
    )
    assert [p.name for p in config.iterdir()] == ["settings.json"]
    assert (config / "settings.json").read_text() == MALFORMED
