"""Render the app's screens offscreen to ``docs/screenshots/`` (run after UI changes).

    .venv/bin/python scripts/screenshots.py

Each screen is built exactly as the app builds it, on a throw-away data directory holding
only the bundled bank, and saved with ``QWidget.grab()``:

* ``startup.png``: the window painted at once while the main window's modules load;
* ``main-window-loading.png``: the main window's first paint, before its banks are read;
* ``data-folder-problem.png``: asked at start when the data folder cannot be used;
* ``main-window.png``: the bank browser;
* ``answer-light.png`` / ``answer-dark.png``: a bundled answer with code and nested lists;
* ``answer-constructs-light.png`` / ``-dark.png``: every construct the renderer knows
  (table, fold open and closed, quote, inline code), since no bundled answer has a table;
* ``session-reveal-wait-dark.png``: a new question in the dark theme, Reveal disabled and the
  line that says when it comes;
* ``session-end-confirm.png``: End session asks first when it would cut the session short;
* ``session-pdf.png``: the first page of a session exported to PDF;
* ``session-setup.png``, ``session-question.png`` (amber countdown), ``session-revealed.png``
  (the key-point checklist beside the answer), ``session-not-saved.png`` (the banner when the
  database refuses a write), ``session-summary.png``: a mock interview from
  set-up to summary, on a fake clock;
* ``session-point-shown.png`` (a missed point clicked: shown in the answer, its fold opened),
  ``session-star.png`` (a behavioural question's STAR notes), ``session-talk.png`` (talking
  it through), ``session-talk-revealed.png`` (ticking what was said, a reflection),
  ``session-summary-feedback.png`` (key points and STAR parts in the summary); the talk
  screens record a spoken answer from a file (espeak-ng): the level meter while recording,
  then the player and the metrics after the reveal, ``session-summary-recording.png`` and
  ``question-history-recording.png`` (an earlier attempt's recording in its history);
* ``review-trend.png``: three topics' mastery over time, by week;
* ``review.png``, ``review-activity.png``, ``review-calendar.png``, ``question-history.png``:
  the review screen on a generated history (``bench/make_history.py``, smaller);
* ``browser-search.png``, ``question-editor.png``, ``import-preview.png``: searching the
  bank, editing a question with its live preview, and the import dialog's preview.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from array import array
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from interview_prep.app import application, create_window
from interview_prep.audio import codec
from interview_prep.audio.file_backend import INPUT_ENV, FileBackend
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.rating import Rating
from interview_prep.ui.answer_view import AnswerView, Section
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.preferences import TALK_IT_THROUGH, ThemeChoice

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

CONSTRUCTS = """\
#### Executors compared

| Executor | Runs tasks | Scales out |
| :------- | :--------- | :--------: |
| `LocalExecutor` | in processes on the scheduler's machine | no |
| `CeleryExecutor` | on Celery workers via a broker | yes |
| `KubernetesExecutor` | in one pod per task | yes |

> Pick the simplest executor that meets your load.

1. **Sequential**: one task at a time
   - for development only
2. **Local**: parallel on one machine

<details><summary>Show a configuration example</summary>

```ini
[core]
executor = CeleryExecutor
```
</details>

<details><summary>Why not always Kubernetes?</summary>

