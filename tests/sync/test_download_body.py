"""The fast body path of downloads (sync/downloads/body.py) on a real loopback server:
big blocks once h11 is drained, the same bytes as ``iter_raw``, and cuts, stalls,
interrupts, chunked bodies and an unknown httpx layout handled as before."""

from __future__ import annotations

import hashlib
import shutil
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from elearn_desktop.sync.downloads import (
    DownloadError,
    DownloadRequest,
    body,
    hash_feed,
    writeback,
)
from tests.support.downloads import payload, quick_downloader, sha256_hex
from tests.support.http_server import LoopbackFileServer

MB = 1024 * 1024
H11_PIECE = 64 * 1024  # httpcore never hands over more than this at once


_payload = payload
_sha = sha256_hex
_downloader = quick_downloader


@pytest.fixture(scope="module")
def server() -> Iterator[LoopbackFileServer]:
    with LoopbackFileServer() as running:
        yield running


_paths = iter(range(1_000_000))


def _serve(server: LoopbackFileServer, data: bytes, **behaviour: Any) -> tuple[str, str]:
    path = f"/b{next(_paths)}.bin"
    server.add(path, data, **behaviour)
    return path, server.url(path)


def _pieces(client: httpx.Client, url: str) -> list[bytes]:
    with client.stream("GET", url, headers={"Accept-Encoding": "identity"}) as response:
        assert response.status_code == 200
        return list(body.iter_body(response, timeout=2.0))


def test_a_long_body_comes_in_big_blocks_once_h11_is_drained(
    server: LoopbackFileServer,
) -> None:
    data = _payload(1, 5 * MB + 12_345)
    _, url = _serve(server, data)
    with httpx.Client() as client:
        with client.stream("GET", url) as response:
            # The layout of httpx/httpcore that the fast path reads is the installed one.
            assert body._h11_connection(response) is not None
            assert body.body_length(response) == len(data)
            pieces = list(body.iter_body(response, timeout=2.0))
        assert b"".join(pieces) == data
        assert max(len(p) for p in pieces) > H11_PIECE
        assert max(len(p) for p in pieces) <= body.BLOCK_SIZE
        # The connection was closed, not handed back half-read: the next request works.
        again = _pieces(client, url)
    assert b"".join(again) == data


def test_without_the_known_httpx_layout_the_body_is_read_by_h11_alone(
    server: LoopbackFileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _payload(2, 2 * MB)
    _, url = _serve(server, data)
    monkeypatch.setattr(body, "_h11_connection", lambda response: None)
    with httpx.Client() as client:
        pieces = _pieces(client, url)
    assert b"".join(pieces) == data
    assert max(len(p) for p in pieces) <= H11_PIECE


def test_a_chunked_body_is_read_by_h11_and_verified(
    server: LoopbackFileServer, tmp_path: Path
) -> None:
    data = _payload(3, 3 * MB + 7)
    _, url = _serve(server, data, chunked=True)
    with httpx.Client() as client, client.stream("GET", url) as response:
        assert body.body_length(response) is None
        pieces = list(body.iter_body(response, timeout=2.0))
    assert b"".join(pieces) == data
    assert max(len(p) for p in pieces) <= H11_PIECE
    with _downloader() as downloader:
        result = downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data)))
    assert result.size == len(data)
    assert (tmp_path / "v.mp4").read_bytes() == data


def test_a_cut_while_reading_blocks_resumes_at_the_exact_byte(
    server: LoopbackFileServer, tmp_path: Path
) -> None:
    data = _payload(4, 6 * MB)
    cut = 4 * MB + 4_321
    path, url = _serve(server, data, cut_at=[cut])
    with _downloader() as downloader:
        result = downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data)))
    assert result.sha256 == _sha(data)
    assert (tmp_path / "v.mp4").read_bytes() == data
    assert [r.range for r in server.requests(path)] == [None, f"bytes={cut}-"]


