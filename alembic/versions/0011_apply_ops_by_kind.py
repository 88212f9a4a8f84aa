"""A small push runs only the statements of the kinds it carries.

PostgreSQL only; the same function, the same answers. ``elearn_apply_ops`` (0006) ran
every one of its statements for every batch: the unknown-kinds check, and the progress,
playback, study-time and attempt merges — each planned and started (with its row-level
security checks) even when the batch held no op of its kind. For a push of one op that
was a third of the call (~0.15 of ~0.55 ms). Now each statement runs only when the batch
holds its kind (``p_ops ? 'playback'``, a plain expression, no query); without the kind,
the statement would have read an empty list and written nothing, so nothing else changes.
The attempts' list of offline submissions is empty when no attempt ops came.

The function's text is 0006's, with those guards added; the downgrade puts 0006's text
back. ``CREATE OR REPLACE`` keeps the function's owner and grants.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

from collections.abc import Sequence
from types import ModuleType

from alembic import op

from elearn_desktop.data.revision_files import load_sibling

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("progress", "playback", "study_time", "attempt")


def _revision_0006() -> ModuleType:
    """0006's module: its function text and the statements it is made of."""
    return load_sibling(__file__, "0006_sync.py")


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise RuntimeError("revision 0006's elearn_apply_ops is not the one 0011 expects")
    return text.replace(old, new)


def guarded_function(rev_0006: ModuleType) -> str:
    """0006's ``elearn_apply_ops`` with each statement run only for the kinds present."""
    text = rev_0006.APPLY_FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
    unknown_start = "    INSERT INTO public.processed_ops AS po"
    unknown_end = "WHERE k.key NOT IN ('progress', 'playback', 'study_time', 'attempt')\n"
    unknown_end += "    ON CONFLICT (op_id) DO NOTHING;"
    begin = text.index(unknown_start)
    end = text.index(unknown_end, begin) + len(unknown_end)
    known = ", ".join(f"'{kind}'" for kind in KINDS)
    text = (
        text[:begin]
        + f"    IF (p_ops - ARRAY[{known}]) <> '{{}}'::jsonb THEN\n"
        + text[begin:end]
        + "\n    END IF;"
        + text[end:]
    )
    statements = {
        "progress": rev_0006.APPLY_PROGRESS,
        "playback": rev_0006.APPLY_PLAYBACK,
        "study_time": rev_0006.APPLY_STUDY_TIME,
        "attempt": rev_0006.APPLY_ATTEMPTS,
    }
    for kind, statement in statements.items():
        text = _replace_once(
            text, f"{statement};", f"IF p_ops ? '{kind}' THEN\n{statement};\n    END IF;"
        )
    # Without attempt ops ``finals`` is never assigned: the grading loop reads no list.
    return _replace_once(text, "    finals jsonb;", "    finals jsonb := '[]'::jsonb;")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(guarded_function(_revision_0006()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        text = _revision_0006().APPLY_FUNCTION
        op.execute(text.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
