"""The benchmark suite's frame: scales, results, targets, the table and the JSON file.

Every workload is measured together with its raw baseline in the same run (absolute
times on a shared machine are noise; ratios are not). A workload function takes the run's
:class:`Context` and returns one or more :class:`Outcome` rows.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Scale:
    """The sizes a run generates (``full`` = the sizes of issue #8)."""

    name: str
    catalog_courses: int
    course_modules: int
    lessons_per_module: int
    accounts: int
    push_ops: int
    synced_ops: int
    download_mb: int
    repeats: int
    keystroke_phrases: int


SCALES = {
    "small": Scale("small", 300, 10, 10, 300, 300, 600, 2, 3, 2),
    "full": Scale("full", 100_000, 1_000, 100, 100_000, 100_000, 500_000, 200, 5, 6),
}


@dataclass(frozen=True)
class Target:
    """What a workload must reach. ``kind``:

    * ``ratio_max``: ours / baseline ≤ value
    * ``ratio_min``: ours / baseline ≥ value (throughput)
    * ``abs_max``: ours ≤ value (in the row's unit)
    * ``delta_max``: ours − baseline ≤ value (in the row's unit)
    """

    kind: str
    value: float

    def text(self, unit: str) -> str:
        return {
            "ratio_max": f"≤ {self.value:g}×",
            "ratio_min": f"≥ {self.value:g}×",
            "abs_max": f"≤ {self.value:g} {unit}",
            "delta_max": f"≤ +{self.value:g} {unit}",
        }[self.kind]

    def met(self, ours: float, baseline: float | None) -> bool:
        if self.kind == "abs_max":
            return ours <= self.value
        if baseline is None:
            return False
        if self.kind == "delta_max":
            return ours - baseline <= self.value
        ratio = ours / baseline
        return ratio <= self.value if self.kind == "ratio_max" else ratio >= self.value


@dataclass
class Outcome:
    """One row of the table: a workload (or one part of it) against its baseline."""

    number: int
    name: str
    unit: str
    ours: float
    baseline: float | None
    targets: list[Target]
    ours_samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)
    note: str = ""
    #: More of what the run measured, for the JSON file (e.g. workload 1's "ready").
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.ours / self.baseline

    @property
    def passed(self) -> bool:
        """Every target met; a row without targets (shown for information) never fails."""
        return all(t.met(self.ours, self.baseline) for t in self.targets)

    def target_text(self) -> str:
        return " and ".join(t.text(self.unit) for t in self.targets) or "—"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["targets"] = [asdict(t) for t in self.targets]
        data["target"] = self.target_text()
        data["ratio"] = self.ratio
        data["passed"] = self.passed
        return data


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed_ms(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


class Context:
    """What the workloads of one run share: the scale, a scratch folder, PostgreSQL."""

    def __init__(self, scale: Scale, work: Path) -> None:
        self.scale = scale
        self.work = work
        self._stack = ExitStack()
        self._cluster: Any = None
        self._cache: dict[str, Any] = {}

    @property
    def cluster(self) -> Any:
        """The run's own PostgreSQL cluster (started on first use)."""
        if self._cluster is None:
            from tests.support.pgcluster import PostgresCluster

            self._cluster = self._stack.enter_context(PostgresCluster())
        return self._cluster

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` the first time ``key`` is asked for, the same value afterwards."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def folder(self, name: str) -> Path:
        path = self.work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def close(self) -> None:
        self._stack.close()


Workload = Callable[[Context], list[Outcome]]


def machine() -> dict[str, Any]:
    cpu = ""
    with_cpuinfo = Path("/proc/cpuinfo")
    if with_cpuinfo.exists():
        for line in with_cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        first = meminfo.read_text().splitlines()[0].split()
        memory = int(first[1]) * 1024
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def run_workloads(
    workloads: dict[int, Workload],
    scale: Scale,
    only: list[int] | None,
    *,
    progress: Callable[[str], None] = lambda _m: None,
) -> tuple[list[Outcome], dict[int, str]]:
    """Run the chosen workloads; a workload that fails is reported, not fatal."""
    outcomes: list[Outcome] = []
    errors: dict[int, str] = {}
    work = Path(tempfile.mkdtemp(prefix="elearn-bench-"))
    context = Context(scale, work)
    try:
        for number in sorted(workloads):
            if only and number not in only:
                continue
            progress(f"workload {number} …")
            started = time.perf_counter()
            try:
                rows = workloads[number](context)
            except Exception as exc:  # one broken workload must not hide the others
                errors[number] = f"{type(exc).__name__}: {exc}"
                progress(f"workload {number} failed: {errors[number]}")
                continue
            outcomes.extend(rows)
            progress(f"workload {number} done in {time.perf_counter() - started:.1f} s")
    finally:
        context.close()
        shutil.rmtree(work, ignore_errors=True)
    return outcomes, errors


def report_json(scale: Scale, outcomes: list[Outcome], errors: dict[int, str]) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "scale": asdict(scale),
        "machine": machine(),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": [o.as_json() for o in outcomes],
        "errors": {str(k): v for k, v in errors.items()},
        "passed": not errors and all(o.passed for o in outcomes),
    }


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.3g} {unit}"


def print_table(outcomes: list[Outcome], errors: dict[int, str], scale: Scale) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"elearn-desktop benchmarks (scale {scale.name})")
    for column in ("#", "workload", "ours (median)", "baseline (median)", "ratio", "target"):
        table.add_column(column, justify="right" if column != "workload" else "left")
    table.add_column("result")
    for o in outcomes:
        ratio = f"{o.ratio:.2f}×" if o.ratio is not None else "—"
        verdict = "[green]pass[/green]" if o.passed else "[red]FAIL[/red]"
        if not o.targets:
            verdict = "—"  # shown for information
        table.add_row(
            str(o.number),
            o.name + (f"\n[dim]{o.note}[/dim]" if o.note else ""),
            _fmt(o.ours, o.unit),
            _fmt(o.baseline, o.unit),
            ratio,
            o.target_text(),
            verdict,
        )
    for number, message in sorted(errors.items()):
        table.add_row(
            str(number), f"[red]error: {message}[/red]", "", "", "", "", "[red]ERROR[/red]"
        )
    Console(width=160).print(table)


def iter_lines(stream: Any) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")


def python() -> str:
    return sys.executable
