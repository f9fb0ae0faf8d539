"""``samtal ask``: send a prompt, stream the reply to standard output, save the exchange like the app does.

The user message and the ``streaming`` assistant row are saved before the request goes out, and the reply
is recorded as it arrives with the same :class:`~app.store.ReplyRecorder` the GUI uses, so a crash or a
kill leaves the partial reply in the store (``interrupted``). Ctrl+C stops the stream and keeps the partial
reply as ``stopped``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping
from typing import Any, Final

from app.api import DEFAULT_MODEL, APIError, MessagesClient, MessageStream, StreamInterruptedError, build_request
from app.cli.command import FAILED, INTERRUPTED, OK, CommandError, app_paths, open_store, report
from app.cli.provider import Connection, resolve
from app.cli.terminal import Output
from app.paths import AppPaths
from app.store import (
    Conversation,
    MessageError,
    MessageStatus,
    NotFoundError,
    ReplyRecorder,
    Store,
    selected_headers,
)

DEFAULT_MAX_TOKENS: Final = 4096
_FLAG_PARAMS: Final = (
    ("model", "model"),
    ("max_tokens", "max_tokens"),
    ("temperature", "temperature"),
    ("top_p", "top_p"),
    ("top_k", "top_k"),
    ("stop_sequences", "stop_sequences"),
    ("system", "system"),
    ("user_id", "metadata_user_id"),
)


def run(args: argparse.Namespace) -> int:
    """``samtal ask``."""
    prompt = _read_prompt(args.prompt)
    paths = app_paths(args)
    connection = resolve(
        base_url=args.base_url,
        auth=args.auth,
        profile_name=getattr(args, "profile", None),
        environ=os.environ,
        settings=lambda: _settings(paths),
        secrets=_secret_store,
    )
    given = {param: getattr(args, flag) for flag, param in _FLAG_PARAMS if getattr(args, flag) is not None}
    continuing = args.continue_last or args.conversation is not None
    store = open_store(args) if continuing or not args.no_save else None
    try:
        conversation = _conversation(store, args) if store is not None else None
        exchange = Exchange(store, conversation, _params(given, conversation, connection), save=not args.no_save)
        exchange.prepare(prompt)
        out = Output()
        try:
            return asyncio.run(exchange.stream(connection, out, as_json=args.json))
        except KeyboardInterrupt:
            if exchange.printed_text:
                out.write("\n")
            report("stopped; the partial reply was kept" if exchange.recorder else "stopped")
            return INTERRUPTED
    finally:
        if store is not None:
            store.close()


class Exchange:
    """One prompt and its reply: the branch it continues (if any), and whether it is saved."""

    def __init__(
        self, store: Store | None, conversation: Conversation | None, params: dict[str, Any], *, save: bool
    ) -> None:
        self.store = store
        self.conversation = conversation
        self.params = params
        self.save = save
        self.body: dict[str, Any] = {}
        self.recorder: ReplyRecorder | None = None
        self.printed_text = False

    def prepare(self, prompt: str) -> None:
        """Build the request from the branch and the prompt; when saving, save the prompt first and create
        the ``streaming`` reply row (with the request) before anything is sent."""
        store = self.store
        if self.save and store is not None:
            if self.conversation is None:
                self.conversation = store.create_conversation(params=self.params)
            store.add_message(self.conversation.id, "user", prompt)
            self.body = build_request(store.api_messages(store.path(self.conversation.id)), self.params)
            self.recorder = ReplyRecorder.start(
                store, self.conversation.id, request=self.body, model=self.params.get("model")
            )
            return
        history = store.api_messages(store.path(self.conversation.id)) if store and self.conversation else []
        history.append({"role": "user", "content": [{"type": "text", "text": prompt}]})
        self.body = build_request(history, self.params)

    async def stream(self, connection: Connection, out: Output, *, as_json: bool) -> int:
        """Stream the reply, printing its text as it comes (or the final JSON), recording it as it grows."""
        printer = _TextPrinter(out) if not as_json else None
        async with MessagesClient(provider=connection.provider, token=connection.token) as client:
            stream = client.stream(self.body)
            try:
                async with stream:
                    async for event in stream:
                        if printer is not None:
                            printer.event(event)
                            self.printed_text = printer.printed
                        if self.recorder is not None:
                            self.recorder.update(stream.message)
            except (asyncio.CancelledError, BrokenPipeError):  # Ctrl+C, or the reader of a pipe went away
                self._finish("stopped", stream)
                raise
            except StreamInterruptedError as exc:
                return self._failed("interrupted", stream, exc, printer)
            except APIError as exc:
                return self._failed("error", stream, exc, printer)
        self._finish("complete", stream)
        if printer is not None:
            printer.end()
        else:
            out.json(self._final_json(stream))
        return OK

    def _failed(self, status: MessageStatus, stream: MessageStream, exc: APIError, printer: _TextPrinter | None) -> int:
        error = MessageError.from_exception(exc)
        self._finish(status, stream, error)
        if printer is not None:
            printer.end()
        request = f" (request id {error.request_id})" if error.request_id else ""
        report(f"{error.type}: {error.message}{request}")
        return FAILED

    def _finish(self, status: MessageStatus, stream: MessageStream, error: MessageError | None = None) -> None:
        if self.recorder is not None:
            self.recorder.finish(
                status, stream.message, error=error, timings=stream.timings, response_headers=stream.headers
            )

    def _final_json(self, stream: MessageStream) -> dict[str, Any]:
        return {
            **stream.message,
            "samtal": {
                "conversation_id": self.conversation.id if self.save and self.conversation else None,
                "message_id": self.recorder.message_id if self.recorder is not None else None,
                "request_id": stream.request_id,
                "response_headers": selected_headers(stream.headers),
            },
        }


class _TextPrinter:
    """Writes the reply's text as its deltas arrive; text blocks are separated by a blank line."""

    def __init__(self, out: Output) -> None:
        self._out = out
        self._ends_with_newline = True
        self.printed = False

    def event(self, event: Mapping[str, Any]) -> None:
        kind = event.get("type")
        if kind == "content_block_start" and (event.get("content_block") or {}).get("type") == "text" and self.printed:
            self._write("\n\n")
        elif kind == "content_block_delta":
            delta = event.get("delta") or {}
            if delta.get("type") == "text_delta" and delta.get("text"):
                self._write(delta["text"])
                self.printed = True

    def _write(self, text: str) -> None:
        self._out.write(text)
        self._ends_with_newline = text.endswith("\n")

    def end(self) -> None:
        if self.printed and not self._ends_with_newline:
            self._write("\n")


