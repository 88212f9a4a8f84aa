"""Undo commands of the course editor: each stores ids and old/new values and calls one
authoring service function in ``redo`` and one in ``undo``.

Persistence is immediate: ``redo``/``undo`` hand their work (``forward``/``backward``,
which run on a worker thread) to the :class:`CommandContext`, whose runner executes work
strictly in order, one item at a time. The context keeps the ``updated_at`` tokens of the
course's rows current after every step, so a command reads the token when it runs, not
when it was pushed.

Commands that create rows (add, duplicate) create them on their first ``redo``; ``undo``
deletes them and keeps what was deleted, so a later ``redo`` restores the very same rows.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand

from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.services import authoring
from elearn_desktop.services.authoring import (
    CourseDraft,
    LessonRecord,
    ModuleDraft,
    ModuleRecord,
)
from elearn_desktop.services.dto import UserSummary

COURSE = "course"
MODULE = "module"
LESSON = "lesson"

#: Runs a command's work; the editor's runs it on a worker thread in order.
Runner = Callable[["AuthoringCommand", Callable[[], Any]], None]


def run_now(command: AuthoringCommand, work: Callable[[], Any]) -> None:
    """The runner without Qt's event loop: run the work at once (tests, scripts)."""
    command.context.deliver(command, work())


