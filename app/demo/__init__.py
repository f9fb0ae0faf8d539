"""Samtal's loopback demo server: the Claude Messages API on 127.0.0.1, with no token and no network.

`samtal --demo` runs it in-process so that every feature can be tried offline; tests use it as a real
HTTP peer and script exactly what it sends::

    with DemoServer() as server:
        server.script.push(Reply(status=529))
        server.script.push(Stream([*text_events("Hel"), Pause(0.05), Drop()]))
        ...  # talk to server.url; inspect server.requests

Layout: `server` (threaded uvicorn), `http_app` (ASGI routing, auth, headers, playback), `scenarios`
(scripted responses), `validation`, `replies` (what to answer) with `answers` (the words),
`completion` (limits, JSON and SSE shapes), `tokens`, `conversation`, `model_catalog`.
"""

from app.demo.completion import text_events
from app.demo.http_app import RecordedRequest
from app.demo.model_catalog import DEFAULT_MODEL, DEMO_MODELS
from app.demo.scenarios import Drop, Hang, Pause, Redirect, Reply, Script, Stream, Unencoded
from app.demo.server import DEMO_TOKEN, INTERACTIVE_DELAY, DemoServer

__all__ = [
    "DEFAULT_MODEL",
    "DEMO_MODELS",
    "DEMO_TOKEN",
    "INTERACTIVE_DELAY",
    "DemoServer",
    "Drop",
    "Hang",
    "Pause",
    "RecordedRequest",
    "Redirect",
    "Reply",
    "Script",
    "Stream",
    "Unencoded",
    "text_events",
]