Pod start-up adds seconds to every task.
</details>
"""


def _select(window: MainWindow, topic: str, row: int) -> None:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    window.topic_list.setCurrentItem(window.topic_list.findItems(topic, flags)[0])
    window.question_list.setCurrentItem(window.question_list.topLevelItem(row))


# A data folder as a user would see it (not this run's temporary one): the same picture
# on every run.
SHOWN_DATA_DIR = Path("/home/you/.local/share/interview-prep")


def _until(ready: Callable[[], object]) -> None:
    """Process events until ``ready()``: what the database thread reads arrives later."""
    deadline = time.monotonic() + 30
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for the window")
        QApplication.processEvents()
        time.sleep(0.002)


def _save(widget: QWidget, name: str) -> None:
    from interview_prep.ui.answer_view import AnswerView

    QApplication.processEvents()
    views = widget.findChildren(AnswerView)  # they render on a worker thread
    if isinstance(widget, AnswerView):
        views.append(widget)
    _until(lambda: not any(view.rendering for view in views))
    path = OUT / name
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        from interview_prep.ui.startup_window import StartupWindow

        application()
        startup = StartupWindow(Path(data_dir))
        startup.resize(1200, 760)
        startup.show()
        _save(startup, "startup.png")
        startup.close()

        from interview_prep.app import _build_window, _prepare

        loading = _build_window(_prepare(Path(data_dir)), session_screens_later=True)
        loading.resize(1200, 760)
        loading.show()
        _save(loading, "main-window-loading.png")  # saved before the banks are read
        loading.close()

        from interview_prep.ui.data_folder_dialog import DataFolderDialog

        folder = DataFolderDialog(SHOWN_DATA_DIR, "the disk is read-only")
        folder.show()
        _save(folder, "data-folder-problem.png")
        folder.close()

        window = create_window(Path(data_dir))
        window.resize(1200, 760)
        window.show()
        _select(window, "Implementations / DAGs", 1)
        _save(window, "main-window.png")
        window.close()

        for choice in (ThemeChoice.LIGHT, ThemeChoice.DARK):
            window = create_window(Path(data_dir))
            window.display.set_theme(choice)
            _select(window, "Implementations / DAGs", 1)
            view = AnswerView(window.render_cache)
            window.display.apply(view)
            question = window.browser.current_question()
            assert question is not None
            view.show_sections(
                [Section(question.question, emphasis=True), Section(question.answer or "")],
                caption=question.topic,
            )
            view.resize(760, 1000)
            view.show()
            _save(view, f"answer-{choice.value}.png")

            view.show_sections(
                [Section("How do the executors compare?", emphasis=True), Section(CONSTRUCTS)],
                caption="Architecture",
            )
            view.toggle_fold(0)
            view.resize(760, 760)
            _save(view, f"answer-constructs-{choice.value}.png")
            window.display.set_theme(ThemeChoice.SYSTEM)
            window.close()
        _session_screens(Path(data_dir))
    with tempfile.TemporaryDirectory() as data_dir:
        _feedback_screens(Path(data_dir))
    with tempfile.TemporaryDirectory() as data_dir:
        _bank_screens(Path(data_dir))
    with tempfile.TemporaryDirectory() as data_dir:
        _review_screens(Path(data_dir))
    return 0


def _bank_screens(data_dir: Path) -> None:
    from interview_prep.ui.import_dialog import ImportDialog

    root = Path(__file__).resolve().parent.parent
    window = create_window(data_dir)
    window.resize(1200, 760)
    window.show()
    window.wait_for_index()
    window.topic_list.setCurrentItem(window.topic_list.topLevelItem(0))
    window.browser.search_box.setText("executor queue")
    window.browser.refresh_questions()
    _save(window, "browser-search.png")
    window.browser.search_box.clear()
    _select(window, "Implementations / DAGs", 8)
    editor = window.bank.edit_question()
    assert editor is not None
    editor.answer_edit.setPlainText(
        editor.answer_edit.toPlainText() + "\n\n| Term | Meaning |\n| --- | --- |\n"
        "| Operator | a template for work |\n| Task | an operator in a DAG |"
    )
    editor.update_preview()
    _save(editor, "question-editor.png")
    editor.reject()
    dialog = ImportDialog(root / "tests" / "data" / "seeds" / "000_4ad25627ed5ba4cc.txt",
                          data_dir / "banks", window)  # fmt: skip
    dialog.show()
    while dialog.parsed is None:
        QApplication.processEvents()
    topic = dialog.tree.topLevelItem(0)
    if topic is not None and topic.child(0) is not None:
        topic.child(0).setCheckState(0, Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    _save(dialog, "import-preview.png")
    dialog.reject()
    window.close()


def _review_screens(data_dir: Path) -> None:
    import subprocess

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, str(root / "bench" / "make_history.py"), str(data_dir),
         "--questions", "600", "--attempts", "12000"],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    window = create_window(data_dir)
    window.resize(1280, 820)
    window.show()
    review = window.review_view
    shown: list[bool] = []
    review.figures_shown.connect(lambda: shown.append(True))
    window.show_review()
    _until(lambda: shown)
    topics = [review.topics.topLevelItem(i) for i in range(review.topics.topLevelItemCount())]
    weakest_practised = next(t for t in topics if t is not None and t.text(3) != "0")
    review.select_topic(weakest_practised.data(0, Qt.ItemDataRole.UserRole + 11))
    _save(window, "review.png")
    for index, name in ((1, "review-activity.png"), (2, "review-calendar.png")):
        review.charts.setCurrentIndex(index)
        _save(window, name)
    for item in topics[:3]:  # three topics compared over time
        if item is not None:
            item.setSelected(True)
    _until(lambda: len(review.trend_chart.lines()) == 3)
    review.charts.setCurrentIndex(3)
    _save(window, "review-trend.png")
    practised = next(
        review.questions.topLevelItem(i)
        for i in range(review.questions.topLevelItemCount())
        if review.questions.topLevelItem(i).text(3) not in ("0", "")
    )
    window.review.open_history(practised.data(0, Qt.ItemDataRole.UserRole + 11))
    _until(lambda: window.findChild(QDialog, "questionHistoryDialog"))
    dialog = window.findChild(QDialog, "questionHistoryDialog")
    assert dialog is not None
    _save(dialog, "question-history.png")
    dialog.close()
    window.close()


def _session_screens(data_dir: Path) -> None:
    import random

    window = create_window(data_dir)
    window.clock = FakeClock()
    window.rng = random.Random(11)
    window.resize(1200, 760)
    window.show()
    dialog = window.open_session_setup()
    assert dialog is not None
    dialog.count_spin.setValue(3)
    _save(dialog, "session-setup.png")
    dialog.accept()
    _until(lambda: window.engine is not None)
    view = window.session_view
    window.display.set_theme(ThemeChoice.DARK)  # the reveal still waits: disabled, and why
    window.clock.advance(4)
    view.tick()
    _save(window, "session-reveal-wait-dark.png")
    window.display.set_theme(ThemeChoice.LIGHT)
    view.notes_edit.setPlainText(
        "Bottlenecks as DAGs and tasks grow:\n"
        "- metadata DB connections (PgBouncer)\n"
        "- scheduler loop time: more schedulers, fewer top-level imports\n"
        "- workers: autoscale Celery/Kubernetes\n"
        "- monitoring + HA for scheduler and webserver"
    )
    window.clock.advance(150)
    view.tick()
    _save(window, "session-question.png")
    from interview_prep.store.journal import journal_path
    from interview_prep.store.writer import SaveState

    shown_journal = journal_path(SHOWN_DATA_DIR / "interview-prep.sqlite3")
    view.show_save_state(
        SaveState(1, "the disk is full", shown_journal)
    )  # what a refused write looks like (the state the recorder announces)
    view.save_now()
    _save(window, "session-not-saved.png")
    view.show_save_state(SaveState())
    view.reveal()
    view.rate(Rating.HARD)
    view.tick()
    _save(window, "session-revealed.png")
    view.end()  # two questions not reached: it asks first
    asking = window.findChild(QDialog, "endSessionDialog")
    assert isinstance(asking, QDialog)
    _save(asking, "session-end-confirm.png")
    asking.reject()
    view.next()
    window.clock.advance(40)
    view.skip()
    view.notes_edit.setPlainText("Pools cap how many tasks use a resource at once.")
    window.clock.advance(260)
    view.rate(Rating.GOOD)
    view.next()
    _save(window, "session-summary.png")
    _pdf_page(window)
    window.close()


def _pdf_page(window: MainWindow) -> None:
    """``session-pdf.png``: the first question's page of the session's PDF export, as
    poppler's ``pdftoppm`` draws it (skipped, with a note, where it is not installed)."""
    import shutil
    import subprocess

    from interview_prep.ui.pdf_export import _render_all, document_for, session_pages, write_pdf

    summary = window.summary_view.summary
    assert summary is not None
    pages = session_pages(summary, window.browser.base_dir)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "session.pdf"
        write_pdf(document_for("Mock interview", _render_all(window.render_cache, pages)),
                  pdf, "Mock interview")  # fmt: skip
        if shutil.which("pdftoppm") is None:
            print("session-pdf.png not made: pdftoppm (poppler-utils) is not installed")
            return
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(OUT / "session-pdf")], check=True)  # fmt: skip
        print(OUT / "session-pdf.png")


