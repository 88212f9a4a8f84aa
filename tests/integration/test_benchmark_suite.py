"""The benchmark suite's own check: ``python -m tests.benchmarks --scale small`` runs every
workload and writes a well-formed table and JSON file (no timing is asserted here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.suite import SCALES, Outcome, Target
from tests.benchmarks.workloads import WORKLOADS

pytestmark = [pytest.mark.postgres, pytest.mark.gui]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def small_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench") / "small.json"
    env = {
        k: v for k, v in os.environ.items() if k not in ("ELEARN_DATABASE_URL", "ELEARN_DATA_DIR")
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks", "--scale", "small", "--json", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
        check=False,
    )
    assert done.returncode in (0, 1), (
        f"a workload could not run:\n{done.stdout}\n{done.stderr[-3000:]}"
    )
    return done, json.loads(out.read_text())


def test_every_workload_is_measured_with_its_baseline(
    small_run: tuple[subprocess.CompletedProcess[str], dict[str, Any]],
) -> None:
    done, report = small_run
    assert report["schema"] == 1
    assert report["scale"]["name"] == "small"
    assert report["errors"] == {}
    assert report["machine"]["cores"] >= 1
    results = report["results"]
    assert sorted({r["number"] for r in results}) == sorted(WORKLOADS) == list(range(1, 13))
    for r in results:
        where = f"workload {r['number']} ({r['name']})"
        assert r["unit"] in ("ms", "s", "MB", "MB/s", "KB"), where
        assert r["ours"] >= 0, where
        assert r["ours_samples"], where
        assert r["ours"] == pytest.approx(_median_or_p95(r)), where
        if r["baseline"] is not None:
            assert r["baseline"] > 0, where
            assert r["baseline_samples"], where
            assert r["ratio"] == pytest.approx(r["ours"] / r["baseline"]), where
        if r["targets"]:
            assert r["target"] not in ("", "—"), where
        else:  # shown for information: no target, never a failure
            assert (r["target"], r["passed"]) == ("—", True), where
        targets = [Target(t["kind"], t["value"]) for t in r["targets"]]
        assert r["passed"] == all(t.met(r["ours"], r["baseline"]) for t in targets), where
    # Both backends of the search; the exit status says whether every target was met.
    assert sum(1 for r in results if r["number"] == 4) == 2
    # Start-up: first paint of the window (the target), and signed-in content.
    first_paint, ready = (r for r in results if r["number"] == 1)
    assert first_paint["targets"]
    assert ready["targets"] == []
    assert ready["ours"] >= first_paint["ours"]
    assert first_paint["extra"]["ready_samples"] == ready["ours_samples"]
    assert done.returncode == (0 if report["passed"] else 1)


def _median_or_p95(row: dict[str, Any]) -> float:
    from tests.benchmarks.suite import median, p95

    samples = row["ours_samples"]
    return p95(samples) if "p95" in row["name"] else median(samples)


def test_the_table_names_every_workload_and_its_verdict(
    small_run: tuple[subprocess.CompletedProcess[str], dict[str, Any]],
) -> None:
    done, report = small_run
    table = done.stdout
    assert "scale small" in table
    for r in report["results"]:
        assert r["name"][:40] in table
    verdicts = table.count("pass") + table.count("FAIL")
    assert verdicts >= sum(1 for r in report["results"] if r["targets"])


def test_outcome_targets_and_ratios() -> None:
    ratio = Outcome(1, "x", "ms", 130.0, 100.0, [Target("ratio_max", 1.3)])
    assert ratio.ratio == pytest.approx(1.3)
    assert ratio.passed
    assert not Outcome(1, "x", "ms", 131.0, 100.0, [Target("ratio_max", 1.3)]).passed
    both = [Target("abs_max", 50), Target("ratio_max", 3)]
    assert not Outcome(4, "x", "ms", 40.0, 10.0, both).passed  # fast, but 4× the baseline
    assert Outcome(4, "x", "ms", 29.0, 10.0, both).passed
    assert Outcome(10, "x", "MB/s", 80.0, 100.0, [Target("ratio_min", 0.8)]).passed
    assert not Outcome(10, "x", "MB/s", 79.0, 100.0, [Target("ratio_min", 0.8)]).passed
    assert Outcome(12, "x", "MB", 350.0, 60.0, [Target("delta_max", 300)]).passed
    assert not Outcome(12, "x", "MB", 361.0, 60.0, [Target("delta_max", 300)]).passed
    assert not Outcome(7, "x", "ms", 1.0, None, [Target("ratio_max", 3)]).passed
    assert Outcome(7, "x", "ms", 1.0, None, [Target("ratio_max", 3)]).target_text() == "≤ 3×"
    info = Outcome(1, "x", "ms", 900.0, 90.0, [])  # no target: shown, never failed
    assert (info.target_text(), info.passed, info.ratio) == ("—", True, 10.0)


def test_unknown_workload_is_refused_in_words() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks", "--only", "4,99"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "no workload 99 (there are 1–12)" in done.stderr
    assert "Traceback" not in done.stderr
    assert SCALES["small"].catalog_courses < SCALES["full"].catalog_courses
