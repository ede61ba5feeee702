"""Words as the coverage check compares them: split, folded, stop words out, stemmed.

``"FileSensor's poke_interval"`` gives ``file sensor poke interval`` before stemming:
identifiers split at underscores, dots and case changes, so notes may write them either
way. Accents fold away, everyday abbreviations expand (``db`` → database, from
``resources/feedback/terms.yaml``), the Snowball English stemmer makes "schedules",
"scheduling" and "Scheduler" one word, and synonyms of that table one stem ("pull" is
extract). Numbers of two digits or more are words: "304" is what a point about 304 says.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

from .terms import abbreviations, opposite_pairs, synonym_groups

__all__ = ["content_stems", "stem", "word_set", "words"]


def word_set(text: str) -> frozenset[str]:
    """The words of a list written as text, one or more per line."""
    return frozenset(text.split())


_WORD = re.compile(r"[A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})")  # not "DAG|s"

# Function words and filler that say nothing about what an answer covers.
STOP_WORDS = word_set(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    eg etc few for from further had has have having he her here hers him his how i ie if
    in into is it its itself just let like may me might more most much must my no nor not
    now of off on once one only or other our ours out over own same shall she should so
    some such than that the their theirs them then there these they this those through to
    too under until up upon us use used uses using very via was we were what when where
    which while who whom why will with within without would you your yours e g i e vs
    able allow allows allowing make makes made way ways thing things
    """
)

# A Snowball stemmer keeps its state in the object while it works: one per thread (the
# bank's words are counted on a worker while the UI thread checks notes).
_local = threading.local()


def _stem_word(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Lower-case words of ``text``: identifiers split, accents folded, numbers kept.

    A capital that would be a word of one letter stays with its neighbour: "XCom" is xcom
    and "StatsD" statsd (as people type them), while "FileSensor" is file sensor.
    """
    if not text.isascii():
        text = text.replace("\u2019", "'")  # "Airflow’s": the s stays apart
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    short = _short_forms()
    out: list[str] = []
    for token in _WORD.findall(text):
        for part in _parts(token):
            lowered = part.lower()
            expanded = short.get(lowered)
            out.extend(expanded.split() if expanded else (lowered,))
    return out


def _parts(token: str) -> list[str]:
    parts = _CAMEL.split(token)
    if len(parts) == 1:
        return parts
    joined: list[str] = []
    for part in parts:
        if joined and (len(part) == 1 or len(joined[-1]) == 1):
            joined[-1] += part  # "X"+"Com", "Stats"+"D"
        else:
            joined.append(part)
    return joined


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, str]:
    return abbreviations()


@lru_cache(maxsize=1)
def _groups() -> dict[str, str]:
    """Stem -> the stem of its synonym group's first word."""
    canonical: dict[str, str] = {}
    for group in synonym_groups():
        head = _stem_word(group[0])
        for word in group:
            canonical[_stem_word(word)] = head
    return canonical


@lru_cache(maxsize=1)
def opposites() -> dict[str, frozenset[str]]:
    """Stem -> the stems that say its opposite."""
    found: dict[str, set[str]] = {}
    for a, b in opposite_pairs():
        found.setdefault(stem(a), set()).add(stem(b))
        found.setdefault(stem(b), set()).add(stem(a))
    return {key: frozenset(value) for key, value in found.items()}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's stem, or its synonym group's ("pulls" and "extracting" give extract)."""
    found = _stem_word(word)
    return _groups().get(found, found)


def _counts(word: str) -> bool:
    """Whether a word carries meaning: not a stop word, not a letter; numbers of two digits
    or more count (304, 443, 8080)."""
    return len(word) > 1 and word not in STOP_WORDS and (not word.isdigit() or len(word) >= 2)


def content_words(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` that carry meaning, each with its stem, in order."""
    return [(w, stem(w)) for w in words(text) if _counts(w)]


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that carry meaning, in order, repeats kept."""
    return [stem(w) for w in words(text) if _counts(w)]
