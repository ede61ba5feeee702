"""What the user types in the search box, read as an FTS5 query (``search.SearchIndex``).

Free text, never FTS5 syntax, so no input can raise a syntax error: ``"..."`` marks a phrase
(an unclosed quote runs to the end of the input); everything else is split into words on
characters that are neither letters nor digits, as the tokenizer splits. Each word or phrase
is quoted (FTS5 operators such as ``AND``, ``NEAR``, ``*``, ``-``, ``:`` or ``(`` lose their
meaning inside quotes) and all must match (AND). The last one is a prefix unless it is a
closed phrase. Input with no word at all (empty, blank, only punctuation) finds nothing.

Names with symbols
    The tokenizer drops ``+``, ``#`` and ``.``, so "c++" would be the prefix ``c`` and find
    "cassandra cluster". Terms such as ``c++``, ``c#``, ``f#``, ``.net``, ``asp.net`` and
    ``node.js`` are recognised as typed, in the query and in the indexed text, and stand
    for one token each (``cplusplus``, ``csharp``, ``dotnet``, ``nodejs``) in a column of
    their own: "c++" finds C++ and nothing else, and "node.js" also finds "nodejs".

Highlighting
    Words like "and", "is" or "the" still have to match, but are not highlighted: marked
    everywhere, they hide the words that matter (``unmark_stop_words``, ``highlight_words``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Word characters as unicode61 sees them: letters, digits (and the combining marks that
# belong to a letter); everything else separates tokens. ``_`` is a separator there too.
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_NOT_LETTERS = re.compile(r"[\W_]+")
_PHRASE_OR_TEXT = re.compile(r'"([^"]*)("?)|([^"]+)')
# c++, c#, f#, .net, asp.net, node.js, vue.js: as written, not followed by a word character.
SPECIAL = re.compile(
    r"(?<![\w+#.])(?:[a-z][a-z0-9]*(?:\+\+|#)|[a-z][a-z0-9]*\.(?:js|net)|\.net)(?![\w+#])",
    re.IGNORECASE,
)
SPECIAL_COLUMN = "special"

STOP_WORDS = frozenset({
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "may", "me", "my", "no",
    "not", "of", "on", "or", "our", "so", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "to", "too", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
})  # fmt: skip

# A query is bounded, so that no text pasted into the search box can freeze it: 800 words
# made a query SQLite took 41 s over. Repeated words count once; past the limits, the rest
# of the text is not searched for (it would only narrow the results further).
MAX_QUERY_CHARS = 1000
MAX_TERMS = 8
MAX_PHRASE_WORDS = 16


def fold(word: str) -> str:
    """``word`` lower-cased without accents, roughly as ``unicode61 remove_diacritics 2``."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def special_token(name: str) -> str:
    """The one token that stands for ``name`` ("C++" -> ``cplusplus``, ".NET" -> ``dotnet``)."""
    token = name.lower().replace("++", "plusplus").replace("#", "sharp")
    token = token.replace(".net", "dotnet").replace(".js", "js")
    return token


_SYMBOL = re.compile(r"\+\+|#|\.(?:js|net)\b", re.IGNORECASE)


def special_tokens(text: str) -> str:
    """The tokens of every name with symbols in ``text``, for the index's own column.

    Looks for the symbols first and reads the name back from each: scanning a 19 MB bank
    with ``SPECIAL`` itself (which may start at every letter) tripled the index's build."""
    found: list[str] = []
    for symbol in _SYMBOL.finditer(text):
        start = symbol.start()
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
            start -= 1
        name = SPECIAL.match(text, start)
        if name is not None and name.end() == symbol.end():
            found.append(special_token(name.group()))
    return " ".join(found)


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool = False
    special: str = ""  # a name with symbols, as typed ("c++"); ``words`` is its token

    def fts(self) -> str:
        if self.special:
            token = self.words[0]
            return f'({SPECIAL_COLUMN} : "{token}" OR "{token}")'
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")


