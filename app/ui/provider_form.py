"""The fields that describe a provider and its token, shared by the welcome view and the token dialog.

`ProviderForm` holds the provider choice, the base URL and auth style of a custom provider, the masked
token field with its Show toggle, the Test connection button and the test's result. It does no I/O: it
emits `ProfileDraft` objects and shows what it is given. `Notice` is the framed message used for test
results, keyring notices and save problems.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.api.providers import API_VERSIONS, DEFAULT_API_VERSION
from app.chat.profiles import ProfileDraft, TestResult, check_base_url
from app.language import QT_TR_NOOP
from app.language import tr as _tr
from app.secrets import TokenPlace
from app.settings import Profile
from app.ui.design import Colors, Radius, Space, current_colors, rgba
from app.ui.icons import Tone, icon

Level = Literal["info", "success", "warning", "error"]

_ICONS: dict[Level, tuple[str, Tone]] = {
    "info": ("note", "muted"),
    "success": ("success", "success"),
    "warning": ("warning", "warning"),
    "error": ("error", "danger"),
}


def _notice_style(colors: Colors) -> str:
    """Tints with transparency over the window: they read well on light and dark palettes alike."""
    return (
        f"Notice {{ border-radius: {Radius.M}px; border: 1px solid {rgba(colors.border_strong, 0.35)}; }}\n"
        f'Notice[level="info"] {{ background: {rgba(colors.border_strong, 0.10)}; }}\n'
        + "".join(
            f'Notice[level="{level}"] {{ background: {rgba(colour, 0.12)}; border-color: {rgba(colour, 0.5)}; }}\n'
            for level, colour in (("success", colors.success), ("warning", colors.warning), ("error", colors.danger))
        )
    )


# (value, label); labels are translated when shown.
PROVIDER_CHOICES: tuple[tuple[str, str], ...] = (
    ("anthropic", QT_TR_NOOP("Anthropic")),
    ("acedata", QT_TR_NOOP("Ace Data Cloud")),
    ("custom", QT_TR_NOOP("Other Anthropic-compatible server")),
)
AUTH_CHOICES: tuple[tuple[str, str], ...] = (
    ("x-api-key", QT_TR_NOOP("x-api-key header (as Anthropic)")),
    ("bearer", QT_TR_NOOP("Authorization: Bearer header")),
)


def set_secondary(label: QLabel) -> None:
    """Draw a hint in the palette's secondary text colour (it follows theme changes; a disabled label
    would be too faint to read)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


def token_storage_text(persistent: bool) -> str:
    """Where a token saved now is kept, in the words every view uses (whether it is persistent is
    `app.secrets.SecretStore.persistent`'s to say)."""
    if persistent:
        return _tr("Your token is kept in your system keyring, never in a file.")
    return _tr("There is no usable system keyring: your token is kept for this session only, never in a file.")


def token_place_text(place: TokenPlace | None) -> str:
    """Where a profile's token is kept (`app.secrets.SecretStore.place`), as the profile list says it."""
    if place == "keyring":
        return _tr("token in the keyring")
    if place == "session":
        return _tr("token for this session only")
    return _tr("no token")


def _hint(kind: str) -> str:
    if kind == "anthropic":
        return _tr("Create an API key in the Anthropic Console. Requests go to api.anthropic.com.")
    if kind == "acedata":
        return _tr("Use the API token from your Ace Data Cloud account. Requests go to api.acedata.cloud.")
    return _tr("A gateway or proxy that speaks the Anthropic Messages API at <base URL>/v1/messages.")


def _failure_headline(error_type: str) -> str:
    """One sentence saying what a failed test means for the user; the API's own words follow it."""
    headlines = {
        "authentication_error": _tr("The provider did not accept this token."),
        "permission_error": _tr("This token is not allowed to use the API."),
        "billing_error": _tr("The account has no credit left."),
        "not_found_error": _tr("Nothing answers at this address. Check the base URL."),
        "rate_limit_error": _tr("Too many requests right now. Try again in a minute."),
        "overloaded_error": _tr("The provider is overloaded right now. Try again later."),
        "api_error": _tr("The provider reported an internal error."),
        "timeout_error": _tr("The provider timed out."),
        "connection_error": _tr("Could not reach the server."),
        "redirect_refused": _tr("The server redirected the request, and Samtal did not follow."),
        "timeout": _tr("The server did not answer in time."),
    }
    return headlines.get(error_type, _tr("The connection test failed."))


