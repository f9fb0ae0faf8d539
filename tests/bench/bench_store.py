"""Benchmark of the conversation store at the size of years of heavy use.

Builds a store of 10,000 conversations and 500,000 messages of realistic sizes (questions of a few lines,
answers of a few paragraphs, 100 conversations of 200 messages) through the import path, then times what a
user waits for: the first page of the conversation list, opening a 200-message conversation (its path from
root to head), a search for a rare and for a common word (by message and by conversation, as the window
shows it), and ``samtal list`` as a whole process.

    .venv/bin/python tests/bench/bench_store.py                    # full size, in a temporary directory
    .venv/bin/python tests/bench/bench_store.py --conversations 1000 --messages 50000
    .venv/bin/python tests/bench/bench_store.py --dir /tmp/bench   # keep (or reuse) the store there

Goals: list < 50 ms, open < 150 ms, search < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.store import ConversationRecord, MessageRecord, Store  # noqa: E402
from app.store.transfer import BATCH_SIZE  # noqa: E402

RARE_WORD = "quetzalcoatlus"
COMMON_WORD = "the"
LONG_CONVERSATIONS = 100
LONG_LENGTH = 200
GOALS_MS = {"list": 50, "open": 150, "search": 100}

# The most frequent English words, to give the synthetic text a realistic head of very common words.
_COMMON_TEXT = """
    the of and to a in is it you that he was for on are with as I his they be at one have this from or had by
    not word but what some we can out other were all there when up use your how said an each she which do their
    time if will way about many then them write would like so these her long make thing see him two has look
    more day could go come did number sound no most people my over know water than call first who may down
