"""Streaming a long Markdown reply into the transcript: what it costs the UI thread, and how that scales.

Run on demand (pytest does not collect tests/bench):

    .venv/bin/python tests/bench/bench_render.py [--tokens 20000] [--rate 1000] [--samples 40]

A 20,000-token reply (prose, headings, code blocks, tables, lists), one token per text delta, is played
by the demo server (a scripted `Stream`, ~1,000 deltas a second) to the real `ChatController` (real
`Store` in a temporary directory, real `ConnectionManager` and HTTP client), whose coalesced
``reply_progress`` reaches a real `TranscriptView` in a window (offscreen), wired as the composition root
wires it. This runs twice: with 10 and with 2,000 messages above the reply (the transcript loads the
newest page of 40). Printed per run:

- update cost: the UI-thread time of each streaming update (``update_reply`` plus the layout it
  triggers), median and p99, and amortised per delta;
- longest stall: the largest lateness of a 1 ms timer during the stream (everything on the UI thread:
  SSE parsing, rendering, layout, painting);
- the same updates re-rendered the naive way (the whole message rendered and set again), on a sample
  of the update points, in the same process.

Then the two ratios: 2,000 vs 10 messages (goal <= 1.2) and naive vs ours (goal >= 20).

With ``--shape NAME`` (a hostile shape of ``bench_markdown.py``: 200 KB of links, emphasis or code spans,
1,000 or 3,000 table rows, 300 columns) that text is streamed instead, and the longest stall is what to
look at (goal < 100 ms); ``--shape all`` runs each in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, Qt, QTimer
from PySide6.QtWidgets import QWidget

from app.chat.connection import ConnectionManager
from app.chat.controller import ChatController
from app.chat.transcript_loader import TranscriptLoader
from app.demo import DemoServer, Pause, Stream
from app.demo.completion import Completion, OutputBlock
from app.demo.tokens import split_tokens
from app.event_loop import run
from app.paths import resolve_paths
from app.render import render_markdown
from app.secrets import SecretStore
from app.settings import Profile, Settings
from app.store import Store
from app.ui.rich_text import RichTextView
from app.ui.transcript import TranscriptView
from tests.fixtures.keyrings import MemoryKeyring

WINDOW_SIZE = (1100, 800)
DELTAS_PER_PAUSE = 10  # the server sleeps every 10 deltas: sub-millisecond sleeps are not precise

_PROSE = (
    "Streaming text arrives in small pieces, and the view must keep up without blocking the window. "
    "Each finished block is rendered once; only the tail that is still growing is rendered again. "
    "Long conversations stay responsive because only the newest page of messages has widgets. "
    "Links such as https://example.com/docs are shown but never followed until the user clicks. "
)
_CODE = '''```python
def fibonacci(limit: int) -> list[int]:
    """The Fibonacci numbers below limit."""
    numbers = [0, 1]
    while numbers[-1] + numbers[-2] < limit:
        numbers.append(numbers[-1] + numbers[-2])
    return numbers


class Cache:
    def __init__(self, size: int = 128) -> None:
        self.size = size
        self.items: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.items.get(key)
```'''
_TABLE = """| Model | Context | Output | Notes |
|-------|--------:|-------:|-------|
| small | 200,000 | 64,000 | fast and cheap |
| medium | 200,000 | 64,000 | balanced |
| large | 200,000 | 128,000 | most capable |
| custom | 100,000 | 8,000 | through a gateway |"""


def build_reply(tokens: int) -> str:
    """Deterministic Markdown of exactly ``tokens`` demo-tokenizer tokens."""
    sections: list[str] = []
    n = 0
    while sum(len(split_tokens(s)) for s in sections) < tokens:
        n += 1
        sections += [
            f"## Part {n}: notes on streaming",
            _PROSE * 2,
            f"Some **bold** and *italic* words, `inline code`, and item {n} of the list below.",
            f"- first point of part {n}\n- second point, a little longer than the first\n- third point",
            _CODE,
            _TABLE,
            _PROSE,
        ]
    pieces = split_tokens("\n\n".join(sections))
    return "".join(pieces[:tokens])


def stream_items(text: str, rate: float) -> list[Any]:
    """The SSE events of a one-text-block reply, one token per delta, paced at ``rate`` deltas a second."""
    pieces = split_tokens(text)
    block = OutputBlock(
        start={"type": "text", "text": ""},
        deltas=tuple({"type": "text_delta", "text": piece} for piece in pieces),
        final={"type": "text", "text": text},
    )
    events = Completion("claude-bench", (block,), "end_turn", None, 10, len(pieces)).events("msg_bench")
    items: list[Any] = []
    deltas = 0
    for event in events:
        items.append(event)
        if event.get("type") == "content_block_delta":
            deltas += 1
            if deltas % DELTAS_PER_PAUSE == 0:
                items.append(Pause(DELTAS_PER_PAUSE / rate))
    return items


class StallMonitor:
    """A 1 ms timer; records how late each tick is (the UI thread was busy meanwhile)."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._last = 0
        self.ticks: list[tuple[float, float]] = []  # (seconds since start, gap before it in ms)

    def start(self) -> None:
        self.ticks.clear()
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self.ticks.append((now / 1e9, (now - self._last) / 1e6))
        self._last = now

    def busy_ms(self) -> float:
        """Roughly how long the thread was busy: the sum of the ticks' lateness."""
        return sum(max(0.0, gap - 1.0) for _, gap in self.ticks)

    def longest_stall(self, after: float = 0.0) -> tuple[float, float]:
        """(lateness in ms, when in seconds) of the latest tick, counting ticks from ``after`` seconds."""
        gap, when = max(((gap, when) for when, gap in self.ticks if when >= after), default=(1.0, 0.0))
        return gap - 1.0, when


