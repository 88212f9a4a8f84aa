"""Sign-in: choose a server, give email and password; errors in plain words.

The check runs off the GUI thread (argon2id, or a round trip to PostgreSQL). When the
server cannot be reached and this computer holds an offline copy for the person, the
dialog offers to continue offline.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
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
from elearn_desktop.services import profile_store, secrets
from elearn_desktop.services.profiles import (
    EMBEDDED_PROFILE,
    POSTGRESQL,
    SSL_MODES,
    ServerProfile,
)
from elearn_desktop.ui import preferences
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

if TYPE_CHECKING:
    from elearn_desktop.services.auth import SignedIn

# The database layer (services.auth, sync.offline, argon2) is imported by the sign-in's
# background work, not here: the dialog opens before it is loaded (issue #8, workload 1).

log = logging.getLogger(__name__)
NEW_SERVER = "__new__"


# ----------------------------------------------------------------------------- profiles


def remembered_profiles(settings: QSettings) -> list[ServerProfile]:
    """The PostgreSQL servers signed in to before (kept in QSettings)."""
    profiles: list[ServerProfile] = []
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


def load_profiles(settings: QSettings) -> list[ServerProfile]:
    """Embedded first, then the servers signed in to before, then the ones saved in
    Settings → Servers (``profile_store``)."""
    profiles = [EMBEDDED_PROFILE, *remembered_profiles(settings)]
    try:
        stored = [s.profile for s in profile_store.load_profiles()]
    except ElearnError:
        log.warning("ignoring unreadable profiles.json")
        stored = []
    for profile in stored:
        if not profile.is_embedded and all(p.key != profile.key for p in profiles):
            profiles.append(profile)
    return profiles


def forget_profile(settings: QSettings, key: str) -> None:
    """Drop a remembered server (by ``ServerProfile.key``) from the sign-in history."""
    try:
        stored = [
            item
            for item in json.loads(str(settings.value("signIn/profiles", "[]")))
            if ServerProfile(**item).key != key
        ]
    except (ValueError, TypeError):
        stored = []
    settings.setValue("signIn/profiles", json.dumps(stored))


def save_profile(settings: QSettings, profile: ServerProfile) -> None:
    stored = [p for p in remembered_profiles(settings) if p.key != profile.key]
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
        self.setWindowIcon(icon("app"))
        self.settings = settings or QSettings()
        self.signed_in: SignedIn | None = None
        self._busy = False
        self._remember = False  # the last submit's "Remember me" (next start signs in)

        self.profiles = load_profiles(self.settings)
        if preset is not None and all(p.key != preset.key for p in self.profiles):
            self.profiles.append(preset)
        self.server = QComboBox()
        for profile in self.profiles:
            self.server.addItem(profile.name, profile.key)
        self.server.addItem("", NEW_SERVER)

        self.host = QLineEdit(placeholderText="db.example.org")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(placeholderText="elearn")
        self.sslmode = QComboBox()
        for mode in SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.sslmode.setCurrentIndex(SSL_MODES.index("prefer"))
        self.server_box = QGroupBox()
        server_form = QFormLayout(self.server_box)
        self.labels = {key: QLabel() for key in ("server", "host", "port", "database", "tls")}
        self.labels |= {"email": QLabel(), "password": QLabel()}
        for key, field in (
            ("host", self.host),
            ("port", self.port),
            ("database", self.database),
            ("tls", self.sslmode),
        ):
            self.labels[key].setBuddy(field)
            server_form.addRow(self.labels[key], field)

        self.email = QLineEdit(placeholderText="you@example.org")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.remember = QCheckBox()
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("keyringNote")
        status = secrets.keyring_status()
        self._keyring_secure = status.secure
        if not status.secure:
            self.remember.setEnabled(False)
            self.keyring_note.setText(status.message)
        self.keyring_note.setVisible(not status.secure)

        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        self.progress = QLabel()
        self.progress.setObjectName("signInProgress")

        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.offline_button = QPushButton()
        self.offline_button.hide()
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.offline_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button.clicked.connect(self.submit)
        self.offline_button.clicked.connect(self.continue_offline)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        for key, field in (("server", self.server), ("email", self.email)):
            self.labels[key].setBuddy(field)
        self.labels["password"].setBuddy(self.password)
        form.addRow(self.labels["server"], self.server)
        form.addRow(self.server_box)
        form.addRow(self.labels["email"], self.email)
        form.addRow(self.labels["password"], self.password)
        form.addRow(self.remember)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)  # relative: follows the system font
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.demo_hint)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

        self.retranslate()
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

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in to elearn"))
        self.heading.setText(self.tr("Sign in"))
        self.server.setItemText(
            self.server.findData(NEW_SERVER), self.tr("Another PostgreSQL server…")
        )
        self.server.setItemText(
            self.server.findData(EMBEDDED_PROFILE.key), self.tr("Embedded (this computer)")
        )
        tls = {
            "verify-full": self.tr("verify-full (encrypted, server identity checked)"),
            "require": self.tr("require (encrypted, identity not checked)"),
            "disable": self.tr("disable (no encryption)"),
        }
        for index, mode in enumerate(SSL_MODES):
            self.sslmode.setItemText(index, tls.get(mode, mode))
        self.server_box.setTitle(self.tr("PostgreSQL server"))
        texts = {
            "server": self.tr("Ser&ver:"),
            "host": self.tr("&Host:"),
            "port": self.tr("&Port:"),
            "database": self.tr("&Database:"),
            "tls": self.tr("&TLS:"),
            "email": self.tr("&Email:"),
            "password": self.tr("Pass&word:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        names = (
            (self.server, self.tr("Server")),
            (self.host, self.tr("Host")),
            (self.port, self.tr("Port")),
            (self.database, self.tr("Database")),
            (self.sslmode, self.tr("TLS")),
            (self.email, self.tr("Email")),
            (self.password, self.tr("Password")),
            (self.error, self.tr("Sign-in problem")),
        )
        for widget, name in names:
            widget.setAccessibleName(name)
        self.remember.setText(self.tr("&Remember me on this computer"))
        self.demo_hint.setText(
            self.tr(
                "First time here? The embedded database has demo accounts, e.g. "
                "learner@demo.test / learn-demo-2026 or admin@demo.test / admin-demo-2026 "
                "(all are listed in the README)."
            )
        )
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.offline_button.setText(self.tr("Continue &offline"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
            name=f"{database} on {host}" if host and database else self.tr("PostgreSQL server"),
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
            self.show_error(self.tr("Enter your email and password."))
            return
        remember = self.remember.isChecked() and self.remember.isEnabled()
        self._remember = remember
        message = (
            self.tr("Preparing the embedded database and checking your password…")
            if profile.is_embedded
            else self.tr("Connecting to {0}…").format(profile.display)
        )
        self._set_busy(True, message)
        videos_root = preferences.download_dir()  # Settings → Folders

        def work() -> SignedIn:
            from elearn_desktop.services.auth import sign_in
            from elearn_desktop.sync import offline

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
                session = offline.attach_cache(session, password, videos_root=videos_root)
            except Exception:
                log.warning("could not open the offline copy", exc_info=True)
            import elearn_desktop.ui.learn.workspace  # noqa: F401  (here, not on the GUI thread)

            return session

        BackgroundOp(work, label="sign in").on_success(self._succeeded).on_failure(
            lambda exc: self._failed(exc, profile, email)
        ).run(parent=self)

    def _succeeded(self, session: SignedIn) -> None:
        self._set_busy(False)
        save_profile(self.settings, session.profile)
        self.settings.setValue("signIn/lastEmail", session.user.email)
        preferences.set_auto_sign_in(self._remember, self.settings)
        self.signed_in = session
        self.signed_in_changed.emit(session)
        self.accept()

    def _failed(self, exc: BaseException, profile: ServerProfile, email: str) -> None:
        self._set_busy(False)
        self.show_failure(exc, profile, email)

    def show_failure(self, exc: BaseException, profile: ServerProfile, email: str) -> None:
        """Say why signing in to ``profile`` as ``email`` failed; when the server cannot be
        reached and this computer holds an offline copy for the person, offer it."""
        from elearn_desktop.services import offline_auth

        if isinstance(exc, ElearnError):
            message = str(exc)
        else:
            log.error("sign-in failed unexpectedly", exc_info=exc)
            message = self.tr("Sign-in failed unexpectedly ({0}). Details are in the log.").format(
                type(exc).__name__
            )
        offline = isinstance(exc, DatabaseUnavailableError) and offline_auth.has_offline_cache(
            profile, email
        )
        if offline:
            message += "\n" + self.tr(
                "This computer has an offline copy: you can continue offline."
            )
        self.offline_button.setVisible(offline)
        self.show_error(message)
        self.password.setFocus()
        self.password.selectAll()

    def continue_offline(self) -> None:
        profile = self.current_profile()
        email = self.email.text().strip()
        password = self.password.text()
        self._remember = False  # an offline copy is unlocked by hand
        self._set_busy(True, self.tr("Unlocking your offline copy…"))
        videos_root = preferences.download_dir()  # Settings → Folders

        def work() -> SignedIn:
            from elearn_desktop.sync import offline

            return offline.sign_in_offline(profile, email, password, videos_root=videos_root)

        BackgroundOp(work, label="offline sign in").on_success(self._succeeded).on_failure(
            lambda exc: self._failed_offline(exc)
        ).run(parent=self)

    def _failed_offline(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_error(str(exc) or type(exc).__name__)

    def reject(self) -> None:
        if not self._busy:
            super().reject()
