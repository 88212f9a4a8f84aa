"""Courses: my courses, create, duplicate, fields (unique auto slug), and the publish
workflow (checks, status changes, enrolment counts)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    Course,
    LearningPath,
    Module,
    PathStep,
    Question,
    UserProgress,
)
from elearn_desktop.data.uow import UnitOfWork, UnitOfWorkFactory
from elearn_desktop.domain import assessment_rules, publishing
from elearn_desktop.domain.assessment_rules import AssessmentDraft, OptionDraft, QuestionDraft
from elearn_desktop.domain.errors import NotFoundError, ValidationError
from elearn_desktop.domain.publishing import ARCHIVED, DRAFT, PUBLISHED
from elearn_desktop.domain.validation import slugify
from elearn_desktop.services import insights
from elearn_desktop.services.authoring._rows import (
    LessonsOf,
    _author_name,
    _check_token,
    _clean_text,
    _copy_lessons,
    _copy_title,
    _course_for_write,
    _draft,
    _is_postgresql,
    _lessons_of,
    _lock,
    _module_lessons,
    _modules_of,
    _raise_field_problems,
    _recompute_duration,
    _run,
    _Stamper,
    _unknown_fields,
)
from elearn_desktop.services.authoring.results import (
    COURSE_FIELDS,
    AuthoredCourse,
    CourseDraft,
    EnrolmentCount,
    ModuleDraft,
    PublishBlockedError,
    StatusChange,
)
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require


def load_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    lessons_of: LessonsOf = None,
    count_lessons: bool = True,
) -> CourseDraft:
    """The course as the editor shows it, with the lessons of the modules in ``lessons_of``
    (None: all); the other modules carry counts of their lessons, unless ``count_lessons``
    is False (then their counts are None: the quickest outline, for a first paint)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        return _draft(uow, course_id, lessons_of, count=count_lessons)


def database_is_local(uow_factory: UnitOfWorkFactory) -> bool:
    """Whether the database is a file on this machine (SQLite, in WAL mode: a read never
    waits for a writer), where reading one module's lessons takes a millisecond or two —
    not a server across a network. Asks the engine; does no I/O."""
    with uow_factory() as uow:
        return uow.session.get_bind().dialect.name == "sqlite"


def load_module(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    module_id: uuid.UUID,
) -> ModuleDraft:
    """One module of the course with its lessons: what the editor fetches on expanding it."""
    require(actor, "content.author")
    with uow_factory() as uow:
        return _module_lessons(uow, course_id, module_id)


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def my_courses(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    text: str = "",
    status: str | None = None,
    mine_only: bool = True,
) -> list[AuthoredCourse]:
    """The courses ``actor`` authors (every visible course with ``mine_only=False``)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        stmt = select(Course).order_by(func.lower(Course.title), Course.id)
        if mine_only and actor is not None:
            stmt = stmt.where(Course.author_id == actor.id)
        if status:
            stmt = stmt.where(Course.status == status)
        if text.strip():
            pattern = _like(text.strip())
            stmt = stmt.where(
                or_(
                    func.lower(Course.title).like(pattern, escape="\\"),
                    func.lower(Course.slug).like(pattern, escape="\\"),
                    func.lower(func.coalesce(Course.description, "")).like(pattern, escape="\\"),
                )
            )
        courses = uow.session.scalars(stmt).all()
        counts = uow.courses.module_counts([c.id for c in courses])
        names = {a: _author_name(uow, a) for a in {c.author_id for c in courses}}
        return [
            AuthoredCourse(
                id=c.id,
                title=c.title,
                slug=c.slug,
                description=c.description,
                status=c.status or DRAFT,
                level=c.level,
                duration_minutes=c.duration,
                updated_at=c.updated_at,
                module_count=counts.get(c.id, (0, 0))[0],
                lesson_count=counts.get(c.id, (0, 0))[1],
                author_name=names.get(c.author_id),
            )
            for c in courses
        ]


def slug_owner(
    uow_factory: UnitOfWorkFactory, *, slug: str, course_id: uuid.UUID | None = None
) -> str | None:
    """The title of another visible course using ``slug`` (None: free, as far as visible)."""
    with uow_factory() as uow:
        row = uow.session.execute(
            select(Course.id, Course.title).where(Course.slug == slug)
        ).first()
        if row is None or row[0] == course_id:
            return None
        return str(row[1])


_AUTO_SUFFIX = re.compile(r"-\d+$")


def _slug_is_auto(slug: str, title: str) -> bool:
    """Whether ``slug`` looks generated from ``title`` (so it follows title changes)."""
    return _AUTO_SUFFIX.sub("", slug) == slugify(title)


def _free_slug(uow: UnitOfWork, base: str, course_id: uuid.UUID) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no visible course uses yet."""
    base = base[: publishing.SLUG_MAX - 6].rstrip("-") or "course"
    taken = set(
        uow.session.scalars(
            select(Course.slug).where(
                Course.id != course_id,
                or_(Course.slug == base, Course.slug.like(f"{base}-%")),
            )
        )
    )
    if base not in taken:
        return base
    return next(f"{base}-{n}" for n in range(2, len(taken) + 3) if f"{base}-{n}" not in taken)


