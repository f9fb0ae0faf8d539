"""Where requests go and how they authenticate: Anthropic, Ace Data Cloud, or any compatible base URL."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

ProviderKind = Literal["anthropic", "acedata", "custom"]
AuthStyle = Literal["x-api-key", "bearer"]

ANTHROPIC_BASE_URL = "https://api.anthropic.com"
ACEDATA_BASE_URL = "https://api.acedata.cloud"
API_VERSIONS = ("2023-06-01", "2026-10-21")
"""The ``anthropic-version`` values a profile may choose. 2026-10-21 refuses temperature, top_p and top_k on
every model (`app.api.params.rules_for` knows what else each version changes)."""
DEFAULT_API_VERSION = "2023-06-01"

_HOST = re.compile(r"[A-Za-z0-9.\-_]+|[0-9A-Fa-f:.]+")  # a name or an IPv4 address, or an IPv6 address
_DEFAULT_AUTH: dict[ProviderKind, AuthStyle] = {
    "anthropic": "x-api-key",
    "acedata": "bearer",
    "custom": "x-api-key",
}


@dataclass(frozen=True)
class Provider:
    """A Messages API endpoint: ``base_url`` (normalised, without ``/v1``) and the auth header style."""

    kind: ProviderKind
    base_url: str
    auth: AuthStyle

    def __post_init__(self) -> None:
        # Frozen, so the normalised URL is set the way dataclasses allow; every Provider holds a clean URL.
        object.__setattr__(self, "base_url", normalise_base_url(self.base_url))

    @classmethod
    def anthropic(cls) -> Provider:
        """Anthropic's own API: ``x-api-key`` authentication."""
        return cls("anthropic", ANTHROPIC_BASE_URL, "x-api-key")

    @classmethod
    def acedata(cls) -> Provider:
        """Ace Data Cloud's gateway: ``Authorization: Bearer`` authentication."""
        return cls("acedata", ACEDATA_BASE_URL, "bearer")

    @classmethod
    def for_url(cls, base_url: str, auth: AuthStyle | None = None) -> Provider:
        """The provider for a user-given base URL: a known host keeps its kind, anything else is custom;
        ``auth`` defaults to the kind's usual style."""
        url = normalise_base_url(base_url)
        kind: ProviderKind = "custom"
        if url == ANTHROPIC_BASE_URL:
            kind = "anthropic"
        elif url == ACEDATA_BASE_URL:
            kind = "acedata"
        return cls(kind, url, auth or _DEFAULT_AUTH[kind])

    def auth_headers(self, token: str) -> dict[str, str]:
        """The header that carries ``token`` in this provider's auth style."""
        if self.auth == "bearer":
            return {"authorization": f"Bearer {token}"}
        return {"x-api-key": token}


def normalise_base_url(url: str) -> str:
    """``https://api.acedata.cloud/v1/`` → ``https://api.acedata.cloud``: strip whitespace, trailing slashes
    and a trailing ``/v1`` (requests add ``/v1/...`` themselves); a bare host gets ``https://``.

    Raises ValueError for an empty URL or a scheme other than http/https.
    """
    text = url.strip()
    if not text:
        raise ValueError("The base URL is empty.")
    if any(ch.isspace() for ch in text):
        raise ValueError("The base URL can't contain spaces.")
    if "://" not in text:
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"The base URL must start with http:// or https://, not {parts.scheme}://.")
    if not parts.netloc:
        raise ValueError(f"The base URL {url.strip()!r} has no host name.")
    try:
        host, _port = parts.hostname, parts.port  # .port raises for a port that isn't a number
    except ValueError:
        raise ValueError(f"The base URL {text!r} has a port that isn't a number.") from None
    if not host or not _HOST.fullmatch(host):
        raise ValueError(f"The base URL {text!r} has no valid host name.")
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        path = path[: -len("/v1")].rstrip("/")
    return f"{parts.scheme.lower()}://{parts.netloc}{path}"


def from_environment(environ: Mapping[str, str] = os.environ) -> tuple[Provider, str] | None:
    """The provider and token configured the way the official SDK and Claude Code read them:
    ``ANTHROPIC_BASE_URL``, ``ANTHROPIC_API_KEY`` (sent as ``x-api-key``) and ``ANTHROPIC_AUTH_TOKEN``
    (sent as ``Authorization: Bearer``). None when neither token is set, and when ``ANTHROPIC_BASE_URL``
    is not a usable base URL (said in the log): the token then goes nowhere, not even to Anthropic.

    When both tokens are set, the API key is used for Anthropic's own host and the bearer token for any
    other base URL (that is how gateways such as Ace are configured for Claude Code).
    """
    api_key = environ.get("ANTHROPIC_API_KEY", "").strip()
    auth_token = environ.get("ANTHROPIC_AUTH_TOKEN", "").strip()
    if not api_key and not auth_token:
        return None
    try:
        base_url = normalise_base_url(environ.get("ANTHROPIC_BASE_URL", "").strip() or ANTHROPIC_BASE_URL)
    except ValueError as exc:
        # Callers ask whether the environment configures a connection (the GUI at start-up): a variable set
        # wrong for some other tool must not stop the app, so it means "no".
        log.warning("ANTHROPIC_BASE_URL is ignored: %s", exc)
        return None
    if api_key and (not auth_token or base_url == ANTHROPIC_BASE_URL):
        return Provider.for_url(base_url, "x-api-key"), api_key
    return Provider.for_url(base_url, "bearer"), auth_token
