"""Failure drill: kill -9 at random moments during a scripted mock interview.

Each *case* starts ``tests/drills/session_child.py`` in a subprocess (the real app window,
real event loop, real clock, offscreen Qt, its own data directory), lets it type notes key
by key, reveal, rate and move on for a random time, then sends SIGKILL. The child prints a
line after every event it can vouch for (see its docstring); the test then checks, in this
process, what a user restarting the app would get:

* the database opens (``open_database``, nothing moved aside) and passes
  ``PRAGMA integrity_check``;
* every attempt the child reported ``FINISHED`` is stored, once, with exactly its notes,
  rating, skip and reveal; at most one more (the one being written at the kill) and only
  if the child had started to move on; the derived tallies agree with the attempts;
* ``find_unfinished`` offers the session, at the question after the last stored attempt,
  and its draft notes are what the notes were after some keystroke of that question, no
  keystroke older than ``SAVE_AT_LEAST_EVERY`` (1 s) plus ``TOLERANCE`` before the kill
  missing; a reveal or rating that old is in the draft too;
* ``create_window`` on the directory shows the resume banner and ``resume_unfinished``
  restores that question with those notes.

Times are ``time.monotonic()`` in both processes (one system-wide clock). Cases are fixed
by ``BASE_SEED`` and their index: the child's script and the moment of the kill follow from
the case's seed (the timing itself is real, so a rerun lands near, not exactly on, the
same instruction). To rerun chosen cases: ``KILL_DRILL_CASES=20260105017,20260105042``.

The default run makes ``DEFAULT_KILLS`` kills, ``WORKERS`` at a time; ``-m slow`` runs
``SLOW_KILLS`` more (``test_kill_drill_many`` skips itself unless ``-m`` selects ``slow``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, text

from interview_prep.app import create_window
from interview_prep.paths import DataPaths
from interview_prep.practice.autosave import SAVE_AT_LEAST_EVERY
from interview_prep.store import open_database
from interview_prep.store.journal import Journal, journal_path
from interview_prep.store.models import Attempt, PracticeDay, QuestionTally, StudySession
from interview_prep.store.session_log import find_unfinished, session_attempts

CHILD = Path(__file__).parent / "drills" / "session_child.py"
BASE_SEED = 20260105
DEFAULT_KILLS = 32
SLOW_KILLS = 200
WORKERS = 4  # children at a time: each mostly waits between keystrokes
KILL_AFTER = (0.3, 4.0)  # seconds after the session started
AT_ADVANCE_SHARE = 0.25  # cases that kill just after the child starts to move on instead
KILL_AFTER_ADVANCE = (0.0, 0.025)  # seconds: about as long as writing the attempt takes
TOLERANCE = 0.3  # for scheduling: the 200 ms tick, the writer thread, a busy machine
STARTUP_TIMEOUT = 60.0
FAULT_KILLS = 8  # kills for each way the database refuses writes
TERM_KILLS = 6  # SIGTERMs: the app must save everything and exit
FAULT_BUSY_TIMEOUT_MS = 200  # in the child: how long a write waits for a held lock


@dataclass(frozen=True)
class Case:
    """One kill: ``kill_after`` seconds after STARTED or, if ``at_advance``, after that
    many ADVANCE lines (the kill then lands while the attempt is being written)."""

    seed: int
    kill_after: float
    at_advance: int | None = None
    fault: str = ""  # "held-lock" or "full-disk": the database refuses writes meanwhile
    term: bool = False  # SIGTERM instead of SIGKILL: the app must save everything and exit

    @classmethod
    def of(cls, seed: int, fault: str = "") -> Case:
        rng = random.Random(seed)
        if rng.random() < AT_ADVANCE_SHARE:
            when = round(rng.uniform(*KILL_AFTER_ADVANCE), 3)
            return cls(seed, when, rng.randint(1, 3), fault)
        return cls(seed, round(rng.uniform(*KILL_AFTER), 3), None, fault)

    def __str__(self) -> str:
        when = "STARTED" if self.at_advance is None else f"ADVANCE #{self.at_advance}"
        fault = f" with a {self.fault}" if self.fault else ""
        return f"case seed={self.seed}{fault} kill {self.kill_after:.3f}s after {when}"


@dataclass
class Run:
    """What one child printed before it was killed, and when the kill was sent."""

    case: Case
    data_dir: Path
    events: list[tuple[str, dict[str, Any]]]
    started_at: float  # monotonic time of STARTED, in the child
    killed_at: float  # monotonic time just before SIGKILL, in the parent
    returncode: int | None
    stderr: str
    exited_at: float = 0.0  # monotonic time the child was seen to have exited

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [fields for name, fields in self.events if name == kind]

    def describe(self) -> str:
        return (
            f"{self}: killed {self.killed_at - self.started_at:.3f}s after STARTED,"
            f" at monotonic {self.killed_at:.3f}; data dir {self.data_dir}"
        )

    def __str__(self) -> str:
        return str(self.case)


@dataclass
class Outcome:
    run: Run
    problems: list[str] = field(default_factory=list)
    position: int | None = None  # where the resume must land
    notes: str | None = None  # with these notes
    lost_seconds: float = 0.0  # age of the oldest keystroke missing from the draft
    journaled: int = 0  # writes the database had refused, found in the journal at restart


def cases(count: int, offset: int = 0, fault: str = "") -> list[Case]:
    chosen = os.environ.get("KILL_DRILL_CASES")
    if chosen:
        return [Case.of(int(seed), fault) for seed in chosen.replace(",", " ").split()]
    return [Case.of(BASE_SEED * 1000 + offset + i, fault) for i in range(count)]


# -- running a child ---------------------------------------------------------------------------
def run_child(case: Case, root: Path) -> Run:
    """Start the child, wait for its session, let it run ``kill_after`` seconds, SIGKILL it."""
    data_dir = root / f"case-{case.seed}" / "data"
    stderr_path = data_dir.parent / "stderr.txt"
    data_dir.parent.mkdir(parents=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.update(DRILL_FAULT=case.fault, DRILL_BUSY_TIMEOUT_MS=str(FAULT_BUSY_TIMEOUT_MS))
    holder: sqlite3.Connection | None = None
    lines: list[str] = []
    started, advanced = threading.Event(), threading.Event()
    with stderr_path.open("w", encoding="utf-8") as stderr:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data_dir), str(case.seed)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
            env=env,
        )

        def read() -> None:  # drain the pipe, so that the child never blocks on it
            assert child.stdout is not None
            advances = 0
            for line in child.stdout:
                lines.append(line)
                if line.startswith("STARTED "):
                    started.set()
                elif line.startswith("ADVANCE "):
                    advances += 1
                    if advances == case.at_advance:
                        advanced.set()
            started.set()  # EOF: the child died by itself
            advanced.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            started.wait(STARTUP_TIMEOUT)
            if child.poll() is None and any(line.startswith("STARTED ") for line in lines):
                if case.fault == "held-lock":  # another program holds the database
                    holder = sqlite3.connect(DataPaths(data_dir).database, isolation_level=None)
                    holder.execute("BEGIN IMMEDIATE")
                if case.at_advance is not None:
                    advanced.wait(STARTUP_TIMEOUT)
                time.sleep(case.kill_after)
        finally:
            killed_at = time.monotonic()
            if case.term:
                child.send_signal(signal.SIGTERM)  # as a logout or `kill` would: stop cleanly
            else:
                child.kill()  # SIGKILL: no chance to save anything more
            child.wait(timeout=30)
            exited_at = time.monotonic()
            reader.join(timeout=30)
            if holder is not None:
                holder.execute("ROLLBACK")
                holder.close()
    events = []
    for line in lines:
        if line.endswith("\n"):  # a line cut by the kill is not vouched for
            kind, _, payload = line.partition(" ")
            events.append((kind, json.loads(payload)))
    started_at = next((f["t"] for kind, f in events if kind == "STARTED"), killed_at)
    return Run(
        case,
        data_dir,
        events,
        started_at,
        killed_at,
        child.returncode,
        stderr_path.read_text(encoding="utf-8", errors="replace"),
        exited_at,
    )


# -- what the child did, per question ----------------------------------------------------------
@dataclass
class QuestionLog:
    """The states of one question's notes, oldest first, with when each began."""

    position: int
    states: list[tuple[float, str]]  # (monotonic time, notes); the first is "" at its start
    reveals: list[float] = field(default_factory=list)
    ratings: list[tuple[float, int | None]] = field(default_factory=list)