def _model_list(result: TestResult, shown: int = 6) -> str:
    names = [m.display_name for m in result.models[:shown]]
    more = len(result.models) - shown
    if more > 0:
        names.append(_tr("and {count} more").format(count=more))
    return ", ".join(names)


def api_version_text(version: str) -> str:
    """One sentence on what choosing ``version`` changes."""
    if version == DEFAULT_API_VERSION:
        return _tr("Temperature, top p and top k are sent to the models that take them.")
    return _tr(
        "Temperature, top p and top k are refused on every model under this version: the panel greys them out "
        "and never sends them. Thinking depth is set with Effort."
    )


class Notice(QFrame):
    """A framed message: an icon, a bold headline and an optional body, tinted by level. Texts are shown as
    plain text (they may come from a server) and can be selected, so a request id can be copied."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_notice_style(current_colors(self.palette())))
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel(self)
        self.body = QLabel(self)
        bold = QFont(self.headline.font())
        bold.setBold(True)
        self.headline.setFont(bold)
        for label in (self.headline, self.body):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        texts = QVBoxLayout()
        texts.setSpacing(Space.XS)
        texts.addWidget(self.headline)
        texts.addWidget(self.body)
        texts.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        layout.setSpacing(Space.M)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)
        self.hide()

    def show_message(self, level: Level, headline: str, body: str = "") -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        size = self.fontMetrics().height()
        name, tone = _ICONS[level]
        self.icon.setPixmap(icon(name, tone, self.palette()).pixmap(size, size))
        self.headline.setText(headline)
        self.body.setText(body)
        self.body.setVisible(bool(body))
        self.show()

    def clear(self) -> None:
        self.headline.clear()
        self.body.clear()
        self.hide()


class ProviderForm(QWidget):
    """Provider, base URL, auth style and token fields with a Test connection button and its result.

    The token field is masked (with a Show toggle) and marked as sensitive for input methods; its
    accessible name is a fixed label, never its content.

    Signals:
        test_requested(ProfileDraft): the user pressed Test connection (the fields are valid).
        cancel_test_requested(): the user pressed Cancel test while a test ran.
        submitted(): Return was pressed in the token field.
        changed(): any field was edited.
    """

    test_requested = Signal(object)
    cancel_test_requested = Signal()
    submitted = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_name: bool = False) -> None:
        super().__init__(parent)
        self._profile_id = ""
        self._token_optional = False
        self._testing = False

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("profileName")
        self.name_edit.setAccessibleName(self.tr("Profile name"))
        self.provider_combo = QComboBox(self)
        self.provider_combo.setObjectName("providerKind")
        self.provider_combo.setAccessibleName(self.tr("Provider"))
        for kind, label in PROVIDER_CHOICES:
            self.provider_combo.addItem(_tr(label), kind)
        self.provider_hint = QLabel(self)
        self.provider_hint.setObjectName("providerHint")
        self.provider_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.provider_hint.setWordWrap(True)
        set_secondary(self.provider_hint)
        self.provider_hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.base_url_edit = QLineEdit(self)
        self.base_url_edit.setObjectName("baseUrl")
        self.base_url_edit.setAccessibleName(self.tr("Base URL"))
        self.base_url_edit.setPlaceholderText("https://gateway.example.com")
        self.url_problem = QLabel(self)
        self.url_problem.setObjectName("urlProblem")
        self.url_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.url_problem.setWordWrap(True)
        palette = self.url_problem.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(current_colors(self.palette()).danger))
        self.url_problem.setPalette(palette)
        self.url_problem.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.auth_combo = QComboBox(self)
        self.auth_combo.setObjectName("authStyle")
        self.auth_combo.setAccessibleName(self.tr("Authentication"))
        for style, label in AUTH_CHOICES:
            self.auth_combo.addItem(_tr(label), style)

        self.token_edit = QLineEdit(self)
        self.token_edit.setObjectName("token")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.token_edit.setAccessibleName(self.tr("API token"))
        self.token_edit.setPlaceholderText(self.tr("Paste your token"))
        self.show_token = QToolButton(self)
        self.show_token.setObjectName("showToken")
        self.show_token.setCheckable(True)
        self.show_token.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._set_show_label(False)
        token_row = QHBoxLayout()
        token_row.setSpacing(Space.S)
        token_row.addWidget(self.token_edit, 1)
        token_row.addWidget(self.show_token)

        self.api_version_combo = QComboBox(self)
        self.api_version_combo.setObjectName("apiVersion")
        self.api_version_combo.setAccessibleName(self.tr("API version"))
        for version in API_VERSIONS:
            self.api_version_combo.addItem(
                self.tr("{version} (default)").format(version=version) if version == DEFAULT_API_VERSION else version,
                version,
            )
        self.api_version_hint = QLabel(self)
        self.api_version_hint.setObjectName("apiVersionHint")
        self.api_version_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.api_version_hint.setWordWrap(True)
        set_secondary(self.api_version_hint)
        self.api_version_hint.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnection")
        self.test_button.setAutoDefault(False)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        self.result = Notice(self)
        self.result.setAccessibleName(self.tr("Connection test result"))

        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields.setVerticalSpacing(Space.S)
        self.fields.setHorizontalSpacing(Space.M)
        self.fields.addRow(self.tr("&Name:"), self.name_edit)
        self._add_row(self.tr("&Provider:"), self.provider_combo, below=self.provider_hint)
        self._url_cell = self._add_row(self.tr("&Base URL:"), self.base_url_edit, below=self.url_problem)
        self.fields.addRow(self.tr("&Authentication:"), self.auth_combo)
        self._add_row(self.tr("API &token:"), token_row, buddy=self.token_edit)
        self._add_row(self.tr("API &version:"), self.api_version_combo, below=self.api_version_hint)
        self.fields.addRow("", test_row)
        self.fields.setRowVisible(self.name_edit, with_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.M)
        layout.addLayout(self.fields)
        layout.addWidget(self.result)

        self.provider_combo.currentIndexChanged.connect(self._provider_changed)
        self.show_token.toggled.connect(self._toggle_token_visible)
        self.test_button.clicked.connect(self._test_clicked)
        self.token_edit.returnPressed.connect(self.submitted)
        self.base_url_edit.editingFinished.connect(self._check_url_quietly)
        self.base_url_edit.textEdited.connect(lambda: self._show_url_problem(""))  # until typing is done
        for edit in (self.name_edit, self.base_url_edit, self.token_edit):
            edit.textChanged.connect(self._edited)
        self.api_version_combo.currentIndexChanged.connect(self._show_api_version_hint)
        for combo in (self.provider_combo, self.auth_combo, self.api_version_combo):
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.activated.connect(self._edited)
        self._provider_changed()
        self._show_api_version_hint()
        self._update_buttons()

    def _add_row(
        self, label: str, field: QWidget | QLayout, *, buddy: QWidget | None = None, below: QWidget | None = None
    ) -> QWidget:
        """A form row: ``field`` with, close under it, an optional hint or problem. The label's mnemonic
        focuses ``buddy`` (by default the field)."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(Space.XS)
        if isinstance(field, QLayout):
            column.addLayout(field)
        else:
            column.addWidget(field)
            buddy = buddy or field
        if below is not None:
            column.addWidget(below)
        text = QLabel(label, self)
        if buddy is not None:
            text.setBuddy(buddy)
        self.fields.addRow(text, cell)
        return cell

    # --- what the host asks ---

    def kind(self) -> str:
        return str(self.provider_combo.currentData())

    def api_version(self) -> str:
        """The ``anthropic-version`` chosen for the profile."""
        return str(self.api_version_combo.currentData())

    def has_token(self) -> bool:
        return bool(self.token_edit.text().strip())

    def ready(self) -> bool:
        """Whether Test and Save make sense: a token is typed, or the profile already has one."""
        return self.has_token() or self._token_optional

    def draft(self, *, activate: bool = True) -> ProfileDraft:
        """The fields as a draft (of the loaded profile, if any)."""
        return ProfileDraft(
            name=self.name_edit.text().strip(),
            kind=self.kind(),
            base_url=self.base_url_edit.text().strip(),
            auth=str(self.auth_combo.currentData()),
            token=self.token_edit.text().strip(),
            profile_id=self._profile_id,
            activate=activate,
            api_version=self.api_version(),
        )

    def validate(self) -> bool:
        """Check the base URL of a custom provider; show what is wrong next to it."""
        problem = self._url_problem()
        self._show_url_problem(problem)
        if problem:
            self.base_url_edit.setFocus()
        return not problem

    def load_profile(self, profile: Profile) -> None:
        """Fill the fields from a saved profile; the token field stays empty."""
        self._profile_id = profile.id
        self.name_edit.setText(profile.name)
        self.provider_combo.setCurrentIndex(max(0, self.provider_combo.findData(profile.kind)))
        self.base_url_edit.setText(profile.base_url if profile.kind == "custom" else "")
        self.auth_combo.setCurrentIndex(max(0, self.auth_combo.findData(profile.auth)))
        self.api_version_combo.setCurrentIndex(max(0, self.api_version_combo.findData(profile.api_version)))
        self.clear_token()
        self._provider_changed()

    @property
    def profile_id(self) -> str:
        """The id of the profile loaded with `load_profile` ("" for a new one)."""
        return self._profile_id

    def clear_profile(self) -> None:
        """Forget the loaded profile: the fields describe a new one again, and can be edited."""
        self._profile_id = ""
        self.name_edit.clear()
        self.provider_combo.setCurrentIndex(0)
        self.base_url_edit.clear()
        self.auth_combo.setCurrentIndex(0)
        self.api_version_combo.setCurrentIndex(max(0, self.api_version_combo.findData(DEFAULT_API_VERSION)))
        self.clear_token()
        self.set_provider_editable(True)
        self._provider_changed()

    def set_provider_editable(self, editable: bool) -> None:
        """Lock the provider fields (they are still shown, so the user sees which profile is meant)."""
        for widget in (self.name_edit, self.provider_combo, self.base_url_edit, self.auth_combo):
            widget.setEnabled(editable)
        self.provider_hint.setVisible(editable)

    def set_token_optional(self, optional: bool) -> None:
        """An existing profile may keep its saved token: Test then uses that one."""
        self._token_optional = optional
        self.token_edit.setPlaceholderText(
            self.tr("Leave empty to keep the saved token") if optional else self.tr("Paste your token")
        )
        self._update_buttons()

    def clear_token(self) -> None:
        self.token_edit.clear()
        self.show_token.setChecked(False)
        self._update_buttons()

    # --- test results ---

    def show_test_result(self, result: TestResult) -> None:
        self._set_testing(False)
        if result.ok:
            self.result.show_message("success", result.message, _model_list(result))
            return
        if result.error_type == "invalid_input":
            self.result.show_message("error", result.message)
            return
        facts = [self.tr("Error type: {type}").format(type=result.error_type)]
        if result.status is not None:
            facts.append(self.tr("HTTP {status}").format(status=result.status))
        if result.request_id:
            facts.append(self.tr("Request id: {id}").format(id=result.request_id))
        self.result.show_message(
            "error", _failure_headline(result.error_type), f"{result.message}\n{' · '.join(facts)}"
        )

    def clear_result(self) -> None:
        self.result.clear()

    # --- internals ---

    def _url_problem(self) -> str:
        if self.kind() != "custom":
            return ""
        try:
            check_base_url(self.base_url_edit.text())
        except ValueError as exc:
            return str(exc)
        return ""

    def _check_url_quietly(self) -> None:
        """After editing: show a problem only for a URL that was actually typed."""
        if self.base_url_edit.text().strip():
            self._show_url_problem(self._url_problem())

    def _show_url_problem(self, problem: str) -> None:
        self.url_problem.setText(problem)
        self.url_problem.setVisible(bool(problem))

    def _provider_changed(self) -> None:
        kind = self.kind()
        custom = kind == "custom"
        self.provider_hint.setText(_hint(kind))
        label = self.provider_combo.currentText() if kind != "custom" else self.tr("My gateway")
        self.name_edit.setPlaceholderText(self.tr("e.g. {name}").format(name=label))
        for widget in (self._url_cell, self.auth_combo):
            self.fields.setRowVisible(widget, custom)
        if not custom:
            self._show_url_problem("")

    def _show_api_version_hint(self) -> None:
        self.api_version_hint.setText(api_version_text(self.api_version()))

    def _edited(self) -> None:
        if self._testing:
            self.cancel_test_requested.emit()
            self._set_testing(False)
        self.clear_result()  # a result is about the fields as they were
        self._update_buttons()
        self.changed.emit()

    def _test_clicked(self) -> None:
        if self._testing:
            self.cancel_test_requested.emit()
            self._set_testing(False)
            self.result.show_message("info", self.tr("Test cancelled."))
            return
        if not self.validate():
            return
        self._set_testing(True)
        self.result.show_message("info", self.tr("Testing the connection…"))
        self.test_requested.emit(self.draft())

    def _set_testing(self, testing: bool) -> None:
        self._testing = testing
        self.test_button.setText(self.tr("Cancel test") if testing else self.tr("Test connection"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.test_button.setEnabled(self._testing or self.ready())

    def _toggle_token_visible(self, visible: bool) -> None:
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password)
        self._set_show_label(visible)

    def _set_show_label(self, visible: bool) -> None:
        self.show_token.setText(self.tr("Hide") if visible else self.tr("Show"))
        self.show_token.setAccessibleName(self.tr("Hide the token") if visible else self.tr("Show the token"))
        self.show_token.setToolTip(self.show_token.accessibleName())
