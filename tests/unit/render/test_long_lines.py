"""Long lines in pieces (app.render._long_lines): where they are cut, and that Qt shows the text whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from app.render import CONTINUED_LINE, LINE_PIECE_CHARS, layout_cost, render_markdown, render_plain
from app.render._long_lines import cut_line
from app.render._plain import plain_parts
from tests.unit.render.qt_documents import LoadInQt, blocks


def _joined(document: QTextDocument) -> str:
    """The document's text as copying gives it: a block continuing a line joins it without a line break."""
    text = ""
    for number, block in enumerate(blocks(document)):
        if number and block.userState() != CONTINUED_LINE:
            text += "\n"
        text += block.text()
    return text


def test_a_long_line_is_cut_after_white_space_into_pieces_no_longer_than_the_limit() -> None:
    line = "word " * 3_000
    pieces = cut_line(line)
    assert "".join(pieces) == line
    assert all(len(piece) <= LINE_PIECE_CHARS for piece in pieces)
    assert all(piece.endswith(" ") for piece in pieces[:-1])
    assert cut_line("short line") == ["short line"]


def test_a_line_without_white_space_is_cut_anywhere_but_inside_a_character_with_combining_marks() -> None:
    line = ("e\u0301" * 1_000) + "x" * 9_000  # é as e and a combining accent
    pieces = cut_line(line)
    assert "".join(pieces) == line
    assert all(len(piece) <= LINE_PIECE_CHARS for piece in pieces)
    assert not any(piece.startswith("\u0301") for piece in pieces)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(alphabet="ab\t ", min_size=0, max_size=900), min_size=1, max_size=40),
    ends=st.lists(st.integers(min_value=0, max_value=40_000), max_size=5),
)
def test_a_growing_line_is_cut_where_the_whole_line_is(words: list[str], ends: list[int]) -> None:
    """What a streaming view relies on: the pieces of a line so far, all but the last, are those of the line."""
    line = "x".join(words)
    whole = cut_line(line)
    for end in ends:
        so_far = cut_line(line[:end])
        assert so_far[:-1] == whole[: len(so_far) - 1]


def test_plain_text_with_long_lines_shows_exactly_as_typed(load_in_qt: LoadInQt) -> None:
    text = "first\n\n" + "word " * 2_000 + "\n\n\n" + "x" * 9_000 + "\nlast"
    html = render_plain(text)
    document = load_in_qt(html, width=300)
    assert _joined(document) == text
    assert max(block.length() for block in blocks(document)) <= LINE_PIECE_CHARS + 1


def test_a_long_plain_text_is_in_parts_and_its_empty_lines_survive_the_cuts(load_in_qt: LoadInQt) -> None:
    lines = [f"line {n} " * (n % 7) for n in range(1, 8_000)]  # every seventh line is empty
    text = "\n".join(lines)
    parts = plain_parts(text)
    assert len(parts) > 5
    assert all(layout_cost(part) < 20_000 for part in parts)
    assert _joined(load_in_qt(render_plain(text), width=600)) == text.removesuffix("\n")


def test_a_long_paragraph_is_rendered_in_pieces_that_keep_their_emphasis(load_in_qt: LoadInQt) -> None:
    prose = "The quick brown fox jumps over the lazy dog. "
    text = "Start **" + prose * 200 + "end** and *more* " + prose * 100
    html = render_markdown(text)
    assert html.count("<p") > 2
    document = load_in_qt(html, width=600)
    shown = ("Start " + prose * 200 + "end and more " + prose * 100).strip()
    assert _joined(document) == shown
    bold = [fragment for block in blocks(document) for fragment in _fragments(block) if fragment[1]]
    assert "".join(text for text, _ in bold) == prose * 200 + "end"


def _fragments(block: object) -> list[tuple[str, bool]]:
    from PySide6.QtGui import QFont, QTextBlock

    assert isinstance(block, QTextBlock)
    out = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        out.append((fragment.text(), fragment.charFormat().fontWeight() >= QFont.Weight.Bold))
        iterator += 1
    return out


def test_layout_cost_counts_table_cells_as_much_as_long_text() -> None:
    assert layout_cost("<p>abc</p>") == len("<p>abc</p>")
    assert layout_cost("<table><tr><td>a</td><th>b</th></tr></table>") > 300
