"""The mastery score, 0 to 100: how well a topic (or a question) is known right now.

An attempt scores Again 0, Hard 0.35, Good 0.75, Easy 1; a skipped attempt 0; one left
unrated 0.5 (it was tried, nothing more is known). An attempt over its time limit counts
15 % less: in an interview, a right answer that takes too long is not a full success.

A question's mastery is the recency-weighted mean of its attempts' scores, each attempt
weighing half as much as the one after it (the latest 1, the one before 0.5, then 0.25 …),
so recent practice dominates and old mistakes fade. A question never practised scores 0.

A topic's mastery is the mean of its questions' mastery, never-practised questions
included, times 100: practising three questions of a topic of thirty well does not make the
topic mastered.
"""

from __future__ import annotations

from dataclasses import dataclass

RATING_SCORES = {1: 0.0, 2: 0.35, 3: 0.75, 4: 1.0}
SKIPPED_SCORE = 0.0
UNRATED_SCORE = 0.5
OVERTIME_FACTOR = 0.85
RECENCY = 0.5  # the weight of each attempt relative to the one after it


def attempt_score(rating: int | None, skipped: bool, overtime: bool) -> float:
    if skipped:
        return SKIPPED_SCORE
    score = RATING_SCORES.get(rating or 0, UNRATED_SCORE)
    return score * OVERTIME_FACTOR if overtime else score


@dataclass(slots=True)
class RecencyMean:
    """The recency-weighted mean, updated one attempt at a time (oldest first)."""

    numerator: float = 0.0
    denominator: float = 0.0

    def add(self, score: float) -> None:
        self.numerator = score + RECENCY * self.numerator
        self.denominator = 1.0 + RECENCY * self.denominator

    @property
    def value(self) -> float:
        return self.numerator / self.denominator if self.denominator else 0.0


def topic_mastery(question_scores: list[float], total_questions: int) -> float:
    """0..100 from the practised questions' mastery (0..1) over all the topic's questions."""
    if total_questions <= 0:
        return 0.0
    return 100.0 * sum(question_scores) / total_questions
