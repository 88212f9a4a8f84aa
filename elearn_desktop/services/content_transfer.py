"""Move a course between databases: a zip with a versioned JSON manifest and its media.

``manifest.json`` (``{"format": "elearn-course", "version": 1, …}``) holds the course
with its modules and lessons, the video assets the lessons use, and the learning paths
that have the course as a step together with the assessments of those paths (questions,
options, correct answers). Local videos — the app's demo clips and files of the media
library — travel as ``media/video-<n><ext>`` entries; the manifest records each one's size
and sha256.

Import checks everything before it writes anything: the archive (a zip, no unsafe
names, sizes within :class:`TransferLimits`), the manifest (format, version, every
record's fields and types), and every media file's size and sha256. Then the media are
copied into a new folder of the media library and every row is inserted with new ids in
one transaction; if that fails the copied files are removed again. An existing slug is
never overwritten: :class:`SlugTakenError` asks for another one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, undefer

from elearn_desktop import __version__
from elearn_desktop.config import RESOURCES_DIR, data_dir
from elearn_desktop.data.models import (
    AnswerOption,
    Assessment,
    Course,
    LearningPath,
    Lesson,
    Module,
    PathStep,
    Question,
    User,
    VideoAsset,
)
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.domain.errors import ConflictError, ElearnError, NotFoundError, ValidationError
from elearn_desktop.domain.scoring import QUESTION_TYPES
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.media import DEMO, FILE, LIBRARY, resolve_video_source
from elearn_desktop.services.permissions import require

FORMAT = "elearn-course"
VERSION = 1
MANIFEST = "manifest.json"
MEDIA_FOLDER = "media"
THIS_COURSE = "this"
COURSE_STATUSES = ("draft", "published", "archived")
_INT32 = 2**31 - 1
_CHUNK = 1 << 20
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MEDIA_NAME_RE = re.compile(r"^media/[a-z0-9][a-z0-9._-]{0,99}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
#: What reading a damaged zip entry raises.
_DAMAGED = (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, zlib.error)

#: (what is happening, bytes done, bytes in all) — for a progress bar.
ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class TransferLimits:
    """What an archive may hold at most; bigger ones are refused before reading on."""

    max_entries: int = 10_000
    max_manifest_bytes: int = 32 * 2**20
    max_media_bytes: int = 8 * 2**30
    max_total_bytes: int = 64 * 2**30


class ArchiveError(ElearnError):
    """The file is not a readable elearn course export; nothing was imported."""


class SlugTakenError(ConflictError):
    def __init__(self, slug: str) -> None:
        super().__init__(
            f"a course with the slug '{slug}' already exists here; "
            "import it under a new slug (nothing was imported)"
        )
        self.slug = slug


@dataclass(frozen=True, slots=True)
class TransferReport:
    """What an export wrote or an import created; ``warnings`` in words."""

    path: Path
    course_id: uuid.UUID
    slug: str
    title: str
    modules: int
    lessons: int
    videos: int
    media_files: int
    media_bytes: int
    assessments: int
    paths: int
    warnings: tuple[str, ...] = ()


def default_media_dir() -> Path:
    """The media library used when none is given: ``<data dir>/media``."""
    return data_dir() / "media"


# ================================================================================ export


@dataclass
class _Media:
    source: Path
    entry: str
    size: int
    sha256: str = ""


def export_course(
    uow_factory: UnitOfWorkFactory,
    *,
    slug: str,
    destination: Path,
    actor: UserSummary | None = None,
    media_dir: Path | None = None,
    resources_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> TransferReport:
    """Write the course ``slug`` (with its media, assessments and paths) to ``destination``.

    The zip is written next to ``destination`` and renamed into place when complete, so a
    failed export never leaves a half-written file under that name.
    """
    require(actor, "content.author")
    warnings: list[str] = []
    with uow_factory() as uow:
        course = uow.session.scalar(
            select(Course)
            .where(Course.slug == slug)
            .options(selectinload(Course.modules).selectinload(Module.lessons))
        )
        if course is None:
            raise NotFoundError(f"there is no course with the slug '{slug}'")
        manifest, media = _build_manifest(
            uow.session,
            course,
            media_dir=media_dir,
            resources_dir=resources_dir or RESOURCES_DIR,
            warnings=warnings,
        )
        course_id = course.id
    media_bytes = _write_zip(destination, manifest, media, progress)
    counts = manifest["course"]
    return TransferReport(
        path=destination,
        course_id=course_id,
        slug=counts["slug"],
        title=counts["title"],
        modules=len(counts["modules"]),
        lessons=sum(len(m["lessons"]) for m in counts["modules"]),
        videos=len(manifest["videos"]),
        media_files=len({m.source for m in media}),
        media_bytes=media_bytes,
        assessments=len(manifest["assessments"]),
        paths=len(manifest["learning_paths"]),
        warnings=tuple(warnings),
    )


def _build_manifest(
    session: Session,
    course: Course,
    *,
    media_dir: Path | None,
    resources_dir: Path,
    warnings: list[str],
) -> tuple[dict[str, Any], list[_Media]]:
    author_email = None
    if course.author_id is not None:
        author_email = session.scalar(select(User.email).where(User.id == course.author_id))

    asset_ids = {ls.video_asset_id for m in course.modules for ls in m.lessons} - {None}
    assets = {
        a.id: a for a in session.scalars(select(VideoAsset).where(VideoAsset.id.in_(asset_ids)))
    }
    video_keys: dict[uuid.UUID, str] = {}
    videos: list[dict[str, Any]] = []
    media: list[_Media] = []
    modules: list[dict[str, Any]] = []
    for module in course.modules:
        lessons: list[dict[str, Any]] = []
        for lesson in module.lessons:
            key = None
            if lesson.video_asset_id is not None:
                asset = assets.get(lesson.video_asset_id)
                if asset is None:
                    warnings.append(
                        f"lesson '{lesson.title}': its video no longer exists; exported without"
                    )
                elif asset.id in video_keys:
                    key = video_keys[asset.id]
                else:
                    key = video_keys[asset.id] = f"video-{len(video_keys) + 1}"
                    videos.append(
                        _video_record(asset, key, media, media_dir, resources_dir, warnings)
                    )
            lessons.append(
                {
                    "title": lesson.title,
                    "description": lesson.description,
                    "duration": lesson.duration,
                    "video": key,
                }
            )
        modules.append(
            {"title": module.title, "description": module.description, "lessons": lessons}
        )

    paths = session.scalars(
        select(LearningPath)
        .where(
            LearningPath.id.in_(
                select(PathStep.path_id).where(
                    PathStep.entity_type == "course", PathStep.entity_id == course.id
                )
            )
        )
        .options(selectinload(LearningPath.steps))
        .order_by(LearningPath.title, LearningPath.id)
    ).all()
    assessment_ids = [s.entity_id for p in paths for s in p.steps if s.entity_type == "assessment"]
    assessments = {
        a.id: a
        for a in session.scalars(
            select(Assessment)
            .where(Assessment.id.in_(assessment_ids))
            .options(
                selectinload(Assessment.questions)
                .selectinload(Question.options)
                .options(undefer(AnswerOption.is_correct))
            )
        )
    }
    assessment_keys: dict[uuid.UUID, str] = {}
    assessment_records: list[dict[str, Any]] = []
    for aid in assessment_ids:
        a = assessments.get(aid)
        if a is None or aid in assessment_keys:
            continue
        key = assessment_keys[aid] = f"assessment-{len(assessment_keys) + 1}"
        assessment_records.append(
            {
                "key": key,
                "title": a.title,
                "description": a.description,
                "passing_score": a.passing_score,
                "time_limit": a.time_limit,
                "questions": [
                    {
                        "text": q.text,
                        "type": q.type,
                        "options": [
                            {"text": o.text, "is_correct": bool(o.is_correct)} for o in q.options
                        ],
                    }
                    for q in a.questions
                ],
            }
        )
    other_courses = {
        c.id: (c.slug, c.title)
        for c in session.scalars(
            select(Course).where(
                Course.id.in_(
                    [s.entity_id for p in paths for s in p.steps if s.entity_type == "course"]
                )
            )
        )
    }
    path_records = []
    for path in paths:
        steps: list[dict[str, Any]] = []
        for step in sorted(path.steps, key=lambda s: s.order_index):
            if step.entity_type == "course" and step.entity_id == course.id:
                steps.append({"type": "course", "ref": THIS_COURSE})
            elif step.entity_type == "course" and step.entity_id in other_courses:
                other_slug, other_title = other_courses[step.entity_id]
                steps.append({"type": "course", "slug": other_slug, "title": other_title})
            elif step.entity_type == "assessment" and step.entity_id in assessment_keys:
                steps.append({"type": "assessment", "ref": assessment_keys[step.entity_id]})
            else:
                warnings.append(
                    f"path '{path.title}': a step points at a {step.entity_type} that no "
                    "longer exists; exported without it"
                )
        path_records.append(
            {
                "title": path.title,
                "description": path.description,
                "thumbnail_url": path.thumbnail_url,
                "status": path.status or "draft",
                "steps": steps,
            }
        )

    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "generator": f"elearn-desktop {__version__}",
        "course": {
            "title": course.title,
            "description": course.description,
            "slug": course.slug,
            "thumbnail_url": course.thumbnail_url,
            "status": course.status or "draft",
            "level": course.level,
            "duration": course.duration,
            "author_email": author_email,
            "modules": modules,
        },
        "videos": videos,
        "assessments": assessment_records,
        "learning_paths": path_records,
    }
    return manifest, media


def _video_record(
    asset: VideoAsset,
    key: str,
    media: list[_Media],
    media_dir: Path | None,
    resources_dir: Path,
    warnings: list[str],
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": key,
        "title": asset.title,
        "description": asset.description,
        "provider": asset.provider,
        "provider_id": asset.provider_id,
        "status": asset.status,
        "duration": asset.duration,
        "media": None,
    }
    if (asset.provider or "").lower() in (DEMO, FILE, LIBRARY):
        try:
            source = resolve_video_source(asset, media_dir=media_dir, resources_dir=resources_dir)
        except ValidationError as exc:
            warnings.append(f"video '{asset.title}': {exc}; exported without its file")
            return record
        path = Path(source.location)
        if not source.exists:
            warnings.append(
                f"video '{asset.title}': the file {path} is missing; exported without it"
            )
            return record
        ext = path.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,8}", path.suffix.lower()) else ""
        item = _Media(source=path, entry=ext, size=path.stat().st_size)
        media.append(item)
        record["media"] = item  # replaced by its path and sha256 once written
    return record


def _write_zip(
    destination: Path,
    manifest: dict[str, Any],
    media: list[_Media],
    progress: ProgressCallback | None,
) -> int:
    destination = destination.expanduser()
    if destination.is_dir():
        raise ValidationError("output", f"{destination} is a folder; name a .zip file")
    if not destination.parent.is_dir():
        raise ValidationError("output", f"the folder {destination.parent} does not exist")
    unique: dict[Path, _Media] = {}
    for item in media:
        unique.setdefault(item.source, item)
    total = sum(m.size for m in unique.values())
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".partial", dir=destination.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    done = 0
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for number, item in enumerate(unique.values(), start=1):
                item.entry = f"{MEDIA_FOLDER}/video-{number}{item.entry}"
                info = zipfile.ZipInfo(item.entry, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_STORED  # video does not compress
                digest = hashlib.sha256()
                size = 0
                with (
                    item.source.open("rb") as fh,
                    zf.open(info, "w", force_zip64=item.size >= 2**31) as out,
                ):
                    while chunk := fh.read(_CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress("Writing media", done, max(total, done))
                item.sha256, item.size = digest.hexdigest(), size
            for video in manifest["videos"]:
                ref = video["media"]
                if isinstance(ref, _Media):
                    first = unique[ref.source]
                    video["media"] = {
                        "path": first.entry,
                        "sha256": first.sha256,
                        "size": first.size,
                    }
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        os.replace(tmp, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return sum(m.size for m in unique.values())


# ================================================================================ import


@dataclass(frozen=True, slots=True)
class _Option:
    text: str
    is_correct: bool


@dataclass(frozen=True, slots=True)
class _Question:
    text: str
    type: str
    options: tuple[_Option, ...]


@dataclass(frozen=True, slots=True)
class _Assessment:
    key: str
    title: str
    description: str | None
    passing_score: int | None
    time_limit: int | None
    questions: tuple[_Question, ...]


@dataclass(frozen=True, slots=True)
class _MediaRef:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class _Video:
    key: str
    title: str
    description: str | None
    provider: str
    provider_id: str
    status: str | None
    duration: int | None
    media: _MediaRef | None


@dataclass(frozen=True, slots=True)
class _Lesson:
    title: str
    description: str | None
    duration: int | None
    video: str | None


@dataclass(frozen=True, slots=True)
class _Module:
    title: str
    description: str | None
    lessons: tuple[_Lesson, ...]


@dataclass(frozen=True, slots=True)
class _Step:
    type: str
    ref: str | None  # THIS_COURSE or an assessment key
    slug: str | None  # another course, by slug
    title: str | None


@dataclass(frozen=True, slots=True)
class _Path:
    title: str
    description: str | None
    thumbnail_url: str | None
    status: str
    steps: tuple[_Step, ...]


@dataclass(frozen=True, slots=True)
class CourseArchive:
    """A checked archive, ready to import (see :func:`read_archive`)."""

    source: Path
    title: str
    description: str | None
    slug: str
    thumbnail_url: str | None
    status: str
    level: str | None
    duration: int | None
    author_email: str | None
    modules: tuple[_Module, ...]
    videos: tuple[_Video, ...]
    assessments: tuple[_Assessment, ...]
    paths: tuple[_Path, ...]
    media_bytes: int = field(default=0)


class _Schema:
    """Reads manifest records, raising ArchiveError that names the field and the file."""

    def __init__(self, source: Path) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> ArchiveError:
        return ArchiveError(f"{self.source.name} is not a valid course export: {where} {message}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"should be an object, not {_kind(value)}")
        return value

    def list(self, record: dict[str, Any], key: str, where: str) -> list[Any]:
        value = record.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", f"should be a list, not {_kind(value)}")
        return value

    def text(
        self,
        record: dict[str, Any],
        key: str,
        where: str,
        *,
        limit: int | None = None,
        required: bool = True,
    ) -> str | None:
        value = record.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}", "is missing")
            return None
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"should be text, not {_kind(value)}")
        if required and not value.strip():
            raise self.fail(f"{where}.{key}", "is empty")
        if limit is not None and len(value) > limit:
            raise self.fail(f"{where}.{key}", f"is longer than {limit} characters")
        return value

    def req(self, record: dict[str, Any], key: str, where: str, *, limit: int | None = None) -> str:
        value = self.text(record, key, where, limit=limit)
        assert value is not None
        return value

    def integer(
        self, record: dict[str, Any], key: str, where: str, *, low: int, high: int = _INT32
    ) -> int | None:
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{where}.{key}", f"should be a whole number, not {_kind(value)}")
        if not low <= value <= high:
            raise self.fail(f"{where}.{key}", f"should be between {low} and {high}, not {value}")
        return value

    def boolean(self, record: dict[str, Any], key: str, where: str) -> bool:
        value = record.get(key)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", f"should be true or false, not {_kind(value)}")
        return value

    def choice(self, record: dict[str, Any], key: str, where: str, allowed: Sequence[str]) -> str:
        value = self.req(record, key, where)
        if value not in allowed:
            raise self.fail(
                f"{where}.{key}", f"should be one of {', '.join(allowed)}, not '{value}'"
            )
        return value


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _unsafe_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return True
    if re.match(r"^[A-Za-z]:", name):
        return True
    return ".." in PurePosixPath(name).parts


@contextmanager
def _open_zip(source: Path) -> Iterator[zipfile.ZipFile]:
    if not source.exists():
        raise ArchiveError(f"{source} does not exist")
    if source.is_dir():
        raise ArchiveError(f"{source} is a folder, not a course export (.zip)")
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveError(
            f"{source.name} is not a zip archive, or it is damaged ({exc}); nothing was imported"
        ) from None
    try:
        yield zf
    finally:
        zf.close()


def read_archive(source: Path, *, limits: TransferLimits | None = None) -> CourseArchive:
    """Check an export completely (zip, manifest, media checksums) without writing anything."""
    limits = limits or TransferLimits()
    source = source.expanduser()
    with _open_zip(source) as zf:
        archive = _check_zip_and_manifest(source, zf, limits)
        _check_media(source, zf, archive, None)
        return archive


def _check_zip_and_manifest(
    source: Path, zf: zipfile.ZipFile, limits: TransferLimits
) -> CourseArchive:
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        raise ArchiveError(
            f"{source.name} holds {len(infos)} files, more than a course export may "
            f"({limits.max_entries}); nothing was imported"
        )
    names: set[str] = set()
    total = 0
    for info in infos:
        if _unsafe_name(info.filename):
            raise ArchiveError(
                f"{source.name} contains an unsafe path '{info.filename}' (it points outside "
                "the archive's folder); nothing was imported"
            )
        if info.filename in names:
            raise ArchiveError(
                f"{source.name} contains '{info.filename}' twice; nothing was imported"
            )
        names.add(info.filename)
        total += info.file_size
    if total > limits.max_total_bytes:
        raise ArchiveError(
            f"{source.name} unpacks to {total} bytes, more than the limit of "
            f"{limits.max_total_bytes}; nothing was imported"
        )
    if MANIFEST not in names:
        raise ArchiveError(
            f"{source.name} is not an elearn course export (it has no {MANIFEST}); "
            "nothing was imported"
        )
    info = zf.getinfo(MANIFEST)
    if info.file_size > limits.max_manifest_bytes:
        raise ArchiveError(f"{source.name}: {MANIFEST} is too large; nothing was imported")
    try:
        with zf.open(info) as fh:
            raw = fh.read(limits.max_manifest_bytes + 1)
    except (*_DAMAGED, OSError) as exc:
        raise ArchiveError(f"{source.name} is damaged ({exc}); nothing was imported") from None
    if len(raw) > limits.max_manifest_bytes:
        raise ArchiveError(f"{source.name}: {MANIFEST} is too large; nothing was imported")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ArchiveError(
            f"{source.name}: {MANIFEST} is not UTF-8 text; nothing was imported"
        ) from None
    except json.JSONDecodeError as exc:
        raise ArchiveError(
            f"{source.name}: {MANIFEST} is not valid JSON (line {exc.lineno}: {exc.msg}); "
            "nothing was imported"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        what = f" (its format is '{found}')" if isinstance(found, str) else ""
        raise ArchiveError(
            f"{source.name} is not an elearn course export{what}; nothing was imported"
        )
    version = data.get("version")
    if version != VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
        raise ArchiveError(
            f"{source.name} is a course export of version {version!r}, which this app cannot "
            f"read (it reads version {VERSION}"
            + ("; update the app" if newer else "")
            + "); nothing was imported"
        )
    archive = _parse_manifest(source, data, names, limits)
    return archive


def _parse_manifest(
    source: Path, data: dict[str, Any], names: set[str], limits: TransferLimits
) -> CourseArchive:
    s = _Schema(source)
    course = s.obj(data.get("course"), "course")
    slug = s.req(course, "slug", "course", limit=255)
    if not _SLUG_RE.match(slug):
        raise s.fail("course.slug", f"'{slug}' is not a slug (lower-case words and hyphens)")

    videos: list[_Video] = []
    for i, raw in enumerate(s.list(data, "videos", "")):
        where = f"videos[{i}]"
        v = s.obj(raw, where)
        media = None
        if v.get("media") is not None:
            m = s.obj(v["media"], f"{where}.media")
            path = s.req(m, "path", f"{where}.media")
            sha = s.req(m, "sha256", f"{where}.media")
            size = s.integer(m, "size", f"{where}.media", low=0, high=limits.max_media_bytes)
            if _unsafe_name(path) or not _MEDIA_NAME_RE.match(path):
                raise s.fail(f"{where}.media.path", f"'{path}' is not a safe media path")
            if not _SHA_RE.match(sha):
                raise s.fail(f"{where}.media.sha256", "is not a sha256 (64 hex digits)")
            if size is None:
                raise s.fail(f"{where}.media.size", "is missing")
            if path not in names:
                raise s.fail(f"{where}.media.path", f"names '{path}', which is not in the archive")
            media = _MediaRef(path=path, sha256=sha, size=size)
        videos.append(
            _Video(
                key=s.req(v, "key", where, limit=100),
                title=s.req(v, "title", where, limit=255),
                description=s.text(v, "description", where, required=False),
                provider=s.req(v, "provider", where, limit=50),
                provider_id=s.req(v, "provider_id", where, limit=255),
                status=s.text(v, "status", where, limit=50, required=False),
                duration=s.integer(v, "duration", where, low=0),
                media=media,
            )
        )
    video_keys = [v.key for v in videos]
    if len(set(video_keys)) != len(video_keys):
        raise s.fail("videos", "has two videos with the same key")

    modules: list[_Module] = []
    for i, raw in enumerate(s.list(course, "modules", "course")):
        where = f"course.modules[{i}]"
        m = s.obj(raw, where)
        lessons: list[_Lesson] = []
        for j, raw_lesson in enumerate(s.list(m, "lessons", where)):
            lw = f"{where}.lessons[{j}]"
            ls = s.obj(raw_lesson, lw)
            video = s.text(ls, "video", lw, required=False)
            if video is not None and video not in video_keys:
                raise s.fail(f"{lw}.video", f"names '{video}', which is not among the videos")
            lessons.append(
                _Lesson(
                    title=s.req(ls, "title", lw, limit=255),
                    description=s.text(ls, "description", lw, required=False),
                    duration=s.integer(ls, "duration", lw, low=0),
                    video=video,
                )
            )
        modules.append(
            _Module(
                title=s.req(m, "title", where, limit=255),
                description=s.text(m, "description", where, required=False),
                lessons=tuple(lessons),
            )
        )

    assessments: list[_Assessment] = []
    for i, raw in enumerate(s.list(data, "assessments", "")):
        where = f"assessments[{i}]"
        a = s.obj(raw, where)
        questions: list[_Question] = []
        for j, raw_q in enumerate(s.list(a, "questions", where)):
            qw = f"{where}.questions[{j}]"
            q = s.obj(raw_q, qw)
            options = []
            for k, raw_o in enumerate(s.list(q, "options", qw)):
                ow = f"{qw}.options[{k}]"
                o = s.obj(raw_o, ow)
                options.append(
                    _Option(text=s.req(o, "text", ow), is_correct=s.boolean(o, "is_correct", ow))
                )
            questions.append(
                _Question(
                    text=s.req(q, "text", qw),
                    type=s.choice(q, "type", qw, QUESTION_TYPES),
                    options=tuple(options),
                )
            )
        assessments.append(
            _Assessment(
                key=s.req(a, "key", where, limit=100),
                title=s.req(a, "title", where, limit=255),
                description=s.text(a, "description", where, required=False),
                passing_score=s.integer(a, "passing_score", where, low=0, high=100),
                time_limit=s.integer(a, "time_limit", where, low=1),
                questions=tuple(questions),
            )
        )
    assessment_keys = [a.key for a in assessments]
    if len(set(assessment_keys)) != len(assessment_keys):
        raise s.fail("assessments", "has two assessments with the same key")

    paths: list[_Path] = []
    for i, raw in enumerate(s.list(data, "learning_paths", "")):
        where = f"learning_paths[{i}]"
        p = s.obj(raw, where)
        steps: list[_Step] = []
        for j, raw_step in enumerate(s.list(p, "steps", where)):
            sw = f"{where}.steps[{j}]"
            st = s.obj(raw_step, sw)
            kind = s.choice(st, "type", sw, ("course", "assessment"))
            ref = s.text(st, "ref", sw, required=False)
            other = s.text(st, "slug", sw, limit=255, required=False)
            if kind == "assessment" and ref not in assessment_keys:
                raise s.fail(f"{sw}.ref", f"names '{ref}', which is not among the assessments")
            if kind == "course" and ref != THIS_COURSE and other is None:
                raise s.fail(sw, f'should have "ref": "{THIS_COURSE}" or a "slug"')
            steps.append(
                _Step(
                    type=kind,
                    ref=ref,
                    slug=other if ref != THIS_COURSE else None,
                    title=s.text(st, "title", sw, required=False),
                )
            )
        paths.append(
            _Path(
                title=s.req(p, "title", where, limit=255),
                description=s.text(p, "description", where, required=False),
                thumbnail_url=s.text(p, "thumbnail_url", where, limit=255, required=False),
                status=s.choice(p, "status", where, COURSE_STATUSES),
                steps=tuple(steps),
            )
        )

    return CourseArchive(
        source=source,
        title=s.req(course, "title", "course", limit=255),
        description=s.text(course, "description", "course", required=False),
        slug=slug,
        thumbnail_url=s.text(course, "thumbnail_url", "course", limit=255, required=False),
        status=s.choice(course, "status", "course", COURSE_STATUSES),
        level=s.text(course, "level", "course", limit=50, required=False),
        duration=s.integer(course, "duration", "course", low=0),
        author_email=s.text(course, "author_email", "course", limit=255, required=False),
        modules=tuple(modules),
        videos=tuple(videos),
        assessments=tuple(assessments),
        paths=tuple(paths),
        media_bytes=sum(
            {v.media.path: v.media.size for v in videos if v.media is not None}.values()
        ),
    )


def _check_media(
    source: Path,
    zf: zipfile.ZipFile,
    archive: CourseArchive,
    progress: ProgressCallback | None,
    copy_to: dict[str, Path] | None = None,
) -> None:
    """Verify each media entry's size and sha256 (copying it where ``copy_to`` says)."""
    refs = {v.media.path: v.media for v in archive.videos if v.media is not None}
    total = sum(r.size for r in refs.values())
    done = 0
    for path, ref in refs.items():
        info = zf.getinfo(path)
        if info.file_size != ref.size:
            raise ArchiveError(
                f"{source.name}: {path} has {info.file_size} bytes, the manifest says "
                f"{ref.size}; nothing was imported"
            )
        digest = hashlib.sha256()
        size = 0
        target = copy_to.get(path) if copy_to else None
        try:
            with zf.open(info) as fh, _maybe_open(target) as out:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    if size > ref.size:
                        break
                    digest.update(chunk)
                    if out is not None:
                        out.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(
                            "Checking media" if target is None else "Copying media", done, total
                        )
        except _DAMAGED as exc:
            raise ArchiveError(
                f"{source.name}: {path} is damaged ({exc}); nothing was imported"
            ) from None
        if size != ref.size or digest.hexdigest() != ref.sha256:
            raise ArchiveError(
                f"{source.name}: {path} is damaged (its sha256 does not match the manifest); "
                "nothing was imported"
            )


