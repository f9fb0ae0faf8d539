"""The subcommands' arguments. Handlers are imported when a subcommand runs, not when the parser is built."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.api.params import CACHE_TTLS, EFFORT_LEVELS, SERVICE_TIERS, THINKING_DISPLAYS
from app.api.providers import API_VERSIONS

Handler = Callable[[argparse.Namespace], int]


def add_subcommands(subparsers: Any) -> None:
    """Add every subcommand to ``subparsers`` (what ``ArgumentParser.add_subparsers`` returned)."""
    # Accepted after the subcommand as well as before it; SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    ask = subparsers.add_parser(
        "ask",
        parents=[common],
        allow_abbrev=False,
        help="send a prompt and stream the reply",
        description="Send PROMPT (or standard input) and stream the reply's text to standard output. "
        "The exchange is saved like a conversation in the app unless --no-save is given.",
    )
    ask.add_argument("prompt", nargs="?", metavar="PROMPT", help="the prompt; read from standard input if absent or -")
    sampling = ask.add_argument_group("request parameters (only those given are sent; checked as the app checks them)")
    sampling.add_argument("--preset", metavar="NAME", help="start from a preset saved in the app")
    sampling.add_argument("--model", help="model id")
    sampling.add_argument("--max-tokens", type=_whole_number, metavar="N")
    sampling.add_argument("--temperature", type=_number, metavar="T", help="0 to 1")
    sampling.add_argument("--top-p", type=_number, metavar="P", help="0 to 1")
    sampling.add_argument("--top-k", type=_whole_number, metavar="K")
    sampling.add_argument(
        "--stop", action="append", dest="stop_sequences", metavar="SEQ", help="stop sequence (repeatable)"
    )
    sampling.add_argument("--system", metavar="TEXT", help="system prompt")
    sampling.add_argument("--user-id", metavar="ID", help="metadata.user_id (an opaque id, not personal data)")
    thinking = sampling.add_mutually_exclusive_group()
    thinking.add_argument(
        "--thinking",
        choices=("adaptive", "off"),
        help="adaptive: the model thinks as much as it needs (its depth set by --effort); off: no thinking",
    )
    thinking.add_argument(
        "--thinking-budget",
        type=_whole_number,
        metavar="N",
        help="extended thinking with N tokens for it (at least 1024), where the model takes a budget; 0 turns it off",
    )
    sampling.add_argument(
        "--thinking-display",
        choices=THINKING_DISPLAYS,
        help="the thinking as a summary, or omitted (withheld; its signature is kept)",
    )
    sampling.add_argument("--effort", choices=EFFORT_LEVELS, help="how much the model does: the levels it takes")
    sampling.add_argument(
        "--output-schema",
        metavar="FILE",
        help="structured output: the reply is JSON valid against this JSON Schema (an object schema)",
    )
    sampling.add_argument("--cache", choices=CACHE_TTLS, help="prompt caching, for 5 minutes or 1 hour")
    sampling.add_argument("--web-search", action="store_true", help="let the model search the web")
    sampling.add_argument(
        "--web-search-max-uses", type=_positive_int, metavar="N", help="at most N searches (implies --web-search)"
    )
    sampling.add_argument(
        "--web-search-domains",
        type=_domains,
        metavar="A,B",
        help="search only these domains (implies --web-search)",
    )
    sampling.add_argument("--web-fetch", action="store_true", help="let the model fetch web pages")
    sampling.add_argument("--service-tier", choices=SERVICE_TIERS, help="auto, or standard_only (no priority tier)")
    sampling.add_argument("--tools", metavar="FILE", help="tool definitions: a JSON array, as in the app's editor")
    sampling.add_argument(
        "--tool-choice", type=_tool_choice, metavar="CHOICE", help="auto, any, none or tool:NAME (needs tools)"
    )
    sampling.add_argument("--disable-parallel-tool-use", action="store_true", help="at most one tool call per reply")
    sampling.add_argument(
        "--no-stream", action="store_true", help="one non-streaming request; print the reply at the end"
    )
    ask.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="attach an image (PNG, JPEG, GIF, WebP), a PDF or a text file (repeatable)",
    )
    where = ask.add_mutually_exclusive_group()
    where.add_argument(
        "-c", "--continue", dest="continue_last", action="store_true", help="continue the most recent conversation"
    )
    where.add_argument("--conversation", metavar="ID", help="continue this conversation (id or uuid prefix)")
    ask.add_argument("--no-save", action="store_true", help="do not save the exchange")
    ask.add_argument("--json", action="store_true", help="print the final Message as JSON instead of streaming")
    ask.add_argument(
        "--timeout",
        type=_positive_number,
        metavar="S",
        help="give up when the server sends nothing for S seconds (default 600)",
    )
    _add_provider_options(ask)
    ask.set_defaults(func=_lazy("app.cli.ask", "run"))

    models = subparsers.add_parser(
        "models",
        parents=[common],
        allow_abbrev=False,
        help="list the provider's models",
        description="List the models the provider offers, with what each takes (thinking, effort, structured "
        "outputs...) and where it is in its life (active, deprecated, retired).",
    )
    models.add_argument("--json", action="store_true", help="print JSON")
    _add_provider_options(models)
    models.set_defaults(func=_lazy("app.cli.models", "run"))

    listing = subparsers.add_parser(
        "list",
        parents=[common],
        allow_abbrev=False,
        help="list conversations",
        description="List conversations: pinned first, then the most recently updated.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--tag", metavar="T", help="only conversations tagged T")
    shown = listing.add_mutually_exclusive_group()
    shown.add_argument("--archived", action="store_true", help="list the archived conversations")
    shown.add_argument("--trash", action="store_true", help="list the conversations in the trash")
    listing.add_argument("--limit", type=_positive_int, metavar="N", help="at most N conversations")
    listing.set_defaults(func=_lazy("app.cli.browse", "run_list"))

    show = subparsers.add_parser(
        "show",
        parents=[common],
        allow_abbrev=False,
        help="show a conversation",
        description="Show the current branch of a conversation.",
    )
    show.add_argument("conversation", metavar="ID", help="conversation id (or uuid prefix)")
    form = show.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print JSON")
    form.add_argument("--markdown", action="store_true", help="print Markdown (as exported)")
    show.set_defaults(func=_lazy("app.cli.browse", "run_show"))

    search = subparsers.add_parser(
        "search",
        parents=[common],
        allow_abbrev=False,
        help="search every conversation",
        description='Search titles and messages. Words must all match; "quotes" find a phrase, word* a '
        "prefix; OR, NOT and -word work as expected.",
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="at most N hits (default 20)")
    search.set_defaults(func=_lazy("app.cli.browse", "run_search"))

    export = subparsers.add_parser(
        "export",
        parents=[common],
        allow_abbrev=False,
        help="export conversations to Markdown or JSON",
        description="Export conversations. Markdown holds each conversation's current branch; JSON holds "
        "whole conversation trees and can be imported again. With Markdown, an existing directory as "
        "PATH gets one file per conversation.",
    )
    export.add_argument("conversations", nargs="*", metavar="ID")
    export.add_argument("--all", action="store_true", help="every conversation outside the trash")
    export.add_argument("--format", choices=("md", "json"), help="default: from PATH's extension, else json")
    export.add_argument("-o", "--output", required=True, metavar="PATH", help="file or directory; - for stdout")
    export.set_defaults(func=_lazy("app.cli.transfer", "run_export"))

    importing = subparsers.add_parser(
        "import",
        parents=[common],
        allow_abbrev=False,
        help="import a claude.ai export or a Samtal JSON export",
        description="Import conversations from a claude.ai data export (the .zip or its conversations.json) "
        "or from `samtal export --format json`. Importing the same file again adds nothing.",
    )
    importing.add_argument("path", metavar="PATH")
    importing.set_defaults(func=_lazy("app.cli.transfer", "run_import"))


def _add_provider_options(parser: argparse.ArgumentParser) -> None:
    provider = parser.add_argument_group("provider (default: --profile, else the environment, else the active profile)")
    provider.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help="a profile from the app")
    provider.add_argument("--base-url", metavar="URL", help="an Anthropic-compatible base URL")
    provider.add_argument(
        "--auth", choices=("x-api-key", "bearer"), help="how --base-url takes the token (from the environment)"
    )
    provider.add_argument(
        "--api-version",
        choices=API_VERSIONS,
        help="the anthropic-version to send (default: the profile's, else 2023-06-01; 2026-10-21 takes no "
        "temperature, top_p or top_k)",
    )


def _lazy(module: str, function: str) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        from app.cli.command import run_command

        return run_command(module, function, args)

    return handler


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _positive_int(text: str) -> int:
    value = _whole_number(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {value}")
    return value


def _positive_number(text: str) -> float:
    value = _number(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text}")
    return value


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def _domains(text: str) -> list[str]:
    """``a.com,b.org`` as a list of domain names."""
    domains = [domain.strip() for domain in text.split(",") if domain.strip()]
    if not domains:
        raise argparse.ArgumentTypeError(f"expected domain names separated by commas, not {text!r}")
    return domains


def _tool_choice(text: str) -> dict[str, str]:
    """``auto``, ``any``, ``none`` or ``tool:NAME`` as the API's tool_choice."""
    if text in ("auto", "any", "none"):
        return {"type": text}
    kind, _, name = text.partition(":")
    if kind != "tool" or not name:
        raise argparse.ArgumentTypeError(f"expected auto, any, none or tool:NAME, not {text!r}")
    return {"type": "tool", "name": name}
