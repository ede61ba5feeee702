"""Markdown export: the document reads well and imports back into the same bank."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from interview_prep import paths
from interview_prep.bank.export_markdown import bank_to_markdown, write_markdown_file
from interview_prep.bank.importer import ImportResult, parse_markdown, read_document, to_bank
from interview_prep.bank.loader import load_catalog
from interview_prep.bank.model import Bank, Question
from interview_prep.bank.yaml_fields import clean_text

Triple = tuple[str, str, str | None]
RAW = "markdown interview-prep-raw"


def make_bank(
    *items: Triple, title: str = "Notes", description: str | None = None, bank_id: str = "notes"
) -> Bank:
    questions = tuple(
        Question(id=f"q{i}", topic=topic, question=question, answer=answer)
        for i, (topic, question, answer) in enumerate(items)
    )
    return Bank(id=bank_id, title=title, questions=questions, description=description)


def triples(result: ImportResult) -> list[Triple]:
    return [(q.topic, q.question, q.answer) for q in result.questions]


def bank_triples(bank: Bank) -> list[Triple]:
    return [(q.topic, q.question, q.answer) for q in bank.questions]


def round_trip(bank: Bank, *, title: str | None = None) -> tuple[str, ImportResult]:
    """Export, import, and check that everything came back exactly, without warnings."""
    text = bank_to_markdown(bank)
    result = parse_markdown(text, source=f"{bank.id}.md", title=title)
    assert result.warnings == []
    assert triples(result) == bank_triples(bank)
    assert result.title == bank.title
    assert result.description == bank.description
    assert result.layout == "heading-3"
    return text, result


# -- the bundled banks ---------------------------------------------------------------------
BUNDLED = load_catalog(paths.bundled_bank_dir(), None).banks


def test_both_bundled_banks_are_there() -> None:
    assert len(BUNDLED) == 2


@pytest.mark.parametrize("bank", BUNDLED, ids=lambda bank: bank.id)
def test_bundled_bank_round_trip(bank: Bank) -> None:
    text = bank_to_markdown(bank)
    result = parse_markdown(text, source=f"{bank.id}.md", title=bank.title)
    assert triples(result) == bank_triples(bank)
    assert result.warnings == []
    # The document's own title is the bank's, so it is not needed on import either.
    untitled = parse_markdown(text, source="anything.md")
    assert untitled.title == bank.title
    assert triples(untitled) == bank_triples(bank)


@pytest.mark.parametrize("bank", BUNDLED, ids=lambda bank: bank.id)
def test_bundled_bank_reads_as_plain_markdown(bank: Bank) -> None:
    text = bank_to_markdown(bank)
    assert RAW not in text  # nothing in the bundled banks needs a raw block
    lines = text.split("\n")
    assert lines[0] == "<!-- interview-prep export: questions=heading-3 -->"
    assert lines[1] == f"# {bank.title}"
    assert [ln[3:] for ln in lines if ln.startswith("## ")] == [t for t, _ in bank.topics()]
    assert text.count("<summary>Answer</summary>") == len(bank.questions) - bank.unanswered


@pytest.mark.parametrize("bank", BUNDLED, ids=lambda bank: bank.id)
def test_bundled_bank_import_keeps_ids(bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / f"{bank.id}.md"
    write_markdown_file(bank, path)
    imported, problems = to_bank(read_document(path), bank_id=bank.id)
    assert problems == []
    assert imported.title == bank.title
    assert bank_triples(imported) == bank_triples(bank)


# -- the layout ------------------------------------------------------------------------------
def test_layout_of_a_small_bank() -> None:
    bank = make_bank(
        ("Basics", "What is a topic?", "A named stream of records."),
        ("Basics", "What is an offset?", None),
        ("Consumers", "What is a consumer group?", "Consumers sharing a topic's partitions."),
        title="Kafka",
        description="Questions about Kafka.",
    )
    text, _ = round_trip(bank)
    assert text == (
        "<!-- interview-prep export: questions=heading-3 -->\n"
        "# Kafka\n"
        "\n"
        "Questions about Kafka.\n"
        "\n"
        "## Basics\n"
        "\n"
        "### What is a topic?\n"
        "\n"
        "<details>\n"
        "<summary>Answer</summary>\n"
        "\n"
        "A named stream of records.\n"
        "\n"
        "</details>\n"
        "\n"
        "### What is an offset?\n"
        "\n"
        "## Consumers\n"
        "\n"
        "### What is a consumer group?\n"
        "\n"
        "<details>\n"
        "<summary>Answer</summary>\n"
        "\n"
        "Consumers sharing a topic's partitions.\n"
        "\n"
        "</details>\n"
    )


def test_single_topic_single_question() -> None:
    round_trip(make_bank(("Closures", "Closures", None), title="JS"))
    round_trip(make_bank(("Closures", "Explain closures", "A function and its scope.")))


def test_topics_in_first_seen_order_with_their_questions_together() -> None:
    bank = make_bank(
        ("B", "What is one?", "1"),
        ("A", "What is two?", "2"),
        ("B", "What is three?", "3"),
    )
    result = parse_markdown(bank_to_markdown(bank), source="notes.md")
    assert triples(result) == [
        ("B", "What is one?", "1"),
        ("B", "What is three?", "3"),
        ("A", "What is two?", "2"),
    ]


def test_text_is_cleaned_as_a_bank_file_cleans_it() -> None:
    bank = make_bank(("  Basics ", "What is X?  \r\nSecond line  ", "  Indented.  \n\n\n"))
    result = parse_markdown(bank_to_markdown(bank), source="notes.md")
    assert triples(result) == [
        (clean_text("  Basics "), clean_text("What is X?  \r\nSecond line  "), "Indented.")
    ]


# -- questions -------------------------------------------------------------------------------
def test_question_that_announces_a_code_block() -> None:
    code_question = 'What does this print:\n\n```python\nprint("a" * 3)  # comment\n```'
    bank = make_bank(
        ("Python", code_question, "`aaa`"),
        ("Python", code_question.replace("this", "that"), None),
        # An answer that starts with code stays in the answer, even after a colon.
        ("Python", "Reverse a list, in one line:", "```python\nitems[::-1]\n```"),
    )
    text, _ = round_trip(bank)
    assert "### What does this print:\n\n```python\n" in text
    assert "<summary>No answer yet</summary>" in text
    assert RAW not in text


def test_question_of_several_lines_and_a_table() -> None:
    question = (
        "Given this table:\n\n| id | name |\n| -- | ---- |\n| 1  | Ada  |\n\n"
        "which query returns Ada?\nSecond line right below."
    )
    text, _ = round_trip(make_bank(("SQL", question, "`SELECT name FROM t WHERE id = 1`")))
    assert RAW not in text


def test_question_lines_starting_with_hashes() -> None:
    bank = make_bank(
        ("Shell", "# of threads in a pool?", "As many as cores, for CPU-bound work."),
        ("Shell", "What does this do?\n# a comment, not a heading\n## nor this", "Nothing."),
        ("Shell", "What is C#", "A language."),
        ("Shell", "Why end a heading with #", "Because."),
        ("Shell", "#", "Just a hash."),
        ("Shell", "Setext?\nUnderlined\n---", None),
    )
    text, _ = round_trip(bank)
    assert "### # of threads in a pool?\n" in text
    assert "### Why end a heading with # #\n" in text  # a closing sequence keeps the last #
    assert text.count(RAW) == 2  # the two questions whose later lines would be headings


def test_question_text_is_not_cleaned_up() -> None:
    bank = make_bank(
        ("Misc", "1. What is the first step?", "Plan."),
        ("Misc", "**Bold question?**", "Bold answer."),
        ("Misc", "Q: what is a prefix?", "This."),
        ("Misc", "Answer", "A question that is a generic label."),
        ("Misc", "Table of contents", "A question that looks like navigation."),
        ("Misc", r"What is \_\_init\_\_?", r"The \`constructor\`."),
    )
    round_trip(bank)


def test_question_with_details_in_its_later_lines() -> None:
    question = "Which tag is this?\n<details>\n<summary>Hidden</summary>\nInside\n</details>"
    text, _ = round_trip(make_bank(("HTML", question, "A fold."), ("HTML", question, None)))
    assert text.count(RAW) == 2


# -- answers ---------------------------------------------------------------------------------
def test_answers_with_folds_headings_code_tables_and_html() -> None:
    bank = make_bank(
        ("Trees", "What is a B-tree?",
         "A balanced search tree.\n\n<details><summary>Example</summary>\n\n"
         "### Not a question\nOrder-3 tree.\n</details>\n\nMore after the fold."),
        ("Trees", "What is an LSM tree?",
         "# Big heading\n\n## Smaller\n\n### Question level\n\n#### Deeper\n\nText."),
        ("Trees", "Show a tree in code?",
         "```python\n# not a heading\n</details>\n<details>\n### neither\n```\n\n~~~\n~~~"),
        ("Trees", "Compare them?",
         "| Tree | Writes |\n| ---- | ------ |\n| B    | slow   |\n| LSM  | fast   |"),
        ("Trees", "Any HTML?",
         '<div align="center">\n<b>bold</b> <br>\n</div>\n\n<!-- a comment -->\n<img src="x.png">'),
    )  # fmt: skip
    text, _ = round_trip(bank)
    assert RAW not in text  # all of this renders on GitHub as written


def test_answers_the_usual_clean_up_would_change() -> None:
    bank = make_bank(
        ("Misc", "What is the prefix?", "A: kept as written."),
        ("Misc", "What is left to do?", "TODO"),
        ("Misc", "Draw it?", "client   ->   server\n   |            |\n  db  <-     cache"),
        ("Misc", "Indented list?", "- one\n\n\n\n- two after blank lines\n      - deep"),
        ("Misc", "Mojibake?", "cafÃ© shows as â€™ when UTF-8 is read as Windows-1252"),
        ("Misc", "Navigation?", "[Back to top](#top)\n\n## Contents\n- [a](#a)\n- [b](#b)"),
        ("Misc", "Generic summary?", "<summary>Answer</summary>\nText."),
    )
    round_trip(bank)


def test_unbalanced_details_in_an_answer() -> None:
    bank = make_bank(
        ("HTML", "What closes a fold?", "The tag `</details>`, written\n</details>\non a line."),
        ("HTML", "What opens a fold?", "<details>\n<summary>Left open</summary>\nNever closed."),
        ("HTML", "What is next?", "Still a question of its own."),
    )
    text, _ = round_trip(bank)
    assert text.count(RAW) == 2


def test_answers_that_would_run_on() -> None:
    bank = make_bank(
        ("Code", "What is an unclosed fence?", "```python\nx = 1\n### swallowed?"),
        ("Code", "What is an unclosed comment?", "<!-- never closed\n### swallowed?"),
        ("Code", "What looks raw?", f"~~~~ {RAW}\ntext\n~~~~"),
        ("Code", "What comes after?", "This."),
    )
    text, _ = round_trip(bank)
    lines = text.split("\n")
    assert lines.count(f"~~~~ {RAW}") == 3  # two raw blocks, and the answer that looks like one
    assert lines.count(f"~~~~~ {RAW}") == 1  # longer than the raw-looking fence inside


# -- topics, title and description -----------------------------------------------------------
def test_topic_that_looks_like_a_question() -> None:
    bank = make_bank(
        ("What is Kafka?", "Partitions", "Ordered logs."),
        ("What is Kafka?", "Offsets", "Positions."),
        ("How do consumers work?", "Groups", None),
    )
    round_trip(bank)
    # Without the export's note, detection would take the topics for the questions.
    plain = bank_to_markdown(bank).split("\n", 1)[1]
    assert [q.question for q in parse_markdown(plain, source="k.md").questions] == [
        "What is Kafka?",
        "How do consumers work?",
    ]


def test_topics_and_titles_as_written() -> None:
    bank = make_bank(
        ("**Bold topic**:", "What is one?", "1"),
        ("Contents", "What is two?", "2"),
        ("C #", "What is three?", "3"),
        ("1. Numbered", "What is four?", "4"),
        title="Questions: #1 #",
    )
    text, _ = round_trip(bank)
    assert "# Questions: #1 # #\n" in text


def test_description_that_needs_a_raw_block() -> None:
    for description in ("Intro.\n\n- What is X?\n- What is Y?", "Intro\n===", "## Not a topic"):
        bank = make_bank(("Basics", "What is X?", "x"), description=description)
        round_trip(bank)


def test_description_title_and_source_go_into_the_bank() -> None:
    bank = make_bank(("Basics", "What is X?", "x"), title="Kafka", description="About Kafka.")
    result = parse_markdown(bank_to_markdown(bank), source="kafka.md")
    imported, _ = to_bank(result)
    assert (imported.title, imported.description, imported.source) == (
        "Kafka",
        "About Kafka.",
        "kafka.md",
    )


def test_topic_named_like_the_file() -> None:
    bank = make_bank(("notes", "What is X?", "x"), ("Other", "What is Y?", "y"), title="Kafka")
    round_trip(bank)  # imported from notes.md, the topic is still "notes"


# -- many awkward texts at once ----------------------------------------------------------------
_PIECES = [
    "", "", "text", "What is this?", "# h", "### What is h?", "## Contents", "#", "### ",
    "<details>", "</details>", "<summary>x</summary>", "<details><summary>More</summary>",
    "<summary>", "</summary>", "<details>text</details>", "end </details>",
    "```", "```py", "~~~", "~~~~", f"~~~~ {RAW}", "    ```", "<!--", "-->", "<!-- c -->",
    "---", "===", "* * *", "| a | b |", "|---|---|", "- item", "- What is x?", "1. What is x?",
    "2) y", "**Bold?**", "  indented", "        deep  indented", "\\# escaped", "A: answer",
    "TODO", "Answer", "[Back to top](#top)", "a    b    c", "x -> y   z", "<div>", "</div>",
    "cafÃ© â€™", "Q: what?", "text #", "trailing ##", "\t tab", "> quote", "Title",
]  # fmt: skip


def _random_text(rng: random.Random, most: int) -> str:
    return clean_text("\n".join(rng.choice(_PIECES) for _ in range(rng.randint(1, most))))


@pytest.mark.parametrize("seed", range(40))
def test_random_awkward_banks_round_trip(seed: int) -> None:
    rng = random.Random(seed)
    items: list[Triple] = []
    for _ in range(rng.randint(1, 12)):
        topic = rng.choice(["Basics", "What is Kafka?", "Contents", "**Bold**:", "T #"])
        question = _random_text(rng, 4) or "Plain?"
        answer = _random_text(rng, 6) if rng.random() < 0.7 else None
        items.append((topic, question, answer or None))
    # Group by topic first, as the export does, so that the expected order is the bank's.
    order = list(dict.fromkeys(topic for topic, _, _ in items))
    items.sort(key=lambda item: order.index(item[0]))
    description = _random_text(rng, 3) if rng.random() < 0.3 else None
    round_trip(make_bank(*items, description=description or None))


# -- writing the file ------------------------------------------------------------------------
def test_write_markdown_file_replaces_atomically(tmp_path: Path) -> None:
    bank = make_bank(("Basics", "What is X?", "x"), title="Kafka")
    path = tmp_path / "out" / "kafka.md"
    write_markdown_file(bank, path)
    assert path.read_text(encoding="utf-8") == bank_to_markdown(bank)
    os.chmod(path, 0o600)
    bigger = make_bank(("Basics", "What is X?", "x"), ("Basics", "What is Y?", None))
    write_markdown_file(bigger, path)
    assert path.read_text(encoding="utf-8") == bank_to_markdown(bigger)
    assert path.stat().st_mode & 0o777 == 0o600  # the file's mode is kept
    assert sorted(p.name for p in path.parent.iterdir()) == ["kafka.md"]  # no temp file left


def test_write_markdown_file_follows_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    bank = make_bank(("Basics", "What is X?", "x"))
    write_markdown_file(bank, link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == bank_to_markdown(bank)


def test_write_markdown_file_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kafka.md"
    path.write_text("old\n", encoding="utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_markdown_file(make_bank(("Basics", "What is X?", "x")), path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kafka.md"]


def test_exported_file_imports_back_with_read_document(tmp_path: Path) -> None:
    bank = make_bank(
        ("Basics", "What does this print:\n\n```python\nprint(1)\n```", "`1`"),
        title="Python",
        description="Warm-up questions.",
    )
    path = tmp_path / "python.md"
    write_markdown_file(bank, path)
    result = read_document(path)
    assert result.warnings == []
    assert (result.title, result.description) == ("Python", "Warm-up questions.")
    assert triples(result) == bank_triples(bank)


def test_forcing_another_marker_reads_an_export_as_any_document() -> None:
    bank = make_bank(("What is Kafka?", "Partitions", "Ordered logs."))
    text = bank_to_markdown(bank)
    same = parse_markdown(text, source="k.md", question_marker="heading-3")
    assert triples(same) == bank_triples(bank)
    other = parse_markdown(text, source="k.md", question_marker="heading-2")
    assert [q.question for q in other.questions] == ["What is Kafka?"]


def test_answer_typed_under_an_exported_question_without_a_fold() -> None:
    text = bank_to_markdown(make_bank(("A", "1. What is X?", None), ("A", "Next?", None)))
    edited = text.replace("### 1. What is X?\n", "### 1. What is X?\nTyped answer.\n")
    result = parse_markdown(edited, source="notes.md")
    assert triples(result) == [("A", "1. What is X?", "Typed answer."), ("A", "Next?", None)]
