"""Extended thinking in the transcript: a disclosure above the answer with a live preview while it streams,
the whole text on demand, and thinking blocks sent back verbatim in the next turn."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.demo import Pause, Stream
from app.render import LIGHT, Labels
from app.ui.message_blocks import AssistantTextView, BlockContext, RedactedThinkingView, ThinkingView
from app.ui.message_view import MessageView
from app.ui.transcript_style import TranscriptColors
from tests.gui import window_harness
from tests.gui.transcript_samples import entry, message
from tests.gui.window_harness import Running

running = window_harness.running  # the fixture: the real root against the demo server

# Spaces, tabs, CRLF, quotes, non-ASCII and a trailing newline: replayed exactly or the API refuses the turn.
THOUGHT = 'Plan:\r\n  weigh the "options"\tcarefully — é, 日本\nthen answer briefly.\n'
SIGNATURE = "EqQBCkYIBxgCKkDx+/demo/signature=="
REDACTED = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP=="


def _context() -> BlockContext:
    return BlockContext(TranscriptColors.from_theme(LIGHT), Labels())


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    return window


@pytest.fixture
def streaming_view(host: QWidget) -> MessageView:
    """A reply that has just started streaming (nothing in it yet)."""
    view = MessageView(entry(message(2, "assistant", [], status="streaming")), _context(), host)
    view.resize(580, 300)
    view.show()
    return view


def _thinking(view: MessageView) -> ThinkingView:
    block = view.blocks[0]
    assert isinstance(block, ThinkingView)
    return block


def test_while_thinking_streams_a_live_line_shows_progress(qtbot: QtBot, streaming_view: MessageView) -> None:
    view = streaming_view
    view.update_partial(
        {"content": [{"type": "thinking", "thinking": "First, the facts.\nThen the weigh", "_incomplete": True}]}
    )
    thinking = _thinking(view)
    assert thinking.streaming
    assert not thinking.expanded
    assert not thinking.body.isVisibleTo(thinking)
    assert thinking.toggle.text() == "▸ Thinking… 0 s"
    assert thinking.spinner.isVisibleTo(thinking)
    assert thinking.preview.isVisibleTo(thinking)
    assert thinking.preview.text() == "Then the weigh"  # the line being written, not the whole text
    view.update_partial(
        {
            "content": [
                {"type": "thinking", "thinking": "First, the facts.\nThen the weighing.\n\n", "_incomplete": True}
            ]
        }
    )
    assert thinking.preview.text() == "Then the weighing."  # blank lines at the end are skipped
    assert thinking.view.plain_text() == ""  # collapsed: the text is not even laid out

    # The elapsed time ticks with the spinner (pretend the thinking started 7 s ago).
    assert thinking._started is not None
    thinking._started -= 7
    qtbot.waitUntil(lambda: thinking.toggle.text() == "▸ Thinking… 7 s", timeout=1000)

    # Expanded, the whole text follows the stream and the one-line preview steps aside.
    qtbot.mouseClick(thinking.toggle, Qt.MouseButton.LeftButton)
    assert thinking.expanded
    assert thinking.body.isVisibleTo(thinking)
    assert not thinking.preview.isVisibleTo(thinking)
    assert thinking.toggle.text().startswith("▾ Thinking…")
    assert thinking.view.plain_text().rstrip() == "First, the facts.\nThen the weighing."
    view.update_partial(
        {
            "content": [
                {"type": "thinking", "thinking": "First, the facts.\nThen the weighing.\n\nDone.", "signature": "s"},
                {"type": "text", "text": "The answer"},
            ]
        }
    )
    assert not thinking.streaming  # the answer has begun: the thinking is over
    assert not thinking.spinner.isVisibleTo(thinking)
    assert thinking.toggle.text() == "▾ Thought"  # no measurement in this reply: no time claimed
    assert thinking.view.plain_text().endswith("Done.")
    qtbot.mouseClick(thinking.toggle, Qt.MouseButton.LeftButton)
    assert thinking.toggle.text() == "▸ Thought"
    assert not thinking.body.isVisibleTo(thinking)
    assert not thinking.preview.isVisibleTo(thinking)  # no preview once it is finished


def test_a_long_line_is_cut_at_its_start_so_the_newest_words_show(streaming_view: MessageView) -> None:
    words = " ".join(f"word{n}" for n in range(400))
    streaming_view.update_partial({"content": [{"type": "thinking", "thinking": words, "_incomplete": True}]})
    preview = _thinking(streaming_view).preview
    assert preview.text().endswith("word399")
    assert len(preview.text()) <= 400  # only the end of a huge line is kept for the preview
    assert preview.sizeHint().width() == 0  # it never widens the message


def test_the_toggle_is_a_disclosure_not_a_pressed_button(qtbot: QtBot, streaming_view: MessageView) -> None:
    final = message(
        2,
        "assistant",
        [{"type": "thinking", "thinking": "Short.", "signature": "s"}, {"type": "text", "text": "Hi"}],
    )
    streaming_view.finish(entry(final))
    thinking = _thinking(streaming_view)
    assert not thinking.toggle.isCheckable()  # expanded or not, it never looks pushed in
    assert thinking.toggle.text() == "▸ Thought"
    assert thinking.toggle.accessibleName() == "Show the model's thinking"
    thinking.toggle.setFocus()
    qtbot.keyClick(thinking.toggle, Qt.Key.Key_Space)  # keyboard users open it too
    assert thinking.expanded
    assert thinking.view.plain_text() == "Short."
    assert thinking.toggle.accessibleName() == "Hide the model's thinking"


def test_a_finished_thought_says_how_long_it_took_as_the_stream_measured_it(streaming_view: MessageView) -> None:
    streaming_view.update_partial({"content": [{"type": "thinking", "thinking": "Hm.", "_incomplete": True}]})
    thinking = _thinking(streaming_view)
    thinking._started = (thinking._started or 0) - 30  # the view's own clock says 30 s: the stream's wins
    final = message(
        2,
        "assistant",
        [
            {"type": "thinking", "thinking": "Hm.", "signature": "s", "_thought_seconds": 12.4},
            {"type": "text", "text": "Hi"},
        ],
    )
    streaming_view.finish(entry(final))
    assert thinking.toggle.text() == "▸ Thought for 12 s"
    assert not thinking.expanded  # collapsed once done, expandable
    assert not thinking.spinner.isVisibleTo(thinking)
    quick = message(
        2, "assistant", [{"type": "thinking", "thinking": "Hm.", "signature": "s", "_thought_seconds": 0.2}]
    )
    streaming_view.finish(entry(quick))
    assert _thinking(streaming_view).toggle.text() == "▸ Thought for 1 s"  # never "0 s"


def test_thinking_the_provider_withheld_says_so_and_cannot_be_expanded(streaming_view: MessageView) -> None:
    omitted = message(
        2,
        "assistant",
        [{"type": "thinking", "thinking": "", "signature": "s"}, {"type": "redacted_thinking", "data": "x"}],
    )
    streaming_view.finish(entry(omitted))
    thinking = _thinking(streaming_view)
    assert thinking.toggle.text() == "Thinking withheld (display: omitted)"  # not an empty box to open
    assert not thinking.toggle.isEnabled()
    assert "sent back with the next request" in thinking.toggle.toolTip()
    assert not thinking.body.isVisibleTo(thinking)
    redacted = streaming_view.blocks[1]
    assert isinstance(redacted, RedactedThinkingView)
    assert "redacted" in redacted.label.text()


def _thinking_reply() -> Stream:
    """A reply that thinks (with a pause mid-thought, so the view shows it streaming), then has a redacted
    block and answers."""
    start = {
        "id": "msg_think_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-demo",
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {"input_tokens": 20, "output_tokens": 1},
    }
    half = THOUGHT.index("then")

    def delta(index: int, body: dict[str, Any]) -> dict[str, Any]:
        return {"type": "content_block_delta", "index": index, "delta": body}

    return Stream(
        [
            {"type": "message_start", "message": start},
            {
                "type": "content_block_start",
                "index": 0,
                "content_block": {"type": "thinking", "thinking": "", "signature": ""},
            },
            delta(0, {"type": "thinking_delta", "thinking": THOUGHT[:half]}),
            Pause(0.25),  # several flushes (every 33 ms) show the thinking alone, still streaming
            delta(0, {"type": "thinking_delta", "thinking": THOUGHT[half:]}),
            delta(0, {"type": "signature_delta", "signature": SIGNATURE}),
            {"type": "content_block_stop", "index": 0},
            {
                "type": "content_block_start",
                "index": 1,
                "content_block": {"type": "redacted_thinking", "data": REDACTED},
            },
            {"type": "content_block_stop", "index": 1},
            {"type": "content_block_start", "index": 2, "content_block": {"type": "text", "text": ""}},
            delta(2, {"type": "text_delta", "text": "Two options; the first is better."}),
            {"type": "content_block_stop", "index": 2},
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": 42},
            },
            {"type": "message_stop"},
        ]
    )


@pytest.mark.asyncio
async def test_thinking_streams_collapsed_then_is_replayed_verbatim(qtbot: QtBot, running: Running) -> None:
    app = running
    root = app.root
    cid = root.controller.new_conversation()
    root.view.open_conversation(cid)
    params = {
        **root.controller.params_for(cid),
        "max_tokens": 4096,
        "thinking": {"type": "enabled", "budget_tokens": 1024},
    }
    root.store.conversations.set_params(cid, params)
    app.server.script.push(_thinking_reply())

    seen: list[tuple[str, str, bool, bool]] = []  # (toggle, preview, preview shown, spinner shown) per update

    def look(_conversation: int, message_id: int, _partial: object) -> None:
        view = root.transcript.message_view(message_id)
        if view is not None and view.blocks and isinstance(view.blocks[0], ThinkingView):
            block = view.blocks[0]
            seen.append(
                (
                    block.toggle.text(),
                    block.preview.text(),
                    block.preview.isVisibleTo(block),
                    block.spinner.isVisibleTo(block),
                )
            )

    root.controller.reply_progress.connect(look)  # after the root's own slot: the view is up to date
    first = await app.send(qtbot, "Which option is better? Think it over.")
    live = [state for state in seen if state[2]]
    assert live, seen
    toggle, preview, _, spinner = live[0]
    assert toggle.startswith("▸ Thinking…")
    assert preview == 'weigh the "options"\tcarefully — é, 日本'
    assert spinner

    view = root.transcript.message_view(first)
    assert view is not None
    thinking, redacted, answer = view.blocks
    assert isinstance(thinking, ThinkingView)
    assert isinstance(redacted, RedactedThinkingView)
    assert isinstance(answer, AssistantTextView)
    assert thinking.toggle.text() == "▸ Thought for 1 s"  # collapsed, above the answer, as long as the stream took
    assert not thinking.body.isVisibleTo(thinking)
    assert not thinking.spinner.isVisibleTo(thinking)
    qtbot.mouseClick(thinking.toggle, Qt.MouseButton.LeftButton)
    assert thinking.body.isVisibleTo(thinking)
    assert thinking.view.plain_text() == THOUGHT.replace("\r\n", "\n").rstrip("\n")  # the document's view of it

    stored = root.store.message(first).content[0]
    assert 0.1 <= stored["_thought_seconds"] < 5  # measured from the block's start to its stop, kept with the reply
    root.transcript.clear()  # reopened: the measurement comes from the store
    root.view.show_current_transcript()
    reopened = root.transcript.message_view(first)
    assert reopened is not None
    assert reopened is not view
    assert isinstance(reopened.blocks[0], ThinkingView)
    assert reopened.blocks[0].toggle.text() == "▸ Thought for 1 s"

    await app.send(qtbot, "And the second option?")
    sent = app.server.requests[-1].json
    assert sent is not None
    replayed = sent["messages"][1]
    assert replayed["role"] == "assistant"
    assert replayed["content"][:2] == [
        {"type": "thinking", "thinking": THOUGHT, "signature": SIGNATURE},  # byte for byte, signature included
        {"type": "redacted_thinking", "data": REDACTED},
    ]
