"""What people type becomes a valid FTS5 query, whatever they type."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.store import Store, fts_query
from app.store.search_query import parse_query


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("python list", '"python" AND "list"'),
        ('"exact phrase" here', '"exact phrase" AND "here"'),
        ("pyth*", '"pyth"*'),
        ("cats OR dogs", '"cats" OR "dogs"'),
        ("cats AND dogs", '"cats" AND "dogs"'),
        ("cats NOT dogs", '"cats" NOT "dogs"'),
        ("cats -dogs", '"cats" NOT "dogs"'),
        ("cats and dogs", '"cats" AND "and" AND "dogs"'),  # lower-case words are words
        ('"unbalanced quote', '"unbalanced quote"'),
        ('say "hi', '"say" AND "hi"'),
        ("OR", ""),
        ("AND cats", '"cats"'),
        ("cats OR", '"cats"'),
        ("NOT cats", '"cats"'),
        ("-cats", ""),
        ("*", ""),
        ("-", ""),
        ("()", ""),
        ("(cats OR dogs)", '"cats" OR "dogs"'),
        ("title:cats", '"cats"'),
        ("http://example.com", '"http://example.com"'),
        ('say ""', '"say"'),
        ('it"s', '"it" AND "s"'),
        ("NEAR(a b)", '"NEAR" AND "a" AND "b"'),
        ("c++ _ ...", '"c++"'),
        ("räksmörgås", '"räksmörgås"'),
        ("", ""),
        ("   ", ""),
    ],
)
def test_typed_queries_are_read_charitably(typed: str, query: str) -> None:
    assert fts_query(typed) == query


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO t VALUES (?)", [("cats and dogs",), ("python lists",), ("NEAR the end",)])
    yield conn
    conn.close()


_typed = st.text(
    alphabet=st.sampled_from(list("abcé AND OR NOT NEAR\"*-():^+{}[],.;'\\_\t\n\x00é日本")) | st.characters(),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(typed=_typed)
def test_no_typed_query_is_an_fts5_syntax_error(fts: sqlite3.Connection, typed: str) -> None:
    query = fts_query(typed)
    if query:
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()


@settings(max_examples=100, deadline=None)
@given(typed=_typed)
def test_store_search_never_raises(typed: str) -> None:
    with Store.open(":memory:") as store:
        conversation = store.create_conversation("cats and dogs")
        store.add_message(conversation.id, "user", "python lists AND more")
        assert isinstance(store.search(typed), list)


@pytest.mark.parametrize(
    ("typed", "has_phrase"),
    [("word", False), ("two words", False), ('"two words"', True), ("e-mail", True), ("c++", False), ("-", False)],
)
def test_phrases_are_recognised(typed: str, has_phrase: bool) -> None:
    assert parse_query(typed).has_phrase is has_phrase
