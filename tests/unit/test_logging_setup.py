"""The log file never holds a secret, whatever the code logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from elearn_desktop.domain.passwords import hash_password
from elearn_desktop.logging_setup import configure_logging, redact

SECRETS = {
    "url": ("postgresql+psycopg://elearn_u_ab:Sup3r-S3cret@db.example.org/elearn", "Sup3r-S3cret"),
    "kv": ("signing in with password=hunter2-hunter2 now", "hunter2-hunter2"),
    "upper": ("SIGNING IN WITH PASSWORD=HUNTER2-HUNTER2 NOW", "HUNTER2-HUNTER2"),
    "api key": ("retrying with Api-Key: 5f3c9a7e", "5f3c9a7e"),
    "json": ('{"email": "a@b.co", "password": "two words"}', "two words"),
    "token": ("token: abc.def.ghi, next", "abc.def.ghi"),
    "scram": ("PASSWORD 'SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy'", "c3RvcmVk"),
    "sqlcipher": ("PRAGMA key = \"x'00112233445566778899aabbccddeeff'\"", "00112233445566"),
}


@pytest.mark.parametrize("name", sorted(SECRETS))
def test_redact_masks_each_kind_of_secret(name: str) -> None:
    text, secret = SECRETS[name]
    masked = redact(text)
    assert secret not in masked
    assert "***" in masked


def test_redact_masks_argon2_hashes_whole() -> None:
    hashed = hash_password("correct horse battery")
    assert redact(f"stored {hashed} for x") == "stored *** for x"


def test_redact_leaves_ordinary_text_alone() -> None:
    text = "Loaded 2 courses for learner@demo.test in 12 ms (host db.example.org:5432)"
    assert redact(text) == text


def test_log_file_holds_no_secret(tmp_path: Path) -> None:
    path = configure_logging(folder=tmp_path)
    log = logging.getLogger("elearn_desktop.test")
    try:
        log.warning("connecting to %s", SECRETS["url"][0])
        log.info("payload %r", {"password": "hunter2-hunter2"})
        try:
            raise RuntimeError("login failed for password=Sup3r-S3cret")
        except RuntimeError:
            log.exception("sign-in failed")
        for handler in logging.getLogger().handlers:
            handler.flush()
        content = path.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_elearn", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert path.parent == tmp_path
    assert "connecting to postgresql+psycopg://elearn_u_ab:***@db.example.org" in content
    assert "sign-in failed" in content
    assert "Traceback" in content
    for secret in ("Sup3r-S3cret", "hunter2-hunter2"):
        assert secret not in content


def test_configure_twice_keeps_one_file_handler(tmp_path: Path) -> None:
    configure_logging(folder=tmp_path)
    configure_logging(folder=tmp_path)
    ours = [h for h in logging.getLogger().handlers if getattr(h, "_elearn", False)]
    try:
        assert len(ours) == 1
    finally:
        for handler in ours:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_start_without_rotation_then_rotate_into_the_same_file(tmp_path: Path) -> None:
    # The app starts with a plain file handler (logging.handlers is slow to import) and
    # switches to rotation after its first paint: one handler, one file, nothing lost.
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    log = logging.getLogger("elearn_desktop.test")
    first = configure_logging(folder=tmp_path, rotating=False)
    try:
        (plain,) = [h for h in root.handlers if getattr(h, "_elearn", False)]
        assert not isinstance(plain, RotatingFileHandler)
        log.warning("before the first paint, password=early-secret")
        second = configure_logging(folder=tmp_path)
        ours = [h for h in root.handlers if getattr(h, "_elearn", False)]
        assert len(ours) == 1
        assert isinstance(ours[0], RotatingFileHandler)
        log.warning("after the first paint")
        ours[0].flush()
        content = second.read_text(encoding="utf-8")
    finally:
        for handler in list(root.handlers):
            if getattr(handler, "_elearn", False):
                root.removeHandler(handler)
                handler.close()
    assert first == second
    assert "before the first paint, password=***" in content
    assert "early-secret" not in content
    assert "after the first paint" in content
