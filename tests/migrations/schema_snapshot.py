"""Snapshots of a database schema, to compare two databases or two revisions.

``pg_*`` helpers read PostgreSQL's own catalogs (information_schema and pg_catalog), so
they see exactly what the server created. ``portable_snapshot`` uses SQLAlchemy's
inspector and works on SQLite too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

SEED_DDL = Path(__file__).with_name("seed_ddl.sql")


def apply_seed_ddl(engine: Engine) -> None:
    """Create the 14 seed tables the way the web platform does: its DDL, verbatim."""
    with engine.begin() as conn:
        conn.exec_driver_sql(SEED_DDL.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------- PostgreSQL


def pg_tables(conn: Connection) -> set[str]:
    rows = conn.execute(
        sa.text(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
    )
    return {r[0] for r in rows}


def pg_columns(conn: Connection) -> dict[tuple[str, str], dict[str, Any]]:
    """(table, column) -> the column's type, length, precision, nullability and default."""
    rows = conn.execute(
        sa.text(
            "SELECT table_name, column_name, ordinal_position, data_type, udt_name,"
            " character_maximum_length, numeric_precision, numeric_scale,"
            " datetime_precision, is_nullable, column_default"
            " FROM information_schema.columns WHERE table_schema = 'public'"
        )
    ).mappings()
    return {
        (r["table_name"], r["column_name"]): {
            k: v for k, v in r.items() if k not in ("table_name", "column_name")
        }
        for r in rows
    }


def pg_constraints(conn: Connection) -> dict[tuple[str, str], tuple[str, str]]:
    """(table, constraint name) -> (type letter, pg_get_constraintdef)."""
    rows = conn.execute(
        sa.text(
            "SELECT t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid)"
            " FROM pg_constraint c"
            " JOIN pg_class t ON t.oid = c.conrelid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace"
            " WHERE n.nspname = 'public'"
        )
    )
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def pg_indexes(conn: Connection) -> dict[tuple[str, str], str]:
    """(table, index name) -> CREATE INDEX statement (pg_indexes.indexdef)."""
    rows = conn.execute(
        sa.text("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
    )
    return {(r[0], r[1]): r[2] for r in rows}


def pg_index_columns(conn: Connection) -> dict[str, tuple[str, tuple[str, ...]]]:
    """index name -> (table, key columns in order)."""
    rows = conn.execute(
        sa.text(
            "SELECT i.relname, t.relname,"
            " array_agg(a.attname::text ORDER BY k.ord)"
            " FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid"
            " JOIN pg_class t ON t.oid = x.indrelid"
            " JOIN pg_namespace n ON n.oid = t.relnamespace"
            " CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)"
            " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
            " WHERE n.nspname = 'public'"
            " GROUP BY i.relname, t.relname"
        )
    )
    return {r[0]: (r[1], tuple(r[2])) for r in rows}


def pg_relations(conn: Connection) -> set[str]:
    """Every relation (table, index, sequence, view) in the public schema."""
    rows = conn.execute(
        sa.text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public'"
        )
    )
    return {r[0] for r in rows}


def pg_snapshot(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return {
            "tables": pg_tables(conn),
            "columns": pg_columns(conn),
            "constraints": pg_constraints(conn),
            "indexes": pg_indexes(conn),
        }


# ------------------------------------------------------------------------------ portable


def portable_snapshot(engine: Engine) -> dict[str, dict[str, Any]]:
    """table -> columns, primary key, foreign keys, unique/check constraints, indexes.

    Alembic's own bookkeeping table is left out.
    """
    with engine.connect() as conn:
        insp = sa.inspect(conn)
        snapshot: dict[str, dict[str, Any]] = {}
        for table in insp.get_table_names():
            if table == "alembic_version":
                continue
            columns = {
                c["name"]: (
                    # Untyped columns (SQLite's FTS5 virtual table) have no DDL type.
                    ""
                    if isinstance(c["type"], sa.types.NullType)
                    else c["type"].compile(dialect=engine.dialect),
                    c["nullable"],
                    _norm_default(c.get("default")),
                )
                for c in insp.get_columns(table)
            }
            fks = sorted(
                (
                    fk.get("name"),
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    (fk.get("options") or {}).get("ondelete"),
                )
                for fk in insp.get_foreign_keys(table)
            )
            snapshot[table] = {
                "columns": columns,
                "pk": tuple(insp.get_pk_constraint(table)["constrained_columns"]),
                "fks": fks,
                "uniques": sorted(
                    (u.get("name"), tuple(u["column_names"]))
                    for u in insp.get_unique_constraints(table)
                ),
                "checks": sorted(
                    (c.get("name"), _norm_sql(c["sqltext"]))
                    for c in insp.get_check_constraints(table)
                ),
                "indexes": sorted(
                    (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                    for i in insp.get_indexes(table)
                    # PostgreSQL reports the indexes behind UNIQUE constraints too.
                    if not i.get("duplicates_constraint")
                ),
            }
        return snapshot


def _norm_default(default: str | None) -> str | None:
    return None if default is None else _norm_sql(default)


def _norm_sql(text: str) -> str:
    return " ".join(str(text).split()).strip("()").lower()
