"""Workloads 10 and 11: a download from a loopback server, and GUI-thread stalls.

The file server (``tests.support.http_server``, Range support) runs in this process; the
app's downloader and ``curl`` each run in their own process, so both meet the same server.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

from sqlalchemy import insert

from elearn_desktop.sync.cache import open_cache
from elearn_desktop.sync.cache_models import cache_table
from tests.benchmarks import w_gui
from tests.benchmarks.suite import Context, Outcome, Target, median
from tests.benchmarks.w_sync import CHEAP_HASH, progress_rows
from tests.support.http_server import LoopbackFileServer
from tests.sync.conftest import make_world

MB = 1024 * 1024


def _payload(ctx: Context) -> tuple[Path, str]:
    def make() -> tuple[Path, str]:
        path = ctx.folder("download") / "video.bin"
        digest = hashlib.sha256()
        block = os.urandom(MB)
        with path.open("wb") as out:
            for n in range(ctx.scale.download_mb):
                chunk = hashlib.sha256(n.to_bytes(8, "big")).digest() + block[32:]
                out.write(chunk)
                digest.update(chunk)
        return path, digest.hexdigest()

    result: tuple[Path, str] = ctx.once("download-payload", make)
    return result


def _curl_s(url: str, dest: Path) -> float:
    curl = shutil.which("curl")
    if curl is None:
        raise RuntimeError("curl is not installed (scripts/install-system-deps.sh installs it)")
    started = time.perf_counter()
    subprocess.run([curl, "-sS", "--fail", "-o", str(dest), url], check=True, timeout=600)
    return time.perf_counter() - started


def workload_10(ctx: Context) -> list[Outcome]:
    path, sha = _payload(ctx)
    size = path.stat().st_size
    dest = ctx.folder("download") / "out.bin"
    ours, base = [], []
    with LoopbackFileServer() as server:
        server.add("/video.bin", path)
        url = server.url("/video.bin")
        args = {"url": url, "dest": str(dest), "size": size, "sha256": sha}
        _curl_s(url, dest)  # warm the page cache
        for _ in range(ctx.scale.repeats):
            dest.unlink(missing_ok=True)
            base.append(size / MB / _curl_s(url, dest))
            dest.unlink()
            ours.append(size / MB / w_gui.run_probe(ctx, "download", args)["s"])
        # Resume: the connection is cut at 50 %; how much is fetched twice?
        dest.unlink(missing_ok=True)
        server.add("/cut.bin", path, cut_at=[size // 2])
        args = {"url": server.url("/cut.bin"), "dest": str(dest), "size": size, "sha256": sha}
        w_gui.run_probe(ctx, "download", args)
        ranges = [r.range for r in server.requests("/cut.bin") if r.method == "GET"]
        if dest.stat().st_size != size or len(ranges) < 2 or ranges[1] is None:
            raise RuntimeError(f"the download did not resume with a Range request: {ranges}")
        resumed_at = int(ranges[1].removeprefix("bytes=").split("-")[0])
        refetched_kb = max(0, size // 2 - resumed_at) / 1024
    return [
        Outcome(
            10,
            f"download {size // MB} MB from a loopback server: throughput",
            "MB/s",
            median(ours),
            median(base),
            [Target("ratio_min", 0.8)],
            ours,
            base,
            note="baseline: curl of the same file",
        ),
        Outcome(
            10,
            "… resumed after a cut at 50 %: bytes fetched twice",
            "KB",
            refetched_kb,
            None,
            [Target("abs_max", 64)],
            [refetched_kb],
            [],
            note=f"resumed with Range {ranges[1]} (one chunk = 64 KB)",
        ),
    ]


def workload_11(ctx: Context) -> list[Outcome]:
    """The GUI thread's worst lateness (a 5 ms QTimer) while a push / a download runs."""
    rows: list[Outcome] = []
    ops = ctx.scale.push_ops
    with CHEAP_HASH, make_world(ctx.cluster, ctx.folder("stall-push")) as world:
        learner = world.learner
        session = world.sign_in()
        key = os.urandom(32)
        cache_dir = ctx.folder("stall-push") / "device"
        cache = open_cache(cache_dir, key)
        cache.set_owner(session.user)
        with cache.engine.begin() as conn:
            conn.execute(insert(cache_table("user_progress")), progress_rows(learner.id, ops, 11))
        cache.close()
        profile = world.profile
        args = {
            "profile": {
                "name": profile.name,
                "kind": profile.kind,
                "host": profile.host,
                "port": profile.port,
                "database": profile.database,
                "sslmode": profile.sslmode,
            },
            "email": learner.email,
            "password": learner.password,
            "cache_dir": str(cache_dir),
            "key": key.hex(),
        }
        push = w_gui.run_probe(ctx, "stall_push", args)
    rows.append(
        Outcome(
            11,
            f"GUI-thread stall while pushing {ops:,} ops (workload 6)",
            "ms",
            push["max_lag_ms"],
            None,
            [Target("abs_max", 50)],
            [push["max_lag_ms"]],
            [],
            note=f"max lateness of a 5 ms QTimer; {push['ticks']:,} ticks, {push['work_s']:.1f} s",
        )
    )
    path, _sha = _payload(ctx)
    with LoopbackFileServer() as server:
        server.add("/video.bin", path)
        dest = ctx.folder("stall-download") / f"{uuid.uuid4().hex}.bin"
        got = w_gui.run_probe(
            ctx, "stall_download", {"url": server.url("/video.bin"), "dest": str(dest)}
        )
    rows.append(
        Outcome(
            11,
            f"GUI-thread stall while downloading {ctx.scale.download_mb} MB (workload 10)",
            "ms",
            got["max_lag_ms"],
            None,
            [Target("abs_max", 50)],
            [got["max_lag_ms"]],
            [],
            note=f"max lateness of a 5 ms QTimer; {got['ticks']:,} ticks, {got['work_s']:.1f} s",
        )
    )
    return rows
