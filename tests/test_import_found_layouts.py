"""Layouts met in public question banks (bench/corpus), on small documents of our own.

Each document here imitates a layout seen in a real file, in our own words; every one is
also checked for text lost silently (``nothing_lost``).
"""

from __future__ import annotations

from interview_prep.bank.importer import ImportResult, to_bank
from interview_prep.bank.model import Difficulty, Kind
from interview_prep.practice.plan import time_limit_for
from nothing_lost import parse_checked


def questions(result: ImportResult) -> list[tuple[str, str, bool]]:
    return [(q.topic, q.question, q.answer is not None) for q in result.questions]


def summary(result: ImportResult) -> str:
    lines = [w.message for w in result.warnings if w.message.startswith("left out")]
    assert len(lines) <= 1, "the left-out text is said in one line"
    return lines[0] if lines else ""


def test_a_legend_and_a_contribution_note_are_no_questions_and_glued_questions_are() -> None:
    result = parse_checked(
        """
        # Container questions

        Legend: 🐣 easy 🔥 medium 🧨 expert

        **Found a mistake? Pull requests are welcome!**

        ## Pods

        **What is a pod?** 🐣
        The smallest thing the scheduler places.
        **Why put two containers in one pod?** 🔥
        They share a network namespace and a lifecycle.
        **How does a pod get its address?** 🧨

        From the network plugin.
        """
    )
    assert questions(result) == [
        ("Pods", "What is a pod?", True),
        ("Pods", "Why put two containers in one pod?", True),
        ("Pods", "How does a pod get its address?", True),
    ]
    assert [q.difficulty for q in result.questions] == [
        Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD,
    ]  # fmt: skip
    assert result.questions[0].answer == "The smallest thing the scheduler places."
    assert "a difficulty legend, read for the questions' difficulty (line 3)" in summary(result)
    assert any("line 5" in w.message for w in result.warnings)  # the note: reported, no question


def test_difficulty_kind_and_time_come_from_the_text() -> None:
    result = parse_checked(
        """
        ## Junior

        ### What is an index?

        A sorted structure that finds rows fast.

        ## Mixed

        ### [Senior] How does MVCC work?

        Readers see a snapshot.

        ### Design a rate limiter for a public API (Hard)

        ### Write a function that merges two sorted lists

        ### Tell me about a time you disagreed with a reviewer

        ### Which isolation level prevents phantom reads?

        - A: read committed
        - B: repeatable read
        - C: serializable
        - D: read uncommitted

        <details><summary>Answer</summary>

        C

        </details>

        ## Coding exercises

        ### Reverse the words of a sentence
        """
    )
    bank, _ = to_bank(result)
    got = [
        (q.question.splitlines()[0], q.difficulty, q.kind, time_limit_for(q))
        for q in bank.questions
    ]
    assert got == [
        ("What is an index?", Difficulty.EASY, Kind.CONCEPT, 180),
        ("How does MVCC work?", Difficulty.HARD, Kind.CONCEPT, 180),
        ("Design a rate limiter for a public API", Difficulty.HARD, Kind.SYSTEM_DESIGN, 35 * 60),
        ("Write a function that merges two sorted lists", None, Kind.CODING, 20 * 60),
        ("Tell me about a time you disagreed with a reviewer", None, Kind.BEHAVIORAL, 120),
        ("Which isolation level prevents phantom reads?", None, Kind.CONCEPT, 60),
        ("Reverse the words of a sentence", None, Kind.CODING, 20 * 60),
    ]
    assert bank.questions[5].question.endswith("- D: read uncommitted")  # options kept


def test_navigation_is_said_in_one_summary_line() -> None:
    result = parse_checked(
        """
        # Networking

        [![build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example)

        ## Contents

        - [Basics](#basics)
        - [Routing](#routing)

        ## Basics

        ### What is a subnet?

        A range of addresses sharing a prefix.

        [⬆ back to top](#contents)

        ### What is ARP?

        It maps addresses to hardware addresses.

        [⬆ back to top](#contents)

        [Next part](part-2.md)
        """
    )
    assert len(result.questions) == 2
    said = summary(result)
    assert "a table of contents (lines 5, 7–8)" in said
    assert "'back to top' links (lines 16, 22)" in said
    assert "badges (line 3)" in said
    assert "links to other documents (line 24)" in said


def test_a_bulleted_list_of_questions_under_topics() -> None:
    result = parse_checked(
        """
        # Shell interview

        ## Warm-up

        - 1 . What does `ls -l` show?
        - 2 . What is a shell?

        ## Hands on

        - Unpack an archive without reading the manual.
        - How would you find files changed today?
        - What do the following commands do?
         - `tee`
         - `tac`

        ## Thanks

        - [A list we borrowed from](https://example.org/list)
        """
    )
    assert result.layout == "list"
    assert questions(result) == [
        ("Warm-up", "What does `ls -l` show?", False),
        ("Warm-up", "What is a shell?", False),
        ("Hands on", "Unpack an archive without reading the manual.", False),
        ("Hands on", "How would you find files changed today?", False),
        ("Hands on", "What do the following commands do?\n\n- `tee`\n- `tac`", False),
    ]