"""
_COMMON = _COMMON_TEXT.split()


def make_vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choices(letters, k=rng.randint(3, 11))) for _ in range(size)}
    return _COMMON + sorted(words)


def make_paragraphs(rng: random.Random, vocabulary: list[str], count: int = 3000) -> list[str]:
    """A pool of paragraphs with word frequencies following Zipf's law, as in real text."""
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    paragraphs = []
    for _ in range(count):
        words = rng.choices(vocabulary, weights=weights, k=rng.randint(15, 120))
        sentences = [" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, len(words), 12)]
        paragraphs.append(" ".join(sentences))
    return paragraphs


def conversation_sizes(rng: random.Random, conversations: int, messages: int) -> list[int]:
    long = min(LONG_CONVERSATIONS, conversations // 10)
    rest = conversations - long
    remaining = messages - long * LONG_LENGTH
    mean = remaining / rest
    sizes = [max(2, min(2 * round(mean) - 2, round(rng.gauss(mean, mean / 2)))) for _ in range(rest)]
    while (gap := remaining - sum(sizes)) != 0:  # nudge random conversations until the total is exact
        index = rng.randrange(rest)
        if gap > 0 or sizes[index] > 2:
            sizes[index] += 1 if gap > 0 else -1
    return [LONG_LENGTH] * long + sizes


def records(
    rng: random.Random, conversations: int, messages: int, paragraphs: list[str]
) -> Iterator[ConversationRecord]:
    start = datetime(2022, 1, 1, tzinfo=UTC)
    sizes = conversation_sizes(rng, conversations, messages)
    rare_at = set(rng.sample(range(messages), 5))
    title_words = [word for paragraph in paragraphs[:200] for word in paragraph.lower().split() if len(word) > 4]
    counter = 0
    for index, size in enumerate(sizes):
        moment = start + timedelta(minutes=index * 90)
        items = []
        parent = None
        for turn in range(size):
            user = turn % 2 == 0
            text = "\n\n".join(rng.sample(paragraphs, 1 if user else rng.randint(2, 6)))
            if user:
                text = text[: rng.randint(40, 600)]
            if counter in rare_at:
                text += f" Something about {RARE_WORD}."
            counter += 1
            message_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            items.append(
                MessageRecord(
                    uuid=message_uuid,
                    parent_uuid=parent,
                    role="user" if user else "assistant",
                    content=[{"type": "text", "text": text}],
                    created_at=moment + timedelta(seconds=turn * 30),
                    model=None if user else "claude-sonnet-4-5",
                    usage=None if user else {"input_tokens": 50 * turn + 20, "output_tokens": len(text) // 4},
                )
            )
            parent = message_uuid
        yield ConversationRecord(
            uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            title=" ".join(rng.sample(title_words, rng.randint(2, 5))).capitalize(),
            created_at=moment,
            updated_at=items[-1].created_at,
            messages=items,
        )


def build(path: Path, conversations: int, messages: int) -> tuple[float, int]:
    rng = random.Random(20250101)
    paragraphs = make_paragraphs(rng, make_vocabulary(rng))
    print(f"building {conversations:,} conversations / {messages:,} messages in {path} ...", flush=True)
    started = time.perf_counter()
    with Store.open(path) as store:
        batch: list[ConversationRecord] = []
        done = 0
        for record in records(rng, conversations, messages, paragraphs):
            batch.append(record)
            if len(batch) == BATCH_SIZE:
                done += _import(store, batch)
                batch = []
                if done % 2000 == 0:
                    print(f"  {done:,} conversations, {time.perf_counter() - started:.0f} s", flush=True)
        done += _import(store, batch)
    return time.perf_counter() - started, done


def _import(store: Store, batch: list[ConversationRecord]) -> int:
    with store.batch():
        for record in batch:
            store.records.import_conversation(record)
    return len(batch)


def timed(action: Callable[[], object], repeat: int = 15) -> tuple[float, float]:
    """(first run, median of the following runs) in milliseconds."""
    runs = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        action()
        runs.append((time.perf_counter() - started) * 1000)
    return runs[0], statistics.median(runs[1:])


def report(name: str, goal: str | None, figures: tuple[float, float], extra: str = "") -> None:
    first, median = figures
    verdict = ""
    if goal is not None:
        limit = GOALS_MS[goal]
        verdict = f"goal < {limit} ms  {'ok' if median < limit else 'SLOW'}"
    print(f"{name:<34} first {first:7.1f} ms   median {median:7.1f} ms   {verdict:<18} {extra}")


def measure(path: Path, data_dir: Path) -> None:
    with Store.open(path) as store:
        report("list: first page (50)", "list", timed(lambda: store.list_conversations(limit=50)))
        report("list: page 100 (offset 4950)", "list", timed(lambda: store.list_conversations(limit=50, offset=4950)))
        long_id = next(
            row[0]
            for row in store._conn.execute(
                "SELECT conversation_id FROM messages GROUP BY 1 HAVING count(*) = ?", (LONG_LENGTH,)
            )
        )
        report(
            f"open: path of {LONG_LENGTH} messages",
            "open",
            timed(lambda: (store.conversation(long_id), store.path(long_id))),
        )
        rare = store.search(RARE_WORD)
        report("search: rare word", "search", timed(lambda: store.search(RARE_WORD)), f"{len(rare)} hits")
        matches = store._conn.execute(
            "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?", (COMMON_WORD,)
        ).fetchone()[0]
        report(
            f"search: common word {COMMON_WORD!r}",
            "search",
            timed(lambda: store.search(COMMON_WORD), repeat=5),
            f"{matches:,} matching messages",
        )
        report("search: prefix 'wat*'", "search", timed(lambda: store.search("wat*"), repeat=5))
        report("search: phrase of common words", "search", timed(lambda: store.search('"of the"'), repeat=5))
        # What the window asks: one entry per conversation with its best snippet, a page of 50 at a time.
        for query in (RARE_WORD, COMMON_WORD, "wat*", '"of the"'):
            report(
                f"by conversation: {query}",
                "search",
                timed(
                    lambda query=query: store.full_text.search_conversations(query, limit=50, per_conversation=1),
                    repeat=5,
                ),
                f"{len(store.full_text.search_conversations(query, limit=50, per_conversation=1))} conversations",
            )
        report("usage: per day and model", None, timed(store.usage.by_day, repeat=3), "(whole history)")

    # What the reading commands and a window in a read-only folder use: the same queries, nothing written.
    with Store.open(path, read_only=True) as store:
        report("read-only: list: first page (50)", "list", timed(lambda: store.list_conversations(limit=50)))
        report(
            f"read-only: open: path of {LONG_LENGTH}",
            "open",
            timed(lambda: (store.conversation(long_id), store.path(long_id))),
        )
        report("read-only: search: rare word", "search", timed(lambda: store.search(RARE_WORD)))
    report("start-up: open and close", None, timed(lambda: Store.open(path).close()))
    report("start-up: open and close, read-only", None, timed(lambda: Store.open(path, read_only=True).close()))

    env = {**os.environ, "SAMTAL_DATA_DIR": str(data_dir)}
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "app.main", "list", "--limit", "50"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        runs.append((time.perf_counter() - started) * 1000)
    print(f"{'`samtal list` (whole process)':<34} median {statistics.median(runs):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=500_000)
    parser.add_argument("--dir", type=Path, help="keep the store in DIR (reused when it is already there)")
    args = parser.parse_args()

    data_dir = args.dir or Path(tempfile.mkdtemp(prefix="samtal-bench-"))
    path = data_dir / "samtal.sqlite3"
    try:
        if not path.exists():
            seconds, done = build(path, args.conversations, args.messages)
            print(
                f"import: {done:,} conversations, {args.messages:,} messages in {seconds:.1f} s = "
                f"{args.messages / seconds:,.0f} messages/s, {done / seconds:,.0f} conversations/s"
            )
        size = path.stat().st_size
        print(f"file size: {size / 2**20:,.0f} MiB ({size / args.messages:,.0f} bytes per message)")
        measure(path, data_dir)
    finally:
        if args.dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
