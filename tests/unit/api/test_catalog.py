"""The model catalog: the data file, matching ids to families, lifecycles, successors and the default model."""

from __future__ import annotations

import datetime
import json

import pytest

from app.api.catalog import (
    CATALOG_FILE,
    Catalog,
    Lifecycle,
    catalog,
    default_model,
    family_of,
    lifecycle_of,
    successor_of,
)
from app.api.models import ModelInfo

DECEMBER = datetime.date(2026, 12, 15)
# The keys of GET /v1/models' capabilities (anthropic-sdk-python types/model_capabilities.py).
CAPABILITIES = {
    "batch",
    "citations",
    "code_execution",
    "context_management",
    "effort",
    "image_input",
    "pdf_input",
    "structured_outputs",
    "thinking",
}


def test_every_entry_of_the_data_file_is_complete() -> None:
    data = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    ids = [entry["id"] for entry in data["families"]]
    assert len(ids) == len(set(ids))
    for entry in data["families"]:
        assert set(entry["capabilities"]) == CAPABILITIES, entry["id"]
        assert set(entry["capabilities"]["thinking"]["types"]) == {"adaptive", "enabled"}, entry["id"]
        assert {"low", "medium", "high", "xhigh", "max"} <= set(entry["capabilities"]["effort"]), entry["id"]
        assert entry["lifecycle"]["status"] in ("active", "deprecated", "retired"), entry["id"]
        assert entry["id"] == entry["id"].lower()
    models = catalog()
    assert models.family(models.default_model) is not None
    assert models.family(models.default_model).listed  # type: ignore[union-attr]
    assert models.family(models.demo_default_model).demo  # type: ignore[union-attr]
    with pytest.raises(ValueError, match=r"samtal\.models"):
        Catalog.from_json({"format": "something else"})


@pytest.mark.parametrize(
    ("model_id", "family"),
    [
        ("claude-opus-4-7", "claude-opus-4-7"),
        ("claude-opus-4-7-20260415", "claude-opus-4-7"),  # a dated id
        ("claude-haiku-4-5-20251001", "claude-haiku-4-5"),
        ("Claude-Sonnet-5", "claude-sonnet-5"),
        ("claude-sonnet-5-5", "claude-sonnet-5-5"),  # longer than claude-sonnet-5
        ("claude-fable-5-1", "claude-fable-5-1"),
        ("us.anthropic.claude-opus-4-7-20260415-v1:0", "claude-opus-4-7"),  # a platform's prefix and suffix
        ("anthropic/claude-sonnet-4-6", "claude-sonnet-4-6"),
        ("claude-opus-4-7@20260415", "claude-opus-4-7"),
        ("claude-opus-6", "claude-opus"),  # a newer model than the file knows: its line's newest rules
        ("claude-opus-4-9", "claude-opus"),  # not Opus 4 (retired), which only matches its own ids
        ("claude-opus-4-20250514", "claude-opus-4-20250514"),
        ("claude-opus-4-0", "claude-opus-4-0"),
        ("claude-opus-4-50", "claude-opus"),  # a prefix ends at a separator
        ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet"),
        ("claude-3-5-haiku-latest", "claude-3-5-haiku"),
        ("claude-2.1", "claude-2"),
        ("claude-instant-1.2", "claude-instant"),
        ("claude-nova-1", None),  # a line the catalog does not know: the API decides
        ("claude-demo-sonnet-5", "claude-demo-sonnet-5"),
        ("claude-demo-sonnet-1m", "claude-demo-sonnet"),  # the old demo ids: retired
        ("claude-demo-opus-legacy", "claude-demo-opus"),
        ("gpt-4o", None),
        ("myclaude-1", None),
        ("", None),
    ],
)
def test_an_id_matches_the_longest_prefix_ending_at_a_separator(model_id: str, family: str | None) -> None:
    found = family_of(model_id)
    assert (found.id if found else None) == family


@pytest.mark.parametrize(
    ("model_id", "lifecycle"),
    [
        ("claude-sonnet-5-5", Lifecycle("active")),
        ("claude-opus-4-5-20251101", Lifecycle("deprecated", "2027-01-22")),
        ("claude-sonnet-4-5", Lifecycle("retired")),
        ("claude-opus-4-1", Lifecycle("retired", "2026-08-05")),
        ("claude-sonnet-4-20250514", Lifecycle("retired", "2026-06-15")),
        ("claude-3-haiku-20240307", Lifecycle("retired", "2026-04-20")),
        ("claude-demo-opus-4-1", Lifecycle("retired", "2026-08-05")),
        ("gpt-4o", None),
    ],
)
def test_lifecycles(model_id: str, lifecycle: Lifecycle | None) -> None:
    assert lifecycle_of(model_id, DECEMBER) == lifecycle


