"""Full-text search in the store: ranking, snippets, prefixes, phrases, trash, paging, index upkeep."""

from __future__ import annotations

import pytest

from app.store import Store
from app.store import search as search_module
from tests.unit.store.conftest import FakeClock


@pytest.fixture
def library(store: Store, clock: FakeClock) -> Store:
    """A few conversations about different things."""
    texts = {
        "Sourdough": ["How do I feed a sourdough starter?", "Feed the starter flour and water daily."],
        "Bread troubleshooting": ["My bread is dense", "A dense loaf often means the starter was weak."],
        "Garden": ["When to plant tomatoes?", "Plant tomatoes after the last frost; tomatoes love warmth."],
        "Python": ["How do I reverse a list?", "Use reversed(items) or items[::-1]."],
    }
    for title, (question, answer) in texts.items():
        conversation = store.create_conversation(title)
        store.add_message(conversation.id, "user", question)
        store.add_message(conversation.id, "assistant", answer)
        clock.advance(1)
    return store


def test_better_matches_rank_first(library: Store) -> None:
    hits = library.search("tomatoes")
    assert [h.snippet for h in hits] == [
        "Plant [tomatoes] after the last frost; [tomatoes] love warmth.",
        "When to plant [tomatoes]?",
    ]
    assert hits[0].rank < hits[1].rank
    assert {h.conversation_title for h in hits} == {"Garden"}
    assert [h.role for h in hits] == ["assistant", "user"]


def test_title_matches_come_before_message_matches(library: Store) -> None:
    hits = library.search("sourdough")
    assert hits[0].message_id is None
    assert hits[0].snippet == "[Sourdough]"
    assert hits[1].message_id is not None
    assert hits[1].snippet == "How do I feed a [sourdough] starter?"


def test_snippets_use_the_markers_given(library: Store) -> None:
    (hit,) = library.search("reversed", markers=("\x02", "\x03"))
    assert hit.snippet == "Use \x02reversed\x03(items) or items[::-1]."


def test_long_messages_get_a_short_snippet_around_the_match(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "filler " * 200 + "needle " + "filler " * 200)
    (hit,) = store.search("needle")
    assert "[needle]" in hit.snippet
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert len(hit.snippet.split()) <= 17


def test_prefix_and_phrase_queries(library: Store) -> None:
    assert {h.snippet for h in library.search("tomat*")} == {
        "Plant [tomatoes] after the last frost; [tomatoes] love warmth.",
        "When to plant [tomatoes]?",
    }
    assert [h.snippet for h in library.search('"dense loaf"')] == ["A [dense loaf] often means the starter was weak."]
    assert library.search('"loaf dense"') == []


def test_all_words_must_match_and_operators_work(library: Store) -> None:
    assert len(library.search("starter")) == 3
    assert len(library.search("starter flour")) == 1
    assert len(library.search("starter -flour")) == 2
    assert len(library.search("flour OR tomatoes")) == 3


def test_diacritics_and_case_do_not_matter(store: Store) -> None:
    conversation = store.create_conversation("Lunch")
    store.add_message(conversation.id, "user", "En RÄKSMÖRGÅS, tack")
    assert len(store.search("raksmorgas")) == 1
    assert len(store.search("Räksmörgås")) == 1


def test_broken_queries_are_answered_sensibly(library: Store) -> None:
    assert len(library.search('"dense loaf')) == 1  # the quote closes at the end
    assert len(library.search("tomatoes OR")) == 2
    assert len(library.search("AND tomatoes")) == 2
    assert library.search("*") == []
    assert library.search("") == []


def test_trashed_conversations_are_not_found_unless_asked(library: Store) -> None:
    garden = next(c for c in library.list_conversations() if c.title == "Garden")
    library.conversations.move_to_trash(garden.id)
    assert library.search("tomatoes") == []
    assert len(library.search("tomatoes", include_trash=True)) == 2
    library.conversations.restore(garden.id)
    assert len(library.search("tomatoes")) == 2


def test_many_trashed_hits_do_not_hide_the_rest(store: Store) -> None:
    for _ in range(30):
        conversation = store.create_conversation("trashed")
        store.add_message(conversation.id, "user", "common " * 5)
        store.conversations.move_to_trash(conversation.id)
    kept = store.create_conversation("kept")
    store.add_message(kept.id, "user", "common word once")
    hits = store.search("common", limit=5)
    assert [h.conversation_id for h in hits] == [kept.id]


def test_paging(library: Store) -> None:
    everything = library.search("the OR starter OR tomatoes")
    assert len(everything) > 3
    assert library.search("the OR starter OR tomatoes", limit=2, offset=1) == everything[1:3]
    assert library.search("starter", limit=0) == []


def test_the_index_follows_edits_renames_and_streaming_updates(store: Store) -> None:
    conversation = store.create_conversation("Old name")
    reply = store.add_message(conversation.id, "assistant", [], status="streaming")
    store.messages.update(reply.id, content="first draft words")
    store.messages.update(reply.id, content="final answer words", status="complete")
    store.conversations.rename(conversation.id, "Fresh name")
    assert store.search("draft") == []
    assert [h.message_id for h in store.search("final")] == [reply.id]
    assert store.search("old") == []
    assert [h.snippet for h in store.search("fresh")] == ["[Fresh] name"]
    store._conn.execute("INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)")
    store._conn.execute("INSERT INTO conversations_fts(conversations_fts, rank) VALUES ('integrity-check', 1)")


