"""Counts in words people read: ``1 token``, ``2 tokens``, ``1,024 tokens``.

Samtal ships no translator file, so Qt's ``tr("%n token(s)", "", n)`` would only ever show the ``(s)``;
this helper picks between two forms instead. Callers pass both forms already through ``tr()`` so that
a translation stays possible::

    plural(n, self.tr("{n} token"), self.tr("{n} tokens"))
"""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, one: str, many: str, **fields: object) -> str:
    """``one`` when ``count`` is 1, else ``many``; ``{n}`` in either is replaced by the count, with
    thousands separators (``1,024``), and any other ``{name}`` by ``fields[name]``."""
    return (one if count == 1 else many).format(n=f"{count:,}", **fields)
