"""Undo and Redo actions for a ``QUndoStack`` whose texts follow a language switch.

``QUndoStack.createUndoAction(parent, prefix)`` keeps the prefix it was given, so its
action would say "Undo …" in the language of the moment it was made. These actions are
renamed from the stack's current texts whenever they change and when the owner calls
``retranslate()`` (from its ``changeEvent`` on ``QEvent.LanguageChange``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack


class UndoRedoActions(QObject):
    """``undo`` and ``redo``: QActions owned by ``parent``; ``mnemonics``: "&Undo"."""

    def __init__(self, stack: QUndoStack, parent: QObject, *, mnemonics: bool = True) -> None:
        super().__init__(parent)
        # The stack's texts as last announced (asking the stack itself fails while it is
        # being destroyed: it announces its clearing then).
        self._undo_text = stack.undoText()
        self._redo_text = stack.redoText()
        self._mnemonics = mnemonics
        self.undo = QAction(parent)
        self.redo = QAction(parent)
        self.undo.triggered.connect(stack.undo)
        self.redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self.retranslate()

    def _undo_text_changed(self, text: str) -> None:
        self._undo_text = text
        self.retranslate()

    def _redo_text_changed(self, text: str) -> None:
        self._redo_text = text
        self.retranslate()

    def retranslate(self) -> None:
        undo, redo = self._undo_text, self._redo_text
        if self._mnemonics:
            self.undo.setText(
                self.tr("&Undo {action}").format(action=undo) if undo else self.tr("&Undo")
            )
            self.redo.setText(
                self.tr("&Redo {action}").format(action=redo) if redo else self.tr("&Redo")
            )
        else:
            self.undo.setText(
                self.tr("Undo {action}").format(action=undo) if undo else self.tr("Undo")
            )
            self.redo.setText(
                self.tr("Redo {action}").format(action=redo) if redo else self.tr("Redo")
            )
