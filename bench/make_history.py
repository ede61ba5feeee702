"""Generate a realistic large data directory: 5,000 questions and 100,000 attempts.

    .venv/bin/python bench/make_history.py DATA_DIR [--questions 5000] [--attempts 100000]

Writes a bank of generated questions (50 topics, four kinds) into ``DATA_DIR/banks`` and
two years of practice into ``DATA_DIR``'s database: sessions of 3 to 12 questions spread
over the two years (several a day: 100,000 attempts is a lot of practice), ratings that
differ by topic and improve with practice, durations around each question's limit with some
overtime, 5 % skipped and 10 % unrated. Then every FSRS card and derived figure is rebuilt
from the attempt log. Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from sqlalchemy import insert

from interview_prep.bank.model import Bank, Kind, Question
from interview_prep.bank.yaml_write import write_bank_file
from interview_prep.paths import DataPaths
from interview_prep.practice.plan import time_limit_for
from interview_prep.store import open_database
from interview_prep.store.derived import rebuild_derived
from interview_prep.store.models import Attempt, StudySession
from interview_prep.store.review_log import rebuild_cards

KINDS = [Kind.CONCEPT] * 6 + [Kind.CODING, Kind.BEHAVIORAL, Kind.SYSTEM_DESIGN, Kind.OTHER]


def make_bank(count: int, rng: random.Random) -> Bank:
    topics = [f"Topic {i:02d}" for i in range(50)]
    questions = tuple(
        Question(
            id=f"gen-{i:05d}",
            topic=topics[i % len(topics)],
            question=f"Generated question {i}: explain concept {rng.randint(1, 999)}?",
            answer=f"A reference answer for question {i} with `code` and **bold** words.",
            kind=rng.choice(KINDS),
            bank_id="generated",
        )
        for i in range(count)
    )
    return Bank(id="generated", title="Generated questions", questions=questions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    paths = DataPaths(args.data_dir).ensure()
    started = time.perf_counter()
    bank = make_bank(args.questions, rng)
    write_bank_file(bank, paths.banks / "generated.yaml")
    skill = {q.topic: rng.uniform(0.2, 0.9) for q in bank.questions}
    by_topic: dict[str, list[Question]] = {}
    for question in bank.questions:
        by_topic.setdefault(question.topic, []).append(question)

    end = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
    start = end - timedelta(days=730)
    db = open_database(paths.database, backups_dir=paths.backups)
    sessions: list[dict[str, object]] = []
    attempts: list[dict[str, object]] = []
    practised: dict[str, int] = {}
    day = start
    session_id = 0
    while len(attempts) < args.attempts:
        day += timedelta(days=1)
        if day > end:
            day = start + timedelta(days=rng.randint(0, 729))
        if rng.random() > 0.66:
            continue
        session_id += 1
        at = day.replace(hour=rng.randint(7, 22), minute=rng.randint(0, 59))
        topics = rng.sample(sorted(by_topic), rng.randint(1, 3))
        pool = [q for topic in topics for q in by_topic[topic]]
        chosen = rng.sample(pool, min(len(pool), rng.randint(3, 12)))
        sessions.append(
            {
                "id": session_id,
                "started_at": at,
                "ended_at": at + timedelta(minutes=30),
                "status": "finished",
                "settings": {"generated": True},
            }
        )
        for question in chosen:
            limit = time_limit_for(question)
            n = practised.get(question.id, 0)
            practised[question.id] = n + 1
            ability = min(0.97, skill[question.topic] + 0.05 * n)
            duration = max(10.0, rng.gauss(limit * (1.1 - ability * 0.4), limit * 0.25))
            skipped = rng.random() < 0.05
            rated = not skipped and rng.random() > 0.10
            rating = None
            if rated:
                rating = 1 + sum(rng.random() < ability for _ in range(3))
            attempts.append(
                {
                    "session_id": session_id,
                    "question_id": question.id,
                    "question_text": question.question,
                    "topic": question.topic,
                    "bank_id": "generated",
                    "started_at": at,
                    "ended_at": at + timedelta(seconds=duration),
                    "duration_seconds": 0.0 if skipped else duration,
                    "time_limit_seconds": limit,
                    "notes": "Some notes." if rated else "",
                    "rating": rating,
                    "revealed_at": None,
                    "skipped": skipped,
                }
            )
            at += timedelta(seconds=duration + 20)
    attempts = sorted(attempts[: args.attempts], key=lambda a: a["started_at"])  # type: ignore[arg-type, return-value]
    with db.session() as session:
        session.execute(insert(StudySession), sessions)
        session.execute(insert(Attempt), attempts)
    cards = rebuild_cards(db, end)
    rebuild_derived(db)
    db.close()
    print(
        f"{paths.root}: {len(bank.questions)} questions, {len(sessions)} sessions, "
        f"{len(attempts)} attempts, {cards} cards in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
