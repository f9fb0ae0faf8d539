"""render_markdown: the Markdown features model replies use, shaped for Qt's rich-text engine."""

from __future__ import annotations

import re

import pytest

from app.render import (
    DARK,
    LIGHT,
    Labels,
    _code,
    _markdown,
    render_markdown,
    render_markdown_with_code,
    render_plain,
    stylesheet,
)
from tests.unit.render.qt_documents import LoadInQt, anchors, fragments, tables

PYTHON_BLOCK = "```python\ndef f(x):\n    return x < 2 and '&'\n```"


def test_empty_and_blank_text_render_to_nothing() -> None:
    assert render_markdown("") == ""
    assert render_markdown(" \n\n\t\n") == ""


def test_paragraphs_are_standard_markdown_without_hard_breaks() -> None:
    html = render_markdown("one\ntwo\n\nthree  \nfour")
    assert html == "<p>one\ntwo</p>\n<p>three<br>\nfour</p>"


def test_inline_formatting() -> None:
    html = render_markdown("*em* **strong** ~~gone~~ `a<b> &lt; & c`")
    assert "<em>em</em>" in html
    assert "<strong>strong</strong>" in html
    assert "<del>gone</del>" in html
    assert "<code>a&lt;b&gt; &amp;lt; &amp; c</code>" in html


def test_headings_lists_rules() -> None:
    html = render_markdown("# One\n\n## Two\n\n- a\n- b\n\n3. c\n4. d\n\n---")
    assert "<h1>One</h1>" in html
    assert "<h2>Two</h2>" in html
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in html
    assert '<ol start="3">' in html
    assert "<hr>" in html


def test_lists_nested_with_two_spaces_nest() -> None:
    html = render_markdown("- a\n  - b\n    - c\n- d")
    assert re.sub(r"\s", "", html) == "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>"


def test_a_list_may_interrupt_a_paragraph_but_a_number_inside_a_sentence_does_not() -> None:
    assert "<ol>" in render_markdown("Steps:\n1. first\n2. second")
    assert "<ul>" in render_markdown("Options:\n- one\n- two")
    assert render_markdown("It was in\n2024. We moved.") == "<p>It was in\n2024. We moved.</p>"


def test_code_fenced_inside_a_list_item_stays_in_the_item() -> None:
    html = render_markdown("1. Install:\n   ```bash\n   pip install x\n   ```\n2. Run")
    item = re.search(r"<li>(.*?)</li>", html, re.DOTALL)
    assert item is not None
    assert "Install:" in item.group(1)
    assert "<table" in item.group(1)
    assert "pip" in item.group(1)
    rendered = render_markdown_with_code("1. Install:\n   ```bash\n   pip install x\n   ```")
    assert rendered.code_blocks == ("pip install x",)


def test_fenced_code_is_highlighted_inside_a_background_table() -> None:
    html = render_markdown(PYTHON_BLOCK)
    header, code = html.split("</table>", 1)
    assert header.startswith('<table width="100%"')  # the header: as wide as the view
    assert ">python</span>" in header  # the header names the language
    assert '<a href="copy:0"' in header
    assert ">Copy</a>" in header
    assert '<a href="wrap:0"' in header  # the same block's Wrap
    assert ">Wrap</a>" in header
    assert code.startswith(
        f'<table width="100%" border="0" cellspacing="0" cellpadding="6" bgcolor="{LIGHT.code_background}"'
    )
    assert '<span style="color: #008000; font-weight: bold">def</span>' in code  # Pygments, inline styles
    assert "&lt;" in code
    assert "&amp;" in code
    assert "white-space: pre;" in code  # a long line stays one line
    assert "line-height" not in html


@pytest.mark.parametrize(
    ("fence", "language"),
    [
        ("```", ""),
        ("```no-such-language", "no-such-language"),
        ("~~~", ""),
    ],
)
def test_code_without_a_known_language_is_plain(fence: str, language: str) -> None:
    closing = fence[:3]
    html = render_markdown(f"{fence}\nif a < b: pass\n{closing}")
    assert '<span style="color' not in html.split("<pre", 1)[1]  # nothing guessed
    assert "if a &lt; b: pass</pre>" in html
    assert f'font-size: small;">{language}</span>' in html


def test_the_info_string_names_the_language_by_its_first_word() -> None:
    assert ">python</span>" in render_markdown('```python title="x.py"\npass\n```')
    assert ">rust</span>" in render_markdown("```{.rust}\nfn main() {}\n```")


