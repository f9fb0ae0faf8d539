"""One exchange with the model, without Qt: the request for a branch, the reply recorded as it arrives, and
how it ended. The window's `ChatController` and ``samtal ask`` both run their replies through it; they feed
it (the branch, the new message, the prepared parameters, an HTTP client) and show what it gives (each event
as it arrives, the `Outcome` at the end).

The steps, in order::

    body = request_body(history, content, api_params)   # the branch and the new user message
    problem = size_problem(body)                         # over the API's limit: say it, send nothing
    exchange = Exchange.start(store, conversation_id, parent_id=..., body=body, model=...)  # the row
    outcome = await exchange.run(client, on_event=...)   # stream it, record it, finish it

`Exchange.start` creates the assistant row (``streaming``) before anything is sent, so a crash leaves a
visible partial reply; `run` records the reply while it streams (as soon as its first words arrive, then at
most once a second: `app.store.ReplyRecorder`) and at its end, as ``complete``, ``stopped`` (cancelled, or
an ``on_event`` callback raised `ReplyStopped`), ``error`` or ``interrupted``, with what arrived kept. It
never raises for what the server or the network does; only a store that can't be written (`StoreError`,
`sqlite3.Error`) is raised, after the stream was closed.

How a reply stops (the API's ``stop_reason``):

- ``pause_turn``: the API paused a long turn of server tools (web search, web fetch). The paused reply is
  sent back as it is, as the last (assistant) message and with no new user message, and the model goes on;
  at most `MAX_PAUSE_CONTINUATIONS` times, after which the reply ends as it is (``pause_turn``), and
  Continue (`can_continue`) goes on from there. Every round is stored as ONE reply: its content blocks one
  after the other, exactly as they came (a text block with citations must stay as it is), the usage summed,
  the timings from the first request to the end of the last; the request kept with it is the first one.
  An ``on_event`` callback sees every round's events in turn, so the reply streams on without a break.
- ``refusal``: the model declined. The reply is ``complete``, with the API's ``stop_details`` (category,
  explanation) kept beside the stop reason: shown as a refusal, not as a failure.
- ``model_context_window_exceeded``: the context window is full; the reply is cut there and is
  ``complete``. Continuing it can't work (the context is still full): `can_continue` says no.
"""

from __future__ import annotations

import asyncio
import logging
import math
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from app.api import APIError, StreamInterruptedError, build_request, strip_private
from app.store import (
    Message,
    MessageError,
    MessageStatus,
    NotFoundError,
    ReplyRecorder,
    Store,
    StoreError,
    timings_dict,
)

if TYPE_CHECKING:  # the client (and httpx) load with the first request, not when the window starts
    from app.api import MessagesClient, MessageStream, StreamTimings

log = logging.getLogger(__name__)

MAX_PAUSE_CONTINUATIONS: Final = 5  # continuation requests for one paused turn (the SDKs' agents use 5 too)
CHARACTERS_PER_TOKEN: Final = 4  # a rough average for English text and code
RETRYABLE_STATUSES: Final = frozenset({"stopped", "interrupted", "error"})
CONTINUABLE_STATUSES: Final = RETRYABLE_STATUSES  # a reply that failed part-way can go on from where it got to
PAUSED: Final = "pause_turn"
CONTEXT_FULL: Final = "model_context_window_exceeded"

EventCallback = Callable[[dict[str, Any]], None]


def can_retry(message: Message) -> bool:
    """Whether Retry is offered for this reply: it did not end as a complete answer, or the model declined
    (asking again, perhaps after editing the question, is what one does then)."""
    return message.status in RETRYABLE_STATUSES or message.declined


def can_continue(message: Message) -> bool:
    """Whether Continue is offered for this reply: it stopped short (stopped, interrupted, failed part-way,
    or cut at max_tokens) with text to go on from, or its turn is still paused (``pause_turn``). Never for a
    reply cut because the context window is full: going on can't fit either."""
    if message.stop_reason == PAUSED and message.status == "complete":
        return bool(message.content)
    stopped_short = message.status in CONTINUABLE_STATUSES or message.stop_reason == "max_tokens"
    return stopped_short and any(block.get("type") == "text" and block.get("text") for block in message.content)


def model_to_continue_with(message: Message) -> str | None:
    """The model to retry a failed reply with when its own is no longer available (a 404
    ``not_found_error`` for a model the catalog knows a newer model of its line for): the
    `app.api.catalog.successor_of` its model. None for any other reply."""
    if message.error is None or message.error.type != "not_found_error" or not message.model:
        return None
    from app.api.catalog import successor_of  # the model data is read only when a model is missing

    successor = successor_of(message.model)
    return successor if successor != message.model else None