@contextmanager
def _maybe_open(target: Path | None) -> Iterator[IO[bytes] | None]:
    if target is None:
        yield None
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fh = target.open("xb")  # never overwrite
    except OSError as exc:
        raise ElearnError(f"cannot copy a video into {target.parent}: {exc.strerror}") from None
    with fh:
        try:
            yield fh
        except OSError as exc:
            if isinstance(exc, zipfile.BadZipFile):
                raise
            raise ElearnError(f"cannot copy a video into {target.parent}: {exc.strerror}") from None


def import_course(
    uow_factory: UnitOfWorkFactory,
    *,
    source: Path,
    actor: UserSummary | None = None,
    new_slug: str | None = None,
    media_dir: Path | None = None,
    resources_dir: Path | None = None,
    limits: TransferLimits | None = None,
    progress: ProgressCallback | None = None,
) -> TransferReport:
    """Import a course export as new rows; see the module docstring for the guarantees."""
    require(actor, "content.author")
    limits = limits or TransferLimits()
    source = source.expanduser()
    resources = resources_dir or RESOURCES_DIR
    library = (media_dir or default_media_dir()).expanduser()
    if new_slug is not None and (len(new_slug) > 255 or not _SLUG_RE.match(new_slug)):
        raise ValidationError(
            "slug", f"'{new_slug}' is not a slug: use lower-case letters, digits and hyphens"
        )
    with _open_zip(source) as zf:
        archive = _check_zip_and_manifest(source, zf, limits)
        _check_media(source, zf, archive, progress)
        slug = new_slug or archive.slug
        with uow_factory() as uow:
            if uow.session.scalar(select(Course.id).where(Course.slug == slug)) is not None:
                raise SlugTakenError(slug)
        # Which media need a copy: demo clips identical to the app's own stay demo clips.
        placement = _place_media(archive, resources, library, slug)
        copies = {path: target for path, (_provider, target) in placement.items() if target}
        folder = next(iter(copies.values())).parent if copies else None
        try:
            if copies:
                _check_media(source, zf, archive, progress, copy_to=copies)
            return _insert(uow_factory, archive, slug, actor, placement)
        except BaseException:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            raise