def test_copy_indices_follow_document_order_and_code_blocks_hold_the_raw_code() -> None:
    text = (
        "```python\nprint('<&>')\n```\n\ntext\n\n    indented\n    code\n\n"
        "- item\n  ```\n  \tTAB\n  ```\n\n~~~sh\necho $HOME\n~~~"
    )
    rendered = render_markdown_with_code(text)
    assert re.findall(r'href="copy:(\d+)"', rendered.html) == ["0", "1", "2", "3"]
    assert rendered.code_blocks == ("print('<&>')", "indented\ncode", "\tTAB", "echo $HOME")


def test_an_unclosed_fence_runs_to_the_end_and_is_highlighted_when_final() -> None:
    rendered = render_markdown_with_code("text\n\n```python\ndef f():\n\n    pass")
    assert rendered.code_blocks == ("def f():\n\n    pass",)
    assert 'font-weight: bold">def</span>' in rendered.html


def test_highlighting_stops_above_the_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    many_lines = "x = 1\n" * (_code.MAX_HIGHLIGHT_LINES + 1)
    assert "<span" in render_markdown(f"```python\n{'x = 1' + chr(10) * 10}```")
    assert "<span" not in render_markdown(f"```python\n{many_lines}```").split("<pre", 1)[1]
    monkeypatch.setattr(_code, "MAX_HIGHLIGHT_CHARS", 100)
    assert "<span" not in render_markdown(f"```python\n{'y = 2' * 30}\n```").split("<pre", 1)[1]


def test_lexers_are_looked_up_once_per_language() -> None:
    _code._lexer_for.cache_clear()
    render_markdown("```python\na = 1\n```\n\n```python\nb = 2\n```\n\n```PYTHON\nc = 3\n```")
    info = _code._lexer_for.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_tables_get_qt_borders_a_header_background_and_alignment() -> None:
    html = render_markdown("| Name | Value |\n|:-----|------:|\n| a | 1 |")
    assert html.startswith('<table border="1" cellspacing="0" cellpadding="4" style="border-color:')
    assert f'<th align="left" bgcolor="{LIGHT.table_header_background}">Name</th>' in html
    assert '<td align="right">1</td>' in html


def test_quotes_are_tables_with_a_bar_and_deep_nesting_stays_cheap() -> None:
    html = render_markdown("> quoted *text*\n>\n> more")
    assert html.startswith('<table cellspacing="0" cellpadding="0"')
    assert f'<td width="3" bgcolor="{LIGHT.border}"></td><td class="quote"' in html
    assert "<p>quoted <em>text</em></p>" in html
    deep = render_markdown(">" * 12 + " deep")
    assert deep.count("<table") == 3  # Qt's layout time doubles per nested table
    assert deep.count("<blockquote>") == 9
    assert "deep" in deep
    # Deeper than Samtal renders (MAX_NESTING): the block is shown as typed, nothing dropped.
    assert render_markdown(">" * 200 + " deeper") == f'<p style="white-space: pre-wrap;">{"&gt;" * 200} deeper</p>'


def test_bare_urls_become_links_without_trailing_punctuation() -> None:
    html = render_markdown("See https://example.com/a_(b)_c. Or (https://example.org/x), `https://no.link`")
    assert '<a href="https://example.com/a_(b)_c">https://example.com/a_(b)_c</a>.' in html
    assert '(<a href="https://example.org/x">https://example.org/x</a>),' in html
    assert "<code>https://no.link</code>" in html


def test_a_bare_url_stops_before_a_code_span_or_an_escaped_character() -> None:
    assert render_markdown("https://example.com/`x` and https://example.com/a\\_b") == (
        '<p><a href="https://example.com/">https://example.com/</a><code>x</code>'
        ' and <a href="https://example.com/a">https://example.com/a</a>_b</p>'
    )
    assert render_markdown("https://#`[`") == "<p>https://#<code>[</code></p>"  # no host: text, nothing leaks


def test_links_autolinks_and_mail() -> None:
    html = render_markdown("[docs](https://example.com/d) <https://example.org> <me@example.com>")
    assert '<a href="https://example.com/d">docs</a>' in html
    assert '<a href="https://example.org">https://example.org</a>' in html
    assert '<a href="mailto:me@example.com">me@example.com</a>' in html


