"""Which provider the app talks to right now, with which token, and the models it offers.

One `ConnectionManager` per window. It hands out the shared `MessagesClient` (made lazily, so start-up
never pays for an SSL context), switches between a saved profile, the environment variables and the
in-process demo server, and fetches the model list in the background (cached per provider on disk, so
the picker is filled at once on the next start).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, Signal

from app.api.errors import APIError
from app.api.models import DEFAULT_MODEL, ModelInfo
from app.api.providers import Provider, from_environment
from app.logs import SecretRedactor
from app.secrets import SecretStore
from app.settings import Profile, Settings

if TYPE_CHECKING:
    from app.api.client import MessagesClient

log = logging.getLogger(__name__)

Source = Literal["profile", "environment", "demo"]

# Shown when the provider can't list its models (and before the list arrives on first use).
FALLBACK_MODELS: tuple[ModelInfo, ...] = (
    ModelInfo("claude-sonnet-4-5", "Claude Sonnet 4.5", max_input_tokens=200_000, max_tokens=64_000),
    ModelInfo("claude-opus-4-5", "Claude Opus 4.5", max_input_tokens=200_000, max_tokens=64_000),
    ModelInfo("claude-haiku-4-5", "Claude Haiku 4.5", max_input_tokens=200_000, max_tokens=64_000),
    ModelInfo("claude-sonnet-4-6", "Claude Sonnet 4.6", max_input_tokens=200_000, max_tokens=64_000),
    ModelInfo("claude-opus-4-6", "Claude Opus 4.6", max_input_tokens=200_000, max_tokens=128_000),
)


@dataclass(frozen=True)
class Connection:
    """Where requests go: the provider, where its token comes from, and a label for people."""

    source: Source
    provider: Provider
    label: str
    profile_id: str = ""
    default_model: str = ""  # the profile's choice, or the demo's model

    @property
    def cache_key(self) -> str:
        return f"{self.provider.base_url}|{self.provider.auth}"


def describe_provider(provider: Provider) -> str:
    if provider.kind == "anthropic":
        return "Anthropic"
    if provider.kind == "acedata":
        return "Ace Data Cloud"
    host = provider.base_url.split("://", 1)[-1]
    return host


class ConnectionManager(QObject):
    """The active connection and its client.

    Signals:
        changed(): a different connection (or none) is active.
        models_changed(): `models` has a new list.
        models_failed(str): the provider could not list its models (the fallback list stays).
    """

    changed = Signal()
    models_changed = Signal()
    models_failed = Signal(str)

    def __init__(
        self,
        settings: Settings,
        secrets: SecretStore,
        cache_dir: Path,
        *,
        environ: Mapping[str, str] = os.environ,
        client_factory: Callable[..., MessagesClient] | None = None,
        demo_delay: float = 0.02,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._secrets = secrets
        self._cache_dir = cache_dir
        self._environ = environ
        self._client_factory = client_factory
        self._demo_delay = demo_delay
        self._demo: Any = None  # app.demo.DemoServer, imported only when used
        self._connection: Connection | None = None
        self._token = ""
        self._client: MessagesClient | None = None
        self._models: list[ModelInfo] = list(FALLBACK_MODELS)
        self._models_task: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Task[None]] = set()

    def __repr__(self) -> str:
        return f"<ConnectionManager {self._connection!r}>"

    # --- which connection ---

    @property
    def connection(self) -> Connection | None:
        return self._connection

    @property
    def is_demo(self) -> bool:
        return self._connection is not None and self._connection.source == "demo"

    @property
    def label(self) -> str:
        return self._connection.label if self._connection else self.tr("Not connected")

    def connect_initial(self, *, demo: bool = False, profile: str | None = None) -> bool:
        """At start-up: the demo when asked, else the named or active profile with a token, else the
        environment variables. Returns False when nothing usable is configured (show the welcome view)."""
        if demo:
            self.use_demo()
            return True
        chosen = self._settings.profile(profile) if profile else self._settings.active_profile
        if profile and chosen is None:
            log.warning("no profile named %s", profile)
        if chosen is not None and self.use_profile(chosen):
            return True
        return self.use_environment()

    def use_profile(self, profile: Profile, token: str | None = None) -> bool:
        """Switch to a saved profile; its token from ``token`` or the keyring. False when there is none."""
        token = token or self._secrets.get(profile.id) or ""
        if not token:
            return False
        provider = Provider(profile.kind, profile.base_url, profile.auth)
        label = profile.name or describe_provider(provider)
        self._switch(Connection("profile", provider, label, profile.id, profile.default_model), token)
        return True

    def use_environment(self) -> bool:
        found = from_environment(self._environ)
        if found is None:
            return False
        provider, token = found
        self._switch(Connection("environment", provider, f"{describe_provider(provider)} (environment)"), token)
        return True

    def use_demo(self) -> None:
        """Start the loopback demo server (once) and talk to it."""
        from app.demo import DEFAULT_MODEL as DEMO_DEFAULT_MODEL
        from app.demo import DEMO_MODELS, DEMO_TOKEN, DemoServer

        if self._demo is None:
            self._demo = DemoServer(delay=self._demo_delay, record_requests=False)
            self._demo.start()
        provider = Provider("custom", self._demo.url, "x-api-key")
        connection = Connection("demo", provider, self.tr("Demo server"), default_model=DEMO_DEFAULT_MODEL)
        # The demo's models are known without asking it.
        models = [ModelInfo(m.id, m.display_name, m.created_at, m.max_input_tokens, m.max_tokens) for m in DEMO_MODELS]
        self._switch(connection, DEMO_TOKEN, models)

    def drop_connection(self) -> None:
        self._switch(None, "")

    def _switch(self, connection: Connection | None, token: str, models: list[ModelInfo] | None = None) -> None:
        """Make ``connection`` the active one, with ``models`` (default: the cached list, else the fallback)
        in place before anyone hears of the change."""
        old = self._client
        self._client = None
        if old is not None:
            self._close_later(old)
        if self._models_task is not None:
            # The old connection's list is of no use, and a fetch still running would hold off the new one's.
            self._models_task.cancel()
            self._models_task = None
        self._connection = connection
        self._token = token
        SecretRedactor.add_secret(token)  # from the keyring or the environment too, not only from a form
        self._models = models or self._cached_models() or list(FALLBACK_MODELS)
        self.changed.emit()
        self.models_changed.emit()

    # --- the client ---

    def client(self) -> MessagesClient:
        """The client for the active connection (made on first use). Raises RuntimeError when none."""
        if self._connection is None:
            raise RuntimeError("No provider is configured.")
        if self._client is None:
            self._client = self._make_client(provider=self._connection.provider, token=self._token)
        return self._client

    def _make_client(self, **options: Any) -> MessagesClient:
        if self._client_factory is not None:
            return self._client_factory(**options)
        from app.api.client import MessagesClient  # httpx loads on the first request, not at start-up

        return MessagesClient(**options)

    def client_for(self, provider: Provider, token: str) -> MessagesClient:
        """A separate short-lived client (e.g. to test a token before saving it); the caller closes it."""
        return self._make_client(provider=provider, token=token, max_retries=0)

    def _close_later(self, client: MessagesClient) -> None:
        try:
            task = asyncio.ensure_future(client.aclose())
        except RuntimeError:  # no event loop (tests of the synchronous parts)
            return
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def aclose(self) -> None:
        """Close the client and stop the demo server (at quit)."""
        fetching = self._models_task
        if fetching is not None:
            fetching.cancel()
            self._models_task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        pending = [*self._closing, *([fetching] if fetching is not None else [])]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        if self._demo is not None:
            await asyncio.get_running_loop().run_in_executor(None, self._demo.stop)
            self._demo = None

    # --- models ---

    @property
    def models(self) -> list[ModelInfo]:
        return list(self._models)

    @property
    def default_model(self) -> str:
        """The model for a new conversation: the profile's (or demo's) choice, else the first listed."""
        if self._connection is not None and self._connection.default_model:
            return self._connection.default_model
        return self._models[0].id if self._models else DEFAULT_MODEL

    def model_info(self, model_id: str) -> ModelInfo | None:
        return next((m for m in self._models if m.id == model_id), None)

    def refresh_models(self) -> None:
        """Fetch the model list in the background; `models_changed` or `models_failed` follows."""
        if self._connection is None:
            return
        if self._models_task is not None and not self._models_task.done():
            return
        self._models_task = asyncio.ensure_future(self._fetch_models())

    async def _fetch_models(self) -> None:
        connection = self._connection
        try:
            models = await self.client().list_models()
        except APIError as exc:
            if connection is self._connection:
                self.models_failed.emit(str(exc))
            return
        if connection is not self._connection or not models:
            return
        self._models = models
        self._store_cached_models(models)
        self.models_changed.emit()

    def _cache_file(self) -> Path:
        return self._cache_dir / "models.json"

    def _read_cache(self) -> dict[str, Any]:
        try:
            data = json.loads(self._cache_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _cached_models(self) -> list[ModelInfo]:
        if self._connection is None:
            return []
        entries = self._read_cache().get(self._connection.cache_key)
        if not isinstance(entries, list):
            return []
        models = []
        for entry in entries:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                models.append(ModelInfo.from_entry(entry))
        return models

    def _store_cached_models(self, models: list[ModelInfo]) -> None:
        if self._connection is None or self._connection.source == "demo":
            return
        data = self._read_cache()
        data[self._connection.cache_key] = [
            {
                "id": m.id,
                "display_name": m.display_name,
                "created_at": m.created_at,
                "max_input_tokens": m.max_input_tokens,
                "max_tokens": m.max_tokens,
            }
            for m in models
        ]
        try:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = self._cache_file().with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            tmp.replace(self._cache_file())
        except OSError as exc:
            log.info("could not cache the model list: %s", exc)