def _place_media(
    archive: CourseArchive, resources: Path, library: Path, slug: str
) -> dict[str, tuple[str, Path | None]]:
    """Per media entry: the provider it will have and the file to copy it to (None: none)."""
    placement: dict[str, tuple[str, Path | None]] = {}
    folder = library / "imported" / f"{slug[:60]}-{uuid.uuid4().hex[:8]}"
    for video in archive.videos:
        ref = video.media
        if ref is None or ref.path in placement:
            continue
        if video.provider == DEMO and _same_file(resources / video.provider_id, ref, resources):
            placement[ref.path] = (DEMO, None)
        else:
            placement[ref.path] = (FILE, folder / PurePosixPath(ref.path).name)
    return placement


def _same_file(path: Path, ref: _MediaRef, root: Path) -> bool:
    try:
        resolved = path.resolve()
        if not resolved.is_relative_to(root.resolve()) or not resolved.is_file():
            return False
        if resolved.stat().st_size != ref.size:
            return False
        digest = hashlib.sha256()
        with resolved.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == ref.sha256
    except OSError:
        return False


def _insert(
    uow_factory: UnitOfWorkFactory,
    archive: CourseArchive,
    slug: str,
    actor: UserSummary | None,
    placement: dict[str, tuple[str, Path | None]],
) -> TransferReport:
    warnings: list[str] = []
    with uow_factory() as uow:
        session = uow.session
        author_id: uuid.UUID | None = actor.id if actor is not None else None
        if author_id is None and archive.author_email:
            author_id = session.scalar(
                select(User.id).where(User.email == archive.author_email.lower())
            )
        # Courses other paths' steps lead to, by slug (looked up before anything is added).
        wanted = {
            st.slug
            for p in archive.paths
            for st in p.steps
            if st.type == "course" and st.ref != THIS_COURSE and st.slug
        }
        external: dict[str, uuid.UUID] = {}
        if wanted:
            rows = session.execute(select(Course.slug, Course.id).where(Course.slug.in_(wanted)))
            external = {r[0]: r[1] for r in rows}
        video_ids: dict[str, uuid.UUID] = {}
        for video in archive.videos:
            provider, provider_id = video.provider, video.provider_id
            if video.media is not None:
                provider, target = placement[video.media.path]
                if target is not None:
                    provider_id = str(target)
                    if len(provider_id) > 255:
                        raise ValidationError(
                            "media_dir",
                            f"the media library path {target.parent} is too long for a video "
                            "address (255 characters); choose a shorter media folder",
                        )
            asset = VideoAsset(
                id=uuid.uuid4(),
                title=video.title,
                description=video.description,
                provider=provider,
                provider_id=provider_id,
                status=video.status,
                duration=video.duration,
                author_id=author_id,
            )
            session.add(asset)
            video_ids[video.key] = asset.id
        course = Course(
            id=uuid.uuid4(),
            title=archive.title,
            description=archive.description,
            slug=slug,
            thumbnail_url=archive.thumbnail_url,
            author_id=author_id,
            status=archive.status,
            level=archive.level,
            duration=archive.duration,
        )
        course.modules = [
            Module(
                id=uuid.uuid4(),
                title=m.title,
                description=m.description,
                order_index=mi,
                lessons=[
                    Lesson(
                        id=uuid.uuid4(),
                        title=ls.title,
                        description=ls.description,
                        duration=ls.duration,
                        video_asset_id=video_ids[ls.video] if ls.video else None,
                        order_index=li,
                    )
                    for li, ls in enumerate(m.lessons)
                ],
            )
            for mi, m in enumerate(archive.modules)
        ]
        session.add(course)
        assessment_ids: dict[str, uuid.UUID] = {}
        for a in archive.assessments:
            row = Assessment(
                id=uuid.uuid4(),
                title=a.title,
                description=a.description,
                passing_score=a.passing_score,
                time_limit=a.time_limit,
                author_id=author_id,
                questions=[
                    Question(
                        id=uuid.uuid4(),
                        text=q.text,
                        type=q.type,
                        order_index=qi,
                        options=[
                            AnswerOption(
                                id=uuid.uuid4(),
                                text=o.text,
                                is_correct=o.is_correct,
                                order_index=oi,
                            )
                            for oi, o in enumerate(q.options)
                        ],
                    )
                    for qi, q in enumerate(a.questions)
                ],
            )
            session.add(row)
            assessment_ids[a.key] = row.id
        for p in archive.paths:
            steps: list[PathStep] = []
            for st in p.steps:
                target_id: uuid.UUID | None
                if st.type == "assessment":
                    target_id = assessment_ids[st.ref or ""]
                elif st.ref == THIS_COURSE:
                    target_id = course.id
                else:
                    target_id = external.get(st.slug or "")
                    if target_id is None:
                        warnings.append(
                            f"path '{p.title}': the course '{st.title or st.slug}' (slug "
                            f"{st.slug}) is not in this database; that step was left out"
                        )
                        continue
                steps.append(
                    PathStep(
                        id=uuid.uuid4(),
                        entity_type=st.type,
                        entity_id=target_id,
                        order_index=len(steps),
                    )
                )
            session.add(
                LearningPath(
                    id=uuid.uuid4(),
                    title=p.title,
                    description=p.description,
                    thumbnail_url=p.thumbnail_url,
                    status=p.status,
                    author_id=author_id,
                    steps=steps,
                )
            )
        try:
            uow.flush()
        except IntegrityError as exc:
            # Someone took the slug since it was checked: still never overwrite.
            if "slug" not in str(exc.orig).lower():
                raise
            raise SlugTakenError(slug) from exc
        uow.commit()
    copied = {p for p, (_prov, target) in placement.items() if target is not None}
    return TransferReport(
        path=archive.source,
        course_id=course.id,
        slug=slug,
        title=archive.title,
        modules=len(archive.modules),
        lessons=sum(len(m.lessons) for m in archive.modules),
        videos=len(archive.videos),
        media_files=len(copied),
        media_bytes=sum(
            v.media.size for v in archive.videos if v.media is not None and v.media.path in copied
        ),
        assessments=len(archive.assessments),
        paths=len(archive.paths),
        warnings=tuple(warnings),
    )
