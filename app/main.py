"""Command line entry point.

`samtal` with no subcommand starts the GUI (composition root: `app.gui`); the subcommands (`app.cli`)
never import Qt, so they start fast. This module imports neither until it knows which is wanted.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    from app.cli import add_subcommands

    parser = argparse.ArgumentParser(
        prog="samtal",
        description="Samtal: a native desktop chat client for the Claude Messages API. "
        "Without a subcommand it opens the window.",
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
    gc.disable()
    from app.gui import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
