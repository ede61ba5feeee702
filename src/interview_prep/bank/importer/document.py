"""The importer's public objects: a parsed document, its bank, and re-import merging.

Options an import dialog offers, all keyword-only with defaults that detect as before:

* ``question_marker`` forces what marks a question: ``"heading-1"`` … ``"heading-6"``,
  ``"numbered"``, ``"bold"`` or ``"details"``; ``None`` or ``"auto"`` detect it.
  ``detect_candidates`` lists the choices a document offers with their question counts,
  most likely first, from the same count detection makes. ``ImportResult.layout`` names the
  marker used with the same strings (``"none"`` when nothing was found).
* ``progress`` is called with fractions rising from 0.0 to 1.0 while a document is parsed:
  about every 2% of the scan, of the main loop and of the answers, and 1.0 at the end.

A document written by ``interview_prep.bank.export_markdown`` declares its marker in its
first line and is read verbatim (see ``verbatim``), so it gives back the exported bank's
topics, questions, answers and description exactly. Forcing another marker on it reads it
as any other document.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ...paths import read_regular_file
from ..ids import normalise_question, question_id, slugify
from ..model import Bank, Difficulty, Kind, Problem, Question, Severity
from .decode import decode_document, repair_text
from .drafts import ParsedQuestion
from .images import ImageCopy, ImageRewriter
from .layout import count_candidates, inside_folds, match_details, parse_marker
from .metadata import mark_legend, read_metadata
from .parser import parse_lines
from .progress import Progress, Reporter
from .scan import LEFT_OUT, Line, scan
from .text import clean_question
from .verbatim import read_directive


@dataclass(frozen=True, slots=True)
class ImportedQuestion:
    topic: str
    question: str
    answer: str | None
    line: int
    difficulty: Difficulty | None = None
    kind: Kind = Kind.CONCEPT
    time_limit: int | None = None
    tags: tuple[str, ...] = ()


@dataclass(slots=True)
class ImportResult:
    """What one document holds, before it becomes a bank."""

    title: str
    source: str
    questions: list[ImportedQuestion]
    warnings: list[Problem] = field(default_factory=list)
    layout: str = ""  # the question marker used: "heading-3", "numbered", "bold", "details"…
    description: str | None = None  # an export's description (other documents have none)
    #: Lines left out as not content, by reason (``scan.LEFT_OUT``): navigation, comments…
    left_out: dict[str, list[int]] = field(default_factory=dict)
    #: Local image files the questions refer to, to copy with the bank (see ``images``).
    images: list[ImageCopy] = field(default_factory=list)

    @property
    def bank_id(self) -> str:
        return slugify(self.title, max_words=12)


def _title_from_name(name: str) -> str:
    stem = Path(name).stem
    return stem if stem.strip() else "Imported questions"


def parse_markdown(
    text: str,
    *,
    source: str,
    title: str | None = None,
    question_marker: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Parse markdown ``text``; ``source`` names the document in warnings and in the bank.

    ``title`` overrides the document's own title (its lone top-level heading, else the file
    name); questions before the first topic heading go to a topic of that name.
    ``question_marker`` and ``progress``: see the module's docstring. Raises ``ValueError``
    for a ``question_marker`` that is not one of ``layout.QUESTION_MARKERS``.
    """
    forced = parse_marker(question_marker)
    clean_question.cache_clear()  # its memo serves one document (read by several passes)
    report = Reporter(progress) if progress is not None else None
    if report is not None:
        report(0.0)
    declared = read_directive(text)
    verbatim = declared is not None and forced in (None, declared)
    layout = forced or declared
    repaired = repair_text(text, fix_mojibake=not verbatim)
    scanned = scan(
        repaired,
        navigation=not verbatim,
        progress=report.stage(0.05, 0.45) if report is not None else None,
    )
    legend = mark_legend(scanned.lines) if not verbatim else {}
    parsed = parse_lines(
        scanned.lines,
        layout=layout,
        raw=scanned.raw if verbatim else None,
        progress=report.stage(0.5, 1.0) if report is not None else None,
    )
    doc_title = title or parsed.title or scanned.front_title or _title_from_name(source)
    questions = [_imported(q, doc_title, legend, verbatim) for q in parsed.questions]
    left_out = {} if verbatim else _left_out(scanned.lines)  # an export's notes are its own
    raw_warnings = scanned.warnings + parsed.warnings
    if left_out and questions:  # with none, "no questions found" says it for all
        raw_warnings.append(_left_out_summary(left_out))
    warnings = [Problem(source, line, msg, Severity.WARNING) for line, msg in sorted(raw_warnings)]
    if not questions:
        warnings.append(Problem(source, None, "no questions found", Severity.WARNING))
    if report is not None:
        report(1.0)
    return ImportResult(
        doc_title, source, questions, warnings, parsed.layout.name, parsed.description, left_out
    )


def _imported(
    parsed: ParsedQuestion, doc_title: str, legend: dict[str, Difficulty], verbatim: bool
) -> ImportedQuestion:
    topic = parsed.topic if parsed.topic is not None else doc_title
    if verbatim:  # an export says nothing of these: the bank file it came from kept them
        return ImportedQuestion(topic, parsed.question, parsed.answer, parsed.line)
    meta = read_metadata(parsed.question, parsed.topic, legend)
    return ImportedQuestion(
        topic, meta.question, parsed.answer, parsed.line, meta.difficulty, meta.kind,
        meta.time_limit, parsed.tags,
    )  # fmt: skip


