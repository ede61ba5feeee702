"""Key points read from answers (the bundled bank's and made-up ones) and the coverage check."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from conftest import doc
from interview_prep.bank.loader import load_bank_dir
from interview_prep.bank.model import Question
from interview_prep.feedback import check_notes, coverage, extract_key_points, points_of, rarity
from interview_prep.feedback.agreement import LabelledPair, agreement, load_evaluation
from interview_prep.feedback.key_points import KeyPoint
from interview_prep.feedback.rarity import BankRarity
from interview_prep.feedback.slips import closest_within, within
from interview_prep.feedback.terms import abbreviations, opposite_pairs, synonym_groups
from interview_prep.feedback.words import stem
from interview_prep.practice.coverage import PointMark, corrected, ratio, remark

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).parent / "data" / "coverage_labels.yaml"


@pytest.fixture(scope="module")
def bank() -> dict[str, Question]:
    banks, problems = load_bank_dir(ROOT / "questions", bundled=True)
    assert not problems
    return {q.id: q for b in banks for q in b.questions}


def texts(answer: str, question: str = "") -> list[str]:
    return [p.text for p in extract_key_points(answer, question=question)]


def covered(notes: str, answer: str, question: str = "") -> list[str]:
    return [r.point.text for r in check_notes(notes, answer, question) if r.covered]


# -- extraction on the bundled answers -------------------------------------------------------
def test_labelled_items_are_label_and_gist_never_the_bare_label(bank: dict[str, Question]) -> None:
    etl = bank["what-is-etl-pipeline-391951a2"]
    # the nested "Remove nulls/duplicates" and the "Tools:" asides are details, not points
    assert texts(etl.answer or "", etl.question) == [
        "Extract: Pull data from sources",
        "Transform: Clean, validate, and reshape data",
        "Load: Store processed data into a destination",
    ]
    points = extract_key_points(etl.answer or "", question=etl.question)
    assert [p.label for p in points] == ["Extract", "Transform", "Load"]
    dagbag = bank["what-is-a-dagbag-in-airflow-9d5eb4d5"]
    labelled = texts(dagbag.answer or "", dagbag.question)
    assert "Initialization" not in labelled  # a bare label is no point
    assert "Initialization: DagBag scans the specified folder for Python files" in " ".join(
        labelled
    )
    sensors = bank["what-are-the-different-types-of-sensors-in-5b30d055"]  # labels in plain text
    assert texts(sensors.answer or "", sensors.question)[0] == (
        "FileSensor: Waits for a file to land in a specified location"
    )


def test_items_under_a_label_keep_the_mode_they_describe(bank: dict[str, Question]) -> None:
    modes = bank["what-are-the-differences-between-poke-and-reschedule-722573b4"]
    points = extract_key_points(modes.answer or "", question=modes.question)
    assert [p.label for p in points] == ["Poke Mode"] * 3 + ["Reschedule Mode"] * 3
    assert points[4].text == (
        "Reschedule Mode: It frees up the worker slot between checks, making it more "
        "resource-efficient"
    )
    # "Purpose:" and "Usage:" name nothing: the label they sit under is the point's
    versus = bank["what-is-the-difference-between-triggers-and-sensors-cef5698d"]
    first = texts(versus.answer or "", versus.question)[0]
    assert (
        first == "Triggers: Initiate the execution of a DAG or task based on predefined conditions"
    )
    queue = bank["how-is-the-task-queue-implemented-for-each-6839f286"]  # a label over a list
    assert texts(queue.answer or "", queue.question)[0] == (
        "LocalExecutor: Uses in-memory queues managed by Python's multiprocessing library"
    )


def test_a_definition_in_prose_is_a_point_beside_code_terms(bank: dict[str, Question]) -> None:
    sensor = bank["what-is-a-sensor-in-apache-airflow-and-e2f7589f"]
    points = extract_key_points(sensor.answer or "", question=sensor.question)
    assert [(p.text, p.kind) for p in points] == [
        (
            "A Sensor in Apache Airflow is a special type of operator that waits for a "
            "certain condition to be met",
            "sentence",
        ),
        ("poke_interval", "code"),
    ]
    chain = bank["what-is-an-example-of-the-chain-method-6d92b5ec"]
    assert extract_key_points(chain.answer or "", question=chain.question) == []  # code only


def test_prose_points_skip_sentences_that_say_nothing(bank: dict[str, Question]) -> None:
    task = bank["what-is-the-difference-between-a-task-and-24da43d6"]
    points = texts(task.answer or "", task.question)
    assert "There is a difference, though" not in points
    assert "Tasks in Airflow manage the execution of an operator" in points
    assert not any(p.startswith("In this context") for p in points)


def test_sub_headings_are_points_in_the_documents_own_words(bank: dict[str, Question]) -> None:
    uses = bank["give-three-example-of-use-cases-for-apache-ac372e2c"]
    points = extract_key_points(uses.answer or "", question=uses.question)
    headings = [p.text for p in points if p.kind == "heading"]
    assert headings == ["ETL Pipelines", "Data Science", "Reporting"]  # "- Made-Up" cut off
    items = [p for p in points if p.kind == "item"]
    assert items[0].text.startswith("A daily ETL job runs that extracts sales data")
    assert all(p.line is not None for p in points)
    assert [p.line for p in points] == sorted(p.line or 0 for p in points)
    deltas = bank["how-long-are-deltas-typically-in-apache-airflow-0c37cdd6"]
    # "Typical Delta Lengths in Apache Airflow" only repeats the question
    assert not any(
        p.kind == "heading"
        for p in extract_key_points(deltas.answer or "", question=deltas.question)
    )


def test_a_lead_that_only_repeats_the_question_gives_way_to_the_whole_item(
    bank: dict[str, Question],
) -> None:
    xcom = bank["what-is-xcoms-in-airflow-68fb75d4"]
    assert texts(xcom.answer or "", xcom.question) == [
        "XComs (Cross-Communications) allow tasks to exchange small amounts of data"
    ]


def test_labels_like_purpose_give_what_follows_them(bank: dict[str, Question]) -> None:
    backfill = bank["explain-the-concept-of-backfilling-in-airflow-and-1efe477e"]
    points = texts(backfill.answer or "", backfill.question)
    assert not any(p.startswith(("Definition", "Purpose")) for p in points)
    assert any(p.startswith("Backfilling in Airflow refers to the process") for p in points)
    assert any(p.startswith("Historical Intervals: ") for p in points)
    retries = bank["explain-task-retries-and-how-to-configure-them-b7d0de7f"]
    assert len(texts(retries.answer or "", retries.question)) == 1  # "Example: `…`" is an aside


def test_every_answer_of_the_bundled_bank_gives_short_unique_points(
    bank: dict[str, Question],
) -> None:
    answered = [q for q in bank.values() if q.has_answer]
    with_points = 0
    for question in answered:
        points = extract_key_points(question.answer or "", question=question.question)
        with_points += bool(points)
        assert len({p.text.lower() for p in points}) == len(points), question.id
        for point in points:
            assert point.text.strip() == point.text and point.text, question.id
            assert len(point.text.split()) <= 40, (question.id, point.text)
            assert not point.text.endswith(("…", " the", " a", " of", " and")), point.text
            assert point.text.count("(") == point.text.count(")"), point.text
            assert point.anchor
    assert with_points >= len(answered) - 2  # only code-only answers have none


# -- extraction on made-up answers -------------------------------------------------------------
def test_table_rows_with_their_cells_items_and_terms() -> None:
    answer = doc(
        """
        Prefer **idempotent tasks**; set `max_active_runs` too, not `MAX`.

        | Executor | Where tasks run |
        |---|---|
        | LocalExecutor | processes on the scheduler host |
        | CeleryExecutor | a pool of Celery workers |

        - Retries with exponential backoff
        - Alerts on failure
        """
    )
    points = extract_key_points(answer)
    assert [(p.text, p.kind) for p in points] == [
        ("idempotent tasks", "term"),
        ("max_active_runs", "code"),  # an identifier; `MAX` is a keyword, no point
        ("LocalExecutor: processes on the scheduler host", "row"),
        ("CeleryExecutor: a pool of Celery workers", "row"),
        ("Retries with exponential backoff", "item"),
        ("Alerts on failure", "item"),
    ]
    compare = doc(
        """
        | Aspect | TCP | UDP |
        |---|---|---|
        | Ordering | ordered byte stream | datagrams may arrive out of order |
        """
    )
    assert texts(compare) == [
        "Ordering: TCP: ordered byte stream; UDP: datagrams may arrive out of order"
    ]


def test_star_answers_give_the_content_of_their_four_parts() -> None:
    bold = doc(
        """
        **Situation:** The nightly load failed twice a week. Nobody owned it.

        **Task:** I had to make it reliable before quarter end.

        **Action:** I added retries and an alert, and split the job in two.

        **Result:** No failed loads for three months.
        """
    )
    assert texts(bold, "Tell me about a time you fixed an unreliable process.") == [
        "Situation: The nightly load failed twice a week",
        "Task: I had to make it reliable before quarter end",
        "Action: I added retries and an alert, and split the job in two",
        "Result: No failed loads for three months",
    ]
    headed = doc(
        """
        ### Situation
        A customer wanted a feature in two weeks.

        ### Result
        We shipped a smaller first version on time.
        """
    )
    assert texts(headed) == [
        "Situation: A customer wanted a feature in two weeks",
        "Result: We shipped a smaller first version on time",
    ]


def test_points_inside_folds_know_which_folds_to_open() -> None:
    answer = doc(
        """
        - Top level point

        <details><summary>More</summary>

        - Inside the fold

        <details><summary>Deeper</summary>

        - Two folds down
        </details>
        </details>
        """
    )
    points = extract_key_points(answer)
    assert [(p.text, p.folds) for p in points] == [
        ("Top level point", ()),
        ("Inside the fold", (0,)),
        ("Two folds down", (0, 1)),
    ]


def test_prose_only_answers_give_their_sentences_and_duplicates_go() -> None:
    answer = (
        "Pools limit how many tasks run at once across DAGs. They have slots.\n\n"
        "A pool is shared by many DAGs of the same team."
    )
    assert texts(answer) == [
        "Pools limit how many tasks run at once across DAGs",
        "A pool is shared by many DAGs of the same team",
    ]
    assert texts("- Retries\n- retries\n- **Retries**") == ["Retries"]
    assert texts("") == [] and texts("   \n") == []


def test_long_items_are_cut_to_a_clause_without_a_dangling_word() -> None:
    item = (
        "- Handling streaming pipelines, as Airflow is primarily designed to run recurring "
        "or batch-oriented tasks, rather than streaming workloads that never end at all"
    )
    (point,) = texts(item)
    assert point.startswith("Handling streaming pipelines")
    assert len(point.split()) <= 20 and not point.endswith(("…", " to", " or"))
    (cut_short,) = texts("- " + " ".join(["word"] * 18) + " of the rest and more words here")
    assert not cut_short.endswith(("…", " of", " the", " and"))


# -- matching -------------------------------------------------------------------------------
def point(text: str) -> KeyPoint:
    return KeyPoint(text, "term", text, None, ())


def is_covered(notes: str, text: str, question: str = "") -> bool:
    (result,) = coverage(notes, [point(text)], question=question)
    return result.covered


@pytest.mark.parametrize(
    ("notes", "text"),
    [
        ("it schedules tasks", "Scheduler"),  # stems
        ("the sheduler loop", "Scheduler"),  # a typo
        ("handle dependancies", "Dependencies"),  # a typo in a long word
        ("metadata db on postgres", "Metadata Database"),  # an abbreviation
        ("run the webserver", "Web Server"),  # written as one word
        ("HA for the scheduler", "High availability configuration"),  # initials
        ("feature eng then training", "Feature Engineering"),  # a cut-short word
        ("uses the FileSensor", "file sensor"),  # identifiers split
        ("set poke interval", "poke_interval"),
    ],
)
def test_notes_cover_a_point_in_other_forms(notes: str, text: str) -> None:
    assert is_covered(notes, text)


@pytest.mark.parametrize(
    ("notes", "text"),
    [
        ("", "Scheduler"),
        ("workers run tasks", "Scheduler"),
        ("the model", "Module"),  # one slip in a short word makes a different word
        ("data in the lake", "Database"),  # "data" does not stand for database
        ("retries and alerts", "Idempotent tasks with exponential backoff and jitter"),
    ],
)
def test_notes_that_do_not_cover_a_point(notes: str, text: str) -> None:
    assert not is_covered(notes, text)


def test_words_of_the_question_count_for_little() -> None:
    question = "How do Airflow sensors work?"
    assert not is_covered("airflow sensors", "Sensors poke Airflow with a timeout", question)
    assert is_covered("they poke until a timeout", "Sensors poke Airflow with a timeout", question)


def labelled(text: str) -> KeyPoint:
    label = text.split(": ", 1)[0]
    return KeyPoint(text, "term", text, None, (), label)


def ticks(notes: str, points: list[KeyPoint], question: str = "") -> list[bool]:
    return [r.covered for r in coverage(notes, points, question=question)]


@pytest.mark.parametrize(
    ("notes", "text"),
    [
        ("pass small values with xcoms", "XCom"),  # a compound name is one word, any case
        ("send the etag back", "ETag"),
        ("push metrics to statsd", "StatsD"),
        ("alert on missed SLAs", "SLA"),
        ("the schedular picks tasks", "Scheduler"),  # a slip
        ("the server answers 304", "304 Not Modified"),  # numbers count
        ("pull it out of the source systems", "Extract"),  # synonyms from the table
        ("run it on k8s", "Kubernetes"),  # short forms from the table
        ("add an idx on the column", "Index"),
    ],
)
def test_compounds_numbers_and_the_terms_table(notes: str, text: str) -> None:
    assert is_covered(notes, text)


@pytest.mark.parametrize(
    ("notes", "text"),
    [
        ("add some tags to the dag", "ETag"),  # "tags" is not ETag
        ("use threading for parallel cpu work", "CPU-bound"),  # one shared word of two
        ("periodSeconds sets the interval", "timeoutSeconds"),
        ("the answer was 200 ok", "304 Not Modified"),
    ],
)
def test_one_shared_common_word_is_not_enough(notes: str, text: str) -> None:
    assert not is_covered(notes, text)


def test_a_point_needs_its_distinctive_words() -> None:
    points = [
        KeyPoint(
            "State: it stores the state of each task and DAG run for the scheduler",
            "term", "", None, (), "State",
        ),
        KeyPoint(
            "Definitions: it keeps definitions of DAGs and tasks with owners, tags and docs",
            "term", "", None, (), "Definitions",
        ),
    ]  # fmt: skip
    question = "What does the metadata database do?"
    # "dag" and "task" are in both points: a quarter of the second, but nothing of its own
    assert ticks("dag and task state", points, question) == [True, False]
    assert ticks("dag and task definitions", points, question)[1]
    # a long point's one distinctive word is enough
    monitoring = point("Using Airflow's built-in metrics with StatsD/Prometheus")
    (result,) = coverage(
        "statsd -> prometheus/grafana", [monitoring], question="How would you monitor Airflow?"
    )
    assert result.covered


def test_labelled_points_match_the_label_with_its_gist_or_the_whole() -> None:
    etl = [
        labelled("Extract: Pull data from sources"),
        labelled("Transform: Clean, validate, and reshape data"),
        labelled("Load: Store processed data into a destination"),
    ]
    notes = "pull the data out of the apps, clean it up, write it to the warehouse"
    assert ticks(notes, etl, "What is an ETL pipeline?") == [True, True, True]
    probes = [labelled("Readiness probe: decides whether the pod receives traffic")]
    question = "What is the difference between liveness and readiness probes?"
    assert ticks("readiness fail -> no traffic to the pod", probes, question) == [True]
    assert ticks("readiness: checks something, not sure what", probes, question) == [False]


def test_notes_that_say_the_opposite_do_not_cover_a_point() -> None:
    modes = [
        labelled("Poke Mode: It consumes a worker slot while waiting"),
        labelled("Reschedule Mode: It frees up the worker slot between checks"),
    ]
    question = "What are the differences between poke and reschedule modes?"
    right = (
        "poke holds on to the worker slot the whole time. reschedule frees the slot between checks"
    )
    swapped = (
        "poke frees the worker slot between checks. reschedule consumes the slot while waiting"
    )
    assert ticks(right, modes, question) == [True, True]
    assert ticks(swapped, modes, question) == [False, False]
    # words only used after a negation count for less; a negative point is not penalised
    (avoid,) = ticks(
        "don't put big files in xcom, use s3", [point("Avoid storing large files in XComs")]
    )
    assert avoid
    remember = [point("Data Cleaning"), point("Monitoring")]
    assert ticks("cleaning the data. don't remember the monitoring part", remember) == [True, False]


def test_star_points_read_short_labels_and_unlabelled_stories() -> None:
    star = [
        labelled("Situation: I was on call for our checkout service"),
        labelled("Task: I had to restore service quickly"),
        labelled("Action: I declared an incident and rolled back the release"),
        labelled("Result: Service was restored 26 minutes after the first alert"),
    ]
    short = (
        "S: nightly billing job failed at 2am\nT: I owned the job and had to fix it before 9\n"
        "A: I found the bad migration, reverted it, reran the batch\nR: invoices went out on time"
    )
    assert ticks(short, star) == [True, True, True, True]
    no_result = "S: a batch job broke\nT: fix it\nA: I reran it by hand and added a check\nR:"
    assert ticks(no_result, star) == [True, True, True, False]
    story = (
        "Last spring our search cluster ran out of disk during a sale. I was the on-call engineer, "
        "so I had to get search back fast. I deleted old indices, I added two nodes and I moved "
        "the shards. In the end search was back in 40 minutes and we added disk alerts."
    )
    assert ticks(story, star) == [True, True, True, True]
    vague = (
        "there was an outage once and the team looked into it and it got fixed eventually somehow"
    )
    assert ticks(vague, star)[1] is False  # no task of the teller's own


def test_seed_answers_against_notes(bank: dict[str, Question]) -> None:
    scaling = bank["what-are-the-challenges-with-scaling-airflow-in-3e35d951"]
    notes = (
        "metadata DB connections (PgBouncer)\n"
        "scheduler loop time with many dags\n"
        "workers: autoscale celery\n"
        "monitoring + HA"
    )
    assert covered(notes, scaling.answer or "", scaling.question) == [
        "Database connection limits and performance",
        "Worker resource utilization",
        "Scheduler performance with many DAGs/tasks",
        "Monitoring and alerting setup",
        "High availability configuration",
    ]
    assert covered("no idea", scaling.answer or "", scaling.question) == []


# -- the hand-labelled pairs ------------------------------------------------------------------
def labelled_pairs() -> list[dict[str, object]]:
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    pairs: list[dict[str, object]] = data["pairs"]
    return pairs


def test_the_labels_name_points_the_answers_still_have(bank: dict[str, Question]) -> None:
    pairs = labelled_pairs()
    assert len(pairs) >= 20 and len({p["question"] for p in pairs}) >= 20
    for pair in pairs:
        question = bank[str(pair["question"])]
        names = {p.text for p in points_of(question.answer or "", question.question)}
        assert set(pair["covered"]) <= names, pair["question"]  # type: ignore[arg-type]


def test_automatic_ticks_agree_with_the_labels(bank: dict[str, Question]) -> None:
    """The quality bar of the issue: precision and recall of at least 0.8 (bench prints them)."""
    pairs = [
        LabelledPair(str(p["question"]), str(p["notes"]), frozenset(p["covered"]))  # type: ignore[arg-type]
        for p in labelled_pairs()
    ]
    answers = {q.id: (q.question, q.answer or "") for q in bank.values()}
    result = agreement(pairs, answers)
    assert result.points > 400
    assert result.precision >= 0.8 and result.recall >= 0.8


def test_word_rarity_is_counted_over_a_bank_and_handed_out_for_its_catalogue() -> None:
    answers = [f"Tasks run on workers; answer {n} is about topic{n}." for n in range(12)]
    counted = BankRarity.of_answers([*answers, "", "   "])
    assert counted is not None and counted.answers == 12  # empty answers are not counted
    assert not counted.distinctive(stem("tasks"))  # in every answer
    assert counted.distinctive(stem("topic3")) and counted.distinctive("neverseen")
    assert BankRarity.of_answers(answers[:5]) is None  # too few to say
    first, second = object(), object()
    rarity.prepare(first, answers)
    assert rarity.ready(first) == counted and rarity.ready(second) is None


EVALUATION = Path(__file__).parent / "data" / "feedback_eval"


@pytest.fixture(scope="module")
def evaluation_answers(bank: dict[str, Question]) -> dict[str, tuple[str, str]]:
    banks, problems = load_bank_dir(EVALUATION / "bank", bundled=False)
    assert not problems
    questions = [*bank.values(), *(q for b in banks for q in b.questions)]
    return {q.id: (q.question, q.answer or "") for q in questions}


def test_the_evaluation_half_left_out_of_tuning_meets_the_bar(
    evaluation_answers: dict[str, tuple[str, str]],
) -> None:
    """Issue 18: on the half never tuned on, precision 0.88 and recall 0.80 (bench prints
    them by kind and style); and every labelled point is still a point, worded the same."""
    pairs = load_evaluation(EVALUATION)
    assert len(pairs) == 142 and len({p.question_id for p in pairs}) == 42
    test = agreement([p for p in pairs if p.half == "test"], evaluation_answers)
    assert test.unknown == 0
    assert test.precision >= 0.88 and test.recall >= 0.80
    tune = agreement([p for p in pairs if p.half == "tune"], evaluation_answers)
    assert tune.unknown == 0 and tune.recall >= 0.78


def test_the_terms_table_is_a_clean_list() -> None:
    """Each word stands in one synonym group, and no short form is also a group's word."""
    groups = synonym_groups()
    members = [word for group in groups for word in group]
    assert all(len(group) >= 2 for group in groups)
    assert len(members) == len(set(members))
    assert not set(abbreviations()) & set(members)
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in opposite_pairs())


