"""The STAR structure of an answer to a behavioural question: Situation, Task, Action, Result.

``template()`` is what the notes start with for a question of kind ``behavioral``;
``read_star(notes)`` finds the four parts again however the user kept them ("Situation:",
"S:", "**Action**", "## Result", any case) and measures each. The summary shows which parts
are filled and how long each is; notes that are still only the template count as empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "PARTS",
    "StarPart",
    "is_blank_template",
    "read_star",
    "star_line",
    "template",
    "without_empty_labels",
]

PARTS = ("Situation", "Task", "Action", "Result")
HINTS = {
    "Situation": "where and when; what was at stake",
    "Task": "what you had to do, and why it fell to you",
    "Action": "what you did, step by step (say \u201cI\u201d, not \u201cwe\u201d)",
    "Result": "what came of it, in numbers if you can; what you learned",
}
# A label starts a line (after a heading mark or bold) and ends the line or is followed by a
# colon, dash, dot or bracket: "Task groups are..." is not a label, "Task:" and "## Task" are.
_LABEL = re.compile(
    r"^[ \t>]*(?:#{1,6}[ \t]*)?[*_]{0,2}(?P<name>situation|task|action|result|[star])[*_]{0,2}"
    r"[ \t]*(?P<sep>[:)\-–—.][*_]{0,2}|$)[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
_FULL = {name[0].lower(): name for name in PARTS}


@dataclass(frozen=True, slots=True)
class StarPart:
    name: str  # one of PARTS
    text: str  # what the user wrote under it, hints and blank lines left out

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def filled(self) -> bool:
        return self.words > 0


def template() -> str:
    """The four headings, each followed by a hint line the user writes over."""
    return "\n\n".join(f"{name}: " for name in PARTS) + "\n"


def _label_name(match: re.Match[str]) -> str | None:
    raw = match.group("name").lower()
    if len(raw) == 1 and not match.group("sep"):
        return None  # a lone "S" or "A" line is not a label; "S:" is
    return _FULL[raw[0]]


def read_star(notes: str) -> list[StarPart] | None:
    """The four parts as found in ``notes``, or ``None`` when no part label is there."""
    found: list[tuple[str, int, int]] = []  # name, label start, text start
    for match in _LABEL.finditer(notes):
        name = _label_name(match)
        if name is not None:
            found.append((name, match.start(), match.end()))
    if not found:
        return None
    texts: dict[str, list[str]] = {name: [] for name in PARTS}
    for index, (name, _start, text_start) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(notes)
        piece = notes[text_start:end].strip()
        if piece:
            texts[name].append(piece)
    return [StarPart(name, "\n".join(texts[name])) for name in PARTS]


def without_empty_labels(notes: str) -> str:
    """``notes`` minus the labels of parts left empty: what the notes say, for the key-point
    check (an untouched "Task:" label does not mean the task was told)."""
    found = [m for m in _LABEL.finditer(notes) if _label_name(m) is not None]
    if not found:
        return notes
    out: list[str] = [notes[: found[0].start()]]
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(notes)
        text = notes[match.end() : end]
        out.append(notes[match.start() : end] if text.strip() else text)
    return "".join(out)


def is_blank_template(notes: str) -> bool:
    """True when ``notes`` hold nothing but STAR labels (or nothing at all). Text before
    the first label counts: "my answer" over an empty "T." line is notes, not a template."""
    parts = read_star(notes)
    if parts is None:
        return not notes.strip()
    first = next(m.start() for m in _LABEL.finditer(notes) if _label_name(m) is not None)
    return not notes[:first].strip() and not any(part.filled for part in parts)


def star_line(parts: list[StarPart]) -> str:
    """ "Situation ✓ 42 words · Task ✓ 12 words · Action — · Result ✓ 8 words"."""
    out = []
    for part in parts:
        if part.filled:
            out.append(f"{part.name} \u2713 {part.words} word{'s' if part.words != 1 else ''}")
        else:
            out.append(f"{part.name} \u2014")
    return " \u00b7 ".join(out)
