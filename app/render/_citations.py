"""Citations in a reply: the cited spans of its text joined into one flow, each followed by numbered markers,
and the list of the sources they cite.

The API sends a cited answer as several text blocks (plain, cited, plain…), each cited one carrying its
``citations`` (web search results, documents, search results). :func:`join_cited_text` joins a reply's
consecutive text blocks into one Markdown text and puts a marker after each cited span: one character of
Unicode's plane 15 private use area per source (:func:`citation_marker`), which Markdown treats as text. The
converter writes each marker as ``<sup><a href="cite:N">[N]</a></sup>`` (:func:`marker_html`); code keeps no
marker. Sources are numbered once per reply, in the order they are first cited, so that the same source has
the same number in every part of the reply. :func:`sources_html` lists them under the text: the title as a
link (only http/https, checked with :func:`safe_href`), the domain and the page's age.

While a reply streams, the markers of the last text block wait for it to end (its citations arrive before
its text), and so does the white space it ends with, before which they go: each text shown while streaming is
then the start of the next one, so that the streaming view never has to render the reply again.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from app.render._links import safe_href
from app.render._theme import Theme

CITE_SCHEME = "cite"
SOURCES_KEY = "_sources"  # in a joined text block: the sources its markers point to
_FIRST = 0xF0000  # plane 15's private use area: U+F0000..U+FFFFD, one character per source number
_LAST = 0xFFFFD
_MARKER_RE = re.compile("[\U000f0001-\U000ffffd]")
_ANY_MARKER_RE = re.compile("[\U000f0000-\U000fffff]")  # the plane, as model text might hold it
MAX_CITED_CHARS = 300  # of each cited text, in a marker's tooltip


@dataclass(frozen=True, slots=True)
class Source:
    """What a reply cites, numbered: a web page (``url``, ``title``, the search result's ``page_age``) or a
    document of the request (``document``: its index, ``title`` when it has one); ``cited`` holds the cited
    texts, in the order of the reply."""

    number: int
    title: str
    url: str | None = None
    page_age: str | None = None
    document: int | None = None
    cited: tuple[str, ...] = ()

    @property
    def domain(self) -> str:
        """The web page's host without ``www.`` ("" for a document)."""
        return domain_of(self.url) if self.url else ""


@dataclass(slots=True)
class _Registry:
    """Numbers sources in the order a reply first cites them."""

    page_ages: dict[str, str]
    fetched_titles: dict[str, str]
    keys: dict[tuple[str, object], int] = field(default_factory=dict)
    sources: dict[int, Source] = field(default_factory=dict)

    def add(self, citation: Mapping[str, Any]) -> int | None:
        """The number of the source ``citation`` points to (None when it points to nothing known)."""
        kind = citation.get("type")
        cited = _text(citation.get("cited_text"))
        url: str | None = None
        document: int | None = None
        if kind == "web_search_result_location":
            url = _text(citation.get("url"))
            key: tuple[str, object] = ("url", url)
            title = _text(citation.get("title"))
        elif kind == "search_result_location":
            url = _text(citation.get("source"))
            key = ("url", url)
            title = _text(citation.get("title"))
        elif kind in ("char_location", "page_location", "content_block_location"):
            index = citation.get("document_index")
            document = index if isinstance(index, int) and not isinstance(index, bool) else 0
            title = _text(citation.get("document_title"))
            url = self.fetched_titles.get(title) if title else None  # a page web fetch brought in
            key = ("document", document)
        else:
            return None
        if key == ("url", ""):
            return None
        number = self.keys.get(key)
        if number is None:
            number = self.keys[key] = len(self.keys) + 1
            self.sources[number] = Source(
                number, title, url or None, self.page_ages.get(url or ""), document, (cited,) if cited else ()
            )
        else:
            known = self.sources[number]
            if cited and cited not in known.cited:
                self.sources[number] = Source(
                    number, known.title or title, known.url, known.page_age, known.document, (*known.cited, cited)
                )
        return number


def citation_marker(number: int) -> str:
    """The character that stands for source ``number`` in a joined text (1 to 65,533)."""
    if not 1 <= number <= _LAST - _FIRST:
        raise ValueError(f"no marker for source {number}")
    return chr(_FIRST + number)


def has_markers(text: str) -> bool:
    return _MARKER_RE.search(text) is not None


def marker_html(text: str, *, linked: bool = True) -> str:
    """``text`` (already escaped HTML) with each marker written as a superscript ``[N]``, a ``cite:N`` link
    unless ``linked`` is False (inside another link)."""

    def write(match: re.Match[str]) -> str:
        number = ord(match[0]) - _FIRST
        label = f"[{number}]"
        return f'<sup><a href="{CITE_SCHEME}:{number}">{label}</a></sup>' if linked else f"<sup>{label}</sup>"

    return _MARKER_RE.sub(write, text)


def markers_as_text(text: str) -> str:
    """``text`` with each marker written ``[N]`` (for plain text: copying, or a reply shown as typed)."""
    return _MARKER_RE.sub(lambda match: f"[{ord(match[0]) - _FIRST}]", text)


def strip_markers(text: str) -> str:
    """``text`` without markers (code keeps exactly what the model wrote)."""
    return _MARKER_RE.sub("", text)


def cite_number(href: str) -> int | None:
    """N for a ``cite:N`` link, else None."""
    scheme, _, rest = href.partition(":")
    return int(rest) if scheme == CITE_SCHEME and rest.isdigit() else None


def join_cited_text(content: Sequence[Any], *, streaming: bool = False) -> list[Any]:
    """A reply's blocks as the transcript shows them: each run of consecutive text blocks becomes one text
    block (a new dict; a lone block without citations is passed on as it is) whose text has a marker after
    every cited span, and whose ``_sources`` (:data:`SOURCES_KEY`) lists the sources it cites, numbered for the
    whole reply. Other blocks are passed on as they are. ``streaming``: the last block is still arriving (its
    markers wait)."""
    blocks = [block for block in content if isinstance(block, Mapping)]
    if not any(_citations(block) for block in blocks if block.get("type") == "text") and not _adjacent_texts(blocks):
        return blocks  # nothing to join: the common case costs one pass over the blocks
    registry = _Registry(_page_ages(blocks), _fetched_titles(blocks))
    shown: list[Any] = []
    run: list[Mapping[str, Any]] = []
    for index, block in enumerate(blocks):
        if block.get("type") == "text":
            run.append(block)
        if run and (block.get("type") != "text" or index == len(blocks) - 1):
            ends_reply = block.get("type") == "text"
            if len(run) == 1 and not _citations(run[0]):
                shown.append(run[0])
            else:
                shown.append(_joined(run, registry, waiting=streaming and ends_reply))
            run = []
        if block.get("type") != "text":
            shown.append(block)
    return shown


def _joined(run: Sequence[Mapping[str, Any]], registry: _Registry, *, waiting: bool) -> dict[str, Any]:
    parts: list[str] = []
    numbers: list[int] = []
    for index, block in enumerate(run):
        text = _ANY_MARKER_RE.sub("\ufffd", _text(block.get("text")))  # the model can't forge a marker
        if waiting and index == len(run) - 1 and _citations(block):
            # Its markers go before its trailing white space once it ends: keep that space back until then,
            # so that the text shown now is where the final one starts.
            parts.append(text.rstrip())
            break
        cited = _citations(block)
        marks = []
        for citation in cited:
            number = registry.add(citation)
            if number is not None and number not in marks:
                marks.append(number)
        if marks:
            body = text.rstrip()  # the marker follows the cited words, not the line break after them
            parts.append(body + "".join(citation_marker(n) for n in marks) + text[len(body) :])
            numbers += [n for n in marks if n not in numbers]
        else:
            parts.append(text)
    sources = tuple(registry.sources[n] for n in sorted(numbers))
    return {"type": "text", "text": "".join(parts), SOURCES_KEY: sources}


def sources_html(sources: Sequence[Source], theme: Theme, *, heading: str, document: str) -> str:
    """The list of ``sources`` under a reply's text: ``[N] Title · domain · page age``, the title a link to
    the page (when it is an http/https one); ``heading`` is the translated "Sources", ``document`` the
    translated name of an untitled document (with ``{n}``: its number in the request)."""
    muted = f'<span style="color: {theme.muted_text};">'
    lines = [f'<p style="margin-top: 6px; margin-bottom: 2px;">{muted}{html.escape(heading)}</span></p>']
    for source in sources:
        title = source.title or (
            document.format(n=source.document + 1) if source.document is not None else source.url or ""
        )
        details = (source.domain, source.page_age or "")
        lines.append(page_line_html(title, source.url, details, theme, number=source.number))
    return "\n".join(lines)


def page_line_html(
    title: str, url: str | None, details: Sequence[str], theme: Theme, *, number: int | None = None
) -> str:
    """One web page on a line: ``[N] Title · details``, the title a link when ``url`` is an http/https one
    (checked with :func:`safe_href`), everything from outside escaped."""
    muted = f'<span style="color: {theme.muted_text};">'
    href = safe_href(url) if url else None
    shown = html.escape(title or url or "", quote=False)
    link = f'<a href="{html.escape(href)}">{shown}</a>' if href is not None else shown
    parts = [html.escape(part, quote=False) for part in details if part]
    tail = f" {muted}· {' · '.join(parts)}</span>" if parts else ""
    head = f"{muted}[{number}]</span> " if number is not None else ""
    return f'<p style="margin-top: 0px; margin-bottom: 2px;">{head}{link}{tail}</p>'


def domain_of(url: str) -> str:
    """The host of ``url`` without ``www.`` ("" when it has none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def cited_excerpt(text: str) -> str:
    """A cited text as a tooltip shows it: on one line, at most :data:`MAX_CITED_CHARS` characters."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_CITED_CHARS else line[: MAX_CITED_CHARS - 1].rstrip() + "…"


def _citations(block: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    found = block.get("citations")
    return [c for c in found if isinstance(c, Mapping)] if isinstance(found, list) else []


def _adjacent_texts(blocks: Sequence[Mapping[str, Any]]) -> bool:
    return any(a.get("type") == b.get("type") == "text" for a, b in itertools.pairwise(blocks))


def _page_ages(blocks: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """url → page age, from the reply's web search results."""
    ages: dict[str, str] = {}
    for block in blocks:
        results = block.get("content") if block.get("type") == "web_search_tool_result" else None
        for result in results if isinstance(results, list) else ():
            if isinstance(result, Mapping) and isinstance(result.get("url"), str):
                age = result.get("page_age")
                if isinstance(age, str) and age:
                    ages[result["url"]] = age
    return ages


def _fetched_titles(blocks: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """document title → url, for the pages the reply fetched (their citations name the document only)."""
    titles: dict[str, str] = {}
    for block in blocks:
        result = block.get("content") if block.get("type") == "web_fetch_tool_result" else None
        if isinstance(result, Mapping) and isinstance(result.get("url"), str):
            document = result.get("content")
            title = document.get("title") if isinstance(document, Mapping) else None
            if isinstance(title, str) and title:
                titles[title] = result["url"]
    return titles


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
