"""Authoring on real databases (SQLite and PostgreSQL): courses, the tree, undo, publishing,
videos, concurrency — and, on PostgreSQL, instructors signed in as their own login role."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from psycopg import sql as psycopg_sql
from PySide6.QtGui import QUndoStack
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from elearn_desktop.data import migrations
from elearn_desktop.data.engines import create_server_engine
from elearn_desktop.data.models import Course, Lesson, Module, UserProgress, VideoAsset
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from elearn_desktop.services import accounts, authoring, demo
from elearn_desktop.services.authoring import CourseDraft, EditConflictError, PublishBlockedError
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.profiles import ServerProfile
from elearn_desktop.ui.author import commands as cmd
from tests.support.pgcluster import PostgresCluster

SQL_BASICS = demo.demo_id("course:sql-basics")
PYTHON = demo.demo_id("course:introduction-to-python")
DRAFT_COURSE = demo.demo_id("course:advanced-data-engineering")


# -------------------------------------------------------------------------- databases
#
# Every test starts from a migrated database with the demo loaded. Migrating and loading
# the demo (argon2id hashes, login roles) costs seconds, so it is done once per session
# into a template, and each test gets a copy: this module's ``backend_url`` stands in for
# the one in tests/conftest.py (same parameters), and ``uow_factory`` and its chain from
# tests/conftest.py run on the copy (``migrations.upgrade`` there finds it at head).


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("authoring-template") / "server.sqlite3"
    engine = create_server_engine(f"sqlite:///{path}")
    try:
        migrations.upgrade(engine)
        demo.load_demo(uow_factory_for(engine))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PostgresCluster) -> Iterator[str]:
    name = f"tpl_authoring_{uuid.uuid4().hex[:8]}"
    engine = create_server_engine(pg_cluster.create_database(name))
    try:
        migrations.upgrade(engine)
        demo.load_demo(uow_factory_for(engine))
    finally:
        engine.dispose()
    yield name
    pg_cluster.drop_database(name)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgresql"],
)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A copy of the demo database: a SQLite file, or a PostgreSQL database (TEMPLATE)."""
    if request.param == "sqlite":
        target = tmp_path / "server.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        yield f"sqlite:///{target}"
        return
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    template: str = request.getfixturevalue("pg_template")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with cluster.connect() as conn:
        conn.execute(
            psycopg_sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                psycopg_sql.Identifier(name), psycopg_sql.Identifier(template)
            )
        )
    try:
        yield cluster.url(name)
    finally:
        cluster.drop_database(name)


@dataclass(frozen=True)
class People:
    instructor: UserSummary
    admin: UserSummary
    learner: UserSummary


@pytest.fixture
def people(uow_factory: UnitOfWorkFactory) -> People:
    """The demo's people (the demo is in every test's database copy)."""
    return People(
        instructor=accounts.find_user(uow_factory, "instructor@demo.test"),
        admin=accounts.find_user(uow_factory, "admin@demo.test"),
        learner=accounts.find_user(uow_factory, "learner@demo.test"),
    )


@pytest.fixture(scope="session")
def sample_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real 2-second H.264 video made with imageio-ffmpeg's ffmpeg."""
    import imageio_ffmpeg

    out = tmp_path_factory.mktemp("video") / "clip one.mp4"
    subprocess.run(
        [
            imageio_ffmpeg.get_ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=2:size=64x48:rate=10",
            "-pix_fmt",
            "yuv420p",
            str(out),
        ],
        check=True,
    )
    return out


# ----------------------------------------------------------------------------- helpers


def snapshot(uow_factory: UnitOfWorkFactory, course_id: uuid.UUID) -> dict[str, list[Any]]:
    """Every column of the course's rows but the change markers (``updated_at`` and the sync
    cursor ``sync_seq`` must move on: other devices pull changes by them)."""
    with uow_factory() as uow:
        session = uow.session

        def rows(table: Any, where: Any) -> list[tuple[Any, ...]]:
            columns = [c for c in table.c if c.name not in ("updated_at", "sync_seq")]
            found = session.execute(select(*columns).where(where)).all()
            return sorted((tuple(r) for r in found), key=lambda r: str(r[0]))

        module_ids = list(session.scalars(select(Module.id).where(Module.course_id == course_id)))
        return {
            "course": rows(Course.__table__, Course.id == course_id),
            "modules": rows(Module.__table__, Module.course_id == course_id),
            "lessons": rows(Lesson.__table__, Lesson.module_id.in_(module_ids)),
        }


def assert_dense(uow_factory: UnitOfWorkFactory, course_id: uuid.UUID) -> None:
    """order_index is 0..n-1 (dense and unique) among the modules and each module's lessons."""
    with uow_factory() as uow:
        modules = uow.session.execute(
            select(Module.id, Module.order_index).where(Module.course_id == course_id)
        ).all()
        assert sorted(i for _m, i in modules) == list(range(len(modules)))
        for module_id, _index in modules:
            lessons = list(
                uow.session.scalars(select(Lesson.order_index).where(Lesson.module_id == module_id))
            )
            assert sorted(lessons) == list(range(len(lessons))), module_id


def titles(course: CourseDraft) -> list[tuple[str, list[str]]]:
    return [(m.title, [x.title for x in m.lessons]) for m in course.modules]


def count(uow_factory: UnitOfWorkFactory, model: Any) -> int:
    with uow_factory() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


# ------------------------------------------------------------------------------ courses


