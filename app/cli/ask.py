"""``samtal ask``: send a prompt, stream the reply to standard output, save the exchange like the app does.

With ``--demo`` the request goes to the demo server, started in-process for this run (as the window does).
The parameters are a continued conversation's, then a ``--preset``'s, then the options given; they are
checked by `app.api.params` exactly as the app checks them: warnings go to standard error, and a problem
that would make the API refuse the request stops it (exit status 2) before anything is saved or sent. An
option given on the command line that the model refuses stops it too (a value the conversation or the
preset saved is left out with a warning).

The reply runs through the window's own exchange runner (`app.chat.exchange`): the user message and the
``streaming`` assistant row are saved before the request goes out, and the reply is recorded as it arrives,
so a crash or a kill leaves the partial reply in the store (``interrupted``); a paused turn goes on by
itself. Ctrl+C stops the stream and keeps the partial reply as ``stopped``. A reply that stops to call
tools has its calls listed on standard error: tools are answered in the app. A reply the model declined
exits with REFUSED (3) after one line saying why.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from app.api import MessagesClient
from app.api.catalog import default_model
from app.api.model_cache import read_cached_models
from app.api.params import (
    Problem,
    ToolProblem,
    fill_required,
    prepare,
    validate_output_schema_json,
    validate_tools_json,
)
from app.chat.exchange import CONTEXT_FULL, PAUSED, Outcome, ReplyStopped, request_body, size_problem
from app.chat.exchange import Exchange as ReplyExchange
from app.cli.command import FAILED, INTERRUPTED, OK, REFUSED, USAGE, CommandError, app_paths, open_store, report
from app.cli.provider import Connection, connect
from app.cli.terminal import Output
from app.store import (
    Conversation,
    MessageError,
    NotFoundError,
    Store,
    refusal_reason,
    selected_headers,
)

# The options that set a parameter as they are: (option's dest, params key, the option as typed).
_FLAG_PARAMS: Final = (
    ("model", "model", "--model"),
    ("max_tokens", "max_tokens", "--max-tokens"),
    ("temperature", "temperature", "--temperature"),
    ("top_p", "top_p", "--top-p"),
    ("top_k", "top_k", "--top-k"),
    ("stop_sequences", "stop_sequences", "--stop"),
    ("system", "system", "--system"),
    ("user_id", "metadata_user_id", "--user-id"),
    ("tool_choice", "tool_choice", "--tool-choice"),
    ("effort", "effort", "--effort"),
    ("cache", "cache_ttl", "--cache"),
    ("service_tier", "service_tier", "--service-tier"),
)


def run(args: argparse.Namespace) -> int:
    """``samtal ask``."""
    prompt = _read_prompt(args.prompt)
    content = [*_attachment_blocks(args.attach), {"type": "text", "text": prompt}]
    given, options = _given(args)
    with contextlib.ExitStack() as stack:
        connection = connect(args, stack)
        return _ask(args, content, given, options, connection)


def _ask(
    args: argparse.Namespace,
    content: list[dict[str, Any]],
    given: dict[str, Any],
    options: Mapping[str, str],
    connection: Connection,
) -> int:
    continuing = args.continue_last or args.conversation is not None
    # With --no-save the store is only read (a continued conversation, a preset): read-only, which writes nothing.
    store = open_store(args, read_only=args.no_save) if continuing or not args.no_save or args.preset else None
    try:
        conversation = _conversation(store, args) if store is not None else None
        preset = _preset(store, args.preset) if store is not None and args.preset else {}
        params = _params(given, conversation, preset, connection, args)
        sent, problems = prepare(params, api_version=connection.api_version)
        if _refused_options(problems, options, str(params["model"])) or _report_problems(problems):
            return USAGE
        exchange = Exchange(store, conversation, params, sent, save=not args.no_save)
        exchange.prepare(content, stream=params.get("stream", True) is not False)
        out = Output()
        try:
            return asyncio.run(exchange.send(connection, out, as_json=args.json, timeout=args.timeout))
        except KeyboardInterrupt:  # before or after the reply's own task
            return exchange.stopped(out)
    finally:
        if store is not None:
            store.close()


class Exchange:
    """One prompt and its reply: the branch it continues (if any), and whether it is saved. The reply runs
    through the window's own `app.chat.exchange.Exchange`; this prints it and says how it ended.

    ``params`` are the conversation's parameters (saved with a new conversation), ``sent`` the API
    parameters `app.api.params.prepare` made of them."""

    def __init__(
        self,
        store: Store | None,
        conversation: Conversation | None,
        params: dict[str, Any],
        sent: dict[str, Any],
        *,
        save: bool,
    ) -> None:
        self.store = store
        self.conversation = conversation
        self.params = params
        self.sent = sent
        self.save = save
        self.body: dict[str, Any] = {}
        self.reply: ReplyExchange | None = None
        self.printed_text = False
        self.reader_gone = False

    @property
    def saving(self) -> bool:
        """Whether the reply has a row in the store (it is kept however it ends)."""
        return self.reply is not None and self.reply.recorder is not None

    def prepare(self, content: list[dict[str, Any]], *, stream: bool = True) -> None:
        """Build the request from the branch and the new user message (attachments, then the prompt) and
        check its size; when saving, then save the message and create the ``streaming`` reply row (with
        the request) before anything is sent."""
        store = self.store
        history = store.messages.api_messages(store.path(self.conversation.id)) if store and self.conversation else []
        self.body = request_body(history, content, self.sent)
        problem = size_problem(self.body)
        if problem is not None:
            raise CommandError(problem, status=USAGE)
        if not self.save or store is None:
            self.reply = ReplyExchange(self.body, streamed=stream)
            return
        if self.conversation is None:
            self.conversation = store.create_conversation(params=self.params)
        store.add_message(self.conversation.id, "user", content)
        self.reply = ReplyExchange.start(
            store, self.conversation.id, body=self.body, model=self.sent.get("model"), streamed=stream
        )

    async def send(self, connection: Connection, out: Output, *, as_json: bool, timeout: float | None = None) -> int:
        """Send the request: streamed (the text printed as it comes) or at once (the text printed at the
        end); with ``as_json`` the final Message is printed as JSON instead. ``timeout``: seconds of silence
        from the server before giving up (None: the client's default)."""
        assert self.reply is not None, "prepare() first"
        options: dict[str, Any] = {"timeout": timeout} if timeout is not None else {}
        printer = _TextPrinter(out) if not as_json and self.reply.streamed else None

        def on_event(event: dict[str, Any]) -> None:
            if printer is None:
                return
            try:
                printer.event(event)
            except BrokenPipeError as exc:  # the reader of a pipe went away: stop, keep what arrived
                self.reader_gone = True
                raise ReplyStopped from exc
            self.printed_text = printer.printed

        async with MessagesClient(
            provider=connection.provider, token=connection.token, api_version=connection.api_version, **options
        ) as client:
            outcome = await self.reply.run(client, on_event=on_event)
        if self.reader_gone:
            raise BrokenPipeError  # `run_command` ends quietly
        if outcome.status == "stopped":  # Ctrl+C
            return self.stopped(out)
        if printer is not None:
            printer.end()
        if outcome.status != "complete":
            return self._failed(outcome)
        if as_json:
            out.json(self._final_json(outcome))
        elif printer is None:
            text = _reply_text(outcome.message)
            if text:
                out.write(text if text.endswith("\n") else text + "\n")
                self.printed_text = True
        return self._done(outcome)

    def stopped(self, out: Output) -> int:
        """Stopped by Ctrl+C: end the line printed so far and say what was kept."""
        if self.printed_text:
            out.write("\n")
        report("stopped; the partial reply was kept" if self.saving else "stopped")
        return INTERRUPTED

    def _failed(self, outcome: Outcome) -> int:
        """Say in one line why the reply failed (it was saved as it ended, with what arrived)."""
        error = outcome.error or MessageError(type="error", message="the reply failed")
        request = f" (request id {error.request_id})" if error.request_id else ""
        report(f"{error.type}: {error.message}{request}")
        return FAILED

    def _done(self, outcome: Outcome) -> int:
        """A complete reply: say when it was cut short or declined, and list its tool calls if it stopped
        for them."""
        message = outcome.message
        reason = outcome.stop_reason
        if reason == "refusal":
            why = refusal_reason(message.get("stop_details"))
            report(f"the model declined: {why}" if why else "the model declined")
            return REFUSED
        if reason == "max_tokens":
            report("the reply stopped at max_tokens; raise --max-tokens, or `samtal ask -c` to go on")
        elif reason == CONTEXT_FULL:
            report(
                "the reply stopped because the model's context window is full: start a new conversation, "
                "or use a model with a longer context"
            )
        elif reason == PAUSED:
            report(
                f"the model paused its turn again after {outcome.continuations} continuations; the reply so far "
                "is kept: Continue it in the app"
            )
        calls = _tool_calls(message)
        if reason != "tool_use" or not calls:
            return OK
        shown = Output(sys.stderr)
        for call in calls:
            report(shown.clean(f"tool call: {call}"))
        if self.saving and self.conversation is not None:
            report(
                f"the reply waits for tool results: answer them in the app (conversation {self.conversation.id}); "
                "`samtal ask -c` goes on without them"
            )
        else:
            report("the reply waits for tool results, which only the app can send")
        return OK

    def _final_json(self, outcome: Outcome) -> dict[str, Any]:
        return {
            **outcome.message,
            "samtal": {
                "conversation_id": self.conversation.id if self.save and self.conversation else None,
                "message_id": self.reply.message_id if self.reply is not None else None,
                "request_id": outcome.request_id,
                "response_headers": selected_headers(outcome.headers or {}),
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


def _reply_text(message: Mapping[str, Any]) -> str:
    """The text blocks of an API Message, separated by blank lines (as they stream)."""
    blocks = message.get("content") or []
    return "\n\n".join(
        block["text"]
        for block in blocks
        if isinstance(block, dict) and block.get("type") == "text" and isinstance(block.get("text"), str)
    )


def _tool_calls(message: Mapping[str, Any]) -> list[str]:
    """The finished tool calls of an API Message, each as ``NAME {input JSON} (id ID)``."""
    return [
        f"{block.get('name')} {json.dumps(block.get('input', {}), ensure_ascii=False)} (id {block.get('id')})"
        for block in message.get("content") or []
        if isinstance(block, dict) and block.get("type") == "tool_use" and not block.get("_incomplete")
    ]


def _read_prompt(argument: str | None) -> str:
    if argument is not None and argument != "-":
        prompt = argument
    elif sys.stdin.isatty():
        raise CommandError("no prompt: give it as an argument or on standard input", status=USAGE)
    else:
        prompt = sys.stdin.read()
    if not prompt.strip():
        raise CommandError("the prompt is empty", status=USAGE)
    return prompt


def _attachment_blocks(paths: Sequence[str]) -> list[dict[str, Any]]:
    """The content blocks of the ``--attach`` files, in order. Images load QtGui (to check and scale
    them), so the module is imported only when something is attached."""
    if not paths:
        return []
    from app.attachments import AttachmentError, load_attachment

    blocks = []
    for path in paths:
        try:
            attachment = load_attachment(Path(path))
        except AttachmentError as exc:
            raise CommandError(exc.message, status=USAGE) from None
        if attachment.note:
            report(f"note: {attachment.name}: {attachment.note}")
        blocks.append(attachment.block)
    return blocks


def _given(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, str]]:
    """The parameters the options set (``thinking`` ``{"type": "disabled"}``: turned off), and for each of
    them the option as typed (to name it when the model refuses it)."""
    given: dict[str, Any] = {}
    options: dict[str, str] = {}
    for flag, param, option in _FLAG_PARAMS:
        value = getattr(args, flag)
        if value is not None:
            given[param] = value
            options[param] = f"{option} {value}" if param == "effort" else option
    if args.tools is not None:
        given["tools"] = _tools(Path(args.tools))
    if args.output_schema is not None:
        given["output_format"] = _output_schema(Path(args.output_schema))
        options["output_format"] = "--output-schema"
    if args.thinking_budget is not None:
        budget = args.thinking_budget
        given["thinking"] = {"type": "enabled", "budget_tokens": budget} if budget else {"type": "disabled"}
        options["thinking"] = "--thinking-budget"
    elif args.thinking is not None:
        given["thinking"] = {"type": "adaptive" if args.thinking == "adaptive" else "disabled"}
        options["thinking"] = f"--thinking {args.thinking}"
    if args.thinking_display is not None:
        options.setdefault("thinking", f"--thinking-display {args.thinking_display}")
    web_search = _web_search(args)
    if web_search is not None:
        given["web_search"] = web_search
        options["web_search"] = "--web-search"
    if args.web_fetch:
        given["web_fetch"] = {}
        options["web_fetch"] = "--web-fetch"
    if args.no_stream:
        given["stream"] = False
    return given, options


def _web_search(args: argparse.Namespace) -> dict[str, Any] | None:
    """The web search options (``--web-search-max-uses`` and ``--web-search-domains`` imply ``--web-search``)."""
    if not (args.web_search or args.web_search_max_uses is not None or args.web_search_domains is not None):
        return None
    options: dict[str, Any] = {}
    if args.web_search_max_uses is not None:
        options["max_uses"] = args.web_search_max_uses
    if args.web_search_domains is not None:
        options["allowed_domains"] = args.web_search_domains
    return options


def _tools(path: Path) -> list[Any]:
    """The tool definitions in ``path``, checked as the app's tools editor checks them."""
    tools: list[Any] = _json_file(path, "the tools", validate_tools_json) or []
    return tools


def _output_schema(path: Path) -> dict[str, Any]:
    """The JSON Schema in ``path`` for the reply (``--output-schema``), checked as the app's editor checks it."""
    schema: dict[str, Any] | None = _json_file(path, "the output schema", validate_output_schema_json)
    if schema is None:
        raise CommandError(f"{path} is empty: it should hold the JSON Schema of the reply", status=USAGE)
    return schema


def _json_file(path: Path, what: str, validate: Callable[[str], list[ToolProblem]]) -> Any:
    """The JSON in ``path`` (None when it is empty), every problem reported as ``FILE:LINE:COLUMN: message``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CommandError(f"can't read {what} in {path}: {why}", status=USAGE) from None
    problems = validate(text)
    for problem in problems[:-1]:
        report(f"{path}:{problem.line}:{problem.column}: {problem.message}")
    if problems:
        last = problems[-1]
        raise CommandError(f"{path}:{last.line}:{last.column}: {last.message}", status=USAGE)
    return json.loads(text) if text.strip() else None


def _conversation(store: Store, args: argparse.Namespace) -> Conversation | None:
    if args.continue_last:
        conversation = store.conversations.most_recent()
        if conversation is None:
            raise CommandError("there is no conversation to continue yet")
        return conversation
    if args.conversation is not None:
        try:
            return store.conversations.find(args.conversation)
        except NotFoundError as exc:
            raise CommandError(str(exc)) from None
    return None


def _preset(store: Store, name: str) -> dict[str, Any]:
    try:
        return store.presets.get(name).params
    except NotFoundError:
        known = ", ".join(preset.name for preset in store.presets.all()) or "none yet"
        raise CommandError(f"there is no preset called {name!r} (presets: {known})", status=USAGE) from None


def _params(
    given: Mapping[str, Any],
    conversation: Conversation | None,
    preset: Mapping[str, Any],
    connection: Connection,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """What to ask for: a continued conversation's parameters, then the preset's, then the options given.
    Nothing else is sent, except ``model`` and ``max_tokens``, which the API requires (`fill_required`): the
    profile's default model, else the newest Sonnet the provider listed last (`app.api.catalog.default_model`)."""
    params: dict[str, Any] = dict(conversation.params) if conversation is not None else {}
    params.update(preset)
    params.update(given)
    # A model that refuses temperature with top_p gets the one given on this command line, whatever the
    # conversation or preset preferred.
    named = [name for name in ("temperature", "top_p") if given.get(name) is not None]
    if len(named) == 1 and params.get("temperature") is not None and params.get("top_p") is not None:
        params["sampling_preference"] = named[0]
    if params.get("thinking") is None:
        params.pop("thinking", None)
    if args.thinking_display is not None:
        thinking = params.get("thinking")
        if not (isinstance(thinking, dict) and thinking.get("type") in ("enabled", "adaptive")):
            raise CommandError(
                "--thinking-display needs thinking on: add --thinking adaptive or --thinking-budget N", status=USAGE
            )
        params["thinking"] = {**thinking, "display": args.thinking_display}
    listed = read_cached_models(app_paths(args).cache, connection.cache_key) if not params.get("model") else []
    params = fill_required(params, default_model(connection.default_model, listed, demo=connection.is_demo))
    if args.disable_parallel_tool_use:
        choice = params.get("tool_choice")
        choice = choice if isinstance(choice, dict) else {"type": "auto"}
        if choice.get("type") == "none":
            raise CommandError("--disable-parallel-tool-use doesn't go with tool choice none", status=USAGE)
        params["tool_choice"] = {**choice, "disable_parallel_tool_use": True}
    return params


def _refused_options(problems: Sequence[Problem], options: Mapping[str, str], model: str) -> bool:
    """Say so for each option given that the model (or the API version) refuses; whether there was any.
    A value the conversation or the preset saved is only warned about (`_report_problems`)."""
    refused = [problem for problem in problems if problem.rule and problem.field in options]
    for problem in refused:
        report(f"{model} refuses {options[problem.field]}: {problem.rule}.")
    return bool(refused)


def _report_problems(problems: Sequence[Problem]) -> bool:
    """Report the problems as the app shows them (warnings marked as such); whether any is blocking."""
    lines = (problem.message if problem.blocking else f"warning: {problem.message}" for problem in problems)
    for line in dict.fromkeys(lines):  # one rule may speak of two fields in one sentence
        report(line)
    return any(problem.blocking for problem in problems)
