"""Import real public interview-question files and compare with counts made by hand.

    .venv/bin/python bench/corpus_bench.py [--cache DIR] [--mirror DIR] [--show ID] [--json F]

``bench/corpus/manifest.json`` lists public files (repository, path, commit) with what a
careful person counted in each: questions, answered questions, questions per topic, and a
few samples (line, the question's first words, answered or not). The files themselves are
never committed: they are read from a cache folder (``--cache``, default
``~/.cache/interview-prep/corpus``, or ``$INTERVIEW_PREP_CORPUS``) as
``OWNER+NAME/PATH``. A file missing there is taken from a git snapshot of its repository
when ``--mirror`` names a folder of them (``OWNER+NAME/…`` holding a git directory, as the
project's fetch tool leaves them) at the manifest's commit, and cached.

For each file the table shows the hand count and the import's, for questions, answered and
per topic (a topic matches when its name and count agree), whether the samples read as
counted, topic names with markup left in them, and answers that render entirely as a code
block although they were none in the source (no fence, not indented as code) or entirely in
bold. A file passes when questions and
answered are within 3% of the hand counts and nothing is in the last three columns.
``--show ID`` prints that file's questions as imported, for comparing by eye.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import markdown
from _common import write_result

from interview_prep.bank.importer import ImportedQuestion, read_document

MANIFEST = Path(__file__).resolve().parent / "corpus" / "manifest.json"
TOLERANCE = 0.03
_MARKUP = re.compile(r"<[A-Za-z/][^>]*>|\*\*|__|\]\(|`|:\s*$")
_STRONG = re.compile(r"<(strong|b)>.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_NUMBER = re.compile(r"^\W*(?:q(?:uestion)?\s*)?\d+[a-z]?\s*[.):、]?\s*", re.IGNORECASE)


def default_cache() -> Path:
    env = os.environ.get("INTERVIEW_PREP_CORPUS")
    return Path(env) if env else Path.home() / ".cache" / "interview-prep" / "corpus"


def _letters(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _topic_key(name: str) -> str:
    return _letters(name) or name.strip()


def locate(entry: dict[str, Any], cache: Path, mirror: Path | None) -> Path | None:
    """The cached copy of ``entry``'s file, brought from a snapshot if need be."""
    folder = entry["repo"].replace("/", "+")
    path = cache / folder / entry["path"]
    if path.is_file():
        return path
    if mirror is None:
        return None
    snapshot = mirror / folder
    git_dirs = [snapshot] if (snapshot / "HEAD").is_file() else sorted(snapshot.glob("*/HEAD"))
    for head in git_dirs:
        git_dir = head if head.is_dir() else head.parent
        shown = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"{entry['commit']}:{entry['path']}"],
            capture_output=True,
        )
        if shown.returncode == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(shown.stdout)
            return path
    return None


def _renders_as_code(answer: str) -> bool:
    """All one code block, although the text has no fence and is not indented as code in
    the source (an answer indented four spaces under its heading is a code block there)."""
    html = markdown.markdown(answer).strip()
    fenced = answer.lstrip().startswith(("```", "~~~")) or answer.startswith(("    ", "\t"))
    one_block = html.startswith("<pre>") and html.endswith("</pre>") and html.count("<pre>") == 1
    return one_block and not fenced


def _renders_all_bold(answer: str) -> bool:
    html = markdown.markdown(answer)
    if "<strong>" not in html and "<b>" not in html:
        return False
    rest = _TAG.sub(" ", _STRONG.sub(" ", html))
    return not any(ch.isalnum() for ch in rest)


@dataclass
class Row:
    entry: dict[str, Any]
    questions: int = 0
    answered: int = 0
    topics_matched: int = 0
    samples_ok: int = 0
    markup_topics: list[str] | None = None
    code_answers: int = 0
    bold_answers: int = 0
    missing: bool = False

    def within(self, got: int, hand: int) -> bool:
        return abs(got - hand) <= TOLERANCE * hand

    @property
    def passed(self) -> bool:
        e = self.entry
        return (
            not self.missing
            and self.within(self.questions, e["questions"])
            and self.within(self.answered, e["answered"])
            and not self.markup_topics
            and not self.code_answers
            and not self.bold_answers
        )


