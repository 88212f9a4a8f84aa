"""Sync: change cursors, devices, processed ops, per-device study time, tombstones, apply.

Both backends (additive only):

- ``sync_seq BIGINT`` (nullable) on the content tables and on the per-person tables a
  device syncs (``user_progress``, ``lesson_playback``, ``study_time``,
  ``assessment_attempts``), with indexes: the change cursor a pull reads by;
- ``sync_devices`` (one row per local cache), ``processed_ops`` (every op id the server has
  seen, applied or rejected), ``study_time_devices`` (each device's running total per day
  and lesson), ``sync_tombstones`` (deleted content rows).

PostgreSQL only:

- ``elearn_sync_stamp()``: a BEFORE INSERT/UPDATE trigger that sets ``sync_seq`` to the
  writing transaction's 64-bit id (``pg_current_xact_id()``). A pull reads rows with
  ``sync_seq >= cursor`` and moves its cursor to its snapshot's ``xmin``: every transaction
  below it has finished and been read, so nothing that commits late is ever skipped (a
  sequence could not promise that: commit order is not draw order);
- ``elearn_sync_tombstone()``: AFTER DELETE on content tables (SECURITY DEFINER: any
  author's delete records one);
- ``elearn_apply_ops(device, client_now, ops)``: SECURITY INVOKER (it acts with the
  person's own privileges and row-level security). One call per batch, inside the
  caller's transaction: records every op id in ``processed_ops`` (a duplicate is skipped)
  and merges only the new ones, set-based, with the join-semilattice rules of
  ``elearn_desktop.domain.progress``; ``updated_at`` is the server's clock; device
  timestamps are corrected by the device's clock offset when it exceeds two minutes;
  offline attempts are inserted with their answers and graded by
  ``elearn_grade_attempt``. Invalid ops are recorded as rejected with a reason (they never
  block the batch) and returned;
- ``elearn_union_ranges(a, b)`` and ``elearn_status_rank(status)``: the merge helpers;
- forced row-level security and grants on the new tables (a person's own rows; staff
  read); learners may read ``answer_options.sync_seq``;
- ``user_progress``'s policies (0004) evaluate their functions once per statement instead
  of once per row (same meaning; the downgrade restores 0004's text).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPS = "elearn_learner, elearn_instructor, elearn_support, elearn_admin"
CONTENT_TABLES = (
    "courses",
    "modules",
    "video_assets",
    "lessons",
    "assessments",
    "questions",
    "answer_options",
    "learning_paths",
    "path_steps",
)
USER_TABLES = ("user_progress", "lesson_playback", "assessment_attempts", "study_time")
NEW_PER_USER_TABLES = ("sync_devices", "processed_ops", "study_time_devices")

# --- SQL building blocks for validating ops (an invalid op is rejected, never cast) ----

_UUID_RE = "^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$"
_TS_RE = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$"
_DAY_RE = r"^\d{4}-\d{2}-\d{2}$"


def _is_uuid(value: str) -> str:
    return f"(jsonb_typeof({value}) = 'string' AND ({value} #>> '{{}}') ~ '{_UUID_RE}')"


def _is_uuid_or_null(value: str) -> str:
    return f"(coalesce(jsonb_typeof({value}), 'null') = 'null' OR {_is_uuid(value)})"


def _is_time_or_null(value: str) -> str:
    return (
        f"(coalesce(jsonb_typeof({value}), 'null') = 'null' OR "
        f"(jsonb_typeof({value}) = 'string' AND ({value} #>> '{{}}') ~ '{_TS_RE}'))"
    )


def _is_seconds_or_null(value: str) -> str:
    return (
        f"(coalesce(jsonb_typeof({value}), 'null') = 'null' OR "
        f"(jsonb_typeof({value}) = 'number' AND ({value})::numeric >= 0))"
    )


def _kind_cte(kind: str) -> str:
    """The ops of one kind as (op_id, seq, p)."""
    return (
        "SELECT (e ->> 'op_id')::uuid AS op_id, (e ->> 'seq')::bigint AS seq, e -> 'p' AS p "
        f"FROM jsonb_array_elements(coalesce(p_ops -> '{kind}', '[]'::jsonb)) AS e"
    )


def _owner_checks() -> str:
    # The person's id in either text form (the common case costs a string comparison).
    return f"""
            WHEN jsonb_typeof(s.p) IS DISTINCT FROM 'object' THEN 'the change is not a record'
            WHEN coalesce(lower(s.p ->> 'user_id'), '') NOT IN (me_text, me_hex) THEN
                CASE WHEN {_is_uuid("s.p -> 'user_id'")} THEN 'the change belongs to another account'
                     ELSE 'the change names no account' END"""


def _record_ops(kind: str) -> str:
    """Insert every op of ``chk`` into processed_ops; RETURNING only the new ones."""
    return f"""
    ins AS (
        INSERT INTO public.processed_ops AS po (op_id, user_id, device_id, seq, kind, status, reason)
        SELECT DISTINCT ON (c.op_id) c.op_id, me, p_device_id, c.seq, '{kind}',
               CASE WHEN c.reason IS NULL THEN 'applied' ELSE 'rejected' END, c.reason
          FROM chk c ORDER BY c.op_id
        ON CONFLICT (op_id) DO NOTHING
        RETURNING po.op_id
    ),
    fresh AS (
        -- An op sent twice in one batch joins twice: harmless, every merge is idempotent.
        SELECT c.op_id, c.seq, c.p
          FROM chk c JOIN ins ON ins.op_id = c.op_id
         WHERE c.reason IS NULL
    )"""


_RANK = "public.elearn_status_rank"

APPLY_PROGRESS = f"""
    WITH src AS ({_kind_cte("progress")}),
    chk AS (
        SELECT s.op_id, s.seq, s.p, CASE {_owner_checks()}
            WHEN NOT (jsonb_typeof(s.p -> 'entity_type') = 'string'
                      AND length(s.p ->> 'entity_type') BETWEEN 1 AND 50)
                THEN 'the progress names no kind of item'
            WHEN NOT {_is_uuid("s.p -> 'entity_id'")} THEN 'the progress names no item'
            WHEN {_RANK}(s.p ->> 'status') < 0
                THEN format('unknown progress status %L', s.p ->> 'status')
            WHEN NOT (coalesce(jsonb_typeof(s.p -> 'progress_percentage'), 'null') = 'null'
                      OR (jsonb_typeof(s.p -> 'progress_percentage') = 'number'
                          AND (s.p -> 'progress_percentage')::numeric BETWEEN 0 AND 100
                          AND (s.p -> 'progress_percentage')::numeric
                              = trunc((s.p -> 'progress_percentage')::numeric)))
                THEN 'the percentage is not a whole number from 0 to 100'
            WHEN NOT {_is_time_or_null("s.p -> 'completed_at'")}
                THEN 'the completion time is not a time'
            WHEN NOT {_is_uuid_or_null("s.p -> 'id'")} THEN 'the progress id is not an id'
        END AS reason
        FROM src s
    ),{_record_ops("progress")},
    merged AS (
        SELECT f.p ->> 'entity_type' AS entity_type, (f.p ->> 'entity_id')::uuid AS entity_id,
               max({_RANK}(f.p ->> 'status')) AS status_rank,
               max(coalesce((f.p -> 'progress_percentage')::numeric::integer, 0)) AS pct,
               min((f.p ->> 'completed_at')::timestamptz) + shift AS completed_at,
               min(f.p ->> 'id') AS id
          FROM fresh f
         GROUP BY 1, 2
    )
    INSERT INTO public.user_progress AS up
        (id, user_id, entity_type, entity_id, status, progress_percentage, completed_at,
         updated_at, sync_seq)
    SELECT coalesce(m.id::uuid, gen_random_uuid()), me, m.entity_type, m.entity_id,
           CASE m.status_rank WHEN 2 THEN 'completed' WHEN 1 THEN 'in_progress'
                ELSE 'not_started' END,
           CASE WHEN m.status_rank = 2 AND m.entity_type <> 'assessment' THEN 100
                ELSE m.pct END,
           m.completed_at, now(), stamp
      FROM merged m
     ORDER BY m.entity_type, m.entity_id
    ON CONFLICT (user_id, entity_type, entity_id) DO UPDATE SET
        status = CASE WHEN {_RANK}(excluded.status) > {_RANK}(up.status)
                      THEN excluded.status ELSE up.status END,
        progress_percentage = CASE
            WHEN greatest({_RANK}(excluded.status), {_RANK}(up.status)) = 2
                 AND up.entity_type <> 'assessment' THEN 100
            ELSE greatest(coalesce(up.progress_percentage, 0), excluded.progress_percentage) END,
        completed_at = least(up.completed_at, excluded.completed_at),
        updated_at = now(),
        sync_seq = stamp
    WHERE {_RANK}(excluded.status) > {_RANK}(up.status)
       OR excluded.progress_percentage > coalesce(up.progress_percentage, 0)
       OR (excluded.completed_at IS NOT NULL
           AND (up.completed_at IS NULL OR excluded.completed_at < up.completed_at))
       OR ({_RANK}(up.status) = 2 AND up.entity_type <> 'assessment'
           AND up.progress_percentage IS DISTINCT FROM 100)
