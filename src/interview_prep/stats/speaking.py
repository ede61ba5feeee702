"""Speaking figures per topic, from the metrics of the recorded attempts (``audio.metrics``):
how long answers took to say and how much of that was pause."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..audio.metrics import SpeechMetrics


@dataclass(frozen=True, slots=True)
class SpeakingFigures:
    """One topic's recorded answers in which speech was heard."""

    recordings: int
    mean_talk: float  # seconds
    mean_silence: float  # share of talk, 0..1
    longest_pause: float  # seconds, the longest of any
    long_pauses: int  # pauses over 3 s, all answers together


def by_topic(rows: Iterable[tuple[str, str]]) -> dict[str, SpeakingFigures]:
    """``rows`` of (topic, metrics JSON) folded per topic; answers with no speech left out."""
    grouped: dict[str, list[SpeechMetrics]] = defaultdict(list)
    for topic, speech in rows:
        metrics = SpeechMetrics.from_json(speech)
        if metrics.heard:
            grouped[topic].append(metrics)
    return {
        topic: SpeakingFigures(
            recordings=len(found),
            mean_talk=sum(m.talk for m in found) / len(found),
            mean_silence=sum(m.silence_share for m in found) / len(found),
            longest_pause=max(m.longest_pause for m in found),
            long_pauses=sum(m.long_pauses for m in found),
        )
        for topic, found in grouped.items()
    }
