"""``samtal list``, ``samtal show`` and ``samtal search``: reading the store."""

from __future__ import annotations

import argparse
import re
from typing import Final

from app.cli.command import FAILED, OK, USAGE, CommandError, open_store, report
from app.cli.json_output import conversation_hits_json, conversation_json, message_json
from app.cli.terminal import Output
from app.plural import plural
from app.store import Conversation, Message, NotFoundError, refusal_reason
from app.store.markdown_export import block_markdown, conversation_markdown, local_time

JSON_MARKERS: Final = ("**", "**")
_MATCH: Final = ("\x02", "\x03")  # asked of the store, then replaced by the terminal's markers
_MATCH_SPLIT: Final = re.compile("(\x02|\x03)")
_ROLE_NAMES: Final = {"user": "You", "assistant": "Claude"}


def run_list(args: argparse.Namespace) -> int:
    """``samtal list``."""
    out = Output()
    with open_store(args, read_only=True) as store:
        conversations = store.list_conversations(
            tag=args.tag, archived=args.archived, trash=args.trash, limit=args.limit
        )
    if args.json:
        out.json([conversation_json(c) for c in conversations])
        return OK
    for conversation in conversations:
        out.styled_line(_list_line(out, conversation))
    return OK


def _list_line(out: Output, conversation: Conversation) -> str:
    title = out.clean(conversation.title) or out.dim("(untitled)")
    mark = "*" if conversation.pinned else " "
    tags = "".join(f"  #{out.clean(tag)}" for tag in conversation.tags)
    updated = local_time(conversation.updated_at)
    return f"{conversation.id:>6} {mark} {out.dim(updated)} {conversation.message_count:>5}  {title}{out.dim(tags)}"


def run_show(args: argparse.Namespace) -> int:
    """``samtal show``."""
    out = Output()
    with open_store(args, read_only=True) as store:
        try:
            conversation = store.conversations.find(args.conversation)
        except NotFoundError as exc:
            raise CommandError(str(exc)) from None
        if args.markdown:
            out.write(conversation_markdown(store, conversation.id))
            return OK
        path = store.path(conversation.id)
    if args.json:
        out.json({**conversation_json(conversation), "messages": [message_json(m) for m in path]})
        return OK
    out.styled_line(out.bold(out.clean(conversation.title) or "(untitled)"))
    facts = [
        f"conversation {conversation.id}",
        plural(conversation.message_count, "{n} message", "{n} messages"),
        f"updated {local_time(conversation.updated_at)}",
    ]
    if conversation.tags:
        facts.append("tags: " + ", ".join(conversation.tags))
    out.styled_line(out.dim(out.clean(" · ".join(facts))))
    for message in path:
        out.line()
        _show_message(out, message)
    return OK


def _show_message(out: Output, message: Message) -> None:
    heading = _ROLE_NAMES[message.role]
    if message.role == "assistant" and message.model:
        heading += f" ({message.model})"
    out.styled_line(out.bold(out.clean(heading)) + out.dim(f" · {local_time(message.created_at)}"))
    for block in message.content:
        text = block_markdown(block)
        if text:
            out.line(text)
    if message.error is not None:
        request = f" (request id {message.error.request_id})" if message.error.request_id else ""
        out.line(f"[error: {message.error.type}: {message.error.message}{request}]")
    elif message.declined:
        reason = refusal_reason(message.stop_details)
        out.line(f"[declined: {reason}]" if reason else "[declined]")
    elif message.status != "complete":
        out.line(f"[{message.status}]")


def run_search(args: argparse.Namespace) -> int:
    """``samtal search``."""
    if not args.query.strip():  # not "nothing matches" (status 1): a script passed an empty variable
        raise CommandError("the search query is empty", status=USAGE)
    out = Output()
    with open_store(args, read_only=True) as store:
        found = store.full_text.search_conversations(
            args.query, limit=args.limit, markers=JSON_MARKERS if args.json else _MATCH
        )
    if args.json:
        out.json([conversation_hits_json(group) for group in found])
        return OK
    if not found:  # like grep: a script can test for it, a person is told
        report(f"nothing matches {args.query!r}")
        return FAILED
    for group in found:  # one block per conversation: its title (marked when it matched), then its best messages
        title_hit = next((hit for hit in group.hits if hit.message_id is None), None)
        if title_hit is not None:
            title = _marked(out, title_hit.snippet)
        else:
            title = out.bold(out.clean(group.conversation_title) or "(untitled)")
        count = plural(group.matches, "{n} message", "{n} messages") + ("" if group.complete else "+")
        more = out.dim(f"  · {count}") if group.matches > 1 else ""
        out.styled_line(f"{out.bold(f'{group.conversation_id:>6}')}  {title}{more}")
        for hit in group.hits:
            if hit.message_id is not None:
                snippet = _marked(out, hit.snippet.replace("\n", " "))
                out.styled_line(f"        {out.dim(_ROLE_NAMES[hit.role or 'user'] + ':')} {snippet}")
    return OK


def _marked(out: Output, snippet: str) -> str:
    """A snippet cleaned for the terminal, its matches marked the terminal's way."""
    start, end = out.markers()
    pieces = _MATCH_SPLIT.split(snippet)
    return "".join(start if p == _MATCH[0] else end if p == _MATCH[1] else out.clean(p) for p in pieces)
