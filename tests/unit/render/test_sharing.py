"""Work in the render and formula threads hands the interpreter back to the UI thread often: the switch
interval is short while any of it runs (each go between Qt and Python on the UI thread waits up to that long
for the interpreter), and what it was before once the last of it ends."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

import app.render._background as background
import app.render._formulas as formulas
from app.render import Drawing, draw_in_background, render_in_background
from app.render._sharing import SHARED_SWITCH_INTERVAL, sharing_the_interpreter

DEFAULT = 0.005  # Python's


@pytest.fixture(autouse=True)
def default_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(DEFAULT)
    yield
    sys.setswitchinterval(before)


def test_a_reply_converted_in_the_render_thread_shares_the_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[float] = []

    def render(text: str, **_: object) -> str:
        seen.append(sys.getswitchinterval())
        return text

    monkeypatch.setattr(background, "cached_render", render)
    assert render_in_background("a long reply").result(timeout=10) == "a long reply"
    assert seen == [SHARED_SWITCH_INTERVAL]
    assert sys.getswitchinterval() == DEFAULT  # back once it is done


def test_a_formula_drawn_in_the_formula_thread_shares_the_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[float] = []

    def draw(latex: str, display: bool) -> Drawing:
        seen.append(sys.getswitchinterval())
        return formulas.FAILED

    monkeypatch.setattr(formulas, "draw_formula", draw)
    assert draw_in_background("x^{sharing}", False).result(timeout=10) is formulas.FAILED
    assert seen == [SHARED_SWITCH_INTERVAL]
    assert sys.getswitchinterval() == DEFAULT


def test_the_interval_comes_back_when_the_last_of_overlapping_work_ends() -> None:
    first_in, first_may_leave, first_left = (threading.Event() for _ in range(3))

    def first() -> None:
        with sharing_the_interpreter():
            first_in.set()
            first_may_leave.wait(10)
        first_left.set()

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(10)
    with sharing_the_interpreter():
        first_may_leave.set()
        first_left.wait(10)
        assert sys.getswitchinterval() == SHARED_SWITCH_INTERVAL  # the other's end did not restore it under us
    thread.join(10)
    assert sys.getswitchinterval() == DEFAULT


def test_a_shorter_interval_set_by_the_app_is_kept() -> None:
    sys.setswitchinterval(SHARED_SWITCH_INTERVAL / 5)
    shorter = sys.getswitchinterval()  # as Python keeps it (in microseconds)
    with sharing_the_interpreter():
        assert sys.getswitchinterval() == shorter
    assert sys.getswitchinterval() == shorter
