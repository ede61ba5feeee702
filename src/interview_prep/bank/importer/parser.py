"""Read classified lines into questions and answers: the importer's state machine.

The layout (see ``layout``) says what starts a question. Around that one rule:

* Headings shallower than the question level are topics; a lone H1 at the top is the
  document's title. Questions before the first topic go to a topic named after the document.
* An answer is everything after its question up to the next question or topic. A
  ``<details>`` fold right after a question is its answer: a generic summary ("Answer") is
  dropped, a descriptive one is kept as a bold line unless it repeats the question or the
  answer's first heading. Headings inside a closed fold are answer content, never questions;
  a fold left open ends where the next question starts.
* Numbered layouts: a numbered line is a new question only when its number moves the
  question sequence forward; ``1. 2. 3.`` restarting inside an answer is the answer's own list.
* A list right under a topic whose items read as questions is a list of questions (nested
  items, if any, are each one's answer), whatever the document's main layout.
* Empty headings and placeholders ("Answer here", "TODO") are not content.
* The title is the lone H1 outside answer folds: an answer may hold headings of any level.

The layout can also be given (an import dialog's ``question_marker``, or an export's note):
the same rules then apply to the marker given, and a heading level given makes every heading
of that level a question. An Interview Prep export is read ``verbatim`` (see ``verbatim``):
question and topic headings as written, a question's later lines before its answer fold, the
fold's lines as the answer, and the text under the title as the description.

``progress`` gets the fraction done: the main loop is the first half, turning drafts into
questions (where answers are cleaned) the second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .drafts import Draft, ParsedQuestion, VerbatimFold, finish
from .folds import UNMATCHED, first_heading, summary_after, verbatim_fold
from .layout import (
    ANSWER_LABEL,
    BOLD_LINE,
    LIST_ITEM,
    NUMBERED,
    QUESTION_LABEL,
    Layout,
    Marker,
    detect_layout,
    inside_folds,
    match_details,
)
from .lists import ListItems, read_list, split_item
from .progress import Progress, every
from .scan import Kind, Line, is_doc_links
from .shape import ONLY_LINK, links_section, read_shape
from .tables import is_row, read_table
from .text import (
    clean_question,
    clean_topic,
    ends_with_question_mark,
    is_answer_label,
    is_generic_label,
    looks_like_question,
    same_text,
)
from .verbatim import description_of

# A note inviting contributions ("Pull requests welcome!") is about the document, not a question.
_CONTRIBUTING = re.compile(
    r"\bcontribut|\bpull requests?\b|\bPRs?\b|\bstar (?:this|the) repo|\bfork\b", re.I
)


@dataclass(slots=True)
class ParseOutput:
    title: str | None
    layout: Layout
    questions: list[ParsedQuestion]
    warnings: list[tuple[int, str]]
    description: str | None = None


class _Parser:
    def __init__(
        self,
        lines: list[Line],
        layout: Layout | None,
        raw: list[str] | None,
        progress: Progress | None,
    ) -> None:
        self.lines = lines
        self.pairs, stray = match_details(lines)
        self.stray = set(stray)
        self.inside = inside_folds(lines, self.pairs)
        self.layout = layout or detect_layout(lines, self.pairs, self.inside)
        self.raw = raw
        self.verbatim = raw is not None
        self.progress = progress
        self.title: str | None = None
        self.topic: str | None = None
        self.current: Draft | None = None
        self.done: list[Draft] = []
        self.warnings: list[tuple[int, str]] = []
        self.dropped: list[int] = []  # numbers of text lines that belong to no question
        self.last_number = 0
        self.sub_next: int | None = None
        self.shape = read_shape(lines, self.inside, self.layout, self.verbatim)
        self.title_index = self.shape.title_index
        self.topic_line: Line | None = None  # the heading of the topic read last
        self.topic_used = False  # whether a question has come under it
        self._lists: dict[int, ListItems] = {}  # the last list read at each indentation

    # -- helpers -------------------------------------------------------------------------
    def _topic(self) -> str | None:
        return self.topic or self.title

    def _close(self) -> None:
        if self.current is not None:
            self.done.append(self.current)
        self.current = None
        self.sub_next = None

    def _topic_heading_done(self) -> None:
        """A topic heading no question came under ("# Part 1" over "## Basics", a closing
        "## License"): said in the import's summary, as it is in no question's topic."""
        if self.topic_line is not None and not self.topic_used and not self.verbatim:
            self.topic_line.left_out = "empty section"
        self.topic_line = None

    def _start(self, text: str, line: Line) -> Draft:
        self.topic_used = True
        self._close()
        question = text.strip() if self.verbatim else clean_question(text)
        self.current = Draft(self._topic(), question, line.no)
        return self.current

    def _append(self, line: Line) -> None:
        if self.current is not None:
            self.current.body.append(line)
        elif line.kind in (Kind.TEXT, Kind.CODE) and line.text.strip() and not self.verbatim:
            self.dropped.append(line.no)  # said in one warning per run of lines (_report)

    def _report_dropped(self) -> None:
        """One warning per run of text that went into no question: nothing is lost silently."""
        runs: list[list[int]] = []
        for number in self.dropped:
            if runs and number - runs[-1][-1] <= 2:  # a blank line between: the same run
                runs[-1].append(number)
            else:
                runs.append([number])
        for run in runs:
            where = f"lines {run[0]}–{run[-1]}" if len(run) > 1 else f"line {run[0]}"
            self.warnings.append((run[0], f"text outside any question ({where}); not imported"))

    # -- the main loop -------------------------------------------------------------------
    def run(self) -> ParseOutput:
        index = 0
        total = len(self.lines)
        progress = self.progress
        step = every(total)
        next_report = step if progress is not None else total
        while index < total:
            if index >= next_report and progress is not None:
                progress(index / total / 2)
                next_report = index + step
            index = self._step(index)
        self._close()
        self._topic_heading_done()
        if self.done:  # with no question at all, "no questions found" says it for all
            self._report_dropped()
        questions = finish(self.done, raw=self.raw, warnings=self.warnings, progress=self.progress)
        description = (
            description_of(self.lines, self.raw, self.title_index) if self.raw is not None else None
        )
        return ParseOutput(self.title, self.layout, questions, self.warnings, description)

    def _step(self, index: int) -> int:
        line = self.lines[index]
        current = self.current
        if current is not None and current.inner_fold_end is not None:
            # Inside a fold kept in an answer, everything is answer text: a heading there
            # ("#### Answer: D") is not a topic or a question.
            if line.kind is not Kind.SKIP:
                current.body.append(line)
            if index >= current.inner_fold_end:
                current.inner_fold_end = None
            return index + 1
        if current is not None and isinstance(current.fold_end, int) and current.fold_end >= 0:
            if index < current.fold_end:
                if line.kind is not Kind.SKIP:
                    current.body.append(line)
                return index + 1
            if index == current.fold_end:
                current.fold_end = None
                if current.verbatim is not None:
                    current.body.clear()  # the fold was read from the source's lines
                return index + 1
        kind = line.kind
        if kind is Kind.SKIP:
            return index + 1
        if kind in (Kind.BLANK, Kind.CODE):
            self._append(line)
            return index + 1
        if kind is Kind.HEADING:
            return self._heading(index, line)
        if kind is Kind.DETAILS_OPEN:
            return self._details(index, line)
        if kind is Kind.DETAILS_CLOSE:
            if index in self.stray:
                self.warnings.append((line.no, "stray </details> without an opening tag; ignored"))
            else:
                self._append(line)
            return index + 1
        if kind is Kind.SUMMARY:
            self._append(line)
            return index + 1
        return self._text(index, line)

    def _heading(self, index: int, line: Line) -> int:
        layout = self.layout
        if index == self.title_index:
            self._close()
            self.title = line.content or None
            return index + 1
        is_heading_layout = layout.marker is Marker.HEADING
        if is_heading_layout and line.level == layout.heading_level:
            if not line.content:
                self._close()
                self.warnings.append((line.no, "empty question heading; skipped"))
                return index + 1
            link_only = ONLY_LINK.match(line.content) and not self.verbatim
            if link_only and not looks_like_question(line.content):
                # "### [An article](https://…)": a reading tip, not a question; what
                # follows it belongs to no question and is reported as such.
                self._close()
                self.dropped.append(line.no)
                return index + 1
            end = None if self.verbatim else links_section(self.lines, index)
            if end is not None:  # "### Other answers" and a list of links: no question
                self._close()
                for skipped in self.lines[index:end]:
                    if skipped.kind is not Kind.BLANK:
                        skipped.kind, skipped.left_out = Kind.SKIP, "link list"
                return end
            self._start(line.content, line)
            return index + 1
        if (
            is_heading_layout
            and not self.verbatim
            and self.shape.question_off_level(line, after_question=self.current is not None)
        ):
            self._start(line.content, line)
            return index + 1
        if not is_heading_layout or line.level < layout.heading_level:
            self._close()
            self._topic_heading_done()
            topic = line.content if self.verbatim else clean_topic(line.content)
            self.topic = topic or self.topic
            self.topic_line = line
            self.topic_used = False
            self.last_number = 0
            return index + 1
        if self.current is not None:
            self.current.body.append(line)
        elif line.content:
            self.warnings.append((line.no, "heading outside any question; ignored"))
        return index + 1

    def _details(self, index: int, line: Line) -> int:
        end = self.pairs.get(index, UNMATCHED)
        summary_index = summary_after(self.lines, index)
        summary = self.lines[summary_index].content if summary_index is not None else ""
        after = summary_index + 1 if summary_index is not None else index + 1
        current = self.current
        if end == UNMATCHED:
            self.warnings.append(
                (line.no, "<details> is never closed; it ends at the next question")
            )
        verbatim = (
            current is not None
            and not current.fold_used
            and verbatim_fold(self.lines, self.raw, (index, summary_index, end))
        )
        if (
            current is not None
            and not verbatim
            and not current.fold_used
            and end != UNMATCHED
            and is_answer_label(summary)
            and not current.awaiting_answer()
            and all(line.kind in (Kind.TEXT, Kind.CODE, Kind.BLANK) for line in current.body)
        ):
            # What stands between a question and its "Answer" fold (code to read, the
            # options of a multiple-choice question) belongs to the question.
            body = "\n".join(line.text for line in current.body).strip()
            current.question = f"{current.question}\n\n{body}"
            current.body.clear()
        if current is not None and (verbatim or current.awaiting_answer()):
            current.fold_used = True
            current.fold_end = end
            label: str | None = None
            if (
                summary
                and not is_generic_label(summary)
                and not same_text(summary, current.question)
            ):
                first = first_heading(self.lines, after, end)
                if first is None or not same_text(first, summary):
                    label = summary
            if verbatim:
                close = self.lines[end].no
                current.verbatim = VerbatimFold(
                    (current.line, line.no - 1), (self.lines[after - 1].no, close - 1), label
                )
            elif label:
                current.body.append(Line(line.no, f"**{label}**", Kind.TEXT))
                current.body.append(Line(line.no, "", Kind.BLANK))
            return after
        if (
            summary
            and not is_generic_label(summary)
            and (looks_like_question(summary) or self.layout.marker is Marker.DETAILS)
        ):
            assert summary_index is not None
            draft = self._start(summary, self.lines[summary_index])
            draft.fold_used = True
            draft.fold_end = end
            return after
        if current is None:
            if end != UNMATCHED:
                last = self.lines[end].no
                self.warnings.append(
                    (
                        line.no,
                        f"folded block outside any question (lines {line.no}–{last}); ignored",
                    )
                )
                return end + 1
            return index + 1
        current.body.append(line)  # a fold inside an answer stays a fold, all of it
        current.inner_fold_end = end if end != UNMATCHED else None
        return index + 1

    def _text(self, index: int, line: Line) -> int:
        if self.current is None and not self.verbatim and is_doc_links(line.text):
            line.kind, line.left_out = Kind.SKIP, "links"  # outside questions: navigation
            return index + 1
        marker = self.layout.marker
        if marker is Marker.NUMBERED:
            match = NUMBERED.match(line.text)
            if match:
                number, text = int(match.group(1)), match.group(2)
                if self._numbered_question(number, text):
                    self._start(text, line).in_list_item = True
                    self.last_number = number
                    return index + 1
                if self.current is not None:
                    self.sub_next = number + 1
        elif marker is Marker.LABELLED:
            match = QUESTION_LABEL.match(line.text)
            if match:
                self._start(match["text"], line)
                return index + 1
            current = self.current
            if current is not None and not current.answered and ANSWER_LABEL.match(line.text):
                # What stands between the question's label and the answer's continues it.
                extra = " ".join(ln.text.strip() for ln in current.body if ln.text.strip())
                if extra:
                    current.question = f"{current.question} {extra}"
                current.body.clear()
                current.answered = True
        elif marker is Marker.TABLE and is_row(line.text):
            end = self._table(index)
            if end is not None:
                return end
        elif marker is Marker.BOLD:
            match = BOLD_LINE.match(line.text)
            if match and self._bold_question(index, match["text"]):
                self._start(f"{match['text']} {match['marks'].strip()}".strip(), line)
                return index + 1
        if (
            self.current is None
            and not self.verbatim
            and LIST_ITEM.match(line.text)
            and line.indent <= 3
        ):
            end = self._question_list(index)
            if end is not None:
                return end
        self._append(line)
        return index + 1

    def _table(self, start: int) -> int | None:
        """A table of questions, one a row: the index after it, or None if it is not one."""
        end = start
        while end < len(self.lines) and self.lines[end].kind is Kind.TEXT:
            if not is_row(self.lines[end].text):
                break
            end += 1
        found = read_table([line.text for line in self.lines[start:end]])
        if found is None:
            return None
        for header in self.lines[start : start + 2]:
            header.left_out = "table header"
        for item in found:
            row = self.lines[start + item.row]
            draft = self._start(item.question, row)
            draft.tags = item.tags
            if item.answer:
                draft.body.extend(Line(row.no, text, Kind.TEXT) for text in item.answer.split("\n"))
        self._close()
        return end

    def _bold_question(self, index: int, text: str) -> bool:
        """A whole-line bold question starts a paragraph; one that asks outright ("…?")
        right under an answer's line starts a question too (authors leave out the blank
        line). Before the first topic, only a line that asks outright is a question, and a
        note about contributing never is."""
        if not looks_like_question(text):
            return False
        asks = ends_with_question_mark(clean_question(text))
        if self._preamble(index) and (not asks or _CONTRIBUTING.search(text)):
            return False
        previous = self.lines[index - 1] if index else None
        if previous is None or previous.kind is not Kind.TEXT:
            return True
        current = self.current
        return asks and current is not None and any(ln.text.strip() for ln in current.body)

    def _preamble(self, index: int) -> bool:
        return self.shape.in_preamble(index, self.topic)

    def _numbered_question(self, number: int, text: str) -> bool:
        if self.current is None:
            return True
        if number <= self.last_number:
            return False
        if self.sub_next is not None and number == self.sub_next:
            return looks_like_question(text)
        return number <= self.last_number + 5 or looks_like_question(text)

    def _question_list(self, start: int) -> int | None:
        """A list of questions directly under a topic: returns the index after it, or None.

        The list read from a later item of a list read before, at the same indentation, is
        the rest of that list: it is taken from there, not read again (once per item of a
        long list that is not one of questions, that took the square of its length).
        """
        top = self.lines[start].indent
        found = self._lists.get(top)
        if found is None or start not in found.first:
            found = read_list(self.lines, start, top)
            self._lists[top] = found
        first = found.first[start]
        remaining = len(found.items) - first
        if self.layout.marker is Marker.LIST:
            # The document asks in list items: a list with a question in it is one of
            # questions, tasks ("Unpack test.tar.gz without man pages") included.
            if not found.questions[first]:
                return None
        elif found.questions[first] * 2 < remaining:
            return None
        if self._preamble(start) and (
            found.questions[first] < remaining
            or any(_CONTRIBUTING.search(text) for _, _, text in found.items[first:])
        ):
            return None  # before the first topic: a list of questions asks in every item
        for item_index, nested, text in found.items[first:]:
            question, body = split_item(text, [self.lines[i] for i in nested])
            draft = self._start(question, self.lines[item_index])
            draft.body.extend(body)
        self._close()
        return found.end


def parse_lines(
    lines: list[Line],
    *,
    layout: Layout | None = None,
    raw: list[str] | None = None,
    progress: Progress | None = None,
) -> ParseOutput:
    """Questions, answers, topics and title of a scanned document.

    ``layout``: the question marker to use instead of detecting one. ``raw``: the source's
    lines, given for an Interview Prep export only, which is then read verbatim.
    """
    return _Parser(lines, layout, raw, progress).run()
