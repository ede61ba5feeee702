"""The importer's public objects: a parsed document, its bank, and re-import merging."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..ids import normalise_question, question_id, slugify
from ..model import Bank, Problem, Question, Severity
from .decode import decode_document, repair_text
from .parser import parse_lines
from .scan import scan


@dataclass(frozen=True, slots=True)
class ImportedQuestion:
    topic: str
    question: str
    answer: str | None
    line: int


@dataclass(slots=True)
class ImportResult:
    """What one document holds, before it becomes a bank."""

    title: str
    source: str
    questions: list[ImportedQuestion]
    warnings: list[Problem] = field(default_factory=list)
    layout: str = ""

    @property
    def bank_id(self) -> str:
        return slugify(self.title, max_words=12)


def _title_from_name(name: str) -> str:
    stem = Path(name).stem
    return stem if stem.strip() else "Imported questions"


def parse_markdown(text: str, *, source: str, title: str | None = None) -> ImportResult:
    """Parse markdown ``text``; ``source`` names the document in warnings and in the bank.

    ``title`` overrides the document's own title (its lone top-level heading, else the file
    name); questions before the first topic heading go to a topic of that name.
    """
    scanned = scan(repair_text(text))
    default_title = title or _title_from_name(source)
    parsed = parse_lines(scanned.lines, default_title)
    doc_title = title or parsed.title or default_title
    questions = [
        ImportedQuestion(
            doc_title if q.topic == default_title else q.topic, q.question, q.answer, q.line
        )
        for q in parsed.questions
    ]
    raw_warnings = sorted(scanned.warnings + parsed.warnings)
    warnings = [Problem(source, line, msg, Severity.WARNING) for line, msg in raw_warnings]
    if not questions:
        warnings.append(Problem(source, None, "no questions found", Severity.WARNING))
    return ImportResult(doc_title, source, questions, warnings, parsed.layout.marker.value)


def read_document(path: Path, *, title: str | None = None) -> ImportResult:
    """Read and parse a markdown file. Raises ``OSError`` or ``NotATextDocument``."""
    text, warning = decode_document(path.read_bytes())
    result = parse_markdown(text, source=str(path), title=title)
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
                bank_id=bank_id,
                line=item.line,
            )
        )
    bank = Bank(
        id=bank_id,
        title=result.title,
        questions=tuple(questions),
        source=Path(result.source).name,
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
