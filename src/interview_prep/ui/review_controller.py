"""Showing progress: the review screen, the bank browser's marks, a question's history.

All of it is read on the database thread (``Figures``, ``TaskRunner.database``) and shown
when it arrives; each refreshes itself when the history or the catalogue changes
(``Stale``), at once if it is on screen and otherwise when it is next shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from ..render import RenderCache
from ..stats.figures import Stats
from .bank_browser import BankBrowser
from .changes import Change, Changes, Stale
from .figures import Figures
from .session_controller import Context
from .tasks import TaskRunner

if TYPE_CHECKING:
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
    ) -> None:
        super().__init__(window)
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

    def refresh_review(self) -> None:
        """Read the figures and the days practised, then show them."""
        view = self.review_view
        assert view is not None
        slot, clock = self.context.slot, self.figures.clock

        def days() -> list[tuple[str, int, float | None]]:
            from ..store.derived import practice_days

            return practice_days(slot.get())

        def show(stats: Stats) -> None:
            def with_days(days: list[tuple[str, int, float | None]]) -> None:
                view.show_stats(stats, days, clock.now())

            self.tasks.database(days, with_days, latest="days")

        self.figures.stats(show)

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
                    parent=self.window,
                )
                dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                dialog.open()

            self.tasks.database(read, opened)

        self.figures.stats(show)
