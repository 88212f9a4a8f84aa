"""The conflict dialog: someone saved a newer version of what you were editing.

Shows both versions side by side, field by field, and lets the person keep theirs (save
again over the newer version) or take the other one (discard their edit).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.ui.models import minutes_text

KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"

FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("ConflictDialog", "Title"),
    "description": QT_TRANSLATE_NOOP("ConflictDialog", "Description"),
    "slug": QT_TRANSLATE_NOOP("ConflictDialog", "Slug"),
    "thumbnail_url": QT_TRANSLATE_NOOP("ConflictDialog", "Thumbnail"),
    "level": QT_TRANSLATE_NOOP("ConflictDialog", "Level"),
    "status": QT_TRANSLATE_NOOP("ConflictDialog", "Status"),
    "duration": QT_TRANSLATE_NOOP("ConflictDialog", "Duration"),
    "video_asset_id": QT_TRANSLATE_NOOP("ConflictDialog", "Video"),
}


def _shown(name: str, value: Any) -> str:
    if value is None or value == "":
        if name == "slug":
            return QCoreApplication.translate("ConflictDialog", "(generated from the title)")
        return QCoreApplication.translate("ConflictDialog", "(empty)")
    if name == "duration":
        return minutes_text(int(value))
    return str(value)


class ConflictDialog(QDialog):
    """``choice`` is :data:`KEEP_MINE` or :data:`TAKE_THEIRS` after ``exec()``."""

    def __init__(
        self,
        *,
        message: str,
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Someone else changed this"))
        self.choice = TAKE_THEIRS
        intro = QLabel(message)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(mine), 3)
        self.table.setObjectName("conflictTable")
        self.table.setAccessibleName(self.tr("Both versions"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your version"), self.tr("Their version (saved)")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, name in enumerate(mine):
            cells = (
                QCoreApplication.translate(
                    "ConflictDialog", FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
                ),
                _shown(name, mine[name]),
                _shown(name, theirs.get(name)),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column > 0 and mine[name] != theirs.get(name):
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(
            rows_height + self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        )
        buttons = QDialogButtonBox()
        self.keep_button = QPushButton(self.tr("Keep mine"))
        self.keep_button.setToolTip(self.tr("Save your version over the newer one"))
        self.take_button = QPushButton(self.tr("Take theirs"))
        self.take_button.setToolTip(self.tr("Discard your edit and show the saved version"))
        self.take_button.setDefault(True)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.clicked.connect(self._keep)
        self.take_button.clicked.connect(self._take)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def _keep(self) -> None:
        self.choice = KEEP_MINE
        self.accept()

    def _take(self) -> None:
        self.choice = TAKE_THEIRS
        self.reject()
