"""The set-up dialog of a mock interview: which topics, how many questions, in what order,
how much time, Practice or Pressure, and whether unanswered questions may come up.

It only edits a ``SessionSettings``; the caller plans the session. The count is capped by
the questions the current choices allow, which the dialog shows as it changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Question
from ..practice.plan import MAX_QUESTIONS, MAX_TIME_OVERRIDE, Mode, Order, SessionSettings, eligible

ORDER_LABELS = {
    Order.RANDOM: "Random",
    Order.BANK: "In bank order",
    Order.NEVER_PRACTISED_FIRST: "Never practised first",
    Order.DUE_THEN_WEAKEST: "Due for review first, then weakest",
}


class SessionSetupDialog(QDialog):
    def __init__(
        self,
        questions: Sequence[Question],
        topics: Sequence[str],
        settings: SessionSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionSetupDialog")
        self.setWindowTitle("Start a mock interview")
        self.questions = list(questions)

        self.topic_list = QListWidget()
        self.topic_list.setObjectName("topicChoices")
        chosen = set(settings.topics)
        for topic in topics:
            item = QListWidgetItem(topic)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = not chosen or topic in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.topic_list.addItem(item)
        all_button = QPushButton("All")
        none_button = QPushButton("None")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))

        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("questionCountSpin")
        self.count_spin.setRange(1, MAX_QUESTIONS)
        self.count_spin.setValue(settings.count)
        self.available_label = QLabel()
        self.available_label.setObjectName("availableLabel")

        self.order_combo = QComboBox()
        self.order_combo.setObjectName("orderCombo")
        for order, label in ORDER_LABELS.items():
            self.order_combo.addItem(label, order.value)
        self.order_combo.setCurrentIndex(list(ORDER_LABELS).index(settings.order))

        self.own_time = QRadioButton("Each question's own time (by kind if it has none)")
        self.fixed_time = QRadioButton("The same for every question:")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(1, MAX_TIME_OVERRIDE // 60)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setValue(max(1, (settings.time_override or 300) // 60))
        time_group = QButtonGroup(self)
        time_group.addButton(self.own_time)
        time_group.addButton(self.fixed_time)
        (self.fixed_time if settings.time_override else self.own_time).setChecked(True)
        self.minutes_spin.setEnabled(self.fixed_time.isChecked())
        self.fixed_time.toggled.connect(self.minutes_spin.setEnabled)

        self.practice_mode = QRadioButton("Practice: see the answer after each attempt")
        self.practice_mode.setObjectName("practiceModeRadio")
        self.pressure_mode = QRadioButton("Pressure: answers only at the end")
        self.pressure_mode.setObjectName("pressureModeRadio")
        mode_group = QButtonGroup(self)
        mode_group.addButton(self.practice_mode)
        mode_group.addButton(self.pressure_mode)
        (self.pressure_mode if settings.mode is Mode.PRESSURE else self.practice_mode).setChecked(
            True
        )

        self.unanswered_check = QCheckBox("Include questions without a reference answer")
        self.unanswered_check.setObjectName("includeUnansweredCheck")
        self.unanswered_check.setChecked(settings.include_unanswered)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.begin_button = buttons.addButton("Begin", QDialogButtonBox.ButtonRole.AcceptRole)
        self.begin_button.setObjectName("beginSessionButton")
        self.begin_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        topic_buttons = QHBoxLayout()
        topic_buttons.addWidget(all_button)
        topic_buttons.addWidget(none_button)
        topic_buttons.addStretch()
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_spin)
        count_row.addWidget(self.available_label, 1)
        time_rows = QVBoxLayout()
        time_rows.addWidget(self.own_time)
        fixed_row = QHBoxLayout()
        fixed_row.addWidget(self.fixed_time)
        fixed_row.addWidget(self.minutes_spin)
        fixed_row.addStretch()
        time_rows.addLayout(fixed_row)
        mode_rows = QVBoxLayout()
        mode_rows.addWidget(self.practice_mode)
        mode_rows.addWidget(self.pressure_mode)

        form = QFormLayout()
        form.addRow("Topics:", self.topic_list)
        form.addRow("", topic_buttons)
        form.addRow("Questions:", count_row)
        form.addRow("Order:", self.order_combo)
        form.addRow("Time:", time_rows)
        form.addRow("Mode:", mode_rows)
        form.addRow("", self.unanswered_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self.topic_list.itemChanged.connect(self._update_available)
        self.unanswered_check.toggled.connect(self._update_available)
        self._update_available()

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.topic_list.count()):
            self.topic_list.item(row).setCheckState(state)

    def _checked(self) -> list[str]:
        items = [self.topic_list.item(row) for row in range(self.topic_list.count())]
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def chosen_topics(self) -> tuple[str, ...]:
        """The ticked topics; empty when all are ticked (so new topics join in later)."""
        checked = self._checked()
        return () if len(checked) == self.topic_list.count() else tuple(checked)

    def _update_available(self) -> None:
        available = len(eligible(self.questions, self.settings())) if self._checked() else 0
        self.available_label.setText(f"of {available} available")
        self.begin_button.setEnabled(available > 0)
        self.begin_button.setToolTip("" if available else "No question matches these choices")

    def settings(self) -> SessionSettings:
        return SessionSettings(
            topics=self.chosen_topics(),
            count=self.count_spin.value(),
            order=Order(self.order_combo.currentData()),
            time_override=self.minutes_spin.value() * 60 if self.fixed_time.isChecked() else None,
            mode=Mode.PRESSURE if self.pressure_mode.isChecked() else Mode.PRACTICE,
            include_unanswered=self.unanswered_check.isChecked(),
        )
