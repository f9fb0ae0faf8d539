"""``samtal models``: the provider's models, with what each takes and where it is in its life.

What a model takes is Samtal's reading of it (`app.api.params.rules_for`): the capabilities the provider
reports, else the catalog's (`app.api.catalog`), under the connection's API version. The list is kept in
the model cache, as the window keeps it, for the default model of `samtal ask`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from typing import Any

from app.api import APIError, MessagesClient, ModelInfo
from app.api.model_cache import store_cached_models
from app.api.params import ModelRules, rules_for
from app.cli.command import FAILED, OK, app_paths, report
from app.cli.provider import Connection, connect
from app.cli.terminal import Output


def run(args: argparse.Namespace) -> int:
    """``samtal models``."""
    with contextlib.ExitStack() as stack:
        connection = connect(args, stack)
        try:
            models = asyncio.run(_list(connection))
        except APIError as exc:
            request = f" (request id {exc.request_id})" if exc.request_id else ""
            report(f"{exc.type}: {exc.message}{request}")
            return FAILED
    if not connection.is_demo:
        store_cached_models(app_paths(args).cache, connection.cache_key, models)
    out = Output()
    if args.json:
        out.json([model_json(model, rules_for(model.id, connection.api_version, model)) for model in models])
        return OK
    if not models:
        report("the provider lists no models")
        return OK
    rows = [model_row(model, rules_for(model.id, connection.api_version, model)) for model in models]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        out.line("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3])
    return OK


async def _list(connection: Connection) -> list[ModelInfo]:
    async with MessagesClient(
        provider=connection.provider, token=connection.token, api_version=connection.api_version
    ) as client:
        return await client.list_models()


def model_row(model: ModelInfo, rules: ModelRules) -> tuple[str, str, str, str]:
    """One model for people: id, name, lifecycle, and what it takes
    (``1M in, 128k out; thinking adaptive; effort low-max; structured outputs; images, PDFs; no sampling``)."""
    lifecycle = rules.lifecycle.describe() if rules.lifecycle is not None else "unknown"
    if rules.successor and rules.lifecycle is not None and rules.lifecycle.status != "active":
        lifecycle += f" (use {rules.successor})"
    return model.id, model.display_name, lifecycle, "; ".join(_takes(rules))


def _takes(rules: ModelRules) -> list[str]:
    parts = []
    if rules.max_input_tokens or rules.max_tokens:
        parts.append(f"{_tokens(rules.max_input_tokens)} in, {_tokens(rules.max_tokens)} out")
    thinking = [mode for mode in ("adaptive", "budget") if mode in rules.thinking_modes]
    if thinking:
        always = "" if "off" in rules.thinking_modes else ", always on"
        parts.append(f"thinking {' or '.join(thinking)}{always}")
    else:
        parts.append("no thinking")
    if rules.effort_levels:
        levels = rules.effort_levels
        parts.append(f"effort {levels[0]}-{levels[-1]}" if len(levels) > 1 else f"effort {levels[0]}")
    if rules.structured_outputs:
        parts.append("structured outputs")
    inputs = [name for name, on in (("images", rules.image_input), ("PDFs", rules.pdf_input)) if on]
    if inputs:
        parts.append(", ".join(inputs))
    tools = [name for name, on in (("web search", rules.web_search), ("web fetch", rules.web_fetch)) if on]
    if tools:
        parts.append(", ".join(tools))
    if not rules.sampling:
        parts.append("no sampling")
    elif not rules.temperature_with_top_p:
        parts.append("temperature or top_p")
    return parts


def _tokens(count: int | None) -> str:
    if count is None:
        return "?"
    if count >= 1_000_000 and count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    return f"{count // 1000}k" if count % 1000 == 0 else f"{count:,}"


def model_json(model: ModelInfo, rules: ModelRules) -> dict[str, Any]:
    """One model for `--json`: the provider's entry (``capabilities`` null when it sent none), its lifecycle
    and successor, and ``accepts``: what Samtal sends it under the connection's API version."""
    lifecycle = rules.lifecycle
    return {
        "id": model.id,
        "display_name": model.display_name,
        "created_at": model.created_at,
        "max_input_tokens": model.max_input_tokens,
        "max_tokens": model.max_tokens,
        "capabilities": model.capabilities,
        "lifecycle": {"status": lifecycle.status, "date": lifecycle.date} if lifecycle is not None else None,
        "successor": rules.successor,
        "accepts": {
            "api_version": rules.api_version,
            "sampling": rules.sampling,
            "temperature_with_top_p": rules.temperature_with_top_p,
            "thinking": sorted(rules.thinking_modes),
            "thinking_display": rules.thinking_display,
            "effort": list(rules.effort_levels),
            "structured_outputs": rules.structured_outputs,
            "citations": rules.citations,
            "image_input": rules.image_input,
            "pdf_input": rules.pdf_input,
            "web_search": rules.web_search,
            "web_fetch": rules.web_fetch,
            "max_tokens": rules.max_tokens,
            "max_input_tokens": rules.max_input_tokens,
        },
    }
