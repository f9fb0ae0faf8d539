"""Running `samtal` subcommands in-process against the demo server, in a private data directory."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.demo import DemoServer
from app.main import main
from app.store import Store

TOKEN = "test-token-not-secret-but-never-shown"


@dataclass(frozen=True)
class Result:
    status: int
    out: str
    err: str


class Samtal:
    """``samtal --data-dir <tmp> ...`` as a function; `store()` opens what it saved."""

    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.data_dir = data_dir
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    def __call__(self, *argv: str, stdin: str | None = None) -> Result:
        if stdin is not None:
            self._monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            status = main(["--data-dir", str(self.data_dir), *argv])
        except SystemExit as exc:  # argparse
            status = int(exc.code or 0)
        captured = self._capsys.readouterr()
        return Result(status, captured.out, captured.err)

    def store(self) -> Store:
        return Store.open(self.data_dir / "samtal.sqlite3")

    def elsewhere(self, data_dir: Path) -> Samtal:
        """The same, with another data directory."""
        return Samtal(data_dir, self._capsys, self._monkeypatch)


@pytest.fixture(scope="module")
def running_server() -> Iterator[DemoServer]:
    with DemoServer(delay=0.0) as running:
        yield running


@pytest.fixture
def server(running_server: DemoServer) -> DemoServer:
    running_server.script.clear()
    running_server.clear_requests()
    running_server.require_token = None
    return running_server


@pytest.fixture
def samtal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, server: DemoServer
) -> Samtal:
    for name in ("ANTHROPIC_AUTH_TOKEN", "SAMTAL_DATA_DIR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ANTHROPIC_API_KEY", TOKEN)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
    return Samtal(tmp_path / "data", capsys, monkeypatch)
