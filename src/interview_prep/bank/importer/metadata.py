"""What a document says about its questions besides their text: difficulty, kind, time.

* **Difficulty** comes from the markers authors use: a legend of symbols ("Legend: 👶 easy
  ⭐ medium 🚀 expert", ``:baby:`` shortcodes too) whose symbols then follow questions; a
  bracketed level on the question ("[Junior]", "(Hard)"); or a section named for a level
  ("Junior", "Advanced questions"). The marker is taken off the question's text.
* **Kind** follows from the question and its section: "Design a URL shortener" or a section
  called "System design" is system design; "Write a function…", "Implement…", "Write a
  query…" or a section of coding exercises, algorithms or SQL queries is coding; "Tell me
  about a time…" or a behavioural / HR section is behavioural. Everything else is a concept.
* **Time limit**: the kind's default (see ``practice.plan``), except a multiple-choice
  question (three or more options), which gets a minute.

A legend's lines are not questions: ``mark_legend`` finds them, marks them left out and
returns the symbols they define.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Difficulty, Kind
from .scan import Kind as LineKind
from .scan import Line

_LEVEL_WORDS: dict[str, Difficulty] = {
    **dict.fromkeys(
        ("easy", "beginner", "beginners", "junior", "basic", "basics", "entry", "entry-level"),
        Difficulty.EASY,
    ),
    **dict.fromkeys(
        ("medium", "intermediate", "middle", "mid", "mid-level", "regular", "moderate"),
        Difficulty.MEDIUM,
    ),
    **dict.fromkeys(
        ("hard", "advanced", "expert", "senior", "difficult", "experienced", "pro"),
        Difficulty.HARD,
    ),
}
_LEVEL_ALTERNATION = "|".join(sorted((re.escape(w) for w in _LEVEL_WORDS), key=len, reverse=True))
# A symbol (an emoji, a ``:shortcode:``, a star run) followed by the level it stands for.
_SYMBOL = r"(:[a-z0-9_+-]+:|[^\w\s:|*_()\[\],.;/-]{1,4})"
_LEGEND_PAIR = re.compile(rf"{_SYMBOL}\s*[:=–-]?\s*\**({_LEVEL_ALTERNATION})\b\**", re.I)
_BRACKETED = re.compile(rf"\s*[\[(]\s*({_LEVEL_ALTERNATION})\s*[\])]\s*", re.IGNORECASE)
# A section named for a level; not "Basics" or "Pro tips", which name a topic.
_SECTION_WORDS = (
    "easy|beginners?|junior|medium|intermediate|middle|regular|hard|advanced|expert|senior"
)
_SECTION_LEVEL = re.compile(
    rf"^(?:(?:for|questions for)\s+)?({_SECTION_WORDS})\b(?:\s+(?:level|questions?|"
    r"interview questions?|topics?|concepts?))?\s*(?:\(.*\))?$",
    re.IGNORECASE,
)

_DESIGN = re.compile(
    r"^(?:how (?:would|do|will|could) you )?(?:design|architect)\b|\bsystem design\b", re.I
)
_DESIGN_SECTION = re.compile(r"\b(?:system|systems|software|architecture)\s+design\b", re.I)
_CODING = re.compile(
    r"^(?:(?:how (?:would|do|will|could) you |can you |please )?"
    r"(?:write|implement|code|program|create|build) "
    r"(?:an? |the |your own |some )?(?:\w+ ){0,3}?"
    r"(?:function|program|method|class|script|query|queries|code|algorithm|solution|routine|"
    r"procedure|sql|regex|regular expression|implementation|decorator|generator|iterator)\b"
    r"|implement\b|reverse (?:a|an) \w+|find (?:the )?(?:\w+ ){0,3}in (?:an? )?(?:array|list|"
    r"string|tree|linked list)\b)",
    re.IGNORECASE,
)
_CODING_SECTION = re.compile(
    r"\b(?:coding|code challenges?|programming (?:exercises|problems|tasks)|exercises|"
    r"leetcode|sql queries|problems to solve|live coding)\b",
    re.IGNORECASE,
)
_BEHAVIOURAL = re.compile(
    r"^(?:tell (?:me|us) about (?:a time|yourself|your)|describe a (?:time|situation)|"
    r"give (?:me |us )?an example of a time|have you ever|what would you do if|"
    r"why do you want|where do you see yourself|what are your (?:strengths|weaknesses))",
    re.IGNORECASE,
)
_BEHAVIOURAL_SECTION = re.compile(
    r"\b(?:behaviou?ral|hr|soft skills|culture(?: fit)?|personal|about you|teamwork)\b", re.I
)
_OPTION = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\[[ xX]\]\s+\S|[A-Ha-h][.):]\s+\S|\(?[A-Ha-h]\)\s+\S|[-*+]\s+[A-H]:\s)"
)

#: The time a multiple-choice question gets: reading the options and choosing.
MULTIPLE_CHOICE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the text says about a question; ``question`` is its text without the markers."""

    question: str
    difficulty: Difficulty | None
    kind: Kind
    time_limit: int | None


