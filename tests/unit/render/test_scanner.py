"""LineScanner: fences at any list depth, list items by their content columns, independent block starts."""

from __future__ import annotations

import pytest

from app.render._scanner import LineKind, LineScanner, ScannedLine, normalize_source, strip_columns


def scan(text: str) -> list[ScannedLine]:
    scanner = LineScanner()
    return [scanner.feed(line) for line in text.split("\n")]


def kinds(text: str) -> list[LineKind]:
    return [line.kind for line in scan(text)]


K = LineKind


def test_fences_open_and_close_with_the_same_character_and_at_least_the_same_length() -> None:
    assert kinds("````md\n```\ninner\n```\n````") == [
        K.FENCE_OPEN,
        K.FENCE_BODY,
        K.FENCE_BODY,
        K.FENCE_BODY,
        K.FENCE_CLOSE,
    ]
    assert kinds("~~~\n```\n~~~~") == [K.FENCE_OPEN, K.FENCE_BODY, K.FENCE_CLOSE]
    assert kinds("```\n``` not a close\n```") == [K.FENCE_OPEN, K.FENCE_BODY, K.FENCE_CLOSE]


def test_blank_lines_inside_a_fence_are_code() -> None:
    assert kinds("```\na\n\nb\n```") == [K.FENCE_OPEN, K.FENCE_BODY, K.FENCE_BODY, K.FENCE_BODY, K.FENCE_CLOSE]


def test_backtick_info_strings_cannot_hold_backticks() -> None:
    assert kinds("```inline``` code") == [K.TEXT]
    assert scan("```python title\nx")[0].info == "python title"


def test_indented_fences_count_in_lists_but_not_as_top_level_indented_code() -> None:
    assert kinds("- item\n    ```\n    x\n    ```") == [K.LIST_ITEM, K.FENCE_OPEN, K.FENCE_BODY, K.FENCE_CLOSE]
    assert kinds("para\n\n    ```\n    x") == [K.TEXT, K.BLANK, K.TEXT, K.TEXT]
    assert kinds("  ```\nx\n  ```") == [K.FENCE_OPEN, K.FENCE_BODY, K.FENCE_CLOSE]


@pytest.mark.parametrize(
    ("text", "depths"),
    [
        ("- a\n  - b\n    - c\n- d", [0, 1, 2, 0]),
        ("1. a\n   - b\n2. c", [0, 1, 0]),
        ("1. a\n  - b", [0, 0]),  # short of the item's content column: a list of its own, as in CommonMark
        ("- a\n - b", [0, 0]),
        ("- a\n\n  more\n\nout", [0, 0, 1, 0, 0]),
        ("- a\n      code in item", [0, 1]),
        ("10) a\n    b", [0, 1]),
    ],
)
def test_list_depths_follow_the_items_content_columns(text: str, depths: list[int]) -> None:
    assert [line.depth for line in scan(text)] == depths


def test_lazy_continuation_lines_stay_in_the_item_but_headings_end_the_list() -> None:
    lines = scan("- a\nlazy\n# heading\n  ```")
    assert (lines[1].kind, lines[1].depth) == (K.TEXT, 1)
    assert lines[2].depth == 0
    assert (lines[3].kind, lines[3].depth) == (K.FENCE_OPEN, 0)


def test_a_fence_in_a_list_item_ends_with_the_item() -> None:
    lines = scan("- a\n  ```\n  x\n- b\n```\ny\n\nz\n```")
    assert [line.kind for line in lines] == [
        K.LIST_ITEM,
        K.FENCE_OPEN,
        K.FENCE_BODY,
        K.LIST_ITEM,
        K.FENCE_OPEN,
        K.FENCE_BODY,
        K.FENCE_BODY,
        K.FENCE_BODY,
        K.FENCE_CLOSE,
    ]
    assert not any(line.starts_block for line in lines[5:])


def test_a_closing_fence_is_indented_less_than_four_spaces() -> None:
    lines = scan("  ```\nx\n    ```\n\ny\n   ```")
    assert [line.kind for line in lines] == [K.FENCE_OPEN, *[K.FENCE_BODY] * 4, K.FENCE_CLOSE]
    assert not lines[4].starts_block


