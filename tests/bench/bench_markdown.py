"""Cost of showing a long streaming reply: IncrementalRenderer against re-rendering everything.

Run on demand (pytest does not collect tests/bench):

    .venv/bin/python tests/bench/bench_markdown.py [--kilobytes 80] [--delta 4] [--qt]

Builds a ~20,000-token (~80 KB) Markdown reply (fixed seed) of prose, nested lists, tables, quotes and
code blocks in several languages, and streams it in deltas of ~4 characters:

- through ``IncrementalRenderer.append`` (every delta timed): median, p99, max and total, and the
  median of each tenth of the stream (the reply is ten sections of the same shape, so the row is flat
  when the cost does not grow with the message);
- through ``render_markdown`` of the whole text so far, the naive way (every 50th delta timed, the
  total extrapolated), and the ratio of the two.

Also: one ``render_markdown`` of a 20 KB reply, and the import time of ``app.render``. With ``--qt``
the stream is also shown by the transcript's ``MarkdownView`` (rendering and updating its document),
and that cost is reported too.

With ``--shapes`` (only those, or ``--shapes-only``): replies a model or a gateway can produce that were
slow (200 KB of links, emphasis or code spans in one paragraph; 1,000 and 3,000 table rows; 300 columns),
each converted whole (``render_markdown``, as the render thread does) and shown by a ``MarkdownView``
twice: at once (``show_markdown``, as when a conversation opens) and streamed in 100 updates. For the
view, the worst UI-thread stall: the longest single call on the UI thread (an update, or one turn of the
event loop while the render thread works), which must stay under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.render import IncrementalRenderer, preload, render_markdown  # noqa: E402

_PROSE = (
    "the renderer streams each block once while the tail is parsed again so that a long reply stays "
    "smooth and the user sees text as soon as it arrives with code tables lists quotes and links "
    "configuration request response token model latency cache thread queue socket buffer"
)
_WORDS = _PROSE.split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 18))]
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"`{rng.choice(_WORDS)}()`"
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = f"**{rng.choice(_WORDS)}**"
    if rng.random() < 0.1:
        words[rng.randrange(len(words))] = f"[docs](https://example.com/{rng.choice(_WORDS)})"
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def _code(rng: random.Random) -> str:
    language = rng.choice(["python", "javascript", "bash", "rust", ""])
    lines = []
    for i in range(rng.randint(8, 40)):
        indent = "    " * rng.randint(0, 2)
        lines.append(f"{indent}value_{i} = compute({rng.choice(_WORDS)!r}, {i})  # {rng.choice(_WORDS)}")
        if rng.random() < 0.1:
            lines.append("")
    return f"```{language}\n" + "\n".join(lines) + "\n```"


def _table(rng: random.Random) -> str:
    rows = ["| Name | Count | Notes |", "|:-----|------:|-------|"]
    rows += [f"| {rng.choice(_WORDS)} | {rng.randint(1, 999)} | {_sentence(rng)} |" for _ in range(rng.randint(3, 8))]
    return "\n".join(rows)


def _list(rng: random.Random) -> str:
    items = []
    for i in range(rng.randint(3, 6)):
        items.append(f"{i + 1}. {_sentence(rng)}")
        if rng.random() < 0.4:
            items.append(f"   - {_sentence(rng)}")
        if rng.random() < 0.2:
            items.append("   ```bash\n   pip install samtal\n   ```")
    return "\n".join(items)


def build_reply(kilobytes: float, seed: int = 1) -> str:
    """A Markdown reply of about ``kilobytes`` KB with the mix a long model answer has.

    It is ten sections of the same shape (only the code differs, so that no cache helps later ones):
    the cost of streaming the first and the last section can be compared directly.
    """
    section = _section(kilobytes * 100, random.Random(seed))
    return "".join(section.replace("value_", f"v{i:02d}___") for i in range(10))


def _section(characters: float, rng: random.Random) -> str:
    blocks: list[str] = []
    size = 0
    while size < characters:
        kind = rng.choices(["heading", "para", "code", "table", "list", "quote"], [1, 6, 2, 1, 2, 1])[0]
        if kind == "heading":
            block = f"## {_sentence(rng)[:-1]}"
        elif kind == "para":
            block = _paragraph(rng)
        elif kind == "code":
            block = _code(rng)
        elif kind == "table":
            block = _table(rng)
        elif kind == "list":
            block = _list(rng)
        else:
            block = "> " + _paragraph(rng)
        blocks.append(block)
        size += len(block) + 2
    return "\n\n".join(blocks) + "\n\n"


def _tenths(values: list[float]) -> str:
    """Median of each tenth of ``values``, in ms."""
    size = len(values) // 10
    return " ".join(f"{statistics.median(values[i * size : (i + 1) * size]) * 1000:6.3f}" for i in range(10))


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def _shown_in_qt(text: str, deltas: list[str]) -> list[float]:
    """Seconds per delta for the transcript's MarkdownView to show the text so far (render and update)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from app.ui.rich_text import MarkdownView

    application = QApplication.instance() or QApplication([])
    window = QWidget()
    window.resize(860, 600)
    view = MarkdownView(window)
    view.resize(800, 100)
    window.show()
    costs: list[float] = []
    end = 0
    for delta in deltas:
        end += len(delta)
        start = time.perf_counter()
        view.stream_markdown(text[:end])
        costs.append(time.perf_counter() - start)
    view.finish_markdown(text)
    window.close()
    application.processEvents()
    return costs


