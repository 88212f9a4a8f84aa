"""`elearn users show --json` and `elearn subscriptions cancel|extend` (issue 7, headless)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from elearn_desktop.cli import main


@pytest.fixture
def demo_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ELEARN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ELEARN_DATABASE_URL", raising=False)
    assert main(["db", "upgrade"]) == 0
    assert main(["demo", "load"]) == 0
    return tmp_path


def test_users_show_json_has_roles_subscriptions_and_progress(
    demo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["users", "show", "learner@demo.test", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["roles"] == ["learner"]
    assert [s["plan"] for s in data["subscriptions"]] == ["Pro"]
    assert data["progress"]["courses_enrolled"] == 1
    assert "password_hash" not in json.dumps(data)


def test_subscriptions_cancel_then_refuse_twice(
    demo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["subscriptions", "cancel", "learner@demo.test"]) == 0
    assert "cancelled" in capsys.readouterr().out
    assert main(["subscriptions", "cancel", "learner@demo.test"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("elearn: error: ")
    assert err.count("\n") == 1
    assert main(["users", "show", "learner@demo.test", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["subscriptions"][0]["status"] == "cancelled"


def test_subscriptions_extend_validates_the_date(
    demo_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["subscriptions", "extend", "learner@demo.test", "--until", "soon"]) == 2
    assert "--until" in capsys.readouterr().err
