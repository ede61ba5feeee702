"""Split a markdown document into classified lines, the importer's only view of the text.

Everything structural is decided here, once: fenced code (never interpreted), headings (ATX
and setext), ``<details>``/``<summary>`` tags (split out of the lines they share with text),
HTML comments, and navigation that is not content (tables of contents, "back to top" links,
badges). Later stages only look at ``Line.kind``. Line numbers are the source's, 1-based.

An Interview Prep export (see ``verbatim``) is scanned with ``navigation=False``: it holds
no navigation, and a question or topic called "Contents" must stay one. The source's lines
are kept in ``ScanResult.raw`` so that such a document's text can be read back unchanged.

``progress`` gets the fraction of lines scanned, about every 2% of them (see ``progress``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, auto

from .progress import Progress, every


class Kind(Enum):
    BLANK = auto()
    TEXT = auto()
    HEADING = auto()
    CODE = auto()  # a fence delimiter or a line inside fenced code
    DETAILS_OPEN = auto()
    DETAILS_CLOSE = auto()
    SUMMARY = auto()
    SKIP = auto()  # navigation, comments, setext underlines: not content


@dataclass(slots=True)
class Line:
    no: int
    text: str
    kind: Kind
    level: int = 0  # heading level
    content: str = ""  # heading or summary text
    left_out: str = ""  # a SKIP line that is not content: why (see ``LEFT_OUT``)

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" \t"))


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_TAGS = re.compile(
    r"(<details\b[^>]*>|</details\s*>|<summary\b[^>]*>.*?</summary\s*>|<summary\b[^>]*>|</summary\s*>)",
    re.IGNORECASE,
)
_TAG_START = re.compile(r"^\s*</?(?:details|summary)\b", re.IGNORECASE)
_TAG_END = re.compile(r"</(?:details|summary)\s*>\s*$", re.IGNORECASE)
_HTML_TAG = re.compile(r"<[^>]+>")
_INPAGE_LINK = re.compile(r"\[[^\]]*\]\(#[^)]*\)|href=[\"']#", re.IGNORECASE)
_TOC_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*)?\[[^\]]+\]\(#[^)]*\)(?:\*\*)?\s*$")
_IMAGE_ONLY = re.compile(r"^\s*(?:\[?!\[[^\]]*\]\([^)]*\)\]?(?:\([^)]*\))?\s*)+$")
_BADGE_HINT = re.compile(r"badge|shields\.io|travis-ci|circleci|codecov|/workflows/", re.IGNORECASE)
# A line of nothing but links to other documents of the repository ("[Main title](../README.md)",
# "[← Previous](part1.md) | [Next →](part3.md)"): a way around the site, not content.
_DOC_LINKS_ONLY = re.compile(
    r"^[\s|·•←→<>«»]*(?:\[[^\]?]+\]\((?![a-z]+:)[^)\s]*\.md(?:#[^)]*)?\)[\s|·•←→<>«»]*)+$",
    re.IGNORECASE,
)
_DOC_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_HOME_PAGE = re.compile(r"(?:^|/)(?:readme|index)\.md(?:#.*)?$", re.IGNORECASE)
_WAY_AROUND = re.compile(
    r"[←→«»↑]|\b(?:back|next|previous|prev|home|main|up|index|contents|toc|part|chapter)\b", re.I
)


def is_doc_links(text: str) -> bool:
    """A line of nothing but links to other documents (``[Resources](patterns/x.md)``)."""
    return bool(_DOC_LINKS_ONLY.match(text))


def _way_around(text: str) -> bool:
    """Links to other documents that are a way around the site: to a README or index, or
    named "Back", "Next", "← Previous"… (others, under a question, are its references)."""
    return any(
        _HOME_PAGE.search(target) or _WAY_AROUND.search(label)
        for label, target in _DOC_LINK.findall(text)
    )


_NAV_WORDS = {
    "back to top",
    "top",
    "go to top",
    "back to toc",
    "toc",
    "table of contents",
    "back to table of contents",
    "back to contents",
    "contents",
    "back to questions",
    "back",
}
_TOC_HEADINGS = {"table of contents", "contents", "toc", "index", "table of content"}

#: Why a line was left out, as the import's summary names it (``Line.left_out``).
LEFT_OUT = {
    "contents": "a table of contents",
    "back": "'back to top' links",
    "links": "links to other documents",
    "badges": "badges",
    "comment": "HTML comments",
    "legend": "a difficulty legend, read for the questions' difficulty",
    "front matter": "front matter (its title kept)",
    "link list": "sections of only links",
    "placeholder": "answers that are placeholders or empty ('TODO', an empty fold)",
    "empty section": "headings of sections without questions of their own",
    "table header": "the header rows of tables of questions",
}
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def _heading_text(raw: str | None) -> str:
    return ATX_CLOSE.sub("", raw or "").strip()


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_SYMBOL = re.compile(r"[^\w\s]")


def _plain(text: str) -> str:
    """Visible words of a line of markdown/HTML, lower case, symbols dropped."""
    text = _HTML_TAG.sub(" ", text)
    text = _LINK_TARGET.sub(" ", text)
    text = _SYMBOL.sub(" ", text)
    return " ".join(text.casefold().split())


def is_back_link(text: str) -> bool:
    """A "back to top" / "table of contents" link standing on its own line."""
    return bool(_INPAGE_LINK.search(text)) and _plain(text) in _NAV_WORDS | {""}


_SUMMARY_TAGS = re.compile(r"^<summary\b[^>]*>|</summary\s*>$", re.IGNORECASE)


def _split_tags(no: int, text: str) -> list[Line]:
    """Split ``<details>``/``<summary>`` tags out of a line into lines of their own."""
    out: list[Line] = []
    for part in _TAGS.split(text):
        if not part.strip():
            continue
        low = part.strip().lower()
        if low.startswith("<details"):
            out.append(Line(no, part, Kind.DETAILS_OPEN))
        elif low.startswith("</details"):
            out.append(Line(no, part, Kind.DETAILS_CLOSE))
        elif low.startswith("<summary") and low.endswith("</summary>"):
            inner = _SUMMARY_TAGS.sub("", part.strip())
            out.append(Line(no, part, Kind.SUMMARY, content=_HTML_TAG.sub("", inner).strip()))
        elif low.startswith("<summary") or low.startswith("</summary"):
            out.append(Line(no, part, Kind.SUMMARY if low.startswith("<s") else Kind.SKIP))
        else:
            out.append(Line(no, part, Kind.TEXT))
    return out


def only_tags(text: str) -> bool:
    """True when ``text`` holds nothing but ``<details>``/``<summary>`` tags."""
    return not _TAGS.sub("", text).strip()


@dataclass(slots=True)
class ScanResult:
    lines: list[Line]
    warnings: list[tuple[int, str]]
    raw: list[str] = field(default_factory=list)  # the source's lines, ``raw[no - 1]``
    front_title: str | None = None  # ``title:`` in the document's front matter


def _front_matter(raw: list[str]) -> tuple[int, str | None]:
    """How many lines a ``---`` … ``---`` front matter block at the top takes, and its title."""
    if not raw or raw[0].strip() != "---":
        return 0, None
    title: str | None = None
    for index in range(1, min(len(raw), 80)):
        line = raw[index]
        if line.strip() in ("---", "..."):
            return (index + 1, title) if index > 1 else (0, None)
        if _FRONT_KEY.match(line):
            key, _, value = line.partition(":")
            if key.strip().casefold() == "title" and value.strip():
                title = value.strip().strip("'\"") or None
        elif line.strip() and not line.startswith((" ", "\t", "-")):
            return 0, None
    return 0, None


def scan(text: str, *, navigation: bool = True, progress: Progress | None = None) -> ScanResult:
    """Classify every line of ``text`` (already repaired, ``\\n`` line endings).

    ``navigation=False`` keeps tables of contents, back links and badges as content.
    """
    raw = text.split("\n")
    closers = _closing_fences(raw)
    lines: list[Line] = []
    warnings: list[tuple[int, str]] = []
    offset, front_title = _front_matter(raw) if navigation else (0, None)
    lines.extend(Line(i + 1, raw[i], Kind.SKIP, left_out="front matter") for i in range(offset))
    while offset < len(raw):
        unclosed = _scan_lines(raw, offset, lines, navigation, progress, closers)
        if unclosed is None:
            break
        # A code block that is never closed would swallow the rest of the document. End it
        # before the first heading that follows a blank line, and read on from there.
        resume = _resume_after_unclosed_fence(raw, unclosed)
        end = len(raw) if resume is None else resume
        lines.extend(Line(index + 1, raw[index], Kind.CODE) for index in range(unclosed + 1, end))
        if resume is None:
            warnings.append((unclosed + 1, "code block is never closed; it runs to the end"))
            break
        warnings.append(
            (unclosed + 1, f"code block is never closed; ended it before line {resume + 1}")
        )
        offset = resume
    _merge_multiline_summaries(lines)
    if navigation:
        _drop_link_tables(lines)
    return ScanResult(lines, warnings, raw, front_title)


def _closing_fences(raw: list[str]) -> dict[str, list[int]]:
    """For each fence character, the longest fence that could close a block in ``raw[i:]``
    (a line of only backticks or tildes), at index ``i``.

    Inside a code block nothing but its closing fence counts, so a block opened at line
    ``i`` is closed exactly when ``raw[i + 1:]`` holds such a fence as long as its own:
    known at once, rather than by reading on to the end of the document for every block
    left open (which took the square of the lines for thousands of them).
    """
    size = len(raw)
    longest = {"`": [0] * (size + 1), "~": [0] * (size + 1)}
    best = {"`": 0, "~": 0}  # the longest fence of each kind from the line read last on
    filled = size  # entries from here on are set (the last, past the end, stays 0)
    fences = [i for i, line in enumerate(raw) if ("`" in line or "~" in line)]
    for index in reversed(fences):  # from the end: each run between fences in one slice
        match = _FENCE.match(raw[index])
        if match and not match.group(2).strip():
            for char, run in longest.items():
                run[index + 1 : filled] = [best[char]] * (filled - index - 1)
            char = match.group(1)[0]
            best[char] = max(best[char], len(match.group(1)))
            filled = index + 1
    for char, run in longest.items():
        run[:filled] = [best[char]] * filled
    return longest


def _resume_after_unclosed_fence(raw: list[str], start: int) -> int | None:
    for index in range(start + 2, len(raw)):
        if raw[index].startswith("#") and not raw[index - 1].strip():
            heading = _ATX.match(raw[index])
            if heading and heading.group(2) and len(heading.group(1)) <= 3:
                return index
    return None


def _scan_lines(
    raw: list[str],
    offset: int,
    lines: list[Line],
    navigation: bool,
    progress: Progress | None,
    closers: dict[str, list[int]],
) -> int | None:
    """Classify ``raw[offset:]`` into ``lines`` up to a fence that is never closed; that
    fence's index (its line is in ``lines``, the ones after it are not), or None."""
    fence: tuple[str, int, int] | None = None  # (char, length, index in raw)
    comment = False
    toc_section = False
    total = len(raw)
    # One integer comparison per line when nobody listens: the next report is never due.
    step = every(total)
    next_report = offset + step if progress is not None else total
    for index in range(offset, total):
        if index >= next_report and progress is not None:
            progress(index / total)
            next_report = index + step
        text_line = raw[index]
        no = index + 1
        if fence is not None:
            lines.append(Line(no, text_line, Kind.CODE))
            if fence[0] in text_line:
                match = _FENCE.match(text_line)
                if (
                    match
                    and match.group(1)[0] == fence[0]
                    and len(match.group(1)) >= fence[1]
                    and not match.group(2).strip()
                ):
                    fence = None
            continue
        if comment:
            lines.append(Line(no, text_line, Kind.SKIP, left_out="comment"))
            comment = "-->" not in text_line
            continue
        stripped = text_line.strip()
        if not stripped:
            lines.append(Line(no, text_line, Kind.BLANK))
            continue
        first = stripped[0]
        if first in "`~":
            match = _FENCE.match(text_line)
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = (match.group(1)[0], len(match.group(1)), index)
                lines.append(Line(no, text_line, Kind.CODE))
                if closers[fence[0]][index + 1] < fence[1]:
                    return index
                continue
        if first == "<" and stripped.startswith("<!--"):
            lines.append(Line(no, text_line, Kind.SKIP, left_out="comment"))
            comment = "-->" not in stripped
            continue
        if first == "#":
            heading = _ATX.match(text_line)
            if heading:
                content = _heading_text(heading.group(2))
                toc_section = navigation and _plain(content) in _TOC_HEADINGS
                links_away = navigation and bool(_DOC_LINKS_ONLY.match(content))
                kind = Kind.SKIP if toc_section or links_away else Kind.HEADING
                level = len(heading.group(1))
                why = "contents" if toc_section else "links" if links_away else ""
                lines.append(Line(no, text_line, kind, level, content, why))
                continue
        if first in "=-" and lines and lines[-1].kind is Kind.TEXT and lines[-1].no == no - 1:
            setext = _SETEXT.match(text_line)
            previous = lines[-1]
            if setext and not _LIST_ITEM.match(previous.text) and previous.indent < 4:
                previous.kind = Kind.HEADING
                previous.level = 1 if setext.group(1)[0] == "=" else 2
                previous.content = previous.text.strip()
                toc_section = navigation and _plain(previous.content) in _TOC_HEADINGS
                if toc_section:
                    previous.kind = Kind.SKIP
                    previous.left_out = "contents"
                lines.append(Line(no, text_line, Kind.SKIP))
                continue
        if toc_section:
            lines.append(Line(no, text_line, Kind.SKIP, left_out="contents"))
            continue
        if navigation and ("](" in text_line or "href" in text_line):
            why = _navigation(text_line)
            if why:
                lines.append(Line(no, text_line, Kind.SKIP, left_out=why))
                continue
        if "<" in text_line and (_TAG_START.match(text_line) or _TAG_END.search(text_line)):
            lines.extend(_split_tags(no, text_line))
            continue
        lines.append(Line(no, text_line, Kind.TEXT))
    return None  # every block opened above was closed: ``closers`` said it would be


