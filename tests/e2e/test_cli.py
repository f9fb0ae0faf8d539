"""The `samtal` command line as real processes against the demo server: streaming, Ctrl+C, no Qt, start time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.demo import DemoServer, Pause, Stream, text_events
from app.store import Store
from tests.fixtures.processes import started

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "e2e-token"
# Runs a subcommand in-process and reports, on stderr's last line, which heavy packages it imported.
_REPORT_IMPORTS = """
import json, sys
from app.main import main
status = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'qasync', 'httpx', 'markdown_it', 'pygments'})
print(json.dumps(heavy), file=sys.stderr)
sys.exit(status)
"""


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(delay=0.002) as running:  # a "long" reply then streams for about four seconds
        yield running


def environment(data_dir: Path, server: DemoServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "SAMTAL_", "QT_"))}
    return {**env, "SAMTAL_DATA_DIR": str(data_dir), "ANTHROPIC_API_KEY": TOKEN, "ANTHROPIC_BASE_URL": server.url}


def samtal(*args: str, env: dict[str, str], timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.main", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_subcommands_never_import_qt(tmp_path: Path, server: DemoServer) -> None:
    env = environment(tmp_path, server)
    tools = tmp_path / "tools.json"
    tools.write_text('[{"name": "get_time", "input_schema": {"type": "object"}}]', encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Buy milk.", encoding="utf-8")
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n%%EOF\n")
    commands = [
        ["ask", "Say something short"],
        ["ask", "--tools", str(tools), "--thinking", "adaptive", "--no-stream", "-c", "Call get_time"],
        ["ask", "--attach", str(notes), "--attach", str(report), "Say something short"],  # only images need Qt
        ["models"],
        ["list"],
        ["show", "1"],
        ["search", "short"],
        ["export", "--all", "-o", str(tmp_path / "all.json")],
        ["import", str(tmp_path / "all.json")],
    ]
    for command in commands:
        result = subprocess.run(
            [sys.executable, "-c", _REPORT_IMPORTS, *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 0, (command, result.stderr)
        heavy = json.loads(result.stderr.splitlines()[-1])
        assert "PySide6" not in heavy, command
        assert "qasync" not in heavy, command
        if command[0] not in ("ask", "models"):
            assert heavy == [], command  # only `ask` and `models` need the HTTP client


def test_list_starts_fast(tmp_path: Path, server: DemoServer) -> None:
    env = environment(tmp_path, server)
    assert samtal("list", env=env).returncode == 0  # creates the store
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        assert samtal("list", env=env).returncode == 0
        runs.append(time.perf_counter() - started)
    # About 0.1 s here; the bound only catches something heavy creeping into the import chain.
    assert min(runs) < 1.0, runs


def test_ask_streams_while_the_reply_is_being_written(tmp_path: Path, server: DemoServer) -> None:
    events = text_events("The first part arrives. " * 20 + "The rest comes later. " * 20, chunk=24)
    half = len(events) // 2
    server.script.push(Stream([*events[:half], Pause(0.4), *events[half:]]))
    with started(
        [sys.executable, "-m", "app.main", "ask", "Write something"],
        cwd=ROOT,
        env=environment(tmp_path, server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    ) as process:
        assert process.stdout is not None
        first = process.stdout.read1(4096)  # type: ignore[attr-defined]
        assert first
        assert process.poll() is None  # text arrived while the reply was still streaming
        rest = process.stdout.read()
        assert process.wait(timeout=30) == 0
    printed = (first + rest).decode()
    with Store.open(tmp_path / "samtal.sqlite3") as store:
        answer = store.path(1)[-1]
        assert answer.status == "complete"
        assert printed == answer.text + "\n"
        assert answer.text.endswith("The rest comes later. ")


def test_ctrl_c_stops_the_stream_and_keeps_the_partial_reply(tmp_path: Path, server: DemoServer) -> None:
    with started(
        [sys.executable, "-m", "app.main", "ask", "Write something long"],
        cwd=ROOT,
        env=environment(tmp_path, server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    ) as process:
        assert process.stdout is not None
        printed = process.stdout.read1(4096)  # type: ignore[attr-defined]
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    printed += out
    assert process.returncode == 130
    assert err.decode() == "samtal: stopped; the partial reply was kept\n"
    with Store.open(tmp_path / "samtal.sqlite3") as store:
        question, answer = store.path(1)
        assert question.text == "Write something long"
        assert answer.status == "stopped"
        assert len(answer.text) > 20
        assert printed.decode() == answer.text + "\n"


def test_an_error_exits_non_zero_with_one_line(tmp_path: Path, server: DemoServer) -> None:
    env = {**environment(tmp_path, server), "ANTHROPIC_BASE_URL": server.url + "/nowhere"}
    result = samtal("ask", "hello", env=env)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("samtal: not_found_error: ")
    assert result.stderr.count("\n") == 1
    assert TOKEN not in result.stderr


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path, server: DemoServer) -> None:
    with Store.open(tmp_path / "samtal.sqlite3") as store, store.batch():
        for index in range(3000):
            store.create_conversation(f"Conversation number {index} with a title long enough to fill a pipe")
    env = environment(tmp_path, server)
    for command in (["list"], ["ask", "Write something long"]):
        with started(
            [sys.executable, "-m", "app.main", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        ) as process:
            assert process.stdout is not None
            assert process.stdout.read1(100)  # type: ignore[attr-defined]
            process.stdout.close()  # like `| head -1`
            _, err = process.communicate(timeout=30)
        assert (process.returncode, err) == (0, b""), command
    with Store.open(tmp_path / "samtal.sqlite3") as store:
        reply = store.path(store.conversations.most_recent().id)[-1]  # type: ignore[union-attr]
        assert reply.status == "stopped"
        assert reply.text