"""

_RANGES_OK = """(coalesce(jsonb_typeof(s.p -> 'watched_ranges'), 'null') = 'null'
              OR (jsonb_typeof(s.p -> 'watched_ranges') = 'array'
                  AND NOT EXISTS (
                      SELECT 1 FROM jsonb_array_elements(s.p -> 'watched_ranges') AS r
                       WHERE jsonb_typeof(r) <> 'array' OR jsonb_array_length(r) <> 2
                          OR jsonb_typeof(r -> 0) <> 'number'
                          OR jsonb_typeof(r -> 1) <> 'number')))"""


def _resume_key(row: str) -> str:
    return (
        f"ROW({row}.resume_event_at IS NOT NULL, "
        f"coalesce({row}.resume_event_at, '-infinity'::timestamptz), "
        f"{row}.resume_position_s IS NOT NULL, coalesce({row}.resume_position_s, 0))"
    )


APPLY_PLAYBACK = f"""
    WITH src AS ({_kind_cte("playback")}),
    chk AS (
        SELECT s.op_id, s.seq, s.p, CASE {_owner_checks()}
            WHEN NOT {_is_uuid("s.p -> 'lesson_id'")} THEN 'the change names no lesson'
            WHEN NOT EXISTS (SELECT 1 FROM public.lessons l
                              WHERE l.id = (s.p ->> 'lesson_id')::uuid)
                THEN 'the lesson no longer exists'
            WHEN NOT {_RANGES_OK} THEN 'the watched parts of the video are malformed'
            WHEN NOT {_is_seconds_or_null("s.p -> 'resume_position_s'")}
                THEN 'the resume position is not a number of seconds'
            WHEN NOT {_is_time_or_null("s.p -> 'resume_event_at'")}
                THEN 'the time of the resume position is not a time'
            WHEN NOT {_is_time_or_null("s.p -> 'last_watched_at'")}
                THEN 'the time last watched is not a time'
        END AS reason
        FROM src s
    ),{_record_ops("playback")},
    per_lesson AS (
        SELECT (f.p ->> 'lesson_id')::uuid AS lesson_id,
               public.elearn_union_ranges(
                   coalesce(jsonb_agg(r.value) FILTER (WHERE r.value IS NOT NULL), '[]'),
                   '[]') AS watched,
               max((f.p ->> 'last_watched_at')::timestamptz) + shift AS last_watched_at
          FROM fresh f
          LEFT JOIN LATERAL jsonb_array_elements(
              CASE WHEN jsonb_typeof(f.p -> 'watched_ranges') = 'array'
                   THEN f.p -> 'watched_ranges' ELSE '[]'::jsonb END) AS r ON true
         GROUP BY 1
    ),
    candidates AS (
        SELECT (f.p ->> 'lesson_id')::uuid AS lesson_id,
               (f.p ->> 'resume_position_s')::float8 AS resume_position_s,
               (f.p ->> 'resume_event_at')::timestamptz + shift AS resume_event_at
          FROM fresh f
    ),
    resume AS (
        SELECT DISTINCT ON (c.lesson_id) c.lesson_id, c.resume_position_s, c.resume_event_at
          FROM candidates c
         ORDER BY c.lesson_id, {_resume_key("c")} DESC
    )
    INSERT INTO public.lesson_playback AS lp
        (user_id, lesson_id, watched_ranges, resume_position_s, resume_event_at,
         last_watched_at, updated_at, sync_seq)
    SELECT me, pl.lesson_id, pl.watched, r.resume_position_s, r.resume_event_at,
           pl.last_watched_at, now(), stamp
      FROM per_lesson pl JOIN resume r ON r.lesson_id = pl.lesson_id
     ORDER BY pl.lesson_id
    ON CONFLICT (user_id, lesson_id) DO UPDATE SET
        watched_ranges = public.elearn_union_ranges(lp.watched_ranges, excluded.watched_ranges),
        resume_position_s = CASE WHEN {_resume_key("excluded")} > {_resume_key("lp")}
                                 THEN excluded.resume_position_s ELSE lp.resume_position_s END,
        resume_event_at = CASE WHEN {_resume_key("excluded")} > {_resume_key("lp")}
                               THEN excluded.resume_event_at ELSE lp.resume_event_at END,
        last_watched_at = greatest(lp.last_watched_at, excluded.last_watched_at),
        updated_at = now(),
        sync_seq = stamp
    WHERE excluded.watched_ranges IS DISTINCT FROM lp.watched_ranges
       OR {_resume_key("excluded")} > {_resume_key("lp")}
       OR excluded.last_watched_at > lp.last_watched_at
       OR (lp.last_watched_at IS NULL AND excluded.last_watched_at IS NOT NULL)
