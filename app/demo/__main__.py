"""`python -m app.demo [--port N] [--delay S]`: run the demo server in the foreground until Ctrl+C."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Sequence

from app.demo.model_catalog import DEFAULT_MODEL
from app.demo.server import INTERACTIVE_DELAY, DemoServer


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until interrupted (Ctrl+C or SIGTERM); print the URL and a curl example first."""
    parser = argparse.ArgumentParser(
        prog="python -m app.demo",
        description="Run Samtal's demo Claude Messages API server on 127.0.0.1 (no token, no network).",
    )
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: any free port)")
    parser.add_argument(
        "--delay", type=float, default=INTERACTIVE_DELAY, help="seconds between streamed deltas (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be from 0 to 65535")
    if args.delay < 0:
        parser.error("--delay must not be negative")

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda _signal, _frame: stopping.set())
    with DemoServer(delay=args.delay, port=args.port, record_requests=False) as server:
        request = (
            f'{{"model":"{DEFAULT_MODEL}","max_tokens":1024,"stream":true,'
            '"messages":[{"role":"user","content":"Hello!"}]}'
        )
        print(f"Samtal demo server listening on {server.url}", flush=True)
        print("Try it (any token works):", flush=True)
        print(
            f"  curl -sN {server.url}/v1/messages -H 'x-api-key: demo' -H 'anthropic-version: 2023-06-01' "
            "-H 'content-type: application/json' "
            f"-d '{request}'",
            flush=True,
        )
        print("Press Ctrl+C to stop.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stopping.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