def replay(run: Run) -> tuple[list[QuestionLog], list[str]]:
    """Rebuild each question's notes key by key; problems if the child's lengths disagree."""
    problems: list[str] = []
    questions: dict[int, QuestionLog] = {}
    start = run.started_at
    for kind, fields in run.events:
        if kind == "STARTED":
            continue
        position = fields["p"]
        question = questions.setdefault(position, QuestionLog(position, [(start, "")]))
        if kind == "KEY":
            notes = question.states[-1][1]
            notes = notes[:-1] if fields["k"] == "\b" else notes + fields["k"]
            if len(notes) != fields["n"]:
                problems.append(f"replay: {len(notes)} characters at {fields}, child had")
            question.states.append((fields["t"], notes))
        elif kind == "REVEAL":
            question.reveals.append(fields["t"])
        elif kind == "RATE":
            question.ratings.append((fields["t"], fields["r"]))
        elif kind == "FINISHED":
            start = fields["t"]
    count = 1 + max(questions, default=0)
    return [questions.get(p, QuestionLog(p, [(start, "")])) for p in range(count)], problems


# -- the checks --------------------------------------------------------------------------------
def check_store(run: Run) -> Outcome:
    """Everything that can be checked on the database alone (any thread)."""
    outcome = Outcome(run)
    problems = outcome.problems
    if run.case.term and run.returncode != 0:
        problems.append(f"the child did not exit cleanly on SIGTERM: return code {run.returncode}")
    elif not run.case.term and run.returncode != -9:
        problems.append(f"the child was not killed by SIGKILL: return code {run.returncode}")
    if "Traceback" in run.stderr or "ASSERT" in run.stderr:
        problems.append(f"the child failed:\n{run.stderr[-3000:]}")
    started = run.of_kind("STARTED")
    if not started:
        problems.append("the child never started its session")
        return outcome
    ids: list[str] = started[0]["ids"]
    questions, replay_problems = replay(run)
    problems.extend(replay_problems)
    advanced = run.of_kind("ADVANCE")
    finished = run.of_kind("FINISHED")
    # After SIGTERM the window saves the draft as it closes: no keystroke may be lost.
    cutoff = run.killed_at if run.case.term else run.killed_at - SAVE_AT_LEAST_EVERY - TOLERANCE

    paths = DataPaths(run.data_dir)
    outcome.journaled = len(Journal(journal_path(paths.database)).read())
    db = open_database(paths.database, backups_dir=paths.backups)
    try:
        # Writes the database refused are made now, from the journal: that is no problem.
        moved = [n for n in db.notices if "could not be saved last time were saved now" not in n]
        if moved:
            problems.append(f"open_database moved something aside: {moved}")
        with db.engine.connect() as connection:
            integrity = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
        if integrity != ["ok"]:
            problems.append(f"PRAGMA integrity_check: {integrity}")
        with db.session() as session:
            sessions = list(session.scalars(select(StudySession)))
            all_attempts = session.scalar(select(func.count()).select_from(Attempt))
            day_attempts = session.scalar(select(func.coalesce(func.sum(PracticeDay.attempts), 0)))
            tallies = {t.question_id: t.attempts for t in session.scalars(select(QuestionTally))}
        if len(sessions) != 1 or sessions[0].status != "active":
            problems.append(f"expected one active session, found {[s.status for s in sessions]}")
            return outcome
        attempts = session_attempts(db, sessions[0].id)
        stored = len(attempts)

        # Attempts: every FINISHED one, once, intact; at most the one being written besides.
        if all_attempts != stored:
            problems.append(f"{all_attempts} attempts in the file, {stored} in the session")
        if not len(finished) <= stored <= len(advanced):
            problems.append(
                f"{stored} attempts stored, but the child finished {len(finished)}"
                f" and started to finish {len(advanced)}"
            )
            return outcome
        for position, attempt in enumerate(attempts):
            want = advanced[position]
            got = {
                "question_id": attempt.question_id,
                "notes": attempt.notes,
                "skip": attempt.skipped,
                "rating": attempt.rating,
                "revealed": attempt.revealed_at is not None,
            }
            expected = {
                "question_id": ids[position],
                # Notes of nothing but spaces are no notes: the app stores them as "".
                "notes": want["notes"] if want["notes"].strip() else "",
                "skip": want["skip"],
                "rating": want["rating"],
                "revealed": want["revealed"],
            }
            if got != expected:
                problems.append(f"attempt {position}: stored {got}, expected {expected}")
        counted = {qid: sum(a.question_id == qid for a in attempts) for qid in set(ids)}
        if day_attempts != stored or any(tallies.get(q, 0) != n for q, n in counted.items()):
            problems.append(
                f"derived figures disagree with {stored} attempts: days count {day_attempts},"
                f" tallies {tallies}"
            )

        # The resume: the question after the last stored attempt, with a recent draft.
        unfinished = find_unfinished(db)
        if unfinished is None:
            problems.append("find_unfinished offers nothing")
            return outcome
        draft = unfinished.draft
        if unfinished.session_id != sessions[0].id or len(unfinished.attempts) != stored:
            problems.append(f"find_unfinished found session {unfinished.session_id}")
        if draft is None or draft.position != stored or draft.question_id != ids[stored]:
            problems.append(f"draft {draft} is not for position {stored} ({ids[stored]})")
            return outcome
        question = questions[stored] if stored < len(questions) else QuestionLog(stored, [])
        if stored > len(finished):  # the attempt was committed, the child never said so
            question = QuestionLog(stored, [(run.killed_at, "")])
        outcome.position, outcome.notes = stored, draft.notes
        check_draft_notes(outcome, question, draft.notes, cutoff)
        if any(t < cutoff for t in question.reveals) and draft.revealed_at is None:
            problems.append(f"revealed at {question.reveals}, not in the draft")
        if draft.revealed_at is not None and not question.reveals:
            problems.append("the draft is revealed, the child never revealed it")
        allowed: list[int | None] = [None]
        for t, rating in question.ratings:
            allowed = [rating] if t < cutoff else [*allowed, rating]
        if draft.rating not in allowed:
            problems.append(f"draft rating {draft.rating}, expected one of {allowed}")
    finally:
        db.close()
    return outcome