@dataclass
class CommandContext:
    """What every command of one editor shares: where and as whom it works, and the tokens."""

    uow_factory: UnitOfWorkFactory
    actor: UserSummary | None
    course_id: uuid.UUID
    media_dir: Path
    runner: Runner = run_now
    #: Called with (command, result) after each step (on the GUI thread in the editor).
    on_result: Callable[[AuthoringCommand, Any], None] | None = None
    _tokens: dict[uuid.UUID, dt.datetime | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    #: The modules whose lessons the editor has loaded (None: all of them). Every result
    #: carries these modules' lessons; the others come as counts (lazy loading, issue #8).
    #: It only grows: a module, once loaded, stays loaded until the course is opened again.
    _loaded: set[uuid.UUID] | None = None

    def remember(self, course: CourseDraft) -> None:
        with self._lock:
            self._tokens = course.tokens()

    def remember_module(self, module: ModuleDraft) -> None:
        """Add the tokens of a module fetched on its own (and of its lessons)."""
        with self._lock:
            self._tokens[module.id] = module.updated_at
            self._tokens.update((x.id, x.updated_at) for x in module.lessons)

    def load_lazily(self) -> None:
        """From now on results carry only the lessons of the modules marked loaded."""
        with self._lock:
            self._loaded = set()

    def load_all(self) -> None:
        with self._lock:
            self._loaded = None

    def mark_loaded(self, module_id: uuid.UUID) -> None:
        with self._lock:
            if self._loaded is not None:
                self._loaded.add(module_id)

    def lessons_of(self) -> frozenset[uuid.UUID] | None:
        """What to pass as the services' ``lessons_of`` (None: every module's lessons)."""
        with self._lock:
            return None if self._loaded is None else frozenset(self._loaded)

    def forget(self, node_id: uuid.UUID) -> None:
        with self._lock:
            self._tokens.pop(node_id, None)

    def set_token(self, node_id: uuid.UUID, token: dt.datetime | None) -> None:
        with self._lock:
            self._tokens[node_id] = token

    def token(self, node_id: uuid.UUID) -> dt.datetime | None:
        with self._lock:
            return self._tokens.get(node_id)

    def deliver(self, command: AuthoringCommand, result: Any) -> None:
        if self.on_result is not None:
            self.on_result(command, result)


def _course_of(result: Any) -> CourseDraft:
    return result if isinstance(result, CourseDraft) else result.course


class AuthoringCommand(QUndoCommand):
    """Base: ``forward``/``backward`` do the work (worker thread); the rest is bookkeeping."""

    def __init__(self, context: CommandContext, text: str) -> None:
        super().__init__(text)
        self.context = context
        #: The node the editor selects after this command ran (None: keep the selection).
        self.focus_id: uuid.UUID | None = None
        #: True while the last step was a redo (the editor uses it on failures).
        self.applied = False
        self.runs = 0

    # -- QUndoCommand ---------------------------------------------------------------------

    def redo(self) -> None:
        self.applied = True
        self.context.runner(self, lambda: self._step(self.forward))

    def undo(self) -> None:
        self.applied = False
        self.context.runner(self, lambda: self._step(self.backward))

    # -- work (worker thread) ---------------------------------------------------------------

    def _step(self, work: Callable[[], Any]) -> Any:
        result = work()
        self.context.remember(_course_of(result))
        self.runs += 1
        return result

    def forward(self) -> Any:
        raise NotImplementedError

    def backward(self) -> Any:
        raise NotImplementedError

    def _kw(self) -> dict[str, Any]:
        return {"actor": self.context.actor, "lessons_of": self.context.lessons_of()}


def _quoted(title: str) -> str:
    return f"'{title}'" if len(title) <= 40 else f"'{title[:37]}…'"


# ----------------------------------------------------------------------------- fields


class EditFieldsCommand(AuthoringCommand):
    """Change fields of the course, a module or a lesson (rename is the title alone)."""

    def __init__(
        self,
        context: CommandContext,
        *,
        kind: str,
        node_id: uuid.UUID,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        label: str,
    ) -> None:
        names = set(new)
        if names == {"title"}:
            template = {
                COURSE: QCoreApplication.translate("AuthoringCommand", "Rename course {title}"),
                MODULE: QCoreApplication.translate("AuthoringCommand", "Rename module {title}"),
                LESSON: QCoreApplication.translate("AuthoringCommand", "Rename lesson {title}"),
            }.get(kind, QCoreApplication.translate("AuthoringCommand", "Rename {title}"))
            text = template.format(title=_quoted(str(old.get("title", ""))))
        else:
            template = {
                COURSE: QCoreApplication.translate("AuthoringCommand", "Edit course {title}"),
                MODULE: QCoreApplication.translate("AuthoringCommand", "Edit module {title}"),
                LESSON: QCoreApplication.translate("AuthoringCommand", "Edit lesson {title}"),
            }.get(kind, QCoreApplication.translate("AuthoringCommand", "Edit {title}"))
            text = template.format(title=_quoted(label))
        super().__init__(context, text)
        self.kind = kind
        self.node_id = node_id
        self.old = dict(old)
        self.new = dict(new)
        self.focus_id = node_id

    def _update(self, values: dict[str, Any]) -> CourseDraft:
        expected = self.context.token(self.node_id)
        if self.kind == COURSE:
            return authoring.update_course_fields(
                self.context.uow_factory,
                course_id=self.node_id,
                expected_updated_at=expected,
                **self._kw(),
                **values,
            )
        if self.kind == MODULE:
            return authoring.update_module_fields(
                self.context.uow_factory,
                module_id=self.node_id,
                expected_updated_at=expected,
                **self._kw(),
                **values,
            )
        return authoring.update_lesson_fields(
            self.context.uow_factory,
            lesson_id=self.node_id,
            expected_updated_at=expected,
            **self._kw(),
            **values,
        )

    def forward(self) -> CourseDraft:
        return self._update(self.new)

    def backward(self) -> CourseDraft:
        return self._update(self.old)


# ------------------------------------------------------------------------------ modules


class AddModuleCommand(AuthoringCommand):
    def __init__(self, context: CommandContext, *, title: str, index: int | None = None) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Add module {title}").format(
                title=_quoted(title)
            ),
        )
        self.title = title
        self.index = index
        self.module_id = uuid.uuid4()
        self.focus_id = self.module_id
        self._removed: authoring.ModuleRemoval | None = None

    def forward(self) -> CourseDraft:
        if self._removed is None:
            return authoring.add_module(
                self.context.uow_factory,
                course_id=self.context.course_id,
                title=self.title,
                index=self.index,
                module_id=self.module_id,
                **self._kw(),
            ).course
        return authoring.restore_module(
            self.context.uow_factory,
            record=self._removed.record,
            index=self._removed.index,
            **self._kw(),
        )

    def backward(self) -> CourseDraft:
        self._removed = authoring.delete_module(
            self.context.uow_factory, module_id=self.module_id, **self._kw()
        )
        return self._removed.course


