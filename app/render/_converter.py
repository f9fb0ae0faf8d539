"""markdown-it-py (CommonMark + GFM tables and strikethrough) with Samtal's own HTML writer for untrusted
text and Qt's rich-text engine.

What changes from stock markdown-it-py, and why:

- Raw HTML is never passed through (``html`` off) and character references are not decoded (the
  ``entity`` rule is off): every ``&``, ``<`` and ``>`` of the text is escaped, so ``<script>`` or
  ``&lt;`` show exactly as typed.
- The HTML is written here, token by token: only the tags and attributes this module produces. Link
  targets pass :func:`safe_href` (markdown-it's own link check is replaced, so that a refused link still
  shows its text and target), images become a text placeholder (never ``<img>``), a link never holds a
  link.
- Code blocks (fenced or indented) are rendered by :func:`code_block_html`, each with a "Copy" link
  numbered in document order; while streaming, a fence still open at the end is shown unhighlighted.
- Quotes and tables are shaped for Qt (see ``_QuoteState`` and :func:`table_open_html`); bare http(s)
  URLs become links.
- Nesting is limited here, not by the parser: a top-level block nested deeper than :data:`MAX_NESTING`
  is shown as the text it was typed as (markdown-it itself would silently drop what lies beyond its
  ``maxNesting``, which is set above ours so that it never does).

Every step is linear in the text: markdown-it-py parses in linear time (its inline parser memoises the
link-label scans that made python-markdown quadratic), and this writer visits each token once.
Importing this module imports markdown-it-py (~15 ms), so :mod:`app.render._markdown` imports it on
first use.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from app.render._code import code_block_html, language_of, open_code_block_frame, plain_code_html
from app.render._links import safe_href
from app.render._markdown import Fragment, Reference
from app.render._plain import render_plain
from app.render._scanner import normalize_source
from app.render._theme import Theme

MAX_NESTING = 16
"""Block nesting Samtal renders (token levels: 16 quotes, or 8 lists inside each other, each list and item
one level). A top-level block that nests deeper is shown as typed: nobody reads it, and it is how a
hostile reply would make the parser recurse."""
# markdown-it's own limit, above ours: it stops parsing a container nested this deep and drops the rest,
# which MAX_NESTING catches first. Higher costs time: its link scans look this many tokens ahead.
_PARSER_NESTING = MAX_NESTING + 4

# Quotes nested deeper are plain <blockquote>s: Qt's layout time doubles with each level of nested tables.
_MAX_QUOTE_TABLES = 3

_BARE_URL_RE = re.compile(r"(?<![\w/@.:=+-])https?://[^\s<>\[\]\"'`]+")
_BARE_URL_TRAILING = ".,:;!?*_~'\""
_ALIGN_RE = re.compile(r"text-align:(left|right|center)")

_STATE = "samtal"  # the env key of the _Writing in progress


@dataclass(slots=True)
class _Writing:
    """Settings and results of the conversion in progress."""

    theme: Theme
    copy_label: str
    image_label: str
    first_code_index: int
    streaming: bool
    line_count: int  # up to the last line that is not blank
    codes: list[str] = field(default_factory=list)
    quotes: list[bool] = field(default_factory=list)  # per open quote: whether it is a table
    # Per open link: None for a link written as <a>, else (its target, the text shown so far).
    links: list[tuple[str, list[str]] | None] = field(default_factory=list)

    def show(self, text: str) -> str:
        """Escape ``text`` and remember it as part of a refused link's text."""
        for link in self.links:
            if link is not None:
                link[1].append(text)
        return html.escape(text, quote=False)


class _MarkdownIt(MarkdownIt):
    def validateLink(self, url: str) -> bool:
        return True  # every target is judged when written (safe_href), so a refused one can be shown


