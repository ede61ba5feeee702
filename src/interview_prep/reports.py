"""The ``stats`` and ``export`` commands: figures and history for the command line."""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .bank.loader import load_default_catalog
from .paths import DataPaths
from .stats.figures import Figures, Stats


def _open_database(data_dir: Path) -> Any:
    from .store import open_database

    paths = DataPaths(data_dir)
    database = open_database(paths.database, backups_dir=paths.backups)
    for notice in database.notices:
        print(notice, file=sys.stderr)
    return database


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _figures_json(figures: Figures) -> dict[str, Any]:
    return {
        "attempts": figures.attempts,
        "mean_rating": figures.mean_rating,
        "weak_share": figures.weak_share,
        "median_time_ratio": figures.median_time_ratio,
        "overtime_rate": figures.overtime_rate,
        "last_practised": _iso(figures.last_practised),
        "mastery": round(figures.mastery, 1),
        "coverage": figures.coverage,
    }


def stats_json(stats: Stats) -> list[dict[str, Any]]:
    return [
        {
            "topic": topic.topic,
            "questions": topic.questions,
            "practised": topic.practised,
            "due": topic.due,
            **_figures_json(topic.figures),
        }
        for topic in stats.topics
    ]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def stats_table(stats: Stats) -> str:
    header = (
        "Topic",
        "Mastery",
        "Points",
        "Practised",
        "Attempts",
        "Rating",
        "Again/Hard",
        "Time",
        "Over",
        "Due",
        "Last",
    )
    rows = [header]
    for topic in stats.topics:
        f = topic.figures
        rows.append(
            (
                topic.topic,
                f"{f.mastery:.0f}",
                _pct(f.coverage),
                f"{topic.practised}/{topic.questions}",
                str(f.attempts),
                "—" if f.mean_rating is None else f"{f.mean_rating:.1f}",
                _pct(f.weak_share),
                _pct(f.median_time_ratio),
                _pct(f.overtime_rate),
                str(topic.due),
                f.last_practised.astimezone().strftime("%Y-%m-%d") if f.last_practised else "never",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run_stats(data_dir: Path, *, as_json: bool) -> int:
    from .stats.load import load_stats

    catalog = load_default_catalog(data_dir)
    database = _open_database(data_dir)
    try:
        stats = load_stats(database, catalog.questions(), datetime.now(UTC))
    finally:
        database.close()
    if as_json:
        json.dump(stats_json(stats), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(stats_table(stats))
        print(
            "\nMastery 0–100 (docs/mastery.md) · Points: key points covered · Rating: mean, "
            "Again 1 … Easy 4 · Time: median "
            "time used of the limit · Over: share over the limit · Due: for review now"
        )
    return 0


SPEECH_FIELDS = [
    "talk_seconds", "first_word_seconds", "silence_share", "longest_pause_seconds",
    "pauses_over_3s", "syllables_per_minute_estimate",
]  # fmt: skip


EXPORT_FIELDS = [
    "attempt_id", "session_id", "question_id", "bank_id", "topic", "question",
    "question_markdown", "started_at",
    "ended_at", "duration_seconds", "time_limit_seconds", "rating", "skipped", "revealed_at",
    "notes", "points_total", "points_covered", "key_points_missed", "spoken", "reflection",
    "recording", *SPEECH_FIELDS, "current_question", "current_answer",
]  # fmt: skip


def _speech(speech: str | None) -> dict[str, object]:
    """An attempt's recording metrics as export columns (all None without a recording)."""
    from .audio.metrics import SpeechMetrics

    if not speech:
        return dict.fromkeys(SPEECH_FIELDS)
    m = SpeechMetrics.from_json(speech)
    rate = m.syllables_per_minute
    values = (
        round(m.talk, 2), None if m.first_word is None else round(m.first_word, 2),
        round(m.silence_share, 3), round(m.longest_pause, 2), m.long_pauses,
        None if rate is None else round(rate),
    )  # fmt: skip
    return dict(zip(SPEECH_FIELDS, values, strict=True))


def _missed(key_points: str | None) -> str | None:
    """The key points an attempt missed, one per line (``None`` when none were checked)."""
    from .practice.coverage import from_json

    marks = from_json(key_points)
    if marks is None:
        return None
    return "\n".join(mark.text for mark in marks if not mark.covered)


def run_export(data_dir: Path, target: Path) -> int:
    from .render.plain import plain_text
    from .store.history import all_attempts

    suffix = target.suffix.lower()
    if suffix not in (".csv", ".json"):
        print(f"{target}: the file name must end in .csv or .json", file=sys.stderr)
        return 2
    catalog = load_default_catalog(data_dir).by_id()
    database = _open_database(data_dir)
    try:
        attempts = all_attempts(database)
    finally:
        database.close()
    records = []
    for attempt in attempts:
        current = catalog.get(attempt.question_id)
        records.append(
            {
                "attempt_id": attempt.id,
                "session_id": attempt.session_id,
                "question_id": attempt.question_id,
                "bank_id": attempt.bank_id,
                "topic": attempt.topic,
                "question": plain_text(attempt.question_text),
                "question_markdown": attempt.question_text,
                "started_at": _iso(attempt.started_at),
                "ended_at": _iso(attempt.ended_at),
                "duration_seconds": round(attempt.duration_seconds, 3),
                "time_limit_seconds": attempt.time_limit_seconds,
                "rating": attempt.rating,
                "skipped": attempt.skipped,
                "revealed_at": _iso(attempt.revealed_at),
                "notes": attempt.notes,
                "points_total": attempt.points_total,
                "points_covered": attempt.points_covered,
                "key_points_missed": _missed(attempt.key_points),
                "spoken": attempt.spoken,
                "reflection": attempt.reflection,
                "recording": attempt.recording,
                **_speech(attempt.speech),
                "current_question": plain_text(current.question) if current else None,
                "current_answer": current.answer if current else None,
            }
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        target.write_text(
            json.dumps(records, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    else:
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            writer.writerows(records)
    print(f"Exported {len(records)} attempts to {target}")
    return 0
