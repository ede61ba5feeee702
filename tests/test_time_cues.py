"""The marks at which the countdown gives a cue (amber, zero, each overtime minute)."""

from __future__ import annotations

import pytest

from interview_prep.practice.time_cues import Cue, cue_between


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (40.0, 39.0, None),  # plenty left
        (36.1, 35.9, Cue.LOW),  # 20 % of 180 s: amber
        (35.0, 34.0, None),
        (0.1, -0.1, Cue.ZERO),
        (0.0, -0.2, None),  # zero was already cued as it was reached
        (-59.9, -60.1, Cue.OVERTIME),
        (-60.1, -61.0, None),
        (-119.8, -120.0, Cue.OVERTIME),
        (-20.0, -20.0, None),  # paused: nothing moves
        (100.0, -61.0, Cue.ZERO),  # a long gap reports the first mark crossed
    ],
)
def test_cues_come_when_the_countdown_crosses_a_mark(
    before: float, after: float, expected: Cue | None
) -> None:
    assert cue_between(before, after, 180) is expected
