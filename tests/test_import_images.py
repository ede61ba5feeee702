"""Images in imported documents: local files travel with the bank, remote ones are links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interview_prep.bank.yaml_read import read_bank_file
from interview_prep.cli import main
from interview_prep.render import render_answer

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d3a5a80000000049454e44ae426082"
)

DOCUMENT = """\
# Pipelines

## Scheduling

### How does the scheduler pick a task? <img src="img/queue.png" alt="queue">

It looks at the queue:

![the scheduler loop](img/loop.png)

### What does a sensor wait for?

An outside event, e.g. a file.

![a diagram](img/missing.png)

### Where do logs go?

To remote storage: ![cloud](https://example.org/cloud.png)
"""


@pytest.fixture
def document(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "queue.png").write_bytes(PNG)
    (folder / "img" / "loop.png").write_bytes(PNG + b"loop")
    path = folder / "pipelines.md"
    path.write_text(DOCUMENT, encoding="utf-8")
    return path


def test_local_images_are_copied_with_the_bank_and_shown_from_there(
    document: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(document)]) == 0
    err = capsys.readouterr().err
    assert f"{document}:15: warning: image img/missing.png not found next to the document" in err
    banks = data_dir / "banks"
    assert (banks / "pipelines-images" / "img" / "queue.png").read_bytes() == PNG
    assert (banks / "pipelines-images" / "img" / "loop.png").read_bytes() == PNG + b"loop"
    bank, problems = read_bank_file(banks / "pipelines.yaml")
    assert bank is not None and not problems
    first, second, third = bank.questions
    assert 'src="pipelines-images/img/queue.png"' in first.question
    assert "![the scheduler loop](pipelines-images/img/loop.png)" in (first.answer or "")
    # The renderer shows it from the bank folder, as a file of its own.
    shown = render_answer(first.answer or "", base_dir=banks)
    loop = (banks / "pipelines-images" / "img" / "loop.png").resolve().as_uri()
    assert f'src="{loop}"' in shown
    # A missing image keeps its reference, and shows its description.
    assert "![a diagram](img/missing.png)" in (second.answer or "")
    assert "[image: a diagram]" in render_answer(second.answer or "", base_dir=banks)
    # A remote image is never fetched: its description, as a link.
    remote = render_answer(third.answer or "", base_dir=banks)
    assert '<a href="https://example.org/cloud.png">[image: cloud]</a>' in remote
    assert "<img" not in remote


def test_a_dry_run_copies_nothing_and_json_tells_the_metadata(
    document: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(document), "--dry-run", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert not (data_dir / "banks").exists()
    first = printed["questions"][0]
    assert (first["kind"], first["difficulty"], first["time_limit"]) == ("concept", None, None)
    assert any("img/missing.png" in w["message"] for w in printed["warnings"])


def test_reimport_keeps_one_copy_and_an_unchanged_image_is_not_rewritten(
    document: Path, data_dir: Path
) -> None:
    assert main(["import", str(document)]) == 0
    copied = data_dir / "banks" / "pipelines-images" / "img" / "queue.png"
    before = copied.stat().st_mtime_ns
    assert main(["import", str(document)]) == 0
    assert copied.stat().st_mtime_ns == before
    assert sorted(p.name for p in copied.parent.iterdir()) == ["loop.png", "queue.png"]
