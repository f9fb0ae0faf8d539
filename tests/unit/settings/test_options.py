"""The registry: every option is declared in app/settings/options.py and nowhere else, once, described."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import app
import app.settings.options as options_module
from app.settings import SECTIONS, Option, Registry
from app.settings.options import REGISTRY

APP = Path(app.__file__).parent
REGISTRY_MODULE = Path(options_module.__file__)


def _option_calls(path: Path) -> list[int]:
    """The lines of ``path`` that call ``Option(...)`` (by that name, or as ``something.Option(...)``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "Option")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "Option")
        )
    ]


def test_no_option_is_declared_outside_the_registry_module() -> None:
    elsewhere = [
        f"{path.relative_to(APP.parent)}:{line}"
        for path in sorted(APP.rglob("*.py"))
        if path != REGISTRY_MODULE
        for line in _option_calls(path)
    ]
    assert elsewhere == [], "declare options in app/settings/options.py"


def test_the_registry_holds_every_option_the_module_declares() -> None:
    declared = [value for value in vars(options_module).values() if isinstance(value, Option)]
    assert len(_option_calls(REGISTRY_MODULE)) == len(declared) == len(REGISTRY)
    assert all(REGISTRY.declares(option) for option in declared)


@pytest.mark.parametrize("key", list(REGISTRY))
def test_every_option_has_a_description_and_a_usable_default(key: str) -> None:
    option = REGISTRY[key]
    assert option.doc.strip(), f"{key} has no description"
    assert option.doc.rstrip().endswith((".", ")")), f"{key}: a description is a sentence"
    assert option.section in SECTIONS
    assert option.accepts(option.default), f"{key}: its default is not a value it accepts"


def test_a_key_declared_twice_is_refused() -> None:
    first = Option("theme", "system", "The colours.", section="user")
    again = Option("theme", "light", "The colours, again.", section="state")
    with pytest.raises(ValueError, match="'theme' is declared twice"):
        Registry([first, again])
