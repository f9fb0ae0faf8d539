"""Counts in words people read, in English: ``1 token``, ``2 tokens``, ``1,024 tokens``.

For the Qt-free parts (the command line, which stays English, and the store's summaries). The window
says counts through Qt's plural forms instead, so that each language has its own::

    self.tr("%Ln token(s)", None, n)   # app/translations/samtal_<lang>.ts holds the forms
"""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, one: str, many: str, **fields: object) -> str:
    """``one`` when ``count`` is 1, else ``many``; ``{n}`` in either is replaced by the count, with
    thousands separators (``1,024``), and any other ``{name}`` by ``fields[name]``."""
    return (one if count == 1 else many).format(n=f"{count:,}", **fields)
