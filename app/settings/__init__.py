"""Typed settings: every option declared once, in :mod:`app.settings.options`, kept in one of two JSON files.

Qt-free on purpose: the ``samtal`` command line reads the provider profiles without importing Qt.

- `Option` (``_option.py``): one option's key, type and default, its description and its `Section`, the
  file that keeps it. :mod:`app.settings.options` declares them all, grouped by the part of the app that
  uses them, and collects them in ``REGISTRY``; nowhere else declares one.
- Two files, as Picard keeps its settings apart from what it persists: the user's settings
  (``settings.json``: what they chose; the command line reads it) and what Samtal remembers between runs
  (``window-state.json``: layout, the conversation on screen, a new conversation's draft). A reset of the
  window never touches a choice, and typing never rewrites the user's file. Tokens are in neither: they
  live in the OS keyring (:mod:`app.secrets`).
- `Settings` (``_settings.py``) reads and writes options, each in its own file (``settings.get(THEME)``),
  keeps the provider `Profile` list (``_profile.py``) and writes only the files that changed, atomically
  and private to the user (`SettingsFile`, ``_file.py``).
- Both files carry the format they were written in; one from an older Samtal is upgraded when read
  (``_upgrades.py``: `FORMAT` and one function per format).

A file that can't be used (not JSON, the wrong shape, from a newer Samtal) is never moved or overwritten by
reading it: the defaults are used, :attr:`SettingsFile.problem` says in one line what is wrong and where
(``<file> can't be used: it is not valid JSON: ... (line 3, column 5)``), and :meth:`SettingsFile.save`
refuses to write over it. The window sets such a file aside as ``<name>.broken-<time>``
(:meth:`Settings.set_aside_unusable`) and says so; the command line only reports the problem, and only
when it needs the settings.
"""

from app.settings._file import SettingsFile
from app.settings._option import SECTIONS, Option, Registry, Section
from app.settings._profile import PROVIDER_DEFAULTS, AuthStyle, Profile, ProviderKind
from app.settings._settings import Settings
from app.settings._upgrades import FORMAT

__all__ = [
    "FORMAT",
    "PROVIDER_DEFAULTS",
    "SECTIONS",
    "AuthStyle",
    "Option",
    "Profile",
    "ProviderKind",
    "Registry",
    "Section",
    "Settings",
    "SettingsFile",
]
