"""Modules and lessons: add, edit, delete (and restore, for undo), duplicate, move —
with ``order_index`` dense per parent and the course's duration derived after each change."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select

from elearn_desktop.data.models import Lesson, Module
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain import publishing
from elearn_desktop.domain.errors import ConflictError, ValidationError
from elearn_desktop.services.authoring._rows import (
    LessonsOf,
    _check_token,
    _clamp,
    _clean_text,
    _copy_lessons,
    _copy_title,
    _course_for_write,
    _draft,
    _lesson_for_write,
    _lessons_of,
    _module_for_write,
    _modules_of,
    _raise_field_problems,
    _recompute_duration,
    _renumber,
    _run,
    _server_refusal,
    _Stamper,
    _unknown_fields,
)
from elearn_desktop.services.authoring.results import (
    LESSON_FIELDS,
    MODULE_FIELDS,
    CourseDraft,
    Created,
    LessonRecord,
    LessonRemoval,
    ModuleRecord,
    ModuleRemoval,
    Moved,
)
from elearn_desktop.services.dto import UserSummary


def add_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    course_id: uuid.UUID,
    title: str,
    description: str | None = None,
    index: int | None = None,
    module_id: uuid.UUID | None = None,
) -> Created:
    """A new empty module at ``index`` (None: last)."""
    clean_title = (title or "").strip()
    _raise_field_problems(publishing.module_field_problems(title=clean_title))
    new_id = module_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        _course_for_write(uow, actor, course_id)
        stamp = _Stamper(uow)
        siblings = _modules_of(uow, course_id)
        module = Module(
            id=new_id,
            course_id=course_id,
            title=clean_title,
            description=_clean_text(description),
            order_index=len(siblings),
            created_at=stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(module)
        siblings.insert(_clamp(index, len(siblings)), module)
        _renumber(stamp, siblings)
        uow.commit()
        return Created(course=_draft(uow, course_id, lessons_of), node_id=new_id)

    return _run(uow_factory, "the new module", work)


def update_module_fields(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    module_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    **fields: Any,
) -> CourseDraft:
    """Change a module's title and/or description (``expected_updated_at`` as for courses)."""
    _unknown_fields(fields, MODULE_FIELDS)
    values = {
        k: (("" if v is None else str(v).strip()) if k == "title" else _clean_text(v))
        for k, v in fields.items()
    }
    if "title" in values:
        _raise_field_problems(publishing.module_field_problems(title=values["title"]))

    def work(uow: UnitOfWork) -> CourseDraft:
        course, module = _module_for_write(uow, actor, module_id)
        _check_token(module, expected_updated_at, what=f"the module '{module.title}'", mine=values)
        changed = {k: v for k, v in values.items() if getattr(module, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(module, name, value)
            _Stamper(uow)(module)
            uow.commit()
        return _draft(uow, course.id, lessons_of)

    return _run(uow_factory, "the module", work)


def _lesson_record(lesson: Lesson) -> LessonRecord:
    return LessonRecord(
        id=lesson.id,
        title=lesson.title,
        description=lesson.description,
        video_asset_id=lesson.video_asset_id,
        duration=lesson.duration,
        created_at=lesson.created_at,
    )


def _delete_rows(uow: UnitOfWork, model: Any, ids: Sequence[uuid.UUID], what: str) -> None:
    if not ids:
        return
    result: Any = uow.session.execute(
        delete(model).where(model.id.in_(ids)).execution_options(synchronize_session=False)
    )
    if result.rowcount != len(ids):  # row-level security hides rows from DELETE silently
        raise _server_refusal(what)
    for row_id in ids:
        obj = uow.session.get(model, row_id)
        if obj is not None:
            uow.session.expunge(obj)


def delete_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    module_id: uuid.UUID,
) -> ModuleRemoval:
    """Delete a module and its lessons; the removal says how to put them back."""

    def work(uow: UnitOfWork) -> ModuleRemoval:
        course, module = _module_for_write(uow, actor, module_id)
        lessons = _lessons_of(uow, module_id)
        record = ModuleRecord(
            id=module.id,
            course_id=course.id,
            title=module.title,
            description=module.description,
            created_at=module.created_at,
            lessons=tuple(_lesson_record(x) for x in lessons),
        )
        siblings = _modules_of(uow, course.id)
        index = next(i for i, m in enumerate(siblings) if m.id == module_id)
        _delete_rows(uow, Lesson, [x.id for x in lessons], "the module's lessons")
        _delete_rows(uow, Module, [module_id], "the module")
        _renumber(_Stamper(uow), [m for m in siblings if m.id != module_id])
        _recompute_duration(uow, course.id)
        uow.commit()
        return ModuleRemoval(course=_draft(uow, course.id, lessons_of), record=record, index=index)

    return _run(uow_factory, "the module", work)


def _insert_lessons(
    uow: UnitOfWork, stamp: _Stamper, module_id: uuid.UUID, records: Sequence[LessonRecord]
) -> list[Lesson]:
    rows = [
        Lesson(
            id=r.id,
            module_id=module_id,
            title=r.title,
            description=r.description,
            video_asset_id=r.video_asset_id,
            duration=r.duration,
            order_index=i,
            created_at=r.created_at or stamp.now(),
            updated_at=stamp.now(),
        )
        for i, r in enumerate(records)
    ]
    uow.session.add_all(rows)
    return rows


def _ensure_absent(uow: UnitOfWork, model: Any, row_id: uuid.UUID, noun: str) -> None:
    if uow.session.scalar(select(model.id).where(model.id == row_id)) is not None:
        raise ConflictError(f"The {noun} is already there: nothing to restore.")


def restore_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    record: ModuleRecord,
    index: int,
) -> CourseDraft:
    """Put a deleted module back (same ids, same lessons) at ``index``: undo of a delete."""

    def work(uow: UnitOfWork) -> CourseDraft:
        _course_for_write(uow, actor, record.course_id)
        _ensure_absent(uow, Module, record.id, "module")
        stamp = _Stamper(uow)
        siblings = _modules_of(uow, record.course_id)
        module = Module(
            id=record.id,
            course_id=record.course_id,
            title=record.title,
            description=record.description,
            order_index=len(siblings),
            created_at=record.created_at or stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(module)
        uow.flush()
        _insert_lessons(uow, stamp, record.id, record.lessons)
        siblings.insert(_clamp(index, len(siblings)), module)
        _renumber(stamp, siblings)
        _recompute_duration(uow, record.course_id)
        uow.commit()
        return _draft(uow, record.course_id, lessons_of)

    return _run(uow_factory, "the module", work)


def duplicate_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    module_id: uuid.UUID,
    new_module_id: uuid.UUID | None = None,
) -> Created:
    """A copy of the module and its lessons, right after it, titled "… (copy)"."""
    new_id = new_module_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        course, module = _module_for_write(uow, actor, module_id)
        stamp = _Stamper(uow)
        siblings = _modules_of(uow, course.id)
        copy = Module(
            id=new_id,
            course_id=course.id,
            title=_copy_title(module.title),
            description=module.description,
            order_index=len(siblings),
            created_at=stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(copy)
        uow.flush()
        uow.session.add_all(_copy_lessons(stamp, _lessons_of(uow, module_id), new_id))
        position = next(i for i, m in enumerate(siblings) if m.id == module_id) + 1
        siblings.insert(position, copy)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return Created(course=_draft(uow, course.id, lessons_of), node_id=new_id)

    return _run(uow_factory, "the copy of the module", work)


def move_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    module_id: uuid.UUID,
    new_index: int,
) -> Moved:
    """Move a module to position ``new_index`` (after the move) among its course's modules."""

    def work(uow: UnitOfWork) -> Moved:
        course, module = _module_for_write(uow, actor, module_id)
        siblings = _modules_of(uow, course.id)
        old_index = next(i for i, m in enumerate(siblings) if m.id == module_id)
        siblings.pop(old_index)
        target = _clamp(new_index, len(siblings))
        siblings.insert(target, module)
        _renumber(_Stamper(uow), siblings)
        uow.commit()
        return Moved(
            course=_draft(uow, course.id, lessons_of),
            old_parent_id=course.id,
            old_index=old_index,
            new_index=target,
        )

    return _run(uow_factory, "the module's position", work)


