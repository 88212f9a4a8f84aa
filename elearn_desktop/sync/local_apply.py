"""Merging the server's state into the local cache (pulls and offline copies).

Everything here runs inside :func:`elearn_desktop.sync.cache.LocalCache.pull_transaction`,
so the outbox triggers stay silent: what comes from the server is not sent back. Progress
and playback are merged with the same rules as everywhere else (``domain.progress``), so
a local change that is still waiting in the outbox is never lost to an older server copy.
Attempts graded by the server replace their local copy (the server is the only grader).
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.progress import (
    COMPLETED,
    STATUS_ORDER,
    Range,
    normalize_ranges,
    union_ranges,
)
from elearn_desktop.sync.cache_models import cache_table

Row = Mapping[str, Any]
ASSESSMENT = "assessment"
_CHUNK = 500  # ids per IN (...) list


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _rank(status: str | None) -> int:
    return STATUS_ORDER.get(status or "", -1)


def merge_progress_values(
    entity_type: str,
    local: tuple[str, int | None, dt.datetime | None],
    remote: tuple[str, int | None, dt.datetime | None],
) -> tuple[str, int, dt.datetime | None]:
    """(status, percentage, completed_at) of two copies of one progress row, merged.

    The join of ``domain.progress.merge`` on the columns ``user_progress`` stores: status
    max, percentage max, earliest completion; a completed row is at 100 % — except for
    assessments, whose percentage is the best score (the server does the same).
    """
    l_status, l_pct, l_done = local
    r_status, r_pct, r_done = remote
    status = l_status if _rank(l_status) >= _rank(r_status) else r_status
    pct = max(l_pct or 0, r_pct or 0)
    if status == COMPLETED and entity_type != ASSESSMENT:
        pct = 100
    done = [t for t in (l_done, r_done) if t is not None]
    return status, pct, min(done) if done else None


def _shifted(value: dt.datetime | None, shift: dt.timedelta) -> dt.datetime | None:
    return value + shift if value is not None and shift else value


def stored_time(value: dt.datetime | None) -> str | None:
    """A time as the cache stores it (naive UTC text), to compare without parsing."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _parse_stored(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)


def apply_progress(
    conn: Connection,
    owner_id: uuid.UUID,
    rows: Sequence[Row],
    *,
    shift: dt.timedelta = dt.timedelta(0),
) -> int:
    """Merge server ``user_progress`` rows into the cache; returns how many rows changed.

    ``shift`` moves the server's timestamps onto this device's clock (see the engine: a
    device whose clock is far off keeps its own times consistent with each other). Rows
    the cache already holds as they are (a device's own changes coming back) are compared
    in their stored form and skipped without further work.
    """
    table = cache_table("user_progress")
    local: dict[tuple[str, str], tuple[Any, ...]] = {}
    by_type: dict[str, set[str]] = {}
    for row in rows:
        by_type.setdefault(row["entity_type"], set()).add(row["entity_id"].hex)
    for entity_type, entity_ids in by_type.items():
        # (user_id, entity_type, entity_id) is the unique index: every lookup uses it.
        for part in chunks(sorted(entity_ids)):
            marks = ",".join("?" * len(part))
            for found in conn.exec_driver_sql(
                "SELECT entity_id, id, status, progress_percentage, completed_at "
                "FROM user_progress WHERE user_id = ? AND entity_type = ? "
                f"AND entity_id IN ({marks})",
                (owner_id.hex, entity_type, *part),
            ):
                local[(entity_type, found[0])] = tuple(found[1:])
    inserts: list[dict[str, Any]] = []
    changed = 0
    for row in rows:
        key = (row["entity_type"], row["entity_id"].hex)
        done = _shifted(row["completed_at"], shift)
        mine = local.get(key)
        if mine is not None and mine[1:] == (
            row["status"],
            row["progress_percentage"],
            stored_time(done),
        ):
            continue
        remote = (row["status"], row["progress_percentage"], done)
        if mine is None:
            status, pct, merged_done = merge_progress_values(key[0], remote, remote)
            inserts.append(
                {
                    "id": row["id"],
                    "user_id": owner_id,
                    "entity_type": key[0],
                    "entity_id": row["entity_id"],
                    "status": status,
                    "progress_percentage": pct,
                    "completed_at": merged_done,
                    "created_at": row.get("created_at"),
                    "updated_at": row.get("updated_at"),
                    "sync_seq": row.get("sync_seq"),
                }
            )
            local[key] = (row["id"].hex, status, pct, stored_time(merged_done))
            continue
        before = (mine[1], mine[2], _parse_stored(mine[3]))
        after = merge_progress_values(key[0], before, remote)
        if after != before:
            conn.execute(
                update(table)
                .where(table.c.id == uuid.UUID(mine[0]))
                .values(
                    status=after[0],
                    progress_percentage=after[1],
                    completed_at=after[2],
                    updated_at=row.get("updated_at"),
                    sync_seq=row.get("sync_seq"),
                )
            )
            changed += 1
    if inserts:
        conn.execute(insert(table), inserts)
    return changed + len(inserts)


def ranges_of(value: Any) -> tuple[Range, ...]:
    """Stored watched ranges; malformed pieces (another client's) are ignored."""
    pairs: list[Range] = []
    for item in value or ():
        try:
            start, end = item
            pair = (float(start), float(end))
        except (TypeError, ValueError):
            continue
        if all(map(math.isfinite, pair)):
            pairs.append(pair)
    try:
        return normalize_ranges(pairs)
    except ValidationError:  # pragma: no cover - finite pairs always normalise
        return ()


