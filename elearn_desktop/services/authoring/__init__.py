"""Authoring use cases: an instructor's courses, the course tree, publishing, video assets.

Qt-free. Every function takes a unit-of-work factory and keyword-only arguments, checks
the actor's role (``actor=None`` is the installation's operator), runs one transaction and
returns frozen values. Tree edits return the whole :class:`CourseDraft` as the editor
shows it, so the editor refreshes from what the database now holds — including the
``updated_at`` tokens of optimistic concurrency.

* **Optimistic concurrency**: field updates carry the ``updated_at`` the editor last saw;
  if the row's differs, :class:`EditConflictError` carries both versions. The row is locked
  (``FOR UPDATE`` on PostgreSQL) between the check and the write, and every changed row is
  stamped at least 1 µs after its previous stamp (the server's clock on PostgreSQL; SQLite's
  ``CURRENT_TIMESTAMP`` has whole seconds, too coarse to tell two edits apart).
* **Order**: ``order_index`` is dense (0..n-1) and unique per parent after every change;
  structural edits lock the course row, so two editors' renumberings never interleave.
* **Derived duration**: a course's duration is the sum of its lessons', recomputed with
  every lesson change. Being derived, it does not bump the course's ``updated_at`` (that
  would turn every lesson edit into a conflict for whoever edits the course's fields).
* **Security**: on PostgreSQL row-level security decides (instructors write only courses
  they author, with their children; admins anything); the checks here say the same thing
  earlier and in words, and a refusal by the server is turned into words too.

The functions live in :mod:`.courses`, :mod:`.tree` and :mod:`.videos`; what they return
and raise in :mod:`.results`. Import them from here.
"""

from __future__ import annotations

from elearn_desktop.services.authoring._rows import LessonsOf
from elearn_desktop.services.authoring.courses import (
    archive_course,
    create_course,
    database_is_local,
    duplicate_course,
    enrolled_learners,
    load_course,
    load_module,
    my_courses,
    path_assessments,
    publish_check,
    publish_course,
    restore_course_status,
    slug_owner,
    unpublish_course,
    update_course_fields,
)
from elearn_desktop.services.authoring.results import (
    COURSE_FIELDS,
    FILE_PROVIDER,
    LESSON_FIELDS,
    MODULE_FIELDS,
    URL_PROVIDER,
    AuthoredCourse,
    CourseDraft,
    Created,
    EditConflictError,
    EnrolmentCount,
    LessonDraft,
    LessonRecord,
    LessonRemoval,
    ModuleDraft,
    ModuleRecord,
    ModuleRemoval,
    Moved,
    Probe,
    ProbeUnavailableError,
    PublishBlockedError,
    StatusChange,
    UrlProbe,
    VideoAttachment,
    VideoInfo,
    VideoProbeError,
)
from elearn_desktop.services.authoring.tree import (
    add_lesson,
    add_module,
    delete_lesson,
    delete_module,
    duplicate_lesson,
    duplicate_module,
    move_lesson,
    move_module,
    restore_lesson,
    restore_module,
    update_lesson_fields,
    update_module_fields,
)
from elearn_desktop.services.authoring.videos import (
    attach_video_file,
    attach_video_url,
    default_media_dir,
    ffmpeg_duration_probe,
    mark_video_ready,
    set_lesson_video,
)

__all__ = [
    "COURSE_FIELDS",
    "FILE_PROVIDER",
    "LESSON_FIELDS",
    "MODULE_FIELDS",
    "URL_PROVIDER",
    "AuthoredCourse",
    "CourseDraft",
    "Created",
    "EditConflictError",
    "EnrolmentCount",
    "LessonDraft",
    "LessonRecord",
    "LessonRemoval",
    "LessonsOf",
    "ModuleDraft",
    "ModuleRecord",
    "ModuleRemoval",
    "Moved",
    "Probe",
    "ProbeUnavailableError",
    "PublishBlockedError",
    "StatusChange",
    "UrlProbe",
    "VideoAttachment",
    "VideoInfo",
    "VideoProbeError",
    "add_lesson",
    "add_module",
    "archive_course",
    "attach_video_file",
    "attach_video_url",
    "create_course",
    "database_is_local",
    "default_media_dir",
    "delete_lesson",
    "delete_module",
    "duplicate_course",
    "duplicate_lesson",
    "duplicate_module",
    "enrolled_learners",
    "ffmpeg_duration_probe",
    "load_course",
    "load_module",
    "mark_video_ready",
    "move_lesson",
    "move_module",
    "my_courses",
    "path_assessments",
    "publish_check",
    "publish_course",
    "restore_course_status",
    "restore_lesson",
    "restore_module",
    "set_lesson_video",
    "slug_owner",
    "unpublish_course",
    "update_course_fields",
    "update_lesson_fields",
    "update_module_fields",
]
