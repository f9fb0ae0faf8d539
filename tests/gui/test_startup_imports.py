"""Start-up stays light: what only some sessions use is imported when first used, not before the window shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
        "print(code, loaded, 'app.ui.transcript' in sys.modules)\n"
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
    code, loaded, shown = result.stdout.split(" ")
    assert code == "0"
    assert shown.strip() == "True"  # it did build the window
    assert loaded == ""


def test_the_lazy_store_names_load_when_asked_for() -> None:
    import app.store

    assert app.store.export_archive.__module__ == "app.store.archive"
    assert issubclass(app.store.ImportFileError, Exception)
