"""Logging to a rotating file in the log directory, with known secrets redacted from every record.

Nothing in Samtal logs a token on purpose; the redacting filter is a second line of defence against a
library or an exception message quoting one.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path
from typing import ClassVar

LOG_FILE = "samtal.log"
_MIN_SECRET_LENGTH = 8


class SecretRedactor(logging.Filter):
    """Replaces every registered secret in a record's message and arguments with ``[redacted]``."""

    _secrets: ClassVar[set[str]] = set()

    @classmethod
    def add_secret(cls, secret: str) -> None:
        """Redact ``secret`` from now on (in every process-wide log handler); too short a string is ignored."""
        if len(secret) >= _MIN_SECRET_LENGTH:
            cls._secrets.add(secret)

    @classmethod
    def redact(cls, text: str) -> str:
        """``text`` with every registered secret replaced by ``[redacted]``."""
        # Longest first: a secret that is part of another must not leave the rest of the other behind.
        for secret in sorted(cls._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self._secrets:
            record.msg = self.redact(record.getMessage())
            record.args = None
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        return True


def setup_logging(log_dir: Path, *, level: int = logging.INFO, stderr: bool = True) -> Path | None:
    """Log to ``log_dir/samtal.log`` (1 MB x 3 files) and, at WARNING and above, to stderr. Returns the log
    file, or None when it can't be written (a read-only data folder: the app still runs, logging to stderr)."""
    path = log_dir / LOG_FILE
    root = logging.getLogger()
    root.setLevel(level)
    redactor = SecretRedactor()
    try:
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        file_handler = None
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(redactor)
        root.addHandler(handler)
        file_handler = handler
    if stderr:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.addFilter(redactor)
        root.addHandler(console)
    for noisy in ("httpx", "httpcore", "uvicorn", "uvicorn.error", "uvicorn.access", "markdown_it", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path if file_handler is not None else None
