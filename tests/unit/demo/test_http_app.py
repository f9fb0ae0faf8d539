"""The HTTP face of the demo server: authentication, headers, routes, the request log and every kind of
scripted scenario, checked with plain httpx over a real socket."""

from __future__ import annotations

import itertools
import json
import logging
import time
import zlib
from datetime import datetime

import httpx
import pytest

from app.demo import DemoServer, Drop, Hang, Pause, Redirect, Reply, Stream, Unencoded, text_events
from app.demo.tokens import ATTACHMENT_TOKENS
from tests.unit.demo.conftest import TOKEN
from tests.unit.demo.sse_reading import accumulate, parse_sse

BODY = {"model": "claude-demo-sonnet-5", "max_tokens": 64, "messages": [{"role": "user", "content": "Hi"}]}


# --- authentication and headers --------------------------------------------------------------------


def test_a_request_without_token_gets_401(server: DemoServer) -> None:
    with httpx.Client(base_url=server.url) as anonymous:
        response = anonymous.post("/v1/messages", json=BODY)
    assert response.status_code == 401
    assert response.json() == {
        "type": "error",
        "error": {"type": "authentication_error", "message": response.json()["error"]["message"]},
        "request_id": response.headers["request-id"],
    }
    assert "x-api-key" in response.json()["error"]["message"]


@pytest.mark.parametrize("style", ["x-api-key", "bearer"])
def test_both_auth_styles_work_and_require_token_is_enforced(server: DemoServer, style: str) -> None:
    def headers(token: str) -> dict[str, str]:
        return {"x-api-key": token} if style == "x-api-key" else {"authorization": f"Bearer {token}"}

    server.require_token = "sk-secret"
    with httpx.Client(base_url=server.url) as plain:
        assert plain.post("/v1/messages", json=BODY, headers=headers("sk-secret")).status_code == 200
        wrong = plain.post("/v1/messages", json=BODY, headers=headers("sk-wrong-token"))
    assert wrong.status_code == 401
    assert wrong.json()["error"] == {"type": "authentication_error", "message": "invalid x-api-key"}
    assert "sk-wrong-token" not in wrong.text


def test_a_token_that_is_not_ascii_is_refused_not_a_server_error(server: DemoServer) -> None:
    server.require_token = "sk-sécret"
    with httpx.Client(base_url=server.url) as plain:
        wrong = plain.post("/v1/messages", json=BODY, headers=[(b"x-api-key", "sk-wröng".encode())])
        right = plain.post("/v1/messages", json=BODY, headers=[(b"x-api-key", "sk-sécret".encode())])
    assert (wrong.status_code, right.status_code) == (401, 200)


def test_every_response_carries_a_request_id_and_rate_limits(server: DemoServer, client: httpx.Client) -> None:
    responses = [client.post("/v1/messages", json=BODY), client.get("/nowhere"), client.get("/v1/models")]
    server.script.push(Reply(status=429, headers={"retry-after": "0.01"}))
    responses.append(client.post("/v1/messages", json=BODY))
    ids = [response.headers["request-id"] for response in responses]
    assert len(set(ids)) == 4
    assert all(request_id.startswith("req_demo_") for request_id in ids)
    for response in responses:
        for kind in ("requests", "tokens"):
            assert int(response.headers[f"anthropic-ratelimit-{kind}-remaining"]) > 0
            reset = datetime.fromisoformat(response.headers[f"anthropic-ratelimit-{kind}-reset"])
            assert reset.tzinfo is not None
    remaining = [int(response.headers["anthropic-ratelimit-requests-remaining"]) for response in responses]
    assert remaining == sorted(remaining, reverse=True)
    assert responses[-1].headers["retry-after"] == "0.01"
    assert responses[-1].json()["error"]["type"] == "rate_limit_error"


def test_unknown_paths_get_404(client: httpx.Client) -> None:
    for response in (client.get("/v1/messages"), client.post("/v1/v1/messages", json=BODY), client.get("/")):
        assert response.status_code == 404
        assert response.json()["error"]["type"] == "not_found_error"


