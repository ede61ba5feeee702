"""A recording played back beside the answer: play/pause, the waveform to seek in, where
playback is, and what the recording measures.

Decoding the file and folding its levels run on the worker pool (``tasks``); until they
are done the player says "Loading the recording…". Playback goes through the audio
backend (speakers, or the file backend's silent sink in tests), at normal speed only: the
audio library offers no time-stretching, and a faster replay that raises the pitch is worse
than none. A missing or unreadable file is said in the player, naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ..audio import codec
from ..audio.backend import AudioBackend, AudioUnavailable
from ..audio.levels import levels_of
from ..audio.playback import Playback
from ..wording import clock_text
from .tasks import run_in_background
from .waveform import Waveform

POLL_MS = 50


class RecordingPlayer(QWidget):
    """Plays one recording at a time (``load``); ``backend`` makes the audio backend."""

    def __init__(self, backend: Callable[[], AudioBackend], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordingPlayer")
        self._backend = backend
        self._playback: Playback | None = None
        self._loading: Path | None = None
        self.path: Path | None = None
        #: Told each decoded recording's levels (to measure one that has no metrics yet).
        self.levels_ready: Callable[[Path, list[float]], None] | None = None
        self.play_button = QToolButton()
        self.play_button.setObjectName("playRecordingButton")
        self.play_button.setText("▶ Play")
        self.play_button.setAccessibleName("Play or pause the recording")
        self.play_button.setToolTip("Play or pause the recording (normal speed)")
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle)
        self.waveform = Waveform()
        self.waveform.seekRequested.connect(self.seek)
        self.time_label = QLabel()
        self.time_label.setObjectName("recordingTimeLabel")
        self.metrics_label = QLabel()
        self.metrics_label.setObjectName("speechMetricsLabel")
        self.metrics_label.setWordWrap(True)
        self.metrics_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.waveform, 1)
        row.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.metrics_label)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    # -- loading ------------------------------------------------------------------------------
    def load(self, path: Path, metrics_text: str = "") -> None:
        """Decode ``path`` in the background, then make it playable."""
        self.stop()
        self.path, self._loading, self._playback = path, path, None
        self._show_controls(True)
        self.play_button.setEnabled(False)
        self.waveform.set_levels(())
        self.time_label.setText("Loading the recording…")
        self.metrics_label.setText(metrics_text)

        def work() -> tuple[codec.Pcm, list[float]]:
            pcm = codec.read(path)
            return pcm, levels_of(pcm.samples, pcm.rate)

        run_in_background(
            work, lambda got: self._loaded(path, *got), lambda e: self._failed(path, e), owner=self
        )

    def _loaded(self, path: Path, pcm: codec.Pcm, levels: list[float]) -> None:
        if path != self._loading:
            return  # another recording was asked for since
        self._loading = None
        self._playback = Playback(self._backend(), pcm)
        self.waveform.set_levels(levels)
        self.play_button.setEnabled(True)
        self._show_time()
        if self.levels_ready is not None:
            self.levels_ready(path, levels)

    def _failed(self, path: Path, error: BaseException) -> None:
        if path != self._loading:
            return
        self._loading = None
        reason = str(error) if isinstance(error, OSError) else repr(error)
        if isinstance(error, FileNotFoundError):
            reason = f"{path} is no longer there (deleted by the retention setting?)"
        self.time_label.setText(f"Cannot play this recording: {reason}")

    def show_metrics_only(self, text: str) -> None:
        """Only ``text``: an attempt whose recording is gone but whose metrics stay."""
        self.stop()
        self.path = self._loading = self._playback = None
        self._show_controls(False)
        self.time_label.setText("")
        self.metrics_label.setText(text)

    def _show_controls(self, shown: bool) -> None:
        self.play_button.setVisible(shown)
        self.waveform.setVisible(shown)

    def set_metrics_text(self, text: str) -> None:
        self.metrics_label.setText(text)

    # -- playing ------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._playback is not None and self._playback.playing

    @property
    def position(self) -> float:
        return self._playback.elapsed if self._playback is not None else 0.0

    def toggle(self) -> None:
        playback = self._playback
        if playback is None:
            return
        if playback.playing:
            playback.pause()
        else:
            try:
                playback.play()
            except AudioUnavailable as exc:
                self.time_label.setText(str(exc))
                return
            self._timer.start()
        self._poll()

    def seek(self, seconds: float) -> None:
        if self._playback is not None:
            self._playback.seek(seconds)
            self._poll()

    def stop(self) -> None:
        """Stop playing (leaving the screen, another recording)."""
        if self._playback is not None:
            self._playback.pause()
        self._timer.stop()
        self._show_button()

    def _poll(self) -> None:
        if self._playback is None:
            return
        self.waveform.set_position(self._playback.elapsed)
        self._show_time()
        self._show_button()
        if not self._playback.playing:
            self._timer.stop()

    def _show_button(self) -> None:
        self.play_button.setText("⏸ Pause" if self.playing else "▶ Play")

    def _show_time(self) -> None:
        if self._playback is not None:
            self.time_label.setText(
                f"{clock_text(self._playback.elapsed)} / {clock_text(self._playback.seconds)}"
            )
