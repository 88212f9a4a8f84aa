"""The Support workspace with pytest-qt, on a real embedded database (and, for the server's
refusals, on real PostgreSQL as the support person)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data.models import UserProfile, UserProgress
from elearn_desktop.services import accounts, demo, support
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.profiles import EMBEDDED_PROFILE, ServerProfile
from elearn_desktop.ui.support import common
from elearn_desktop.ui.support.account_view import AccountView
from elearn_desktop.ui.support.accounts_model import AccountsTableModel
from elearn_desktop.ui.support.accounts_page import AccountsPage
from elearn_desktop.ui.support.workspace import SupportWorkspace
from tests.benchmarks import data as bulk_data

pytestmark = pytest.mark.gui

GRACE = demo_id("user:grace@demo.test")
LEARNER = demo_id("user:learner@demo.test")
GRACE_FREE = demo_id("subscription:grace@demo.test:Free:active")
BIG = 100_000


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    for module in (demo, accounts, support):
        monkeypatch.setattr(module, "hash_password", hasher.hash)


@pytest.fixture
def confirm_all(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The person says yes to every confirmation; the questions are kept."""
    asked: list[str] = []

    def yes(_parent: Any, title: str, text: str, *, action: str = "OK") -> bool:
        asked.append(f"{title}: {text}")
        return True

    monkeypatch.setattr(common, "confirm", yes)
    return asked


def _session(email: str, password: str) -> SignedIn:
    return sign_in(EMBEDDED_PROFILE, email, password)


