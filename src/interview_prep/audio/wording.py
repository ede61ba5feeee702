"""Speech metrics in words, the same everywhere: after the reveal, in the summary, the
history, the exports and the review screen."""

from __future__ import annotations

from ..wording import clock_text
from .metrics import LONG_PAUSE, SpeechMetrics


def seconds_text(seconds: float) -> str:
    """``2.4 s`` under a minute, ``1:42`` from a minute on."""
    return f"{seconds:.1f} s" if seconds < 60 else clock_text(seconds)


def speech_parts(metrics: SpeechMetrics, limit: int | None = None) -> list[str]:
    """Each measure as a short phrase, in the order a user reads them."""
    if not metrics.heard:
        return [f"Recorded {clock_text(metrics.recorded)}", "no speech heard"]
    against = f" of {clock_text(limit)}" if limit else ""
    parts = [f"Talked {clock_text(metrics.talk)}{against}"]
    parts.append(f"first word after {seconds_text(metrics.first_word or 0.0)}")
    parts.append(f"{round(metrics.silence_share * 100)} % silence")
    if metrics.pauses:
        parts.append(f"longest pause {seconds_text(metrics.longest_pause)}")
    long = metrics.long_pauses
    parts.append(f"{long} pause{'s' if long != 1 else ''} over {LONG_PAUSE:.0f} s")
    rate = metrics.syllables_per_minute
    if rate is not None:
        parts.append(f"about {round(rate)} syllables a minute (estimate)")
    return parts


def speech_text(metrics: SpeechMetrics, limit: int | None = None) -> str:
    """All the measures on one line: ``Talked 1:42 of 2:00 · first word after 1.1 s · …``."""
    return " · ".join(speech_parts(metrics, limit))