"""

APPLY_STUDY_TIME = f"""
    WITH src AS ({_kind_cte("study_time")}),
    chk AS (
        SELECT s.op_id, s.seq, s.p, CASE {_owner_checks()}
            WHEN NOT {_is_uuid("s.p -> 'lesson_id'")} THEN 'the change names no lesson'
            WHEN NOT EXISTS (SELECT 1 FROM public.lessons l
                              WHERE l.id = (s.p ->> 'lesson_id')::uuid)
                THEN 'the lesson no longer exists'
            WHEN NOT (jsonb_typeof(s.p -> 'day') = 'string'
                      AND (s.p ->> 'day') ~ '{_DAY_RE}')
                THEN 'the day is not a date'
            WHEN NOT (jsonb_typeof(s.p -> 'seconds') = 'number'
                      AND (s.p -> 'seconds')::numeric >= 0)
                THEN 'the time studied is not a number of seconds'
        END AS reason
        FROM src s
    ),{_record_ops("study_time")},
    reported AS (
        SELECT ((f.p ->> 'day')::date
                + round(extract(epoch FROM shift) / 86400)::integer) AS day,
               (f.p ->> 'lesson_id')::uuid AS lesson_id,
               -- Whole milliseconds, added in exact decimals: the total is the same
               -- whatever order the reports arrive in (floats would differ in the last
               -- digit).
               round(max((f.p -> 'seconds')::numeric), 3)::float8 AS seconds
          FROM fresh f
         GROUP BY 1, 2
    ),
    before AS (
        SELECT d.day, d.lesson_id, d.seconds FROM public.study_time_devices d
          JOIN reported r ON r.day = d.day AND r.lesson_id = d.lesson_id
         WHERE d.user_id = me AND d.device_id = p_device_id
    ),
    grown AS (
        INSERT INTO public.study_time_devices AS d (user_id, device_id, day, lesson_id, seconds)
        SELECT me, p_device_id, r.day, r.lesson_id, r.seconds FROM reported r
         ORDER BY r.day, r.lesson_id
        ON CONFLICT (user_id, device_id, day, lesson_id) DO UPDATE
            SET seconds = excluded.seconds
            WHERE excluded.seconds > d.seconds
        RETURNING d.day, d.lesson_id, d.seconds
    )
    INSERT INTO public.study_time AS st (user_id, day, lesson_id, seconds, sync_seq)
    SELECT me, g.day, g.lesson_id,
           round(g.seconds::numeric - coalesce(b.seconds, 0)::numeric, 3)::float8, stamp
      FROM grown g LEFT JOIN before b ON b.day = g.day AND b.lesson_id = g.lesson_id
     WHERE g.seconds > coalesce(b.seconds, 0)
     ORDER BY g.day, g.lesson_id
    ON CONFLICT (user_id, day, lesson_id) DO UPDATE
        SET seconds = round(st.seconds::numeric + excluded.seconds::numeric, 3)::float8,
            sync_seq = stamp
