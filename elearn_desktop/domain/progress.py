"""Learning progress as pure rules (DESIGN §5): watched ranges, completion, merge, roll-ups.

Everything here is a function of its arguments: no clock, no I/O, no database, no Qt.

* Watched ranges are ``(start, end)`` pairs of seconds into a video. They are kept
  normalised: sorted, non-overlapping, clamped at 0, and ranges whose gap is at most
  ``MERGE_GAP_S`` are joined (so a gap of up to half a second between two watched spans
  counts as watched).
* A video lesson completes once the watched ranges cover ``COMPLETION_THRESHOLD`` of it.
  :class:`WatchTracker` turns player position ticks into watched ranges; a seek, a jump
  ahead or a paused player adds nothing.
* :func:`merge` combines two copies of one progress record (two devices, or a device and
  the server). It is a join-semilattice: commutative, associative and idempotent, and it
  never makes progress go backwards, so sync may apply copies in any order, any number of
  times.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from elearn_desktop.domain.errors import ValidationError

Range = tuple[float, float]

MERGE_GAP_S = 0.5
COMPLETION_THRESHOLD = 0.9
TICK_TOLERANCE_S = 0.75
_PERCENT_EPSILON = 1e-9

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
STATUS_ORDER: dict[str, int] = {NOT_STARTED: 0, IN_PROGRESS: 1, COMPLETED: 2}


def _finite(value: float, field: str, what: str) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValidationError(field, f"{what} must be a finite number of seconds, not {value!r}")
    return number


# --- watched ranges -------------------------------------------------------------------


def normalize_ranges(ranges: Iterable[Range]) -> tuple[Range, ...]:
    """Sorted, merged (overlapping or gap ≤ ``MERGE_GAP_S``), clamped at 0, empty ones dropped.

    Raises :class:`ValidationError` for a range with a non-finite bound.
    """
    clamped: list[Range] = []
    for start, end in ranges:
        s = max(_finite(start, "watched", "a watched range's start"), 0.0)
        e = max(_finite(end, "watched", "a watched range's end"), 0.0)
        if e > s:
            clamped.append((s, e))
    clamped.sort()
    merged: list[Range] = []
    for s, e in clamped:
        if merged and s - merged[-1][1] <= MERGE_GAP_S:
            last_s, last_e = merged[-1]
            merged[-1] = (last_s, max(last_e, e))
        else:
            merged.append((s, e))
    return tuple(merged)


def add_range(ranges: Iterable[Range], start: float, end: float) -> tuple[Range, ...]:
    """``ranges`` with ``[start, end]`` added, normalised."""
    return normalize_ranges([*ranges, (start, end)])


def union_ranges(a: Iterable[Range], b: Iterable[Range]) -> tuple[Range, ...]:
    """The normalised union of two sets of ranges (order of arguments does not matter)."""
    return normalize_ranges([*a, *b])


def watched_seconds(ranges: Iterable[Range], duration_s: float) -> float:
    """Seconds of ``[0, duration_s]`` covered by ``ranges`` (0 when the duration is ≤ 0)."""
    duration = _finite(duration_s, "duration", "the duration")
    if duration <= 0:
        return 0.0
    pieces = [
        min(e, duration) - s for s, e in normalize_ranges(ranges) if s < duration
    ]  # normalised ranges start at ≥ 0 and are disjoint, so the pieces never overlap
    return min(max(math.fsum(pieces), 0.0), duration)


def coverage(ranges: Iterable[Range], duration_s: float) -> float:
    """Share of the video covered by ``ranges``, in [0, 1]; 0 when the duration is ≤ 0."""
    duration = _finite(duration_s, "duration", "the duration")
    if duration <= 0:
        return 0.0
    return min(watched_seconds(ranges, duration) / duration, 1.0)


def video_lesson_complete(ranges: Iterable[Range], duration_s: float) -> bool:
    """True once ``ranges`` cover at least ``COMPLETION_THRESHOLD`` of the video."""
    duration = _finite(duration_s, "duration", "the duration")
    return duration > 0 and coverage(ranges, duration) >= COMPLETION_THRESHOLD


def lesson_percentage(ranges: Iterable[Range], duration_s: float) -> int:
    """floor(coverage · 100), but 100 once the lesson is complete."""
    normalised = normalize_ranges(ranges)
    if video_lesson_complete(normalised, duration_s):
        return 100
    duration = float(duration_s)
    if duration <= 0:
        return 0
    # A hair of tolerance so float noise (0.57 · 100 = 56.99999999999999) does not floor
    # a whole percent away.
    share = watched_seconds(normalised, duration) * 100.0 / duration
    return min(math.floor(share + _PERCENT_EPSILON), 99)


class WatchTracker:
    """Turns player position ticks into watched ranges; seeking is not watching.

    Feed it every position update with the wall-clock time since the previous one
    (measured with a monotonic clock), the playback rate and whether the player is
    playing. A forward step no longer than ``wall_elapsed_s × rate + TICK_TOLERANCE_S`` while
    playing counts as watched; anything else (backwards, a jump ahead, paused) only moves
    the position. The first tick after construction or after :meth:`seek` only sets the
    position.
    """

    def __init__(self, *, duration_s: float, ranges: Iterable[Range] = ()) -> None:
        self._duration_s = self._check_duration(duration_s)
        self._ranges = normalize_ranges(ranges)
        self._position: float | None = None
        self._anchored = False  # False: the next tick only sets the position

    @staticmethod
    def _check_duration(duration_s: float) -> float:
        duration = _finite(duration_s, "duration", "the duration")
        if duration < 0:
            raise ValidationError("duration", "the duration cannot be negative")
        return duration

    @property
    def duration_s(self) -> float:
        return self._duration_s

    @duration_s.setter
    def duration_s(self, value: float) -> None:
        """The player often learns the real duration only after loading the media."""
        self._duration_s = self._check_duration(value)

    def tick(self, position_s: float, *, wall_elapsed_s: float, rate: float, playing: bool) -> None:
        position = _finite(position_s, "position", "the position")
        elapsed = _finite(wall_elapsed_s, "position", "the elapsed time")
        speed = _finite(rate, "position", "the playback rate")
        last = self._position
        if self._anchored and playing and last is not None:
            step = position - last
            allowed = max(elapsed, 0.0) * max(speed, 0.0) + TICK_TOLERANCE_S
            if 0 < step <= allowed:
                self._ranges = add_range(self._ranges, last, position)
        self._position = position
        self._anchored = True

    def seek(self, position_s: float) -> None:
        """The player jumped to ``position_s``: nothing is watched, the next tick re-anchors."""
        self._position = _finite(position_s, "position", "the position")
        self._anchored = False

    @property
    def ranges(self) -> tuple[Range, ...]:
        return self._ranges

    @property
    def coverage(self) -> float:
        return coverage(self._ranges, self._duration_s)

    @property
    def complete(self) -> bool:
        return video_lesson_complete(self._ranges, self._duration_s)

    @property
    def position(self) -> float | None:
        """The last known position (a tick or a seek); None before either."""
        return self._position


# --- status and the progress merge ----------------------------------------------------


def _check_status(status: str) -> str:
    if status not in STATUS_ORDER:
        known = ", ".join(STATUS_ORDER)
        raise ValidationError("status", f"unknown progress status '{status}' (known: {known})")
    return status


def max_status(a: str, b: str) -> str:
    """The further along of two statuses (``not_started < in_progress < completed``)."""
    return a if STATUS_ORDER[_check_status(a)] >= STATUS_ORDER[_check_status(b)] else b


def _aware_utc(value: datetime | None, field: str) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, f"{field} must carry a time zone")
    return value.astimezone(UTC)


def _check_percentage(value: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError(field, f"{field} must be a whole number from 0 to 100, not {value!r}")
    return value


@dataclass(frozen=True)
class ProgressState:
    """One copy of a progress record, as merged by :func:`merge`.

    Construction canonicalises: ``watched`` is normalised, datetimes are converted to UTC,
    and a completed record has percentage 100. Two states that mean the same are equal.
    """

    status: str = NOT_STARTED
    percentage: int = 0
    completed_at: datetime | None = None
    watched: tuple[Range, ...] = ()
    resume_position_s: float | None = None
    resume_event_at: datetime | None = None
    best_score: int | None = None
    passed: bool = False

    def __post_init__(self) -> None:
        _check_status(self.status)
        _check_percentage(self.percentage, "percentage")
        if self.best_score is not None:
            _check_percentage(self.best_score, "best_score")
        if self.resume_position_s is not None:
            position = _finite(self.resume_position_s, "resume_position_s", "the resume position")
            if position < 0:
                raise ValidationError("resume_position_s", "the resume position cannot be negative")
            object.__setattr__(self, "resume_position_s", position)
        object.__setattr__(self, "completed_at", _aware_utc(self.completed_at, "completed_at"))
        object.__setattr__(
            self, "resume_event_at", _aware_utc(self.resume_event_at, "resume_event_at")
        )
        object.__setattr__(self, "watched", normalize_ranges(self.watched))
        object.__setattr__(self, "passed", bool(self.passed))
        if self.status == COMPLETED:
            object.__setattr__(self, "percentage", 100)


def _resume_key(state: ProgressState) -> tuple[bool, datetime, bool, float]:
    """Total order on (event time, position): later event wins, None loses, ties → larger."""
    at = state.resume_event_at
    pos = state.resume_position_s
    return (
        at is not None,
        at if at is not None else datetime.min.replace(tzinfo=UTC),
        pos is not None,
        pos if pos is not None else 0.0,
    )


def merge(a: ProgressState, b: ProgressState) -> ProgressState:
    """The join of two copies of one progress record (DESIGN §5).

    status: max; percentage: max; completed_at: earliest non-null; watched: union;
    resume position: from the later resume_event_at (None loses, equal times → the larger
    position); best_score: max (None loses); passed: or. A completed result has percentage
    100. Commutative, associative, idempotent; never below either input.
    """
    completed_ats = [t for t in (a.completed_at, b.completed_at) if t is not None]
    scores = [s for s in (a.best_score, b.best_score) if s is not None]
    resume = a if _resume_key(a) >= _resume_key(b) else b
    return ProgressState(
        status=max_status(a.status, b.status),
        percentage=max(a.percentage, b.percentage),
        completed_at=min(completed_ats) if completed_ats else None,
        watched=union_ranges(a.watched, b.watched),
        resume_position_s=resume.resume_position_s,
        resume_event_at=resume.resume_event_at,
        best_score=max(scores) if scores else None,
        passed=a.passed or b.passed,
    )


# --- roll-ups -------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonProgress:
    """A lesson's part in a module or course roll-up."""

    duration_min: int | None
    percentage: int
    completed: bool

    def __post_init__(self) -> None:
        _check_percentage(self.percentage, "percentage")
        if self.duration_min is not None and (
            isinstance(self.duration_min, bool)
            or not isinstance(self.duration_min, int)
            or self.duration_min < 0
        ):
            raise ValidationError("duration_min", "a lesson's duration cannot be negative")


