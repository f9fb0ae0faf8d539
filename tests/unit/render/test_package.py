"""app.render as a package: a curated public API, cheap to import, no widgets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import app.render

ROOT = Path(__file__).resolve().parents[3]


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name in vars(app.render) if not name.startswith("_")}
    assert set(app.render.__all__) == public
    assert len(app.render.__all__) == len(public)


def test_import_loads_neither_qt_nor_the_markdown_libraries() -> None:
    """What importing costs is measured by tests/bench/bench_startup.py (a timing assertion here failed on a
    busy machine); what this test holds is the reason it is cheap: the libraries load on first use."""
    probe = (
        "import sys, json\n"
        "before = set(sys.modules)\n"
        "import app.render\n"
        "added = sorted(m for m in set(sys.modules) - before if not m.startswith('app.'))\n"
        "print(json.dumps(added))\n"
    )
    added = json.loads(
        subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
        ).stdout
    )
    heavy = [
        name
        for name in added
        if name.split(".")[0]
        in ("PySide6", "markdown_it", "mdurl", "pygments", "markdown", "mdit_py_plugins", "ziamath", "latex2mathml")
    ]
    assert heavy == []


def test_rendering_never_imports_widgets() -> None:
    probe = (
        "import sys\n"
        "from app.render import IncrementalRenderer, preload, render_markdown\n"
        "preload()\n"
        "render_markdown('# x\\n\\n```python\\npass\\n```\\n\\n| a |\\n|---|\\n| b |')\n"
        "renderer = IncrementalRenderer()\n"
        "renderer.append('text\\n\\nmore')\n"
        "renderer.finish()\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
    ).stdout
    assert output.strip() == "[]"
