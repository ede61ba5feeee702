"""Hostile and large inputs: a folder of hundreds of bank files, a 10 MB document, foreign
encodings, binary files named ``.md``, and documents that are empty, one enormous line, or
nested thousands of levels deep.

Each finishes well inside a generous guard (``GUARD`` seconds; the time taken is printed,
``pytest -s`` shows it) with a sensible result, and never with a ``RecursionError``. Work
that could hang runs in a worker thread (or, for the 10 MB import, a subprocess) so that a
regression fails the test instead of stalling the run.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
import yaml

from interview_prep.bank import yaml_read
from interview_prep.bank.importer import NotATextDocument, parse_markdown, read_document
from interview_prep.bank.loader import load_bank_dir, load_catalog
from interview_prep.bank.model import Severity
from interview_prep.bank.yaml_read import MAX_NESTING, parse_bank, read_bank_file
from interview_prep.cli import main
from interview_prep.render import LIGHT, render_answer
from interview_prep.render.limits import (
    MAX_LAYOUT_COST,
    MAX_WORD_CHARS,
    layout_cost,
    plain_html,
)

GUARD = 10.0  # seconds: a hang guard, not a benchmark
T = TypeVar("T")


def finishes(work: Callable[[], T], label: str, *, guard: float = GUARD) -> T:
    """Run ``work`` in a daemon thread; fail if it is not done within ``guard`` seconds."""
    values: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            values.append(work())
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    started = time.perf_counter()
    worker = threading.Thread(target=run, name=label, daemon=True)
    worker.start()
    worker.join(guard)
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    assert not worker.is_alive(), f"{label} did not finish within {guard} s"
    if errors:
        raise AssertionError(f"{label} raised {errors[0]!r}") from errors[0]
    return values[0]


def run_import(
    capsys: pytest.CaptureFixture[str], data_dir: Path, *files: Path
) -> tuple[int, str, str]:
    code = main(["import", *map(str, files), "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- a folder of 300 bank files -------------------------------------------------------------

BROKEN: list[bytes] = [
    b"title: [unclosed\nquestions: []\n",  # not YAML
    b"- just\n- a list\n",  # not a mapping
    b"questions: []\n",  # no title
    b"title: No questions\n",  # no questions
    b"title: T\nquestions: 5\n",  # questions not a list
    b"",  # empty
    b"   \n\t\n",  # only white space
    b"title: T\nquestions:\n  - !!python/object/apply:os.system [echo pwned]\n",  # unsafe tag
    b"title: T\ndefaults: [x]\nquestions: []\n",  # bad defaults
    b"title: caf\xe9\nquestions: []\n",  # Windows-1252, not UTF-8
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",  # an image
    b"title: T\x07\nquestions: []\n",  # a control character
]


def good_bank(number: int) -> str:
    questions = [
        {
            "id": f"bank{number}-q{index}",
            "topic": f"Topic {index % 3}",
            "question": f"What is thing {index} of bank {number}?",
            "answer": f"Thing {index}.\n\n- a point\n- another",
        }
        for index in range(5)
    ]
    return yaml.safe_dump({"title": f"Bank {number}", "questions": questions}, sort_keys=False)


def test_a_folder_of_300_files_some_broken_loads_every_good_question(tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    broken: set[str] = set()
    for number in range(300):
        path = folder / f"bank-{number:03d}.yaml"
        if number % 10 == 7:  # 30 broken files, every kind more than once
            path.write_bytes(BROKEN[(number // 10) % len(BROKEN)])
            broken.add(path.name)
        else:
            path.write_text(good_bank(number), encoding="utf-8")

    banks, problems = finishes(lambda: load_bank_dir(folder, bundled=False), "300 bank files")

    assert len(banks) == 270
    assert sum(len(bank.questions) for bank in banks) == 270 * 5
    assert all(p.severity is Severity.ERROR and p.message for p in problems)
    # One problem per broken file, naming it; none for the good ones.
    assert sorted(Path(p.path).name for p in problems) == sorted(broken)
    catalog = finishes(lambda: load_catalog(None, folder), "300 bank files as a catalog")
    assert len(catalog) == 270 * 5
    assert len(catalog.problems) == 30


LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_deeply_nested_yaml_is_a_problem_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, loader: type[yaml.SafeLoader]
) -> None:
    """libyaml composes nodes recursively in C: 30,000 nested lists overflowed the C stack
    and killed the process (a segmentation fault, on every start of the app).

    The app's own count or libyaml's own limit (PyYAML 6.0.4's wheels) may notice first;
    the user gets the same problem, on the line where the nesting went too deep."""
    monkeypatch.setattr(yaml_read, "_SafeLoader", loader)
    for text, line in (
        ("title: T\nquestions: " + "[" * 50_000 + "]" * 50_000 + "\n", 2),
        ("title: T\nquestions:\n" + "".join(" " * i + "- \n" for i in range(3000)), 202),
        ("title: T\nquestions:\n  - topic: T\n    question: " + "{a: " * 300 + "}" * 300, 4),
    ):
        bank, problems = finishes(partial(parse_bank, text, Path("deep.yaml")), "deep YAML")
        assert bank is None
        assert [(p.line, p.message) for p in problems] == [(line, yaml_read._TOO_DEEP)]
    # Nesting as deep as MAX_NESTING is still read.
    text = "title: T\nquestions: []\nextra: " + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1)
    bank, problems = parse_bank(text, Path("deep.yaml"))
    assert bank is not None and [p.message for p in problems] == ["unknown field 'extra'"]


def test_a_nesting_limit_of_the_yaml_library_reads_as_the_apps_own_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever words a YAML library uses when it refuses deep nesting itself, the user reads
    the app's problem; any other error the library raises keeps its own description."""
    text = "title: T\nquestions:\n  - topic: T\n    question: " + "[" * 400 + "]" * 400 + "\n"

    def refusing_at(offset: int) -> Callable[..., object]:
        def parse(stream: str, Loader: object = None) -> object:
            mark = yaml.Mark("<text>", offset, stream.count("\n", 0, offset), 0, None, None)
            raise yaml.scanner.ScannerError("while scanning", mark, "words of the library", mark)

        return parse

    monkeypatch.setattr(yaml_read.yaml, "parse", refusing_at(text.index("[") + 300))
    bank, problems = parse_bank(text, Path("deep.yaml"))
    assert bank is None
    assert [(p.line, p.message) for p in problems] == [(4, yaml_read._TOO_DEEP)]

    # An error of the library where the nesting is shallow is not called "nested too deeply".
    shallow = "title: T\nquestions:\n  - topic: T\n    question: [[x]]\n" + "# [\n" * 300
    monkeypatch.setattr(yaml_read.yaml, "parse", refusing_at(shallow.index("[") + 1))
    bank, problems = parse_bank(shallow, Path("odd.yaml"))
    assert bank is None and len(problems) == 1
    assert problems[0].line == 4 and problems[0].message != yaml_read._TOO_DEEP


# -- a 10 MB document -------------------------------------------------------------------------


def big_document(size: int) -> tuple[str, int]:
    """A document of at least ``size`` characters: topics of 100 answered questions."""
    parts = ["# Big bank\n\n"]
    total = count = 0
    while total < size:
        if count % 100 == 0:
            parts.append(f"## Topic {count // 100}\n\n")
        count += 1
        question = (
            f"### {count}. What is concept {count} in distributed systems?\n\n"
            f"Concept {count} is explained with **bold**, `code`, a list and a table:\n\n"
            f"- first point about {count}\n  - a nested detail\n- second point\n\n"
            "```python\ndef double(x):\n    return x * 2\n```\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        )
        parts.append(question)
        total += len(question)
    return "".join(parts), count


def test_a_10_mb_document_imports_from_the_command_line(tmp_path: Path) -> None:
    text, count = big_document(10 * 1024 * 1024)
    document = tmp_path / "big.md"
    document.write_text(text, encoding="utf-8")
    data_dir = tmp_path / "data"
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_prep",
            "import",
            str(document),
            "--data-dir",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=600,  # a hang guard: it takes about 15 s
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    print(f"import of {len(text) / 2**20:.1f} MB, {count} questions: "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    target = data_dir / "banks" / "big-bank.yaml"
    assert f"-> {target}: {count} questions ({count} answered) in {(count + 99) // 100} topics" in (
        result.stdout
    )
    assert result.stderr == ""
    bank, problems = finishes(  # a hang guard, not a timing: a busy CI machine is slow
        lambda: read_bank_file(target), "reading the 10 MB import back", guard=120
    )
    assert bank is not None and problems == []
    assert len(bank.questions) == count
    last = bank.questions[-1]
    assert last.question == f"What is concept {count} in distributed systems?"  # unnumbered
    assert last.answer is not None and last.answer.endswith("| 1 | 2 |")
    assert last.topic == f"Topic {(count - 1) // 100}"


# -- encodings --------------------------------------------------------------------------------

CP1252_DOCUMENT = (
    "# Caf\u00e9 questions\n"
    "\n"
    "## Basics\n"
    "\n"
    "### What is the \u201cdefault\u201d r\u00e9sum\u00e9 format?\n"
    "\n"
    "It\u2019s the \u2018plain\u2019 one \u2013 na\u00efve but fine\u2026\n"
)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_a_windows_1252_document_imports_with_its_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, ending: str
) -> None:
    document = tmp_path / "cafe.md"
    document.write_bytes(CP1252_DOCUMENT.replace("\n", ending).encode("cp1252"))
    code, _, err = run_import(capsys, tmp_path / "data", document)
    assert code == 0, err
    # The first byte that is not UTF-8 (the é of "Café") is on line 1.
    assert f"{document}:1: warning: not valid UTF-8; read the file as Windows-1252" in err
    [target] = (tmp_path / "data" / "banks").glob("*.yaml")
    bank, problems = read_bank_file(target)
    assert bank is not None and problems == []
    assert bank.title == "Caf\u00e9 questions"
    [question] = bank.questions
    assert question.question == "What is the \u201cdefault\u201d r\u00e9sum\u00e9 format?"
    assert question.answer == "It\u2019s the \u2018plain\u2019 one \u2013 na\u00efve but fine\u2026"
    assert question.line == 5


def test_the_cp1252_warning_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    text = "# Notes\n\n### What is X?\n\nplain ASCII\n\nthen caf\u00e9\n"
    for prefix, ending in ((b"", "\r"), (b"\xef\xbb\xbf", "\n"), (b"", "\r\n")):
        document = tmp_path / "notes.md"
        document.write_bytes(prefix + text.replace("\n", ending).encode("cp1252"))
        result = read_document(document)
        assert [(w.line, w.message) for w in result.warnings] == [
            (7, "not valid UTF-8; read the file as Windows-1252")
        ]
        assert result.title == "Notes"  # a UTF-8 BOM is not read as "ï»¿"
        assert result.questions[0].answer == "plain ASCII\n\nthen caf\u00e9"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_document_with_a_bom_imports_with_its_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    document = tmp_path / "cafe.md"
    bom = "" if encoding == "utf-16" else "\ufeff"  # plain "utf-16" writes its own BOM
    document.write_bytes((bom + CP1252_DOCUMENT.replace("\n", "\r\n")).encode(encoding))
    code, _, err = run_import(capsys, tmp_path / "data", document)
    assert code == 0 and err == ""
    [target] = (tmp_path / "data" / "banks").glob("*.yaml")
    bank, _ = read_bank_file(target)
    assert bank is not None and bank.title == "Caf\u00e9 questions"
    assert bank.questions[0].question == "What is the \u201cdefault\u201d r\u00e9sum\u00e9 format?"


# -- binary files -----------------------------------------------------------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8cfc0f01f0005000201a5f8d6a90000000049454e44ae426082"
)


def test_binary_files_named_md_are_refused_and_the_others_still_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    image = tmp_path / "diagram.md"
    image.write_bytes(PNG)
    noise = tmp_path / "noise.md"
    noise.write_bytes(random.Random(7).randbytes(4096) + b"\x00" * 16)
    half = tmp_path / "half.md"
    half.write_bytes(b"\xff\xfe" + "What?".encode("utf-16-le") + b"\x00")  # odd UTF-16
    good = tmp_path / "good.md"
    good.write_text("## What is a closure?\n\nA function with its scope.\n", encoding="utf-8")

    code, out, err = run_import(capsys, tmp_path / "data", image, good, noise, half)

    assert code == 1
    assert f"{image}: cannot import: this looks like a binary file, not a text document" in err
    assert f"{noise}: cannot import: this looks like a binary file, not a text document" in err
    assert f"{half}: cannot import: broken UTF-16 text" in err
    assert f"Imported {good} -> " in out and "1 questions (1 answered)" in out
    assert [p.name for p in (tmp_path / "data" / "banks").iterdir()] == ["good.yaml"]
    for path in (image, noise, half):
        with pytest.raises(NotATextDocument):
            read_document(path)


# -- tiny, enormous and deeply nested documents ---------------------------------------------


def nested_list(levels: int) -> str:
    return "## What is a deep list?\n\n" + "".join(
        f"{'  ' * level}- item {level}\n" for level in range(levels)
    )


def nested_details(levels: int) -> str:
    return (
        "## What is a deep fold?\n\n"
        + "<details>\n<summary>More</summary>\n\n" * levels
        + "the innermost words\n"
        + "</details>\n" * levels
    )


EDGE_CASES: dict[str, tuple[str, int]] = {
    # name: (document, questions it holds)
    "empty": ("", 0),
    "whitespace": ("  \n\t\n \r\n   \n", 0),
    "one line": ("## What is a closure?", 1),
    "one line of 1 MB": ("### What is " + "very " * 200_000 + "long?", 1),
    "a 1 MB line of text": ("## What is X?\n" + "word " * 200_000 + "\n", 1),
    "1000 nested list levels": (nested_list(1000), 1),
    # 600 levels: deeper, the answer is over render.limits.MAX_RICH_CHARS and shows as
    # plain text (tested below), which would not exercise the folds.
    "600 nested details": (nested_details(600), 1),
    "10000 unclosed details": ("## What?\n\n" + "<details><summary>S</summary>\n" * 10_000, 1),
    # "```python" never closes a block: 4,000 blocks left open, each ended by the next
    # question (each was once read on to the end of the document: 30 s in all).
    "4000 unclosed fences": (
        "\n".join(f"```python\nx = 1\n\n## What is {k}?\n\nanswer\n" for k in range(4000)),
        4000,
    ),
}


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_edge_documents_import_and_render_quickly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    text, expected = EDGE_CASES[name]
    document = tmp_path / "doc.md"
    document.write_text(text, encoding="utf-8")

    code, _, err = finishes(
        lambda: run_import(capsys, tmp_path / "data", document), f"import: {name}"
    )
    if not expected:
        assert code == 1
        assert f"{document}: warning: no questions found" in err
        return
    assert code == 0, err
    [target] = (tmp_path / "data" / "banks").glob("*.yaml")
    bank, problems = read_bank_file(target)
    assert bank is not None and problems == []
    assert len(bank.questions) == expected
    question = bank.questions[0]

    def render_all() -> list[str]:
        answer = question.answer or ""
        return [
            render_answer(question.question),
            render_answer(answer),
            render_answer(answer, dark=True, expanded=range(20_000)),
        ]

    question_html, collapsed, expanded = finishes(render_all, f"render: {name}")
    assert question_html and "IPDETAILS" not in expanded
    for markup in (question_html, collapsed, expanded):
        assert "<details" not in markup and "<script" not in markup
    if name == "1000 nested list levels":
        assert question.answer is not None and question.answer.count("- item") == 1000
        assert "item 999" in expanded and expanded.count("<li>") == 1000
    if name == "600 nested details":
        # The outer fold is the answer's own: the other 599 are in the answer.
        assert question.answer is not None and question.answer.count("<details>") == 599
        assert "▸ More" in collapsed and "the innermost words" not in collapsed
        assert "the innermost words" in expanded
    if name == "4000 unclosed fences":
        assert err.count("code block is never closed") == 4000
        assert bank.questions[1].answer == "answer\n\n```python\nx = 1"
    if name.startswith("one line of 1 MB"):
        assert len(question.question) > 1_000_000
        assert question.id.startswith("what-is-very-very-")


def test_the_parser_is_linear_in_nested_folds() -> None:
    """Marking the lines inside folds went fold by fold: 30,000 nested folds took the
    square of the lines (about 30 s); one pass takes well under a second."""
    text = nested_details(30_000)
    result = finishes(lambda: parse_markdown(text, source="deep.md"), "parse 30000 folds")
    [question] = result.questions
    assert question.answer is not None and question.answer.count("<details>") == 29_999


LONG_RUNS = {
    # name: (document, questions, words its first answer starts with). Each was read in
    # time growing with the square of its length, from a few seconds to many minutes.
    # Every item of a list that is not one of questions read the rest of the list again.
    "20000 plain list items": ("## Notes\n\n" + "  - a plain point\n" * 20_000, 0, None),
    "20000 plain items, then questions": (
        "- a plain point\n" * 20_000 + "\n### What is X?\n\nx\n",
        1,
        "x",
    ),
    # Every ``<summary>`` copied the rest of the document's lines.
    "100000 summary tags": ("## What?\n\n" + "<summary>\n" * 100_000, 1, None),
    # The blank lines before an answer were dropped one ``pop(0)`` at a time.
    "600000 blank lines": ("## What?\n" + "\n" * 600_000 + "text\n", 1, "text"),
}


@pytest.mark.parametrize("name", list(LONG_RUNS))
def test_long_runs_of_one_line_parse_in_linear_time(name: str) -> None:
    text, count, answer = LONG_RUNS[name]
    result = finishes(lambda: parse_markdown(text, source="long.md"), f"parse: {name}")
    assert len(result.questions) == count
    if answer is not None:
        assert result.questions[0].answer == answer


HOSTILE_MARKDOWN = {
    # name: (text, a word it shows, how often). Python-Markdown recursed once per level
    # (md_in_html, for the ``<div markdown="1">`` the renderer adds) or re-read the rest once
    # per level (lists, quotes: a minute, then a RecursionError).
    "1000 nested divs": ("<div>\n" * 1000 + "inside\n" + "</div>\n" * 1000, "inside", 1),
    # 240 levels: its ">" grow with the square of the depth, and deeper the answer is over
    # render.limits.MAX_RICH_CHARS, shown as plain text (tested below).
    "240 nested quotes": (
        "".join(">" * level + " quoted\n\n" for level in range(1, 241)),
        "quoted",
        240,
    ),
    "1000 list levels by tabs": (
        "".join("\t" * level + "- tabbed\n" for level in range(1000)),
        "tabbed",
        1000,
    ),
    "1000 numbered levels": (
        "".join("   " * level + "1. numbered\n" for level in range(1000)),
        "numbered",
        1000,
    ),
    "1000 nested folds in lists": (
        "".join(
            f"{'  ' * level}- item\n{'  ' * level}  <details><summary>S</summary>\n\n"
            for level in range(1000)
        ),
        "item",
        1000,
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE_MARKDOWN))
def test_hostile_nesting_renders_quickly(name: str) -> None:
    text, word, count = HOSTILE_MARKDOWN[name]
    markup = finishes(lambda: render_answer(text, expanded=range(2000)), f"render: {name}")
    assert markup.count(word) == count
    assert "<script" not in markup and "IPDETAILS" not in markup and "<details" not in markup


# -- answers that used to freeze the window (issue 14) ------------------------------------------


def test_crowded_brackets_show_as_typed_instead_of_freezing() -> None:
    """4,000 ``![`` took Python-Markdown 12 s: it scans to the end of the paragraph for
    every bracket. Such a paragraph now shows its brackets as typed."""
    for text in ("![ " * 4000, "[a]( " * 4000, "see [ " * 4000):
        markup = finishes(lambda text=text: render_answer(text), "render: crowded brackets")
        assert plain_text_of(markup).count("[") == 4000
    # Without spaces it is one enormous word: shown elided (below).
    markup = finishes(lambda: render_answer("![" * 4000), "render: a word of brackets")
    assert "more characters]" in plain_text_of(markup)
    # A paragraph with a few links is untouched.
    ordinary = "See [the docs](https://example.com/docs) and [this](https://example.com)."
    assert render_answer(ordinary).count("<a href") == 2


def test_a_huge_word_is_shown_elided() -> None:
    """A one-word 1 MB question froze the window for a minute every time it was selected."""
    word = "x" * 1_000_000
    markup = finishes(lambda: render_answer(f"Look: {word} end"), "render: a 1 MB word")
    shown = plain_text_of(markup)
    assert "x" * MAX_WORD_CHARS + "… [999,600 more characters]" in shown
    assert shown.rstrip().endswith("end") and len(markup) < 10_000


def test_a_huge_answer_is_shown_as_plain_text_and_cut() -> None:
    """A 60 MB answer took 65–90 s and 3 GB; anything over the limits is plain and cut."""
    long_prose = "**word** and more " * 200_000  # 3.6 MB of markdown
    markup = finishes(lambda: render_answer(long_prose), "render: 3.6 MB")
    shown = plain_text_of(markup)
    assert shown.startswith("Only the first 50,000 of its 3,000,000 characters are shown.")
    assert "shown as plain text" in shown and "**word**" in shown  # not formatted
    assert len(markup) < 65_000


def test_hundreds_of_code_blocks_show_shaded_without_frames_or_colours() -> None:
    """400 one-line code blocks, each a framed table with coloured spans, held the window
    50–70 ms while Qt laid them out; past MAX_LAYOUT_COST they are shaded blocks."""
    text = "".join(f"```python\nvalue_{n} = {n}\n```\n\n" for n in range(400))
    markup = render_answer(text)
    assert layout_cost(markup) <= MAX_LAYOUT_COST
    assert '<table class="code"' not in markup and "<span" not in markup
    assert markup.count(f"background-color: {LIGHT.code_background};") == 400
    shown = plain_text_of(markup)
    assert all(f"value_{n} = {n}" in shown for n in range(400))
    # A few code blocks keep their frame and colours.
    few = render_answer("```python\nvalue = 1\n```\n\n" * 3)
    assert few.count('<table class="code"') == 3 and "<span" in few


def test_an_answer_of_too_many_parts_is_shown_as_plain_text() -> None:
    """3,000 one-cell tables in 36,000 characters: too many parts for Qt even as they are."""
    text = "| a |\n| - |\n| b |\n\n" * 1_500
    assert len(text) < 40_000
    markup = render_answer(text)
    assert layout_cost(markup) <= MAX_LAYOUT_COST and "<table" not in markup
    shown = plain_text_of(markup)
    assert shown.startswith("It is shown as plain text: it has too many parts")
    assert shown.count("| a |") == 1_500  # every line, as typed


def test_plain_text_shows_every_line_and_word_as_typed(qapp: object) -> None:
    """Long plain text is cut into blocks for Qt; what the user reads is unchanged."""
    from PySide6.QtGui import QTextDocument

    lines = "\n".join(f"line {n}: " + "word " * (n % 40) for n in range(2_000))
    document = QTextDocument()
    document.setHtml(plain_html(lines))
    assert document.toPlainText() == lines
    one_line = " ".join(f"w{n}" for n in range(20_000))  # 128,000 characters, no line break
    document.setHtml(plain_html(one_line))
    assert document.toPlainText().split() == one_line.split()


def plain_text_of(markup: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", markup))