def check_draft_notes(outcome: Outcome, question: QuestionLog, notes: str, cutoff: float) -> None:
    """The draft is the notes after some keystroke, none older than ``cutoff`` missing."""
    states = question.states or [(0.0, "")]
    # Notes of nothing but spaces are no notes (as for attempts above): the draft holds "".
    matching = [
        i for i, (_t, state) in enumerate(states) if (state if state.strip() else "") == notes
    ]
    if not matching:
        outcome.problems.append(
            f"draft notes {notes!r} were never typed at position {question.position};"
            f" typed: {states[-1][1]!r}"
        )
        return
    kept = matching[-1]
    if kept + 1 < len(states):
        first_lost = states[kept + 1][0]
        outcome.lost_seconds = outcome.run.killed_at - first_lost
        if first_lost < cutoff:
            outcome.problems.append(
                f"the draft lost keystrokes typed {outcome.lost_seconds:.3f}s before the kill"
                f" (allowed {SAVE_AT_LEAST_EVERY + TOLERANCE:.1f}s): draft {notes!r},"
                f" typed {states[-1][1]!r}, keystroke at {first_lost:.3f} missing"
            )


def check_resume(qtbot: QtBot, outcome: Outcome) -> None:
    """Start the app on the directory (this thread: the UI's) and resume the session."""
    window = create_window(outcome.run.data_dir)
    try:
        window.show()
        banner = window.home.resume_banner
        if not banner.isVisible():
            outcome.problems.append("the resume banner is not shown")
            return
        window.sessions.resume_unfinished()
        engine = window.engine
        if engine is None or window.pages.currentWidget() is not window.session_view:
            outcome.problems.append("resume_unfinished did not open the session")
            return
        text = window.session_view.notes_edit.toPlainText()
        if (engine.position, text) != (outcome.position, outcome.notes):
            outcome.problems.append(
                f"resumed at {engine.position} with {text!r},"
                f" expected {outcome.position} with {outcome.notes!r}"
            )
    finally:
        window.close()
        window.deleteLater()
        qtbot.wait(1)


