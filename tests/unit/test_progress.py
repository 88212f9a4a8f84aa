"""Progress rules (DESIGN §5): watched ranges, completion, the merge semilattice, roll-ups."""

from __future__ import annotations

import itertools
import math
from datetime import UTC, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from elearn_desktop.domain.errors import ValidationError
from elearn_desktop.domain.progress import (
    COMPLETED,
    COMPLETION_THRESHOLD,
    IN_PROGRESS,
    MERGE_GAP_S,
    NOT_STARTED,
    STATUS_ORDER,
    TICK_TOLERANCE_S,
    LessonProgress,
    ProgressState,
    Range,
    WatchTracker,
    add_range,
    course_percentage,
    coverage,
    lesson_percentage,
    max_status,
    merge,
    module_percentage,
    normalize_ranges,
    path_percentage,
    status_for,
    union_ranges,
    video_lesson_complete,
    watched_seconds,
    weighted_percentage,
)

PROPERTY = settings(max_examples=200, deadline=None)

# --- strategies -----------------------------------------------------------------------

# Quarter seconds make touching ranges and gaps of exactly MERGE_GAP_S common; arbitrary
# floats cover the rest. Some are negative (clamped) and some pairs are reversed (dropped).
seconds = st.one_of(
    st.integers(-8, 480).map(lambda q: q / 4),
    st.floats(-5.0, 130.0, allow_nan=False, allow_infinity=False),
)
raw_range = st.tuples(seconds, seconds)
raw_ranges = st.lists(raw_range, max_size=8)
durations = st.one_of(
    st.sampled_from([0.0, -1.0, 1.0, 60.0, 100.0, 120.0]),
    st.floats(0.0, 150.0, allow_nan=False, allow_infinity=False),
)

PLUS_TWO = timezone(timedelta(hours=2))
BASE = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
# A small range of aware datetimes, in two zones, so equal instants (ties) are common.
moments = st.one_of(
    st.builds(
        lambda minutes, tz: (BASE + timedelta(minutes=minutes)).astimezone(tz),
        st.integers(0, 5),
        st.sampled_from([UTC, PLUS_TWO]),
    ),
    st.datetimes(
        min_value=datetime(2025, 3, 1),
        max_value=datetime(2025, 3, 2),
        timezones=st.sampled_from([UTC, PLUS_TWO]),
    ),
)
positions = st.one_of(
    st.integers(0, 6).map(float), st.floats(0.0, 120.0, allow_nan=False, allow_infinity=False)
)
states = st.builds(
    ProgressState,
    status=st.sampled_from(list(STATUS_ORDER)),
    percentage=st.integers(0, 100),
    completed_at=st.none() | moments,
    watched=raw_ranges.map(tuple),
    resume_position_s=st.none() | positions,
    resume_event_at=st.none() | moments,
    best_score=st.none() | st.integers(0, 100),
    passed=st.booleans(),
)


def _is_normalised(ranges: tuple[Range, ...]) -> bool:
    ok = all(0 <= s < e for s, e in ranges)
    return ok and all(b[0] - a[1] > MERGE_GAP_S for a, b in itertools.pairwise(ranges))


def _covered(point: float, ranges: tuple[Range, ...]) -> bool:
    return any(s <= point <= e for s, e in ranges)


# --- ranges: examples -----------------------------------------------------------------


def test_normalize_examples() -> None:
    assert normalize_ranges([]) == ()
    assert normalize_ranges([(5, 6), (0, 1)]) == ((0, 1), (5, 6))
    assert normalize_ranges([(0, 2), (1, 3)]) == ((0, 3),)  # overlapping
    assert normalize_ranges([(0, 1), (1, 2)]) == ((0, 2),)  # touching
    assert normalize_ranges([(0, 1), (1.5, 2)]) == ((0, 2),)  # gap of exactly MERGE_GAP_S
    assert normalize_ranges([(0, 1), (1.51, 2)]) == ((0, 1), (1.51, 2))
    assert normalize_ranges([(0, 10), (2, 3)]) == ((0, 10),)  # contained
    assert normalize_ranges([(-3, 2)]) == ((0, 2),)  # clamped at 0
    assert normalize_ranges([(-3, -1), (4, 4), (6, 5)]) == ()  # empty / negative length


