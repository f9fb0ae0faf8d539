"""Throughput of Samtal's stream decoding: SSE decoder + event parsing + message accumulation.

Run on demand (pytest does not collect tests/bench):

    .venv/bin/python tests/bench/bench_sse.py [--megabytes 50]

Builds a synthetic reply stream of realistic events (text deltas of 1-40 characters with some non-ASCII
text, tool-call input JSON deltas, pings), cuts it into chunks of 1-16 KB (fixed seed) and feeds it
through `SSEDecoder` → `parse_event` → `MessageAccumulator`; prints MB/s, best of 3. When the
`anthropic` SDK is importable, its SSE decoder runs over the same chunks (decode + ``json.loads`` of
every event, no accumulation) and the ratio ours/theirs is printed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.api.accumulate import MessageAccumulator, parse_event
from app.api.sse import SSEDecoder

_PROSE = (
    "the of and to a in is you that it for was on are with as be this have from or one had by word but not "
    "what all were we when your can said there use an each which she do how their if will up other about "
    "café naïve Größe façade 日本語 テキスト 中文 данные ελληνικά 🙂 🚀 — … “quoted” λx.x"
)
_WORDS = _PROSE.split()


def _sse(payload: dict[str, object]) -> bytes:
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return f"event: {payload['type']}\ndata: {data}\n\n".encode()


def _text_piece(rng: random.Random) -> str:
    size = rng.randint(1, 40)
    piece = ""
    while len(piece) < size:
        piece += rng.choice(_WORDS) + rng.choice("      ,.\n")
    return piece[:size]


def build_stream(megabytes: float, seed: int = 1) -> bytes:
    """A complete, valid reply stream of about ``megabytes`` MB."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts = [
        _sse(
            {
                "type": "message_start",
                "message": {
                    "id": "msg_bench",
                    "type": "message",
                    "role": "assistant",
                    "model": "claude-bench",
                    "content": [],
                    "stop_reason": None,
                    "stop_sequence": None,
                    "usage": {"input_tokens": 12, "output_tokens": 1},
                },
            }
        )
    ]
    size = len(parts[0])
    index = 0
    while size < target:
        is_tool = rng.random() < 0.2
        block = (
            {"type": "tool_use", "id": f"toolu_{index}", "name": "write_file", "input": {}}
            if is_tool
            else {"type": "text", "text": ""}
        )
        parts.append(_sse({"type": "content_block_start", "index": index, "content_block": block}))
        if is_tool:
            document = json.dumps({"path": f"/tmp/f{index}.txt", "text": " ".join(rng.choices(_WORDS, k=400))})
            cuts = sorted(rng.sample(range(1, len(document)), k=min(len(document) - 1, len(document) // 12)))
            pieces = [document[a:b] for a, b in zip([0, *cuts], [*cuts, len(document)], strict=True)]
            deltas = [{"type": "input_json_delta", "partial_json": piece} for piece in ["", *pieces]]
        else:
            deltas = [{"type": "text_delta", "text": _text_piece(rng)} for _ in range(rng.randint(50, 3000))]
        for delta in deltas:
            encoded = _sse({"type": "content_block_delta", "index": index, "delta": delta})
            parts.append(encoded)
            size += len(encoded)
            if rng.random() < 0.002:
                parts.append(_sse({"type": "ping"}))
        parts.append(_sse({"type": "content_block_stop", "index": index}))
        index += 1
    parts.append(
        _sse(
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": size // 4},
            }
        )
    )
    parts.append(_sse({"type": "message_stop"}))
    return b"".join(parts)


def chunk(stream: bytes, seed: int = 2) -> list[bytes]:
    """``stream`` cut into pieces of 1-16 KB, as a network read would deliver it."""
    rng = random.Random(seed)
    chunks, start = [], 0
    while start < len(stream):
        end = start + rng.randint(1024, 16384)
        chunks.append(stream[start:end])
        start = end
    return chunks


def run_ours(chunks: list[bytes]) -> int:
    decoder = SSEDecoder()
    accumulator = MessageAccumulator()
    count = 0
    for piece in chunks:
        for sse in decoder.feed(piece):
            event = parse_event(sse)
            if event is not None:
                accumulator.add(event)
                count += 1
    assert accumulator.complete, "the benchmark stream did not complete"
    return count + len(accumulator.message["content"])


def sdk_runner() -> Callable[[list[bytes]], int] | None:
    """The official SDK's SSE decoder, decode + json.loads per event, if the SDK is installed."""
    try:
        from anthropic._streaming import SSEDecoder as SDKDecoder
    except ImportError:
        return None

    def run_theirs(chunks: list[bytes]) -> int:
        count = 0
        for sse in SDKDecoder().iter_bytes(iter(chunks)):
            json.loads(sse.data)
            count += 1
        return count

    return run_theirs


def best_rate(run: Callable[[list[bytes]], int], chunks: list[bytes], total: int, rounds: int = 3) -> float:
    """MB/s of the fastest of ``rounds`` runs."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run(chunks)
        best = min(best, time.perf_counter() - started)
    return total / 1_000_000 / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    args = parser.parse_args()
    stream = build_stream(args.megabytes)
    chunks = chunk(stream)
    events = stream.count(b"\n\n")
    print(f"stream: {len(stream) / 1e6:.1f} MB, {events} events, {len(chunks)} chunks of 1-16 KB")
    ours = best_rate(run_ours, chunks, len(stream))
    print(f"samtal  decoder + parse + accumulate: {ours:7.1f} MB/s")
    theirs_run = sdk_runner()
    if theirs_run is None:
        print("anthropic SDK not installed: no comparison (pip install anthropic into the venv to compare)")
        return
    theirs = best_rate(theirs_run, chunks, len(stream))
    print(f"anthropic SDK SSEDecoder + json.loads: {theirs:7.1f} MB/s")
    print(f"ratio ours/theirs: {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