FEEDBACK_BANK = """\
title: Behavioural
questions:
  - id: conflict
    topic: Behavioural
    kind: behavioral
    question: Tell me about a time you disagreed with a teammate.
    answer: |-
      - **Situation**: set the scene in two sentences
      - **Task**: what was yours to solve
      - **Action**: what *you* did, step by step
      - **Result**: the outcome, with a number if you can
      - **Lesson**: what you would do differently
"""


def _feedback_screens(data_dir: Path) -> None:
    """The checklist with a point shown, STAR notes, talking it through, the summary."""
    from interview_prep.practice.plan import SessionSettings, plan_from_questions

    (data_dir / "banks").mkdir(parents=True)
    (data_dir / "banks" / "behavioural.yaml").write_text(FEEDBACK_BANK, encoding="utf-8")
    window = create_window(data_dir)
    window.clock = FakeClock()
    window.resize(1200, 760)
    window.show()
    by_id = window.catalog.by_id()
    questions = [
        by_id["conflict"],
        by_id["what-are-considerations-for-using-sensors-for-event-0010bcae"],
        by_id["explain-airflow-s-pool-concept-and-when-you-b9497032"],
    ]
    window.begin_session(plan_from_questions(questions, SessionSettings()))
    _until(lambda: window.engine is not None)
    view = window.session_view
    view.notes_edit.setPlainText(
        "Situation: two teams wanted the one nightly load window for their DAGs\n\n"
        "Task: I owned the scheduler config and had to pick\n\n"
        "Action: measured both runtimes, proposed pools + priority weights, "
        "wrote it up and got both leads to agree\n\n"
        "Result: "
    )
    window.clock.advance(170)
    view.tick()
    _save(window, "session-star.png")
    view.notes_edit.appendPlainText("both finished by 6am, no more pages")
    view.reveal()
    view.rate(Rating.GOOD)
    view.next()

    view.notes_edit.setPlainText(
        "poke mode holds a worker slot -> use reschedule / deferrable\n"
        "timeouts so they dont hang forever\n"
        "poke interval not too short\n"
        "lots of sensors = less parallelism"
    )
    window.clock.advance(240)
    view.reveal()
    points = view.key_points.list
    missed = next(
        i for i in range(points.count()) if points.item(i).text().startswith("Error Handling")
    )
    points.setCurrentRow(missed)
    view.answer_panel.show_point(view.key_points.points[missed])
    view.tick()
    _save(window, "session-point-shown.png")
    view.rate(Rating.HARD)
    view.next()

    view.spoken.backend = lambda: FileBackend(_spoken_answer(), pace=8.0)
    os.environ[INPUT_ENV] = str(_spoken_file(data_dir))  # the players' silent output
    view.talk_button.setChecked(True)
    take = view.spoken._take
    _until(lambda: take is not None and take.capture.seconds > 14)
    window.clock.advance(75)
    view.tick()
    view.spoken._show_level()
    _save(window, "session-talk.png")
    view.reveal()
    player = view.spoken.player
    _until(player.play_button.isEnabled)
    player.seek(player.waveform.seconds * 0.4)
    player.toggle()
    _until(lambda: player.position > player.waveform.seconds * 0.45)
    player.toggle()
    view.key_points.list.item(0).setCheckState(Qt.CheckState.Checked)
    reflection = view.notes_panel.reflection_edit
    reflection.setText("Forgot to say when I would use a pool; slow start")
    reflection.textEdited.emit(reflection.text())
    view.rate(Rating.HARD)
    view.tick()
    _save(window, "session-talk-revealed.png")
    view.next()
    window.summary_view.table.setCurrentItem(window.summary_view.table.topLevelItem(0))
    _save(window, "session-summary-feedback.png")
    window.summary_view.table.setCurrentItem(window.summary_view.table.topLevelItem(2))
    _until(window.summary_view.player.play_button.isEnabled)
    _save(window, "session-summary-recording.png")
    window.show_review()
    window.review.open_history("explain-airflow-s-pool-concept-and-when-you-b9497032")
    _until(lambda: window.findChild(QDialog, "questionHistoryDialog"))
    history = window.findChild(QDialog, "questionHistoryDialog")
    assert history is not None
    _until(history.player.play_button.isEnabled)
    history.player.seek(history.player.waveform.seconds * 0.6)
    _save(history, "question-history-recording.png")
    history.close()
    window.preferences.set(TALK_IT_THROUGH, False)
    window.close()


def _spoken_answer() -> array[int]:
    """An answer said out loud (espeak-ng when installed, else tones) with pauses."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from speech_samples import lay_out, tone

    if shutil.which("espeak-ng"):
        said = lay_out([1.2, "A pool caps how many tasks run at the same time.", 0.6,
                        "Each task takes one slot, unless you give it more.", 3.6,
                        "Priority weights decide which queued task goes first.", 1.0])  # fmt: skip
        return said.samples

    return tone(4.0) + array("h", bytes(2 * 16_000 * 2)) + tone(6.0)


def _spoken_file(data_dir: Path) -> Path:
    path = data_dir.parent / "spoken-answer.opus"
    codec.write(path, codec.Pcm(_spoken_answer()))
    return path


if __name__ == "__main__":
    sys.exit(main())
