"""The Downloads page and status-bar indicator, driven by a real queue downloading from a
real HTTP server on loopback."""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from elearn_desktop.sync.downloads import Downloader, DownloadQueue, DownloadRequest, DownloadState
from elearn_desktop.ui.downloads_page import (
    FILE,
    PROGRESS,
    STATE,
    DownloadsIndicator,
    DownloadsPage,
    PercentRole,
)
from tests.support.http_server import LoopbackFileServer

pytestmark = pytest.mark.gui

MB = 1024 * 1024
SCREENSHOT = Path("/tmp/downloads.png")


@pytest.fixture
def server() -> Iterator[LoopbackFileServer]:
    with LoopbackFileServer() as running:
        yield running


@pytest.fixture
def queue(tmp_path: Path) -> Iterator[DownloadQueue]:
    downloader = Downloader(timeout=5, backoff_base=0.01, backoff_cap=0.05, progress_interval=0.05)
    q = DownloadQueue(tmp_path / "queue", downloader=downloader, workers=2)
    yield q
    assert q.shutdown(timeout=10)
    downloader.close()


def _data(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _serve(server: LoopbackFileServer, name: str, data: bytes, **behaviour: object) -> str:
    server.add(f"/{name}", data, **behaviour)
    return server.url(f"/{name}")


def _column(page: DownloadsPage, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_page_and_indicator_follow_a_real_queue(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    queue: DownloadQueue,
    server: LoopbackFileServer,
    tmp_path: Path,
) -> None:
    page = DownloadsPage(queue)
    indicator = DownloadsIndicator(queue)
    qtbot.addWidget(page)
    qtbot.addWidget(indicator)
    page.resize(980, 360)
    page.show()
    qtmodeltester.check(page.model)  # and it keeps checking every change below
    assert page.stack.currentWidget() is page.empty_label
    assert indicator.text() == "No downloads"

    files = {
        "Why Python?": _data(1, 3 * MB),
        "Loops": _data(2, 2 * MB),
        "Functions": _data(3, 1 * MB),
    }
    requests = [
        DownloadRequest(
            _serve(server, "gone.mp4", b"", status=404),
            tmp_path / "videos" / "gone.mp4",
            title="Recap",
        )
    ]
    requests += [
        DownloadRequest(
            _serve(server, f"v{i}.mp4", data, rate=1.5 * MB),
            tmp_path / "videos" / f"v{i}.mp4",
            title=title,
            sha256=hashlib.sha256(data).hexdigest(),
        )
        for i, (title, data) in enumerate(files.items())
    ]
    queue.add_many(requests, course_id="c1", course_title="Introduction to Python")

    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=5_000)
    assert page.stack.currentWidget() is page.table
    assert _column(page, FILE) == ["Recap", "Why Python?", "Loops", "Functions"]

    def mid_download() -> None:
        percents = [page.model.index(r, PROGRESS).data(PercentRole) for r in range(4)]
        assert any(10 < p < 90 for p in percents)
        assert _column(page, STATE).count("Downloading") == 2
        assert _column(page, STATE)[0].startswith("Failed: ")
        text = indicator.text()
        assert re.fullmatch(r"↓ 3 files · \d+ % · [\d.]+ [KM]B/s · 1 failed", text), text

    qtbot.waitUntil(mid_download, timeout=10_000)
    page.table.selectRow(0)  # the failed one: its whole message shows under the table
    assert page.details_label.text().endswith(
        "Failed: The video 'Recap' is not on the server any more (404)."
    )
    assert page.resume_button.isEnabled()
    assert not page.pause_button.isEnabled()
    qtbot.wait(20)  # let the layout settle before the screenshot
    page.grab().save(str(SCREENSHOT))
    assert 0 < page.total_bar.value() < 100
    assert page.total_label.text() == indicator.text()

    qtbot.waitUntil(lambda: queue.totals().waiting == 0, timeout=20_000)
    qtbot.waitUntil(lambda: _column(page, STATE).count("Done") == 3, timeout=5_000)
    assert _column(page, STATE)[0] == (
        "Failed: The video 'Recap' is not on the server any more (404)."
    )
    assert indicator.text() == "No downloads · 1 failed"
    assert page.space_label.text() == "Space used: 6.3 MB"
    for request, data in zip(requests[1:], files.values(), strict=True):
        assert request.dest.read_bytes() == data


def test_buttons_pause_resume_cancel_and_remove_the_offline_copy(
    qtbot: QtBot, queue: DownloadQueue, server: LoopbackFileServer, tmp_path: Path
) -> None:
    page = DownloadsPage(queue)
    qtbot.addWidget(page)
    page.show()
    data = _data(4, 2 * MB)
    dest = tmp_path / "videos" / "v.mp4"
    queue.add(
        DownloadRequest(_serve(server, "slow.mp4", data, rate=1 * MB), dest, title="Loops"),
        course_id="c1",
        course_title="Python",
    )
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and queue.items()[0].done > 0)
    page.table.selectRow(0)
    assert page.pause_button.isEnabled()
    assert not page.resume_button.isEnabled()

    page.pause_button.click()
    qtbot.waitUntil(lambda: _column(page, STATE) == ["Paused"])
    assert page.resume_button.isEnabled()
    assert page.model.index(0, PROGRESS).data(PercentRole) < 100
    assert queue.wait_idle(5)

    page.resume_button.click()
    qtbot.waitUntil(lambda: _column(page, STATE) == ["Downloading"])
    page.cancel_button.click()
    qtbot.waitUntil(lambda: _column(page, STATE) == ["Cancelled"])
    assert queue.wait_idle(5)
    assert not dest.with_name("v.mp4.part").exists()

    page.resume_button.click()  # a cancelled download can be started again
    qtbot.waitUntil(lambda: _column(page, STATE) == ["Done"], timeout=10_000)
    assert dest.read_bytes() == data

    with qtbot.waitSignal(page.offline_copy_removed, timeout=5_000) as removed:
        page.remove_button.click()
    assert removed.args == ["c1"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.stack.currentWidget() is page.empty_label
    assert not dest.exists()
    assert page.space_label.text() == "Space used: 0 bytes"


def test_a_deleted_page_stops_listening(
    qtbot: QtBot, queue: DownloadQueue, server: LoopbackFileServer, tmp_path: Path
) -> None:
    page = DownloadsPage(queue)
    page.deleteLater()
    qtbot.wait(10)
    data = _data(5, MB // 2)
    queue.add(DownloadRequest(_serve(server, "v.mp4", data), tmp_path / "v.mp4"))
    assert queue.wait_idle(10)
    assert queue.items()[0].state is DownloadState.DONE
    assert queue._listeners == []
