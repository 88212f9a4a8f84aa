"""Export an account's data as JSON: what a person asking for their data would receive.

Profile and account flags, roles, subscriptions (with plan and status history), progress
(course/path/assessment rows, lessons watched, time studied), assessment attempts with the
answers given, devices, and the account's audit trail. Never a secret: password hashes are
not selected (and not readable on PostgreSQL), and the document is scrubbed of any key or
value that looks like one (argon2 hashes, SCRAM verifiers) before it is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from elearn_desktop.data.models import (
    AnswerOption,
    AssessmentAttempt,
    AttemptAnswer,
    Lesson,
    LessonPlayback,
    Question,
    StudyTime,
)
from elearn_desktop.data.uow import UnitOfWorkFactory
from elearn_desktop.services import account_detail
from elearn_desktop.services.dto import UserSummary
from elearn_desktop.services.permissions import require

EXPORT_FORMAT = "elearn-account-export"
EXPORT_VERSION = 1
#: Keys never written, at any depth.
SECRET_KEYS = frozenset({"password_hash", "password", "verifier", "rolpassword", "secret", "token"})
#: Values never written: argon2 hashes, SCRAM verifiers (and md5 role passwords, below).
SECRET_PREFIXES = ("$argon2", "SCRAM-SHA-256$")
REMOVED = "[removed]"


def _plain(value: Any) -> Any:
    """JSON-ready: datetimes as ISO 8601, UUIDs as strings, Decimals as strings."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def scrub(value: Any) -> Any:
    """Drop secret-looking keys and values, at any depth."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k.lower() not in SECRET_KEYS}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, str) and (value.startswith(SECRET_PREFIXES) or _looks_like_md5(value)):
        return REMOVED
    return value


def _looks_like_md5(value: str) -> bool:
    return (
        len(value) == 35
        and value.startswith("md5")
        and all(c in "0123456789abcdef" for c in value[3:])
    )


def export_account(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The whole export as a JSON-ready dict (a person may also export their own data)."""
    if actor is None or actor.id != user_id:
        require(actor, "accounts.export")
    # Their own data: the reads below need no staff role (on PostgreSQL, RLS shows a
    # person their own rows; ``None`` skips only the service-layer staff check).
    reader = actor if actor is None or actor.id != user_id else None
    at = now or dt.datetime.now(dt.UTC)
    detail = account_detail.account_detail(uow_factory, user_id, actor=reader, now=at)
    trail = account_detail.audit_trail(uow_factory, user_id, actor=reader, limit=100_000)
    with uow_factory() as uow:
        session = uow.session
        lessons = [
            {
                "lesson_id": playback.lesson_id,
                "lesson": title,
                "watched_ranges": playback.watched_ranges,
                "resume_position_s": playback.resume_position_s,
                "last_watched_at": playback.last_watched_at,
            }
            for playback, title in session.execute(
                select(LessonPlayback, Lesson.title)
                .outerjoin(Lesson, Lesson.id == LessonPlayback.lesson_id)
                .where(LessonPlayback.user_id == user_id)
                .order_by(LessonPlayback.last_watched_at)
            ).all()
        ]
        study = [
            {"day": day, "lesson_id": lesson_id, "seconds": seconds}
            for day, lesson_id, seconds in session.execute(
                select(StudyTime.day, StudyTime.lesson_id, StudyTime.seconds)
                .where(StudyTime.user_id == user_id)
                .order_by(StudyTime.day)
            ).all()
        ]
        answers: dict[uuid.UUID, list[dict[str, Any]]] = {}
        for answer, question_text in session.execute(
            select(AttemptAnswer, Question.text)
            .join(AssessmentAttempt, AssessmentAttempt.id == AttemptAnswer.attempt_id)
            .outerjoin(Question, Question.id == AttemptAnswer.question_id)
            .where(AssessmentAttempt.user_id == user_id)
        ).all():
            answers.setdefault(answer.attempt_id, []).append(
                {
                    "question_id": answer.question_id,
                    "question": question_text,
                    "option_ids": answer.option_ids,
                    "text": answer.text,
                    "points": answer.points,
                }
            )
        option_ids = {
            uuid.UUID(str(o))
            for items in answers.values()
            for item in items
            for o in (item["option_ids"] or [])
        }
        option_texts = (
            {
                str(oid): text
                for oid, text in session.execute(
                    select(AnswerOption.id, AnswerOption.text).where(
                        AnswerOption.id.in_(option_ids)
                    )
                ).all()
            }
            if option_ids
            else {}
        )
    for items in answers.values():
        for item in items:
            item["chosen"] = [option_texts.get(str(o)) for o in (item["option_ids"] or [])]
    user = detail.user
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": at,
        "exported_by": actor.email if actor is not None else "elearn",
        "account": {
            "id": user.id,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "is_active": user.is_active,
            "is_verified": user.is_verified,
            "created_at": user.created_at,
            "updated_at": detail.updated_at,
        },
        "profile": detail.profile,
        "roles": list(user.roles),
        "subscriptions": [
            {
                "id": s.id,
                "plan": {
                    "id": s.plan_id,
                    "name": s.plan_name,
                    "price": s.price,
                    "billing_cycle": s.billing_cycle,
                    "features": s.features,
                },
                "status": s.status,
                "start_date": s.start_date,
                "end_date": s.end_date,
                "history": s.history,
            }
            for s in detail.subscriptions
        ],
        "progress": {
            "items": detail.enrolments,
            "lessons": lessons,
            "study_time": study,
        },
        "attempts": [{**_plain(a), "answers": answers.get(a.id, [])} for a in detail.attempts],
        "devices": {
            "available": detail.sync.available,
            "note": detail.sync.message,
            "devices": detail.sync.devices,
            "rejected_changes": detail.sync.rejected,
        },
        "audit": [
            {
                "occurred_at": e.occurred_at,
                "actor": e.who,
                "table": e.table_name,
                "row_id": e.row_id,
                "action": e.action,
                "old": e.old_data,
                "new": e.new_data,
            }
            for e in trail.entries
        ],
    }
    result = scrub(_plain(document))
    assert isinstance(result, dict)
    return result


def export_account_json(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    *,
    actor: UserSummary | None,
    now: dt.datetime | None = None,
) -> str:
    data = export_account(uow_factory, user_id, actor=actor, now=now)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_account_export(
    uow_factory: UnitOfWorkFactory,
    user_id: uuid.UUID,
    path: Path,
    *,
    actor: UserSummary | None,
) -> Path:
    """Write the export to ``path`` atomically (a partial file never replaces a good one);
    the file is readable by its owner only — it holds personal data."""
    body = export_account_json(uow_factory, user_id, actor=actor)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