def _save_course(
    uow: UnitOfWork, course: Course | None, values: dict[str, Any], *, auto: bool
) -> None:
    """Write ``values`` to the course (None: a new one) and flush them in a savepoint.

    A slug taken by a course this person cannot see (others' drafts are invisible under
    row-level security) is retried with a random suffix when generated, refused when typed.
    The savepoint begins before anything changes (``begin_nested`` flushes what is pending).
    """
    base = str(values.get("slug") or (course.slug if course else "course"))
    for attempt in range(5):
        savepoint = uow.session.begin_nested()
        row = course if course is not None else Course()
        try:
            for name, value in values.items():
                setattr(row, name, value)
            uow.session.add(row)
            uow.flush()
            savepoint.commit()
            return
        except IntegrityError:
            savepoint.rollback()
            if not auto:
                raise ValidationError(
                    "slug", f"The slug '{values.get('slug')}' is already used by another course."
                ) from None
            values["slug"] = f"{base[:240]}-{uuid.uuid4().hex[: 4 + attempt]}"
    raise ValidationError("slug", "Could not find a free slug; enter one yourself.")


def create_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    title: str,
    description: str | None = None,
    level: str | None = None,
    course_id: uuid.UUID | None = None,
) -> CourseDraft:
    """A new draft course authored by ``actor``, with a unique slug from its title."""
    require(actor, "content.author")
    clean_title = (title or "").strip()
    new_id = course_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> CourseDraft:
        slug = _free_slug(uow, slugify(clean_title), new_id)
        _raise_field_problems(
            publishing.course_field_problems(title=clean_title, slug=slug, level=level)
        )
        stamp = _Stamper(uow)
        values: dict[str, Any] = {
            "id": new_id,
            "title": clean_title,
            "description": _clean_text(description),
            "slug": slug,
            "author_id": actor.id if actor is not None else None,
            "status": DRAFT,
            "level": _clean_text(level),
            "duration": 0,
            "created_at": stamp.now(),
            "updated_at": stamp.now(),
        }
        _save_course(uow, None, values, auto=True)
        uow.commit()
        return _draft(uow, new_id)

    return _run(uow_factory, "the new course", work)


def duplicate_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    new_course_id: uuid.UUID | None = None,
) -> CourseDraft:
    """A deep copy (modules, lessons; the same videos) as a new draft authored by ``actor``."""
    require(actor, "content.author")
    new_id = new_course_id or uuid.uuid4()

    def work(uow: UnitOfWork) -> CourseDraft:
        source = uow.session.get(Course, course_id)
        if source is None:
            raise NotFoundError("This course no longer exists, or you cannot see it.")
        stamp = _Stamper(uow)
        title = _copy_title(source.title)
        values: dict[str, Any] = {
            "id": new_id,
            "title": title,
            "description": source.description,
            "slug": _free_slug(uow, slugify(title), new_id),
            "thumbnail_url": source.thumbnail_url,
            "author_id": actor.id if actor is not None else source.author_id,
            "status": DRAFT,
            "level": source.level,
            "duration": source.duration,
            "created_at": stamp.now(),
            "updated_at": stamp.now(),
        }
        _save_course(uow, None, values, auto=True)
        for index, module in enumerate(_modules_of(uow, course_id)):
            module_copy = Module(
                id=uuid.uuid4(),
                course_id=new_id,
                title=module.title,
                description=module.description,
                order_index=index,
                created_at=stamp.now(),
                updated_at=stamp.now(),
            )
            uow.session.add(module_copy)
            uow.session.add_all(_copy_lessons(stamp, _lessons_of(uow, module.id), module_copy.id))
        _recompute_duration(uow, new_id)
        uow.commit()
        return _draft(uow, new_id)

    return _run(uow_factory, "the copy of the course", work)


