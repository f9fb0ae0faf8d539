"""The composition root, split by feature: each module's ``install(root)`` connects one feature's
widgets, services and menu commands to the running application (`app.gui.Samtal`), in one place.

`app.gui.Samtal` wires the core chat; the features below are installed after it, in this order.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.gui import Samtal

# One module name per line (engineers add their feature's line; keep the order of the list).
FEATURES: tuple[str, ...] = (
    "tools",
    "attachments",
    "compare",
    "inspector",
    "presets",
    "parameter_errors",
    "status_model",
    "cache_status",
)


def install_all(root: Samtal) -> None:
    """Install every feature listed in FEATURES."""
    for name in FEATURES:
        importlib.import_module(f"app.wiring.{name}").install(root)