def test_my_courses_lists_what_the_instructor_authors_with_filters(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    mine = authoring.my_courses(uow_factory, actor=people.instructor)
    assert [c.title for c in mine] == [
        "Advanced Data Engineering",
        "Introduction to Python",
        "SQL Basics",
    ]
    sql = next(c for c in mine if c.id == SQL_BASICS)
    assert (sql.status, sql.level, sql.module_count, sql.lesson_count) == (
        "published",
        "intermediate",
        2,
        4,
    )
    assert sql.duration_minutes == 8  # 3 clips of 1 minute + 1 text lesson of 5
    assert sql.updated_at is not None
    assert [
        c.slug for c in authoring.my_courses(uow_factory, actor=people.instructor, text="SQL")
    ] == ["sql-basics"]
    # Text matches the description too, and LIKE wildcards are literal.
    assert len(authoring.my_courses(uow_factory, actor=people.instructor, text="pipelines")) == 1
    assert authoring.my_courses(uow_factory, actor=people.instructor, text="%") == []
    drafts = authoring.my_courses(uow_factory, actor=people.instructor, status="draft")
    assert [c.id for c in drafts] == [DRAFT_COURSE]
    # The admin authors nothing, but may list every course.
    assert authoring.my_courses(uow_factory, actor=people.admin) == []
    assert len(authoring.my_courses(uow_factory, actor=people.admin, mine_only=False)) == 3
    with pytest.raises(PermissionDeniedError, match="may not create or edit courses"):
        authoring.my_courses(uow_factory, actor=people.learner)


def test_create_course_makes_a_draft_with_a_unique_slug(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    course = authoring.create_course(uow_factory, actor=people.instructor, title=" SQL Basics ")
    assert (course.title, course.slug, course.status) == ("SQL Basics", "sql-basics-2", "draft")
    assert course.author_id == people.instructor.id
    assert course.modules == ()
    again = authoring.create_course(uow_factory, actor=people.instructor, title="SQL basics!")
    assert again.slug == "sql-basics-3"
    with pytest.raises(ValidationError, match="Give the course a title") as caught:
        authoring.create_course(uow_factory, actor=people.instructor, title="  ")
    assert caught.value.field == "title"
    with pytest.raises(ValidationError, match="limit is 255"):
        authoring.create_course(uow_factory, actor=people.instructor, title="x" * 256)


def test_course_fields_validate_and_the_slug_follows_the_title(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    who = people.instructor
    course = authoring.create_course(uow_factory, actor=who, title="Window functions")
    assert course.slug == "window-functions"
    renamed = authoring.update_course_fields(
        uow_factory,
        actor=who,
        course_id=course.id,
        expected_updated_at=course.updated_at,
        title="SQL Basics",
        level="advanced",
    )
    # The slug was generated from the old title, so it follows — unique among courses.
    assert (renamed.title, renamed.slug, renamed.level) == (
        "SQL Basics",
        "sql-basics-2",
        "advanced",
    )
    assert renamed.updated_at is not None
    assert course.updated_at is not None
    assert renamed.updated_at > course.updated_at

    def update(**fields: Any) -> CourseDraft:
        current = authoring.load_course(uow_factory, actor=who, course_id=course.id)
        return authoring.update_course_fields(
            uow_factory,
            actor=who,
            course_id=course.id,
            expected_updated_at=current.updated_at,
            **fields,
        )

    with pytest.raises(ValidationError, match="already used by 'Introduction to Python'") as dup:
        update(slug="introduction-to-python")
    assert dup.value.field == "slug"
    with pytest.raises(ValidationError, match="lower-case letters") as bad:
        update(slug="Not a slug")
    assert bad.value.field == "slug"
    with pytest.raises(ValidationError, match="Give the course a title"):
        update(title="")
    with pytest.raises(ValidationError, match="thumbnail address is 300"):
        update(thumbnail_url="h" * 300)
    explicit = update(slug="window-fns", description="  Rank and sum over windows. ")
    assert (explicit.slug, explicit.description) == ("window-fns", "Rank and sum over windows.")
    # A hand-made slug stays when the title changes; slug="" regenerates it.
    assert update(title="Windows").slug == "window-fns"
    assert update(slug="").slug == "windows"
    # Refused edits changed nothing.
    final = authoring.load_course(uow_factory, actor=who, course_id=course.id)
    assert (final.title, final.level) == ("Windows", "advanced")


def test_duplicate_course_deep_copies_as_a_new_draft(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    source = authoring.load_course(uow_factory, actor=people.admin, course_id=SQL_BASICS)
    copy = authoring.duplicate_course(uow_factory, actor=people.admin, course_id=SQL_BASICS)
    assert copy.id != SQL_BASICS
    assert (copy.title, copy.slug, copy.status) == ("SQL Basics (copy)", "sql-basics-copy", "draft")
    assert copy.author_id == people.admin.id
    assert titles(copy) == titles(source)
    assert copy.duration_minutes == source.duration_minutes == 8
    old_ids = (
        {source.id}
        | {m.id for m in source.modules}
        | {x.id for m in source.modules for x in m.lessons}
    )
    new_ids = (
        {copy.id} | {m.id for m in copy.modules} | {x.id for m in copy.modules for x in m.lessons}
    )
    assert not old_ids & new_ids
    # The same videos, not copies of them.
    assert [x.video_asset_id for m in copy.modules for x in m.lessons] == [
        x.video_asset_id for m in source.modules for x in m.lessons
    ]
    assert authoring.duplicate_course(
        uow_factory, actor=people.admin, course_id=SQL_BASICS
    ).slug == ("sql-basics-copy-2")
    assert_dense(uow_factory, copy.id)
    # The original is untouched.
    assert authoring.load_course(uow_factory, actor=people.admin, course_id=SQL_BASICS) == source


# ------------------------------------------------------------------------------- order


def test_moves_keep_order_index_dense_and_unique(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    who = people.instructor
    course = authoring.load_course(uow_factory, actor=who, course_id=PYTHON)
    getting_started, control_flow, functions = course.modules
    moved = authoring.move_module(uow_factory, actor=who, module_id=functions.id, new_index=0)
    assert (moved.old_index, moved.new_index) == (2, 0)
    assert [m.title for m in moved.course.modules] == [
        "Functions",
        "Getting started",
        "Control flow",
    ]
    assert_dense(uow_factory, PYTHON)
    # Out-of-range targets are clamped.
    moved = authoring.move_module(uow_factory, actor=who, module_id=functions.id, new_index=99)
    assert moved.new_index == 2
    assert_dense(uow_factory, PYTHON)

    loops = control_flow.lessons[1]
    across = authoring.move_lesson(
        uow_factory, actor=who, lesson_id=loops.id, target_module_id=getting_started.id, new_index=0
    )
    assert (across.old_parent_id, across.old_index) == (control_flow.id, 1)
    assert titles(across.course)[0] == (
        "Getting started",
        ["Loops", "Why Python?", "Installing Python"],
    )
    assert titles(across.course)[1] == ("Control flow", ["If and else"])
    assert_dense(uow_factory, PYTHON)
    within = authoring.move_lesson(
        uow_factory, actor=who, lesson_id=loops.id, target_module_id=getting_started.id, new_index=2
    )
    assert titles(within.course)[0][1] == ["Why Python?", "Installing Python", "Loops"]
    assert_dense(uow_factory, PYTHON)
    # A lesson moves only within its course.
    other = authoring.load_course(uow_factory, actor=who, course_id=SQL_BASICS).modules[0]
    with pytest.raises(ValidationError, match="only to a module of its course"):
        authoring.move_lesson(
            uow_factory, actor=who, lesson_id=loops.id, target_module_id=other.id, new_index=0
        )
    # Deleting and adding keep it dense too.
    authoring.delete_lesson(uow_factory, actor=who, lesson_id=course.modules[0].lessons[0].id)
    authoring.add_lesson(uow_factory, actor=who, module_id=control_flow.id, title="While", index=0)
    authoring.delete_module(uow_factory, actor=who, module_id=getting_started.id)
    authoring.add_module(uow_factory, actor=who, course_id=PYTHON, title="Intro", index=1)
    assert_dense(uow_factory, PYTHON)
    final = authoring.load_course(uow_factory, actor=who, course_id=PYTHON)
    assert titles(final) == [
        ("Control flow", ["While", "If and else"]),
        ("Intro", []),
        ("Functions", ["Defining functions", "Recap"]),
    ]
    # The course's duration is derived from its lessons on every change.
    assert final.duration_minutes == sum(
        x.duration_minutes or 0 for m in final.modules for x in m.lessons
    )


# -------------------------------------------------------------------------------- undo

CommandFactory = Callable[[cmd.CommandContext, CourseDraft, Path], cmd.AuthoringCommand]


def _edit_course(ctx: cmd.CommandContext, c: CourseDraft, _v: Path) -> cmd.AuthoringCommand:
    return cmd.EditFieldsCommand(
        ctx,
        kind=cmd.COURSE,
        node_id=c.id,
        old={"title": c.title, "slug": c.slug, "level": c.level, "description": c.description},
        new={"title": "Relational SQL", "slug": "", "level": "advanced", "description": "New."},
        label=c.title,
    )


def _rename_module(ctx: cmd.CommandContext, c: CourseDraft, _v: Path) -> cmd.AuthoringCommand:
    m = c.modules[1]
    return cmd.EditFieldsCommand(
        ctx, kind=cmd.MODULE, node_id=m.id, old={"title": m.title}, new={"title": "JOINs"}, label=""
    )


def _edit_lesson(ctx: cmd.CommandContext, c: CourseDraft, _v: Path) -> cmd.AuthoringCommand:
    x = c.modules[1].lessons[1]
    return cmd.EditFieldsCommand(
        ctx,
        kind=cmd.LESSON,
        node_id=x.id,
        old={"title": x.title, "description": x.description, "duration": x.duration_minutes},
        new={"title": "Outer joins", "description": None, "duration": 12},
        label=x.title,
    )


def _video(ctx: cmd.CommandContext, c: CourseDraft, video: Path) -> cmd.AuthoringCommand:
    x = c.modules[1].lessons[1]
    return cmd.AttachVideoCommand(
        ctx,
        lesson_id=x.id,
        lesson_title=x.title,
        title="Outer joins clip",
        path=video,
        probe=authoring.ffmpeg_duration_probe,
    )


def _remove_video(ctx: cmd.CommandContext, c: CourseDraft, _v: Path) -> cmd.AuthoringCommand:
    x = c.modules[0].lessons[0]
    return cmd.SetLessonVideoCommand(
        ctx,
        lesson_id=x.id,
        lesson_title=x.title,
        old=(x.video_asset_id, x.duration_minutes),
        new=(None, 4),
    )


COMMANDS: dict[str, CommandFactory] = {
    "edit course fields": _edit_course,
    "rename module": _rename_module,
    "edit lesson fields": _edit_lesson,
    "add module": lambda ctx, c, _v: cmd.AddModuleCommand(ctx, title="Subqueries", index=1),
    "delete module": lambda ctx, c, _v: cmd.DeleteModuleCommand(
        ctx, module_id=c.modules[0].id, title=c.modules[0].title
    ),
    "duplicate module": lambda ctx, c, _v: cmd.DuplicateModuleCommand(
        ctx, module_id=c.modules[0].id, title=c.modules[0].title
    ),
    "move module": lambda ctx, c, _v: cmd.MoveModuleCommand(
        ctx, module_id=c.modules[0].id, title="", new_index=1
    ),
    "add lesson": lambda ctx, c, _v: cmd.AddLessonCommand(
        ctx, module_id=c.modules[1].id, title="CROSS JOIN", index=0
    ),
    "delete lesson": lambda ctx, c, _v: cmd.DeleteLessonCommand(
        ctx, lesson_id=c.modules[0].lessons[0].id, title=""
    ),
    "duplicate lesson": lambda ctx, c, _v: cmd.DuplicateLessonCommand(
        ctx, lesson_id=c.modules[0].lessons[1].id, title=""
    ),
    "move lesson within a module": lambda ctx, c, _v: cmd.MoveLessonCommand(
        ctx,
        lesson_id=c.modules[0].lessons[0].id,
        title="",
        target_module_id=c.modules[0].id,
        new_index=1,
    ),
    "move lesson to another module": lambda ctx, c, _v: cmd.MoveLessonCommand(
        ctx,
        lesson_id=c.modules[0].lessons[0].id,
        title="",
        target_module_id=c.modules[1].id,
        new_index=1,
    ),
    "attach video": _video,
    "remove video": _remove_video,
    "unpublish": lambda ctx, c, _v: cmd.SetCourseStatusCommand(
        ctx, title=c.title, new_status="draft"
    ),
    "archive": lambda ctx, c, _v: cmd.SetCourseStatusCommand(
        ctx, title=c.title, new_status="archived"
    ),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_undo_and_redo_of_every_command_restore_the_exact_database_state(
    uow_factory: UnitOfWorkFactory,
    people: People,
    sample_video: Path,
    tmp_path: Path,
    name: str,
) -> None:
    who = people.instructor
    course = authoring.load_course(uow_factory, actor=who, course_id=SQL_BASICS)
    context = cmd.CommandContext(
        uow_factory=uow_factory, actor=who, course_id=SQL_BASICS, media_dir=tmp_path / "media"
    )
    context.remember(course)
    stack = QUndoStack()
    before = snapshot(uow_factory, SQL_BASICS)

    stack.push(COMMANDS[name](context, course, sample_video))
    after = snapshot(uow_factory, SQL_BASICS)
    assert after != before
    assert_dense(uow_factory, SQL_BASICS)

    for _round in range(2):
        stack.undo()
        assert snapshot(uow_factory, SQL_BASICS) == before
        assert_dense(uow_factory, SQL_BASICS)
        stack.redo()
        assert snapshot(uow_factory, SQL_BASICS) == after
        assert_dense(uow_factory, SQL_BASICS)


def test_a_macro_of_bulk_edits_undoes_as_one_step(
    uow_factory: UnitOfWorkFactory, people: People, tmp_path: Path
) -> None:
    who = people.admin
    course = authoring.load_course(uow_factory, actor=who, course_id=PYTHON)
    context = cmd.CommandContext(
        uow_factory=uow_factory, actor=who, course_id=PYTHON, media_dir=tmp_path
    )
    context.remember(course)
    stack = QUndoStack()
    before = snapshot(uow_factory, PYTHON)
    stack.beginMacro("Delete 3 items")
    stack.push(
        cmd.DeleteLessonCommand(context, lesson_id=course.modules[0].lessons[1].id, title="")
    )
    stack.push(
        cmd.DeleteLessonCommand(context, lesson_id=course.modules[2].lessons[0].id, title="")
    )
    stack.push(cmd.DeleteModuleCommand(context, module_id=course.modules[1].id, title=""))
    stack.endMacro()
    assert stack.count() == 1
    assert stack.undoText() == "Delete 3 items"
    after = snapshot(uow_factory, PYTHON)
    assert len(after["lessons"]) == len(before["lessons"]) - 4
    stack.undo()
    assert snapshot(uow_factory, PYTHON) == before
    stack.redo()
    assert snapshot(uow_factory, PYTHON) == after
    assert_dense(uow_factory, PYTHON)


# ------------------------------------------------------------------------- concurrency


def test_two_sessions_editing_the_same_course_get_a_conflict_not_an_overwrite(
    migrated_url: str, make_engine: Callable[[str], Engine], people: People
) -> None:
    alice = uow_factory_for(make_engine(migrated_url))
    bob = uow_factory_for(make_engine(migrated_url))
    who = people.instructor
    seen_by_alice = authoring.load_course(alice, actor=who, course_id=SQL_BASICS)
    seen_by_bob = authoring.load_course(bob, actor=who, course_id=SQL_BASICS)

    saved = authoring.update_course_fields(
        alice,
        actor=who,
        course_id=SQL_BASICS,
        expected_updated_at=seen_by_alice.updated_at,
        description="Alice's words.",
    )
    with pytest.raises(EditConflictError) as caught:
        authoring.update_course_fields(
            bob,
            actor=who,
            course_id=SQL_BASICS,
            expected_updated_at=seen_by_bob.updated_at,
            description="Bob's words.",
        )
    conflict = caught.value
    assert conflict.mine == {"description": "Bob's words."}
    assert conflict.theirs == {"description": "Alice's words."}
    assert conflict.theirs_updated_at == saved.updated_at
    assert "changed by someone else" in str(conflict)
    assert authoring.load_course(bob, actor=who, course_id=SQL_BASICS).description == (
        "Alice's words."
    )
    # "Keep mine": save again over the version Bob has now seen.
    kept = authoring.update_course_fields(
        bob,
        actor=who,
        course_id=SQL_BASICS,
        expected_updated_at=conflict.theirs_updated_at,
        description="Bob's words.",
    )
    assert kept.description == "Bob's words."

    # Modules and lessons carry their own tokens.
    module = seen_by_alice.modules[0]
    authoring.update_module_fields(
        alice, actor=who, module_id=module.id, expected_updated_at=module.updated_at, title="A"
    )
    with pytest.raises(EditConflictError, match="module 'A' was changed") as module_conflict:
        authoring.update_module_fields(
            bob, actor=who, module_id=module.id, expected_updated_at=module.updated_at, title="B"
        )
    assert module_conflict.value.theirs == {"title": "A"}
    lesson = seen_by_alice.modules[1].lessons[0]
    authoring.update_lesson_fields(
        alice, actor=who, lesson_id=lesson.id, expected_updated_at=lesson.updated_at, duration=3
    )
    with pytest.raises(EditConflictError):
        authoring.update_lesson_fields(
            bob, actor=who, lesson_id=lesson.id, expected_updated_at=lesson.updated_at, duration=4
        )


def test_a_deleted_node_is_reported_in_words(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    who = people.instructor
    course = authoring.load_course(uow_factory, actor=who, course_id=SQL_BASICS)
    module = course.modules[1]
    authoring.delete_module(uow_factory, actor=who, module_id=module.id)
    with pytest.raises(NotFoundError, match="This module no longer exists"):
        authoring.update_module_fields(
            uow_factory, actor=who, module_id=module.id, expected_updated_at=None, title="x"
        )
    with pytest.raises(NotFoundError, match="This lesson no longer exists"):
        authoring.move_lesson(
            uow_factory,
            actor=who,
            lesson_id=module.lessons[0].id,
            target_module_id=course.modules[0].id,
            new_index=0,
        )


# ------------------------------------------------------------------------------ publish


def test_publish_checks_block_in_words_and_the_workflow_follows_the_rules(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    who = people.instructor
    draft = authoring.load_course(uow_factory, actor=who, course_id=DRAFT_COURSE)
    assert authoring.publish_check(uow_factory, actor=who, course_id=DRAFT_COURSE) == []
    authoring.add_module(uow_factory, actor=who, course_id=DRAFT_COURSE, title="Orchestration")
    quality = authoring.add_module(uow_factory, actor=who, course_id=DRAFT_COURSE, title="Quality")
    authoring.add_lesson(uow_factory, actor=who, module_id=quality.node_id, title="Checks")
    problems = authoring.publish_check(uow_factory, actor=who, course_id=DRAFT_COURSE)
    assert problems == [
        "Module 2 'Orchestration' has no lessons.",
        "Lesson 'Checks' in module 'Quality' has neither a video nor a description.",
    ]
    current = authoring.load_course(uow_factory, actor=who, course_id=DRAFT_COURSE)
    with pytest.raises(PublishBlockedError) as blocked:
        authoring.publish_course(
            uow_factory, actor=who, course_id=DRAFT_COURSE, expected_updated_at=current.updated_at
        )
    assert blocked.value.problems == tuple(problems)
    assert "cannot be published yet (2 problems)" in str(blocked.value)
    assert authoring.load_course(uow_factory, actor=who, course_id=DRAFT_COURSE).status == "draft"

    orchestration = current.modules[1]
    authoring.delete_module(uow_factory, actor=who, module_id=orchestration.id)
    checks = current.modules[2].lessons[0]
    authoring.update_lesson_fields(
        uow_factory,
        actor=who,
        lesson_id=checks.id,
        expected_updated_at=None,
        description="Write data quality checks.",
    )
    # Problems found by the assessment rules (the caller's) block publishing too.
    found = ["Assessment 'SQL Basics Check': question 1 has no correct option."]
    current = authoring.load_course(uow_factory, actor=who, course_id=DRAFT_COURSE)
    with pytest.raises(PublishBlockedError, match="no correct option"):
        authoring.publish_course(
            uow_factory,
            actor=who,
            course_id=DRAFT_COURSE,
            expected_updated_at=current.updated_at,
            assessment_problems=found,
        )
    published = authoring.publish_course(
        uow_factory, actor=who, course_id=DRAFT_COURSE, expected_updated_at=current.updated_at
    )
    assert (published.old_status, published.course.status) == ("draft", "published")
    assert published.course.updated_at != draft.updated_at

    with pytest.raises(ValidationError, match="already published"):
        authoring.publish_course(
            uow_factory, actor=who, course_id=DRAFT_COURSE, expected_updated_at=None
        )
    archived = authoring.archive_course(
        uow_factory, actor=who, course_id=DRAFT_COURSE, expected_updated_at=None
    )
    assert archived.course.status == "archived"
    with pytest.raises(ValidationError, match="make it a draft first"):
        authoring.publish_course(
            uow_factory, actor=who, course_id=DRAFT_COURSE, expected_updated_at=None
        )
    back = authoring.unpublish_course(
        uow_factory, actor=who, course_id=DRAFT_COURSE, expected_updated_at=None
    )
    assert (back.old_status, back.course.status) == ("archived", "draft")
    with pytest.raises(ValidationError, match="Only a published course can be archived"):
        authoring.archive_course(
            uow_factory, actor=who, course_id=DRAFT_COURSE, expected_updated_at=None
        )


def test_unpublishing_and_archiving_report_enrolled_learners(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    with uow_factory() as uow:
        uow.session.add_all(
            UserProgress(
                user_id=person.id,
                entity_type="course",
                entity_id=SQL_BASICS,
                status="in_progress",
            )
            for person in (people.learner, people.admin)
        )
        uow.commit()
    count = authoring.enrolled_learners(uow_factory, actor=people.admin, course_id=SQL_BASICS)
    assert count.learners == 2
    assert count.words() == "2 learners are enrolled."
    mine = authoring.enrolled_learners(uow_factory, actor=people.instructor, course_id=SQL_BASICS)
    assert mine == count
    other = accounts.create_user(
        uow_factory, email="other@example.test", password="other-teacher-1", roles=["instructor"]
    )
    with pytest.raises(PermissionDeniedError, match="Only the instructor of 'SQL Basics'"):
        authoring.enrolled_learners(uow_factory, actor=other, course_id=SQL_BASICS)
    change = authoring.archive_course(
        uow_factory, actor=people.admin, course_id=SQL_BASICS, expected_updated_at=None
    )
    assert change.enrolled.learners == 2
    none = authoring.enrolled_learners(uow_factory, actor=people.admin, course_id=DRAFT_COURSE)
    assert none.words() == "No learners are enrolled."


def test_path_assessments_lists_what_the_courses_paths_use(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    used = authoring.path_assessments(uow_factory, course_id=PYTHON)
    assert used, "the demo path mixes courses and an assessment"
    assert all(isinstance(title, str) and title for _id, title in used)
    assert authoring.path_assessments(uow_factory, course_id=DRAFT_COURSE) == []


# ------------------------------------------------------------------------------- videos


def test_attach_a_video_file_copies_it_and_probes_its_length(
    uow_factory: UnitOfWorkFactory, people: People, sample_video: Path, tmp_path: Path
) -> None:
    who = people.instructor
    media = tmp_path / "media"
    lesson = (
        authoring.load_course(uow_factory, actor=who, course_id=DRAFT_COURSE).modules[0].lessons[0]
    )
    assert lesson.video is None
    attached = authoring.attach_video_file(
        uow_factory,
        actor=who,
        lesson_id=lesson.id,
        path=sample_video,
        media_dir=media,
        title="  Batch vs streaming  ",
        probe=authoring.ffmpeg_duration_probe,
    )
    asset = attached.asset
    assert (asset.title, asset.provider, asset.status, asset.duration_minutes) == (
        "Batch vs streaming",
        "file",
        "ready",
        1,
    )
    copied = media / asset.provider_id
    assert copied.read_bytes() == sample_video.read_bytes()
    assert asset.provider_id.endswith("-clip-one.mp4")
    assert (attached.previous_asset_id, attached.previous_duration) == (None, 5)
    after = attached.course.modules[0].lessons[0]
    assert (after.video_asset_id, after.duration_minutes) == (asset.id, 1)
    assert after.video == asset
    assert attached.course.duration_minutes == 1
    with uow_factory() as uow:
        row = uow.session.get(VideoAsset, asset.id)
        assert row is not None
        assert row.author_id == who.id
    assert authoring.ffmpeg_duration_probe(sample_video) == pytest.approx(2.0, abs=0.2)


def test_a_broken_or_unreadable_file_leaves_the_lesson_unchanged(
    uow_factory: UnitOfWorkFactory, people: People, tmp_path: Path
) -> None:
    who = people.instructor
    media = tmp_path / "media"
    lesson = (
        authoring.load_course(uow_factory, actor=who, course_id=DRAFT_COURSE).modules[0].lessons[0]
    )
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42 this is not a video" * 50)
    before = snapshot(uow_factory, DRAFT_COURSE)
    assets = count(uow_factory, VideoAsset)
    with pytest.raises(ValidationError, match=r"'broken\.mp4' is not a video this app can play"):
        authoring.attach_video_file(
            uow_factory,
            actor=who,
            lesson_id=lesson.id,
            path=broken,
            media_dir=media,
            title="Broken",
            probe=authoring.ffmpeg_duration_probe,
        )
    with pytest.raises(ValidationError, match="is not a file that exists"):
        authoring.attach_video_file(
            uow_factory,
            actor=who,
            lesson_id=lesson.id,
            path=tmp_path / "missing.mp4",
            media_dir=media,
            title="Missing",
            probe=authoring.ffmpeg_duration_probe,
        )
    assert snapshot(uow_factory, DRAFT_COURSE) == before
    assert count(uow_factory, VideoAsset) == assets
    assert not media.exists() or list(media.iterdir()) == []


def test_attach_a_video_by_address(uow_factory: UnitOfWorkFactory, people: People) -> None:
    who = people.instructor
    lesson = (
        authoring.load_course(uow_factory, actor=who, course_id=DRAFT_COURSE).modules[0].lessons[0]
    )
    with pytest.raises(ValidationError, match="is not a web address"):
        authoring.attach_video_url(
            uow_factory, actor=who, lesson_id=lesson.id, url="ftp://example.org/a.mp4", title="x"
        )

    def unreachable(_url: str) -> float:
        raise OSError("connection refused")

    before = snapshot(uow_factory, DRAFT_COURSE)
    with pytest.raises(ValidationError, match="cannot be played \\(connection refused\\)"):
        authoring.attach_video_url(
            uow_factory,
            actor=who,
            lesson_id=lesson.id,
            url="https://videos.example.org/a.mp4",
            title="x",
            probe=unreachable,
        )
    assert snapshot(uow_factory, DRAFT_COURSE) == before
    attached = authoring.attach_video_url(
        uow_factory,
        actor=who,
        lesson_id=lesson.id,
        url="https://videos.example.org/pipelines.mp4",
        title="",
    )
    assert (attached.asset.provider, attached.asset.status, attached.asset.title) == (
        "url",
        "processing",
        "pipelines.mp4",
    )
    ready = authoring.mark_video_ready(
        uow_factory, actor=who, asset_id=attached.asset.id, seconds=150
    )
    assert (ready.status, ready.duration_minutes) == ("ready", 2)


# --------------------------------------------------------------------------- permission


def test_only_the_author_or_an_admin_changes_a_course(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    other = accounts.create_user(
        uow_factory, email="other@example.test", password="other-teacher-1", roles=["instructor"]
    )
    course = authoring.load_course(uow_factory, actor=other, course_id=SQL_BASICS)
    with pytest.raises(PermissionDeniedError, match="'SQL Basics' is another instructor's course"):
        authoring.update_course_fields(
            uow_factory,
            actor=other,
            course_id=SQL_BASICS,
            expected_updated_at=course.updated_at,
            title="Mine now",
        )
    with pytest.raises(PermissionDeniedError, match="another instructor's course"):
        authoring.add_lesson(
            uow_factory, actor=other, module_id=course.modules[0].id, title="Sneaky"
        )
    with pytest.raises(PermissionDeniedError, match="may not create or edit courses"):
        authoring.create_course(uow_factory, actor=people.learner, title="Learner's course")
    # The admin may; the other instructor may duplicate it into a course of their own.
    authoring.update_course_fields(
        uow_factory, actor=people.admin, course_id=SQL_BASICS, expected_updated_at=None, level="x"
    )
    copy = authoring.duplicate_course(uow_factory, actor=other, course_id=SQL_BASICS)
    assert copy.author_id == other.id


# ----------------------------------------------- PostgreSQL: each person's own login role


@dataclass(frozen=True)
class Server:
    cluster: PostgresCluster
    database: str
    uow: UnitOfWorkFactory

    def profile(self) -> ServerProfile:
        return ServerProfile(
            name="t",
            kind="postgresql",
            host=self.cluster.host,
            port=self.cluster.port,
            database=self.database,
            sslmode="disable",
        )


@pytest.fixture
def server(
    pg_cluster: PostgresCluster, pg_url: str, make_engine: Callable[[str], Engine]
) -> Server:
    engine = make_engine(pg_url)
    migrations.upgrade(engine)
    factory = uow_factory_for(engine)
    demo.load_demo(factory)
    accounts.create_user(
        factory,
        email="bea@example.test",
        password="bea-teaches-2026",
        roles=["instructor"],
        first_name="Bea",
    )
    database = make_url(pg_url).database
    assert database is not None
    return Server(pg_cluster, database, factory)


@pytest.fixture
def signed_in(server: Server) -> Iterator[Callable[[str, str], Any]]:
    from elearn_desktop.services.auth import sign_in

    sessions: list[Any] = []

    def open_session(email: str, password: str) -> Any:
        session = sign_in(server.profile(), email, password)
        sessions.append(session)
        return session

    yield open_session
    for session in sessions:
        session.close()


@pytest.mark.postgres
def test_postgresql_instructor_edits_own_course_as_their_own_login(
    server: Server, signed_in: Callable[[str, str], Any], sample_video: Path, tmp_path: Path
) -> None:
    ivan = signed_in("instructor@demo.test", "teach-demo-2026")
    uow, me = ivan.backend.uow, ivan.user
    assert me.db_role is not None
    course = authoring.load_course(uow, actor=me, course_id=SQL_BASICS)
    edited = authoring.update_course_fields(
        uow, actor=me, course_id=SQL_BASICS, expected_updated_at=course.updated_at, level="advanced"
    )
    assert edited.level == "advanced"
    moved = authoring.move_lesson(
        uow,
        actor=me,
        lesson_id=course.modules[0].lessons[0].id,
        target_module_id=course.modules[1].id,
        new_index=0,
    )
    assert titles(moved.course)[1][1][0] == "SELECT and FROM"
    assert_dense(server.uow, SQL_BASICS)
    created = authoring.create_course(uow, actor=me, title="Window functions")
    added = authoring.add_module(uow, actor=me, course_id=created.id, title="Ranking")
    authoring.add_lesson(uow, actor=me, module_id=added.node_id, title="ROW_NUMBER")
    new_lesson = authoring.load_course(uow, actor=me, course_id=created.id).modules[0].lessons[0]
    attached = authoring.attach_video_file(
        uow,
        actor=me,
        lesson_id=new_lesson.id,
        path=sample_video,
        media_dir=tmp_path,
        title="Ranking clip",
        probe=authoring.ffmpeg_duration_probe,
    )
    assert attached.asset.status == "ready"
    # Undo through the real commands works under row-level security too.
    context = cmd.CommandContext(
        uow_factory=uow, actor=me, course_id=SQL_BASICS, media_dir=tmp_path
    )
    context.remember(authoring.load_course(uow, actor=me, course_id=SQL_BASICS))
    before = snapshot(server.uow, SQL_BASICS)
    stack = QUndoStack()
    stack.push(
        cmd.DeleteModuleCommand(context, module_id=course.modules[0].id, title="Selecting data")
    )
    stack.undo()
    assert snapshot(server.uow, SQL_BASICS) == before
    # Row-level security hides learners' progress from the instructor's login, yet the count
    # before unpublishing is exact (revision 0008's function counts for the course's author).
    with uow() as own:
        assert (
            own.session.scalar(
                select(func.count()).select_from(UserProgress).where(UserProgress.user_id != me.id)
            )
            == 0
        )
    with server.uow() as owner:
        everyone = owner.session.scalar(
            select(func.count()).where(
                UserProgress.entity_type == "course", UserProgress.entity_id == PYTHON
            )
        )
    assert everyone
    count = authoring.enrolled_learners(uow, actor=me, course_id=PYTHON)
    assert count.learners == everyone


@pytest.mark.postgres
def test_postgresql_refuses_another_instructors_changes_in_words(
    server: Server, signed_in: Callable[[str, str], Any]
) -> None:
    bea = signed_in("bea@example.test", "bea-teaches-2026")
    uow, me = bea.backend.uow, bea.user
    before = snapshot(server.uow, SQL_BASICS)
    course = authoring.load_course(uow, actor=me, course_id=SQL_BASICS)  # published: readable
    assert authoring.my_courses(uow, actor=me) == []
    with pytest.raises(PermissionDeniedError, match="'SQL Basics' is another instructor's course"):
        authoring.update_course_fields(
            uow, actor=me, course_id=SQL_BASICS, expected_updated_at=course.updated_at, title="Mine"
        )
    # Even a client that skips the app's own check (actor=None) is refused — by the server.
    refusals: list[Callable[[], object]] = [
        lambda: authoring.update_course_fields(
            uow, actor=None, course_id=SQL_BASICS, expected_updated_at=None, title="Mine"
        ),
        lambda: authoring.add_module(uow, actor=None, course_id=SQL_BASICS, title="Mine"),
        lambda: authoring.delete_module(uow, actor=None, module_id=course.modules[0].id),
        lambda: authoring.move_lesson(
            uow,
            actor=None,
            lesson_id=course.modules[0].lessons[0].id,
            target_module_id=course.modules[1].id,
            new_index=0,
        ),
        lambda: authoring.archive_course(
            uow, actor=None, course_id=SQL_BASICS, expected_updated_at=None
        ),
    ]
    for attempt in refusals:
        with pytest.raises(PermissionDeniedError, match="The server refused to change"):
            attempt()
    # Nor may she count another instructor's learners, even skipping the app's check.
    for actor in (me, None):
        with pytest.raises(PermissionDeniedError, match="Only the instructor of 'SQL Basics'"):
            authoring.enrolled_learners(uow, actor=actor, course_id=SQL_BASICS)
    assert snapshot(server.uow, SQL_BASICS) == before
    # Drafts of others are not even visible.
    with pytest.raises(NotFoundError, match="no longer exists, or you cannot see it"):
        authoring.load_course(uow, actor=me, course_id=DRAFT_COURSE)
    # Bea's own course is hers to change, and her slug does not collide with invisible drafts.
    own = authoring.create_course(uow, actor=me, title="Advanced Data Engineering")
    assert own.slug != "advanced-data-engineering"
    assert own.author_id == me.id


# ---------------------------------------------------------------- lazy lessons (issue #8)


def test_an_outline_carries_modules_and_counts_and_only_the_lessons_asked_for(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    who = people.instructor
    full = authoring.load_course(uow_factory, actor=who, course_id=PYTHON)
    assert full.fully_loaded
    assert all(m.lessons for m in full.modules)

    bare = authoring.load_course(
        uow_factory, actor=who, course_id=PYTHON, lessons_of=frozenset(), count_lessons=False
    )
    assert [m.id for m in bare.modules] == [m.id for m in full.modules]
    assert [(m.lessons, m.lessons_loaded, m.lesson_count, m.minutes) for m in bare.modules] == [
        ((), False, None, None)
    ] * len(full.modules)
    assert not bare.fully_loaded
    with pytest.raises(ValueError, match="every module's lessons"):
        bare.snapshot()

    wanted = full.modules[1]
    some = authoring.load_course(uow_factory, actor=who, course_id=PYTHON, lessons_of={wanted.id})
    assert some.module(wanted.id) == wanted
    for mine, whole in zip(some.modules, full.modules, strict=True):
        assert mine.lesson_count == whole.lesson_count
        assert mine.minutes == whole.minutes
        assert mine.lessons_loaded == (mine.id == wanted.id)
    assert set(some.tokens()) == {PYTHON, *(m.id for m in full.modules)} | {
        x.id for x in wanted.lessons
    }

    fetched = authoring.load_module(
        uow_factory, actor=who, course_id=PYTHON, module_id=full.modules[2].id
    )
    assert fetched == full.modules[2]
    with pytest.raises(NotFoundError, match="module no longer exists"):
        authoring.load_module(
            uow_factory, actor=who, course_id=SQL_BASICS, module_id=full.modules[2].id
        )


def test_edits_return_only_the_loaded_modules_lessons_and_publish_checks_see_all(
    uow_factory: UnitOfWorkFactory, people: People
) -> None:
    who = people.instructor
    full = authoring.load_course(uow_factory, actor=who, course_id=PYTHON)
    first, second, third = full.modules
    loaded = frozenset({first.id})
    lesson = first.lessons[0]
    renamed = authoring.update_lesson_fields(
        uow_factory,
        actor=who,
        lessons_of=loaded,
        lesson_id=lesson.id,
        expected_updated_at=lesson.updated_at,
        title="Installing Python 3",
    )
    assert [m.lessons_loaded for m in renamed.modules] == [True, False, False]
    assert renamed.lesson(lesson.id).title == "Installing Python 3"  # type: ignore[union-attr]
    assert renamed.modules[2].lesson_count == len(third.lessons)

    # A move into an unloaded module: the result carries the lessons it was asked for,
    # the moved lesson counted in its new module.
    moved = authoring.move_lesson(
        uow_factory,
        actor=who,
        lessons_of=loaded,
        lesson_id=lesson.id,
        target_module_id=third.id,
        new_index=2**31 - 1,
    )
    assert moved.new_index == len(third.lessons)
    assert [m.lesson_count for m in moved.course.modules] == [
        len(first.lessons) - 1,
        len(second.lessons),
        len(third.lessons) + 1,
    ]
    assert moved.course.modules[2].minutes == third.minutes + (lesson.duration_minutes or 0)
    now = authoring.load_course(uow_factory, actor=who, course_id=PYTHON)
    assert [x.id for x in now.modules[2].lessons][-1] == lesson.id

    # Publishing checks every lesson, loaded in the editor or not.
    bare = third.lessons[0]
    authoring.set_lesson_video(
        uow_factory,
        actor=who,
        lessons_of=loaded,
        lesson_id=bare.id,
        video_asset_id=None,
        duration=bare.duration_minutes,
    )
    authoring.update_lesson_fields(
        uow_factory,
        actor=who,
        lessons_of=loaded,
        lesson_id=bare.id,
        expected_updated_at=None,
        description="",
    )
    problems = authoring.publish_check(uow_factory, actor=who, course_id=PYTHON)
    assert f"Lesson '{bare.title}' in module '{third.title}' has neither a video nor a " in (
        " ".join(problems)
    )