def update_course_fields(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    **fields: Any,
) -> CourseDraft:
    """Change title, description, slug, thumbnail_url and/or level.

    ``slug=""`` makes the slug follow the title (unique: ``-2``, ``-3``…); a title change
    without a slug does the same when the current slug was generated from the old title.
    An explicit slug must be well-formed and unused. ``expected_updated_at`` is the token
    the editor last saw (None: do not check).
    """
    _unknown_fields(fields, COURSE_FIELDS)

    def work(uow: UnitOfWork) -> CourseDraft:
        course = _course_for_write(uow, actor, course_id)
        values = {
            name: (
                ("" if value is None else str(value).strip())
                if name in ("title", "slug")
                else _clean_text(value)
            )
            for name, value in fields.items()
        }
        _check_token(course, expected_updated_at, what=f"the course '{course.title}'", mine=values)
        title = values.get("title", course.title)
        auto = values.get("slug") == "" or (
            "slug" not in values
            and title != course.title
            and _slug_is_auto(course.slug, course.title)
        )
        if auto:
            values["slug"] = _free_slug(uow, slugify(str(title)), course.id)
        elif "slug" in values and values["slug"] != course.slug:
            owner = uow.session.scalar(
                select(Course.title).where(Course.slug == values["slug"], Course.id != course.id)
            )
            if owner is not None:
                raise ValidationError(
                    "slug", f"The slug '{values['slug']}' is already used by '{owner}'."
                )
        merged = {name: getattr(course, name) for name in COURSE_FIELDS} | values
        _raise_field_problems(
            publishing.course_field_problems(
                title=merged["title"],
                slug=merged["slug"],
                thumbnail_url=merged["thumbnail_url"],
                level=merged["level"],
            )
        )
        changed: dict[str, Any] = {k: v for k, v in values.items() if getattr(course, k) != v}
        if changed:
            changed["updated_at"] = _Stamper(uow).next_for(course)
            _save_course(uow, course, changed, auto=auto)
            uow.commit()
        return _draft(uow, course_id, lessons_of)

    return _run(uow_factory, "the course", work)


def _enrolment(uow: UnitOfWork, course: Course) -> EnrolmentCount:
    """Learners with progress on the course. On PostgreSQL their rows are private to them
    (and staff), so revision 0008's ``elearn_course_enrolments`` counts them (it lets only
    the course's instructor or an admin ask); the embedded database counts the rows."""
    if _is_postgresql(uow):
        return EnrolmentCount(
            learners=insights.enrolled_on_server(uow.session, course.id, title=course.title)
        )
    learners = uow.session.scalar(
        select(func.count(func.distinct(UserProgress.user_id))).where(
            UserProgress.entity_type == "course", UserProgress.entity_id == course.id
        )
    )
    return EnrolmentCount(learners=int(learners or 0))


