"""Take screenshots of the sign-in dialog and each workspace (offscreen) for the README.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR]

Uses a temporary embedded database with the demo content, signed in as the demo admin.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ELEARN_DATA_DIR"] = tempfile.mkdtemp(prefix="elearn-shots-")
os.environ.pop("ELEARN_DATABASE_URL", None)

from PySide6.QtCore import QEventLoop, QTimer

from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.demo import demo_id
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.application import SMOKE_ACCOUNT, build_window, create_application
from elearn_desktop.ui.login_dialog import LoginDialog


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    create_application(sys.argv)
    dialog = LoginDialog()
    dialog.email.setText(SMOKE_ACCOUNT[0])
    dialog.show()
    _wait(300)
    dialog.grab().save(str(out / "sign-in.png"))
    dialog.close()
    session = sign_in(EMBEDDED_PROFILE, *SMOKE_ACCOUNT)
    window = build_window()
    window.resize(1280, 800)
    window.set_session(session)
    window.show()
    _wait(2500)
    shots = {"learn": 0, "author": 1, "support": 2}
    if window.author is not None:  # the admin authors nothing: show every author's courses
        window.author.courses.courses_page.all_courses.setChecked(True)  # type: ignore[attr-defined]
    for name, row in shots.items():
        window.sidebar.setCurrentRow(row)
        _wait(1500)
        window.grab().save(str(out / f"{name}.png"))
    window.sidebar.setCurrentRow(0)
    window.open_lesson(demo_id("lesson:introduction-to-python:0:1"))
    _wait(1500)
    window.grab().save(str(out / "lesson.png"))
    for path in sorted(out.glob("*.png")):
        print(path)
    window.close()
    session.close()


if __name__ == "__main__":
    main()