def terms(text: str) -> list[Term]:
    """The words and phrases of free text, the last one a prefix unless a closed phrase.

    At most ``MAX_TERMS`` distinct terms from the first ``MAX_QUERY_CHARS`` characters.
    """
    unique: dict[tuple[str, ...], Term] = {}
    for term in _all_terms(text[:MAX_QUERY_CHARS]):
        words = term.words[:MAX_PHRASE_WORDS]
        key = (term.special, *(fold(word) for word in words))
        if term.prefix:  # the last term: it stays last
            unique.pop(key, None)
        unique.setdefault(key, Term(words, prefix=term.prefix, special=term.special))
    found = list(unique.values())
    return found if len(found) <= MAX_TERMS else [*found[: MAX_TERMS - 1], found[-1]]


def _plain_terms(text: str) -> list[Term]:
    found: list[Term] = []
    start = 0
    for match in SPECIAL.finditer(text):
        found.extend(Term((word,)) for word in WORD.findall(text[start : match.start()]))
        found.append(Term((special_token(match.group()),), special=match.group()))
        start = match.end()
    found.extend(Term((word,)) for word in WORD.findall(text[start:]))
    return found


def _all_terms(text: str) -> list[Term]:
    found: list[Term] = []
    closed_phrase = False
    for match in _PHRASE_OR_TEXT.finditer(unicodedata.normalize("NFC", text)):
        phrase, closing, plain = match.groups()
        if plain is not None:
            found.extend(_plain_terms(plain))
            closed_phrase = False
            continue
        words = tuple(WORD.findall(phrase))
        if words:
            found.append(Term(words))
            closed_phrase = bool(closing)
    if found and not closed_phrase and not found[-1].special:
        found[-1] = Term(found[-1].words, prefix=True)
    return found


def fts_query(text: str) -> str:
    """The safe FTS5 query for free text: quoted terms, all required, the last a prefix.

    ``""`` when the text has no word in it. Without the whole-word expansion of the last
    term that ``SearchIndex.search`` adds.
    """
    return " AND ".join(term.fts() for term in terms(text))


def title_words(text: str) -> list[str]:
    """The folded words of ``text``, names with symbols as their tokens."""
    words: list[str] = []
    start = 0
    for match in SPECIAL.finditer(text):
        words += [fold(w) for w in WORD.findall(text[start : match.start()])]
        words.append(special_token(match.group()))
        start = match.end()
    return words + [fold(w) for w in WORD.findall(text[start:])]


class TitleMatch:
    """Whether a question's first line is the query, word for word (case, accents,
    punctuation and Markdown aside): such a hit goes first. Made once per search; most
    titles are told apart by their letters alone, without splitting them into words."""

    def __init__(self, query: str) -> None:
        self.words = title_words(query)
        self.letters = fold(_NOT_LETTERS.sub("", query))

    def __call__(self, question: str) -> bool:
        first = question.lstrip().split("\n", 1)[0]
        letters = _NOT_LETTERS.sub("", first)
        if len(letters) != len(self.letters) or fold(letters) != self.letters:
            return False
        return bool(self.words) and title_words(first) == self.words


_MARK = re.compile(r"<mark>([^<]*)</mark>")


def has_stop_words(found: Sequence[Term]) -> bool:
    return any(fold(word) in STOP_WORDS for term in found for word in term.words)


def unmark_stop_words(marked_html: str) -> str:
    """``<mark>`` taken off matches that are stop words ("and", "is")."""
    return _MARK.sub(
        lambda m: m.group(1) if fold(html.unescape(m.group(1))) in STOP_WORDS else m.group(0),
        marked_html,
    )


def mark_specials(marked_html: str, specials: Sequence[str]) -> str:
    """The names with symbols of a query ("c++") marked where ``marked_html`` has them."""
    for special in specials:
        pattern = r"(?<![\w+#.])" + re.escape(html.escape(special)) + r"(?![\w+#])"
        marked_html = re.sub(pattern, r"<mark>\g<0></mark>", marked_html, flags=re.I)
    return marked_html


def highlight_words(query: str) -> list[str]:
    """What a view marks for ``query``: names with symbols as typed, and the words that are
    not stop words (two letters at least)."""
    shown: list[str] = []
    for term in terms(query):
        if term.special:
            shown.append(term.special)
        else:
            shown += [w for w in term.words if len(w) > 1 and fold(w) not in STOP_WORDS]
    return shown
