"""store.presets: named sets of request parameters."""

from __future__ import annotations

import pytest

from app.store import NotFoundError, Store
from tests.unit.store.conftest import FakeClock


def test_presets_can_be_saved_replaced_renamed_and_deleted(store: Store, clock: FakeClock) -> None:
    created = store.presets.save("Precise", {"temperature": 0.0, "top_p": None})
    assert created.params == {"temperature": 0.0}
    clock.advance(1)
    replaced = store.presets.save("Precise", {"temperature": 0.2})
    assert replaced.id == created.id
    assert replaced.params == {"temperature": 0.2}
    assert replaced.updated_at > replaced.created_at
    store.presets.save("creative", {"temperature": 1.0})
    assert [p.name for p in store.presets.all()] == ["creative", "Precise"]
    with pytest.raises(ValueError, match="already"):
        store.presets.rename("creative", "Precise")
    store.presets.rename("creative", "Wild")
    assert store.presets.get("Wild").params == {"temperature": 1.0}
    store.presets.delete("Wild")
    with pytest.raises(NotFoundError):
        store.presets.get("Wild")
    with pytest.raises(NotFoundError):
        store.presets.delete("Wild")
    with pytest.raises(ValueError, match="name"):
        store.presets.save(" ", {})
