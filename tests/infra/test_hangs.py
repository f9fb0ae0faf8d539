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
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.processes import kill_all

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


@pytest.mark.timeout(30)  # it must pass: a busy machine may take more than 2 s to start Python
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
timeout_grace = 3
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


UNINTERRUPTIBLE_TEST = """
import ctypes
import sys

import pytest

from tests.fixtures.processes import started

SLEEPER = [sys.executable, "-c", "import time; time.sleep(600)", "{marker}"]


@pytest.fixture
def child():
    with started(SLEEPER) as process:
        yield process


def test_a_deadlock_in_c(child: object) -> None:
    libc = ctypes.CDLL(None)
    mutex = ctypes.create_string_buffer(64)  # zeros: an unlocked default mutex
    libc.pthread_mutex_lock(mutex)
    libc.pthread_mutex_lock(mutex)  # waits for ever, in C (no signal ends it), with the GIL released
"""


@pytest.fixture
def marker() -> Iterator[str]:
    """A word in the command line of every process the hanging tests start (those still running at the end of
    the test, which it asserts there are none of, are killed)."""
    word = f"samtal-hang-{uuid.uuid4().hex}"
    yield word
    kill_all([int(pid) for pid in _processes_with(word)])


def _run_pytest(tmp_path: Path, tests: str, marker: str) -> tuple[subprocess.CompletedProcess[str], float]:
    (tmp_path / "pytest.ini").write_text(INI, encoding="utf-8")
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["tests.conftest"]\n', encoding="utf-8")
    (tmp_path / "test_hanging.py").write_text(tests.replace("{marker}", marker), encoding="utf-8")
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
    return done, time.monotonic() - started_at


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.timeout(170)  # the run it starts may take 150 s
def test_hanging_tests_fail_alone_and_leave_no_process(tmp_path: Path, marker: str) -> None:
    done, took = _run_pytest(tmp_path, HANGING_TESTS, marker)
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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.timeout(170)
def test_a_test_that_cannot_be_interrupted_ends_the_run_without_leaving_a_process(tmp_path: Path, marker: str) -> None:
    done, took = _run_pytest(tmp_path, UNINTERRUPTIBLE_TEST, marker)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "test_hanging.py::test_a_deadlock_in_c can't be interrupted: ending the test run" in output, output
    assert marker in output.split("ending the test run. Killed: ")[1], output  # the process it started, by name
    assert took < 60, output
    assert _processes_with(marker) == [], output
