"""An A/B compare run: one prompt sent with 2 to 4 parameter sets at once (`ChatController.compare`), the
replies followed side by side with their figures, and what the user keeps of them.

Keeping one reply discards the others: each is stopped when still streaming and deleted from the store once
it has finished (a reply someone already went on from is never deleted). Keeping all leaves them as sibling
branches of the conversation. Either way the chosen reply's branch becomes the one shown, and its set's
parameters the conversation's. Keeping some (what closing the window asks) shows the first kept and leaves the
parameters alone; keeping none takes the prompt out too, and the branch shown before the compare comes back.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.chat.controller import MAX_COMPARE, ChatController
from app.chat.exchange import estimate_output_tokens
from app.chat.pricing import Cost
from app.store import Message, NotFoundError, Store

MIN_SETS = 2
MAX_SETS = MAX_COMPARE
TICK_MS = 250  # how often a streaming reply's elapsed time and speed are refreshed
STREAMING = "streaming"

CostOf = Callable[[str | None, Mapping[str, Any] | None], Cost | None]
"""What a reply cost, from its model and usage (see `app.chat.pricing.PriceTable.cost`); None when unknown."""


@dataclass(frozen=True)
class ReplyFigures:
    """What a compare column shows under its reply; None where not known (yet).

    While the reply streams, ``output_tokens`` is an estimate (``output_estimated``) and the speed is
    measured here; once it has finished, every figure is the one stored with the message."""

    status: str
    elapsed: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    output_estimated: bool = False
    cost: Cost | None = None
    time_to_first_token: float | None = None
    tokens_per_second: float | None = None


def total_input_tokens(usage: Mapping[str, Any] | None) -> int | None:
    """Input tokens including those written to and read from the prompt cache (None without usage)."""
    if not usage:
        return None
    keys = ("input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens")
    counts = [_int(usage.get(key)) for key in keys]
    known = [count for count in counts if count is not None]
    return sum(known) if known else None


def final_figures(message: Message, cost_of: CostOf | None = None) -> ReplyFigures:
    """The figures stored with a finished reply."""
    usage = message.usage or {}
    timings = message.timings or {}
    first = timings.get("time_to_first_text")
    if first is None:
        first = timings.get("time_to_first_byte")
    return ReplyFigures(
        status=message.status,
        elapsed=_float(timings.get("duration")),
        input_tokens=total_input_tokens(usage),
        output_tokens=_int(usage.get("output_tokens")),
        cost=cost_of(message.model, usage) if cost_of is not None and usage else None,
        time_to_first_token=_float(first),
        tokens_per_second=_float(timings.get("output_tokens_per_second")),
    )


class CompareRun(QObject):
    """One compare in one conversation: starts the replies, follows them, stops them, keeps what the
    user chooses. Replies are addressed by their set's index (0-based, in the order of the sets).

    Signals:
        reply_progress(int, object): set index, the reply so far (an API Message dict; read it at once).
        reply_finished(int, object): set index, the finished reply (a store `Message`; its status says how).
        figures_changed(int, object): set index, its `ReplyFigures` (every TICK_MS while it streams).
        settled(): the user's choice is carried out (discarded replies deleted, the chosen branch shown).
    """

    reply_progress = Signal(int, object)
    reply_finished = Signal(int, object)
    figures_changed = Signal(int, object)
    settled = Signal()

    def __init__(
        self,
        controller: ChatController,
        store: Store,
        conversation_id: int,
        *,
        cost_of: CostOf | None = None,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = TICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._store = store
        self.conversation_id = conversation_id
        self._cost_of = cost_of
        self._clock = clock
        self._ids: list[int] = []
        self._param_sets: list[dict[str, Any]] = []
        self._status: dict[int, str] = {}
        self._estimates: dict[int, tuple[int, int | None]] = {}  # output estimate, input tokens
        self._first_output: dict[int, float] = {}
        self._started = 0.0
        self._question: int | None = None  # the user message the replies answer
        self._before: int | None = None  # the message the question followed (None: it was the first)
        self._deciding = False
        self._chosen: int | None = None  # the reply shown once the choice is carried out (None: none kept)
        self._adopt = False  # its set's parameters become the conversation's
        self._discarding: set[int] = set()
        self._settled = False
        self._released = False
        self._tick = QTimer(self)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._on_tick)
        controller.reply_progress.connect(self._on_progress)
        controller.reply_finished.connect(self._on_finished)

    # --- queries ---

    @property
    def reply_ids(self) -> list[int]:
        """The replies' message ids, one per set ([] before a successful start)."""
        return list(self._ids)

    @property
    def started(self) -> bool:
        return bool(self._ids)

    @property
    def decided(self) -> bool:
        """The user chose what to keep (carried out, or being carried out)."""
        return self._deciding

    @property
    def deciding(self) -> bool:
        """The user chose what to keep and that is being carried out (waiting for stopped replies)."""
        return self._deciding and not self._settled

    def is_streaming(self, index: int) -> bool:
        return self._status.get(self._ids[index]) == STREAMING

    def any_streaming(self) -> bool:
        return any(status == STREAMING for status in self._status.values())

    def figures(self, index: int) -> ReplyFigures:
        """The figures of set ``index``'s reply as they stand now."""
        message_id = self._ids[index]
        if self._status[message_id] != STREAMING:
            return final_figures(self._store.message(message_id), self._cost_of)
        now = self._clock()
        output, input_tokens = self._estimates.get(message_id, (0, None))
        first = self._first_output.get(message_id)
        speed = None
        if first is not None and output and now > first:
            speed = output / (now - first)
        return ReplyFigures(
            status=STREAMING,
            elapsed=now - self._started,
            input_tokens=input_tokens,
            output_tokens=output,
            output_estimated=True,
            time_to_first_token=None if first is None else first - self._started,
            tokens_per_second=speed,
        )

    # --- actions ---

    def start(self, content: str | list[dict[str, Any]], param_sets: list[dict[str, Any]]) -> list[str]:
        """Send ``content`` once and start one reply per parameter set (each overrides the conversation's
        parameters; None values turn a parameter off). Returns the reasons it was refused ([] when started)."""
        if self._ids:
            raise RuntimeError("This compare has already run.")
        problems: list[str] = []
        self._controller.problem.connect(problems.append)
        try:
            self._started = self._clock()
            ids = self._controller.compare(self.conversation_id, content, param_sets)
        finally:
            self._controller.problem.disconnect(problems.append)
        if not ids:
            return problems or [self.tr("The compare could not be started.")]
        self._ids = ids
        self._question = self._store.message(ids[0]).parent_id
        if self._question is not None:
            self._before = self._store.message(self._question).parent_id
        self._param_sets = [dict(overrides) for overrides in param_sets]
        self._status = dict.fromkeys(ids, STREAMING)
        self._tick.start()
        return []

    def stop(self, index: int) -> None:
        """Stop set ``index``'s reply (what arrived is kept)."""
        self._controller.stop_reply(self._ids[index])

    def stop_all(self) -> None:
        for message_id in self._ids:
            if self._status.get(message_id) == STREAMING:
                self._controller.stop_reply(message_id)

    def keep(self, index: int, *, discard_others: bool = True) -> None:
        """Make set ``index``'s reply the one shown and its set's parameters the conversation's; with
        ``discard_others``, the other replies are stopped and deleted. `settled` follows once that is done
        (at the earliest on the next loop turn)."""
        kept = [index] if discard_others else range(len(self._ids))
        self._decide(kept, shown=index, adopt=True)

    def keep_some(self, indices: Collection[int]) -> None:
        """Keep the replies of the sets at ``indices`` and discard the others; the first kept is shown, the
        conversation's parameters stay as they were. Keeping none discards the prompt too (nothing of the run
        is left) and shows the branch shown before it. `settled` follows once that is done."""
        kept = sorted(index for index in indices if 0 <= index < len(self._ids))
        self._decide(kept, shown=kept[0] if kept else None, adopt=False)

    def _decide(self, kept: Collection[int], *, shown: int | None, adopt: bool) -> None:
        if self._deciding or not self._ids:
            return
        self._deciding = True
        self._chosen = None if shown is None else self._ids[shown]
        self._adopt = adopt
        self._discarding = {message_id for index, message_id in enumerate(self._ids) if index not in kept}
        for message_id in self._discarding:
            if self._status.get(message_id) == STREAMING:
                self._controller.stop_reply(message_id)
        QTimer.singleShot(0, self, self._settle)

    def release(self) -> None:
        """Stop following the replies (they go on streaming in the controller) and delete this object
        later; a choice being carried out is finished first."""
        if self._released:
            return
        if self.deciding:
            self.settled.connect(self.release)
            return
        self._released = True
        self._tick.stop()
        self._controller.reply_progress.disconnect(self._on_progress)
        self._controller.reply_finished.disconnect(self._on_finished)
        self.deleteLater()

    # --- the controller's signals ---

    def _index(self, conversation_id: int, message_id: int) -> int | None:
        if conversation_id != self.conversation_id or message_id not in self._ids:
            return None
        return self._ids.index(message_id)

    def _on_progress(self, conversation_id: int, message_id: int, partial: dict[str, Any]) -> None:
        index = self._index(conversation_id, message_id)
        if index is None or self._status.get(message_id) != STREAMING:
            return
        output = estimate_output_tokens(partial)
        if output and message_id not in self._first_output:
            self._first_output[message_id] = self._clock()
        self._estimates[message_id] = (output, total_input_tokens(partial.get("usage")))
        self.reply_progress.emit(index, partial)
        self.figures_changed.emit(index, self.figures(index))

    def _on_finished(self, conversation_id: int, message_id: int, status: str) -> None:
        index = self._index(conversation_id, message_id)
        if index is None:
            return
        self._status[message_id] = status
        try:
            message = self._store.message(message_id)
        except NotFoundError:
            pass  # deleted with its conversation meanwhile: nothing to show
        else:
            self.reply_finished.emit(index, message)
            self.figures_changed.emit(index, final_figures(message, self._cost_of))
        if not self.any_streaming():
            self._tick.stop()
        if message_id in self._discarding:
            # Later, not now: other slots of this signal may still read the message.
            QTimer.singleShot(0, self, self._settle)

    def _on_tick(self) -> None:
        for index, message_id in enumerate(self._ids):
            if self._status.get(message_id) == STREAMING:
                self.figures_changed.emit(index, self.figures(index))

    def _adopt_parameters(self, overrides: dict[str, Any]) -> None:
        """The chosen set's parameters become the conversation's: its next turn goes on as that reply did."""
        conversation = self._store.conversation(self.conversation_id)
        self._store.conversations.set_params(self.conversation_id, _overridden(conversation.params, overrides))

    def _settle(self) -> None:
        if self._settled or not self._deciding:
            return
        for message_id in sorted(self._discarding):
            if self._status.get(message_id) == STREAMING:
                continue  # stopped, not finished yet: this runs again when it has
            self._discarding.discard(message_id)
            with contextlib.suppress(NotFoundError):
                if not self._store.messages.children(message_id):
                    self._store.messages.delete(message_id)
        if self._discarding:
            return
        with contextlib.suppress(NotFoundError):  # the conversation was deleted meanwhile
            if self._chosen is not None:
                if self._adopt:
                    self._adopt_parameters(self._param_sets[self._ids.index(self._chosen)])
                self._controller.show_branch(self._chosen)
            else:
                self._discard_question()
        self._settled = True
        self.settled.emit()

    def _discard_question(self) -> None:
        """No reply kept: the prompt goes too (unless someone went on from a reply), and the branch shown
        before the compare is shown again."""
        if self._question is None:
            return
        if self._store.messages.children(self._question):
            self._controller.show_branch(self._question)
            return
        self._store.messages.delete(self._question)
        if self._before is not None:
            self._controller.show_branch(self._before)


def _overridden(params: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """``params`` with a set's overrides applied (None turns a parameter off)."""
    merged = dict(params)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
