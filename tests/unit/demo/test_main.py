"""`python -m app.demo`: runs in the foreground, prints a URL and a curl example, stops on Ctrl+C/SIGTERM."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import httpx
import pytest

from app.demo.__main__ import main
from tests.fixtures.processes import started

ROOT = Path(__file__).resolve().parents[3]


def _lines(stream: IO[str], into: queue.Queue[str]) -> None:
    for line in stream:
        into.put(line)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_module_prints_a_url_that_answers_until_stopped(stop_signal: signal.Signals) -> None:
    command = [sys.executable, "-m", "app.demo", "--port", "0", "--delay", "0"]
    with started(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
        try:
            banner = [lines.get(timeout=20) for _ in range(4)]
            found = re.search(r"http://127\.0\.0\.1:\d+", banner[0])
            assert found is not None, banner
            url = found.group()
            assert f"curl -sN {url}/v1/messages" in banner[2]
            assert "x-api-key" in banner[2]
            request = {
                "model": "claude-demo-sonnet-5",
                "max_tokens": 20,
                "messages": [{"role": "user", "content": "Hi"}],
            }
            response = httpx.post(f"{url}/v1/messages", headers={"x-api-key": "t"}, json=request, timeout=10)
            assert response.status_code == 200
            assert response.json()["stop_reason"] == "max_tokens"
        finally:
            process.send_signal(stop_signal)
            code = process.wait(timeout=10)
        assert code == 0
        assert process.stderr is not None
        assert process.stderr.read() == ""


@pytest.mark.parametrize("arguments", [["--port", "70000"], ["--delay", "-1"], ["--port", "x"]])
def test_bad_arguments_are_refused(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(arguments)
    assert exited.value.code == 2
    assert "error" in capsys.readouterr().err
