"""The review screen and "Practise weakest", driven with clicks and keys."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from conftest import rendered
from interview_prep.app import create_window
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.plan import Order
from interview_prep.practice.recorder import AttemptRecord
from interview_prep.stats.figures import Stats
from interview_prep.store import open_database
from interview_prep.store.session_log import StoreRecorder
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.session_setup import ORDER_LABELS

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=200)  # both practised questions are due by then
SENSOR = "what-is-a-sensor-in-apache-airflow-and-e2f7589f"
POKE = "what-are-the-differences-between-poke-and-reschedule-722573b4"


def history(data_dir: Path, records: list[tuple[str, int, int | None]]) -> None:
    """Store attempts ``(question id, day, rating)`` as one session each day."""
    from interview_prep.paths import DataPaths

    paths = DataPaths(data_dir).ensure()
    db = open_database(paths.database)
    recorder = StoreRecorder(db)
    session = recorder.session_started({}, T0)
    for question_id, day, rating in records:
        start = T0 + timedelta(days=day)
        recorder.question_finished(
            session,
            AttemptRecord(
                position=0, question_id=question_id, question_text="?", topic="T",
                bank_id="airflow-questions", started_at=start,
                ended_at=start + timedelta(minutes=2), duration_seconds=120,
                time_limit_seconds=180, notes=f"notes of day {day}", rating=rating,
                revealed_at=None, skipped=rating is None,
            ),
            None,
            start,
        )  # fmt: skip
    recorder.session_ended(session, "finished", NOW)
    db.close()


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    sensor_ids = [SENSOR, POKE]
    history(
        data_dir,
        [
            (sensor_ids[0], 0, 1),
            (sensor_ids[0], 1, 2),
            (sensor_ids[1], 2, 4),
            (sensor_ids[1], 3, 4),
        ],
    )
    win = create_window(data_dir)
    win.clock = FakeClock(NOW)
    win.rng = random.Random(3)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.refresh_recent()
    return win


def test_ids_used_here_are_in_the_bundled_bank(window: MainWindow) -> None:
    ids = window.catalog.by_id()
    assert ids[SENSOR].question.startswith("What is a Sensor")
    assert ids[POKE].question.startswith("What are the differences between `poke`")


def test_home_shows_what_is_due(window: MainWindow) -> None:
    label = window.findChild(QLabel, "dueLabel")
    assert label is not None and "2" in label.text() and "due for review" in label.text()


def test_review_screen_lists_topics_weakest_first_and_sorts(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.mouseClick(window.home.review_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.review_view
    topics = window.findChild(QTreeWidget, "topicStatsTable")
    assert topics is not None
    qtbot.waitUntil(lambda: topics.topLevelItemCount() > 0)  # read on the database thread
    names = [topics.topLevelItem(i).text(0) for i in range(topics.topLevelItemCount())]
    assert names[0] == "Implementations / DAGs"  # practised today: at the top, not the bottom
    assert topics.topLevelItem(0).text(4) == "4"  # attempts
    assert topics.topLevelItem(0).text(3) == "2/15"
    group = topics.topLevelItem(len(names) - 1)
    assert names[-1] == f"Not practised yet ({group.childCount()} topics)"
    never = [group.child(i) for i in range(group.childCount())]
    assert never and all(item.text(4) == "0" for item in never)
    assert {item.text(0) for item in never}.isdisjoint(names)
    header = topics.header()
    attempts_column = QPoint(header.sectionViewportPosition(4) + 10, header.height() // 2)
    for _ in range(2):  # either direction: the group of never practised stays below
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=attempts_column)
        last = topics.topLevelItem(topics.topLevelItemCount() - 1)
        assert last.text(0).startswith("Not practised yet")
    window.review_view.select_topic(never[0].text(0))  # a topic inside the group
    assert window.review_view.current_topic() == never[0].text(0)


def review(qtbot: QtBot, window: MainWindow) -> None:
    """Open the review screen and wait for its figures (read on the database thread)."""
    with qtbot.waitSignal(window.review_view.figures_shown):
        window.show_review()
    assert window.review_view.topics.topLevelItemCount() > 0


def test_figures_arrive_in_turns_without_undoing_a_choice(qtbot: QtBot, window: MainWindow) -> None:
    """The charts and the topic's questions follow the table a turn or two later; a topic
    chosen in between stays chosen, and otherwise the weakest is shown."""
    review(qtbot, window)
    view = window.review_view
    weakest = view.topics.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole + 11)
    assert view.current_topic() == weakest and view.questions.topLevelItemCount() > 0
    assert view.mastery_chart.bars()[0][0] == view.stats.topics[0].topic  # type: ignore[union-attr]
    with qtbot.waitSignal(view.figures_shown):
        view.show_stats(view.stats, [], NOW)  # type: ignore[arg-type]
        assert view.current_topic() is None  # the table is new; its topic comes later
        view.select_topic("Architecture")
    assert view.current_topic() == "Architecture"
    assert "Architecture" in view.questions_label.text()


def test_a_question_opens_its_history(qtbot: QtBot, window: MainWindow) -> None:
    review(qtbot, window)
    window.review_view.select_topic("Implementations / DAGs")
    questions = window.findChild(QTreeWidget, "topicQuestionsTable")
    assert questions is not None
    rows = {questions.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 11): i
            for i in range(questions.topLevelItemCount())}  # fmt: skip
    item = questions.topLevelItem(rows[SENSOR])
    assert item.text(3) == "Hard" and item.text(4) == "2"
    questions.setCurrentItem(item)
    questions.setFocus()
    qtbot.keyClick(questions, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "questionHistoryDialog") is not None)
    dialog = window.findChild(QDialog, "questionHistoryDialog")
    assert dialog is not None and dialog.isVisible()
    table = dialog.findChild(QTreeWidget, "historyTable")
    assert [table.topLevelItem(i).text(3) for i in range(table.topLevelItemCount())] == [
        "Hard",
        "Again",
    ]
    text = dialog.findChild(QLabel, "historySummary").text()
    assert "2 attempts" in text
    view_text = rendered(qtbot, dialog.view)  # type: ignore[attr-defined]
    assert "notes of day 1" in view_text and "Reference answer" in view_text


def test_practise_weakest_starts_with_due_then_weakest(qtbot: QtBot, window: MainWindow) -> None:
    known: list[Stats] = []
    window.figures.stats(known.append)
    qtbot.waitUntil(lambda: bool(known))
    weakest = known[0].weakest_questions(NOW)
    qtbot.mouseClick(
        window.findChild(QPushButton, "practiseWeakestButton"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session_view)
    engine = window.engine
    assert engine is not None
    assert engine.plan.settings.order is Order.DUE_THEN_WEAKEST
    ids = [run.question.id for run in engine.runs]
    assert set(ids[:2]) == {SENSOR, POKE} == {q.id for q in weakest[:2]}  # both are due
    assert ids == [q.id for q in weakest[:5]]


def test_practise_a_topic_from_the_review_screen(qtbot: QtBot, window: MainWindow) -> None:
    review(qtbot, window)
    window.review_view.select_topic("Architecture")
    qtbot.mouseClick(window.review_view.topic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.engine is not None)
    engine = window.engine
    assert engine is not None
    assert {run.question.topic for run in engine.runs} == {"Architecture"}


def test_set_up_offers_due_then_weakest() -> None:
    assert ORDER_LABELS[Order.DUE_THEN_WEAKEST] == "Due for review first, then weakest"


def test_topic_and_question_names_are_not_squeezed(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(900, 700)
    review(qtbot, window)
    view = window.review_view
    qtbot.waitUntil(lambda: view.questions.topLevelItemCount() > 0)
    qtbot.wait(10)  # the columns are fitted a turn after the rows arrive
    for table, minimum in ((view.topics, 200), (view.questions, 260)):
        item = table.topLevelItem(0)
        metrics = table.fontMetrics()
        needed = min(metrics.horizontalAdvance(item.text(0)), minimum)
        assert table.header().sectionSize(0) >= needed, item.text(0)
        assert item.toolTip(0)  # the whole name, where it is still elided
    assert view.topics.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_the_review_screen_shows_the_chosen_topics_over_time(
    qtbot: QtBot, window: MainWindow
) -> None:
    review(qtbot, window)
    view = window.review_view
    practised = view.topics.topLevelItem(0)
    view.topics.clearSelection()
    rect = view.topics.visualItemRect(practised)
    qtbot.mouseClick(view.topics.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(view.trend_chart.lines()))
    assert list(view.trend_chart.lines()) == [practised.text(0)]
    qtbot.mouseClick(view.charts.tabBar(), Qt.MouseButton.LeftButton,
                     pos=view.charts.tabBar().tabRect(3).center())  # fmt: skip
    assert view.charts.tabText(3) == "Mastery over time" and view.trend_chart.isVisible()
    points = view.trend_chart.lines()[practised.text(0)]
    assert len(points) >= 2  # weeks from the first attempt to now


def test_a_topic_exports_to_pdf_with_the_latest_notes(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from interview_prep.ui.pdf_export import _render_all, document_for, topic_pages
    from interview_prep.ui.review_controller import safe_file_stem

    review(qtbot, window)
    view = window.review_view
    view.select_topic("Implementations / DAGs")
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "dags.pdf"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(view.pdf_written, timeout=20_000):
        qtbot.mouseClick(view.topic_pdf_button, Qt.MouseButton.LeftButton)
    assert asked[0].endswith("Implementations - DAGs.pdf")
    assert (tmp_path / "dags.pdf").read_bytes().startswith(b"%PDF")
    assert safe_file_stem("a/b: c?") == "a - b - c"

    questions = [q for q in window.catalog.questions() if q.id == SENSOR]
    from interview_prep.ui.pdf_export import LastAttempt

    latest = {SENSOR: LastAttempt("2026-10-04", "Easy", "notes of day 3", None)}
    pages = topic_pages(questions, latest, lambda _id: None)
    text = document_for("T", _render_all(window.render_cache, pages)).toPlainText()
    assert "last practised 2026-10-04 · Easy" in text and "notes of day 3" in text
    assert "Reference answer" in text


def test_the_set_up_can_ask_for_the_questions_due_now(qtbot: QtBot, window: MainWindow) -> None:
    from interview_prep.ui.session_setup import SessionSetupDialog

    dialog = window.open_session_setup()
    assert isinstance(dialog, SessionSetupDialog)
    qtbot.waitUntil(lambda: dialog.due is not None)  # read on the database thread
    dialog.due_check.setChecked(True)
    assert dialog.available_label.text() == "of 2 available"  # the two practised, due now
    dialog.count_spin.setValue(5)
    qtbot.mouseClick(dialog.begin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.engine is not None)
    engine = window.engine
    assert engine is not None and len(engine.runs) == 2  # only what is due
