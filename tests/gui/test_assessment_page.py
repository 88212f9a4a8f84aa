"""The assessment page driven through qtbot on a real embedded database.

Time comes from a fake monotonic clock the test moves forward; the page's QTimer only
redraws the countdown, so the tests wait for what the person would see.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from elearn_desktop.config import DatabaseTarget
from elearn_desktop.data.models import AttemptAnswer
from elearn_desktop.domain.scoring import Answer
from elearn_desktop.services import assessment_runtime as runtime
from elearn_desktop.services import demo
from elearn_desktop.services.assessment_runtime import AttemptOutcome
from elearn_desktop.services.auth import SignedIn, sign_in
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.learn.assessment_page import (
    AssessmentPage,
    AttemptHistoryModel,
    QuestionReviewModel,
    clock_text,
)

pytestmark = pytest.mark.gui

PYTHON_QUIZ = demo.demo_id("assessment:Python Fundamentals Quiz")
_CHEAP = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


class FakeClock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def learner(embedded_target: DatabaseTarget, monkeypatch: pytest.MonkeyPatch) -> Iterator[SignedIn]:
    # The first sign-in loads the demo; cheap (genuine) argon2id hashes keep that quick.
    monkeypatch.setattr(demo, "hash_password", _CHEAP.hash)
    session = sign_in(EMBEDDED_PROFILE, "learner@demo.test", "learn-demo-2026")
    yield session
    QThreadPool.globalInstance().waitForDone(10_000)
    session.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def page(qtbot: QtBot, learner: SignedIn, clock: FakeClock) -> AssessmentPage:
    widget = AssessmentPage(learner, clock=clock)
    qtbot.addWidget(widget)
    widget.resize(860, 600)
    widget.show()
    widget.open_assessment(PYTHON_QUIZ)
    qtbot.waitUntil(widget.start_button.isEnabled, timeout=10_000)
    return widget


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Fail loudly if a message box would block; record what it would have said."""
    shown: list[tuple[str, str]] = []

    def refuse(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        raise AssertionError(f"unexpected dialog: {box.text()}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    return shown


def _start(qtbot: QtBot, page: AssessmentPage) -> None:
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.runner_screen, timeout=10_000)


def _choose(qtbot: QtBot, page: AssessmentPage, question: int, text: str) -> None:
    """Click an option where a person would: on its box and label, not the empty row."""
    view = page.question_views[question - 1]
    button = next(b for b in view.buttons if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def _saved(qtbot: QtBot, page: AssessmentPage) -> None:
    qtbot.waitUntil(lambda: page.save_label.text() == "All answers saved", timeout=10_000)


def _stored_answers(learner: SignedIn) -> dict[int, tuple[list[str], str | None]]:
    assert learner.backend is not None
    with learner.backend.uow() as uow:
        rows = uow.session.scalars(select(AttemptAnswer)).all()
        numbers = {demo.demo_id(f"question:Python Fundamentals Quiz:{i}"): i + 1 for i in range(4)}
        return {numbers[r.question_id]: (r.option_ids, r.text) for r in rows}


def test_start_screen_says_what_the_assessment_is(page: AssessmentPage) -> None:
    assert page.start_title.text() == "Python Fundamentals Quiz"
    assert page.start_facts.text() == "4 questions · Time limit: 10 min · Passing score: 70 %"
    assert page.start_attempts.text() == "You have not taken this assessment yet."
    assert page.history_model.rowCount() == 0
    assert not page.review_button.isEnabled()


def test_a_full_attempt_with_map_confirmation_and_review(
    qtbot: QtBot,
    page: AssessmentPage,
    learner: SignedIn,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _start(qtbot, page)
    assert page.countdown.text() == "⏱ Time left: 10:00"
    assert [b.text() for b in page.map_buttons] == ["▸1 –", "2 –", "3 –", "4 –"]
    assert not page.previous_button.isEnabled()
    header = page.question_views[0].header.text()
    assert header == "Question 1 of 4 · Choose one answer"

    # Question 1 (single choice): change of mind, the latest answer is kept.
    _choose(qtbot, page, 1, "func")
    _choose(qtbot, page, 1, "def")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.current_index == 1
    # Question 2 (multiple choice): checkboxes.
    for text in ("list", "dict", "tuple"):
        _choose(qtbot, page, 2, text)
    # Jump with the map to question 4 (short answer), leaving question 3 unanswered.
    qtbot.mouseClick(page.map_buttons[3], Qt.MouseButton.LeftButton)
    assert page.current_index == 3
    assert not page.next_button.isEnabled()
    edit = page.question_views[3].line_edit
    assert edit is not None
    qtbot.keyClicks(edit, "Three")
    assert [b.text() for b in page.map_buttons] == ["1 ✓", "2 ✓", "3 –", "▸4 ✓"]
    assert page.map_buttons[3].isChecked()
    assert page.map_buttons[2].accessibleName() == "Question 3: not answered"
    assert page.answered_label.text() == "3 of 4 answered"
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert page.current_index == 2
    # Saved as the person goes, before any submit.
    _saved(qtbot, page)
    stored = _stored_answers(learner)
    assert stored[1] == ([str(demo.demo_id("option:Python Fundamentals Quiz:0:0"))], None)
    assert len(stored[2][0]) == 3
    assert stored[4] == ([], "Three")
    assert 3 not in stored

    # Submit asks first and lists what is unanswered; "Keep working" keeps working.
    asked: list[tuple[str, str]] = []

    def answer_with(choice: QMessageBox.StandardButton):
        def exec_(box: QMessageBox) -> int:
            asked.append((box.text(), box.informativeText()))
            return int(choice)

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", answer_with(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.runner_screen
    assert asked[0][0] == "Submit your answers now?"
    assert "You have not answered 1 question: 3." in asked[0][1]

    monkeypatch.setattr(QMessageBox, "exec", answer_with(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.attempt_graded, timeout=10_000) as graded:
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    outcome = graded.args[0]
    assert isinstance(outcome, AttemptOutcome)
    assert (outcome.score, outcome.passed) == (75, True)

    assert page.stack.currentWidget() is page.result_screen
    assert page.result_score.text() == "Your score: 75 %"
    assert page.result_verdict.text() == "✓ Passed. You needed 70 % and scored 75 %."
    model = page.review_model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(4)]
    assert rows == [
        ["1", "Which keyword defines a function in Python?", "def", "def", "1 / 1 ✓ right"],
        [
            "2",
            "Which of these are built-in Python types?",
            "list, dict, tuple",
            "list, dict, tuple",
            "1 / 1 ✓ right",
        ],
        ["3", "Python lists are immutable.", "(not answered)", "False", "0 / 1 ✗ wrong"],
        ["4", "What does len('abc') return?", "Three", "3 or three", "1 / 1 ✓ right"],
    ]

    # Back on the start screen the attempt is in the history.
    qtbot.mouseClick(page.again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "Best score: 75 %" in page.start_attempts.text(), timeout=10_000)
    assert page.start_attempts.text() == "Attempts so far: 1 submitted · Best score: 75 % · Passed"


def test_partial_credit_shows_in_the_review(
    qtbot: QtBot, page: AssessmentPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(qtbot, page)
    page.go_to(1)
    for text in ("list", "array"):
        _choose(qtbot, page, 2, text)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: int(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.attempt_graded, timeout=10_000) as graded:
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    assert graded.args[0].score == 0  # (1 right − 1 wrong) / 3 = 0
    page.go_to(0)  # harmless on the result screen
    assert page.review_model.index(1, 4).data() == "0 / 1 ✗ wrong"
    assert page.result_verdict.text().startswith("✗ Not passed.")


def test_the_countdown_warns_in_the_last_minute_and_submits_at_zero(
    qtbot: QtBot,
    page: AssessmentPage,
    clock: FakeClock,
    no_dialogs: list[tuple[str, str]],
) -> None:
    _start(qtbot, page)
    _choose(qtbot, page, 1, "def")
    clock.advance(125.2)
    qtbot.waitUntil(lambda: page.countdown.text() == "⏱ Time left: 07:55", timeout=5_000)
    assert not page.in_warning

    clock.advance(600 - 125.2 - 59.6)  # 59.6 s left
    qtbot.waitUntil(lambda: page.in_warning, timeout=5_000)
    assert page.countdown.text() == "⚠ Last minute — time left: 01:00"
    assert page.countdown.property("warning") is True
    clock.advance(15)
    qtbot.waitUntil(lambda: page.countdown.text().endswith("00:45"), timeout=5_000)
    assert page.stack.currentWidget() is page.runner_screen

    # Zero: submitted without asking, with what was answered.
    with qtbot.waitSignal(page.attempt_graded, timeout=10_000) as graded:
        clock.advance(44.6)  # exactly 10:00
    outcome = graded.args[0]
    assert outcome.score == 25
    assert outcome.elapsed_s == pytest.approx(600.0, abs=0.01)
    assert no_dialogs == []
    assert page.stack.currentWidget() is page.result_screen
    assert page.result_details.text().startswith(
        "Time ran out, so your answers were submitted automatically."
    )


def test_time_running_out_while_the_confirmation_is_open_submits_once(
    qtbot: QtBot,
    page: AssessmentPage,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _start(qtbot, page)
    graded: list[AttemptOutcome] = []
    page.attempt_graded.connect(graded.append)

    def slow_person(box: QMessageBox) -> int:
        # The modal dialog is open: time runs out and the page submits by itself.
        clock.advance(601)
        qtbot.waitUntil(lambda: len(graded) == 1, timeout=10_000)
        return int(QMessageBox.StandardButton.Yes)  # then the person clicks Submit

    monkeypatch.setattr(QMessageBox, "exec", slow_person)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert len(graded) == 1
    assert page.stack.currentWidget() is page.result_screen


def test_history_lists_attempts_and_opens_their_review(
    qtbot: QtBot,
    learner: SignedIn,
    clock: FakeClock,
    qtmodeltester: ModelTester,
) -> None:
    assert learner.backend is not None
    uow, me = learner.backend.uow, learner.user.id
    for choice in ("lambda", "def"):  # 0 %, then 25 %
        sheet = runtime.start_attempt(uow, user_id=me, assessment_id=PYTHON_QUIZ)
        option = next(o.id for o in sheet.questions[0].options if o.text == choice)
        runtime.save_answer(
            uow,
            user_id=me,
            attempt_id=sheet.attempt_id,
            answer=Answer(sheet.questions[0].id, frozenset({option})),
        )
        runtime.submit_attempt(uow, user_id=me, attempt_id=sheet.attempt_id, elapsed_s=61.0)
    runtime.start_attempt(uow, user_id=me, assessment_id=PYTHON_QUIZ)  # left open

    page = AssessmentPage(learner, clock=clock)
    qtbot.addWidget(page)
    page.show()
    page.open_assessment(PYTHON_QUIZ)
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 3, timeout=10_000)
    model = page.history_model
    qtmodeltester.check(model)
    table = [[model.index(r, c).data() for c in (0, 2, 3, 4)] for r in range(3)]
    assert table == [
        ["3", "—", "—", "Not submitted"],
        ["2", "01:01", "25 %", "Not passed"],
        ["1", "01:01", "0 %", "Not passed"],
    ]
    assert page.start_attempts.text() == (
        "Attempts so far: 2 submitted, 1 not submitted · Best score: 25 % · Not passed yet"
    )
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "#",
        "Started",
        "Time taken",
        "Score",
        "Result",
    ]

    # An open attempt has no review; a graded one does.
    page.history_view.selectRow(0)
    assert not page.review_button.isEnabled()
    page.history_view.selectRow(1)
    assert page.review_button.isEnabled()
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.result_screen, timeout=10_000)
    assert page.result_score.text() == "Your score: 25 %"
    assert page.again_button.text() == "&Back to the assessment"
    qtmodeltester.check(page.review_model)


def test_models_pass_modeltester_through_changes(qtmodeltester: ModelTester) -> None:
    history = AttemptHistoryModel()
    qtmodeltester.check(history)
    summary = runtime.AttemptSummary(
        id=PYTHON_QUIZ,
        assessment_id=PYTHON_QUIZ,
        number=1,
        status="graded",
        started_at=None,
        submitted_at=None,
        elapsed_s=3725.0,
        score=80,
        passed=True,
    )
    history.set_records([summary])
    qtmodeltester.check(history)
    assert history.index(0, 1).data() == "—"
    assert history.index(0, 2).data() == "1:02:05"
    history.set_records([])
    qtmodeltester.check(history)
    qtmodeltester.check(QuestionReviewModel())


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(600, "10:00"), (599.2, "10:00"), (59.01, "01:00"), (0.4, "00:01"), (0, "00:00")],
)
def test_clock_text_counts_whole_seconds_up(seconds: float, shown: str) -> None:
    assert clock_text(seconds) == shown