@pytest.fixture
def staff(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    session = _session("support@demo.test", "help-demo-2026")
    yield session
    session.close()


@pytest.fixture
def admin(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    session = _session("admin@demo.test", "admin-demo-2026")
    yield session
    session.close()


def _workspace(qtbot: QtBot, session: SignedIn) -> SupportWorkspace:
    workspace = SupportWorkspace(session)
    qtbot.addWidget(workspace)
    workspace.resize(1200, 760)
    with qtbot.waitExposed(workspace):
        workspace.show()
    return workspace


def _loaded(qtbot: QtBot, view: AccountView) -> None:
    qtbot.waitUntil(
        lambda: view.detail is not None and view.trail is not None and not view.loading,
        timeout=20_000,
    )


def _open_grace(qtbot: QtBot, workspace: SupportWorkspace) -> AccountView:
    page = workspace.accounts_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=20_000)
    page.search.setFocus()
    qtbot.keyClicks(page.search, "grace")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(workspace.account_opened, timeout=10_000) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [GRACE]
    view = workspace.tabs.currentWidget()
    assert isinstance(view, AccountView)
    _loaded(qtbot, view)
    return view


# ------------------------------------------------------------------- search → action


def test_search_open_deactivate_and_the_audit_row_is_visible(
    qtbot: QtBot, staff: SignedIn, confirm_all: list[str]
) -> None:
    workspace = _workspace(qtbot, staff)
    view = _open_grace(qtbot, workspace)
    assert view.name.text() == "Grace Hopper"
    assert "● Active" in view.flags.text()
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "Grace Hopper"
    assert view.audit_tab.model.rowCount() == 0

    with qtbot.waitSignal(view.account_changed, timeout=20_000):
        view.active_button.click()
    assert "Deactivate Grace Hopper's account?" in confirm_all[-1]
    assert "cannot sign in until reactivated" in view.banner.text()
    assert view.banner.kind == "info"
    _loaded(qtbot, view)
    assert "○ Deactivated" in view.flags.text()
    assert view.active_button.text() == "Activate…"
    # The audit trail shows who changed what: old → new.
    view.tabs.setCurrentWidget(view.audit_tab)
    model = view.audit_tab.model
    assert model.rowCount() == 1
    entry = model.record(0)
    assert entry.who == "support@demo.test"
    assert (entry.table_name, entry.action) == ("users", "UPDATE")
    assert model.index(0, 4).data() == "is_active: true → false"
    view.audit_tab.table.selectRow(0)
    assert "* is_active: true → false" in view.audit_tab.details.toPlainText()
    # The search table shows the change too (only that row is fetched again).
    page = workspace.accounts_page
    qtbot.waitUntil(lambda: page.model.index(0, 5).data() == "Inactive", timeout=10_000)


def test_subscription_cancel_extend_and_status_history(
    qtbot: QtBot, staff: SignedIn, confirm_all: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with staff.backend.uow() as uow:  # type: ignore[union-attr]
        from elearn_desktop.data.models import Subscription

        sub = uow.session.get(Subscription, GRACE_FREE)
        assert sub is not None
        sub.end_date = dt.datetime.now(dt.UTC) + dt.timedelta(days=10)
        uow.commit()
    new_end = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=40)
    monkeypatch.setattr(common, "ask_date", lambda *_a, **_k: new_end)
    workspace = _workspace(qtbot, staff)
    view = _open_grace(qtbot, workspace)
    tab = view.subscriptions_tab
    view.tabs.setCurrentWidget(tab)
    assert tab.selected() is not None
    assert tab.selected().plan_name == "Free"  # type: ignore[union-attr]
    assert tab.change_plan_button.isHidden()  # support does not start subscriptions
    with qtbot.waitSignal(view.account_changed, timeout=20_000):
        tab.extend_button.click()
    assert "now ends on" in view.banner.text()
    _loaded(qtbot, view)
    with qtbot.waitSignal(view.account_changed, timeout=20_000):
        tab.cancel_button.click()
    assert view.banner.text().endswith("The subscription is cancelled.")
    _loaded(qtbot, view)
    tab.table.selectRow(0)
    assert tab.selected().status == "cancelled"  # type: ignore[union-attr]
    history = [tab.history_model.index(r, 2).data() for r in range(tab.history_model.rowCount())]
    assert history[0].startswith("active → cancelled")
    assert "end" in history[1]
    assert not tab.cancel_button.isEnabled()


def test_keyboard_first_typing_goes_to_the_search(qtbot: QtBot, staff: SignedIn) -> None:
    workspace = _workspace(qtbot, staff)
    page = workspace.accounts_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=20_000)
    page.table.setFocus()
    qtbot.keyClicks(page.table, "lena")
    assert page.search.text() == "lena"
    assert page.search.hasFocus()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    with qtbot.waitSignal(page.account_opened, timeout=5_000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [LEARNER]
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""
    # Ctrl+W closes the account tab, never the fixed ones.
    assert workspace.tabs.count() == 4
    workspace.close_tab(workspace.tabs.count() - 1)
    workspace.close_tab(0)
    assert workspace.tabs.count() == 3


def test_filters_and_sorting(qtbot: QtBot, staff: SignedIn) -> None:
    workspace = _workspace(qtbot, staff)
    page = workspace.accounts_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=20_000)
    qtbot.waitUntil(lambda: page.plan_filter.count() == 4, timeout=10_000)
    page.role_filter.setCurrentIndex(page.role_filter.findData("support"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    page.plan_filter.setCurrentIndex(page.plan_filter.findData(demo_id("plan:Pro")))
    page.role_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)  # learner, grace
    page.subscription_filter.setCurrentIndex(page.subscription_filter.findData("cancelled"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.record(0).email == "grace@demo.test"  # type: ignore[union-attr]
    page.clear_filters.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10_000)
    first = page.model.record(0)
    page.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(
        lambda: page.model.record(4) is not None and page.model.record(4) == first,
        timeout=10_000,
    )
    # Roles cannot be sorted: the indicator goes back, and the page says so.
    page.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert page.table.horizontalHeader().sortIndicatorSection() == 0
    assert "cannot be sorted" in page.status.text()


# ------------------------------------------------------------------------ big table


def _many_accounts(session: SignedIn, count: int) -> None:
    assert session.backend is not None
    bulk_data.accounts(session.backend.engine, count)


def test_ctrl_a_on_a_big_table_returns_promptly_without_loading_rows(
    qtbot: QtBot, staff: SignedIn
) -> None:
    _many_accounts(staff, BIG)
    workspace = _workspace(qtbot, staff)
    page = workspace.accounts_page
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == BIG + 5, timeout=60_000)
    qtbot.waitUntil(lambda: model.index(0, 0).data() != "Loading…", timeout=10_000)
    fetched = model.rows_fetched
    assert fetched <= 2 * AccountsTableModel.PAGE_SIZE
    page.table.setFocus()
    # How fast: benchmark workload 5. Here: what Ctrl+A does and does not load.
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    selection = page.table.selectionModel().selection()
    assert model.selected_count(selection) == BIG + 5
    assert page.status.text() == f"{BIG + 5:,} accounts · {BIG + 5:,} selected"
    # Selecting did not load the rows; only what is on screen is ever fetched.
    assert model.rows_fetched <= fetched + 2 * AccountsTableModel.PAGE_SIZE
    assert len(model.records()) < 5 * AccountsTableModel.PAGE_SIZE
    # Scrolling to the end fetches the last page only.
    page.table.scrollToBottom()
    qtbot.waitUntil(
        lambda: model.index(BIG + 4, 0).data() not in ("Loading…", None), timeout=10_000
    )
    assert model.rows_fetched <= fetched + 4 * AccountsTableModel.PAGE_SIZE
    # Copying is capped.
    QApplication.clipboard().clear()
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.status.text().startswith("Copied"), timeout=20_000)
    assert page.status.text() == f"Copied {page.COPY_CAP:,} emails (at most 1,000 at once)."
    assert len(QApplication.clipboard().text().splitlines()) == page.COPY_CAP


