"""Server-sent events: bytes off the wire → `ServerSentEvent`s, following the WHATWG event-stream rules.

The decoder does not care how the bytes were chunked: lines may be split anywhere (inside a multi-byte
UTF-8 character, or between the ``\\r`` and ``\\n`` of one line ending). It splits on bytes and decodes
each finished line, so it never decodes half a character and never treats U+2028 and friends as line
breaks. Work is linear in the input: a chunk is scanned once, and an unfinished line is kept as a list of
pieces that is joined once when its line ending arrives (a single event may be megabytes long).

Bytes that are not UTF-8 are replaced (U+FFFD), and the event they belong to says so (``invalid_utf8``):
its text is not what the server sent, and the caller must not take it for the reply.

What the events mean (JSON, types, errors) is `app.api.accumulate`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass

_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class ServerSentEvent:
    """One dispatched event: its ``event:`` name (None when absent), its ``data:`` lines joined with
    ``\\n``, the last event id seen on the stream, the stream's last ``retry:`` value (milliseconds), and
    whether its name or data held bytes that are not UTF-8 (replaced by U+FFFD)."""

    event: str | None
    data: str
    id: str | None = None
    retry: int | None = None
    invalid_utf8: bool = False


class SSEDecoder:
    """Incremental event-stream decoder: `feed` it chunks of bytes, get the events they complete.

    At the end of the stream, an event that never got its terminating blank line is discarded, as the
    WHATWG rules require (it may be cut short).
    """

    def __init__(self) -> None:
        self._pending: list[bytes] = []  # pieces of the unfinished last line
        self._skip_lf = False  # the last chunk ended in "\r": a "\n" opening the next one ends no new line
        self._first_line = True  # a byte-order mark may open the stream
        self._event: str | None = None
        self._data: list[str] = []
        self._invalid_utf8 = False  # the event being read has a name or data line that is not UTF-8
        self._last_id: str | None = None
        self._retry: int | None = None

    @property
    def pending(self) -> bool:
        """Whether an event has begun that no blank line has ended yet (at the end of a stream: one cut
        short, which is discarded)."""
        return bool(self._data or self._pending)

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode one chunk; returns the events it completed, in order."""
        if self._skip_lf and chunk:
            self._skip_lf = False
            if chunk[0] == 0x0A:
                chunk = chunk[1:]
        if b"\r" in chunk:
            self._skip_lf = chunk[-1] == 0x0D
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        lines = chunk.split(b"\n")
        last = lines.pop()  # the text after the last line ending: the start of an unfinished line
        if not lines:
            if last:
                self._pending.append(last)
            return []
        if self._pending:
            self._pending.append(lines[0])
            lines[0] = b"".join(self._pending)
            self._pending = []
        if last:
            self._pending.append(last)
        if self._first_line:
            self._first_line = False
            lines[0] = lines[0].removeprefix(_BOM)
        return self._decode_lines(lines)

    def _decode_lines(self, lines: list[bytes]) -> list[ServerSentEvent]:
        events: list[ServerSentEvent] = []
        data = self._data
        for line in lines:
            # The common shapes first; anything else goes through the general field rules.
            if line.startswith(b"data:"):
                data.append(self._text(line[6:] if line[5:6] == b" " else line[5:]))
            elif not line:
                if data:
                    events.append(
                        ServerSentEvent(self._event, "\n".join(data), self._last_id, self._retry, self._invalid_utf8)
                    )
                    data.clear()
                self._event = None
                self._invalid_utf8 = False
            elif line.startswith(b"event:"):
                self._event = self._text(line[7:] if line[6:7] == b" " else line[6:])
            elif line[0] != 0x3A:  # a line opening with ":" is a comment
                self._field(line.decode("utf-8", "replace"))  # "data:"/"event:" lines never get here
        return events

    def _text(self, raw: bytes) -> str:
        """``raw`` as text; bytes that are not UTF-8 are replaced, and the event is marked for it."""
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self._invalid_utf8 = True
            return raw.decode("utf-8", "replace")

    def _field(self, line: str) -> None:
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            if "\0" not in value:
                self._last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            self._retry = int(value)
