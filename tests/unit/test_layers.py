"""The composition root is the top: nothing below it imports it (features get their collaborators by name),
and services (`app.chat`) make no widgets."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).parents[2] / "app"
ROOT_MODULES = {"app.gui", "app.gui_launch", "app.main"}  # the root, what starts it, and the entry point


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _module(path: Path) -> str:
    return ".".join(path.relative_to(APP.parent).with_suffix("").parts).removesuffix(".__init__")


def test_nothing_below_the_composition_root_imports_it() -> None:
    offenders = {
        _module(path): sorted(name for name in _imports(path) if name in ("app.gui", "app.gui_launch"))
        for path in APP.rglob("*.py")
        if _module(path) not in ROOT_MODULES
    }
    assert {module: names for module, names in offenders.items() if names} == {}


def test_features_are_built_by_name_not_loaded_by_string() -> None:
    wiring = list((APP / "wiring").rglob("*.py"))
    assert wiring
    assert [path.name for path in wiring if "importlib" in _imports(path)] == []


def test_services_make_no_widgets() -> None:
    offenders = {
        _module(path): sorted(name for name in _imports(path) if name.startswith(("PySide6.QtWidgets", "app.ui")))
        for path in (APP / "chat").rglob("*.py")
    }
    assert {module: names for module, names in offenders.items() if names} == {}
