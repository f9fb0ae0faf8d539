"""The values the store hands out (frozen dataclasses) and the records it imports.

Content blocks are plain dicts in the Messages API's JSON shape. Keys starting with ``_`` are Samtal's own
annotations (``_attachment``: the hash of stored attachment data; ``_incomplete``/``_partial_json``: a tool
call cut off mid-stream); the store keeps them and :func:`app.api.strip_private` removes them before sending.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar, Literal, get_args

from app.plural import plural

Role = Literal["user", "assistant"]
MessageStatus = Literal["complete", "streaming", "stopped", "error", "interrupted"]
ROLES: tuple[Role, ...] = get_args(Role)
STATUSES: tuple[MessageStatus, ...] = get_args(MessageStatus)

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class MessageError:
    """Why a reply failed: the API's error type and message, and the request id to quote to support."""

    type: str
    message: str
    request_id: str | None = None

    @classmethod
    def from_exception(cls, exc: BaseException) -> MessageError:
        """Read ``type``, ``message`` and ``request_id`` from an exception that has them (an
        ``app.api.APIError``), else use the exception's class name and text."""
        kind = getattr(exc, "type", None)
        message = getattr(exc, "message", None)
        request_id = getattr(exc, "request_id", None)
        return cls(
            type=kind if isinstance(kind, str) and kind else type(exc).__name__,
            message=message if isinstance(message, str) else str(exc),
            request_id=request_id if isinstance(request_id, str) and request_id else None,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MessageError:
        """Read the form :meth:`to_dict` writes (leniently: it may come from an imported file)."""
        request_id = data.get("request_id")
        return cls(
            type=str(data.get("type") or "error"),
            message=str(data.get("message") or ""),
            request_id=str(request_id) if request_id else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """``{"type", "message", "request_id"}``, as stored and exported."""
        return {"type": self.type, "message": self.message, "request_id": self.request_id}


def refusal_reason(stop_details: Mapping[str, Any] | None) -> str:
    """Why the model declined, in the API's words: ``"<category>: <explanation>"`` from a refusal's stop
    details (either part may be missing; "" when neither is there). Server text: show it as plain text."""
    if not isinstance(stop_details, Mapping):
        return ""
    parts = (stop_details.get("category"), stop_details.get("explanation"))
    return ": ".join(" ".join(part.split()) for part in parts if isinstance(part, str) and part.strip())


@dataclass(frozen=True, slots=True)
class Conversation:
    """One conversation. ``head_id`` is the leaf of the branch being shown; ``params`` holds the request
    parameters (the keys of ``app.api.params.API_PARAMS``); ``message_count`` counts every branch."""

    id: int
    uuid: str
    title: str
    created_at: datetime
    updated_at: datetime
    pinned: bool
    archived: bool
    trashed_at: datetime | None
    tags: tuple[str, ...]
    head_id: int | None
    params: dict[str, Any]
    draft: str
    message_count: int

    @property
    def in_trash(self) -> bool:
        """Whether the conversation is in the trash."""
        return self.trashed_at is not None


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a conversation's tree.

    ``content`` is the list of content blocks; ``timings`` holds the stream's measurements
    (``time_to_first_byte``, ``time_to_first_text``, ``duration`` in seconds, ``output_tokens_per_second``);
    ``response_headers`` the request id and rate-limit headers of the response; ``api_id`` the API's
    ``msg_…`` id; ``stop_details`` what the API said beside the stop reason, as it said it (a refusal's
    ``{"type": "refusal", "category", "explanation"}``). The request that produced a reply is read with
    :meth:`Store.request`.
    """

    id: int
    uuid: str
    conversation_id: int
    parent_id: int | None
    role: Role
    content: list[Block]
    status: MessageStatus
    created_at: datetime
    model: str | None = None
    stop_reason: str | None = None
    stop_sequence: str | None = None
    usage: dict[str, Any] | None = None
    error: MessageError | None = None
    timings: dict[str, Any] | None = None
    response_headers: dict[str, str] | None = field(default=None, repr=False)
    api_id: str | None = None
    stop_details: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        """The text blocks, joined by blank lines."""
        return "\n\n".join(
            b["text"] for b in self.content if b.get("type") == "text" and isinstance(b.get("text"), str)
        )

    @property
    def declined(self) -> bool:
        """Whether the model declined to answer (stop reason ``refusal``): a complete reply, not a failure;
        `refusal_reason` of its ``stop_details`` says why."""
        return self.stop_reason == "refusal"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: a message (``message_id`` set) or a conversation title (``message_id`` None).
    ``snippet`` marks the matches with the markers given to :meth:`Store.search`; lower ``rank`` is better."""

    conversation_id: int
    conversation_title: str
    message_id: int | None
    role: Role | None
    snippet: str
    rank: float
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ConversationHits:
    """The search results of one conversation: its best ``hits`` (best first: the title's when it matched,
    then its best messages, a few at most) and how many of its messages match (``matches``; at least that
    many when ``complete`` is False: a very common word was counted in its best matches only)."""

    conversation_id: int
    conversation_title: str
    hits: tuple[SearchHit, ...]
    matches: int
    complete: bool = True

    @property
    def best(self) -> SearchHit:
        return self.hits[0]

    @property
    def title_matched(self) -> bool:
        return any(hit.message_id is None for hit in self.hits)


@dataclass(frozen=True, slots=True)
class Preset:
    """A named set of request parameters."""

    id: int
    name: str
    params: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class UsageTotals:
    """Token counts summed over assistant replies (``replies`` counts those that reported usage)."""

    replies: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0

    @property
    def total_input_tokens(self) -> int:
        """Uncached plus cache-write plus cache-read input, as the API defines the total."""
        return self.input_tokens + self.cache_creation_input_tokens + self.cache_read_input_tokens


@dataclass(frozen=True, slots=True)
class DailyUsage:
    """Usage of one model on one local calendar day."""

    day: date
    model: str | None
    totals: UsageTotals


@dataclass(frozen=True, slots=True)
class Attachment:
    """Stored attachment data, keyed by the SHA-256 of its bytes."""

    hash: str
    media_type: str
    data: bytes

    @property
    def size(self) -> int:
        """The data's length in bytes."""
        return len(self.data)


# --- records: conversations as they are imported and exported, keyed by uuid ---


@dataclass(slots=True)
class MessageRecord:
    """A message to import. ``parent_uuid`` refers to another record of the same conversation."""

    uuid: str
    parent_uuid: str | None
    role: Role
    content: list[Block]
    created_at: datetime
    status: MessageStatus = "complete"
    model: str | None = None
    stop_reason: str | None = None
    stop_sequence: str | None = None
    usage: dict[str, Any] | None = None
    error: MessageError | None = None
    timings: dict[str, Any] | None = None
    request: dict[str, Any] | None = None  # as stored: repeated branch messages are ``_message`` references
    response_headers: dict[str, str] | None = None
    api_id: str | None = None
    stop_details: dict[str, Any] | None = None


@dataclass(slots=True)
class ConversationRecord:
    """A conversation to import, its messages in any order that puts parents before children.
    ``head_uuid`` None means the most recently created leaf."""

    uuid: str
    title: str
    created_at: datetime
    updated_at: datetime
    messages: list[MessageRecord]
    head_uuid: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    pinned: bool = False
    archived: bool = False
    trashed_at: datetime | None = None
    draft: str = ""


ImportOutcome = Literal["added", "merged", "unchanged"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing one conversation did: ``added`` it, ``merged`` new messages into it, or nothing."""

    conversation_id: int
    outcome: ImportOutcome
    messages_added: int


@dataclass(slots=True)
class ImportReport:
    """Counts for a whole import. ``errors`` holds one line per conversation that could not be imported."""

    conversations_added: int = 0
    conversations_merged: int = 0
    conversations_unchanged: int = 0
    messages_added: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    errors_left_out: int = 0
    """Errors past the first MAX_ERROR_LINES, counted only (a hostile file may hold millions)."""

    MAX_ERROR_LINES: ClassVar[int] = 1000

    def add_error(self, line: str) -> None:
        """One conversation that could not be imported, and why."""
        if len(self.errors) < self.MAX_ERROR_LINES:
            self.errors.append(line)
        else:
            self.errors_left_out += 1

    @property
    def error_count(self) -> int:
        """Every error, listed or left out."""
        return len(self.errors) + self.errors_left_out

    def count(self, result: ImportResult) -> None:
        """Add one conversation's result to the totals."""
        if result.outcome == "added":
            self.conversations_added += 1
        elif result.outcome == "merged":
            self.conversations_merged += 1
        else:
            self.conversations_unchanged += 1
        self.messages_added += result.messages_added

    def summary(self) -> str:
        """One line for people: ``3 new conversations, 1 updated, 0 already present; 41 new messages;
        1 skipped (empty); 0 errors``."""
        return (
            f"{plural(self.conversations_added, '{n} new conversation', '{n} new conversations')}, "
            f"{self.conversations_merged:,} updated, {self.conversations_unchanged:,} already present; "
            f"{plural(self.messages_added, '{n} new message', '{n} new messages')}; "
            f"{self.skipped:,} skipped (empty); {plural(self.error_count, '{n} error', '{n} errors')}"
        )
