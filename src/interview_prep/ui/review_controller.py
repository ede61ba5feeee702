"""Showing progress: the review screen, the bank browser's marks, a question's history.

All of it is read on the database thread (``Figures``, ``TaskRunner.database``) and shown
when it arrives; each refreshes itself when the history or the catalogue changes
(``Stale``), at once if it is on screen and otherwise when it is next shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow

from ..practice.rating import rating_text
from ..render import RenderCache
from ..stats.figures import Stats
from ..stats.speaking import SpeakingFigures
from .bank_browser import BankBrowser
from .changes import Change, Changes, Stale
from .figures import Figures
from .session_controller import Context
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..stats.trend import WeeklyMastery
    from ..store.models import Attempt
    from .review_view import ReviewView


#: What the review screen and the browser's marks are read from.
DEPENDS_ON = Change.HISTORY | Change.CATALOG


class ReviewController(QObject):
    def __init__(
        self,
        window: QMainWindow,
        browser: BankBrowser,
        context: Context,
        tasks: TaskRunner,
        figures: Figures,
        changes: Changes,
        render_cache: RenderCache,
        *,
        dark: Callable[[], bool],
        recordings: Path | None = None,
    ) -> None:
        super().__init__(window)
        self.recordings = recordings
        self.window = window
        self.review_view: ReviewView | None = None
        self.changes = changes
        self.browser = browser
        self.context = context
        self.tasks = tasks
        self.figures = figures
        self.render_cache = render_cache
        self.dark = dark
        self.marks_stale = Stale(browser, DEPENDS_ON, self.annotate_browser, stale=True)
        changes.changed.connect(self.marks_stale.changed)
        browser.shown.connect(self.marks_stale.shown)
        browser.rating_filter.currentIndexChanged.connect(self.annotate_browser)
        browser.due_filter.toggled.connect(self.annotate_browser)

    def show_in(self, review_view: ReviewView) -> None:
        """Keep ``review_view`` (built after the window's first paint) up to date."""
        self.review_view = review_view
        self.review_stale = Stale(review_view, DEPENDS_ON, self.refresh_review, stale=True)
        self.changes.changed.connect(self.review_stale.changed)
        review_view.shown.connect(self.review_stale.shown)
        review_view.open_history.connect(self.open_history)
        review_view.trend_wanted.connect(self.show_trend)
        review_view.export_topic.connect(self.export_topic_pdf)

    def refresh_review(self) -> None:
        """Read the figures and the days practised, then show them."""
        view = self.review_view
        assert view is not None
        slot, clock = self.context.slot, self.figures.clock

        def days() -> tuple[list[tuple[str, int, float | None]], dict[str, SpeakingFigures]]:
            from ..stats.speaking import by_topic
            from ..store.derived import practice_days
            from ..store.history import recorded_speech

            database = slot.get()
            return practice_days(database), by_topic(recorded_speech(database))

        def show(stats: Stats) -> None:
            def with_days(
                read: tuple[list[tuple[str, int, float | None]], dict[str, SpeakingFigures]],
            ) -> None:
                view.show_stats(stats, read[0], clock.now(), speaking=read[1])

            self.tasks.database(days, with_days, latest="days")

        self.figures.stats(show)

    def delete_attempt(self, attempt_id: int, done: Callable[[int], None]) -> None:
        """Forget an attempt and delete its recording; ``done(attempt_id)`` after."""
        slot, folder, now = self.context.slot, self.recordings, self.figures.clock.now()

        def work() -> int:
            from ..audio import recordings
            from ..store.deletion import delete_attempt

            names = delete_attempt(slot.get(), attempt_id, now)
            if folder is not None:
                recordings.delete(folder, names)
            return attempt_id

        def deleted(attempt_id: int) -> None:
            done(attempt_id)
            self.changes.announce(Change.HISTORY)

        self.tasks.database(work, deleted)

    def show_trend(self, topics: list[str]) -> None:
        """Read the chosen topics' attempts and show their mastery by week."""
        view = self.review_view
        if view is None or not topics:
            if view is not None:
                view.show_trend({})
            return
        members: dict[str, list[str]] = {topic: [] for topic in topics}
        for question in self.context.catalog().questions():
            if question.topic in members:
                members[question.topic].append(question.id)
        slot, today = self.context.slot, self.figures.clock.now().astimezone().date()

        def read() -> dict[str, WeeklyMastery]:
            from ..stats.trend import mastery_by_week
            from ..store.derived import attempt_log

            ids = [qid for ids in members.values() for qid in ids]
            return mastery_by_week(attempt_log(slot.get(), ids), members, today)

        self.tasks.database(read, view.show_trend, latest="trend")

    def export_topic_pdf(self, topic: str) -> None:
        """Ask where, read each question's latest attempt, then write the topic's PDF."""
        view = self.review_view
        if view is None or not topic:
            return
        questions = [q for q in self.context.catalog().questions() if q.topic == topic]
        name, _ = QFileDialog.getSaveFileName(
            self.window, f"Export {topic} to PDF",
            str(Path.home() / f"{safe_file_stem(topic)}.pdf"), "PDF (*.pdf)",
        )  # fmt: skip
        if not name or not questions:
            return
        slot = self.context.slot
        from .pdf_export import LastAttempt, export_pdf, report_failure, topic_pages

        def read() -> dict[str, LastAttempt]:
            from ..store.attempts import attempts_for_question

            latest = {}
            for question in questions:
                attempts = attempts_for_question(slot.get(), question.id)
                if attempts:
                    a = attempts[-1]
                    when = a.started_at.astimezone().strftime("%Y-%m-%d")
                    latest[question.id] = LastAttempt(
                        when, rating_text(a.rating, a.skipped), a.notes, a.key_points,
                        a.spoken, a.reflection,
                    )  # fmt: skip
            return latest

        def write(latest: dict[str, LastAttempt]) -> None:
            pages = topic_pages(questions, latest, self.browser.base_dir)
            export_pdf(self.render_cache, topic, pages, Path(name), view.pdf_written.emit,
                       lambda reason: report_failure(self.window, reason), owner=view)  # fmt: skip

        self.tasks.database(read, write)

    def annotate_browser(self) -> None:
        """The browser's marks: each question's last rating and when it is due. Only the
        rating and due filters use them: with neither on, nothing is read (a filter turned
        on asks again)."""
        if not self.browser.filters_by_history():
            return
        now = self.figures.clock.now()

        def annotate(stats: Stats) -> None:
            questions = stats.questions
            last = {qid: q.last_rating for qid, q in questions.items() if q.practised}
            due = {qid: q.due for qid, q in questions.items() if q.due is not None}
            self.browser.set_annotations(last, due, now)

        self.figures.stats(annotate)

    def open_history(self, question_id: str) -> None:
        """Open a question's history once its attempts are read."""
        question = self.context.catalog().by_id().get(question_id)
        if question is None:
            return
        slot = self.context.slot

        def read() -> list[Attempt]:
            from ..store.attempts import attempts_for_question

            return attempts_for_question(slot.get(), question_id)

        def show(stats: Stats) -> None:
            def opened(attempts: list[Attempt]) -> None:
                from .question_history import QuestionHistoryDialog

                dialog = QuestionHistoryDialog(
                    question,
                    attempts,
                    stats.questions.get(question_id),
                    self.render_cache,
                    dark=self.dark(),
                    base_dir=self.browser.base_dir(question_id),
                    recordings=self.recordings,
                    parent=self.window,
                )
                dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dialog.delete_attempt.connect(
                    lambda attempt_id: self.delete_attempt(attempt_id, dialog.forget)
                )
                dialog.open()

            self.tasks.database(read, opened)

        self.figures.stats(show)


def safe_file_stem(text: str) -> str:
    """A topic's name as a file name: "Implementations / DAGs" -> "Implementations - DAGs"."""
    return re.sub(r"\s*[/\\:*?\"<>|]+\s*", " - ", text).strip(" .-") or "topic"
