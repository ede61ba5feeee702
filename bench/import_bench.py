"""Markdown import speed on a generated 1 MB document. Target: under 0.3 s for 1 MB.

    .venv/bin/python bench/import_bench.py [--size-mb 1.0] [--runs 5]

The document mixes the layouts the importer meets in real files: ``##`` topics, ``###``
questions with ``<details>`` answers, code blocks, nested lists, tables and some mojibake,
so that every stage (decode, repair, scan, layout, parse, ids) is exercised.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import write_result

from interview_prep.bank.importer import parse_markdown, to_bank
from interview_prep.bank.importer.decode import decode_document

_ANSWER = """<details>
<summary>Answer</summary>

A {n}th answer with `inline code`, **bold terms** and a link to [docs](https://example.org).
Answer {n}â€™s notes were saved in the wrong encoding (cafÃ© â€œ{n}â€\x9d).

1. **First point:** something about schedulers and executors.
   - a nested detail
   - another nested detail
2. **Second point:** something about retries.

| Setting | Meaning |
| ------- | ------- |
| retries | how often |

```python
def task_{n}(context):
    return context["ds"]  # keep this verbatim
```
</details>
"""


def make_document(size_bytes: int) -> bytes:
    parts = ["# Generated Questions\n"]
    n = 0
    total = 0
    while total < size_bytes:
        if n % 40 == 0:
            parts.append(f"\n## Topic {n // 40}\n")
        block = f"\n### What is question number {n} about?\n\n" + _ANSWER.format(n=n)
        parts.append(block)
        total += len(block.encode())
        n += 1
    return "".join(parts).encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the key numbers here")
    args = parser.parse_args()
    data = make_document(int(args.size_mb * 1_000_000))
    megabytes = len(data) / 1_000_000
    timings = []
    questions = 0
    for _ in range(args.runs):
        start = time.perf_counter()
        text, _warning = decode_document(data)
        result = parse_markdown(text, source="generated.md")
        bank, _ = to_bank(result)
        timings.append(time.perf_counter() - start)
        questions = len(bank.questions)
    best, median = min(timings), statistics.median(timings)
    print(f"document        {megabytes:.2f} MB, {questions} questions")
    print(f"import median   {median:.3f} s   ({megabytes / median:.1f} MB/s)")
    print(f"import best     {best:.3f} s   ({megabytes / best:.1f} MB/s)")
    print(f"target          < 0.300 s per MB: {'met' if median / megabytes < 0.3 else 'MISSED'}")
    write_result(
        args.json, {"import_mb_per_s": megabytes / median, "import_s_per_mb": median / megabytes}
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
