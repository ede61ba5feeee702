"""Lists shared by the screens: a flat sortable-looking tree, plain one-line titles, and
a delegate that draws search matches (``<mark>``) in a row.

``make_tree`` makes the single-selection lists of the browser, review, history and summary
(names elided in the middle, the whole name in the row's tooltip); ``list_title`` is a
question's first line without its Markdown; ``HtmlDelegate`` paints an item's
``HTML_ROLE`` rich text when it has one.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
)

from ..render.plain import plain_title

HTML_ROLE = Qt.ItemDataRole.UserRole + 2


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's ``HTML_ROLE`` rich text (search matches in <mark>) when it has one."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        markup = index.data(HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.highlightedText() if selected else option.palette.text()
        document.setDefaultStyleSheet(
            f"body {{ color: {colour.color().name()}; }}"
            " mark { background-color: #ffd33d; color: #1f2328; }"
        )
        document.setHtml(f"<body>{markup}</body>")
        painter.save()
        rect = option.rect.adjusted(3, 0, -3, 0)
        painter.translate(rect.left(), rect.top() + (rect.height() - document.size().height()) / 2)
        painter.setClipRect(0, 0, rect.width(), rect.height())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index)


def make_tree(object_name: str, headers: list[str]) -> QTreeWidget:
    """A flat, single-selection list with a stretching first column."""
    tree = QTreeWidget()
    tree.setObjectName(object_name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree


def list_title(markdown: str) -> str:
    """A question's first line as plain text (no Markdown), for a one-line list."""
    return plain_title(markdown)
