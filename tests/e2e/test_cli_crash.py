"""Crash safety: `samtal ask` killed with SIGKILL at random moments while a long reply streams into the store.

After every kill the store must pass SQLite's integrity check, every message written before must be
exactly as it was, and the reply being streamed must be there, as ``interrupted``, with the part of the
text that had been saved (a prefix of what was printed: at most the last second of it is lost).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo import DemoServer
from app.store import Message, Store
from tests.fixtures.processes import started

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
KILLS_WHILE_STREAMING = 20
KILLS_AT_ANY_MOMENT = 4


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(delay=0.002) as running:  # a "long" reply streams for about four seconds
        yield running


def snapshot(store: Store) -> dict[int, tuple[str, str, str]]:
    rows = store._conn.execute("SELECT id, role, status, content FROM messages").fetchall()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def test_killed_while_streaming_nothing_is_lost_or_damaged(tmp_path: Path, server: DemoServer) -> None:
    rng = random.Random(20250131)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "SAMTAL_"))}
    env.update(SAMTAL_DATA_DIR=str(tmp_path), ANTHROPIC_API_KEY="crash-test", ANTHROPIC_BASE_URL=server.url)
    store_path = tmp_path / "samtal.sqlite3"
    with Store.open(store_path) as store:
        conversation = store.create_conversation("Survives everything")
        for turn in range(3):
            store.add_message(conversation.id, "user", f"Earlier question {turn}")
            store.add_message(conversation.id, "assistant", f"Earlier answer {turn} with ünïcode ✓")
        before = snapshot(store)

    moments = ["streaming"] * KILLS_WHILE_STREAMING + ["any"] * KILLS_AT_ANY_MOMENT
    rng.shuffle(moments)
    for round_number, moment in enumerate(moments):
        with started(
            [sys.executable, "-m", "app.main", "ask", "-c", f"Write something long, please ({round_number})"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        ) as process:
            assert process.stdout is not None
            if moment == "streaming":
                printed = process.stdout.read1(65536)  # type: ignore[attr-defined]  # the first words
                assert printed, "the reply did not start"
                time.sleep(rng.uniform(0.05, 1.5))
            else:
                time.sleep(rng.uniform(0.0, 0.4))
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=10) == -signal.SIGKILL
            printed = printed + process.stdout.read() if moment == "streaming" else b""

        with Store.open(store_path) as store:  # opening recovers what the dead process left
            assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            store._conn.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)")
            after = snapshot(store)
            assert {key: after[key] for key in before} == before, f"round {round_number}: earlier messages changed"
            new = [store.message(key) for key in sorted(set(after) - set(before))]
            if moment == "streaming":
                question, reply = new
                check_partial_reply(question, reply, round_number, printed.decode())
            else:
                assert all(m.status in ("complete", "interrupted") for m in new)
                assert [m.role for m in new] in ([], ["user"], ["user", "assistant"])
            assert store.conversation(conversation.id).head_id == max(after)
            before = after
    with Store.open(store_path) as store:
        statuses = [m.status for m in store.path(conversation.id)]
    assert statuses.count("interrupted") >= KILLS_WHILE_STREAMING


def check_partial_reply(question: Message, reply: Message, round_number: int, printed: str) -> None:
    assert question.role == "user"
    assert question.text == f"Write something long, please ({round_number})"
    assert reply.role == "assistant"
    assert reply.status == "interrupted"
    assert reply.parent_id == question.id
    assert reply.text, f"round {round_number}: nothing of the reply was saved"
    assert printed.startswith(reply.text), f"round {round_number}: the saved text is not what was received"