class GcPauses:
    """Records how long each full garbage collection takes until stopped (they show up as stalls)."""

    def __init__(self) -> None:
        self._started = 0.0
        self.pauses_ms: list[float] = []
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses_ms.append((time.perf_counter() - self._started) * 1000)

    def stop(self) -> list[float]:
        gc.callbacks.remove(self._callback)
        return self.pauses_ms


@dataclass
class RunResult:
    """What one streaming run measured."""

    above: int
    deltas: int
    seconds: float
    update_ms: list[float] = field(default_factory=list)
    update_lengths: list[int] = field(default_factory=list)  # text length at each update
    longest_stall: tuple[float, float] = (0.0, 0.0)  # (ms, at second)
    streaming_stall: tuple[float, float] = (0.0, 0.0)  # the same from the first update on
    first_update_at: float = 0.0
    busy_ms: float = 0.0  # all UI-thread work during the stream (parsing, saving, rendering, painting)
    finish_ms: float = 0.0  # finish_reply: the final render (code highlighted) and the message's chrome
    gc_pauses_ms: list[float] = field(default_factory=list)  # full (generation 2) collections meanwhile
    widgets: int = 0

    @property
    def delta_rate(self) -> float:
        return self.deltas / self.seconds


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _text_of(partial: dict[str, Any]) -> str:
    return "".join(b.get("text", "") for b in partial.get("content", []) if b.get("type") == "text")


def _fill(store: Store, conversation_id: int, count: int) -> None:
    parent = None
    with store.batch():
        for n in range(count):
            role = "user" if n % 2 == 0 else "assistant"
            text = f"Question {n}: how does this work?" if role == "user" else f"Answer {n}.\n\n{_PROSE}\n\n{_TABLE}"
            parent = store.add_message(conversation_id, role, text, parent_id=parent).id


