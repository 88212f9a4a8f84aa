"""The publish workflow's dialog: the checks before publishing, the warning before hiding.

Publishing lists what must be fixed first, in words (the checks run off the GUI thread
while the dialog says so); unpublishing and archiving say how many learners are enrolled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.services.authoring import EnrolmentCount
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

PUBLISH = "published"
UNPUBLISH = "draft"
ARCHIVE = "archived"

_ACTIONS = {
    PUBLISH: (
        QT_TRANSLATE_NOOP("PublishDialog", "Publish course"),
        QT_TRANSLATE_NOOP("PublishDialog", "Publish"),
    ),
    UNPUBLISH: (
        QT_TRANSLATE_NOOP("PublishDialog", "Unpublish course"),
        QT_TRANSLATE_NOOP("PublishDialog", "Unpublish"),
    ),
    ARCHIVE: (
        QT_TRANSLATE_NOOP("PublishDialog", "Archive course"),
        QT_TRANSLATE_NOOP("PublishDialog", "Archive"),
    ),
}


class PublishDialog(QDialog):
    """Confirm a status change of the course titled ``course_title``.

    ``check`` runs on a worker thread: for publishing it returns the problems (a list of
    sentences, empty when the course can be published); for unpublishing and archiving an
    :class:`EnrolmentCount`. The confirm button is enabled only when the change may go on.
    """

    def __init__(
        self,
        *,
        course_title: str,
        action: str,
        check: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        english_title, english_verb = _ACTIONS[action]
        title, verb = self.tr(english_title), self.tr(english_verb)
        self.setWindowTitle(
            self.tr("{title} — {course_title}").format(title=title, course_title=course_title)
        )
        self.action = action
        self.problems: list[str] = []
        self.heading = QLabel(self.tr("Checking the course…"))
        self.heading.setObjectName("publishHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("publishProblems")
        self.problem_list.setAccessibleName(self.tr("Problems to fix before publishing"))
        self.problem_list.setWordWrap(True)
        self.problem_list.setAlternatingRowColors(True)
        self.problem_list.hide()
        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(verb)
        self.confirm_button.setObjectName("publishConfirm")
        self.confirm_button.setEnabled(False)
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.detail)
        layout.addWidget(self.problem_list, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 360 if action == PUBLISH else 200)
        BackgroundOp(check, label=f"{english_verb.lower()} check").on_success(
            self._show
        ).on_failure(self._failed).run(parent=self)

    def _show(self, result: Any) -> None:
        if self.action == PUBLISH:
            self._show_problems(list(result))
        else:
            self._show_enrolment(result)

    def _show_problems(self, problems: list[str]) -> None:
        self.problems = problems
        if not problems:
            self.heading.setText(self.tr("Ready to publish."))
            self.detail.setText(
                self.tr(
                    "Every check passed. Once published, learners find the course in the catalog."
                )
            )
            self.confirm_button.setEnabled(True)
            self.confirm_button.setFocus()
            return
        count = len(problems)
        self.heading.setText(
            self.tr("Fix this before publishing:")
            if count == 1
            else self.tr("Fix these {count} things before publishing:").format(count=count)
        )
        self.detail.setText(self.tr("The course stays a draft until then; nothing was changed."))
        self.problem_list.show()
        for problem in problems:
            item = QListWidgetItem(icon("lesson"), problem)
            item.setToolTip(problem)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.problem_list.addItem(item)

    def _show_enrolment(self, enrolled: EnrolmentCount) -> None:
        unpublish = self.action == UNPUBLISH
        if enrolled.learners:
            question = (
                self.tr("Really unpublish it?") if unpublish else self.tr("Really archive it?")
            )
            self.heading.setText(
                self.tr("%n learner(s) enrolled.", "", enrolled.learners) + " " + question
            )
            self.detail.setText(
                self.tr(
                    "Enrolled learners keep their progress, but the course leaves the catalog "
                    "and they can no longer open it until it is published again."
                )
            )
        else:
            self.heading.setText(
                self.tr("No learners are enrolled. Unpublish the course?")
                if unpublish
                else self.tr("No learners are enrolled. Archive the course?")
            )
            self.detail.setText(self.tr("It leaves the catalog; you can publish it again later."))
        self.confirm_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.heading.setText(self.tr("The check could not run."))
        self.detail.setText(str(exc) or type(exc).__name__)
