"""Answering out loud, recorded: the talk page's level meter, recording state and player.

While the user talks a question through, the microphone is recorded into the data folder's
``recordings/`` (``audio.capture``): from the countdown's start when "Record automatically"
is on, else on Ctrl+Shift+R (which also stops, or records again). Pausing the session pauses
the recording; Reveal, Next, Skip and End stop it, and the attempt keeps the file's name and
its metrics (``engine.set_recording``; the name is saved in the draft as recording starts,
so a resume after a crash finds the partial file and offers it in the player). After the
reveal the player replays it next to the answer, with the metrics.

Without a microphone (or without permission) the panel says what to do and the session goes
on without audio. The session screen calls ``show_for`` whenever what it shows changes and
``finish`` before a question is left.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget

from ..audio import recordings
from ..audio.backend import AudioBackend, AudioUnavailable
from ..audio.capture import Capture
from ..audio.codec import CodecError
from ..audio.metrics import SpeechMetrics, measure
from ..audio.wording import speech_text
from ..practice.engine import SessionEngine, State
from ..wording import clock_text
from .preferences import RECORD_AUTOMATICALLY, Preferences
from .recording_player import RecordingPlayer
from .shortcuts import tooltip

METER_MS = 50
METER_FLOOR_DB = -60


@dataclass
class _Take:
    """The recording in progress: which question it belongs to, and its capture."""

    key: tuple[int | None, int]
    name: str
    capture: Capture


class SpokenAnswer(QWidget):
    def __init__(
        self, preferences: Preferences, backend: Callable[[], AudioBackend],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("spokenAnswer")
        self.preferences = preferences
        #: Makes the audio backend (the microphone, or a file in tests); may be replaced.
        self.backend = backend
        #: The data folder's ``recordings/``; None: nothing is recorded.
        self.folder: Path | None = None
        self._take: _Take | None = None
        self._auto_started: set[tuple[int | None, int]] = set()
        self.meter = QProgressBar()
        self.meter.setObjectName("levelMeter")
        self.meter.setAccessibleName("Microphone level")
        self.meter.setRange(METER_FLOOR_DB, 0)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(10)
        self.status_label = QLabel()
        self.status_label.setObjectName("recordingStatusLabel")
        self.status_label.setWordWrap(True)
        self.record_button = QToolButton()
        self.record_button.setObjectName("recordButton")
        self.record_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.record_button.setToolTip(tooltip("record"))
        self.record_button.setAccessibleName("Record or stop recording")
        self.player = RecordingPlayer(lambda: self.backend())
        self.player.levels_ready = self._levels_ready
        row = QHBoxLayout()
        row.addWidget(self.record_button)
        row.addWidget(self.meter, 1)
        self.record_row = QWidget()
        self.record_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.record_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.player)
        self._timer = QTimer(self)
        self._timer.setInterval(METER_MS)
        self._timer.timeout.connect(self._show_level)
        self._engine: SessionEngine | None = None
        #: Why the last recording could not start or stopped early, said on the talk page.
        self._problem = ""
        self.record_button.clicked.connect(self.toggle_recording)

    # -- what the session screen calls ------------------------------------------------------------
    @property
    def recording(self) -> bool:
        return self._take is not None and self._take.capture.recording

    def show_for(self, engine: SessionEngine) -> None:
        """Bring recording and player in line with the session's current question."""
        self._engine = engine
        run = engine.current
        live = not engine.is_over
        talking = run.spoken and live and self.folder is not None
        revealed = run.revealed_at is not None
        key = (engine.session_id, run.position)
        if self._take is not None and (self._take.key != key or not talking or revealed):
            self._stop(engine)
        self.setVisible(talking)
        if not talking:
            self.player.stop()
            return
        if self._take is None and not revealed and run.recording is None:
            automatic = self.preferences.get(RECORD_AUTOMATICALLY)
            if automatic and engine.state is State.RUNNING and key not in self._auto_started:
                self._auto_started.add(key)
                self._start(engine)
        elif self._take is not None:
            capture = self._take.capture
            if engine.state is State.PAUSED:
                capture.pause()
            elif engine.state is State.RUNNING:
                capture.start()
        self.record_row.setVisible(not revealed)
        self._show_player(engine)
        self._show_status()

    def finish(self, engine: SessionEngine) -> None:
        """The question is being left (Next, Skip, End): stop and keep the recording."""
        if self._take is not None:
            self._stop(engine)
        self.player.stop()

    def toggle_recording(self) -> None:
        """Ctrl+Shift+R: stop recording, or record (again) before the reveal."""
        engine = self._engine
        if engine is None or engine.is_over or not engine.current.spoken:
            return
        if self._take is not None:
            self._stop(engine)
        elif engine.current.revealed_at is None and engine.state is State.RUNNING:
            self._start(engine)
        self.show_for(engine)

    # -- recording --------------------------------------------------------------------------------
    def _start(self, engine: SessionEngine) -> None:
        assert self.folder is not None
        run = engine.current
        name = recordings.new_name(engine.session_id or 0, run.position, engine.clock.now())
        try:
            capture = Capture(self.backend(), recordings.path_of(self.folder, name))
            capture.start()
        except (AudioUnavailable, CodecError, OSError) as exc:
            self._problem = str(exc)
            print(f"interview-prep: not recording: {exc}", file=sys.stderr)
            self._show_status()
            return
        self._problem = ""
        previous = run.recording
        self._take = _Take((engine.session_id, run.position), name, capture)
        engine.set_recording(name, None)
        if previous is not None:  # recorded again: the new take replaces the old one
            recordings.delete(self.folder, [previous])
        self._timer.start()

    def _stop(self, engine: SessionEngine) -> None:
        take, self._take = self._take, None
        self._timer.stop()
        if take is None:
            return
        recorded = take.capture.stop()
        if take.capture.error is not None:
            self._problem = f"The recording stopped early: {take.capture.error}"
        if engine.current.recording == take.name and not engine.is_over:
            engine.set_recording(take.name, recorded.metrics)
        self.meter.setValue(METER_FLOOR_DB)

    # -- showing ----------------------------------------------------------------------------------
    def _show_level(self) -> None:
        if self._take is not None:
            self.meter.setValue(max(METER_FLOOR_DB, round(self._take.capture.level)))
            self._show_status()

    def _show_status(self) -> None:
        engine = self._engine
        if self._problem:
            text = self._problem
        elif self._take is not None:
            capture = self._take.capture
            state = "● Recording" if capture.recording else "Recording paused"
            text = f"{state} {clock_text(capture.seconds)}"
        elif engine is not None and engine.current.recording and engine.current.revealed_at is None:
            text = (
                "A recording of this answer is kept (a partial one if the app stopped while "
                "recording). Ctrl+Shift+R records it again."
            )
        elif engine is not None and engine.current.revealed_at is None:
            text = "Not recording. Ctrl+Shift+R records your answer."
        else:
            text = ""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        recording = self._take is not None
        self.record_button.setText("■ Stop" if recording else "● Record")

    def _show_player(self, engine: SessionEngine) -> None:
        run = engine.current
        name = run.recording
        if name is None or self._take is not None or self.folder is None:
            self.player.stop()
            self.player.setVisible(False)
            return
        path = recordings.path_of(self.folder, name)
        text = speech_text(run.speech, run.time_limit) if run.speech else ""
        if self.player.path != path:
            self.player.load(path, text)
        else:
            self.player.set_metrics_text(text)
        self.player.setVisible(True)

    def _levels_ready(self, path: Path, levels: list[float]) -> None:
        """A recording without metrics (cut short by a crash) was decoded: measure it."""
        engine = self._engine
        if engine is None or engine.is_over or self.folder is None:
            return
        run = engine.current
        name = run.recording
        if run.speech is None and name and recordings.path_of(self.folder, name) == path:
            metrics: SpeechMetrics = measure(levels)
            engine.set_recording(name, metrics)
            self.player.set_metrics_text(speech_text(metrics, run.time_limit))
