"""Which API ``samtal ask`` talks to, and with which token.

In order: ``--base-url`` (token from ``ANTHROPIC_AUTH_TOKEN`` / ``ANTHROPIC_API_KEY``), ``--profile NAME``
(token from the keyring), the environment (``ANTHROPIC_BASE_URL`` with either token), the app's active
profile. ``--demo`` replaces all of them with the demo server, started in-process (`demo_connection`).
The token is never printed, not even in part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from app.api.providers import AuthStyle, Provider, from_environment
from app.cli.command import USAGE, CommandError

if TYPE_CHECKING:
    from app.secrets import SecretStore
    from app.settings import Profile, Settings

NOT_CONFIGURED: Final = (
    "no API provider is configured. Set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN, with ANTHROPIC_BASE_URL "
    "for a gateway such as https://api.acedata.cloud), pass --base-url, or add a profile in the app. "
    "To try Samtal without a token, run `samtal --demo` (or `samtal --demo ask ...`)."
)


@dataclass(frozen=True)
class Connection:
    """Where to send requests and the token to send. ``profile`` is set when it came from a profile;
    ``default_model`` is the profile's (or the demo's) choice of model, "" for none."""

    provider: Provider
    token: str = field(repr=False)
    profile: Profile | None = None
    default_model: str = ""


def demo_connection(url: str) -> Connection:
    """The connection to a demo server running at ``url`` (`app.demo.DemoServer`), with its own model."""
    from app.demo import DEFAULT_MODEL, DEMO_TOKEN

    return Connection(Provider("custom", url, "x-api-key"), DEMO_TOKEN, default_model=DEFAULT_MODEL)


def resolve(
    *,
    base_url: str | None,
    auth: AuthStyle | None,
    profile_name: str | None,
    environ: Mapping[str, str],
    settings: Callable[[], Settings],
    secrets: Callable[[], SecretStore],
) -> Connection:
    """The connection for one run; raises CommandError saying what to configure. ``settings`` and
    ``secrets`` are called only when a profile is needed (the keyring costs time to reach)."""
    if base_url is not None:
        return _from_base_url(base_url, auth, environ)
    if auth is not None:
        raise CommandError("--auth applies to --base-url", status=USAGE)
    if profile_name is not None:
        loaded = settings()
        profile = loaded.profile(profile_name)
        if profile is None:
            # A settings file that can't be used (or a profile in it) is the reason, not a missing name.
            known = ", ".join(p.name for p in loaded.profiles) or "none yet"
            raise CommandError(
                loaded.profiles_problem or f"there is no profile called {profile_name!r} (profiles: {known})"
            )
        return _from_profile(profile, secrets)
    found = from_environment(environ)
    if found is not None:
        return Connection(*found)
    loaded = settings()
    active = loaded.active_profile
    if active is not None:
        return _from_profile(active, secrets)
    raise CommandError(loaded.profiles_problem or NOT_CONFIGURED)


def _from_base_url(base_url: str, auth: AuthStyle | None, environ: Mapping[str, str]) -> Connection:
    api_key = environ.get("ANTHROPIC_API_KEY", "").strip()
    auth_token = environ.get("ANTHROPIC_AUTH_TOKEN", "").strip()
    if auth is None:
        auth = "bearer" if auth_token and not api_key else "x-api-key"
    preferred = (auth_token, api_key) if auth == "bearer" else (api_key, auth_token)
    token = next((candidate for candidate in preferred if candidate), "")
    if not token:
        raise CommandError("--base-url needs a token: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN")
    try:
        return Connection(Provider.for_url(base_url, auth), token)
    except ValueError as exc:
        raise CommandError(str(exc), status=USAGE) from None


def _from_profile(profile: Profile, secrets: Callable[[], SecretStore]) -> Connection:
    store = secrets()
    token = store.get(profile.id)
    if not token:
        why = f" ({store.problem})" if store.problem else ""
        raise CommandError(
            f"no token is stored for the profile {profile.name!r}{why}. Add it in the app's settings, "
            "or set ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN"
        )
    try:
        provider = Provider(profile.kind, profile.base_url, profile.auth)
    except ValueError as exc:
        raise CommandError(f"the profile {profile.name!r} has an unusable base URL: {exc}") from None
    return Connection(provider, token, profile, profile.default_model)