class DeleteModuleCommand(AuthoringCommand):
    def __init__(self, context: CommandContext, *, module_id: uuid.UUID, title: str) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Delete module {title}").format(
                title=_quoted(title)
            ),
        )
        self.module_id = module_id
        self._removed: authoring.ModuleRemoval | None = None

    @property
    def record(self) -> ModuleRecord | None:
        return self._removed.record if self._removed else None

    def forward(self) -> CourseDraft:
        self._removed = authoring.delete_module(
            self.context.uow_factory, module_id=self.module_id, **self._kw()
        )
        return self._removed.course

    def backward(self) -> CourseDraft:
        assert self._removed is not None
        self.focus_id = self.module_id
        return authoring.restore_module(
            self.context.uow_factory,
            record=self._removed.record,
            index=self._removed.index,
            **self._kw(),
        )


class DuplicateModuleCommand(AuthoringCommand):
    def __init__(self, context: CommandContext, *, module_id: uuid.UUID, title: str) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Duplicate module {title}").format(
                title=_quoted(title)
            ),
        )
        self.module_id = module_id
        self.copy_id = uuid.uuid4()
        self.focus_id = self.copy_id
        self._removed: authoring.ModuleRemoval | None = None

    def forward(self) -> CourseDraft:
        if self._removed is None:
            return authoring.duplicate_module(
                self.context.uow_factory,
                module_id=self.module_id,
                new_module_id=self.copy_id,
                **self._kw(),
            ).course
        return authoring.restore_module(
            self.context.uow_factory,
            record=self._removed.record,
            index=self._removed.index,
            **self._kw(),
        )

    def backward(self) -> CourseDraft:
        self._removed = authoring.delete_module(
            self.context.uow_factory, module_id=self.copy_id, **self._kw()
        )
        return self._removed.course


class MoveModuleCommand(AuthoringCommand):
    def __init__(
        self, context: CommandContext, *, module_id: uuid.UUID, title: str, new_index: int
    ) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Move module {title}").format(
                title=_quoted(title)
            ),
        )
        self.module_id = module_id
        self.new_index = new_index
        self.old_index: int | None = None
        self.focus_id = module_id

    def forward(self) -> CourseDraft:
        moved = authoring.move_module(
            self.context.uow_factory,
            module_id=self.module_id,
            new_index=self.new_index,
            **self._kw(),
        )
        if self.old_index is None:
            self.old_index = moved.old_index
        return moved.course

    def backward(self) -> CourseDraft:
        assert self.old_index is not None
        return authoring.move_module(
            self.context.uow_factory,
            module_id=self.module_id,
            new_index=self.old_index,
            **self._kw(),
        ).course


# ------------------------------------------------------------------------------ lessons


class AddLessonCommand(AuthoringCommand):
    def __init__(
        self,
        context: CommandContext,
        *,
        module_id: uuid.UUID,
        title: str,
        index: int | None = None,
    ) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Add lesson {title}").format(
                title=_quoted(title)
            ),
        )
        self.module_id = module_id
        self.title = title
        self.index = index
        self.lesson_id = uuid.uuid4()
        self.focus_id = self.lesson_id
        self._removed: authoring.LessonRemoval | None = None

    def forward(self) -> CourseDraft:
        self.context.mark_loaded(self.module_id)  # the new lesson is shown in its module
        if self._removed is None:
            return authoring.add_lesson(
                self.context.uow_factory,
                module_id=self.module_id,
                title=self.title,
                index=self.index,
                lesson_id=self.lesson_id,
                **self._kw(),
            ).course
        return authoring.restore_lesson(
            self.context.uow_factory,
            record=self._removed.record,
            module_id=self._removed.module_id,
            index=self._removed.index,
            **self._kw(),
        )

    def backward(self) -> CourseDraft:
        self._removed = authoring.delete_lesson(
            self.context.uow_factory, lesson_id=self.lesson_id, **self._kw()
        )
        return self._removed.course


class DeleteLessonCommand(AuthoringCommand):
    def __init__(self, context: CommandContext, *, lesson_id: uuid.UUID, title: str) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Delete lesson {title}").format(
                title=_quoted(title)
            ),
        )
        self.lesson_id = lesson_id
        self._removed: authoring.LessonRemoval | None = None

    @property
    def record(self) -> LessonRecord | None:
        return self._removed.record if self._removed else None

    def forward(self) -> CourseDraft:
        self._removed = authoring.delete_lesson(
            self.context.uow_factory, lesson_id=self.lesson_id, **self._kw()
        )
        return self._removed.course

    def backward(self) -> CourseDraft:
        assert self._removed is not None
        self.focus_id = self.lesson_id
        return authoring.restore_lesson(
            self.context.uow_factory,
            record=self._removed.record,
            module_id=self._removed.module_id,
            index=self._removed.index,
            **self._kw(),
        )


