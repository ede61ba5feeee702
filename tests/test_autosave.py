"""The autosave policy of a running session, driven by a hand-moved clock (no sleeping)."""

from __future__ import annotations

import itertools
import random

import pytest

from interview_prep.practice.autosave import (
    SAVE_AFTER_IDLE,
    SAVE_AT_LEAST_EVERY,
    SAVE_TIMES_EVERY,
    AutosavePolicy,
    SaveReason,
)
from interview_prep.practice.clock import FakeClock

TICK = 0.2  # seconds: the session screen asks five times a second


class Screen:
    """What the session screen does with the policy: ask on every tick, save when told."""

    def __init__(self, *, saved_once: bool = True) -> None:
        self.clock = FakeClock()
        self.policy = AutosavePolicy()
        self.saves: list[tuple[float, SaveReason]] = []
        if saved_once:  # a started session has saved its first draft
            self.policy.saved(self.clock.monotonic())

    @property
    def now(self) -> float:
        return self.clock.monotonic()

    def type(self) -> None:
        self.policy.notes_edited(self.now)

    def tick(self, *, running: bool = True) -> SaveReason | None:
        reason = self.policy.due(self.now, running=running)
        if reason is not None:
            self.policy.saved(self.now)
            self.saves.append((self.now, reason))
        return reason

    def wait(self, seconds: float, *, running: bool = True) -> None:
        """Let time pass with a tick every 0.2 s."""
        end = self.now + seconds
        while self.now + TICK <= end + 1e-9:
            self.clock.advance(TICK)
            self.tick(running=running)


def test_notes_are_saved_half_a_second_after_typing_stops() -> None:
    screen = Screen()
    screen.type()  # just after a save
    screen.clock.advance(0.1)
    screen.type()
    screen.clock.advance(SAVE_AFTER_IDLE - 0.1)
    assert screen.tick() is None  # 0.4 s after the last key, 0.5 s after the first
    screen.clock.advance(0.1)
    assert screen.tick() is SaveReason.IDLE
    assert not screen.policy.dirty
    assert screen.tick() is None  # saved once, not on every tick after


def test_typing_on_and_on_is_saved_at_least_every_0_7_seconds() -> None:
    screen = Screen()
    start = screen.now
    screen.type()  # the first key after a save: the window counts from that save
    for _ in range(20):
        screen.clock.advance(0.1)
        screen.type()
        screen.clock.advance(0.1)
        screen.type()
        screen.tick()
    times = [start] + [at for at, _ in screen.saves]
    assert {reason for _, reason in screen.saves} == {SaveReason.STILL_TYPING}
    assert max(b - a for a, b in itertools.pairwise(times)) <= SAVE_AT_LEAST_EVERY + TICK
    assert len(screen.saves) >= 4


def test_the_first_key_after_a_quiet_spell_is_saved_at_the_next_tick() -> None:
    screen = Screen()
    screen.wait(3, running=False)  # paused: nothing saved
    assert screen.saves == []
    screen.type()
    screen.clock.advance(TICK)
    screen.type()  # still typing: not idle
    assert screen.tick() is SaveReason.STILL_TYPING


def test_before_any_save_the_first_notes_edit_starts_the_window() -> None:
    screen = Screen(saved_once=False)
    screen.type()
    for _ in range(3):  # 0.6 s after the first key: not yet
        screen.clock.advance(TICK)
        screen.type()
        assert screen.tick(running=False) is None
    screen.clock.advance(TICK)
    screen.type()
    assert screen.tick(running=False) is SaveReason.STILL_TYPING


def test_before_any_save_a_reflection_is_saved_at_the_next_tick() -> None:
    screen = Screen(saved_once=False)
    screen.policy.reflection_edited(screen.now)
    assert screen.policy.dirty
    screen.clock.advance(TICK)
    screen.policy.reflection_edited(screen.now)
    assert screen.tick(running=False) is SaveReason.STILL_TYPING


def test_a_reflection_is_saved_like_the_notes() -> None:
    screen = Screen()
    screen.clock.advance(0.1)
    screen.policy.reflection_edited(screen.now)
    assert screen.tick() is None
    screen.clock.advance(SAVE_AFTER_IDLE)
    assert screen.tick() is SaveReason.IDLE


def test_times_are_saved_every_five_seconds_while_running_only() -> None:
    screen = Screen()
    start = screen.now
    screen.wait(12)
    assert [reason for _, reason in screen.saves] == [SaveReason.TIMES, SaveReason.TIMES]
    first, second = (at for at, _ in screen.saves)
    assert SAVE_TIMES_EVERY - 1e-6 <= first - start <= SAVE_TIMES_EVERY + TICK
    assert SAVE_TIMES_EVERY - 1e-6 <= second - first <= SAVE_TIMES_EVERY + TICK
    screen.saves.clear()
    screen.wait(30, running=False)
    assert screen.saves == []
    screen.clock.advance(TICK)
    assert screen.tick() is SaveReason.TIMES  # resumed long after the last save: at once


def test_a_session_never_saved_saves_its_times_at_the_first_tick() -> None:
    screen = Screen(saved_once=False)
    assert screen.tick(running=False) is None
    assert screen.tick() is SaveReason.TIMES


def test_typing_while_paused_is_still_saved() -> None:
    screen = Screen()
    screen.type()
    screen.clock.advance(SAVE_AFTER_IDLE)
    assert screen.tick(running=False) is SaveReason.IDLE


def test_forgotten_edits_are_not_saved_and_keep_the_times_schedule() -> None:
    screen = Screen()
    screen.clock.advance(4)
    screen.type()
    screen.policy.forget_edits()  # e.g. pausing: the engine saved the notes itself
    assert not screen.policy.dirty
    screen.clock.advance(SAVE_AFTER_IDLE)
    assert screen.tick() is None
    screen.clock.advance(SAVE_TIMES_EVERY - 4 - SAVE_AFTER_IDLE)
    assert screen.tick() is SaveReason.TIMES  # five seconds after the last real save


def test_a_save_by_the_screen_restarts_every_window() -> None:
    screen = Screen()
    screen.clock.advance(4.5)
    screen.type()
    screen.clock.advance(0.1)
    screen.policy.saved(screen.now)  # Ctrl+S, or the question finished
    screen.wait(4.8)
    assert screen.saves == []
    screen.clock.advance(0.3)
    assert screen.tick() is SaveReason.TIMES


@pytest.mark.parametrize("seed", range(20))
def test_a_crash_never_loses_a_second_of_typing(seed: int) -> None:
    """Random bursts of typing and pauses: at every moment, the oldest keystroke not yet
    saved is less than a second old."""
    rng = random.Random(seed)
    screen = Screen()
    unsaved_since: float | None = None
    next_tick = screen.now + TICK
    for _ in range(400):
        step = rng.choice([0.03, 0.08, 0.15, 0.4, 1.2])
        target = screen.now + step
        while next_tick <= target:  # the ticks between two keys
            screen.clock.advance(next_tick - screen.now)
            if screen.tick() in (SaveReason.IDLE, SaveReason.STILL_TYPING):
                unsaved_since = None
            if unsaved_since is not None:
                assert screen.now - unsaved_since < 1.0
            next_tick += TICK
        screen.clock.advance(target - screen.now)
        if unsaved_since is not None:
            assert screen.now - unsaved_since < 1.0
        screen.type()
        if unsaved_since is None:
            unsaved_since = screen.now
