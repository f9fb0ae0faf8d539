"""The request body that produced each reply, kept compact and read back exactly. ``store.requests``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from app.store import content as blocks
from app.store.attachments import Attachments
from app.store.database import Database
from app.store.errors import NotFoundError
from app.store.json_columns import dumps
from app.store.message_rows import ANCESTORS

_MESSAGE_REF: Final = "_message"
_IN_CHUNK: Final = 500  # ids per "IN (…)" list: well under SQLite's limit on parameters


class Requests:
    """The replies' requests. Recording one is part of writing its message (``Messages.add`` and
    ``update``), which announces it."""

    def __init__(self, db: Database, attachments: Attachments) -> None:
        self._conn = db.conn
        self._attachments = attachments

    def get(self, message_id: int, *, with_attachment_data: bool = False) -> dict[str, Any] | None:
        """The request body that produced this reply, exactly as it was handed to the API client (which
        adds ``"stream": true``; the token is never part of it), or None. Attachment data stays as
        ``_attachment`` references unless ``with_attachment_data``."""
        row = self._conn.execute("SELECT request FROM messages WHERE id = ?", (message_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"No message {message_id}")
        if row["request"] is None:
            return None
        request: dict[str, Any] = json.loads(row["request"])
        messages = request.get("messages")
        if isinstance(messages, list):
            request["messages"] = [self._expand_message(item) for item in messages]
            if with_attachment_data:
                for item in request["messages"]:
                    if isinstance(item.get("content"), list):
                        item["content"] = self._attachments.inline(item["content"])
        return request

    def options(self, message_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The request of each of these replies without its messages (model, output_config, cache_control,
        tools…): what the transcript needs to know about how a reply was asked for, read without the
        conversation each request repeats. Replies without a recorded request are left out."""
        wanted = list(dict.fromkeys(message_ids))
        found: dict[int, dict[str, Any]] = {}
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            rows = self._conn.execute(
                f"SELECT id, json_remove(request, '$.messages') FROM messages"
                f" WHERE id IN ({', '.join('?' * len(chunk))}) AND request IS NOT NULL",
                chunk,
            ).fetchall()
            for row in rows:
                options = json.loads(row[1])
                if isinstance(options, dict):
                    found[int(row[0])] = options
        return found

    def record(self, message_id: int, parent_id: int | None, request: Mapping[str, Any]) -> None:
        """Keep the request of a reply below ``parent_id``, with the messages it repeats from the branch
        replaced by references (inside the transaction that writes the reply).

        Each reply's request holds the whole conversation before it, so storing them verbatim would grow
        with the square of the conversation's length. A request message that is exactly (as sent: private
        keys stripped) a stored message of the branch becomes ``{"role", "_message": uuid}``; anything
        else, such as a message the sender altered, stays verbatim. Attachment data becomes references.
        """
        compact = json.loads(json.dumps(dict(request)))
        refs: set[str] = set()
        messages = compact.get("messages")
        if isinstance(messages, list):
            sent_forms = {
                _canonical([role, _sent_form(json.loads(content))]): uuid_
                for uuid_, role, content in self._branch_contents(parent_id)
            }
            for index, item in enumerate(messages):
                if not isinstance(item, dict) or not isinstance(item.get("content"), list):
                    continue
                item["content"], found = blocks.extract_attachments(item["content"])
                refs |= self._attachments.insert(found)
                uuid_ref = sent_forms.get(_canonical([item.get("role"), _sent_form(item["content"])]))
                if uuid_ref is not None and set(item) == {"role", "content"}:
                    messages[index] = {"role": item["role"], _MESSAGE_REF: uuid_ref}
        self._conn.execute("UPDATE messages SET request = ? WHERE id = ?", (dumps(compact), message_id))
        self._attachments.link(message_id, refs)

    def _branch_contents(self, head_id: int | None) -> list[tuple[str, str, str]]:
        """(uuid, role, content JSON) from the root down to ``head_id``: the part of a branch that
        compacting a request needs, without building whole messages (a long branch has thousands)."""
        if head_id is None:
            return []
        rows = self._conn.execute(
            f"{ANCESTORS} SELECT m.uuid, m.role, m.content FROM chain CROSS JOIN messages m ON m.id = chain.id"
            " ORDER BY chain.depth DESC",
            (head_id,),
        ).fetchall()
        return [(row[0], row[1], row[2]) for row in rows]

    def _expand_message(self, item: Any) -> Any:
        if not isinstance(item, dict) or _MESSAGE_REF not in item:
            return item
        row = self._conn.execute("SELECT content FROM messages WHERE uuid = ?", (item[_MESSAGE_REF],)).fetchone()
        if row is None:  # only possible if the message was deleted; show what is known
            return item
        return {"role": item["role"], "content": _sent_form(json.loads(row["content"]))}


def _sent_form(content: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Blocks as a request carries them: private ``_`` keys dropped, except the attachment reference that
    stands for the data (also inside a tool result's content)."""
    return [
        {
            key: _sent_form(value) if key == "content" and isinstance(value, list) else value
            for key, value in block.items()
            if not key.startswith("_") or key == blocks.ATTACHMENT_KEY
        }
        for block in content
        if isinstance(block, Mapping)
    ]


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
