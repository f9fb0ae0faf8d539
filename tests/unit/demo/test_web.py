"""Web search and web fetch, answered from the demo's built-in pages and streamed as the API streams
server tools: the call, its result, then text with citations; max_uses, domain lists and pause_turn."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
import pytest

from app.demo.web_corpus import PAGES, find_page
from tests.unit.demo.sse_reading import accumulate, create, stream, text

SEARCH = {"type": "web_search_20250305", "name": "web_search"}
FETCH = {"type": "web_fetch_20250910", "name": "web_fetch", "citations": {"enabled": True}}


def request(prompt: str, *tools: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "model": "claude-demo-sonnet-5",
        "max_tokens": 8000,
        "messages": [{"role": "user", "content": prompt}],
        "tools": list(tools),
        **fields,
    }


def kinds(message: dict[str, Any]) -> list[str]:
    return [block["type"] for block in message["content"]]


def test_a_search_streams_the_call_the_results_and_cited_text(client: httpx.Client) -> None:
    body = request("Search the web for how tides work", SEARCH)
    events = stream(client, body)
    message = accumulate(events)
    assert kinds(message)[:2] == ["server_tool_use", "web_search_tool_result"]
    assert set(kinds(message)[2:]) == {"text"}
    call, result = message["content"][:2]
    assert call["id"].startswith("srvtoolu_")
    assert (call["name"], call["input"]) == ("web_search", {})  # filled by its input_json_deltas
    assert json.loads(call["partial_json"]) == {"query": "how tides work"}
    pieces = [data["delta"] for name, data in events if name == "content_block_delta" and data["index"] == 0]
    assert pieces[0] == {"type": "input_json_delta", "partial_json": ""}
    assert not [name for name, data in events if name == "content_block_delta" and data["index"] == 1]
    assert result["tool_use_id"] == call["id"]
    assert result["content"][0]["url"] == "https://tides.example/why-tides"
    for found in result["content"]:
        assert set(found) == {"type", "url", "title", "page_age", "encrypted_content"}
        assert found["type"] == "web_search_result"
    cited = [block for block in message["content"] if block.get("citations")]
    assert cited
    citation = cited[0]["citations"][0]
    assert set(citation) == {"type", "url", "title", "cited_text", "encrypted_index"}
    assert citation["type"] == "web_search_result_location"
    page = find_page(citation["url"])
    assert page is not None
    assert citation["cited_text"] in page.text
    assert len(citation["cited_text"]) <= 150
    index = message["content"].index(cited[0])
    streamed = [
        data["delta"]["type"] for name, data in events if name == "content_block_delta" and data["index"] == index
    ]
    assert streamed[0] == "citations_delta"  # the citation first, then the text it supports
    assert set(streamed[1:]) == {"text_delta"}
    assert message["usage"]["server_tool_use"] == {"web_search_requests": 1, "web_fetch_requests": 0}
    whole = create(client, body)
    assert whole["content"][0]["input"] == {"query": "how tides work"}
    assert whole["content"][1:] == [
        {key: value for key, value in block.items() if key != "partial_json"} for block in message["content"][1:]
    ]


def test_no_block_is_only_whitespace_and_the_reply_goes_back_verbatim(client: httpx.Client) -> None:
    body = request("Search for solar eclipses and tides, then read the first result", SEARCH, FETCH)
    reply = create(client, body)
    assert all(block["text"].strip() for block in reply["content"] if block["type"] == "text")
    follow_up = [
        *body["messages"],
        {"role": "assistant", "content": reply["content"]},
        {"role": "user", "content": "Thanks"},
    ]
    for version in ("2023-06-01", "2026-10-21"):
        response = client.post(
            "/v1/messages", json={**body, "messages": follow_up}, headers={"anthropic-version": version}
        )
        assert response.status_code == 200, response.text


def test_each_subject_gets_its_own_search_and_max_uses_stops_the_rest(client: httpx.Client) -> None:
    both = create(client, request("Look up honeybees and coffee", SEARCH))
    queries = [block["input"]["query"] for block in both["content"] if block["type"] == "server_tool_use"]
    assert queries == ["honeybees", "coffee"]
    limited = create(client, request("Look up honeybees and coffee", {**SEARCH, "max_uses": 1}))
    results = [block["content"] for block in limited["content"] if block["type"] == "web_search_tool_result"]
    assert isinstance(results[0], list)
    assert results[1] == {"type": "web_search_tool_result_error", "error_code": "max_uses_exceeded"}
    assert limited["usage"]["server_tool_use"]["web_search_requests"] == 1
    assert "`max_uses`" in text(limited)


def test_domain_lists_filter_what_search_finds(client: httpx.Client) -> None:
    def hosts(tool: dict[str, Any]) -> set[str]:
        reply = create(client, request("Search for eclipses and bread", tool))
        found = [block["content"] for block in reply["content"] if block["type"] == "web_search_tool_result"]
        return {result["url"].split("/")[2] for results in found for result in results}

    assert hosts(SEARCH) == {"skywatch.example", "breadlab.example"}
    assert hosts({**SEARCH, "allowed_domains": ["skywatch.example"]}) == {"skywatch.example"}
    assert hosts({**SEARCH, "blocked_domains": ["skywatch.example"]}) == {"breadlab.example"}
    assert hosts({**SEARCH, "allowed_domains": ["example"]}) == {"skywatch.example", "breadlab.example"}  # subdomains


def test_a_search_that_finds_nothing_says_so(client: httpx.Client) -> None:
    reply = create(client, request("Search the web for quantum chromodynamics", SEARCH))
    assert reply["content"][1]["content"] == []
    assert "found nothing" in text(reply)
    assert not any(block.get("citations") for block in reply["content"])


def test_without_the_tool_or_the_words_there_is_no_search(client: httpx.Client) -> None:
    assert "server_tool_use" not in kinds(create(client, request("Search the web for tides")))
    plain = create(client, request("Tell me about tides", SEARCH))
    assert "server_tool_use" not in kinds(plain)
    assert plain["usage"]["server_tool_use"] == {"web_search_requests": 0, "web_fetch_requests": 0}


def test_a_url_in_the_message_is_fetched_with_char_citations(client: httpx.Client) -> None:
    url = "https://breadlab.example/sourdough-starter"
    reply = create(client, request(f"Summarise {url} for me.", FETCH))
    assert kinds(reply)[:2] == ["server_tool_use", "web_fetch_tool_result"]
    assert reply["content"][0]["input"] == {"url": url}
    fetched = reply["content"][1]["content"]
    assert (fetched["type"], fetched["url"]) == ("web_fetch_result", url)
    assert fetched["retrieved_at"].endswith("Z")
    document = fetched["content"]
    page = find_page(url)
    assert page is not None
    assert document == {
        "type": "document",
        "source": {"type": "text", "media_type": "text/plain", "data": page.text},
        "title": page.title,
        "citations": {"enabled": True},
    }
    citations = [citation for block in reply["content"] for citation in block.get("citations", ())]
    assert len(citations) == 2
    for citation in citations:
        assert citation["type"] == "char_location"
        assert page.text[citation["start_char_index"] : citation["end_char_index"]] == citation["cited_text"]
        assert (citation["document_index"], citation["document_title"]) == (0, page.title)
    assert reply["usage"]["server_tool_use"] == {"web_search_requests": 0, "web_fetch_requests": 1}
    uncited = create(client, request(f"Summarise {url}", {**FETCH, "citations": {"enabled": False}}))
    assert "citations" not in uncited["content"][1]["content"]["content"]
    assert not any(block.get("citations") for block in uncited["content"])


@pytest.mark.parametrize(
    ("url", "tool", "error_code"),
    [
        ("https://news.example/today", FETCH, "url_not_accessible"),
        ("https://tides.example/why-tides", {**FETCH, "blocked_domains": ["tides.example"]}, "url_not_allowed"),
        ("https://tides.example/why-tides", {**FETCH, "allowed_domains": ["bees.example"]}, "url_not_allowed"),
        ("https://tides.example/why-tides", {**FETCH, "max_uses": 0}, None),
    ],
)
def test_a_fetch_that_cannot_be_done_is_a_result_error(
    client: httpx.Client, url: str, tool: dict[str, Any], error_code: str | None
) -> None:
    response = client.post("/v1/messages", json=request(f"Read {url}", tool))
    if error_code is None:
        assert response.json()["error"]["message"] == (
            "tools.0.web_fetch_20250910.max_uses: Input should be greater than or equal to 1"
        )
        return
    reply = response.json()
    assert reply["content"][1]["content"] == {"type": "web_fetch_tool_result_error", "error_code": error_code}
    assert reply["usage"]["server_tool_use"]["web_fetch_requests"] == 0
    assert url in text(reply)


def test_nothing_reaches_the_network(client: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    resolve = socket.getaddrinfo
    looked_up: list[str] = []

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "localhost"):
            looked_up.append(str(host))
            raise OSError("no network in tests")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)
    for page in PAGES:
        reply = create(client, request(f"Read {page.url} and search the web for it", SEARCH, FETCH))
        assert reply["content"][-1]["type"] == "text"
    assert looked_up == []


def test_research_pauses_the_turn_and_continues_when_the_content_comes_back(client: httpx.Client) -> None:
    body = request("Do some research on sourdough", SEARCH, thinking={"type": "adaptive", "display": "summarized"})
    turn: list[dict[str, Any]] = []
    stops = []
    for _ in range(5):
        messages = [*body["messages"], {"role": "assistant", "content": turn}] if turn else body["messages"]
        reply = create(client, {**body, "messages": messages})  # the paused content goes back as it came
        assert accumulate(stream(client, {**body, "messages": messages}))["stop_reason"] == reply["stop_reason"]
        stops.append(reply["stop_reason"])
        turn += reply["content"]
        if reply["stop_reason"] != "pause_turn":
            break
    assert stops == ["pause_turn", "pause_turn", "end_turn"]
    assert [block["type"] for block in turn].count("thinking") == 1  # thinking opens the turn only
    searches = [block for block in turn if block["type"] == "server_tool_use"]
    assert [search["input"]["query"] for search in searches] == [
        "sourdough",
        "sourdough explained",
        "sourdough recent findings",
    ]
    assert len({search["id"] for search in searches}) == 3
    assert turn[-1]["type"] == "text"
    assert any(block.get("citations") for block in turn)


@pytest.mark.parametrize(
    ("tool", "message"),
    [
        ({**SEARCH, "name": "search"}, "tools.0.web_search_20250305.name: Input should be 'web_search'"),
        ({**SEARCH, "max_uses": 0}, "tools.0.web_search_20250305.max_uses: Input should be greater than or equal to 1"),
        (
            {**SEARCH, "blocked_domains": []},
            "tools.0.web_search_20250305.blocked_domains: Empty list of domains is ambiguous. "
            "Provide at least one domain or null.",
        ),
        (
            {**SEARCH, "allowed_domains": ["a.example"], "blocked_domains": ["b.example"]},
            "Cannot specify both allowed_domains and blocked_domains in the same request",
        ),
        ({**FETCH, "citations": True}, "tools.0.web_fetch_20250910.citations: Input should be an object"),
    ],
)
def test_malformed_server_tools_are_refused(client: httpx.Client, tool: dict[str, Any], message: str) -> None:
    response = client.post("/v1/messages", json=request("Search for tides", tool))
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(message)


def test_newer_tool_versions_work_too(client: httpx.Client) -> None:
    tools = [{"type": "web_search_20260209", "name": "web_search"}, {"type": "web_fetch_20260209", "name": "web_fetch"}]
    reply = create(client, request("Search for coffee and read the first result", *tools))
    assert kinds(reply)[:4] == ["server_tool_use", "web_search_tool_result", "server_tool_use", "web_fetch_tool_result"]