def test_tool_calls_and_documents_are_searchable_but_thinking_is_not(store: Store) -> None:
    conversation = store.create_conversation()
    store.add_message(
        conversation.id,
        "assistant",
        [
            {"type": "thinking", "thinking": "secretive musings", "signature": "s"},
            {"type": "tool_use", "id": "t", "name": "get_weather", "input": {"city": "Gothenburg"}},
        ],
    )
    store.add_message(
        conversation.id,
        "user",
        [
            {"type": "tool_result", "tool_use_id": "t", "content": [{"type": "text", "text": "drizzle all day"}]},
            {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "annual report"}},
        ],
    )
    assert store.search("musings") == []
    assert len(store.search("gothenburg")) == 1
    assert len(store.search("get_weather")) == 1
    assert len(store.search("drizzle")) == 1
    assert len(store.search("annual report")) == 1


def test_very_common_words_are_ranked_in_windows_of_recent_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversation = store.create_conversation("Notes")
    best = store.add_message(conversation.id, "user", "echo " * 20)  # the oldest, and by far the best match
    others = [store.add_message(conversation.id, "user", f"echo and {n} other words here").id for n in range(9)]
    assert store.search("echo")[0].message_id == best.id  # few matches: exact ranking over all

    monkeypatch.setattr(search_module, "RANK_WINDOW", 3)
    hits = store.search("echo", limit=20)
    assert sorted(h.message_id for h in hits) == sorted([best.id, *others])  # every window was searched
    assert {h.message_id for h in hits[:3]} == set(others[-3:])  # the newest window comes first
    assert hits[-1].message_id == best.id
    assert store.search("echo", limit=2, offset=3) == hits[3:5]


def test_a_phrase_in_more_messages_than_its_window_is_listed_newest_first(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversation = store.create_conversation("Notes")
    best = store.add_message(conversation.id, "user", "end of the line " * 10)  # the oldest, the best match
    others = [store.add_message(conversation.id, "user", f"one end of the day, {n} more words").id for n in range(5)]
    store.add_message(conversation.id, "user", "of course the end")  # both words, not the phrase
    assert store.search('"of the"')[0].message_id == best.id  # few matches: ranked

    monkeypatch.setattr(search_module, "PHRASE_RANK_WINDOW", 3)
    hits = store.search('"of the"', limit=20)
    assert [h.message_id for h in hits] == [*reversed(others), best.id]  # every match, newest first
    assert "[of the]" in hits[0].snippet
    assert store.search('"of the"', limit=2, offset=2) == hits[2:4]
    store.conversations.move_to_trash(conversation.id)
    assert store.search('"of the"') == []


def test_pages_of_equally_ranked_hits_neither_repeat_nor_skip(store: Store) -> None:
    for n in range(30):
        conversation = store.create_conversation(f"chat {n}")
        store.add_message(conversation.id, "user", "identical words here")
    pages = [store.search("identical", limit=10, offset=offset) for offset in (0, 10, 20)]
    ids = [hit.message_id for page in pages for hit in page]
    assert len(ids) == 30
    assert len(set(ids)) == 30


def test_snippets_are_plain_text_with_only_the_matches_marked(store: Store) -> None:
    conversation = store.create_conversation("Tables")
    store.add_message(conversation.id, "user", "# Test\nGive me a **markdown** table with `code` in it")
    (hit,) = store.search("markdown")
    assert hit.snippet == "Test\nGive me a [markdown] table with code in it"


def test_search_by_conversation_lists_each_conversation_once_with_a_count(library: Store) -> None:
    found = library.full_text.search_conversations("starter OR tomatoes")
    assert [group.conversation_title for group in found] == ["Garden", "Sourdough", "Bread troubleshooting"]
    garden, sourdough, bread = found
    assert (garden.matches, sourdough.matches, bread.matches) == (2, 2, 1)
    assert all(group.complete for group in found)
    assert [hit.message_id is not None for hit in garden.hits] == [True, True]
    assert garden.hits[0].snippet.count("[tomatoes]") == 2  # the best match first
    assert library.full_text.search_conversations("starter OR tomatoes", limit=1) == found[:1]
    assert library.full_text.search_conversations("starter OR tomatoes", per_conversation=1)[0].hits == garden.hits[:1]


def test_search_by_conversation_puts_a_title_match_first_in_its_group(library: Store) -> None:
    (group,) = library.full_text.search_conversations("sourdough")
    assert group.title_matched
    assert group.best.message_id is None
    assert group.best.snippet == "[Sourdough]"
    assert group.matches == 1  # its messages that match
    assert group.hits[1].snippet == "How do I feed a [sourdough] starter?"


def test_search_by_conversation_reads_further_for_a_conversation_with_very_many_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "GROUP_WINDOW", 10)
    busy = store.create_conversation("Busy")
    for number in range(30):
        store.add_message(busy.id, "user", f"walnut walnut {number}")
    quiet = store.create_conversation("Quiet")
    store.add_message(quiet.id, "user", "a walnut in a long sentence of many other words about other trees")
    found = store.full_text.search_conversations("walnut", limit=2)
    assert {group.conversation_id for group in found} == {busy.id, quiet.id}  # both, though Busy fills a window
    assert {group.conversation_id: group.matches for group in found} == {busy.id: 30, quiet.id: 1}

    monkeypatch.setattr(search_module, "MAX_GROUP_WINDOW", 10)
    (only,) = store.full_text.search_conversations("walnut", limit=1)
    assert not only.complete  # counted in the best window only: at least that many
