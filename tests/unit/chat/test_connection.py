"""The connection manager: switching connections while a model list is being fetched, and the demo's models."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from app.api.catalog import catalog
from app.api.models import ModelInfo
from app.chat.connection import ConnectionManager
from app.paths import resolve_paths
from app.secrets import SecretStore
from app.settings import Profile, Settings
from tests.fixtures.keyrings import MemoryKeyring
from tests.fixtures.waiting import until


class FakeClient:
    """Lists the models of its base URL: ``slow.test`` never answers, any other host at once."""

    def __init__(self, provider: Any, token: str, **_options: Any) -> None:
        self.host = provider.base_url.split("://", 1)[-1]
        self.closed = False

    async def list_models(self) -> list[ModelInfo]:
        if self.host == "slow.test":
            await asyncio.Event().wait()
        return [ModelInfo(f"{self.host}-model", f"Model of {self.host}")]

    async def aclose(self) -> None:
        self.closed = True


@pytest_asyncio.fixture
async def connections(tmp_path: Path, qtbot: QtBot) -> AsyncIterator[ConnectionManager]:
    paths = resolve_paths(tmp_path / "samtal").ensure()
    keyring = MemoryKeyring()
    for name in ("slow", "quick"):
        keyring.passwords[("samtal", name)] = f"sk-{name}-token"
    manager = ConnectionManager(
        Settings.load(paths), SecretStore(keyring), paths.cache, environ={}, client_factory=FakeClient
    )
    yield manager
    await manager.aclose()


def _profile(name: str) -> Profile:
    return Profile(name, name, "custom", f"http://{name}.test", "x-api-key")


@pytest.mark.asyncio
async def test_a_switch_during_a_model_fetch_fetches_the_new_connections_models(
    connections: ConnectionManager,
) -> None:
    assert connections.use_profile(_profile("slow"))
    connections.refresh_models()
    await asyncio.sleep(0.02)  # the slow fetch is under way
    assert connections.use_profile(_profile("quick"))
    connections.refresh_models()  # was refused while the old connection's fetch still ran
    await until(lambda: connections.model_info("quick.test-model") is not None)
    assert [m.id for m in connections.models] == ["quick.test-model"]


@pytest.mark.asyncio
async def test_the_demo_lists_its_own_models_when_it_announces_itself(connections: ConnectionManager) -> None:
    seen: list[list[str]] = []
    connections.changed.connect(lambda: seen.append([m.id for m in connections.models]))
    connections.use_demo()
    assert seen
    assert seen[0] != [m.id for m in catalog().models()]  # not the fallback list, even for a moment
    assert connections.model_info(connections.default_model) is not None


def test_every_token_in_use_is_redacted_from_the_log(tmp_path: Path, qtbot: QtBot) -> None:
    # The log's redactor knew only tokens typed in a form: not one from the keyring at start-up, nor the
    # environment's.
    from app.logs import SecretRedactor

    paths = resolve_paths(tmp_path / "samtal").ensure()
    keyring = MemoryKeyring()
    keyring.passwords[("samtal", "saved")] = "sk-ant-FAKE-KEYRING-5f4e3d2c1b"
    environ = {"ANTHROPIC_API_KEY": "sk-ant-FAKE-ENVIRON-9a8b7c6d5e"}
    saved = set(SecretRedactor._secrets)
    try:
        manager = ConnectionManager(
            Settings.load(paths), SecretStore(keyring), paths.cache, environ=environ, client_factory=FakeClient
        )
        assert manager.use_profile(_profile("saved"))
        assert manager.use_environment()
        logged = SecretRedactor.redact("sk-ant-FAKE-KEYRING-5f4e3d2c1b and sk-ant-FAKE-ENVIRON-9a8b7c6d5e")
    finally:
        SecretRedactor._secrets.clear()
        SecretRedactor._secrets.update(saved)
    assert logged == "[redacted] and [redacted]"


def _manager(tmp_path: Path, environ: dict[str, str], *profiles: Profile, active: str = "") -> ConnectionManager:
    paths = resolve_paths(tmp_path / "samtal").ensure()
    settings = Settings.load(paths)
    keyring = MemoryKeyring()
    for profile in profiles:
        settings.put_profile(profile, activate=profile.id == active)
        keyring.passwords[("samtal", profile.id)] = f"sk-{profile.id}-token"
    return ConnectionManager(settings, SecretStore(keyring), paths.cache, environ=environ, client_factory=FakeClient)


def test_the_window_starts_with_the_command_lines_precedence(tmp_path: Path, qtbot: QtBot) -> None:
    environ = {"ANTHROPIC_API_KEY": "sk-env-token-0001"}
    manager = _manager(tmp_path, environ, _profile("active"), _profile("named"), active="active")
    assert manager.connect_initial(profile="named")
    assert manager.connection is not None
    assert manager.connection.profile_id == "named"  # a named profile first
    assert manager.connect_initial()
    assert manager.connection.source == "environment"  # then the environment, before the active profile
    assert _manager(tmp_path / "b", {}, _profile("active"), active="active").connect_initial()
    assert not _manager(tmp_path / "c", {}).connect_initial()  # nothing configured: the welcome view


def test_the_default_model_is_the_profiles_else_the_providers_newest_sonnet(tmp_path: Path, qtbot: QtBot) -> None:
    manager = _manager(tmp_path, {})
    chosen = Profile("p", "p", "custom", "http://p.test", "x-api-key", default_model="claude-haiku-4-5")
    assert manager.use_profile(chosen, token="sk-p-token")
    assert manager.default_model == "claude-haiku-4-5"
    plain = _profile("q")
    assert manager.use_profile(plain, token="sk-q-token")
    assert manager.default_model == "claude-sonnet-5-5"  # nothing listed yet: the catalog's
    assert [m.id for m in manager.models] == [m.id for m in catalog().models()]
    # A list the provider gave before (cached): its newest Sonnet, with the capabilities it reported.
    from app.api.model_cache import store_cached_models

    listed = [
        ModelInfo("claude-sonnet-4-6", "4.6", created_at="2026-02-17T00:00:00Z"),
        ModelInfo(
            "claude-sonnet-5", "5", created_at="2026-06-30T00:00:00Z", capabilities={"citations": {"supported": True}}
        ),
    ]
    store_cached_models(resolve_paths(tmp_path / "samtal").cache, "http://q.test|x-api-key", listed)
    assert manager.use_profile(plain, token="sk-q-token")
    assert manager.default_model == "claude-sonnet-5"
    assert manager.model_info("claude-sonnet-5").capabilities == {"citations": {"supported": True}}  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_the_profiles_api_version_is_what_the_client_sends(tmp_path: Path, qtbot: QtBot) -> None:
    made: list[dict[str, Any]] = []

    def factory(**options: Any) -> FakeClient:
        made.append(options)
        return FakeClient(**options)

    paths = resolve_paths(tmp_path / "samtal").ensure()
    keyring = MemoryKeyring()
    keyring.passwords[("samtal", "new")] = "sk-new-token"
    manager = ConnectionManager(
        Settings.load(paths), SecretStore(keyring), paths.cache, environ={}, client_factory=factory
    )
    profile = Profile("new", "new", "custom", "http://new.test", "x-api-key", api_version="2026-10-21")
    assert manager.use_profile(profile)
    manager.client()
    assert (manager.api_version, made[-1]["api_version"]) == ("2026-10-21", "2026-10-21")
    await manager.aclose()
