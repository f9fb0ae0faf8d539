"""The providers' model lists, kept on disk between runs (``<cache>/models.json``), Qt-free.

The window fills it when it fetches a provider's list (so the picker is filled at once on the next start)
and ``samtal models`` when it lists them; both read it for the default model (the provider's newest
Sonnet) without asking the provider again. One entry per provider and way of authenticating
(`app.connection.Connection.cache_key`), each a list of ``GET /v1/models`` entries as
`ModelInfo.to_entry` writes them (with the capabilities the provider sent).
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any

from app.api.models import ModelInfo

log = logging.getLogger(__name__)

CACHE_FILE = "models.json"


def read_cached_models(cache_dir: Path, key: str) -> list[ModelInfo]:
    """The models last listed for ``key`` (nothing when none were, or the file can't be read)."""
    entries = _read(cache_dir).get(key)
    if not isinstance(entries, list):
        return []
    models = []
    for entry in entries:
        with contextlib.suppress(KeyError, TypeError, ValueError):
            models.append(ModelInfo.from_entry(entry))
    return models


def store_cached_models(cache_dir: Path, key: str, models: list[ModelInfo]) -> None:
    """Keep ``models`` as ``key``'s list (written atomically; a folder that can't be written is only logged:
    the cache is a convenience)."""
    data = _read(cache_dir)
    data[key] = [model.to_entry() for model in models]
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_dir / CACHE_FILE
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        log.info("could not cache the model list: %s", exc)


def _read(cache_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((cache_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
