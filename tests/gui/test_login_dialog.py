"""The sign-in dialog against real databases: embedded, real PostgreSQL, unreachable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.uow import uow_factory_for
from elearn_desktop.services import accounts, offline_auth
from elearn_desktop.services.demo import load_demo
from elearn_desktop.services.profiles import POSTGRESQL, ServerProfile
from elearn_desktop.ui.login_dialog import NEW_SERVER, LoginDialog
from tests.support.keyrings import MemoryKeyring
from tests.support.offline_people import remember_learner_for_offline
from tests.support.pgcluster import PostgresCluster

pytestmark = pytest.mark.gui


@pytest.fixture
def fail_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _dialog(qtbot: QtBot, **kwargs: object) -> LoginDialog:
    dialog = LoginDialog(**kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _submit(qtbot: QtBot, dialog: LoginDialog, email: str, password: str) -> None:
    dialog.email.setText(email)
    dialog.password.setText(password)
    dialog.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=30_000)


def _use_server(dialog: LoginDialog, *, host: str, port: int, database: str) -> None:
    dialog.server.setCurrentIndex(dialog.server.findData(NEW_SERVER))
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("disable"))


def test_embedded_sign_in_succeeds(
    qtbot: QtBot, embedded_target: DatabaseTarget, fail_keyring: None
) -> None:
    dialog = _dialog(qtbot)
    assert dialog.demo_hint.isVisible()
    with qtbot.waitSignal(dialog.signed_in_changed, timeout=30_000) as blocker:
        dialog.email.setText("Instructor@Demo.test")
        dialog.password.setText("teach-demo-2026")
        dialog.sign_in_button.click()
    session = blocker.args[0]
    try:
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert session.user.email == "instructor@demo.test"
        assert session.user.roles == ("learner", "instructor")
        assert QSettings().value("signIn/lastEmail") == "instructor@demo.test"
    finally:
        session.close()


def test_wrong_password_keeps_the_dialog_open_with_a_plain_message(
    qtbot: QtBot, embedded_target: DatabaseTarget, fail_keyring: None
) -> None:
    dialog = _dialog(qtbot)
    _submit(qtbot, dialog, "learner@demo.test", "not-the-password")
    assert dialog.signed_in is None
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "email or password is not right" in dialog.error.text()
    assert not dialog.offline_button.isVisible()


def test_deactivated_account_is_told_so(
    qtbot: QtBot, embedded_target: DatabaseTarget, fail_keyring: None
) -> None:
    dialog = _dialog(qtbot)
    _submit(qtbot, dialog, "grace@demo.test", "learn-demo-2026")  # prepares the database
    assert dialog.signed_in is not None
    dialog.signed_in.close()
    backend_url = embedded_target.url.render_as_string(hide_password=False)
    engine = create_server_engine(backend_url)
    try:
        accounts.set_active(uow_factory_for(engine), "grace@demo.test", active=False)
    finally:
        engine.dispose()
    again = _dialog(qtbot)
    _submit(qtbot, again, "grace@demo.test", "learn-demo-2026")
    assert again.signed_in is None
    assert "deactivated" in again.error.text()


@pytest.mark.parametrize(
    "text", ["' OR 1=1 --", "admin@demo.test' --", "x@y.z'; DROP TABLE users; --"]
)
def test_injection_shaped_input_is_harmless(
    qtbot: QtBot, embedded_target: DatabaseTarget, fail_keyring: None, text: str
) -> None:
    dialog = _dialog(qtbot)
    _submit(qtbot, dialog, text, text)
    assert dialog.signed_in is None
    assert dialog.error.isVisible()
    # The database is intact: the demo admin still signs in.
    _submit(qtbot, dialog, "admin@demo.test", "admin-demo-2026")
    assert dialog.signed_in is not None
    dialog.signed_in.close()


def test_unreachable_server_is_explained_and_offers_offline_when_cached(
    qtbot: QtBot, data_dir: Path, fail_keyring: None
) -> None:
    dialog = _dialog(qtbot)
    _use_server(dialog, host="127.0.0.1", port=1, database="elearn")
    _submit(qtbot, dialog, "learner@demo.test", "learn-demo-2026")
    assert "cannot reach the database server at 127.0.0.1:1" in dialog.error.text()
    assert "learn-demo-2026" not in dialog.error.text()
    assert not dialog.offline_button.isVisible()  # no offline copy yet

    # After an earlier online sign-in this computer keeps a verifier: offline is offered.
    remember_learner_for_offline(dialog.current_profile(), "learn-demo-2026")
    _submit(qtbot, dialog, "learner@demo.test", "learn-demo-2026")
    assert dialog.offline_button.isVisible()
    assert "continue offline" in dialog.error.text()

    dialog.password.setText("wrong-password-1")
    dialog.offline_button.click()
    qtbot.waitUntil(lambda: dialog.offline_button.isEnabled(), timeout=30_000)
    assert dialog.signed_in is None
    assert "not right" in dialog.error.text()

    dialog.password.setText("learn-demo-2026")
    with qtbot.waitSignal(dialog.signed_in_changed, timeout=30_000) as blocker:
        dialog.offline_button.click()
    session = blocker.args[0]
    assert session.offline
    # Offline the session studies on the unlocked cache (its backend is a view of it).
    assert session.cache is not None
    assert session.backend is not None
    assert session.backend.engine is session.cache.engine
    assert session.user.email == "learner@demo.test"
    session.close()


@pytest.mark.postgres
def test_postgresql_sign_in_with_real_authentication(
    qtbot: QtBot, pg_cluster: PostgresCluster, pg_url: str, data_dir: Path, fail_keyring: None
) -> None:
    engine = create_server_engine(pg_url)
    try:
        migrations.upgrade(engine)
        load_demo(uow_factory_for(engine))
    finally:
        engine.dispose()
    database = make_url(pg_url).database
    assert database is not None
    dialog = _dialog(qtbot)
    _use_server(dialog, host=pg_cluster.host, port=pg_cluster.port, database=database)
    _submit(qtbot, dialog, "support@demo.test", "wrong-password-1")
    assert "email or password is not right" in dialog.error.text()

    with qtbot.waitSignal(dialog.signed_in_changed, timeout=30_000) as blocker:
        dialog.password.setText("help-demo-2026")
        dialog.sign_in_button.click()
    session = blocker.args[0]
    try:
        assert session.user.roles == ("learner", "support")
        assert session.backend.engine.url.username == session.user.db_role
        # The profile is remembered for next time, and an offline verifier was kept.
        assert offline_auth.has_offline_cache(session.profile, "support@demo.test")
        saved = LoginDialog()
        qtbot.addWidget(saved)
        assert saved.current_profile().key == session.profile.key
        assert saved.email.text() == "support@demo.test"
    finally:
        session.close()


def test_remember_me_uses_a_secure_keyring_and_never_qsettings(
    qtbot: QtBot, embedded_target: DatabaseTarget, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot)
    assert dialog.remember.isEnabled()
    assert not dialog.keyring_note.isVisible()
    dialog.remember.setChecked(True)
    _submit(qtbot, dialog, "admin@demo.test", "admin-demo-2026")
    assert dialog.signed_in is not None
    dialog.signed_in.close()
    assert list(memory_keyring.store.values()) == ["admin-demo-2026"]
    settings = QSettings()
    settings.sync()
    assert "admin-demo-2026" not in Path(settings.fileName()).read_text()
    # Next time the password is filled in from the keyring.
    again = _dialog(qtbot)
    qtbot.waitUntil(lambda: again.password.text() == "admin-demo-2026", timeout=10_000)
    assert again.remember.isChecked()


def test_without_a_secure_keyring_the_app_says_it_will_not_remember(
    qtbot: QtBot, embedded_target: DatabaseTarget, fail_keyring: None
) -> None:
    dialog = _dialog(qtbot)
    assert not dialog.remember.isEnabled()
    assert dialog.keyring_note.isVisible()
    assert "cannot remember your password" in dialog.keyring_note.text()


def test_profile_fields_are_validated_in_words(qtbot: QtBot, data_dir: Path) -> None:
    dialog = _dialog(qtbot)
    _use_server(dialog, host="", port=5432, database="elearn")
    dialog.email.setText("a@b.co")
    dialog.password.setText("whatever-password")
    dialog.sign_in_button.click()
    assert "host name" in dialog.error.text()
    assert dialog.signed_in is None
    assert ServerProfile(name="x", kind=POSTGRESQL, host="h", sslmode="verify-full").sslmode == (
        "verify-full"
    )
    assert dialog.sslmode.findData("verify-full") >= 0
