"""The demo's starter prompts get the answers they promise (the demo chooses by the words in them)."""

from __future__ import annotations

import pytest

from app.demo.conversation import turns
from app.demo.replies import _answer
from app.demo.starters import STARTERS


@pytest.mark.parametrize(("plan", "prompt"), STARTERS)
def test_each_starter_gets_its_kind_of_answer(plan: str, prompt: str) -> None:
    body = {"model": "claude-demo-sonnet-5", "max_tokens": 4096, "messages": [{"role": "user", "content": prompt}]}
    conversation = turns(body["messages"])
    assert _answer(body, conversation, conversation[-1], prompt, "high")[0] == plan


def test_the_starters_show_different_things() -> None:
    assert 3 <= len({plan for plan, _prompt in STARTERS}) == len(STARTERS) <= 4