@pytest.mark.parametrize("bad", [(math.nan, 1.0), (0.0, math.inf), (-math.inf, 3.0)])
def test_non_finite_range_is_rejected(bad: Range) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_ranges([bad])
    assert info.value.field == "watched"


def test_coverage_and_completion_examples() -> None:
    assert watched_seconds([(0, 30), (50, 200)], 100) == 80  # clipped at the duration
    assert coverage([(0, 30), (50, 200)], 100) == 0.8
    assert coverage([(0, 10)], 0) == 0.0
    assert coverage([(0, 10)], -5) == 0.0
    assert watched_seconds([(0, 10)], 0) == 0.0
    assert video_lesson_complete([(0, 90)], 100) is True  # exactly 90 %
    assert video_lesson_complete([(0, 89.9)], 100) is False
    assert video_lesson_complete([(5, 50), (55, 100)], 100) is True  # two spans, 90 s
    assert video_lesson_complete([(0, 10)], 0) is False
    assert COMPLETION_THRESHOLD == 0.9


@pytest.mark.parametrize(
    ("ranges", "duration", "expected"),
    [
        ([], 100, 0),
        ([(0, 29)], 100, 29),
        ([(0, 0.57)], 1, 57),  # not 56: 0.57 · 100 is 56.99999999999999 in floats
        ([(0, 0.29)], 1, 29),
        ([(0, 89.99)], 100, 89),
        ([(0, 90)], 100, 100),  # complete counts as 100
        ([(0, 100)], 100, 100),
        ([(0, 50)], 0, 0),
    ],
)
def test_lesson_percentage_examples(ranges: list[Range], duration: float, expected: int) -> None:
    assert lesson_percentage(ranges, duration) == expected


# --- ranges: properties ---------------------------------------------------------------


@PROPERTY
@given(raw_ranges)
def test_normalize_is_idempotent_and_canonical(ranges: list[Range]) -> None:
    once = normalize_ranges(ranges)
    assert normalize_ranges(once) == once
    assert _is_normalised(once)
    # Nothing watched is lost: every clamped input range lies inside one output range.
    for s, e in ranges:
        s, e = max(s, 0.0), max(e, 0.0)
        if e > s:
            assert any(a <= s and e <= b for a, b in once)
    # Nothing is invented beyond gaps of at most MERGE_GAP_S: every bound is an input bound.
    starts = {max(s, 0.0) for s, _ in ranges}
    ends = {max(e, 0.0) for _, e in ranges}
    assert all(s in starts and e in ends for s, e in once)


@PROPERTY
@given(raw_ranges, st.data())
def test_normalize_ignores_input_order(ranges: list[Range], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(ranges))
    assert normalize_ranges(shuffled) == normalize_ranges(ranges)


@PROPERTY
@given(raw_ranges, raw_ranges, raw_ranges)
def test_union_is_commutative_associative_idempotent(
    a: list[Range], b: list[Range], c: list[Range]
) -> None:
    assert union_ranges(a, b) == union_ranges(b, a)
    assert union_ranges(union_ranges(a, b), c) == union_ranges(a, union_ranges(b, c))
    assert union_ranges(a, a) == normalize_ranges(a)


@PROPERTY
@given(raw_ranges, seconds, seconds, durations)
def test_coverage_is_bounded_and_monotone_under_add_range(
    ranges: list[Range], start: float, end: float, duration: float
) -> None:
    before = coverage(ranges, duration)
    after_ranges = add_range(ranges, start, end)
    after = coverage(after_ranges, duration)
    assert 0.0 <= before <= after <= 1.0
    assert 0.0 <= watched_seconds(ranges, duration) <= watched_seconds(after_ranges, duration)
    assert watched_seconds(after_ranges, duration) <= max(duration, 0.0)
    assert video_lesson_complete(after_ranges, duration) >= video_lesson_complete(ranges, duration)
    assert lesson_percentage(ranges, duration) <= lesson_percentage(after_ranges, duration)


