"""Learn workspace: taking an assessment.

Three screens in a stack: the start screen (what the assessment is, the person's attempts
so far), the runner (one question per page, a question map, a countdown that submits by
itself at zero) and the result (score, pass or fail in words, a per-question review).

Time is measured by :class:`~elearn_desktop.domain.scoring.AttemptTimer` on an injected
monotonic clock; a QTimer only decides how often the countdown is redrawn. Answers are
saved one at a time in the background as the person goes, and submitting waits until
every answer is saved.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain.errors import ElearnError
from elearn_desktop.domain.scoring import MAX_ANSWER_TEXT, Answer, AttemptTimer
from elearn_desktop.services import assessment_runtime as runtime
from elearn_desktop.services.assessment_runtime import (
    AssessmentOverview,
    AttemptOutcome,
    AttemptSheet,
    AttemptSummary,
    QuestionReview,
    SheetQuestion,
)
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.sync.offline import PendingSubmission, submit_attempt_offline
from elearn_desktop.ui.models import Column, RecordTableModel
from elearn_desktop.ui.ops import BackgroundOp

log = logging.getLogger(__name__)

# Translated where they are shown (context "AssessmentPage").
TYPE_HINTS = {
    "single_choice": QT_TRANSLATE_NOOP("AssessmentPage", "Choose one answer"),
    "multiple_choice": QT_TRANSLATE_NOOP("AssessmentPage", "Choose all answers that apply"),
    "true_false": QT_TRANSLATE_NOOP("AssessmentPage", "True or false?"),
    "short_answer": QT_TRANSLATE_NOOP("AssessmentPage", "Type your answer"),
}
ANSWERED_MARK = "✓"
UNANSWERED_MARK = "–"
CURRENT_MARK = "▸"
WARNING_STYLE = "QLabel[warning='true'] { color: #c62828; font-weight: bold; }"


# ----------------------------------------------------------------------------- formatting


def _tr(text: str) -> str:
    """A module-level text of this page in the language shown (context AssessmentPage)."""
    return QCoreApplication.translate("AssessmentPage", text)


def clock_text(seconds: float | None) -> str:
    """mm:ss (h:mm:ss from an hour on); a countdown shows whole seconds rounded up."""
    if seconds is None:
        return "—"
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def limit_text(limit_s: int | None) -> str:
    if not limit_s:
        return QCoreApplication.translate("AssessmentPage", "No time limit")
    minutes, secs = divmod(limit_s, 60)
    if secs:
        return QCoreApplication.translate("AssessmentPage", "{0} min {1} s").format(minutes, secs)
    return QCoreApplication.translate("AssessmentPage", "{0} min").format(minutes)


def points_text(review: QuestionReview) -> str:
    points = f"{review.points:.2f}".rstrip("0").rstrip(".")
    if review.correct:
        return QCoreApplication.translate("AssessmentPage", "{0} / 1 ✓ right").format(points)
    if review.points > 0:
        return QCoreApplication.translate("AssessmentPage", "{0} / 1 ◐ partly right").format(points)
    return QCoreApplication.translate("AssessmentPage", "{0} / 1 ✗ wrong").format(points)


def your_answer_text(review: QuestionReview) -> str:
    if review.type == "short_answer":
        typed = (review.answer_text or "").strip()
        return typed or QCoreApplication.translate("AssessmentPage", "(not answered)")
    chosen = [o.text for o in review.chosen_options]
    return ", ".join(chosen) or QCoreApplication.translate("AssessmentPage", "(not answered)")


def correct_answer_text(review: QuestionReview) -> str:
    texts = [o.text for o in review.correct_options]
    joiner = (
        QCoreApplication.translate("AssessmentPage", " or ")
        if review.type == "short_answer"
        else ", "
    )
    return joiner.join(texts) if texts else "—"


def result_text(attempt: AttemptSummary) -> str:
    if not attempt.graded:
        return QCoreApplication.translate("AssessmentPage", "Not submitted")
    if attempt.passed:
        return QCoreApplication.translate("AssessmentPage", "Passed")
    return QCoreApplication.translate("AssessmentPage", "Not passed")


def _started_text(attempt: AttemptSummary) -> str:
    if attempt.started_at is None:
        return "—"
    return attempt.started_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _mnemonic_safe(value: str) -> str:
    """Button text shows '&' literally instead of making a shortcut of the next letter."""
    return value.replace("&", "&&")


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, ElearnError):
        return str(exc)
    log.error("assessment operation failed", exc_info=exc)
    return QCoreApplication.translate(
        "AssessmentPage", "Something unexpected went wrong; the details are in the log."
    )


# ------------------------------------------------------------------------------- models


class AttemptHistoryModel(RecordTableModel[AttemptSummary]):
    """The person's attempts at one assessment, newest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QT_TRANSLATE_NOOP("AttemptHistoryModel", "#"),
                    lambda a: str(a.number),
                    sort_key=lambda a: a.number,
                    align_right=True,
                    context="AttemptHistoryModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptHistoryModel", "Started"),
                    _started_text,
                    context="AttemptHistoryModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptHistoryModel", "Time taken"),
                    lambda a: clock_text(a.elapsed_s) if a.graded else "—",
                    context="AttemptHistoryModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptHistoryModel", "Score"),
                    lambda a: f"{a.score} %" if a.score is not None else "—",
                    sort_key=lambda a: -1 if a.score is None else a.score,
                    align_right=True,
                    context="AttemptHistoryModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("AttemptHistoryModel", "Result"),
                    result_text,
                    context="AttemptHistoryModel",
                ),
            ],
            parent,
        )


