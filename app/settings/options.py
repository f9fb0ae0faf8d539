"""Every option Samtal keeps, declared once: key, type, default, what it is for and which file keeps it.

Grouped by the part of the app that uses it. To add an option: declare it here, in its group, with a
description (``doc``) and its ``section`` ("user" for a choice the user makes, "state" for what Samtal
remembers between runs; see `app.settings.Section`), then read and write it through
`app.settings.Settings` (``settings.get(OPTION)``, ``settings.set(OPTION, value)``). An ``Option(...)``
anywhere else is refused (a test looks; `Settings` refuses an option that is not in `REGISTRY`). Moving an
option to the other file or renaming its key is an upgrade: see ``app/settings/_upgrades.py``.
"""

from __future__ import annotations

from typing import Any, Final

from app.settings._option import Option, Registry


def _is_profile_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _is_str_dict(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) for k in value)


# --- providers: the Settings dialog and welcome view (app.chat.profiles), the window's connection
#     (app.chat.connection) and the command line (app.connection), which reads these two and no others ---

PROFILES: Option[list[dict[str, Any]]] = Option(
    "profiles",
    [],
    "Provider profiles (no tokens: those are in the keyring); read them with Settings.profiles.",
    section="user",
    check=_is_profile_list,
    expected="an array of profiles (objects)",
)
ACTIVE_PROFILE: Option[str] = Option(
    "active_profile", "", 'Id of the profile used for new requests ("": none).', section="user"
)

# --- window: appearance, language and layout (app.gui, app.language, app.ui.main_window) ---

THEME: Option[str] = Option(
    "theme",
    "system",
    "The colours: system, light or dark.",
    section="user",
    check=lambda v: v in ("system", "light", "dark"),
    expected='"system", "light" or "dark"',
)
LANGUAGES: tuple[str, ...] = ("en", "sv")
"""The languages the window speaks (app/translations holds a catalogue for each; app.language names them)."""
LANGUAGE: Option[str] = Option(
    "language",
    "system",
    "The window's language: system (the system's, when Samtal speaks it), en or sv; used from the next start."
    " The command line stays English.",
    section="user",
    check=lambda v: v == "system" or v in LANGUAGES,
    expected='"system", ' + ", ".join(f'"{code}"' for code in LANGUAGES),
)
TEXT_SIZES: tuple[int, ...] = (85, 100, 115, 130, 150)
"""The window's text sizes, in per cent of the system's UI font (app.ui.text_size applies them)."""
TEXT_SIZE: Option[int] = Option(
    "text_size",
    100,
    "The size of every text in the window, in per cent of the system's UI font: "
    + ", ".join(str(size) for size in TEXT_SIZES)
    + ".",
    section="user",
    check=lambda v: v in TEXT_SIZES,
    expected="one of " + ", ".join(str(size) for size in TEXT_SIZES),
)
TRANSCRIPT_ZOOM: Option[int] = Option(
    "transcript_zoom",
    100,
    "The conversation's zoom (View ▸ Zoom In, Zoom Out), in per cent of the window's text size.",
    section="state",
    check=lambda v: isinstance(v, int) and not isinstance(v, bool) and 25 <= v <= 400,
    expected="a whole number from 25 to 400",
)
WINDOW_GEOMETRY: Option[str] = Option(
    "geometry", "", "Main window geometry (base64 of Qt's saveGeometry).", section="state"
)
WINDOW_STATE: Option[str] = Option("state", "", "Main window state (base64 of Qt's saveState).", section="state")
SPLITTER_STATE: Option[str] = Option("splitter", "", "Main splitter sizes (base64).", section="state")
LAST_CONVERSATION: Option[int] = Option(
    "last_conversation", 0, "The conversation on screen when the app was closed (0: a new one).", section="state"
)

# --- sidebar: the conversation list ---

SIDEBAR_VISIBLE: Option[bool] = Option("sidebar_visible", True, "Conversation list shown.", section="state")

# --- composer (app.ui.composer) ---

SEND_WITH_CTRL_ENTER: Option[bool] = Option(
    "send_with_ctrl_enter", False, "Ctrl+Enter sends and Enter inserts a newline.", section="user"
)
NEW_DRAFT: Option[str] = Option(
    "new_conversation_draft", "", "The draft of a conversation not yet started.", section="state"
)

# --- conversations: the chat controller (app.chat.controller) ---

AI_TITLES: Option[bool] = Option(
    "ai_titles", False, "Ask the model for a short title for new conversations.", section="user"
)

# --- parameters: the parameters panel and its presets (app.ui.parameters_panel, app.wiring.presets) ---

DEFAULT_PARAMS: Option[dict[str, Any]] = Option(
    "default_params", {}, "Request parameters for new conversations.", section="user", check=_is_str_dict
)
DEFAULT_PRESET: Option[str] = Option(
    "default_preset", "", "Name of the preset new conversations start with.", section="user"
)
NEW_PARAMS: Option[dict[str, Any]] = Option(
    "new_conversation_params", {}, "Parameters chosen for a conversation not yet started.", section="state"
)
PARAMS_PANEL_VISIBLE: Option[bool] = Option(
    "params_panel_visible",
    True,
    "Parameters panel shown (in a window too narrow for it beside the chat it still waits until asked for).",
    section="state",
)

# --- pricing: what replies cost (app.chat.pricing; edited in Edit ▸ Prices…) ---

PRICES: Option[dict[str, Any]] = Option(
    "prices",
    {},
    "Token prices the user set, by model id prefix (USD per million tokens); see app.chat.pricing.",
    section="user",
    check=_is_str_dict,
)

# The registry: every option above (keep this last).
REGISTRY: Final = Registry(value for value in tuple(globals().values()) if isinstance(value, Option))
