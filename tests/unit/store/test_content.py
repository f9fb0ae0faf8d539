"""Content blocks: normalising, the text that search indexes, and attachment data kept apart."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.store.content import (
    ATTACHMENT_KEY,
    attachment_refs,
    extract_attachments,
    inline_attachments,
    normalise_content,
    one_line,
    search_text,
    title_from,
)


def test_a_string_is_one_text_block_and_an_empty_one_none() -> None:
    assert normalise_content("hi") == [{"type": "text", "text": "hi"}]
    assert normalise_content("") == []


def test_blocks_are_copied_and_checked() -> None:
    original = [{"type": "text", "text": "a", "extra": {"deep": [1]}}]
    copied = normalise_content(original)
    copied[0]["extra"]["deep"].append(2)
    assert original[0]["extra"] == {"deep": [1]}
    with pytest.raises(ValueError, match="content block"):
        normalise_content([{"text": "no type"}])
    with pytest.raises(ValueError, match="content block"):
        normalise_content(["just a string"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="JSON"):
        normalise_content([{"type": "text", "text": object()}])


def test_search_text_covers_what_people_search_for() -> None:
    blocks = [
        {"type": "text", "text": "plain words"},
        {"type": "thinking", "thinking": "hidden"},
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}},
        {"type": "tool_use", "id": "t", "name": "lookup", "input": {"q": "Ångström"}},
        {"type": "tool_result", "tool_use_id": "t", "content": "result text"},
        {"type": "document", "title": "Report", "source": {"type": "text", "data": "doc body"}},
        {"type": "document", "source": {"type": "content", "content": [{"type": "text", "text": "inner"}]}},
        {"type": "future_block", "text": "future text"},
        {"type": "tool_use", "id": "u", "name": 5, "input": {}},
    ]
    assert search_text(blocks).split("\n") == [
        "plain words",
        "lookup",
        '{"q": "Ångström"}',
        "result text",
        "Report",
        "doc body",
        "inner",
        "future text",
    ]


def test_titles_are_one_line_and_cut_at_a_word() -> None:
    assert title_from([{"type": "text", "text": "Short\nquestion"}]) == "Short question"
    assert title_from([{"type": "image"}]) == ""
    long = title_from([{"type": "text", "text": "alpha beta, " * 10}])
    assert long == "alpha beta, alpha beta, alpha beta, alpha beta, alpha beta…"
    assert title_from([{"type": "text", "text": "x" * 100}]) == "x" * 60 + "…"
    assert one_line(" a\x00b \t c\x1b ") == "a b c"


def image(data: str) -> dict[str, object]:
    return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}


def test_attachments_are_extracted_also_inside_tool_results_and_put_back() -> None:
    data = base64.b64encode(b"picture").decode()
    blocks = [image(data), {"type": "tool_result", "tool_use_id": "t", "content": [image(data), "odd"]}]
    stored, found = extract_attachments(blocks)
    ((digest, (media_type, raw)),) = found.items()
    assert (media_type, raw) == ("image/png", b"picture")
    assert stored[0] == {
        "type": "image",
        "source": {"type": "base64", "media_type": "image/png"},
        ATTACHMENT_KEY: digest,
    }
    assert attachment_refs(stored) == {digest}
    assert inline_attachments(stored, {digest: b"picture"}.__getitem__) == blocks


@given(st.binary(max_size=64))
def test_any_bytes_survive_the_round_trip(payload: bytes) -> None:
    blocks = [image(base64.b64encode(payload).decode())]
    stored, found = extract_attachments(blocks)
    assert inline_attachments(stored, lambda digest: found[digest][1]) == blocks


def test_data_that_is_not_canonical_base64_stays_inline() -> None:
    for data in ("not base64!", "QQ", "QR==", "QQ==\n"):
        stored, found = extract_attachments([image(data)])
        assert (stored, found) == ([image(data)], {})


def test_refusal_reason_joins_what_the_api_said() -> None:
    from app.store import refusal_reason

    assert refusal_reason({"type": "refusal", "category": "bio", "explanation": "Not  this.\n"}) == "bio: Not this."
    assert refusal_reason({"type": "refusal", "category": None, "explanation": "Not this."}) == "Not this."
    assert refusal_reason({"type": "refusal", "category": "cyber", "explanation": None}) == "cyber"
    assert refusal_reason({"type": "refusal"}) == ""
    assert refusal_reason(None) == ""
