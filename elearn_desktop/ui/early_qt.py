"""A few values of Qt's ``Qt`` namespace as plain ints, for the window's shell.

PySide6 (6.11) builds every Python enum of the ``Qt`` namespace — about 95 of them — the
first time anything touches ``Qt``: ~11 ms of CPU, an eighth of a bare window's whole
start (issue #8, workload 1). The widgets the main window shows before its first paint
need only these three values, so they take them from here and pass them where Qt accepts
an int: an ``int role`` argument, or a property written with ``setProperty`` (Qt's
property system turns the int into the enum or flag type). Code that runs after the first
paint uses ``Qt`` as usual. ``tests/gui/test_startup.py`` checks every value against Qt.
"""

from __future__ import annotations

#: ``Qt.AlignmentFlag.AlignCenter`` (AlignHCenter | AlignVCenter), for ``"alignment"``.
ALIGN_CENTER = 0x0084
#: ``Qt.TextFormat.PlainText``, for ``"textFormat"``.
PLAIN_TEXT = 0
#: ``Qt.ItemDataRole.UserRole``, for item data.
USER_ROLE = 0x0100