def test_themes_change_the_colours() -> None:
    light = render_markdown(PYTHON_BLOCK + "\n\n| a |\n|---|\n| b |", theme=LIGHT)
    dark = render_markdown(PYTHON_BLOCK + "\n\n| a |\n|---|\n| b |", theme=DARK)
    assert f'bgcolor="{DARK.code_background}"' in dark
    assert LIGHT.code_background not in dark
    assert f'bgcolor="{DARK.table_header_background}"' in dark
    assert light != dark  # Pygments styles differ too
    assert DARK.pygments_style != LIGHT.pygments_style
    for theme in (LIGHT, DARK):
        css = stylesheet(theme)
        assert theme.link in css
        assert theme.text in css
        assert theme.inline_code_background in css


def test_labels_are_the_callers() -> None:
    html = render_markdown("```\nx\n```\n\n![a cat](https://example.com/c.png)", labels=Labels("Kopiera", "bild"))
    assert ">Kopiera</a>" in html
    assert "[bild: a cat]" in html


def test_absurd_nesting_falls_back_to_plain_text_and_leaves_the_next_render_intact() -> None:
    html = render_markdown("- " * 3000 + "x")
    assert html == render_plain("- " * 3000 + "x")
    assert render_markdown("a [link](https://example.com)") == '<p>a <a href="https://example.com">link</a></p>'


def test_recursion_in_the_converter_falls_back_to_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> tuple[str, list[str]]:
        raise RecursionError

    monkeypatch.setattr(_markdown._converter(), "convert", explode)
    assert render_markdown("**<b>x</b>**") == '<p style="white-space: pre-wrap;">**&lt;b&gt;x&lt;/b&gt;**</p>'


# --- what Qt makes of it ------------------------------------------------------------------------------


def test_qt_keeps_long_code_lines_whole_and_paints_the_code_background(load_in_qt: LoadInQt) -> None:
    long_line = "value = " + " + ".join(f"item_{i}" for i in range(40))
    document = load_in_qt(render_markdown(f"```python\n{long_line}\nshort = 1\n```\n\nSome prose after it."), width=300)
    header, code_table = tables(document)[:2]
    assert code_table.format().background().color().name() == LIGHT.code_background
    block = code_table.cellAt(0, 0).firstCursorPosition().block()
    assert block.text().startswith("value = ")
    assert block.layout().lineCount() == 1  # one line: the view scrolls sideways instead of wrapping it
    assert document.size().width() > 300
    assert header.format().width().rawValue() == 100  # the header (its Copy and Wrap) stays as wide as the view
    prose = document.lastBlock()
    assert prose.text() == "Some prose after it."
    assert prose.layout().boundingRect().width() <= 300  # prose still wraps at the view's width


def test_qt_sees_the_copy_links_and_table_cells(load_in_qt: LoadInQt) -> None:
    document = load_in_qt(render_markdown(PYTHON_BLOCK + "\n\n| h |\n|---|\n| <b>c</b> |\n\n" + PYTHON_BLOCK))
    assert anchors(document) == ["wrap:0", "copy:0", "wrap:1", "copy:1"]
    header_cell = tables(document)[2].cellAt(0, 0)
    assert header_cell.format().background().color().name() == LIGHT.table_header_background
    assert "<b>c</b>" in document.toPlainText()


def test_qt_applies_the_stylesheet_colours(load_in_qt: LoadInQt) -> None:
    document = load_in_qt(render_markdown("plain [link](https://example.com)"), theme=DARK)
    colours = {f.text(): f.charFormat().foreground().color().name() for f in fragments(document)}
    assert colours["plain "] == DARK.text
    assert colours["link"] == DARK.link


def test_a_block_with_more_elements_than_qt_lays_out_quickly_is_shown_as_typed(load_in_qt: LoadInQt) -> None:
    links = "[a](http://h/) " * 3_000  # 6,000 elements in one paragraph: Qt took seconds to lay it out
    html = render_markdown(f"Before.\n\n{links}\n\nAfter *this*.")
    assert html.startswith("<p>Before.</p>\n")
    assert f"\n{render_plain(links)}\n" in html
    assert html.endswith("<p>After <em>this</em>.</p>")
    assert render_markdown("[a](http://h/) " * 500).count("<a href") == 500  # fewer: rendered


def test_the_parts_of_a_render_joined_are_its_html() -> None:
    text = PYTHON_BLOCK + "\n\n# h\n\npara\n\n| a |\n|---|\n" + "| r |\n" * 300 + "\n> q\n\n- a\n- b\n"
    rendered = render_markdown_with_code(text)
    assert len(rendered.parts) > 5  # the table's chunks each apart
    assert "\n".join(rendered.parts) == rendered.html
