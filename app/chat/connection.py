"""Which provider the app talks to right now, with which token, and the models it offers.

One `ConnectionManager` per window. It hands out the shared `MessagesClient` (made lazily, so start-up
never pays for an SSL context), switches between a saved profile, the environment variables and the
in-process demo server (`app.connection` resolves which, with the same precedence as the command line),
and fetches the model list in the background (cached per provider on disk, `app.api.model_cache`, so the
picker is filled at once on the next start). Until a provider has listed its models, the picker offers
the catalog's current ones (`app.api.catalog`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from app.api.catalog import catalog, default_model
from app.api.errors import APIError
from app.api.model_cache import read_cached_models, store_cached_models
from app.api.models import ModelInfo
from app.api.providers import DEFAULT_API_VERSION, Provider
from app.connection import (
    Connection,
    ConnectionProblem,
    demo_connection,
    environment_connection,
    profile_connection,
    resolve_connection,
)
from app.logs import SecretRedactor
from app.secrets import SecretStore
from app.settings import Profile, Settings

if TYPE_CHECKING:
    from app.api.client import MessagesClient

log = logging.getLogger(__name__)


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
        self._client: MessagesClient | None = None
        self._models: list[ModelInfo] | None = None  # None: the catalog's, read when first asked for
        self._listed: list[ModelInfo] = []  # what the provider itself listed (fetched or cached)
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
        """At start-up (and when the connection in use goes away): the demo when asked, else the first of the
        named profile, the environment variables and the active profile (`app.connection`'s precedence).
        Returns False when nothing usable is configured (show the welcome view)."""
        if demo:
            self.use_demo()
            return True
        try:
            found = resolve_connection(
                environ=self._environ,
                settings=lambda: self._settings,
                secrets=lambda: self._secrets,
                profile_name=profile,
            )
        except ConnectionProblem as exc:
            log.info("not connected: %s", exc)
            return False
        self._switch(found)
        return True

    def use_profile(self, profile: Profile, token: str | None = None) -> bool:
        """Switch to a saved profile; its token from ``token`` or the keyring. False when there is none (or
        the profile can't be used)."""
        token = token or self._secrets.get(profile.id) or ""
        if not token:
            return False
        try:
            self._switch(profile_connection(profile, token))
        except ConnectionProblem as exc:
            log.warning("%s", exc)
            return False
        return True

    def use_environment(self) -> bool:
        found = environment_connection(self._environ)
        if found is None:
            return False
        self._switch(found)
        return True

    def use_demo(self) -> None:
        """Start the loopback demo server (once) and talk to it."""
        from app.demo import DEMO_TOKEN, DemoServer

        if self._demo is None:
            self._demo = DemoServer(delay=self._demo_delay, record_requests=False)
            self._demo.start()
        connection = dataclasses.replace(demo_connection(self._demo.url, DEMO_TOKEN), label=self.tr("Demo server"))
        # The demo's models are known without asking it.
        self._switch(connection, catalog().models(demo=True))

    def set_default_model(self, profile: Profile) -> None:
        """The profile in use now starts new conversations with ``profile.default_model`` (no reconnection:
        a reply streaming keeps its client)."""
        connection = self._connection
        if connection is not None and connection.profile_id == profile.id:
            self._connection = dataclasses.replace(connection, profile=profile, default_model=profile.default_model)

    def drop_connection(self) -> None:
        self._switch(None)

    def _switch(self, connection: Connection | None, models: list[ModelInfo] | None = None) -> None:
        """Make ``connection`` the active one, with ``models`` (default: the cached list, else the catalog's)
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
        if connection is not None:
            SecretRedactor.add_secret(connection.token)  # from the keyring or the environment too, not only a form
        self._listed = models or self._cached_models()
        self._models = self._listed or catalog().models()
        self.changed.emit()
        self.models_changed.emit()

    # --- the client ---

    def client(self) -> MessagesClient:
        """The client for the active connection (made on first use). Raises RuntimeError when none."""
        if self._connection is None:
            raise RuntimeError("No provider is configured.")
        if self._client is None:
            self._client = self._make_client(
                provider=self._connection.provider,
                token=self._connection.token,
                api_version=self._connection.api_version,
            )
        return self._client

    def _make_client(self, **options: Any) -> MessagesClient:
        if self._client_factory is not None:
            return self._client_factory(**options)
        from app.api.client import MessagesClient  # httpx loads on the first request, not at start-up

        return MessagesClient(**options)

    def client_for(self, provider: Provider, token: str, api_version: str = DEFAULT_API_VERSION) -> MessagesClient:
        """A separate short-lived client (e.g. to test a token before saving it); the caller closes it."""
        return self._make_client(provider=provider, token=token, max_retries=0, api_version=api_version)

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
        return list(self._offered())

    def _offered(self) -> list[ModelInfo]:
        if self._models is None:
            self._models = catalog().models()
        return self._models

    @property
    def api_version(self) -> str:
        """The ``anthropic-version`` requests are sent with (the rules of `app.api.params` follow it)."""
        return self._connection.api_version if self._connection is not None else DEFAULT_API_VERSION

    @property
    def default_model(self) -> str:
        """The model for a new conversation: the profile's (or demo's) choice, else the newest Sonnet the
        provider lists, else the catalog's default (`app.api.catalog.default_model`)."""
        connection = self._connection
        if connection is None:
            return default_model()
        return default_model(connection.default_model, self._listed, demo=connection.is_demo)

    def model_info(self, model_id: str) -> ModelInfo | None:
        return next((m for m in self._offered() if m.id == model_id), None)

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
        self._models = self._listed = models
        if connection is not None and not connection.is_demo:
            store_cached_models(self._cache_dir, connection.cache_key, models)
        self.models_changed.emit()

    def _cached_models(self) -> list[ModelInfo]:
        if self._connection is None:
            return []
        return read_cached_models(self._cache_dir, self._connection.cache_key)
