"""Command line entry point and composition root.

`samtal` with no subcommand starts the GUI; subcommands never import Qt, so they start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samtal",
        description="Samtal: a native desktop chat client for the Claude Messages API.",
    )
    parser.add_argument("--version", action="version", version=f"samtal {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    parser.parse_args(argv)
    print("The Samtal window is not built yet.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
