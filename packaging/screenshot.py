"""Screenshots of every main view of the real window, light and dark, English and Swedish, at 800×600 and
1920×1080: Samtal in demo mode on a private virtual screen (Xvfb), a seeded store (the same conversations,
sent to the in-process demo server, on every run), the screen grabbed as a person would see it (dialogs over
the window).

    .venv/bin/python packaging/screenshot.py [-o docs/screenshots] [--views chat,empty,...]
        [--themes light,dark] [--languages en,sv] [--sizes 800x600,1920x1080] [--readme]

Files are named ``<view>-<theme>-<language>-<width>x<height>.png``. The views: ``empty`` (a new conversation:
greeting and starter prompts), ``chat`` (a reply with a table and code, then one with formulas), ``parameters``
(the parameters drawer open), ``search`` (the sidebar searching), ``inspector`` (the request of the last reply),
``settings``, ``compare`` (two parameter sets run side by side). ``--readme`` also writes the README's
screenshot (resources/screenshots/samtal.png: ``parameters``, light, English, 1280×800) with its colours
reduced, so that it stays small. What a run cannot make the same twice: the clock (times, "Today") and the
figures measured while replies stream (time to first token, speed).

Needs Xvfb (tests/run installs it). Each theme and language runs in a process of its own (the language is
chosen at start-up, as in the app).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VIEWS = (
    "empty",
    "chat",
    "parameters",
    "search",
    "inspector",
    "settings",
    "compare",
)  # compare last: it adds a conversation
THEMES = ("light", "dark")
LANGUAGES = ("en", "sv")
SIZES = ("800x600", "1920x1080")
README_SHOT = ("parameters", "light", "en", "1280x800")
README_PATH = ROOT / "resources" / "screenshots" / "samtal.png"

# The seeded conversations, oldest first: (prompts in order). The demo answers each the same way every time.
SEED: tuple[tuple[str, ...], ...] = (
    ("Plan a weekend in Stockholm",),
    ("Which rivers run through Europe?",),
    ("Show me what you can render: a table and some code", "And some math, please"),
)
SEARCH_TEXT = "Stockholm"
COMPARE_PROMPT = "Write a haiku about rivers"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshots", help="folder")
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--themes", default=",".join(THEMES))
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--readme", action="store_true", help=f"also write {README_PATH.relative_to(ROOT)}")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child: JSON of what to take
    args = parser.parse_args()
    if args.one:
        _shoot_in_this_process(json.loads(args.one))
        return
    views = _chosen(args.views, VIEWS, "view")
    themes = _chosen(args.themes, THEMES, "theme")
    languages = _chosen(args.languages, LANGUAGES, "language")
    sizes = [_size(text) for text in args.sizes.split(",") if text]
    output = str(args.output.resolve())
    for size in sizes:
        with _virtual_screen(size) as display:  # a screen of that size: the app fits its dialogs to it
            for language in languages:
                for theme in themes:
                    job = {"theme": theme, "language": language, "views": views, "size": size, "output": output}
                    _run_child(job, display)
    if args.readme:
        view, theme, language, size_text = README_SHOT
        size = _size(size_text)
        with _virtual_screen(size) as display:
            _run_child({"theme": theme, "language": language, "views": [view], "size": size, "readme": True}, display)
        print(f"screenshot: {README_PATH}")


def _chosen(text: str, known: tuple[str, ...], what: str) -> list[str]:
    chosen = [word for word in text.split(",") if word]
    unknown = [word for word in chosen if word not in known]
    if unknown:
        raise SystemExit(f"screenshot: no {what} {', '.join(unknown)} (known: {', '.join(known)})")
    return chosen


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"screenshot: a size is WIDTHxHEIGHT, not {text!r}") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise SystemExit(f"screenshot: {text} is no screen size")
    return width, height


class _virtual_screen:
    """Xvfb with a screen of ``size`` on a display of its own for as long as the ``with`` lasts; gives the
    display name."""

    def __init__(self, size: tuple[int, int]) -> None:
        self._size = size

    def __enter__(self) -> str:
        read_fd, write_fd = os.pipe()
        width, height = self._size
        self._xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            return f":{pipe.readline().strip()}"

    def __exit__(self, *_exc: object) -> None:
        self._xvfb.terminate()
        self._xvfb.wait(10)


def _run_child(job: dict[str, Any], display: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "QT_", "DBUS_"))}
        # A home of its own: no settings, keyring or theme of the person running it.
        env.update(DISPLAY=display, HOME=tmp, XDG_CONFIG_HOME=f"{tmp}/config", QT_QPA_PLATFORM="xcb", LANG="C.UTF-8")
        job = {**job, "data": f"{tmp}/data"}
        started = time.monotonic()
        done = subprocess.run([sys.executable, __file__, "--one", json.dumps(job)], env=env, cwd=ROOT)
        if done.returncode:
            raise SystemExit(f"screenshot: the {job['theme']}, {job['language']} shots failed (see above)")
        size = "x".join(str(n) for n in job["size"])
        print(f"{job['theme']}, {job['language']}, {size}: {time.monotonic() - started:.0f} s", file=sys.stderr)


# --- in the child: the real window, driven from inside ---


def _shoot_in_this_process(job: dict[str, Any]) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from app.event_loop import run

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Samtal")
    app.setOrganizationName("Samtal")
    app.setQuitOnLastWindowClosed(False)
    run(_shoot(job))


async def _until(predicate: Callable[[], object], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshot: timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def _settle(seconds: float = 0.4) -> None:
    """Let layouts, deferred renders (formulas in their thread) and repaints happen."""
    await asyncio.sleep(seconds)


async def _shoot(job: dict[str, Any]) -> None:
    from PySide6.QtGui import QGuiApplication

    from app import language
    from app.gui import Samtal
    from app.paths import resolve_paths
    from app.secrets import SecretStore
    from app.settings import Settings
    from app.settings.options import LANGUAGE, PARAMS_PANEL_VISIBLE, THEME
    from app.store import Store

    paths = resolve_paths(Path(job["data"])).ensure()
    settings = Settings.load(paths)
    settings.set(THEME, job["theme"])
    settings.set(LANGUAGE, job["language"])
    settings.set(PARAMS_PANEL_VISIBLE, False)
    language.install(job["language"])
    store = Store.open(paths.store)
    root = Samtal(paths, settings, store, SecretStore(), smoke=False)
    root.start(demo=True, profile=None)
    window = root.window
    try:
        await _until(lambda: root.connections.connection is not None, "the demo connection")
        window.move(0, 0)
        shown = await _seed(root)
        width, height = job["size"]
        window.resize(width, height)  # the whole screen, as a user would maximise it
        for view in job["views"]:
            await _show(root, view, shown, width, height)
            image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
            if job.get("readme"):
                _save_small(image, README_PATH)
            else:
                name = f"{view}-{job['theme']}-{job['language']}-{width}x{height}.png"
                Path(job["output"]).mkdir(parents=True, exist_ok=True)
                if not image.save(str(Path(job["output"]) / name), "PNG", 0):  # 0: the most compressed
                    raise SystemExit(f"screenshot: could not write {name}")
            await _hide(root, view)
    finally:
        if root.compare.window is not None:
            root.compare.window.close_decided()
        window.close()
        await root.finished
        window.deleteLater()
        await asyncio.sleep(0)
        store.close()


async def _send(root: Any, text: str) -> None:
    before = len(root.store.path(root.current)) if root.current is not None else 0
    root.composer.edit.setPlainText(text)
    root.composer.send_requested.emit(text, [])
    cid = root.current
    await _until(lambda: root.current is not None and len(root.store.path(root.current)) >= before + 2, "the send")
    cid = root.current
    await _until(lambda: not root.controller.is_streaming(cid), f"the reply to {text!r}")
    root.composer.clear()


async def _seed(root: Any) -> int:
    """The seeded conversations; returns the one the views show."""
    for prompts in SEED:
        root.view.new_conversation()
        for prompt in prompts:
            await _send(root, prompt)
    assert root.current is not None
    return int(root.current)


_open_dialogs: dict[str, Any] = {}  # the dialogs a view opened itself (the app opens Settings modally)


async def _show(root: Any, view: str, shown: int, width: int, height: int) -> None:
    window = root.window
    window.commands.show_parameters.setChecked(view == "parameters")
    if view == "empty":
        root.view.new_conversation()
    elif view in ("chat", "parameters", "inspector", "settings") and root.current != shown:
        root.view.open_conversation(shown)
    if view == "search":
        root.view.open_conversation(shown)
        root.sidebar.search_field.setText(SEARCH_TEXT)
        await _settle(0.6)
    elif view == "inspector":
        root.inspector.inspect(root.store.path(shown)[-1].id)
    elif view == "settings":
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(window)
        root.profiles.attach_settings(dialog)
        _open_dialogs["settings"] = dialog
        dialog.show()
    elif view == "compare":
        await _show_compare(root, width, height)
    await _settle()
    if view in ("chat", "parameters", "inspector", "settings"):
        bar = root.transcript.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())
        await _settle(0.3)


async def _show_compare(root: Any, width: int, height: int) -> None:
    compare = root.compare
    if compare.window is None:
        root.view.new_conversation()
        root.composer.edit.setPlainText(COMPARE_PROMPT)
        root.window.commands.compare.trigger()
        window = compare.window
        for column, effort in zip(window.columns, ("low", "high"), strict=True):
            column.editor.effort.setCurrentIndex(column.editor.effort.findData(effort))
        window.run()
        await _until(lambda: compare.run is not None and not compare.run.any_streaming(), "the compare")
    compare.window.show()
    compare.window.move(0, 0)
    compare.window.resize(width, height)
    compare.window.raise_()


async def _hide(root: Any, view: str) -> None:
    if view == "search":
        root.sidebar.search_field.clear()
    elif view == "inspector" and root.inspector.dialog is not None:
        root.inspector.dialog.hide()
    elif view == "settings":
        dialog = _open_dialogs.pop("settings")
        dialog.close()
        dialog.deleteLater()
    elif view == "compare":
        root.compare.window.hide()
    await _settle(0.1)


def _save_small(image: Any, path: Path) -> None:
    """A screenshot for the README: 256 colours (text and flat surfaces lose nothing visible), most compressed."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    small = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not small.save(str(path), "PNG", 0):
        raise SystemExit(f"screenshot: could not write {path}")


if __name__ == "__main__":
    main()
