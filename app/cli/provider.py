"""Which API a subcommand talks to, and with which token: `app.connection`'s one precedence (``--demo``;
``--base-url``; ``--profile NAME``; the environment; the app's active profile), its problems as command
errors. The token is never printed, not even in part.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from app.api.providers import AuthStyle
from app.cli.command import USAGE, CommandError, app_paths
from app.connection import NOT_CONFIGURED, Connection, ConnectionProblem, demo_connection, resolve_connection
from app.paths import AppPaths

if TYPE_CHECKING:
    from app.secrets import SecretStore
    from app.settings import Settings

__all__ = ["NOT_CONFIGURED", "Connection", "connect", "resolve"]


def resolve(
    *,
    base_url: str | None,
    auth: AuthStyle | None,
    profile_name: str | None,
    environ: Mapping[str, str],
    settings: Callable[[], Settings],
    secrets: Callable[[], SecretStore],
    demo: Callable[[], Connection] | None = None,
    api_version: str | None = None,
) -> Connection:
    """`app.connection.resolve_connection`, its problems raised as CommandError (status 2 for options that
    don't go together)."""
    try:
        return resolve_connection(
            environ=environ,
            settings=settings,
            secrets=secrets,
            demo=demo,
            base_url=base_url,
            auth=auth,
            profile_name=profile_name,
            api_version=api_version,
        )
    except ConnectionProblem as exc:
        raise CommandError(str(exc), status=USAGE if exc.usage else 1) from None


def connect(args: argparse.Namespace, stack: contextlib.ExitStack) -> Connection:
    """The connection of this run, from its options (``--demo``, ``--base-url``, ``--auth``, ``--profile``,
    ``--api-version``). With ``--demo`` the demo server is started in-process for as long as ``stack`` is
    open; it streams at a reading pace when a person watches the output, else at once."""

    def demo() -> Connection:
        from app.demo import DEMO_TOKEN, INTERACTIVE_DELAY, DemoServer

        server = DemoServer(delay=INTERACTIVE_DELAY if sys.stdout.isatty() else 0.0, record_requests=False)
        stack.enter_context(server)
        return demo_connection(server.url, DEMO_TOKEN)

    paths = app_paths(args)
    return resolve(
        base_url=getattr(args, "base_url", None),
        auth=getattr(args, "auth", None),
        profile_name=getattr(args, "profile", None),
        environ=os.environ,
        settings=lambda: _settings(paths),
        secrets=_secret_store,
        demo=demo if getattr(args, "demo", False) else None,
        api_version=getattr(args, "api_version", None),
    )


def _settings(paths: AppPaths) -> Settings:
    from app.settings import Settings

    return Settings.load(paths)


def _secret_store() -> SecretStore:
    from app.secrets import SecretStore

    return SecretStore()
