"""Course insights for authors: enrollments over time, completion by module, scores.

The numbers come from :mod:`elearn_desktop.services.insights` on a worker thread; this
page only draws them. QtCharts is imported here, when the first chart is drawn — not at
start-up — and if it is missing the page says so and lists the numbers instead.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QMargins, Qt, QTimeZone, Signal
from PySide6.QtGui import QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services import insights
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.insights import CourseChoice, CourseInsights
from elearn_desktop.ui.author.courses_page import status_word
from elearn_desktop.ui.ops import BackgroundOp

#: Set by tests to pretend QtCharts is missing.
FORCE_NO_CHARTS = False


def _charts_module() -> Any:
    """PySide6.QtCharts, or None when this installation lacks it."""
    if FORCE_NO_CHARTS:
        return None
    try:
        from PySide6 import QtCharts
    except ImportError:
        return None
    return QtCharts


class CourseInsightsPage(QWidget):
    """Pick a course (yours; admins: any) and see how learners get on with it."""

    #: New numbers are shown: the CourseInsights.
    insights_changed = Signal(object)

    def __init__(self, session: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert session.backend is not None, "insights need a connection to the server"
        self.setObjectName("courseInsightsPage")
        self.uow = session.backend.uow
        self.actor = session.user
        self.data: CourseInsights | None = None
        self._wanted: uuid.UUID | None = None
        self._courses_loaded = False
        self._charts: Any = None  # the QtCharts module once charts are built
        self._views: list[Any] = []

        self.title = title = QLabel(self.tr("Course insights"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        self.course_combo = QComboBox()
        self.course_combo.setObjectName("insightsCourseCombo")
        self.course_combo.setAccessibleName(self.tr("Course"))
        self.course_combo.setMinimumContentsLength(28)
        self.course_combo.currentIndexChanged.connect(self._course_chosen)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        self.course_label = QLabel(self.tr("Course:"))
        top.addWidget(self.course_label)
        top.addWidget(self.course_combo)
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setObjectName("insightsSummary")
        self.summary.setWordWrap(True)
        self.charts_area = QWidget()
        self.grid = QGridLayout(self.charts_area)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.fallback = QPlainTextEdit()
        self.fallback.setObjectName("insightsText")
        self.fallback.setReadOnly(True)
        self.fallback.hide()
        self.message = QLabel("")
        self.message.setObjectName("chartsMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.charts_area, 1)
        layout.addWidget(self.fallback, 1)

    # -- loading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._courses_loaded:
            self.refresh()

    def refresh(self) -> None:
        """Reload the list of courses (and then the chosen course's numbers)."""
        self._courses_loaded = True
        uow, actor = self.uow, self.actor
        BackgroundOp(
            lambda: insights.course_choices(uow, actor=actor), label="insight courses"
        ).on_success(self._show_courses).on_failure(self._failed).run(parent=self)

    def show_course(self, course_id: uuid.UUID) -> None:
        """Show ``course_id`` (once the list of courses is there)."""
        self._wanted = course_id
        index = self.course_combo.findData(str(course_id))
        if index >= 0 and index != self.course_combo.currentIndex():
            self.course_combo.setCurrentIndex(index)
        elif index >= 0:
            self._load(course_id)
        elif not self._courses_loaded:
            self.refresh()

    def _show_courses(self, courses: list[CourseChoice]) -> None:
        self.course_combo.blockSignals(True)
        self.course_combo.clear()
        for course in courses:
            suffix = (
                f" ({status_word(course.status).lower()})" if course.status != "published" else ""
            )
            # Ids as text: findData compares Python objects by identity, not value.
            self.course_combo.addItem(course.title + suffix, str(course.id))
        self.course_combo.blockSignals(False)
        if not courses:
            self.summary.setText(
                self.tr("You have no courses yet: insights appear once you author one.")
            )
            return
        index = self.course_combo.findData(str(self._wanted)) if self._wanted else 0
        self.course_combo.setCurrentIndex(max(index, 0))
        self._course_chosen(self.course_combo.currentIndex())

    def _course_chosen(self, index: int) -> None:
        raw = self.course_combo.itemData(index)
        if raw is not None:
            self._wanted = uuid.UUID(raw)
            self._load(self._wanted)

    def _load(self, course_id: uuid.UUID) -> None:
        self.summary.setText(self.tr("Loading…"))
        uow, actor = self.uow, self.actor
        BackgroundOp(
            lambda: insights.course_insights(uow, course_id=course_id, actor=actor),
            label="course insights",
        ).on_success(self._show).on_failure(self._failed).run(parent=self)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("Could not load the insights: {exc}").format(exc=exc))

    # -- drawing ---------------------------------------------------------------------------

    def _show(self, data: CourseInsights) -> None:
        if data.course_id != self._wanted:
            return  # an older request finishing late
        self.data = data
        self.summary.setText(self.summary_text(data))
        self.fallback.setPlainText("\n".join(self.insights_parts(data)))
        charts = self._charts or _charts_module()
        if charts is None:
            self.message.setText(
                self.tr(
                    "Charts are not available here (this installation has no QtCharts); "
                    "the numbers are listed below."
                )
            )
            self.message.show()
            self.charts_area.hide()
            self.fallback.show()
        else:
            self._draw(charts, data)
        self.insights_changed.emit(data)

    def _ensure_views(self, charts: Any) -> list[Any]:
        if not self._views:
            self._charts = charts
            for position, name in enumerate(("enrollmentChart", "funnelChart", "scoreChart")):
                view = charts.QChartView()
                view.setObjectName(name)
                view.setRenderHint(QPainter.RenderHint.Antialiasing)
                view.setMinimumSize(320, 240)
                chart = view.chart()
                chart.legend().hide()
                chart.setMargins(QMargins(4, 4, 4, 4))
                dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
                chart.setTheme(
                    charts.QChart.ChartTheme.ChartThemeDark
                    if dark
                    else charts.QChart.ChartTheme.ChartThemeLight
                )
                chart.setBackgroundRoundness(0)
                row, column = divmod(position, 2)
                self.grid.addWidget(view, row, column, 1, 2 if position == 2 else 1)
                self._views.append(view)
        return self._views

    def _draw(self, charts: Any, data: CourseInsights) -> None:
        enrollment, funnel, scores = (v.chart() for v in self._ensure_views(charts))
        for chart in (enrollment, funnel, scores):
            chart.removeAllSeries()
            for axis in chart.axes():
                chart.removeAxis(axis)
        self._draw_enrollments(charts, enrollment, data)
        self._draw_funnel(charts, funnel, data)
        self._draw_scores(charts, scores, data)
        for view, text in zip(self._views, self.insights_parts(data), strict=False):
            view.setAccessibleDescription(text)

    def changeEvent(self, event: QEvent) -> None:
        """The heading follows a language switch; numbers and charts the next refresh."""
        if event.type() == QEvent.Type.LanguageChange:
            self.title.setText(self.tr("Course insights"))
            self.course_label.setText(self.tr("Course:"))
            self.course_combo.setAccessibleName(self.tr("Course"))
        super().changeEvent(event)

    def insights_parts(self, data: CourseInsights) -> list[str]:
        """The numbers in words, one part per chart: the fallback without charts, and the
        charts' accessible descriptions."""
        enrollments = [self.tr("Enrollments of '{title}' (new, total):").format(title=data.title)]
        enrollments += [f"  {p.day:%Y-%m-%d}: +{p.new} = {p.total}" for p in data.enrollments] or [
            "  " + self.tr("nobody has enrolled yet")
        ]
        funnel = [self.tr("Completed, by module:")]
        funnel += [f"  {f.position}. {f.title}: {f.completed}" for f in data.funnel] or [
            "  " + self.tr("the course has no modules")
        ]
        scores = [self.tr("Assessment scores (graded attempts):")]
        scores += [f"  {b.label} %: {b.count}" for b in data.scores if b.count] or [
            "  " + self.tr("no attempts yet")
        ]
        return ["\n".join(enrollments), "\n".join(funnel), "\n".join(scores)]

    def summary_text(self, data: CourseInsights) -> str:
        learners = self.tr("%n learner(s) enrolled", "", data.learners)
        completed = self.tr("%n completed the course", "", data.completed)
        if data.assessments:
            attempts = self.tr(
                "%n graded attempt(s) ({passed} passed) at {assessments}", "", data.attempts
            ).format(passed=data.passed, assessments=", ".join(data.assessments))
        else:
            attempts = self.tr("no assessments in this course's learning paths")
        return f"{learners} · {completed} · {attempts}"

    @staticmethod
    def _value_axis(charts: Any, top: int) -> Any:
        """Whole numbers from 0, with a round step and room above the highest value."""
        step = next(c for c in _round_steps() if top <= c * 5)
        axis = charts.QValueAxis()
        axis.setLabelFormat("%d")
        axis.setRange(0, step * (top // step + 1))
        axis.setTickType(charts.QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
        return axis

    def _draw_enrollments(self, charts: Any, chart: Any, data: CourseInsights) -> None:
        chart.setTitle(self.tr("Enrollments over time"))
        series = charts.QLineSeries()
        series.setName(self.tr("Learners enrolled"))
        dots = charts.QScatterSeries()
        dots.setMarkerSize(7)

        def ms(day: dt.date) -> float:
            moment = QDateTime(day, dt.time(12), QTimeZone.utc())
            return float(moment.toMSecsSinceEpoch())

        points = data.enrollments
        if points:
            series.append(ms(points[0].day - dt.timedelta(days=1)), 0)
            previous = 0
            for point in points:
                series.append(ms(point.day), previous)  # a step: flat until the day
                series.append(ms(point.day), point.total)
                dots.append(ms(point.day), point.total)
                previous = point.total
        else:
            chart.setTitle(self.tr("Enrollments over time — nobody has enrolled yet"))
        chart.addSeries(series)
        chart.addSeries(dots)
        dots.setColor(series.color())
        dots.setBorderColor(series.color())
        x = charts.QDateTimeAxis()
        x.setFormat("d MMM")
        x.setTickCount(min(6, max(2, len(points) + 1)))
        if points:
            start = QDateTime(points[0].day - dt.timedelta(days=1), dt.time(0), QTimeZone.utc())
            end = QDateTime(points[-1].day + dt.timedelta(days=1), dt.time(0), QTimeZone.utc())
            x.setRange(start, end)
        y = self._value_axis(charts, points[-1].total if points else 1)
        y.setTitleText(self.tr("Learners"))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in (series, dots):
            s.attachAxis(x)
            s.attachAxis(y)

    def _draw_funnel(self, charts: Any, chart: Any, data: CourseInsights) -> None:
        chart.setTitle(self.tr("Completion by module"))
        categories = [self.tr("Enrolled"), *(f"{f.position}. {f.title}" for f in data.funnel)]
        values = [data.learners, *(f.completed for f in data.funnel)]
        bars = charts.QBarSet(self.tr("Learners"))
        # Horizontal bars list bottom-up: reverse, so the funnel reads from the top.
        for value in reversed(values):
            bars.append(value)
        series = charts.QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(charts.QAbstractBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        y = charts.QBarCategoryAxis()
        y.append([_short(c) for c in reversed(categories)])
        x = self._value_axis(charts, max(values))
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)

    def _draw_scores(self, charts: Any, chart: Any, data: CourseInsights) -> None:
        chart.setTitle(
            self.tr("Assessment scores")
            if data.attempts
            else self.tr("Assessment scores — no graded attempts yet")
        )
        bars = charts.QBarSet(self.tr("Attempts"))
        for b in data.scores:
            bars.append(b.count)
        series = charts.QBarSeries()
        series.append(bars)
        series.setBarWidth(0.9)
        chart.addSeries(series)
        x = charts.QBarCategoryAxis()
        x.append([f"{b.label} %" for b in data.scores])
        x.setTitleText(self.tr("Score"))
        y = self._value_axis(charts, max((b.count for b in data.scores), default=0))
        y.setTitleText(self.tr("Attempts"))
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)


def _round_steps() -> Iterator[int]:
    """1, 2, 5, 10, 20, 50, …"""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            yield factor * magnitude
        magnitude *= 10


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
