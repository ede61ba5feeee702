"""The key-point checklist shown with a revealed answer: what the notes covered and missed.

Each key point of the reference answer is a checkable row: ticked when the notes cover it,
tinted when they miss it. The user may tick or untick any row to correct the check (Space
or a click on the box); the row then shows in italics, and its tooltip says what the
automatic check had said. A click on a row's text, or Enter, asks for its place in the
answer (``placeRequested``). The panel holds no session state: the session screen gives it
points and marks, and stores the marks it gets back through ``marksChanged``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..feedback import KeyPoint
from ..practice.coverage import PointMark, corrected, covered_count
from ..render import theme_for

POINT_ROLE = Qt.ItemDataRole.UserRole


class KeyPointsPanel(QWidget):
    marksChanged = Signal(tuple)  # tuple[PointMark, ...]: after the user ticked or unticked
    placeRequested = Signal(object)  # KeyPoint: show it in the answer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyPointsPanel")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("keyPointsSummary")
        self.summary_label.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("keyPointsList")
        self.list.setAccessibleName("Key points of the answer")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setToolTip(
            "Ticked: your notes cover it. Tick or untick to correct the check; "
            "click a point or press Enter to see it in the answer."
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.list, 1)
        self._points: tuple[KeyPoint, ...] = ()
        self._marks: tuple[PointMark, ...] = ()
        self._dark = False
        self._spoken = False
        self.list.itemChanged.connect(self._item_changed)
        self.list.itemClicked.connect(self._item_clicked)
        self.list.itemActivated.connect(self._item_clicked)

    # -- showing ------------------------------------------------------------------------
    @property
    def marks(self) -> tuple[PointMark, ...]:
        return self._marks

    @property
    def points(self) -> tuple[KeyPoint, ...]:
        return self._points

    def show_points(
        self, points: Sequence[KeyPoint], marks: Sequence[PointMark], *, spoken: bool = False
    ) -> None:
        """Show ``points`` with ``marks`` (one per point, same order)."""
        self._points = tuple(points)
        self._marks = tuple(marks)
        self._spoken = spoken
        self.list.blockSignals(True)
        self.list.clear()
        for index, (point, mark) in enumerate(zip(self._points, self._marks, strict=True)):
            item = QListWidgetItem(point.text)
            item.setData(POINT_ROLE, index)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            self.list.addItem(item)
            self._style(item, mark)
        self.list.blockSignals(False)
        self._update_summary()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        # The style draws a box's outline a shade darker than the Window colour: in the dark
        # theme that is near black, lost on a missed point's tint. A muted grey instead.
        palette = self.list.palette()
        window = QColor(theme_for(dark).muted) if dark else self.palette().window().color()
        palette.setColor(QPalette.ColorRole.Window, window)
        self.list.setPalette(palette)
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            self._style(item, self._marks[row])
        self.list.blockSignals(False)

    def clear(self) -> None:
        self._points, self._marks = (), ()
        self.list.clear()
        self.summary_label.clear()

    def _style(self, item: QListWidgetItem, mark: PointMark) -> None:
        theme = theme_for(self._dark)
        item.setCheckState(Qt.CheckState.Checked if mark.covered else Qt.CheckState.Unchecked)
        font = QFont(self.list.font())
        font.setItalic(mark.corrected)
        item.setFont(font)
        if mark.covered:
            item.setBackground(QBrush())
            item.setForeground(QBrush(QColor(theme.success)))
        else:
            item.setBackground(QBrush(QColor(theme.missed_background)))
            item.setForeground(QBrush(QColor(theme.text)))
        said = "covered" if mark.auto else "missed"
        state = "covered" if mark.covered else "missed"
        tip = f"{state.capitalize()}"
        if mark.corrected:
            tip += f" (your correction: the check said {said})"
        item.setToolTip(f"{tip}. Click or press Enter to see it in the answer.")
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip)

    def _update_summary(self) -> None:
        total = len(self._marks)
        if not total:
            self.summary_label.setText("<b>Key points</b>: none found in this answer.")
            return
        covered = covered_count(self._marks)
        fixes = sum(1 for mark in self._marks if mark.corrected)
        where = "you covered" if self._spoken else "in your notes"
        text = f"<b>Key points</b>: {covered} of {total} {where}"
        if self._spoken and not any(mark.covered for mark in self._marks):
            text += " · tick the ones you said out loud"
        if fixes:
            text += f" · {fixes} corrected by you"
        self.summary_label.setText(text)

    # -- the user's corrections ------------------------------------------------------------
    def _item_changed(self, item: QListWidgetItem) -> None:
        index = item.data(POINT_ROLE)
        if not isinstance(index, int) or index >= len(self._marks):
            return
        covered = item.checkState() == Qt.CheckState.Checked
        if covered == self._marks[index].covered:
            return
        self._marks = corrected(self._marks, index, covered)
        self.list.blockSignals(True)
        self._style(item, self._marks[index])
        self.list.blockSignals(False)
        self._update_summary()
        self.marksChanged.emit(self._marks)

    def _item_clicked(self, item: QListWidgetItem) -> None:
        index = item.data(POINT_ROLE)
        if isinstance(index, int) and index < len(self._points):
            self.placeRequested.emit(self._points[index])
