"""Presets: named parameter sets kept in the store, managed from the parameters panel's presets bar.

Applying one shows its parameters in the panel and stores them with the conversation on screen (the
panel reports them as a change, which the root saves). One preset can be the default for new
conversations: its name is the ``DEFAULT_PRESET`` setting and a copy of its parameters ``DEFAULT_PARAMS``
(the setting the controller and the new-conversation screen read), kept in step when it is saved again,
renamed or deleted.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from app.language import tr as _tr
from app.settings import DEFAULT_PARAMS, DEFAULT_PRESET
from app.store import NotFoundError, StoreError

if TYPE_CHECKING:
    from app.gui import Samtal

MESSAGE_MS = 6000


def install(root: Samtal) -> None:
    """Connect the presets bar to the store and the settings, and show the saved presets."""
    bar = root.parameters.presets
    bar.apply_requested.connect(partial(apply_preset, root))
    bar.save_requested.connect(partial(save_preset, root))
    bar.rename_requested.connect(partial(rename_preset, root))
    bar.delete_requested.connect(partial(delete_preset, root))
    bar.default_requested.connect(partial(set_default_preset, root))
    show_presets(root)


def show_presets(root: Samtal) -> None:
    """Show the store's presets and the default one in the presets bar."""
    presets = {preset.name: preset.params for preset in root.store.presets()}
    root.parameters.presets.set_presets(presets, root.settings.user.get(DEFAULT_PRESET))


def apply_preset(root: Samtal, name: str) -> None:
    """Use the preset's parameters in the conversation on screen (a preset without a model keeps the one shown);
    the status bar says so, and what keeps them from being sent, if anything does."""
    try:
        params = dict(root.store.preset(name).params)
    except NotFoundError:
        _tell(root, _tr("There is no preset “{name}” any more.").format(name=name))
        show_presets(root)
        return
    if not params.get("model"):
        params["model"] = root.parameters.model_id()
    root.parameters.apply(params)
    blocking = [problem.message for problem in root.parameters.problems() if problem.blocking]
    if blocking:  # e.g. its thinking budget is not below its max_tokens: say so where the eyes are
        text = _tr("Applied the preset “{name}”, but its parameters can't be sent as they are: {problem}")
        _tell(root, text.format(name=name, problem=blocking[0]))
    else:
        _tell(root, _tr("Applied the preset “{name}”.").format(name=name))


def save_preset(root: Samtal, name: str) -> None:
    """Save the parameters on screen under ``name`` (replacing a preset of that name)."""
    params = root.parameters.params()
    try:
        root.store.save_preset(name, params)
    except ValueError as exc:
        _tell(root, str(exc))
        return
    except StoreError as exc:  # a read-only data folder, a full disk
        root.show_store_problem(exc)
        return
    if root.settings.user.get(DEFAULT_PRESET) == name:
        root.settings.user.set(DEFAULT_PARAMS, params)
        root.save_user_settings()
    show_presets(root)
    _tell(root, _tr("Saved the preset “{name}”.").format(name=name))


def rename_preset(root: Samtal, name: str, new_name: str) -> None:
    try:
        root.store.rename_preset(name, new_name)
    except (ValueError, NotFoundError) as exc:
        _tell(root, str(exc))
        show_presets(root)
        return
    except StoreError as exc:
        root.show_store_problem(exc)
        return
    if root.settings.user.get(DEFAULT_PRESET) == name:
        root.settings.user.set(DEFAULT_PRESET, new_name.strip())
        root.save_user_settings()
    show_presets(root)


def delete_preset(root: Samtal, name: str) -> None:
    """Delete a preset; when it was the default, new conversations go back to Samtal's defaults."""
    try:
        root.store.delete_preset(name)
    except NotFoundError:
        pass  # already gone: the list is refreshed below
    except StoreError as exc:
        root.show_store_problem(exc)
        return
    if root.settings.user.get(DEFAULT_PRESET) == name:
        root.settings.user.reset(DEFAULT_PRESET)
        root.settings.user.reset(DEFAULT_PARAMS)
        root.save_user_settings()
    show_presets(root)
    _tell(root, _tr("Deleted the preset “{name}”.").format(name=name))


def set_default_preset(root: Samtal, name: str) -> None:
    """New conversations start with the preset ``name`` ("": with Samtal's defaults)."""
    user = root.settings.user
    if not name:
        user.reset(DEFAULT_PRESET)
        user.reset(DEFAULT_PARAMS)
        message = _tr("New conversations start with Samtal's defaults.")
    else:
        try:
            params = root.store.preset(name).params
        except NotFoundError:
            show_presets(root)
            return
        user.set(DEFAULT_PRESET, name)
        user.set(DEFAULT_PARAMS, params)
        message = _tr("New conversations start with the preset “{name}”.").format(name=name)
    root.save_user_settings()
    show_presets(root)
    _tell(root, message)


def _tell(root: Samtal, text: str) -> None:
    root.window.statusBar().showMessage(text, MESSAGE_MS)
