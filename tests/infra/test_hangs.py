"""A test that hangs fails alone: the run goes on to its summary, and no process a test started is left.

Runs a small suite of deliberately hanging tests in a pytest subprocess (with the project's timeout plugin and
process helper, a 2-second timeout, and SIGINT ignored as in a background job: `tests/run &`)."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HANGING_TESTS = """
import asyncio
import signal
import subprocess
import sys

import pytest

from tests.fixtures.processes import started

MARKER = "{marker}"
SLEEPER = [sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(600)", MARKER]


def test_a_wait_for_a_process_that_never_ends() -> None:
    with started(SLEEPER) as child:
        child.wait()


def test_a_modal_dialog(qapp: object) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox(QMessageBox.Icon.Information, "Samtal", "Nobody will press OK").exec()
    child = subprocess.Popen(SLEEPER)  # only reached once the dialog is gone; the timeout must still fail the test
    try:
        child.wait()
    finally:
        child.kill()
        child.wait()


def test_a_qt_event_loop_with_nothing_to_end_it(qapp: object) -> None:
    from PySide6.QtCore import QEventLoop

    QEventLoop().exec()


@pytest.mark.asyncio
async def test_an_async_wait_on_the_qt_loop(qtbot: object) -> None:
    await asyncio.Event().wait()


def test_a_process_left_running() -> None:
    subprocess.Popen(SLEEPER, stdout=subprocess.DEVNULL)


def test_ctrl_c_reaches_a_child_although_the_run_ignores_it() -> None:
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # as in a background job
    with started(SLEEPER, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout.readline() == "ready\\n"
        child.send_signal(signal.SIGINT)
        assert child.wait(10) == -signal.SIGINT


def test_after_the_hangs_the_run_goes_on() -> None:
    assert True
"""

INI = """
[pytest]
timeout = 2
timeout_method = signal
qt_api = pyside6
asyncio_mode = strict
asyncio_default_fixture_loop_scope = function
"""


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _processes_with(marker: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_hanging_tests_fail_alone_and_leave_no_process(tmp_path: Path) -> None:
    marker = f"samtal-hang-{uuid.uuid4().hex}"
    (tmp_path / "pytest.ini").write_text(INI, encoding="utf-8")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["tests.conftest"]\n', encoding="utf-8")
    (tmp_path / "test_hanging.py").write_text(HANGING_TESTS.replace("{marker}", marker), encoding="utf-8")
    started_at = time.monotonic()
    done = subprocess.run(  # waits for pytest, or kills it
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-c",
            str(tmp_path / "pytest.ini"),
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_hanging.py"),
        ],
        cwd=ROOT,  # `tests` is importable from here
        capture_output=True,
        text=True,
        timeout=150,
        preexec_fn=_ignore_sigint,  # as in `tests/run &`
        check=False,
    )
    took = time.monotonic() - started_at
    output = done.stdout + done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"=+ 4 failed, 3 passed, 1 error in .* =+", summary), output
    assert done.returncode == 1, output
    for name in (
        "test_a_wait_for_a_process_that_never_ends",
        "test_a_modal_dialog",
        "test_a_qt_event_loop_with_nothing_to_end_it",
        "test_an_async_wait_on_the_qt_loop",
    ):
        assert re.search(rf"^FAILED \S*test_hanging\.py::{name}\b", output, re.M), output
    assert re.search(r"^ERROR \S*test_hanging\.py::test_a_process_left_running\b", output, re.M), output
    assert "the test left processes running (now killed)" in output, output
    assert took < 100, output
    assert _processes_with(marker) == [], output
