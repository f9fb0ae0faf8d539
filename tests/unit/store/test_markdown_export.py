"""Markdown export: the current branch, readable, with a small header."""

from __future__ import annotations

from datetime import UTC, datetime

from app.store import MessageError, ReplyDetails, Store, conversation_markdown
from app.store.markdown_export import local_time


def test_a_conversation_reads_well_as_markdown(store: Store) -> None:
    conversation = store.create_conversation("Fences", params={"model": "claude-x", "system": "Be terse.\nReally."})
    store.conversations.add_tag(conversation.id, "code")
    question = store.add_message(conversation.id, "user", "Show a fence")
    store.add_message(conversation.id, "assistant", "an older answer on another branch")
    store.add_message(
        conversation.id,
        "assistant",
        [
            {"type": "thinking", "thinking": "hmm"},
            {"type": "text", "text": "Here:\n\n```py\nprint(1)\n```"},
            {"type": "tool_use", "id": "t", "name": "run", "input": {"code": "```"}},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AAAA"}},
            {"type": "mystery"},
        ],
        parent_id=question.id,
        status="stopped",
        details=ReplyDetails(model="claude-x"),
    )
    store.add_message(
        conversation.id,
        "user",
        [
            {"type": "tool_result", "tool_use_id": "t", "content": [{"type": "text", "text": "1"}]},
            {"type": "document", "title": "log.txt", "source": {"type": "text", "data": "..."}},
        ],
    )
    store.add_message(
        conversation.id,
        "assistant",
        [],
        status="error",
        details=ReplyDetails(error=MessageError("api_error", "Boom", "req_7")),
    )
    created = local_time(store.conversation(conversation.id).created_at)
    markdown = conversation_markdown(store, conversation.id)
    assert markdown.startswith(
        f"# Fences\n\n*Conversation {conversation.id} · created {created} · updated {created} · model claude-x"
        " · tags: code*\n\n**System prompt**\n\n> Be terse.\n> Really.\n\n## User · "
    )
    assert "older answer" not in markdown
    assert "## Assistant · claude-x · " in markdown
    assert "<details><summary>Thinking</summary>\n\nhmm\n\n</details>" in markdown
    assert "Here:\n\n```py\nprint(1)\n```" in markdown
    assert '**Tool call `run`**\n\n````json\n{\n  "code": "```"\n}\n````' in markdown
    assert "*[image: image/png]*" in markdown
    assert "*[mystery block]*" in markdown
    assert "*(reply stopped)*" in markdown
    assert "**Tool result**\n\n```\n1\n```" in markdown
    assert "*[document: log.txt]*" in markdown
    assert markdown.endswith("*Error: api_error: Boom (request id req_7)*\n")


def test_local_time_format() -> None:
    moment = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
    assert local_time(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M")
