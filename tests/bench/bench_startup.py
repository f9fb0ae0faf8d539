"""Start-up cost: `samtal --smoke-test` against a store of 10,000 conversations, versus a bare PySide6 process
that shows an empty QMainWindow and quits, measured in the same run (the ratio is what matters on a noisy
machine). Also the peak resident memory of each.

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
            store.import_conversation(
                ConversationRecord(
                    uuid=str(uuid.uuid4()),
                    title=f"Conversation {n}",
                    created_at=when,
                    updated_at=when,
                    messages=messages,
                )
            )


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
        measure(samtal, env)  # warm the page cache and compiled bytecode once
        measure(bare, env)
        ours, theirs = [], []
        for _ in range(args.runs):  # interleaved, so drifts in machine load hit both alike
            ours.append(measure(samtal, env))
            theirs.append(measure(bare, env))
    o_time = statistics.median(t for t, _ in ours)
    b_time = statistics.median(t for t, _ in theirs)
    o_rss = max(m for _, m in ours)
    b_rss = max(m for _, m in theirs)
    print(f"samtal --smoke-test: median {o_time * 1000:.0f} ms, peak RSS {o_rss:.0f} MB")
    print(f"bare QMainWindow:    median {b_time * 1000:.0f} ms, peak RSS {b_rss:.0f} MB")
    print(f"ratio (goal <= 1.5): {o_time / b_time:.2f}x; idle RSS goal < 150 MB")


if __name__ == "__main__":
    main()
