"""Key points of a STAR answer (Situation, Task, Action, Result) against notes.

A STAR point is about a part of the candidate's own story, not the reference's facts: it is
covered when the notes hold that part. Notes labelled with the parts, in full or short
("Situation:", "S:", "**Action**"), are read by ``practice.star``; a part counts when it has
a few words. Notes written as a story without labels are read by the cues each part leaves:
a situation is the story's setting (its first sentence, once the story is long enough), a
task says what fell to the teller ("I had to", "my job was"), actions are what the teller
did ("I" and a verb), and a result says how it ended (numbers, "in the end", "reduced").
"""

from __future__ import annotations

import re

from ..practice.star import PARTS, read_star

__all__ = ["STAR_LABELS", "star_covered"]

STAR_LABELS = frozenset(PARTS)
MIN_PART_WORDS = 2  # "T: fix it" tells a task
MIN_STORY_WORDS = 25
# What each part of a story without labels leaves in it.
_CUES = {
    "Task": (
        r"\b(?:i|we) (?:had|needed|was asked|were asked|was supposed) to\b|\bmy (?:job|task|"
        r"role|goal|responsibility)\b|\bi was (?:responsible|in charge|the (?:one|owner|lead|"
        r"on-call))|\bas (?:the )?(?:tech )?lead\b|\bon call\b|\bon-call\b"
    ),
    "Action": r"\bi (?!think|guess|don't|didn't|was|had|am)[a-z']+(?:ed|t)?\b",
    "Result": (
        r"\b(?:in the end|eventually|finally|as a result|result|outcome|ended up|turned out|"
        r"reduced|cut|saved|improved|restored|shipped|delivered|launched|fixed|resolved|"
        r"accepted|agreed|learned|since then|afterwards)\b|\d+\s*(?:%|percent|minutes|hours|"
        r"days|weeks|ms|x)\b"
    ),
}
_TASK, _ACTION, _RESULT = (re.compile(_CUES[name], re.IGNORECASE) for name in PARTS[1:])


def star_covered(notes: str) -> dict[str, bool]:
    """For each STAR part, whether ``notes`` tell it."""
    parts = read_star(notes)
    if parts is not None:
        return {part.name: part.words >= MIN_PART_WORDS for part in parts}
    story = notes.strip()
    long_enough = len(story.split()) >= MIN_STORY_WORDS
    return {
        "Situation": long_enough,
        "Task": bool(_TASK.search(story)),
        "Action": long_enough and len(_ACTION.findall(story)) >= 2,
        "Result": long_enough and bool(_RESULT.search(story)),
    }
