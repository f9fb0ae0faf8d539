"""End-to-end fixtures: a virtual X screen (Xvfb), the real `samtal` process on it, synthetic keys (xdotool)
and screenshots. Every wait is bounded; every process started here is stopped here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.fixtures.processes import run, start, started, stop

SCREEN = "1280x800x24"


def _need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (tests/run installs them)")


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private X display; yields its name (e.g. ":93")."""
    _need("Xvfb")
    read_fd, write_fd = os.pipe()
    with started(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ):
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()  # Xvfb writes the display number once it accepts clients
        if not number:
            pytest.fail("Xvfb did not start")
        yield f":{number}"


def wait_until(predicate: Callable[[], object], timeout: float, what: str, interval: float = 0.1) -> object:
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@dataclass
class AppProcess:
    """The real app running on the virtual screen."""

    proc: subprocess.Popen[bytes]
    display: str
    env: dict[str, str]
    log: Path
    window: str = ""
    _closed: bool = field(default=False, repr=False)

    def xdotool(self, *args: str) -> str:
        done = run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30, check=False)
        return done.stdout.strip()

    def wait_for_window(self, timeout: float = 30) -> str:
        def find() -> str:
            if self.proc.poll() is not None:
                pytest.fail(f"samtal exited with {self.proc.returncode}:\n{self.log.read_text(errors='replace')}")
            ids = self.xdotool("search", "--onlyvisible", "--pid", str(self.proc.pid), "--name", "Samtal")
            return ids.splitlines()[0] if ids else ""

        self.window = str(wait_until(find, timeout, "the main window"))
        self.xdotool("windowactivate", "--sync", self.window)
        return self.window

    def type_text(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", "--window", self.window, text)

    def key(self, *keys: str) -> None:
        for k in keys:
            self.xdotool("key", "--window", self.window, k)
            time.sleep(0.1)

    def screenshot(self, path: Path) -> Path:
        """Save the whole screen as PNG, taken by a separate Qt process on the same display."""
        code = (
            "import sys\n"
            "from PySide6.QtGui import QGuiApplication\n"
            "app = QGuiApplication(sys.argv)\n"
            "ok = app.primaryScreen().grabWindow(0).save(sys.argv[1])\n"
            "sys.exit(0 if ok else 1)\n"
        )
        env = {**self.env, "QT_QPA_PLATFORM": "xcb"}
        run([sys.executable, "-c", code, str(path)], env=env, timeout=30, check=True)
        return path

    def close(self) -> int:
        if self._closed:
            return self.proc.returncode or 0
        self._closed = True
        return stop(self.proc, grace=10)


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """An isolated environment: its own HOME and XDG directories, no D-Bus session, no API variables."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "DBUS_", "SAMTAL_", "XDG_"))}
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local/state"),
            "XDG_RUNTIME_DIR": str(tmp_path),
        }
    )
    env.pop("QT_QPA_PLATFORM", None)
    return env


@pytest.fixture
def launch_app(xvfb: str, app_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[..., AppProcess]]:
    """Start `samtal ARGS...` on the virtual display; every process is stopped at the end."""
    _need("xdotool")
    apps: list[AppProcess] = []

    def launch(*args: str, extra_env: dict[str, str] | None = None) -> AppProcess:
        env = {**app_env, "DISPLAY": xvfb, **(extra_env or {})}
        log = tmp_path / f"samtal-{len(apps)}.log"
        with log.open("wb") as out:
            proc = start([sys.executable, "-m", "app.main", *args], env=env, stdout=out, stderr=subprocess.STDOUT)
        app = AppProcess(proc=proc, display=xvfb, env=env, log=log)
        apps.append(app)
        return app

    try:
        yield launch
    finally:
        for app in apps:
            app.close()
