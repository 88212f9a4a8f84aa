"""Take a screenshot of each workspace (offscreen) into docs/screenshots/ (or a given folder).

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR]

Uses a temporary embedded database with the demo content.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["ELEARN_DATA_DIR"] = tempfile.mkdtemp(prefix="elearn-shots-")
os.environ.pop("ELEARN_DATABASE_URL", None)

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from elearn_desktop.services.auth import sign_in
from elearn_desktop.services.profiles import EMBEDDED_PROFILE
from elearn_desktop.ui.application import SMOKE_ACCOUNT, build_window, create_application
from elearn_desktop.ui.login_dialog import LoginDialog
from elearn_desktop.ui.main_window import WORKSPACES


def _wait(condition: object, timeout_ms: int = 20_000) -> None:
    loop_left = timeout_ms
    while loop_left > 0 and not condition():  # type: ignore[operator]
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        loop_left -= 50
    if not condition():  # type: ignore[operator]
        raise SystemExit("timed out waiting for data")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    create_application(sys.argv)
    dialog = LoginDialog()
    dialog.email.setText(SMOKE_ACCOUNT[0])
    dialog.show()
    _wait(lambda: True)
    dialog.grab().save(str(out / "sign-in.png"))
    print(out / "sign-in.png")
    dialog.close()
    session = sign_in(EMBEDDED_PROFILE, *SMOKE_ACCOUNT)
    window = build_window()
    window.resize(1200, 760)
    window.set_session(session)
    window.show()
    _wait(lambda: window.catalog_page.outline_model.rowCount() > 0)
    _wait(lambda: window.support_page.model.rowCount() > 0)
    _wait(lambda: window.author_page.model.rowCount() > 0)
    for row, workspace in enumerate(WORKSPACES):
        window.sidebar.setCurrentRow(row)
        _wait(lambda: True)
        path = out / f"{workspace.key}.png"
        window.grab().save(str(path))
        print(path)
    window.sidebar.setCurrentRow(0)


if __name__ == "__main__":
    main()
