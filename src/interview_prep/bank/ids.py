"""Stable question ids.

An imported question's id is derived from its source (the bank's id) and its *normalised*
question text, so re-importing a document maps every question to the same id and attempts
stored against it stay attached. Normalising ignores what does not change the question:
case, white space, markdown emphasis, list numbering and trailing punctuation.

The id starts with a readable slug of the question and ends with a short hash that makes it
unique: ``what-is-a-dagbag-in-airflow-3f2a91c0``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NUMBERING = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d+\s*[.):-]\s*", re.IGNORECASE)
_QPREFIX = re.compile(r"^\s*q\s*[:.]\s*", re.IGNORECASE)
_MARKUP = re.compile(r"[*_`~]+|<[^>]+>")
_NON_WORD = re.compile(r"[^\w]+")
_SLUG_WORDS = 8
_SLUG_CHARS = 60


def normalise_question(text: str) -> str:
    """The comparison form of a question: lower case, no markup, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _NUMBERING.sub("", text, count=1)
    text = _QPREFIX.sub("", text, count=1)
    text = _MARKUP.sub(" ", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = " ".join(text.casefold().split())
    return text.rstrip(" ?.!:;")


def slugify(text: str, *, max_words: int = _SLUG_WORDS, max_chars: int = _SLUG_CHARS) -> str:
    """A lower-case ASCII slug of at most ``max_words`` words, or ``"q"`` when none is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in _NON_WORD.split(ascii_text.casefold().replace("_", " ")) if w]
    slug = "-".join(words[:max_words])[:max_chars].strip("-")
    return slug or "q"


def question_id(source: str, question: str, occurrence: int = 1) -> str:
    """The id of ``question`` from ``source``; ``occurrence`` tells repeated questions apart."""
    normal = normalise_question(question)
    key = f"{source}\x1f{normal}" if occurrence == 1 else f"{source}\x1f{normal}\x1f{occurrence}"
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=4).hexdigest()
    return f"{slugify(normal)}-{digest}"