@PROPERTY
@given(raw_ranges, durations)
def test_lesson_percentage_agrees_with_coverage(ranges: list[Range], duration: float) -> None:
    percentage = lesson_percentage(ranges, duration)
    assert 0 <= percentage <= 100
    if video_lesson_complete(ranges, duration):
        assert percentage == 100
    else:
        assert percentage <= 89
        assert percentage <= coverage(ranges, duration) * 100 + 1e-9


# --- WatchTracker ---------------------------------------------------------------------


def _play(
    tracker: WatchTracker, start: float, stop: float, *, step: float = 0.25, rate: float = 1.0
) -> None:
    """Ticks of genuine playback from ``start`` (already the position) to ``stop``."""
    position = start
    while position < stop - 1e-9:
        position = min(position + step * rate, stop)
        tracker.tick(position, wall_elapsed_s=step, rate=rate, playing=True)


def test_first_tick_only_sets_the_position() -> None:
    tracker = WatchTracker(duration_s=100)
    assert tracker.position is None
    tracker.tick(0.25, wall_elapsed_s=0.25, rate=1, playing=True)
    assert tracker.position == 0.25
    before = tracker.ranges
    tracker.tick(0.5, wall_elapsed_s=0.25, rate=1, playing=True)
    after = tracker.ranges
    assert before == ()
    assert after == ((0.25, 0.5),)


def test_completes_only_after_ninety_percent_genuinely_watched() -> None:
    tracker = WatchTracker(duration_s=100)
    tracker.tick(0, wall_elapsed_s=0, rate=1, playing=True)
    _play(tracker, 0, 89.75)
    assert tracker.ranges == ((0, 89.75),)
    assert not tracker.complete
    assert lesson_percentage(tracker.ranges, 100) == 89
    _play(tracker, 89.75, 90)
    assert tracker.complete
    assert tracker.coverage == pytest.approx(0.9)


def test_seeking_to_the_end_does_not_complete() -> None:
    tracker = WatchTracker(duration_s=100)
    tracker.tick(0, wall_elapsed_s=0, rate=1, playing=True)
    _play(tracker, 0, 10)
    tracker.seek(95)
    assert tracker.position == 95
    tracker.tick(95.25, wall_elapsed_s=0.25, rate=1, playing=True)  # re-anchors only
    _play(tracker, 95.25, 100)
    assert tracker.ranges == ((0, 10), (95.25, 100))
    assert not tracker.complete
    # Jumping by ticks (no seek() call) is no better: a step beyond wall × rate + tolerance.
    other = WatchTracker(duration_s=100)
    other.tick(0, wall_elapsed_s=0, rate=1, playing=True)
    other.tick(100, wall_elapsed_s=0.25, rate=2, playing=True)
    assert other.ranges == ()
    assert not other.complete


def test_tick_rules() -> None:
    tracker = WatchTracker(duration_s=100)
    tracker.tick(10, wall_elapsed_s=0, rate=1, playing=True)
    tracker.tick(10.5 + TICK_TOLERANCE_S, wall_elapsed_s=0.5, rate=1, playing=True)  # at limit
    assert tracker.ranges == ((10, 11.25),)
    tracker.tick(13.25, wall_elapsed_s=1.0, rate=1, playing=True)  # 2 > 1.0 + 0.75: a jump
    assert tracker.ranges == ((10, 11.25),)
    tracker.tick(14, wall_elapsed_s=1.0, rate=1, playing=False)  # paused: nothing
    tracker.tick(12, wall_elapsed_s=1.0, rate=1, playing=True)  # backwards: nothing
    assert tracker.ranges == ((10, 11.25),)
    tracker.tick(14, wall_elapsed_s=1.0, rate=2, playing=True)  # 2 s in 1 s at 2×
    assert tracker.ranges == ((10, 11.25), (12, 14))
    tracker.tick(14, wall_elapsed_s=1.0, rate=1, playing=True)  # standing still
    assert tracker.position == 14
    assert tracker.ranges == ((10, 11.25), (12, 14))