def weighted_percentage(lessons: Sequence[LessonProgress]) -> int:
    """Duration-weighted average of lesson percentages (a completed lesson counts 100).

    Each lesson weighs ``max(duration_min or 0, 1)`` so lessons without a duration still
    count. Rounded down (exact integer arithmetic); 0 for no lessons.
    """
    total_weight = 0
    weighted = 0
    for lesson in lessons:
        weight = max(lesson.duration_min or 0, 1)
        total_weight += weight
        weighted += weight * (100 if lesson.completed else lesson.percentage)
    return weighted // total_weight if total_weight else 0


module_percentage = weighted_percentage
course_percentage = weighted_percentage


def path_percentage(completed_steps: int, total_steps: int) -> int:
    """floor(100 · completed / total); 0 for a path without steps."""
    if completed_steps < 0 or total_steps < 0:
        raise ValidationError("steps", "step counts cannot be negative")
    if completed_steps > total_steps:
        raise ValidationError(
            "steps", f"{completed_steps} steps completed but the path has only {total_steps}"
        )
    return 100 * completed_steps // total_steps if total_steps else 0


def status_for(percentage: int) -> str:
    """not_started at 0, completed at 100, in_progress in between."""
    _check_percentage(percentage, "percentage")
    if percentage == 0:
        return NOT_STARTED
    if percentage == 100:
        return COMPLETED
    return IN_PROGRESS
