"""A streamed HTTP response body, read in big blocks (no Qt).

httpx hands a streamed body over in the pieces httpcore reads: 64 KB at a time, each
parsed by h11 in Python and copied twice on the way. For a video that was most of a
download's CPU time (benchmark workload 10: 0.68x the throughput of ``curl``). A body
whose length is known needs no parsing once h11 has handed over the bytes it holds: the
rest is exactly that many bytes on the connection. So :func:`iter_body` takes the first
pieces from ``iter_raw`` until h11's buffer is empty, then reads the rest straight from
the connection's network stream (httpcore's ``network_stream`` response extension: plain
TCP, TLS, or TLS through a proxy alike) in blocks of up to ``block_size`` (short reads,
e.g. TLS records, joined up to ``FILL`` bytes while more is waiting).

h11 does not see the end of such a body, so httpcore closes the connection when the
response closes instead of reusing it (one new connection per file, nothing more).

Whether h11's buffer is empty is read from the ``h11.Connection`` behind the response,
which httpx and httpcore keep in private attributes. Anything unexpected on the way — a
different layout of those libraries, HTTP/2, a chunked or compressed body, no length —
means the plain ``iter_raw`` path for the whole body: slower, never wrong.

httpx, httpcore and h11 are imported by the caller's first download, not at start-up.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import h11
    import httpx

#: The largest block read from the connection at once (big blocks: few system calls,
#: few Python steps; the socket's receive buffer rarely holds more).
BLOCK_SIZE = 1024 * 1024
#: Reads shorter than this are joined with the next ones before they are handed on, as
#: long as more is already waiting on the connection (over TLS a read returns one 16 KB
#: record at most; per block the caller writes, hashes and reports progress).
FILL = 256 * 1024
#: What is asked for after a short read (asking 1 MB of a TLS socket that returns 16 KB
#: per read made each read 3.5 times as slow: the buffer is allocated, then shrunk).
SMALL_READ = 64 * 1024


def body_length(response: httpx.Response) -> int | None:
    """The number of body bytes on the wire, when the framing says so plainly."""
    headers = response.headers
    if response.http_version not in ("HTTP/1.1", "HTTP/1.0"):
        return None
    if "transfer-encoding" in headers or headers.get("content-encoding", "identity") != "identity":
        return None
    try:
        length = int(headers.get("content-length", ""))
    except ValueError:
        return None
    return length if length >= 0 else None


def iter_body(
    response: httpx.Response,
    *,
    timeout: float | None,
    block_size: int = BLOCK_SIZE,
) -> Iterator[bytes]:
    """The raw (undecoded) body of a streamed ``response``, as ``iter_raw`` would give it.

    A body cut short by the server simply ends early (the caller compares what arrived
    with what was announced). Read errors and timeouts are raised as httpx's
    ``ReadError`` / ``ReadTimeout``, like ``iter_raw`` raises them.
    """
    length = body_length(response)
    pieces = response.iter_raw()
    try:
        received = 0
        for piece in pieces:
            received += len(piece)
            yield piece
            if length is not None and received < length and _h11_drained(response):
                yield from _read_blocks(response, length - received, timeout, block_size)
                return
    finally:
        if isinstance(pieces, Generator):  # it is one; closing it ends the response's stream
            pieces.close()


def _read_blocks(
    response: httpx.Response, remaining: int, timeout: float | None, block_size: int
) -> Iterator[bytes]:
    """Blocks of up to ``block_size``; small reads are joined (see ``FILL``)."""
    stream = response.extensions["network_stream"]
    ask = block_size
    while remaining > 0:
        block = _read(response, stream, min(ask, remaining), timeout)
        if not block:
            return  # the server closed the connection early
        ask = _next_ask(len(block), block_size)
        if len(block) < FILL and len(block) < remaining:
            parts, size = [block], len(block)
            # Only what is already there: bytes received are never held back waiting for
            # more (a stall or a timeout would lose them).
            # A joined block stays within block_size, as every block does.
            while size < min(FILL, block_size, remaining) and stream.get_extra_info("is_readable"):
                try:  # readable may be half a TLS record, then the read waits for the rest
                    wanted = min(ask, remaining - size, block_size - size)
                    more = _read(response, stream, wanted, timeout)
                except Exception:
                    yield b"".join(parts)  # what came is kept; the error follows
                    raise
                if not more:
                    break  # closed: what came is yielded, the next read ends the body
                ask = _next_ask(len(more), block_size)
                parts.append(more)
                size += len(more)
            block = b"".join(parts)
        remaining -= len(block)
        yield block


def _next_ask(got: int, block_size: int) -> int:
    """How much to ask for next: a read allocates what it asks for, so after a short one
    (a TLS record, a nearly empty socket) ask for ``SMALL_READ``; after a big one, big."""
    return block_size if got >= SMALL_READ else SMALL_READ


def _read(response: httpx.Response, stream: Any, size: int, timeout: float | None) -> bytes:
    import httpcore
    import httpx

    try:
        block: bytes = stream.read(size, timeout=timeout)
    except httpcore.TimeoutException as exc:
        raise httpx.ReadTimeout(str(exc) or "timed out", request=response.request) from exc
    except httpcore.NetworkError as exc:
        raise httpx.ReadError(str(exc) or "read failed", request=response.request) from exc
    return block


def _h11_connection(response: httpx.Response) -> h11.Connection | None:
    """The h11 state machine reading ``response``, if httpx/httpcore are laid out as known.

    httpx 0.28 / httpcore 1.0: ``Response.stream`` (httpx ``BoundSyncStream``) ->
    ``._stream`` (``ResponseStream``) -> ``._httpcore_stream`` (``PoolByteStream``) ->
    ``._stream`` (``HTTP11ConnectionByteStream``) -> ``._connection``
    (``HTTP11Connection``) -> ``._h11_state``. tests/sync/test_download_body.py fails if
    an upgrade changes this, so the fast path is never lost without notice.
    """
    import h11

    found: object = response.stream
    for name in ("_stream", "_httpcore_stream", "_stream", "_connection", "_h11_state"):
        found = getattr(found, name, None)
    return found if isinstance(found, h11.Connection) else None


def _h11_drained(response: httpx.Response) -> bool:
    """True when h11 is inside the body and holds none of its bytes (all were handed on)."""
    import h11

    connection = _h11_connection(response)
    return (
        connection is not None
        and connection.their_state is h11.SEND_BODY
        and connection.trailing_data == (b"", False)
    )
