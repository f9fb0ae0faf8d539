"""The connection manager: switching connections while a model list is being fetched, and the demo's models."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pytestqt.qtbot import QtBot

from app.api.models import ModelInfo
from app.chat.connection import FALLBACK_MODELS, ConnectionManager
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
    assert seen[0] != [m.id for m in FALLBACK_MODELS]  # not the fallback list, even for a moment
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