"""

_ANSWERS_OK = f"""(coalesce(jsonb_typeof(s.p -> 'answers'), 'null') = 'null'
              OR (jsonb_typeof(s.p -> 'answers') = 'array'
                  AND NOT EXISTS (
                      SELECT 1 FROM jsonb_array_elements(s.p -> 'answers') AS a
                       WHERE CASE
                           WHEN jsonb_typeof(a) <> 'object' THEN true
                           WHEN NOT {_is_uuid("a -> 'question_id'")} THEN true
                           WHEN coalesce(jsonb_typeof(a -> 'text'), 'null')
                                NOT IN ('null', 'string') THEN true
                           WHEN length(a ->> 'text') > 1000 THEN true
                           WHEN coalesce(jsonb_typeof(a -> 'option_ids'), 'null')
                                NOT IN ('null', 'array') THEN true
                           ELSE false END)))"""

_ANSWERS_BELONG = """NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(s.p -> 'answers', '[]')) AS a
                 WHERE NOT EXISTS (
                     SELECT 1 FROM public.questions q
                      WHERE q.id = (a ->> 'question_id')::uuid
                        AND q.assessment_id = (s.p ->> 'assessment_id')::uuid))"""

_OPTIONS_BELONG = f"""NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(s.p -> 'answers', '[]')) AS a,
                     jsonb_array_elements(coalesce(a -> 'option_ids', '[]')) AS o
                 WHERE CASE
                     WHEN jsonb_typeof(o) <> 'string' OR NOT ((o #>> '{{}}') ~ '{_UUID_RE}')
                         THEN true
                     ELSE NOT EXISTS (
                         SELECT 1 FROM public.answer_options ao
                          WHERE ao.id = (o #>> '{{}}')::uuid
                            AND ao.question_id = (a ->> 'question_id')::uuid) END)"""

APPLY_ATTEMPTS = f"""
    WITH src AS ({_kind_cte("attempt")}),
    chk AS (
        SELECT s.op_id, s.seq, s.p, CASE {_owner_checks()}
            WHEN NOT {_is_uuid("s.p -> 'id'")} THEN 'the attempt has no id'
            WHEN NOT {_is_uuid("s.p -> 'assessment_id'")} THEN 'the attempt names no assessment'
            WHEN NOT EXISTS (SELECT 1 FROM public.assessments a
                              WHERE a.id = (s.p ->> 'assessment_id')::uuid)
                THEN 'the assessment no longer exists'
            WHEN NOT {_is_time_or_null("s.p -> 'started_at'")} THEN 'the start time is not a time'
            WHEN NOT {_is_time_or_null("s.p -> 'submitted_at'")}
                THEN 'the submission time is not a time'
            WHEN NOT {_is_seconds_or_null("s.p -> 'elapsed_s'")}
                THEN 'the time taken is not a number of seconds'
            WHEN NOT {_ANSWERS_OK} THEN 'the answers are malformed'
            WHEN NOT {_ANSWERS_BELONG}
                THEN 'the answers are to questions that are not in this assessment'
            WHEN NOT {_OPTIONS_BELONG}
                THEN 'the answers choose options that do not belong to their questions'
        END AS reason
        FROM src s
    ),{_record_ops("attempt")},
    best AS (
        -- Per attempt: its submitted (final) state if any, else its latest state.
        SELECT DISTINCT ON ((f.p ->> 'id')::uuid) f.op_id, f.seq, f.p,
               (f.p ->> 'submitted_at') IS NOT NULL OR (f.p ->> 'status') = 'graded' AS final
          FROM fresh f
         ORDER BY (f.p ->> 'id')::uuid,
                  ((f.p ->> 'submitted_at') IS NOT NULL OR (f.p ->> 'status') = 'graded') DESC,
                  f.seq DESC
    ),
    created AS (
        INSERT INTO public.assessment_attempts (id, user_id, assessment_id, started_at, device_id)
        SELECT (b.p ->> 'id')::uuid, me, (b.p ->> 'assessment_id')::uuid,
               coalesce((b.p ->> 'started_at')::timestamptz + shift, now()), p_device_id
          FROM best b
         ORDER BY 1
        ON CONFLICT (id) DO NOTHING
        RETURNING id
    )
    SELECT coalesce(jsonb_agg(b.p || jsonb_build_object('op_id', b.op_id))
                    FILTER (WHERE b.final), '[]'::jsonb)
      INTO finals
      FROM best b
"""

APPLY_FUNCTION = f"""
CREATE FUNCTION public.elearn_apply_ops(p_device_id text, p_client_now timestamptz, p_ops jsonb)
    RETURNS TABLE (op_id uuid, status text, reason text)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
#variable_conflict use_column
DECLARE
    me uuid := public.elearn_current_user_id();
    shift interval := interval '0';
    finals jsonb;
    item jsonb;
    v_attempt_id uuid;
    attempt_state text;
    graded record;
    -- The change cursor of every row this batch writes (set here, not by the per-row
    -- trigger, which then does not fire: see elearn_sync_stamp's WHEN clauses).
    stamp bigint := pg_current_xact_id()::text::bigint;
    me_text text := me::text;
    me_hex text := replace(me::text, '-', '');
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'only a person of this database can sync'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM public.sync_devices d
                    WHERE d.device_id = p_device_id AND d.user_id = me) THEN
        RAISE EXCEPTION 'this device is not registered for this account'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF jsonb_typeof(p_ops) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'a batch is a JSON object of op lists by kind'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- A device clock more than two minutes off: its timestamps are moved by the offset
    -- measured now (within that tolerance they are taken as they are, so the same ops
    -- always merge to the same state).
    IF p_client_now IS NOT NULL
       AND abs(extract(epoch FROM statement_timestamp() - p_client_now)) > 120 THEN
        shift := statement_timestamp() - p_client_now;
    END IF;

    INSERT INTO public.processed_ops AS po (op_id, user_id, device_id, seq, kind, status, reason)
    SELECT DISTINCT ON ((e ->> 'op_id')::uuid) (e ->> 'op_id')::uuid, me, p_device_id,
           (e ->> 'seq')::bigint, left(k.key, 32), 'rejected',
           format('the server does not know changes of the kind %L', k.key)
      FROM jsonb_each(p_ops) AS k, jsonb_array_elements(k.value) AS e
     WHERE k.key NOT IN ('progress', 'playback', 'study_time', 'attempt')
    ON CONFLICT (op_id) DO NOTHING;

    {APPLY_PROGRESS};
    {APPLY_PLAYBACK};
    {APPLY_STUDY_TIME};
    {APPLY_ATTEMPTS};

    -- Offline submissions: their answers, then grading by the server (one at a time, so a
    -- tampered attempt is rejected alone).
    FOR item IN SELECT value FROM jsonb_array_elements(finals) LOOP
        v_attempt_id := (item ->> 'id')::uuid;
        BEGIN
            SELECT a.status INTO attempt_state FROM public.assessment_attempts a
             WHERE a.id = v_attempt_id AND a.user_id = me;
            IF attempt_state IS NULL THEN
                RAISE EXCEPTION 'the attempt could not be recorded for this account'
                    USING ERRCODE = 'no_data_found';
            END IF;
            IF attempt_state = 'in_progress' THEN
                DELETE FROM public.attempt_answers aa WHERE aa.attempt_id = v_attempt_id;
                INSERT INTO public.attempt_answers (attempt_id, question_id, option_ids, text)
                SELECT v_attempt_id, (a ->> 'question_id')::uuid,
                       coalesce(a -> 'option_ids', '[]'::jsonb), a ->> 'text'
                  FROM jsonb_array_elements(coalesce(item -> 'answers', '[]'::jsonb)) AS a;
                SELECT g.score, g.passed INTO graded
                  FROM public.elearn_grade_attempt(
                      v_attempt_id, coalesce((item ->> 'elapsed_s')::float8, 0)) AS g;
                INSERT INTO public.user_progress AS up
                    (id, user_id, entity_type, entity_id, status, progress_percentage,
                     completed_at, updated_at)
                VALUES (gen_random_uuid(), me, 'assessment', (item ->> 'assessment_id')::uuid,
                        CASE WHEN graded.passed THEN 'completed' ELSE 'in_progress' END,
                        graded.score, CASE WHEN graded.passed THEN now() END, now())
                ON CONFLICT (user_id, entity_type, entity_id) DO UPDATE SET
                    status = CASE WHEN {_RANK}(excluded.status) > {_RANK}(up.status)
                                  THEN excluded.status ELSE up.status END,
                    progress_percentage = greatest(coalesce(up.progress_percentage, 0),
                                                   excluded.progress_percentage),
                    completed_at = least(up.completed_at, excluded.completed_at),
                    updated_at = now();
            END IF;
        EXCEPTION
            WHEN data_exception OR integrity_constraint_violation OR no_data_found
                 OR insufficient_privilege THEN
                UPDATE public.processed_ops po
                   SET status = 'rejected',
                       reason = 'the server could not grade this attempt: ' || SQLERRM
                 WHERE po.op_id = (item ->> 'op_id')::uuid;
        END;
    END LOOP;

    UPDATE public.sync_devices d SET last_push_at = now(), last_seen_at = now()
     WHERE d.device_id = p_device_id AND d.user_id = me;

    RETURN QUERY
        SELECT po.op_id, po.status::text, po.reason FROM public.processed_ops po
         WHERE po.status = 'rejected'
           AND po.op_id IN (SELECT (e ->> 'op_id')::uuid
                              FROM jsonb_each(p_ops) AS k, jsonb_array_elements(k.value) AS e);
END
$fn$;
"""

HELPER_FUNCTIONS = r"""
CREATE FUNCTION public.elearn_status_rank(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE status WHEN 'completed' THEN 2 WHEN 'in_progress' THEN 1
                         WHEN 'not_started' THEN 0 ELSE -1 END $$;

-- The union of two lists of watched ranges, normalised as domain.progress.normalize_ranges
-- does: clamped at 0, empty ones dropped, sorted, joined when the gap is at most 0.5 s.
CREATE FUNCTION public.elearn_union_ranges(a jsonb, b jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    WITH pieces AS (
        SELECT greatest((r ->> 0)::float8, 0) AS s, greatest((r ->> 1)::float8, 0) AS e
          FROM jsonb_array_elements(
                   CASE WHEN jsonb_typeof(a) = 'array' THEN a ELSE '[]'::jsonb END
                   || CASE WHEN jsonb_typeof(b) = 'array' THEN b ELSE '[]'::jsonb END) AS r
         WHERE jsonb_typeof(r) = 'array' AND jsonb_array_length(r) = 2
           AND jsonb_typeof(r -> 0) = 'number' AND jsonb_typeof(r -> 1) = 'number'
    ), ordered AS (
        SELECT s, e, max(e) OVER (ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING
                                                     AND 1 PRECEDING) AS reach
          FROM pieces WHERE e > s
    ), islands AS (
        SELECT s, e, sum(CASE WHEN reach IS NULL OR s - reach > 0.5 THEN 1 ELSE 0 END)
                         OVER (ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
          FROM ordered
    )
    SELECT coalesce(jsonb_agg(jsonb_build_array(lo, hi) ORDER BY lo), '[]'::jsonb)
      FROM (SELECT min(s) AS lo, max(e) AS hi FROM islands GROUP BY island) AS merged
$$;

-- The change cursor: the writing transaction's id (see the module docstring). An update
-- that changes nothing keeps the old cursor. No SET search_path: it runs for every row
-- written, and names only pg_catalog (searched first, whatever the caller's path).
CREATE FUNCTION public.elearn_sync_stamp() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
    END IF;
    NEW.sync_seq := pg_catalog.pg_current_xact_id()::text::bigint;
    RETURN NEW;
END
$$;

CREATE FUNCTION public.elearn_sync_tombstone() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO public.sync_tombstones (table_name, row_id, sync_seq)
    VALUES (TG_TABLE_NAME, OLD.id, pg_current_xact_id()::text::bigint)
    ON CONFLICT (table_name, row_id)
        DO UPDATE SET sync_seq = excluded.sync_seq, deleted_at = now();
    RETURN NULL;
END
$$;
"""

FUNCTIONS = (
    "elearn_apply_ops(text, timestamptz, jsonb)",
    "elearn_union_ranges(jsonb, jsonb)",
    "elearn_status_rank(text)",
    "elearn_sync_stamp()",
    "elearn_sync_tombstone()",
)
#: What the groups may call (the trigger functions run as triggers only).
CALLABLE = FUNCTIONS[:3]


def _create_tables() -> None:
    op.create_table(
        "sync_devices",
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(255)),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
        sa.Column("last_seen_at", sa.DateTime(timezone=True)),
        sa.Column("last_push_at", sa.DateTime(timezone=True)),
        sa.Column("last_pull_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("device_id", name="sync_devices_pkey"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="sync_devices_user_id_fkey", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_sync_devices_user_id", "sync_devices", ["user_id"])
    op.create_table(
        "processed_ops",
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text()),
        sa.Column(
            "received_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
        sa.PrimaryKeyConstraint("op_id", name="processed_ops_pkey"),
        sa.CheckConstraint(
            "status IN ('applied', 'rejected')", name=op.f("processed_ops_status_known_check")
        ),
    )
    op.create_table(
        "study_time_devices",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint(
            "user_id", "device_id", "day", "lesson_id", name="study_time_devices_pkey"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="study_time_devices_user_id_fkey", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name="study_time_devices_lesson_id_fkey",
            ondelete="CASCADE",
        ),
    )
    op.create_table(
        "sync_tombstones",
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.Uuid(), nullable=False),
        sa.Column("sync_seq", sa.BigInteger(), nullable=False),
        sa.Column(
            "deleted_at", sa.DateTime(timezone=True), server_default=sa.func.current_timestamp()
        ),
        sa.PrimaryKeyConstraint("table_name", "row_id", name="sync_tombstones_pkey"),
    )
    op.create_index("ix_sync_tombstones_sync_seq", "sync_tombstones", ["sync_seq"])


#: The cursor index of each table: content by sync_seq; a person's rows by (user, sync_seq,
#: primary key), the order a pull pages through them in.
CURSOR_INDEXES = {
    **{table: (f"ix_{table}_sync_seq", ["sync_seq"]) for table in CONTENT_TABLES},
    "user_progress": ("ix_user_progress_user_id_sync_seq_id", ["user_id", "sync_seq", "id"]),
    "lesson_playback": (
        "ix_lesson_playback_user_id_sync_seq_lesson_id",
        ["user_id", "sync_seq", "lesson_id"],
    ),
    "assessment_attempts": (
        "ix_assessment_attempts_user_id_sync_seq_id",
        ["user_id", "sync_seq", "id"],
    ),
    "study_time": ("ix_study_time_user_id_sync_seq", ["user_id", "sync_seq"]),
}


def _add_cursor_columns() -> None:
    for table in (*CONTENT_TABLES, *USER_TABLES):
        # A plain ALTER TABLE ... ADD COLUMN on both backends: no table copy on SQLite, so
        # the catalog search triggers of 0005 stay in place.
        op.add_column(table, sa.Column("sync_seq", sa.BigInteger(), nullable=True))
        name, columns = CURSOR_INDEXES[table]
        op.create_index(name, table, columns)


def _progress_policies(*, once: bool) -> list[str]:
    """user_progress's policies of 0004, with each function call evaluated once per
    statement (``(SELECT f())``, an InitPlan) or, for the downgrade, per row as 0004 wrote
    them. Same meaning; a push upserts thousands of rows in one statement, and a per-row
    SECURITY DEFINER call (with its pinned search_path) costs more than the row itself."""

    def call(fn: str) -> str:
        return f"(SELECT public.{fn})" if once else f"public.{fn}"

    me = call("elearn_current_user_id()")
    admin = call("elearn_has_role('admin')")
    support = call("elearn_has_role('support')")
    staff = f"({support} OR {admin})"
    mine = f"user_id = {me} OR {admin}"
    return [
        f"ALTER POLICY own_rows_read ON public.user_progress USING (user_id = {me} OR {staff})",
        f"ALTER POLICY own_rows_insert ON public.user_progress WITH CHECK ({mine})",
        f"ALTER POLICY own_rows_update ON public.user_progress USING ({mine}) WITH CHECK ({mine})",
    ]


def _postgresql() -> None:
    me = "(SELECT public.elearn_current_user_id())"
    staff = (
        "((SELECT public.elearn_has_role('support')) OR (SELECT public.elearn_has_role('admin')))"
    )
    op.execute(HELPER_FUNCTIONS)
    op.execute(APPLY_FUNCTION)
    for fn in FUNCTIONS:
        op.execute(f"REVOKE ALL ON FUNCTION public.{fn} FROM PUBLIC")
    for fn in CALLABLE:
        op.execute(f"GRANT EXECUTE ON FUNCTION public.{fn} TO {GROUPS}")
    for table in CONTENT_TABLES:
        op.execute(
            f"CREATE TRIGGER elearn_sync_stamp BEFORE INSERT OR UPDATE ON public.{table} "
            "FOR EACH ROW EXECUTE FUNCTION public.elearn_sync_stamp()"
        )
    # A person's own rows: a statement that sets sync_seq itself (elearn_apply_ops, with
    # its transaction's id) skips the per-row trigger. Whoever sets it otherwise can only
    # confuse their own devices (row-level security keeps them to their own rows).
    for table in USER_TABLES:
        op.execute(
            f"CREATE TRIGGER elearn_sync_stamp BEFORE INSERT ON public.{table} "
            "FOR EACH ROW WHEN (NEW.sync_seq IS NULL) "
            "EXECUTE FUNCTION public.elearn_sync_stamp()"
        )
        op.execute(
            f"CREATE TRIGGER elearn_sync_stamp_update BEFORE UPDATE ON public.{table} "
            "FOR EACH ROW WHEN (NEW.sync_seq IS NOT DISTINCT FROM OLD.sync_seq) "
            "EXECUTE FUNCTION public.elearn_sync_stamp()"
        )
    for table in CONTENT_TABLES:
        op.execute(
            f"CREATE TRIGGER elearn_sync_tombstone AFTER DELETE ON public.{table} "
            "FOR EACH ROW EXECUTE FUNCTION public.elearn_sync_tombstone()"
        )
    for table in (*NEW_PER_USER_TABLES, "sync_tombstones"):
        op.execute(f"REVOKE ALL ON public.{table} FROM PUBLIC")
        op.execute(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE public.{table} FORCE ROW LEVEL SECURITY")
        op.execute(
            "DO $$ BEGIN EXECUTE format("
            f"'CREATE POLICY schema_owner_all ON public.{table} TO %I USING (true) "
            "WITH CHECK (true)', current_user); END $$"
        )
    for table in NEW_PER_USER_TABLES:
        op.execute(
            f"CREATE POLICY own_rows_read ON public.{table} FOR SELECT TO {GROUPS} "
            f"USING (user_id = {me} OR {staff})"
        )
        op.execute(
            f"CREATE POLICY own_rows_insert ON public.{table} FOR INSERT TO {GROUPS} "
            f"WITH CHECK (user_id = {me})"
        )
        op.execute(
            f"CREATE POLICY own_rows_update ON public.{table} FOR UPDATE TO {GROUPS} "
            f"USING (user_id = {me}) WITH CHECK (user_id = {me})"
        )
    op.execute(
        f"CREATE POLICY content_read ON public.sync_tombstones FOR SELECT TO {GROUPS} "
        f"USING ({me} IS NOT NULL)"
    )
    op.execute(
        "GRANT SELECT, INSERT, UPDATE (name, last_seen_at, last_push_at, last_pull_at) "
        f"ON public.sync_devices TO {GROUPS}"
    )
    op.execute(f"GRANT SELECT, INSERT, UPDATE (status, reason) ON public.processed_ops TO {GROUPS}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON public.study_time_devices TO {GROUPS}")
    op.execute(f"GRANT SELECT ON public.sync_tombstones TO {GROUPS}")
    # Learners read answer options column by column (never is_correct).
    op.execute(f"GRANT SELECT (sync_seq) ON public.answer_options TO {GROUPS}")
    for statement in _progress_policies(once=True):
        op.execute(statement)


def upgrade() -> None:
    _add_cursor_columns()
    _create_tables()
    if op.get_bind().dialect.name == "postgresql":
        _postgresql()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for statement in _progress_policies(once=False):
            op.execute(statement)
        for table in (*CONTENT_TABLES, *USER_TABLES):
            op.execute(f"DROP TRIGGER IF EXISTS elearn_sync_stamp ON public.{table}")
        for table in USER_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS elearn_sync_stamp_update ON public.{table}")
        for table in CONTENT_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS elearn_sync_tombstone ON public.{table}")
        for fn in FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS public.{fn}")
    op.drop_index("ix_sync_tombstones_sync_seq", table_name="sync_tombstones")
    op.drop_table("sync_tombstones")
    op.drop_table("study_time_devices")
    op.drop_table("processed_ops")
    op.drop_index("ix_sync_devices_user_id", table_name="sync_devices")
    op.drop_table("sync_devices")
    for table in reversed((*CONTENT_TABLES, *USER_TABLES)):
        op.drop_index(CURSOR_INDEXES[table][0], table_name=table)
        if dialect == "sqlite":
            # SQLite (3.35+) drops a column in place; a batch copy of the table would lose
            # the catalog search triggers of 0005.
            op.execute(f"ALTER TABLE {table} DROP COLUMN sync_seq")
        else:
            op.drop_column(table, "sync_seq")
