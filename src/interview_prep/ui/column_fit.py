"""A table's name column sized to its names, not squeezed by the figure columns beside it.

Qt's stretching column takes only what the figure columns leave, so in a narrow window the
review screen showed "Implementat…" next to ten wide figures. ``NameColumnFit`` keeps the
name column at least as wide as its names (up to ``minimum`` pixels when space is short, the
table scrolling sideways then), fills the view's spare width otherwise, and elides what
still does not fit in the middle, where the item's tooltip gives the whole name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTreeWidget


class NameColumnFit(QObject):
    def __init__(self, tree: QTreeWidget, column: int = 0, minimum: int = 240) -> None:
        super().__init__(tree)
        self.tree = tree
        self.column = column
        self.minimum = minimum
        tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        tree.viewport().installEventFilter(self)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.fit)
        model = tree.model()
        model.rowsInserted.connect(self._pending.start)
        model.modelReset.connect(self._pending.start)
        tree.itemExpanded.connect(self._pending.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._pending.start()
        return False

    def fit(self) -> None:
        tree, header = self.tree, self.tree.header()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != self.column)
        names = tree.sizeHintForColumn(self.column) + 8
        if self.column == 0 and tree.rootIsDecorated():
            names += tree.indentation()
        available = tree.viewport().width() - others
        header.resizeSection(self.column, max(available, min(names, self.minimum)))
