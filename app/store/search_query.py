"""Turning what a person types into a valid FTS5 query.

Supported: words (all must match), ``"exact phrases"``, ``prefix*``, ``OR``/``AND``/``NOT`` between terms,
and ``-word`` to exclude a word. Everything else is read charitably rather than rejected: an unbalanced
quote closes at the end, operators with nothing to join are dropped, parentheses and ``column:`` filters
are ignored, a lone ``*`` or ``-`` is dropped. Every term reaches FTS5 quoted, so no input can be a syntax
error. An empty result means "nothing to search for".
"""

from __future__ import annotations

import re
import unicodedata

_OPERATORS = frozenset({"AND", "OR", "NOT"})
# A phrase in quotes (closed or running to the end), or a run of anything but spaces, quotes and brackets.
_TOKEN = re.compile(r'"([^"]*)"?|[^\s"()]+')
# Control characters (FTS5 ends a string at NUL) and lone surrogates (not encodable: they come from
# undecodable command-line bytes) separate words.
_UNUSABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_COLUMN_FILTER = re.compile(r"^[A-Za-z_]\w*:(?!//)")


def fts_query(text: str) -> str:
    """The FTS5 MATCH expression for ``text``, or "" when it holds nothing searchable."""
    terms: list[str] = []  # quoted terms and the operators between them, in order
    pending: str | None = None  # an operator waiting for the term after it
    for match in _TOKEN.finditer(_UNUSABLE.sub(" ", text)):
        phrase, raw = match.group(1), match.group(0)
        if phrase is not None:
            term = _quoted(phrase) if _indexable(phrase) else None
            operator = None
        elif raw in _OPERATORS:
            if terms:  # an operator with nothing before it joins nothing
                pending = raw
            continue
        else:
            term, operator = _bare_term(raw)
        if term is None:
            continue
        if terms:
            terms.append(operator or pending or "AND")
        elif operator == "NOT":
            continue  # "-word" alone: there is nothing to exclude it from
        terms.append(term)
        pending = None
    return " ".join(terms)


def _bare_term(raw: str) -> tuple[str | None, str | None]:
    """An unquoted token as a quoted term (prefix star kept), and "NOT" when it was written ``-word``."""
    operator = None
    if raw.startswith("-"):
        operator = "NOT"
        raw = raw.lstrip("-")
    raw = _COLUMN_FILTER.sub("", raw)
    prefix = raw.endswith("*")
    raw = raw.strip("*")
    if not _indexable(raw):
        return None, None
    return _quoted(raw) + ("*" if prefix else ""), operator


def _indexable(text: str) -> bool:
    """Whether the tokenizer finds a word in ``text``: it indexes letters, digits and private-use characters
    (unicode61's categories L*, N*, Co) and treats everything else as a separator. A term without any would
    match nothing and, joined with AND, make the whole query match nothing."""
    return any(unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co" for ch in text)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
