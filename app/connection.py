"""Which provider Samtal talks to, with which token and API version: one `Connection` for the window and the
command line, and one precedence (`resolve_connection`), Qt-free.

The precedence, first match wins:

1. the demo server (``--demo``), started in-process: no token, no network;
2. an explicit base URL (``samtal ask --base-url URL [--auth x-api-key|bearer]``), with the token from
   ``ANTHROPIC_AUTH_TOKEN`` / ``ANTHROPIC_API_KEY``;
3. a named profile (``--profile NAME``, for the window too), with its token from the keyring;
4. the environment: ``ANTHROPIC_API_KEY`` (sent as ``x-api-key``) or ``ANTHROPIC_AUTH_TOKEN`` (sent as
   ``Authorization: Bearer``), with ``ANTHROPIC_BASE_URL`` for a gateway (`app.api.providers.from_environment`);
5. the active profile (the one chosen in the app's settings), with its token from the keyring.

Nothing configured, or a profile without its token, is a `ConnectionProblem` that says what to configure.
A profile's API version (``anthropic-version``) goes with it; ``--api-version`` overrides any. The token is
never printed, not even in part (``repr`` leaves it out).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal

from app.api.catalog import catalog
from app.api.providers import DEFAULT_API_VERSION, AuthStyle, Provider, from_environment

if TYPE_CHECKING:
    from app.secrets import SecretStore
    from app.settings import Profile, Settings

Source = Literal["demo", "base_url", "profile", "environment"]

NOT_CONFIGURED: Final = (
    "no API provider is configured. Set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN, with ANTHROPIC_BASE_URL "
    "for a gateway such as https://api.acedata.cloud), pass --base-url, or add a profile in the app. "
    "To try Samtal without a token, run `samtal --demo` (or `samtal --demo ask ...`)."
)


class ConnectionProblem(Exception):
    """Nothing usable is configured, or what was asked for can't be used; the message says what to do.
    ``usage``: the options asked for something impossible (a command line exits with status 2)."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Connection:
    """Where requests go: ``source`` (demo, base_url, profile or environment), the ``provider``, the
    ``token`` to send (never in ``repr``), a ``label`` for people, the ``profile`` it came from (if any),
    the ``api_version`` to send and the profile's (or the demo's) ``default_model`` ("" for none)."""

    source: Source
    provider: Provider
    token: str = field(repr=False)
    label: str = ""
    profile: Profile | None = None
    api_version: str = DEFAULT_API_VERSION
    default_model: str = ""

    @property
    def profile_id(self) -> str:
        """The id of the profile it came from ("" for none)."""
        return self.profile.id if self.profile is not None else ""

    @property
    def is_demo(self) -> bool:
        return self.source == "demo"

    @property
    def cache_key(self) -> str:
        """What the model list is cached under: one provider, one way of authenticating."""
        return f"{self.provider.base_url}|{self.provider.auth}"


def describe_provider(provider: Provider) -> str:
    """The provider's name for people: Anthropic, Ace Data Cloud, or the host of a custom base URL."""
    if provider.kind == "anthropic":
        return "Anthropic"
    if provider.kind == "acedata":
        return "Ace Data Cloud"
    return provider.base_url.split("://", 1)[-1]


def demo_connection(url: str, token: str) -> Connection:
    """The connection to a demo server running at ``url`` (`app.demo.DemoServer`, whose ``DEMO_TOKEN`` is
    ``token``), with the demo's default model."""
    return Connection(
        "demo",
        Provider("custom", url, "x-api-key"),
        token,
        "Demo server",
        default_model=catalog().demo_default_model,
    )


def profile_connection(profile: Profile, token: str) -> Connection:
    """The connection of a saved profile with its ``token``. Raises ConnectionProblem for a profile whose
    base URL can't be used (a settings file edited by hand)."""
    try:
        provider = Provider(profile.kind, profile.base_url, profile.auth)
    except ValueError as exc:
        raise ConnectionProblem(f"the profile {profile.name!r} has an unusable base URL: {exc}") from None
    return Connection(
        "profile",
        provider,
        token,
        profile.name or describe_provider(provider),
        profile,
        profile.api_version,
        profile.default_model,
    )


