"""Learn › My progress: charts of time studied per week, completion per course, scores.

QtCharts is imported only when the page first builds its charts (start-up time is a
measured goal); if it cannot be imported the page says so in words and still shows the
figures as text. Every chart has a one-line summary above it, for people who would rather
read (or whose screen reader cannot read a chart).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QMargins,
    Qt,
)
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.services import learning_overview
from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.learning_overview import ProgressStats
from elearn_desktop.ui.learn.widgets import (
    describe_failure,
    heading,
    muted_label,
    seconds_text,
)
from elearn_desktop.ui.ops import BackgroundOp

CHART_HEIGHT = 280
# The three sections (and their charts' accessible names); translated where shown.
SECTION_TITLES = {
    "weeks": QT_TRANSLATE_NOOP("ProgressPage", "Time studied per week"),
    "courses": QT_TRANSLATE_NOOP("ProgressPage", "Completion per course"),
    "scores": QT_TRANSLATE_NOOP("ProgressPage", "Assessment scores over time"),
}


def _day_month(day: dt.date) -> str:
    """'12 Oct' in English, '12.10.' in German (short enough for a chart's axis)."""
    return QLocale().toString(day, _day_month_format())


def _day_month_format() -> str:
    # A QDate format (d, M, MMM): each language writes a short date its own way.
    return QCoreApplication.translate("ProgressPage", "d MMM")


def load_qtcharts() -> Any | None:
    """The QtCharts module, or None when it cannot be imported."""
    try:
        from PySide6 import QtCharts
    except ImportError:
        return None
    return QtCharts


def _dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


class ProgressPage(QWidget):
    """Three charts over ``learning_overview.progress_stats``."""

    def __init__(self, session: SignedIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPage")
        self._uow: UnitOfWorkFactory | None = None
        self._user_id: uuid.UUID | None = None
        self.stats: ProgressStats | None = None
        self.charts_module: Any | None = None
        self.charts: dict[str, Any] = {}  # name -> QChart
        self.chart_views: dict[str, Any] = {}  # name -> QChartView
        self.week_series: Any | None = None  # QBarSeries
        self.course_series: Any | None = None  # QHorizontalBarSeries
        self.score_series: dict[str, Any] = {}  # assessment title -> QLineSeries
        self.passing_series: Any | None = None  # QLineSeries

        self.status = muted_label(self.tr("Loading…"))
        self.status.setObjectName("progressStatus")
        self.week_summary = QLabel()
        self.course_summary = QLabel()
        self.score_summary = QLabel()
        for label in (self.week_summary, self.course_summary, self.score_summary):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.unavailable = QLabel()
        self.unavailable.setWordWrap(True)
        self.unavailable.hide()

        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1)
        self.section_headings: dict[str, QLabel] = {}
        self._grid.addWidget(self._section("weeks", self.week_summary), 0, 0)
        self._grid.addWidget(self._section("courses", self.course_summary), 0, 1)
        self._grid.addWidget(self._section("scores", self.score_summary), 2, 0, 1, 2)
        self._slots = {"weeks": (1, 0, 1, 1), "courses": (1, 1, 1, 1), "scores": (3, 0, 1, 2)}

        body = QWidget()
        column = QVBoxLayout(body)
        self.page_heading = heading("")
        column.addWidget(self.page_heading)
        column.addWidget(self.status)
        column.addWidget(self.unavailable)
        column.addLayout(self._grid)
        column.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate()

        if session is not None:
            self.set_session(session)

    def retranslate(self) -> None:
        """Fixed texts in the current language; loaded figures are shown again in it."""
        self.page_heading.setText(self.tr("My progress"))
        self.page_heading.setAccessibleName(self.tr("My progress"))
        self.scroll.setAccessibleName(self.tr("My progress"))
        for name, label in self.section_headings.items():
            label.setText(self.tr(SECTION_TITLES[name]))
            label.setAccessibleName(self.tr(SECTION_TITLES[name]))
        if self.stats is not None:
            self.show_stats(self.stats)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _section(self, name: str, summary: QLabel) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        self.section_headings[name] = heading("", scale=1.1)
        column.addWidget(self.section_headings[name])
        column.addWidget(summary)
        return box

    # -- data ----------------------------------------------------------------------------

    def set_session(self, session: SignedIn) -> None:
        if session.backend is None:
            self._uow, self._user_id = None, None
            self.status.setText(self.tr("Your progress needs a connection to the server."))
            return
        self._uow, self._user_id = session.backend.uow, session.user.id

    def refresh(self) -> None:
        uow, user_id = self._uow, self._user_id
        if uow is None or user_id is None:
            return
        self.status.setText(self.tr("Loading…"))
        BackgroundOp(
            lambda: learning_overview.progress_stats(uow, user_id), label="load progress stats"
        ).on_success(self.show_stats).on_failure(self._show_error).run(parent=self)

    def _show_error(self, exc: BaseException) -> None:
        self.status.setText(
            self.tr("Could not load your progress: {0}").format(describe_failure(exc))
        )

    def show_stats(self, stats: ProgressStats) -> None:
        self.stats = stats
        if stats.total_seconds:
            studied = self.tr("{0} studied in the last %n week(s)", "", len(stats.weeks)).format(
                seconds_text(stats.total_seconds)
            )
        else:
            studied = self.tr("Nothing studied in the last %n week(s)", "", len(stats.weeks))
        self.status.setText(
            " · ".join(
                (
                    studied,
                    self.tr("%n course(s)", "", len(stats.courses)),
                    self.tr("%n graded attempt(s)", "", len(stats.scores)),
                )
            )
        )
        self._write_summaries(stats)
        if self.charts_module is None:
            self.charts_module = load_qtcharts()
        if self.charts_module is None:
            self.unavailable.setText(
                self.tr(
                    "Charts are not available on this computer (Qt Charts could not be "
                    "loaded); the figures are listed below each heading."
                )
            )
            self.unavailable.show()
            return
        self._place("weeks", self._weeks_chart(stats))
        self._place("courses", self._courses_chart(stats))
        self._place("scores", self._scores_chart(stats))

    def _write_summaries(self, stats: ProgressStats) -> None:
        best = max(stats.weeks, key=lambda w: w.seconds) if stats.weeks else None
        if best is None or best.seconds == 0:
            self.week_summary.setText(self.tr("No study time recorded in these weeks yet."))
        else:
            self.week_summary.setText(
                self.tr("{0} in all; most in the week of {1} ({2}).").format(
                    seconds_text(stats.total_seconds),
                    _day_month(best.week_start),
                    seconds_text(best.seconds),
                )
            )
        if not stats.courses:
            self.course_summary.setText(self.tr("You are not enrolled in a course yet."))
        else:
            self.course_summary.setText(
                "; ".join(f"{c.title}: {c.percentage} %" for c in stats.courses)
            )
        if not stats.scores:
            self.score_summary.setText(self.tr("No graded assessment attempts yet."))
        else:
            last = stats.scores[-1]
            passed = sum(1 for s in stats.scores if s.passed)
            if last.passed:
                latest = self.tr("latest: {0} {1} % (passed).")
            else:
                latest = self.tr("latest: {0} {1} % (not passed).")
            self.score_summary.setText(
                self.tr("%n attempt(s), {0} passed; ", "", len(stats.scores)).format(passed)
                + latest.format(last.assessment_title, last.score)
            )

    # -- charts --------------------------------------------------------------------------

    def _place(self, name: str, chart: Any) -> None:
        charts = self.charts_module
        assert charts is not None
        old = self.chart_views.pop(name, None)
        if old is not None:
            self._grid.removeWidget(old)
            old.deleteLater()
        view = charts.QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(CHART_HEIGHT)
        view.setAccessibleName(self.tr(SECTION_TITLES[name]))
        view.viewport().setAccessibleName(view.accessibleName())  # it takes the focus
        chart.setParent(view)
        self.charts[name] = chart
        self.chart_views[name] = view
        self._grid.addWidget(view, *self._slots[name])

    def _new_chart(self) -> Any:
        charts = self.charts_module
        assert charts is not None
        chart = charts.QChart()
        chart.setTheme(
            charts.QChart.ChartTheme.ChartThemeDark
            if _dark()
            else charts.QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(charts.QChart.AnimationOption.NoAnimation)
        return chart

    def _weeks_chart(self, stats: ProgressStats) -> Any:
        charts = self.charts_module
        assert charts is not None
        chart = self._new_chart()
        # Whole minutes, so the labels stay short (a week with any study shows at least 1);
        # the exact figure is in the summary above the chart.
        minutes = [
            float(max(round(week.seconds / 60), 1 if week.seconds > 0 else 0))
            for week in stats.weeks
        ]
        bars = charts.QBarSet(self.tr("Minutes studied"))
        bars.append(minutes)
        series = charts.QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        axis_x = charts.QBarCategoryAxis()
        axis_x.append([_day_month(w.week_start) for w in stats.weeks])
        axis_x.setTitleText(self.tr("week starting"))
        axis_y = charts.QValueAxis()
        axis_y.setRange(0, max([*minutes, 10.0]) * 1.1)
        axis_y.applyNiceNumbers()
        axis_y.setLabelFormat("%d")
        axis_y.setTitleText(self.tr("minutes"))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().hide()
        chart.setObjectName("Time studied per week")
        self.week_series = series
        return chart

    def _courses_chart(self, stats: ProgressStats) -> Any:
        charts = self.charts_module
        assert charts is not None
        chart = self._new_chart()
        courses = list(reversed(stats.courses))  # the first course at the top
        bars = charts.QBarSet(self.tr("Completed"))
        bars.append([float(c.percentage) for c in courses])
        series = charts.QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value %")
        chart.addSeries(series)
        axis_y = charts.QBarCategoryAxis()
        axis_y.append([self._short(c.title) for c in courses] or ["—"])
        axis_x = charts.QValueAxis()
        axis_x.setRange(0, 100)
        axis_x.setLabelFormat("%d %%")
        axis_x.setTickCount(6)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        chart.legend().hide()
        chart.setObjectName("Completion per course")
        self.course_series = series
        return chart

    @staticmethod
    def _short(title: str, limit: int = 28) -> str:
        return title if len(title) <= limit else title[: limit - 1] + "…"

    def _scores_chart(self, stats: ProgressStats) -> Any:
        charts = self.charts_module
        assert charts is not None
        chart = self._new_chart()
        axis_x = charts.QDateTimeAxis()
        axis_x.setFormat(_day_month_format())
        axis_x.setTitleText(self.tr("submitted"))
        axis_y = charts.QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setLabelFormat("%d %%")
        axis_y.setTickCount(6)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        self.score_series = {}
        self.passing_series = None
        times = [self._msecs(point.submitted_at) for point in stats.scores]
        for point in stats.scores:
            series = self.score_series.get(point.assessment_title)
            if series is None:
                series = charts.QLineSeries()
                series.setName(point.assessment_title)
                series.setPointsVisible(True)
                chart.addSeries(series)
                series.attachAxis(axis_x)
                series.attachAxis(axis_y)
                self.score_series[point.assessment_title] = series
            series.append(self._msecs(point.submitted_at), point.score)
        marks = {p.passing_score for p in stats.scores if p.passing_score}
        if len(marks) == 1 and times:
            (mark,) = marks
            passing = charts.QLineSeries()
            passing.setName(self.tr("Pass mark ({0} %)").format(mark))
            pen = QPen(QColor("#888888"))
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidth(2)
            passing.setPen(pen)
            passing.append(min(times), mark)
            passing.append(max(times), mark)
            chart.addSeries(passing)
            passing.attachAxis(axis_x)
            passing.attachAxis(axis_y)
            self.passing_series = passing
        if times:
            low, high = min(times), max(times)
            pad = max((high - low) // 10, 12 * 3600 * 1000)
            axis_x.setRange(
                QDateTime.fromMSecsSinceEpoch(low - pad), QDateTime.fromMSecsSinceEpoch(high + pad)
            )
        else:
            now = QDateTime.currentDateTime()
            axis_x.setRange(now.addDays(-28), now)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setVisible(bool(stats.scores))
        chart.setObjectName("Assessment scores over time")
        return chart

    @staticmethod
    def _msecs(moment: dt.datetime) -> int:
        aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        return int(aware.timestamp() * 1000)
