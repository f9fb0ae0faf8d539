"""Start-up cost: `samtal --smoke-test` against a store of 10,000 conversations, versus a bare PySide6 process
that shows an empty QMainWindow and quits, measured in the same run (the ratio is what matters on a noisy
machine). Also the peak resident memory of each, and a "floor": the bare window plus what any app on this
stack pays before its own code runs (importing asyncio and qasync, and PySide6 building each Qt class and
enum Samtal uses on first touch).

    .venv/bin/python tests/bench/bench_startup.py [--conversations 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
QTimer.singleShot(0, window.close)
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""

FLOOR_PRELUDE = """
import asyncio, importlib
import qasync
for module, names in NAMES:  # every Qt class and namespace Samtal imports: PySide6 builds each on first use
    module = importlib.import_module(module)
    for name in names:
        getattr(module, name)
"""
FLOOR = FLOOR_PRELUDE + BARE  # then the same bare window

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(elapsed, peak_kb, code)
"""


def build_store(directory: Path, conversations: int) -> None:
    """``conversations`` conversations of 6 realistic messages each, in one transaction."""
    import uuid
    from datetime import UTC, datetime, timedelta

    from app.store import ConversationRecord, MessageRecord, Store

    start = datetime(2024, 1, 1, tzinfo=UTC)
    words = [
        "the",
        "quick",
        "brown",
        "fox",
        "jumps",
        "over",
        "a",
        "lazy",
        "dog",
        "while",
        "streaming",
        "markdown",
        "tables",
        "and",
        "code",
    ]
    with Store.open(directory / "samtal.sqlite3") as store, store.batch():
        for n in range(conversations):
            when = start + timedelta(minutes=7 * n)
            messages, parent = [], None
            for i in range(6):
                text = " ".join(words[(n + i + k) % len(words)] for k in range(40 if i % 2 else 12))
                record = MessageRecord(
                    uuid=str(uuid.uuid4()),
                    parent_uuid=parent,
                    role="assistant" if i % 2 else "user",
                    content=[{"type": "text", "text": text}],
                    created_at=when + timedelta(seconds=i),
                )
                messages.append(record)
                parent = record.uuid
            store.records.import_conversation(
                ConversationRecord(
                    uuid=str(uuid.uuid4()),
                    title=f"Conversation {n}",
                    created_at=when,
                    updated_at=when,
                    messages=messages,
                )
            )


def qt_names() -> list[tuple[str, list[str]]]:
    """(module, names) of every ``from PySide6.<module> import ...`` under app/."""
    import ast

    found: dict[str, set[str]] = {}
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                found.setdefault(str(node.module), set()).update(alias.name for alias in node.names)
    return sorted((module, sorted(names)) for module, names in found.items())


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one run of ``command``."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    seconds, peak_kb, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"{command} exited with {code}")
    return seconds, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # As installed: bytecode compiled once (pip does that at install time), not on every start.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], env=env, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        started = time.perf_counter()
        build_store(data, args.conversations)
        print(f"store: {args.conversations:,} conversations in {time.perf_counter() - started:.1f} s")
        samtal = [sys.executable, "-m", "app.main", "--smoke-test", "--data-dir", str(data)]
        bare = [sys.executable, "-c", BARE]
        floor = [sys.executable, "-c", f"NAMES = {qt_names()!r}\n{FLOOR}"]
        for command in (samtal, bare, floor):  # warm the page cache and compiled bytecode once
            measure(command, env)
        ours, theirs, floors = [], [], []
        for _ in range(args.runs):  # interleaved, so drifts in machine load hit all alike
            ours.append(measure(samtal, env))
            theirs.append(measure(bare, env))
            floors.append(measure(floor, env))
    o_time = statistics.median(t for t, _ in ours)
    b_time = statistics.median(t for t, _ in theirs)
    f_time = statistics.median(t for t, _ in floors)
    o_rss = max(m for _, m in ours)
    b_rss = max(m for _, m in theirs)
    print(f"samtal --smoke-test: median {o_time * 1000:.0f} ms, peak RSS {o_rss:.0f} MB")
    print(f"bare QMainWindow:    median {b_time * 1000:.0f} ms, peak RSS {b_rss:.0f} MB")
    print(f"floor:               median {f_time * 1000:.0f} ms (the bare window + asyncio, qasync and the Qt classes")
    print(f"                     Samtal uses, before any of its own code; ratio to bare {f_time / b_time:.2f}x)")
    print(f"ratio (goal <= 1.5): {o_time / b_time:.2f}x; idle RSS goal < 150 MB")
    print(f"ours vs the floor:   {o_time / f_time:.2f}x")


if __name__ == "__main__":
    main()