def add_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    module_id: uuid.UUID,
    title: str,
    description: str | None = None,
    duration: int | None = None,
    index: int | None = None,
    lesson_id: uuid.UUID | None = None,
) -> Created:
    """A new lesson (no video) at ``index`` (None: last) of the module."""
    clean_title = (title or "").strip()
    _raise_field_problems(publishing.lesson_field_problems(title=clean_title, duration=duration))
    new_id = lesson_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        course, _module = _module_for_write(uow, actor, module_id)
        stamp = _Stamper(uow)
        siblings = _lessons_of(uow, module_id)
        lesson = Lesson(
            id=new_id,
            module_id=module_id,
            title=clean_title,
            description=_clean_text(description),
            duration=duration,
            order_index=len(siblings),
            created_at=stamp.now(),
            updated_at=stamp.now(),
        )
        uow.session.add(lesson)
        siblings.insert(_clamp(index, len(siblings)), lesson)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return Created(course=_draft(uow, course.id, lessons_of), node_id=new_id)

    return _run(uow_factory, "the new lesson", work)


def update_lesson_fields(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    **fields: Any,
) -> CourseDraft:
    """Change a lesson's title, description and/or duration (minutes)."""
    _unknown_fields(fields, LESSON_FIELDS)
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "title":
            values[name] = "" if value is None else str(value).strip()
        elif name == "duration":
            values[name] = None if value is None else int(value)
        else:
            values[name] = _clean_text(value)
    problems = publishing.lesson_field_problems(
        title=values.get("title", "(unchanged)"), duration=values.get("duration")
    )
    _raise_field_problems(problems)

    def work(uow: UnitOfWork) -> CourseDraft:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        _check_token(lesson, expected_updated_at, what=f"the lesson '{lesson.title}'", mine=values)
        changed = {k: v for k, v in values.items() if getattr(lesson, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(lesson, name, value)
            _Stamper(uow)(lesson)
            if "duration" in changed:
                _recompute_duration(uow, course.id)
            uow.commit()
        return _draft(uow, course.id, lessons_of)

    return _run(uow_factory, "the lesson", work)


def delete_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
) -> LessonRemoval:
    def work(uow: UnitOfWork) -> LessonRemoval:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        module_id = lesson.module_id
        assert module_id is not None
        siblings = _lessons_of(uow, module_id)
        index = next(i for i, x in enumerate(siblings) if x.id == lesson_id)
        record = _lesson_record(lesson)
        _delete_rows(uow, Lesson, [lesson_id], "the lesson")
        _renumber(_Stamper(uow), [x for x in siblings if x.id != lesson_id])
        _recompute_duration(uow, course.id)
        uow.commit()
        return LessonRemoval(
            course=_draft(uow, course.id, lessons_of),
            record=record,
            module_id=module_id,
            index=index,
        )

    return _run(uow_factory, "the lesson", work)


def restore_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    record: LessonRecord,
    module_id: uuid.UUID,
    index: int,
) -> CourseDraft:
    """Put a deleted lesson back (same id and values) at ``index`` of ``module_id``."""

    def work(uow: UnitOfWork) -> CourseDraft:
        course, _module = _module_for_write(uow, actor, module_id)
        _ensure_absent(uow, Lesson, record.id, "lesson")
        stamp = _Stamper(uow)
        siblings = _lessons_of(uow, module_id)
        (lesson,) = _insert_lessons(uow, stamp, module_id, [record])
        siblings.insert(_clamp(index, len(siblings)), lesson)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return _draft(uow, course.id, lessons_of)

    return _run(uow_factory, "the lesson", work)


