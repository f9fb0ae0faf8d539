"""The chat controller: send, stream, stop, retry, continue, regenerate and edit-and-branch.

Every reply is one `asyncio.Task` that the controller keeps per conversation, so a reply keeps streaming
(and being saved) while the user looks at another conversation, and Stop cancels exactly that task.
Data flow (see DESIGN.md): the user message is added to the conversation's tree, the assistant row is
created with status ``streaming`` before the request is sent (a crash leaves a visible partial reply),
stream events grow the reply, which reaches the view through a coalescing flush (at most ~30 updates a
second) and the store at most once a second; at the end the row becomes ``complete`` or ``stopped`` /
``error`` / ``interrupted`` with the partial content kept. The reply itself (request, recording, paused
turns, how it ended) is run by `app.chat.exchange.Exchange`, which ``samtal ask`` runs too: this class
decides what to send, keeps the tasks, and tells the window with its signals.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.api import APIError
from app.api.accumulate import INCOMPLETE
from app.api.params import API_PARAMS, Problem, fill_required, prepare
from app.api.request import params_of_request
from app.chat.connection import ConnectionManager
from app.chat.exchange import PAUSED, Exchange, Outcome, request_body, size_problem
from app.store import Message, MessageError, Store, StoreError
from app.store.plain_text import plain_text

log = logging.getLogger(__name__)

MAX_COMPARE = 4
FLUSH_INTERVAL_MS = 33  # ~30 repaints a second at most


TITLE_SYSTEM_PROMPT = (
    "You name conversations. Write a short title (3 to 6 words) for the conversation that starts with the "
    "user's message below. Reply with the title only: no quotes, no punctuation at the end."
)


@dataclass(frozen=True)
class Refusal:
    """Why a message was not sent, in the user's words. ``too_large``: the request would be over the API's
    limits (size, images), which fewer or smaller attachments may fix."""

    message: str
    too_large: bool = False


@dataclass
class ReplyJob:
    """One reply being streamed: its `Exchange` (which records it), and what the view was last shown."""

    conversation_id: int
    message_id: int
    exchange: Exchange
    partial: dict[str, Any] = field(default_factory=dict)  # the reply as last flushed to the view
    dirty: bool = False  # events arrived since the last flush
    task: asyncio.Task[None] | None = None


class ChatController(QObject):
    """Runs replies for any number of conversations at once.

    Signals:
        conversation_created(int): a conversation was made (by a first send, or for a compare).
        conversation_changed(int): its title, time, head or message count changed (refresh list entries).
        branch_changed(int): the branch shown for this conversation changed (reload its transcript).
        reply_started(int, int): conversation id, message id of the reply that starts streaming.
        reply_progress(int, int, object): conversation, message, the reply so far (an API Message dict;
            read it during the signal, it keeps changing). At most every FLUSH_INTERVAL_MS per reply.
        reply_finished(int, int, str): conversation, message, final status.
        problem(str): something the user must know that does not belong to a message.
    """

    conversation_created = Signal(int)
    conversation_changed = Signal(int)
    branch_changed = Signal(int)
    reply_started = Signal(int, int)
    reply_progress = Signal(int, int, object)
    reply_finished = Signal(int, int, str)
    problem = Signal(str)

    def __init__(
        self,
        store: Store,
        connections: ConnectionManager,
        *,
        default_params: Callable[[], Mapping[str, Any]] = dict,
        ai_titles: Callable[[], bool] = lambda: False,
        flush_interval_ms: int = FLUSH_INTERVAL_MS,
        record_interval: float = 1.0,
        problem_words: Callable[[Problem], str] = lambda problem: problem.message,
    ) -> None:
        super().__init__()
        self._problem_words = problem_words  # the window's words for a parameter problem (app.ui.problem_words)
        self._store = store
        self._connections = connections
        self._default_params = default_params
        self._ai_titles = ai_titles
        self._record_interval = record_interval
        self._jobs: dict[int, ReplyJob] = {}
        self._side_tasks: set[asyncio.Task[None]] = set()
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(flush_interval_ms)
        self._flush_timer.timeout.connect(self._flush)
        # The last branch read as API messages, by what identifies it (see `_history`).
        self._history_cache: tuple[tuple[int, str, int], list[dict[str, Any]]] | None = None
        # Every change this controller makes to a branch ends in one of these: the branch is read again.
        self.conversation_changed.connect(self._forget_history)
        self.branch_changed.connect(self._forget_history)
        self.reply_finished.connect(lambda conversation_id, _message, _status: self._forget_history(conversation_id))

    # --- queries ---

    def is_streaming(self, conversation_id: int) -> bool:
        return any(job.conversation_id == conversation_id for job in self._jobs.values())

    def streaming_replies(self, conversation_id: int) -> list[tuple[int, dict[str, Any]]]:
        """Message id and reply so far of every running reply of the conversation (several in a compare)."""
        return [(job.message_id, job.partial) for job in self._jobs.values() if job.conversation_id == conversation_id]

    def any_streaming(self) -> bool:
        return bool(self._jobs)

    def read_only_notice(self) -> str:
        """What the window says when the store can't be written ("" when it can): nothing can be sent."""
        if not self._store.read_only or self._store.file is None:
            return ""
        return self.tr(
            "The data folder {folder} is read-only: you can read and search your conversations, "
            "but nothing can be sent or saved."
        ).format(folder=self._store.file.parent)

    def params_for(self, conversation_id: int | None) -> dict[str, Any]:
        """The request parameters a message in this conversation is sent with (defaults filled in)."""
        params: dict[str, Any] = dict(self._default_params())
        if conversation_id is not None:
            params.update(self._store.conversation(conversation_id).params)
        return fill_required(params, self.default_model())

    def next_request(
        self,
        conversation_id: int | None,
        content: str | list[dict[str, Any]] | None,
        *,
        new_params: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The request body that `send` of ``content`` would make now (``content`` None: the history alone),
        with the parameters as they would be sent: what the token count and the size checks ask about.
        Built exactly as `send` builds it, from the branch the conversation shows now."""
        params = self._send_params(conversation_id, new_params)
        api_params, _problems = prepare(
            params,
            self._connections.model_info(str(params.get("model") or "")),
            api_version=self._connections.api_version,
        )
        return self._request(conversation_id, content, api_params)

    def _request(
        self,
        conversation_id: int | None,
        content: str | list[dict[str, Any]] | None,
        api_params: Mapping[str, Any],
    ) -> dict[str, Any]:
        """The body of `next_request` for API parameters already prepared."""
        return request_body(self._history(conversation_id), content, api_params)

    def _history(self, conversation_id: int | None) -> list[dict[str, Any]]:
        """The branch the conversation shows now, as API messages (read again only when it may differ:
        reading attachments back costs time, and the token count asks after every pause in typing).

        What is kept is keyed by what identifies the branch's contents: the head message (by uuid, which is
        never reused) and the store's data version, which changes when another process writes (``samtal
        ask -c``). A branch switched to by anyone (a search hit, ‹ ›) has another head; what this controller
        changes in place (a reply, a Continue) ends in its own signals, which forget it."""
        if conversation_id is None:
            return []
        head_id = self._store.conversation(conversation_id).head_id
        if head_id is None:
            return []
        key = (conversation_id, self._store.message(head_id).uuid, self._store.data_version())
        if self._history_cache is None or self._history_cache[0] != key:
            self._history_cache = (key, self._store.messages.api_messages(self._store.path(conversation_id, head_id)))
        return self._history_cache[1]

    def _forget_history(self, conversation_id: int) -> None:
        if self._history_cache is not None and self._history_cache[0][0] == conversation_id:
            self._history_cache = None

    def _send_params(self, conversation_id: int | None, new_params: Mapping[str, Any] | None) -> dict[str, Any]:
        params = self.params_for(conversation_id)
        if conversation_id is None and new_params is not None:
            params.update(new_params)
        return params

    def default_model(self) -> str:
        """The user's default model when set, else the connection's."""
        return str(self._default_params().get("model") or self._connections.default_model)

    # --- actions ---

    def new_conversation(self, params: Mapping[str, Any] | None = None) -> int:
        """Create an empty conversation with the default parameters (or ``params``)."""
        chosen = dict(params) if params is not None else dict(self._default_params())
        conversation = self._store.create_conversation(params=chosen)
        self.conversation_created.emit(conversation.id)
        return conversation.id

    def send(
        self,
        conversation_id: int | None,
        content: str | list[dict[str, Any]],
        *,
        new_params: Mapping[str, Any] | None = None,
        opened: Callable[[int], object] = lambda _conversation_id: None,
    ) -> Refusal | None:
        """Add the user's message at the head of the conversation and stream the reply. Everything is
        checked before anything is saved: the provider, the parameters and the request, which is built once
        (from the branch shown) and sent as is. With no conversation, one is created first (with
        ``new_params``, else the defaults) and ``opened`` is called with its id, so that whoever shows it
        follows its reply like any other; then the message is sent to it.
        Returns why nothing was sent, or None."""
        refusal = self._refusal_to_send(conversation_id)
        if refusal is not None:
            return Refusal(refusal)
        prepared = self._checked_params(self._send_params(conversation_id, new_params))
        if isinstance(prepared, str):
            return Refusal(prepared)
        body = self._request(conversation_id, content, prepared[0])  # built once, sent as is
        too_large = size_problem(body)
        if too_large is not None:
            return Refusal(too_large, too_large=True)
        if conversation_id is None:
            conversation_id = self.new_conversation(new_params)
            opened(conversation_id)
        user = self._store.add_message(conversation_id, "user", content)
        self._store.conversations.set_draft(conversation_id, "")
        self._start_reply(conversation_id, user.id, prepared, body=body)
        return None

    def compare(
        self, conversation_id: int, content: str | list[dict[str, Any]], param_sets: list[dict[str, Any]]
    ) -> list[int]:
        """Send one user message and stream one reply per parameter set (each set overrides the
        conversation's parameters), all at once, as siblings. Returns the reply ids ([] when refused)."""
        if not 2 <= len(param_sets) <= MAX_COMPARE or not self._ready_to_send(conversation_id):
            return []
        base = self.params_for(conversation_id)
        runs = []
        for number, overrides in enumerate(param_sets, start=1):
            prepared = self._prepare({**base, **overrides}, label=self.tr("Set {n}: ").format(n=number))
            if prepared is None:
                return []
            body = self._request(conversation_id, content, prepared[0])
            if not self._fits(body):
                return []
            runs.append((prepared, body))
        user = self._store.add_message(conversation_id, "user", content)
        self._store.conversations.set_draft(conversation_id, "")
        started = [self._start_reply(conversation_id, user.id, prepared, body=body) for prepared, body in runs]
        return [message_id for message_id in started if message_id is not None]

    def regenerate(self, message_id: int) -> None:
        """A new reply next to this one (this one stays, as a branch). Also how Retry works."""
        message = self._store.message(message_id)
        if message.role != "assistant" or message.parent_id is None:
            raise ValueError("Only a reply can be regenerated.")
        if not self._ready_to_send(message.conversation_id):
            return
        prepared = self._prepare(self.params_for(message.conversation_id))
        if prepared is not None:
            self._start_reply(message.conversation_id, message.parent_id, prepared)

    retry = regenerate

    def edit_and_resend(self, message_id: int, content: str | list[dict[str, Any]]) -> None:
        """Send an edited version of a user message as a sibling of it (a new branch), then stream a reply."""
        message = self._store.message(message_id)
        if message.role != "user":
            raise ValueError("Only your own messages can be edited.")
        if not self._ready_to_send(message.conversation_id):
            return
        prepared = self._prepare(self.params_for(message.conversation_id))
        if prepared is None:
            return
        if isinstance(content, str):  # new words; the attachments, tool results etc. of the original stay
            kept = [b for b in message.content if b.get("type") != "text"]
            content = [*kept, {"type": "text", "text": content}] if kept else content
        edited = self._store.add_message(message.conversation_id, "user", content, parent_id=message.parent_id)
        self._start_reply(message.conversation_id, edited.id, prepared)

    def answer_tools(self, message_id: int, results: list[dict[str, Any]]) -> None:
        """Answer the tool calls of a reply that stopped for them: one user message whose content is the
        ``tool_result`` blocks first (one per call, in the calls' order, as the API requires), then a reply.
        ``results`` are ``{"tool_use_id", "content", "is_error"}`` dicts."""
        message = self._store.message(message_id)
        calls = [b for b in message.content if b.get("type") == "tool_use"]
        if message.role != "assistant" or not calls:
            raise ValueError("This message has no tool calls to answer.")
        if any(call.get(INCOMPLETE) for call in calls):
            self.problem.emit(
                self.tr("A tool call was cut off before its input was complete, so it can't be answered: regenerate.")
            )
            return
        by_id = {str(r.get("tool_use_id")): r for r in results}
        missing = [str(call.get("name")) for call in calls if str(call.get("id")) not in by_id]
        if missing:
            self.problem.emit(self.tr("Answer every tool call first: {names}.").format(names=", ".join(missing)))
            return
        if not self._ready_to_send(message.conversation_id):
            return
        prepared = self._prepare(self.params_for(message.conversation_id))
        if prepared is None:
            return
        blocks = []
        for call in calls:
            result = by_id[str(call.get("id"))]
            block: dict[str, Any] = {
                "type": "tool_result",
                "tool_use_id": call["id"],
                "content": result.get("content", ""),
            }
            if result.get("is_error"):
                block["is_error"] = True
            blocks.append(block)
        answer = self._store.add_message(message.conversation_id, "user", blocks, parent_id=message_id)
        self._start_reply(message.conversation_id, answer.id, prepared)

    def continue_reply(self, message_id: int) -> None:
        """Ask the model to go on from where a reply stopped (max_tokens, stopped or interrupted; a turn
        still paused); the continuation is appended to the same message."""
        message = self._store.message(message_id)
        if message.role != "assistant":
            raise ValueError("Only a reply can be continued.")
        if not self._ready_to_send(message.conversation_id):
            return
        paused = message.stop_reason == PAUSED and message.status == "complete"
        if not paused and (not message.content or message.content[-1].get("type") != "text"):
            # Tool calls and thinking can't be resumed part-way (API docs): regenerate instead.
            self.regenerate(message_id)
            return
        # The same request, extended: the reply's own parameters (a kept compare set may differ from the
        # conversation's), with the conversation's own choices (streaming) on top.
        original = self._store.requests.get(message_id)
        params = self.params_for(message.conversation_id)
        if original is not None:
            params = {**{k: v for k, v in params.items() if k not in API_PARAMS}, **params_of_request(original)}
        if not paused:
            params.pop("thinking", None)  # a prefill can't be combined with extended thinking
        prepared = self._prepare(params)
        if prepared is None:
            return
        base = copy.deepcopy(message.content)
        if not paused:  # a paused turn goes back exactly as it came
            base[-1]["text"] = str(base[-1].get("text", "")).rstrip()  # the API refuses a prefill ending in space
        path = self._store.path(message.conversation_id, message_id)
        history = self._store.messages.api_messages(path[:-1])
        history.append({"role": "assistant", "content": base})
        api_params, stream = prepared
        body = request_body(history, None, api_params)
        if not self._fits(body):
            return
        exchange = Exchange.resume(
            self._store,
            message,
            body=body,
            base_content=base,
            join_text=not paused,
            streamed=stream,
            record_interval=self._record_interval,
        )
        self._launch(ReplyJob(message.conversation_id, message_id, exchange))

    def stop(self, conversation_id: int) -> None:
        """Stop every reply of the conversation; what arrived so far is kept (status ``stopped``)."""
        for job in list(self._jobs.values()):
            if job.conversation_id == conversation_id and job.task is not None:
                job.task.cancel()

    def stop_reply(self, message_id: int) -> None:
        """Stop one reply (e.g. one side of a compare)."""
        job = self._jobs.get(message_id)
        if job is not None and job.task is not None:
            job.task.cancel()

    def switch_sibling(self, message_id: int, offset: int) -> None:
        """Show the ``offset``-th neighbour of this message (``< 2/3 >``) and the branch below it."""
        siblings = self._store.messages.siblings(message_id)
        index = next(i for i, m in enumerate(siblings) if m.id == message_id)
        target = siblings[max(0, min(len(siblings) - 1, index + offset))]
        if target.id == message_id:
            return
        self.show_branch(target.id)

    def show_branch(self, message_id: int) -> None:
        """Make the branch through this message the one shown (and sent next)."""
        self._store.messages.switch_to(message_id)
        conversation_id = self._store.message(message_id).conversation_id
        self.branch_changed.emit(conversation_id)
        self.conversation_changed.emit(conversation_id)

    async def shutdown(self) -> None:
        """Stop every reply (kept as ``stopped``) and wait for them to be saved; at quit."""
        tasks = [job.task for job in self._jobs.values() if job.task is not None]
        for task in tasks:
            task.cancel()
        for side in self._side_tasks:
            side.cancel()
        await asyncio.gather(*tasks, *self._side_tasks, return_exceptions=True)
        self._flush_timer.stop()

    # --- internals ---

    def _ready_to_send(self, conversation_id: int | None) -> bool:
        refusal = self._refusal_to_send(conversation_id)
        if refusal is not None:
            self.problem.emit(refusal)
        return refusal is None

    def _refusal_to_send(self, conversation_id: int | None) -> str | None:
        """Why nothing can be sent in this conversation now, or None."""
        if self._store.read_only:  # nothing could be saved: neither the message nor the reply
            return self.read_only_notice()
        if self._connections.connection is None:
            return self.tr("No provider is set up yet: add a token in Settings or try the demo.")
        if conversation_id is not None and self.is_streaming(conversation_id):
            return self.tr("A reply is still streaming in this conversation: stop it first.")
        return None

    def _prepare(self, params: Mapping[str, Any], label: str = "") -> tuple[dict[str, Any], bool] | None:
        """`_checked_params`, with the reason emitted when the parameters would be refused."""
        prepared = self._checked_params(params, label)
        if isinstance(prepared, str):
            self.problem.emit(prepared)
            return None
        return prepared

    def _checked_params(self, params: Mapping[str, Any], label: str = "") -> tuple[dict[str, Any], bool] | str:
        """The API parameters to send and whether to stream, or why the parameters would be refused:
        checked here, before anything is saved or sent."""
        model = self._connections.model_info(str(params.get("model") or ""))
        api_params, problems = prepare(params, model, api_version=self._connections.api_version)
        blocking = [p for p in problems if p.blocking]
        if blocking:
            return label + " ".join(self._problem_words(p) for p in blocking)
        for problem in problems:
            log.info("parameter %s: %s", problem.field or "request", problem.message)
        return api_params, params.get("stream", True) is not False

    def _fits(self, body: Mapping[str, Any]) -> bool:
        """Whether the API would take a body this size (else the reason is emitted and nothing is sent)."""
        problem = size_problem(body)
        if problem is not None:
            self.problem.emit(problem)
        return problem is None

    def _start_reply(
        self,
        conversation_id: int,
        parent_id: int,
        prepared: tuple[dict[str, Any], bool],
        *,
        body: dict[str, Any] | None = None,
    ) -> int | None:
        """Create the reply's row below ``parent_id`` and stream it. ``body``: the request already built
        (and checked) for exactly that branch; otherwise it is built from the store."""
        api_params, stream = prepared
        if body is None:
            path = self._store.path(conversation_id, parent_id)
            body = request_body(self._store.messages.api_messages(path), None, api_params)
            if not self._fits(body):  # e.g. a regenerate after the history grew past 32 MB
                return None
        exchange = Exchange.start(
            self._store,
            conversation_id,
            parent_id=parent_id,
            body=body,
            model=str(api_params.get("model") or ""),
            streamed=stream,
            record_interval=self._record_interval,
        )
        assert exchange.message_id is not None
        job = ReplyJob(conversation_id, exchange.message_id, exchange)
        self.branch_changed.emit(conversation_id)
        self.conversation_changed.emit(conversation_id)
        self._launch(job)
        return job.message_id

    def _launch(self, job: ReplyJob) -> None:
        self._jobs[job.message_id] = job
        job.task = asyncio.ensure_future(self._run(job))
        job.task.add_done_callback(lambda task: self._never_ran(job, task))
        self.reply_started.emit(job.conversation_id, job.message_id)

    def _never_ran(self, job: ReplyJob, task: asyncio.Task[None]) -> None:
        """A reply cancelled before its task first ran (Stop in the same moment as Send) never reached
        `_run`'s own clean-up: finish it here, as stopped, so nothing stays "streaming"."""
        if self._jobs.get(job.message_id) is not job:
            return  # `_run` finished it
        self._jobs.pop(job.message_id, None)
        if task.cancelled():
            job.exchange.abandon("stopped")
            self.reply_finished.emit(job.conversation_id, job.message_id, "stopped")
            self.conversation_changed.emit(job.conversation_id)

    async def _run(self, job: ReplyJob) -> None:
        """Run the reply's exchange (events only mark it for the next flush) and tell how it ended."""
        try:
            client = self._connections.client()
        except RuntimeError as exc:  # the connection went away before the reply could start
            outcome = job.exchange.abandon("error", MessageError("connection_error", str(exc)))
        else:
            try:
                outcome = await job.exchange.run(client, on_event=lambda _event: self._mark_dirty(job))
            except (StoreError, sqlite3.Error) as exc:  # nothing can be saved: the row is left to recovery
                log.error("reply %s could not be saved: %s", job.message_id, exc)
                outcome = Outcome("error", job.exchange.reply(), error=MessageError.from_exception(exc))
                self.problem.emit(str(exc))
        if outcome.error is not None and outcome.error.type == "internal_error":  # a bug of ours: keep its trace
            log.error("reply %s failed", job.message_id, exc_info=outcome.ended_by)
        self._jobs.pop(job.message_id, None)
        job.partial = outcome.message
        job.dirty = False
        self.reply_progress.emit(job.conversation_id, job.message_id, outcome.message)
        self.reply_finished.emit(job.conversation_id, job.message_id, outcome.status)
        self.conversation_changed.emit(job.conversation_id)
        if outcome.saved and outcome.status == "complete":
            self._maybe_title(job.conversation_id, job.message_id)

    def _mark_dirty(self, job: ReplyJob) -> None:
        job.dirty = True
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        flushed = False
        for job in list(self._jobs.values()):
            if job.dirty:
                job.dirty = False
                flushed = True
                # Reading the reply joins the text so far: done here (~30 a second), never per event, so a
                # long reply costs linear time, not quadratic.
                job.partial = job.exchange.reply()
                self.reply_progress.emit(job.conversation_id, job.message_id, job.partial)
        if not flushed:
            self._flush_timer.stop()

    # --- titles ---

    def _maybe_title(self, conversation_id: int, reply_id: int) -> None:
        if not self._ai_titles():
            return
        # Only after the first exchange; its two messages are read, not the whole (maybe long) branch.
        parent_id = self._store.message(reply_id).parent_id
        first = self._store.message(parent_id) if parent_id is not None else None
        if first is None or first.parent_id is not None:
            return
        task = asyncio.ensure_future(self._ask_title(conversation_id, first))
        self._side_tasks.add(task)
        task.add_done_callback(self._side_task_done)

    def _side_task_done(self, task: asyncio.Task[None]) -> None:
        self._side_tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task failed", exc_info=task.exception())

    async def _ask_title(self, conversation_id: int, first: Message) -> None:
        automatic = self._store.conversation(conversation_id).title
        body = {
            "model": self.params_for(conversation_id)["model"],
            "max_tokens": 32,
            "system": TITLE_SYSTEM_PROMPT,
            "messages": [{"role": "user", "content": first.text[:4000] or "(attachment)"}],
        }
        try:
            reply = await self._connections.client().create(body)
        except APIError as exc:
            log.info("no title from the model: %s", exc.type)
            return
        title = " ".join(
            str(b.get("text", "")) for b in reply.get("content", []) if isinstance(b, dict) and b.get("type") == "text"
        )
        # Plain text on one line, as every title: a model may answer "# **Bread basics**".
        title = " ".join(plain_text(title).split()).strip("\"'“”. ")[:80]
        current = self._store.conversation(conversation_id).title
        if title and current == automatic:  # the user did not rename it meanwhile
            self._store.conversations.rename(conversation_id, title)
            self.conversation_changed.emit(conversation_id)


def user_content(text: str, attachments: Sequence[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """A user message's content as the composer sends it: the attachments' blocks first, then the text
    (Anthropic recommends documents and images before the question); blank text is left out."""
    blocks = [dict(block) for block in attachments]
    if text.strip():
        blocks.append({"type": "text", "text": text})
    return blocks
