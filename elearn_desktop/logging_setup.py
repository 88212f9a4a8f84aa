"""Logging to a rotating file in the user log folder, with secrets scrubbed.

Every record passes a filter that masks passwords, keys, database URLs' passwords,
password hashes and SCRAM verifiers before it is formatted, so neither the log file nor
the console ever holds a secret — even when code logs carelessly.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from elearn_desktop.config import log_dir

LOG_FILENAME = "elearn-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
MASK = "***"

# (pattern, flags, replacement), compiled on first use (five compilations cost ~1.5 ms of
# the start-up before the window paints; most messages need none of them, see _CLUES).
_SOURCES: tuple[tuple[str, int, str], ...] = (
    # scheme://user:password@host
    (r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]*:)[^@\s]+(@)", re.I, rf"\g<1>{MASK}\g<2>"),
    # password=..., "password": "...", passwd, pwd, secret, token, api_key, key
    (
        r"""(?P<k>\b(?:password|passwd|pwd|secret|token|api[_-]?key|cache[_-]?key)\b"""
        r"""["']?\s*[:=]\s*)(?:(?P<q>["'])[^"']*|[^"'\s,;}&)]+)""",
        re.I,
        rf"\g<k>\g<q>{MASK}",
    ),
    # argon2 hashes and SCRAM verifiers
    (r"\$argon2(?:id|i|d)\$[^\s'\"]+", 0, MASK),
    (r"SCRAM-SHA-256\$[^\s'\"]+", 0, MASK),
    # SQLCipher raw keys
    (r"x'[0-9a-f]{32,}'", re.I, MASK),
)
#: Text that every match of some pattern above contains (case-folded): a message without
#: any of them has nothing to mask. Keep in step with _SOURCES.
_CLUES = ("://", "pass", "pwd", "secret", "token", "key", "$argon2", "scram-sha-256$", "x'")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(source, flags), repl) for source, flags, repl in _SOURCES)


def redact(text: str) -> str:
    folded = text.casefold()  # as re.I compares (also "ſ" and "K" fold to s and k)
    if not any(clue in folded for clue in _CLUES):
        return text
    for pattern, replacement in _patterns():
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Scrub the fully formatted message (args included) and any exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def log_file_path(folder: Path | None = None) -> Path:
    return (folder or log_dir()) / LOG_FILENAME


def configure_logging(
    *, folder: Path | None = None, level: int = logging.INFO, rotating: bool = True
) -> Path:
    """Send the app's logs to a rotating file; returns its path. Safe to call twice.

    ``rotating=False`` appends to the same file without rotation: the app starts so
    (``logging.handlers`` costs ~6 ms of start-up: sockets, pickle, queues) and calls
    this again with rotation after its window painted."""
    path = log_file_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_elearn", False):
            root.removeHandler(old)
            old.close()
    handler: logging.FileHandler
    if rotating:
        from logging.handlers import RotatingFileHandler

        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    else:
        handler = logging.FileHandler(path, encoding="utf-8")
    handler._elearn = True  # type: ignore[attr-defined]
    handler.addFilter(RedactingFilter())
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    # Driver chatter stays out unless asked for.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    return path
