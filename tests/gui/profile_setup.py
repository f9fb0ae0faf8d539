"""What the welcome view and settings dialog tests share: a real `ProfileService` over settings files in a
temporary directory, a given keyring backend and the demo server, and a bounded wait for async work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from keyring.backend import KeyringBackend

from app.chat.connection import ConnectionManager
from app.chat.profiles import ProfileService
from app.paths import AppPaths, resolve_paths
from app.secrets import SecretStore
from app.settings import Settings

TOKEN = "sk-ant-canary-gui-3c9f0e1d7b"


@dataclass
class Services:
    paths: AppPaths
    settings: Settings
    secrets: SecretStore
    connections: ConnectionManager
    profiles: ProfileService

    @classmethod
    def create(cls, root: Path, backend: KeyringBackend, *, test_timeout: float = 5.0) -> Services:
        paths = resolve_paths(root).ensure()
        settings = Settings.load(paths)
        secrets = SecretStore(backend)
        connections = ConnectionManager(settings, secrets, paths.cache, environ={})
        profiles = ProfileService(settings, secrets, connections, test_timeout=test_timeout)
        return cls(paths, settings, secrets, connections, profiles)

    async def aclose(self) -> None:
        await self.profiles.aclose()
        await self.connections.aclose()

    def files_containing(self, secret: str) -> list[Path]:
        """Every file under the app's data, config, cache and log directories that holds ``secret``."""
        return [
            path
            for directory in self.paths.all()
            for path in directory.rglob("*")
            if path.is_file() and secret.encode() in path.read_bytes()
        ]