def test_tracker_starts_from_saved_ranges_and_learns_its_duration() -> None:
    tracker = WatchTracker(duration_s=0, ranges=[(30, 40), (0, 50)])
    assert tracker.ranges == ((0, 50),)
    assert tracker.coverage == 0.0  # duration not known yet
    tracker.duration_s = 50
    assert tracker.complete
    with pytest.raises(ValidationError):
        tracker.duration_s = -1
    with pytest.raises(ValidationError):
        WatchTracker(duration_s=math.nan)
    with pytest.raises(ValidationError):
        tracker.tick(math.nan, wall_elapsed_s=0.25, rate=1, playing=True)


# ("watch", wall, rate, fraction, _) advances by wall·rate·fraction (real playback);
# ("tick", target, wall, rate, playing) reports any position; ("seek", target, ...) seeks.
Event = tuple[str, float, float, float, bool]
_DURATION = 60.0
_targets = st.one_of(
    st.integers(0, int(_DURATION * 4)).map(lambda q: q / 4),
    st.floats(0.0, _DURATION, allow_nan=False),
)
_rates = st.sampled_from([0.5, 1.0, 1.5, 2.0])
_events = st.lists(
    st.one_of(
        st.tuples(
            st.just("watch"), st.floats(0.05, 1.0), _rates, st.floats(0.5, 1.0), st.just(True)
        ),
        st.tuples(st.just("tick"), _targets, st.floats(0.0, 1.0), _rates, st.booleans()),
        st.tuples(st.just("seek"), _targets, st.just(0.0), st.just(0.0), st.just(False)),
    ),
    max_size=300,
)


@PROPERTY
@given(_events, _targets)
def test_tracker_never_counts_a_seek(events: list[Event], first: float) -> None:
    tracker = WatchTracker(duration_s=_DURATION)
    tracker.tick(first, wall_elapsed_s=0, rate=1, playing=True)
    position = first
    anchored = True
    legit = 0.0  # seconds of forward steps the rule allows (an over-estimate: anchoring ignored)
    breaks = 0  # transitions that are not watching: each may leave a gap ≤ MERGE_GAP_S filled
    spans: list[Range] = []  # the exact spans the rule allows, anchoring included
    for kind, a, b, c, flag in events:
        if kind == "seek":
            target = a
            tracker.seek(target)
            position, anchored = target, False
            breaks += 1
            continue
        if kind == "watch":
            wall, rate = a, b
            target, playing = min(position + wall * rate * c, _DURATION), True
        else:
            target, wall, rate, playing = a, b, c, flag
        tracker.tick(target, wall_elapsed_s=wall, rate=rate, playing=playing)
        step = target - position
        if playing and 0 < step <= wall * rate + TICK_TOLERANCE_S:
            legit += step
            if anchored:
                spans.append((position, target))
        else:
            breaks += 1
        position, anchored = target, True
        assert tracker.position == target

    watched = watched_seconds(tracker.ranges, _DURATION)
    assert watched <= legit + MERGE_GAP_S * breaks + 1e-9
    assert tracker.ranges == normalize_ranges(spans)
    if tracker.complete:
        assert legit + MERGE_GAP_S * breaks >= COMPLETION_THRESHOLD * _DURATION - 1e-9


@PROPERTY
@given(st.lists(st.tuples(_targets, st.booleans()), max_size=100), _targets)
def test_seeks_and_jumps_alone_watch_nothing(jumps: list[tuple[float, bool]], first: float) -> None:
    tracker = WatchTracker(duration_s=_DURATION)
    tracker.tick(first, wall_elapsed_s=0, rate=1, playing=True)
    position = first
    for target, use_seek in jumps:
        if use_seek:
            tracker.seek(target)
        elif target <= position or target > position + 0.25 * 2.0 + TICK_TOLERANCE_S:
            tracker.tick(target, wall_elapsed_s=0.25, rate=2.0, playing=True)
        else:
            tracker.tick(target, wall_elapsed_s=0.25, rate=2.0, playing=False)
        position = target
    tracker.seek(_DURATION)
    tracker.tick(_DURATION, wall_elapsed_s=0.25, rate=1, playing=True)
    assert tracker.ranges == ()
    assert not tracker.complete


# --- status and ProgressState ---------------------------------------------------------


