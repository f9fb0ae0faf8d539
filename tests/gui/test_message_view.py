"""MessageView: every kind of block, the per-message actions, and failed / stopped / interrupted replies."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.chat.transcript_loader import TranscriptEntry
from app.render import DARK, LIGHT, Labels
from app.store.models import MessageError
from app.ui.message_blocks import (
    AssistantTextView,
    AttachmentChipView,
    BlockContext,
    RedactedThinkingView,
    ThinkingView,
    ToolResultView,
    ToolUseView,
    UnknownBlockView,
    UserTextView,
    attachment_label,
)
from app.ui.message_view import MessageView
from app.ui.transcript_style import TranscriptColors
from tests.gui.transcript_samples import MODEL, REPLY_MARKDOWN, entry, message, png_block, showcase_page


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(760, 900)
    window.show()
    return window


def _context(attachment_size: dict[str, int] | None = None) -> BlockContext:
    lookup = attachment_size.get if attachment_size is not None else None
    return BlockContext(TranscriptColors.from_theme(LIGHT), Labels(), lookup)


def _view(host: QWidget, item: TranscriptEntry, context: BlockContext | None = None) -> MessageView:
    view = MessageView(item, context or _context(), host)
    view.resize(740, 400)
    view.show()
    return view


def test_every_kind_of_block_gets_its_widget(host: QWidget) -> None:
    entries = showcase_page().entries
    user, reply, tool_user = (_view(host, item) for item in entries[:3])
    assert [type(b) for b in user.blocks] == [UserTextView, AttachmentChipView]
    assert [type(b) for b in reply.blocks] == [
        ThinkingView,
        RedactedThinkingView,
        AssistantTextView,
        ToolUseView,
        ToolUseView,
        UnknownBlockView,
    ]
    assert [type(b) for b in tool_user.blocks] == [ToolResultView, AttachmentChipView]


def test_user_text_is_shown_exactly_as_typed(host: QWidget) -> None:
    view = _view(host, entry(message(1, "user", "Explain <b>this</b>\n  **not markdown**")))
    block = view.blocks[0]
    assert isinstance(block, UserTextView)
    assert block.view.plain_text() == "Explain <b>this</b>\n  **not markdown**"


def test_thinking_is_collapsed_until_the_toggle_is_clicked(qtbot: QtBot, host: QWidget) -> None:
    view = _view(host, showcase_page().entries[1])
    thinking = view.blocks[0]
    assert isinstance(thinking, ThinkingView)
    assert not thinking.body.isVisible()
    assert thinking.view.plain_text() == ""  # not even put into the document while hidden
    qtbot.mouseClick(thinking.toggle, Qt.MouseButton.LeftButton)
    assert thinking.body.isVisible()
    assert thinking.view.plain_text() == "The user wants a short answer."
    qtbot.mouseClick(thinking.toggle, Qt.MouseButton.LeftButton)
    assert not thinking.body.isVisible()


def test_tool_calls_show_name_and_pretty_input_and_mark_incomplete_ones(host: QWidget) -> None:
    view = _view(host, showcase_page().entries[1])
    complete, cut_off = view.blocks[3], view.blocks[4]
    assert isinstance(complete, ToolUseView)
    assert isinstance(cut_off, ToolUseView)
    assert complete.title.text() == "Tool call · get_weather"
    assert complete.view.plain_text() == '{\n  "city": "Oslo",\n  "days": 3\n}'
    assert complete.state.isHidden()
    assert cut_off.state.text() == "Interrupted: the input never completed"
    assert cut_off.view.plain_text() == '{"query": "sam'


def test_redacted_thinking_and_unknown_blocks_are_one_quiet_line(host: QWidget) -> None:
    view = _view(host, showcase_page().entries[1])
    redacted, unknown = view.blocks[1], view.blocks[5]
    assert isinstance(redacted, RedactedThinkingView)
    assert "redacted" in redacted.label.text()
    assert isinstance(unknown, UnknownBlockView)
    assert unknown.label.text() == "[server_tool_use_v9 block]"


def test_tool_results_and_attachments(host: QWidget) -> None:
    view = _view(host, showcase_page().entries[2])
    result, document = view.blocks
    assert isinstance(result, ToolResultView)
    assert isinstance(document, AttachmentChipView)
    assert result.title.text() == "Tool result"
    assert result.view.plain_text() == "Sunny, 21 °C"
    assert document.chip is not None
    assert document.chip.name_label.text() == "notes.pdf"
    assert document.chip.details_label.text() == "PDF"


def test_a_tool_use_id_is_shown_as_text(host: QWidget) -> None:
    result = {"type": "tool_result", "tool_use_id": "<b>toolu_1</b>", "content": "ok"}
    view = _view(host, entry(message(3, "user", [result])))
    block = view.blocks[0]
    assert isinstance(block, ToolResultView)
    assert "&lt;b&gt;toolu_1&lt;/b&gt;" in block.title.toolTip()


def test_attachment_chips_give_format_and_size() -> None:
    inline = attachment_label(png_block(120 * 1024))
    assert inline.startswith("[image: png, 120 ")
    assert inline.endswith("B]")
    stored = {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg"}, "_attachment": "abc"}
    assert attachment_label(stored) == "[image: jpeg]"
    assert attachment_label(stored, {"abc": 2048}.get).startswith("[image: jpeg, 2 ")


def test_header_shows_role_time_and_model(host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", "Hi")))
    labels = [label.text() for label in view.findChildren(type(view.role_label))]
    assert "Assistant" in labels
    assert any(MODEL in text and "·" in text for text in labels)


def test_what_the_server_says_about_a_reply_is_shown_as_text(host: QWidget) -> None:
    reply = message(2, "assistant", "Hi", model="<b>claude</b>", stop_reason="<i>odd</i>", usage={"output_tokens": 1})
    view = _view(host, entry(reply))
    assert "<b>claude</b>" in view.meta_label.text()
    assert "stop: <i>odd</i>" in view.footer.text()
    assert view.meta_label.textFormat() == view.footer.textFormat() == Qt.TextFormat.PlainText


def test_usage_counts_that_are_not_numbers_count_as_none(host: QWidget) -> None:
    usage = {"input_tokens": 1200, "cache_read_input_tokens": "many", "output_tokens": "x"}
    view = _view(host, entry(message(2, "assistant", "Hi", usage=usage)))
    assert "1,200 in · 0 out" in view.footer.text()


def test_the_usage_line_counts_cache_reads_and_writes_searches_and_fetches(host: QWidget) -> None:
    usage = {
        "input_tokens": 5,
        "cache_read_input_tokens": 12_000,
        "cache_creation_input_tokens": 300,
        "output_tokens": 40,
        "server_tool_use": {"web_search_requests": 2, "web_fetch_requests": 1},
    }
    view = _view(host, entry(message(2, "assistant", "Hi", usage=usage)))
    assert view.footer.text() == "12,305 in · 40 out · cache 12,000 read, 300 written · 2 searches · 1 page fetched"
    only_read = {"input_tokens": 5, "cache_read_input_tokens": 1, "output_tokens": 1, "server_tool_use": {}}
    view = _view(host, entry(message(3, "assistant", "Hi", usage=only_read)))
    assert view.footer.text() == "6 in · 1 out · cache 1 read"


def test_copy_puts_the_message_markdown_on_the_clipboard(qtbot: QtBot, host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", REPLY_MARKDOWN)))
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(view.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == REPLY_MARKDOWN
    assert view.feedback_label.isVisible()
    assert view.feedback_label.text() == "Copied"


def test_edit_opens_an_inline_editor_and_submits_the_new_text(qtbot: QtBot, host: QWidget) -> None:
    view = _view(host, entry(message(1, "user", "Original question")))
    assert view.edit_button.isVisible()
    assert not view.regenerate_button.isVisible()
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    assert editor is not None
    assert editor.isVisible()
    assert editor.text() == "Original question"
    editor.set_text("")
    assert not editor.send_button.isEnabled()
    editor.set_text("Better question")
    with qtbot.waitSignal(view.edit_submitted, timeout=1000) as blocker:
        qtbot.mouseClick(editor.send_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [1, "Better question"]
    assert not editor.isVisible()


def test_cancelling_an_edit_sends_nothing(qtbot: QtBot, host: QWidget) -> None:
    view = _view(host, entry(message(1, "user", "Original question")))
    view.start_editing()
    assert view.editor is not None
    view.editor.set_text("Changed my mind")
    with qtbot.assertNotEmitted(view.edit_submitted):
        qtbot.mouseClick(view.editor.cancel_button, Qt.MouseButton.LeftButton)
    assert not view.editor.isVisible()
    assert view.blocks[0].isVisible()


def test_regenerate(qtbot: QtBot, host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", "Answer")))
    assert view.regenerate_button.isVisible()
    assert not view.edit_button.isVisible()
    with qtbot.waitSignal(view.regenerate_requested, timeout=1000) as blocker:
        qtbot.mouseClick(view.regenerate_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [2]


def test_sibling_navigator(qtbot: QtBot, host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", "Answer"), sibling_index=1, sibling_count=3))
    navigator = view.navigator
    assert navigator is not None
    assert navigator.label.text() == "2/3"
    with qtbot.waitSignal(view.sibling_requested, timeout=1000) as blocker:
        qtbot.mouseClick(navigator.previous_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [2, -1]
    with qtbot.waitSignal(view.sibling_requested, timeout=1000) as blocker:
        qtbot.mouseClick(navigator.next_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [2, 1]
    view.finish(entry(message(2, "assistant", "Answer"), sibling_index=2, sibling_count=3))
    assert navigator.label.text() == "3/3"
    assert not navigator.next_button.isEnabled()


def test_no_navigator_without_siblings(host: QWidget) -> None:
    assert _view(host, entry(message(2, "assistant", "Answer"))).navigator is None


def test_an_error_keeps_the_partial_text_and_offers_retry_and_continue(qtbot: QtBot, host: QWidget) -> None:
    error = MessageError("overloaded_error", "Overloaded", "req_011CUnbVx5X")
    view = _view(host, entry(message(4, "assistant", "It was going well", status="error", error=error)))
    box = view.status_box
    assert box is not None
    assert box.isVisible()
    details = box.details.plain_text()
    assert "overloaded_error" in details
    assert "Overloaded" in details
    assert "req_011CUnbVx5X" in details
    assert box.details.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert view.markdown() == "It was going well"
    assert box.retry_button.isVisible()
    assert box.continue_button.isVisible()  # it failed part-way: it can go on from there
    assert not box.update_token_button.isVisible()
    assert not box.settings_button.isVisible()
    with qtbot.waitSignal(view.retry_requested, timeout=1000) as blocker:
        qtbot.mouseClick(box.retry_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [4]


def test_an_error_before_any_text_offers_retry_only(host: QWidget) -> None:
    error = MessageError("overloaded_error", "Overloaded")
    box = _view(host, entry(message(4, "assistant", [], status="error", error=error))).status_box
    assert box is not None
    assert box.retry_button.isVisible()
    assert not box.continue_button.isVisible()


@pytest.mark.parametrize("kind", ["connection_error", "redirect_refused", "timeout"])
def test_a_connection_error_offers_settings(qtbot: QtBot, host: QWidget, kind: str) -> None:
    error = MessageError(kind, "Could not reach 127.0.0.1:8765: [Errno 111] Connection refused")
    view = _view(host, entry(message(2, "assistant", [], status="error", error=error)))
    box = view.status_box
    assert box is not None
    assert box.retry_button.isVisible()
    assert box.settings_button.isVisible()
    assert not box.update_token_button.isVisible()
    with qtbot.waitSignal(view.settings_requested, timeout=1000):
        qtbot.mouseClick(box.settings_button, Qt.MouseButton.LeftButton)


def test_a_theme_change_recolours_every_text(host: QWidget) -> None:
    error = MessageError("overloaded_error", "Overloaded", "req_1")
    reply = _view(host, entry(message(4, "assistant", "It was *going* well", status="error", error=error)))
    user = _view(host, entry(message(3, "user", "Plain words")))
    dark = BlockContext(TranscriptColors.from_theme(DARK), Labels())
    reply.set_context(dark)
    user.set_context(dark)
    box = reply.status_box
    assert box is not None
    texts = [box.details, user.blocks[0].view, reply.blocks[0].view]  # type: ignore[attr-defined]
    for text in texts:
        assert text.plain_text()
        assert LIGHT.text not in text.document().toHtml()
        assert DARK.text in text.document().toHtml()


@pytest.mark.parametrize("status", ["stopped", "interrupted"])
def test_stopped_and_interrupted_replies_offer_retry_and_continue(qtbot: QtBot, host: QWidget, status: str) -> None:
    error = MessageError("api_connection_error", "Connection lost") if status == "interrupted" else None
    view = _view(host, entry(message(4, "assistant", "Half an ans", status=status, error=error)))  # type: ignore[arg-type]
    box = view.status_box
    assert box is not None
    assert box.retry_button.isVisible()
    assert box.continue_button.isVisible()
    with qtbot.waitSignal(view.continue_requested, timeout=1000) as blocker:
        qtbot.mouseClick(box.continue_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [4]


def test_max_tokens_offers_continue_only(host: QWidget) -> None:
    view = _view(host, entry(message(4, "assistant", "A long answer that", stop_reason="max_tokens")))
    box = view.status_box
    assert box is not None
    assert "max_tokens" in box.details.plain_text()
    assert box.continue_button.isVisible()
    assert not box.retry_button.isVisible()
    assert "stop: max_tokens" in view.footer.text()


REFUSAL = {"type": "refusal", "category": "cyber", "explanation": "This asks for <b>working</b> malware."}


def test_a_refusal_is_a_calm_box_with_why_and_what_to_do(qtbot: QtBot, host: QWidget) -> None:
    declined = message(4, "assistant", [], stop_reason="refusal", stop_details=REFUSAL)
    view = _view(host, entry(declined))
    box = view.status_box
    assert box is not None
    assert box.isVisible()
    details = box.details.plain_text()
    assert "The model declined to answer. Category: cyber." in details
    assert "This asks for <b>working</b> malware." in details  # the server's words, as text
    assert "retry, or edit your message" in details
    assert not box.is_error  # a calm notice, not the error box
    assert box.retry_button.isVisible()
    assert box.edit_button.isVisible()
    assert not box.continue_button.isVisible()
    with qtbot.waitSignal(view.edit_question_requested, timeout=1000) as blocker:
        qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [4]
    with qtbot.waitSignal(view.retry_requested, timeout=1000):
        qtbot.mouseClick(box.retry_button, Qt.MouseButton.LeftButton)
    without = _view(host, entry(message(6, "assistant", "Par", stop_reason="refusal"))).status_box
    assert without is not None
    assert without.details.plain_text().startswith("The model declined to answer.\nYou can retry")


def test_a_full_context_window_says_what_to_do_and_offers_no_continue(host: QWidget) -> None:
    full = message(4, "assistant", "The summary so", stop_reason="model_context_window_exceeded")
    box = _view(host, entry(full)).status_box
    assert box is not None
    details = box.details.plain_text()
    assert "context window" in details
    assert "new conversation" in details
    assert "longer context" in details
    assert not box.is_error
    assert not box.continue_button.isVisible()
    assert not box.retry_button.isVisible()
    assert not box.edit_button.isVisible()


def test_a_turn_still_paused_offers_continue(host: QWidget) -> None:
    call = {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search", "input": {"query": "x"}}
    box = _view(host, entry(message(4, "assistant", [call], stop_reason="pause_turn"))).status_box
    assert box is not None
    assert "paused its turn again after 5 continuations" in box.details.plain_text()
    assert box.continue_button.isVisible()
    assert not box.edit_button.isVisible()


def test_authentication_error_offers_update_token(qtbot: QtBot, host: QWidget) -> None:
    error = MessageError("authentication_error", "invalid x-api-key", "req_1")
    view = _view(host, entry(message(2, "assistant", [], status="error", error=error)))
    box = view.status_box
    assert box is not None
    assert box.update_token_button.isVisible()
    assert not box.settings_button.isVisible()
    with qtbot.waitSignal(view.update_token_requested, timeout=1000):
        qtbot.mouseClick(box.update_token_button, Qt.MouseButton.LeftButton)


def test_a_complete_reply_has_no_status_box(host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", "Done.")))
    assert view.status_box is None
    assert "1,200 in · 345 out" in view.footer.text()


def test_streaming_state_then_final_state(host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", [], status="streaming")))
    assert view.is_streaming
    assert not view.regenerate_button.isVisible()
    assert "Esc" in view.footer.text()
    assert view.activity_label.text().strip()
    view.update_partial({"model": "claude-opus-4-5", "content": [{"type": "text", "text": "Hello wor"}]})
    view.update_partial(
        {
            "content": [
                {"type": "text", "text": "Hello world"},
                {"type": "tool_use", "name": "calc", "input": {}, "_incomplete": True, "_partial_json": '{"a"'},
            ]
        }
    )
    tool = view.blocks[1]
    assert isinstance(tool, ToolUseView)
    assert tool.state.text() == "receiving input…"
    final = message(2, "assistant", "Hello world!", stop_reason="end_turn", model="claude-opus-4-5")
    view.finish(entry(final))
    assert not view.is_streaming
    assert view.regenerate_button.isVisible()
    assert [type(b) for b in view.blocks] == [AssistantTextView]
    assert view.markdown() == "Hello world!"
    assert view.activity_label.text() == ""


def test_links_in_a_reply_reach_the_message_signal(qtbot: QtBot, host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", "[docs](https://example.com/a)")))
    text = view.blocks[0]
    assert isinstance(text, AssistantTextView)
    with qtbot.waitSignal(view.link_activated, timeout=1000) as blocker:
        text.view.anchorClicked.emit(QUrl("https://example.com/a"))
    assert blocker.args == [QUrl("https://example.com/a")]


def test_action_buttons_are_reachable_and_named(host: QWidget) -> None:
    view = _view(host, entry(message(2, "assistant", "x"), sibling_index=0, sibling_count=2))
    assert view.navigator is not None
    for button in (view.copy_button, view.regenerate_button, view.navigator.next_button):
        assert button.accessibleName()
        assert button.toolTip()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
