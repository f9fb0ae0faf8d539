"""Formulas (LaTeX math in replies) drawn as SVG, off the UI thread, remembered.

ziamath draws them: pure Python (LaTeX to MathML by latex2mathml, laid out with the OpenType MATH table of
the STIX Two Math font it bundles), no web engine, no external program, nothing fetched. It costs some
0.3 s to import and 5-50 ms a formula, so it is imported on first use and runs in a thread of its own
(:func:`draw_in_background`); a view shows a formula's source until its drawing is ready.

What a drawing may cost is bounded before ziamath sees it (:func:`drawable`): at most
:data:`MAX_FORMULA_CHARS` characters and :data:`MAX_FORMULA_NESTING` groups inside groups. ziamath's own
cost grows with the square of a row's length and, unpatched, doubles with each level of nesting (every row
lays out its children twice, once to measure them; the measuring pass did so again inside itself): that
inner repetition is skipped here (:func:`_patch_ziamath`), which draws the same SVG, byte for byte, 2-3 times
faster. Anything ziamath refuses or fails on (malformed LaTeX, unknown commands, macro loops) gives a
:class:`Drawing` without SVG: the source is shown instead. No exception escapes.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.render._cache import SizedCache
from app.render._sharing import sharing

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

MAX_FORMULA_CHARS = 1_000
"""A longer formula is shown as typed (ziamath would take over a second: its cost grows with the square of a
row's length). Real formulas, even a display of aligned equations, are a few hundred characters."""
MAX_FORMULA_NESTING = 24
"""Groups ({…}, \\left…\\right, \\begin…\\end) inside each other; deeper is shown as typed (the cost grows with
the square of the depth)."""

FONT_SIZE = 32.0
"""The em of the drawings, in SVG units: a view scales them to its font."""

FORMULA_CACHE_BYTES = 8 * 1024 * 1024
"""How much SVG :func:`known_drawing` remembers (a formula's is some 2-20 KB)."""

FORMULA_SCHEME = "math"
"""The scheme of the URL of a formula's image in rendered HTML (see :func:`formula_url`)."""
# A formula's opening delimiters, as written in its URL; their closing ones; those of displayed formulas.
_KINDS = {"$": "i", "$$": "d", "\\(": "p", "\\[": "b"}
_DELIMITERS = {kind: delimiter for delimiter, kind in _KINDS.items()}
CLOSING = {"\\(": "\\)", "\\[": "\\]", "$": "$", "$$": "$$"}
_DISPLAY = frozenset(("$$", "\\["))

_GROUP_RE = re.compile(r"\\left\b|\\right\b|\\begin\b|\\end\b|(?<!\\)[{}]")


@dataclass(frozen=True, slots=True)
class Drawing:
    """A drawn formula: an SVG document (black on transparent) without margins, its width and height in ems
    of the math font, and how far it reaches below the baseline (``depth``, in ems). ``svg`` is empty when
    it could not be drawn."""

    svg: bytes
    width: float = 0.0
    height: float = 0.0
    depth: float = 0.0  # how far it reaches below the baseline

    @property
    def failed(self) -> bool:
        return not self.svg


FAILED = Drawing(b"")

_drawings: SizedCache[tuple[str, bool], Drawing] = SizedCache(
    FORMULA_CACHE_BYTES, lambda key, drawing: len(key[0]) + len(drawing.svg) + 64
)
_pending: dict[tuple[str, bool], Future[Drawing]] = {}
_pending_lock = threading.Lock()
_draw_lock = threading.Lock()  # ziamath keeps global state (equation numbers, loaded glyphs)
_executor: ThreadPoolExecutor | None = None
_ziamath: Any = None


def drawable(latex: str) -> bool:
    """Whether ``latex`` is within what may be drawn (:data:`MAX_FORMULA_CHARS`, :data:`MAX_FORMULA_NESTING`);
    checked in linear time, before any drawing. It may still fail to draw."""
    if not latex.strip() or len(latex) > MAX_FORMULA_CHARS:
        return False
    depth = 0
    for match in _GROUP_RE.finditer(latex):
        if match[0] in ("{", "\\left", "\\begin"):
            depth += 1
            if depth > MAX_FORMULA_NESTING:
                return False
        else:
            depth -= 1
    return True


def formula_url(latex: str, delimiter: str) -> str:
    """The ``math:`` URL of a formula written between ``delimiter`` and its closing counterpart."""
    encoded = base64.urlsafe_b64encode(latex.encode()).decode("ascii")
    return f"{FORMULA_SCHEME}:{_KINDS[delimiter]}{encoded}"


def formula_of(url: str) -> tuple[str, str] | None:
    """The LaTeX source and opening delimiter in a ``math:`` URL; None for any other URL."""
    prefix = FORMULA_SCHEME + ":"
    if not url.startswith(prefix) or len(url) <= len(prefix):
        return None
    delimiter = _DELIMITERS.get(url[len(prefix)])
    if delimiter is None:
        return None
    try:
        latex = base64.b64decode(url[len(prefix) + 1 :], altchars=b"-_", validate=True).decode()
    except (ValueError, binascii.Error, UnicodeError):
        return None
    return (latex, delimiter) if latex else None


def is_display(delimiter: str) -> bool:
    """Whether a formula with this opening delimiter is displayed (on a line of its own, centred)."""
    return delimiter in _DISPLAY


def formula_source(latex: str, delimiter: str) -> str:
    """The formula as it was written, delimiters included (what copying it gives)."""
    return f"{delimiter}{latex}{CLOSING[delimiter]}"


def known_drawing(latex: str, display: bool) -> Drawing | None:
    """The drawing of a formula if it was drawn (and is still remembered), else None."""
    return _drawings.get((latex, display))


def draw_formula(latex: str, display: bool) -> Drawing:
    """Draw ``latex`` (display style or inline) now, in this thread, or give the remembered drawing."""
    key = (latex, display)
    drawing = _drawings.get(key)
    if drawing is None:
        drawing = _draw(latex, display)
        _drawings.put(key, drawing)
    return drawing


def draw_in_background(latex: str, display: bool) -> Future[Drawing]:
    """:func:`draw_formula` in the formula thread (one request per formula however often it is asked for).
    Callbacks of the future run in that thread: a view must hand the result to the UI thread itself."""
    global _executor
    key = (latex, display)
    with _pending_lock:
        future = _pending.get(key)
        if future is not None:
            return future
        if _executor is None:
            from concurrent.futures import ThreadPoolExecutor

            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samtal-math")
        future = _executor.submit(sharing(draw_formula), latex, display)
        _pending[key] = future
    future.add_done_callback(lambda _: _forget_pending(key))
    return future


def _forget_pending(key: tuple[str, bool]) -> None:
    with _pending_lock:
        _pending.pop(key, None)


def _draw(latex: str, display: bool) -> Drawing:
    if not drawable(latex):
        return FAILED
    try:
        with _draw_lock:
            ziamath = _load_ziamath()
            from xml.etree import ElementTree

            mathml = ElementTree.fromstring(ziamath.tex.tex2mml(latex, inline=not display))
            if _unknown_command(mathml):
                return FAILED
            math = ziamath.Math(mathml, size=FONT_SIZE, margin=0)
            svg = math.svg()
            bbox = math.node.bbox
        width, height = (bbox.xmax - bbox.xmin) / FONT_SIZE, (bbox.ymax - bbox.ymin) / FONT_SIZE
        if not width > 0 or not height > 0:
            return FAILED
        return Drawing(svg.encode(), width, height, max(0.0, -bbox.ymin / FONT_SIZE))
    except Exception:  # malformed LaTeX, a macro expanding itself, what ziamath cannot lay out: show the source
        return FAILED


def _unknown_command(mathml: Any) -> bool:
    """Whether latex2mathml left a command it does not know as an identifier (``\\foo``, ``\\end{x}``): drawn,
    it would look like part of the formula, so the source is shown instead."""
    return any(
        element.tag.endswith(("}mi", "}mo")) or element.tag in ("mi", "mo")
        for element in mathml.iter()
        if (element.text or "").startswith("\\")
    )


def _load_ziamath() -> Any:
    global _ziamath
    if _ziamath is None:
        with warnings.catch_warnings():  # ~0.3 s of Python, in the formula thread (sharing the interpreter)
            # ziamath 0.13 finds its font with importlib.resources.path, deprecated since Python 3.11.
            warnings.filterwarnings("ignore", category=DeprecationWarning, module="ziamath")
            import ziamath
        ziamath.config.svg2 = False  # Qt's SVG renderer reads SVG 1.1/Tiny 1.2: glyphs are <use xlink:href>
        _patch_ziamath()
        _ziamath = ziamath
    return _ziamath


def _patch_ziamath() -> None:
    """Skip the measuring pass of a row that is itself being measured (see the module's docstring).

    A row measures its children without their stretchy operators (parentheses that grow with what they
    hold) to know how far those should stretch, then lays them out. While measuring, an operator's stretch
    does not count towards any height, so a row inside a measured row needs no measuring pass of its own:
    the heights it would find are not used. Without this, each level of nesting doubles the work."""
    from ziamath.nodes.mrow import Mrow

    measure = Mrow._get_height_nostretch
    if getattr(measure, "samtal_patched", False):
        return

    def measure_once(self: Any, line: Any, **kwargs: Any) -> tuple[float, float]:
        if kwargs.get("nostretch"):
            return kwargs.get("rowymin", 0.0), kwargs.get("rowymax", 0.0)
        heights: tuple[float, float] = measure(self, line, **kwargs)
        return heights

    measure_once.samtal_patched = True  # type: ignore[attr-defined]
    measure_once.samtal_original = measure  # type: ignore[attr-defined]
    Mrow._get_height_nostretch = measure_once  # type: ignore[method-assign]