def _resume_key(at: dt.datetime | None, pos: float | None) -> tuple[bool, dt.datetime, bool, float]:
    return (
        at is not None,
        at if at is not None else dt.datetime.min.replace(tzinfo=dt.UTC),
        pos is not None,
        pos if pos is not None else 0.0,
    )


def apply_playback(
    conn: Connection,
    owner_id: uuid.UUID,
    rows: Sequence[Row],
    *,
    known_lessons: set[uuid.UUID] | None = None,
    shift: dt.timedelta = dt.timedelta(0),
) -> int:
    """Merge server ``lesson_playback`` rows; rows of lessons not in the cache are skipped."""
    table = cache_table("lesson_playback")
    lessons = known_lessons if known_lessons is not None else local_ids(conn, "lessons")
    wanted = [
        {
            **row,
            "resume_event_at": _shifted(row["resume_event_at"], shift),
            "last_watched_at": _shifted(row["last_watched_at"], shift),
        }
        for row in rows
        if row["lesson_id"] in lessons
    ]
    local: dict[uuid.UUID, Row] = {}
    for part in chunks(sorted({row["lesson_id"] for row in wanted})):
        for found in conn.execute(
            select(table).where(table.c.user_id == owner_id, table.c.lesson_id.in_(part))
        ).mappings():
            local[found["lesson_id"]] = dict(found)
    changed = 0
    for row in wanted:
        mine = local.get(row["lesson_id"])
        remote_ranges = ranges_of(row["watched_ranges"])
        if mine is None:
            conn.execute(
                insert(table).values(
                    user_id=owner_id,
                    lesson_id=row["lesson_id"],
                    watched_ranges=[list(r) for r in remote_ranges],
                    resume_position_s=row["resume_position_s"],
                    resume_event_at=row["resume_event_at"],
                    last_watched_at=row["last_watched_at"],
                    updated_at=row.get("updated_at"),
                    sync_seq=row.get("sync_seq"),
                )
            )
            changed += 1
            continue
        mine_ranges = ranges_of(mine["watched_ranges"])
        ranges = union_ranges(mine_ranges, remote_ranges)
        mine_key = _resume_key(mine["resume_event_at"], mine["resume_position_s"])
        remote_key = _resume_key(row["resume_event_at"], row["resume_position_s"])
        pos, at = (
            (mine["resume_position_s"], mine["resume_event_at"])
            if mine_key >= remote_key
            else (row["resume_position_s"], row["resume_event_at"])
        )
        watched = [t for t in (mine["last_watched_at"], row["last_watched_at"]) if t is not None]
        last = max(watched) if watched else None
        if (
            ranges != mine_ranges
            or (pos, at) != (mine["resume_position_s"], mine["resume_event_at"])
            or last != mine["last_watched_at"]
        ):
            conn.execute(
                update(table)
                .where(table.c.user_id == owner_id, table.c.lesson_id == row["lesson_id"])
                .values(
                    watched_ranges=[list(r) for r in ranges],
                    resume_position_s=pos,
                    resume_event_at=at,
                    last_watched_at=last,
                    sync_seq=row.get("sync_seq"),
                )
            )
            changed += 1
    return changed


def apply_graded_attempts(
    conn: Connection,
    attempts: Sequence[Row],
    answers: Sequence[Row],
    *,
    known_assessments: set[uuid.UUID] | None = None,
    shift: dt.timedelta = dt.timedelta(0),
) -> int:
    """Store attempts graded by the server (and their answers with points) in the cache."""
    attempt_table = cache_table("assessment_attempts")
    answer_table = cache_table("attempt_answers")
    assessments = (
        known_assessments if known_assessments is not None else local_ids(conn, "assessments")
    )
    questions = local_ids(conn, "questions")
    by_attempt: dict[uuid.UUID, list[Row]] = {}
    for answer in answers:
        by_attempt.setdefault(answer["attempt_id"], []).append(answer)
    changed = 0
    columns = [c.name for c in attempt_table.columns]
    for attempt in attempts:
        if attempt["assessment_id"] not in assessments:
            continue
        values = {name: attempt[name] for name in columns if name in attempt}
        for name in ("started_at", "submitted_at"):
            if name in values:
                values[name] = _shifted(values[name], shift)
        current = (
            conn.execute(select(attempt_table).where(attempt_table.c.id == attempt["id"]))
            .mappings()
            .first()
        )
        if current is not None and all(current[k] == v for k, v in values.items()):
            continue
        conn.execute(delete(answer_table).where(answer_table.c.attempt_id == attempt["id"]))
        if current is None:
            conn.execute(insert(attempt_table).values(**values))
        else:
            conn.execute(
                update(attempt_table).where(attempt_table.c.id == attempt["id"]).values(**values)
            )
        rows = [
            {
                "attempt_id": a["attempt_id"],
                "question_id": a["question_id"],
                "option_ids": a["option_ids"] if a["option_ids"] is not None else [],
                "text": a["text"],
                "points": a["points"],
            }
            for a in by_attempt.get(attempt["id"], [])
            if a["question_id"] in questions
        ]
        if rows:
            conn.execute(insert(answer_table), rows)
        changed += 1
    return changed


def local_ids(conn: Connection, table_name: str) -> set[uuid.UUID]:
    table = cache_table(table_name)
    return set(conn.execute(select(table.c.id)).scalars())