class Converter:
    """Converts Markdown to safe, Qt-friendly HTML. Not thread-safe: use one per thread."""

    def __init__(self) -> None:
        md = _MarkdownIt(
            "commonmark", {"html": False, "xhtmlOut": False, "maxNesting": _PARSER_NESTING}, renderer_cls=_Writer
        )
        md.enable(["table", "strikethrough"])
        md.disable("entity")
        md.core.ruler.before("text_join", "samtal_bare_urls", _link_bare_urls)
        self._md = md

    def convert(
        self,
        text: str,
        *,
        theme: Theme,
        copy_label: str,
        image_label: str,
        first_code_index: int = 0,
        references: Mapping[str, Reference] | None = None,
        streaming: bool = False,
    ) -> Fragment:
        """Convert ``text``.

        Copy links are numbered from ``first_code_index``. ``references`` are link reference
        definitions from earlier text. With ``streaming``, a fence still open at the end is shown
        unhighlighted (it is about to change again).
        """
        text = normalize_source(text)
        env: dict[str, Any] = {
            "references": {label: {"href": href, "title": title} for label, (href, title) in (references or {}).items()}
        }
        tokens = self._md.parse(text, env)
        writing = _Writing(
            theme, copy_label, image_label, first_code_index, streaming, line_count=text.rstrip().count("\n") + 1
        )
        env[_STATE] = writing
        writer = self._md.renderer
        if all(token.level <= MAX_NESTING for token in tokens):
            output = writer.render(tokens, self._md.options, env)
        else:
            lines = text.split("\n")
            parts = []
            for start, end in _top_level_blocks(tokens):
                block = tokens[start:end]
                if any(token.level > MAX_NESTING for token in block):
                    first, last = block[0].map or (0, len(lines))
                    parts.append(render_plain("\n".join(lines[first:last]).strip("\n")) + "\n")
                else:
                    parts.append(writer.render(block, self._md.options, env))
            output = "".join(parts)
        found = {label: (ref["href"], ref["title"]) for label, ref in env["references"].items()}
        return Fragment(output.removesuffix("\n"), writing.codes, found)


