"""Full-text search over the questions of the catalog, with SQLite FTS5 (stdlib ``sqlite3``).

The index
    An in-memory SQLite database, built from the loaded :class:`Question` objects whenever the
    catalog is loaded: the main window builds a new index on a worker thread for every
    catalog it shows (at start, after an edit or an import, when a bank file changes on disk)
    and drops the old one; no index is changed in place. The bank files stay the only source
    of truth: nothing is written to disk, so the index can never be stale after someone
    edits a YAML file by hand, there is no schema to migrate, and the app's database stays
    about history only. Building it is cheap (the bundled bank in a few milliseconds, 10,000
    questions in under a second; see ``bench/search_bench.py``), so rebuilding on every load
    costs less than keeping a persistent index right would. The connection is opened with
    ``check_same_thread=False`` because the index is built on a worker thread and queried on
    the UI thread; a lock serialises every use of it.

    Table ``questions_fts``: columns ``question``, ``answer``, ``topic``, ``tags`` and an
    UNINDEXED ``id`` (the question id). Tokenizer ``porter unicode61 remove_diacritics 2``:
    case and accents are ignored (``cafe`` finds "café", ``naive`` finds "naïve") and English
    words are stemmed, so ``schedules`` finds "scheduler" and "scheduling" and ``executors``
    finds "executor" -- in an interview bank the reader cares about the concept, not the
    inflection. ``prefix = '1 2 3'`` adds index entries for the first 1–3 characters of every
    token: a short prefix, typed first and matching most of the bank, is then one lookup
    instead of a merge of hundreds of posting lists (on 10,000 questions: p95 of the
    half-typed queries 31 -> 20 ms, worst 96 -> 31 ms, for about 40% more build time and
    memory).

Typing, prefixes and stemming
    The last word of the query is a prefix (``"sched"*``) so that results come while typing.
    Prefixes and a stemmed index do not mix well on their own: the index holds stems
    ("execution" -> ``execut``), so a half-typed ``executi`` -- longer than the stem -- would
    match nothing until the word is finished. A second, contentless FTS5 table
    (``words_fts``, plain ``unicode61 remove_diacritics 2``, ``detail=none``) keeps the
    unstemmed vocabulary, read through ``fts5vocab``. When few words (at most
    :data:`PREFIX_EXPANSION_LIMIT`) start with the typed prefix, their stems are worked out
    (by the index's own tokenizer, in a scratch table) and, for each stem the prefix does not
    reach, one of those words is or'ed in whole: ``("executi"* OR "execution")``. Only those:
    every alternative that matches adds to the score, so the last word must not count twice
    where the prefix alone suffices (``sched`` stays ``"sched"*``). When many words start
    with the prefix, it is short, hence no longer than their stems, and finds them alone.

Query translation
    What the user types is free text, never FTS5 syntax, so no input can raise a syntax error:
    ``"..."`` marks a phrase (an unclosed quote runs to the end of the input); everything else
    is split into words on characters that are neither letters nor digits, as the tokenizer
    splits. Each word or phrase is quoted (FTS5 operators such as ``AND``, ``NEAR``,
    ``*``, ``-``, ``:`` or ``(`` lose their meaning inside quotes) and all must match (AND).
    The last one is a prefix unless it is a closed phrase. Input with no word at all (empty,
    blank, only punctuation) returns no results.

Ranking
    FTS5 ``bm25`` with column weights question 4, answer 1, topic 2, tags 2: a word in the
    question says far more about what the question is about than the same word somewhere in
    a long reference answer, while topic and tags are short, curated labels in between. The
    weights are the table's ``rank`` function, so ``ORDER BY rank LIMIT n`` lets FTS5 sort by
    itself and highlight only the rows returned. :attr:`SearchHit.score` is ``-bm25``:
    higher is better.

Highlighting
    ``highlight()`` and ``snippet()`` wrap matches in the control characters ``\\x02`` /
    ``\\x03``; FTS5 places them at token boundaries, so a multi-byte character is never cut.
    The text is then HTML-escaped and the markers become ``<mark>`` / ``</mark>``, so markup
    in a question (``<b>``) is shown as text. ``\\x02`` and ``\\x03`` are removed from the
    text when it is indexed, so they can only come from FTS5.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Question

__all__ = [
    "PREFIX_EXPANSION_LIMIT",
    "WEIGHTS",
    "SearchHit",
    "SearchIndex",
    "fts_query",
    "marked_text",
]

WEIGHTS: dict[str, float] = {"question": 4.0, "answer": 1.0, "topic": 2.0, "tags": 2.0}
"""bm25 column weights: a match in the question counts four times one in the answer."""

PREFIX_EXPANSION_LIMIT = 32
"""At most this many whole words are added for the last, half-typed word (see above)."""

SNIPPET_TOKENS = 24
"""How many tokens of the answer a snippet shows, at most."""

_START, _END = "\x02", "\x03"
_MARKERS = {ord(_START): None, ord(_END): None}
_TOKENIZER = "unicode61 remove_diacritics 2"
# Word characters as unicode61 sees them: letters, digits (and the combining marks that
# belong to a letter); everything else separates tokens. ``_`` is a separator there too.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_PHRASE_OR_TEXT = re.compile(r'"([^"]*)("?)|([^"]+)')

_SCHEMA = f"""
CREATE VIRTUAL TABLE questions_fts USING fts5(
    question, answer, topic, tags, id UNINDEXED,
    tokenize = 'porter {_TOKENIZER}', prefix = '1 2 3'
);
INSERT INTO questions_fts(questions_fts, rank)
    VALUES ('rank', 'bm25({", ".join(f"{w:.1f}" for w in WEIGHTS.values())}, 0.0)');
