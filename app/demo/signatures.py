"""Signatures of the demo's thinking blocks, checked when a conversation sends them back.

The API refuses a thinking block that differs in any way from what it returned ("Invalid `signature` in
`thinking` block"), while a block returned with display "omitted" (empty `thinking`, signature kept) is
replayed as it came. A demo signature therefore carries a digest of the whole thinking and a seal over
the text that was actually shown: the shown text must come back unchanged, and nothing else verifies.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

__all__ = ["sign_thinking", "signature_matches"]

_KEY = b"samtal-demo-thinking"  # no secret: it only makes edited blocks fail as the real API's do
_MAGIC = b"demo\x01"
_HALF = 16  # bytes of the digest, then of the seal


def _seal(digest: bytes, shown: str) -> bytes:
    return hmac.new(_KEY, digest + shown.encode(), hashlib.sha256).digest()[:_HALF]


def sign_thinking(thinking: str, shown: str) -> str:
    """The signature of a thinking block whose full text is `thinking` and whose `thinking` field holds
    `shown` (the same text, or "" when omitted); stable base64."""
    digest = hashlib.sha256(_KEY + thinking.encode()).digest()[:_HALF]
    return base64.b64encode(_MAGIC + digest + _seal(digest, shown)).decode("ascii")


def signature_matches(shown: str, signature: str) -> bool:
    """Whether `signature` is the demo's signature of a block showing exactly `shown`."""
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return False
    if len(raw) != len(_MAGIC) + 2 * _HALF or not raw.startswith(_MAGIC):
        return False
    digest, seal = raw[len(_MAGIC) : len(_MAGIC) + _HALF], raw[len(_MAGIC) + _HALF :]
    return hmac.compare_digest(seal, _seal(digest, shown))
