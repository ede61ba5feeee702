"""Small judgements about pieces of text: does this look like a question, a generic label,
an empty placeholder? Kept apart so the rules are easy to find, test and extend.
"""

from __future__ import annotations

import functools
import re

_INTERROGATIVE = re.compile(
    r"^(?:what|what's|why|how|when|where|which|who|whom|whose|can|could|does|do|did|is|are|"
    r"was|were|should|would|will|has|have|explain|describe|define|give|list|name|compare|"
    r"contrast|differentiate|distinguish|tell|walk|design|implement|write|discuss|outline|"
    r"summari[sz]e|state|mention|elaborate|illustrate|suggest|identify|difference|differences"
    r")\b",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d+\s*[.):]\s*", re.IGNORECASE)
_Q_PREFIX = re.compile(r"^\s*q(?:uestion)?\s*[:.]\s*", re.IGNORECASE)
_WRAPPING_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1:?$")
_HEADING_MARKER = re.compile(r"^#{1,6}\s+")  # "1. ### What is X?": the list item's heading
_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")  # "- [x] What is X?": a task-list item
_WRAPPING_ITALIC = re.compile(r"^(\*|_)([^*_\s](?:[^*_]*[^*_\s])?)\1:?$")
# Anything but a letter, in any script: "Ответ", "答案" and "Απάντηση" keep their letters.
_NON_LETTERS = re.compile(r"[\W\d_]+")

_GENERIC_LABELS = {
    "answer", "answers", "the answer", "show answer", "show the answer", "reveal answer",
    "view answer", "see answer", "click to see answer", "click to reveal", "click to expand",
    "click here", "click to show", "expand", "show", "more", "details", "detail", "solution",
    "solutions", "explanation", "read more", "toggle", "spoiler", "ans", "show solution",
    "see the answer", "answer below", "click for answer", "reveal", "open", "hint",
    "no answer", "no answer yet",
}  # fmt: skip

# Fold labels that say "the answer is in here" (not "more", "hint" or "example").
_ANSWER_LABELS = {
    "answer", "answers", "the answer", "show answer", "show the answer", "reveal answer",
    "view answer", "see answer", "click to see answer", "see the answer", "answer below",
    "click for answer", "solution", "solutions", "show solution", "correct answer",
}  # fmt: skip

_PLACEHOLDERS = {
    "", "answer", "answer here", "your answer", "your answer here", "add answer",
    "add answer here", "add your answer here", "write your answer here", "todo", "to do",
    "tbd", "tba", "coming soon", "na", "n a", "none", "wip", "pending", "empty", "fill in",
    "fill me in", "answer goes here", "to be added", "to be done", "to be completed",
    "to be written", "coming later", "work in progress",
}  # fmt: skip


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_HTML_EMPHASIS = re.compile(r"^<(b|strong|i|em)>(.*)</\1>$", re.IGNORECASE | re.DOTALL)
_LINK = re.compile(r"\[((?:\[[^\]]*\]|[^\]])*)\]\([^)]*\)")
# "[[↑]](#toc)": an in-page link with no words, a way back to the contents.
_SYMBOL_LINK = re.compile(r"\[(?:\[[^\]\w]*\]|[^\]\w])*\]\(#[^)]*\)")


def clean_topic(text: str) -> str:
    """A heading as a topic name: plain text, without tags (``<a name=…>``), emphasis or
    link markup, and without the colon or stars around it."""
    text = _TAG.sub("", text)
    text = _SYMBOL_LINK.sub("", text)
    text = _LINK.sub(r"\1", text)
    codes = _SHORTCODE.findall(text)  # ":diamond_shape_with_a_dot_inside:" is no emphasis
    text = _SHORTCODE.sub("\0", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
    for code in codes:
        text = text.replace("\0", code, 1)
    return " ".join(text.split()).strip("*_ :")


@functools.lru_cache(maxsize=4096)  # layout, shape and parser each ask of the same headings
def clean_question(text: str) -> str:
    """Question text without list numbering, ``Q:`` prefixes or emphasis wrapping it all."""
    text = text.strip()
    for _ in range(2):
        match = _WRAPPING_EMPHASIS.match(text)
        if match and match.group(1) not in match.group(2):
            text = match.group(2).strip()
        text = _NUMBERING.sub("", text, count=1)
        text = _HEADING_MARKER.sub("", text, count=1)
        text = _TASK_BOX.sub("", text, count=1)
        html = _HTML_EMPHASIS.match(text)  # "<b>What is X?</b>"
        if html and f"</{html.group(1)}" not in html.group(2).lower():
            text = html.group(2).strip()
        italic = _WRAPPING_ITALIC.match(text)
        if italic:
            text = italic.group(2)
        text = _Q_PREFIX.sub("", text, count=1).strip()
    return text.strip()


#: A question mark in any script: "?", the full-width "？" (Chinese, Japanese), "؟" (Arabic).
QUESTION_MARKS = ("?", "？", "؟", ";")


def ends_with_question_mark(text: str) -> bool:
    """``What is X?``, ``とは何ですか？``: the text ends by asking (emphasis aside)."""
    stripped = text.rstrip(" *_`")
    return stripped.endswith(QUESTION_MARKS[:3]) or (
        stripped.endswith(";") and any("\u0370" <= ch <= "\u03ff" for ch in stripped[-40:])
    )


def looks_like_question(text: str) -> bool:
    """True for ``What is X?``, ``Explain Y.``, ``**Q3: ...?**`` and the like."""
    plain = clean_question(text).rstrip(" *_`")
    if ends_with_question_mark(plain):
        return True
    words = plain.lstrip("*_`\"'“ ")
    return bool(_INTERROGATIVE.match(words)) and len(words.split()) > 1  # "Design" is a topic


def _letters(text: str) -> str:
    return " ".join(_NON_LETTERS.sub(" ", _TAG.sub(" ", text).casefold()).split())


def is_generic_label(summary: str) -> bool:
    """``Answer``, ``Show answer``, ``Details``…: a label for a fold, not answer text."""
    return _letters(summary) in _GENERIC_LABELS


def is_answer_label(summary: str) -> bool:
    """``Answer``, ``Show answer``, ``Solution``: a fold that holds the answer itself."""
    return _letters(summary) in _ANSWER_LABELS


def is_placeholder(answer: str) -> bool:
    """``Answer here``, ``TODO``, ``...``: an answer slot nobody has filled in."""
    if len(answer) >= 60 or any(ch.isdigit() for ch in answer):  # "3) 42" answers
        return False
    return _letters(answer) in _PLACEHOLDERS


def same_text(a: str, b: str) -> bool:
    return _letters(a) == _letters(b)