class QuestionReviewModel(RecordTableModel[QuestionReview]):
    """One row per question of a graded attempt: what was answered, what was right."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QT_TRANSLATE_NOOP("QuestionReviewModel", "#"),
                    lambda r: str(r.number),
                    sort_key=lambda r: r.number,
                    context="QuestionReviewModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("QuestionReviewModel", "Question"),
                    lambda r: r.text,
                    context="QuestionReviewModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("QuestionReviewModel", "Your answer"),
                    your_answer_text,
                    context="QuestionReviewModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("QuestionReviewModel", "Correct answer"),
                    correct_answer_text,
                    context="QuestionReviewModel",
                ),
                Column(
                    QT_TRANSLATE_NOOP("QuestionReviewModel", "Points"),
                    points_text,
                    sort_key=lambda r: r.points,
                    context="QuestionReviewModel",
                ),
            ],
            parent,
        )


# ---------------------------------------------------------------------------- the page


def _heading(size: float = 1.5) -> QLabel:
    label = QLabel()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _plain(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _QuestionView(QWidget):
    """One question's page: its text and the inputs for its type."""

    answer_changed = Signal(object)  # Answer
    answer_committed = Signal()  # typing finished: save now

    def __init__(self, question: SheetQuestion, total: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.buttons: list[QAbstractButton] = []
        self.line_edit: QLineEdit | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = TYPE_HINTS.get(question.type)
        self.header = _plain(
            self.tr("Question {0} of {1} · {2}").format(
                question.number, total, _tr(hint) if hint else ""
            )
        )
        self.header.setObjectName("questionHeader")
        layout.addWidget(self.header)
        self.text = _heading(1.2)
        self.text.setText(question.text)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        if question.free_text:
            self.line_edit = QLineEdit()
            self.line_edit.setMaxLength(MAX_ANSWER_TEXT)
            self.line_edit.setPlaceholderText(self.tr("Your answer"))
            self.line_edit.setMaximumWidth(520)
            self.line_edit.setAccessibleName(
                self.tr("Answer to question {0}").format(question.number)
            )
            self.line_edit.textEdited.connect(lambda _text: self._emit_answer())
            self.line_edit.editingFinished.connect(self.answer_committed)
            layout.addWidget(self.line_edit)
        else:
            self.group = QButtonGroup(self)
            self.group.setExclusive(not question.multiple)
            for option in question.options:
                button: QAbstractButton
                if question.multiple:
                    button = QCheckBox(_mnemonic_safe(option.text))
                else:
                    button = QRadioButton(_mnemonic_safe(option.text))
                button.setProperty("option_id", str(option.id))
                self.group.addButton(button)
                self.buttons.append(button)
                layout.addWidget(button)
            self.group.buttonToggled.connect(self._button_toggled)
        layout.addStretch(1)

    def _button_toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        # An exclusive group toggles the old radio off and the new one on: report once.
        if not self.question.multiple and not _checked:
            return
        self._emit_answer()

    def _emit_answer(self) -> None:
        self.answer_changed.emit(self.answer())

    def answer(self) -> Answer:
        if self.line_edit is not None:
            return Answer(self.question.id, text=self.line_edit.text())
        chosen = frozenset(
            uuid.UUID(str(b.property("option_id"))) for b in self.buttons if b.isChecked()
        )
        return Answer(self.question.id, chosen)

    def set_inputs_enabled(self, enabled: bool) -> None:
        for button in self.buttons:
            button.setEnabled(enabled)
        if self.line_edit is not None:
            self.line_edit.setReadOnly(not enabled)


def is_answered(answer: Answer | None) -> bool:
    return answer is not None and (bool(answer.option_ids) or bool(answer.text.strip()))


class AssessmentPage(QWidget):
    """Start, take and review one assessment, as the signed-in person."""

    attempt_graded = Signal(object)  # AttemptOutcome
    attempt_submitted_offline = Signal(object)  # PendingSubmission
    closed = Signal()

    TICK_MS = 200
    #: How long typing may pause before a short answer is saved.
    TYPING_SAVE_MS = 600

    def __init__(
        self,
        session: SignedIn,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._clock = clock
        self._assessment_id: uuid.UUID | None = None
        self._overview: AssessmentOverview | None = None
        self._sheet: AttemptSheet | None = None
        self._timer: AttemptTimer | None = None
        self._answers: dict[uuid.UUID, Answer] = {}
        self._pending: dict[uuid.UUID, Answer] = {}
        self._saving = False
        self._save_failed: str | None = None
        self._submit_elapsed: float | None = None
        self._submitting = False
        self._auto_submitted = False
        self._confirm_box: QMessageBox | None = None
        self._views: list[_QuestionView] = []
        self._map_buttons: list[QToolButton] = []
        self._index = 0

        self.setStyleSheet(WARNING_STYLE)
        self.stack = QStackedWidget()
        self.start_screen = self._build_start_screen()
        self.runner_screen = self._build_runner_screen()
        self.result_screen = self._build_result_screen()
        for screen in (self.start_screen, self.runner_screen, self.result_screen):
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.stack)

        self._tick = QTimer(self)
        self._tick.setInterval(self.TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(self.TYPING_SAVE_MS)
        self._typing.timeout.connect(self._flush_saves)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language; what was loaded is shown again in it."""
        self.history_view.setAccessibleName(self.tr("Your attempts"))
        self.attempts_heading.setText(self.tr("Your attempts"))
        self.review_button.setText(self.tr("&Review attempt"))
        self.back_button.setText(self.tr("&Back"))
        self.countdown.setAccessibleName(self.tr("Time left"))
        self.map_heading.setText(self.tr("Questions:"))
        self.map_legend.setText(
            self.tr("{0} answered   {1} not answered yet   {2} the question you are on").format(
                ANSWERED_MARK, UNANSWERED_MARK, CURRENT_MARK
            )
        )
        self.previous_button.setText(self.tr("◀ &Previous"))
        self.next_button.setText(self.tr("&Next ▶"))
        self.submit_button.setText(self.tr("S&ubmit answers…"))
        self.review_view.setAccessibleName(self.tr("Review of your answers"))
        self._name_again_button()
        self.done_button.setText(self.tr("&Done"))
        overview = self._overview
        if overview is not None:
            self._show_overview(overview)
        else:
            self.start_button.setText(self.tr("&Start attempt"))
        if self._views:
            self._update_map()
            self._update_save_label()
            self._update_countdown()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _name_again_button(self) -> None:
        self.again_button.setText(
            self.tr("Try &again") if self._again_is_retry else self.tr("&Back to the assessment")
        )

    # -- building -------------------------------------------------------------------------

    def _build_start_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        self.start_title = _heading(1.6)
        self.start_description = _plain()
        self.start_facts = _plain()
        self.start_facts.setObjectName("assessmentFacts")
        self.start_attempts = _plain()
        self.start_status = _plain()
        self.history_model = AttemptHistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.verticalHeader().hide()
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history_view.doubleClicked.connect(self._review_selected)
        self.review_button = QPushButton()
        self.review_button.setEnabled(False)
        self.review_button.clicked.connect(self._review_selected)
        self.history_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_review_button()
        )
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self._start)
        self.back_button = back = QPushButton()
        back.clicked.connect(self.closed)

        layout.addWidget(self.start_title)
        layout.addWidget(self.start_description)
        layout.addSpacing(8)
        layout.addWidget(self.start_facts)
        layout.addWidget(self.start_attempts)
        self.attempts_heading = QLabel()
        layout.addWidget(self.attempts_heading)
        layout.addWidget(self.history_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_status)
        buttons.addWidget(self.start_button)
        layout.addLayout(buttons)
        return screen

    def _build_runner_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        top = QHBoxLayout()
        self.runner_title = _heading(1.3)
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        countdown_font = QFont(self.countdown.font())
        countdown_font.setPointSizeF(countdown_font.pointSizeF() * 1.2)
        countdown_font.setStyleHint(QFont.StyleHint.Monospace)
        self.countdown.setFont(countdown_font)
        top.addWidget(self.runner_title, 1)
        top.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)

        self.map_box = QWidget()
        self.map_layout = QGridLayout(self.map_box)
        self.map_layout.setContentsMargins(0, 0, 0, 0)
        self.map_layout.setHorizontalSpacing(4)
        map_row = QHBoxLayout()
        self.map_heading = QLabel()
        map_row.addWidget(self.map_heading)
        map_row.addWidget(self.map_box)
        map_row.addStretch(1)
        layout.addLayout(map_row)
        self.map_legend = _plain()
        self.map_legend.setObjectName("mapLegend")
        layout.addWidget(self.map_legend)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)

        self.questions_stack = QStackedWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.questions_stack)
        layout.addWidget(scroll, 1)

        self.runner_message = _plain()
        self.runner_message.setObjectName("runnerMessage")
        layout.addWidget(self.runner_message)
        bottom = QHBoxLayout()
        self.previous_button = QPushButton()
        self.previous_button.clicked.connect(lambda: self.go_to(self._index - 1))
        self.next_button = QPushButton()
        self.next_button.clicked.connect(lambda: self.go_to(self._index + 1))
        self.answered_label = _plain()
        self.save_label = _plain()
        self.save_label.setObjectName("saveState")
        self.submit_button = QPushButton()
        self.submit_button.clicked.connect(self._submit_clicked)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.next_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.answered_label)
        bottom.addStretch(1)
        bottom.addWidget(self.save_label)
        bottom.addWidget(self.submit_button)
        layout.addLayout(bottom)
        return screen

    def _build_result_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        self.result_title = _heading(1.3)
        self.result_score = _heading(2.0)
        self.result_score.setObjectName("resultScore")
        self.result_verdict = _plain()
        self.result_verdict.setObjectName("resultVerdict")
        verdict_font = QFont(self.result_verdict.font())
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.15)
        self.result_verdict.setFont(verdict_font)
        self.result_details = _plain()
        self.review_model = QuestionReviewModel(self)
        self.review_view = QTableView()
        self.review_view.setModel(self.review_model)
        self.review_view.setWordWrap(True)
        self.review_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.review_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.review_view.verticalHeader().hide()
        self.review_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only; no focus frame
        header = self.review_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(2, 160)
        header.resizeSection(3, 160)
        self.review_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        buttons = QHBoxLayout()
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self._back_to_start)
        self._again_is_retry = True
        self.done_button = done = QPushButton()
        done.clicked.connect(self.closed)
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(done)
        layout.addWidget(self.result_title)
        layout.addWidget(self.result_score)
        layout.addWidget(self.result_verdict)
        layout.addWidget(self.result_details)
        layout.addWidget(self.review_view, 1)
        layout.addLayout(buttons)
        return screen

    # -- start screen ---------------------------------------------------------------------

    @property
    def _uow(self) -> Any:
        backend = self._session.backend
        if backend is None:
            raise ElearnError(self.tr("Assessments are taken online: connect to the server first."))
        return backend.uow

    @property
    def _user_id(self) -> uuid.UUID:
        return self._session.user.id

    def open_assessment(self, assessment_id: uuid.UUID) -> None:
        """Show the start screen of an assessment (an unfinished attempt is left open)."""
        self._stop_attempt()
        self._assessment_id = assessment_id
        self._overview = None
        self.start_title.setText(self.tr("Loading…"))
        self.start_description.clear()
        self.start_facts.clear()
        self.start_attempts.clear()
        self.start_status.clear()
        self.start_button.setEnabled(False)
        self.history_model.set_records([])
        self.stack.setCurrentWidget(self.start_screen)
        self._load_overview()

    def _load_overview(self) -> None:
        assessment_id = self._assessment_id
        if assessment_id is None:
            return
        user_id = self._user_id

        def load() -> AssessmentOverview:
            return runtime.assessment_overview(
                self._uow, user_id=user_id, assessment_id=assessment_id
            )

        BackgroundOp(load, label="load assessment").on_success(self._show_overview).on_failure(
            self._overview_failed
        ).run(parent=self)

    def _show_overview(self, overview: AssessmentOverview) -> None:
        if overview.id != self._assessment_id:
            return  # another assessment was opened meanwhile
        self._overview = overview
        self.start_title.setText(overview.title)
        self.start_description.setText(overview.description or "")
        self.start_description.setVisible(bool(overview.description))
        self.start_facts.setText(
            self.tr("%n question(s) · Time limit: {0} · Passing score: {1} %", "",
                    overview.question_count).format(
                limit_text(overview.time_limit_s), overview.passing_score
            )
        )  # fmt: skip
        graded = overview.graded_attempts
        if not overview.attempts:
            attempts = self.tr("You have not taken this assessment yet.")
        else:
            attempts = self.tr("Attempts so far: {0} submitted").format(len(graded))
            if len(overview.attempts) > len(graded):
                attempts += self.tr(", {0} not submitted").format(
                    len(overview.attempts) - len(graded)
                )
            if overview.best_score is not None:
                attempts += self.tr(" · Best score: {0} %").format(overview.best_score)
                attempts += (
                    self.tr(" · Passed") if overview.passed else self.tr(" · Not passed yet")
                )
        self.start_attempts.setText(attempts)
        self.history_model.set_records(overview.attempts)
        self._update_review_button()
        self.start_button.setEnabled(overview.question_count > 0)
        self.start_button.setText(
            self.tr("&Start attempt") if not graded else self.tr("&Start a new attempt")
        )
        self.start_status.setText("" if overview.question_count else self.tr("No questions yet."))

    def _overview_failed(self, exc: BaseException) -> None:
        self.start_title.setText(self.tr("This assessment cannot be shown"))
        self.start_status.setText(describe_error(exc))

    def _update_review_button(self) -> None:
        record = self._selected_attempt()
        self.review_button.setEnabled(record is not None and record.graded)

    def _selected_attempt(self) -> AttemptSummary | None:
        rows = self.history_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.history_model.record(rows[0].row())

    def _review_selected(self, *_args: Any) -> None:
        attempt = self._selected_attempt()
        if attempt is None or not attempt.graded:
            return
        user_id = self._user_id

        def load() -> AttemptOutcome:
            return runtime.review_attempt(self._uow, user_id=user_id, attempt_id=attempt.id)

        self.start_status.setText(self.tr("Loading the review…"))
        BackgroundOp(load, label="load review").on_success(
            lambda outcome: self._show_result(outcome, graded_now=False)
        ).on_failure(lambda exc: self.start_status.setText(describe_error(exc))).run(parent=self)

    def _start(self) -> None:
        assessment_id = self._assessment_id
        if assessment_id is None:
            return
        self.start_button.setEnabled(False)
        self.start_status.setText(self.tr("Starting…"))
        user_id = self._user_id

        def start() -> AttemptSheet:
            return runtime.start_attempt(self._uow, user_id=user_id, assessment_id=assessment_id)

        BackgroundOp(start, label="start attempt").on_success(self._begin).on_failure(
            self._start_failed
        ).run(parent=self)

    def _start_failed(self, exc: BaseException) -> None:
        self.start_status.setText(describe_error(exc))
        self.start_button.setEnabled(True)

    # -- runner ---------------------------------------------------------------------------

    def _begin(self, sheet: AttemptSheet) -> None:
        self._stop_attempt()
        self._sheet = sheet
        self._answers = {}
        self._pending = {}
        self._save_failed = None
        self._submit_elapsed = None
        self._submitting = False
        self._auto_submitted = False
        self.runner_title.setText(sheet.title)
        self.runner_message.clear()
        for view in self._views:
            self.questions_stack.removeWidget(view)
            view.deleteLater()
        for button in self._map_buttons:
            self.map_layout.removeWidget(button)
            button.deleteLater()
        self._views = []
        self._map_buttons = []
        total = len(sheet.questions)
        for position, question in enumerate(sheet.questions):
            view = _QuestionView(question, total)
            view.answer_changed.connect(self._answer_changed)
            view.answer_committed.connect(self._flush_saves)
            self.questions_stack.addWidget(view)
            self._views.append(view)
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.clicked.connect(lambda _checked=False, p=position: self.go_to(p))
            self.map_layout.addWidget(button, position // 12, position % 12)
            self._map_buttons.append(button)
        self._set_runner_enabled(True)
        self.submit_button.setEnabled(True)
        self._timer = AttemptTimer(limit_s=sheet.time_limit_s, clock=self._clock)
        self._timer.start()
        self.go_to(0)
        self._update_countdown()
        self._update_save_label()
        self.stack.setCurrentWidget(self.runner_screen)
        self._tick.start()
        self.start_status.clear()

    @property
    def current_index(self) -> int:
        return self._index

    @property
    def question_views(self) -> list[_QuestionView]:
        return list(self._views)

    @property
    def map_buttons(self) -> list[QToolButton]:
        return list(self._map_buttons)

    def go_to(self, position: int) -> None:
        if not self._views:
            return
        self._flush_saves()
        self._index = max(0, min(position, len(self._views) - 1))
        self.questions_stack.setCurrentIndex(self._index)
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._views) - 1)
        self._update_map()
        view = self._views[self._index]
        focus = view.line_edit or (view.buttons[0] if view.buttons else None)
        if focus is not None and self.isVisible():
            focus.setFocus()

    def _update_map(self) -> None:
        answered = 0
        for position, (button, view) in enumerate(zip(self._map_buttons, self._views, strict=True)):
            done = is_answered(self._answers.get(view.question.id))
            answered += done
            current = position == self._index
            mark = ANSWERED_MARK if done else UNANSWERED_MARK
            button.setText(f"{CURRENT_MARK if current else ''}{position + 1} {mark}")
            button.setChecked(current)
            font = button.font()
            font.setBold(current)
            button.setFont(font)
            if done:
                description = self.tr("Question {0}: answered").format(position + 1)
            else:
                description = self.tr("Question {0}: not answered").format(position + 1)
            if current:
                description += self.tr(" (current)")
            button.setToolTip(description)
            button.setAccessibleName(description)
        total = len(self._views)
        self.answered_label.setText(self.tr("{0} of {1} answered").format(answered, total))

    def unanswered_numbers(self) -> list[int]:
        return [
            view.question.number
            for view in self._views
            if not is_answered(self._answers.get(view.question.id))
        ]

    def _answer_changed(self, answer: Answer) -> None:
        if self._submitting:
            return
        self._answers[answer.question_id] = answer
        self._pending[answer.question_id] = answer
        self._update_map()
        if answer.text and not answer.option_ids:
            self._typing.start()  # save when typing pauses
        else:
            self._flush_saves()
        self._update_save_label()

    # -- saving ---------------------------------------------------------------------------

    def _flush_saves(self) -> None:
        """Save the next pending answer; one save at a time, so they land in order."""
        self._typing.stop()
        if self._saving or self._sheet is None:
            return
        if not self._pending:
            self._update_save_label()
            self._maybe_submit()
            return
        question_id = next(iter(self._pending))
        answer = self._pending.pop(question_id)
        attempt_id = self._sheet.attempt_id
        user_id = self._user_id
        self._saving = True
        self._update_save_label()

        def save() -> None:
            runtime.save_answer(self._uow, user_id=user_id, attempt_id=attempt_id, answer=answer)

        BackgroundOp(save, label="save answer").on_success(
            lambda _none: self._saved(attempt_id)
        ).on_failure(lambda exc: self._save_error(attempt_id, answer, exc)).run(parent=self)

    def _saved(self, attempt_id: uuid.UUID) -> None:
        if self._sheet is None or self._sheet.attempt_id != attempt_id:
            return
        self._saving = False
        self._save_failed = None
        self._flush_saves()

    def _save_error(self, attempt_id: uuid.UUID, answer: Answer, exc: BaseException) -> None:
        if self._sheet is None or self._sheet.attempt_id != attempt_id:
            return
        self._saving = False
        # Keep the answer for the next try unless a newer one replaced it meanwhile.
        self._pending.setdefault(answer.question_id, answer)
        self._save_failed = describe_error(exc)
        self._update_save_label()
        if self._submit_elapsed is not None:
            self._submit_elapsed = None
            self._submitting = False
            self.submit_button.setEnabled(True)
            self.runner_message.setText(
                self.tr(
                    "Your answers could not be saved, so nothing was submitted: {0} "
                    "Submit again to retry."
                ).format(self._save_failed)
            )

    def _update_save_label(self) -> None:
        if self._save_failed:
            self.save_label.setText(self.tr("Not saved: {0}").format(self._save_failed))
        elif self._saving or self._pending:
            self.save_label.setText(self.tr("Saving…"))
        else:
            self.save_label.setText(self.tr("All answers saved"))

    # -- time -----------------------------------------------------------------------------

    def _on_tick(self) -> None:
        self._update_countdown()
        if self._timer is not None and self._timer.expired and not self._submitting:
            self._auto_submit()

    def _update_countdown(self) -> None:
        timer = self._timer
        if timer is None:
            return
        warning = timer.in_warning or timer.expired
        if timer.limit_s is None:
            text = self.tr("No time limit · {0} elapsed").format(clock_text(timer.elapsed_s))
        elif timer.expired:
            text = self.tr("⏱ Time is up: 00:00")
        elif timer.in_warning:
            text = self.tr("⚠ Last minute — time left: {0}").format(clock_text(timer.remaining_s))
        else:
            text = self.tr("⏱ Time left: {0}").format(clock_text(timer.remaining_s))
        self.countdown.setText(text)
        if bool(self.countdown.property("warning")) != warning:
            self.countdown.setProperty("warning", warning)
            self.countdown.style().unpolish(self.countdown)
            self.countdown.style().polish(self.countdown)
            self.countdown.updateGeometry()  # bold text is wider

    @property
    def in_warning(self) -> bool:
        return bool(self.countdown.property("warning"))

    def _auto_submit(self) -> None:
        self._auto_submitted = True
        if self._confirm_box is not None:
            self._confirm_box.done(QMessageBox.StandardButton.No)
        self.runner_message.setText(self.tr("Time is up: your answers are being submitted."))
        self._request_submit()

    # -- submitting -----------------------------------------------------------------------

    def _submit_clicked(self) -> None:
        if self._submitting or self._sheet is None:
            return
        if self._confirm_submit(self.unanswered_numbers()):
            self._request_submit()

    def _confirm_submit(self, unanswered: list[int]) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Submit answers"))
        box.setText(self.tr("Submit your answers now?"))
        if unanswered:
            numbers = ", ".join(str(n) for n in unanswered)
            box.setInformativeText(
                self.tr(
                    "You have not answered %n question(s): {0}.\n"
                    "Unanswered questions score no points. You cannot change your answers "
                    "after submitting.",
                    "",
                    len(unanswered),
                ).format(numbers)
            )
        else:
            box.setInformativeText(
                self.tr(
                    "You answered every question. You cannot change your answers after submitting."
                )
            )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Submit"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep working"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self._confirm_box = box
        try:
            choice = box.exec()
        finally:
            self._confirm_box = None
            box.deleteLater()
        return choice == QMessageBox.StandardButton.Yes and not self._submitting

    def _request_submit(self) -> None:
        if self._submitting or self._sheet is None or self._timer is None:
            return
        self._submitting = True
        self._submit_elapsed = self._timer.elapsed_s
        self._tick.stop()
        self._update_countdown()
        self._set_runner_enabled(False)
        self.submit_button.setEnabled(False)
        if not self._auto_submitted:
            self.runner_message.setText(self.tr("Submitting your answers…"))
        # Collect what is on screen (a short answer still being typed), then save the rest.
        for view in self._views:
            answer = view.answer()
            if answer != self._answers.get(answer.question_id, Answer(answer.question_id)):
                self._answers[answer.question_id] = answer
                self._pending[answer.question_id] = answer
        self._flush_saves()

    def _maybe_submit(self) -> None:
        if (
            self._submit_elapsed is None
            or self._saving
            or self._pending
            or self._sheet is None
            or not self._submitting
        ):
            return
        elapsed, self._submit_elapsed = self._submit_elapsed, None
        attempt_id = self._sheet.attempt_id
        user_id = self._user_id

        if self._session.offline:
            uow = self._uow
            BackgroundOp(
                lambda: submit_attempt_offline(
                    uow, user_id=user_id, attempt_id=attempt_id, elapsed_s=elapsed
                ),
                label="submit attempt offline",
            ).on_success(lambda pending: self._submitted_offline(attempt_id, pending)).on_failure(
                lambda exc: self._submit_failed(attempt_id, exc)
            ).run(parent=self)
            return

        def submit() -> AttemptOutcome:
            return runtime.submit_attempt(
                self._uow, user_id=user_id, attempt_id=attempt_id, elapsed_s=elapsed
            )

        BackgroundOp(submit, label="submit attempt").on_success(
            lambda outcome: self._graded(attempt_id, outcome)
        ).on_failure(lambda exc: self._submit_failed(attempt_id, exc)).run(parent=self)

    def _graded(self, attempt_id: uuid.UUID, outcome: AttemptOutcome) -> None:
        if self._sheet is None or self._sheet.attempt_id != attempt_id:
            return
        auto = self._auto_submitted
        self._stop_attempt()
        self._show_result(outcome, graded_now=True, auto=auto)
        self.attempt_graded.emit(outcome)
        self._load_overview()  # the start screen's history and best score

    def _submitted_offline(self, attempt_id: uuid.UUID, pending: PendingSubmission) -> None:
        """Offline there is no answer key here: the server grades the attempt at the next
        sync, and its result comes back with the pull (then the history shows it)."""
        if self._sheet is None or self._sheet.attempt_id != attempt_id:
            return
        auto = self._auto_submitted
        title = self._sheet.title
        self._stop_attempt()
        self.result_title.setText(title or self.tr("Submitted"))
        self.result_score.setText(self.tr("Submitted, graded on sync"))
        self.result_verdict.setText(pending.message)
        text = self.tr("Time taken {0}.").format(clock_text(pending.elapsed_s))
        if auto:
            text = self.tr("Time ran out, so your answers were submitted automatically.") + (
                "\n" + text
            )
        self.result_details.setText(text)
        self.review_model.set_records(())
        self.review_view.hide()  # nothing to review before the server grades it
        self._again_is_retry = False
        self._name_again_button()
        self.stack.setCurrentWidget(self.result_screen)
        self.attempt_submitted_offline.emit(pending)

    def _submit_failed(self, attempt_id: uuid.UUID, exc: BaseException) -> None:
        if self._sheet is None or self._sheet.attempt_id != attempt_id:
            return
        self._submitting = False
        self.submit_button.setEnabled(True)
        if self._timer is not None and not self._timer.expired:
            self._set_runner_enabled(True)
            self._tick.start()
        self.runner_message.setText(
            self.tr("Your answers were not submitted: {0} You can submit again.").format(
                describe_error(exc)
            )
        )

    def _set_runner_enabled(self, enabled: bool) -> None:
        for view in self._views:
            view.set_inputs_enabled(enabled)

    def _stop_attempt(self) -> None:
        self._tick.stop()
        self._typing.stop()
        self._sheet = None
        self._timer = None

    # -- result ---------------------------------------------------------------------------

    def _show_result(
        self, outcome: AttemptOutcome, *, graded_now: bool, auto: bool = False
    ) -> None:
        self.result_title.setText(outcome.title)
        self.result_score.setText(self.tr("Your score: {0} %").format(outcome.score))
        if outcome.passed:
            verdict = self.tr("✓ Passed. You needed {0} % and scored {1} %.")
        else:
            verdict = self.tr("✗ Not passed. You needed {0} % and scored {1} %.")
        self.result_verdict.setText(verdict.format(outcome.passing_score, outcome.score))
        right = sum(1 for q in outcome.questions if q.correct)
        details = [
            self.tr("{0} of %n question(s) fully right", "", len(outcome.questions)).format(right)
        ]
        if outcome.elapsed_s is not None:
            details.append(self.tr("time taken {0}").format(clock_text(outcome.elapsed_s)))
        if outcome.submitted_at is not None:
            submitted = outcome.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M")
            details.append(self.tr("submitted {0}").format(submitted))
        text = " · ".join(details) + "."
        if auto:
            text = self.tr("Time ran out, so your answers were submitted automatically.") + (
                "\n" + text
            )
        self.result_details.setText(text)
        self.review_model.set_records(outcome.questions)
        self.review_view.show()
        self.review_view.resizeRowsToContents()
        self._again_is_retry = graded_now
        self._name_again_button()
        self.stack.setCurrentWidget(self.result_screen)

    def _back_to_start(self) -> None:
        if self._assessment_id is not None:
            self.open_assessment(self._assessment_id)

    # -- Qt -------------------------------------------------------------------------------

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 720))
        hint.setHeight(max(hint.height(), 520))
        return hint


__all__ = [
    "AssessmentPage",
    "AttemptHistoryModel",
    "QuestionReviewModel",
    "clock_text",
    "is_answered",
]
