"""Settings → Servers: add, edit, remove and test the saved server profiles.

Profiles are kept by ``services/profile_store`` (``profiles.json``, which ``elearn sync``
reads too); the ones the sign-in dialog remembered in QSettings are listed as well, and
saving one here moves it into the store. No password is ever kept.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.errors import ElearnError, ValidationError
from elearn_desktop.services import profile_store
from elearn_desktop.services.profiles import POSTGRESQL, SSL_MODES, ServerProfile
from elearn_desktop.ui import login_dialog
from elearn_desktop.ui.ops import BackgroundOp

PROFILE_ROLE = Qt.ItemDataRole.UserRole


class FieldError(QLabel):
    """The words under a field that say what is wrong with it (hidden when nothing is)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name}Error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_problem(self, message: str) -> None:
        # A symbol as well as the colour: the problem is visible without colour vision.
        self.setText(f"⚠ {message}" if message else "")
        self.setVisible(bool(message))


def with_error(widget: QWidget, error: FieldError) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class ServerProfilesPage(QWidget):
    def __init__(
        self,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        store_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serverProfilesPage")
        self.settings = settings
        self.store_path = store_path
        self._editing: ServerProfile | None = None  # the saved profile shown in the form
        self._test_generation = 0

        self.profile_list = QListWidget()
        self.profile_list.setObjectName("profileList")
        self.profile_list.currentItemChanged.connect(self._current_changed)

        self.name = QLineEdit()
        self.host = QLineEdit(placeholderText="db.example.org")
        self.port = QSpinBox(minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(placeholderText="elearn")
        self.sslmode = QComboBox()
        for mode in SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.sslrootcert = QLineEdit()
        self.browse_cert = QPushButton()
        self.browse_cert.clicked.connect(self._browse_cert)
        cert_row = QWidget()
        cert_layout = QHBoxLayout(cert_row)
        cert_layout.setContentsMargins(0, 0, 0, 0)
        cert_layout.addWidget(self.sslrootcert, 1)
        cert_layout.addWidget(self.browse_cert)

        self.errors = {
            key: FieldError(f"profile_{key}")
            for key in ("name", "host", "port", "database", "sslmode", "sslrootcert")
        }
        self.labels = {key: QLabel() for key in self.errors}
        fields: dict[str, QWidget] = {
            "name": self.name,
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "sslmode": self.sslmode,
            "sslrootcert": cert_row,
        }
        form = QFormLayout()
        for key, field in fields.items():
            self.labels[key].setBuddy(self.sslrootcert if key == "sslrootcert" else field)
            form.addRow(self.labels[key], with_error(field, self.errors[key]))

        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_profile)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_profile)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_profile)
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_connection)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.remove_button, self.test_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.status = QLabel()
        self.status.setObjectName("profileStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addLayout(buttons)
        editor.addWidget(self.status)
        editor.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.profile_list, 2)
        layout.addLayout(editor, 3)

        self.setTabOrder(self.profile_list, self.name)
        for first, second in zip(
            (self.name, self.host, self.port, self.database, self.sslmode, self.sslrootcert),
            (self.host, self.port, self.database, self.sslmode, self.sslrootcert, self.browse_cert),
            strict=True,
        ):
            self.setTabOrder(first, second)
        self.setTabOrder(self.browse_cert, self.new_button)
        self.setTabOrder(self.new_button, self.save_button)
        self.setTabOrder(self.save_button, self.remove_button)
        self.setTabOrder(self.remove_button, self.test_button)

        self.retranslate()
        self.reload()

    # -- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        texts = {
            "name": self.tr("&Name:"),
            "host": self.tr("&Host:"),
            "port": self.tr("&Port:"),
            "database": self.tr("&Database:"),
            "sslmode": self.tr("&TLS mode:"),
            "sslrootcert": self.tr("CA &certificate:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.profile_list.setAccessibleName(self.tr("Saved servers"))
        self.name.setAccessibleName(self.tr("Profile name"))
        self.host.setAccessibleName(self.tr("Host"))
        self.port.setAccessibleName(self.tr("Port"))
        self.database.setAccessibleName(self.tr("Database"))
        self.sslmode.setAccessibleName(self.tr("TLS mode"))
        self.sslrootcert.setAccessibleName(self.tr("CA certificate file"))
        self.sslrootcert.setPlaceholderText(self.tr("the system's certificates"))
        self.browse_cert.setText(self.tr("&Browse…"))
        self.browse_cert.setAccessibleName(self.tr("Choose a CA certificate file"))
        self.new_button.setText(self.tr("Ne&w"))
        self.save_button.setText(self.tr("Sa&ve profile"))
        self.remove_button.setText(self.tr("&Remove"))
        self.test_button.setText(self.tr("Test conn&ection"))
        self.status.setAccessibleName(self.tr("Server profile status"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- list -----------------------------------------------------------------------------

    def profiles(self) -> list[ServerProfile]:
        return [
            self.profile_list.item(row).data(PROFILE_ROLE)
            for row in range(self.profile_list.count())
        ]

    def reload(self, *, select: str | None = None) -> None:
        """List the stored profiles, then the sign-in dialog's remembered ones."""
        self.profile_list.clear()
        found: list[ServerProfile] = []
        problem = ""
        try:
            found = [stored.profile for stored in profile_store.load_profiles(path=self.store_path)]
        except ElearnError as exc:
            problem = str(exc)
        for profile in login_dialog.remembered_profiles(self.settings):
            if all(p.key != profile.key and p.name != profile.name for p in found):
                found.append(profile)
        for profile in found:
            item = QListWidgetItem(profile.name)
            item.setData(PROFILE_ROLE, profile)
            item.setToolTip(profile.display)
            self.profile_list.addItem(item)
        row = next((i for i, p in enumerate(found) if p.name == select), 0 if found else -1)
        self.profile_list.setCurrentRow(row)
        if row < 0:
            self.new_profile()
        if problem:
            self.show_status(problem, problem=True)

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        profile = current.data(PROFILE_ROLE) if current is not None else None
        self._editing = profile
        self.remove_button.setEnabled(profile is not None)
        self._clear_errors()
        if profile is None:
            return
        self.name.setText(profile.name)
        self.host.setText(profile.host)
        self.port.setValue(profile.port)
        self.database.setText(profile.database)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(profile.sslmode)))
        self.sslrootcert.setText(profile.sslrootcert)

    def new_profile(self) -> None:
        self.profile_list.setCurrentRow(-1)
        self._editing = None
        self.remove_button.setEnabled(False)
        self._clear_errors()
        self.name.clear()
        self.host.clear()
        self.port.setValue(5432)
        self.database.setText("elearn")
        self.sslmode.setCurrentIndex(SSL_MODES.index("verify-full"))
        self.sslrootcert.clear()
        self.name.setFocus()

    def _browse_cert(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("CA certificate"),
            "",
            self.tr("Certificates (*.pem *.crt);;All files (*)"),
        )
        if path:
            self.sslrootcert.setText(path)

    # -- editing --------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        """Forget the last outcome: errors under fields and the status line."""
        for error in self.errors.values():
            error.show_problem("")
        self.status.clear()

    def show_status(self, message: str, *, problem: bool = False) -> None:
        self.status.setText(f"⚠ {message}" if problem else message)

    def form_profile(self) -> ServerProfile:
        """The profile in the form, checked field by field (ValidationError names the field)."""
        profile = ServerProfile(
            name=self.name.text().strip(),
            kind=POSTGRESQL,
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            sslmode=str(self.sslmode.currentData()),
            sslrootcert=self.sslrootcert.text().strip(),
        )
        profile.validate()
        if profile.sslrootcert and not Path(profile.sslrootcert).expanduser().is_file():
            raise ValidationError(
                "sslrootcert", self.tr("there is no certificate file at this path")
            )
        others = [p for p in self.profiles() if self._editing is None or p != self._editing]
        if any(p.name == profile.name for p in others):
            raise ValidationError("name", self.tr("another saved server already has this name"))
        if profile.sslrootcert:
            profile = replace(profile, sslrootcert=str(Path(profile.sslrootcert).expanduser()))
        return profile

    def _checked_profile(self) -> ServerProfile | None:
        self._clear_errors()
        try:
            return self.form_profile()
        except ValidationError as exc:
            error = self.errors.get(exc.field)
            if error is None:
                self.show_status(str(exc), problem=True)
            else:
                error.show_problem(str(exc))
                focus = {"sslrootcert": self.sslrootcert}.get(exc.field)
                (focus or error.parentWidget().layout().itemAt(0).widget()).setFocus()
            return None

    def save_profile(self) -> bool:
        profile = self._checked_profile()
        if profile is None:
            return False
        old = self._editing
        try:
            if old is not None and old.name != profile.name:
                profile_store.remove_profile(old.name, path=self.store_path)
            profile_store.save_profile(profile, path=self.store_path)
        except (ElearnError, OSError) as exc:
            self.show_status(self.tr("The profile could not be saved: {0}").format(exc), True)
            return False
        if old is not None and old.key != profile.key:
            login_dialog.forget_profile(self.settings, old.key)
        self.reload(select=profile.name)
        self.show_status(self.tr("Saved “{0}”.").format(profile.name))
        return True

    def remove_profile(self) -> None:
        profile = self._editing
        if profile is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove server"),
            self.tr("Remove the server “{0}” from this computer's list?").format(profile.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            profile_store.remove_profile(profile.name, path=self.store_path)
        except (ElearnError, OSError) as exc:
            self.show_status(self.tr("The profile could not be removed: {0}").format(exc), True)
            return
        login_dialog.forget_profile(self.settings, profile.key)
        self.reload()
        self.show_status(self.tr("Removed “{0}”.").format(profile.name))

    # -- test connection ------------------------------------------------------------------

    def test_connection(self) -> None:
        profile = self._checked_profile()
        if profile is None:
            return
        from elearn_desktop.services.connection_check import check_connection

        self._test_generation += 1
        generation = self._test_generation
        self.test_button.setEnabled(False)
        self.show_status(self.tr("Testing the connection to {0}…").format(profile.display))
        op = BackgroundOp(lambda: check_connection(profile), label="test connection")
        op.on_success(lambda text: self._tested(generation, text, None))
        op.on_failure(lambda exc: self._tested(generation, "", exc)).run(parent=self)

    def _tested(self, generation: int, text: str, exc: BaseException | None) -> None:
        if generation != self._test_generation:
            return
        self.test_button.setEnabled(True)
        if exc is None:
            self.show_status(f"✔ {text}")
        elif isinstance(exc, ElearnError):
            self.show_status(str(exc), problem=True)
        else:
            self.show_status(
                self.tr("The test failed unexpectedly ({0}).").format(type(exc).__name__), True
            )
