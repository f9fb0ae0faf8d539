"""python-markdown configured for untrusted text and Qt's rich-text engine.

What changes from stock python-markdown, and why:

- Raw HTML is never passed through: the ``html_block`` preprocessor and the ``html`` and ``entity``
  inline patterns are gone, and a whitelist serializer escapes every ``&``, ``<`` and ``>`` of the
  text, so ``<script>`` or ``&lt;`` show exactly as typed.
- The serializer writes only the tags and attributes this module produces; link targets pass
  :func:`safe_href`, images become a text placeholder (never ``<img>``), nested links are unwrapped.
- Fenced code is found by :class:`LineScanner` (any list depth, unclosed fences run to the end) and
  rendered by :func:`code_block_html`; indented code blocks get the same treatment. Each block carries
  a "Copy" link numbered in document order.
- List indentation is mapped to python-markdown's four spaces per level, bare http(s) URLs become
  links, ``~~text~~`` is struck through, e-mail autolinks are not entity-obfuscated.

Importing this module imports python-markdown (~25 ms), so :mod:`app.render._markdown` imports it on
first use.
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import markdown
from markdown import inlinepatterns
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import AutomailInlineProcessor, InlineProcessor, SimpleTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, AtomicString

from app.render._code import code_block_html, language_of, open_code_block_frame, plain_code_html
from app.render._links import safe_href
from app.render._markdown import Fragment, Reference
from app.render._scanner import (
    LIST_LEVEL_INDENT,
    TAB_WIDTH,
    LineKind,
    LineScanner,
    dedent_fence_line,
    normalize_source,
)
from app.render._theme import Theme

# Marks the copy link of the k-th code block created during one conversion; replaced by the block's
# index in document order afterwards. STX/ETX cannot occur in the (normalised) input.
_CODE_TOKEN = "\x02samtal-code:{}\x03"
_CODE_TOKEN_RE = re.compile("\x02samtal-code:([0-9]+)\x03")
# An element that the serializer writes as its text only: links that may not be links, image
# placeholders.
_TEXT_ONLY = "samtal-text"

# A bare URL stops at python-markdown's placeholders (STX…ETX), which stand for code spans and escaped characters.
_BARE_URL_RE = r"(?<![\w/@.:=+-])(https?://[^\s<>\[\]\"'`\x02\x03]+)"
_BARE_URL_TRAILING = ".,:;!?*_~'\""
_STRIKETHROUGH_RE = r"(~~)(?=\S)(.+?)(?<=\S)~~"
_AUTOMAIL_RE = r"<(?:mailto:)?([^<> !]+@[^@<> ]+)>"

_BRACKET_RE = re.compile(r"[\[\]]")
_MAX_LINK_DESTINATION = 4096
# Quotes nested deeper are plain indented blocks (see _SanitizingTreeprocessor._clean).
_MAX_QUOTE_TABLES = 3
# Characters that link destination scans may read per conversion: far beyond real text (every link
# costs its own length), small enough to stay well under a second on hostile text.
_LINK_SCAN_BUDGET = 500_000
# python-markdown's own registrations (inlinepatterns.build_inlinepatterns), to be replaced.
_LINK_PROCESSORS: tuple[tuple[str, type[inlinepatterns.LinkInlineProcessor], str, int], ...] = (
    ("reference", inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    ("link", inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    ("image_link", inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    ("image_reference", inlinepatterns.ImageReferenceInlineProcessor, inlinepatterns.IMAGE_REFERENCE_RE, 140),
    ("short_reference", inlinepatterns.ShortReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 130),
    (
        "short_image_ref",
        inlinepatterns.ShortImageReferenceInlineProcessor,
        inlinepatterns.IMAGE_REFERENCE_RE,
        125,
    ),
)


_VOID_TAGS = frozenset({"br", "hr"})
_ALLOWED_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "div": (),
    "p": (),
    "h1": (),
    "h2": (),
    "h3": (),
    "h4": (),
    "h5": (),
    "h6": (),
    "blockquote": (),
    "ul": (),
    "ol": ("start",),
    "li": (),
    "em": (),
    "strong": (),
    "del": (),
    "code": (),
    "pre": (),
    "br": (),
    "hr": (),
    "a": ("href",),
    "table": ("border", "cellspacing", "cellpadding", "style"),
    "thead": (),
    "tbody": (),
    "tr": (),
    "th": ("align", "bgcolor"),
    "td": ("align", "bgcolor", "class", "style", "width"),
}


@dataclass(slots=True)
class _Conversion:
    """Settings and results of the conversion in progress."""

    theme: Theme
    copy_label: str
    image_label: str
    streaming: bool
    codes: list[str] = field(default_factory=list)
    link_scan_budget: int = _LINK_SCAN_BUDGET


class Converter:
    """Converts Markdown to safe, Qt-friendly HTML. Not thread-safe: use one per thread."""

    def __init__(self) -> None:
        md = markdown.Markdown(
            extensions=[TableExtension(use_align_attribute=True), SaneListExtension()],
            output_format="html",
        )
        for name in ("normalize_whitespace", "html_block"):
            md.preprocessors.deregister(name)
        for name in ("html", "entity", "automail"):
            md.inlinePatterns.deregister(name)
        md.preprocessors.register(_SourcePreprocessor(self), "samtal_source", 30)
        for name, processor, pattern, priority in _LINK_PROCESSORS:
            bounded = type(f"Bounded{processor.__name__}", (_BoundedLinkProcessor, processor), {"converter": self})
            md.inlinePatterns.register(bounded(pattern, md), name, priority)
        md.inlinePatterns.register(_BareUrlInlineProcessor(_BARE_URL_RE, md), "samtal_bare_url", 115)
        md.inlinePatterns.register(_MailtoInlineProcessor(_AUTOMAIL_RE, md), "automail", 110)
        md.inlinePatterns.register(SimpleTagInlineProcessor(_STRIKETHROUGH_RE, "del"), "samtal_strike", 65)
        # After python-markdown's own "unescape" (priority 0): hrefs hold their final text by then.
        md.treeprocessors.register(_SanitizingTreeprocessor(self, md), "samtal_sanitize", -10)
        md.serializer = _serialize
        self._md = md
        self._conversion: _Conversion | None = None

    @property
    def conversion(self) -> _Conversion:
        """The conversion in progress (for this module's processors)."""
        assert self._conversion is not None, "used outside Converter.convert"
        return self._conversion

    def code_block(self, code: str, language: str, *, closed: bool) -> str:
        """Render a code block of the current conversion and return its stash placeholder."""
        conversion = self.conversion
        token = _CODE_TOKEN.format(len(conversion.codes))
        conversion.codes.append(code)
        theme, copy_label, copy_href = conversion.theme, conversion.copy_label, f"copy:{token}"
        if closed or not conversion.streaming:
            block_html = code_block_html(code, language, theme=theme, copy_label=copy_label, copy_href=copy_href)
        else:
            head, foot = open_code_block_frame(language, theme=theme, copy_label=copy_label, copy_href=copy_href)
            block_html = head + plain_code_html(code) + foot
        return self._md.htmlStash.store(block_html)

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
        self._conversion = conversion = _Conversion(theme, copy_label, image_label, streaming)
        try:
            self._md.reset()
            if references:
                self._md.references.update(references)
            output = self._md.convert(text)
            found_references = dict(self._md.references)
        finally:
            self._conversion = None
        ordered: list[str] = []

        def number(match: re.Match[str]) -> str:
            ordered.append(conversion.codes[int(match[1])])
            return str(first_code_index + len(ordered) - 1)

        return Fragment(_CODE_TOKEN_RE.sub(number, output), ordered, found_references)


class _SourcePreprocessor(Preprocessor):
    """Normalises the text, replaces fenced code by rendered blocks and re-indents nested lists."""

    def __init__(self, converter: Converter) -> None:
        super().__init__()
        self._converter = converter

    def run(self, lines: list[str]) -> list[str]:
        scanner = LineScanner()
        out: list[str] = []
        code: list[str] = []
        language = ""
        depth = 0
        for line in normalize_source("\n".join(lines)).split("\n"):
            scanned = scanner.feed(line)
            if scanned.kind is LineKind.FENCE_OPEN:
                code, language, depth = [], language_of(scanned.info), scanned.depth
            elif scanned.kind is LineKind.FENCE_BODY:
                code.append(dedent_fence_line(line, scanned.fence_indent))
            elif scanned.kind is LineKind.FENCE_CLOSE:
                out.extend(self._code_lines("\n".join(code), language, depth, closed=True))
            elif scanned.kind is LineKind.BLANK:
                out.append("")
            else:
                if scanned.blank_before:
                    out.append("")
                expanded = line.expandtabs(TAB_WIDTH)
                indent_to = scanned.indent_to
                out.append(expanded if indent_to is None else " " * indent_to + expanded.lstrip(" "))
        if scanner.in_fence:
            # The text's final newline ends the last line; it does not add an empty one to the code.
            out.extend(self._code_lines("\n".join(code).rstrip("\n"), language, depth, closed=False))
        return [*out, "", ""]

    def _code_lines(self, code: str, language: str, depth: int, *, closed: bool) -> list[str]:
        # Blank lines around the placeholder make it a paragraph of its own, which python-markdown's
        # raw-HTML step replaces whole; indentation keeps it inside its list item.
        placeholder = self._converter.code_block(code, language, closed=closed)
        return ["", " " * (LIST_LEVEL_INDENT * depth) + placeholder, ""]


class _MatchedBrackets:
    """Where each "[" of a text is closed, found in one pass."""

    __slots__ = ("closing", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.closing: dict[int, int] = {}
        opened: list[int] = []
        for bracket in _BRACKET_RE.finditer(text):
            if bracket[0] == "[":
                opened.append(bracket.start())
            elif opened:
                self.closing[opened.pop()] = bracket.start()


class _BoundedLinkProcessor(inlinepatterns.LinkInlineProcessor):
    """Base for link and image processors whose scans cannot blow up on hostile text.

    python-markdown scans to the matching "]" afresh for every "[" (quadratic: 20,000 "[" took 39 s)
    and to the closing ")" for every "](" (5,000 unclosed "[a](http://x" took 13 s). Here the brackets
    of a text are matched once (same answers: the text only changes when a link was found), and the
    destination scans of one conversion share a budget, each limited to a window.
    """

    converter: Converter  # set by Converter on the concrete subclasses it makes
    _brackets: _MatchedBrackets | None = None

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        brackets = self._brackets
        if brackets is None or brackets.text is not data:
            brackets = self._brackets = _MatchedBrackets(data)
        close = brackets.closing.get(index - 1)  # ``index`` follows the opening "["
        if close is None:
            return "", index, False
        return data[index:close], close + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        conversion = self.converter.conversion
        if conversion.link_scan_budget <= 0:
            return "", None, index, False
        limit = index + _MAX_LINK_DESTINATION
        window = data if len(data) <= limit else data[:limit]
        href, title, end, handled = super().getLink(window, index)
        conversion.link_scan_budget -= (end if handled else len(window)) - index
        return href, title, end, handled


class _BareUrlInlineProcessor(InlineProcessor):
    """Turns a bare ``https://…`` in prose into a link, leaving trailing punctuation outside."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        url = m.group(1).rstrip(_BARE_URL_TRAILING)
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(_BARE_URL_TRAILING)
        link = etree.Element("a", {"href": url})
        link.text = AtomicString(url)
        return link, m.start(0), m.start(0) + len(url)


class _MailtoInlineProcessor(AutomailInlineProcessor):
    """``<someone@example.com>`` as a plain mailto link (stock python-markdown obfuscates it)."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        address = self.unescape(m.group(1))
        link = etree.Element("a", {"href": f"mailto:{address}"})
        link.text = AtomicString(address)
        return link, m.start(0), m.end(0)


class _SanitizingTreeprocessor(Treeprocessor):
    """Makes the tree safe and Qt-shaped: links, images, code blocks, table attributes."""

    def __init__(self, converter: Converter, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._converter = converter

    def run(self, root: etree.Element) -> None:
        self._clean_children(root, inside_link=False, quotes=0)

    def _clean_children(self, parent: etree.Element, *, inside_link: bool, quotes: int) -> None:
        for index, child in enumerate(list(parent)):
            is_quote = child.tag == "blockquote"
            replacement = self._clean(child, inside_link=inside_link, quotes=quotes)
            if replacement is not child:
                replacement.tail = child.tail
                parent[index] = replacement
            self._clean_children(
                replacement, inside_link=inside_link or replacement.tag == "a", quotes=quotes + is_quote
            )

    def _clean(self, element: etree.Element, *, inside_link: bool, quotes: int) -> etree.Element:
        """Return ``element`` made safe in place, or the element that replaces it.

        ``quotes`` counts the block quotes around it: Qt's layout time doubles with each level of
        nested tables (20 levels took 13 s), so only the outer quotes become tables.
        """
        tag = element.tag
        if tag == "a":
            self._clean_link(element, inside_link=inside_link)
        elif tag == "img":
            return self._image_placeholder(element, inside_link=inside_link)
        elif tag == "pre" and len(element) and element[0].tag == "code":
            return self._indented_code_block(element[0].text or "")
        elif tag == "blockquote" and quotes < _MAX_QUOTE_TABLES:
            return self._quote_table(element)
        elif tag == "table":
            element.attrib = {"border": "1", "cellspacing": "0", "cellpadding": "4"}
            element.set(
                "style",
                f"border-color: {self._converter.conversion.theme.border}; border-collapse: collapse;"
                " margin-top: 4px; margin-bottom: 8px;",
            )
        elif tag == "th":
            element.set("bgcolor", self._converter.conversion.theme.table_header_background)
        return element

    @staticmethod
    def _clean_link(link: etree.Element, *, inside_link: bool) -> None:
        target = link.get("href", "")
        href = None if inside_link else safe_href(target)
        link.attrib.clear()
        if href is not None:
            link.set("href", href)
            return
        link.tag = _TEXT_ONLY
        shown = "".join(link.itertext())
        if target and not inside_link and target != shown:
            _append_text(link, f" ({target})")

    def _image_placeholder(self, image: etree.Element, *, inside_link: bool) -> etree.Element:
        source = image.get("src", "")
        alt = image.get("alt", "")
        label = self._converter.conversion.image_label
        placeholder = etree.Element(_TEXT_ONLY)
        placeholder.text = f"[{label}: {alt}]" if alt else f"[{label}]"
        if inside_link:
            return placeholder
        href = safe_href(source)
        if href is not None:
            placeholder.tag = "a"
            placeholder.set("href", href)
        elif source:
            placeholder.text += f" ({source})"
        return placeholder

    def _quote_table(self, quote: etree.Element) -> etree.Element:
        # Qt cannot draw a block's left border: a one-row table with a narrow coloured cell can.
        table = etree.Element(
            "table", {"cellspacing": "0", "cellpadding": "0", "style": "margin-top: 4px; margin-bottom: 8px;"}
        )
        row = etree.SubElement(table, "tr")
        etree.SubElement(row, "td", {"width": "3", "bgcolor": self._converter.conversion.theme.border})
        body = etree.SubElement(row, "td", {"class": "quote", "style": "padding-left: 10px;"})
        body.text = quote.text
        body.extend(quote)
        return table

    def _indented_code_block(self, escaped_code: str) -> etree.Element:
        code = _unescape_code(escaped_code).rstrip("\n")
        if STX not in code:
            return self._code_paragraph(code)
        # The preprocessor put a fenced block's placeholder inside a list item that python-markdown
        # does not see as one (its list rules have corner cases, such as "- a\n===" being a heading),
        # so it read the indented placeholder as code. Keep such placeholders blocks of their own.
        blocks = etree.Element(_TEXT_ONLY)
        for is_placeholder, group in itertools.groupby(code.split("\n"), key=_is_placeholder):
            lines = list(group)
            if is_placeholder:
                for line in lines:
                    etree.SubElement(blocks, "p").text = line.strip()
            elif "".join(lines).strip():
                blocks.append(self._code_paragraph("\n".join(lines).strip("\n")))
        for block in blocks:
            block.tail = "\n"
        return blocks

    def _code_paragraph(self, code: str) -> etree.Element:
        paragraph = etree.Element("p")
        paragraph.text = self._converter.code_block(code, "", closed=True)
        return paragraph


def _is_placeholder(line: str) -> bool:
    return HTML_PLACEHOLDER_RE.fullmatch(line.strip()) is not None


def _append_text(element: etree.Element, text: str) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def _unescape_code(text: str) -> str:
    """Undo python-markdown's ``code_escape`` (it escapes exactly these three characters)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _serialize(root: etree.Element) -> str:
    """Write the tree as HTML, keeping only known tags and attributes and escaping all text."""
    return "".join(_serialized_parts(root))


def _serialized_parts(element: etree.Element) -> Iterator[str]:
    tag = element.tag
    allowed = _ALLOWED_ATTRIBUTES.get(tag) if isinstance(tag, str) else None
    if allowed is not None:
        attributes = "".join(
            f' {name}="{html.escape(value)}"' for name, value in element.attrib.items() if name in allowed
        )
        yield f"<{tag}{attributes}>"
    if element.text:
        # python-markdown has already escaped code spans: undo it so that everything is escaped once.
        yield html.escape(_unescape_code(element.text) if tag == "code" else element.text, quote=False)
    for child in element:
        yield from _serialized_parts(child)
    if allowed is not None and tag not in _VOID_TAGS:
        yield f"</{tag}>"
    if element.tail:
        yield html.escape(element.tail, quote=False)
