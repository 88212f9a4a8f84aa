"""The registry of the suite's workloads, by their number in issue #8."""

from __future__ import annotations

from tests.benchmarks import w_gui, w_net, w_search, w_sync
from tests.benchmarks.suite import Workload

WORKLOADS: dict[int, Workload] = {
    1: w_gui.workload_1,
    2: w_gui.workload_2,
    3: w_gui.workload_3,
    4: w_search.workload_4,
    5: w_gui.workload_5,
    6: w_sync.workload_6,
    7: w_sync.workload_7,
    8: w_sync.workload_8,
    9: w_gui.workload_9,
    10: w_net.workload_10,
    11: w_net.workload_11,
    12: w_gui.workload_12,
}