def test_a_table_of_questions_with_tags_and_answers() -> None:
    result = parse_checked(
        """
        ## Fixtures

        | # | Question | Answer | Level |
        |---|----------|--------|-------|
        | 1 | What is a fixture? | Setup code a test asks for by name. | `[BASIC]` |
        | 2 | How do you share a fixture between files? | Put it in `conftest.py`. | `[MORE]` |
        | 3 | What does `scope="session"` change? | | `[MORE]` |
        """
    )
    assert result.layout == "table"
    assert questions(result) == [
        ("Fixtures", "What is a fixture?", True),
        ("Fixtures", "How do you share a fixture between files?", True),
        ("Fixtures", 'What does `scope="session"` change?', False),
    ]
    assert [q.tags for q in result.questions] == [("basic",), ("more",), ("more",)]
    assert result.questions[1].answer == "Put it in `conftest.py`."


def test_a_title_then_the_question_text_with_no_answers() -> None:
    result = parse_checked(
        """
        # Back-end questions

        ## Design

        #### Globals
        Why are global objects a problem? Show it with an example.

        #### Inversion of control
        Tell me how inversion of control changes the design of code.<br/>
        [Resources](design/ioc.md)

        #### Singletons
        Some call the singleton an anti-pattern. Would you agree?

        #### Layers
        How would you split an application into layers?

        #### Caching
        Where would you put a cache, and why?
        """
    )
    assert questions(result)[:2] == [
        ("Design", "Globals\n\nWhy are global objects a problem? Show it with an example.", False),
        (
            "Design",
            "Inversion of control\n\nTell me how inversion of control changes the design of code.",
            True,
        ),
    ]
    assert result.questions[1].answer == "[Resources](design/ioc.md)"  # a reference, kept
    assert all(q.answer is None for q in result.questions[2:])


def test_a_document_in_two_parts_asks_at_two_heading_levels() -> None:
    result = parse_checked(
        """
        # JS questions

        ## Question 1. What is hoisting?

        <details><summary>Answer</summary>

        Declarations move up.

        </details>

        ## Question 2. Explain closures

        <details><summary>Answer</summary>

        A function keeps its scope.

        </details>

        ## Question 3. Calculate the length of an object

        <details><summary>Answer</summary>

        `Object.keys(o).length`

        </details>

        # Output questions

        ## Arrays

        ### 1. What is printed?

        ```js
        console.log([1, 2].length);
        ```

        1. 1
        2. 2

        <details><summary>Answer</summary>

         2) 2

        </details>

        ### 2. What is printed now?

        ```js
        console.log([].length);
        ```

        <details><summary>Answer</summary>

        0

        </details>

        ### 3. What does this return?

        <details><summary>Answer</summary>

        `undefined`

        </details>
        """
    )
    assert [(q.topic, q.question.splitlines()[0]) for q in result.questions] == [
        ("JS questions", "What is hoisting?"),
        ("JS questions", "Explain closures"),
        ("JS questions", "Calculate the length of an object"),
        ("Arrays", "What is printed?"),
        ("Arrays", "What is printed now?"),
        ("Arrays", "What does this return?"),
    ]
    assert result.questions[3].question.endswith("1. 1\n2. 2")  # the options stay with it
    assert result.questions[3].answer == "2) 2"  # an answer of digits is an answer


def test_front_matter_gives_the_title_and_other_scripts_ask_with_their_own_marks() -> None:
    result = parse_checked(
        """
        ---
        title: CSS の質問
        sidebar_label: CSS
        ---

        ### セレクターの詳細度とは何ですか？

        ブラウザが規則を選ぶ順位です。

        ### `float` はどのように動きますか？

        要素を左右に寄せます。

        ### 他の回答

        - https://example.org/answers
        """
    )
    assert questions(result) == [
        ("CSS の質問", "セレクターの詳細度とは何ですか？", True),
        ("CSS の質問", "`float` はどのように動きますか？", True),
    ]
    said = summary(result)
    assert "front matter (its title kept) (lines 1–4)" in said
    assert "sections of only links (lines 14, 16)" in said


def test_placeholders_html_bold_questions_and_link_only_headings() -> None:
    result = parse_checked(
        """
        # Ops

        ## Simple

        - <b>What did you learn this week?</b>
        - <b>Which tool do you install first?</b>

        ## Systems

        <details>
        <summary><b>What is a zombie process?</b></summary><br>

        To be completed.

        </details>

        <details>
        <summary><b>What does `nice` change?</b></summary><br>

        The scheduling priority of a process.

        </details>

        ### [A long read about process states](https://example.org/states)

        Worth an evening.
        """
    )
    assert questions(result) == [
        ("Simple", "What did you learn this week?", False),
        ("Simple", "Which tool do you install first?", False),
        ("Systems", "What is a zombie process?", False),
        ("Systems", "What does `nice` change?", True),
    ]
    assert "placeholders or empty" in summary(result)
    assert any("text outside any question (line 26)" in w.message for w in result.warnings)
