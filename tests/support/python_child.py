"""Run a snippet of Python in a fresh interpreter (what a start-up imports, say)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_code(code: str, *args: str, env: Mapping[str, str] | None = None) -> str:
    """``python -c code args…`` from the repository, without the caller's ELEARN_*
    settings (plus ``env``); its standard output. Fails the test with its stderr if the
    child fails."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("ELEARN_")}
    child_env.update(env or {})
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
