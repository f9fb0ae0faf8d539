"""The log's second line of defence: a registered secret never reaches a log line, not even in part."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.logs import SecretRedactor, setup_logging


@pytest.fixture
def redactor() -> Iterator[type[SecretRedactor]]:
    saved = set(SecretRedactor._secrets)
    yield SecretRedactor
    SecretRedactor._secrets.clear()
    SecretRedactor._secrets.update(saved)


def test_a_secret_inside_a_longer_one_leaves_nothing_of_either(redactor: type[SecretRedactor]) -> None:
    short, long = "sk-ant-1234567", "sk-ant-1234567-tail-of-the-longer-token"
    # Added in both orders: the set's iteration order must not decide what is left behind.
    for first, second in ((short, long), (long, short)):
        redactor._secrets.clear()
        redactor.add_secret(first)
        redactor.add_secret(second)
        redacted = redactor.redact(f"a={long} b={short}")
        assert redacted == "a=[redacted] b=[redacted]"


def test_log_lines_and_tracebacks_are_redacted(redactor: type[SecretRedactor], tmp_path: Path) -> None:
    secret = "sk-ant-never-in-a-log-file"
    redactor.add_secret(secret)
    root = logging.getLogger()
    before = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    path = setup_logging(tmp_path, stderr=False)
    try:
        log = logging.getLogger("test.logs")
        log.warning("header %s", secret)
        try:
            raise RuntimeError(f"refused {secret}")
        except RuntimeError:
            log.exception("request failed")
    finally:
        for handler in root.handlers[len(before[0]) :]:
            handler.close()
        root.handlers[:] = before[0]
        root.setLevel(before[1])
        for name in list(logging.root.manager.loggerDict):  # setup_logging quietens some libraries
            logging.getLogger(name).setLevel(levels.get(name, logging.NOTSET))
    text = path.read_text(encoding="utf-8")
    assert "header [redacted]" in text
    assert "RuntimeError: refused [redacted]" in text
    assert secret not in text
