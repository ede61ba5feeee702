"""The user's two Airflow documents import faithfully (counts, topics, texts, repairs)."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import SEED_NUMBERED, SEED_README
from interview_prep.bank.importer import ImportResult, read_document, to_bank
from interview_prep.bank.importer.decode import decode_document, repair_text
from nothing_lost import lost_lines


@pytest.fixture(scope="module")
def readme() -> ImportResult:
    return read_document(SEED_README)


@pytest.fixture(scope="module")
def numbered() -> ImportResult:
    return read_document(SEED_NUMBERED)


def by_question(result: ImportResult, start: str) -> str | None:
    matches = [q for q in result.questions if q.question.startswith(start)]
    assert len(matches) == 1, [q.question for q in matches]
    return matches[0].answer


def test_readme_counts_and_topics(readme: ImportResult) -> None:
    assert readme.title == "Airflow Questions"
    assert len(readme.questions) == 46
    assert sum(1 for q in readme.questions if q.answer) == 33
    assert Counter(q.topic for q in readme.questions) == {
        "Concepts and Usage": 4,
        "Implementations / DAGs": 15,
        "Architecture": 11,
        "Infrastructure": 6,
        "Organization, Etc": 6,
        "Other": 4,
    }
    assert [t for t in dict.fromkeys(q.topic for q in readme.questions)] == [
        "Concepts and Usage",
        "Implementations / DAGs",
        "Architecture",
        "Infrastructure",
        "Organization, Etc",
        "Other",
    ]


def test_readme_mojibake_is_repaired(readme: ImportResult) -> None:
    everything = "\n".join(f"{q.question}\n{q.answer or ''}" for q in readme.questions)
    assert "â€" not in everything
    answer = by_question(readme, "What are some reasons you should use Apache Airflow")
    assert answer is not None
    assert "- Airflow’s rich web interface provides an easy view" in answer


def test_readme_generic_summary_is_not_answer_text(readme: ImportResult) -> None:
    answer = by_question(readme, "What is an example of the chain method")
    assert answer == "```\nchain(op1, [op2, op3], [op4, op5], op6)\n```"
    task = by_question(readme, "What is the difference between a Task and an Operator")
    assert task is not None
    assert task.startswith("In this context and throughout the Airflow documentation")
    assert "Details" not in task.split("\n")[0]


def test_readme_heading_inside_answer_is_not_a_question(readme: ImportResult) -> None:
    answer = by_question(readme, "Does Apache Airflow support Azure AD as a backend?")
    assert answer is not None
    assert "### Steps to Configure Azure AD as an Authentication Backend" in answer
    assert answer.rstrip().endswith("manage further configurations and user permissions.")
    assert not any(q.question.startswith("Steps to Configure") for q in readme.questions)


def test_readme_unclosed_details_ends_at_next_question(readme: ImportResult) -> None:
    answer = by_question(readme, "How can you use dag.test() to test DAGs locally?")
    assert answer is not None
    assert answer.endswith("and run `python dag.py` to test the dag in a single process.")
    assert 'if __name__ == "__main__":\n   dag.run()' in answer
    cloud = by_question(readme, "What considerations should be made when accessing cloud")
    assert cloud is not None and cloud.startswith("Object stores are not real file systems")
    warned = {w.line for w in readme.warnings if "never closed" in w.message}
    assert warned == {19, 37, 730}


def test_readme_empty_placeholders_and_unanswered(readme: ImportResult) -> None:
    assert all(q.question.strip() for q in readme.questions)
    assert by_question(readme, "What are the differences between Apache Spark") is None
    assert by_question(readme, "What is git-sync in airflow?") is None
    empty = [w.line for w in readme.warnings if "empty question heading" in w.message]
    assert empty == [352, 354, 356, 358, 757, 759, 761]


def test_readme_final_bullet_list_is_questions(readme: ImportResult) -> None:
    other = [q for q in readme.questions if q.topic == "Other"]
    assert [q.question for q in other] == [
        "What are good rules of thumb for separating out a Task in Airflow?",
        "How are Python packages and their environments managed in Airflow?",
        "How are different versions of Python managed in Airflow?",
        "What is the difference between KubernetesExecutor and KubernetesPodOperator",
    ]
    assert all(q.answer is None for q in other)


def test_readme_code_blocks_stay_verbatim(readme: ImportResult) -> None:
    answer = by_question(readme, "What is a Sensor in Apache Airflow")
    assert answer is not None
    assert "```python\nfrom airflow import DAG\n" in answer
    assert "        poke_interval=30,  # Check every 30 seconds\n" in answer
    helm = by_question(readme, "If Airflow is Installed via a Helm Chart")
    assert helm is not None
    assert "     ```yaml\n     dags:\n       gitSync:\n         enabled: true" in helm


def test_readme_descriptive_summary_kept_once(readme: ImportResult) -> None:
    answer = by_question(readme, "What is a DagBag in Airflow?")
    assert answer is not None
    assert answer.startswith("#### DagBag in Airflow\nThe `DagBag` class")  # summary repeated it
    deltas = by_question(readme, "How long are deltas typically")
    assert deltas is not None
    assert deltas.startswith("**Typical Delta Lengths and Best Practices in Apache Airflow**\n\n")


def test_numbered_counts_and_topics(numbered: ImportResult) -> None:
    assert len(numbered.questions) == 36
    assert all(q.answer for q in numbered.questions)
    topics = Counter(q.topic for q in numbered.questions)
    assert topics == {
        numbered.title: 16,
        "Intermediate Airflow Questions": 5,
        "Advanced Airflow Questions": 5,
        "Airflow Deployment and Operations": 5,
        "Airflow Integration with Data Ecosystem": 5,
    }
    assert numbered.questions[0].topic == numbered.title == "002_f61ab5a7ee36776a"


def test_numbered_questions_and_answers(numbered: ImportResult) -> None:
    first = numbered.questions[0]
    assert first.question == "What is astronomer?"
    assert first.answer is not None and first.answer.startswith("- Astro is a data integration")
    core = by_question(numbered, "What are the core components of Airflow architecture?")
    assert core is not None  # the question was bold; the bold is gone, the answer dedented
    assert core.startswith("- **Web Server**: Flask-based UI")
    executors = by_question(numbered, "Explain the concept of Executors in Airflow.")
    assert executors is not None
    assert "\n  - SequentialExecutor: Default executor" in executors


def test_numbered_sub_lists_are_not_questions(numbered: ImportResult) -> None:
    etl = by_question(numbered, "What is ETL Pipeline?")
    assert etl is not None
    assert etl.startswith("1. **Extract** *-Pull data from sources")
    assert "2. **Transform** - Clean, validate, and reshape data:" in etl
    assert "3. **Load** - Store processed data into a destination:" in etl
    assert etl.endswith("how this integrates with NLP or ML workflows.")
    lifecycle = by_question(numbered, "Lifecycle of a data scince project")
    assert lifecycle is not None
    assert lifecycle.startswith("1. **Problem Definition**: Define business objectives")
    assert "\n10. **Communication**: Present findings" in lifecycle
    assert not any(q.question.startswith("**Extract**") for q in numbered.questions)


def test_numbered_diagrams_stay_preformatted(numbered: ImportResult) -> None:
    lifecycle = by_question(numbered, "Lifecycle of a data scince project")
    assert lifecycle is not None
    fence_start = lifecycle.index("```text\n")
    diagram = lifecycle[fence_start:]
    assert diagram.endswith("```")
    assert "\nData science project -> Requirements Gathering -> " in diagram
    assert "\n                            ^          ^     " in diagram
    dag = by_question(numbered, "What is a DAG?")
    assert dag is not None
    assert "```text\nNode        direction\nAPI->Data    ->         Transformations" in dag
    assert dag.startswith("- A DAG is a Directed Acyclic Graph that represents a workflow.")
    assert dag.endswith("- A task is a single unit of work in a workflow.")


def test_ids_are_unique_and_stable() -> None:
    first, _ = to_bank(read_document(SEED_README))
    again, _ = to_bank(read_document(SEED_README))
    ids = [q.id for q in first.questions]
    assert len(set(ids)) == 46
    assert ids == [q.id for q in again.questions]
    assert first.id == "airflow-questions"


def test_no_line_of_the_seeds_is_lost_silently(
    readme: ImportResult, numbered: ImportResult
) -> None:
    for path, result in ((SEED_README, readme), (SEED_NUMBERED, numbered)):
        text, _ = decode_document(path.read_bytes())  # as the importer sees it: repaired
        assert lost_lines(repair_text(text), result) == []
