"""Course thumbnails, loaded off the GUI thread and cached; a placeholder until (or unless) then.

A thumbnail URL may be ``http(s)://…`` (fetched with httpx, imported only when needed), a
``file://`` URL, an absolute path, or a path relative to ``resources/``. Anything that
cannot be read or decoded is remembered as failed and the placeholder stays.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap

from elearn_desktop.config import RESOURCES_DIR
from elearn_desktop.ui.ops import BackgroundOp
from elearn_desktop.ui.resources import icon

THUMBNAIL_SIZE = QSize(128, 72)
MAX_BYTES = 5 * 1024 * 1024
HTTP_TIMEOUT_S = 5.0


def _read_bytes(url: str) -> bytes:
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https"):
        import httpx  # heavy: only when a thumbnail really is on the web

        with httpx.stream("GET", url, timeout=HTTP_TIMEOUT_S, follow_redirects=True) as reply:
            reply.raise_for_status()
            data = bytearray()
            for chunk in reply.iter_bytes():
                data.extend(chunk)
                if len(data) > MAX_BYTES:
                    raise ValueError("thumbnail too large")
            return bytes(data)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path))
    elif parsed.scheme in ("", "resource"):
        raw = Path(unquote(parsed.path if parsed.scheme else url))
        path = raw if raw.is_absolute() else RESOURCES_DIR / raw
    else:
        raise ValueError(f"unsupported thumbnail address: {parsed.scheme}")
    if path.stat().st_size > MAX_BYTES:
        raise ValueError("thumbnail too large")
    return path.read_bytes()


def load_thumbnail(url: str, size: QSize = THUMBNAIL_SIZE) -> QImage:
    """Read and decode an image, cropped to fill ``size`` (runs on a worker thread)."""
    image = QImage.fromData(_read_bytes(url))
    if image.isNull():
        raise ValueError("not an image Qt can decode")
    scaled = image.scaled(
        size,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    x = (scaled.width() - size.width()) // 2
    y = (scaled.height() - size.height()) // 2
    return scaled.copy(x, y, size.width(), size.height())


def placeholder_pixmap(size: QSize = THUMBNAIL_SIZE, *, name: str = "course") -> QPixmap:
    """A neutral tile with the course icon in the middle."""
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.lightGray)
    painter.setOpacity(0.35)
    painter.drawRoundedRect(pixmap.rect(), 6, 6)
    painter.setOpacity(1.0)
    side = min(size.width(), size.height()) // 2
    glyph: QIcon = icon(name)
    glyph.paint(
        painter,
        (size.width() - side) // 2,
        (size.height() - side) // 2,
        side,
        side,
    )
    painter.end()
    return pixmap


class ThumbnailCache(QObject):
    """Loaded thumbnails by URL; ``thumbnail_ready(url)`` when one arrives."""

    thumbnail_ready = Signal(str)

    def __init__(self, parent: QObject | None = None, *, size: QSize = THUMBNAIL_SIZE) -> None:
        super().__init__(parent)
        self.size = size
        self._pixmaps: dict[str, QPixmap] = {}
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self.placeholder = placeholder_pixmap(size)

    def pixmap(self, url: str | None) -> QPixmap:
        """The thumbnail if loaded, else the placeholder (never loads anything itself)."""
        if url and url in self._pixmaps:
            return self._pixmaps[url]
        return self.placeholder

    def is_loaded(self, url: str | None) -> bool:
        return bool(url) and url in self._pixmaps

    def has_failed(self, url: str | None) -> bool:
        return bool(url) and url in self._failed

    def is_pending(self) -> bool:
        return bool(self._pending)

    def request(self, urls: list[str | None]) -> None:
        """Start loading the thumbnails not loaded, loading or failed yet."""
        size = QSize(self.size)
        for url in dict.fromkeys(u for u in urls if u):
            if url in self._pixmaps or url in self._pending or url in self._failed:
                continue
            self._pending.add(url)
            BackgroundOp(lambda u=url: load_thumbnail(u, size), label="load thumbnail").on_success(
                lambda image, u=url: self._loaded(u, image)
            ).on_failure(lambda _exc, u=url: self._failed_to_load(u)).run(parent=self)

    def _loaded(self, url: str, image: QImage) -> None:
        self._pending.discard(url)
        self._pixmaps[url] = QPixmap.fromImage(image)
        self.thumbnail_ready.emit(url)

    def _failed_to_load(self, url: str) -> None:
        self._pending.discard(url)
        self._failed.add(url)
        self.thumbnail_ready.emit(url)