def test_a_deprecated_model_retires_on_its_date() -> None:
    assert lifecycle_of("claude-opus-4-5", datetime.date(2027, 1, 21)) == Lifecycle("deprecated", "2027-01-22")
    assert lifecycle_of("claude-opus-4-5", datetime.date(2027, 1, 22)) == Lifecycle("retired", "2027-01-22")
    assert "claude-opus-4-5" in [f.id for f in catalog().current(today=DECEMBER)]
    assert "claude-opus-4-5" not in [f.id for f in catalog().current(today=datetime.date(2027, 2, 1))]
    assert Lifecycle("deprecated", "2027-01-22").describe() == "deprecated, retires 2027-01-22"
    assert Lifecycle("retired").describe() == "retired"


def test_the_current_models() -> None:
    real = [family.id for family in catalog().current(today=DECEMBER)]
    assert real[:3] == ["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"]
    assert "claude-opus-4-7" in real
    assert not {"claude-sonnet-4-5", "claude-opus-4-1", "claude-opus", "claude-demo-sonnet-5"} & set(real)
    demo = [family.id for family in catalog().current(demo=True, today=DECEMBER)]
    assert demo == [
        "claude-demo-sonnet-5",
        "claude-demo-opus-5",
        "claude-demo-haiku-5",
        "claude-demo-sonnet-4-6",
        "claude-demo-haiku-4-5",
        "claude-demo-opus-4-5",
    ]  # the retired claude-demo-opus-4-1 is not offered
    assert catalog().models(demo=True)[0] == ModelInfo(
        "claude-demo-sonnet-5", "Claude Demo Sonnet 5", max_input_tokens=200_000, max_tokens=64_000
    )


@pytest.mark.parametrize(
    ("model_id", "successor"),
    [
        ("claude-opus-4-1-20250805", "claude-opus-5-5"),
        ("claude-opus-4-5", "claude-opus-5-5"),
        ("claude-sonnet-4-20250514", "claude-sonnet-5-5"),
        ("claude-3-5-haiku-latest", "claude-haiku-5-5"),
        ("claude-fable-5", "claude-fable-5-2"),
        ("claude-opus-6", "claude-opus-5-5"),  # unknown, so anything current of its line
        ("claude-opus-5-5", None),  # the newest has none
        ("claude-demo-opus-4-1", "claude-demo-opus-5"),  # a demo model's is the demo's
        ("claude-demo-sonnet", "claude-demo-sonnet-5"),
        ("claude-demo-sonnet-5", None),  # not the older Sonnet 4.6
        ("gpt-4o", None),
    ],
)
def test_successors(model_id: str, successor: str | None) -> None:
    assert successor_of(model_id) == successor


def test_a_successor_the_provider_lists_is_preferred() -> None:
    listed = ["claude-sonnet-5", "claude-opus-4-8", "claude-opus-5-20260724", "claude-haiku-4-5"]
    assert catalog().successor_of("claude-opus-4-1", listed) == "claude-opus-5-20260724"
    assert catalog().successor_of("claude-opus-4-1", ["claude-sonnet-5"]) == "claude-opus-5-5"  # none listed


def test_the_default_model() -> None:
    # The profile's choice, whatever it is.
    assert default_model("claude-haiku-4-5", [ModelInfo("claude-sonnet-5", "S")]) == "claude-haiku-4-5"
    # Else the newest Sonnet the provider lists: by its dates when it gives them...
    dated = [
        ModelInfo("claude-sonnet-4-6", "4.6", created_at="2026-02-17T00:00:00Z"),
        ModelInfo("claude-sonnet-5-20260630", "5", created_at="2026-06-30T00:00:00Z"),
        ModelInfo("claude-opus-5-5", "Opus", created_at="2026-11-30T00:00:00Z"),
        ModelInfo("claude-sonnet-4-5-20250929", "4.5 (retired)", created_at="2025-09-29T00:00:00Z"),
    ]
    assert default_model("", dated) == "claude-sonnet-5-20260630"
    # ...else by the catalog's order (a gateway's list without dates).
    undated = [ModelInfo("claude-sonnet-4-6", "4.6"), ModelInfo("claude-sonnet-5", "5"), ModelInfo("x", "x")]
    assert default_model("", undated) == "claude-sonnet-5"
    # Else the built-in default, never a retired model.
    assert default_model("", [ModelInfo("claude-sonnet-4-5", "retired"), ModelInfo("gpt-4o", "GPT")]) == (
        "claude-sonnet-5-5"
    )
    assert default_model() == catalog().default_model == "claude-sonnet-5-5"
    # A profile that points at the demo server: its newest Sonnet.
    demo = [ModelInfo("claude-demo-haiku-5", "H"), ModelInfo("claude-demo-sonnet-5", "S"), ModelInfo("x", "X")]
    assert default_model("", demo) == "claude-demo-sonnet-5"
    assert default_model(demo=True) == "claude-demo-sonnet-5"
