"""Import options for the import dialog: a forced question marker, the candidates a document
offers, progress reports, and the marker names ``ImportResult.layout`` uses."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from conftest import SEED_NUMBERED, SEED_README, doc
from interview_prep.bank.importer import (
    QUESTION_MARKERS,
    ImportResult,
    detect_candidates,
    parse_markdown,
    read_document,
)
from interview_prep.bank.importer.decode import decode_document
from nothing_lost import lost_lines


def triples(result: ImportResult) -> list[tuple[str, str, str | None]]:
    return [(q.topic, q.question, q.answer) for q in result.questions]


# Two question-like H2s and two question-like H3s: a tie, which detection gives to H2.
H2_OR_H3 = doc(
    """
    # Databases

    ## What is SQL?
    A query language.

    ### What is a join?
    Combining rows of two tables.

    ## What is NoSQL?
    Databases without a fixed schema.

    ### What is a document store?
    A store of JSON-like documents.
    """
)

# Bold questions whose first answer is a numbered list of question-like lines.
BOLD_OR_NUMBERED = doc(
    """
    **What are the ACID properties?**

    1. What is atomicity? All of a transaction happens, or none of it.
    2. What is isolation? No transaction sees another's partial work.

    **Why use transactions?**

    To survive crashes halfway through an update.

    **How do you pick an isolation level?**

    By the anomalies you can live with.
    """
)


def test_ambiguous_headings_detected_as_h2() -> None:
    result = parse_markdown(H2_OR_H3, source="db.md")
    assert result.layout == "heading-2"
    assert result.title == "Databases"
    assert triples(result) == [
        ("Databases", "What is SQL?",
         "A query language.\n\n### What is a join?\nCombining rows of two tables."),
        ("Databases", "What is NoSQL?",
         "Databases without a fixed schema.\n\n"
         "### What is a document store?\nA store of JSON-like documents."),
    ]  # fmt: skip
    assert triples(parse_markdown(H2_OR_H3, source="db.md", question_marker="heading-2")) == (
        triples(result)
    )


def test_forcing_h3_makes_h2_topics() -> None:
    result = parse_markdown(H2_OR_H3, source="db.md", question_marker="heading-3")
    assert result.layout == "heading-3"
    assert result.title == "Databases"
    assert triples(result) == [
        ("What is SQL?", "What is a join?", "Combining rows of two tables."),
        ("What is NoSQL?", "What is a document store?", "A store of JSON-like documents."),
    ]
    # The text under the h2 topics is in no question now: said, not dropped silently.
    assert [(w.line, w.message) for w in result.warnings] == [
        (4, "text outside any question (line 4); not imported"),
        (10, "text outside any question (line 10); not imported"),
    ]


def test_auto_is_the_same_as_none() -> None:
    auto = parse_markdown(H2_OR_H3, source="db.md", question_marker="auto")
    assert triples(auto) == triples(parse_markdown(H2_OR_H3, source="db.md"))
    assert auto.layout == "heading-2"


def test_bold_detected_and_numbered_forced() -> None:
    bold = parse_markdown(BOLD_OR_NUMBERED, source="db.md")
    assert bold.layout == "bold"
    assert [q.question for q in bold.questions] == [
        "What are the ACID properties?",
        "Why use transactions?",
        "How do you pick an isolation level?",
    ]
    assert bold.questions[0].answer == (
        "1. What is atomicity? All of a transaction happens, or none of it.\n"
        "2. What is isolation? No transaction sees another's partial work."
    )
    forced_bold = parse_markdown(BOLD_OR_NUMBERED, source="db.md", question_marker="bold")
    assert triples(forced_bold) == triples(bold)

    numbered = parse_markdown(BOLD_OR_NUMBERED, source="db.md", question_marker="numbered")
    assert numbered.layout == "numbered"
    assert triples(numbered) == [
        ("db", "What is atomicity? All of a transaction happens, or none of it.", None),
        ("db", "What is isolation? No transaction sees another's partial work.",
         "**Why use transactions?**\n\nTo survive crashes halfway through an update.\n\n"
         "**How do you pick an isolation level?**\n\nBy the anomalies you can live with."),
    ]  # fmt: skip


def test_forcing_a_marker_the_document_lacks_finds_nothing() -> None:
    result = parse_markdown(H2_OR_H3, source="db.md", question_marker="numbered")
    assert result.questions == []
    assert result.layout == "numbered"
    assert [w.message for w in result.warnings] == ["no questions found"]


def test_headings_that_do_not_read_as_questions_can_be_forced() -> None:
    text = doc(
        """
        # JavaScript

        ## Closures
        A function with the variables it captured.

        ## Hoisting
        Declarations move to the top of their scope.
        """
    )
    assert parse_markdown(text, source="js.md").questions == []
    assert detect_candidates(text) == [("heading-2", 2), ("heading-1", 1)]
    result = parse_markdown(text, source="js.md", question_marker="heading-2")
    assert triples(result) == [
        ("JavaScript", "Closures", "A function with the variables it captured."),
        ("JavaScript", "Hoisting", "Declarations move to the top of their scope."),
    ]


def test_details_marker_name() -> None:
    text = doc(
        """
        <details><summary>What is JSX?</summary>

        A syntax extension.

        </details>
        """
    )
    result = parse_markdown(text, source="react.md")
    assert result.layout == "details"
    assert triples(result) == [("react", "What is JSX?", "A syntax extension.")]
    assert detect_candidates(text) == [("details", 1)]


def test_no_questions_layout_is_none() -> None:
    result = parse_markdown("Just prose.\n", source="notes.md")
    assert result.layout == "none"
    assert detect_candidates("Just prose.\n") == []
    assert detect_candidates("") == []


def test_detect_candidates_on_small_documents() -> None:
    assert detect_candidates(H2_OR_H3) == [("heading-2", 2), ("heading-3", 2), ("heading-1", 1)]
    assert detect_candidates(BOLD_OR_NUMBERED) == [("bold", 3), ("numbered", 2)]
    # Questions inside answer folds are not counted.
    folded = doc(
        """
        ### What is a B-tree?
        <details><summary>Answer</summary>

        ## Is this a question?
        No, part of the answer.
        </details>
        """
    )
    assert detect_candidates(folded) == [("heading-3", 1)]


def test_detect_candidates_on_the_seeds() -> None:
    readme_text, _ = decode_document(SEED_README.read_bytes())
    readme = detect_candidates(readme_text)
    assert [name for name, _ in readme] == [
        "heading-3",
        "details",
        "list",
        "heading-2",
        "heading-1",
    ]
    assert readme[0][1] >= 40
    assert read_document(SEED_README).layout == readme[0][0]

    numbered_text, _ = decode_document(SEED_NUMBERED.read_bytes())
    numbered = detect_candidates(numbered_text)
    assert [name for name, _ in numbered] == ["numbered", "heading-2"]
    assert numbered[0][1] >= 35
    assert read_document(SEED_NUMBERED).layout == "numbered"


@pytest.mark.parametrize("marker", [name for name in QUESTION_MARKERS if name != "auto"])
def test_every_candidate_name_is_a_valid_marker(marker: str) -> None:
    parse_markdown(H2_OR_H3, source="db.md", question_marker=marker)  # does not raise


def test_candidates_are_valid_markers_on_the_seeds() -> None:
    text, _ = decode_document(SEED_README.read_bytes())
    for name, _count in detect_candidates(text):
        assert name in QUESTION_MARKERS
        assert read_document(SEED_README, question_marker=name).layout == name


@pytest.mark.parametrize("marker", ["heading", "heading-7", "heading-0", "H3", "Bold", "", "none"])
def test_invalid_marker_is_a_clear_value_error(marker: str) -> None:
    with pytest.raises(ValueError, match="unknown question marker") as error:
        parse_markdown(H2_OR_H3, source="db.md", question_marker=marker)
    message = str(error.value)
    assert repr(marker) in message
    assert "'heading-3'" in message and "'numbered'" in message and "'auto'" in message


def test_read_document_checks_the_marker_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown question marker"):
        read_document(tmp_path / "missing.md", question_marker="h3")


def test_read_document_passes_options_through(tmp_path: Path) -> None:
    path = tmp_path / "db.md"
    path.write_text(H2_OR_H3, encoding="utf-8")
    seen: list[float] = []
    result = read_document(path, question_marker="heading-3", progress=seen.append)
    assert result.layout == "heading-3"
    assert len(result.questions) == 2
    assert seen[0] == 0.0 and seen[-1] == 1.0


_BLOCK = """
### What is question number {n} about?

