"""Where a lesson's video is: a file on this computer or a web address (no Qt here).

Providers (``video_assets.provider``):

* ``demo`` — shipped with the app; ``provider_id`` is relative to ``resources/``
  (e.g. ``media/intro-to-python.mp4``) and may not leave that folder.
* ``file`` / ``library`` — an absolute path, or one relative to the media library folder
  the caller names (a downloads folder, a shared drive).
* ``url`` — an ``http`` or ``https`` address, streamed by the player.

A missing file is not an error here: the source says ``exists=False`` and the player
explains it in words. A source that can never work (an unknown provider, an empty id, a
relative path without a library, another URL scheme) raises a :class:`ValidationError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import urlsplit

from elearn_desktop.config import RESOURCES_DIR
from elearn_desktop.domain.errors import ValidationError

DEMO = "demo"
FILE = "file"
LIBRARY = "library"
URL = "url"
PROVIDERS = (DEMO, FILE, LIBRARY, URL)
_URL_SCHEMES = ("http", "https")


class VideoAssetLike(Protocol):
    """What resolving needs of a video asset (the ORM row, or any record with these)."""

    @property
    def provider(self) -> str: ...

    @property
    def provider_id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class VideoSource:
    """A playable location: ``kind`` 'file' (a local path) or 'url' (http/https)."""

    kind: Literal["file", "url"]
    location: str
    exists: bool

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


def resolve_video_source(
    asset: VideoAssetLike,
    *,
    media_dir: Path | str | None = None,
    resources_dir: Path | None = None,
) -> VideoSource:
    """Where ``asset`` plays from; see the module docstring for the providers."""
    provider = (asset.provider or "").strip().lower()
    raw = (asset.provider_id or "").strip()
    if provider not in PROVIDERS:
        raise ValidationError(
            "provider",
            f"this video comes from '{asset.provider}', which this app cannot play "
            f"(it plays {', '.join(PROVIDERS)})",
        )
    if not raw:
        raise ValidationError("provider_id", "this video has no file or address")
    if provider == URL:
        return _url_source(raw)
    if provider == DEMO:
        return _demo_source(raw, resources_dir or RESOURCES_DIR)
    return _file_source(raw, media_dir)


def _url_source(raw: str) -> VideoSource:
    parts = urlsplit(raw)
    if parts.scheme.lower() not in _URL_SCHEMES or not parts.netloc:
        raise ValidationError(
            "provider_id", f"'{raw}' is not a web address the player can open (http or https)"
        )
    return VideoSource(kind="url", location=raw, exists=True)


def _local(path: Path) -> VideoSource:
    return VideoSource(kind="file", location=str(path), exists=path.is_file())


def _demo_source(raw: str, resources_dir: Path) -> VideoSource:
    root = resources_dir.resolve()
    path = (root / raw).resolve()
    if Path(raw).is_absolute() or not path.is_relative_to(root):
        raise ValidationError(
            "provider_id", f"the demo video '{raw}' is not inside the app's resources folder"
        )
    return _local(path)


def _file_source(raw: str, media_dir: Path | str | None) -> VideoSource:
    path = Path(raw).expanduser()
    if path.is_absolute():
        return _local(path)
    if media_dir is None:
        raise ValidationError(
            "provider_id",
            f"the video file '{raw}' is given relative to a media library, "
            "and no media library folder is set",
        )
    root = Path(media_dir).expanduser().resolve()
    resolved = (root / path).resolve()
    if not resolved.is_relative_to(root):
        raise ValidationError(
            "provider_id", f"the video file '{raw}' points outside the media library folder"
        )
    return _local(resolved)
