"""Terminal output: untrusted text is made harmless on a terminal and left exact in a pipe."""

from __future__ import annotations

import io
import json

import pytest

from app.cli.terminal import Output

HOSTILE = "ok\x1b]0;owned\x07 \x1b[2J\x9b31m\r\nnext\tline\x00"


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_text_without_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = FakeTTY()
    out = Output(stream)
    out.write(HOSTILE)
    assert stream.getvalue() == "ok]0;owned [2J31m\nnext\tline"
    assert out.bold("x") == "\x1b[1mx\x1b[22m"
    assert out.markers() == ("\x1b[7m", "\x1b[27m")


def test_a_pipe_gets_the_text_exactly() -> None:
    stream = io.StringIO()
    out = Output(stream)
    out.write(HOSTILE)
    assert stream.getvalue() == HOSTILE
    assert out.bold("x") == "x"
    assert out.markers() == ("[", "]")


def test_no_color_turns_styling_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = Output(FakeTTY())
    assert out.bold("x") == "x"
    assert out.markers() == ("[", "]")


def test_json_is_safe_on_a_terminal_and_still_the_same_json() -> None:
    stream = io.StringIO()
    Output(stream).json({"text": HOSTILE, "name": "Åsa"})
    text = stream.getvalue()
    assert "\x1b" not in text
    assert "\x9b" not in text
    assert "Åsa" in text
    assert json.loads(text) == {"text": HOSTILE, "name": "Åsa"}


def test_a_one_line_report_on_standard_error_has_no_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    # A report may quote a server's error message or a name from an imported file; stderr is usually a terminal.
    from app.cli.command import report

    report(f"overloaded_error: {HOSTILE}")
    err = capsys.readouterr().err
    assert err.startswith("samtal: overloaded_error: ok")
    assert err.endswith("\n")
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in err[:-1])
