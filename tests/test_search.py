"""Full-text search: query translation, ranking, highlighting, rebuilding, the CLI."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from conftest import doc
from interview_prep import paths
from interview_prep.bank.loader import load_catalog
from interview_prep.bank.model import Question
from interview_prep.bank.search import SearchHit, SearchIndex, fts_query, marked_text
from interview_prep.bank.search_query import MAX_TERMS
from interview_prep.cli import main


def q(
    qid: str,
    question: str,
    answer: str | None = None,
    *,
    topic: str = "Misc",
    tags: tuple[str, ...] = (),
) -> Question:
    return Question(id=qid, topic=topic, question=question, answer=answer, tags=tags)


def ids(hits: list[SearchHit]) -> list[str]:
    return [hit.question_id for hit in hits]


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex.build(
        [
            q("sched", "What does the scheduler do?", "It parses DAG files and queues tasks."),
            q("exec", "Name the executor types.", "Local, Celery and Kubernetes executors."),
            q("mentions", "How are DAG runs created?", "The scheduler creates a DAG run."),
            q("pool", "What is a pool?", "A limit on how many task instances run at once."),
            q("cafe", "Which café serves naïve coffee?", None, topic="Trivia"),
            q("html", "Why is <b>bold</b> & <i>x</i> risky?", "Because of <script> tags."),
            q("tagged", "Something unrelated", "Nothing here.", tags=("sensors", "deferral")),
        ]
    )


# -- query translation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("scheduler", '"scheduler"*'),
        ("  poke   reschedule ", '"poke" AND "reschedule"*'),
        ('"task instance" state', '"task instance" AND "state"*'),
        ('state "task instance"', '"state" AND "task instance"'),  # a closed phrase: exact
        ('state "task inst', '"state" AND "task inst"*'),  # still typing the phrase
        ("a-b:c(d)*", '"a" AND "b" AND "c" AND "d"*'),
        ("NEAR(x y) AND OR NOT", '"NEAR" AND "x" AND "y" AND "AND" AND "OR" AND "NOT"*'),
        ("task_id", '"task" AND "id"*'),  # "_" separates tokens, as in unicode61
        ("naïve café", '"naïve" AND "café"*'),
        ("", ""),
        ("   ", ""),
        ('"" *** -- ()', ""),
    ],
)
def test_free_text_becomes_a_quoted_fts_query(text: str, query: str) -> None:
    assert fts_query(text) == query


# -- matching ---------------------------------------------------------------------------


def test_a_match_in_the_question_ranks_above_one_only_in_the_answer(index: SearchIndex) -> None:
    hits = index.search("scheduler")
    assert ids(hits) == ["sched", "mentions"]
    assert hits[0].score > hits[1].score > 0


def test_the_last_word_is_a_prefix_so_results_come_while_typing(index: SearchIndex) -> None:
    assert ids(index.search("sched")) == ["sched", "mentions"]
    assert ids(index.search("kub")) == ["exec"]
    assert ids(index.search("executors kub")) == ["exec"]
    assert index.search("kub executorz") == []  # only the last word is a prefix
    assert ids(index.search("dag pars")) == ["sched"]


def test_stemming_matches_other_forms_of_a_word(index: SearchIndex) -> None:
    assert ids(index.search("schedules")) == ["sched", "mentions"]
    assert ids(index.search("scheduling runs")) == ["mentions"]
    assert ids(index.search("instance")) == ["pool"]
    assert ids(index.search("executors types")) == ["exec"]


def test_a_half_typed_word_longer_than_its_stem_still_matches() -> None:
    # "execution" is indexed as the stem "execut": the prefix "executi" alone would miss it.
    index = SearchIndex.build(
        [
            q("a", "Explain task execution.", "Executing a task means..."),
            q("b", "What is generalization?", "Going from examples to rules."),
            q("c", "Executive summary", None),
        ]
    )
    for typed in ("exe", "execu", "execut", "executi", "executio", "execution"):
        assert "a" in ids(index.search(typed)), typed
    for typed in ("generaliz", "generalizat", "generalization"):
        assert ids(index.search(typed)) == ["b"], typed
    hit = index.search("task executi")[0]
    assert hit.question_html == "Explain <mark>task</mark> <mark>execution</mark>."
    assert index.search("executix") == []


def test_case_and_accents_are_ignored(index: SearchIndex) -> None:
    for query in ("cafe", "CAFÉ", "naive", "naïve coffee", "cafe naiv"):
        assert ids(index.search(query)) == ["cafe"], query
    assert ids(index.search("trivia")) == ["cafe"]  # the topic is searched too


def test_every_word_must_match(index: SearchIndex) -> None:
    assert set(ids(index.search("dag"))) == {"sched", "mentions"}
    assert ids(index.search("dag files")) == ["sched"]
    assert index.search("dag coffee") == []


def test_a_quoted_phrase_matches_adjacent_words_only() -> None:
    index = SearchIndex.build(
        [
            q("adjacent", "What is a task instance?"),
            q("apart", "Which instance runs the task?"),
        ]
    )
    assert set(ids(index.search("task instance"))) == {"adjacent", "apart"}
    assert ids(index.search('"task instance"')) == ["adjacent"]
    assert ids(index.search('"task inst')) == ["adjacent"]  # unclosed: still typing
    assert index.search('"task inst"') == []  # closed: whole words
    hit = index.search('"task instance"')[0]
    assert hit.question_html == "What is a <mark>task instance</mark>?"


def test_tags_are_searched(index: SearchIndex) -> None:
    assert ids(index.search("sensor")) == ["tagged"]
    assert ids(index.search("deferral")) == ["tagged"]


@pytest.mark.parametrize("query", ["", "   ", "\t\n", '"', '""', "***", "-", "()", ":", "^+!?"])
def test_empty_and_punctuation_only_queries_return_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


@pytest.mark.parametrize(
    "query",
    [
        '"unterminated',
        'sched"uler',
        "sched*",
        "*sched",
        "-sched",
        "sched -dag",
        "NEAR",
        "NEAR(dag scheduler)",
        "dag NEAR scheduler",
        "AND",
        "dag AND",
        "OR dag",
        "NOT",
        "dag NOT scheduler",
        "(dag",
        "dag)",
        "question:dag",
        "{question answer}:dag",
        "^dag",
        "dag + scheduler",
        "'dag'",
        "\\",
        "\x00dag",
        "\x02dag\x03",
        "💥 dag",
        "x" * 5000,
    ],
)
def test_fts_syntax_in_the_input_never_raises(index: SearchIndex, query: str) -> None:
    index.search(query)  # no sqlite3.OperationalError


def test_fts_keywords_are_searched_as_words() -> None:
    index = SearchIndex.build([q("near", "Is NEAR a keyword?", "Also AND, OR and NOT.")])
    assert ids(index.search("NEAR")) == ["near"]
    assert ids(index.search("and or not")) == ["near"]
    assert ids(index.search("question:near")) == []  # no column filters: both words needed


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("dag", limit=1)) == 1
    assert index.search("dag", limit=0) == []


# -- highlighting -----------------------------------------------------------------------


def test_question_html_escapes_the_text_and_marks_the_matches(index: SearchIndex) -> None:
    (hit,) = index.search("bold risky")
    assert hit.question_html == (
        "Why is &lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; &lt;i&gt;x&lt;/i&gt; <mark>risky</mark>?"
    )
    assert marked_text(hit.question_html) == "Why is <b>[bold]</b> & <i>x</i> [risky]?"


def test_markup_in_the_text_is_not_searchable_syntax(index: SearchIndex) -> None:
    (hit,) = index.search("<script>")
    assert hit.question_id == "html"
    assert hit.snippet_html == "Because of &lt;<mark>script</mark>&gt; tags."


def test_unicode_words_are_marked_whole(index: SearchIndex) -> None:
    (hit,) = index.search("cafe naive")
    assert hit.question_html == "Which <mark>café</mark> serves <mark>naïve</mark> coffee?"
    index = SearchIndex.build(
        [q("cjk", "Über große Straßen: 東京 ☕ naïveté", "Ünïcödé everywhere")]
    )
    (hit,) = index.search("uber gro")
    assert hit.question_html == "<mark>Über</mark> <mark>große</mark> Straßen: 東京 ☕ naïveté"
    assert index.search("unicode")[0].snippet_html == "<mark>Ünïcödé</mark> everywhere"


def test_snippets_show_the_answer_around_the_matches() -> None:
    filler = " ".join(f"word{n}" for n in range(200))
    answer = f"{filler} the <needle> sits here {filler}"
    index = SearchIndex.build([q("long", "A haystack question", answer)])
    (hit,) = index.search("needle")
    assert "<mark>needle</mark>" in hit.snippet_html
    assert "&lt;<mark>needle</mark>&gt;" in hit.snippet_html
    assert hit.snippet_html.startswith("…") and hit.snippet_html.endswith("…")
    assert len(marked_text(hit.snippet_html).split()) <= 26
    assert hit.question_html == "A haystack question"  # no match in the question: no marks


def test_no_snippet_when_the_answer_does_not_match(index: SearchIndex) -> None:
    (hit,) = index.search("pool")
    assert hit.question_html == "What is a <mark>pool</mark>?"
    assert hit.snippet_html == ""
    (hit,) = index.search("coffee")  # no answer at all
    assert hit.snippet_html == ""


def test_marker_characters_in_the_text_cannot_fake_a_match() -> None:
    index = SearchIndex.build([q("ctl", "Plain \x02text\x03 here", "and \x02answer\x03")])
    (hit,) = index.search("here")
    assert hit.question_html == "Plain text <mark>here</mark>"
    assert hit.snippet_html == ""


# -- rebuilding -------------------------------------------------------------------------


def test_words_of_replaced_questions_are_no_longer_offered_for_a_half_typed_word() -> None:
    index = SearchIndex.build([q("a", "Execution order"), q("b", "Other text")])
    assert ids(index.search("executi")) == ["a"]
    index.rebuild([q("a", "Running order"), q("b", "Other text")])
    assert index.search("executi") == []
    assert ids(index.search("runni")) == ["a"]


def test_rebuild_replaces_everything(index: SearchIndex) -> None:
    index.rebuild([q("only", "The scheduler alone"), q("only", "The scheduler, edited")])
    hits = index.search("scheduler")
    assert ids(hits) == ["only"]
    assert hits[0].question_html == "The <mark>scheduler</mark>, edited"  # later copy wins
    assert index.search("executor") == [] and len(index) == 1
    assert "only" in index and "sched" not in index


def test_built_on_a_worker_thread_queried_on_another(index: SearchIndex) -> None:
    built: list[SearchIndex] = []
    worker = threading.Thread(target=lambda: built.append(SearchIndex.build([q("t", "Thread")])))
    worker.start()
    worker.join()
    assert ids(built[0].search("thread")) == ["t"]
    errors: list[BaseException] = []

    def hammer() -> None:
        try:
            for _ in range(50):
                index.search("sched")
                index.rebuild([q("busy", "A busy scheduler"), q("idle", "An idle one")])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert "busy" in ids(index.search("scheduler"))


# -- the bundled bank -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> SearchIndex:
    catalog = load_catalog(paths.bundled_bank_dir(), None)
    assert len(catalog) > 50
    return SearchIndex.build(catalog.questions())


def test_bundled_backfill(bundled: SearchIndex) -> None:
    hits = bundled.search("backfill")
    assert hits[0].question_id == "explain-the-concept-of-backfilling-in-airflow-and-1efe477e"
    assert "<mark>backfilling</mark>" in hits[0].question_html
    assert len(hits) > 1  # answers mentioning it follow


def test_bundled_kubernetes_executor(bundled: SearchIndex) -> None:
    hits = bundled.search("KubernetesExecutor")
    assert set(ids(hits[:2])) == {
        "what-is-the-difference-between-kubernetesexecutor-and-kubern-64ccd54a",
        "how-does-the-kubernetesexecutor-use-the-kubernetes-api-6879748c",
    }
    assert all("<mark>KubernetesExecutor</mark>" in hit.question_html for hit in hits[:2])


def test_bundled_poke_reschedule(bundled: SearchIndex) -> None:
    expected = "what-are-the-differences-between-poke-and-reschedule-722573b4"
    for query in ("poke reschedule", "poke resch", "reschedule poke", "sensor poke mode"):
        assert bundled.search(query)[0].question_id == expected, query


# -- the command line -------------------------------------------------------------------


def test_cli_search_json_lists_hits_best_first(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["search", "poke", "reschedule", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert isinstance(hits, list) and len(hits) >= 2
    assert set(hits[0]) == {
        "id",
        "topic",
        "bank",
        "question",
        "score",
        "question_html",
        "snippet_html",
    }
    assert hits[0]["id"] == "what-are-the-differences-between-poke-and-reschedule-722573b4"
    assert hits[0]["bank"] == "airflow-questions"
    assert hits[0]["topic"] == "Implementations / DAGs"
    assert hits[0]["question"].startswith("What are the differences between `poke`")
    assert "<mark>poke</mark>" in hits[0]["question_html"]
    assert "<mark>" in hits[0]["snippet_html"]
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert main(["search", "poke", "--json", "--limit", "1"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_cli_search_finds_the_users_banks_too(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "mine.yaml").write_text(
        doc(
            """
            title: Mine
            questions:
              - id: my-zebra
                topic: Animals
                question: Why do zebras have stripes?
                answer: Nobody is quite sure.
            """
        ),
        encoding="utf-8",
    )
    assert main(["search", "zebra", "--json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert (hit["id"], hit["bank"], hit["topic"]) == ("my-zebra", "mine", "Animals")
    assert hit["question_html"] == "Why do <mark>zebras</mark> have stripes?"


def test_cli_search_text_marks_matches_and_names_topic_and_bank(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["search", "poke", "resched", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    blocks = [block for block in out.split("\n\n") if block.strip()]
    assert len(blocks) == 2
    lines = blocks[0].splitlines()
    assert lines[0] == (
        "What are the differences between `[poke]` and `[reschedule]` modes in Airflow Sensors?"
    )
    assert lines[1] == "  Implementations / DAGs [airflow-questions]"
    assert "[poke]" in lines[2].lower()


def test_cli_search_without_results_exits_zero(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["search", "zzyzx", "qwerty"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No questions match 'zzyzx qwerty'" in captured.err
    assert main(["search", "zzyzx", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["search", "***", '"']) == 0
    assert "No questions match" in capsys.readouterr().err


def test_a_failed_rebuild_leaves_the_index_as_it_was(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: SearchIndex, rows: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SearchIndex, "_insert", broken)
    with pytest.raises(RuntimeError):
        index.rebuild([q("pool", "What is a slot?")])
    monkeypatch.undo()
    assert ids(index.search("pool")) == ["pool"] and len(index) == 7
    assert index.search("slot") == [] and "sched" in index
    index.rebuild([q("pool", "What is a slot?")])
    assert ids(index.search("slot")) == ["pool"] and index.search("pool") == []


def test_a_pasted_wall_of_words_is_a_bounded_query(index: SearchIndex) -> None:
    """800 repeated words froze the window for 41 s; 10 KB of words took the command line
    over a minute. Repeated words count once, and a query has at most MAX_TERMS terms."""
    assert ids(index.search("scheduler " * 800)) == ids(index.search("scheduler"))
    assert fts_query("dag " * 200 + "sched") == '"dag" AND "sched"*'
    wall = " ".join(f"word{n}" for n in range(3000))  # 24 KB
    query = fts_query(wall)
    assert query.count(" AND ") == MAX_TERMS - 1
    assert query.startswith('"word0" AND') and index.search(wall) == []
    assert len(fts_query("dag " + "x" * 50_000)) < 1_100  # only the first 1000 characters


def test_a_long_search_from_the_command_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["search", *(["sensor"] * 2000)]) == 0
    assert capsys.readouterr().out.strip()


def test_the_browser_gets_the_same_hits_without_answer_snippets(index: SearchIndex) -> None:
    """The browser shows only the questions: it asks for no snippets, and the hits, their
    order and the question's marks stay the same."""
    with_snippets = index.search("dag")
    without = index.search("dag", snippets=False)
    assert [h.question_id for h in without] == [h.question_id for h in with_snippets]
    assert [h.question_html for h in without] == [h.question_html for h in with_snippets]
    assert any(h.snippet_html for h in with_snippets)
    assert all(h.snippet_html == "" for h in without)


