"""The values the store hands out (frozen dataclasses) and the records it imports.

Content blocks are plain dicts in the Messages API's JSON shape. Keys starting with ``_`` are Samtal's own
annotations (``_attachment``: the hash of stored attachment data; ``_incomplete``/``_partial_json``: a tool
call cut off mid-stream); the store keeps them and :func:`app.api.strip_private` removes them before sending.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields
from datetime import date, datetime
from typing import Any, ClassVar, Literal, get_args

from app.plural import plural
from app.store.timestamps import iso

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


# --- a message's fields, declared once ---
#
# ReplyDetails holds what the API said about a reply beside its content, MessageFields what a message is
# wherever it is kept; Message (in a store: ids) and MessageRecord (in a file: uuids) add where it sits.
# Everything else follows these declarations: the store's columns and how it writes them (app.store.messages),
# the export's and ``samtal show --json``'s keys, what ReplyRecorder reads from the API's Message object.
# Adding a field: declare it here and add its column in a schema migration (app.store.schema).


class DetailKind(enum.Enum):
    """How a detail is kept: the store's column and the JSON of the export follow it."""

    TEXT = "text"
    """A string, kept as it is."""
    OBJECT = "object"
    """A JSON object (a dict), kept as compact JSON text."""
    ERROR = "error"
    """A :class:`MessageError`, kept as its :meth:`~MessageError.to_dict`."""


def _detail(kind: DetailKind, api: str | None = None) -> dict[str, Any]:
    """The metadata of a field of :class:`ReplyDetails`: how it is kept, and ``api``, the key of the API's
    Message object it is read from (None: not from there)."""
    return {"kind": kind, "api": api}


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyDetails:
    """What the API said about a reply beside its content (all None for a user message, and for a reply
    before its stream says it): the model that answered, why it stopped (``stop_details``: what the API said
    beside the stop reason, as it said it, such as a refusal's ``{"type": "refusal", "category",
    "explanation"}``), the usage it reported, the error it ended in, the stream's measurements (``timings``:
    ``time_to_first_byte``, ``time_to_first_text``, ``duration`` in seconds, ``output_tokens_per_second``),
    the request id and rate-limit headers of the response, and the API's ``msg_…`` id.

    Writing one to a message writes its fields that are not None (see ``Messages.update``)."""

    model: str | None = field(default=None, metadata=_detail(DetailKind.TEXT, "model"))
    stop_reason: str | None = field(default=None, metadata=_detail(DetailKind.TEXT, "stop_reason"))
    stop_sequence: str | None = field(default=None, metadata=_detail(DetailKind.TEXT, "stop_sequence"))
    usage: dict[str, Any] | None = field(default=None, metadata=_detail(DetailKind.OBJECT, "usage"))
    error: MessageError | None = field(default=None, metadata=_detail(DetailKind.ERROR))
    timings: dict[str, Any] | None = field(default=None, metadata=_detail(DetailKind.OBJECT))
    response_headers: dict[str, str] | None = field(default=None, repr=False, metadata=_detail(DetailKind.OBJECT))
    api_id: str | None = field(default=None, metadata=_detail(DetailKind.TEXT, "id"))
    stop_details: dict[str, Any] | None = field(default=None, metadata=_detail(DetailKind.OBJECT, "stop_details"))

    @classmethod
    def from_api(cls, message: Mapping[str, Any], **others: Any) -> ReplyDetails:
        """The details the API's Message object (a dict: a reply as far as it got) holds, read leniently (a
        value of the wrong type, or empty, counts as missing), with ``others`` (``error=``, ``timings=``...)."""
        found = {
            item.name: _lenient(item, message.get(item.metadata["api"]), empty=False)
            for item in fields(ReplyDetails)
            if item.metadata["api"] is not None
        }
        return cls(**{**found, **others})

    def to_json(self) -> dict[str, Any]:
        """The details as JSON values, by field name: what the export file and ``--json`` hold."""
        return {item.name: _to_json(item, getattr(self, item.name)) for item in fields(ReplyDetails)}

    def given(self) -> dict[str, Any]:
        """The fields that are not None, by name."""
        return {item.name: value for item in fields(ReplyDetails) if (value := getattr(self, item.name)) is not None}


def details_from_json(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The details in a JSON object of the export's shape (see :meth:`ReplyDetails.to_json`), read leniently
    (a value of the wrong type is left out, as it may come from an imported file), by field name."""
    return {item.name: _lenient(item, raw.get(item.name)) for item in fields(ReplyDetails)}


def _to_json(item: Field[Any], value: Any) -> Any:
    return value.to_dict() if item.metadata["kind"] is DetailKind.ERROR and value is not None else value


def _lenient(item: Field[Any], value: Any, *, empty: bool = True) -> Any:
    """``value`` as the field's kind, or None when it is not of that kind (or, unless ``empty``, empty)."""
    if not value and not empty:
        return None
    kind = item.metadata["kind"]
    if kind is DetailKind.TEXT:
        return value if isinstance(value, str) else None
    if not isinstance(value, Mapping):
        return None
    return MessageError.from_dict(value) if kind is DetailKind.ERROR else dict(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageFields(ReplyDetails):
    """A message wherever it is kept: its uuid (the same in every store and file), role, content (the list
    of content blocks), status and creation time, with the details of a reply."""

    uuid: str
    role: Role
    content: list[Block]
    status: MessageStatus = "complete"
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        """Every field of the message as JSON values, by name (times in ISO 8601): what the export file and
        ``--json`` hold, the message's own fields first, then its details."""
        own = {item.name: getattr(self, item.name) for item in fields(MessageFields)[len(fields(ReplyDetails)) :]}
        # Not super(): a slotted dataclass is a new class, which zero-argument super() does not know.
        return {**own, "created_at": iso(self.created_at), **ReplyDetails.to_json(self)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Message(MessageFields):
    """One message of a conversation's tree: the :class:`MessageFields` with its place in a store. The request
    that produced a reply is read with ``store.requests.get``.
    """

    id: int
    conversation_id: int
    parent_id: int | None

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


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageRecord(MessageFields):
    """A message to import or exported: the :class:`MessageFields` with its place in the file.
    ``parent_uuid`` refers to another record of the same conversation."""

    parent_uuid: str | None
    request: dict[str, Any] | None = None  # as stored: repeated branch messages are ``_message`` references


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
