"""Reading a JSON document from a binary stream in chunks, with its size bounded whatever any header says.

A document whose top level is an array (a claude.ai ``conversations.json``) is read one element at a time
(:meth:`JsonStream.array_elements`): memory holds the element being read and a chunk, not the document, so
a 900 MB export imports in a few megabytes. Any other document is read whole (:meth:`JsonStream.document`).
Both stop with :class:`TooLargeError` as soon as more than ``limit`` bytes have come out of the stream (or
one element takes more than ``element_limit``), and with ValueError (JSONDecodeError, UnicodeDecodeError) as
soon as the text stops being JSON, so a zip bomb of garbage costs one chunk.

Every step is linear in the input: an element that spans many chunks is parsed again only each time the
text kept for it has doubled.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any, Final

CHUNK: Final = 1 << 20
# The most text one element of an array may take (a conversation: real ones take kilobytes, rarely a few
# megabytes); past it, reading stops rather than hold a runaway string in memory.
ELEMENT_LIMIT: Final = 64 << 20
# How close to the end of the text kept a parse error may be and still mean "cut short" (a literal such as
# "false", a \uXXXX escape), rather than "not JSON".
_TAIL: Final = 12
_WHITESPACE: Final = " \t\n\r"
_WHITESPACE_RUN: Final = re.compile(r"[ \t\n\r]*")
_NUMBER_CHARACTERS: Final = frozenset("0123456789.eE+-")
_DECODER: Final = json.JSONDecoder()


class TooLargeError(Exception):
    """The stream holds more than the limit (``args[0]``: ``"document"``), or one element of its array more
    than the element limit (``"element"``)."""


class JsonStream:
    """A JSON document being read from ``stream`` (binary), at most ``limit`` bytes of it."""

    def __init__(
        self, stream: IO[bytes], *, limit: int, element_limit: int = ELEMENT_LIMIT, chunk: int = CHUNK
    ) -> None:
        self._stream = stream
        self._limit = limit
        self._element_limit = element_limit
        self._chunk = chunk
        self._read = 0
        self._raw = b""  # read, not yet decoded (only before the encoding is known)
        self._text = ""  # decoded, not yet parsed
        self._offset = 0  # characters parsed and dropped before self._text
        self._eof = False
        self._utf8: codecs.IncrementalDecoder | None = None

    def first_character(self) -> str:
        """The document's first character that is not whitespace ("" for a blank document)."""
        while len(self._raw) < 4 and not self._eof:
            self._raw += self._next_bytes()
        # json.detect_encoding reads a BOM or the NUL bytes of UTF-16/32. Streaming is for UTF-8, the
        # encoding of every export seen; anything else is read whole by json.loads.
        if json.detect_encoding(self._raw) not in ("utf-8", "utf-8-sig"):
            return ""
        self._utf8 = codecs.getincrementaldecoder("utf-8-sig")()
        self._text, self._raw = self._utf8.decode(self._raw, final=self._eof), b""
        position = self._skip_whitespace(0)
        return self._text[position] if position < len(self._text) else ""

    def document(self) -> Any:
        """The whole document (what is left of it), parsed at once."""
        if self._utf8 is None:
            raw = bytearray(self._raw)
            while not self._eof:
                raw += self._next_bytes()
            return json.loads(raw)
        while not self._eof:
            self._more_text()
        return json.loads(self._text)

    def array_elements(self) -> Iterator[Any]:
        """The elements of a document whose top level is an array (after :meth:`first_character` said
        ``[``), one at a time. Raises ValueError where the text stops being JSON."""
        position = self._skip_whitespace(0) + 1  # past "["
        position = self._skip_whitespace(position)
        if self._text[position : position + 1] == "]":
            self._expect_end(position + 1)
            return
        while True:
            value, position = self._value_at(position)
            yield value
            position = self._skip_whitespace(position)
            separator = self._text[position : position + 1]
            if separator == "]":
                self._expect_end(position + 1)
                return
            if separator != ",":
                raise self._error("Expecting ',' delimiter", position)
            position = self._skip_whitespace(position + 1)
            if position > self._chunk:  # drop what has been parsed (amortised: once per chunk)
                self._offset += position
                self._text = self._text[position:]
                position = 0

    def _value_at(self, position: int) -> tuple[Any, int]:
        """The value starting at ``position`` and where it ends, reading more text until it is complete."""
        retry_at = 0
        while True:
            if len(self._text) >= retry_at or self._eof:
                try:
                    value, end = _DECODER.raw_decode(self._text, position)
                except json.JSONDecodeError as exc:
                    if self._eof or not _maybe_cut_short(exc, len(self._text)):
                        raise self._error(exc.msg, exc.pos) from None
                else:
                    # A number ends where a character that can't be part of it starts: "12" may be "123".
                    if self._eof or (end < len(self._text) and self._text[end] not in _NUMBER_CHARACTERS):
                        return value, end
                retry_at = position + 2 * (len(self._text) - position)  # try again once it has doubled
            if len(self._text) - position > self._element_limit:
                raise TooLargeError("element")
            self._more_text()

    def _skip_whitespace(self, position: int) -> int:
        while True:
            text = self._text
            if position < len(text) and text[position] not in _WHITESPACE:
                return position
            # A zip bomb may be a gigabyte of spaces: a chunk of nothing else is passed over at the speed
            # of str.count (a regular expression takes ten times as long).
            if position == 0 and sum(map(text.count, _WHITESPACE)) == len(text):
                position = len(text)
            else:
                run = _WHITESPACE_RUN.match(text, position)
                position = run.end() if run else position
            if position < len(text) or self._eof:
                return position
            self._offset += len(self._text)  # all of it is whitespace: keep none of it
            position -= len(self._text)
            self._text = ""
            self._more_text()

    def _expect_end(self, position: int) -> None:
        position = self._skip_whitespace(position)
        if position < len(self._text):
            raise self._error("Extra data", position)

    def _more_text(self) -> None:
        assert self._utf8 is not None
        data = self._next_bytes()
        self._text += self._utf8.decode(data, final=self._eof)

    def _next_bytes(self) -> bytes:
        # Small reads: zipfile inflates at most what is asked for, whatever the member's header claims.
        data = self._stream.read(self._chunk)
        if not data:
            self._eof = True
            return b""
        self._read += len(data)
        if self._read > self._limit:
            raise TooLargeError("document")
        return data

    def _error(self, message: str, position: int) -> json.JSONDecodeError:
        """A JSONDecodeError that says where in the whole document (not in the text kept) it happened."""
        error = json.JSONDecodeError(message, self._text, position)
        error.args = (f"{message}: character {self._offset + position + 1:,}",)
        return error


def _maybe_cut_short(exc: json.JSONDecodeError, length: int) -> bool:
    """Whether a parse error may only mean that the text stops too early (more of it may mend it)."""
    return exc.msg.startswith("Unterminated string") or exc.pos >= length - _TAIL