CREATE VIRTUAL TABLE words_fts USING fts5(
    body, content = '', detail = none, tokenize = '{_TOKENIZER}'
);
CREATE VIRTUAL TABLE words_vocab USING fts5vocab(words_fts, row);
CREATE VIRTUAL TABLE stem_probe USING fts5(body, tokenize = 'porter {_TOKENIZER}');
CREATE VIRTUAL TABLE stem_probe_vocab USING fts5vocab(stem_probe, instance);
"""
# Bulk loading: no incremental merging while filling (the defaults are 4 and 16); 25% faster.
_BULK = "INSERT INTO questions_fts(questions_fts, rank) VALUES ('automerge', ?), ('crisismerge', ?)"
_INSERT = "INSERT INTO questions_fts(rowid, question, answer, topic, tags, id) VALUES (?,?,?,?,?,?)"
_INSERT_WORDS = "INSERT INTO words_fts(rowid, body) VALUES (?, ?)"
_SNIPPET = f"snippet(questions_fts, 1, '{_START}', '{_END}', '…', {SNIPPET_TOKENS})"
_SEARCH = f"""
SELECT id, rank, highlight(questions_fts, 0, '{_START}', '{_END}'), {{snippet}}
FROM questions_fts WHERE questions_fts MATCH ? ORDER BY rank LIMIT ?
"""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One question that matches, with its matches marked up for display.

    ``question_html`` is the whole question text and ``snippet_html`` a short excerpt of the
    answer around its matches ("" when the answer does not match); both are HTML-escaped text
    with every match wrapped in ``<mark>…</mark>``.
    """

    question_id: str
    score: float
    question_html: str
    snippet_html: str


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool = False

    def fts(self) -> str:
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")


# A query is bounded, so that no text pasted into the search box can freeze it: 800 words
# made a query SQLite took 41 s over. Repeated words count once; past the limits, the rest
# of the text is not searched for (it would only narrow the results further).
MAX_QUERY_CHARS = 1000
MAX_TERMS = 8
MAX_PHRASE_WORDS = 16


def _terms(text: str) -> list[_Term]:
    """The words and phrases of free text, the last one a prefix unless a closed phrase.

    At most ``MAX_TERMS`` distinct terms from the first ``MAX_QUERY_CHARS`` characters.
    """
    unique: dict[tuple[str, ...], _Term] = {}
    for term in _all_terms(text[:MAX_QUERY_CHARS]):
        words = term.words[:MAX_PHRASE_WORDS]
        key = tuple(_fold(word) for word in words)
        if term.prefix:  # the last term: it stays last
            unique.pop(key, None)
        unique.setdefault(key, _Term(words, prefix=term.prefix))
    terms = list(unique.values())
    return terms if len(terms) <= MAX_TERMS else [*terms[: MAX_TERMS - 1], terms[-1]]


def _all_terms(text: str) -> list[_Term]:
    terms: list[_Term] = []
    closed_phrase = False
    for match in _PHRASE_OR_TEXT.finditer(unicodedata.normalize("NFC", text)):
        phrase, closing, plain = match.groups()
        if plain is not None:
            terms.extend(_Term((word,)) for word in _WORD.findall(plain))
            closed_phrase = False
            continue
        words = tuple(_WORD.findall(phrase))
        if words:
            terms.append(_Term(words))
            closed_phrase = bool(closing)
    if terms and not closed_phrase:
        terms[-1] = _Term(terms[-1].words, prefix=True)
    return terms


def fts_query(text: str) -> str:
    """The safe FTS5 query for free text: quoted terms, all required, the last a prefix.

    ``""`` when the text has no word in it. Without the whole-word expansion of the last
    term that :meth:`SearchIndex.search` adds.
    """
    return " AND ".join(term.fts() for term in _terms(text))


