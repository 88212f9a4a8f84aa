"""Benchmark (not part of the default run): account search on 100k generated accounts.

    .venv/bin/python -m pytest tests/benchmarks/test_account_search.py -s

(tests/benchmarks is left out of the default run; naming the file runs it.)

Measures, as the support person's own PostgreSQL login (row-level security on) and on the
embedded SQLite database: the id search (revision 0007's function; and, for comparison,
the same query through RLS), a page of rows, and filtered searches. It prints timings; it
asserts correctness only (the tests' oracle checks the order on 20k accounts).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from elearn_desktop.services import account_search
from elearn_desktop.services.account_search import AccountQuery, account_rows, search_accounts
from tests.integration.test_support import (  # noqa: F401  (fixtures)
    FREE,
    PRO,
    Console,
    _cheap_argon2,
    _load_generated,
    console,
)

pytestmark = pytest.mark.benchmark
ACCOUNTS = 100_000


def _timed(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def test_account_search_on_100k(
    console: Console,  # noqa: F811  (the fixture imported above)
    migrated_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _load_generated(console, migrated_engine, ACCOUNTS)
    who, uow = console.support_user, console.support
    queries = {
        "everyone by email": AccountQuery(),
        "everyone by created, newest first": AccountQuery(sort="created", descending=True),
        "text 'lovelace'": AccountQuery("lovelace"),
        "two words 'ada tur'": AccountQuery("ada tur"),
        "inactive on Pro": AccountQuery(active=False, plan_id=PRO),
        "Free, cancelled": AccountQuery(plan_id=FREE, subscription_status="cancelled"),
    }
    print(f"\n{console.backend}: {ACCOUNTS:,} accounts, as {who.email}")
    for label, query in queries.items():
        seconds, found = _timed(lambda q=query: search_accounts(uow, q, actor=who))
        print(f"  search {label:<36} {len(found):>7,} ids  {seconds * 1000:8.1f} ms")
    found = search_accounts(uow, AccountQuery(), actor=who)
    seconds, rows = _timed(lambda: account_rows(uow, found.slice(50_000, 50_100), actor=who))
    assert len(rows) == 100
    print(f"  a page of 100 rows from the middle {seconds * 1000:27.1f} ms")
    if console.postgres:
        monkeypatch.setattr(account_search, "_has_search_function", lambda _s: False)
        seconds, through_rls = _timed(
            lambda: search_accounts(uow, AccountQuery(), actor=who), repeat=3
        )
        assert through_rls.packed == found.packed
        print(f"  (the same search through RLS, without 0007: {seconds * 1000:.1f} ms)")
