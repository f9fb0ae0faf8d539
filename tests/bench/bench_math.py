"""Math while a reply streams: what formulas cost the UI thread, the first time (ziamath not yet loaded, every
formula new) and again (every formula drawn already).

Run on demand (pytest does not collect tests/bench):

    .venv/bin/python tests/bench/bench_math.py [--copies 4] [--rate 1000]

The demo server's math answer (12 formulas), repeated ``--copies`` times with the formulas made different in
each copy, is fed to a real ``MarkdownView`` in a window (offscreen), one token at a time at ``--rate`` tokens
a second, as the transcript feeds a streaming reply. A 1 ms timer measures the UI thread's longest stall;
each update's cost (``stream_markdown`` plus the layout it causes) is timed. Then the drawings still pending
are waited for, and the whole is streamed again (every drawing remembered). Printed per run: the longest
stall, the update cost (median, p99, max), the time from the end of the stream until every formula was drawn
and shown, and how many formulas there were.

Goal: the longest stall stays within what the same reply without math costs (the formulas are drawn in the
formula thread, never on the UI thread): compare with ``--no-math``, which streams the same text with every
formula written as inline code.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.demo.answers import math_answer  # noqa: E402
from app.demo.tokens import split_tokens  # noqa: E402
from app.render import formula_of, is_display, known_drawing, render_markdown  # noqa: E402
from app.ui.rich_text import MarkdownView  # noqa: E402

_FORMULA_RE = re.compile(r"(\$\$?)(?=\S)(.+?)(?<=\S)\1(?!\d)|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)


def reply(copies: int, math: bool) -> str:
    """The math answer ``copies`` times, each copy's formulas made new (a different subscript)."""
    parts = []
    for copy in range(copies):
        text = math_answer(f"math, copy {copy}").replace("\\theta", f"\\theta_{{{copy}}}")
        text = text.replace("x_{1,2}", f"x_{{{copy},{copy + 1}}}").replace("k=1", f"k={copy + 1}")
        text = text.replace("ax^2", f"a_{copy}x^2").replace("e^{i\\pi}", f"e^{{i\\pi}} {copy} ")
        if not math:
            text = _FORMULA_RE.sub(lambda m: "`" + m[0].replace("`", "'") + "`", text)
        parts.append(text)
    return "\n\n".join(parts)


def stream(app: QApplication, view: MarkdownView, text: str, rate: float) -> dict[str, float]:
    tokens = split_tokens(text)
    lateness: list[float] = []
    clock = QElapsedTimer()
    last = [0.0]

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        lateness.append(now - last[0] - 1)
        last[0] = now

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    costs = []
    shown = ""
    started = time.perf_counter()
    for index, token in enumerate(tokens):
        while time.perf_counter() < started + index / rate:
            app.processEvents()
        shown += token
        before = time.perf_counter()
        view.stream_markdown(shown)
        view.document().documentLayout().documentSize()  # the layout the update causes
        costs.append((time.perf_counter() - before) * 1000)
        app.processEvents()
    view.finish_markdown(shown)
    ended = time.perf_counter()
    formulas = [formula_of(url) for url in re.findall(r'src="(math:[^"]+)"', render_markdown(text))]
    while any(known_drawing(latex, is_display(delimiter)) is None for latex, delimiter in filter(None, formulas)):
        app.processEvents()
    for _ in range(20):  # the layout after the last drawings
        app.processEvents()
        time.sleep(0.005)
    drawn = time.perf_counter()
    timer.stop()
    costs.sort()
    return {
        "stall": max(lateness, default=0.0),
        "median": statistics.median(costs),
        "p99": costs[int(len(costs) * 0.99)],
        "max": costs[-1],
        "drawn_after": (drawn - ended) * 1000,
        "formulas": len(formulas),
        "updates": len(costs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--rate", type=float, default=1000.0, help="tokens a second")
    parser.add_argument("--no-math", action="store_true", help="the formulas as inline code instead")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    window = QWidget()
    window.resize(900, 800)
    window.show()
    text = reply(args.copies, not args.no_math)
    for run in ("first", "again"):
        view = MarkdownView(window)
        view.resize(860, 100)
        view.show()
        result = stream(app, view, text, args.rate)
        print(
            f"{run}: {result['formulas']:.0f} formulas, {result['updates']:.0f} updates; longest stall "
            f"{result['stall']:.1f} ms; update cost median {result['median']:.2f} ms, p99 {result['p99']:.2f} ms, "
            f"max {result['max']:.2f} ms; all drawn and shown {result['drawn_after']:.0f} ms after the end"
        )
        view.deleteLater()


if __name__ == "__main__":
    main()