# ------------------------------------------------------------------------------ roles


def test_actions_only_admins_may_do_are_not_offered_to_support(
    qtbot: QtBot, staff: SignedIn, admin: SignedIn
) -> None:
    for session, is_admin in ((staff, False), (admin, True)):
        workspace = _workspace(qtbot, session)
        view = _open_grace(qtbot, workspace)
        assert view.password_button.isVisibleTo(view) is is_admin
        assert view.roles_tab.grant_button.isVisibleTo(view.roles_tab) is is_admin
        assert view.roles_tab.revoke_button.isVisibleTo(view.roles_tab) is is_admin
        assert view.roles_tab.note.isVisibleTo(view.roles_tab) is not is_admin
        tab = view.subscriptions_tab
        assert tab.change_plan_button.isVisibleTo(tab) is is_admin
        # Both may do these.
        for button in (view.active_button, view.verified_button, view.export_button):
            assert button.isVisibleTo(view)
        assert tab.cancel_button.isVisibleTo(tab)
        plans = workspace.plans_page
        workspace.tabs.setCurrentWidget(plans)
        qtbot.waitUntil(lambda p=plans: p.model.rowCount() == 3, timeout=10_000)
        assert plans.editable is is_admin
        assert plans.name.isReadOnly() is not is_admin
        assert plans.save_button.isVisibleTo(plans) is is_admin
        assert plans.read_only_note.isVisibleTo(plans) is not is_admin


