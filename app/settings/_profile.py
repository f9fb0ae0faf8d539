"""A provider profile: where the Messages API is reached and how the token is sent (the token itself is in
the keyring, never here). Kept in the user's settings (`app.settings.options.PROFILES`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

from app.api.providers import API_VERSIONS, DEFAULT_API_VERSION

ProviderKind = Literal["anthropic", "acedata", "custom"]
AuthStyle = Literal["x-api-key", "bearer"]

PROVIDER_DEFAULTS: dict[str, tuple[str, AuthStyle]] = {
    "anthropic": ("https://api.anthropic.com", "x-api-key"),
    "acedata": ("https://api.acedata.cloud", "bearer"),
}


@dataclass(frozen=True)
class Profile:
    """A way to reach the Messages API: where, how the token is sent (the token is in the keyring), the model
    for new conversations ("": the provider's newest Sonnet, see `app.api.catalog.default_model`), and the
    API version sent as ``anthropic-version`` (one of `API_VERSIONS`; the parameter rules follow it)."""

    id: str
    name: str
    kind: ProviderKind
    base_url: str
    auth: AuthStyle
    default_model: str = ""
    api_version: str = DEFAULT_API_VERSION

    @classmethod
    def new(cls, name: str, kind: ProviderKind, base_url: str = "", auth: AuthStyle | None = None) -> Profile:
        """A profile with a fresh id; base URL and auth style default to the provider's."""
        default_url, default_auth = PROVIDER_DEFAULTS.get(kind, ("", "x-api-key"))
        return cls(
            id=f"{kind}-{os.urandom(4).hex()}",
            name=name,
            kind=kind,
            base_url=base_url or default_url,
            auth=auth or default_auth,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile | None:
        """Read a profile as the settings file stores it; None when it lacks an id, a kind or a base URL."""
        return None if cls.missing(data) else cls._read(data)

    @staticmethod
    def missing(data: dict[str, Any]) -> str:
        """The first field a stored profile needs and lacks ("" when it has them all)."""
        return next((key for key in _PROFILE_FIELDS if data.get(key) in (None, "")), "")

    @classmethod
    def _read(cls, data: dict[str, Any]) -> Profile:
        kind: ProviderKind = data["kind"] if data["kind"] in ("anthropic", "acedata", "custom") else "custom"
        auth: AuthStyle = data["auth"] if data.get("auth") in ("x-api-key", "bearer") else "x-api-key"
        return cls(
            id=str(data["id"]),
            name=str(data.get("name") or data["id"]),
            kind=kind,
            base_url=str(data["base_url"]),
            auth=auth,
            default_model=str(data.get("default_model") or ""),
            # A version this Samtal doesn't know (a newer one's) is not sent: its rules are unknown here.
            api_version=version if (version := data.get("api_version")) in API_VERSIONS else DEFAULT_API_VERSION,
        )


_PROFILE_FIELDS = ("id", "kind", "base_url")
