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
    ``search_query``: free text, never FTS5 syntax; names with symbols ("c++", ".net",
    "node.js") as typed, in a column of their own (``special``) that the index fills from
    the same names in the questions.

Ranking
    FTS5 ``bm25`` with column weights question 4, answer 1, topic 2, tags 2, special 2
    (names with symbols): a word in the
    question says far more about what the question is about than the same word somewhere in
    a long reference answer, while topic and tags are short, curated labels in between. The
    weights are the table's ``rank`` function, so ``ORDER BY rank LIMIT n`` lets FTS5 sort by
    itself and highlight only the rows returned. :attr:`SearchHit.score` is ``-bm25``:
    higher is better. A question whose first line is the query, word for word, comes first
    whatever its score: it is the one the user is looking for. ``within`` limits a search
    to some questions (a topic, what the filters let through) before the limit applies.

Highlighting
    ``highlight()`` and ``snippet()`` wrap matches in the control characters ``\\x02`` /
    ``\\x03``; FTS5 places them at token boundaries, so a multi-byte character is never cut.
    The text is then HTML-escaped and the markers become ``<mark>`` / ``</mark>``, so markup
    in a question (``<b>``) is shown as text. ``\\x02`` and ``\\x03`` are removed from the
    text when it is indexed, so they can only come from FTS5. Stop words are left unmarked
    and names with symbols are marked as typed (``search_query``).
"""

from __future__ import annotations

import html
import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from .model import Question
from .search_query import (
    MAX_QUERY_CHARS,
    SPECIAL_COLUMN,
    Term,
    TitleMatch,
    fold,
    fts_query,
    has_stop_words,
    mark_specials,
    special_tokens,
    terms,
    unmark_stop_words,
)

__all__ = [
    "PREFIX_EXPANSION_LIMIT",
    "WEIGHTS",
    "SearchHit",
    "SearchIndex",
    "fts_query",
    "marked_text",
]

WEIGHTS: dict[str, float] = {
    "question": 4.0, "answer": 1.0, "topic": 2.0, "tags": 2.0, SPECIAL_COLUMN: 2.0,
}  # fmt: skip
"""bm25 column weights: a match in the question counts four times one in the answer."""

PREFIX_EXPANSION_LIMIT = 32
"""At most this many whole words are added for the last, half-typed word (see above)."""

MAX_TITLE_WORDS = 40
"""A query longer than this is no question's title: no title match is looked for."""

SNIPPET_TOKENS = 24
"""How many tokens of the answer a snippet shows, at most."""

_START, _END = "\x02", "\x03"
_MARKERS = {ord(_START): None, ord(_END): None}
_TOKENIZER = "unicode61 remove_diacritics 2"
_SCHEMA = f"""
CREATE VIRTUAL TABLE questions_fts USING fts5(
    question, answer, topic, tags, special, id UNINDEXED,
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
_INSERT = (
    "INSERT INTO questions_fts(rowid, question, answer, topic, tags, special, id)"
    " VALUES (?,?,?,?,?,?,?)"
)
_INSERT_WORDS = "INSERT INTO words_fts(rowid, body) VALUES (?, ?)"
_SNIPPET = f"snippet(questions_fts, 1, '{_START}', '{_END}', '…', {SNIPPET_TOKENS})"
_SEARCH = f"""
SELECT id, rank, highlight(questions_fts, 0, '{_START}', '{_END}'), {{snippet}}
FROM questions_fts WHERE questions_fts MATCH ? {{within}} ORDER BY rank LIMIT ?
"""
_COUNT = "SELECT count(*) FROM questions_fts WHERE questions_fts MATCH ? {within}"
_WITHIN = "AND id IN (SELECT value FROM json_each(?))"


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


def _to_html(marked: str) -> str:
    return html.escape(marked).replace(_START, "<mark>").replace(_END, "</mark>")


def marked_text(fragment_html: str, start: str = "[", end: str = "]") -> str:
    """Plain text from ``question_html``/``snippet_html``: matches as ``[match]``."""
    return html.unescape(fragment_html.replace("<mark>", start).replace("</mark>", end))


def _row(question: Question) -> tuple[str, str, str, str, str]:
    tags = " ".join(question.tags)
    return (
        question.question.translate(_MARKERS),
        (question.answer or "").translate(_MARKERS),
        question.topic.translate(_MARKERS),
        tags.translate(_MARKERS),
        special_tokens("\n".join((question.question, question.answer or "", tags))),
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

    def search(
        self,
        query: str,
        *,
        limit: int = 200,
        snippets: bool = True,
        within: Collection[str] | None = None,
    ) -> list[SearchHit]:
        """The questions matching every word of ``query``, best first, at most ``limit``;
        only those with an id in ``within``, when given.

        ``snippets=False`` leaves ``snippet_html`` empty, for callers that show only the
        question (the bank browser): cutting a snippet from each hit's answer took about
        40 % of a search of 10,000 questions.
        """
        found = terms(query)
        if not found or limit <= 0:
            return []
        sql = _SEARCH.format(
            snippet=_SNIPPET if snippets else "''", within=_WITHIN if within is not None else ""
        )
        with self._lock:
            match = self._match(found)
            rows = self._db.execute(sql, (match, *self._within(within), limit)).fetchall()
        specials = [term.special for term in found if term.special]
        stop_words = has_stop_words(found)

        def shown(marked: str) -> str:
            text = _to_html(marked)
            return mark_specials(unmark_stop_words(text) if stop_words else text, specials)

        hits = [
            SearchHit(
                question_id=question_id,
                score=-rank,
                question_html=shown(question),
                snippet_html=shown(snippet) if _START in snippet else "",
            )
            for question_id, rank, question, snippet in rows
        ]
        title = TitleMatch(query[:MAX_QUERY_CHARS])
        if len(title.words) <= MAX_TITLE_WORDS:
            exact = {row[0] for row in rows if title(row[2].translate(_MARKERS))}
            hits.sort(key=lambda hit: hit.question_id not in exact)
        return hits

    def count(self, query: str, *, within: Collection[str] | None = None) -> int:
        """How many questions ``search`` would find without a limit."""
        found = terms(query)
        if not found:
            return 0
        sql = _COUNT.format(within=_WITHIN if within is not None else "")
        with self._lock:
            match = self._match(found)
            (total,) = self._db.execute(sql, (match, *self._within(within))).fetchone()
        return int(total)

    # -- with the lock held ---------------------------------------------------------------

    def _insert(self, rows: Sequence[tuple[int, str, str, str, str, str, str]]) -> None:
        self._db.executemany(_INSERT, rows)
        self._db.executemany(_INSERT_WORDS, ((row[0], _body(row[1:5])) for row in rows))

    def _match(self, found: Sequence[Term]) -> str:
        parts = [term.fts() for term in found[:-1]]
        parts.append(self._last_term(found[-1]))
        return " AND ".join(parts)

    @staticmethod
    def _within(ids: Collection[str] | None) -> tuple[str, ...]:
        return () if ids is None else (json.dumps(list(ids)),)

    def _last_term(self, term: Term) -> str:
        """The last term as a prefix, or'ed with the whole words its stem does not reach."""
        if not term.prefix or len(term.words) != 1:
            return term.fts()
        prefix = fold(term.words[0])
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