def _legend_pairs(text: str) -> dict[str, Difficulty]:
    return {
        symbol.casefold(): _LEVEL_WORDS[word.casefold()]
        for symbol, word in _LEGEND_PAIR.findall(text)
        if symbol.strip("*_")
    }


def mark_legend(lines: list[Line]) -> dict[str, Difficulty]:
    """Find the document's difficulty legend (a text line pairing two or more symbols with
    levels, or one that says "Legend"), mark its lines left out, and return the symbols."""
    legend: dict[str, Difficulty] = {}
    for line in lines[:400]:  # a legend sits near the top, before the questions
        if line.kind is not LineKind.TEXT:
            continue
        pairs = _legend_pairs(line.text)
        says_legend = "legend" in line.text.casefold() or "difficulty" in line.text.casefold()
        if len(pairs) >= 2 or (pairs and says_legend):
            legend.update(pairs)
            line.kind = LineKind.SKIP
            line.left_out = "legend"
    return legend


def section_difficulty(topic: str | None) -> Difficulty | None:
    """The level a section's name gives its questions ("Junior", "Advanced questions")."""
    if not topic:
        return None
    match = _SECTION_LEVEL.match(topic.strip())
    return _LEVEL_WORDS[match.group(1).casefold()] if match else None  # beginner(s) too


def _take_symbols(question: str, legend: dict[str, Difficulty]) -> tuple[str, Difficulty | None]:
    """The question without the legend's symbols on its first line, and the level they give."""
    first, newline, rest = question.partition("\n")
    found: Difficulty | None = None
    for symbol, level in legend.items():
        pattern = re.compile(rf"(?:^|\s){re.escape(symbol)}(?=\s|$)", re.IGNORECASE)
        if pattern.search(first):
            first = pattern.sub(" ", first)
            found = found or level
    first = " ".join(first.split()) if found else first
    return first + newline + rest, found


def _take_bracketed(question: str) -> tuple[str, Difficulty | None]:
    """ "[Junior] What is X?" or "What is X? (Hard)": the question and the level."""
    first, newline, rest = question.partition("\n")
    for match in _BRACKETED.finditer(first):
        at_start = match.start() == 0
        at_end = match.end() == len(first)
        if at_start or at_end:
            cleaned = (first[: match.start()] + " " + first[match.end() :]).strip()
            if cleaned:
                return cleaned + newline + rest, _LEVEL_WORDS[match.group(1).casefold()]
    return question, None


def _kind(question: str, topic: str | None) -> Kind:
    first = question.partition("\n")[0].strip().lstrip("*_`\"'“ ")
    section = topic or ""
    # The question's own words first ("Write a function…" under "Behavioural" is coding).
    by_question = (
        (_DESIGN.search, Kind.SYSTEM_DESIGN),
        (_CODING.match, Kind.CODING),
        (_BEHAVIOURAL.match, Kind.BEHAVIORAL),
    )
    by_section = (
        (_DESIGN_SECTION.search, Kind.SYSTEM_DESIGN),
        (_CODING_SECTION.search, Kind.CODING),
        (_BEHAVIOURAL_SECTION.search, Kind.BEHAVIORAL),
    )
    for test, kind in by_question:
        if test(first):
            return kind
    for test, kind in by_section:
        if test(section):
            return kind
    return Kind.CONCEPT


def is_multiple_choice(question: str) -> bool:
    """Three or more options under the question (``- A: …``, ``a) …``, ``- [ ] …``)."""
    return sum(1 for line in question.splitlines()[1:] if _OPTION.match(line)) >= 3


def read_metadata(question: str, topic: str | None, legend: dict[str, Difficulty]) -> Metadata:
    """Difficulty, kind and time limit of one question, and its text without the markers."""
    text, difficulty = _take_symbols(question, legend) if legend else (question, None)
    text, bracketed = _take_bracketed(text)
    difficulty = difficulty or bracketed or section_difficulty(topic)
    kind = _kind(text, topic)
    time_limit = MULTIPLE_CHOICE_SECONDS if is_multiple_choice(text) else None
    return Metadata(text.strip(), difficulty, kind, time_limit)
