"""The Learn workspace on a real embedded database, driven through pytest-qt.

Catalog (search as you type through the service, filters, lazy loading, thumbnails,
enrolling and plan gating), My learning (the progress-bar delegate, Continue), the course
view (marks, Next), the path view (next step, opening steps), My progress (charts), and the
workspace's page stack. Every item model is checked with qtmodeltester.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from argon2 import PasswordHasher
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data.models import AssessmentAttempt, Course, Lesson, Module
from elearn_desktop.services import demo, progress
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.services.search import SearchHit
from elearn_desktop.ui.learn import catalog_page, progress_page
from elearn_desktop.ui.learn.course_view import IsNextRole, LessonIdRole
from elearn_desktop.ui.learn.path_view import IsNextRole as StepIsNextRole
from elearn_desktop.ui.learn.widgets import PercentageRole, ProgressBarDelegate, StatusRole
from elearn_desktop.ui.learn.workspace import LearnWorkspace
from elearn_desktop.ui.models import RecordRole

pytestmark = pytest.mark.gui

PASSWORD = "learn-demo-2026"
PYTHON = demo_id("course:introduction-to-python")
SQL = demo_id("course:sql-basics")
PATH = demo_id("path:data-analyst")
SQL_CHECK = demo_id("assessment:SQL Basics Check")
INSTALLING = demo_id("lesson:introduction-to-python:0:1")
WAIT = 20_000


@pytest.fixture(autouse=True)
def _cheap_demo_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    # The demo people's argon2id hashes with the cheapest parameters: sign-in still
    # verifies a real hash, the tests just do not wait for 64 MiB of hashing each time.
    hasher = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    monkeypatch.setattr(demo, "hash_password", hasher.hash)


def _session(email: str) -> Iterator[SignedIn]:
    session = sign_in(EMBEDDED_PROFILE, email, PASSWORD)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def learner(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    yield from _session("learner@demo.test")


@pytest.fixture
def grace(embedded_target: DatabaseTarget) -> Iterator[SignedIn]:
    yield from _session("grace@demo.test")


def _uow(session: SignedIn) -> Any:
    assert session.backend is not None
    return session.backend.uow


def _workspace(qtbot: QtBot, session: SignedIn) -> LearnWorkspace:
    workspace = LearnWorkspace(session)
    qtbot.addWidget(workspace)
    workspace.resize(1100, 720)
    with qtbot.waitExposed(workspace):
        workspace.show()
    qtbot.waitUntil(lambda: workspace.catalog.model.rowCount() == 2, timeout=WAIT)
    return workspace


def _titles(workspace: LearnWorkspace) -> list[str]:
    return [course.title for course in workspace.catalog.model.records()]


def _select_course(qtbot: QtBot, workspace: LearnWorkspace, title: str) -> None:
    page = workspace.catalog
    row = _titles(workspace).index(title)
    page.list.setCurrentIndex(page.model.index(row, 0))
    qtbot.waitUntil(lambda: page.access_label.text() != "", timeout=WAIT)


def _add_courses(session: SignedIn, count: int, *, thumbnail: str | None = None) -> None:
    with _uow(session)() as uow:
        for n in range(count):
            course = Course(
                id=uuid.uuid4(),
                slug=f"bulk-{n:03d}",
                title=f"Bulk course {n:03d}",
                description="A generated course for scrolling.",
                level="beginner",
                duration=10 + n,
                status="published",
                thumbnail_url=thumbnail,
            )
            module = Module(id=uuid.uuid4(), title="Only module", order_index=0)
            module.lessons = [Lesson(id=uuid.uuid4(), title="Only lesson", order_index=0)]
            course.modules = [module]
            uow.courses.add(course)
        uow.commit()


# -- catalog -----------------------------------------------------------------------------


def test_typing_searches_through_the_service(
    qtbot: QtBot, learner: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed: list[str] = []
    real = catalog_page.search_catalog

    def spy(*args: Any, **kwargs: Any) -> list[SearchHit]:
        typed.append(kwargs["text"])
        return real(*args, **kwargs)

    monkeypatch.setattr(catalog_page, "search_catalog", spy)
    workspace = _workspace(qtbot, learner)
    page = workspace.catalog
    assert page.status.text() == "2 published courses"
    typed.clear()
    qtbot.keyClicks(page.search, "joi")
    assert page.model.rowCount() == 2  # debounced: nothing searched yet
    qtbot.waitUntil(lambda: _titles(workspace) == ["SQL Basics"], timeout=WAIT)
    # One search for the whole burst of typing, with what was typed last.
    assert typed == ["joi"]
    hit = page.model.index(0, 0).data(RecordRole)
    assert isinstance(hit, SearchHit)
    assert set(hit.matched_lessons) == {"INNER JOIN", "Outer joins explained"}
    assert page.status.text() == "1 course matches “joi”"
    qtbot.waitUntil(lambda: page.outline_model.rowCount() == 2, timeout=WAIT)

    page.search.setText('"; DROP TABLE courses; --')
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)
    assert "No course matches" in page.status.text()
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)


def test_results_of_a_search_typed_past_are_dropped(qtbot: QtBot, learner: SignedIn) -> None:
    workspace = _workspace(qtbot, learner)
    model = workspace.catalog.model
    # Three searches in flight at once: only the last one's results may show.
    for text in ("python", "sql", "join"):
        model.set_query(catalog_page.SearchQuery(text=text))
    qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
    qtbot.wait(200)  # the older results arrive, and are ignored
    assert _titles(workspace) == ["SQL Basics"]
    assert model.query.text == "join"


def test_filters(qtbot: QtBot, learner: SignedIn) -> None:
    workspace = _workspace(qtbot, learner)
    page = workspace.catalog
    page.level_filter.setCurrentIndex(page.level_filter.findData("intermediate"))
    qtbot.waitUntil(lambda: _titles(workspace) == ["SQL Basics"], timeout=WAIT)
    page.level_filter.setCurrentIndex(0)
    page.state_filter.setCurrentIndex(page.state_filter.findData("in_progress"))
    qtbot.waitUntil(lambda: _titles(workspace) == ["Introduction to Python"], timeout=WAIT)
    page.state_filter.setCurrentIndex(page.state_filter.findData("completed"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)
    assert page.status.text() == "No course fits these filters."
    page.state_filter.setCurrentIndex(0)
    page.duration_filter.setCurrentIndex(page.duration_filter.findData(30))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)


def test_scrolling_loads_more_courses_lazily(
    qtbot: QtBot, learner: SignedIn, qtmodeltester: ModelTester
) -> None:
    _add_courses(learner, 120)
    workspace = LearnWorkspace(learner)
    qtbot.addWidget(workspace)
    workspace.resize(1000, 600)
    with qtbot.waitExposed(workspace):
        workspace.show()
    page = workspace.catalog
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 50, timeout=WAIT)
    assert model.has_more
    assert model.canFetchMore(QModelIndex())
    assert page.status.text() == "50+ published courses"
    qtmodeltester.check(model)

    pages: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: pages.append(last - first + 1))

    def scrolled_to(rows: int) -> bool:
        page.list.scrollToBottom()  # as a person keeps scrolling down
        return model.rowCount() >= rows

    qtbot.waitUntil(lambda: scrolled_to(122), timeout=WAIT)
    assert pages == [50, 22]  # two more pages, each fetched once
    assert not model.has_more
    assert not model.canFetchMore(QModelIndex())
    assert page.status.text() == "122 published courses"
    titles = _titles(workspace)
    assert titles == sorted(titles)  # pages join up in order, no gaps or repeats
    assert len(set(titles)) == 122
    qtmodeltester.check(model)


def test_thumbnails_load_off_the_gui_thread_with_a_placeholder(
    qtbot: QtBot, learner: SignedIn, tmp_path: Path
) -> None:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7ae2"))
    good = tmp_path / "thumb.png"
    assert image.save(str(good))
    with _uow(learner)() as uow:
        for slug, url in (
            ("introduction-to-python", str(good)),
            ("sql-basics", str(tmp_path / "missing.png")),
        ):
            course = uow.courses.by_slug(slug)
            assert course is not None
            course.thumbnail_url = url
        uow.commit()
    workspace = _workspace(qtbot, learner)
    cache = workspace.catalog.thumbnails
    qtbot.waitUntil(lambda: cache.is_loaded(str(good)), timeout=WAIT)
    qtbot.waitUntil(lambda: cache.has_failed(str(tmp_path / "missing.png")), timeout=WAIT)
    model = workspace.catalog.model
    python = model.index(_titles(workspace).index("Introduction to Python"), 0)
    sql = model.index(_titles(workspace).index("SQL Basics"), 0)
    loaded = python.data(Qt.ItemDataRole.DecorationRole)
    assert loaded.toImage().pixelColor(10, 10) == QColor("#2a7ae2")
    assert sql.data(Qt.ItemDataRole.DecorationRole).cacheKey() == cache.placeholder.cacheKey()


def test_enrol(qtbot: QtBot, learner: SignedIn) -> None:
    workspace = _workspace(qtbot, learner)
    page = workspace.catalog
    _select_course(qtbot, workspace, "SQL Basics")
    assert page.access_label.text() == "Included in your Pro plan."
    assert page.enrol_button.isVisible()
    qtbot.waitUntil(page.enrol_button.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(page.enrolled, timeout=WAIT) as blocker:
        qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [SQL]
    assert not page.enrol_button.isVisible()
    hit = page.selected_hit()
    assert hit is not None
    assert hit.progress_status == "in_progress"
    with _uow(learner)() as uow:
        row = uow.progress.get(learner.user.id, "course", SQL)
        assert row is not None
        assert row.status == "in_progress"
    # My learning now lists it.
    workspace.show_section("my_learning")
    qtbot.waitUntil(lambda: workspace.my_learning.courses_model.rowCount() == 2, timeout=WAIT)


def test_a_course_outside_the_plan_says_which_plan_would_do(qtbot: QtBot, grace: SignedIn) -> None:
    workspace = _workspace(qtbot, grace)
    page = workspace.catalog
    _select_course(qtbot, workspace, "SQL Basics")
    assert page.access_label.text() == (
        "⚠ Your Free plan does not include SQL Basics; the Pro or Team plan does."
    )
    assert not page.enrol_button.isEnabled()
    page.enrol_button.click()  # nothing happens
    with _uow(grace)() as uow:
        assert uow.progress.get(grace.user.id, "course", SQL) is None
    _select_course(qtbot, workspace, "Introduction to Python")
    assert page.access_label.text() == "Included in your Free plan."
    qtbot.waitUntil(page.enrol_button.isEnabled, timeout=WAIT)
    # The course view locks its lessons, and says why.
    course = workspace.open_course(SQL)
    qtbot.waitUntil(lambda: course.model.rowCount() == 2, timeout=WAIT)
    assert course.access_label.text().startswith("⚠ Your Free plan does not include")
    assert not course.continue_button.isEnabled()
    lesson = course.model.index(0, 0, course.model.index(0, 0))
    with qtbot.assertNotEmitted(course.lesson_requested):
        course.tree.activated.emit(lesson)


def test_paths_list_opens_a_path(
    qtbot: QtBot, learner: SignedIn, qtmodeltester: ModelTester
) -> None:
    workspace = _workspace(qtbot, learner)
    page = workspace.catalog
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.paths_model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(page.paths_model)
    qtbot.waitUntil(lambda: page.path_title.text() == "Become a Data Analyst", timeout=WAIT)
    assert page.path_meta.text() == "Learning path · 3 steps"
    page.open_path_button.click()
    path = workspace.current_page()
    assert path.objectName() == "pathViewPage"


def test_course_outline_model_passes_modeltester(
    qtbot: QtBot, learner: SignedIn, qtmodeltester: ModelTester
) -> None:
    workspace = _workspace(qtbot, learner)
    page = workspace.catalog
    qtbot.waitUntil(lambda: page.outline_model.rowCount() == 3, timeout=WAIT)
    qtmodeltester.check(page.outline_model)
    _select_course(qtbot, workspace, "SQL Basics")
    qtbot.waitUntil(lambda: page.outline_model.rowCount() == 2, timeout=WAIT)
    qtmodeltester.check(page.outline_model)
    # The titles get the width; the durations what they need (a header without sections
    # had ignored the resize modes, squeezing the titles).
    header = page.outline.header()
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == header.ResizeMode.ResizeToContents
    workspace.resize(1100, 700)
    workspace.show()
    qtbot.waitExposed(workspace)
    assert header.sectionSize(0) > 2 * header.sectionSize(1)


def test_offline_session_says_what_needs_the_server(qtbot: QtBot, learner: SignedIn) -> None:
    offline = SignedIn(user=learner.user, profile=learner.profile, backend=None, offline=True)
    workspace = LearnWorkspace(offline)
    qtbot.addWidget(workspace)
    assert workspace.catalog.status.text() == "The catalog needs a connection to the server."
    workspace.show_section("my_learning")
    assert "needs a connection" in workspace.my_learning.status.text()
    workspace.show_section("progress")
    assert "needs a connection" in workspace.progress.status.text()
    page = workspace.open_course(PYTHON)
    assert "needs a connection" in page.summary.text()


# -- my learning -------------------------------------------------------------------------


def test_my_learning_shows_progress_bars_and_continues(
    qtbot: QtBot, learner: SignedIn, qtmodeltester: ModelTester
) -> None:
    progress.record_playback(
        _uow(learner),
        user_id=learner.user.id,
        lesson_id=demo_id("lesson:introduction-to-python:0:0"),
        ranges=[(0.0, 12.0)],
        resume_position_s=12.0,
        event_at=dt.datetime.now(dt.UTC),
        media_duration_s=12.0,
    )
    workspace = _workspace(qtbot, learner)
    workspace.show_section("my_learning")
    page = workspace.my_learning
    qtbot.waitUntil(lambda: page.overview is not None, timeout=WAIT)
    model = page.courses_model
    assert model.rowCount() == 1
    progress_cell = model.index(0, 1)
    assert progress_cell.data(PercentageRole) == 40
    assert progress_cell.data(StatusRole) == "in_progress"
    assert progress_cell.data(Qt.ItemDataRole.DisplayRole) == "● In progress · 40 %"
    assert model.index(0, 0).data(PercentageRole) is None
    assert isinstance(page.courses.itemDelegateForColumn(1), ProgressBarDelegate)
    assert isinstance(page.recent.itemDelegateForColumn(3), ProgressBarDelegate)
    assert page.recent_model.index(0, 3).data(PercentageRole) == 100
    assert page.recent_model.index(0, 0).data() == "Why Python?"
    assert not page.grab().isNull()  # the delegate paints
    # The last lesson watched is complete: continue with the first unfinished one.
    assert page.resume_label.text().startswith("Pick up where you left off: Installing Python")
    with qtbot.waitSignal(workspace.lesson_requested) as blocker:
        page.resume_button.click()
    assert blocker.args == [INSTALLING]
    with qtbot.waitSignal(workspace.lesson_requested) as blocker:
        page.continue_button.click()
    assert blocker.args == [INSTALLING]
    with qtbot.waitSignal(workspace.lesson_requested) as blocker:
        page.recent.activated.emit(page.recent_model.index(0, 0))
    assert blocker.args == [demo_id("lesson:introduction-to-python:0:0")]
    for each in (page.courses_model, page.paths_model, page.recent_model):
        qtmodeltester.check(each)
    page.open_course_button.click()
    assert workspace.current_page().objectName() == "courseViewPage"


def test_my_learning_for_someone_new_points_to_the_catalog(qtbot: QtBot, grace: SignedIn) -> None:
    workspace = _workspace(qtbot, grace)
    workspace.show_section("my_learning")
    page = workspace.my_learning
    qtbot.waitUntil(lambda: page.overview is not None, timeout=WAIT)
    assert page.no_courses.isVisible()
    assert not page.courses.isVisible()
    assert not page.resume_frame.isVisible()
    assert not page.continue_button.isEnabled()
    page.catalog_requested.emit()
    assert workspace.current_section() == "catalog"


# -- course view -------------------------------------------------------------------------


def test_course_view_marks_progress_and_the_next_lesson(
    qtbot: QtBot, learner: SignedIn, qtmodeltester: ModelTester
) -> None:
    workspace = _workspace(qtbot, learner)
    page = workspace.open_course(PYTHON)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=WAIT)
    qtmodeltester.check(model)
    getting_started = model.index(0, 0)
    assert getting_started.data() == "●  Getting started"
    assert model.rowCount(getting_started) == 2
    why = model.index(0, 0, getting_started)
    installing = model.index(1, 0, getting_started)
    assert why.data() == "✓  Why Python?"
    assert why.data(Qt.ItemDataRole.ToolTipRole) == "Video lesson: Why Python? — Completed"
    assert installing.data() == "●  Installing Python   — Next"
    assert installing.data(IsNextRole) is True
    assert installing.data(LessonIdRole) == INSTALLING
    assert installing.data(Qt.ItemDataRole.FontRole).bold()
    assert "In progress, 50 %" in installing.data(Qt.ItemDataRole.ToolTipRole)
    assert installing.siblingAtColumn(2).data(PercentageRole) == 50
    assert model.index(2, 0).data() == "○  Functions"
    assert page.title.text() == "Introduction to Python"
    assert page.bar.value() == 40
    assert page.summary.text() == "40 % complete · 1 of 6 lessons done"
    assert page.continue_button.text() == "Continue: Installing Python"
    assert workspace.crumb.text() == "Catalog › Introduction to Python"

    with qtbot.waitSignal(workspace.lesson_requested) as blocker:
        page.tree.setCurrentIndex(why)
        page.tree.setFocus()
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert blocker.args == [demo_id("lesson:introduction-to-python:0:0")]
    with qtbot.waitSignal(workspace.lesson_requested) as blocker:
        page.continue_button.click()
    assert blocker.args == [INSTALLING]

    # Text-lesson completion elsewhere (the player); Back reloads the page below.
    progress.mark_lesson_complete(_uow(learner), user_id=learner.user.id, lesson_id=INSTALLING)
    workspace.show_page(QLabel("player stand-in"), title="Player")
    assert workspace.go_back()
    qtbot.waitUntil(lambda: page.continue_button.text() == "Continue: If and else", timeout=WAIT)
    assert model.index(1, 0, model.index(0, 0)).data() == "✓  Installing Python"
    qtmodeltester.check(model)


# -- path view ---------------------------------------------------------------------------


def test_path_view_highlights_the_next_step_and_opens_steps(
    qtbot: QtBot, learner: SignedIn, qtmodeltester: ModelTester
) -> None:
    workspace = _workspace(qtbot, learner)
    page = workspace.open_path(PATH)
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=WAIT)
    qtmodeltester.check(model)
    assert [model.index(r, 1).data() for r in range(3)] == [
        "Course: Introduction to Python",
        "Course: SQL Basics",
        "Assessment: SQL Basics Check",
    ]
    first = model.index(0, 2)
    assert first.data() == "● In progress · 40 % · Next"
    assert first.data(StepIsNextRole) is True
    assert first.data(Qt.ItemDataRole.FontRole).bold()
    assert first.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 2).data() == "○ Not started"
    assert model.index(1, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, 3).data(PercentageRole) == 40
    assert page.summary.text() == "0 of 3 steps done · 0 %"
    assert page.next_button.text() == "Begin with step 1: Introduction to Python"
    assert page.start_button.isVisible()

    with qtbot.waitSignal(page.path_started):
        page.start_button.click()
    qtbot.waitUntil(lambda: not page.start_button.isVisible(), timeout=WAIT)
    with _uow(learner)() as uow:
        row = uow.progress.get(learner.user.id, "learning_path", PATH)
        assert row is not None
        assert row.status == "in_progress"

    with qtbot.waitSignal(workspace.lesson_requested) as blocker:
        page.next_button.click()
    assert blocker.args == [INSTALLING]
    with qtbot.waitSignal(workspace.assessment_requested) as blocker:
        page.table.activated.emit(model.index(2, 1))
    assert blocker.args == [SQL_CHECK]

    # Passing the assessment completes that step; the next step stays the first course.
    with _uow(learner)() as uow:
        uow.session.add(
            AssessmentAttempt(
                id=uuid.uuid4(),
                user_id=learner.user.id,
                assessment_id=SQL_CHECK,
                status="graded",
                submitted_at=dt.datetime.now(dt.UTC),
                score=90,
                passed=True,
            )
        )
        uow.commit()
    page.refresh()
    qtbot.waitUntil(lambda: page.summary.text() == "1 of 3 steps done · 33 %", timeout=WAIT)
    assert model.index(2, 2).data() == "✓ Completed"
    assert model.index(0, 2).data(StepIsNextRole) is True
    qtmodeltester.check(model)


# -- my progress -------------------------------------------------------------------------


def _study(session: SignedIn) -> None:
    uow, me = _uow(session), session.user.id
    now = dt.datetime.now(dt.UTC)
    progress.record_playback(
        uow,
        user_id=me,
        lesson_id=demo_id("lesson:introduction-to-python:1:0"),
        ranges=[(0.0, 12.0)],
        resume_position_s=12.0,
        event_at=now,
        media_duration_s=12.0,
        studied_s=600.0,
    )
    with uow() as unit:
        for days, score, passed in ((3, 40, False), (1, 85, True)):
            unit.session.add(
                AssessmentAttempt(
                    id=uuid.uuid4(),
                    user_id=me,
                    assessment_id=SQL_CHECK,
                    status="graded",
                    submitted_at=now - dt.timedelta(days=days),
                    score=score,
                    passed=passed,
                )
            )
        unit.commit()


def test_progress_page_builds_its_charts(qtbot: QtBot, learner: SignedIn) -> None:
    _study(learner)
    workspace = _workspace(qtbot, learner)
    workspace.show_section("progress")
    page = workspace.progress
    qtbot.waitUntil(lambda: len(page.charts) == 3, timeout=WAIT)
    assert page.status.text() == "10 min studied in the last 8 weeks · 1 course · 2 graded attempts"
    assert page.week_series is not None
    (week_bars,) = page.week_series.barSets()
    assert [week_bars.at(i) for i in range(week_bars.count())] == [0, 0, 0, 0, 0, 0, 0, 10]
    assert page.course_series is not None
    (course_bars,) = page.course_series.barSets()
    assert course_bars.at(0) == 40  # Introduction to Python
    scores = page.score_series["SQL Basics Check"]
    assert [point.y() for point in scores.points()] == [40, 85]
    assert page.passing_series is not None
    assert {point.y() for point in page.passing_series.points()} == {60}
    assert page.course_summary.text() == "Introduction to Python: 40 %"
    assert not page.grab().isNull()
    # Refreshing replaces the charts rather than adding more.
    page.refresh()
    qtbot.waitUntil(lambda: page.status.text().startswith("10 min"), timeout=WAIT)
    assert len(page.chart_views) == 3


def test_progress_page_without_qtcharts_says_so(
    qtbot: QtBot, learner: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_page, "load_qtcharts", lambda: None)
    workspace = _workspace(qtbot, learner)
    workspace.show_section("progress")
    page = workspace.progress
    qtbot.waitUntil(lambda: page.stats is not None, timeout=WAIT)
    assert page.unavailable.isVisible()
    assert "Charts are not available" in page.unavailable.text()
    assert page.charts == {}
    assert page.course_summary.text() == "Introduction to Python: 40 %"


# -- the workspace's page stack -----------------------------------------------------------


def test_pages_stack_and_back(qtbot: QtBot, learner: SignedIn) -> None:
    workspace = _workspace(qtbot, learner)
    assert not workspace.back_button.isVisible()
    assert not workspace.go_back()
    first, kept = QLabel("first"), QLabel("kept")
    workspace.show_page(first, title="First")
    workspace.show_page(kept, title="Kept", keep=True)
    assert workspace.current_page() is kept
    assert workspace.back_button.isVisible()
    assert workspace.crumb.text() == "Catalog › First › Kept"
    with qtbot.waitSignal(workspace.page_closed) as blocker:
        qtbot.mouseClick(workspace.back_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [kept]
    assert workspace.current_page() is first
    with qtbot.waitActive(workspace):
        workspace.activateWindow()
    workspace.catalog.search.setFocus()
    with qtbot.waitSignal(workspace.page_closed):
        qtbot.keyClick(workspace.catalog.search, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert workspace.current_page() is workspace.catalog
    qtbot.wait(10)  # deferred deletes
    assert shiboken6.isValid(kept)  # kept: the caller owns it
    assert not shiboken6.isValid(first)  # left and deleted
    assert not workspace.back_button.isVisible()
    # Showing a page that is already open brings it back to the top.
    again = QLabel("again")
    workspace.show_page(again)
    workspace.show_page(QLabel("above"))
    workspace.show_page(again)
    assert workspace.pushed_pages() == [again]
    # A section switch leaves every open page.
    workspace.show_section("progress")
    assert workspace.pushed_pages() == []
    assert workspace.current_page() is workspace.progress
    with pytest.raises(ValueError, match="unknown Learn section"):
        workspace.show_section("nowhere")