def _left_out(lines: list[Line]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for line in lines:
        if line.left_out:
            numbers = found.setdefault(line.left_out, [])
            if not numbers or numbers[-1] != line.no:
                numbers.append(line.no)
    return found


def line_ranges(numbers: list[int]) -> str:
    """``3–5, 9`` for lines 3, 4, 5 and 9; long lists end with ``…``."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    shown = [f"{a}–{b}" if a != b else f"{a}" for a, b in runs[:6]]
    return ", ".join(shown) + (", …" if len(runs) > 6 else "")


def _left_out_summary(left_out: dict[str, list[int]]) -> tuple[int, str]:
    """One warning for everything left out as not content, at its first line."""
    parts = []
    for reason, numbers in left_out.items():
        where = f"line {numbers[0]}" if len(numbers) == 1 else f"lines {line_ranges(numbers)}"
        parts.append(f"{LEFT_OUT[reason]} ({where})")
    first = min(numbers[0] for numbers in left_out.values())
    return first, "left out as not questions: " + "; ".join(parts)


def detect_candidates(text: str) -> list[tuple[str, int]]:
    """Each question marker the document offers, with the questions it would find; the most
    likely first (what ``question_marker=None`` picks), for an import dialog's choices.

    The names are ``question_marker`` values. Markers whose lines read as questions come
    first, in detection's order; then markers that would take lines none of which reads as
    a question (``## Closures``), by count. An export's declared marker always comes first.
    """
    declared = read_directive(text)
    verbatim = declared is not None
    lines = scan(repair_text(text, fix_mojibake=not verbatim), navigation=not verbatim).lines
    pairs, _stray = match_details(lines)
    candidates = count_candidates(lines, pairs, inside_folds(lines, pairs))
    ranked = [(c.layout.name, c.found) for c in candidates]
    if declared is not None:
        found = dict(ranked).get(declared.name, 0)
        ranked = [(declared.name, found)] + [c for c in ranked if c[0] != declared.name]
    return ranked


def read_document(
    path: Path,
    *,
    title: str | None = None,
    question_marker: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read and parse a markdown file. Raises ``OSError`` or ``NotATextDocument``, and
    ``ValueError`` for an unknown ``question_marker`` (before reading the file)."""
    parse_marker(question_marker)
    text, warning = decode_document(read_regular_file(path))
    result = parse_markdown(
        text,
        source=str(path),
        title=title,
        question_marker=question_marker,
        progress=progress,
    )
    rewriter = ImageRewriter(path, result.bank_id, text.split("\n"))
    result.questions = [
        replace(
            q,
            question=rewriter.text(q.question, q.line),
            answer=rewriter.text(q.answer, q.line) if q.answer else q.answer,
        )
        for q in result.questions
    ]
    result.images = rewriter.copies
    if rewriter.problems:  # in line order, as the others; those of no line last
        result.warnings = sorted(
            [*result.warnings, *rewriter.problems], key=lambda p: (p.line is None, p.line or 0)
        )
    if warning:
        line_text, _, message = warning.partition(": ")
        line = int(line_text.removeprefix("line ")) if line_text.startswith("line ") else None
        result.warnings.insert(0, Problem(str(path), line, message, Severity.WARNING))
    return result


def to_bank(result: ImportResult, *, bank_id: str | None = None) -> tuple[Bank, list[Problem]]:
    """Give every question its stable id; repeated questions are reported and numbered."""
    bank_id = bank_id or result.bank_id
    seen: dict[str, int] = {}
    first_line: dict[str, int] = {}
    problems: list[Problem] = []
    questions: list[Question] = []
    for item in result.questions:
        key = normalise_question(item.question)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            problems.append(
                Problem(
                    result.source,
                    item.line,
                    f"the same question is already at line {first_line[key]}; both kept",
                    Severity.WARNING,
                )
            )
        else:
            first_line[key] = item.line
        questions.append(
            Question(
                id=question_id(bank_id, item.question, seen[key]),
                topic=item.topic,
                question=item.question,
                answer=item.answer,
                tags=item.tags,
                difficulty=item.difficulty,
                kind=item.kind,
                time_limit=item.time_limit,
                bank_id=bank_id,
                line=item.line,
            )
        )
    bank = Bank(
        id=bank_id,
        title=result.title,
        questions=tuple(questions),
        source=Path(result.source).name,
        description=result.description,
    )
    return bank, problems


@dataclass(frozen=True, slots=True)
class MergeReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # in the bank from an earlier import, no longer in the document

    def __str__(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.kept:
            text += f", {self.kept} kept that are no longer in the document"
        return text


def merge_banks(new: Bank, existing: Bank | None) -> tuple[Bank, MergeReport]:
    """Fold a re-import into the bank written last time.

    Questions match by id. Text, topic and answer come from the document; what the user set
    in the bank file (tags, kind, difficulty, time limit) stays. Questions that left the
    document are kept, so the history stored against them still has its question.
    """
    if existing is None:
        return new, MergeReport(added=len(new.questions))
    old = {q.id: q for q in existing.questions}
    merged: list[Question] = []
    added = updated = unchanged = 0
    for question in new.questions:
        before = old.pop(question.id, None)
        if before is None:
            merged.append(question)
            added += 1
            continue
        after = replace(
            before, topic=question.topic, question=question.question, answer=question.answer
        )
        merged.append(after)
        if after == before:
            unchanged += 1
        else:
            updated += 1
    merged.extend(old.values())
    bank = replace(
        new,
        questions=tuple(merged),
        description=existing.description or new.description,
    )
    return bank, MergeReport(added, updated, unchanged, len(old))