def _navigation(text: str) -> str:
    """Why a line is navigation rather than content (a ``LEFT_OUT`` key), or ``""``."""
    if _TOC_ITEM.match(text):
        return "contents"
    if is_back_link(text):
        return "back"
    if _DOC_LINKS_ONLY.match(text) and _way_around(text):
        return "links"
    return "badges" if _IMAGE_ONLY.match(text) and _BADGE_HINT.search(text) else ""


def _merge_multiline_summaries(lines: list[Line]) -> None:
    """``<summary>`` on one line, text on the next ones, ``</summary>`` later: join them."""
    for i, line in enumerate(lines):
        if line.kind is not Kind.SUMMARY or line.content or "</summary" in line.text.lower():
            continue
        taken: list[Line] = []
        closed = False
        for index in range(i + 1, len(lines)):  # not a slice: a copy per summary is quadratic
            follower = lines[index]
            if follower.kind is Kind.SKIP and "</summary" in follower.text.lower():
                closed = True
                break
            if follower.kind not in (Kind.TEXT, Kind.BLANK):
                break
            taken.append(follower)
        if not closed:  # never closed: its first line is the summary, the rest is the answer
            taken = (
                [next(f for f in taken if f.text.strip())]
                if any(f.text.strip() for f in taken)
                else []
            )
        for follower in taken:
            follower.kind = Kind.SKIP
        parts = (_HTML_TAG.sub("", follower.text).strip() for follower in taken)
        line.content = " ".join(p for p in parts if p)


def _drop_link_tables(lines: list[Line]) -> None:
    """A table whose rows are mostly in-page links is a table of contents."""
    text_kind = Kind.TEXT  # a local: an enum member's lookup costs more than the test

    def is_row(line: Line) -> bool:
        return line.kind is text_kind and line.text.lstrip().startswith("|")

    done = 0  # the lines before this one are read
    for i in [i for i, line in enumerate(lines) if "|" in line.text]:  # every row has one
        if i < done or not is_row(lines[i]):
            continue
        j = i
        while j < len(lines) and is_row(lines[j]):
            j += 1
        rows = lines[i:j]
        linked = sum(1 for row in rows if _INPAGE_LINK.search(row.text))
        if len(rows) >= 3 and linked * 2 >= len(rows) - 2:
            for row in rows:
                row.kind = Kind.SKIP
                row.left_out = "contents"
        done = j