class DuplicateLessonCommand(AuthoringCommand):
    def __init__(self, context: CommandContext, *, lesson_id: uuid.UUID, title: str) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Duplicate lesson {title}").format(
                title=_quoted(title)
            ),
        )
        self.lesson_id = lesson_id
        self.copy_id = uuid.uuid4()
        self.focus_id = self.copy_id
        self._removed: authoring.LessonRemoval | None = None

    def forward(self) -> CourseDraft:
        if self._removed is None:
            return authoring.duplicate_lesson(
                self.context.uow_factory,
                lesson_id=self.lesson_id,
                new_lesson_id=self.copy_id,
                **self._kw(),
            ).course
        return authoring.restore_lesson(
            self.context.uow_factory,
            record=self._removed.record,
            module_id=self._removed.module_id,
            index=self._removed.index,
            **self._kw(),
        )

    def backward(self) -> CourseDraft:
        self._removed = authoring.delete_lesson(
            self.context.uow_factory, lesson_id=self.copy_id, **self._kw()
        )
        return self._removed.course


class MoveLessonCommand(AuthoringCommand):
    def __init__(
        self,
        context: CommandContext,
        *,
        lesson_id: uuid.UUID,
        title: str,
        target_module_id: uuid.UUID,
        new_index: int,
    ) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Move lesson {title}").format(
                title=_quoted(title)
            ),
        )
        self.lesson_id = lesson_id
        self.target_module_id = target_module_id
        self.new_index = new_index
        self.old_place: tuple[uuid.UUID, int] | None = None
        self.focus_id = lesson_id

    def forward(self) -> CourseDraft:
        # A move into a module whose lessons are not loaded yet loads them (the result
        # shows the lesson in its new place).
        self.context.mark_loaded(self.target_module_id)
        moved = authoring.move_lesson(
            self.context.uow_factory,
            lesson_id=self.lesson_id,
            target_module_id=self.target_module_id,
            new_index=self.new_index,
            **self._kw(),
        )
        if self.old_place is None:
            self.old_place = (moved.old_parent_id, moved.old_index)
        return moved.course

    def backward(self) -> CourseDraft:
        assert self.old_place is not None
        return authoring.move_lesson(
            self.context.uow_factory,
            lesson_id=self.lesson_id,
            target_module_id=self.old_place[0],
            new_index=self.old_place[1],
            **self._kw(),
        ).course


# ------------------------------------------------------------------------------- videos


class AttachVideoCommand(AuthoringCommand):
    """Attach a video from a file (copied into the media library) or a web address.

    The first ``redo`` imports it (:func:`authoring.attach_video_file` / ``_url``); undo
    points the lesson back at its previous video; a later redo re-attaches the imported
    asset (:func:`authoring.set_lesson_video`), without copying the file again.
    """

    def __init__(
        self,
        context: CommandContext,
        *,
        lesson_id: uuid.UUID,
        lesson_title: str,
        title: str,
        path: Path | None = None,
        url: str | None = None,
        seconds: float | None = None,
        probe: authoring.Probe | None = None,
    ) -> None:
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", "Attach video to {title}").format(
                title=_quoted(lesson_title)
            ),
        )
        if (path is None) == (url is None):
            raise ValueError("give either a file path or a web address")
        self.lesson_id = lesson_id
        self.title = title
        self.path = path
        self.url = url
        self.seconds = seconds
        self.probe = probe
        self.focus_id = lesson_id
        self.attachment: authoring.VideoAttachment | None = None

    def _known_length(self, _where: object) -> float:
        assert self.seconds is not None
        return self.seconds

    def forward(self) -> CourseDraft:
        if self.attachment is None:
            if self.path is not None:
                probe = self.probe or (
                    self._known_length
                    if self.seconds is not None
                    else authoring.ffmpeg_duration_probe
                )
                self.attachment = authoring.attach_video_file(
                    self.context.uow_factory,
                    lesson_id=self.lesson_id,
                    path=self.path,
                    media_dir=self.context.media_dir,
                    title=self.title,
                    probe=probe,
                    **self._kw(),
                )
            else:
                assert self.url is not None
                self.attachment = authoring.attach_video_url(
                    self.context.uow_factory,
                    lesson_id=self.lesson_id,
                    url=self.url,
                    title=self.title,
                    probe=self._known_length if self.seconds is not None else None,
                    **self._kw(),
                )
            return self.attachment.course
        return authoring.set_lesson_video(
            self.context.uow_factory,
            lesson_id=self.lesson_id,
            video_asset_id=self.attachment.asset.id,
            duration=self.attachment.asset.duration_minutes,
            **self._kw(),
        )

    def backward(self) -> CourseDraft:
        assert self.attachment is not None
        return authoring.set_lesson_video(
            self.context.uow_factory,
            lesson_id=self.lesson_id,
            video_asset_id=self.attachment.previous_asset_id,
            duration=self.attachment.previous_duration,
            **self._kw(),
        )


