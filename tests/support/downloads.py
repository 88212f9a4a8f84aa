"""Helpers shared by the download tests: reproducible payloads and a quick downloader."""

from __future__ import annotations

import hashlib
import random
from typing import Any

from elearn_desktop.sync.downloads import Downloader


def payload(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def quick_downloader(**overrides: Any) -> Downloader:
    """A downloader with test-sized timeouts and backoff."""
    options: dict[str, Any] = {
        "timeout": 2.0,
        "connect_timeout": 2.0,
        "backoff_base": 0.005,
        "backoff_cap": 0.05,
        "progress_interval": 0.0,
    }
    options.update(overrides)
    return Downloader(**options)
