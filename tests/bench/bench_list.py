"""Benchmark of the conversation list with 10,000 conversations: what a user waits for.

Builds a store of 10,000 conversations (a few tagged or pinned, each with some messages), then times, on an
offscreen Qt platform: the first page of the list model, the sidebar from construction to its first paint,
scrolling to the bottom (every page fetched as the view asks for it), a repaint of the viewport while
scrolling through the whole list, and a one-row refresh (a new message moving a conversation to the top).

    .venv/bin/python tests/bench/bench_list.py
    .venv/bin/python tests/bench/bench_list.py --conversations 2000 --messages 4

Goals: first page < 20 ms; first paint < 100 ms; repaint while scrolling p99 < 16 ms (60 frames a second).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QModelIndex  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.chat.conversation_models import ConversationListModel, SearchResultsModel  # noqa: E402
from app.store import ConversationRecord, MessageRecord, Store  # noqa: E402
from app.ui.sidebar import Sidebar  # noqa: E402

GOALS_MS = {"first page": 20.0, "first paint": 100.0, "repaint p99": 16.0}
TAGS = ("work", "home", "code", "travel", "reading")


def build(store: Store, conversations: int, messages: int) -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with store.batch():
        for number in range(conversations):
            when = start + timedelta(minutes=37 * number)
            records = [
                MessageRecord(
                    uuid=str(uuid.uuid4()),
                    parent_uuid=None,
                    role="user" if turn % 2 == 0 else "assistant",
                    content=[{"type": "text", "text": f"message {turn} of conversation {number}"}],
                    created_at=when + timedelta(seconds=turn),
                )
                for turn in range(messages)
            ]
            for parent, child in pairwise(records):
                child.parent_uuid = parent.uuid
            store.records.import_conversation(
                ConversationRecord(
                    uuid=str(uuid.uuid4()),
                    title=f"Conversation {number} about something worth a title of some length",
                    created_at=when,
                    updated_at=when + timedelta(seconds=messages),
                    messages=records,
                    tags=TAGS[: number % 4] if number % 3 == 0 else (),
                    pinned=number % 1000 == 0,
                )
            )


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.2f} ms, p99 {p99:.2f} ms, max {ordered[-1]:.2f} ms (n={len(ordered)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=6, help="messages per conversation")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])

    with tempfile.TemporaryDirectory() as directory, Store.open(Path(directory) / "samtal.sqlite3") as store:
        build_ms = timed(lambda: build(store, args.conversations, args.messages))
        print(f"built {args.conversations:,} conversations x {args.messages} messages in {build_ms / 1000:.1f} s")

        first_pages = [timed(lambda: ConversationListModel(store)) for _ in range(15)]
        print(f"first page (model construction): {summary(first_pages)}")

        def first_paint() -> Sidebar:
            shown = Sidebar(ConversationListModel(store), SearchResultsModel(store))
            shown.resize(300, 800)
            shown.show()
            app.processEvents()  # the view lays its rows out
            shown.grab()  # and paints them
            return shown

        paint_ms = timed(first_paint)
        print(f"sidebar from construction to first paint (models included): {paint_ms:.1f} ms")
        sidebar = first_paint()
        model = sidebar.list_model

        bar = sidebar.list_view.verticalScrollBar()
        fetches: list[float] = []
        root = QModelIndex()

        def scroll_to_bottom() -> None:
            while model.canFetchMore(root):
                bar.setValue(bar.maximum())
                before = model.rowCount()
                fetches.append(timed(app.processEvents))
                if model.rowCount() == before:  # the view did not ask: fetch like it would
                    fetches.append(timed(lambda: model.fetchMore(root)))
            bar.setValue(bar.maximum())
            app.processEvents()

        bottom_ms = timed(scroll_to_bottom)
        print(f"scrolled to the bottom ({model.rowCount():,} rows) in {bottom_ms:.0f} ms; per page: {summary(fetches)}")

        repaints = []
        step = max(1, bar.pageStep())
        for value in range(0, bar.maximum() + 1, step * 7):
            bar.setValue(value)
            repaints.append(timed(sidebar.list_view.viewport().repaint))
        print(f"repaint while scrolling: {summary(repaints)}")

        sidebar.list_view.scrollToTop()
        oldest = model.conversation_id_at(model.rowCount() - 1)
        assert oldest is not None
        store.add_message(oldest, "user", "news")
        refresh_ms = timed(lambda: model.refresh_conversation(oldest))
        print(f"refresh (bottom row moves to the top of {model.rowCount():,}): {refresh_ms:.2f} ms")

        results = {
            "first page": statistics.median(first_pages),
            "first paint": paint_ms,
            "repaint p99": sorted(repaints)[round(0.99 * (len(repaints) - 1))],
        }
        for name, value in results.items():
            verdict = "ok" if value <= GOALS_MS[name] else "SLOW"
            print(f"goal {name} <= {GOALS_MS[name]:.0f} ms: {value:.1f} ms {verdict}")
        sidebar.close()


if __name__ == "__main__":
    main()
