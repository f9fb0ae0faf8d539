"""The dialog to add a provider profile, edit one, or give one a new token (also after a 401).

Like the welcome view it only emits requests (`ProfileDraft` objects) and shows the answers of
`app.chat.profiles.ProfileService`; it closes itself once the service reports the profile saved.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.chat.profiles import SaveOutcome, TestResult
from app.settings import Profile
from app.ui.design import Space
from app.ui.provider_form import Notice, ProviderForm, token_storage_text
from app.ui.screen_fit import keep_height_for_width

Purpose = Literal["add", "edit", "token"]


class TokenDialog(QDialog):
    """Add a profile (``purpose="add"``), edit one (``"edit"``: the token may stay empty to keep the saved
    one), or paste a new token for one (``"token"``: the provider fields are shown but locked). ``reason``
    says why the dialog opened (e.g. the API's 401 message). ``activate``: connect to the profile once saved
    (for "add" the user can change it with a check box).

    Closing the dialog in any way asks for its running test to be cancelled and empties the token field.

    Signals:
        test_requested(ProfileDraft), save_requested(ProfileDraft), cancel_test_requested(): as `WelcomeView`.
    """

    test_requested = Signal(object)
    save_requested = Signal(object)
    cancel_test_requested = Signal()

    def __init__(
        self,
        profile: Profile | None = None,
        parent: QWidget | None = None,
        *,
        purpose: Purpose = "add",
        activate: bool = True,
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        if purpose != "add" and profile is None:
            raise ValueError(f"A {purpose!r} token dialog needs a profile.")
        self.setObjectName("tokenDialog")
        self.purpose = purpose
        self._activate = activate
        self.form = ProviderForm(self, with_name=purpose != "token")
        self.form.setMinimumWidth(460)  # with the margins, a 500 px dialog
        if profile is not None:
            self.form.load_profile(profile)
        self.form.set_provider_editable(purpose != "token")
        self.form.set_token_optional(purpose == "edit")

        self.intro = QLabel(self)
        self.intro.setObjectName("tokenDialogIntro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # the reason may quote a server
        self.intro.setWordWrap(True)
        self.use_now = QCheckBox(self.tr("Use this provider now"), self)
        self.use_now.setObjectName("useNow")
        self.use_now.setChecked(activate)
        self.use_now.setVisible(purpose == "add")
        self.keyring_notice = Notice(self)
        self.keyring_notice.setObjectName("keyringNotice")
        self.save_problem = Notice(self)
        self.save_problem.setObjectName("saveProblem")

        buttons = QDialogButtonBox(self)
        self.save_button: QPushButton = buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveProfile")
        self.save_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save_clicked)

        layout = QVBoxLayout(self)
        # Never smaller than what the (word-wrapped) contents need: the dialog grows when a test result,
        # a notice or a longer hint appears, instead of squeezing the form.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        keep_height_for_width(self)
        layout.setContentsMargins(Space.XL, Space.L, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.use_now)
        layout.addWidget(self.keyring_notice)
        layout.addWidget(self.save_problem)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._describe(profile, reason)
        self.form.test_requested.connect(self.test_requested)
        self.form.cancel_test_requested.connect(self.cancel_test_requested)
        self.form.changed.connect(self._form_changed)
        self._form_changed()
        self.form.token_edit.setFocus()

    def _describe(self, profile: Profile | None, reason: str) -> None:
        if self.purpose == "add":
            self.setWindowTitle(self.tr("Add a provider"))
            self._intro = self.tr("Choose where requests go and paste the API token.")
        elif self.purpose == "edit":
            assert profile is not None  # checked in __init__
            self.setWindowTitle(self.tr("Edit “{name}”").format(name=profile.name))
            self._intro = self.tr("Change the name or where requests go. Paste a token only to replace it.")
        else:
            assert profile is not None
            self.setWindowTitle(self.tr("Update token"))
            ask = self.tr("Paste a new API token for “{name}”.").format(name=profile.name)
            self._intro = f"{reason}\n\n{ask}" if reason else ask
        self.intro.setText(self._intro)

    # --- answers from the service ---

    def show_test_result(self, result: TestResult) -> None:
        self.form.show_test_result(result)

    def show_save_problem(self, text: str) -> None:
        self.save_problem.show_message("error", self.tr("Not saved."), text)

    def show_saved(self, outcome: SaveOutcome) -> None:
        self.accept()

    def show_token_storage(self, persistent: bool, problem: str) -> None:
        """Say where a token saved here will be kept: in the introduction of a new provider, or in a warning
        when it can't be kept after Samtal quits."""
        if persistent:
            if self.purpose == "add":
                self.intro.setText(f"{self._intro} {token_storage_text(True)}")
            self.keyring_notice.clear()
        else:
            self.intro.setText(self._intro)
            self.keyring_notice.show_message("warning", self.tr("The token can't be kept after Samtal quits."), problem)

    # --- internals ---

    def done(self, result: int) -> None:
        self.cancel_test_requested.emit()
        self.form.clear_token()
        super().done(result)

    def _form_changed(self) -> None:
        self.save_problem.clear()
        self.save_button.setEnabled(self.form.ready())

    def _save_clicked(self) -> None:
        if self.form.validate():
            activate = self.use_now.isChecked() if self.purpose == "add" else self._activate
            self.save_requested.emit(self.form.draft(activate=activate))
