"""Command line entry point.

`samtal` with no subcommand starts the GUI (`app.gui_launch`; composition root: `app.gui`); the subcommands (`app.cli`)
never import Qt, so they start fast. This module imports neither until it knows which is wanted.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    from app.cli import add_subcommands

    parser = argparse.ArgumentParser(
        prog="samtal",
        description="Samtal: a native desktop chat client for the Claude Messages API. "
        "Without a subcommand it opens the window.",
        allow_abbrev=False,  # "--thinking adaptive" must never be read as "--thinking-budget adaptive"
    )
    parser.add_argument("--version", action="version", version=f"samtal {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep conversations, settings, cache and logs in DIR (also: SAMTAL_DATA_DIR)",
    )
    parser.add_argument("--profile", metavar="NAME", help="use this provider profile")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="talk to a built-in demo server on 127.0.0.1 (the window and `samtal ask`): no token, no network",
    )
    gui = parser.add_argument_group("window options")
    gui.add_argument(
        "--demo-if-unconfigured",
        action="store_true",
        help="start the demo when no provider is set up yet (what packaging/run does)",
    )
    gui.add_argument(
        "--smoke-test",
        action="store_true",
        help="start normally, show the window and exit 0 once the event loop is idle",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")
    add_subcommands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is not None:
        return int(args.func(args))
    # Start-up allocates hundreds of thousands of long-lived objects (modules, classes, widgets' wrappers):
    # the collector would walk them again and again for nothing (~30 ms). The window turns it back on
    # once it has painted, after moving those objects out of its reach (gc.freeze).
    problem = display_problem(os.environ, sys.platform)
    if problem is not None:
        from app.cli.command import FAILED, report

        report(problem)
        return FAILED
    gc.disable()
    from app import pyside_feature

    pyside_feature.install()  # before the window's modules are imported: each is looked at as it comes
    from app.gui_launch import run_gui

    return run_gui(args)


# Qt platforms that draw on a display server, and the variables that name one; every other platform (offscreen,
# minimal, vnc, eglfs, linuxfb...) needs none.
_DISPLAY_VARIABLES: dict[str, tuple[str, ...]] = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",)}


def display_problem(environ: Mapping[str, str], platform: str) -> str | None:
    """Why the window can't open here, or None. On X11/Wayland systems Qt aborts the process (with a hint to
    reinstall Qt) when it finds no display server; say so first, in a line that tells what to do. Only the
    certain case is caught: no display variable for any of the platforms Qt would try."""
    if platform in ("darwin", "win32", "cygwin"):
        return None
    wanted = [entry.split(":")[0] for entry in environ.get("QT_QPA_PLATFORM", "").split(";") if entry.strip()]
    platforms = [name.strip() for name in wanted] or ["xcb", "wayland"]
    for name in platforms:
        family = "wayland" if name.startswith("wayland") else name
        variables = _DISPLAY_VARIABLES.get(family)
        if variables is None or any(environ.get(variable) for variable in variables):
            return None
        if family == "wayland" and _default_wayland_socket(environ):
            return None
    return (
        "no display found (DISPLAY and WAYLAND_DISPLAY are not set): open the window in a desktop session "
        "(or under xvfb-run); samtal ask, list, show, search, export and import need no display"
    )


def _default_wayland_socket(environ: Mapping[str, str]) -> bool:
    # Qt's Wayland platform connects to "wayland-0" in the runtime directory when WAYLAND_DISPLAY is unset.
    runtime = environ.get("XDG_RUNTIME_DIR")
    return runtime is not None and runtime != "" and Path(runtime, "wayland-0").exists()


if __name__ == "__main__":
    sys.exit(main())
