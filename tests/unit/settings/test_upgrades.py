"""How settings files written by an older Samtal are upgraded: in order, from the file's format on."""

from __future__ import annotations

from typing import Any

from app.settings._upgrades import Values, upgrade


def test_upgrades_run_in_order_from_the_files_format_on() -> None:
    ran: list[int] = []

    def hook(number: int) -> Any:
        def run(values: Values) -> None:
            ran.append(number)
            values["state"][f"added_by_{number}"] = True

        return run

    values: Values = {"user": {"theme": "dark"}, "state": {}}
    changed = upgrade(values, 2, {4: hook(4), 2: hook(2), 3: hook(3)})
    assert ran == [3, 4]
    assert changed == {"state"}
    assert values == {"user": {"theme": "dark"}, "state": {"added_by_3": True, "added_by_4": True}}