def test_a_stall_while_reading_blocks_times_out_in_words_and_keeps_the_bytes(
    server: LoopbackFileServer, tmp_path: Path
) -> None:
    data = _payload(5, 3 * MB)
    stall = 2 * MB + 99
    path, url = _serve(server, data, stall_at=stall)
    request = DownloadRequest(url, tmp_path / "v.mp4", title="Loops", sha256=_sha(data))
    with _downloader(timeout=0.3, max_retries=1) as d, pytest.raises(DownloadError) as caught:
        d.fetch(request)
    assert str(caught.value) == (
        "The video 'Loops' could not be downloaded after 2 tries: "
        "the server stopped answering (timed out)."
    )
    assert (tmp_path / "v.mp4.part").stat().st_size == stall
    assert [r.range for r in server.requests(path)] == [None, f"bytes={stall}-"]
    server.file(path).release.set()
    with _downloader() as d:
        result = d.fetch(request)
    assert result.resumed_from == stall
    assert (tmp_path / "v.mp4").read_bytes() == data


@pytest.mark.parametrize("max_retries", [0, 5])
def test_interrupt_wakes_a_transfer_stalled_while_reading_blocks(
    server: LoopbackFileServer, tmp_path: Path, max_retries: int
) -> None:
    data = _payload(6, 3 * MB)
    stall = 2 * MB + 5
    _, url = _serve(server, data, stall_at=stall)
    stop = threading.Event()
    errors: list[BaseException] = []
    part = tmp_path / "v.mp4.part"
    with _downloader(timeout=60, max_retries=max_retries) as d:

        def run() -> None:
            try:
                d.fetch(DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data)), stop=stop)
            except BaseException as exc:
                errors.append(exc)

        worker = threading.Thread(target=run)
        worker.start()
        deadline = time.monotonic() + 10
        while not (part.exists() and part.stat().st_size == stall):
            assert time.monotonic() < deadline, "the transfer never reached the stall"
            time.sleep(0.01)
        d.interrupt(stop)
        worker.join(5)
        assert not worker.is_alive()  # woken, not left waiting for the 60 s read timeout
    assert [type(e).__name__ for e in errors] == ["DownloadStopped"]
    assert part.stat().st_size == stall


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Content-Length": "10"}, 10),
        ({"Content-Length": "10", "Content-Encoding": "gzip"}, None),
        ({"Content-Length": "10", "Transfer-Encoding": "chunked"}, None),
        ({"Content-Length": "ten"}, None),
        ({"Content-Length": "-1"}, None),
        ({}, None),
    ],
)
def test_body_length_trusts_only_plain_framing(
    headers: dict[str, str], expected: int | None
) -> None:
    response = httpx.Response(200, headers=headers, extensions={"http_version": b"HTTP/1.1"})
    assert body.body_length(response) == expected
    http2 = httpx.Response(200, headers=headers, extensions={"http_version": b"HTTP/2"})
    assert body.body_length(http2) is None


# ------------------------------------------------------------------ early writeback


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sync_file_range is Linux's")
def test_early_writeback_starts_writing_every_step_and_keeps_the_bytes(tmp_path: Path) -> None:
    data = _payload(7, 20 * MB)
    target = tmp_path / "v.part"
    with open(target, "wb", buffering=0) as out:
        early = writeback.EarlyWriteback(out.fileno(), start=0, step=8 * MB)
        for offset in range(0, len(data), MB):
            out.write(data[offset : offset + MB])
            early.written(offset + MB)
    assert early.requests == 2  # at 8 MB and 16 MB
    assert target.read_bytes() == data


def test_early_writeback_gives_up_quietly_when_the_call_fails(tmp_path: Path) -> None:
    early = writeback.EarlyWriteback(-1, start=0, step=1)  # no such file descriptor
    early.written(10)
    early.written(20)
    assert early.requests == 0


def test_early_writeback_does_nothing_without_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writeback, "_sync_file_range", lambda: None)
    with open(tmp_path / "v.part", "wb", buffering=0) as out:
        early = writeback.EarlyWriteback(out.fileno(), start=0, step=1)
        out.write(b"x" * 100)
        early.written(100)
    assert early.requests == 0


# ------------------------------------------------------------------------ hash feed


def test_the_hash_feed_hashes_every_block_in_order_before_it_closes() -> None:
    blocks = [_payload(seed, size) for seed, size in enumerate([1, MB, 3000, 2 * MB, 17])]
    hasher = hashlib.sha256()
    with hash_feed.HashFeed(hasher, depth=2) as feed:
        for block in blocks:
            feed(block)
    assert hasher.hexdigest() == _sha(b"".join(blocks))
    assert not [t for t in threading.enumerate() if t.name == "download-sha256"]


