"""Support › Insights: live subscriptions per plan; sign-ups and deactivations per month.

QtCharts is imported when the charts are first built (start-up time is a measured goal);
without it the page says so and still shows the figures as text. Each chart has a line of
text above it that says what it shows.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from elearn_desktop.services.auth import SignedIn
from elearn_desktop.services.support_plans import Insights, insights
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.support.common import error_text, heading, muted_label

CHART_HEIGHT = 320
SIGNUP_COLOUR = QColor("#2e7d32")
DEACTIVATION_COLOUR = QColor("#c62828")
PLAN_COLOUR = QColor("#1565c0")


def load_qtcharts() -> Any | None:
    """The QtCharts module, or None when it cannot be imported."""
    try:
        from PySide6 import QtCharts
    except ImportError:
        return None
    return QtCharts


class InsightsPage(QWidget):
    def __init__(self, session: SignedIn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightsPage")
        self.session: SignedIn | None = None
        self.facts: Insights | None = None
        self.charts_module: Any | None = None
        self.charts: dict[str, Any] = {}  # name -> QChart
        self.chart_views: dict[str, Any] = {}

        self.status = muted_label(self.tr("Loading…"))
        self.unavailable = QLabel()
        self.unavailable.setWordWrap(True)
        self.unavailable.hide()
        self.plans_summary = QLabel()
        self.months_summary = QLabel()
        for label in (self.plans_summary, self.months_summary):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.plans_slot = QVBoxLayout()
        self.months_slot = QVBoxLayout()

        grid = QGridLayout()
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.plans_heading = heading("", scale=1.1)
        self.months_heading = heading("", scale=1.1)
        self.page_heading = heading("")
        grid.addWidget(self.plans_heading, 0, 0)
        grid.addWidget(self.plans_summary, 1, 0)
        grid.addLayout(self.plans_slot, 2, 0)
        grid.addWidget(self.months_heading, 0, 1)
        grid.addWidget(self.months_summary, 1, 1)
        grid.addLayout(self.months_slot, 2, 1)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.page_heading)
        column.addWidget(self.status)
        column.addWidget(self.unavailable)
        column.addLayout(grid)
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
        for label, text in (
            (self.plans_heading, self.tr("Live subscriptions by plan")),
            (self.months_heading, self.tr("Sign-ups and deactivations per month")),
            (self.page_heading, self.tr("Insights")),
        ):
            label.setText(text)
            label.setAccessibleName(text)
        self.scroll.setAccessibleName(self.tr("Insights"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_session(self, session: SignedIn) -> None:
        self.session = session
        if session.backend is None:
            self.status.setText(self.tr("Insights need a connection to the server."))

    def refresh(self) -> None:
        session = self.session
        if session is None or session.backend is None:
            return
        uow, actor = session.backend.uow, session.user
        self.status.setText(self.tr("Loading…"))
        BackgroundOp(lambda: insights(uow, actor=actor), label="insights").on_success(
            self.show_insights
        ).on_failure(
            lambda exc: self.status.setText(
                self.tr("Could not load the insights: {error}").format(error=error_text(exc))
            )
        ).run(parent=self)

    def show_insights(self, facts: Insights) -> None:
        self.facts = facts
        live = sum(count for _name, count in facts.active_by_plan)
        self.status.setText(
            self.tr("{accounts} account(s), {active} active", "", facts.total_accounts).format(
                accounts=f"{facts.total_accounts:,}", active=f"{facts.active_accounts:,}"
            )
            + " · "
            + self.tr("{count} live subscription(s)", "", live).format(count=f"{live:,}")
        )
        self.plans_summary.setText(
            ", ".join(f"{name}: {count:,}" for name, count in facts.active_by_plan)
            or self.tr("No plans yet.")
        )
        signups = sum(m.count for m in facts.signups)
        gone = sum(m.count for m in facts.deactivations)
        self.months_summary.setText(
            self.tr(
                "Over the last {months} months: {signups:,} sign-ups, {gone:,} deactivations. "
                "This month: {month_signups:,} sign-ups, {month_gone:,} deactivations."
            ).format(
                months=len(facts.signups),
                signups=signups,
                gone=gone,
                month_signups=facts.signups[-1].count,
                month_gone=facts.deactivations[-1].count,
            )
        )
        if self.charts_module is None:
            self.charts_module = load_qtcharts()
        if self.charts_module is None:
            self.unavailable.setText(
                self.tr(
                    "Charts are not available (QtCharts could not be loaded); the figures above "
                    "are complete."
                )
            )
            self.unavailable.show()
            return
        self._place("plans", self.plans_slot, self._plans_chart(facts))
        self._place("months", self.months_slot, self._months_chart(facts))

    # -- charts ------------------------------------------------------------------------------

    def _place(self, name: str, slot: QVBoxLayout, chart: Any) -> None:
        charts = self.charts_module
        assert charts is not None
        view = self.chart_views.get(name)
        if view is None:
            view = charts.QChartView()
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(CHART_HEIGHT)
            view.setAccessibleName(name)
            slot.addWidget(view)
            self.chart_views[name] = view
        old = self.charts.get(name)
        view.setChart(chart)
        self.charts[name] = chart
        if old is not None:
            old.deleteLater()

    def _new_chart(self) -> Any:
        charts = self.charts_module
        assert charts is not None
        chart = charts.QChart()
        chart.setAnimationOptions(charts.QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setBackgroundVisible(False)
        return chart

    def _count_axis(self, top: int) -> Any:
        """A value axis of whole numbers: 0 up to a round number above ``top``."""
        charts = self.charts_module
        assert charts is not None
        step = max(1, math.ceil(top / 5))
        axis = charts.QValueAxis()
        axis.setLabelFormat("%d")
        axis.setRange(0, step * (math.ceil(top / step) + 1))
        axis.setTickType(charts.QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
        return axis

    def _plans_chart(self, facts: Insights) -> Any:
        charts = self.charts_module
        assert charts is not None
        chart = self._new_chart()
        bars = charts.QBarSet(self.tr("Live subscriptions"))
        bars.setColor(PLAN_COLOUR)
        names = [name for name, _count in facts.active_by_plan]
        for _name, count in facts.active_by_plan:
            bars.append(count)
        series = charts.QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis_x = charts.QBarCategoryAxis()
        axis_x.append(names or ["—"])
        axis_y = self._count_axis(max([count for _n, count in facts.active_by_plan] + [1]))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        chart.legend().hide()
        return chart

    def _months_chart(self, facts: Insights) -> Any:
        charts = self.charts_module
        assert charts is not None
        chart = self._new_chart()
        signups = charts.QBarSet(self.tr("Sign-ups"))
        signups.setColor(SIGNUP_COLOUR)
        gone = charts.QBarSet(self.tr("Deactivations"))
        gone.setColor(DEACTIVATION_COLOUR)
        for month in facts.signups:
            signups.append(month.count)
        for month in facts.deactivations:
            gone.append(month.count)
        series = charts.QBarSeries()
        series.append(signups)
        series.append(gone)
        chart.addSeries(series)
        axis_x = charts.QBarCategoryAxis()
        axis_x.append([f"{m.month:%b %y}" for m in facts.signups])
        top = max([m.count for m in (*facts.signups, *facts.deactivations)] + [1])
        axis_y = self._count_axis(top)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        return chart
