"""What every benchmark shares: percentiles, and writing its key numbers for ``python -m bench``."""

from __future__ import annotations

import json
from pathlib import Path


def write_result(path: Path | None, metrics: dict[str, float]) -> None:
    """Write ``metrics`` as JSON to ``path`` (when given), for the suite's table."""
    if path is not None:
        path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


def percentile(values: list[float], share: float) -> float:
    """The value at ``share`` (0.95: p95) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