def _fold(word: str) -> str:
    """``word`` lower-cased without accents, roughly as ``unicode61 remove_diacritics 2``."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _to_html(marked: str) -> str:
    return html.escape(marked).replace(_START, "<mark>").replace(_END, "</mark>")


def marked_text(fragment_html: str, start: str = "[", end: str = "]") -> str:
    """Plain text from ``question_html``/``snippet_html``: matches as ``[match]``."""
    return html.unescape(fragment_html.replace("<mark>", start).replace("</mark>", end))


def _row(question: Question) -> tuple[str, str, str, str]:
    return (
        question.question.translate(_MARKERS),
        (question.answer or "").translate(_MARKERS),
        question.topic.translate(_MARKERS),
        " ".join(question.tags).translate(_MARKERS),
    )


def _body(row: Sequence[str]) -> str:
    return "\n".join(row)


class SearchIndex:
    """An in-memory FTS5 index of questions; safe to build on one thread and query on another.

    Use :meth:`build`; when the questions change, build a new one (or :meth:`rebuild` this).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA)
        self._ids: frozenset[str] = frozenset()

    @classmethod
    def build(cls, questions: Iterable[Question]) -> SearchIndex:
        """A new index of ``questions``, filled in one transaction."""
        index = cls()
        index.rebuild(questions)
        return index

    def __len__(self) -> int:
        with self._lock:
            return len(self._ids)

    def __contains__(self, question_id: object) -> bool:
        with self._lock:
            return question_id in self._ids

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def rebuild(self, questions: Iterable[Question]) -> None:
        """Replace the whole index with ``questions`` (e.g. after reloading the catalog).

        Of two questions with the same id, the later one is indexed.
        """
        latest = {question.id: question for question in questions}
        with self._lock:
            # Set outside the transaction: after a rolled-back config change, FTS5 (3.40)
            # fails the next ranked query with "SQL logic error".
            self._db.execute(_BULK, (0, 64))
            self._db.execute("BEGIN")
            try:
                self._db.execute("DELETE FROM questions_fts")
                self._db.execute("INSERT INTO words_fts(words_fts) VALUES ('delete-all')")
                rows = [
                    (rowid, *_row(question), question.id)
                    for rowid, question in enumerate(latest.values(), start=1)
                ]
                self._insert(rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                self._db.execute(_BULK, (4, 16))
            self._ids = frozenset(latest)

    def search(self, query: str, *, limit: int = 200, snippets: bool = True) -> list[SearchHit]:
        """The questions matching every word of ``query``, best first, at most ``limit``.

        ``snippets=False`` leaves ``snippet_html`` empty, for callers that show only the
        question (the bank browser): cutting a snippet from each hit's answer took about
        40 % of a search of 10,000 questions.
        """
        terms = _terms(query)
        if not terms or limit <= 0:
            return []
        sql = _SEARCH.format(snippet=_SNIPPET if snippets else "''")
        with self._lock:
            parts = [term.fts() for term in terms[:-1]]
            parts.append(self._last_term(terms[-1]))
            rows = self._db.execute(sql, (" AND ".join(parts), limit)).fetchall()
        return [
            SearchHit(
                question_id=question_id,
                score=-rank,
                question_html=_to_html(question),
                snippet_html=_to_html(snippet) if _START in snippet else "",
            )
            for question_id, rank, question, snippet in rows
        ]

    # -- with the lock held ---------------------------------------------------------------

    def _insert(self, rows: Sequence[tuple[int, str, str, str, str, str]]) -> None:
        self._db.executemany(_INSERT, rows)
        self._db.executemany(_INSERT_WORDS, ((row[0], _body(row[1:5])) for row in rows))

    def _last_term(self, term: _Term) -> str:
        """The last term as a prefix, or'ed with the whole words its stem does not reach."""
        if not term.prefix or len(term.words) != 1:
            return term.fts()
        prefix = _fold(term.words[0])
        words = [
            word
            for (word,) in self._db.execute(
                "SELECT term FROM words_vocab WHERE term > ? AND term < ? LIMIT ?",
                (prefix, prefix + "\U0010ffff", PREFIX_EXPANSION_LIMIT + 1),
            )
        ]
        if not words or len(words) > PREFIX_EXPANSION_LIMIT:
            return term.fts()
        stems, prefix_stems = self._stems(words, prefix)
        if len(prefix_stems) != 1:
            return term.fts()
        # Only words whose stem the prefix misses ("execution" -> execut for "executi"),
        # one per stem: each alternative adds to the score, which must not be inflated.
        missed: dict[str, str] = {}
        for word, stem in zip(words, stems, strict=True):
            if not stem.startswith(prefix_stems[0]):
                missed.setdefault(stem, word)
        if not missed:
            return term.fts()
        whole = ('"' + word.replace('"', '""') + '"' for word in missed.values())
        return "(" + " OR ".join([term.fts(), *whole]) + ")"

    def _stems(self, words: Sequence[str], prefix: str) -> tuple[list[str], list[str]]:
        """The porter stems of ``words`` (one token each) and the stems of ``prefix``.

        Runs them through the tokenizer of the index, in a scratch FTS5 table, so that the
        stems are exactly those of the index.
        """
        self._db.execute("DELETE FROM stem_probe")
        self._db.execute(
            "INSERT INTO stem_probe(rowid, body) VALUES (1, ?), (2, ?)", (" ".join(words), prefix)
        )
        found: dict[int, list[tuple[int, str]]] = {1: [], 2: []}
        for term, doc, offset in self._db.execute("SELECT term, doc, offset FROM stem_probe_vocab"):
            found[doc].append((offset, term))
        stems = [term for _offset, term in sorted(found[1])]
        if len(stems) != len(words):  # a word the tokenizer split after all: keep them all
            stems = ["\x00"] * len(words)
        return stems, [term for _offset, term in sorted(found[2])]