def test_the_hash_feed_finishes_the_blocks_given_when_the_transfer_fails() -> None:
    hasher = hashlib.sha256()
    blocks = [_payload(9, MB), _payload(10, MB)]

    def transfer() -> None:
        with hash_feed.HashFeed(hasher) as feed:
            for block in blocks:
                feed(block)
            raise DownloadError("the connection failed")

    with pytest.raises(DownloadError):
        transfer()
    assert hasher.hexdigest() == _sha(b"".join(blocks))  # matches what was written


def test_a_hash_feed_without_a_hasher_starts_no_thread() -> None:
    before = threading.active_count()
    with hash_feed.HashFeed(None) as feed:
        assert threading.active_count() == before
        feed(b"ignored")


# ------------------------------------------------------------------------------ TLS


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made by the openssl command)."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def tls_server(tls_files: tuple[Path, Path]) -> Iterator[LoopbackFileServer]:
    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with LoopbackFileServer(tls=context) as running:
        yield running


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_over_tls_blocks_are_read_and_a_cut_resumes(
    tls_server: LoopbackFileServer,
    tls_files: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _payload(11, 4 * MB + 3)
    cut = 3 * MB + 17
    path, url = _serve(tls_server, data)
    assert url.startswith("https://")
    with httpx.Client(verify=ssl.create_default_context(cafile=tls_files[0])) as client:
        pieces = _pieces(client, url)
    assert b"".join(pieces) == data
    # TLS reads return one 16 KB record at most: they are joined into bigger blocks.
    assert max(len(p) for p in pieces) >= body.FILL
    # The downloader's own client trusts the certificate through SSL_CERT_FILE (httpx).
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_files[0]))
    tls_server.file(path).cut_at.append(cut)
    with _downloader() as downloader:
        result = downloader.fetch(DownloadRequest(url, tmp_path / "v.mp4", sha256=_sha(data)))
    assert (tmp_path / "v.mp4").read_bytes() == data
    assert result.restarts == 0
    assert [r.range for r in tls_server.requests(path)] == [None, None, f"bytes={cut}-"]


class _ScriptedStream:
    """A network stream whose reads follow a script (bytes, or an exception to raise).

    A TLS server that stops in the middle of a record (the socket is readable, the read
    then waits for the rest) cannot be made with the loopback server; this stands in.
    """

    def __init__(self, script: list[bytes | Exception]) -> None:
        self.script = script
        self.asked: list[int] = []

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.asked.append(max_bytes)
        item = self.script.pop(0)
        if isinstance(item, Exception):
            raise item
        assert len(item) <= max_bytes
        return item

    def get_extra_info(self, info: str) -> object:
        return info == "is_readable" and bool(self.script)


def test_bytes_being_joined_are_kept_when_the_next_read_fails() -> None:
    import httpcore

    record = 16 * 1024
    stream = _ScriptedStream([b"a" * record, b"b" * record, httpcore.ReadTimeout("timed out")])
    request = httpx.Request("GET", "https://example.org/v.mp4")
    response = httpx.Response(200, request=request, extensions={"network_stream": stream})
    blocks = body._read_blocks(response, 10 * record, 1.0, body.BLOCK_SIZE)
    assert next(blocks) == b"a" * record + b"b" * record
    with pytest.raises(httpx.ReadTimeout):
        next(blocks)


def test_after_a_short_read_small_reads_are_asked_for_until_a_big_one_comes() -> None:
    record = 16 * 1024
    big = body.SMALL_READ
    stream = _ScriptedStream([b"a" * record, b"b" * record, b"c" * big, b"d" * record])
    request = httpx.Request("GET", "https://example.org/v.mp4")
    response = httpx.Response(200, request=request, extensions={"network_stream": stream})
    blocks = list(body._read_blocks(response, 3 * record + big, 1.0, body.BLOCK_SIZE))
    assert b"".join(blocks) == b"a" * record + b"b" * record + b"c" * big + b"d" * record
    # A read allocates what it asks for: 1 MB for a 16 KB TLS record is slow.
    assert stream.asked == [3 * record + big, big, big, record]
