"""The store's public surface: ``__all__`` is honest, and nothing in the package imports Qt."""

from __future__ import annotations

import subprocess
import sys

import app.store


def test_all_names_exist_and_are_sorted() -> None:
    assert all(hasattr(app.store, name) for name in app.store.__all__)
    assert list(app.store.__all__) == sorted(app.store.__all__, key=lambda n: (not n.isupper(), n))


def test_importing_the_store_does_not_import_qt_or_the_network() -> None:
    code = (
        "import sys, app.store; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'httpx', 'qasync', 'keyring')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.strip() == "[]"