def test_a_body_over_32_mb_gets_cloudflares_413(server: DemoServer, client: httpx.Client) -> None:
    response = client.post("/v1/messages", content=b"x" * (32 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "413 Request Entity Too Large" in response.text
    assert server.requests[-1].json is None


def test_the_request_log_records_headers_and_json(server: DemoServer, client: httpx.Client) -> None:
    client.post("/v1/messages", json=BODY, headers={"anthropic-version": "2023-06-01", "X-Custom": "A"})
    client.get("/v1/models", params={"limit": 2})
    first, second = server.requests
    assert (first.method, first.path, first.json, first.query) == ("POST", "/v1/messages", BODY, "")
    assert first.headers["anthropic-version"] == "2023-06-01"
    assert first.headers["x-custom"] == "A"
    assert first.headers["x-api-key"] == TOKEN
    assert (second.method, second.path, second.query, second.json) == ("GET", "/v1/models", "limit=2", None)
    assert TOKEN not in repr(first)
    assert "x-custom" in repr(first)


# --- other endpoints -------------------------------------------------------------------------------


def test_models_are_listed_in_pages(client: httpx.Client) -> None:
    everything = client.get("/v1/models").json()
    assert everything["has_more"] is False
    ids = [model["id"] for model in everything["data"]]
    assert len(ids) >= 5
    assert "claude-demo-sonnet-5" in ids
    for model in everything["data"]:
        assert model["type"] == "model"
        assert model["max_input_tokens"] >= 200_000
        assert model["max_tokens"] > 0
        assert datetime.fromisoformat(model["created_at"])
        assert model["display_name"]
    paged: list[str] = []
    params: dict[str, str | int] = {"limit": 2}
    while True:
        page = client.get("/v1/models", params=params).json()
        paged += [model["id"] for model in page["data"]]
        assert (page["first_id"], page["last_id"]) == (page["data"][0]["id"], page["data"][-1]["id"])
        if not page["has_more"]:
            break
        params = {"limit": 2, "after_id": page["last_id"]}
    assert paged == ids
    before = client.get("/v1/models", params={"limit": 2, "before_id": ids[3]}).json()
    assert [model["id"] for model in before["data"]] == ids[1:3]
    assert client.get("/v1/models", params={"limit": 0}).status_code == 400
    assert client.get("/v1/models", params={"limit": "²"}).status_code == 400  # a digit int() can't read
    assert client.get("/v1/models", params={"after_id": "nope"}).status_code == 400
    assert client.get("/v1/models/claude-demo-opus-5").json()["id"] == "claude-demo-opus-5"
    assert client.get("/v1/models/claude-nope").status_code == 404


def test_count_tokens_matches_the_usage_of_a_reply(client: httpx.Client) -> None:
    counting = {key: value for key, value in BODY.items() if key != "max_tokens"}
    counted = client.post("/v1/messages/count_tokens", json=counting).json()
    assert counted == {"input_tokens": client.post("/v1/messages", json=BODY).json()["usage"]["input_tokens"]}
    longer = {**counting, "system": "x" * 400}
    assert client.post("/v1/messages/count_tokens", json=longer).json()["input_tokens"] == counted["input_tokens"] + 100
    picture = {"type": "image", "source": {"type": "url", "url": "https://example.com/a.png"}}
    with_image = {**counting, "messages": [{"role": "user", "content": [picture, {"type": "text", "text": "Hi"}]}]}
    total = client.post("/v1/messages/count_tokens", json=with_image).json()["input_tokens"]
    assert total == counted["input_tokens"] + ATTACHMENT_TOKENS


# --- scripted scenarios ----------------------------------------------------------------------------


def test_scripted_replies_are_played_in_order_per_path(server: DemoServer, client: httpx.Client) -> None:
    server.script.push(Reply(status=529))
    server.script.push(Reply(status=200, headers={"X-Extra": "1"}, body={"anything": True}))
    server.script.push(Reply(status=503, body="upstream connect error"), path="/v1/models")
    server.script.push(Reply(status=502, body=b"\x00\x01"))
    overloaded = client.post("/v1/messages", json={})  # scripts win over validation and auth
    assert overloaded.status_code == 529
    assert overloaded.json()["error"] == {"type": "overloaded_error", "message": "Overloaded"}
    models = client.get("/v1/models")
    assert (models.status_code, models.text, models.headers["content-type"]) == (
        503,
        "upstream connect error",
        "text/plain; charset=utf-8",
    )
    scripted = client.post("/v1/messages", json=BODY)
    assert (scripted.json(), scripted.headers["x-extra"]) == ({"anything": True}, "1")
    assert client.post("/v1/messages", json=BODY).content == b"\x00\x01"
    assert client.post("/v1/messages", json=BODY).json()["type"] == "message"  # script used up: default again


def test_a_reply_delay_holds_back_the_whole_response(server: DemoServer, client: httpx.Client) -> None:
    server.script.push(Reply(status=200, body={}, delay=0.15))
    started = time.perf_counter()
    client.post("/v1/messages", json=BODY)
    assert time.perf_counter() - started >= 0.15


def test_a_scripted_stream_writes_events_and_raw_items(server: DemoServer, client: httpx.Client) -> None:
    events = text_events("Hello, world", model="m", chunk=5)
    server.script.push(
        Stream([*events[:2], ": comment\n\n", b'event: ping\ndata: {"type": "ping"}\n\n', *events[2:]], status=201)
    )
    response = client.post("/v1/messages", json=BODY)
    assert response.status_code == 201
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.text.startswith(f"event: message_start\ndata: {json.dumps(events[0], separators=(',', ':'))}\n\n")
    assert ': comment\n\nevent: ping\ndata: {"type": "ping"}\n\n' in response.text
    parsed = parse_sse(response.text.replace(": comment\n\n", ""))
    assert accumulate(parsed)["content"][0]["text"] == "Hello, world"


def test_streamed_items_arrive_as_separate_writes(server: DemoServer, client: httpx.Client) -> None:
    wire = "".join(
        f"event: {e['type']}\ndata: {json.dumps(e, ensure_ascii=False)}\n\n" for e in text_events("Grüße 世界")
    )
    wire = wire.encode()
    cuts = [0, 7, 30, 31, wire.index("世".encode()) + 1, len(wire)]
    pieces = [wire[start:end] for start, end in itertools.pairwise(cuts)]
    server.script.push(Stream([item for piece in pieces for item in (piece, Pause(0.03))]))
    with client.stream("POST", "/v1/messages", json=BODY) as response:
        chunks = list(response.iter_raw())
    assert b"".join(chunks) == wire
    assert len(chunks) >= len(pieces) - 1  # the pauses keep the writes apart (allowing one merge)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_an_encoded_stream_is_compressed_as_it_goes(server: DemoServer, client: httpx.Client, encoding: str) -> None:
    events = text_events("Squeezed, but still streamed", model="m", chunk=4)
    server.script.push(Stream([*events[:3], Pause(0.05), *events[3:]], encoding=encoding))
    with client.stream("POST", "/v1/messages", json=BODY) as response:
        raw = list(response.iter_raw())
    assert response.headers["content-encoding"] == encoding
    assert len(raw) >= 2  # flushed item by item: the first events arrived before the pause ended
    wire = zlib.decompress(b"".join(raw), zlib.MAX_WBITS | 16 if encoding == "gzip" else zlib.MAX_WBITS)
    assert accumulate(parse_sse(wire.decode()))["content"][0]["text"] == "Squeezed, but still streamed"


def test_unencoded_bytes_go_past_the_compression(server: DemoServer, client: httpx.Client) -> None:
    events = text_events("Then garbage", model="m")
    server.script.push(Stream([*events[:3], Unencoded(b"\xff" * 16), *events[3:]], encoding="gzip"))
    with client.stream("POST", "/v1/messages", json=BODY) as response:
        raw = b"".join(response.iter_raw())
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
    with pytest.raises(zlib.error):
        decompressor.decompress(raw)
    good = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(raw[: raw.index(b"\xff" * 16)])
    assert good.decode().startswith("event: message_start")


def test_a_redirect_sends_its_location(server: DemoServer, client: httpx.Client) -> None:
    server.script.push(Redirect("/v1/elsewhere"))
    server.script.push(Redirect("https://example.com/v1/messages", status=301))
    first = client.post("/v1/messages", json=BODY)
    second = client.post("/v1/messages", json=BODY)
    assert (first.status_code, first.headers["location"]) == (307, "/v1/elsewhere")
    assert (second.status_code, second.headers["location"]) == (301, "https://example.com/v1/messages")


def test_drop_cuts_the_body_short(server: DemoServer, client: httpx.Client) -> None:
    events = text_events("Cut off in the middle")
    server.script.push(Stream([*events[:3], Pause(0.01), Drop()]))
    received: list[bytes] = []
    with (
        pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)),
        client.stream("POST", "/v1/messages", json=BODY) as response,
    ):
        received.extend(response.iter_raw())
    assert response.status_code == 200
    assert b"".join(received).startswith(b"event: message_start")
    server.script.push(Drop())
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/v1/messages", json=BODY)
    assert client.post("/v1/messages", json=BODY).status_code == 200  # the server carries on


