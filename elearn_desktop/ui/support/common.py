"""Small pieces the support pages share: headings, a message banner, tables, dates in
words, dialogs (module functions, so tests can stand in for the person), and the avatar
loader (off the GUI thread)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlparse

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QItemSelectionModel,
    QRectF,
    QSize,
    Qt,
    QTime,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_TIMEOUT_S = 5.0


class KeptTexts:
    """Mixin for widgets (put it before the Qt class in the bases): texts set through
    :meth:`keep` are set again in the new language when the language changes."""

    def keep(self, source: str, *setters: Callable[[str], object]) -> str:
        """Give ``source`` (marked with ``QT_TRANSLATE_NOOP(<this class>, ...)``),
        translated, to every setter now and after each language switch."""
        text: str = self.tr(source)  # type: ignore[attr-defined]
        for setter in setters:
            setter(text)
        kept: list[tuple[str, tuple[Callable[[str], object], ...]]]
        kept = self.__dict__.setdefault("_kept_texts", [])
        kept.append((source, setters))
        return text

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for source, setters in self.__dict__.get("_kept_texts", []):
                text = self.tr(source)  # type: ignore[attr-defined]
                for setter in setters:
                    setter(text)
        super().changeEvent(event)  # type: ignore[misc]


def heading(text: str, *, scale: float = 1.3) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def muted_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText,
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
    )
    label.setPalette(palette)
    return label


def when(moment: dt.datetime | None) -> str:
    """'12 Nov 2026 14:05' in local time; '—' for nothing."""
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%d %b %Y %H:%M")


def day(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.astimezone().strftime("%d %b %Y")


def yes_no(value: bool | None) -> str:
    if value is None:
        return "—"
    return (
        QCoreApplication.translate("Support", "Yes")
        if value
        else QCoreApplication.translate("Support", "No")
    )


def table_view(name: str, *, multi: bool = False) -> QTableView:
    """``name``: English, marked with ``QT_TRANSLATE_NOOP("Support", ...)`` by the caller;
    the object name comes from it, the accessible name is its translation."""
    view = QTableView()
    view.setAccessibleName(QCoreApplication.translate("Support", name))
    view.setObjectName(name.replace(" ", "_").lower())
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def size_columns(view: QTableView, widths: Sequence[int]) -> None:
    """Column widths in characters (never ResizeToContents: that reads every row)."""
    char = view.fontMetrics().averageCharWidth()
    for column, chars in enumerate(widths):
        view.setColumnWidth(column, chars * char + 16)


def large_table_view(name: str, model: QAbstractItemModel) -> QTableView:
    """A multi-selection table for very many rows.

    ``QHeaderView`` asks, while painting each section, whether its neighbours are
    selected (for the style), even with section highlighting off; with every row of a
    100k-row table selected that walks every row of every column through the Python
    model — seconds per paint. Highlighting is off for our tables, so the header gets a
    selection model of its own that never holds a selection: it paints exactly as before
    and never asks. (The view keeps its real selection model; set after ``setModel``,
    which would hand the header the view's.)
    """
    view = table_view(name, multi=True)
    view.setModel(model)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSelectionModel(QItemSelectionModel(model, header))
    return view


class Banner(QFrame):
    """One line of news about the last action: what happened, or why it did not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(self.tr("Message"))
        close = QPushButton("✕")
        close.setFlat(True)
        close.setAccessibleName(self.tr("Dismiss message"))
        close.setFixedWidth(28)
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(close)
        self.kind = ""
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.kind = "error" if error else "info"
        self.label.setText(("⚠ " if error else "✓ ") + text)
        colour = QColor("#b3261e") if error else QColor("#1e6b32")
        self.setStyleSheet(
            f"#banner {{ border: 1px solid {colour.name()}; border-radius: 4px; }}"
            f"#banner QLabel {{ color: {colour.name()}; }}"
        )
        self.show()


def error_text(exc: BaseException) -> str:
    """An error in words; never a traceback (the full story is in the log)."""
    from elearn_desktop.domain.errors import ElearnError

    if isinstance(exc, ElearnError):
        return str(exc)
    first = str(exc).strip().splitlines()
    return QCoreApplication.translate("Support", "Something went wrong: {error}").format(
        error=first[0] if first else type(exc).__name__
    )


# ----------------------------------------------------------------------------- dialogs
# Module functions so tests can answer for the person (monkeypatch them).


def confirm(parent: QWidget, title: str, text: str, *, action: str = "") -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    go = box.addButton(
        action or QCoreApplication.translate("Support", "OK"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is go


def ask_choice(parent: QWidget, title: str, label: str, choices: Sequence[str]) -> str | None:
    choice, ok = QInputDialog.getItem(parent, title, label, list(choices), 0, False)
    return choice if ok and choice else None


def ask_date(
    parent: QWidget, title: str, label: str, *, initial: dt.datetime, minimum: dt.datetime
) -> dt.datetime | None:
    """A date and time (local), returned in UTC."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateTimeEdit(QDateTime(initial.astimezone().replace(tzinfo=None)))
    edit.setCalendarPopup(True)
    edit.setMinimumDateTime(QDateTime(minimum.astimezone().replace(tzinfo=None)))
    edit.setDisplayFormat("dd MMM yyyy HH:mm")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(label, edit)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return qdatetime_to_utc(edit.dateTime())


def qdatetime_to_utc(value: QDateTime) -> dt.datetime:
    local = value.toPython()
    assert isinstance(local, dt.datetime)
    return local.astimezone().astimezone(dt.UTC)


def qdate_start_utc(value: QDate) -> dt.datetime:
    """The start of a local calendar day, in UTC."""
    local = QDateTime(value, QTime(0, 0)).toPython()
    assert isinstance(local, dt.datetime)
    return local.astimezone().astimezone(dt.UTC)


def show_temporary_password(parent: QWidget, name: str, password: str) -> None:
    """Show the new password once, with a copy button (it is never stored)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("Support", "Temporary password"))
    field = QLineEdit(password)
    field.setReadOnly(True)
    field.setFont(QFont("monospace"))
    field.setAccessibleName(QCoreApplication.translate("Support", "Temporary password"))
    copy = QPushButton(QCoreApplication.translate("Support", "Copy"))
    copy.clicked.connect(lambda: QApplication.clipboard().setText(password))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(copy)
    column = QVBoxLayout(dialog)
    column.addWidget(
        QLabel(
            QCoreApplication.translate(
                "Support",
                "{name}'s temporary password. Tell it to them in a safe way; it is shown only "
                "this once.",
            ).format(name=name)
        )
    )
    column.addLayout(row)
    column.addWidget(buttons)
    dialog.exec()


def choose_export_path(parent: QWidget, suggested: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Support", "Export account data"),
        str(Path.home() / suggested),
        QCoreApplication.translate("Support", "JSON (*.json)"),
    )
    return Path(path) if path else None


def combo(items: Sequence[tuple[str, object]], name: str) -> QComboBox:
    box = QComboBox()
    # Follows its texts (a language switch renames the items while it is shown).
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    box.setAccessibleName(name)
    for text, data in items:
        box.addItem(text, data)
    return box


# ------------------------------------------------------------------------------ avatar


def load_avatar_image(url: str) -> QImage | None:
    """Fetch and decode an avatar (runs on a worker thread: QImage, never QPixmap).

    ``file:`` URLs and plain paths are read from disk; ``http(s)`` is fetched with httpx
    (imported here: it is not needed before the first paint), at most 2 MB, 5 s.
    """
    parsed = urlparse(url)
    data: bytes
    if parsed.scheme in ("http", "https"):
        import httpx

        with (
            httpx.Client(timeout=AVATAR_TIMEOUT_S, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            response.raise_for_status()
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > AVATAR_MAX_BYTES:
                    raise ValueError(
                        QCoreApplication.translate(
                            "Support", "the avatar image is larger than 2 MB"
                        )
                    )
                chunks.append(chunk)
            data = b"".join(chunks)
    elif parsed.scheme in ("file", ""):
        path = Path(parsed.path if parsed.scheme == "file" else url)
        if path.stat().st_size > AVATAR_MAX_BYTES:
            raise ValueError(
                QCoreApplication.translate("Support", "the avatar image is larger than 2 MB")
            )
        data = path.read_bytes()
    else:
        raise ValueError(
            QCoreApplication.translate(
                "Support", "cannot load an avatar from a {scheme}: address"
            ).format(scheme=parsed.scheme)
        )
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError(QCoreApplication.translate("Support", "the avatar is not an image"))
    return image.scaled(
        256, 256, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def round_avatar(image: QImage | None, initials: str, size: int) -> QPixmap:
    """A round avatar: the image, or the person's initials on a colour of their own."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    clip = QPainterPath()
    clip.addEllipse(QRectF(0, 0, size, size))
    painter.setClipPath(clip)
    if image is not None and not image.isNull():
        scaled = image.scaled(
            size,
            size,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        painter.drawImage((size - scaled.width()) // 2, (size - scaled.height()) // 2, scaled)
    else:
        hue = sum(map(ord, initials)) * 47 % 360
        painter.fillRect(0, 0, size, size, QColor.fromHsl(hue, 110, 110))
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(max(8, size * 2 // 5))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials or "?")
    painter.end()
    return pixmap


def initials_of(first: str | None, last: str | None, email: str) -> str:
    letters = [p[0] for p in (first, last) if p]
    return ("".join(letters) or email[:1]).upper()
