"""``python -m tests.benchmarks --scale small|full [--only 4,6] [--json out.json]``

Starts its own PostgreSQL, generates its data at the scale, runs every workload (several
times, each with its raw baseline in the same run), prints one table and writes the same
as JSON. Exit status: 0 when every target is met, 1 when one is missed, 2 when a workload
could not run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.benchmarks.suite import SCALES, print_table, report_json, run_workloads
from tests.benchmarks.workloads import WORKLOADS


def _numbers(text: str) -> list[int]:
    try:
        numbers = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        message = f"--only takes workload numbers like 4,6 (not {text!r})"
        raise argparse.ArgumentTypeError(message) from None
    unknown = sorted(set(numbers) - set(WORKLOADS))
    if unknown:
        raise argparse.ArgumentTypeError(
            f"no workload {', '.join(map(str, unknown))} (there are 1–{max(WORKLOADS)})"
        )
    return numbers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--only", type=_numbers, default=None, help="e.g. 4,6")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]

    def progress(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    outcomes, errors = run_workloads(WORKLOADS, scale, args.only, progress=progress)
    print_table(outcomes, errors, scale)
    report = report_json(scale, outcomes, errors)
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    if errors:
        return 2
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
