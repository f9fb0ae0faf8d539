"""Token arithmetic: splitting keeps every character; input estimates follow the documented rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.demo.tokens import ATTACHMENT_TOKENS, count_tokens, estimate_input_tokens, split_tokens


@given(st.text())
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(split_tokens(text)) == text


def test_a_token_is_a_word_or_six_characters_of_one() -> None:
    assert split_tokens("Hello, big world\n") == ["Hello,", " big", " world", "\n"]
    assert count_tokens("abcdefghijklm") == 3
    assert count_tokens("") == 0


def test_input_is_a_quarter_of_the_characters_plus_attachments() -> None:
    image = {"type": "image", "source": {"type": "url", "url": "https://e.x/a.png"}}
    body = {
        "system": [{"type": "text", "text": "s" * 40}],
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "u" * 39}, image]},
            {"role": "assistant", "content": "a" * 1},
        ],
    }
    assert estimate_input_tokens(body) == 20 + ATTACHMENT_TOKENS
    assert estimate_input_tokens({"messages": [{"role": "user", "content": "x"}]}) == 1
