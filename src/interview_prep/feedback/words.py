"""Words as the coverage check compares them: split, folded, stop words out, stemmed.

``"FileSensor's poke_interval"`` gives ``file sensor poke interval`` before stemming:
identifiers split at underscores, dots and case changes, so notes may write them either
way. Accents fold away, a few everyday abbreviations expand (``db`` → database), and the
Snowball English stemmer makes "schedules", "scheduling" and "Scheduler" one word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

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

# Short forms people type in notes, and what they stand for.
ABBREVIATIONS = {
    "db": "database",
    "dbs": "databases",
    "k8s": "kubernetes",
    "config": "configuration",
    "env": "environment",
    "envs": "environments",
    "auth": "authentication",
    "repo": "repository",
    "w": "with",
    "ui": "interface",
    "perf": "performance",
    "msg": "message",
    "msgs": "messages",
    "dw": "warehouse",
    "dwh": "warehouse",
    "sched": "scheduler",
    "deps": "dependencies",
    "dep": "dependency",
    "info": "information",
    "param": "parameter",
    "params": "parameters",
    "prod": "production",
    "dev": "development",
}

_stemmer = snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    """Lower-case words of ``text``: identifiers split, accents folded, numbers kept."""
    if not text.isascii():
        text = text.replace("\u2019", "'")  # "Airflow’s": the s stays apart
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out: list[str] = []
    for token in _WORD.findall(text):
        for part in _CAMEL.split(token):
            lowered = part.lower()
            expanded = ABBREVIATIONS.get(lowered)
            out.extend(expanded.split() if expanded else (lowered,))
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def content_words(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` that carry meaning, each with its stem, in order."""
    return [
        (w, stem(w)) for w in words(text) if len(w) > 1 and w not in STOP_WORDS and not w.isdigit()
    ]


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that carry meaning, in order, repeats kept."""
    return [stem(w) for w in words(text) if len(w) > 1 and w not in STOP_WORDS and not w.isdigit()]