async def stream_once(server: DemoServer, workdir: Path, text: str, rate: float, above: int) -> RunResult:
    """Stream ``text`` into a transcript showing ``above`` earlier messages; measure the UI thread."""
    paths = resolve_paths(workdir / f"run-{above}")
    paths.ensure()
    store = Store.open(paths.store)
    connections = ConnectionManager(Settings.load(paths), SecretStore(MemoryKeyring()), paths.cache, environ={})
    connections.use_profile(Profile("bench", "Bench", "custom", server.url, "x-api-key"), token="bench-token")
    controller = ChatController(store, connections, default_params=lambda: {"model": "claude-bench"})
    loader = TranscriptLoader(store)
    conversation_id = store.create_conversation().id
    _fill(store, conversation_id, above)

    window = QWidget()
    window.resize(*WINDOW_SIZE)
    view = TranscriptView(window)
    view.resize(*WINDOW_SIZE)
    window.show()
    view.show_page(loader.latest(conversation_id))

    result = RunResult(above, len(split_tokens(text)), 0.0)
    started = 0.0
    finished = asyncio.get_running_loop().create_future()

    # The wiring of the composition root, with the transcript's part timed.
    def on_branch(cid: int) -> None:
        if cid == view.conversation_id():
            view.show_page(loader.latest(cid))

    def on_progress(cid: int, mid: int, partial: dict[str, Any]) -> None:
        nonlocal started
        if cid != view.conversation_id():
            return
        start = time.perf_counter()
        if not result.update_ms:
            result.first_update_at = start - started
        view.update_reply(mid, partial)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the relayout it causes
        result.update_ms.append((time.perf_counter() - start) * 1000)
        result.update_lengths.append(len(_text_of(partial)))

    def on_finished(cid: int, mid: int, status: str) -> None:
        if cid == view.conversation_id():
            entry = loader.entry(mid)
            start = time.perf_counter()
            view.finish_reply(entry)
            result.finish_ms = (time.perf_counter() - start) * 1000
        if not finished.done():
            finished.set_result(status)

    controller.branch_changed.connect(on_branch)
    controller.reply_progress.connect(on_progress)
    controller.reply_finished.connect(on_finished)
    await asyncio.sleep(0.2)  # let the window settle before measuring
    idle = StallMonitor()  # an idle loop's ticks are late too (timer granularity): measure that baseline
    idle.start()
    await asyncio.sleep(0.5)
    idle.stop()
    idle_lateness_per_second = idle.busy_ms() / 0.5

    server.script.push(Stream(stream_items(text, rate)))
    gc.collect()
    collections = GcPauses()
    monitor = StallMonitor()
    monitor.start()
    started = time.perf_counter()  # the monitor's clock starts with it
    controller.send(conversation_id, "Please write the long answer.")
    status = await asyncio.wait_for(finished, timeout=600)
    result.seconds = time.perf_counter() - started
    monitor.stop()
    result.gc_pauses_ms = collections.stop()
    result.busy_ms = max(0.0, monitor.busy_ms() - idle_lateness_per_second * result.seconds)
    if status != "complete":
        raise RuntimeError(f"the reply ended as {status}")
    result.longest_stall = monitor.longest_stall()
    result.streaming_stall = monitor.longest_stall(after=result.first_update_at + 0.05)
    result.widgets = len(view.message_views())
    shown = view.message_view(view.message_views()[-1].message_id)
    if shown is None or shown.markdown() != text:
        raise RuntimeError("the transcript does not show the reply that was streamed")

    await connections.aclose()
    store.close()
    window.close()
    window.deleteLater()
    return result


