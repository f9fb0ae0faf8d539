"""ReplyRecorder: a streaming reply is saved from its first byte, at most once per interval, and at the end."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.store import MessageError, ReplyRecorder, Store, selected_headers, timings_dict
from tests.unit.store.conftest import FakeClock


def partial(text: str, **extra: object) -> dict[str, object]:
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "m",
        "content": [{"type": "text", "text": text}],
        "stop_reason": None,
        "usage": {"input_tokens": 7},
        **extra,
    }


@pytest.fixture
def recorder(store: Store) -> ReplyRecorder:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "hello")
    return ReplyRecorder.start(store, conversation.id, model="m", clock=FakeClock(0.0), interval=1.0)


def test_start_creates_a_streaming_row_below_the_head(store: Store) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "hello")
    recorder = ReplyRecorder.start(store, conversation.id, request={"model": "m", "messages": []}, model="m")
    row = store.message(recorder.message_id)
    assert (row.role, row.status, row.parent_id, row.content, row.model) == (
        "assistant",
        "streaming",
        question.id,
        [],
        "m",
    )
    assert store.conversation(conversation.id).head_id == row.id
    assert store.requests.get(row.id) == {"model": "m", "messages": []}


def test_updates_are_written_with_the_first_words_then_at_most_once_per_interval(store: Store) -> None:
    conversation = store.create_conversation()
    clock = FakeClock(100.0)
    recorder = ReplyRecorder.start(store, conversation.id, clock=clock, interval=1.0)
    assert recorder.update({"type": "message", "content": [], "usage": {"input_tokens": 7}}) is False
    clock.advance(5)
    assert recorder.update(partial("")) is False  # an empty text block: still nothing to save
    assert recorder.update(partial("H")) is True
    assert store.message(recorder.message_id).text == "H"
    clock.advance(0.4)
    assert recorder.update(partial("Hel")) is False
    clock.advance(0.4)
    assert recorder.update(partial("Hello")) is False
    assert store.message(recorder.message_id).text == "H"
    clock.advance(0.2)
    assert recorder.update(partial("Hello, wor")) is True
    saved = store.message(recorder.message_id)
    assert saved.text == "Hello, wor"
    assert saved.status == "streaming"
    assert saved.usage == {"input_tokens": 7}
    assert saved.api_id == "msg_1"


@dataclass
class Timings:
    time_to_first_byte: float | None = 0.123456789
    time_to_first_text: float | None = 0.2
    duration: float | None = 2.5
    output_tokens_per_second: float | None = None


def test_a_tool_call_counts_as_first_words(store: Store, recorder: ReplyRecorder) -> None:
    started = {"content": [{"type": "tool_use", "id": "t", "name": "f", "input": {}, "_incomplete": True}]}
    assert recorder.update(started) is True
    assert store.message(recorder.message_id).content == started["content"]


def test_finish_saves_everything_about_a_complete_reply(store: Store, recorder: ReplyRecorder) -> None:
    recorder.update(partial("Hel"))
    final = partial("Hello!", stop_reason="end_turn", usage={"input_tokens": 7, "output_tokens": 3})
    saved = recorder.finish(
        "complete",
        final,
        timings=Timings(),
        response_headers={"Request-Id": "req_9", "anthropic-ratelimit-tokens-remaining": "99", "date": "x"},
    )
    assert saved.status == "complete"
    assert saved.text == "Hello!"
    assert saved.stop_reason == "end_turn"
    assert saved.usage == {"input_tokens": 7, "output_tokens": 3}
    assert saved.timings == {"time_to_first_byte": 0.1235, "time_to_first_text": 0.2, "duration": 2.5}
    assert saved.response_headers == {"request-id": "req_9", "anthropic-ratelimit-tokens-remaining": "99"}
    assert store.usage.totals(saved.conversation_id).output_tokens == 3


def test_finish_keeps_partial_content_of_a_failed_reply(store: Store, recorder: ReplyRecorder) -> None:
    recorder.update(partial("The answer is"))
    error = MessageError("overloaded_error", "Overloaded", "req_2")
    saved = recorder.finish("error", partial("The answer is 4"), error=error)
    assert (saved.status, saved.text, saved.error) == ("error", "The answer is 4", error)


def test_finish_without_a_message_keeps_what_was_saved(store: Store, recorder: ReplyRecorder) -> None:
    recorder.update(partial("so far"))
    saved = recorder.finish("stopped")
    assert (saved.status, saved.text) == ("stopped", "so far")


def test_a_finished_recorder_refuses_more(recorder: ReplyRecorder) -> None:
    recorder.finish("complete", partial("done"))
    with pytest.raises(RuntimeError):
        recorder.update(partial("more"))
    with pytest.raises(RuntimeError):
        recorder.finish("complete")


def test_finish_refuses_streaming(recorder: ReplyRecorder) -> None:
    with pytest.raises(ValueError, match="streaming"):
        recorder.finish("streaming")


def test_message_error_from_an_api_like_exception_and_from_any_other() -> None:
    class FakeAPIError(Exception):
        type = "rate_limit_error"
        message = "Slow down"
        request_id = "req_3"

    assert MessageError.from_exception(FakeAPIError("x")) == MessageError("rate_limit_error", "Slow down", "req_3")
    assert MessageError.from_exception(OSError("disk full")) == MessageError("OSError", "disk full", None)


def test_timings_and_headers_helpers() -> None:
    assert timings_dict({"duration": 1, "time_to_first_byte": None, "other": 5, "time_to_first_text": True}) == {
        "duration": 1.0
    }
    assert selected_headers({"Retry-After": "3", "content-type": "text/event-stream"}) == {"retry-after": "3"}


REFUSAL = {"type": "refusal", "category": "cyber", "explanation": "This looks like a request for working malware."}


def test_a_refusal_is_saved_complete_with_its_stop_details(store: Store, recorder: ReplyRecorder) -> None:
    final = partial("I can't help with that.", stop_reason="refusal", stop_details=REFUSAL)
    saved = recorder.finish("complete", final)
    assert (saved.status, saved.stop_reason, saved.stop_details) == ("complete", "refusal", REFUSAL)
    assert store.path(saved.conversation_id)[-1].stop_details == REFUSAL  # read back on a branch too


def test_due_says_when_an_update_could_write(store: Store) -> None:
    conversation = store.create_conversation()
    clock = FakeClock(10.0)
    recorder = ReplyRecorder.start(store, conversation.id, clock=clock, interval=1.0)
    assert recorder.due()  # nothing written yet
    assert recorder.update(partial("Hi"))
    assert not recorder.due()
    clock.advance(0.999)
    assert not recorder.due()
    clock.advance(0.001)
    assert recorder.due()
    recorder.finish("complete", partial("Hi"))
    assert not recorder.due()