<details>
<summary>Answer</summary>

An answer with `code`, **bold** and a [link](https://example.org).

1. **First point:** schedulers.
   - nested
2. **Second point:** retries.

| Setting | Meaning |
| ------- | ------- |
| retries | how often |

```python
def task_{n}(context):
    return context["ds"]
```
</details>
"""


def _big_document(size: int) -> str:
    parts = ["# Generated\n"]
    total = n = 0
    while total < size:
        if n % 40 == 0:
            parts.append(f"\n## Topic {n // 40}\n")
        block = _BLOCK.format(n=n)
        parts.append(block)
        total += len(block)
        n += 1
    return "".join(parts)


def test_progress_rises_to_one_on_a_large_document() -> None:
    text = _big_document(1_000_000)
    seen: list[float] = []
    result = parse_markdown(text, source="big.md", progress=seen.append)
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert all(a < b for a, b in pairwise(seen))
    assert all(0.0 <= f <= 1.0 for f in seen)
    assert 50 <= len(seen) <= 400  # about every 2% of each stage, not every line
    assert max(b - a for a, b in pairwise(seen)) < 0.1
    # Reporting changes nothing in the result.
    plain = parse_markdown(text, source="big.md")
    assert triples(result) == triples(plain)
    assert len(result.questions) > 1000


def test_progress_on_a_tiny_document() -> None:
    seen: list[float] = []
    parse_markdown("### What is X?\nA thing.\n", source="x.md", progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(set(seen))


def test_progress_after_an_unclosed_fence_still_rises() -> None:
    text = "### What is X?\n~~~python\nx = 1\n\n" + _big_document(50_000)
    seen: list[float] = []
    result = parse_markdown(text, source="x.md", progress=seen.append)
    assert any("never closed" in w.message for w in result.warnings)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert all(a < b for a, b in pairwise(seen))


@pytest.mark.parametrize("marker", QUESTION_MARKERS)
def test_whatever_the_marker_no_line_is_lost_silently(marker: str) -> None:
    for text in (H2_OR_H3, BOLD_OR_NUMBERED):
        assert lost_lines(text, parse_markdown(text, source="db.md", question_marker=marker)) == []
