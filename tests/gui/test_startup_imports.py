"""Start-up stays light: what only some sessions use is imported when first used, not before the window shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ON_DEMAND = (
    "app.ui.compare",  # Conversation ▸ Compare Parameters…
    "app.chat.compare",
    "app.ui.inspector",  # a reply's Inspect
    "app.ui.price_table",  # Edit ▸ Prices…
    "app.ui.tools_editor",  # the parameters panel's Tools… button
    "app.ui.system_prompt_dialog",
    "app.ui.settings_dialog",
    "app.ui.token_dialog",
    "app.store.archive",  # import and export
    "app.store.transfer",
    "app.store.markdown_export",
    "app.cli.ask",
    "email",  # an HTTP-date Retry-After
    "uuid",  # the first conversation or message added (it brings `platform` along)
    "platform",
    "httpx",  # the first request
    "markdown_it",  # the first reply (or a moment after the first paint)
    "pygments",
    "mdit_py_plugins",  # math in Markdown: with markdown_it
    "ziamath",  # drawing formulas: the first formula shown
    "latex2mathml",
)  # (PySide6.QtSvg is not among them: the icons of the first paint are drawn with it)


def test_a_started_window_has_not_imported_what_is_opened_later(tmp_path: Path) -> None:
    """`samtal --smoke-test` (shows the window, exits once idle), then a look at what it had imported."""
    code = (
        "import sys\n"
        "from app.main import main\n"
        f"code = main(['--smoke-test', '--data-dir', {str(tmp_path)!r}])\n"
        f"loaded = ','.join(sorted(m for m in {ON_DEMAND!r} if m in sys.modules))\n"
        "import linecache\n"
        "read = [f for f in linecache.cache if '/app/ui/' in f]\n"  # PySide's own test reads each module's lines
        "print(code, loaded, 'app.ui.transcript' in sys.modules, len(read))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    code, loaded, shown, read = result.stdout.split(" ")
    assert code == "0"
    assert shown == "True"  # it did build the window
    assert loaded == ""
    assert read.strip() == "0"  # PySide6's test of each module imported is made on its bytes (app.pyside_feature)


def test_the_lazy_store_names_load_when_asked_for() -> None:
    import app.store

    assert app.store.export_archive.__module__ == "app.store.archive"
    assert issubclass(app.store.ImportFileError, Exception)


@pytest.mark.parametrize("name", ["app.ui.composer", "app.store.changes", "json", "_socket", "sys"])
def test_the_quicker_pyside_test_answers_as_pysides_own(name: str) -> None:
    import importlib

    from app import pyside_feature

    module = importlib.import_module(name)
    own = sys.modules["shibokensupport.feature"].feature_imported.__globals__["_mod_uses_pyside"]
    if getattr(own, "_samtal_quick", False):  # installed in this process (a smoke test run in it)
        pytest.skip("PySide6's own test is replaced here")
    assert pyside_feature.quick_test(own)(module) == own(module) == (name == "app.ui.composer")
