"""The property panel of the course editor: the fields of the selected course, module or lesson.

What the person types is an edit in progress (the panel is *dirty*) until they save it
(Save, Ctrl+S or Enter); then the panel emits ``fields_submitted`` with the old and the new
values and the editor turns that into an undo command. Every field is validated as it is
typed, with the message right below it; Save is enabled only when nothing is wrong.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from elearn_desktop.domain import publishing
from elearn_desktop.domain.publishing import FieldProblem
from elearn_desktop.domain.validation import slugify
from elearn_desktop.services.authoring import CourseDraft, LessonDraft, ModuleDraft
from elearn_desktop.ui.author.course_tree_model import COURSE, LESSON, MODULE
from elearn_desktop.ui.author.courses_page import status_word
from elearn_desktop.ui.models import minutes_text
from elearn_desktop.ui.ops import BackgroundOp

THUMBNAIL_PREVIEW = QSize(192, 108)
IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "PropertyPanel", "Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp);;All files (*)"
)
_ERROR_STYLE = "color: #c62828;"
MAX_THUMBNAIL_BYTES = 5 * 1024 * 1024


def load_preview_image(address: str) -> QImage:
    """Read and scale a thumbnail (a file path, file:// or http(s) URL): on a worker thread."""
    parts = urlsplit(address)
    if parts.scheme in ("http", "https"):
        import httpx

        reply = httpx.get(address, timeout=5.0, follow_redirects=True)
        reply.raise_for_status()
        data = reply.content[: MAX_THUMBNAIL_BYTES + 1]
    else:
        path = Path(unquote(parts.path)) if parts.scheme == "file" else Path(address)
        if path.stat().st_size > MAX_THUMBNAIL_BYTES:
            raise ValueError(
                QCoreApplication.translate("PropertyPanel", "the image is larger than 5 MB")
            )
        data = path.read_bytes()
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError(QCoreApplication.translate("PropertyPanel", "not an image"))
    return image.scaled(
        THUMBNAIL_PREVIEW,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(f"{name}Error")
    label.setStyleSheet(_ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class _Field:
    """An input and the message shown under it."""

    def __init__(self, name: str, widget: QWidget) -> None:
        self.name = name
        self.widget = widget
        self.error = _error_label(name)

    def show_problem(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class PropertyPanel(QWidget):
    fields_submitted = Signal(str, object, dict, dict)  # kind, node id, old values, new values
    dirty_changed = Signal(bool)
    attach_video_requested = Signal(object)  # lesson id
    remove_video_requested = Signal(object)  # lesson id
    preview_video_requested = Signal(object)  # lesson id
    status_change_requested = Signal(str)  # the new status
    slug_check_requested = Signal(str)
    thumbnail_file_chosen = Signal(str)  # a local image to copy into the media library

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propertyPanel")
        self.kind: str | None = None
        self.draft: CourseDraft | ModuleDraft | LessonDraft | None = None
        self._original: dict[str, Any] = {}
        self._dirty = False
        self._loading = False
        self._read_only = False
        self._slug_owner: tuple[str, str | None] | None = None  # (slug, owning course title)
        # Form rows: (label, its English text, the widget named after it).
        self._row_labels: list[tuple[QLabel, str, QWidget | None]] = []

        self.heading = QLabel(self.tr("Select the course, a module or a lesson."))
        self.heading.setObjectName("propertyHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.dirty_label = QLabel(self.tr("● Unsaved changes"))
        self.dirty_label.setObjectName("dirtyIndicator")
        self.dirty_label.setStyleSheet("color: #b26a00;")
        self.dirty_label.hide()
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())  # nothing selected
        self.pages.addWidget(self._build_course_page())
        self.pages.addWidget(self._build_module_page())
        self.pages.addWidget(self._build_lesson_page())

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("propertySave")
        self.save_button.setToolTip(self.tr("Save these fields (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setToolTip(self.tr("Discard what you typed"))
        self.save_button.clicked.connect(self.submit)
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.dirty_label)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.save_action = QAction(self.tr("Save fields"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.submit)
        self.addAction(self.save_action)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._slug_timer = QTimer(self, singleShot=True, interval=400)
        self._slug_timer.timeout.connect(self._request_slug_check)
        self._thumb_timer = QTimer(self, singleShot=True, interval=400)
        self._thumb_timer.timeout.connect(self._load_thumbnail)
        self._set_dirty(False)

    # -- pages -------------------------------------------------------------------------

    def _line(self, name: str, limit: int | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if limit:
            edit.setMaxLength(limit + 50)  # longer than allowed is shown as a problem
        edit.textChanged.connect(self._changed)
        edit.returnPressed.connect(self.submit)
        return edit

    def _text(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(70)
        edit.setMaximumHeight(150)
        edit.textChanged.connect(self._changed)
        return edit

    def _add(
        self, form: QFormLayout, label: str, field: _Field, extra: QWidget | None = None
    ) -> None:
        """A labelled field with its error line; ``label``: marked with QT_TRANSLATE_NOOP."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(extra or field.widget)
        column.addWidget(field.error)
        self._row(form, label, box, named=field.widget)

    def _row(
        self, form: QFormLayout, label: str, widget: QWidget, *, named: QWidget | None = None
    ) -> None:
        """A form row whose label (marked with QT_TRANSLATE_NOOP) follows the language."""
        form.addRow(self.tr(label), widget)
        row_label = form.labelForField(widget)
        assert isinstance(row_label, QLabel)
        self._row_labels.append((row_label, label, named))
        self._name_after_label(row_label, named)

    @staticmethod
    def _name_after_label(label: QLabel, named: QWidget | None) -> None:
        if named is not None:  # named as labelled
            named.setAccessibleName(label.text().replace("&", "").rstrip(":"))

    def _retranslate_rows(self) -> None:
        for label, source, named in self._row_labels:
            label.setText(self.tr(source))
            self._name_after_label(label, named)

    def _build_course_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.course_title = _Field("title", self._line("courseTitle", publishing.TITLE_MAX))
        self.course_slug = _Field("slug", self._line("courseSlug", publishing.SLUG_MAX))
        self.auto_slug = QCheckBox(self.tr("From the title"))
        self.auto_slug.setObjectName("autoSlug")
        self.auto_slug.setToolTip(self.tr("Generate the slug from the title (kept unique)"))
        self.auto_slug.toggled.connect(self._auto_slug_toggled)
        slug_row = QWidget()
        row = QHBoxLayout(slug_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.course_slug.widget, 1)
        row.addWidget(self.auto_slug)
        self.course_description = _Field("description", self._text("courseDescription"))
        self.course_level = _Field("level", QComboBox())
        level: QComboBox = self.course_level.widget  # type: ignore[assignment]
        level.setObjectName("courseLevel")
        level.setEditable(True)
        level.addItems(["", *publishing.LEVELS])
        level.currentTextChanged.connect(self._changed)
        self.course_thumbnail = _Field(
            "thumbnail_url", self._line("courseThumbnail", publishing.THUMBNAIL_URL_MAX)
        )
        self.thumbnail_button = QPushButton(self.tr("Choose image…"))
        self.thumbnail_button.clicked.connect(self._choose_thumbnail)
        self.thumbnail_preview = QLabel(self.tr("No image"))
        self.thumbnail_preview.setObjectName("thumbnailPreview")
        self.thumbnail_preview.setFixedSize(THUMBNAIL_PREVIEW)
        self.thumbnail_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail_preview.setStyleSheet("border: 1px solid palette(mid); color: gray;")
        thumb = QWidget()
        thumb_layout = QVBoxLayout(thumb)
        thumb_layout.setContentsMargins(0, 0, 0, 0)
        thumb_row = QHBoxLayout()
        thumb_row.addWidget(self.course_thumbnail.widget, 1)
        thumb_row.addWidget(self.thumbnail_button)
        thumb_layout.addLayout(thumb_row)
        thumb_layout.addWidget(self.thumbnail_preview)
        self.course_thumbnail.widget.textChanged.connect(lambda _t: self._thumb_timer.start())
        self.course_duration = QLabel()
        self.course_duration.setObjectName("courseDuration")
        self.course_status = QLabel()
        self.course_status.setObjectName("courseStatus")
        self.publish_button = QPushButton(self.tr("Publish…"))
        self.publish_button.setObjectName("publishButton")
        self.unpublish_button = QPushButton(self.tr("Unpublish…"))
        self.archive_button = QPushButton(self.tr("Archive…"))
        self.publish_button.clicked.connect(lambda: self.status_change_requested.emit("published"))
        self.unpublish_button.clicked.connect(lambda: self.status_change_requested.emit("draft"))
        self.archive_button.clicked.connect(lambda: self.status_change_requested.emit("archived"))
        status_row = QWidget()
        status_layout = QHBoxLayout(status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.addWidget(self.course_status)
        status_layout.addStretch(1)
        for button in (self.publish_button, self.unpublish_button, self.archive_button):
            status_layout.addWidget(button)
        self._add(form, QT_TRANSLATE_NOOP("PropertyPanel", "&Title:"), self.course_title)
        self._add(form, QT_TRANSLATE_NOOP("PropertyPanel", "&Slug:"), self.course_slug, slug_row)
        self._add(
            form, QT_TRANSLATE_NOOP("PropertyPanel", "&Description:"), self.course_description
        )
        self._add(form, QT_TRANSLATE_NOOP("PropertyPanel", "&Level:"), self.course_level)
        self._add(
            form, QT_TRANSLATE_NOOP("PropertyPanel", "T&humbnail:"), self.course_thumbnail, thumb
        )
        self._row(form, QT_TRANSLATE_NOOP("PropertyPanel", "Duration:"), self.course_duration)
        self._row(form, QT_TRANSLATE_NOOP("PropertyPanel", "Status:"), status_row)
        return self._top_aligned(page)

    def _build_module_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.module_title = _Field("title", self._line("moduleTitle", publishing.TITLE_MAX))
        self.module_description = _Field("description", self._text("moduleDescription"))
        self.module_info = QLabel()
        self._add(form, QT_TRANSLATE_NOOP("PropertyPanel", "&Title:"), self.module_title)
        self._add(
            form, QT_TRANSLATE_NOOP("PropertyPanel", "&Description:"), self.module_description
        )
        self._row(form, QT_TRANSLATE_NOOP("PropertyPanel", "Contents:"), self.module_info)
        return self._top_aligned(page)

    def _build_lesson_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.lesson_title = _Field("title", self._line("lessonTitle", publishing.TITLE_MAX))
        self.lesson_description = _Field("description", self._text("lessonDescription"))
        spin = QSpinBox()
        spin.setObjectName("lessonDuration")
        spin.setRange(0, publishing.LESSON_DURATION_MAX)
        spin.setSuffix(self.tr(" min"))
        spin.setSpecialValueText("—")
        spin.valueChanged.connect(self._changed)
        self.lesson_duration = _Field("duration", spin)
        self.video_label = QLabel()
        self.video_label.setObjectName("lessonVideo")
        self.video_label.setWordWrap(True)
        self.attach_button = QPushButton(self.tr("Attach video…"))
        self.attach_button.setObjectName("attachVideo")
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.remove_video_button = QPushButton(self.tr("Remove video"))
        self.attach_button.clicked.connect(lambda: self._lesson_signal(self.attach_video_requested))
        self.preview_button.clicked.connect(
            lambda: self._lesson_signal(self.preview_video_requested)
        )
        self.remove_video_button.clicked.connect(
            lambda: self._lesson_signal(self.remove_video_requested)
        )
        video = QWidget()
        video_layout = QVBoxLayout(video)
        video_layout.setContentsMargins(0, 0, 0, 0)
        video_layout.addWidget(self.video_label)
        video_buttons = QHBoxLayout()
        for button in (self.attach_button, self.preview_button, self.remove_video_button):
            video_buttons.addWidget(button)
        video_buttons.addStretch(1)
        video_layout.addLayout(video_buttons)
        self._add(form, QT_TRANSLATE_NOOP("PropertyPanel", "&Title:"), self.lesson_title)
        self._add(
            form, QT_TRANSLATE_NOOP("PropertyPanel", "&Description:"), self.lesson_description
        )
        self._add(form, QT_TRANSLATE_NOOP("PropertyPanel", "D&uration:"), self.lesson_duration)
        self._row(form, QT_TRANSLATE_NOOP("PropertyPanel", "Video:"), video)
        return self._top_aligned(page)

    @staticmethod
    def _top_aligned(page: QWidget) -> QWidget:
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(page)
        column.addStretch(1)
        return holder

    def _lesson_signal(self, signal: Any) -> None:
        if self.kind == LESSON and self.draft is not None:
            signal.emit(self.draft.id)

    # -- showing -----------------------------------------------------------------------

    @property
    def node_id(self) -> uuid.UUID | None:
        return self.draft.id if self.draft is not None else None

    def is_dirty(self) -> bool:
        return self._dirty

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        editable = not self._read_only
        for widget in self.pages.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(
                    not editable
                    or (widget is self.course_slug.widget and self.auto_slug.isChecked())
                )
            elif isinstance(widget, (QPushButton, QComboBox, QSpinBox, QCheckBox)):
                widget.setEnabled(editable)
        if editable and self.kind == COURSE and isinstance(self.draft, CourseDraft):
            status = self.draft.status
            self.publish_button.setEnabled(publishing.can_transition(status, "published"))
            self.unpublish_button.setEnabled(publishing.can_transition(status, "draft"))
            self.archive_button.setEnabled(publishing.can_transition(status, "archived"))
        if editable and self.kind == LESSON and isinstance(self.draft, LessonDraft):
            has_video = self.draft.video is not None
            self.preview_button.setEnabled(has_video)
            self.remove_video_button.setEnabled(has_video)
            # A video lesson lasts as long as its video.
            self.lesson_duration.widget.setEnabled(not has_video)

    def changeEvent(self, event: QEvent) -> None:
        """Buttons follow a language switch; labels and the shown node's texts follow the
        next time a node is shown."""
        if event.type() == QEvent.Type.LanguageChange:
            for button, text in (
                (self.save_button, self.tr("Save")),
                (self.revert_button, self.tr("Revert")),
                (self.thumbnail_button, self.tr("Choose image…")),
                (self.publish_button, self.tr("Publish…")),
                (self.unpublish_button, self.tr("Unpublish…")),
                (self.archive_button, self.tr("Archive…")),
                (self.preview_button, self.tr("Preview…")),
                (self.remove_video_button, self.tr("Remove video")),
            ):
                button.setText(text)
            self.save_button.setToolTip(self.tr("Save these fields (Ctrl+S)"))
            self.revert_button.setToolTip(self.tr("Discard what you typed"))
            self.auto_slug.setText(self.tr("From the title"))
            self._retranslate_rows()
            if not self._current_thumbnail():
                self.thumbnail_preview.setText(self.tr("No image"))
            self.save_action.setText(self.tr("Save fields"))
            if self.kind is None:
                self.heading.setText(self.tr("Select the course, a module or a lesson."))
            elif self.draft is not None and not self._dirty:  # never drop typed changes
                self.show_node(self.kind, self.draft)  # the heading and the node's texts
        super().changeEvent(event)

    def show_node(self, kind: str | None, draft: Any) -> None:
        """Show ``draft`` (None: nothing selected), dropping any edit in progress."""
        self._loading = True
        try:
            self.kind, self.draft = kind, draft
            self._slug_owner = None
            if kind == COURSE:
                self._show_course(draft)
            elif kind == MODULE:
                self._show_module(draft)
            elif kind == LESSON:
                self._show_lesson(draft)
            else:
                self.pages.setCurrentIndex(0)
                self.heading.setText(self.tr("Select the course, a module or a lesson."))
            self._original = self._values()
        finally:
            self._loading = False
        self._apply_read_only()
        self._validate()
        self._set_dirty(False)

    def refresh(self, draft: Any) -> None:
        """The shown node changed in the database: show it, unless an edit is in progress."""
        if self._dirty:
            self.draft = draft  # keep what is typed; read-only parts follow the new draft
            self._apply_read_only()
            return
        self.show_node(self.kind, draft)

    def _show_course(self, course: CourseDraft) -> None:
        self.pages.setCurrentIndex(1)
        self.heading.setText(self.tr("Course"))
        self.course_title.widget.setText(course.title)  # type: ignore[attr-defined]
        self.course_slug.widget.setText(course.slug)  # type: ignore[attr-defined]
        self.auto_slug.setChecked(course.slug == slugify(course.title))
        self.course_description.widget.setPlainText(course.description or "")  # type: ignore[attr-defined]
        self.course_level.widget.setCurrentText(course.level or "")  # type: ignore[attr-defined]
        self.course_thumbnail.widget.setText(course.thumbnail_url or "")  # type: ignore[attr-defined]
        self.course_duration.setText(
            self.tr("{duration} (the sum of its lessons)").format(
                duration=minutes_text(course.duration_minutes)
            )
        )
        self.course_status.setText(status_word(course.status))

    def _show_module(self, module: ModuleDraft) -> None:
        self.pages.setCurrentIndex(2)
        self.heading.setText(self.tr("Module"))
        self.module_title.widget.setText(module.title)  # type: ignore[attr-defined]
        self.module_description.widget.setPlainText(module.description or "")  # type: ignore[attr-defined]
        lessons, minutes = module.lesson_count, module.minutes
        self.module_info.setText(
            "…"  # a big course's module, not counted yet (lazy loading, issue #8)
            if lessons is None or minutes is None
            else self.tr("%n lesson(s)", "", lessons) + " · " + minutes_text(minutes)
        )

    def _show_lesson(self, lesson: LessonDraft) -> None:
        self.pages.setCurrentIndex(3)
        self.heading.setText(self.tr("Lesson"))
        self.lesson_title.widget.setText(lesson.title)  # type: ignore[attr-defined]
        self.lesson_description.widget.setPlainText(lesson.description or "")  # type: ignore[attr-defined]
        self.lesson_duration.widget.setValue(lesson.duration_minutes or 0)  # type: ignore[attr-defined]
        video = lesson.video
        self.attach_button.setText(
            self.tr("Attach video…") if video is None else self.tr("Replace video…")
        )
        if video is None:
            self.video_label.setText(
                self.tr("No video: a text lesson (learners mark it complete).")
            )
        else:
            length = minutes_text(video.duration_minutes)
            self.video_label.setText(
                f"{video.title}\n{video.provider} · {video.status} · {length}\n{video.provider_id}"
            )

    # -- values ------------------------------------------------------------------------

    def _values(self) -> dict[str, Any]:
        if self.kind == COURSE:
            slug = "" if self.auto_slug.isChecked() else self.course_slug.widget.text().strip()  # type: ignore[attr-defined]
            return {
                "title": self.course_title.widget.text().strip(),  # type: ignore[attr-defined]
                "slug": slug,
                "description": self.course_description.widget.toPlainText().strip() or None,  # type: ignore[attr-defined]
                "level": self.course_level.widget.currentText().strip() or None,  # type: ignore[attr-defined]
                "thumbnail_url": self.course_thumbnail.widget.text().strip() or None,  # type: ignore[attr-defined]
            }
        if self.kind == MODULE:
            return {
                "title": self.module_title.widget.text().strip(),  # type: ignore[attr-defined]
                "description": self.module_description.widget.toPlainText().strip() or None,  # type: ignore[attr-defined]
            }
        if self.kind == LESSON:
            return {
                "title": self.lesson_title.widget.text().strip(),  # type: ignore[attr-defined]
                "description": self.lesson_description.widget.toPlainText().strip() or None,  # type: ignore[attr-defined]
                "duration": self.lesson_duration.widget.value() or None,  # type: ignore[attr-defined]
            }
        return {}

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(old, new) values of the fields that differ from the shown node."""
        now = self._values()
        new = {k: v for k, v in now.items() if v != self._original.get(k)}
        if self.kind == COURSE and isinstance(self.draft, CourseDraft):
            course = self.draft
            if "slug" in new and new["slug"] == "" and "title" not in new:
                # Turning "from the title" on regenerates the slug only if it differs.
                if course.slug == slugify(course.title):
                    new.pop("slug")
            elif "title" in new and now["slug"] == "":
                new["slug"] = ""  # follow the new title
        old: dict[str, Any] = {}
        if self.draft is not None:
            for name in new:
                attribute = "duration_minutes" if name == "duration" else name
                old[name] = getattr(self.draft, attribute, None)
        return old, new

    # -- editing -----------------------------------------------------------------------

    def _changed(self, *_args: Any) -> None:
        if self._loading:
            return
        if self.kind == COURSE and self.auto_slug.isChecked():
            self._loading = True
            self.course_slug.widget.setText(slugify(self.course_title.widget.text()))  # type: ignore[attr-defined]
            self._loading = False
        if self.kind == COURSE and not self.auto_slug.isChecked():
            self._slug_timer.start()
        self._validate()
        _old, new = self.changes()
        self._set_dirty(bool(new))

    def _auto_slug_toggled(self, checked: bool) -> None:
        self.course_slug.widget.setReadOnly(checked or self._read_only)  # type: ignore[attr-defined]
        if checked and self.kind == COURSE:
            self._loading = True
            self.course_slug.widget.setText(slugify(self.course_title.widget.text()))  # type: ignore[attr-defined]
            self._loading = False
        self._changed()

    def problems(self) -> list[FieldProblem]:
        values = self._values()
        if self.kind == COURSE:
            slug = values["slug"] or slugify(values["title"])
            found = publishing.course_field_problems(
                title=values["title"],
                slug=slug,
                thumbnail_url=values["thumbnail_url"],
                level=values["level"],
            )
            if (
                self._slug_owner is not None
                and self._slug_owner[0] == values["slug"]
                and self._slug_owner[1]
                and values["slug"] != getattr(self.draft, "slug", None)
            ):
                found.append(
                    FieldProblem(
                        "slug",
                        self.tr("The slug '{slug}' is already used by '{course}'.").format(
                            slug=values["slug"], course=self._slug_owner[1]
                        ),
                    )
                )
            return found
        if self.kind == MODULE:
            return publishing.module_field_problems(title=values["title"])
        if self.kind == LESSON:
            return publishing.lesson_field_problems(
                title=values["title"], duration=values["duration"]
            )
        return []

    def _fields(self) -> list[_Field]:
        if self.kind == COURSE:
            return [
                self.course_title,
                self.course_slug,
                self.course_description,
                self.course_level,
                self.course_thumbnail,
            ]
        if self.kind == MODULE:
            return [self.module_title, self.module_description]
        if self.kind == LESSON:
            return [self.lesson_title, self.lesson_description, self.lesson_duration]
        return []

    def _validate(self) -> bool:
        problems = {p.field: p.message for p in reversed(self.problems())}
        for field in self._fields():
            field.show_problem(problems.get(field.name))
        self.save_button.setEnabled(self._dirty and not problems and not self._read_only)
        return not problems

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self.dirty_label.setVisible(dirty)
        self.revert_button.setEnabled(dirty)
        self.save_button.setEnabled(dirty and not self.problems() and not self._read_only)
        if changed:
            self.dirty_changed.emit(dirty)

    def submit(self) -> bool:
        """Save what is typed (emit ``fields_submitted``); False when invalid or unchanged."""
        if self._read_only or self.draft is None or self.kind is None:
            return False
        if not self._validate():
            return False
        old, new = self.changes()
        if not new:
            self._set_dirty(False)
            return False
        self.fields_submitted.emit(self.kind, self.draft.id, old, new)
        # The fields now show what is being saved; the result refreshes them.
        self._original = self._values()
        self._set_dirty(False)
        return True

    def revert(self) -> None:
        self.show_node(self.kind, self.draft)

    # -- slug and thumbnail ------------------------------------------------------------

    def _request_slug_check(self) -> None:
        if self.kind != COURSE or self.auto_slug.isChecked():
            return
        slug = self.course_slug.widget.text().strip()  # type: ignore[attr-defined]
        if (
            slug
            and slug != getattr(self.draft, "slug", None)
            and publishing.slug_problem(slug) is None
        ):
            self.slug_check_requested.emit(slug)

    def set_slug_owner(self, slug: str, owner: str | None) -> None:
        """The answer to ``slug_check_requested``: the title of the course using it, if any."""
        self._slug_owner = (slug, owner)
        self._validate()

    def _choose_thumbnail(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a thumbnail"), "", self.tr(IMAGE_FILTER)
        )
        if path:
            self.thumbnail_file_chosen.emit(path)

    def set_thumbnail(self, address: str) -> None:
        """Put an image address into the thumbnail field (an edit to save)."""
        self.course_thumbnail.widget.setText(address)  # type: ignore[attr-defined]

    def _load_thumbnail(self) -> None:
        address = self.course_thumbnail.widget.text().strip()  # type: ignore[attr-defined]
        if not address:
            self.thumbnail_preview.setPixmap(QPixmap())
            self.thumbnail_preview.setText(self.tr("No image"))
            return
        self.thumbnail_preview.setText(self.tr("Loading…"))
        BackgroundOp(lambda: load_preview_image(address), label="thumbnail").on_success(
            lambda image: self._show_thumbnail(address, image)
        ).on_failure(lambda exc: self._thumbnail_failed(address, exc)).run(parent=self)

    def _current_thumbnail(self) -> str:
        return self.course_thumbnail.widget.text().strip()  # type: ignore[attr-defined]

    def _show_thumbnail(self, address: str, image: QImage) -> None:
        if address == self._current_thumbnail():
            self.thumbnail_preview.setPixmap(QPixmap.fromImage(image))

    def _thumbnail_failed(self, address: str, exc: BaseException) -> None:
        if address == self._current_thumbnail():
            self.thumbnail_preview.setPixmap(QPixmap())
            self.thumbnail_preview.setText(self.tr("No preview: {exc}").format(exc=exc))