def test_list_markers_need_a_space_or_the_lines_end_and_rules_are_not_items() -> None:
    assert kinds("-\n1.\n2)\n- - -\n* * *\n-x\n1.5") == [
        K.LIST_ITEM,
        K.LIST_ITEM,
        K.LIST_ITEM,
        K.TEXT,
        K.TEXT,
        K.TEXT,
        K.TEXT,
    ]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("a\n\nb", [True, False, True]),
        ("a\nb", [True, False]),
        ("a\n\n  b", [True, False, False]),
        ("a\n\n- b", [True, False, False]),
        ("a\n\n1. b", [True, False, False]),
        ("a\n\n> b", [True, False, False]),
        ("a\n\n# b", [True, False, True]),
        ("a\n\n---", [True, False, True]),
        ("```\na\n\nb\n```\n\nc", [True, False, False, False, False, False, True]),
        ("a\n\n```", [True, False, True]),
    ],
)
def test_independent_block_starts(text: str, starts: list[bool]) -> None:
    # The first line starts a block too; the splitter cuts only once there is text before it.
    assert [line.starts_block for line in scan(text)] == starts


@pytest.mark.parametrize(
    ("lines", "partial", "expected"),
    [
        (["a", ""], "N", True),
        (["a", ""], "-", False),
        (["a", ""], "1", False),
        (["a", ""], ">", False),
        (["a", ""], " ", False),
        (["a", ""], "\u3000", False),
        (["a"], "N", False),
        (["```", ""], "N", False),
        (["a", ""], "", False),
    ],
)
def test_an_incomplete_line_starts_a_block_only_when_nothing_can_change_that(
    lines: list[str], partial: str, expected: bool
) -> None:
    scanner = LineScanner()
    for line in lines:
        scanner.feed(line)
    assert scanner.starts_block_already(partial) is expected


def test_an_arriving_closing_fence_is_recognised() -> None:
    scanner = LineScanner()
    for line in ("~~~~", "code"):
        scanner.feed(line)
    assert scanner.is_closing_fence_prefix("~~")
    assert not scanner.is_closing_fence_prefix("``")
    assert not scanner.is_closing_fence_prefix("~~ x")
    assert not LineScanner().is_closing_fence_prefix("```")


def test_source_normalisation() -> None:
    assert normalize_source("a\r\nb\rc\x00d\x02e\x7f\tf\n") == "a\nb\ncde\tf\n"


@pytest.mark.parametrize(
    ("line", "columns", "expected"),
    [
        ("   code", 2, " code"),
        (" code", 2, "code"),
        ("\t\tcode", 2, "  \tcode"),  # the first tab reaches column four: two of its columns stay
        ("  \tcode", 4, "code"),
        ("code", 3, "code"),
    ],
)
def test_strip_columns_removes_a_fences_indentation_as_commonmark_does(line: str, columns: int, expected: str) -> None:
    assert strip_columns(line, columns) == expected


def test_a_list_interrupts_a_paragraph_only_as_commonmark_allows() -> None:
    # "2." can't start a list inside a paragraph (it continues the text), but it continues a list that is open.
    assert kinds("Text\n2. two\n   ```") == [K.TEXT, K.TEXT, K.FENCE_OPEN]
    assert scan("Text\n2. two\n   ```")[2].depth == 0
    assert kinds("1. one\n2. two\n   ```") == [K.LIST_ITEM, K.LIST_ITEM, K.FENCE_OPEN]
    assert scan("1. one\n2. two\n   ```")[2].depth == 1


def test_an_empty_item_followed_by_a_blank_line_is_over() -> None:
    lines = scan("-\n\n  ```\n```")
    assert [line.kind for line in lines] == [K.LIST_ITEM, K.BLANK, K.FENCE_OPEN, K.FENCE_CLOSE]
    assert lines[2].depth == 0


def test_a_list_marker_after_indented_code_starts_an_item() -> None:
    # Indented code is no paragraph: an empty item may follow it, and the fence under that item is in it.
    lines = scan("    - deeper\n-\n  ```")
    assert [line.kind for line in lines] == [K.TEXT, K.LIST_ITEM, K.FENCE_OPEN]
    assert lines[2].depth == 1
    # An indented line inside a paragraph continues the paragraph: "-" can't interrupt it.
    assert kinds("Text\n    more\n-\n  ```") == [K.TEXT, K.TEXT, K.TEXT, K.FENCE_OPEN]