# -- marks and corrections ----------------------------------------------------------------------
def test_corrections_survive_a_fresh_check() -> None:
    first = remark([("Extract", True), ("Transform", False), ("Load", False)], None)
    assert [m.covered for m in first] == [True, False, False] and ratio(first) == 1 / 3
    fixed = corrected(first, 1, True)  # the user ticks Transform
    assert fixed[1] == PointMark("Transform", True, False) and fixed[1].corrected
    # the notes change: Load is now found, Extract no longer; Transform keeps the user's word
    again = remark([("Extract", False), ("Transform", False), ("Load", True)], fixed)
    assert [(m.covered, m.auto) for m in again] == [(False, False), (True, False), (True, True)]


def test_words_are_stemmed_right_on_several_threads_at_once() -> None:
    """The bank's words are counted on a worker while the UI thread checks notes: a stemmer
    shared between threads mixed up its state (an IndexError in the middle of a session)."""
    from concurrent.futures import ThreadPoolExecutor

    import snowballstemmer

    bases = ["schedulings", "generalizations", "operationally", "relational", "hopefulness"]
    batches = [[f"{base}{t}{n}" for n in range(2000) for base in bases] for t in "abcd"]
    with ThreadPoolExecutor(max_workers=4) as pool:  # every word new to the stem cache
        results = list(pool.map(lambda batch: [stem(w) for w in batch], batches))
    alone = snowballstemmer.stemmer("english")
    for batch, stems in zip(batches, results, strict=True):
        assert stems == alone.stemWords(batch)


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the whole table (the reference for ``within``)."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        table[i][0] = i
    for j in range(len(b) + 1):
        table[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[len(a)][len(b)]


def test_typing_slips_are_counted_as_edits_and_swaps() -> None:
    assert within("scheduler", "sheduler", 1) and within("teh", "the", 1)  # a swap is one
    assert within("dependency", "dependancy", 1) and not within("model", "modules", 1)
    assert not within("abc", "abcdef", 2) and within("", "ab", 2)
    assert closest_within("sheduler", ["worker", "scheduler"], 1) == "scheduler"
    rng = random.Random(7)
    for _ in range(3000):
        a = "".join(rng.choice("abcde") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("abcde") for _ in range(rng.randint(0, 8)))
        for k in (1, 2):
            assert within(a, b, k) == (_osa(a, b) <= k), (a, b, k)
