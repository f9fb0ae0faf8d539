"""Presets: named parameter sets kept in the store, managed from the parameters panel's presets bar.

Applying one shows its parameters in the panel and stores them with the conversation on screen (the
panel reports them as a change, which the root saves). One preset can be the default for new
conversations: its name is the ``DEFAULT_PRESET`` setting and a copy of its parameters ``DEFAULT_PARAMS``
(the setting the controller and the new-conversation screen read), kept in step when it is saved again,
renamed or deleted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from app.settings import Settings
from app.settings.options import DEFAULT_PARAMS, DEFAULT_PRESET
from app.store import NotFoundError, Store, StoreError
from app.ui.parameters_panel import ParametersPanel
from app.ui.presets_bar import PresetsBar
from app.ui.problem_words import problem_text


class Presets(QObject):
    """The presets ``bar`` (of the ``parameters`` panel) over the store's presets and the default-preset settings.

    ``tell(text)`` says something in the status bar; ``store_refused(error)`` says that the store refused a
    write; ``save_settings()`` writes the user settings."""

    def __init__(
        self,
        *,
        store: Store,
        user_settings: Settings,
        save_settings: Callable[[], None],
        parameters: ParametersPanel,
        bar: PresetsBar,
        tell: Callable[[str], None],
        store_refused: Callable[[StoreError], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._user = user_settings
        self._save_settings = save_settings
        self._parameters = parameters
        self._bar = bar
        self._tell = tell
        self._store_refused = store_refused
        bar.apply_requested.connect(self.apply)
        bar.save_requested.connect(self.save)
        bar.rename_requested.connect(self.rename)
        bar.delete_requested.connect(self.delete)
        bar.default_requested.connect(self.set_default)
        self.refresh()

    def refresh(self) -> None:
        """Show the store's presets and the default one in the presets bar."""
        presets = {preset.name: preset.params for preset in self._store.presets.all()}
        self._bar.set_presets(presets, self._user.get(DEFAULT_PRESET))

    def apply(self, name: str) -> None:
        """Use the preset's parameters in the conversation on screen (a preset without a model keeps the one
        shown); the status bar says so, and what keeps them from being sent, if anything does."""
        try:
            params = dict(self._store.presets.get(name).params)
        except NotFoundError:
            self._tell(self.tr("There is no preset “{name}” any more.").format(name=name))
            self.refresh()
            return
        if not params.get("model"):
            params["model"] = self._parameters.model_id()
        self._parameters.apply(params)
        blocking = [problem_text(problem) for problem in self._parameters.problems() if problem.blocking]
        if blocking:  # e.g. its thinking budget is not below its max_tokens: say so where the eyes are
            text = self.tr("Applied the preset “{name}”, but its parameters can't be sent as they are: {problem}")
            self._tell(text.format(name=name, problem=blocking[0]))
        else:
            self._tell(self.tr("Applied the preset “{name}”.").format(name=name))

    def save(self, name: str) -> None:
        """Save the parameters on screen under ``name`` (replacing a preset of that name)."""
        params = self._parameters.params()
        try:
            self._store.presets.save(name, params)
        except ValueError as exc:
            self._tell(str(exc))
            return
        except StoreError as exc:  # a read-only data folder, a full disk
            self._store_refused(exc)
            return
        if self._user.get(DEFAULT_PRESET) == name:
            self._user.set(DEFAULT_PARAMS, params)
            self._save_settings()
        self.refresh()
        self._tell(self.tr("Saved the preset “{name}”.").format(name=name))

    def rename(self, name: str, new_name: str) -> None:
        try:
            self._store.presets.rename(name, new_name)
        except (ValueError, NotFoundError) as exc:
            self._tell(str(exc))
            self.refresh()
            return
        except StoreError as exc:
            self._store_refused(exc)
            return
        if self._user.get(DEFAULT_PRESET) == name:
            self._user.set(DEFAULT_PRESET, new_name.strip())
            self._save_settings()
        self.refresh()

    def delete(self, name: str) -> None:
        """Delete a preset; when it was the default, new conversations go back to Samtal's defaults."""
        try:
            self._store.presets.delete(name)
        except NotFoundError:
            pass  # already gone: the list is refreshed below
        except StoreError as exc:
            self._store_refused(exc)
            return
        if self._user.get(DEFAULT_PRESET) == name:
            self._user.reset(DEFAULT_PRESET)
            self._user.reset(DEFAULT_PARAMS)
            self._save_settings()
        self.refresh()
        self._tell(self.tr("Deleted the preset “{name}”.").format(name=name))

    def set_default(self, name: str) -> None:
        """New conversations start with the preset ``name`` ("": with Samtal's defaults)."""
        user = self._user
        if not name:
            user.reset(DEFAULT_PRESET)
            user.reset(DEFAULT_PARAMS)
            message = self.tr("New conversations start with Samtal's defaults.")
        else:
            try:
                params = self._store.presets.get(name).params
            except NotFoundError:
                self.refresh()
                return
            user.set(DEFAULT_PRESET, name)
            user.set(DEFAULT_PARAMS, params)
            message = self.tr("New conversations start with the preset “{name}”.").format(name=name)
        self._save_settings()
        self.refresh()
        self._tell(message)
