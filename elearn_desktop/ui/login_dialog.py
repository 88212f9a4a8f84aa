"""Sign-in: choose a server, give email and password; errors in plain words.

The check runs off the GUI thread (argon2id, or a round trip to PostgreSQL). When the
server cannot be reached and this computer holds an offline copy for the person, the
dialog offers to continue offline.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.errors import DatabaseUnavailableError, ElearnError
from elearn_desktop.services import offline_auth, secrets
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.profiles import (
    EMBEDDED_PROFILE,
    POSTGRESQL,
    SSL_MODES,
    ServerProfile,
)
from elearn_desktop.sync import offline
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

log = logging.getLogger(__name__)
NEW_SERVER = "__new__"


# ----------------------------------------------------------------------------- profiles


def load_profiles(settings: QSettings) -> list[ServerProfile]:
    """Embedded first, then the PostgreSQL servers used before (from QSettings)."""
    profiles = [EMBEDDED_PROFILE]
    raw = settings.value("signIn/profiles", "[]")
    try:
        for item in json.loads(str(raw)):
            profile = ServerProfile(**item)
            profile.validate()
            if not profile.is_embedded and all(p.key != profile.key for p in profiles):
                profiles.append(profile)
    except (ValueError, TypeError, ElearnError):
        log.warning("ignoring unreadable saved server profiles")
    return profiles


def save_profile(settings: QSettings, profile: ServerProfile) -> None:
    stored = [p for p in load_profiles(settings)[1:] if p.key != profile.key]
    if not profile.is_embedded:
        stored.insert(0, profile)
    settings.setValue("signIn/profiles", json.dumps([asdict(p) for p in stored]))
    settings.setValue("signIn/lastProfile", profile.key)


class LoginDialog(QDialog):
    signed_in_changed = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        preset: ServerProfile | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle("Sign in to elearn")
        self.setWindowIcon(icon("app"))
        self.settings = settings or QSettings()
        self.signed_in: SignedIn | None = None
        self._busy = False

        self.profiles = load_profiles(self.settings)
        if preset is not None and all(p.key != preset.key for p in self.profiles):
            self.profiles.append(preset)
        self.server = QComboBox()
        self.server.setAccessibleName("Server")
        for profile in self.profiles:
            self.server.addItem(profile.name, profile.key)
        self.server.addItem("Another PostgreSQL server…", NEW_SERVER)

        self.host = QLineEdit(placeholderText="db.example.org")
        self.host.setAccessibleName("Host")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.port.setAccessibleName("Port")
        self.database = QLineEdit(placeholderText="elearn")
        self.database.setAccessibleName("Database")
        self.sslmode = QComboBox()
        self.sslmode.setAccessibleName("TLS")
        for mode in SSL_MODES:
            label = {
                "verify-full": "verify-full (encrypted, server identity checked)",
                "require": "require (encrypted, identity not checked)",
                "disable": "disable (no encryption)",
            }.get(mode, mode)
            self.sslmode.addItem(label, mode)
        self.sslmode.setCurrentIndex(SSL_MODES.index("prefer"))
        self.server_box = QGroupBox("PostgreSQL server")
        server_form = QFormLayout(self.server_box)
        server_form.addRow("&Host:", self.host)
        server_form.addRow("&Port:", self.port)
        server_form.addRow("&Database:", self.database)
        server_form.addRow("&TLS:", self.sslmode)

        self.email = QLineEdit(placeholderText="you@example.org")
        self.email.setAccessibleName("Email")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.remember = QCheckBox("&Remember me on this computer")
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("keyringNote")
        status = secrets.keyring_status()
        self._keyring_secure = status.secure
        if not status.secure:
            self.remember.setEnabled(False)
            self.keyring_note.setText(status.message)
        self.keyring_note.setVisible(not status.secure)

        self.demo_hint = QLabel(
            "First time here? The embedded database has demo accounts, e.g. "
            "learner@demo.test / learn-demo-2026 or admin@demo.test / admin-demo-2026 "
            "(all are listed in the README)."
        )
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setAccessibleName("Sign-in problem")
        self.error.hide()
        self.progress = QLabel()
        self.progress.setObjectName("signInProgress")

        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton("&Sign in")
        self.sign_in_button.setDefault(True)
        self.offline_button = QPushButton("Continue &offline")
        self.offline_button.hide()
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.offline_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button.clicked.connect(self.submit)
        self.offline_button.clicked.connect(self.continue_offline)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Ser&ver:", self.server)
        form.addRow(self.server_box)
        form.addRow("&Email:", self.email)
        form.addRow("Pass&word:", self.password)
        form.addRow(self.remember)
        layout = QVBoxLayout(self)
        heading = QLabel("Sign in")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

        self.server.currentIndexChanged.connect(self._server_changed)
        last = self.settings.value("signIn/lastProfile", "")
        wanted = preset.key if preset is not None else str(last)
        index = self.server.findData(wanted)
        self.server.setCurrentIndex(index if index >= 0 else 0)
        self._server_changed()
        self.email.setText(str(self.settings.value("signIn/lastEmail", "")))
        self.email.editingFinished.connect(self._recall_password)
        self._recall_password()
        (self.password if self.email.text() else self.email).setFocus()
        self.setMinimumWidth(460)

    # -- profile fields --------------------------------------------------------------------

    def _server_changed(self) -> None:
        key = self.server.currentData()
        profile = next((p for p in self.profiles if p.key == key), None)
        is_pg = key == NEW_SERVER or (profile is not None and not profile.is_embedded)
        self.server_box.setVisible(is_pg)
        self.demo_hint.setVisible(not is_pg)
        if profile is not None and not profile.is_embedded:
            self.host.setText(profile.host)
            self.port.setValue(profile.port)
            self.database.setText(profile.database)
            self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(profile.sslmode)))
        elif key == NEW_SERVER:
            self.host.clear()
            self.database.clear()
            self.sslmode.setCurrentIndex(SSL_MODES.index("verify-full"))
        self.offline_button.hide()
        self.adjustSize()

    def current_profile(self) -> ServerProfile:
        key = self.server.currentData()
        if key != NEW_SERVER:
            profile = next((p for p in self.profiles if p.key == key), None)
            if profile is not None and profile.is_embedded:
                return profile
        host = self.host.text().strip()
        database = self.database.text().strip()
        return ServerProfile(
            name=f"{database} on {host}" if host and database else "PostgreSQL server",
            kind=POSTGRESQL,
            host=host,
            port=self.port.value(),
            database=database,
            sslmode=str(self.sslmode.currentData()),
        )

    def _recall_password(self) -> None:
        if not self.remember.isEnabled() or not self.email.text().strip():
            return
        try:
            profile = self.current_profile()
        except ElearnError:
            return
        email = self.email.text().strip()
        BackgroundOp(
            lambda: secrets.recall_password(profile, email), label="recall password"
        ).on_success(self._fill_password).run(parent=self)

    def _fill_password(self, password: str | None) -> None:
        if password and not self.password.text():
            self.password.setText(password)
            self.remember.setChecked(True)

    # -- sign in ---------------------------------------------------------------------------

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        for widget in (self.server, self.server_box, self.email, self.password, self.remember):
            widget.setEnabled(not busy and (widget is not self.remember or self._can_remember()))
        self.sign_in_button.setEnabled(not busy)
        self.offline_button.setEnabled(not busy)
        self.progress.setText(message)

    def _can_remember(self) -> bool:
        return self._keyring_secure

    def show_error(self, message: str) -> None:
        self.error.setText(f"⚠ {message}")
        self.error.setVisible(bool(message))

    def submit(self) -> None:
        if self._busy:
            return
        self.show_error("")
        self.error.hide()
        try:
            profile = self.current_profile()
            profile.validate()
        except ElearnError as exc:
            self.show_error(str(exc))
            return
        email = self.email.text().strip()
        password = self.password.text()
        if not email or not password:
            self.show_error("Enter your email and password.")
            return
        remember = self.remember.isChecked() and self.remember.isEnabled()
        message = (
            "Preparing the embedded database and checking your password…"
            if profile.is_embedded
            else f"Connecting to {profile.display}…"
        )
        self._set_busy(True, message)

        def work() -> SignedIn:
            session = sign_in(profile, email, password)
            try:
                if remember:
                    secrets.remember_password(profile, email, password)
                else:
                    secrets.forget_password(profile, email)
            except Exception:  # remembering is a convenience; sign-in succeeded
                log.warning("could not store sign-in conveniences", exc_info=True)
            try:
                # The offline copy: verifier, encrypted cache (argon2id), profile for
                # `elearn sync`. Without it the person still works online.
                session = offline.attach_cache(session, password)
            except Exception:
                log.warning("could not open the offline copy", exc_info=True)
            return session

        BackgroundOp(work, label="sign in").on_success(self._succeeded).on_failure(
            lambda exc: self._failed(exc, profile, email)
        ).run(parent=self)

    def _succeeded(self, session: SignedIn) -> None:
        self._set_busy(False)
        save_profile(self.settings, session.profile)
        self.settings.setValue("signIn/lastEmail", session.user.email)
        self.signed_in = session
        self.signed_in_changed.emit(session)
        self.accept()

    def _failed(self, exc: BaseException, profile: ServerProfile, email: str) -> None:
        self._set_busy(False)
        if isinstance(exc, ElearnError):
            message = str(exc)
        else:
            log.error("sign-in failed unexpectedly", exc_info=exc)
            message = f"Sign-in failed unexpectedly ({type(exc).__name__}). Details are in the log."
        offline = isinstance(exc, DatabaseUnavailableError) and offline_auth.has_offline_cache(
            profile, email
        )
        if offline:
            message += "\nThis computer has an offline copy: you can continue offline."
        self.offline_button.setVisible(offline)
        self.show_error(message)
        self.password.setFocus()
        self.password.selectAll()

    def continue_offline(self) -> None:
        profile = self.current_profile()
        email = self.email.text().strip()
        password = self.password.text()
        self._set_busy(True, "Unlocking your offline copy…")

        def work() -> SignedIn:
            return offline.sign_in_offline(profile, email, password)

        BackgroundOp(work, label="offline sign in").on_success(self._succeeded).on_failure(
            lambda exc: self._failed_offline(exc)
        ).run(parent=self)

    def _failed_offline(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_error(str(exc) or type(exc).__name__)

    def reject(self) -> None:
        if not self._busy:
            super().reject()
