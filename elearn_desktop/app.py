"""Composition root of the GUI: settings -> database target -> Qt application.

Nothing happens at import time; the Qt layer is imported only inside ``main``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile

from elearn_desktop.config import ENV_DATA_DIR, ENV_DATABASE_URL, ConfigError
from elearn_desktop.domain.errors import ElearnError


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="elearn-desktop", description="The elearn desktop app.")
    parser.add_argument("--database-url", help="SQLAlchemy URL of the server database")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the main window on a temporary embedded database, then exit 0",
    )
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = _parse_args(argv[1:])
    if args.smoke:
        os.environ[ENV_DATA_DIR] = tempfile.mkdtemp(prefix="elearn-smoke-")
        os.environ.pop(ENV_DATABASE_URL, None)
    preset = None
    raw_url = args.database_url or os.environ.get(ENV_DATABASE_URL)
    if raw_url and not args.smoke:
        from elearn_desktop.services.profiles import profile_from_url

        try:
            preset = profile_from_url(raw_url)
        except (ConfigError, ElearnError) as exc:
            print(f"elearn-desktop: error: {exc}", file=sys.stderr)
            return 1
    # The app runs without automatic garbage collection (ui/gc_guard.py collects on the GUI
    # thread once the QApplication exists); off from here, the start-up's imports (PySide6
    # and the window's modules, ~2 ms of collections) are not interrupted by it either.
    gc.disable()
    from elearn_desktop.ui.application import run

    return run(preset=preset, smoke=args.smoke, argv=argv)


if __name__ == "__main__":
    raise SystemExit(main())