def run_and_check(case: Case, root: Path) -> Outcome:
    return check_store(run_child(case, root))


# -- the drill ---------------------------------------------------------------------------------
def drill(qtbot: QtBot, root: Path, chosen: list[Case]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    began = time.monotonic()
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="kill-drill") as pool:
        futures = [pool.submit(run_and_check, case, root) for case in chosen]
        for future in as_completed(futures):
            outcome = future.result()
            if not outcome.problems:
                check_resume(qtbot, outcome)
            outcomes.append(outcome)
    report(outcomes, time.monotonic() - began)
    failed = [o for o in outcomes if o.problems]
    details = "\n\n".join(
        f"{o.run.describe()}:\n  " + "\n  ".join(o.problems)
        for o in sorted(failed, key=lambda o: o.run.case.seed)
    )
    assert not failed, (
        f"{len(failed)} of {len(outcomes)} kills failed (BASE_SEED {BASE_SEED}; rerun one with"
        f" KILL_DRILL_CASES=<seed>):\n\n{details}"
    )
    return outcomes


def report(outcomes: list[Outcome], seconds: float) -> None:
    """A summary on stdout (shown with -s or -rP): where the kills landed."""
    positions = sorted(o.position for o in outcomes if o.position is not None)
    in_flight = sum(
        1
        for o in outcomes
        if o.position is not None and o.position > len(o.run.of_kind("FINISHED"))
    )
    mid_write = sum(
        1 for o in outcomes if len(o.run.of_kind("ADVANCE")) > len(o.run.of_kind("FINISHED"))
    )
    aimed = sum(1 for o in outcomes if o.run.case.at_advance is not None)
    lost = max((o.lost_seconds for o in outcomes), default=0.0)
    print(
        f"\nkill drill: {len(outcomes)} kills ({aimed} aimed at a move) in {seconds:.1f}s;"
        f" resumed at positions {positions}; {mid_write} kills while moving on"
        f" ({in_flight} after the attempt was committed); most typing lost: {lost:.3f}s"
    )


