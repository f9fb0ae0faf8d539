"""Take the README's screenshot of the real window: Samtal in demo mode on a private virtual screen (Xvfb),
a prompt typed with xdotool as a person would, the window grabbed once the reply is saved.

    .venv/bin/python packaging/screenshot.py [-o resources/screenshots/samtal.png] [--prompt TEXT]

Needs xvfb and xdotool (tests/run installs them).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv)
pixmap = app.primaryScreen().grabWindow(int(sys.argv[2]))
sys.exit(0 if pixmap.save(sys.argv[1]) else 1)
"""


def wait(predicate, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "resources" / "screenshots" / "samtal.png")
    parser.add_argument("--prompt", default="Show me what you can render: a table and some code")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{args.size}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = f":{pipe.readline().strip()}"
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "QT_QPA"))}
        env.update(DISPLAY=display, HOME=tmp, XDG_CONFIG_HOME=f"{tmp}/config")
        data = Path(tmp) / "data"
        app = subprocess.Popen(
            [sys.executable, "-m", "app.main", "--demo", "--data-dir", str(data)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:

            def xdotool(*words: str) -> str:
                return subprocess.run(["xdotool", *words], env=env, capture_output=True, text=True).stdout.strip()

            window = wait(lambda: xdotool("search", "--onlyvisible", "--pid", str(app.pid)), 30, "the window")
            window = window.splitlines()[0]
            # Fill the screen, as a user would maximise it.
            width, height = args.size.split("x")
            xdotool("windowsize", window, width, height)
            xdotool("windowmove", window, "0", "0")
            xdotool("windowactivate", "--sync", window)
            time.sleep(1.0)
            xdotool("type", "--delay", "20", "--window", window, args.prompt)
            xdotool("key", "--window", window, "Return")

            def reply_saved() -> bool:
                store = data / "samtal.sqlite3"
                if not store.exists():
                    return False
                with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
                    row = conn.execute("SELECT count(*) FROM messages WHERE status = 'complete' AND role = 'assistant'")
                    return bool(row.fetchone()[0])

            wait(reply_saved, 60, "the reply")
            time.sleep(1.0)  # the last repaint
            args.output.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [sys.executable, "-c", GRAB, str(args.output), str(int(window))],
                env={**env, "QT_QPA_PLATFORM": "xcb"},
                check=True,
            )
            print(f"screenshot: {args.output}")
        finally:
            app.terminate()
            app.wait(10)
            xvfb.terminate()
            xvfb.wait(10)


if __name__ == "__main__":
    main()
