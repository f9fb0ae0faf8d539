"""Which link targets from untrusted text may become clickable links."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers (and Qt's URL parser) drop ASCII tabs and newlines anywhere in a URL and C0 controls
# and spaces at its ends, so "java\tscript:" must be judged as "javascript:".
_IGNORED_IN_URL_RE = re.compile(r"[\x00-\x1f\x7f]")


def safe_href(url: str) -> str | None:
    """Return the link target to put in an ``href``, or None if ``url`` must not become a link.

    Only absolute ``http``/``https`` URLs with a host and ``mailto:`` addresses pass. Character
    references are decoded first (``&#106;avascript:`` is ``javascript:``) and control characters are
    removed, so the returned string is exactly the URL that was judged; the caller must still escape
    it as an attribute value. The UI should check a clicked URL again with this function before
    opening it.
    """
    cleaned = _IGNORED_IN_URL_RE.sub("", html.unescape(url)).strip().replace(" ", "%20")
    scheme = _SCHEME_RE.match(cleaned)
    if scheme is None or scheme.group(1).lower() not in _ALLOWED_SCHEMES:
        return None
    if scheme.group(1).lower() == "mailto":
        return cleaned if len(cleaned) > len("mailto:") else None
    try:
        has_host = bool(urlsplit(cleaned).hostname)
    except ValueError:  # malformed IPv6 literal and the like
        return None
    return cleaned if has_host else None
