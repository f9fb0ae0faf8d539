"""The profile service: testing tokens against the real demo server, storing them in the keyring (or the
session), saving profiles and preferences, switching the connection; the token never reaches a file."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from app.chat.connection import ConnectionManager
from app.chat.profiles import (
    Preferences,
    ProfileDraft,
    ProfileService,
    ProfileSummary,
    SaveOutcome,
    TestResult,
    check_base_url,
    check_token,
)
from app.demo import DemoServer
from app.logs import SecretRedactor
from app.paths import AppPaths, resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from app.settings.options import AI_TITLES, SEND_WITH_CTRL_ENTER, THEME
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.waiting import until

TOKEN = "sk-ant-canary-profiles-5e8d1c2b7a"


@dataclass
class World:
    """A service over real settings files in a temporary directory, with its collaborators."""

    paths: AppPaths
    settings: Settings
    secrets: SecretStore
    connections: ConnectionManager
    service: ProfileService
    results: list[TestResult] = field(default_factory=list)
    saved: list[Any] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def draft(self, url: str, token: str = TOKEN, **changes: Any) -> ProfileDraft:
        fields: dict[str, Any] = {"name": "Demo", "kind": "custom", "base_url": url, "auth": "x-api-key"}
        return ProfileDraft(**{**fields, "token": token, **changes})

    def settings_text(self) -> str:
        return self.paths.settings.read_text(encoding="utf-8")


def _world(tmp_path: Path, secrets: SecretStore, test_timeout: float = 5.0) -> World:
    paths = resolve_paths(tmp_path / "samtal").ensure()
    settings = Settings.load(paths)
    connections = ConnectionManager(settings, secrets, paths.cache, environ={})
    service = ProfileService(settings, secrets, connections, test_timeout=test_timeout)
    world = World(paths, settings, secrets, connections, service)
    service.test_finished.connect(world.results.append)
    service.saved.connect(world.saved.append)
    service.problem.connect(world.problems.append)
    return world


@pytest_asyncio.fixture
async def world(tmp_path: Path, memory_keyring: MemoryKeyring, qtbot: QtBot) -> AsyncIterator[World]:
    w = _world(tmp_path, SecretStore(memory_keyring))
    yield w
    await w.service.aclose()
    await w.connections.aclose()


@pytest_asyncio.fixture
async def keyless(tmp_path: Path, qtbot: QtBot) -> AsyncIterator[World]:
    w = _world(tmp_path, SecretStore(keyring.backends.fail.Keyring()))
    yield w
    await w.service.aclose()
    await w.connections.aclose()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An address that accepts connections and never answers (the kernel completes the handshake)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"  # nothing listens once it is closed


# --- input checks ---


def test_drafts_never_show_the_token() -> None:
    draft = ProfileDraft("Work", "custom", "https://gw.example", "bearer", TOKEN)
    assert TOKEN not in repr(draft)
    assert TOKEN not in str(draft)


def test_known_providers_use_their_own_address_and_auth() -> None:
    anthropic = ProfileDraft("", "anthropic", "ftp://ignored", "bearer").provider()
    assert (anthropic.base_url, anthropic.auth) == ("https://api.anthropic.com", "x-api-key")
    ace = ProfileDraft("", "acedata", "", "x-api-key").provider()
    assert (ace.base_url, ace.auth) == ("https://api.acedata.cloud", "bearer")
    custom = ProfileDraft("", "custom", " https://gw.example.com/v1/ ", "bearer").provider()
    assert (custom.kind, custom.base_url, custom.auth) == ("custom", "https://gw.example.com", "bearer")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://example.com", "must start with http:// or https://"),
        ("", "empty"),
        ("https://exa mple.com", "spaces or control characters"),
        ("https://a\x00b", "spaces or control characters"),
        ("https://", "no host"),
    ],
)
def test_bad_base_urls_are_refused_with_a_sentence(url: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        check_base_url(url)


def test_unknown_kind_or_auth_is_refused() -> None:
    with pytest.raises(ValueError, match="provider kind"):
        ProfileDraft("", "openai", "https://x", "bearer").provider()
    with pytest.raises(ValueError, match="authentication style"):
        ProfileDraft("", "custom", "https://x", "basic").provider()


def test_tokens_are_trimmed_and_unsendable_ones_refused_without_quoting_them() -> None:
    assert check_token(f"  {TOKEN}\n") == TOKEN
    with pytest.raises(ValueError, match="Paste a token"):
        check_token("  \n")
    for bad in (f"{TOKEN} extra", f"{TOKEN}é", f"{TOKEN}\x00"):
        with pytest.raises(ValueError, match="ASCII") as caught:
            check_token(bad)
        assert TOKEN not in str(caught.value)


# --- testing a token ---


@pytest.mark.asyncio
async def test_a_good_token_lists_the_models(world: World, demo_server: DemoServer) -> None:
    world.service.test(world.draft(demo_server.url))
    assert world.service.testing
    await until(lambda: world.results)
    [result] = world.results
    assert result.ok
    assert result.models
    assert all(m.id.startswith("claude") for m in result.models)
    assert f"{len(result.models)} models" in result.message
    assert not world.service.testing
    assert demo_server.requests[-1].path.startswith("/v1/models")
    assert demo_server.requests[-1].headers["x-api-key"] == TOKEN
    # Testing stores nothing.
    assert world.settings.profiles == []
    assert not world.paths.settings.exists()


@pytest.mark.asyncio
async def test_a_wrong_token_gives_the_apis_error_with_its_request_id(world: World, demo_server: DemoServer) -> None:
    demo_server.require_token = "sk-the-right-one-1234"
    world.service.test(world.draft(demo_server.url, auth="bearer"))
    await until(lambda: world.results)
    [result] = world.results
    assert not result.ok
    assert result.error_type == "authentication_error"
    assert result.status == 401
    assert "invalid" in result.message
    assert result.request_id.startswith("req_")
    assert demo_server.requests[-1].headers["authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in repr(result)


@pytest.mark.asyncio
async def test_an_unreachable_server_is_reported_as_a_connection_error(world: World) -> None:
    world.service.test(world.draft(_closed_port()))
    await until(lambda: world.results)
    assert world.results[0].error_type == "connection_error"
    assert "127.0.0.1" in world.results[0].message


@pytest.mark.asyncio
async def test_the_test_gives_up_after_its_own_short_timeout(
    tmp_path: Path, memory_keyring: MemoryKeyring, silent_server: str, qtbot: QtBot
) -> None:
    w = _world(tmp_path, SecretStore(memory_keyring), test_timeout=0.2)
    try:
        started = asyncio.get_running_loop().time()
        w.service.test(w.draft(silent_server))
        await until(lambda: w.results, timeout=5)
        assert asyncio.get_running_loop().time() - started < 3
        [result] = w.results
        assert not result.ok
        assert result.error_type == "timeout"
        assert "within 0.2 s" in result.message
    finally:
        await w.service.aclose()
        await w.connections.aclose()


@pytest.mark.asyncio
async def test_a_cancelled_test_reports_nothing(world: World, silent_server: str) -> None:
    world.service.test(world.draft(silent_server))
    await asyncio.sleep(0.05)
    assert world.service.testing
    world.service.cancel_test()
    assert not world.service.testing
    await world.service.aclose()
    await asyncio.sleep(0.05)
    assert world.results == []


@pytest.mark.asyncio
async def test_a_new_test_replaces_the_running_one(world: World, silent_server: str, demo_server: DemoServer) -> None:
    world.service.test(world.draft(silent_server))
    world.service.test(world.draft(demo_server.url))
    await until(lambda: world.results)
    await asyncio.sleep(0.05)
    assert [r.ok for r in world.results] == [True]


@pytest.mark.asyncio
async def test_unusable_drafts_are_answered_at_once(world: World) -> None:
    world.service.test(world.draft("ftp://example.com"))
    world.service.test(world.draft("https://gw.example.com", token=" "))
    assert [(r.ok, r.error_type) for r in world.results] == [(False, "invalid_input"), (False, "invalid_input")]
    assert "http://" in world.results[0].message
    assert "Paste a token" in world.results[1].message


@pytest.mark.asyncio
async def test_an_existing_profile_is_tested_with_its_saved_token(world: World, demo_server: DemoServer) -> None:
    demo_server.require_token = TOKEN
    profile = world.service.save(world.draft(demo_server.url)).profile
    world.service.test(world.draft(demo_server.url, token="", profile_id=profile.id))
    await until(lambda: world.results)
    assert world.results[0].ok


# --- saving ---


@pytest.mark.asyncio
async def test_save_puts_the_token_in_the_keyring_and_the_profile_in_the_settings(
    world: World, memory_keyring: MemoryKeyring, demo_server: DemoServer
) -> None:
    summaries: list[list[ProfileSummary]] = []
    world.service.profiles_changed.connect(summaries.append)
    outcome = world.service.save(world.draft(demo_server.url, name="  My demo "))
    assert outcome == SaveOutcome(outcome.profile, persistent=True)
    profile = outcome.profile
    assert profile.name == "My demo"
    assert profile.base_url == demo_server.url
    assert memory_keyring.passwords == {("samtal", profile.id): TOKEN}
    # The settings file has the profile, made active, and never the token.
    text = world.settings_text()
    assert profile.id in text
    assert TOKEN not in text
    stored = json.loads(text)
    assert stored["active_profile"] == profile.id
    # Requests now go there, with that token.
    connection = world.connections.connection
    assert connection is not None
    assert (connection.source, connection.profile_id) == ("profile", profile.id)
    assert world.saved == [profile]
    assert summaries[-1] == [ProfileSummary(profile, active=True, token="keyring")]


@pytest.mark.asyncio
async def test_a_first_profile_gets_its_providers_name(world: World) -> None:
    first = world.service.save(ProfileDraft("", "anthropic", "", "x-api-key", TOKEN)).profile
    second = world.service.save(ProfileDraft(" ", "anthropic", "", "x-api-key", TOKEN)).profile
    third = world.service.save(ProfileDraft("anthropic", "acedata", "", "bearer", TOKEN)).profile
    assert [first.name, second.name, third.name] == ["Anthropic", "Anthropic (2)", "anthropic (3)"]
    assert (third.kind, third.base_url, third.auth) == ("acedata", "https://api.acedata.cloud", "bearer")


@pytest.mark.asyncio
async def test_nothing_is_stored_for_an_unusable_draft(world: World, memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(ValueError, match="http:// or https://"):
        world.service.save(world.draft("ftp://example.com"))
    with pytest.raises(ValueError, match="Paste a token"):
        world.service.save(world.draft("https://gw.example.com", token=""))
    with pytest.raises(ValueError, match="no longer exists"):
        world.service.save(world.draft("https://gw.example.com", profile_id="custom-gone"))
    assert memory_keyring.passwords == {}
    assert world.settings.profiles == []
    assert not world.paths.settings.exists()
    assert world.saved == []


@pytest.mark.asyncio
async def test_editing_keeps_the_token_unless_a_new_one_is_given(
    world: World, memory_keyring: MemoryKeyring, demo_server: DemoServer
) -> None:
    profile = world.service.save(world.draft(demo_server.url)).profile
    other = world.service.save(world.draft("https://gw.example.com", name="Gateway", activate=False)).profile
    edited = world.service.save(
        world.draft(
            "https://gw2.example.com/v1", token="", name="Gateway 2", auth="bearer", profile_id=other.id, activate=False
        )
    )
    assert edited.persistent
    assert edited.profile == Profile(other.id, "Gateway 2", "custom", "https://gw2.example.com", "bearer")
    assert memory_keyring.passwords[("samtal", other.id)] == TOKEN
    assert world.settings.active_profile_id == profile.id  # editing another profile switches nothing
    connection = world.connections.connection
    assert connection is not None
    assert connection.profile_id == profile.id

    world.service.save(world.draft(demo_server.url, token="sk-replacement-9876", profile_id=other.id, activate=False))
    assert memory_keyring.passwords[("samtal", other.id)] == "sk-replacement-9876"
    assert [p.id for p in world.settings.profiles] == [profile.id, other.id]


@pytest.mark.asyncio
async def test_editing_the_profile_in_use_reconnects_it(world: World, demo_server: DemoServer) -> None:
    profile = world.service.save(world.draft("https://old.example.com")).profile
    world.service.save(world.draft(demo_server.url, token="", profile_id=profile.id, activate=False))
    connection = world.connections.connection
    assert connection is not None
    assert connection.provider.base_url == demo_server.url


@pytest.mark.asyncio
async def test_without_a_keyring_the_token_is_kept_for_the_session_only(
    keyless: World, demo_server: DemoServer, tmp_path: Path
) -> None:
    assert "session only" in keyless.service.storage_problem
    assert "ANTHROPIC_API_KEY" in keyless.service.storage_problem
    outcome = keyless.service.save(keyless.draft(demo_server.url))
    assert not outcome.persistent
    assert "No system keyring is available" in outcome.problem
    assert "ANTHROPIC_AUTH_TOKEN" in outcome.problem
    assert keyless.problems == []  # the forms said so up front; nothing new to report
    # It works for this session...
    assert keyless.secrets.get(outcome.profile.id) == TOKEN
    connection = keyless.connections.connection
    assert connection is not None
    assert connection.profile_id == outcome.profile.id
    # ...and was written nowhere.
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


@pytest.mark.asyncio
async def test_a_keyring_that_refuses_is_reported(world: World, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.refuse = True
    outcome = world.service.save(world.draft("https://gw.example.com"))
    assert not outcome.persistent
    assert "KeyringLocked" in outcome.problem
    assert world.problems == [outcome.problem]
    assert world.secrets.get(outcome.profile.id) == TOKEN  # kept for the session


@pytest.mark.asyncio
async def test_settings_that_cannot_be_written_are_reported(world: World) -> None:
    world.paths.settings.mkdir()  # in the way of the file (a permission change would not stop root)
    world.service.save(world.draft("https://gw.example.com"))
    assert len(world.problems) == 1
    assert "could not be saved" in world.problems[0]
    assert TOKEN not in world.problems[0]
    assert [p.name for p in world.settings.profiles] == ["Demo"]  # kept for the session


# --- switching, removing, forgetting ---


@pytest.mark.asyncio
async def test_activate_switches_only_to_a_profile_with_a_token(world: World, demo_server: DemoServer) -> None:
    first = world.service.save(world.draft(demo_server.url, name="First")).profile
    second = world.service.save(world.draft("https://gw.example.com", name="Second", activate=False)).profile
    world.service.forget_token(second.id)
    assert world.service.activate(second.id) is False
    assert world.settings.active_profile_id == first.id
    assert world.service.activate("custom-missing") is False

    world.service.save(world.draft("https://gw.example.com", profile_id=second.id, activate=False))
    world.saved.clear()
    assert world.service.activate(second.id) is True
    assert world.settings.active_profile_id == second.id
    assert json.loads(world.settings_text())["active_profile"] == second.id
    connection = world.connections.connection
    assert connection is not None
    assert connection.profile_id == second.id
    assert [p.id for p in world.saved] == [second.id]


@pytest.mark.asyncio
async def test_forget_token_keeps_the_profile_and_drops_its_connection(
    world: World, memory_keyring: MemoryKeyring
) -> None:
    profile = world.service.save(world.draft("https://gw.example.com")).profile
    world.service.forget_token(profile.id)
    assert memory_keyring.passwords == {}
    assert world.settings.profiles == [profile]
    assert world.connections.connection is None
    assert world.service.summaries() == [ProfileSummary(profile, active=True, token=None)]


@pytest.mark.asyncio
async def test_removing_the_profile_in_use_falls_back_to_the_next_one(
    world: World, memory_keyring: MemoryKeyring
) -> None:
    first = world.service.save(world.draft("https://one.example.com", name="One")).profile
    second = world.service.save(world.draft("https://two.example.com", name="Two", activate=False)).profile
    world.service.remove(first.id)
    assert ("samtal", first.id) not in memory_keyring.passwords
    assert world.settings.profiles == [second]
    assert first.id not in world.settings_text()
    connection = world.connections.connection
    assert connection is not None
    assert connection.profile_id == second.id
    world.service.remove(second.id)
    assert world.connections.connection is None
    assert world.settings.profiles == []


@pytest.mark.asyncio
async def test_removing_the_last_profile_falls_back_to_the_environment(tmp_path: Path, qtbot: QtBot) -> None:
    paths = resolve_paths(tmp_path).ensure()
    settings = Settings.load(paths)
    secrets = SecretStore(MemoryKeyring())
    connections = ConnectionManager(settings, secrets, paths.cache, environ={"ANTHROPIC_API_KEY": "sk-env-123456"})
    service = ProfileService(settings, secrets, connections)
    profile = service.save(ProfileDraft("", "anthropic", "", "x-api-key", TOKEN)).profile
    service.remove(profile.id)
    connection = connections.connection
    assert connection is not None
    assert connection.source == "environment"
    await connections.aclose()


@pytest.mark.asyncio
async def test_start_demo_talks_to_the_demo_server(world: World) -> None:
    world.service.start_demo()
    assert world.connections.is_demo


# --- preferences ---


@pytest.mark.asyncio
async def test_preferences_are_saved_and_announced(world: World) -> None:
    changes: list[Preferences] = []
    world.service.preferences_changed.connect(changes.append)
    assert world.service.preferences() == Preferences(False, False, "system")
    world.service.set_send_with_ctrl_enter(True)
    world.service.set_ai_titles(True)
    world.service.set_theme("dark")
    world.service.set_theme("dark")  # no change, no signal
    assert changes == [
        Preferences(True, False, "system"),
        Preferences(True, True, "system"),
        Preferences(True, True, "dark"),
    ]
    reloaded = Settings.load(world.paths)
    assert (reloaded.get(SEND_WITH_CTRL_ENTER), reloaded.get(AI_TITLES), reloaded.get(THEME)) == (True, True, "dark")
    with pytest.raises(ValueError, match="theme"):
        world.service.set_theme("solarized")


# --- the canary ---


@pytest.mark.asyncio
async def test_the_token_reaches_no_file_log_or_repr(
    world: World, demo_server: DemoServer, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    demo_server.require_token = "sk-another-token-000"
    world.service.test(world.draft(demo_server.url))  # refused: 401
    await until(lambda: world.results)
    profile = world.service.save(world.draft(demo_server.url)).profile
    world.service.save(world.draft(demo_server.url, token="", name="Renamed", profile_id=profile.id))
    world.service.activate(profile.id)
    failures: list[str] = []
    world.connections.models_failed.connect(failures.append)
    world.connections.refresh_models()  # refused as well: the error message must not quote the token
    await until(lambda: failures)
    world.service.forget_token(profile.id)

    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    assert all(TOKEN not in record.getMessage() for record in caplog.records)
    for thing in (world.service, world.secrets, world.connections, profile, *world.results, *failures):
        assert TOKEN not in repr(thing)
    # Should a library ever log it, the log files' filter knows it now.
    assert SecretRedactor.redact(f"header {TOKEN}") == "header [redacted]"
