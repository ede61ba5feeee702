"""Command-line interface: ``interview-prep`` opens the app; subcommands work headless.

    interview-prep [--data-dir DIR]                      open the main window
    interview-prep import FILE... [--dry-run] [--json]   markdown documents -> user bank files
    interview-prep bank list [--json]                    banks, topics, counts, unanswered
    interview-prep stats [--json]                        per-topic figures, weakest first
    interview-prep export --attempts FILE.csv|FILE.json  every attempt with its question
    interview-prep search QUERY... [--json] [--limit N]  questions matching words, best first

Heavy modules (Qt, SQLAlchemy, ftfy) are imported inside the command that needs them, so
``--help`` and the headless commands start quickly and never load Qt.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, system_libraries
from .paths import DATA_DIR_ENV, DataPaths, file_error_reason, resolve_data_dir

if TYPE_CHECKING:
    from .bank.model import Catalog, Problem


def _data_dir_option(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=f"where the database and your banks live (default: ${DATA_DIR_ENV}, "
        "else the platform's user data folder)",
    )


MAX_RESULTS = 10_000


def _result_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_RESULTS:
        raise argparse.ArgumentTypeError(f"give a number from 1 to {MAX_RESULTS}, not {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interview-prep",
        description="Rehearse technical interviews offline. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (in a temporary data folder) and exit",
    )
    parser.add_argument(
        "--debug", action="store_true", help="show the full traceback when something fails"
    )
    _data_dir_option(parser, default=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    importer = commands.add_parser(
        "import",
        help="turn markdown Q&A documents into bank files",
        description="Import markdown Q&A documents into your bank folder. Re-importing a "
        "document updates its questions in place; their ids, and your history, stay.",
    )
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importer.add_argument("--dry-run", action="store_true", help="show what would change")
    importer.add_argument(
        "--json",
        action="store_true",
        help="print the extracted questions and the warnings as JSON",
    )
    importer.add_argument(
        "--title", help="the bank's title (default: the document's own title or file name)"
    )
    importer.add_argument(
        "--marker",
        default="auto",
        help="how the document marks its questions: auto (the importer's guess, the "
        "default), heading-1 … heading-6, numbered, bold, details, labelled, list or table",
    )
    _data_dir_option(importer, default=argparse.SUPPRESS)

    bank = commands.add_parser("bank", help="look at the question banks")
    bank_commands = bank.add_subparsers(dest="bank_command", metavar="COMMAND", required=True)
    listing = bank_commands.add_parser("list", help="banks with topics and question counts")
    listing.add_argument("--json", action="store_true", help="print JSON")
    _data_dir_option(listing, default=argparse.SUPPRESS)

    stats = commands.add_parser("stats", help="per-topic figures, weakest first")
    stats.add_argument("--json", action="store_true", help="print JSON")
    _data_dir_option(stats, default=argparse.SUPPRESS)

    export = commands.add_parser("export", help="export your history")
    export.add_argument(
        "--attempts",
        type=Path,
        required=True,
        metavar="FILE",
        help="write every attempt to FILE.csv or FILE.json (by the extension)",
    )
    _data_dir_option(export, default=argparse.SUPPRESS)

    search = commands.add_parser(
        "search",
        help="find questions by words in them, best match first",
        description="Search the questions, answers, topics and tags of every bank. All words "
        'must match; the last may be the start of a word; "quoted words" match as a phrase.',
    )
    search.add_argument("query", nargs="+", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument(
        "--limit",
        type=_result_count,
        default=20,
        metavar="N",
        help=f"show at most N results (1 to {MAX_RESULTS}; default 20)",
    )
    _data_dir_option(search, default=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; every failure ends as one sentence on stderr and exit status 1.

    ``--debug`` shows the traceback instead. Usage errors exit with 2 (argparse).
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in arguments  # accepted before or after the command
    # What the store logs, the commands print as notices themselves: without a handler,
    # Python would print each warning a second time. --debug shows the whole log.
    package_log = logging.getLogger("interview_prep")
    if debug:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    elif not package_log.handlers:
        package_log.addHandler(logging.NullHandler())
    try:
        return _dispatch([a for a in arguments if a != "--debug"])
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if debug:
            raise
        from .error_text import describe_error, is_expected

        print(f"interview-prep: {describe_error(error)}", file=sys.stderr)
        if not is_expected(error):
            print("(run it again with --debug to see where it happened)", file=sys.stderr)
        return 1


def _dispatch(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        if (refused := _system_libraries_refused()) is not None:
            return refused
        from .ui.self_test import run_self_test

        return run_self_test()
    data_dir = resolve_data_dir(args.data_dir)
    if args.command == "import":
        return run_import(
            args.files,
            data_dir,
            dry_run=args.dry_run,
            as_json=args.json,
            title=args.title,
            marker=args.marker,
        )
    if args.command == "bank":
        return run_bank_list(data_dir, as_json=args.json)
    if args.command == "stats":
        from .reports import run_stats

        return run_stats(data_dir, as_json=args.json)
    if args.command == "export":
        from .reports import run_export

        return run_export(data_dir, args.attempts)
    if args.command == "search":
        return run_search(" ".join(args.query), data_dir, as_json=args.json, limit=args.limit)
    if (refused := _system_libraries_refused()) is not None:
        return refused
    from .app import leave, run_app

    leave(run_app(data_dir))  # the window closed and the database too: no slow teardown


def gui_main() -> int:
    """Entry point of the ``interview-prep-gui`` launcher (no console): open the app."""
    if (refused := _system_libraries_refused()) is not None:
        return refused
    from .app import main as app_main

    return app_main()


def _system_libraries_refused() -> int | None:
    """Exit status, after one plain message, when Qt could not open a window here; else None.

    Checked before any Qt module is imported: Qt itself would abort with a paragraph about
    platform plugins (see ``system_libraries``).
    """
    problem = system_libraries.startup_problem(os.environ)
    if problem is None:
        return None
    print(problem, file=sys.stderr)
    return system_libraries.EXIT_MISSING_LIBRARY


def _report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run_import(
    files: Sequence[Path],
    data_dir: Path,
    *,
    dry_run: bool = False,
    as_json: bool = False,
    title: str | None = None,
    marker: str = "auto",
) -> int:
    """Import each file into ``<data_dir>/banks/<bank id>.yaml``; 1 if any file failed."""
    from .bank.importer import NotATextDocument, read_document, to_bank
    from .bank.importer.layout import parse_marker
    from .bank.importing import ImportTargetError, store_import
    from .wording import plural

    try:
        parse_marker(marker)
    except ValueError as exc:
        print(f"interview-prep import: {exc}", file=sys.stderr)
        return 2

    banks_dir = DataPaths(data_dir).banks
    extracted: list[dict[str, object]] = []
    warned: list[dict[str, object]] = []
    failed = False
    for path in files:
        try:
            result = read_document(path, title=title, question_marker=marker)
        except (OSError, NotATextDocument) as exc:
            print(f"{path}: cannot import: {file_error_reason(exc)}", file=sys.stderr)
            failed = True
            continue
        bank, problems = to_bank(result)
        _report([*result.warnings, *problems])
        warned.extend(
            {
                "source": str(path),
                "line": w.line,
                "message": w.message,
                "severity": w.severity.value,
            }
            for w in [*result.warnings, *problems]
        )
        extracted.extend(
            {
                "id": q.id,
                "topic": q.topic,
                "question": q.question,
                "answer": q.answer,
                "difficulty": q.difficulty.value if q.difficulty else None,
                "kind": q.kind.value,
                "time_limit": q.time_limit,
                "bank": bank.id,
                "source": str(path),
                "line": q.line,
            }
            for q in bank.questions
        )
        if not bank.questions:
            failed = True
            continue
        try:
            target, report = store_import(bank, banks_dir, dry_run=dry_run, images=result.images)
        except ImportTargetError as exc:
            _report(exc.problems)
            print(f"{exc}, {path} not imported", file=sys.stderr)
            failed = True
            continue
        if not as_json:
            answered = sum(1 for q in bank.questions if q.has_answer)
            verb = "Would import" if dry_run else "Imported"
            print(
                f"{verb} {path} -> {target}: {len(bank.questions)} questions "
                f"({answered} answered) in {plural(len(bank.topics()), 'topic')}; {report}"
            )
    if as_json:  # what was extracted, and what was said about it (also on stderr)
        json.dump(
            {"questions": extracted, "warnings": warned}, sys.stdout, ensure_ascii=False, indent=2
        )
        print()
    return 1 if failed else 0


def catalog_summary(catalog: Catalog) -> list[dict[str, object]]:
    """Per bank: id, title, file, questions, unanswered and per-topic counts."""
    summary: list[dict[str, object]] = []
    for bank in catalog.banks:
        topics = []
        for topic, count in bank.topics():
            unanswered = sum(1 for q in bank.questions if q.topic == topic and not q.has_answer)
            topics.append({"topic": topic, "questions": count, "unanswered": unanswered})
        summary.append(
            {
                "id": bank.id,
                "title": bank.title,
                "path": str(bank.path) if bank.path else None,
                "bundled": bank.bundled,
                "questions": len(bank.questions),
                "unanswered": bank.unanswered,
                "topics": topics,
            }
        )
    return summary


def run_bank_list(data_dir: Path, *, as_json: bool = False) -> int:
    from .bank.loader import load_default_catalog

    catalog = load_default_catalog(data_dir)
    _report(catalog.problems)
    summary = catalog_summary(catalog)
    if as_json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not summary:
        print("No banks found.")
    for entry in summary:
        origin = "bundled" if entry["bundled"] else "yours"
        print(
            f"{entry['title']} [{entry['id']}, {origin}] {entry['questions']} questions, "
            f"{entry['unanswered']} without an answer\n  {entry['path']}"
        )
        topics = entry["topics"]
        assert isinstance(topics, list)
        width = max((len(str(t["topic"])) for t in topics), default=0)
        for topic in topics:
            missing = f"  ({topic['unanswered']} without an answer)" if topic["unanswered"] else ""
            print(f"    {topic['topic']:<{width}}  {topic['questions']:>4}{missing}")
    return 0


def run_search(query: str, data_dir: Path, *, as_json: bool = False, limit: int = 20) -> int:
    """Print the questions matching ``query``, best first; 0 even when nothing matches."""
    from .bank.loader import load_default_catalog
    from .bank.search import SearchIndex, marked_text

    catalog = load_default_catalog(data_dir)
    _report(catalog.problems)
    questions = catalog.by_id()
    hits = SearchIndex.build(questions.values()).search(query, limit=max(limit, 0))
    if as_json:
        results = [
            {
                "id": hit.question_id,
                "topic": questions[hit.question_id].topic,
                "bank": questions[hit.question_id].bank_id,
                "question": questions[hit.question_id].question,
                "score": round(hit.score, 4),
                "question_html": hit.question_html,
                "snippet_html": hit.snippet_html,
            }
            for hit in hits
        ]
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not hits:
        print(f"No questions match {query!r}.", file=sys.stderr)
    for hit in hits:
        question = questions[hit.question_id]
        print(f"{marked_text(hit.question_html)}\n  {question.topic} [{question.bank_id}]")
        if hit.snippet_html:
            print("  " + " ".join(marked_text(hit.snippet_html).split()))
        print()
    return 0
