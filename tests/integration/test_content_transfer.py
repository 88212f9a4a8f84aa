"""Course export/import (`elearn course export|import`) on SQLite and PostgreSQL.

Round trips give equal content with new ids; a taken slug is refused unless a new one is
given; a corrupt, foreign, newer, tampered or path-escaping archive is refused in one
line, and then nothing at all was imported (no rows, no media files).
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload, undefer

from elearn_desktop import cli
from elearn_desktop.config import ENV_DATA_DIR, ENV_DATABASE_URL, RESOURCES_DIR
from elearn_desktop.data import migrations
from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    Base,
    Course,
    LearningPath,
    Lesson,
    Module,
    PathStep,
    Question,
    User,
    UserRole,
    VideoAsset,
)
from elearn_desktop.data.uow import UnitOfWorkFactory, uow_factory_for
from elearn_desktop.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from elearn_desktop.services import content_transfer as transfer
from elearn_desktop.services.accounts import user_summary
from elearn_desktop.services.content_transfer import ArchiveError, SlugTakenError, TransferLimits
from elearn_desktop.services.media import resolve_video_source
from tests.conftest import EngineFactory
from tests.integration.test_assessment_authoring import login_people

SLUG = "data-basics"
CLIP = RESOURCES_DIR / "media" / "sql-basics.mp4"


# ----------------------------------------------------------------------------- fixtures


class Target(NamedTuple):
    url: str
    uow: UnitOfWorkFactory


@pytest.fixture
def fresh(
    backend_url: str, tmp_path: Path, request: pytest.FixtureRequest, make_engine: EngineFactory
) -> Iterator[Target]:
    """A second, empty, migrated database on the same backend as ``uow_factory``."""
    name = None
    if backend_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        name = f"t_{uuid.uuid4().hex[:12]}"
        url = cluster.create_database(name)
    try:
        engine = make_engine(url)
        migrations.upgrade(engine)
        yield Target(url, uow_factory_for(engine))
        engine.dispose()
    finally:
        if name is not None:
            cluster.drop_database(name)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


@pytest.fixture
def target_library(tmp_path: Path) -> Path:
    return tmp_path / "target-library"


def _add_author(uow_factory: UnitOfWorkFactory, email: str) -> uuid.UUID:
    with uow_factory() as uow:
        user = User(id=uuid.uuid4(), email=email, password_hash="x", first_name="Ivy")
        user.roles = [UserRole(role="learner"), UserRole(role="instructor")]
        uow.session.add(user)
        uow.commit()
        return user.id


@pytest.fixture
def course(uow_factory: UnitOfWorkFactory, library: Path) -> uuid.UUID:
    """A course with every kind of content an export carries."""
    author = _add_author(uow_factory, "ivy@example.test")
    own_clip = library / "lectures" / "welcome.MP4"
    own_clip.parent.mkdir()
    own_clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 400)
    with uow_factory() as uow:
        s = uow.session
        demo = VideoAsset(
            id=uuid.uuid4(),
            title="Demo clip",
            provider="demo",
            provider_id="media/sql-basics.mp4",
            status="ready",
            duration=1,
        )
        mine = VideoAsset(
            id=uuid.uuid4(),
            title="Welcome",
            description="Hello!",
            provider="file",
            provider_id=str(own_clip),
            status="ready",
            duration=2,
            author_id=author,
        )
        web = VideoAsset(
            id=uuid.uuid4(),
            title="Streamed",
            provider="url",
            provider_id="https://videos.example.test/joins.mp4",
            status="ready",
            duration=7,
        )
        s.add_all([demo, mine, web])
        other = Course(
            id=uuid.uuid4(), title="Other course", slug="other-course", status="published"
        )
        subject = Course(
            id=uuid.uuid4(),
            title="Data Basics",
            slug=SLUG,
            description="Tables → insight",
            status="published",
            level="beginner",
            duration=14,
            author_id=author,
            thumbnail_url="https://img.example.test/data.png",
        )
        subject.modules = [
            Module(
                id=uuid.uuid4(),
                title="Start",
                description="Why data",
                order_index=0,
                lessons=[
                    Lesson(
                        id=uuid.uuid4(),
                        title="Welcome",
                        duration=2,
                        order_index=0,
                        video_asset_id=mine.id,
                    ),
                    Lesson(
                        id=uuid.uuid4(),
                        title="A demo",
                        duration=1,
                        order_index=1,
                        video_asset_id=demo.id,
                    ),
                    Lesson(
                        id=uuid.uuid4(),
                        title="Reading",
                        description="Só texto ✓",
                        duration=5,
                        order_index=2,
                    ),
                ],
            ),
            Module(
                id=uuid.uuid4(),
                title="Joins",
                order_index=1,
                lessons=[
                    Lesson(
                        id=uuid.uuid4(),
                        title="Streamed",
                        duration=7,
                        order_index=0,
                        video_asset_id=web.id,
                    ),
                    Lesson(
                        id=uuid.uuid4(),
                        title="Demo again",
                        duration=1,
                        order_index=1,
                        video_asset_id=demo.id,
                    ),
                ],
            ),
            Module(id=uuid.uuid4(), title="Empty module", order_index=2),
        ]
        quiz = Assessment(
            id=uuid.uuid4(),
            title="Data quiz",
            description="Ten minutes",
            passing_score=70,
            time_limit=10,
            author_id=author,
        )
        quiz.questions = [
            Question(
                id=uuid.uuid4(),
                text="Pick the clause",
                type="single_choice",
                order_index=0,
                options=[
                    AnswerOption(id=uuid.uuid4(), text="WHERE", is_correct=True, order_index=0),
                    AnswerOption(id=uuid.uuid4(), text="HAVING", is_correct=False, order_index=1),
                ],
            ),
            Question(
                id=uuid.uuid4(),
                text="Join types",
                type="multiple_choice",
                order_index=1,
                options=[
                    AnswerOption(id=uuid.uuid4(), text="INNER", is_correct=True, order_index=0),
                    AnswerOption(id=uuid.uuid4(), text="LEFT", is_correct=True, order_index=1),
                    AnswerOption(id=uuid.uuid4(), text="ACROSS", is_correct=False, order_index=2),
                ],
            ),
            Question(
                id=uuid.uuid4(),
                text="NULL = NULL",
                type="true_false",
                order_index=2,
                options=[
                    AnswerOption(id=uuid.uuid4(), text="True", is_correct=False, order_index=0),
                    AnswerOption(id=uuid.uuid4(), text="False", is_correct=True, order_index=1),
                ],
            ),
            Question(
                id=uuid.uuid4(),
                text="Keyword for unique rows",
                type="short_answer",
                order_index=3,
                options=[
                    AnswerOption(id=uuid.uuid4(), text="DISTINCT", is_correct=True, order_index=0)
                ],
            ),
        ]
        unrelated = Assessment(id=uuid.uuid4(), title="Not exported", passing_score=50)
        path = LearningPath(
            id=uuid.uuid4(),
            title="Analyst track",
            description="Course, then quiz",
            status="published",
            author_id=author,
        )
        path.steps = [
            PathStep(id=uuid.uuid4(), entity_type="course", entity_id=subject.id, order_index=0),
            PathStep(id=uuid.uuid4(), entity_type="assessment", entity_id=quiz.id, order_index=1),
        ]
        detour = LearningPath(id=uuid.uuid4(), title="Detour", status="draft")
        detour.steps = [
            PathStep(id=uuid.uuid4(), entity_type="course", entity_id=other.id, order_index=0),
            PathStep(id=uuid.uuid4(), entity_type="course", entity_id=subject.id, order_index=1),
        ]
        s.add_all([other, subject, quiz, unrelated, path, detour])
        uow.commit()
        return subject.id  # fmt: skip


# ------------------------------------------------------------------------------ helpers


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_tree(uow_factory: UnitOfWorkFactory, slug: str, media_dir: Path) -> dict[str, Any]:
    """Everything a person sees of the course and what travels with it, without ids."""
    with uow_factory() as uow:
        s = uow.session
        course = s.scalar(
            select(Course)
            .where(Course.slug == slug)
            .options(selectinload(Course.modules).selectinload(Module.lessons))
        )
        assert course is not None

        def video(asset_id: uuid.UUID | None) -> Any:
            if asset_id is None:
                return None
            asset = s.get(VideoAsset, asset_id)
            assert asset is not None
            where: Any = asset.provider_id
            if asset.provider != "url":
                source = resolve_video_source(asset, media_dir=media_dir)
                where = ("local file", _file_sha(Path(source.location)))
            return (asset.title, asset.description, asset.status, asset.duration, where)

        paths = s.scalars(
            select(LearningPath)
            .where(
                LearningPath.id.in_(select(PathStep.path_id).where(PathStep.entity_id == course.id))
            )
            .options(selectinload(LearningPath.steps))
            .order_by(LearningPath.title)
        ).all()

        def step_title(step: PathStep) -> str | None:
            model = Course if step.entity_type == "course" else Assessment
            row = s.get(model, step.entity_id)
            return row.title if row is not None else None

        quiz_ids = [st.entity_id for p in paths for st in p.steps if st.entity_type == "assessment"]
        quizzes = s.scalars(
            select(Assessment)
            .where(Assessment.id.in_(quiz_ids))
            .options(
                selectinload(Assessment.questions)
                .selectinload(Question.options)
                .options(undefer(AnswerOption.is_correct))
            )
            .order_by(Assessment.title)
        ).all()
        return {
            "course": (
                course.title, course.description, course.status, course.level,
                course.duration, course.thumbnail_url,
            ),
            "modules": [
                (m.order_index, m.title, m.description, [
                    (ls.order_index, ls.title, ls.description, ls.duration,
                     video(ls.video_asset_id))
                    for ls in m.lessons
                ])
                for m in course.modules
            ],
            "assessments": [
                (a.title, a.description, a.passing_score, a.time_limit, [
                    (q.order_index, q.type, q.text,
                     [(o.order_index, o.text, o.is_correct) for o in q.options])
                    for q in a.questions
                ])
                for a in quizzes
            ],
            "paths": [
                (p.title, p.description, p.thumbnail_url, p.status,
                 [(st.order_index, st.entity_type, step_title(st)) for st in p.steps])
                for p in paths
            ],
        }  # fmt: skip


def all_ids(uow_factory: UnitOfWorkFactory) -> set[uuid.UUID]:
    ids: set[uuid.UUID] = set()
    with uow_factory() as uow:
        for model in (Course, Module, Lesson, VideoAsset, Assessment, Question, AnswerOption,
                      LearningPath, PathStep):  # fmt: skip
            ids |= set(uow.session.scalars(select(model.id)))  # type: ignore[attr-defined]
    return ids


def row_counts(uow_factory: UnitOfWorkFactory) -> dict[str, int]:
    with uow_factory() as uow:
        return {
            table.name: uow.session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
            if table.name
            in (
                "courses", "modules", "lessons", "video_assets", "assessments", "questions",
                "answer_options", "learning_paths", "path_steps",
            )
        }  # fmt: skip


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def rewrite(
    source: Path,
    destination: Path,
    *,
    manifest: Callable[[dict[str, Any]], Any] | None = None,
    entries: Callable[[dict[str, bytes]], dict[str, bytes]] | None = None,
) -> Path:
    """A copy of an export with its manifest and/or entries changed."""
    with zipfile.ZipFile(source) as zf:
        contents = {name: zf.read(name) for name in zf.namelist()}
    if manifest is not None:
        data = json.loads(contents["manifest.json"])
        manifest(data)  # changes it in place
        contents["manifest.json"] = json.dumps(data).encode()
    if entries is not None:
        contents = entries(contents)
    with zipfile.ZipFile(destination, "w") as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return destination


@pytest.fixture
def exported(
    uow_factory: UnitOfWorkFactory, course: uuid.UUID, library: Path, tmp_path: Path
) -> Path:
    destination = tmp_path / "data-basics.zip"
    transfer.export_course(uow_factory, slug=SLUG, destination=destination, media_dir=library)
    return destination


# -------------------------------------------------------------------------------- tests


def test_round_trip_into_a_fresh_database_gives_equal_content_with_new_ids(
    uow_factory: UnitOfWorkFactory,
    course: uuid.UUID,
    fresh: Target,
    library: Path,
    target_library: Path,
    tmp_path: Path,
) -> None:
    destination = tmp_path / "out" / "course.zip"
    destination.parent.mkdir()
    progress: list[tuple[str, int, int]] = []
    report = transfer.export_course(
        uow_factory,
        slug=SLUG,
        destination=destination,
        media_dir=library,
        progress=lambda *args: progress.append(args),
    )
    assert (report.modules, report.lessons, report.videos) == (3, 5, 3)
    assert (report.media_files, report.assessments, report.paths) == (2, 1, 2)
    assert report.warnings == ()
    assert progress[-1][1] == progress[-1][2] == report.media_bytes
    assert [p.name for p in destination.parent.iterdir()] == ["course.zip"]  # no temp files

    with zipfile.ZipFile(destination) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = zf.namelist()
    assert (manifest["format"], manifest["version"]) == ("elearn-course", 1)
    assert sorted(names) == ["manifest.json", "media/video-1.mp4", "media/video-2.mp4"]
    shas = {v["media"]["sha256"] for v in manifest["videos"] if v["media"]}
    assert shas == {_file_sha(CLIP), _file_sha(library / "lectures" / "welcome.MP4")}

    imported = transfer.import_course(fresh.uow, source=destination, media_dir=target_library)
    assert imported.slug == SLUG
    assert imported.warnings == (
        "path 'Detour': the course 'Other course' (slug other-course) is not in this database; "
        "that step was left out",
    )
    # The demo clip is the app's own; the library file was copied into the new library.
    assert imported.media_files == 1
    [copied] = files_in(target_library)
    assert copied.read_bytes() == (library / "lectures" / "welcome.MP4").read_bytes()

    before = content_tree(uow_factory, SLUG, library)
    after = content_tree(fresh.uow, SLUG, target_library)
    # The detour path lost its step to a course the fresh database does not have.
    detour = before["paths"][1]
    assert detour[4] == [(0, "course", "Other course"), (1, "course", "Data Basics")]
    before["paths"][1] = (*detour[:4], [(0, "course", "Data Basics")])
    assert after == before
    assert not all_ids(uow_factory) & all_ids(fresh.uow)


def test_the_same_database_refuses_a_taken_slug_and_accepts_a_new_one(
    uow_factory: UnitOfWorkFactory, exported: Path, library: Path, target_library: Path
) -> None:
    counts = row_counts(uow_factory)
    with pytest.raises(SlugTakenError, match="'data-basics' already exists"):
        transfer.import_course(uow_factory, source=exported, media_dir=target_library)
    assert row_counts(uow_factory) == counts
    assert files_in(target_library) == []

    report = transfer.import_course(
        uow_factory, source=exported, new_slug="data-basics-2", media_dir=target_library
    )
    assert report.slug == "data-basics-2"
    # Here the other course exists, so the detour keeps both steps.
    assert report.warnings == ()
    original = content_tree(uow_factory, SLUG, library)
    copy = content_tree(uow_factory, "data-basics-2", target_library)
    assert copy["course"] == original["course"]
    assert copy["modules"] == original["modules"]
    assert copy["assessments"] == original["assessments"]
    assert [p[:4] for p in copy["paths"]] == [p[:4] for p in original["paths"]]
    # The copy's paths lead to the copy of the course, not the original.
    with uow_factory() as uow:
        copied_course = uow.session.scalar(select(Course.id).where(Course.slug == "data-basics-2"))
        steps = uow.session.scalars(
            select(PathStep.entity_id).where(PathStep.entity_type == "course")
        ).all()
    assert steps.count(copied_course) == 2
    assert row_counts(uow_factory)["courses"] == counts["courses"] + 1

    with pytest.raises(ValidationError, match="'Not A Slug' is not a slug"):
        transfer.import_course(uow_factory, source=exported, new_slug="Not A Slug")


def test_import_makes_the_person_the_author_and_needs_an_author_role(
    uow_factory: UnitOfWorkFactory, exported: Path, fresh: Target, target_library: Path
) -> None:
    author_id = _add_author(fresh.uow, "someone@example.test")
    with fresh.uow() as uow:
        someone = uow.users.by_email("someone@example.test")
        assert someone is not None
        actor = user_summary(someone)
        learner = User(id=uuid.uuid4(), email="l@example.test", password_hash="x")
        learner.roles = [UserRole(role="learner")]
        uow.session.add(learner)
        uow.flush()
        learner_actor = user_summary(learner)
        uow.commit()
    with pytest.raises(PermissionDeniedError):
        transfer.import_course(
            fresh.uow, source=exported, media_dir=target_library, actor=learner_actor
        )
    report = transfer.import_course(
        fresh.uow, source=exported, media_dir=target_library, actor=actor
    )
    with fresh.uow() as uow:
        authors = {
            uow.session.scalar(select(Course.author_id).where(Course.id == report.course_id)),
            *uow.session.scalars(select(Assessment.author_id)),
            *uow.session.scalars(select(LearningPath.author_id)),
        }
    assert authors == {author_id}


def test_operator_import_keeps_the_author_when_the_email_exists(
    uow_factory: UnitOfWorkFactory, exported: Path, fresh: Target, target_library: Path
) -> None:
    author_id = _add_author(fresh.uow, "ivy@example.test")
    report = transfer.import_course(fresh.uow, source=exported, media_dir=target_library)
    with fresh.uow() as uow:
        course = uow.session.get(Course, report.course_id)
        assert course is not None
        assert course.author_id == author_id


def test_a_demo_clip_that_is_not_the_apps_own_is_copied_as_a_file(
    uow_factory: UnitOfWorkFactory, exported: Path, fresh: Target, tmp_path: Path
) -> None:
    other_resources = tmp_path / "other-resources"
    (other_resources / "media").mkdir(parents=True)
    (other_resources / "media" / "sql-basics.mp4").write_bytes(b"a different clip")
    target = tmp_path / "lib2"
    report = transfer.import_course(
        fresh.uow, source=exported, media_dir=target, resources_dir=other_resources
    )
    assert report.media_files == 2
    with fresh.uow() as uow:
        providers = sorted(uow.session.scalars(select(VideoAsset.provider)))
    assert providers == ["file", "file", "url"]
    assert sorted(_file_sha(p) for p in files_in(target)) == sorted(
        [
            _file_sha(CLIP),
            hashlib.sha256(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 400).hexdigest(),
        ]
    )


def test_export_warns_about_missing_files_and_unknown_slugs_fail(
    uow_factory: UnitOfWorkFactory, course: uuid.UUID, library: Path, tmp_path: Path
) -> None:
    (library / "lectures" / "welcome.MP4").unlink()
    report = transfer.export_course(
        uow_factory, slug=SLUG, destination=tmp_path / "x.zip", media_dir=library
    )
    assert report.media_files == 1
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("video 'Welcome': the file ")
    assert report.warnings[0].endswith("is missing; exported without it")
    with pytest.raises(NotFoundError, match="no course with the slug 'nope'"):
        transfer.export_course(uow_factory, slug="nope", destination=tmp_path / "y.zip")
    with pytest.raises(ValidationError, match="does not exist"):
        transfer.export_course(uow_factory, slug=SLUG, destination=tmp_path / "no" / "z.zip")
    assert not (tmp_path / "y.zip").exists()


# -------------------------------------------------------------------- refused archives


def _bad_archives(exported: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (archive, what the one-line error says)."""
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(exported.read_bytes()[: exported.stat().st_size // 2])
    noise = tmp_path / "noise.zip"
    noise.write_bytes(b"PK\x03\x04" + bytes(500))
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as zf:
        zf.writestr("README.txt", "holiday photos")

    def flip_media(entries: dict[str, bytes]) -> dict[str, bytes]:
        data = bytearray(entries["media/video-1.mp4"])
        data[100] ^= 0xFF
        return {**entries, "media/video-1.mp4": bytes(data)}

    def slip(entries: dict[str, bytes]) -> dict[str, bytes]:
        return {**entries, "../../evil.sh": b"rm -rf ~"}

    def first_media(m: dict[str, Any]) -> dict[str, Any]:
        return next(v for v in m["videos"] if v["media"])["media"]  # type: ignore[no-any-return]

    def set_key(*keys: Any, value: Any) -> Callable[[dict[str, Any]], None]:
        def change(m: dict[str, Any]) -> None:
            node = m
            for key in keys[:-1]:
                node = node[key]
            node[keys[-1]] = value

        return change

    r = lambda name, **kw: rewrite(exported, tmp_path / name, **kw)  # noqa: E731
    return {
        "truncated": (truncated, "is not a zip archive, or it is damaged"),
        "noise": (noise, "is not a zip archive, or it is damaged"),
        "not a file": (tmp_path, "is a folder"),
        "missing": (tmp_path / "missing.zip", "does not exist"),
        "foreign zip": (foreign, "is not an elearn course export (it has no manifest.json)"),
        "foreign format": (
            r("other.zip", manifest=set_key("format", value="photo-album")),
            "is not an elearn course export (its format is 'photo-album')",
        ),
        "manifest not json": (
            r("json.zip", entries=lambda e: {**e, "manifest.json": b"{not json"}),
            "manifest.json is not valid JSON (line 1",
        ),
        "manifest a list": (
            r("list.zip", entries=lambda e: {**e, "manifest.json": b"[1, 2]"}),
            "is not an elearn course export",
        ),
        "newer version": (
            r("v2.zip", manifest=set_key("version", value=2)),
            "is a course export of version 2, which this app cannot read (it reads version 1; "
            "update the app)",
        ),
        "version as text": (
            r("v1s.zip", manifest=set_key("version", value="1")),
            "is a course export of version '1'",
        ),
        "sha mismatch": (
            r("sha.zip", entries=flip_media),
            "media/video-1.mp4 is damaged (its sha256 does not match the manifest)",
        ),
        "size mismatch": (
            r("size.zip", manifest=lambda m: first_media(m).update(size=102413)),
            "media/video-1.mp4 has 102412 bytes, the manifest says 102413",
        ),
        "zip slip entry": (
            r("slip.zip", entries=slip),
            "contains an unsafe path '../../evil.sh'",
        ),
        "zip slip media path": (
            r("slip2.zip", manifest=lambda m: first_media(m).update(path="media/../../../x.mp4")),
            "videos[0].media.path 'media/../../../x.mp4' is not a safe media path",
        ),
        "missing media entry": (
            r("gone.zip", entries=lambda e: {k: e[k] for k in e if k != "media/video-2.mp4"}),
            "names 'media/video-2.mp4', which is not in the archive",
        ),
        "lesson without title": (
            r("title.zip", manifest=lambda m: m["course"]["modules"][0]["lessons"][1].pop("title")),
            "course.modules[0].lessons[1].title is missing",
        ),
        "wrong type": (
            r("type.zip", manifest=set_key("course", "duration", value="long")),
            "course.duration should be a whole number, not text",
        ),
        "bool is no number": (
            r("bool.zip", manifest=set_key("assessments", 0, "passing_score", value=True)),
            "assessments[0].passing_score should be a whole number, not true/false",
        ),
        "score out of range": (
            r("range.zip", manifest=set_key("assessments", 0, "passing_score", value=120)),
            "assessments[0].passing_score should be between 0 and 100, not 120",
        ),
        "unknown question type": (
            r("qtype.zip",
              manifest=set_key("assessments", 0, "questions", 0, "type", value="essay")),
            "assessments[0].questions[0].type should be one of single_choice, multiple_choice, "
            "true_false, short_answer, not 'essay'",
        ),
        "dangling video": (
            r("video.zip",
              manifest=set_key("course", "modules", 0, "lessons", 0, "video", value="v9")),
            "course.modules[0].lessons[0].video names 'v9', which is not among the videos",
        ),
        "bad slug": (
            r("slug.zip", manifest=set_key("course", "slug", value="../etc")),
            "course.slug '../etc' is not a slug",
        ),
        "long title": (
            r("long.zip", manifest=set_key("course", "title", value="x" * 256)),
            "course.title is longer than 255 characters",
        ),
        "path to unknown assessment": (
            r("step.zip", manifest=set_key("learning_paths", 0, "steps", 1, "ref", value="nope")),
            "learning_paths[0].steps[1].ref names 'nope', which is not among the assessments",
        ),
    }  # fmt: skip


def test_refused_archives_say_why_and_import_nothing(
    uow_factory: UnitOfWorkFactory, exported: Path, tmp_path: Path, target_library: Path
) -> None:
    counts = row_counts(uow_factory)
    for name, (archive, message) in _bad_archives(exported, tmp_path).items():
        with pytest.raises(ArchiveError) as caught:
            transfer.import_course(
                uow_factory, source=archive, new_slug="fresh-slug", media_dir=target_library
            )
        text = str(caught.value)
        assert message in text, f"{name}: {text}"
        assert "\n" not in text, name
        assert row_counts(uow_factory) == counts, name
        assert files_in(target_library) == [], name


def test_size_limits(exported: Path, uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(ArchiveError, match="holds 3 files, more than a course export may"):
        transfer.read_archive(exported, limits=TransferLimits(max_entries=2))
    with pytest.raises(ArchiveError, match=r"manifest\.json is too large"):
        transfer.read_archive(exported, limits=TransferLimits(max_manifest_bytes=100))
    with pytest.raises(ArchiveError, match=r"unpacks to \d+ bytes, more than the limit"):
        transfer.read_archive(exported, limits=TransferLimits(max_total_bytes=1000))
    with pytest.raises(ArchiveError, match=r"media\.size should be between 0 and 1000"):
        transfer.read_archive(exported, limits=TransferLimits(max_media_bytes=1000))
    checked = transfer.read_archive(exported)
    assert (checked.slug, len(checked.modules), len(checked.videos)) == (SLUG, 3, 3)


def test_a_failed_insert_removes_the_copied_media(
    uow_factory: UnitOfWorkFactory,
    exported: Path,
    target_library: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Someone takes the slug between the check and the insert: still never overwrite."""
    counts = row_counts(uow_factory)
    place = transfer._place_media

    def racing(*args: Any) -> Any:
        with uow_factory() as uow:
            uow.session.add(Course(id=uuid.uuid4(), title="Sniped", slug="contested"))
            uow.commit()
        return place(*args)

    monkeypatch.setattr(transfer, "_place_media", racing)
    with pytest.raises(SlugTakenError):
        transfer.import_course(
            uow_factory, source=exported, new_slug="contested", media_dir=target_library
        )
    assert row_counts(uow_factory)["courses"] == counts["courses"] + 1  # only the sniper's
    assert row_counts(uow_factory)["modules"] == counts["modules"]
    assert files_in(target_library) == []


# ---------------------------------------------------------------------------------- CLI


class Run(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def elearn(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Run]:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "cli-data"))
    monkeypatch.delenv(ENV_DATABASE_URL, raising=False)

    def run(*args: str) -> Run:
        capsys.readouterr()
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def test_cli_export_and_import(
    elearn: Callable[..., Run],
    backend_url: str,
    course: uuid.UUID,
    fresh: Target,
    tmp_path: Path,
) -> None:
    # The CLI's media library is <data dir>/media; the course's own file lives elsewhere
    # (an absolute path), which the export reads as it is.
    archive = tmp_path / "cli.zip"
    done = elearn("--database-url", backend_url, "course", "export", SLUG, "-o", str(archive))
    assert done.code == 0, done.err
    assert done.out.strip() == (
        f"Exported 'Data Basics' (3 modules, 5 lessons, 2 media files, 1 assessment, "
        f"2 learning paths) to {archive}."
    )
    assert done.err == ""

    imported = elearn("--database-url", fresh.url, "course", "import", str(archive))
    assert imported.code == 0, imported.err
    assert imported.out.strip() == (
        "Imported 'Data Basics' as data-basics (3 modules, 5 lessons, 1 media file, "
        "1 assessment, 2 learning paths)."
    )
    assert imported.err.strip() == (
        "elearn: warning: path 'Detour': the course 'Other course' (slug other-course) is not "
        "in this database; that step was left out"
    )
    assert len(files_in(tmp_path / "cli-data" / "media")) == 1

    again = elearn("--database-url", fresh.url, "course", "import", str(archive))
    assert again.code == 1
    assert again.err.strip() == (
        "elearn: error: a course with the slug 'data-basics' already exists; nothing was "
        "imported (give it a new slug with --slug NEW)"
    )
    renamed = elearn(
        "--database-url", fresh.url, "course", "import", str(archive), "--slug", "db-2"
    )
    assert renamed.code == 0, renamed.err
    assert "as db-2" in renamed.out
    with fresh.uow() as uow:
        slugs = sorted(uow.session.scalars(select(Course.slug)))
    assert slugs == ["data-basics", "db-2"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["course", "export", SLUG], 2, "Missing option '-o' / '--output'"),
        (["course", "import"], 2, "Missing argument 'ARCHIVE'"),
        (["course", "export", "nope", "-o", "x.zip"], 1, "there is no course with the slug 'nope'"),
        (["course", "import", "missing.zip"], 1, "missing.zip does not exist"),
    ],
)
def test_cli_errors_are_one_line(
    elearn: Callable[..., Run],
    migrated_url: str,
    args: list[str],
    code: int,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = elearn("--database-url", migrated_url, *args)
    assert result.code == code
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("elearn: error: ")
    assert message in lines[0]
    assert "Traceback" not in result.err


def test_cli_refuses_a_corrupt_archive_in_one_line(
    elearn: Callable[..., Run], migrated_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"this is not a zip")
    result = elearn("--database-url", migrated_url, "course", "import", str(bad))
    assert result.code == 1
    assert result.err.strip() == (
        "elearn: error: bad.zip is not a zip archive, or it is damaged (File is not a zip file); "
        "nothing was imported"
    )
    assert result.out == ""


@pytest.fixture
def logins(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    with login_people(pg_url, monkeypatch) as people:
        yield people


@pytest.mark.postgres
def test_import_as_an_instructors_own_login_on_postgresql(
    exported: Path, logins: dict[str, Any], target_library: Path
) -> None:
    """Row-level security lets an instructor import a course: every row is theirs."""
    a = logins["a"]
    report = transfer.import_course(
        logins["a_uow"], source=exported, actor=a, media_dir=target_library, new_slug="ivys-data"
    )
    assert (report.modules, report.lessons, report.assessments, report.paths) == (3, 5, 1, 2)
    with logins["owner_uow"]() as uow:
        s = uow.session
        assert s.scalar(select(Course.author_id).where(Course.id == report.course_id)) == a.id
        mine = select(PathStep.path_id).where(PathStep.entity_id == report.course_id)
        paths = s.scalars(select(LearningPath).where(LearningPath.id.in_(mine))).all()
        assert {p.author_id for p in paths} == {a.id}
        assert len(paths) == 2
        quizzes = select(PathStep.entity_id).where(PathStep.path_id.in_([p.id for p in paths]))
        assert set(s.scalars(select(Assessment.author_id).where(Assessment.id.in_(quizzes)))) == {
            a.id
        }
    # Another instructor exports it (reading correct answers is allowed), a learner may not.
    again = transfer.export_course(
        logins["b_uow"],
        slug=report.slug,
        destination=target_library / "again.zip",
        actor=logins["b"],
        media_dir=target_library,
    )
    assert again.assessments == 1
    with pytest.raises(PermissionDeniedError):
        transfer.export_course(
            logins["learner_uow"],
            slug=report.slug,
            destination=target_library / "nope.zip",
            actor=logins["learner"],
        )
