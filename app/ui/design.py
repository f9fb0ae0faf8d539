"""Samtal's design tokens, in one place: the spacing grid, the type scale, corner radii and the colours of the
light and dark themes. Widgets ask these names; no other module of ``app.ui`` writes a colour, and margins,
spacings and radii are multiples of :data:`GRID` taken from :class:`Space` and :class:`Radius`.

The colours the transcript shows (its background, text, links, code) are the renderer's
(:data:`app.render.LIGHT` / :data:`app.render.DARK`, written into the HTML it produces); the tokens take those
from it instead of repeating them, and add the window's own: surfaces, borders, accent, states.

``tests/gui/test_design.py`` checks that every text colour reads on its background (WCAG AA) in both themes,
and that no colour literal appears outside this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from app.render import DARK, LIGHT, Theme

GRID: Final = 4  # px: every margin and spacing is a multiple (or half of one, for the tightest rows)


class Space:
    """Spacing steps on the 4-px grid, for layout margins and spacings."""

    HAIR: Final = GRID // 2  # 2: lines of one block that belong together
    XS: Final = GRID  # 4
    S: Final = 2 * GRID  # 8
    M: Final = 3 * GRID  # 12
    L: Final = 4 * GRID  # 16
    XL: Final = 6 * GRID  # 24
    XXL: Final = 8 * GRID  # 32


class Radius:
    """Corner radii: small controls and chips, cards and bubbles, large surfaces (the composer)."""

    S: Final = GRID  # 4
    M: Final = 2 * GRID  # 8
    L: Final = 3 * GRID  # 12


FOCUS_WIDTH: Final = 2  # px: the focus ring around a focused control

COLUMN_MAX_WIDTH: Final = 860  # px: the reading column; beyond this, lines get too long to read
COLUMN_SIDE_MARGIN: Final = Space.L  # px: the least room beside the column


def column_margin(width: int) -> int:
    """The room on each side of the reading column in an area ``width`` pixels wide: the column is at most
    :data:`COLUMN_MAX_WIDTH` wide and centred, with at least :data:`COLUMN_SIDE_MARGIN` beside it. The
    transcript's messages and the composer's card both ask this, so that they line up."""
    return max(COLUMN_SIDE_MARGIN, (width - COLUMN_MAX_WIDTH) // 2)


def column_minimum_width(minimum: int, left: int, right: int, extra: int = 0) -> int:
    """The minimum width of a widget that centres a column with :func:`column_margin`, from its layout's
    ``minimum`` at the current margins ``left`` and ``right`` (``extra`` more on the right: a scroll bar's
    room). The margins grow with the width, so a minimum taken at them would grow too, and a window once
    made wide could not be narrowed again: the minimum is the one at the narrowest margins."""
    return minimum - max(0, left - COLUMN_SIDE_MARGIN) - max(0, right - extra - COLUMN_SIDE_MARGIN)


class TextSize(Enum):
    """The type scale: each size a factor of the system UI font's size, so a text-size setting that changes
    the application font scales everything."""

    CAPTION = 0.8  # times, counts
    SMALL = 0.88  # secondary lines, usage, chips
    BODY = 1.0
    TITLE = 1.07  # list titles, section titles
    HEADING = 1.6  # the greeting


def font(size: TextSize, base: QFont | None = None, *, bold: bool = False) -> QFont:
    """``base`` (default: the application's font) at ``size`` on the type scale."""
    result = QFont(base if base is not None else QGuiApplication.font())
    points = result.pointSizeF()
    if points > 0 and size is not TextSize.BODY:
        result.setPointSizeF(max(points * size.value, 6.5))
    if bold:
        result.setBold(True)
    return result


@dataclass(frozen=True)
class Colors:
    """The colours of one theme (``#rrggbb``). ``render`` is the renderer's theme for the transcript."""

    name: str
    render: Theme
    window: str  # the window, panels and the sidebar
    surface: str  # fields, lists, the transcript, the composer card
    surface_alt: str  # buttons, cards, alternate rows, tooltips
    hover: str  # a row or flat button under the pointer
    border: str
    border_strong: str  # a control's outline (3:1 against the window)
    text: str
    text_muted: str
    text_disabled: str
    disabled_fill: str  # a disabled slider's groove: grey, not the accent
    accent: str  # links and accented text
    accent_fill: str  # a filled primary button (the send button)
    accent_text: str  # text and icons on accent_fill
    selection: str  # selected rows and text, the focus ring (Fusion draws it in the Highlight colour)
    selection_text: str
    danger: str
    warning: str
    success: str
    user_bubble: str  # the user's messages in the transcript
    shadow: str
    tag_chip: tuple[int, int]  # HSL saturation and lightness of a tag chip (its hue comes from the tag)

    @property
    def dark(self) -> bool:
        return QColor(self.window).lightness() < 128


LIGHT_COLORS: Final = Colors(
    name="light",
    render=LIGHT,
    window="#f6f8fa",
    surface=LIGHT.background,
    surface_alt="#f1f3f6",
    hover="#eef1f4",
    border=LIGHT.border,
    border_strong="#818b98",
    text=LIGHT.text,
    text_muted=LIGHT.muted_text,
    text_disabled="#8c959f",
    disabled_fill="#d0d7de",
    accent=LIGHT.link,
    accent_fill=LIGHT.link,
    accent_text="#ffffff",
    selection=LIGHT.link,
    selection_text="#ffffff",
    danger="#cf222e",
    warning="#8a5c00",
    success="#1a7f37",
    user_bubble="#f0f6fd",
    shadow="#1f2328",
    tag_chip=(110, 226),
)

DARK_COLORS: Final = Colors(
    name="dark",
    render=DARK,
    window="#151b23",
    # Lighter than the window: Fusion fills an unchecked check box or radio button with Base and outlines it
    # in a darkened Window colour, so a Base close to the window made them nearly invisible.
    surface="#212830",
    surface_alt="#262c36",
    hover="#252b34",
    border=DARK.border,
    border_strong="#7d8590",
    text=DARK.text,
    text_muted=DARK.muted_text,
    text_disabled="#656c76",
    disabled_fill="#3d4046",
    accent=DARK.link,
    accent_fill="#1f6feb",
    accent_text="#ffffff",
    selection="#1f6feb",
    selection_text="#ffffff",
    danger="#ff7b72",
    warning="#d29922",
    success="#3fb950",
    user_bubble="#121e2e",
    shadow="#010409",
    tag_chip=(70, 62),
)


def colors_for(theme: Theme) -> Colors:
    """The token set whose transcript colours are ``theme``'s."""
    return DARK_COLORS if theme.name == DARK.name else LIGHT_COLORS


def current_colors(palette: QPalette | None = None) -> Colors:
    """The token set matching what ``palette`` (default: the application's) shows: dark or light."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return DARK_COLORS if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT_COLORS


def qpalette(colors: Colors) -> QPalette:
    """A whole QPalette from ``colors`` (for the Fusion style, which draws everything from the palette)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    values = {
        roles.Window: colors.window,
        roles.WindowText: colors.text,
        roles.Base: colors.surface,
        roles.AlternateBase: colors.surface_alt,
        roles.ToolTipBase: colors.surface_alt,
        roles.ToolTipText: colors.text,
        roles.PlaceholderText: colors.text_muted,
        roles.Text: colors.text,
        roles.Button: colors.surface_alt,
        roles.ButtonText: colors.text,
        roles.BrightText: colors.danger,
        roles.Link: colors.accent,
        roles.LinkVisited: colors.accent,
        roles.Highlight: colors.selection,
        roles.HighlightedText: colors.selection_text,
        roles.Accent: colors.accent,
        roles.Light: colors.hover if colors.dark else colors.surface,
        roles.Midlight: colors.surface_alt,
        roles.Mid: colors.border,
        roles.Dark: colors.border_strong if not colors.dark else colors.shadow,
        roles.Shadow: colors.shadow,
    }
    for role, colour in values.items():
        palette.setColor(role, QColor(colour))
    # Disabled controls must look disabled: Fusion draws a slider's filled groove in Highlight, its handle and
    # the rest of the groove (and combo boxes, spin box arrows) from Button, and fields on Base.
    disabled = QPalette.ColorGroup.Disabled
    for role, colour in (
        (roles.WindowText, colors.text_disabled),
        (roles.Text, colors.text_disabled),
        (roles.ButtonText, colors.text_disabled),
        (roles.Highlight, colors.disabled_fill),
        (roles.Button, colors.window),
        (roles.Base, colors.window),
    ):
        palette.setColor(disabled, role, QColor(colour))
    return palette


def blend(base: str | QColor, accent: str | QColor, amount: float) -> QColor:
    """``accent`` laid over ``base`` at ``amount`` (0..1) opacity, as an opaque colour."""
    a, b = QColor(base), QColor(accent)
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def with_alpha(colour: str | QColor, alpha: int) -> QColor:
    """``colour`` at ``alpha`` (0..255) opacity."""
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


def rgba(colour: str | QColor, alpha: float) -> str:
    """``colour`` at ``alpha`` (0..1) as a style-sheet ``rgba(…)`` value."""
    c = QColor(colour)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {round(alpha * 100)}%)"
