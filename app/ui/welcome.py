"""The first-run view, shown in the main window's centre while no provider is set up.

It asks for a provider and a token (tested and saved by `app.chat.profiles.ProfileService`, which
answers through the ``show_*`` methods), or starts the demo, which needs neither a token nor a network.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.chat.profiles import SaveOutcome, TestResult
from app.settings import Profile
from app.ui.design import Space
from app.ui.provider_form import Notice, ProviderForm, token_storage_text

CONTENT_WIDTH = 560


class WelcomeView(QWidget):
    """Choose a provider, paste a token, test it, save it; or try the demo. For a provider profile whose
    token is gone (kept for one session only, or removed from the keyring), `ask_token_for` asks for that
    profile's token again instead, so that saving it does not add a second profile.

    Signals:
        test_requested(ProfileDraft): test these fields (answered by `show_test_result`).
        save_requested(ProfileDraft): save them and connect (answered by `show_saved` or `show_save_problem`).
        cancel_test_requested(): forget the running test.
        demo_requested(): start demo mode.
    """

    test_requested = Signal(object)
    save_requested = Signal(object)
    cancel_test_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeView")

        self.title = QLabel(self)
        self.title.setObjectName("welcomeTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        big = QFont(self.title.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.title.setFont(big)
        self.title.setWordWrap(True)
        self._intro = ""
        self._kept = ""  # where the token will be kept, once the keyring has been asked
        self.intro = QLabel(self)
        self.intro.setObjectName("welcomeIntro")
        self.intro.setTextFormat(Qt.TextFormat.PlainText)  # a profile's name is the user's text
        self.intro.setWordWrap(True)
        self.other_provider_button = QPushButton(self.tr("Set up another provider instead"), self)
        self.other_provider_button.setObjectName("otherProvider")
        self.other_provider_button.setAutoDefault(False)
        self.other_provider_button.clicked.connect(self.ask_new_provider)
        other_row = QHBoxLayout()
        other_row.addWidget(self.other_provider_button)
        other_row.addStretch(1)

        self.form = ProviderForm(self)
        self.keyring_notice = Notice(self)
        self.keyring_notice.setObjectName("keyringNotice")
        self.save_problem = Notice(self)
        self.save_problem.setObjectName("saveProblem")
        self.save_button = QPushButton(self.tr("Save and start"), self)
        self.save_button.setObjectName("saveProfile")
        self.save_button.setDefault(True)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)

        rule = QFrame(self)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        demo_text = QLabel(
            self.tr(
                "No token yet? The demo answers from a small built-in server on this computer, so every "
                "feature can be tried without an account or a network."
            )
        )
        demo_text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Try the demo"), self)
        self.demo_button.setObjectName("tryDemo")
        demo_row = QHBoxLayout()
        demo_row.addWidget(demo_text, 1)
        demo_row.addSpacing(Space.M)
        demo_row.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignVCenter)

        content = QWidget()
        content.setMaximumWidth(CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(Space.XL, Space.XXL, Space.XL, Space.XXL)
        column.setSpacing(Space.L)
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addSpacing(Space.S)
        column.addWidget(self.form)
        column.addLayout(other_row)
        column.addWidget(self.keyring_notice)
        column.addWidget(self.save_problem)
        column.addLayout(save_row)
        column.addSpacing(Space.M)
        column.addWidget(rule)
        column.addSpacing(Space.XS)
        column.addLayout(demo_row)

        page = QWidget()
        centred = QHBoxLayout(page)
        centred.addStretch(1)
        centred.addWidget(content, 100, Qt.AlignmentFlag.AlignVCenter)
        centred.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.form.test_requested.connect(self.test_requested)
        self.form.cancel_test_requested.connect(self.cancel_test_requested)
        self.form.changed.connect(self._form_changed)
        self.form.submitted.connect(self._save_clicked)
        self.save_button.clicked.connect(self._save_clicked)
        self.demo_button.clicked.connect(self.demo_requested)
        self.ask_new_provider()

    # --- what is asked ---

    def ask_new_provider(self) -> None:
        """Ask for a provider and its token (the first run)."""
        self.form.clear_profile()
        self.form.set_token_optional(False)
        self.title.setText(self.tr("Welcome to Samtal"))
        self._intro = self.tr(
            "Samtal talks to Claude through the Messages API. Choose your provider and paste your API token."
        )
        self._show_intro()
        self.other_provider_button.hide()
        self._form_changed()

    def ask_token_for(self, profile: Profile) -> None:
        """Ask for the token of a profile that has lost it; saving puts it back into that profile."""
        self.form.load_profile(profile)
        self.form.set_provider_editable(False)
        self.form.set_token_optional(False)
        self.title.setText(self.tr("Enter the token for “{name}” again").format(name=profile.name))
        self._intro = self.tr(
            "Samtal has your provider “{name}” but not its token any more: it was kept for one session only, "
            "or it is no longer in the system keyring. Paste it again to go on with this provider."
        ).format(name=profile.name)
        self._show_intro()
        self.other_provider_button.show()
        self._form_changed()
        self.focus_token()

    @property
    def profile_id(self) -> str:
        """The profile whose token it asks for ("": it asks for a new provider)."""
        return self.form.profile_id

    def focus_token(self) -> None:
        """Put the keyboard focus in the token field (the first thing to fill in)."""
        self.form.token_edit.setFocus()

    # --- answers from the service ---

    def show_test_result(self, result: TestResult) -> None:
        self.form.show_test_result(result)

    def show_save_problem(self, text: str) -> None:
        self.save_problem.show_message("error", self.tr("Not saved."), text)

    def show_saved(self, outcome: SaveOutcome) -> None:
        self.form.clear_token()  # the token lives in the keyring (or the session) now, not in a widget
        self.save_problem.clear()
        self.save_button.setEnabled(False)
        self.show_token_storage(outcome.persistent, outcome.problem)

    def show_token_storage(self, persistent: bool, problem: str) -> None:
        """Say where the token is (or will be) kept: in the introduction, or in a warning when it can't be
        kept after Samtal quits."""
        self._kept = token_storage_text(True) if persistent else ""
        self._show_intro()
        if persistent:
            self.keyring_notice.clear()
        else:
            self.keyring_notice.show_message(
                "warning", self.tr("Your token can't be kept after Samtal quits."), problem
            )

    # --- internals ---

    def _show_intro(self) -> None:
        self.intro.setText(f"{self._intro} {self._kept}" if self._kept else self._intro)

    def _form_changed(self) -> None:
        self.save_problem.clear()
        self.save_button.setEnabled(self.form.ready())

    def _save_clicked(self) -> None:
        if not self.form.ready():
            self.show_save_problem(self.tr("Paste a token first."))
            return
        if self.form.validate():
            self.save_requested.emit(self.form.draft(activate=True))