def request_body(
    history: Sequence[Mapping[str, Any]], content: str | list[dict[str, Any]] | None, api_params: Mapping[str, Any]
) -> dict[str, Any]:
    """The request body for a branch (``history``: API messages) and the user's new message (``content``
    None: the branch alone), with the API parameters `app.api.params.prepare` made."""
    if isinstance(content, str):  # as the store keeps it, so the request matches the saved branch
        content = [{"type": "text", "text": content}]
    messages = [*history, {"role": "user", "content": content}] if content is not None else list(history)
    return build_request(messages, api_params)


def size_problem(body: Mapping[str, Any]) -> str | None:
    """Why the API would refuse a body this size (over 32 MB, too many images), or None when it fits."""
    from app.attachments import AttachmentError, check_request_size  # image checks load on first use

    try:
        check_request_size(body)
    except AttachmentError as exc:
        return exc.message
    return None


class ReplyStopped(Exception):
    """Raised by an ``on_event`` callback to end the reply there, as ``stopped`` (e.g. the reader of
    standard output went away)."""


@dataclass(frozen=True)
class Outcome:
    """How a reply ended.

    ``message`` is the reply as it was saved (an API Message dict; ``{}`` when nothing arrived);
    ``ended_by`` the exception of ours that ended it (`ReplyStopped`, or a bug: then ``error`` is an
    ``internal_error``), None when the server's answer or a cancellation did; ``saved`` whether the store
    has its end (False with no store, or when the reply was deleted while it ran); ``continuations`` how
    many times a paused turn was sent back."""

    status: MessageStatus
    message: dict[str, Any]
    error: MessageError | None = None
    ended_by: BaseException | None = None
    headers: Mapping[str, str] | None = None
    request_id: str | None = None
    saved: bool = False
    continuations: int = 0

    @property
    def stop_reason(self) -> str | None:
        reason = self.message.get("stop_reason")
        return reason if isinstance(reason, str) else None


