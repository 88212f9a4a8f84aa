"""Translation catalogues: extract tr() strings into .ts, compile .ts into .qm.

    python scripts/translations.py update   # after changing user-facing strings
    python scripts/translations.py check    # exit 1 if a .ts or .qm is out of date

``update`` runs PySide6's ``pyside6-lupdate`` over ``elearn_desktop/ui`` into every
``resources/translations/elearn_<lang>.ts`` (new strings appear there as unfinished, for
Qt Linguist: ``pyside6-linguist resources/translations/elearn_de.ts``; the English
catalogue, ``elearn_en.ts``, holds only the plural forms of counted strings), then
``pyside6-lrelease`` compiles each into the ``.qm`` the app loads. Both are committed, so
a checkout and the bundle run without a build step; ``check`` (also a test) fails when
someone changed strings or translations without running ``update``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "elearn_desktop" / "ui"
CATALOGUES = ROOT / "resources" / "translations"
SOURCE_LANGUAGE = "en"


def _tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv's bin), else on PATH."""
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is missing: install the project (scripts/dev setup) first")
    return found


def catalogues() -> list[Path]:
    return sorted(CATALOGUES.glob("elearn_*.ts"))


def lupdate(ts_files: list[Path]) -> None:
    """Refresh ``ts_files`` from the sources (keeps translations, drops vanished strings).

    No source locations are written: a .ts then changes only when strings change. The
    source language's catalogue (``elearn_en.ts``) gets only the plural forms.
    """
    for ts in ts_files:
        plural_only = ["-pluralonly"] if ts.stem.endswith(f"_{SOURCE_LANGUAGE}") else []
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-silent",
                "-extensions",
                "py",
                "-locations",
                "none",
                "-no-obsolete",
                *plural_only,
                str(SOURCES),
                "-ts",
                str(ts),
            ],
            check=True,
        )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def update() -> int:
    files = catalogues()
    if not files:
        print(f"no catalogues in {CATALOGUES}", file=sys.stderr)
        return 1
    lupdate(files)
    for ts in files:
        lrelease(ts, ts.with_suffix(".qm"))
        print(f"translations: {ts.name} -> {ts.with_suffix('.qm').name}")
    return 0


def stale() -> list[str]:
    """What is out of date, in words (empty when everything is current)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in catalogues():
            fresh_ts = Path(tmp) / ts.name
            shutil.copy(ts, fresh_ts)
            lupdate([fresh_ts])
            if fresh_ts.read_bytes() != ts.read_bytes():
                problems.append(f"{ts.name} does not match the strings in the code")
            fresh_qm = Path(tmp) / f"{ts.stem}.qm"
            lrelease(ts, fresh_qm)
            qm = ts.with_suffix(".qm")
            if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                problems.append(f"{qm.name} is not compiled from the current {ts.name}")
    return problems


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        return update()
    if command == "check":
        problems = stale()
        for problem in problems:
            print(f"translations: {problem}; run `scripts/dev translations`", file=sys.stderr)
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