def environment_connection(environ: Mapping[str, str]) -> Connection | None:
    """The connection the environment variables configure (`app.api.providers.from_environment`), or None."""
    found = from_environment(environ)
    if found is None:
        return None
    provider, token = found
    return Connection("environment", provider, token, f"{describe_provider(provider)} (environment)")


def resolve_connection(
    *,
    environ: Mapping[str, str],
    settings: Callable[[], Settings],
    secrets: Callable[[], SecretStore],
    demo: Callable[[], Connection] | None = None,
    base_url: str | None = None,
    auth: AuthStyle | None = None,
    profile_name: str | None = None,
    api_version: str | None = None,
) -> Connection:
    """The connection to use, by the precedence of the module docstring; ``api_version`` (when given)
    replaces the connection's own. ``settings`` and ``secrets`` are called only when a profile is needed (the
    keyring costs time to reach); ``demo`` makes the demo's connection (it starts the server). Raises
    ConnectionProblem saying what to configure."""
    connection = _resolve(environ, settings, secrets, demo, base_url, auth, profile_name)
    if api_version is not None:
        connection = dataclasses.replace(connection, api_version=api_version)
    return connection


def _resolve(
    environ: Mapping[str, str],
    settings: Callable[[], Settings],
    secrets: Callable[[], SecretStore],
    demo: Callable[[], Connection] | None,
    base_url: str | None,
    auth: AuthStyle | None,
    profile_name: str | None,
) -> Connection:
    if demo is not None:
        if base_url is not None or auth is not None or profile_name is not None:
            raise ConnectionProblem(
                "--demo talks to the demo server: leave out --base-url, --auth and --profile", usage=True
            )
        return demo()
    if base_url is not None:
        return _from_base_url(base_url, auth, environ)
    if auth is not None:
        raise ConnectionProblem("--auth applies to --base-url", usage=True)
    if profile_name is not None:
        loaded = settings()
        profile = loaded.profile(profile_name)
        if profile is None:
            # A settings file that can't be used (or a profile in it) is the reason, not a missing name.
            known = ", ".join(p.name for p in loaded.profiles) or "none yet"
            raise ConnectionProblem(
                loaded.profiles_problem or f"there is no profile called {profile_name!r} (profiles: {known})"
            )
        return _from_profile(profile, secrets)
    found = environment_connection(environ)
    if found is not None:
        return found
    loaded = settings()
    active = loaded.active_profile
    if active is not None:
        return _from_profile(active, secrets)
    raise ConnectionProblem(loaded.profiles_problem or NOT_CONFIGURED)


def _from_base_url(base_url: str, auth: AuthStyle | None, environ: Mapping[str, str]) -> Connection:
    api_key = environ.get("ANTHROPIC_API_KEY", "").strip()
    auth_token = environ.get("ANTHROPIC_AUTH_TOKEN", "").strip()
    if auth is None:
        auth = "bearer" if auth_token and not api_key else "x-api-key"
    preferred = (auth_token, api_key) if auth == "bearer" else (api_key, auth_token)
    token = next((candidate for candidate in preferred if candidate), "")
    if not token:
        raise ConnectionProblem("--base-url needs a token: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN")
    try:
        provider = Provider.for_url(base_url, auth)
    except ValueError as exc:
        raise ConnectionProblem(str(exc), usage=True) from None
    return Connection("base_url", provider, token, describe_provider(provider))


def _from_profile(profile: Profile, secrets: Callable[[], SecretStore]) -> Connection:
    store = secrets()
    token = store.get(profile.id)
    if not token:
        why = f" ({store.problem})" if store.problem else ""
        raise ConnectionProblem(
            f"no token is stored for the profile {profile.name!r}{why}. Add it in the app's settings, "
            "or set ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN"
        )
    return profile_connection(profile, token)
