"""Each layout people keep interview questions in, on small documents written for the test."""

from __future__ import annotations

from interview_prep.bank.importer import ImportResult, merge_banks, to_bank
from nothing_lost import parse_checked


def parse(text: str, source: str = "notes.md") -> ImportResult:
    """Import ``text``, checking on the way that no line of it is lost silently."""
    return parse_checked(text, source)


def pairs(result: ImportResult) -> list[tuple[str, str, str | None]]:
    return [(q.topic, q.question, q.answer) for q in result.questions]


def test_numbered_headings_at_any_level() -> None:
    result = parse(
        """
        # JavaScript Interview Questions

        ## 1. What is a closure?

        A function together with the variables it captured.

        ## 2. Explain hoisting

        Declarations move to the top of their scope.

        ```js
        console.log(x); // undefined
        var x = 1;
        ```
        """
    )
    assert result.title == "JavaScript Interview Questions"
    assert pairs(result) == [
        ("JavaScript Interview Questions", "What is a closure?",
         "A function together with the variables it captured."),
        ("JavaScript Interview Questions", "Explain hoisting",
         "Declarations move to the top of their scope.\n\n"
         "```js\nconsole.log(x); // undefined\nvar x = 1;\n```"),
    ]  # fmt: skip


def test_h4_questions_under_h2_and_h3_topics() -> None:
    result = parse(
        """
        ## Databases
        #### What is an index?
        A lookup structure.
        #### Why normalise?
        To avoid update anomalies.
        ## Networking
        #### What is TCP?
        A reliable byte stream.
        """
    )
    assert [(q.topic, q.question) for q in result.questions] == [
        ("Databases", "What is an index?"),
        ("Databases", "Why normalise?"),
        ("Networking", "What is TCP?"),
    ]


def test_details_summary_is_the_question() -> None:
    result = parse(
        """
        # React

        ## Basics

        <details><summary>What is JSX?</summary>

        A syntax extension that compiles to `React.createElement` calls.

        </details>

        <details>
        <summary><b>What are props?</b></summary>
        Read-only inputs of a component.
        </details>
        """
    )
    assert pairs(result) == [
        ("Basics", "What is JSX?",
         "A syntax extension that compiles to `React.createElement` calls."),
        ("Basics", "What are props?", "Read-only inputs of a component."),
    ]  # fmt: skip


def test_whole_line_bold_questions() -> None:
    result = parse(
        """
        Some intro text that is not a question.

        **Q1: What is a deadlock?**

        A: Two threads each wait for a lock the other holds.

        **What is a livelock?**
        Threads keep changing state without progress.

        **Note:** bold inside an answer stays in the answer.
        """
    )
    assert pairs(result) == [
        ("notes", "What is a deadlock?", "Two threads each wait for a lock the other holds."),
        ("notes", "What is a livelock?",
         "Threads keep changing state without progress.\n\n"
         "**Note:** bold inside an answer stays in the answer."),
    ]  # fmt: skip


def test_plain_bullet_list_of_questions() -> None:
    result = parse(
        """
        # Behavioural

        ## Teamwork
        - Tell me about a conflict with a colleague.
        - How do you handle disagreement?
        - Describe a time you failed
        """
    )
    assert [(q.topic, q.question, q.answer) for q in result.questions] == [
        ("Teamwork", "Tell me about a conflict with a colleague.", None),
        ("Teamwork", "How do you handle disagreement?", None),
        ("Teamwork", "Describe a time you failed", None),
    ]


def test_numbered_list_with_bullet_answers_and_sub_lists() -> None:
    result = parse(
        """
        1. What is Kafka?
        - A distributed log.
        2. What is a partition?
        1. An ordered, immutable sequence.
        2. The unit of parallelism.
        3. What is a consumer group?
           - Consumers sharing the work of a topic.
        """
    )
    assert pairs(result) == [
        ("notes", "What is Kafka?", "- A distributed log."),
        ("notes", "What is a partition?",
         "1. An ordered, immutable sequence.\n2. The unit of parallelism."),
        ("notes", "What is a consumer group?", "- Consumers sharing the work of a topic."),
    ]  # fmt: skip


def test_navigation_is_not_content() -> None:
    result = parse(
        """
        # Python Questions

        [![Build](https://img.shields.io/badge/build-passing-green.svg)](https://ci.example)

        ## Table of Contents
        - [What is a generator?](#what-is-a-generator)
        - [What is the GIL?](#what-is-the-gil)

        | No. | Questions |
        | --- | --------- |
        | 1 | [What is a generator?](#what-is-a-generator) |
        | 2 | [What is the GIL?](#what-is-the-gil) |

        ### What is a generator?
        A function that yields values lazily.

        **[⬆ Back to Top](#table-of-contents)**

        ### What is the GIL?
        A lock that lets one thread run Python bytecode at a time.

        [Back to top](#python-questions)
        """
    )
    assert pairs(result) == [
        ("Python Questions", "What is a generator?", "A function that yields values lazily."),
        ("Python Questions", "What is the GIL?",
         "A lock that lets one thread run Python bytecode at a time."),
    ]  # fmt: skip


def test_placeholders_count_as_no_answer() -> None:
    result = parse(
        """
        ### What is CAP?
        Answer here

        ### What is PACELC?
        <details><summary>Answer</summary>

        TODO

        </details>

        ### What is consensus?
        _Your answer here_
        """
    )
    assert [q.answer for q in result.questions] == [None, None, None]


def test_short_answers_in_any_script_are_answers_not_placeholders() -> None:
    """Only letters outside a–z made every short Cyrillic, Greek, CJK, Arabic or Hindi answer
    look like an empty slot: it was imported as no answer, without a word."""
    answers = {
        "Что такое индекс?": "Структура для быстрого поиска.",
        "Τι είναι το ευρετήριο;": "Δομή για γρήγορη αναζήτηση.",
        "什么是索引？": "加速查询的数据结构。",
        "ما هو الفهرس؟": "بنية لتسريع البحث.",
        "इंडेक्स क्या है?": "तेज़ खोज के लिए संरचना।",
        "インデックスとは？": "検索を速くする仕組み。",
    }
    text = "".join(f"### {q}\n{a}\n\n" for q, a in answers.items())
    text += "### Что такое шардинг?\nTODO\n\n### 什么是分区？\n...\n"
    result = parse(text)
    assert [(q.question, q.answer) for q in result.questions] == [
        *answers.items(),
        ("Что такое шардинг?", None),
        ("什么是分区？", None),
    ]


def test_a_fold_labelled_in_another_script_is_told_from_its_question() -> None:
    result = parse(
        """
        <details><summary>Что такое индекс?</summary>

        Структура данных для быстрого поиска.

        </details>

        <details><summary>Что такое шардинг?</summary>

        Разделение данных между серверами.

        </details>
        """
    )
    assert pairs(result)[0][1:] == ("Что такое индекс?", "Структура данных для быстрого поиска.")
    assert pairs(result)[1][1:] == ("Что такое шардинг?", "Разделение данных между серверами.")


def test_code_in_questions_and_answers_stays_verbatim() -> None:
    result = parse(
        """
        ### What does the following print?
        ```python
        print([i * 2 for i in range(3)])  # a comment  with  spaces
        ```
        It prints `[0, 2, 4]`.

        ### How do you reverse a list?
            items[::-1]
        or `items.reverse()` in place.
        """
    )
    first, second = result.questions
    assert first.question == (
        "What does the following print?\n\n"
        "```python\nprint([i * 2 for i in range(3)])  # a comment  with  spaces\n```"
    )
    assert first.answer == "It prints `[0, 2, 4]`."
    assert second.answer == "    items[::-1]\nor `items.reverse()` in place."


def test_stray_and_unclosed_tags_are_reported_with_lines() -> None:
    result = parse(
        """
        ### What is DNS?
        A name system.
        </details>

        ### What is a CDN?
        <details>
        Servers near users.

        ### What is anycast?
        One address, many hosts.
        """
    )
    assert [q.answer for q in result.questions] == [
        "A name system.",
        "Servers near users.",
        "One address, many hosts.",
    ]
    messages = [(w.line, w.message) for w in result.warnings]
    assert (3, "stray </details> without an opening tag; ignored") in messages
    assert any(line == 6 and "never closed" in msg for line, msg in messages)
    assert all(str(w).startswith(f"notes.md:{w.line}: warning: ") for w in result.warnings)


def test_nested_details_inside_an_answer_stay_folded() -> None:
    result = parse(
        """
        ### What is a B-tree?
        <details><summary>Answer</summary>

        A balanced search tree.

        <details><summary>Example</summary>

        ### Not a question
        Order-3 tree.
        </details>
        </details>

        ### What is an LSM tree?
        A log-structured merge tree.
        """
    )
    assert len(result.questions) == 2
    answer = result.questions[0].answer
    assert answer is not None
    assert answer.startswith("A balanced search tree.")
    assert "<details><summary>Example</summary>" in answer
    assert "### Not a question" in answer


def test_no_questions_found_is_a_warning() -> None:
    result = parse("Just some prose.\n\nNothing to practise here.\n")
    assert result.questions == []
    assert [w.message for w in result.warnings] == ["no questions found"]


def test_reimport_updates_in_place_and_keeps_user_fields() -> None:
    original = parse("### What is REST?\nAn architectural style.\n### What is gRPC?\nRPC.\n")
    bank, _ = to_bank(original)
    from dataclasses import replace

    from interview_prep.bank.model import Kind

    first = replace(bank.questions[0], kind=Kind.SYSTEM_DESIGN, tags=("api",))
    edited = replace(bank, questions=(first, *bank.questions[1:]))
    revised = parse(
        "### What is REST?\nAn architectural style over HTTP.\n### What is GraphQL?\nA query API.\n"
    )
    new_bank, _ = to_bank(revised)
    merged, report = merge_banks(new_bank, edited)
    by_text = {q.question: q for q in merged.questions}
    assert by_text["What is REST?"].id == bank.questions[0].id
    assert by_text["What is REST?"].answer == "An architectural style over HTTP."
    assert by_text["What is REST?"].kind is Kind.SYSTEM_DESIGN
    assert by_text["What is REST?"].tags == ("api",)
    assert "What is gRPC?" in by_text  # left the document, kept for its history
    assert (report.added, report.updated, report.unchanged, report.kept) == (1, 1, 0, 1)


def test_ids_ignore_numbering_case_and_emphasis() -> None:
    one, _ = to_bank(parse("1. **What is a Pod?**\n- The smallest unit.\n", source="k8s.md"))
    two, _ = to_bank(parse("## 7. what is a pod\nThe smallest unit.\n", source="k8s.md"))
    assert one.questions[0].id == two.questions[0].id
    assert one.questions[0].id.startswith("what-is-a-pod-")


def test_repeated_question_gets_its_own_id_and_a_warning() -> None:
    bank, problems = to_bank(parse("### What is X?\na\n### What is X?\nb\n"))
    assert len({q.id for q in bank.questions}) == 2
    assert [p.line for p in problems] == [3]


def test_headings_inside_a_fold_in_an_answer_are_answer_text() -> None:
    """A fold holding ``#### Answer: D`` produced topics named "Answer: A", "Answer: B"…"""
    result = parse(
        """
        # Quiz

        ## Basics

        ### 1. What does this print?

        Think about scope first.

        <details><summary>Show</summary>

        #### Answer: B

        ### Why

        Because of hoisting.

        </details>

        ### 2. What is a closure?

        A function with the variables it captured.
        """
    )
    assert [(q.topic, q.question) for q in result.questions] == [
        ("Basics", "What does this print?"),
        ("Basics", "What is a closure?"),
    ]
    answer = result.questions[0].answer
    assert answer is not None
    assert "#### Answer: B" in answer and "Because of hoisting." in answer


def test_topic_names_are_plain_text() -> None:
    result = parse(
        """
        # Interview

        ## <a name='general-questions'>Questions **générales**:</a>

        ### What is a DAG?

        A graph.

        ## [Advanced](#advanced) *topics*

        ### What is a sensor?

        A waiting task.
        """
    )
    assert [q.topic for q in result.questions] == ["Questions générales", "Advanced topics"]


def test_what_stands_before_an_answer_fold_belongs_to_the_question() -> None:
    """Multiple-choice banks put the code and the options between the question and its
    "Answer" fold: they went into the answer, leaving "What's the output?" to answer."""
    result = parse(
        """
        ## JavaScript quiz

        ###### 1. What's the output?

        ```javascript
        console.log(typeof null);
        ```

        - A: `"null"`
        - B: `"object"`

        <details><summary><b>Answer</b></summary>
        <p>

        #### Answer: B

        A historical quirk: `typeof null` says "object".

        </p>
        </details>

        ---

        ###### 2. Which one is falsy?

        - A: `[]`
        - B: `0`

        <details><summary><b>Answer</b></summary>
        <p>

        #### Answer: B

        Empty arrays are truthy.

        </p>
        </details>
        """
    )
    first, second = result.questions
    assert first.topic == second.topic == "JavaScript quiz"
    assert first.question.startswith("What's the output?")
    assert "console.log(typeof null);" in first.question and '- B: `"object"`' in first.question
    assert first.answer is not None and "Answer: B" in first.answer
    assert "historical quirk" in first.answer and "console.log" not in first.answer
    assert "- B: `0`" in second.question and "Empty arrays are truthy." in (second.answer or "")


def test_a_wrapper_around_a_whole_answer_goes_and_empty_ones_are_no_answer() -> None:
    """``<br><b> … </b>`` answers rendered all in bold, and empty ones showed an empty
    "answer" instead of "no reference answer yet"; so did a template of empty labels."""
    result = parse(
        """
        ### What is dynamic typing?
        <br><b>Types are checked while the program runs.</b>

        ### What is duck typing?
        <br><b> </b>

        ### Why did the job fail?
        **Cause:**
        **Fix:**

        ### What is <b>bold</b> for?
        <b>Emphasis</b> and nothing more.
        """
    )
    assert [q.answer for q in result.questions] == [
        "Types are checked while the program runs.",
        None,
        None,
        "<b>Emphasis</b> and nothing more.",  # not a wrapper of the whole answer
    ]


def test_links_to_other_documents_are_navigation_not_questions() -> None:
    """``## [Main title](../README.md)`` at the questions' heading level became a question."""
    result = parse(
        """
        # SQL questions

        ## [Main title](../README.md)

        ## What is an index?

        A structure that finds rows without reading them all.

        [← Previous](part1.md) | [Next →](part3.md)

        ## What is a view?

        A stored query.
        """
    )
    assert [(q.question, q.answer) for q in result.questions] == [
        ("What is an index?", "A structure that finds rows without reading them all."),
        ("What is a view?", "A stored query."),
    ]


def test_list_item_questions_lose_the_item_s_indent_and_heading_marks() -> None:
    """``1. ### What is X?`` with the answer indented under the item kept the ``### `` and
    the indent, so every answer rendered as one code block."""
    result = parse(
        """
        # Python

        1. ### What is a list?

            A mutable sequence.

            - ordered
            - **changeable**

        2. ### What is a tuple?

            An immutable sequence.

            | a | b |
            | - | - |
            | 1 | 2 |
        """
    )
    assert [(q.question, q.answer) for q in result.questions] == [
        ("What is a list?", "A mutable sequence.\n\n- ordered\n- **changeable**"),
        ("What is a tuple?", "An immutable sequence.\n\n| a | b |\n| - | - |\n| 1 | 2 |"),
    ]
    from interview_prep.render import render_answer

    assert "<table" in render_answer(result.questions[1].answer or "")  # not a code block


def test_labelled_question_and_answer_pairs() -> None:
    """``Q: … / A: …`` notes imported 3 questions out of 12, without a warning."""
    result = parse(
        """
        # My SQL notes

        ## Indexes

        Q: What is an index?
        A: A structure that finds rows without reading the whole table.

        **Q:** When does an index not help?
        **A:** When most rows match anyway.

        ## Joins

        **Q1.** What is a left join?
        Answer: Every row of the left table, with its matches or nulls.

        Question: What is a cross join
        of two tables?
        Answer: Every pair of rows.
        """
    )
    assert result.layout == "labelled"
    assert pairs(result) == [
        ("Indexes", "What is an index?",
         "A structure that finds rows without reading the whole table."),
        ("Indexes", "When does an index not help?", "When most rows match anyway."),
        ("Joins", "What is a left join?",
         "Every row of the left table, with its matches or nulls."),
        ("Joins", "What is a cross join of two tables?", "Every pair of rows."),
    ]  # fmt: skip


def test_a_summary_spread_over_lines_is_the_question_and_no_more() -> None:
    """A ``<summary>`` over several lines, its closing tag forgotten, swallowed the whole
    answer into the question."""
    result = parse(
        """
        # Quiz

        <details>
        <summary>
        What is a closure?
        </summary>

        A function with its captured variables.

        </details>

        <details>
        <summary>
        What is hoisting?
        Declarations move to the top of their scope.
        Only the declarations, not the values.
        </details>
        """
    )
    assert [(q.question, q.answer) for q in result.questions] == [
        ("What is a closure?", "A function with its captured variables."),
        (
            "What is hoisting?",
            "Declarations move to the top of their scope.\nOnly the declarations, not the values.",
        ),
    ]


def test_follow_up_prompts_belong_to_the_question_which_stays_unanswered() -> None:
    result = parse(
        """
        # Python questions

        - What is a list comprehension?
          - Any exceptions?
          - When would you avoid one?
        - What is the GIL?
          - A lock that lets one thread run Python bytecode at a time.
        """
    )
    assert [(q.question, q.answer) for q in result.questions] == [
        ("What is a list comprehension?\n\n- Any exceptions?\n- When would you avoid one?", None),
        ("What is the GIL?", "- A lock that lets one thread run Python bytecode at a time."),
    ]


def test_text_that_belongs_to_no_question_is_reported_with_its_lines() -> None:
    """Text outside any question was dropped without a word."""
    result = parse(
        """
        # Airflow

        This collection is maintained by volunteers.
        Pull requests welcome.

        ### What is a DAG?

        A graph of tasks.
        """
    )
    assert [q.question for q in result.questions] == ["What is a DAG?"]
    assert [(w.line, w.message) for w in result.warnings] == [
        (3, "text outside any question (lines 3–4); not imported")
    ]


def test_task_lists_italic_questions_and_back_to_top_blocks() -> None:
    tasks = parse(
        """
        # Checklist

        - [x] What is a DAG?
          - A directed acyclic graph of tasks.
        - [ ] What is an executor?
          - It runs the tasks.
        """
    )
    assert [(q.question, q.answer) for q in tasks.questions] == [
        ("What is a DAG?", "- A directed acyclic graph of tasks."),
        ("What is an executor?", "- It runs the tasks."),
    ]
    italic = parse(
        """
        # Questions

        - *What is a DAG?*
        - _How do pools work?_
        """
    )
    assert [q.question for q in italic.questions] == ["What is a DAG?", "How do pools work?"]
    back_to_top = parse(
        """
        # Questions

        ## Q. What is a DAG?

        A graph of tasks.

        <div align="right">
            <b><a href="#">↥ back to top</a></b>
        </div>

        ## Q. What is an executor?

        It runs tasks.
        """
    )
    assert [(q.question, q.answer) for q in back_to_top.questions] == [
        ("What is a DAG?", "A graph of tasks."),
        ("What is an executor?", "It runs tasks."),
    ]