def _top_level_blocks(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Index ranges of the top-level blocks (an opening token to its closing one, or a lone token)."""
    ranges = []
    start = 0
    depth = 0
    for index, token in enumerate(tokens):
        depth += token.nesting
        if depth == 0:
            ranges.append((start, index + 1))
            start = index + 1
    return ranges


def _link_bare_urls(state: StateCore) -> None:
    """Core rule: a bare ``https://…`` in text (not in a link, a code span or an image's text) becomes a link,
    trailing punctuation left outside. Runs before ``text_join``, so an escaped character ends a URL."""
    for block in state.tokens:
        children = block.children
        if block.type != "inline" or not children or not any("://" in child.content for child in children):
            continue
        linked: list[Token] = []
        inside_link = 0
        for child in children:
            if child.type == "link_open":
                inside_link += 1
            elif child.type == "link_close":
                inside_link -= 1
            if child.type != "text" or inside_link or "://" not in child.content:
                linked.append(child)
                continue
            content, done = child.content, 0
            for match in _BARE_URL_RE.finditer(content):
                url = _trim_url(match[0])
                if match.start() > done:
                    linked.append(Token("text", "", 0, content=content[done : match.start()]))
                linked += [
                    Token("link_open", "a", 1, attrs={"href": url}, markup="linkify"),
                    Token("text", "", 0, content=url),
                    Token("link_close", "a", -1, markup="linkify"),
                ]
                done = match.start() + len(url)
            if done < len(content):
                linked.append(Token("text", "", 0, content=content[done:]))
        block.children = linked


def _trim_url(url: str) -> str:
    url = url.rstrip(_BARE_URL_TRAILING)
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(_BARE_URL_TRAILING)
    return url


def _writing(env: EnvType) -> _Writing:
    writing: _Writing = env[_STATE]
    return writing


def _code_block(tokens: Sequence[Token], index: int, env: EnvType, code: str, language: str, *, closed: bool) -> str:
    writing = _writing(env)
    copy_href = f"copy:{writing.first_code_index + len(writing.codes)}"
    writing.codes.append(code)
    theme, copy_label = writing.theme, writing.copy_label
    if closed or not writing.streaming:
        block = code_block_html(code, language, theme=theme, copy_label=copy_label, copy_href=copy_href)
    else:
        head, foot = open_code_block_frame(language, theme=theme, copy_label=copy_label, copy_href=copy_href)
        block = head + plain_code_html(code) + foot
    # Like RendererHTML.renderToken: a block after the hidden paragraph of a tight list item starts a line.
    return ("\n" if index and tokens[index - 1].hidden else "") + block + "\n"


def table_open_html(theme: Theme) -> str:
    """The opening tag of a Markdown table: Qt draws borders only from these attributes."""
    return (
        '<table border="1" cellspacing="0" cellpadding="4"'
        f' style="border-color: {theme.border}; border-collapse: collapse; margin-top: 4px; margin-bottom: 8px;">'
    )


def _alignment(token: Token) -> str:
    match = _ALIGN_RE.fullmatch(str(token.attrs.get("style", "")))
    return f' align="{match[1]}"' if match else ""


def _plain_text(tokens: Sequence[Token] | None) -> str:
    """The text of inline tokens (an image's description), nested images included, without recursion."""
    parts: list[str] = []
    pending = list(reversed(tokens or ()))
    while pending:
        token = pending.pop()
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.children:
            pending.extend(reversed(token.children))
    return "".join(parts)


class _Writer(RendererHTML):
    """Writes tokens as Qt-friendly HTML: only the tags and attributes listed here, every text escaped."""

    # Tags written by RendererHTML.renderToken (its line breaks are kept), with the attributes they may keep.
    _STRUCTURE: Mapping[str, tuple[str, ...]] = {
        "p": (),
        "h1": (),
        "h2": (),
        "h3": (),
        "h4": (),
        "h5": (),
        "h6": (),
        "ul": (),
        "ol": ("start",),
        "li": (),
        "em": (),
        "strong": (),
        "hr": (),
        "thead": (),
        "tbody": (),
        "tr": (),
        "th": (),
        "td": (),
        "blockquote": (),
    }

    def renderToken(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        if token.tag not in self._STRUCTURE:  # a token this writer does not know: its text only
            return _writing(env).show(token.content)
        return super().renderToken(tokens, idx, options, env)

    @classmethod
    def renderAttrs(cls, token: Token) -> str:
        allowed = cls._STRUCTURE.get(token.tag, ())
        return "".join(f' {name}="{html.escape(str(value))}"' for name, value in token.attrItems() if name in allowed)

    # --- text ---

    def text(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _writing(env).show(tokens[idx].content)

    html_inline = html_block = text  # off in the parser; shown as text should they ever appear

    def softbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _writing(env).show("\n")

    def hardbreak(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        _writing(env).show("\n")
        return "<br>\n"

    def code_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<code>{_writing(env).show(tokens[idx].content)}</code>"

    def s_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "<del>"

    def s_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</del>"

    # --- links and images ---

    def link_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        token = tokens[idx]
        target = str(token.attrs.get("href", ""))
        href = None if writing.links else safe_href(target)
        if href is not None:
            writing.links.append(None)
            return f'<a href="{html.escape(href)}">'
        writing.links.append((target, []))
        return "&lt;" if token.markup == "autolink" else ""  # a refused <scheme:…> shows as typed

    def link_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        link = writing.links.pop() if writing.links else None
        if link is None:
            return "</a>"
        if tokens[idx].markup == "autolink":
            return writing.show(">")
        target, shown = link
        if target and not writing.links and target != "".join(shown):
            return writing.show(f" ({target})")
        return ""

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        token = tokens[idx]
        source = str(token.attrs.get("src", ""))
        description = _plain_text(token.children)
        label = f"[{writing.image_label}: {description}]" if description else f"[{writing.image_label}]"
        if writing.links:
            return writing.show(label)
        href = safe_href(source)
        if href is not None:
            return f'<a href="{html.escape(href)}">{writing.show(label)}</a>'
        return writing.show(f"{label} ({source})" if source else label)

    # --- blocks ---

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        start, end = token.map or (0, 0)
        content_lines = token.content.count("\n") + (not token.content.endswith("\n") and token.content != "")
        closed = end - start >= content_lines + 2
        at_the_end = end >= _writing(env).line_count
        code = token.content if closed else token.content.rstrip("\n")
        code = code.removesuffix("\n")
        return _code_block(tokens, idx, env, code, language_of(token.info), closed=closed or not at_the_end)

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _code_block(tokens, idx, env, tokens[idx].content.rstrip("\n"), "", closed=True)

    def blockquote_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        as_table = len(writing.quotes) < _MAX_QUOTE_TABLES
        writing.quotes.append(as_table)
        if not as_table:
            return self.renderToken(tokens, idx, options, env)
        # Qt cannot draw a block's left border: a one-row table with a narrow coloured cell can.
        return (
            '<table cellspacing="0" cellpadding="0" style="margin-top: 4px; margin-bottom: 8px;"><tr>'
            f'<td width="3" bgcolor="{writing.theme.border}"></td><td class="quote" style="padding-left: 10px;">\n'
        )

    def blockquote_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        writing = _writing(env)
        if writing.quotes and not writing.quotes.pop():
            return self.renderToken(tokens, idx, options, env)
        return "</td></tr></table>\n"

    def table_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return table_open_html(_writing(env).theme) + "\n"

    def table_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return "</table>\n"

    def th_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f'<th{_alignment(tokens[idx])} bgcolor="{_writing(env).theme.table_header_background}">'

    def td_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return f"<td{_alignment(tokens[idx])}>"
