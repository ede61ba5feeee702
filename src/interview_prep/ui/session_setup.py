"""The set-up dialog of a mock interview: which topics of which banks, narrowed by tag,
difficulty, kind and "due now", how many questions, in what order, how much time, Practice
or Pressure, and whether unanswered questions may come up.

Topics are listed under their bank (tick a bank for all its topics); "the SQL questions from
the bank I imported" is a bank ticked and a tag or topic chosen. The choices are remembered,
per bank: a bank imported since joins with all its topics. It only edits a
``SessionSettings``; the caller plans the session. The count is capped by the questions the
current choices allow, which the dialog shows as it changes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

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
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Bank, Difficulty, Kind
from ..practice.plan import (
    MAX_QUESTIONS,
    MAX_TIME_OVERRIDE,
    Mode,
    Order,
    SessionSettings,
    eligible,
    topic_key,
)

KEY_ROLE = Qt.ItemDataRole.UserRole

ORDER_LABELS = {
    Order.RANDOM: "Random",
    Order.BANK: "In bank order",
    Order.NEVER_PRACTISED_FIRST: "Never practised first",
    Order.DUE_THEN_WEAKEST: "Due for review first, then weakest",
}


class SessionSetupDialog(QDialog):
    def __init__(
        self,
        banks: Sequence[Bank],
        settings: SessionSettings,
        parent: QWidget | None = None,
        *,
        due: Collection[str] | None = None,
    ) -> None:
        """``due``: the ids of the questions due for review now (``None``: not read yet;
        ``set_due`` brings them)."""
        super().__init__(parent)
        self.setObjectName("sessionSetupDialog")
        self.setWindowTitle("Start a mock interview")
        self.banks = list(banks)
        self.questions = [q for bank in self.banks for q in bank.questions]
        self.due: frozenset[str] | None = None if due is None else frozenset(due)

        self.topic_list = QTreeWidget()
        self.topic_list.setObjectName("topicChoices")
        self.topic_list.setHeaderHidden(True)
        self.topic_list.setColumnCount(2)
        self.topic_list.setAccessibleName("Topics, by bank")
        self._fill_topics(settings)
        all_button = QPushButton("&All")
        all_button.setObjectName("allTopicsButton")
        none_button = QPushButton("N&one")
        none_button.setObjectName("noTopicsButton")
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button.clicked.connect(lambda: self._check_all(False))

        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("questionCountSpin")
        self.count_spin.setAccessibleName("How many questions")
        self.count_spin.setRange(1, MAX_QUESTIONS)
        self.count_spin.setValue(settings.count)
        self.available_label = QLabel()
        self.available_label.setObjectName("availableLabel")

        self.order_combo = QComboBox()
        self.order_combo.setObjectName("orderCombo")
        self.order_combo.setAccessibleName("Order")
        for order, label in ORDER_LABELS.items():
            self.order_combo.addItem(label, order.value)
        self.order_combo.setCurrentIndex(list(ORDER_LABELS).index(settings.order))

        self.own_time = QRadioButton("Each question's own time (by kind if it has none)")
        self.fixed_time = QRadioButton("The same for every question:")
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setAccessibleName("Minutes per question")
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

        self.tag_combo = self._choice_combo(
            "setupTagCombo", "Any tag", sorted({t for q in self.questions for t in q.tags})
        )
        self.difficulty_combo = self._choice_combo(
            "setupDifficultyCombo", "Any difficulty", [d.value for d in Difficulty]
        )
        self.kind_combo = self._choice_combo("setupKindCombo", "Any kind", [k.value for k in Kind])
        for combo, value in (
            (self.tag_combo, settings.tag),
            (self.difficulty_combo, settings.difficulty),
            (self.kind_combo, settings.kind),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.due_check = QCheckBox("Due for review now")
        self.due_check.setObjectName("setupDueCheck")
        self.due_check.setChecked(settings.due_only)

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

        filters = QHBoxLayout()
        for widget in (self.tag_combo, self.difficulty_combo, self.kind_combo, self.due_check):
            filters.addWidget(widget)
        filters.addStretch()

        form = QFormLayout()
        form.addRow("Topics:", self.topic_list)
        form.addRow("", topic_buttons)
        form.addRow("Only:", filters)
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
        self.due_check.toggled.connect(self._update_available)
        for combo in (self.tag_combo, self.difficulty_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self._update_available)
        self._update_available()

    def _fill_topics(self, settings: SessionSettings) -> None:
        chosen, known = set(settings.topics), set(settings.known_banks)
        for bank in self.banks:
            bank_item = QTreeWidgetItem([bank.title, str(len(bank.questions))])
            bank_item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            bank_item.setFlags(
                bank_item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
            )
            new_bank = bool(known) and bank.id not in known
            for topic, count in bank.topics():
                key = topic_key(bank.id, topic)
                item = QTreeWidgetItem([topic, str(count)])
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                item.setData(0, KEY_ROLE, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = not chosen or new_bank or key in chosen or topic in chosen
                item.setCheckState(0, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                bank_item.addChild(item)
            self.topic_list.addTopLevelItem(bank_item)
            bank_item.setExpanded(True)
        header = self.topic_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)

    @staticmethod
    def _choice_combo(name: str, anything: str, values: Sequence[str]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(anything.removeprefix("Any ").capitalize())
        combo.addItem(anything, "")
        for value in values:
            combo.addItem(value.replace("-", " ").capitalize(), value)
        return combo

    def topic_items(self) -> list[QTreeWidgetItem]:
        """Every topic's row, bank by bank."""
        items: list[QTreeWidgetItem] = []
        for index in range(self.topic_list.topLevelItemCount()):
            bank = self.topic_list.topLevelItem(index)
            if bank is not None:
                items += [child for row in range(bank.childCount()) if (child := bank.child(row))]
        return items

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in self.topic_items():
            item.setCheckState(0, state)

    def _checked(self) -> list[str]:
        return [
            item.data(0, KEY_ROLE)
            for item in self.topic_items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def chosen_topics(self) -> tuple[str, ...]:
        """The ticked topics; empty when all are ticked (so new topics join in later)."""
        checked = self._checked()
        return () if len(checked) == len(self.topic_items()) else tuple(checked)

    def set_due(self, due: Collection[str]) -> None:
        """The questions due for review now, read after the dialog opened."""
        self.due = frozenset(due)
        self._update_available()

    def _update_available(self) -> None:
        if self.due_check.isChecked() and self.due is None:
            self.available_label.setText("of … available (reading what is due)")
            self.begin_button.setEnabled(False)
            return
        due = self.due or frozenset()
        available = len(eligible(self.questions, self.settings(), due)) if self._checked() else 0
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
            tag=self.tag_combo.currentData(),
            difficulty=self.difficulty_combo.currentData(),
            kind=self.kind_combo.currentData(),
            due_only=self.due_check.isChecked(),
            known_banks=tuple(bank.id for bank in self.banks),
        )
