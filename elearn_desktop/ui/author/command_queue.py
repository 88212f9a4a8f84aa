"""The editor's ordered work queue: database work off the GUI thread, one item at a time.

Undo commands hand their work here (``submit`` is a :data:`commands.Runner`); loads go
through ``run``. A one-thread pool keeps everything in the order it was asked for, so an
undo never overtakes the edit it undoes. After a failure, ``drop_queued`` makes the items
queued behind it skip (they were planned on a state the database no longer has).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from elearn_desktop.ui.author.commands import AuthoringCommand
from elearn_desktop.ui.ops import BackgroundOp


class SkippedError(Exception):
    """A queued item that was dropped because an earlier one failed."""


class CommandQueue(QObject):
    step_done = Signal(object, object)  # command, result
    step_failed = Signal(object, object)  # command, exception (never SkippedError)
    busy_changed = Signal(bool)
    saving_changed = Signal(bool)  # a command (not only reads) is pending, or no more

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending = 0
        self._saving = 0  # commands among the pending items (the rest read)
        self._generation = 0

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @property
    def saving(self) -> bool:
        """Whether a command (a change) is among the pending items, not only reads."""
        return self._saving > 0

    def drop_queued(self) -> None:
        """Items queued so far skip their work (when they get their turn)."""
        self._generation += 1

    def submit(self, command: AuthoringCommand, work: Callable[[], Any]) -> None:
        """Queue a command's step; ``step_done``/``step_failed`` report it."""
        self.run(
            work,
            label=command.text(),
            on_success=lambda result: self.step_done.emit(command, result),
            on_failure=lambda exc: self.step_failed.emit(command, exc),
            change=True,
        )

    def run(
        self,
        work: Callable[[], Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        label: str = "",
        skippable: bool = True,
        change: bool = False,
    ) -> None:
        """Queue ``work``. ``skippable=False``: it runs even after ``drop_queued`` (a read
        of what the database holds, such as a module's lessons, depends on no earlier step).
        ``change``: it writes (``saving`` is True until it is done)."""
        generation = self._generation

        def guarded() -> Any:
            if skippable and generation != self._generation:
                raise SkippedError()
            return work()

        def done(result: Any) -> None:
            self._finished(change)
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._finished(change)
            if not isinstance(exc, SkippedError):
                on_failure(exc)

        self._saving += change
        if change and self._saving == 1:
            self.saving_changed.emit(True)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        BackgroundOp(guarded, label=label).on_success(done).on_failure(failed).run(
            parent=self, pool=self._pool
        )

    def _finished(self, change: bool) -> None:
        self._saving -= change
        if change and self._saving == 0:
            self.saving_changed.emit(False)
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
