"""A revision script of ``alembic/versions`` read by another one (its SQL text, say).

A revision that changes what an earlier one wrote (``CREATE OR REPLACE`` of a function)
builds its text from that revision's own constants, so the downgrade restores exactly
what was there. Revision files are not importable by name (their names start with a
digit), hence this loader.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_sibling(here: str, filename: str) -> ModuleType:
    """The module of revision file ``filename`` in the folder of ``here`` (a ``__file__``)."""
    path = Path(here).with_name(filename)
    spec = importlib.util.spec_from_file_location(f"elearn_revision_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot read the revision file {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