class SetLessonVideoCommand(AuthoringCommand):
    """Point a lesson at another video or none (e.g. "Remove video")."""

    def __init__(
        self,
        context: CommandContext,
        *,
        lesson_id: uuid.UUID,
        lesson_title: str,
        old: tuple[uuid.UUID | None, int | None],
        new: tuple[uuid.UUID | None, int | None],
    ) -> None:
        template = (
            QCoreApplication.translate("AuthoringCommand", "Remove video from {title}")
            if new[0] is None
            else QCoreApplication.translate("AuthoringCommand", "Change video of {title}")
        )
        super().__init__(context, template.format(title=_quoted(lesson_title)))
        self.lesson_id = lesson_id
        self.old = old
        self.new = new
        self.focus_id = lesson_id

    def _set(self, values: tuple[uuid.UUID | None, int | None]) -> CourseDraft:
        return authoring.set_lesson_video(
            self.context.uow_factory,
            lesson_id=self.lesson_id,
            video_asset_id=values[0],
            duration=values[1],
            **self._kw(),
        )

    def forward(self) -> CourseDraft:
        return self._set(self.new)

    def backward(self) -> CourseDraft:
        return self._set(self.old)


# ------------------------------------------------------------------------------- status


class SetCourseStatusCommand(AuthoringCommand):
    """Publish, unpublish or archive; undo puts the previous status back."""

    _VERBS: ClassVar[dict[str, str]] = {
        "published": QT_TRANSLATE_NOOP("AuthoringCommand", "Publish {title}"),
        "draft": QT_TRANSLATE_NOOP("AuthoringCommand", "Unpublish {title}"),
        "archived": QT_TRANSLATE_NOOP("AuthoringCommand", "Archive {title}"),
    }

    def __init__(
        self,
        context: CommandContext,
        *,
        title: str,
        new_status: str,
        assessment_problems: tuple[str, ...] | None = None,
    ) -> None:
        template = self._VERBS.get(
            new_status, QT_TRANSLATE_NOOP("AuthoringCommand", "Change {title}")
        )
        super().__init__(
            context,
            QCoreApplication.translate("AuthoringCommand", template).format(title=_quoted(title)),
        )
        self.new_status = new_status
        self.assessment_problems = assessment_problems
        self.change: authoring.StatusChange | None = None
        self.focus_id = context.course_id

    def forward(self) -> authoring.StatusChange:
        kw: dict[str, Any] = {
            "course_id": self.context.course_id,
            "expected_updated_at": self.context.token(self.context.course_id),
            **self._kw(),
        }
        if self.change is not None:
            return authoring.restore_course_status(
                self.context.uow_factory,
                status=self.new_status,
                assessment_problems=self.assessment_problems,
                **kw,
            )
        if self.new_status == "published":
            change = authoring.publish_course(
                self.context.uow_factory, assessment_problems=self.assessment_problems, **kw
            )
        elif self.new_status == "archived":
            change = authoring.archive_course(self.context.uow_factory, **kw)
        else:
            change = authoring.unpublish_course(self.context.uow_factory, **kw)
        self.change = change
        return change

    def backward(self) -> authoring.StatusChange:
        assert self.change is not None
        return authoring.restore_course_status(
            self.context.uow_factory,
            course_id=self.context.course_id,
            status=self.change.old_status,
            expected_updated_at=self.context.token(self.context.course_id),
            **self._kw(),
        )
