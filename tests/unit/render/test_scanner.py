"""LineScanner: fences at any list depth, list depth for python-markdown, independent block starts."""

from __future__ import annotations

import pytest

from app.render._scanner import LineKind, LineScanner, ScannedLine, normalize_source


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
    ("text", "depths", "indents"),
    [
        ("- a\n  - b\n    - c\n- d", [0, 1, 2, 0], [0, 4, 8, 0]),
        ("1. a\n   - b\n2. c", [0, 1, 0], [0, 4, 0]),
        ("1. a\n  - b", [0, 1], [0, 4]),  # two spaces under "1." still nest
        ("- a\n - b", [0, 0], [0, 0]),  # one space does not
        ("- a\n\n  more\n\nout", [0, 0, 1, 0, 0], [0, None, 4, None, None]),
        ("- a\n      code in item", [0, 1], [0, 8]),
    ],
)
def test_list_depths_map_to_four_spaces_per_level(text: str, depths: list[int], indents: list[int | None]) -> None:
    lines = scan(text)
    assert [line.depth for line in lines] == depths
    assert [line.indent_to for line in lines] == indents


def test_lazy_continuation_lines_stay_as_they_are_but_headings_end_the_list() -> None:
    lines = scan("- a\nlazy\n# heading\n  ```")
    assert (lines[1].kind, lines[1].indent_to, lines[1].depth) == (K.TEXT, None, 1)
    assert lines[2].depth == 0
    assert (lines[3].kind, lines[3].depth) == (K.FENCE_OPEN, 0)


def test_a_list_interrupting_a_paragraph_asks_for_a_blank_line_unless_it_is_a_number_in_prose() -> None:
    assert scan("Steps:\n1. one")[1].blank_before
    assert scan("Steps:\n- one")[1].blank_before
    assert scan("In\n2024. we")[1].kind is K.TEXT
    assert not scan("\n- one")[1].blank_before


def test_list_markers_need_a_space_and_rules_are_not_items() -> None:
    assert kinds("-\n1.\n- - -\n* * *\n-x") == [K.TEXT, K.TEXT, K.TEXT, K.TEXT, K.TEXT]


def test_deep_nesting_is_capped() -> None:
    lines = scan("".join("  " * i + "- x\n" for i in range(20)))
    assert max(line.depth for line in lines) == 8


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
