"""Tests for ``interview_prep.bank.yaml_read``: parsing with ``FILE:LINE`` problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import doc
from interview_prep.bank import ids
from interview_prep.bank.model import Bank, Difficulty, Kind, Problem, Question, Severity
from interview_prep.bank.yaml_read import parse_bank, read_bank_file

PATH = Path("banks/bank.yaml")

pytestmark = pytest.mark.usefixtures("safe_loader")


def line_of(text: str, snippet: str, nth: int = 1, *, after: str = "") -> int:
    """The 1-based line of the ``nth`` occurrence of ``snippet`` in ``text`` (after ``after``)."""
    index = text.index(after) + len(after) - 1 if after else -1
    for _ in range(nth):
        index = text.index(snippet, index + 1)
    return text.count("\n", 0, index) + 1


def parse(text: str) -> tuple[Bank | None, list[Problem]]:
    return parse_bank(text, PATH)


def errors(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity is Severity.WARNING]


def only(messages: list[str]) -> str:
    assert len(messages) == 1, messages
    return messages[0]


def loaded_ids(bank: Bank | None) -> list[str]:
    assert bank is not None
    return [q.id for q in bank.questions]


GOOD = doc(
    """
    title: Airflow Questions
    description: Questions about Airflow
    source: README.md
    defaults:
      topic: Airflow
      tags: [airflow]
    questions:
      - id: dagbag
        topic: Architecture
        question: What is a DagBag in Airflow?
        answer: |
          The `DagBag` class collects DAGs.

          ```python
          dagbag = DagBag()
          ```
        tags: [airflow, internals]
        difficulty: medium
        kind: concept
        time_limit: 180
      - id: xcom
        question: What is an XCom?
    """
)


# --------------------------------------------------------------------------------------------
# A good file


def test_good_file_loads_every_field() -> None:
    bank, problems = parse_bank(GOOD, PATH, bundled=True)
    assert problems == []
    assert bank is not None
    assert (bank.id, bank.title, bank.path, bank.bundled) == (
        "bank",
        "Airflow Questions",
        PATH,
        True,
    )
    assert bank.description == "Questions about Airflow"
    assert bank.source == "README.md"
    first, second = bank.questions
    assert first == Question(
        id="dagbag",
        topic="Architecture",
        question="What is a DagBag in Airflow?",
        answer="The `DagBag` class collects DAGs.\n\n```python\ndagbag = DagBag()\n```",
        tags=("airflow", "internals"),
        difficulty=Difficulty.MEDIUM,
        kind=Kind.CONCEPT,
        time_limit=180,
        bank_id="bank",
        line=line_of(GOOD, "- id: dagbag"),
    )
    # defaults fill in what the entry does not set
    assert second.topic == "Airflow"
    assert second.tags == ("airflow",)
    assert second.answer is None
    assert second.kind is Kind.CONCEPT
    assert second.difficulty is None
    assert second.time_limit is None
    assert second.line == line_of(GOOD, "- id: xcom")


def test_bank_id_is_the_file_stem() -> None:
    bank, _ = parse_bank(GOOD, Path("/x/airflow-questions.yml"))
    assert bank is not None
    assert bank.id == "airflow-questions"
    assert {q.bank_id for q in bank.questions} == {"airflow-questions"}


def test_defaults_apply_unless_the_entry_sets_its_own() -> None:
    text = doc(
        """
        title: T
        defaults:
          topic: Python
          kind: coding
          difficulty: hard
          time_limit: 600
          tags: [python]
        questions:
          - {id: a, question: A}
          - {id: b, question: B, topic: Go, kind: concept, difficulty: easy, time_limit: 60}
          - {id: c, question: C, tags: []}
          - {id: d, question: D, tags: [x, y]}
        """
    )
    bank, problems = parse(text)
    assert problems == []
    assert bank is not None
    a, b, c, d = bank.questions
    assert (a.topic, a.kind, a.difficulty, a.time_limit, a.tags) == (
        "Python",
        Kind.CODING,
        Difficulty.HARD,
        600,
        ("python",),
    )
    assert (b.topic, b.kind, b.difficulty, b.time_limit) == (
        "Go",
        Kind.CONCEPT,
        Difficulty.EASY,
        60,
    )
    assert c.tags == ()
    assert d.tags == ("x", "y")


def test_text_is_stripped_and_scalars_are_taken_as_written() -> None:
    text = doc(
        """
        title: "  Spaced title  "
        questions:
          - id: "  padded-id  "
            topic: 2024
            question: yes
            answer: 1.0
            tags: [ " a ", 42, no, "", a ]
          - id: b
            topic: t
            question: "  What?  \\n\\n"
            answer: "line one   \\nline two\\t\\n"
        """
    )
    bank, problems = parse(text)
    assert problems == []
    assert bank is not None
    assert bank.title == "Spaced title"
    first, second = bank.questions
    assert (first.id, first.topic, first.question, first.answer) == (
        "padded-id",
        "2024",
        "yes",
        "1.0",
    )
    assert first.tags == ("a", "42", "no")  # empty tags and repeats dropped
    assert second.question == "What?"
    assert second.answer == "line one\nline two"


def test_kind_and_difficulty_are_case_insensitive() -> None:
    text = doc(
        """
        title: T
        questions:
          - {id: a, topic: t, question: A, kind: System Design, difficulty: HARD}
          - {id: b, topic: t, question: B, kind: system_design}
          - {id: c, topic: t, question: C, kind: Behavioral}
        """
    )
    bank, problems = parse(text)
    assert problems == []
    assert bank is not None
    assert [q.kind for q in bank.questions] == [
        Kind.SYSTEM_DESIGN,
        Kind.SYSTEM_DESIGN,
        Kind.BEHAVIORAL,
    ]
    assert bank.questions[0].difficulty is Difficulty.HARD


def test_empty_defaults_are_ignored() -> None:
    text = (
        "title: T\ndefaults:\n  kind:\n  topic:\nquestions:\n  - {id: a, topic: t, question: q}\n"
    )
    bank, problems = parse(text)
    assert problems == []
    assert bank is not None
    assert bank.questions[0].kind is Kind.CONCEPT


def test_empty_questions_list_is_an_empty_bank() -> None:
    bank, problems = parse("title: New bank\nquestions: []\n")
    assert problems == []
    assert bank is not None
    assert bank.questions == ()


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    bank, problems = read_bank_file(path)
    assert problems == []
    assert bank is not None
    assert bank.title == "Airflow Questions"


def test_merge_keys_and_anchors_work() -> None:
    text = doc(
        """
        title: T
        questions:
          - &base {id: a, topic: Shared, question: A, kind: coding}
          - <<: *base
            id: b
            question: B
        """
    )
    bank, problems = parse(text)
    assert problems == []
    assert bank is not None
    b = bank.questions[1]
    assert (b.id, b.topic, b.question, b.kind) == ("b", "Shared", "B", Kind.CODING)


# --------------------------------------------------------------------------------------------
# Whole-file errors: (None, [error]) with the right line


@pytest.mark.parametrize(
    ("text", "snippet", "expected"),
    [
        pytest.param(
            "title: T\nquestions:\n  - id: a\n    question: [unclosed\n  - id: b\n",
            "  - id: b",
            "invalid YAML",
            id="unclosed-flow-list",
        ),
        pytest.param(
            "title: T\nquestions:\n  - id: a\n    question: q\n   topic: bad indent\n",
            "   topic: bad indent",
            "invalid YAML",
            id="bad-indent",
        ),
        pytest.param(
            "title: T\nquestions: []\n---\ntitle: U\n",
            "---",
            "invalid YAML",
            id="two-documents",
        ),
        pytest.param("- a\n- b\n", "- a", "must be a mapping", id="top-level-list"),
        pytest.param("just some text\n", "just", "must be a mapping", id="top-level-text"),
        pytest.param("questions: []\n", "questions", "'title' is missing", id="no-title"),
        pytest.param("questions: []\ntitle: '  '\n", "title", "'title' is empty", id="empty-title"),
        pytest.param("title:\nquestions: []\n", "title", "'title' is empty", id="null-title"),
        pytest.param(
            "title: [a]\nquestions: []\n", "title", "'title' must be text", id="list-title"
        ),
        pytest.param("title: T\n", "title", "'questions' is missing", id="no-questions"),
        pytest.param(
            "title: T\nquestions:\n  a: b\n", "questions", "'questions' must be a list", id="map"
        ),
        pytest.param(
            "title: T\nquestions: some text\n", "questions", "'questions' must be a list", id="text"
        ),
        pytest.param("title: T\nquestions:\n", "questions", "questions: []", id="null-questions"),
        pytest.param(
            "title: T\ndefaults: [a]\nquestions: []\n",
            "defaults",
            "'defaults' must be",
            id="defaults",
        ),
        pytest.param(
            "title: T\ndefaults:\n  topic: x\n  kind: essay\nquestions: []\n",
            "kind",
            "defaults: 'kind' must be one of concept, behavioral, coding, system-design, other",
            id="bad-default",
        ),
        pytest.param(
            "title: 2024-13-45\nquestions:\n  - id: a\n    topic: t\n    question: q\n",
            "title",
            "'2024-13-45' looks like a date but is not one; put it in quotes",
            id="impossible-date-outside-the-entries",
        ),
        pytest.param(
            "title: T\nquestions:\n  - id: a\n    question: bell \x07 here\n",
            "bell",
            "U+0007 is not allowed",
            id="control-character",
        ),
    ],
)
def test_whole_file_errors(text: str, snippet: str, expected: str) -> None:
    bank, problems = parse(text)
    assert bank is None
    message = only([str(p) for p in problems])
    assert message.startswith(f"{PATH}:{line_of(text, snippet)}: "), message
    assert expected in message
    assert problems[0].severity is Severity.ERROR


def test_a_value_yaml_cannot_read_skips_only_its_entry() -> None:
    """`answer: 2024-02-30` matches YAML's date pattern but is no date: it used to drop the
    whole file ("day is out of range"), although only that entry is wrong."""
    text = doc(
        """
        title: T
        # comments and flow style around the bad values
        questions:
          - id: a
            topic: X
            question: Q1
            answer: 2024-02-30
          - {id: b, topic: X, question: Q2, answer: fine}
          - id: c
            topic: X
            question: Q3
            tags: [ok, 2023-02-29]
          - id: d
            topic: X
            question: Q4
            answer: "2024-02-30"
        """
    )
    bank, problems = parse(text)
    assert bank is not None
    assert [(q.id, q.answer) for q in bank.questions] == [("b", "fine"), ("d", "2024-02-30")]
    assert [str(p) for p in problems] == [
        f"{PATH}:{line_of(text, 'answer: 2024-02-30')}: question 1 was skipped: '2024-02-30' "
        "looks like a date but is not one; put it in quotes to keep it as text",
        f"{PATH}:{line_of(text, 'tags: [ok')}: question 3 was skipped: '2023-02-29' "
        "looks like a date but is not one; put it in quotes to keep it as text",
    ]


def test_a_time_limit_beyond_a_day_is_refused_at_load() -> None:
    """29 nines of seconds loaded, showed an absurd timer and then could not be stored."""
    text = doc(
        """
        title: T
        questions:
          - {id: a, topic: X, question: Q1, time_limit: 99999999999999999999999999999}
          - {id: b, topic: X, question: Q2, time_limit: 86400}
        """
    )
    bank, problems = parse(text)
    assert bank is not None and [q.id for q in bank.questions] == ["b"]
    (problem,) = problems
    assert problem.line == 3 and "longer than a day" in problem.message


def test_absurdly_deep_nesting_is_a_problem_not_a_crash() -> None:
    text = "title: T\nquestions:\n  - " + "[" * 5000 + "]" * 5000 + "\n"
    bank, problems = parse(text)
    assert errors(problems), problems  # one whole-file or one entry error, never an exception
    assert bank is None or bank.questions == ()


@pytest.mark.parametrize("text", ["", "   \n\n", "# just a comment\n"])
def test_empty_file_is_an_error(text: str) -> None:
    bank, problems = parse(text)
    assert bank is None
    assert only([str(p) for p in problems]).startswith(f"{PATH}:1: empty file")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: T\nquestions:\n  - question: Café?\n".encode("latin-1"))
    bank, problems = read_bank_file(path)
    assert bank is None
    message = only([str(p) for p in problems])
    assert message.startswith(f"{path}:3: not UTF-8")


def test_unreadable_file(tmp_path: Path) -> None:
    bank, problems = read_bank_file(tmp_path / "missing.yaml")
    assert bank is None
    assert only([str(p) for p in problems]).startswith(f"{tmp_path / 'missing.yaml'}: cannot read")


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/object:builtins.dict {{}}",
        "!!python/name:os.system",
        "!!python/tuple [a, b]",
        "!custom 'local tag'",
    ],
)
def test_python_tags_are_rejected_not_executed(tagged: str, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    text = doc(
        f"""
        title: T
        questions:
          - id: a
            topic: t
            question: q
            answer: {tagged.format(marker=marker)}
        """
    )
    bank, problems = parse(text)
    assert bank is None
    message = only([str(p) for p in problems])
    assert message.startswith(f"{PATH}:{line_of(text, 'answer')}: unsupported YAML tag '")
    assert tagged.split()[0] in message
    assert not marker.exists()


# --------------------------------------------------------------------------------------------
# Per-entry errors: the entry is skipped, the rest load


def around(entry: str) -> str:
    """A bank whose second entry is ``entry`` (YAML lines, indented as a list item)."""
    return (
        "title: T\n"
        "questions:\n"
        "  - {id: good-1, topic: t, question: First}\n"
        + textwrap.indent(textwrap.dedent(entry).strip("\n"), "  ")
        + "\n  - {id: good-2, topic: t, question: Last}\n"
    )


@pytest.mark.parametrize(
    ("entry", "snippet", "expected"),
    [
        pytest.param("- just a string", "just", "must be a mapping", id="string-entry"),
        pytest.param("- [a, b]", "[a, b]", "must be a mapping", id="list-entry"),
        pytest.param("- id: x\n  topic: t", "id: x", "'question' is missing", id="no-question"),
        pytest.param(
            "- id: x\n  topic: t\n  question: '   '", "question:", "'question' is empty", id="blank"
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question:", "question:", "'question' is empty", id="null"
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: [a]",
            "question:",
            "'question' must be text",
            id="list",
        ),
        pytest.param("- id: x\n  question: q", "id: x", "no 'topic'", id="no-topic"),
        pytest.param(
            "- id: x\n  topic: ' '\n  question: q", "id: x", "no 'topic'", id="empty-topic"
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  kind: essay",
            "kind:",
            "'kind' must be one of concept, behavioral, coding, system-design, other (not 'essay')",
            id="kind",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  difficulty: brutal",
            "difficulty:",
            "'difficulty' must be one of easy, medium, hard (not 'brutal')",
            id="difficulty",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  difficulty: [easy]",
            "difficulty:",
            "must be one of easy, medium, hard (not a list)",
            id="difficulty-list",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  time_limit: 0",
            "time_limit",
            "'time_limit' must be a positive whole number",
            id="time-zero",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  time_limit: -30",
            "time_limit",
            "'time_limit' must be a positive whole number",
            id="time-negative",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  time_limit: 1.5",
            "time_limit",
            "(not '1.5')",
            id="time-float",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  time_limit: '180'",
            "time_limit",
            "'time_limit' must be a positive whole number",
            id="time-string",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  time_limit: yes",
            "time_limit",
            "'time_limit' must be a positive whole number",
            id="time-bool",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  tags: [a, [b]]",
            "tags:",
            "'tags' must be a list of text items",
            id="tags-nested",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  tags:\n    a: 1",
            "tags:",
            "'tags' must be a list of text items",
            id="tags-mapping",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  tags: [a, ~]",
            "tags:",
            "'tags' must be a list of text items",
            id="tags-null-item",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  answer:\n    - a\n    - b",
            "answer:",
            "'answer' must be text, not a list",
            id="answer-list",
        ),
        pytest.param(
            "- id: x\n  topic: t\n  question: q\n  answer: {a: b}",
            "answer:",
            "'answer' must be text, not a mapping",
            id="answer-mapping",
        ),
        pytest.param(
            "- id: [x]\n  topic: t\n  question: q", "id:", "'id' must be text, not a list", id="id"
        ),
    ],
)
def test_entry_errors_skip_only_that_entry(entry: str, snippet: str, expected: str) -> None:
    text = around(entry)
    bank, problems = parse(text)
    assert loaded_ids(bank) == ["good-1", "good-2"]
    message = only(errors(problems))
    line = line_of(text, snippet, after="First}")
    assert message.startswith(f"{PATH}:{line}: question 2: "), message
    assert expected in message


def test_entry_error_message_has_the_documented_form() -> None:
    text = around("- id: x\n  topic: t\n  question: q\n  kind: essay")
    _, problems = parse(text)
    assert only(errors(problems)) == (
        f"{PATH}:7: question 2: 'kind' must be one of concept, behavioral, coding, "
        "system-design, other (not 'essay')"
    )


def test_every_bad_field_of_an_entry_is_reported() -> None:
    text = around("- id: x\n  topic: t\n  question: q\n  kind: essay\n  time_limit: soon")
    bank, problems = parse(text)
    assert loaded_ids(bank) == ["good-1", "good-2"]
    assert [p.line for p in problems] == [line_of(text, "kind:"), line_of(text, "time_limit")]


def test_duplicate_id_in_a_file_names_the_first_line() -> None:
    text = doc(
        """
        title: T
        questions:
          - id: same
            topic: t
            question: First
          - id: other
            topic: t
            question: Other
          - id: same
            topic: t
            question: Again
        """
    )
    bank, problems = parse(text)
    assert loaded_ids(bank) == ["same", "other"]
    assert bank is not None
    assert bank.questions[0].question == "First"
    assert only(errors(problems)) == (
        f"{PATH}:{line_of(text, 'id: same', 2)}: question 3: duplicate id 'same' "
        f"(already used by question 1 on line {line_of(text, 'id: same')})"
    )


# --------------------------------------------------------------------------------------------
# Warnings: the entry still loads


def test_unknown_fields_are_warnings_with_a_suggestion() -> None:
    text = doc(
        """
        title: T
        descripton: typo at the top
        questions:
          - id: a
            topic: t
            question: q
            answr: forty-two
            colour: blue
        """
    )
    bank, problems = parse(text)
    assert loaded_ids(bank) == ["a"]
    assert errors(problems) == []
    assert warnings(problems) == [
        f"{PATH}:2: warning: unknown field 'descripton' (did you mean 'description'?)",
        f"{PATH}:7: warning: question 1: unknown field 'answr' (did you mean 'answer'?)",
        f"{PATH}:8: warning: question 1: unknown field 'colour'",
    ]


def test_missing_id_is_derived_and_warned() -> None:
    text = doc(
        """
        title: T
        questions:
          - topic: Airflow
            question: What is a DagBag in Airflow?
          - topic: Airflow
            question: What is a DagBag in Airflow?
        """
    )
    bank = parse_bank(text, Path("airflow.yaml"))[0]
    problems = parse_bank(text, Path("airflow.yaml"))[1]
    assert bank is not None
    first, second = bank.questions
    assert first.id == ids.question_id("airflow", "What is a DagBag in Airflow?")
    assert second.id == ids.question_id("airflow", "What is a DagBag in Airflow?", 2)
    assert first.id != second.id
    assert errors(problems) == []
    message = warnings(problems)[0]
    assert message.startswith(f"airflow.yaml:3: warning: question 1: no 'id'; using '{first.id}'")
    assert "history" in message


def test_derived_id_does_not_clash_with_an_explicit_one() -> None:
    taken = ids.question_id("bank", "Q")
    text = f"title: T\nquestions:\n  - {{id: {taken}, topic: t, question: Q}}\n"
    text += "  - {topic: t, question: Q}\n"
    bank, problems = parse(text)
    assert errors(problems) == []
    ids_ = loaded_ids(bank)
    assert ids_[0] == taken
    assert ids_[1] != taken


@pytest.mark.parametrize("answer", ["''", "'   '", "", "|\n      \n"])
def test_empty_answer_becomes_none_with_a_warning(answer: str) -> None:
    text = f"title: T\nquestions:\n  - id: a\n    topic: t\n    question: q\n    answer: {answer}\n"
    bank, problems = parse(text)
    assert bank is not None
    assert bank.questions[0].answer is None
    assert not bank.questions[0].has_answer
    assert errors(problems) == []
    assert only(warnings(problems)).startswith(f"{PATH}:6: warning: question 1: 'answer' is empty")


def test_duplicate_keys_are_warned() -> None:
    text = doc(
        """
        title: T
        questions:
          - id: a
            topic: t
            question: q
            answer: first
            answer: second
        """
    )
    bank, problems = parse(text)
    assert bank is not None
    assert bank.questions[0].answer == "second"
    assert only(warnings(problems)) == (
        f"{PATH}:7: warning: question 1: duplicate key 'answer' (also on line 6); "
        "the last one is used"
    )


def test_single_string_is_one_tag() -> None:
    bank, problems = parse("title: T\nquestions:\n  - {id: a, topic: t, question: q, tags: sql}\n")
    assert problems == []
    assert bank is not None
    assert bank.questions[0].tags == ("sql",)


def test_problems_come_in_file_order() -> None:
    text = doc(
        """
        title: T
        questions:
          - topic: t
            question: no id
          - id: x
            topic: t
            question: q
            kind: essay
          - id: y
            topic: t
            question: q
            tagz: [a]
        """
    )
    _, problems = parse(text)
    lines = [p.line or 0 for p in problems]
    assert lines == sorted(lines)
    assert len(problems) == 3


def test_the_example_in_the_format_docs_loads_cleanly() -> None:
    docs = Path(__file__).resolve().parent.parent / "docs" / "bank-format.md"
    text = docs.read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("\n```\n", 1)[0]
    bank, problems = parse_bank(example, Path("questions/airflow-questions.yaml"))
    assert problems == []
    assert bank is not None
    assert len(bank.questions) == 3
    assert bank.questions[1].topic == "Airflow"  # from defaults