def _sample_ok(sample: dict[str, Any], questions: list[ImportedQuestion]) -> bool:
    """The question near the sample's line holds its first words, answered as counted."""
    want = _letters(_NUMBER.sub("", sample["question_starts"]))[:20]
    for question in questions:
        if abs(question.line - sample["line"]) <= 3 and want in _letters(question.question)[:400]:
            return bool(question.answer) == bool(sample["answered"])
    return False


def measure(entry: dict[str, Any], path: Path | None) -> tuple[Row, list[ImportedQuestion]]:
    row = Row(entry)
    if path is None:
        row.missing = True
        return row, []
    result = read_document(path)
    questions = result.questions
    row.questions = len(questions)
    row.answered = sum(1 for q in questions if q.answer)
    counts: dict[str, int] = {}
    for question in questions:
        counts[_topic_key(question.topic)] = counts.get(_topic_key(question.topic), 0) + 1
    row.topics_matched = sum(
        1 for name, count in entry["topics"].items() if counts.get(_topic_key(name)) == count
    )
    row.samples_ok = sum(1 for s in entry["samples"] if _sample_ok(s, questions))
    row.markup_topics = sorted({q.topic for q in questions if _MARKUP.search(q.topic)})
    row.code_answers = sum(1 for q in questions if q.answer and _renders_as_code(q.answer))
    row.bold_answers = sum(1 for q in questions if q.answer and _renders_all_bold(q.answer))
    return row, questions


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'file':34} {'lang':4} {'questions':>13} {'answered':>13} {'topics':>7} "
        f"{'samples':>7} {'markup':>6} {'code':>4} {'bold':>4}  result"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        e = row.entry
        if row.missing:
            print(f"{e['id'][:34]:34} {e['language']:4} not in the cache (see --mirror)")
            continue
        print(
            f"{e['id'][:34]:34} {e['language']:4} "
            f"{row.questions:>5} / {e['questions']:<5} {row.answered:>5} / {e['answered']:<5} "
            f"{row.topics_matched:>3}/{len(e['topics']):<3} "
            f"{row.samples_ok:>3}/{len(e['samples']):<3} {len(row.markup_topics or []):>6} "
            f"{row.code_answers:>4} {row.bold_answers:>4}  {'ok' if row.passed else 'OFF'}"
        )
    passed = sum(row.passed for row in rows)
    print(f"\n{passed} of {len(rows)} files within {TOLERANCE:.0%} of the hand counts")


def show(row: Row, questions: list[ImportedQuestion]) -> None:
    e = row.entry
    print(f"{e['id']}: {e['repo']} {e['path']} @ {e['commit'][:10]}")
    counts: dict[str, int] = {}
    for question in questions:
        counts[question.topic] = counts.get(question.topic, 0) + 1
    print("topics (import):", json.dumps(counts, ensure_ascii=False))
    print("topics (hand):  ", json.dumps(e["topics"], ensure_ascii=False))
    for question in questions:
        first = question.question.splitlines()[0][:90]
        flag = "A" if question.answer else "-"
        print(f"{question.line:6} {flag} [{question.topic[:20]}] {first}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--mirror", type=Path, default=None)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--show", metavar="ID")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    entries = json.loads(args.manifest.read_text(encoding="utf-8"))
    rows: list[Row] = []
    for entry in entries:
        if args.show and entry["id"] != args.show:
            continue
        row, questions = measure(entry, locate(entry, args.cache, args.mirror))
        rows.append(row)
        if args.show:
            show(row, questions)
    print_table(rows)
    present = [row for row in rows if not row.missing]
    write_result(
        args.json,
        {
            "corpus_files": float(len(present)),
            "corpus_within": float(sum(row.passed for row in present)),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
