"""The registry of the suite's workloads, by their number in issue #8."""

from __future__ import annotations

from tests.benchmarks import w_search, w_sync
from tests.benchmarks.suite import Workload

WORKLOADS: dict[int, Workload] = {
    4: w_search.workload_4,
    6: w_sync.workload_6,
    7: w_sync.workload_7,
    8: w_sync.workload_8,
}
