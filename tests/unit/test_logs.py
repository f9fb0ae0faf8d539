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


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """Whatever setup_logging changes in the logging module is undone after the test."""
    root = logging.getLogger()
    level = root.level
    levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    yield
    for handler in list(root.handlers):  # setup_logging's own: those with the redactor
        if any(isinstance(f, SecretRedactor) for f in handler.filters):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    for name in list(logging.root.manager.loggerDict):  # setup_logging quietens some libraries
        logging.getLogger(name).setLevel(levels.get(name, logging.NOTSET))


@pytest.mark.usefixtures("restored_logging")
def test_log_lines_and_tracebacks_are_redacted(redactor: type[SecretRedactor], tmp_path: Path) -> None:
    secret = "sk-ant-never-in-a-log-file"
    redactor.add_secret(secret)
    path = setup_logging(tmp_path, stderr=False)
    assert path is not None
    log = logging.getLogger("test.logs")
    log.warning("header %s", secret)
    try:
        raise RuntimeError(f"refused {secret}")
    except RuntimeError:
        log.exception("request failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "header [redacted]" in text
    assert "RuntimeError: refused [redacted]" in text
    assert secret not in text


@pytest.mark.usefixtures("restored_logging")
def test_a_log_folder_that_cant_be_written_leaves_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("not a folder")  # as a read-only data folder would, the folder can't be made
    assert setup_logging(tmp_path / "a-file" / "logs") is None
    logging.getLogger("test.logs").warning("still said")
    assert capsys.readouterr().err == "still said\n"