def test_hang_trips_the_client_read_timeout(server: DemoServer, client: httpx.Client) -> None:
    server.script.push(Stream([*text_events("Never finished")[:2], Hang()]))
    with client.stream("POST", "/v1/messages", json=BODY, timeout=0.2) as response:
        assert response.status_code == 200
        with pytest.raises(httpx.ReadTimeout):
            response.read()
    server.script.push(Hang())
    started = time.perf_counter()
    with pytest.raises(httpx.ReadTimeout):
        client.post("/v1/messages", json=BODY, timeout=0.2)
    assert time.perf_counter() - started < 2


def test_default_streams_are_paced_by_delay(server: DemoServer, client: httpx.Client) -> None:
    server.delay = 0.01
    started = time.perf_counter()
    events = parse_sse(client.post("/v1/messages", json={**BODY, "stream": True, "max_tokens": 12}).text)
    deltas = sum(name == "content_block_delta" for name, _ in events)
    assert time.perf_counter() - started >= deltas * 0.01 * 0.9


def test_drops_and_hangs_make_no_log_noise(
    server: DemoServer, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.script.push(Stream([*text_events("x")[:2], Drop()]))
    server.script.push(Stream([Hang()]))
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.post("/v1/messages", json=BODY)
    with pytest.raises(httpx.ReadTimeout):
        client.post("/v1/messages", json=BODY, timeout=0.1)
    client.post("/v1/messages", json={**BODY, "stream": True})
    time.sleep(0.05)  # let the server notice the hung client leave
    assert [record for record in caplog.records if record.levelno >= logging.WARNING] == []
