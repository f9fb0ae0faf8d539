"""Full-text search over conversation titles and messages (SQLite FTS5, kept up to date by triggers: see
:mod:`app.store.schema`); queries are read by :mod:`app.store.search_query`. ``store.full_text``."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from app.store.database import Database
from app.store.models import ConversationHits, SearchHit
from app.store.plain_text import plain_text
from app.store.search_query import ParsedQuery, parse_query
from app.store.timestamps import from_ms

SNIPPET_TOKENS: Final = 16
# Matches ranked at once (see FullText._message_hits): bm25 over 20,000 matches of a word takes about 30 ms
# here. A phrase's matches cost several times as much to rank.
RANK_WINDOW: Final = 20_000
PHRASE_RANK_WINDOW: Final = 4_000
# Grouping search results by conversation reads the best hits in windows, from GROUP_WINDOW up to this many.
GROUP_WINDOW: Final = 200
MAX_GROUP_WINDOW: Final = 5_000
HITS_PER_CONVERSATION: Final = 3
# Match markers while a snippet is made plain text (private use: not Markdown, not in what people type).
_MARK: Final = ("\ue000", "\ue001")
_MIN_ROWID: Final = -(2**63)
_MAX_ROWID: Final = 2**63 - 1


class FullText:
    """Searching the store (reads only)."""

    def __init__(self, db: Database) -> None:
        self._conn = db.conn

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        offset: int = 0,
        markers: tuple[str, str] = ("[", "]"),
        include_trash: bool = False,
    ) -> list[SearchHit]:
        """Full-text search: conversation titles first, then messages, each ranked by bm25. ``query`` is
        read leniently (see :mod:`app.store.search_query`): it never raises for its syntax. Snippets are plain
        text (no Markdown syntax, see :mod:`app.store.plain_text`) with the matches marked with ``markers``;
        they hold untrusted model text: escape them before showing as HTML."""
        parsed = parse_query(query)
        if not parsed.match or limit <= 0:
            return []
        wanted = offset + limit
        return [self._with_snippet(hit, parsed.match, markers) for hit in self._hits(parsed, wanted, include_trash)][
            offset:wanted
        ]

    def search_conversations(
        self,
        query: str,
        *,
        limit: int = 50,
        markers: tuple[str, str] = ("[", "]"),
        include_trash: bool = False,
        per_conversation: int = HITS_PER_CONVERSATION,
    ) -> list[ConversationHits]:
        """The same search grouped by conversation, best first (a conversation ranks where its best hit
        does): one entry per conversation with its best hits (at most ``per_conversation``) and how many of
        its messages match. Hits are read in growing windows until ``limit`` conversations are found."""
        parsed = parse_query(query)
        if not parsed.match or limit <= 0:
            return []
        window = max(GROUP_WINDOW, limit * 4)
        while True:
            hits = self._hits(parsed, window, include_trash)
            complete = len(hits) < window
            groups: dict[int, list[SearchHit]] = {}
            for hit in hits:
                groups.setdefault(hit.conversation_id, []).append(hit)
            if complete or len(groups) >= limit or window >= MAX_GROUP_WINDOW:
                break
            window = min(window * 4, MAX_GROUP_WINDOW)
        found = []
        for conversation_id, group in list(groups.items())[:limit]:
            best = [self._with_snippet(hit, parsed.match, markers) for hit in group[:per_conversation]]
            matches = sum(1 for hit in group if hit.message_id is not None)
            found.append(ConversationHits(conversation_id, group[0].conversation_title, tuple(best), matches, complete))
        return found

    def _hits(self, parsed: ParsedQuery, wanted: int, include_trash: bool) -> list[SearchHit]:
        """The best ``wanted`` hits, titles first; a title's snippet is marked with `_MARK`, a message's is
        left empty (made for the hits shown only: see `_with_snippet`)."""
        hits = self._title_hits(parsed.match, wanted, _MARK, include_trash)
        if len(hits) < wanted:
            hits += self._message_hits(parsed.match, wanted - len(hits), include_trash, phrase=parsed.has_phrase)
        return hits

    def _with_snippet(self, hit: SearchHit, match: str, markers: tuple[str, str]) -> SearchHit:
        """``hit`` with its snippet as plain text, the matches marked with ``markers``. A title is shown as it
        is (it is plain text already, and the conversation list shows it so too)."""
        plain = hit.snippet if hit.message_id is None else plain_text(self._snippet(match, hit.message_id, _MARK))
        return replace(hit, snippet=plain.replace(_MARK[0], markers[0]).replace(_MARK[1], markers[1]))

    def _title_hits(self, match: str, limit: int, markers: tuple[str, str], include_trash: bool) -> list[SearchHit]:
        rows = self._conn.execute(
            """
            SELECT c.id, c.title, highlight(conversations_fts, 0, ?, ?) AS snippet,
                   bm25(conversations_fts) AS rank, c.updated_at
            FROM conversations_fts JOIN conversations c ON c.id = conversations_fts.rowid
            WHERE conversations_fts MATCH ? AND (? OR c.trashed_at IS NULL)
            ORDER BY rank, c.id DESC LIMIT ?
            """,
            (*markers, match, include_trash, limit),
        ).fetchall()
        return [SearchHit(row[0], row[1], None, None, row[2], row[3], from_ms(row[4])) for row in rows]

    def _message_hits(self, match: str, limit: int, include_trash: bool, *, phrase: bool) -> list[SearchHit]:
        """The best ``limit`` message hits, without their snippets. bm25 has to be computed for every match
        before the best can be chosen, which for a word found in most messages means hundreds of thousands
        of rows. So ranking works on windows of at most RANK_WINDOW matches, newest first: a query with fewer
        matches (nearly every real one) is ranked exactly over all of them; a very common one gets the best
        of its most recent window of matches first, then of the window before, and so on.

        A phrase is different: bm25 counts the messages that contain it over the whole history, and for a
        phrase of common words ("of the") that count alone takes longer than a search may. A phrase found
        in more than PHRASE_RANK_WINDOW messages is listed newest first instead (among thousands of matches
        of a common phrase, relevance says little); a rarer phrase is ranked like anything else."""
        window = PHRASE_RANK_WINDOW if phrase else RANK_WINDOW
        hits: list[SearchHit] = []
        high = _MAX_ROWID
        while len(hits) < limit:
            start = self._conn.execute(
                "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid <= ?"
                " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                (match, high, window - 1),
            ).fetchone()
            if phrase and start is not None:
                return self._ranked_message_hits(match, _MIN_ROWID, _MAX_ROWID, limit, include_trash, ranked=False)
            low = _MIN_ROWID if start is None else start[0]
            hits += self._ranked_message_hits(match, low, high, limit - len(hits), include_trash)
            if start is None:
                break
            high = low - 1
        return hits

    def _ranked_message_hits(
        self, match: str, low: int, high: int, limit: int, include_trash: bool, *, ranked: bool = True
    ) -> list[SearchHit]:
        # bm25() sorted by SQLite beats FTS5's own rank column here: rank computes a phrase's document
        # frequency twice. Snippets come later, for the hits that are shown only. The trash is filtered
        # after ranking; when it took too many, fetch more. Not ``ranked``: newest first, score 0.
        score, order = ("bm25(messages_fts)", "score, rowid DESC") if ranked else ("0.0", "rowid DESC")
        fetch = limit
        while True:
            rows = self._conn.execute(
                f"""
                WITH best AS (
                    SELECT rowid, {score} AS score FROM messages_fts
                    WHERE messages_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY {order} LIMIT ?
                )
                SELECT c.id, c.title, m.id, m.role, best.score, m.created_at, c.trashed_at
                FROM best JOIN messages m ON m.id = best.rowid JOIN conversations c ON c.id = m.conversation_id
                ORDER BY best.score, m.id DESC
                """,
                (match, low, high, fetch),
            ).fetchall()
            kept = [row for row in rows if include_trash or row[6] is None]
            if len(kept) >= limit or len(rows) < fetch:
                break
            fetch *= 4
        return [SearchHit(row[0], row[1], row[2], row[3], "", row[4], from_ms(row[5])) for row in kept[:limit]]

    def _snippet(self, match: str, message_id: int, markers: tuple[str, str]) -> str:
        row = self._conn.execute(
            f"SELECT snippet(messages_fts, 0, ?, ?, '…', {SNIPPET_TOKENS}) FROM messages_fts"
            " WHERE messages_fts MATCH ? AND rowid = ?",
            (*markers, match, message_id),
        ).fetchone()
        return row[0] if row is not None else ""
