"""A question's running tally of attempts: counts, sums, recency and time ratios.

The same arithmetic serves three callers: the store updates a stored tally one attempt at
a time, a rebuild folds the whole log, and tests fold hand-made histories; so the three
always agree. Time used against the limit is kept as a histogram of 5 % buckets (the last
bucket holds everything from 3× the limit up); medians are read from it taking a bucket's
values as spread evenly across it, exact to a few percent of the limit, and a histogram can be
merged across the questions of a topic, which a list of medians cannot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .mastery import RecencyMean, attempt_score

BUCKET = 0.05
LAST_BUCKET = 60  # 3.0 × the limit and beyond


def bucket_of(ratio: float) -> int:
    return min(LAST_BUCKET, max(0, int(ratio / BUCKET)))


def histogram_median(histogram: dict[int, int]) -> float | None:
    """The median of the values counted in ``histogram``.

    The ``c`` values of a bucket are taken as spread evenly across it (the ``i``-th at
    ``(bucket + (i + 0.5) / c) * BUCKET``); with an even count the two middle values are
    averaged, as for an ordinary median.
    """
    total = sum(histogram.values())
    if not total:
        return None
    low_rank, high_rank = (total - 1) // 2, total // 2
    low = high = (LAST_BUCKET + 1) * BUCKET
    seen = 0
    found_low = False
    for bucket in sorted(histogram):  # one pass finds both middle values
        count = histogram[bucket]
        if not found_low and low_rank < seen + count:
            low = (bucket + (low_rank - seen + 0.5) / count) * BUCKET
            found_low = True
        if high_rank < seen + count:
            high = (bucket + (high_rank - seen + 0.5) / count) * BUCKET
            break
        seen += count
    return (low + high) / 2


def merge_histograms(histograms: Iterable[dict[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = {}
    for histogram in histograms:
        for bucket, count in histogram.items():
            merged[bucket] = merged.get(bucket, 0) + count
    return merged


@dataclass(slots=True)
class Tally:
    attempts: int = 0
    rated: int = 0
    rating_sum: int = 0
    weak: int = 0  # rated Again or Hard
    timed: int = 0  # not skipped, with a time limit
    overtime: int = 0
    last_started: datetime | None = None
    last_rating: int | None = None
    recency: RecencyMean = field(default_factory=RecencyMean)
    ratio_hist: dict[int, int] = field(default_factory=dict)
    coverage: float | None = None  # key points covered by the newest attempt that checked

    def add(
        self,
        rating: int | None,
        skipped: bool,
        duration: float,
        limit: int | None,
        started_at: datetime,
        coverage: float | None = None,
    ) -> None:
        """Count one more attempt (attempts must come oldest first)."""
        self.attempts += 1
        if coverage is not None:
            self.coverage = coverage
        over = False
        if limit and not skipped:
            ratio = duration / limit
            bucket = bucket_of(ratio)
            self.ratio_hist[bucket] = self.ratio_hist.get(bucket, 0) + 1
            self.timed += 1
            over = ratio > 1.0
            self.overtime += over
        if rating is not None and not skipped:
            self.rated += 1
            self.rating_sum += rating
            self.weak += rating <= 2
            self.last_rating = rating
        elif skipped:
            self.last_rating = None
        self.recency.add(attempt_score(rating, skipped, over))
        if self.last_started is None or started_at >= self.last_started:
            self.last_started = started_at

    @property
    def mastery(self) -> float:
        """This question's mastery, 0..100."""
        return 100.0 * self.recency.value

    def hist_text(self) -> str:
        """The histogram as stored: ``"bucket:count"`` pairs, e.g. ``"12:3 13:1"``."""
        return " ".join(f"{k}:{v}" for k, v in sorted(self.ratio_hist.items()))

    @staticmethod
    def hist_from_text(text: str) -> dict[int, int]:
        if not text:
            return {}
        numbers = iter(text.replace(":", " ").split())  # bucket, count, bucket, count, …
        return {int(bucket): int(count) for bucket, count in zip(numbers, numbers, strict=False)}