# -- names with symbols, exact titles, stop words, scope and counts ------------------------

LANGUAGES = [
    q("cpp", "What is RAII in C++?", "Resources are tied to object lifetime."),
    q("cassandra", "How does a Cassandra cluster replicate?", "Through a ring of nodes."),
    q("csharp", "What does async do in C#?", "It marks a method that awaits."),
    q("c-lang", "What is a pointer in C?", "An address in memory."),
    q("dotnet", "What is the .NET runtime?", "The CLR runs managed code."),
    q("aspnet", "Describe ASP.NET middleware.", "A pipeline of components."),
    q("node", "How does Node.js handle I/O?", "With an event loop."),
    q("nodejs-word", "Is nodejs single-threaded?", "Mostly, with a worker pool."),
    q("react-long", "What is React and how does it differ from Angular?", "A view library."),
    q("react", "### What is React?", "A library for building user interfaces."),
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("c++", ["cpp"]),  # not "cassandra cluster", not plain C
        ("C++", ["cpp"]),
        ("c#", ["csharp"]),
        (".net", ["dotnet"]),
        ("asp.net", ["aspnet"]),
        ("node.js", ["node", "nodejs-word"]),  # and the word written without the dot
        ("raii c++", ["cpp"]),
    ],
)
def test_names_with_symbols_are_found_as_typed(typed: str, expected: list[str]) -> None:
    index = SearchIndex.build(LANGUAGES)
    assert sorted(ids(index.search(typed))) == sorted(expected)


def test_a_name_with_symbols_is_highlighted_as_typed() -> None:
    (hit,) = SearchIndex.build(LANGUAGES).search("c++")
    assert marked_text(hit.question_html) == "What is RAII in [C++]?"


def test_an_exact_title_comes_first() -> None:
    index = SearchIndex.build(LANGUAGES)
    assert ids(index.search("what is react"))[0] == "react"  # the title, word for word
    assert ids(index.search("What is React?"))[0] == "react"


def test_stop_words_match_but_are_not_highlighted() -> None:
    hits = SearchIndex.build(LANGUAGES).search("what is react and")
    assert "react-long" in ids(hits)  # "and" still has to be there
    long = next(hit for hit in hits if hit.question_id == "react-long")
    assert marked_text(long.question_html) == (
        "What is [React] and how does it differ from Angular?"
    )


def test_search_within_some_questions_and_count_them() -> None:
    index = SearchIndex.build(LANGUAGES)
    assert index.count("what") == 6 and len(index.search("what", limit=2)) == 2
    within = ["react", "cpp", "node"]
    assert sorted(ids(index.search("what", within=within))) == ["cpp", "react"]
    assert index.count("what", within=within) == 2
    assert index.count("") == 0 and index.search("is", within=[]) == []
