"""Messages of every kind for the transcript tests (real `Message` objects, built directly)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

from app.chat.transcript_loader import TranscriptEntry, TranscriptPage
from app.render import LIGHT, Labels, Theme
from app.store.models import Block, Message, MessageError, MessageStatus, Role
from app.ui.message_blocks import BlockContext
from app.ui.transcript_style import TranscriptColors

CONVERSATION = 7
START = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
MODEL = "claude-sonnet-4-5"

CODE = 'def greet(name):\n    """Say hello."""\n    return f"Hello, {name}!"  # <b>not bold</b>\n'
REPLY_MARKDOWN = f"""## A small answer

Here is **bold**, *italic*, `inline code` and a [link](https://example.com/docs).

```python
{CODE}```

| Language | Typing  | Year |
|----------|---------|-----:|
| Python   | dynamic | 1991 |
| Rust     | static  | 2015 |

- first point
- second point with a very_long_identifier_that_goes_on_and_on_and_on_without_any_break_at_all_anywhere_at_all

> A quoted line.
"""

HOSTILE_MARKDOWN = """Look: <img src="http://127.0.0.1:9/track.png"> and <script>alert("x")</script>

A [bad link](javascript:alert(1)) and an image ![pixel](http://127.0.0.1:9/pixel.gif).

<a href="javascript:alert(2)">raw anchor</a> <div onclick="alert(3)">div</div>
"""


def message(
    message_id: int,
    role: Role,
    content: str | list[Block],
    *,
    status: MessageStatus = "complete",
    stop_reason: str | None = None,
    error: MessageError | None = None,
    usage: dict[str, Any] | None = None,
    model: str | None = None,
    conversation_id: int = CONVERSATION,
    stop_details: dict[str, Any] | None = None,
) -> Message:
    """A message as the store hands it out."""
    blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content
    return Message(
        id=message_id,
        uuid=f"uuid-{message_id}",
        conversation_id=conversation_id,
        parent_id=message_id - 1 if message_id > 1 else None,
        role=role,
        content=blocks,
        status=status,
        created_at=START + timedelta(minutes=message_id),
        model=model if model is not None else (MODEL if role == "assistant" else None),
        stop_reason=stop_reason if stop_reason is not None else ("end_turn" if role == "assistant" else None),
        usage=usage
        if usage is not None
        else ({"input_tokens": 1200, "output_tokens": 345} if role == "assistant" else None),
        error=error,
        stop_details=stop_details,
    )


def block_context(theme: Theme = LIGHT) -> BlockContext:
    """What block views need, in ``theme``'s colours, with the renderer's own words."""
    return BlockContext(TranscriptColors.from_theme(theme), Labels())


def entry(msg: Message, sibling_index: int = 0, sibling_count: int = 1) -> TranscriptEntry:
    return TranscriptEntry(msg, sibling_index, sibling_count)


def page(*entries: TranscriptEntry, has_older: bool = False, conversation_id: int = CONVERSATION) -> TranscriptPage:
    return TranscriptPage(conversation_id, list(entries), has_older)


def png_block(size: int = 120 * 1024) -> Block:
    """An image block as a user attached it (base64 data kept inline)."""
    data = base64.b64encode(b"\x89PNG" + b"\0" * (size - 4)).decode("ascii")
    return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}


def showcase_page() -> TranscriptPage:
    """One of every kind of message and block."""
    return page(
        entry(message(1, "user", [{"type": "text", "text": "Explain <b>this</b>\n  with spaces kept"}, png_block()])),
        entry(
            message(
                2,
                "assistant",
                [
                    {"type": "thinking", "thinking": "The user wants a short answer.", "signature": "sig"},
                    {"type": "redacted_thinking", "data": "opaque"},
                    {"type": "text", "text": REPLY_MARKDOWN},
                    {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Oslo", "days": 3}},
                    {
                        "type": "tool_use",
                        "id": "toolu_2",
                        "name": "search",
                        "input": {},
                        "_incomplete": True,
                        "_partial_json": '{"query": "sam',
                    },
                    {"type": "server_tool_use_v9", "id": "x"},
                ],
                stop_reason="tool_use",
            ),
            sibling_index=1,
            sibling_count=3,
        ),
        entry(
            message(
                3,
                "user",
                [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "content": "Sunny, 21 °C"},
                    {
                        "type": "document",
                        "title": "notes.pdf",
                        "source": {"type": "base64", "media_type": "application/pdf"},
                    },
                ],
            )
        ),
        entry(
            message(
                4,
                "assistant",
                "It was going well until",
                status="error",
                stop_reason="",
                error=MessageError("overloaded_error", "Overloaded", "req_011CUnbVx5X"),
            )
        ),
    )