def test_status_order_and_max_status() -> None:
    assert STATUS_ORDER[NOT_STARTED] < STATUS_ORDER[IN_PROGRESS] < STATUS_ORDER[COMPLETED]
    assert (NOT_STARTED, IN_PROGRESS, COMPLETED) == ("not_started", "in_progress", "completed")
    for a in STATUS_ORDER:
        for b in STATUS_ORDER:
            assert max_status(a, b) == max_status(b, a)
            assert STATUS_ORDER[max_status(a, b)] == max(STATUS_ORDER[a], STATUS_ORDER[b])
    with pytest.raises(ValidationError):
        max_status("done", COMPLETED)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "done"}, "status"),
        ({"percentage": 101}, "percentage"),
        ({"percentage": -1}, "percentage"),
        ({"best_score": 101}, "best_score"),
        ({"completed_at": datetime(2025, 1, 1)}, "completed_at"),
        ({"resume_event_at": datetime(2025, 1, 1)}, "resume_event_at"),
        ({"resume_position_s": -1.0}, "resume_position_s"),
        ({"resume_position_s": math.nan}, "resume_position_s"),
        ({"watched": ((0.0, math.inf),)}, "watched"),
    ],
)
def test_progress_state_rejects_bad_values(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        ProgressState(**kwargs)
    assert info.value.field == field


def test_progress_state_is_canonical() -> None:
    at = datetime(2025, 3, 1, 14, 0, tzinfo=PLUS_TWO)
    state = ProgressState(
        status=COMPLETED, percentage=40, completed_at=at, watched=((5, 6), (0, 5.25))
    )
    assert state.percentage == 100
    assert state.watched == ((0, 6),)
    assert state.completed_at == at
    assert state.completed_at is not None
    assert state.completed_at.tzinfo is UTC
    assert ProgressState() == ProgressState(NOT_STARTED, 0)


def test_merge_examples() -> None:
    early = datetime(2025, 3, 1, 10, tzinfo=UTC)
    late = datetime(2025, 3, 1, 11, tzinfo=UTC)
    a = ProgressState(
        status=IN_PROGRESS,
        percentage=40,
        watched=((0, 40),),
        resume_position_s=40.0,
        resume_event_at=late,
        best_score=55,
    )
    b = ProgressState(
        status=COMPLETED,
        completed_at=late,
        watched=((30, 95),),
        resume_position_s=95.0,
        resume_event_at=early,
        passed=True,
    )
    merged = merge(a, b)
    assert merged == ProgressState(
        status=COMPLETED,
        percentage=100,
        completed_at=late,
        watched=((0, 95),),
        resume_position_s=40.0,  # the later device event wins, not the larger position
        resume_event_at=late,
        best_score=55,
        passed=True,
    )
    # Equal event times: the larger position, whichever side it is on.
    c = ProgressState(resume_position_s=10.0, resume_event_at=late)
    d = ProgressState(resume_position_s=12.0, resume_event_at=late.astimezone(PLUS_TWO))
    assert merge(c, d).resume_position_s == merge(d, c).resume_position_s == 12.0
    # A position with a time beats one without; any position beats none.
    assert merge(c, ProgressState(resume_position_s=99.0)).resume_position_s == 10.0
    assert merge(ProgressState(), ProgressState(resume_position_s=3.0)).resume_position_s == 3.0
    first = merge(ProgressState(completed_at=late), ProgressState(completed_at=early))
    assert first.completed_at == early


# --- merge: properties ----------------------------------------------------------------


@PROPERTY
@given(states, states)
def test_merge_is_commutative(a: ProgressState, b: ProgressState) -> None:
    assert merge(a, b) == merge(b, a)


@PROPERTY
@given(states, states, states)
def test_merge_is_associative(a: ProgressState, b: ProgressState, c: ProgressState) -> None:
    assert merge(merge(a, b), c) == merge(a, merge(b, c))


@PROPERTY
@given(states)
def test_merge_is_idempotent(a: ProgressState) -> None:
    assert merge(a, a) == a


@PROPERTY
@given(states, states, durations)
def test_merge_never_decreases_progress(
    a: ProgressState, b: ProgressState, duration: float
) -> None:
    merged = merge(a, b)
    for side in (a, b):
        assert STATUS_ORDER[merged.status] >= STATUS_ORDER[side.status]
        assert merged.percentage >= side.percentage
        assert coverage(merged.watched, duration) >= coverage(side.watched, duration)
        assert watched_seconds(merged.watched, duration) >= watched_seconds(side.watched, duration)
        if side.best_score is not None:
            assert merged.best_score is not None
            assert merged.best_score >= side.best_score
        assert merged.passed >= side.passed
        if side.completed_at is not None:
            assert merged.completed_at is not None
            assert merged.completed_at <= side.completed_at
        if side.resume_event_at is not None:
            assert merged.resume_event_at is not None
            assert merged.resume_event_at >= side.resume_event_at
    if merged.status == COMPLETED:
        assert merged.percentage == 100
    assert merge(merged, a) == merged  # a is below the join
    assert merged.resume_position_s in (a.resume_position_s, b.resume_position_s)


# --- roll-ups -------------------------------------------------------------------------


def test_weighted_percentage_examples() -> None:
    assert weighted_percentage([]) == 0
    lessons = [LessonProgress(10, 0, False), LessonProgress(30, 40, True)]
    assert weighted_percentage(lessons) == 75  # (10·0 + 30·100) / 40
    # A lesson without a duration (or of 0 minutes) weighs one minute.
    assert weighted_percentage([LessonProgress(None, 50, False), LessonProgress(0, 0, False)]) == 25
    assert weighted_percentage([LessonProgress(3, 50, False), LessonProgress(None, 0, False)]) == 37
    assert module_percentage is weighted_percentage
    assert course_percentage is weighted_percentage
    with pytest.raises(ValidationError):
        LessonProgress(10, 101, False)
    with pytest.raises(ValidationError):
        LessonProgress(-1, 10, False)


lessons_strategy = st.lists(
    st.builds(
        LessonProgress,
        duration_min=st.none() | st.integers(0, 240),
        percentage=st.integers(0, 100),
        completed=st.booleans(),
    ),
    max_size=20,
)


@PROPERTY
@given(lessons_strategy, st.data())
def test_weighted_percentage_bounds_and_weights(
    lessons: list[LessonProgress], data: st.DataObject
) -> None:
    result = weighted_percentage(lessons)
    effective = [100 if lesson.completed else lesson.percentage for lesson in lessons]
    if not lessons:
        assert result == 0
        return
    assert min(effective) <= result <= max(effective)
    weights = [max(lesson.duration_min or 0, 1) for lesson in lessons]
    exact = Fraction(sum(w * p for w, p in zip(weights, effective, strict=True)), sum(weights))
    assert result == math.floor(exact)
    assert weighted_percentage(data.draw(st.permutations(lessons))) == result
    if all(lesson.completed for lesson in lessons):
        assert result == 100
    # Doubling every weight changes nothing.
    doubled = [
        LessonProgress(2 * w, lesson.percentage, lesson.completed)
        for w, lesson in zip(weights, lessons, strict=True)
    ]
    assert weighted_percentage(doubled) == result


@pytest.mark.parametrize(
    ("done", "total", "expected"), [(0, 0, 0), (0, 3, 0), (1, 3, 33), (2, 3, 66), (3, 3, 100)]
)
def test_path_percentage(done: int, total: int, expected: int) -> None:
    assert path_percentage(done, total) == expected


@pytest.mark.parametrize(("done", "total"), [(4, 3), (-1, 3), (1, -1), (1, 0)])
def test_path_percentage_rejects_impossible_counts(done: int, total: int) -> None:
    with pytest.raises(ValidationError):
        path_percentage(done, total)


@PROPERTY
@given(st.integers(0, 500), st.integers(0, 500))
def test_path_percentage_bounds(a: int, b: int) -> None:
    done, total = min(a, b), max(a, b)
    result = path_percentage(done, total)
    assert 0 <= result <= 100
    assert (result == 100) == (total > 0 and done == total)
    if done < total:
        assert path_percentage(done + 1, total) >= result


def test_status_for() -> None:
    assert status_for(0) == NOT_STARTED
    assert status_for(1) == IN_PROGRESS
    assert status_for(99) == IN_PROGRESS
    assert status_for(100) == COMPLETED
    with pytest.raises(ValidationError):
        status_for(101)