class Exchange:
    """One reply: its request, its row in the store (None: not saved), and its run (`run`, once).

    ``base_content`` / ``base_usage``: what the reply already holds when it goes on (Continue): the new
    content follows it (with ``join_text``, a first text block continues the last one, as a prefill's
    continuation does), and the output tokens add up.
    """

    def __init__(
        self,
        body: dict[str, Any],
        *,
        recorder: ReplyRecorder | None = None,
        streamed: bool = True,
        base_content: Sequence[Mapping[str, Any]] = (),
        base_usage: Mapping[str, Any] | None = None,
        join_text: bool = True,
        max_continuations: int = MAX_PAUSE_CONTINUATIONS,
    ) -> None:
        self.body = body
        self.recorder = recorder
        self.streamed = streamed
        self._base_content = [dict(block) for block in base_content]
        self._base_usage = dict(base_usage or {})
        self._join_text = join_text
        self._max_continuations = max_continuations
        self._rounds: list[dict[str, Any]] = []  # the replies of the requests that have ended (paused turns)
        self._round_timings: list[StreamTimings] = []
        self._stream: MessageStream | None = None  # the round streaming now (its message grows)
        self._whole: dict[str, Any] | None = None  # the round's reply received at once (not streamed)
        self._timings: StreamTimings | None = None  # the current round's
        self._headers: dict[str, str] | None = None
        self._request_id: str | None = None
        self.continuations = 0
        self._ran = False

    @classmethod
    def start(
        cls,
        store: Store,
        conversation_id: int,
        *,
        body: dict[str, Any],
        model: str | None,
        parent_id: int | None = None,
        streamed: bool = True,
        record_interval: float = 1.0,
    ) -> Exchange:
        """Create the reply's ``streaming`` row below ``parent_id`` (default: the head), with the request
        about to be sent, and the exchange that records into it."""
        recorder = ReplyRecorder.start(
            store, conversation_id, parent_id=parent_id, request=body, model=model or None, interval=record_interval
        )
        return cls(body, recorder=recorder, streamed=streamed)

    @classmethod
    def resume(
        cls,
        store: Store,
        message: Message,
        *,
        body: dict[str, Any],
        base_content: list[dict[str, Any]],
        join_text: bool = True,
        streamed: bool = True,
        record_interval: float = 1.0,
    ) -> Exchange:
        """Go on with a reply already saved (Continue): it becomes ``streaming`` again, holding
        ``base_content`` (what the new request ends with) and answering ``body`` (the inspector shows what
        was asked last); the continuation is added to it."""
        store.messages.update(message.id, status="streaming", content=base_content, request=body)
        recorder = ReplyRecorder(store, message.id, interval=record_interval)
        return cls(
            body,
            recorder=recorder,
            streamed=streamed,
            base_content=base_content,
            base_usage=message.usage,
            join_text=join_text,
        )

    @property
    def message_id(self) -> int | None:
        """The reply's row (None when it is not saved)."""
        return self.recorder.message_id if self.recorder is not None else None

    def reply(self) -> dict[str, Any]:
        """The reply so far, as it is saved (an API Message dict: the base content, every round's blocks,
        the usage summed); ``{}`` before anything arrived. Reading it joins the streamed text so far: ask
        for it a few times a second, not after every event."""
        current = self._stream.message if self._stream is not None else self._whole
        rounds = [*self._rounds, current] if current is not None else self._rounds
        if not rounds:
            return {}
        if len(rounds) == 1 and not self._base_content:
            return rounds[0]  # the usual case: the reply as it streams, as it is
        content = list(self._base_content)
        for number, message in enumerate(rounds):
            blocks = list(message.get("content") or [])
            if number == 0 and self._join_text and _is_text(content[-1:]) and _is_text(blocks[:1]):
                content[-1] = {**content[-1], "text": str(content[-1].get("text", "")) + str(blocks[0].get("text", ""))}
                blocks = blocks[1:]
            content.extend(blocks)
        usage = _summed([message.get("usage") or {} for message in rounds])
        base_output = self._base_usage.get("output_tokens")
        if isinstance(base_output, int) and not isinstance(base_output, bool):
            usage["output_tokens"] = base_output + _count(usage.get("output_tokens"))
        return {**rounds[-1], "content": content, "usage": usage}

    async def run(self, client: MessagesClient, on_event: EventCallback | None = None) -> Outcome:
        """Send the request (streamed, or at once), hand each event to ``on_event``, record the reply as it
        grows, send a paused turn back (see the module docstring) and save the end. Cancelling the task
        that runs it stops the reply (``stopped``, what arrived kept)."""
        if self._ran:
            raise RuntimeError("An Exchange runs once.")
        self._ran = True
        status: MessageStatus = "complete"
        error: MessageError | None = None
        ended_by: BaseException | None = None
        deleted = False
        try:
            await self._round(client, self.body, on_event)
            while self._paused() and self.continuations < self._max_continuations:
                self.continuations += 1
                await self._round(client, self._continuation(), on_event)
        except asyncio.CancelledError:
            status = "stopped"
        except ReplyStopped as exc:
            status, ended_by = "stopped", exc
        except StreamInterruptedError as exc:
            status, error = "interrupted", MessageError.from_exception(exc)
        except APIError as exc:
            status, error = "error", MessageError.from_exception(exc)
        except NotFoundError:  # the reply's row is gone (Delete Permanently while it streamed)
            status, deleted = "stopped", True
        except (StoreError, sqlite3.Error):
            raise  # nothing can be saved: the caller says so
        except Exception as exc:  # a bug must not leave the reply "streaming" forever (the caller logs it)
            status, ended_by = "error", exc
            error = MessageError(type="internal_error", message=f"{type(exc).__name__}: {exc}")
        return self._end(status, error, ended_by, deleted)

    def abandon(self, status: MessageStatus, error: MessageError | None = None) -> Outcome:
        """End the reply without running it (it is then finished, as ``status``): stopped before its task
        first ran, or no client to send it with."""
        if self._ran:
            raise RuntimeError("An Exchange runs once.")
        self._ran = True
        return self._end(status, error, None, deleted=False)

    # --- internals ---

    async def _round(self, client: MessagesClient, body: dict[str, Any], on_event: EventCallback | None) -> None:
        """One request and its reply, added to the rounds once it has ended."""
        if self.streamed:
            stream = self._stream = client.stream(body)
            self._timings = stream.timings
            async with stream:
                self._timings = stream.timings  # entering starts the clock again
                self._headers = dict(stream.headers)
                self._request_id = stream.request_id
                async for event in stream:
                    if on_event is not None:
                        on_event(event)
                    self._record()
            self._request_id = stream.request_id
            message = stream.message
        else:
            from app.api import StreamTimings  # loaded with the client, which is running now

            timings = self._timings = StreamTimings(started=time.monotonic())
            whole = await client.create_reply(body)
            # All at once: the first byte, the first text and the end are one moment (no speed to speak of).
            timings.first_byte = timings.first_text = timings.finished = time.monotonic()
            usage = whole.message.get("usage") or {}
            timings.output_tokens = _count(usage.get("output_tokens")) if isinstance(usage, Mapping) else None
            self._whole = message = whole.message
            self._headers, self._request_id = dict(whole.headers), whole.request_id
        self._rounds.append(message)
        self._round_timings.append(self._timings)
        self._stream = self._whole = self._timings = None

    def _record(self) -> None:
        """Save the reply so far when the recorder would write (read only then: reading it costs a join)."""
        if self.recorder is not None and self.recorder.due():
            self.recorder.update(self.reply())

    def _paused(self) -> bool:
        return bool(self._rounds) and self._rounds[-1].get("stop_reason") == PAUSED

    def _continuation(self) -> dict[str, Any]:
        """The request that lets a paused turn go on: the same, with the reply so far as the last message
        (replacing the prefill a Continue ended with), exactly as it came (Samtal's ``_`` keys aside)."""
        messages = list(self.body.get("messages") or [])
        if messages and messages[-1].get("role") == "assistant":
            messages.pop()
        content = strip_private(self.reply().get("content") or [])
        return {**self.body, "messages": [*messages, {"role": "assistant", "content": content}]}

    def _timings_so_far(self) -> StreamTimings | None:
        """One measurement for every round: from sending the first request to the end of the last."""
        rounds = [*self._round_timings, *([self._timings] if self._timings is not None else [])]
        if len(rounds) <= 1:
            return rounds[0] if rounds else None
        counts = [timings.output_tokens for timings in rounds if timings.output_tokens is not None]
        from app.api import StreamTimings  # loaded with the client, which ran these

        return StreamTimings(
            started=rounds[0].started,
            first_byte=rounds[0].first_byte,
            first_delta=next((t.first_delta for t in rounds if t.first_delta is not None), None),
            first_text=next((t.first_text for t in rounds if t.first_text is not None), None),
            finished=rounds[-1].finished,
            output_tokens=sum(counts) if counts else None,
        )

    def _end(
        self, status: MessageStatus, error: MessageError | None, ended_by: BaseException | None, deleted: bool
    ) -> Outcome:
        final = self.reply()
        timings: StreamTimings | dict[str, float] | None = self._timings_so_far()
        if status != "complete" and final and not final.get("stop_reason"):
            # Cut off before message_delta: the usage still holds message_start's placeholder count.
            final, timings = _with_estimated_output(final, timings)
        saved = False
        if self.recorder is not None and not deleted:
            try:
                self.recorder.finish(
                    status, final or None, error=error, timings=timings, response_headers=self._headers
                )
                saved = True
            except NotFoundError:  # deleted while it streamed (Delete Permanently): nothing left to save
                log.info("reply %s was deleted before it ended", self.recorder.message_id)
        return Outcome(
            status,
            final,
            error=error,
            ended_by=ended_by,
            headers=self._headers,
            request_id=self._request_id,
            saved=saved,
            continuations=self.continuations,
        )


