"""The STAR structure of behavioural answers, and how a session summary reports it."""

from __future__ import annotations

from interview_prep.bank.model import Kind, Question
from interview_prep.practice.coverage import PointMark
from interview_prep.practice.plan import Mode
from interview_prep.practice.star import (
    is_blank_template,
    read_star,
    star_line,
    template,
    without_empty_labels,
)
from interview_prep.practice.summary import SessionSummary, SummaryRow, to_markdown


def test_the_template_has_the_four_parts_and_counts_as_no_notes() -> None:
    text = template()
    assert [line.split(":")[0] for line in text.split("\n\n")] == [
        "Situation",
        "Task",
        "Action",
        "Result",
    ]
    assert is_blank_template(text) and is_blank_template("")
    assert not is_blank_template(text.replace("Task: ", "Task: migrate the jobs"))
    assert not is_blank_template("just notes")


def test_notes_above_an_empty_label_are_notes_not_a_template() -> None:
    # Found by the kill drill: "T." read as an empty Task label made these notes "no notes",
    # and the attempt was stored without them.
    assert not is_blank_template("the answer so far\nt.")
    assert not is_blank_template("Spark is for batch jobs\nS:")
    assert is_blank_template("  \n\t")


def test_parts_are_found_however_they_are_written() -> None:
    notes = (
        "**Situation:** our nightly ETL kept failing\n"
        "Task groups had hidden the failing step.\n"  # not a label: no colon
        "## Task\n"
        "fix it within a week\n"
        "A: I added retries and alerting\n"
        "R - failures dropped by 90%"
    )
    parts = read_star(notes)
    assert parts is not None
    assert [(p.name, p.words) for p in parts] == [
        ("Situation", 12),
        ("Task", 5),
        ("Action", 5),
        ("Result", 4),
    ]
    assert star_line(parts) == (
        "Situation ✓ 12 words · Task ✓ 5 words · Action ✓ 5 words · Result ✓ 4 words"
    )
    assert read_star("A DAG is a graph. Sensors wait.") is None


def test_missing_parts_show_as_not_filled() -> None:
    parts = read_star("Situation: a flaky pipeline\n\nTask: \n\nAction: rewrote it\n\nResult:")
    assert parts is not None
    assert star_line(parts) == "Situation ✓ 3 words · Task — · Action ✓ 2 words · Result —"


def row(question: Question, notes: str, **extra: object) -> SummaryRow:
    return SummaryRow(
        position=0,
        question=question,
        time_limit=300,
        duration=120,
        rating=None,
        notes=notes,
        skipped=False,
        **extra,  # type: ignore[arg-type]
    )


def test_summary_rows_report_star_parts_and_key_points() -> None:
    story = Question("conflict", "Behavioural", "Tell me about a conflict.", kind=Kind.BEHAVIORAL)
    concept = Question("pools", "Airflow", "What are pools?", answer="- Slots\n- Priority")
    marks = (PointMark("Slots", True, True), PointMark("Priority", False, False))
    rows = (
        row(story, "Situation: two teams\n\nTask: \n\nAction: met them\n\nResult: agreed"),
        row(concept, "slots cap tasks", key_points=marks),
        row(concept, "", spoken=True, reflection="forgot priority weights"),
    )
    assert rows[0].star is not None and rows[1].star is None
    assert rows[1].points_text == "1/2" and rows[1].missed_points == ["Priority"]
    assert rows[2].notes_excerpt == "(out loud) forgot priority weights"
    text = to_markdown(SessionSummary(rows, Mode.PRACTICE, None, 360))
    assert "STAR: Situation ✓ 2 words · Task — · Action ✓ 2 words · Result ✓ 1 word" in text
    assert "Key points covered: 1/2\n- [x] Slots\n- [ ] Priority" in text
    assert "### Talked through out loud\n\nforgot priority weights" in text


def test_empty_parts_do_not_count_for_the_key_point_check() -> None:
    notes = "Situation: two teams\n\nTask: \n\nAction: met them\n\nResult: "
    assert without_empty_labels(notes) == "Situation: two teams\n\n\n\nAction: met them\n\n"
    assert without_empty_labels("plain notes") == "plain notes"