def _long_table(rows: int, columns: int = 4) -> str:
    head = "| " + " | ".join(f"Head {c}" for c in range(columns)) + " |\n|" + "---|" * columns + "\n"
    return head + "".join("| " + " | ".join(f"cell {r}.{c}" for c in range(columns)) + " |\n" for r in range(rows))


def hostile_shapes() -> dict[str, str]:
    """Replies that were slow to render, by name (each about 200 KB unless named otherwise)."""
    size = 200_000
    return {
        "links [a](http://h/)": "[a](http://h/) " * (size // 15),
        "links [n](https://…/n)": "".join(f"[{n}](https://example.com/page/{n}) " for n in range(size // 33)),
        "emphasis *a* **b**": "*a* **b** " * (size // 10),
        "underscores _a": "_a " * (size // 3),
        "code spans `a`": "`a` " * (size // 4),
        "table 1,000 rows": _long_table(1_000),
        "table 3,000 rows": _long_table(3_000),
        "table 300 columns": _long_table(10, 300),
        "table 60 columns": _long_table(500, 60),  # the widest rendered: a chunk (a table of its own) per row
        "prose 100 KB": "The quick brown fox jumps over the lazy dog. " * (100_000 // 45),
        "no white space": "x" * size,
        "code block 150 KB": "```python\n" + "".join(f"value_{i} = compute({i})  # x\n" for i in range(4_500)) + "```",
    }


class Stall:
    """One call on the UI thread, in seconds: wall clock, and what it was made of (on Linux, from the thread's
    ``/proc/.../schedstat``): running (CPU), waiting for a core (other processes had them), and the rest,
    waiting while ready to run in Python: for the interpreter (the render thread held it), or in a blocking call."""

    __slots__ = ("cpu", "queued", "wall")

    def __init__(self, wall: float = 0.0, cpu: float = 0.0, queued: float = 0.0) -> None:
        self.wall, self.cpu, self.queued = wall, cpu, queued

    @property
    def interpreter(self) -> float:
        return max(0.0, self.wall - self.cpu - self.queued)


def _schedstat() -> tuple[float, float] | None:
    """(seconds on a CPU, seconds waiting for one) of this thread so far; None where the kernel does not say."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as stat:
            running, waiting, _ = stat.read().split()
    except OSError:
        return None
    return int(running) / 1e9, int(waiting) / 1e9


def _worst_ui_stall(text: str, *, streamed: bool) -> tuple[Stall, float, float, Stall]:
    """(the worst single UI-thread call, time until shown rendered in s, the worst turn of laying the view out again
    after it was made narrower, the whole relayout as one ``Stall``: its sum) for a MarkdownView showing ``text``.
    A stall's CPU time leaves out the time the thread waited for a core or for the interpreter (the render
    thread's conversion): what the stall would be on an idle machine."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QWidget

    from app.ui.rich_text import MarkdownView

    application = QApplication.instance() or QApplication([])
    window = QWidget()
    window.resize(860, 600)
    view = MarkdownView(window)
    view.resize(800, 100)
    window.show()
    worst = Stall()
    started = time.perf_counter()

    def timed(call: Any, *args: Any) -> Stall:
        nonlocal worst
        before = _schedstat()
        start, start_cpu = time.perf_counter(), time.thread_time()
        call(*args)
        wall, cpu = time.perf_counter() - start, time.thread_time() - start_cpu
        after = _schedstat()
        queued = after[1] - before[1] if after is not None and before is not None else 0.0
        stall = Stall(wall, cpu, queued)
        if wall > worst.wall:
            worst = stall
        return stall

    if streamed:
        step = max(1, len(text) // 100)
        for end in range(step, len(text) + step, step):
            timed(view.stream_markdown, text[:end])
            timed(application.processEvents)
        timed(view.finish_markdown, text)
    else:
        timed(view.show_markdown, text)
    while view.is_rendering:
        timed(application.processEvents)
        time.sleep(0.001)
    timed(application.processEvents)
    shown = time.perf_counter() - started
    # A narrower window: the view lays all of it out again (in steps when it is large, see app.ui.relayout).
    shown_worst, worst = worst, Stall()
    start = time.perf_counter()
    timed(view.resize, 700, view.height())
    timed(application.processEvents)
    while view.is_relaying_out:
        timed(application.processEvents)
    resized = time.perf_counter() - start
    resize_worst = worst
    window.close()
    application.processEvents()
    return shown_worst, shown, resized, resize_worst


def _stall(stall: Stall) -> str:
    """``wall (cpu/queued/interpreter)`` in ms."""
    return (
        f"{stall.wall * 1000:5.0f} ({stall.cpu * 1000:3.0f}/{stall.queued * 1000:3.0f}/{stall.interpreter * 1000:3.0f})"
    )


def report_shapes(only: str = "") -> None:
    """Measure and print the hostile shapes (those whose name contains ``only``)."""
    preload()  # as the app does after its first paint: imports are not a reply's cost
    _worst_ui_stall("# warm-up\n\n| a |\n|---|\n| b |", streamed=True)  # Qt's fonts and first layout
    print("\nhostile shapes: render_markdown (render thread), and the MarkdownView's worst UI-thread stall in ms,")
    print("and in brackets what it was made of: running / waiting for a core (other processes) / waiting for the")
    print("interpreter (the render thread had it). Shown at once, and streamed in 100 updates; then made narrower")
    print("(resize: the worst turn of laying it out again, and all of it in s).")
    print(f"Switch interval {sys.getswitchinterval() * 1000:g} ms (shorter while the render thread works).")
    print(
        f"  {'shape':24} {'chars':>8} {'convert':>9}  {'shown: stall':>19} {'ready':>7}"
        f"  {'streamed: stall':>19} {'ready':>7}  {'resize: stall':>19} {'all':>6}"
    )
    for name, text in hostile_shapes().items():
        if only not in name:
            continue
        start = time.perf_counter()
        render_markdown(text)
        convert = time.perf_counter() - start
        shown_stall, shown_ready, resized, resize_stall = _worst_ui_stall(text, streamed=False)
        stream_stall, stream_ready, _, _ = _worst_ui_stall(text, streamed=True)
        print(
            f"  {name:24} {len(text):8,} {convert * 1000:6.0f} ms  {_stall(shown_stall)} {shown_ready:5.1f} s"
            f"  {_stall(stream_stall)} {stream_ready:5.1f} s  {_stall(resize_stall)} {resized:4.1f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kilobytes", type=float, default=80.0, help="size of the reply (default 80)")
    parser.add_argument("--delta", type=int, default=4, help="characters per streamed delta (default 4)")
    parser.add_argument("--sample-every", type=int, default=50, help="baseline: time every n-th delta")
    parser.add_argument("--qt", action="store_true", help="also show the stream in the transcript's MarkdownView")
    parser.add_argument("--shapes", action="store_true", help="also the hostile shapes (see above)")
    parser.add_argument("--shapes-only", action="store_true", help="only the hostile shapes")
    parser.add_argument("--shape", default="", help="only the hostile shapes whose name contains this")
    args = parser.parse_args()
    if args.shapes_only:
        report_shapes(args.shape)
        return

    text = build_reply(args.kilobytes)
    deltas = [text[i : i + args.delta] for i in range(0, len(text), args.delta)]
    print(f"reply: {len(text):,} characters (~{len(text) // 4:,} tokens), {len(deltas):,} deltas of {args.delta}")

    probe = "import time; t = time.perf_counter(); import app.render; print(time.perf_counter() - t)"
    imports = [
        float(subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True).stdout)
        for _ in range(5)
    ]
    print(f"import app.render (markdown and Pygments load lazily): {_ms(min(imports))}")
    start = time.perf_counter()
    preload()
    print(f"preload() (markdown-it-py + Pygments):               {_ms(time.perf_counter() - start)}")

    reply_20k = text[: text.index("\n\n", 20_000)]
    full_times = []
    for _ in range(7):
        start = time.perf_counter()
        render_markdown(reply_20k)
        full_times.append(time.perf_counter() - start)
    kilobytes = len(reply_20k) / 1000
    print(f"render_markdown of a {kilobytes:.0f} KB reply (median of 7):      {_ms(statistics.median(full_times))}")

    renderer = IncrementalRenderer()
    costs: list[float] = []
    for delta in deltas:
        start = time.perf_counter()
        renderer.append(delta)
        costs.append(time.perf_counter() - start)
    start = time.perf_counter()
    renderer.finish()
    finish_cost = time.perf_counter() - start
    total = sum(costs) + finish_cost
    qt_costs = _shown_in_qt(text, deltas) if args.qt else []

    baseline: list[float] = []
    for index in range(0, len(deltas), args.sample_every):
        so_far = text[: (index + 1) * args.delta]
        start = time.perf_counter()
        render_markdown(so_far)
        baseline.append(time.perf_counter() - start)
    baseline_total = statistics.fmean(baseline) * len(deltas)

    print("\nIncrementalRenderer.append, per delta:")
    print(f"  median {_ms(statistics.median(costs))}   p99 {_ms(_percentile(costs, 0.99))}   max {_ms(max(costs))}")
    print(f"  median per tenth of the stream (ms): {_tenths(costs)}")
    print(f"  finish() {_ms(finish_cost)}   total {total:8.2f} s")
    print(f"\nrender_markdown of the whole text so far, per delta ({len(baseline)} samples):")
    print(
        f"  median {_ms(statistics.median(baseline))}   p99 {_ms(_percentile(baseline, 0.99))}   "
        f"max {_ms(max(baseline))}"
    )
    print(f"  median per tenth of the stream (ms): {_tenths(baseline)}")
    print(f"  total (extrapolated) {baseline_total:8.2f} s")
    print(f"\nratio naive / incremental: {baseline_total / total:.0f}x in total")
    if qt_costs:
        print("\nMarkdownView.stream_markdown (rendering and updating its document), per delta:")
        print(
            f"  median {_ms(statistics.median(qt_costs))}   p99 {_ms(_percentile(qt_costs, 0.99))}   "
            f"max {_ms(max(qt_costs))}   total {sum(qt_costs):8.2f} s"
        )
        print(f"  median per tenth of the stream (ms): {_tenths(qt_costs)}")
    if args.shapes:
        report_shapes(args.shape)


if __name__ == "__main__":
    main()