def estimate_output_tokens(partial: Mapping[str, Any]) -> int:
    """The output tokens of a reply still streaming (or cut off). The API reports the count only when the
    reply ends, so this is about one token per four characters of what arrived (thinking and tool input
    included), or the reported count when that is higher."""
    characters = 0
    for block in partial.get("content") or []:
        if not isinstance(block, Mapping):
            continue
        for key in ("text", "thinking", "_partial_json"):
            value = block.get(key)
            if isinstance(value, str):
                characters += len(value)
        if block.get("type") == "tool_use" and "_partial_json" not in block and block.get("input"):
            characters += len(str(block["input"]))
    reported = (partial.get("usage") or {}).get("output_tokens")
    reported = reported if isinstance(reported, int) and not isinstance(reported, bool) else 0
    return max(reported, math.ceil(characters / CHARACTERS_PER_TOKEN))


def _with_estimated_output(
    message: dict[str, Any], timings: StreamTimings | Mapping[str, Any] | None
) -> tuple[dict[str, Any], dict[str, float] | None]:
    """A reply cut off before the API reported its output tokens: estimate them from what arrived
    (`estimate_output_tokens`, marked ``_estimated_output``), and the speed from that estimate."""
    usage = dict(message.get("usage") or {})
    estimate = estimate_output_tokens(message)
    usage["output_tokens"] = estimate
    usage["_estimated_output"] = True
    values = timings_dict(timings) if timings is not None else {}
    duration, first = values.get("duration"), values.get("time_to_first_text")
    if duration is not None and first is not None and duration > first and estimate:
        values["output_tokens_per_second"] = estimate / (duration - first)
    else:
        values.pop("output_tokens_per_second", None)
    return {**message, "usage": usage}, values or None


def _is_text(blocks: Sequence[Mapping[str, Any]]) -> bool:
    return bool(blocks) and blocks[0].get("type") == "text"


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _summed(usages: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Usage dicts added up: counts summed (also inside ``cache_creation`` and ``server_tool_use``); any
    other value (``service_tier``) is the last one's."""
    total: dict[str, Any] = {}
    for usage in usages:
        for key, value in usage.items():
            if isinstance(value, int) and not isinstance(value, bool):
                total[key] = _count(total.get(key)) + value
            elif isinstance(value, Mapping):
                earlier = total.get(key)
                total[key] = _summed([earlier, value]) if isinstance(earlier, Mapping) else dict(value)
            elif value is not None or key not in total:
                total[key] = value
    return total
