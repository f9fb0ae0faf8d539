"""A quicker form of the test PySide6 runs on every module imported after it.

PySide6 (`shibokensupport.feature`, the machinery behind ``from __feature__ import snake_case``) asks of each
newly imported module whether its source mentions "PySide6", through `inspect.getsource`: a tokenizer pass
over the file and a copy of its lines kept in `linecache`, about 0.25 ms a module, some 60 ms of CPU for the
~260 modules the window's start-up imports. `install` puts in the same test made on the file's bytes
(~0.05 ms a module); a module that is not a plain ``.py`` file still gets PySide's own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_samtal_quick"


def install() -> None:
    """Swap in the quicker test (once; nothing happens if PySide6 no longer has this hook)."""
    import PySide6  # noqa: F401  (sets up shibokensupport, whose feature module holds the test)

    feature = sys.modules.get("shibokensupport.feature")
    hook = getattr(feature, "feature_imported", None)
    namespace = getattr(hook, "__globals__", None)
    original = namespace.get("_mod_uses_pyside") if isinstance(namespace, dict) else None
    if namespace is None or not callable(original) or getattr(original, _MARK, False):
        return
    namespace["_mod_uses_pyside"] = quick_test(original)


def quick_test(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """PySide's test (``"PySide6" in the module's source``) on the raw bytes of the module's ``.py`` file,
    ``original`` for any other module (built-in, extension, without a file)."""

    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    setattr(mentions_pyside, _MARK, True)
    return mentions_pyside


__all__ = ["install", "quick_test"]