def test_admin_grants_a_role_and_sets_a_temporary_password(
    qtbot: QtBot, admin: SignedIn, confirm_all: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(common, "ask_choice", lambda _p, _t, _l, choices: "instructor")
    monkeypatch.setattr(
        common, "show_temporary_password", lambda _p, _name, password: shown.append(password)
    )
    workspace = _workspace(qtbot, admin)
    view = _open_grace(qtbot, workspace)
    view.tabs.setCurrentWidget(view.roles_tab)
    with qtbot.waitSignal(view.account_changed, timeout=20_000):
        view.roles_tab.grant_button.click()
    assert view.banner.text().endswith("Grace Hopper now has the instructor role.")
    _loaded(qtbot, view)
    assert "instructor" in view.flags.text()
    view.password_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert len(shown[0]) == 14
    assert "temporary password" in view.banner.text()
    assert shown[0] not in view.banner.text()
    # The new password works; the old one does not.
    _session("grace@demo.test", shown[0]).close()


def test_when_the_service_refuses_the_ui_says_so_in_words(
    qtbot: QtBot, staff: SignedIn, confirm_all: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from elearn_desktop.domain.errors import PermissionDeniedError

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise PermissionDeniedError(
            "The server refused: your account may not activate or deactivate accounts "
            "(permission denied for table users)."
        )

    monkeypatch.setattr(support, "set_account_active", refuse)
    workspace = _workspace(qtbot, staff)
    view = _open_grace(qtbot, workspace)
    view.active_button.click()
    qtbot.waitUntil(lambda: view.banner.kind == "error", timeout=10_000)
    assert view.banner.text().startswith("⚠ The server refused: your account may not")
    assert "Traceback" not in view.banner.text()


@pytest.mark.postgres
def test_the_server_refuses_support_a_role_change_and_the_ui_says_so(
    qtbot: QtBot,
    pg_url: str,
    pg_cluster: Any,
    confirm_all: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Even if the app offered it (a forged role), the database refuses support."""
    from sqlalchemy.engine import make_url

    from elearn_desktop.data import migrations
    from elearn_desktop.data.engines import create_server_engine
    from elearn_desktop.data.uow import uow_factory_for

    engine = create_server_engine(pg_url)
    try:
        migrations.upgrade(engine)
        demo.load_demo(uow_factory_for(engine))
    finally:
        engine.dispose()
    profile = ServerProfile(
        name="t",
        kind="postgresql",
        host=pg_cluster.host,
        port=pg_cluster.port,
        database=str(make_url(pg_url).database),
        sslmode="disable",
    )
    real = sign_in(profile, "support@demo.test", "help-demo-2026")
    try:
        forged = SignedIn(
            user=UserSummary(
                id=real.user.id,
                email=real.user.email,
                first_name=real.user.first_name,
                last_name=real.user.last_name,
                is_active=True,
                is_verified=True,
                roles=("learner", "support", "admin"),
                db_role=real.user.db_role,
            ),
            profile=real.profile,
            backend=real.backend,
        )
        monkeypatch.setattr(common, "ask_choice", lambda *_a: "admin")
        workspace = _workspace(qtbot, forged)
        view = _open_grace(qtbot, workspace)
        view.tabs.setCurrentWidget(view.roles_tab)
        assert view.roles_tab.grant_button.isVisibleTo(view.roles_tab)
        view.roles_tab.grant_button.click()
        qtbot.waitUntil(lambda: view.banner.kind == "error", timeout=20_000)
        assert view.banner.text().startswith(
            "⚠ The server refused: your account may not grant or revoke roles"
        )
        _loaded(qtbot, view)
        assert "admin" not in view.flags.text()
        workspace.close()
    finally:
        real.close()


# ------------------------------------------------------------------------ plans page


def test_plans_page_shows_field_level_errors_then_saves(qtbot: QtBot, admin: SignedIn) -> None:
    workspace = _workspace(qtbot, admin)
    page = workspace.plans_page
    workspace.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    page.new_button.click()
    page.name.setText("Pro")
    page.price.setText("-1")
    page.features.setPlainText('{"offline": "yes"}')
    page.save_button.click()
    assert page.errors["name"].text() == "A plan named 'Pro' already exists"
    assert page.errors["price"].text() == "The price cannot be negative"
    assert page.errors["features"].text() == "'offline' must be true or false"
    assert page.errors["billing_cycle"].isHidden()
    assert page.name.hasFocus()
    page.name.setText("Weekly Pass")
    page.price.setText("4.5")
    page.cycle.setCurrentText("weekly")
    page.features.setPlainText('{"all_courses": true}')
    with qtbot.waitSignal(page.plans_changed, timeout=10_000):
        page.save_button.click()
    assert all(label.isHidden() for label in page.errors.values())
    assert page.banner.text() == "✓ Saved the Weekly Pass plan."
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10_000)
    assert page.selected().name == "Weekly Pass"  # type: ignore[union-attr]
    assert page.price.text() == "4.50"


# -------------------------------------------------------------- learner, avatar, export


def test_view_as_learner_is_read_only(qtbot: QtBot, staff: SignedIn) -> None:
    from elearn_desktop.ui.support.learner_preview import LearnerPreview

    with staff.backend.uow() as uow:  # type: ignore[union-attr]
        before = uow.session.execute(select(UserProgress.id)).all()
    workspace = _workspace(qtbot, staff)
    page = workspace.accounts_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=20_000)
    view = workspace.open_account(LEARNER)
    _loaded(qtbot, view)
    view.learner_button.click()
    preview = workspace.tabs.currentWidget()
    assert isinstance(preview, LearnerPreview)
    qtbot.waitUntil(lambda: preview.loaded == 2, timeout=20_000)
    assert "read-only" in preview.banner_text.text()
    assert "Lena Learner" in preview.banner_text.text()
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "As Lena Learner (read-only)"
    learning = preview.learning
    assert learning.courses_model.rowCount() == 1
    for button in (learning.resume_button, learning.continue_button, learning.open_course_button):
        assert not button.isVisibleTo(preview)
    learning.courses.doubleClicked.emit(learning.courses_model.index(0, 0))
    with staff.backend.uow() as uow:  # type: ignore[union-attr]
        assert uow.session.execute(select(UserProgress.id)).all() == before


def test_avatar_is_loaded_off_the_gui_thread(qtbot: QtBot, staff: SignedIn, tmp_path: Path) -> None:
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ff8800"))
    path = tmp_path / "grace.png"
    assert image.save(str(path))
    with staff.backend.uow() as uow:  # type: ignore[union-attr]
        profile = uow.session.get(UserProfile, GRACE)
        assert profile is not None
        profile.avatar_url = path.as_uri()
        uow.commit()
    workspace = _workspace(qtbot, staff)
    view = _open_grace(qtbot, workspace)
    qtbot.waitUntil(lambda: view.avatar_image is not None, timeout=10_000)
    assert view.avatar_image.pixelColor(20, 20).name() == "#ff8800"  # type: ignore[union-attr]
    assert not view.avatar.pixmap().isNull()


def test_export_writes_the_account_without_secrets(
    qtbot: QtBot, staff: SignedIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "grace.json"
    monkeypatch.setattr(common, "choose_export_path", lambda _p, _s: target)
    workspace = _workspace(qtbot, staff)
    view = _open_grace(qtbot, workspace)
    view.export_button.click()
    qtbot.waitUntil(lambda: view.banner.text().startswith("✓ Exported"), timeout=20_000)
    text = target.read_text(encoding="utf-8")
    assert '"email": "grace@demo.test"' in text
    for secret in ("$argon2", "SCRAM", "password_hash", "learn-demo-2026"):
        assert secret not in text


def test_insights_show_charts(qtbot: QtBot, staff: SignedIn) -> None:
    workspace = _workspace(qtbot, staff)
    workspace.tabs.setCurrentWidget(workspace.insights_page)
    page = workspace.insights_page
    qtbot.waitUntil(lambda: page.facts is not None, timeout=20_000)
    assert page.plans_summary.text() == "Free: 1, Pro: 1, Team: 1"
    assert set(page.charts) == {"plans", "months"}
    assert "5 sign-ups" in page.months_summary.text()


# ------------------------------------------------------------------------- models


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, admin: SignedIn, qtmodeltester: ModelTester, confirm_all: list[str]
) -> None:
    workspace = _workspace(qtbot, admin)
    page = workspace.accounts_page
    view = _open_grace(qtbot, workspace)
    workspace.tabs.setCurrentWidget(workspace.plans_page)
    qtbot.waitUntil(lambda: workspace.plans_page.model.rowCount() == 3, timeout=10_000)

    def models() -> list[Any]:
        return [
            page.model,
            view.roles_tab.model,
            view.subscriptions_tab.model,
            view.subscriptions_tab.history_model,
            view.learning_tab.model,
            view.attempts_tab.model,
            view.sync_tab.devices_model,
            view.sync_tab.rejected_model,
            view.audit_tab.model,
            workspace.plans_page.model,
        ]

    for model in models():
        qtmodeltester.check(model)
    # ... and again after a service changed the data underneath.
    with qtbot.waitSignal(view.account_changed, timeout=20_000):
        view.verified_button.click()
    _loaded(qtbot, view)
    page.refresh()
    qtbot.waitUntil(lambda: not page.model.searching, timeout=10_000)
    assert view.audit_tab.model.rowCount() == 1
    for model in models():
        qtmodeltester.check(model)


def test_legacy_search_api(qtbot: QtBot, admin: SignedIn, qtmodeltester: ModelTester) -> None:
    """AccountsPage() + set_search(text → people), as the main window wired it before."""
    assert admin.backend is not None
    uow, actor = admin.backend.uow, admin.user
    page = AccountsPage()
    qtbot.addWidget(page)
    page.set_search(lambda text: accounts.list_users(uow, search=text, limit=500, actor=actor))
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=20_000)
    assert "admin@demo.test" in {r.email for r in page.model.records()}
    qtmodeltester.check(page.model)
    page.search.setText("' OR 1=1 --")
    qtbot.waitUntil(lambda: page.status.text() == "0 accounts", timeout=10_000)
    page.search.setText("grace")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.record(0).email == "grace@demo.test"  # type: ignore[union-attr]