def enrolled_learners(
    uow_factory: UnitOfWorkFactory, *, actor: UserSummary | None, course_id: uuid.UUID
) -> EnrolmentCount:
    """How many learners are enrolled (have progress on the course): warn before hiding it.

    Only the course's instructor or an admin may ask (:class:`PermissionDeniedError`)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        course = uow.session.get(Course, course_id)
        if course is None:
            raise NotFoundError("This course no longer exists: it may have been deleted.")
        insights.check_may_see(actor, course)
        return _enrolment(uow, course)


def _path_assessments(uow: UnitOfWork, course_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """(assessment id, path title) for each assessment step of the paths containing the course."""
    paths = select(PathStep.path_id).where(
        PathStep.entity_type == "course", PathStep.entity_id == course_id
    )
    rows = uow.session.execute(
        select(PathStep.entity_id, LearningPath.title)
        .join(LearningPath, LearningPath.id == PathStep.path_id)
        .where(PathStep.path_id.in_(paths), PathStep.entity_type == "assessment")
        .order_by(LearningPath.title, PathStep.order_index)
    ).all()
    seen: dict[uuid.UUID, str] = {}
    for assessment_id, path_title in rows:
        seen.setdefault(assessment_id, path_title)
    return list(seen.items())


def path_assessments(
    uow_factory: UnitOfWorkFactory, *, course_id: uuid.UUID
) -> list[tuple[uuid.UUID, str]]:
    """(id, title) of the assessments used by the learning paths that contain the course."""
    with uow_factory() as uow:
        found = _path_assessments(uow, course_id)
        titles = dict(
            uow.session.execute(
                select(Assessment.id, Assessment.title).where(
                    Assessment.id.in_([a for a, _p in found])
                )
            ).all()
        )
        return [(a, titles.get(a, "(a deleted assessment)")) for a, _p in found]


def _assessment_problems(uow: UnitOfWork, course_id: uuid.UUID) -> list[str]:
    """The assessment rules' findings for the assessments in the course's paths, in words."""
    problems: list[str] = []
    for assessment_id, path_title in _path_assessments(uow, course_id):
        assessment = uow.session.scalar(
            select(Assessment)
            .where(Assessment.id == assessment_id)
            .options(
                selectinload(Assessment.questions)
                .selectinload(Question.options)
                .undefer(AnswerOption.is_correct)
            )
        )
        if assessment is None:
            problems.append(
                f"The learning path '{path_title}' uses an assessment that no longer exists."
            )
            continue
        draft = AssessmentDraft(
            title=assessment.title,
            description=assessment.description,
            passing_score=assessment.passing_score,
            time_limit=assessment.time_limit,
            questions=tuple(
                QuestionDraft(
                    text=q.text,
                    type=q.type,
                    options=tuple(
                        OptionDraft(o.text, is_correct=bool(o.is_correct), id=o.id)
                        for o in q.options
                    ),
                    id=q.id,
                )
                for q in assessment.questions
            ),
        )
        problems.extend(
            f"Assessment '{assessment.title}' (in the learning path '{path_title}'): {message}"
            for message in assessment_rules.assessment_problems(draft)
        )
    return problems


def publish_check(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    course_id: uuid.UUID,
    assessment_problems: Sequence[str] | None = None,
) -> list[str]:
    """What stands between the course and publishing, in words (empty: nothing)."""
    require(actor, "content.author")
    with uow_factory() as uow:
        found = _assessment_problems(uow, course_id) if assessment_problems is None else []
        return publishing.publish_problems(
            _draft(uow, course_id).snapshot(),
            assessment_problems=[*found, *(assessment_problems or ())],
        )


def _set_status(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    course_id: uuid.UUID,
    status: str,
    expected_updated_at: dt.datetime | None,
    assessment_problems: Sequence[str] | None = None,
    check_transition: bool = True,
) -> StatusChange:
    def work(uow: UnitOfWork) -> StatusChange:
        course = _course_for_write(uow, actor, course_id)
        old = course.status or DRAFT
        _check_token(
            course,
            expected_updated_at,
            what=f"the course '{course.title}'",
            mine={"status": status},
        )
        if check_transition:
            problem = publishing.transition_problem(old, status)
            if problem:
                raise ValidationError("status", problem)
        if status == PUBLISHED and old != PUBLISHED:
            found = _assessment_problems(uow, course_id) if assessment_problems is None else []
            problems = publishing.publish_problems(
                _draft(uow, course_id).snapshot(),
                assessment_problems=[*found, *(assessment_problems or ())],
            )
            if problems:
                raise PublishBlockedError(problems)
        if status != old:
            course = _lock(uow, Course, course_id, "course")
            course.status = status
            _Stamper(uow)(course)
            uow.flush()
        enrolled = _enrolment(uow, course)
        uow.commit()
        return StatusChange(
            course=_draft(uow, course_id, lessons_of), old_status=old, enrolled=enrolled
        )

    return _run(uow_factory, "the course's status", work)


def publish_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
    assessment_problems: Sequence[str] | None = None,
) -> StatusChange:
    """Draft → published, after the publish checks (raises :class:`PublishBlockedError`)."""
    return _set_status(
        uow_factory,
        actor=actor,
        lessons_of=lessons_of,
        course_id=course_id,
        status=PUBLISHED,
        expected_updated_at=expected_updated_at,
        assessment_problems=assessment_problems,
    )


def unpublish_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
) -> StatusChange:
    """Published or archived → draft: learners no longer see it (``enrolled`` says who did)."""
    return _set_status(
        uow_factory,
        actor=actor,
        lessons_of=lessons_of,
        course_id=course_id,
        status=DRAFT,
        expected_updated_at=expected_updated_at,
    )


def archive_course(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    course_id: uuid.UUID,
    expected_updated_at: dt.datetime | None,
) -> StatusChange:
    """Published → archived."""
    return _set_status(
        uow_factory,
        actor=actor,
        lessons_of=lessons_of,
        course_id=course_id,
        status=ARCHIVED,
        expected_updated_at=expected_updated_at,
    )


def restore_course_status(
    uow_factory: UnitOfWorkFactory,
    *,
    actor: UserSummary | None,
    lessons_of: LessonsOf = None,
    course_id: uuid.UUID,
    status: str,
    expected_updated_at: dt.datetime | None = None,
    assessment_problems: Sequence[str] | None = None,
) -> StatusChange:
    """Put back an earlier status (undo): any change allowed, but publishing still checks."""
    if status not in publishing.COURSE_STATUSES:
        raise ValidationError("status", f"'{status}' is not a course status")
    return _set_status(
        uow_factory,
        actor=actor,
        lessons_of=lessons_of,
        course_id=course_id,
        status=status,
        expected_updated_at=expected_updated_at,
        assessment_problems=assessment_problems,
        check_transition=False,
    )