def _read_prompt(argument: str | None) -> str:
    if argument is not None and argument != "-":
        prompt = argument
    elif sys.stdin.isatty():
        raise CommandError("no prompt: give it as an argument or on standard input", status=2)
    else:
        prompt = sys.stdin.read()
    if not prompt.strip():
        raise CommandError("the prompt is empty", status=2)
    return prompt


def _conversation(store: Store, args: argparse.Namespace) -> Conversation | None:
    if args.continue_last:
        conversation = store.most_recent_conversation()
        if conversation is None:
            raise CommandError("there is no conversation to continue yet")
        return conversation
    if args.conversation is not None:
        try:
            return store.find_conversation(args.conversation)
        except NotFoundError as exc:
            raise CommandError(str(exc)) from None
    return None


def _params(given: Mapping[str, Any], conversation: Conversation | None, connection: Connection) -> dict[str, Any]:
    """What to send: a continued conversation's parameters, then the options given. Nothing else is sent,
    except ``model`` and ``max_tokens``, which the API requires: the profile's default model or
    DEFAULT_MODEL, and DEFAULT_MAX_TOKENS."""
    params: dict[str, Any] = dict(conversation.params) if conversation is not None else {}
    params.update(given)
    if not params.get("model"):
        params["model"] = (connection.profile.default_model if connection.profile else "") or DEFAULT_MODEL
    params.setdefault("max_tokens", DEFAULT_MAX_TOKENS)
    return params


def _settings(paths: AppPaths) -> Any:
    from app.settings import Settings

    return Settings.load(paths)


def _secret_store() -> Any:
    from app.secrets import SecretStore

    return SecretStore()
