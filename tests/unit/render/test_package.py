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


def test_import_is_cheap_and_loads_neither_qt_nor_the_markdown_libraries() -> None:
    probe = (
        "import sys, time, json\n"
        "start = time.perf_counter()\n"
        "import app.render\n"
        "elapsed = time.perf_counter() - start\n"
        "loaded = [m for m in ('PySide6', 'markdown_it', 'pygments') if m in sys.modules]\n"
        "print(json.dumps({'elapsed': elapsed, 'loaded': loaded}))\n"
    )
    results = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
            ).stdout
        )
        for _ in range(3)  # the fastest of three: one run on a busy machine can take twice as long
    ]
    assert all(result["loaded"] == [] for result in results)
    assert min(result["elapsed"] for result in results) < 0.06


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
