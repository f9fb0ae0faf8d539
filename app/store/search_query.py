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
from dataclasses import dataclass

_OPERATORS = frozenset({"AND", "OR", "NOT"})
# A phrase in quotes (closed or running to the end), or a run of anything but spaces, quotes and brackets.
_TOKEN = re.compile(r'"([^"]*)"?|[^\s"()]+')
# Control characters (FTS5 ends a string at NUL) and lone surrogates (not encodable: they come from
# undecodable command-line bytes) separate words.
_UNUSABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_COLUMN_FILTER = re.compile(r"^[A-Za-z_]\w*:(?!//)")


@dataclass(frozen=True)
class ParsedQuery:
    """A query ready for FTS5. ``match`` is "" when there is nothing to search for; ``has_phrase`` tells
    that a term spans several words (FTS5 ranks such a query several times more slowly per match)."""

    match: str
    has_phrase: bool


def fts_query(text: str) -> str:
    """The FTS5 MATCH expression for ``text``, or "" when it holds nothing searchable."""
    return parse_query(text).match


def parse_query(text: str) -> ParsedQuery:
    """Read ``text`` as described in the module docstring."""
    terms: list[str] = []  # quoted terms and the operators between them, in order
    pending: str | None = None  # an operator waiting for the term after it
    has_phrase = False
    for match in _TOKEN.finditer(_UNUSABLE.sub(" ", text)):
        phrase, raw = match.group(1), match.group(0)
        if phrase is not None:
            words, operator = phrase, None
        elif raw in _OPERATORS:
            if terms:  # an operator with nothing before it joins nothing
                pending = raw
            continue
        else:
            words, operator, prefix = _bare_term(raw)
        count = _word_count(words)
        if count == 0:
            continue
        if terms:
            terms.append(operator or pending or "AND")
        elif operator == "NOT":
            continue  # "-word" alone: there is nothing to exclude it from
        terms.append(_quoted(words) + ("*" if phrase is None and prefix else ""))
        has_phrase = has_phrase or count > 1
        pending = None
    return ParsedQuery(" ".join(terms), has_phrase)


def _bare_term(raw: str) -> tuple[str, str | None, bool]:
    """An unquoted token's words, "NOT" when it was written ``-word``, and whether it ends in ``*``."""
    operator = None
    if raw.startswith("-"):
        operator = "NOT"
        raw = raw.lstrip("-")
    raw = _COLUMN_FILTER.sub("", raw)
    return raw.strip("*"), operator, raw.endswith("*")


def _word_count(text: str) -> int:
    """How many words the tokenizer finds in ``text``. It indexes letters, digits and private-use
    characters (unicode61's categories L*, N*, Co) and treats everything else as a separator; a term
    without any would match nothing and, joined with AND, make the whole query match nothing."""
    count = 0
    in_word = False
    for ch in text:
        category = unicodedata.category(ch)
        is_word = category[0] in "LN" or category == "Co"
        count += is_word and not in_word
        in_word = is_word
    return count


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'