def test_kill_drill(qtbot: QtBot, tmp_path: Path) -> None:
    drill(qtbot, tmp_path, cases(DEFAULT_KILLS))


@pytest.mark.parametrize("fault", ["held-lock", "full-disk"])
def test_kill_drill_while_the_database_refuses_writes(
    qtbot: QtBot, tmp_path: Path, fault: str
) -> None:
    """The same checks while another program holds the database, or the disk is full,
    from the session's start to the kill: what the child vouched for is in the journal,
    and the next start writes it."""
    outcomes = drill(qtbot, tmp_path, cases(FAULT_KILLS, offset=5000, fault=fault))
    # The fault really happened: most kills left refused writes for the next start.
    assert sum(1 for o in outcomes if o.journaled) >= FAULT_KILLS // 2, [
        (str(o.run), o.journaled) for o in outcomes
    ]


def test_sigterm_saves_every_keystroke_and_exits_within_a_second(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A logout or `kill` (SIGTERM) mid-session: the notes typed so far are all in the
    draft, the session resumes, and the app is gone within a second."""
    chosen = [dataclasses.replace(case, term=True) for case in cases(TERM_KILLS, offset=700)]
    outcomes = drill(qtbot, tmp_path, chosen)
    slowest = max(o.run.exited_at - o.run.killed_at for o in outcomes)
    assert slowest < 1.0, f"the slowest exit after SIGTERM took {slowest:.2f}s"


def _selects_slow(config: pytest.Config) -> bool:
    expression = str(config.getoption("markexpr") or "")
    return re.search(r"(?<!not )\bslow\b", expression) is not None


@pytest.mark.slow
def test_kill_drill_many(qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if not _selects_slow(request.config):
        pytest.skip("the long kill drill runs with -m slow")
    drill(qtbot, tmp_path, cases(SLOW_KILLS, offset=DEFAULT_KILLS))
