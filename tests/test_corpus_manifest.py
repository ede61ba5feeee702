"""The corpus manifest (bench/corpus/manifest.json) holds facts about public files, no more."""

from __future__ import annotations

import json
import re
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent.parent / "bench" / "corpus" / "manifest.json"
EXCLUDED = (
    "bregman-arie/devops-exercises", "lydiahallie/javascript-questions", "sudheerj/",
    "OBenner/data-engineering-interview-questions", "alexeygrigorev/data-science-interviews",
    "h5bp/Front-end-Developer-Interview-Questions", "Devinterview-io/", "learning-zone/",
    "midudev/", "NeffCodes/",
)  # fmt: skip


def test_every_entry_is_a_counted_public_file_with_short_samples() -> None:
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert len(entries) >= 15
    assert len({e["id"] for e in entries}) == len(entries)
    assert len({e["language"] for e in entries}) >= 5
    for entry in entries:
        assert re.fullmatch(r"[0-9a-f]{40}", entry["commit"]), entry["id"]
        assert not entry["repo"].startswith(EXCLUDED), entry["repo"]
        assert sum(entry["topics"].values()) == entry["questions"], entry["id"]
        assert 0 <= entry["answered"] <= entry["questions"], entry["id"]
        assert 3 <= len(entry["samples"]) <= 5, entry["id"]
        for sample in entry["samples"]:
            assert len(sample["question_starts"]) <= 80, entry["id"]
            assert len(sample.get("answer_starts") or "") <= 60, entry["id"]