def naive_costs(text: str, lengths: list[int], samples: int) -> tuple[list[int], list[float]]:
    """Re-render the whole message at ``samples`` evenly spread update points; (points, ms each)."""
    host = QWidget()
    host.resize(*WINDOW_SIZE)
    view = RichTextView(host)
    view.resize(WINDOW_SIZE[0] - 2 * 120, 100)  # about the width of the transcript's column
    host.show()
    step = max(1, len(lengths) // samples)
    points = list(range(0, len(lengths), step))
    costs = []
    for index in points:
        start = time.perf_counter()
        view.set_html(render_markdown(text[: lengths[index]]))
        view.document().size()  # the layout a shown message needs
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        costs.append((time.perf_counter() - start) * 1000)
    host.close()
    host.deleteLater()
    return points, costs


def report(result: RunResult) -> None:
    updates = result.update_ms
    print(
        f"  {result.above:>5} messages above ({result.widgets} loaded): {result.deltas} deltas in "
        f"{result.seconds:.1f} s ({result.delta_rate:.0f}/s), {len(updates)} updates "
        f"({result.deltas / max(1, len(updates)):.0f} deltas each)"
    )
    print(
        f"        update cost (update_reply + the layout it causes): median {statistics.median(updates):.2f} ms, "
        f"p99 {_percentile(updates, 0.99):.2f} ms, max {max(updates):.2f} ms; "
        f"per delta {sum(updates) / result.deltas * 1000:.1f} µs amortised"
    )
    stall, at = result.longest_stall
    streaming_stall, streaming_at = result.streaming_stall
    print(
        f"        longest stall (1 ms timer lateness): {stall:.1f} ms at {at:.2f} s; while streaming (after the "
        f"first update at {result.first_update_at:.2f} s): {streaming_stall:.1f} ms at {streaming_at:.2f} s"
    )
    print(
        f"        UI thread busy with everything (SSE parsing, controller, saving, rendering, layout, painting; "
        "idle timer lateness subtracted): "
        f"{result.busy_ms / (result.seconds * 1000):.0%} of the time, {result.busy_ms / result.deltas * 1000:.0f} µs "
        "per delta"
    )
    pauses = ", ".join(f"{pause:.0f}" for pause in result.gc_pauses_ms) or "none"
    print(f"        finish_reply: {result.finish_ms:.1f} ms; full garbage collections meanwhile (ms): {pauses}")


async def shapes(args: argparse.Namespace) -> None:
    """Stream hostile shapes (see bench_markdown.hostile_shapes) and report the longest UI-thread stall of each."""
    from tests.bench.bench_markdown import hostile_shapes

    chosen = hostile_shapes() if args.shape == "all" else {args.shape: hostile_shapes()[args.shape]}
    with DemoServer(delay=0.0, record_requests=False) as server, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        await stream_once(server, workdir, build_reply(1500), args.rate * 4, 2)  # warm-up: imports, caches
        for number, (name, text) in enumerate(chosen.items()):
            result = await stream_once(server, workdir / str(number), text, args.rate, 2)
            stall, _ = result.streaming_stall
            updates = result.update_ms
            print(
                f"{name:24} {len(text):8,} chars, {result.deltas:6} deltas in {result.seconds:5.1f} s: longest stall "
                f"{stall:6.1f} ms; update median {statistics.median(updates):5.1f} ms, max {max(updates):6.1f} ms; "
                f"finish_reply {result.finish_ms:6.1f} ms"
            )


async def main(args: argparse.Namespace) -> None:
    if args.shape:
        await shapes(args)
        return
    text = build_reply(args.tokens)
    print(f"reply: {args.tokens} tokens, {len(text):,} characters, paced at {args.rate:.0f} deltas/s")
    if args.freeze_gc:
        gc.freeze()  # what an app can do once started: leave start-up objects out of full collections
    with DemoServer(delay=0.0, record_requests=False) as server, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        await stream_once(server, workdir, build_reply(1500), args.rate * 4, 2)  # warm-up: imports, caches
        results = {above: await stream_once(server, workdir, text, args.rate, above) for above in (10, 2000)}
    for result in results.values():
        report(result)

    small, large = results[10], results[2000]
    scale = statistics.median(large.update_ms) / statistics.median(small.update_ms)
    scale_p99 = _percentile(large.update_ms, 0.99) / _percentile(small.update_ms, 0.99)
    print(f"2,000 vs 10 messages: median {scale:.2f}x, p99 {scale_p99:.2f}x (goal <= 1.2)")

    points, naive = naive_costs(text, small.update_lengths, args.samples)
    ours = [small.update_ms[i] for i in points]
    ratio = statistics.mean(naive) / statistics.mean(ours)
    print(
        f"whole message re-rendered per update, at {len(points)} of the same update points: "
        f"mean {statistics.mean(naive):.1f} ms, max {max(naive):.1f} ms; "
        f"ours mean {statistics.mean(ours):.2f} ms there -> {ratio:.0f}x less (goal >= 20)"
    )


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="deltas per second")
    parser.add_argument("--samples", type=int, default=40, help="update points re-rendered the naive way")
    parser.add_argument("--freeze-gc", action="store_true", help="gc.freeze() after start-up, as an app may")
    parser.add_argument("--shape", help="stream a hostile shape of bench_markdown.py instead (or: all)")
    run(main(parser.parse_args()))