def duplicate_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
    new_lesson_id: uuid.UUID | None = None,
) -> Created:
    """A copy of the lesson (same video), right after it, titled "… (copy)"."""
    new_id = new_lesson_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> Created:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        assert lesson.module_id is not None
        stamp = _Stamper(uow)
        siblings = _lessons_of(uow, lesson.module_id)
        (copy,) = _copy_lessons(stamp, [lesson], lesson.module_id)
        copy.id = new_id
        copy.title = _copy_title(lesson.title)
        uow.session.add(copy)
        position = next(i for i, x in enumerate(siblings) if x.id == lesson_id) + 1
        siblings.insert(position, copy)
        _renumber(stamp, siblings)
        _recompute_duration(uow, course.id)
        uow.commit()
        return Created(course=_draft(uow, course.id, lessons_of), node_id=new_id)

    return _run(uow_factory, "the copy of the lesson", work)


def move_lesson(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    lesson_id: uuid.UUID,
    target_module_id: uuid.UUID,
    new_index: int,
) -> Moved:
    """Move a lesson to position ``new_index`` (after the move) of ``target_module_id``,
    which must be a module of the same course."""

    def work(uow: UnitOfWork) -> Moved:
        course, lesson = _lesson_for_write(uow, actor, lesson_id)
        target = uow.session.get(Module, target_module_id)
        if target is None or target.course_id != course.id:
            raise ValidationError("module", "A lesson can move only to a module of its course.")
        source_id = lesson.module_id
        assert source_id is not None
        stamp = _Stamper(uow)
        source_siblings = _lessons_of(uow, source_id)
        old_index = next(i for i, x in enumerate(source_siblings) if x.id == lesson_id)
        source_siblings.pop(old_index)
        if target_module_id == source_id:
            target_siblings = source_siblings
        else:
            target_siblings = _lessons_of(uow, target_module_id)
            lesson.module_id = target_module_id
            stamp(lesson)
            _renumber(stamp, source_siblings)
        position = _clamp(new_index, len(target_siblings))
        target_siblings.insert(position, lesson)
        _renumber(stamp, target_siblings)
        uow.commit()
        return Moved(
            course=_draft(uow, course.id, lessons_of),
            old_parent_id=source_id,
            old_index=old_index,
            new_index=position,
        )

    return _run(uow_factory, "the lesson's position", work)
