"""The package's public names, and its place in the layers (no Qt, no app internals)."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import app.demo

ROOT = Path(__file__).resolve().parents[3]


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(app.demo).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(app.demo.__all__)


def test_importing_the_demo_pulls_in_no_qt_and_no_other_layer() -> None:
    probe = (
        "import sys, app.demo; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6' "
        "or m.startswith(('app.ui', 'app.chat', 'app.store', 'app.render', 'app.api'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr
