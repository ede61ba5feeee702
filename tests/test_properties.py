"""Property-based tests (hypothesis) of the parsers and the renderer: inputs from anywhere.

What holds for every input, and what each entry point is documented to raise:

* ``parse_markdown`` raises nothing for any ``str`` (``ValueError`` only for an unknown
  ``question_marker``). Every question it finds has text and a topic (neither blank), its
  line and every warning's line lie within the document, ``to_bank`` gives unique ids, the
  layout is a ``question_marker`` name (or ``"none"``), detection picks the first of
  ``detect_candidates``, and ``progress`` rises from 0.0 to exactly 1.0.
* ``read_document`` raises only ``OSError`` or ``NotATextDocument`` for any bytes; text in
  UTF-8 or UTF-16 with a BOM reads as ``parse_markdown`` of the text.
* ``parse_bank`` never raises: a bank, or ``(None, [an error])``; every problem's line is
  ``None`` or a line of the file; a loaded bank's questions have text, a topic and unique
  ids. The pure-Python and the libyaml loader agree on every file both can read. A bank
  written by ``dump_bank`` reads back (this is the path every import takes to disk).
* ``render_answer`` never raises; its HTML holds no ``<script``, no event handler, no
  ``javascript:`` (or other non-allowed) URL, no ``<details`` and no fold placeholder, and
  its fold links are numbered within ``count_folds`` of the text.
"""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from interview_prep.bank.export_markdown import bank_to_markdown
from interview_prep.bank.importer import (
    QUESTION_MARKERS,
    NotATextDocument,
    detect_candidates,
    parse_markdown,
    read_document,
    to_bank,
)
from interview_prep.bank.importer.decode import repair_text
from interview_prep.bank.importer.layout import inside_folds, match_details
from interview_prep.bank.importer.scan import scan
from interview_prep.bank.model import Bank, Question, Severity
from interview_prep.bank.yaml_fields import MAX_TIME_LIMIT, clean_text
from interview_prep.bank.yaml_read import parse_bank, read_bank_file
from interview_prep.bank.yaml_write import dump_bank
from interview_prep.render import render_answer
from interview_prep.render.details import count_folds

# A sensible budget per test: a few seconds each, the whole file well under a minute.
FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SLOW = settings(FAST, max_examples=60)  # the renderer and file round trips cost more

# -- building inputs ------------------------------------------------------------------------

# Every code point, surrogates included: ``parse_markdown`` takes any ``str``.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
WORDS = st.sampled_from(
    [
        "What is a closure?", "Explain joins.", "How does GC work", "Closures", "Answer",
        "TODO", "Contents", "Q1:", "x", "é ü ß", "日本語の質問？", "🙂", "a    b    c",
        "->", "|", "**", "__", "`code`", "&amp;", "&#x3c;", "Back to top", "- item",
    ]
)  # fmt: skip
TEXT = st.one_of(WORDS, st.text(ANY_CHAR, max_size=12), st.text(max_size=30))
INDENT = st.sampled_from(["", " ", "  ", "   ", "    ", "\t", "      ", "        "])

_FIXED_LINES = [
    "", " ", "<details>", "</details>", "<details open>", "<summary>", "</summary>",
    "<summary>Answer</summary>", "<summary><b>What is X?</b></summary>", "```", "```python",
    "~~~", "````", "~~~~ markdown interview-prep-raw", "---", "===", "***", "| a | b |",
    "|---|---|", "| [x](#x) | y |", "<!--", "-->", "<!-- note -->", "<div>", "</div>",
    "<br>", "[Back to top](#top)", "![badge](https://img.shields.io/x.svg)",
    "<!-- interview-prep export: questions=heading-3 -->", "\x00", "\x0c", "\x1b[31m", "\ufeff",
    "\u2028", "\x85", "\r", "<details><summary>Why?</summary>", "Text</details>",
    "<details><summary>Q?</summary>A</details>",
]  # fmt: skip


@st.composite
def markdown_line(draw: st.DrawFn) -> str:
    indent = draw(INDENT)
    text = draw(TEXT)
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return draw(st.sampled_from(_FIXED_LINES))
    if kind == 1:
        return f"{indent[:3]}{'#' * draw(st.integers(1, 7))} {text}"
    if kind == 2:
        return f"{indent}{draw(st.sampled_from(['-', '*', '+']))} {text}"
    if kind == 3:
        return f"{indent}{draw(st.integers(0, 10001))}{draw(st.sampled_from('.)'))} {text}"
    if kind == 4:
        return f"{indent[:3]}**{text}**"
    if kind == 5:
        return f"<summary>{text}</summary>"
    if kind == 6:
        return f"| {text} | {draw(TEXT)} |"
    if kind == 7:
        return f"<{draw(st.sampled_from(['div', 'span', 'p', 'b', 'a href=x', 'img']))}>{text}"
    return f"{indent}{text}"


SEPARATORS = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n"])


@st.composite
def markdown_document(draw: st.DrawFn) -> str:
    lines = draw(st.lists(markdown_line(), max_size=40))
    out: list[str] = []
    for line in lines:
        out.append(line)
        out.append(draw(SEPARATORS))
    return "".join(out)


QUESTION_TEXT = st.one_of(
    WORDS.map(lambda w: f"What is {w}?"), st.text(ANY_CHAR, max_size=20).map(lambda t: t + "?")
)


@st.composite
def question_document(draw: st.DrawFn) -> str:
    """A document that has questions, in one of the layouts people use, with stray lines."""
    layout = draw(st.sampled_from(["heading", "numbered", "bold", "details", "list"]))
    level = draw(st.integers(1, 6))
    out: list[str] = []
    if draw(st.booleans()):
        out += [f"# {draw(TEXT)}", ""]
    for number in range(1, draw(st.integers(1, 6)) + 1):
        if draw(st.booleans()):
            out += [f"{'#' * max(1, level - 1)} {draw(TEXT)}", ""]
        question = draw(QUESTION_TEXT)
        body = draw(st.lists(markdown_line(), max_size=6))
        if layout == "heading":
            out += [f"{'#' * level} {question}", *body]
        elif layout == "numbered":
            out += [f"{number}. {question}", *body]
        elif layout == "bold":
            out += ["", f"**{question}**", *body]
        elif layout == "details":
            out += ["<details>", f"<summary>{question}</summary>", "", *body, "</details>"]
        else:
            out += [f"- {question}", *(f"  {line}" for line in body)]
        out.append("")
    separator = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return separator.join(out)


# Lines that change the scanner's state, densely: fences, comments, tags sharing a line.
STRUCTURE = st.lists(
    st.sampled_from(
        [
            "", "", "```", "~~~", "````", "### What is X?", "## Topic", "# Title", "text",
            "<details><summary>Q?</summary>A</details>", "Text</details>", "<details>",
            "</details>", "<summary>", "</summary>", "<summary>What is Y?</summary>", "<!--",
            "-->", "- [a](#a)", "| [x](#x) |", "| y |", "===", "---", "1. What is Z?",
            "**Why?**", "    indented", "- What is W?",
        ]
    ),
    max_size=30,
).map("\n".join)  # fmt: skip

DOCUMENTS = st.one_of(
    markdown_document(), question_document(), STRUCTURE, st.text(ANY_CHAR, max_size=300)
)


def line_count(text: str) -> int:
    """How many lines the importer sees in ``text`` (``\\n``, ``\\r\\n`` and ``\\r`` end one)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def _file_text(text: str) -> str:
    """``text`` as a file can hold it: no half surrogate pairs."""
    return text.encode("utf-8", "replace").decode("utf-8")


# -- the markdown importer ------------------------------------------------------------------


def check_import(text: str, marker: str | None) -> None:
    seen: list[float] = []
    result = parse_markdown(text, source="doc.md", question_marker=marker, progress=seen.append)
    lines = line_count(text)
    assert result.title.strip()
    assert result.layout in {*QUESTION_MARKERS, "none"} - {"auto"}
    if marker not in (None, "auto"):
        assert result.layout == marker
    for question in result.questions:
        assert question.question.strip(), question
        assert question.topic.strip(), question
        assert 1 <= question.line <= lines, (question, lines)
        assert question.answer is None or question.answer.strip()
    for warning in result.warnings:
        assert warning.line is None or 1 <= warning.line <= lines, (warning, lines)
        assert warning.severity is Severity.WARNING
    # Progress climbs from 0.0 to exactly 1.0.
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert all(a < b for a, b in itertools.pairwise(seen))

    bank, problems = to_bank(result)
    assert len(bank.questions) == len(result.questions)
    ids = [q.id for q in bank.questions]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}", qid) for qid in ids)
    for problem in problems:
        assert problem.line is not None and 1 <= problem.line <= lines


@FAST
@given(DOCUMENTS)
@example("### What is X?\r\n\r\n<details>\r\n<summary>Answer</summary>\r\nA\r\n</details>\r\n")
@example("# \ud800?")  # half a surrogate pair
def test_importer_takes_any_text(text: str) -> None:
    check_import(text, None)
    result = parse_markdown(text, source="doc.md")
    candidates = detect_candidates(text)
    if result.layout != "none":
        # Detection picks the first candidate the import dialog would offer.
        assert candidates and candidates[0][0] == result.layout


@FAST
@given(markdown_document() | question_document(), st.sampled_from(QUESTION_MARKERS))
def test_importer_takes_any_text_with_any_marker(text: str, marker: str) -> None:
    check_import(text, marker)


@FAST
@given(STRUCTURE | DOCUMENTS)
@example("<DETAILS>0\n```\n\n# 0")  # an unclosed fence after a line split around a tag
def test_every_line_is_scanned_once_in_order(text: str) -> None:
    """The scanner classifies every source line, in order (tags split out of a line share
    its number); nothing is dropped or read twice, e.g. when an unclosed fence is ended."""
    repaired = repair_text(text)
    numbers = [line.no for line in scan(repaired).lines]
    assert sorted(set(numbers)) == list(range(1, line_count(text) + 1))
    assert numbers == sorted(numbers)


def test_an_unknown_marker_is_the_only_error() -> None:
    with pytest.raises(ValueError, match="unknown question marker"):
        parse_markdown("### What?", source="doc.md", question_marker="heading-7")


@FAST
@given(question_document())
def test_importing_is_deterministic(text: str) -> None:
    first = parse_markdown(text, source="doc.md")
    second = parse_markdown(text, source="doc.md")
    assert first.questions == second.questions and first.warnings == second.warnings


@FAST
@given(st.binary(max_size=400) | markdown_document().map(lambda t: t.encode("utf-8", "replace")))
def test_read_document_raises_only_documented_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(data)
    try:
        result = read_document(path)
    except NotATextDocument:
        return
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for question in result.questions:
        assert question.question.strip() and question.topic.strip()
        assert question.line >= 1
    for warning in result.warnings:
        # Every line ends in a 0x0A byte in each encoding read, so this bounds the lines.
        assert warning.line is None or 1 <= warning.line <= lines


def test_read_document_of_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_document(tmp_path / "missing.md")


@FAST
@given(question_document() | markdown_document(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_text_reads_the_same_from_a_file(tmp_path: Path, text: str, encoding: str) -> None:
    assume("\x00" not in text and not text.startswith("\ufeff"))
    text = _file_text(text)
    path = tmp_path / "doc.md"
    path.write_bytes(text.encode(encoding))
    from_file = read_document(path)
    direct = parse_markdown(text, source=str(path))
    assert from_file.questions == direct.questions
    assert from_file.warnings == direct.warnings


@SLOW
@given(question_document())
def test_an_import_written_to_disk_reads_back(text: str) -> None:
    """What ``interview-prep import`` does: document -> bank -> YAML -> the loader."""
    bank, _ = to_bank(parse_markdown(text, source="doc.md"))
    assume(bank.questions)
    loaded, problems = parse_bank(dump_bank(bank), Path(f"{bank.id}.yaml"))
    assert loaded is not None, problems
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    assert [q.id for q in loaded.questions] == [q.id for q in bank.questions]
    for before, after in zip(bank.questions, loaded.questions, strict=True):
        assert after.question == clean_text(before.question)
        assert after.topic == clean_text(before.topic)
        assert (after.answer or "") == clean_text(before.answer or "")


# Text as a bank holds it (cleaned as the YAML reader cleans it).
EXPORT_TEXT = st.lists(st.one_of(markdown_line(), STRUCTURE, TEXT), max_size=6).map(
    lambda parts: clean_text(_file_text("\n".join(parts)))
)
TOPICS = st.one_of(WORDS, st.sampled_from(["Contents", "**Bold**:", "T #", "What is Kafka?"]))


@SLOW
@given(
    st.lists(st.tuples(TOPICS, EXPORT_TEXT, EXPORT_TEXT | st.none()), min_size=1, max_size=6),
    EXPORT_TEXT | st.none(),
    WORDS | st.text(ANY_CHAR, min_size=1, max_size=10),
)
def test_an_export_imports_back_exactly(
    items: list[tuple[str, str, str | None]], description: str | None, title: str
) -> None:
    """``bank_to_markdown`` then ``parse_markdown``: the verbatim reader gives the bank back."""
    title = " ".join(clean_text(_file_text(title)).split("\n")).strip()  # a title is one line
    assume(title)
    expected = []
    for topic, question, answer in items:
        topic = clean_text(topic)
        assume(topic and question)
        expected.append((topic, question, answer or None))
    order = list(dict.fromkeys(topic for topic, _, _ in expected))
    expected.sort(key=lambda item: order.index(item[0]))  # the export groups by topic
    questions = tuple(
        Question(id=f"q{i}", topic=t, question=q, answer=a) for i, (t, q, a) in enumerate(expected)
    )
    bank = Bank(id="notes", title=title, questions=questions, description=description or None)
    result = parse_markdown(bank_to_markdown(bank), source="notes.md")
    assert result.warnings == []
    assert [(q.topic, q.question, q.answer) for q in result.questions] == expected
    assert (result.title, result.description) == (title, description or None)


# -- the YAML loader ------------------------------------------------------------------------

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])
BANK_PATH = Path("banks/bank.yaml")


def yaml_lines(text: str) -> int:
    """Lines as YAML counts them (it also ends lines at NEL, LS and PS)."""
    return len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))


def check_bank(text: str) -> None:
    results = []
    for loader in LOADERS:
        with mock.patch("interview_prep.bank.yaml_read._SafeLoader", loader):
            bank, problems = parse_bank(text, BANK_PATH)
        lines = yaml_lines(text)
        for problem in problems:
            assert problem.line is None or 1 <= problem.line <= lines, (problem, lines)
        if bank is None:
            assert len(problems) == 1 and problems[0].severity is Severity.ERROR
        else:
            assert bank.title.strip()
            ids = [q.id for q in bank.questions]
            assert len(set(ids)) == len(ids)
            for question in bank.questions:
                assert question.question.strip() and question.topic.strip()
                assert question.line is not None and 1 <= question.line <= lines
        results.append((bank, [p.line for p in problems]))
    if len(results) == 2:
        # libyaml and PyYAML differ on a few syntax corners (``title\t: x``); what both
        # read, they read the same, with problems on the same lines.
        (bank_a, lines_a), (bank_b, lines_b) = results
        if bank_a is not None and bank_b is not None:
            assert bank_a == bank_b
            assert lines_a == lines_b


@FAST
@given(st.text(ANY_CHAR, max_size=300))
@example("title: x\nquestions: [")  # libyaml's end of stream is past the last line
@example("title: x\r# \x07\rquestions: []")  # a CR ends a line
@example('title: x\nquestions:\n  - {topic: T, question: "\\uD800"}')  # half a pair
@example("\ufeff")
def test_loader_takes_any_text(text: str) -> None:
    check_bank(text)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["yes", "2024-01-02", "2024-13-45", "~", "null", "0x1F", "1e3", ".inf"]),
    WORDS,
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
FIELD_NAMES = st.sampled_from(
    ["id", "topic", "question", "answer", "tags", "difficulty", "kind", "time_limit", "qestion"]
)
FIELD_VALUES = st.one_of(
    VALUES,
    st.sampled_from(["easy", "Hard", "system_design", "coding", 0, -5, 180, True, ["a", "a", " "]]),
)
ENTRY = st.one_of(st.dictionaries(FIELD_NAMES, FIELD_VALUES, max_size=6), VALUES)


@st.composite
def bank_document(draw: st.DrawFn) -> str:
    document: dict[object, object] = {}
    if draw(st.booleans()):
        document["title"] = draw(st.one_of(WORDS, VALUES))
    if draw(st.booleans()):
        document["defaults"] = draw(
            st.one_of(st.dictionaries(FIELD_NAMES, FIELD_VALUES, max_size=3), VALUES)
        )
    if draw(st.integers(0, 5)):
        document["questions"] = draw(st.lists(ENTRY, max_size=6))
    for key, value in draw(st.dictionaries(st.text(max_size=6), VALUES, max_size=2)).items():
        document.setdefault(key, value)
    text = yaml.safe_dump(
        document,
        sort_keys=False,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None, True])),
    )
    if draw(st.booleans()):  # anchors, aliases, tags, duplicate keys, breakage
        edits = draw(
            st.lists(
                st.sampled_from(
                    [
                        "\n- &a {question: Q?, topic: T}\n- *a\n",
                        "\ntitle: again\n",
                        "\n<<: {title: merged}\n",
                        "\nx: !!python/object/apply:os.system [echo]\n",
                        "\nx: !custom 1\n",
                        "\t",
                        "\n  - ",
                        ": :",
                        "\x07",
                        "\r",
                        "\u2028",
                        "'",
                        '"',
                        "[",
                        "{",
                        "---\n",
                        "...\n",
                        "%YAML 1.1\n",
                        "\nz: " + "[" * 250 + "]" * 250 + "\n",  # deeper than MAX_NESTING
                    ]
                ),
                max_size=3,
            )
        )
        for edit in edits:
            position = draw(st.integers(0, len(text)))
            text = text[:position] + edit + text[position:]
    return text


@FAST
@given(bank_document())
def test_loader_takes_any_yaml_document(text: str) -> None:
    check_bank(text)


@FAST
@given(st.sampled_from(["\n", "\r\n", "\r"]), st.integers(0, 6), st.sampled_from(["\x07", "\x00"]))
def test_a_bad_character_is_reported_on_its_line(ending: str, line: int, bad: str) -> None:
    lines = ["title: T", "questions:", "  - topic: A", "    question: Q?", "    answer: x"]
    lines.insert(min(line, len(lines)), f"# note {bad}")
    text = ending.join(lines)
    for loader in LOADERS:
        with mock.patch("interview_prep.bank.yaml_read._SafeLoader", loader):
            bank, [problem] = parse_bank(text, BANK_PATH)
        assert bank is None
        assert problem.line == min(line, len(lines) - 1) + 1, (problem, text)


QUESTIONS = st.builds(
    Question,
    id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ._:-]{0,19}", fullmatch=True).map(str.strip),
    topic=st.text(min_size=1, max_size=20).filter(lambda t: clean_text(t) != ""),
    question=st.text(min_size=1, max_size=60).filter(lambda t: clean_text(t) != ""),
    answer=st.none() | st.text(max_size=80),
    tags=st.lists(st.text(max_size=8), max_size=3).map(tuple),
    time_limit=st.none() | st.integers(1, MAX_TIME_LIMIT),
)


@FAST
@given(
    st.text(min_size=1, max_size=20).filter(lambda t: clean_text(t) != ""),
    st.lists(QUESTIONS, max_size=5),
)
def test_a_written_bank_reads_back(title: str, questions: list[Question]) -> None:
    ids = [clean_text(q.id) for q in questions]
    assume(len(set(ids)) == len(ids))
    bank = Bank(id="bank", title=title, questions=tuple(questions))
    text = dump_bank(bank)
    loaded, problems = parse_bank(text, BANK_PATH)
    assert loaded is not None, (problems, text)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    assert loaded.title == clean_text(title)
    assert [q.id for q in loaded.questions] == ids
    for before, after in zip(questions, loaded.questions, strict=True):
        assert after.question == clean_text(before.question)
        assert after.topic == clean_text(before.topic)
        assert after.answer == (clean_text(before.answer or "") or None)
        tags = [clean_text(t) for t in before.tags if clean_text(t)]
        assert list(after.tags) == list(dict.fromkeys(tags))
        assert after.time_limit == before.time_limit


# -- the renderer ---------------------------------------------------------------------------

HOSTILE_HTML = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">', "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>', '<a href="JaVaScRiPt:alert(1)">c</a>',
    '<a href="java\tscript:alert(1)">c</a>', "[click](javascript:alert(1))",
    "[x](  javascript:alert(1) )", "[x](&#106;avascript:alert(1))", "<javascript:alert(1)>",
    '<a href="&#x6A;avascript:alert(1)">x</a>', "<svg onload=alert(1)>",
    "<details open ontoggle=alert(1)><summary>x</summary>y</details>",
    '<summary onclick="alert(1)">s</summary>', "<iframe src=x></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<scr<script>ipt>alert(1)</script>", "<<script>script>alert(1)<</script>/script>",
    "<!-- <script>alert(1)</script> -->", "<![CDATA[<script>alert(1)</script>]]>",
    '<img src="data:image/png;base64,AAAA">', "![x](javascript:alert(1))",
    '<a href="vbscript:x">x</a>', "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    "IPDETAIL", "details:3", '<a href="file:///etc/passwd">x</a>', "![x](file:///etc/x.png)",
]  # fmt: skip
RENDER_LINES = [
    "<details>", "</details>", "<details open>", "<summary>S</summary>", "<summary>",
    "</summary>", "```", "```python", "~~~", "    code", "- a", "  - b", "   - c", "1. one",
    "> quote", "| a | b |", "|---|---|", "<div>", "</div>", '<div markdown="1">', "***", "",
    "# H", "<details><summary>Inner **bold**</summary>", "text</details>", "`<details>`",
]  # fmt: skip


@st.composite
def render_document(draw: st.DrawFn) -> str:
    pieces = st.one_of(
        st.sampled_from(HOSTILE_HTML),
        st.sampled_from(RENDER_LINES),
        markdown_line(),
        st.text(ANY_CHAR, max_size=10),
    )
    parts = draw(st.lists(pieces, max_size=25))
    separators = st.sampled_from(["\n", "\n\n", " ", "", "\r\n"])
    return "".join(part + draw(separators) for part in parts)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


# Links: the web, mail, fold toggles, anchors and relative paths. Images: only files
# inside the bank's folder, and there is none here.
_ALLOWED_URL = {
    "href": re.compile(r"^(?:https?:|mailto:|details:\d+$|#)|^[^:]*$", re.IGNORECASE),
    "src": re.compile(r"^$"),
}


def check_markup(markup: str, text: str, first_fold: int) -> None:
    lowered = markup.lower()
    assert "<script" not in lowered
    assert "<details" not in lowered and "<summary" not in lowered
    if "IPDETAILS" not in text:
        assert "IPDETAILS" not in markup
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    folds = count_folds(text)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "iframe", "object", "embed", "svg", "math", "style"}
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, markup)
            value = html.unescape(value or "")
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            assert "javascript:" not in squeezed and "vbscript:" not in squeezed, markup
            if name in _ALLOWED_URL:
                assert _ALLOWED_URL[name].match(squeezed), (tag, name, value)
                link = re.fullmatch(r"details:(\d+)", value)
                if link:
                    assert first_fold <= int(link.group(1)) < first_fold + folds


@SLOW
@given(
    render_document() | st.text(ANY_CHAR, max_size=200),
    st.booleans(),
    st.integers(0, 5),
    st.booleans(),
)
@example("IPDETAILS0X\n\n<details><summary>S</summary>body</details>", False, 0, True)
@example("\ud800", False, 0, False)  # half a surrogate pair
def test_renderer_output_is_always_safe(text: str, dark: bool, first: int, open_all: bool) -> None:
    expanded = range(first, first + 50) if open_all else ()
    markup = render_answer(text, dark=dark, expanded=expanded, first_fold=first)
    check_markup(markup, text, first)


@FAST
@given(STRUCTURE | markdown_document())
def test_inside_folds_marks_the_lines_between_matched_tags(text: str) -> None:
    lines = scan(repair_text(text)).lines
    pairs, _ = match_details(lines)
    naive = [
        any(start < index < end for start, end in pairs.items()) for index in range(len(lines))
    ]
    assert inside_folds(lines, pairs) == naive


# -- regressions the properties found, as plain tests ---------------------------------------


def test_an_unclosed_fence_after_a_line_split_around_tags_loses_no_lines() -> None:
    # Scanning resumed after the unclosed fence by cutting its line list at the source line
    # number; tags split out of line 1 had shifted the list, so lines 3-5 were dropped.
    text = (
        "<details><summary>What is A?</summary>Answer A</details>\n\n"
        "```python\nx = 1\n\n## What is B?\n\nAnswer B\n"
    )
    result = parse_markdown(text, source="doc.md")
    assert [(q.question, q.answer, q.line) for q in result.questions] == [
        ("What is A?", "Answer A\n\n```python\nx = 1", 1),
        ("What is B?", "Answer B", 6),
    ]
    assert [line.no for line in scan(text).lines] == [1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_half_a_surrogate_pair_is_replaced_not_fatal() -> None:
    # ``to_bank`` (ids are hashed as UTF-8) and nh3 raised UnicodeEncodeError.
    result = parse_markdown("# \ud800?", source="doc.md")
    bank, _ = to_bank(result)
    assert [q.question for q in bank.questions] == ["\ufffd?"]
    assert "\ufffd" in render_answer("**\udc00**")


def test_yaml_problems_are_on_lines_of_the_file() -> None:
    path = Path("bank.yaml")
    # libyaml puts the end of a stream without a final line break on the line after it.
    for loader in LOADERS:
        with mock.patch("interview_prep.bank.yaml_read._SafeLoader", loader):
            _, [problem] = parse_bank("title: x\nquestions: [", path)
            assert problem.line == 2
            # A lone CR ends a line for YAML, so it does for the reported line too.
            _, [problem] = parse_bank("title: x\r# \x07\rquestions: []", path)
            assert (problem.line, problem.message) == (
                2,
                "character U+0007 is not allowed in YAML",
            )
            # "\uD800" is no character: libyaml refuses it, PyYAML let it into the bank.
            _, [problem] = parse_bank(
                'title: x\nquestions:\n  - {topic: T, question: "\\uD800"}', path
            )
            assert problem.line == 3 and problem.message.startswith("invalid YAML: ")


def test_a_non_utf8_bank_file_names_the_right_byte_and_line(tmp_path: Path) -> None:
    # With a BOM, the decoder's offsets are past the BOM: the byte and line were off.
    path = tmp_path / "bank.yaml"
    for data in (b"\xef\xbb\xbftitle: T\nq\n\n\xff", b"title: T\rq\r\r\xff"):
        path.write_bytes(data)
        _, [problem] = read_bank_file(path)
        assert (problem.line, problem.message) == (
            4,
            "not UTF-8 text (byte 0xff); save the file with UTF-8 encoding",
        )
