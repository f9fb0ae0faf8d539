"""The real `samtal` process on a virtual X screen: keys typed by xdotool, replies from the demo server,
results read back from the SQLite store, a screenshot saved."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.demo import DemoServer
from tests.e2e.conftest import AppProcess, wait_until

pytestmark = pytest.mark.e2e

CANARY = "sk-ant-canary-e2e-5c1f0b7d3a29"
SHOTS = Path(os.environ.get("SAMTAL_SCREENSHOT_DIR", "")) if os.environ.get("SAMTAL_SCREENSHOT_DIR") else None


def _replies(store: Path) -> list[tuple[str, str, str]]:
    """(role, status, content JSON) of every message, oldest first; [] while the store does not exist."""
    if not store.exists():
        return []
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT role, status, content FROM messages ORDER BY id").fetchall()


def _chat(app: AppProcess, store: Path, prompt: str, replies: int) -> list[tuple[str, str, str]]:
    app.wait_for_window()
    app.type_text(prompt)
    app.key("Return")
    return wait_until(  # type: ignore[return-value]
        lambda: (
            (rows := _replies(store))
            and len([r for r in rows if r[0] == "assistant" and r[1] == "complete"]) >= replies
            and rows
        ),
        timeout=45,
        what="the reply to be saved as complete",
    )


def _screenshot(app: AppProcess, tmp_path: Path, name: str) -> Path:
    target = (SHOTS or tmp_path) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    app.screenshot(target)
    assert target.stat().st_size > 10_000  # a real picture of a window, not an empty file
    return target


def test_demo_chat_end_to_end(launch_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    app = launch_app("--demo", "--data-dir", str(data))
    rows = _chat(app, data / "samtal.sqlite3", "Show me what you can render", replies=1)
    user, reply = rows[0], rows[-1]
    assert user[0] == "user"
    assert "Show me what you can render" in user[2]
    assert reply[1] == "complete"
    assert "```python" in reply[2]  # the demo's showcase reply, as saved
    _screenshot(app, tmp_path, "demo-chat.png")
    assert app.close() == 0  # SIGTERM closes the window cleanly
    log = (data / "logs" / "samtal.log").read_text()
    assert "Traceback" not in log


def test_token_never_lands_in_a_file(launch_app, app_env: dict[str, str], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A session with a recognisable token (from the environment, as a user might configure it): afterwards
    no file under the data, config, cache or log directories, nor the output, contains it."""
    with DemoServer(delay=0.0) as server:
        server.require_token = CANARY  # proves the token really was used
        data = tmp_path / "data"
        app = launch_app(
            "--data-dir",
            str(data),
            extra_env={"ANTHROPIC_BASE_URL": server.url, "ANTHROPIC_AUTH_TOKEN": CANARY},
        )
        rows = _chat(app, data / "samtal.sqlite3", "hello", replies=1)
        assert rows[-1][1] == "complete"
        assert app.close() == 0
    home = Path(app_env["HOME"])
    files = [p for root in (data, home) for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "samtal.sqlite3" for p in files)
    for path in files:
        assert CANARY.encode() not in path.read_bytes(), f"the token is in {path}"
    assert CANARY not in app.log.read_text(errors="replace")


def test_smoke_test_flag_starts_and_exits(app_env: dict[str, str], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.main", "--smoke-test", "--data-dir", str(tmp_path / "d")],
        env={**app_env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d" / "samtal.sqlite3").exists()


def test_unusable_store_is_reported_and_left_untouched(app_env: dict[str, str], tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    store = data / "samtal.sqlite3"
    store.write_bytes(b"this is not a database" * 100)
    done = subprocess.run(
        [sys.executable, "-m", "app.main", "--smoke-test", "--data-dir", str(data)],
        env={**app_env, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert str(store) in done.stderr
    assert store.read_bytes() == b"this is not a database" * 100
