"""Downloads against a real HTTP server on loopback: cuts, restarts, servers without Range,
corruption, plain per-file errors, the queue (workers, pause/resume/cancel, restart, disk
space), the cache budget's LRU eviction, and `elearn download` on the embedded demo."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elearn_desktop import cli
from elearn_desktop.config import RESOURCES_DIR
from elearn_desktop.sync.downloads import (
    CacheBudget,
    Downloader,
    DownloadError,
    DownloadItem,
    DownloadQueue,
    DownloadRequest,
    DownloadState,
    NotEnoughSpaceError,
    QueueEvent,
)
from tests.support.downloads import payload, quick_downloader, sha256_hex
from tests.support.http_server import LoopbackFileServer

SIZE = 256 * 1024


def _payload(seed: int, size: int = SIZE) -> bytes:
    return payload(seed, size)


_sha = sha256_hex
_fast = quick_downloader


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackFileServer]:
    with LoopbackFileServer() as running:
        yield running


@pytest.fixture
def downloader() -> Iterator[Downloader]:
    with _fast() as d:
        yield d


_paths = iter(range(1_000_000))


def _serve(server: LoopbackFileServer, data: bytes, **behaviour: Any) -> tuple[str, str]:
    """Serve ``data`` at a fresh path; returns (path, url)."""
    path = f"/f{next(_paths)}.bin"
    server.add(path, data, **behaviour)
    return path, server.url(path)


def _no_leftovers(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith((".part", ".part.json"))]


# ------------------------------------------------------------------------- one file


def test_download_is_verified_and_leaves_only_the_file(
    server: LoopbackFileServer, downloader: Downloader, tmp_path: Path
) -> None:
    data = _payload(1)
    _, url = _serve(server, data)
    seen: list[int] = []
    result = downloader.fetch(
        DownloadRequest(url, tmp_path / "v.mp4", title="Loops", sha256=_sha(data).upper()),
        on_progress=lambda p: seen.append(p.done),
    )
    assert result.sha256 == _sha(data)
    assert (tmp_path / "v.mp4").read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.mp4"]
    assert seen[-1] == len(data)
    assert seen == sorted(seen)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    cuts=st.lists(
        st.integers(min_value=1, max_value=SIZE - 1), min_size=1, max_size=4, unique=True
    ),
    restart=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_cut_at_random_offsets_then_resume_gives_the_right_sha256(
    server: LoopbackFileServer, cuts: list[int], restart: bool, seed: int
) -> None:
    data = _payload(seed)
    path, url = _serve(server, data, cut_at=sorted(cuts))
    with tempfile.TemporaryDirectory() as tmp:
        request = DownloadRequest(url, Path(tmp) / "v.mp4", sha256=_sha(data))
        if restart:
            # The "process" dies at each cut: a new Downloader continues from the .part.
            for cut in sorted(cuts):
                with _fast(max_retries=0) as first, pytest.raises(DownloadError):
                    first.fetch(request)
                assert (Path(tmp) / "v.mp4.part").stat().st_size == cut
            with _fast() as last:
                result = last.fetch(request)
            assert result.resumed_from == max(cuts)
        else:
            with _fast() as d:
                result = d.fetch(request)
        assert result.sha256 == _sha(data)
        assert (Path(tmp) / "v.mp4").read_bytes() == data
        assert _no_leftovers(Path(tmp))
    ranges = [r.range for r in server.requests(path)]
    assert ranges == [None] + [f"bytes={c}-" for c in sorted(cuts)]
    assert {r.status for r in server.requests(path)[1:]} <= {206}


def test_a_server_without_range_support_restarts_cleanly(
    server: LoopbackFileServer, downloader: Downloader, tmp_path: Path
) -> None:
    data = _payload(2)
    path, url = _serve(server, data, range_support=False, cut_at=[SIZE // 3])
    result = downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data)))
    assert result.sha256 == _sha(data)
    assert result.restarts == 1
    assert (tmp_path / "v.mp4").read_bytes() == data
    requests = server.requests(path)
    assert [(r.range, r.status) for r in requests] == [(None, 200), (f"bytes={SIZE // 3}-", 200)]


def test_a_partial_file_from_before_a_restart_and_a_server_without_range(
    server: LoopbackFileServer, tmp_path: Path
) -> None:
    data = _payload(3)
    path, url = _serve(server, data, cut_at=[1000])
    request = DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data))
    with _fast(max_retries=0) as first, pytest.raises(DownloadError):
        first.fetch(request)
    server.file(path).range_support = False  # the server was replaced meanwhile
    with _fast() as second:
        result = second.fetch(request)
    assert result.sha256 == _sha(data)
    assert (tmp_path / "v.mp4").read_bytes() == data


def test_a_file_changed_on_the_server_is_not_spliced(
    server: LoopbackFileServer, tmp_path: Path
) -> None:
    old, new = _payload(4), _payload(5)
    path, url = _serve(server, old, cut_at=[SIZE // 2])
    request = DownloadRequest(url, tmp_path / "v.mp4")
    with _fast(max_retries=0) as first, pytest.raises(DownloadError):
        first.fetch(request)
    server.add(path, new)  # new content, new ETag: If-Range makes the server send it all
    with _fast() as second:
        second.fetch(request)
    assert (tmp_path / "v.mp4").read_bytes() == new
    assert server.requests(path)[-1].status == 200


def test_a_corrupt_transfer_is_detected_and_fetched_again(
    server: LoopbackFileServer, downloader: Downloader, tmp_path: Path
) -> None:
    data = _payload(6)
    path, url = _serve(server, data, corrupt=(5000, 5100), corrupt_times=1)
    result = downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data)))
    assert result.sha256 == _sha(data)
    assert result.restarts == 1
    assert len(server.requests(path)) == 2


def test_a_transfer_corrupt_twice_is_an_error_in_words(
    server: LoopbackFileServer, downloader: Downloader, tmp_path: Path
) -> None:
    data = _payload(7)
    _, url = _serve(server, data, corrupt=(0, 10), corrupt_times=5)
    with pytest.raises(DownloadError) as caught:
        downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", title="Loops", sha256=_sha(data)))
    assert str(caught.value).startswith("The video 'Loops' arrived damaged twice")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "The video 'Loops' is not on the server any more (404)."),
        (410, "The video 'Loops' is not on the server any more (410)."),
        (
            403,
            "The server refused to send the video 'Loops' (403): you may not have access "
            "to it any more.",
        ),
    ],
)
def test_missing_or_forbidden_files_fail_at_once_in_words(
    server: LoopbackFileServer,
    downloader: Downloader,
    tmp_path: Path,
    status: int,
    message: str,
) -> None:
    path, url = _serve(server, b"x", status=status)
    with pytest.raises(DownloadError) as caught:
        downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", title="Loops"))
    assert str(caught.value) == message
    assert caught.value.status == status
    assert len(server.requests(path)) == 1  # never retried
    assert list(tmp_path.iterdir()) == []


def test_a_stalled_server_times_out_in_words_after_bounded_retries(
    server: LoopbackFileServer, tmp_path: Path
) -> None:
    path, url = _serve(server, _payload(8), stall_at=0)
    started = time.monotonic()
    with _fast(timeout=0.3, max_retries=2) as d, pytest.raises(DownloadError) as caught:
        d.fetch(DownloadRequest(url, tmp_path / "v.mp4", title="Loops"))
    assert str(caught.value) == (
        "The video 'Loops' could not be downloaded after 3 tries: "
        "the server stopped answering (timed out)."
    )
    assert len(server.requests(path)) == 3
    assert time.monotonic() - started < 5


def test_server_errors_are_retried_with_backoff(
    server: LoopbackFileServer, downloader: Downloader, tmp_path: Path
) -> None:
    data = _payload(9)
    path, url = _serve(server, data, fail_with=[503, 500])
    result = downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data)))
    assert result.sha256 == _sha(data)
    assert [r.status for r in server.requests(path)] == [503, 500, 200]


def test_an_unreachable_server_is_an_error_in_words(tmp_path: Path) -> None:
    with _fast(max_retries=1) as d, pytest.raises(DownloadError) as caught:
        d.fetch(DownloadRequest("http://127.0.0.1:1/v.mp4", tmp_path / "v.mp4", title="Loops"))
    assert str(caught.value) == (
        "The video 'Loops' could not be downloaded after 2 tries: the server cannot be reached."
    )


def test_local_demo_files_are_copied_with_progress_and_verification(
    downloader: Downloader, tmp_path: Path
) -> None:
    source = RESOURCES_DIR / "media" / "sql-basics.mp4"
    data = source.read_bytes()
    seen: list[int] = []
    result = downloader.fetch(
        DownloadRequest(str(source), tmp_path / "v.mp4", sha256=_sha(data)),
        on_progress=lambda p: seen.append(p.done),
    )
    assert result.size == len(data)
    assert (tmp_path / "v.mp4").read_bytes() == data
    assert seen[-1] == len(data)
    with pytest.raises(DownloadError) as caught:
        downloader.fetch(DownloadRequest(str(tmp_path / "gone.mp4"), tmp_path / "w.mp4", title="X"))
    assert str(caught.value).startswith("The video file for 'X' is not on this computer any more")


def test_an_existing_matching_file_is_kept(
    server: LoopbackFileServer, downloader: Downloader, tmp_path: Path
) -> None:
    data = _payload(10)
    path, url = _serve(server, data)
    request = DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data))
    downloader.fetch(request)
    again = downloader.fetch(request)
    assert again.skipped
    assert len(server.requests(path)) == 1


def test_stop_keeps_the_partial_file_and_interrupt_wakes_a_stalled_transfer(
    server: LoopbackFileServer, tmp_path: Path
) -> None:
    data = _payload(11)
    _, url = _serve(server, data, stall_at=SIZE // 2)
    stop = threading.Event()
    errors: list[BaseException] = []
    request = DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data))
    with _fast(timeout=60) as d:

        def run() -> None:
            try:
                d.fetch(request, stop=stop)
            except BaseException as exc:
                errors.append(exc)

        worker = threading.Thread(target=run)
        worker.start()
        _wait_for(lambda: (tmp_path / "v.mp4.part").exists() and _part(tmp_path) == SIZE // 2)
        started = time.monotonic()
        d.interrupt(stop)
        worker.join(5)
        assert not worker.is_alive()
        assert time.monotonic() - started < 2  # not the 60 s read timeout
    assert [type(e).__name__ for e in errors] == ["DownloadStopped"]
    assert _part(tmp_path) == SIZE // 2


def _part(folder: Path) -> int:
    try:
        return (folder / "v.mp4.part").stat().st_size
    except FileNotFoundError:
        return -1


def _wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


# ---------------------------------------------------------------------------- queue


@pytest.fixture
def make_queue(tmp_path: Path) -> Iterator[Callable[..., DownloadQueue]]:
    queues: list[DownloadQueue] = []

    def factory(**options: Any) -> DownloadQueue:
        options.setdefault("downloader", _fast())
        queue = DownloadQueue(tmp_path / "queue", **options)
        queues.append(queue)
        return queue

    yield factory
    for queue in queues:
        assert queue.shutdown(timeout=10)
        queue.downloader.close()


def test_one_failing_file_never_blocks_the_others(
    server: LoopbackFileServer, make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    good = [_payload(20 + i) for i in range(3)]
    _, missing = _serve(server, b"", status=404)
    _, stalled = _serve(server, _payload(30), stall_at=0)
    _, forbidden = _serve(server, b"", status=403)
    queue = make_queue(workers=2, downloader=_fast(timeout=0.3, max_retries=1))
    requests = [DownloadRequest(missing, tmp_path / "out" / "missing.mp4", title="Missing")]
    requests += [DownloadRequest(stalled, tmp_path / "out" / "stalled.mp4", title="Stalled")]
    requests += [DownloadRequest(forbidden, tmp_path / "out" / "forbidden.mp4", title="No")]
    for i, data in enumerate(good):
        _, url = _serve(server, data)
        requests.append(DownloadRequest(url, tmp_path / "out" / f"{i}.mp4", sha256=_sha(data)))
    queue.add_many(requests, course_id="c1", course_title="Course", probe_sizes=False)
    assert queue.wait_idle(20)
    states = {item.title: (item.state, item.message) for item in queue.items()}
    assert states["Missing"] == (
        DownloadState.FAILED,
        "The video 'Missing' is not on the server any more (404).",
    )
    assert states["Stalled"][0] is DownloadState.FAILED
    assert "the server stopped answering (timed out)" in states["Stalled"][1]
    assert states["No"][0] is DownloadState.FAILED
    for i, data in enumerate(good):
        assert states[f"{i}.mp4"] == (DownloadState.DONE, "")
        assert (tmp_path / "out" / f"{i}.mp4").read_bytes() == data


def test_pause_resume_and_cancel(
    server: LoopbackFileServer, make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    data = _payload(40, 2 * 1024 * 1024)
    path, url = _serve(server, data, rate=4 * 1024 * 1024)
    queue = make_queue()
    events: list[QueueEvent] = []
    queue.subscribe(events.append)
    dest = tmp_path / "out" / "v.mp4"
    item_id = queue.add(DownloadRequest(url, dest, sha256=_sha(data)))
    _wait_for(lambda: queue.item(item_id).done > 100_000)
    queue.pause(item_id)
    assert queue.item(item_id).state is DownloadState.PAUSED
    assert queue.wait_idle(5)
    paused_at = queue.item(item_id).done
    assert 0 < paused_at < len(data)
    assert dest.with_name("v.mp4.part").stat().st_size == paused_at
    time.sleep(0.2)
    assert queue.item(item_id).done == paused_at  # really stopped
    queue.resume(item_id)
    assert queue.wait_idle(20)
    assert queue.item(item_id).state is DownloadState.DONE
    assert dest.read_bytes() == data
    assert server.requests(path)[-1].range == f"bytes={paused_at}-"
    assert {e.kind for e in events} == {"added", "changed"}

    _, url2 = _serve(server, data, rate=4 * 1024 * 1024)
    other = tmp_path / "out" / "w.mp4"
    second = queue.add(DownloadRequest(url2, other))
    _wait_for(lambda: queue.item(second).done > 100_000)
    queue.cancel(second)
    assert queue.wait_idle(5)
    assert queue.item(second).state is DownloadState.CANCELLED
    assert not other.exists()
    assert _no_leftovers(tmp_path / "out")


def test_pause_all_resume_all_and_totals(
    server: LoopbackFileServer, make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    data = _payload(41, 1024 * 1024)
    queue = make_queue(workers=2)
    ids = []
    for i in range(3):
        _, url = _serve(server, data, rate=2 * 1024 * 1024)
        ids += queue.add_many([DownloadRequest(url, tmp_path / "out" / f"{i}.mp4")])
    totals = queue.totals()
    assert totals.waiting == 3
    assert totals.total_bytes == 3 * len(data)  # sizes probed with HEAD
    _wait_for(lambda: queue.totals().done_bytes > 0)
    queue.pause_all()
    assert queue.wait_idle(5)
    assert queue.totals().paused == 3
    assert queue.totals().waiting == 0
    queue.resume_all()
    assert queue.wait_idle(20)
    totals = queue.totals()
    assert totals.fraction is None or totals.fraction == 1.0
    assert all(item.state is DownloadState.DONE for item in queue.items())
    assert queue.space_used() == 3 * len(data)


def test_a_new_queue_over_the_same_folder_resumes_after_a_restart(
    server: LoopbackFileServer, make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    data = _payload(42, 512 * 1024)
    cut = 200_000
    path, url = _serve(server, data, stall_at=cut)
    first = make_queue(downloader=_fast(timeout=60))
    dest = tmp_path / "out" / "v.mp4"
    item_id = first.add(
        DownloadRequest(url, dest, title="Loops", sha256=_sha(data)),
        course_id="c1",
        course_title="Python",
    )
    _wait_for(lambda: first.item(item_id).done == cut)
    assert first.shutdown(timeout=5)  # the app quits (the stalled read is interrupted)
    stored = json.loads((tmp_path / "queue" / "queue.json").read_text())
    assert stored["items"][0]["state"] == "queued"
    server.file(path).release.set()

    second = make_queue()  # the app starts again
    assert second.wait_idle(20)
    (item,) = second.items()
    assert (item.id, item.state, item.course_title) == (item_id, DownloadState.DONE, "Python")
    assert dest.read_bytes() == data
    assert server.requests(path)[-1].range == f"bytes={cut}-"


def test_a_crash_mid_download_is_resumed_too(
    server: LoopbackFileServer, make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    # What a crash leaves: the queue file says 'downloading', a .part and its sidecar.
    data = _payload(43)
    path, url = _serve(server, data, cut_at=[70_000])
    dest = tmp_path / "out" / "v.mp4"
    request = DownloadRequest(url, dest, sha256=_sha(data))
    with _fast(max_retries=0) as d, pytest.raises(DownloadError):
        d.fetch(request)
    folder = tmp_path / "queue"
    folder.mkdir()
    item = {
        "id": "abc",
        "request": request.to_json(),
        "course_id": None,
        "course_title": "",
        "state": "downloading",
        "message": "",
        "done": 0,
        "total": None,
    }
    (folder / "queue.json").write_text(json.dumps({"version": 1, "items": [item]}))
    queue = make_queue()
    assert queue.wait_idle(20)
    assert queue.item("abc").state is DownloadState.DONE
    assert dest.read_bytes() == data
    assert server.requests(path)[-1].range == "bytes=70000-"


def test_a_damaged_queue_file_is_set_aside(
    make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    folder = tmp_path / "queue"
    folder.mkdir()
    (folder / "queue.json").write_text("{not json")
    queue = make_queue()
    assert queue.items() == []
    assert (folder / "queue.json.broken").exists()


class _Usage(NamedTuple):
    total: int
    used: int
    free: int


def test_not_enough_disk_space_is_refused_in_words_before_starting(
    server: LoopbackFileServer,
    make_queue: Callable[..., DownloadQueue],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _payload(44)
    path, url = _serve(server, data)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: _Usage(10**9, 10**9 - 400_000, 400_000))
    queue = make_queue(space_margin=100_000, downloader=_fast(space_margin=100_000))
    request = DownloadRequest(url, tmp_path / "out" / "v.mp4")
    with pytest.raises(NotEnoughSpaceError) as caught:
        queue.add_many(
            [request, DownloadRequest(url, tmp_path / "out" / "w.mp4")], course_title="SQL"
        )
    assert str(caught.value).startswith(
        "Not enough free space for 2 videos of 'SQL': it needs 524.3 KB, and 400.0 KB are free"
    )
    assert queue.items() == []
    assert {r.method for r in server.requests(path)} == {"HEAD"}  # nothing downloaded
    # One fits.
    queue.add(request)
    assert queue.wait_idle(10)
    assert queue.items()[0].state is DownloadState.DONE


def test_a_size_learnt_only_when_the_download_starts_is_checked_then(
    server: LoopbackFileServer,
    make_queue: Callable[..., DownloadQueue],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, url = _serve(server, _payload(45))
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: _Usage(10**9, 10**9 - 1000, 1000))
    queue = make_queue(downloader=_fast(space_margin=100))
    request = DownloadRequest(url, tmp_path / "out" / "v.mp4", title="Loops")
    (item_id,) = queue.add_many([request], probe_sizes=False)
    assert queue.wait_idle(10)
    item = queue.item(item_id)
    assert item.state is DownloadState.FAILED
    assert item.message.startswith("Not enough free space for the video 'Loops'")
    assert _no_leftovers(tmp_path / "out")


def test_remove_course_deletes_its_offline_files(
    server: LoopbackFileServer, make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    data = _payload(46)
    queue = make_queue()
    for course in ("a", "b"):
        _, url = _serve(server, data)
        queue.add(DownloadRequest(url, tmp_path / course / "v.mp4"), course_id=course)
    assert queue.wait_idle(10)
    assert queue.active_courses() == set()
    assert queue.remove_course("a") == len(data)
    assert not (tmp_path / "a" / "v.mp4").exists()
    assert (tmp_path / "b" / "v.mp4").exists()
    assert [item.course_id for item in queue.items()] == ["b"]


def test_items_are_plain_snapshots(
    server: LoopbackFileServer, make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    _, url = _serve(server, _payload(47))
    queue = make_queue(autostart=False)
    item_id = queue.add(DownloadRequest(url, tmp_path / "v.mp4", title="Loops"))
    item = queue.item(item_id)
    assert isinstance(item, DownloadItem)
    assert (item.state, item.state_text, item.total) == (DownloadState.QUEUED, "Waiting", SIZE)
    queue.start()
    assert queue.wait_idle(10)
    assert item.state is DownloadState.QUEUED  # the snapshot did not change
    assert queue.item(item_id).fraction == 1.0


# ------------------------------------------------------------------------ cache budget


def _course(root: Path, course_id: str, size: int) -> None:
    (root / course_id).mkdir(parents=True)
    (root / course_id / "v.mp4").write_bytes(b"\0" * size)


def test_lru_eviction_removes_only_fully_synced_courses(tmp_path: Path) -> None:
    import datetime as dt

    root = tmp_path / "videos"
    day = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    opened = {
        "old-synced": day,
        "oldest-unsynced": day - dt.timedelta(days=30),
        "recent-synced": day + dt.timedelta(days=9),
        "never-opened": None,
        "open-now": day - dt.timedelta(days=60),
    }
    synced = {"old-synced", "recent-synced", "never-opened", "open-now"}
    for course in opened:
        _course(root, course, 1000)
    removed: list[tuple[str, int]] = []
    budget = CacheBudget(
        root,
        limit_bytes=3000,
        is_fully_synced=synced.__contains__,
        last_opened=opened.__getitem__,
        on_removed=lambda c, n: removed.append((c, n)),
    )
    assert budget.space_used() == 5000
    assert budget.eviction_order(protect={"open-now"}) == [
        "never-opened",
        "old-synced",
        "recent-synced",
    ]
    report = budget.make_room(500, protect={"open-now"})
    assert report.evicted == ("never-opened", "old-synced", "recent-synced")
    assert report.fits
    assert removed == [("never-opened", 1000), ("old-synced", 1000), ("recent-synced", 1000)]
    assert sorted(p.name for p in root.iterdir()) == ["oldest-unsynced", "open-now"]
    assert budget.space_used() == 2000

    # Nothing evictable is left: the unsynced course stays whatever its age.
    report = budget.make_room(5000, protect={"open-now"})
    assert (report.evicted, report.fits) == ((), False)
    assert "not synced yet" in report.message
    assert (root / "oldest-unsynced").exists()


def test_no_eviction_under_the_limit_or_without_one(tmp_path: Path) -> None:
    root = tmp_path / "videos"
    _course(root, "a", 100)
    budget = CacheBudget(
        root, limit_bytes=None, is_fully_synced=lambda _c: True, last_opened=lambda _c: None
    )
    assert budget.make_room(10**12).evicted == ()
    budget.limit_bytes = 1000
    assert budget.make_room(900).evicted == ()
    assert budget.make_room(901).evicted == ("a",)


# ------------------------------------------------------------------------------ CLI


class Result(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    monkeypatch.setenv("ELEARN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ELEARN_DATABASE_URL", raising=False)

    def runner(*args: str) -> Result:
        capsys.readouterr()
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    assert runner("db", "upgrade").code == 0
    assert runner("demo", "load").code == 0
    return runner


def test_cli_download_of_the_demo_course(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("download", "introduction-to-python", "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    folder = tmp_path / "data" / "downloads" / "introduction-to-python"
    source = RESOURCES_DIR / "media" / "intro-to-python.mp4"
    assert summary["folder"] == str(folder)
    assert summary["failed"] == []
    assert summary["downloaded"] == 1  # four lessons share one video: fetched once
    assert summary["bytes"] == source.stat().st_size
    (entry,) = summary["files"]
    assert entry["status"] == "downloaded"
    assert _sha(Path(entry["file"]).read_bytes()) == _sha(source.read_bytes())
    assert _no_leftovers(folder)

    again = json.loads(run("download", "introduction-to-python", "--json").out)
    assert (again["downloaded"], again["already_there"]) == (0, 1)

    elsewhere = run("download", "sql-basics", "--to", str(tmp_path / "mine"))
    assert elsewhere.code == 0
    assert (tmp_path / "mine" / "sql-basics.mp4").exists()
    assert "1 video of 'SQL Basics'" in elsewhere.out


def test_cli_download_errors_are_one_line(run: Callable[..., Result]) -> None:
    result = run("download", "no-such-course")
    assert result.code == 1
    assert (
        result.err.strip() == "elearn: error: there is no course 'no-such-course' (check the slug)"
    )


def test_cli_download_reports_failed_videos_and_exits_1(
    run: Callable[..., Result], server: LoopbackFileServer, tmp_path: Path
) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'data' / 'embedded.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "UPDATE video_assets SET provider = 'url', provider_id = :url "
                "WHERE provider_id = :old"
            ),
            {"url": server.url("/no-such-video.mp4"), "old": "media/sql-basics.mp4"},
        )
    engine.dispose()
    result = run("download", "sql-basics", "--json")
    assert result.code == 1
    summary = json.loads(result.out)
    assert summary["downloaded"] == 0
    (failure,) = summary["failed"]
    assert failure == {
        "title": "SQL Basics: demo clip",
        "message": "The video 'SQL Basics: demo clip' is not on the server any more (404).",
    }
    assert result.err.startswith("elearn: error: 1 of 1 videos could not be downloaded")


def test_queue_course_for_offline_makes_room_then_downloads(
    run: Callable[..., Result], make_queue: Callable[..., DownloadQueue], tmp_path: Path
) -> None:
    from elearn_desktop.config import resolve_database
    from elearn_desktop.domain.errors import ElearnError
    from elearn_desktop.services.backend import open_backend
    from elearn_desktop.sync.downloads.course_videos import queue_course_for_offline

    video = RESOURCES_DIR / "media" / "intro-to-python.mp4"
    root = tmp_path / "videos"
    _course(root, "old-synced", 100_000)
    _course(root, "old-unsynced", 100_000)
    budget = CacheBudget(
        root,
        limit_bytes=video.stat().st_size + 150_000,
        is_fully_synced=lambda c: c != "old-unsynced",
        last_opened=lambda _c: None,
    )
    queue = make_queue()
    backend = open_backend(resolve_database())
    try:
        queued = queue_course_for_offline(queue, budget, backend.uow, "introduction-to-python")
        assert queued.eviction.evicted == ("old-synced",)
        assert queue.wait_idle(10)
        course_dir = budget.course_dir(queued.videos.course_id)
        assert (course_dir / "intro-to-python.mp4").read_bytes() == video.read_bytes()
        assert [i.course_title for i in queue.items()] == ["Introduction to Python"]

        budget.limit_bytes = 10  # nothing evictable is left: refused in words
        with pytest.raises(ElearnError, match="The offline cache is full"):
            queue_course_for_offline(queue, budget, backend.uow, "sql-basics")
        assert len(queue.items()) == 1
    finally:
        backend.dispose()


# --------------------------------------------------------------------------- layering


def test_httpx_is_not_imported_until_a_download_starts() -> None:
    code = "import sys\nimport elearn_desktop.sync.downloads\nprint('httpx' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
