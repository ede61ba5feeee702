"""The speaking-practice core (``interview_prep.audio``), checked as a user would notice it.

Recordings must play back as long as they were said, stay small, survive being cut short,
and fail with a message naming the file. The metrics are checked against espeak-ng speech
laid out with silences of known length (``speech_samples``): the layout is the truth.
Capture and playback run against ``FileBackend``, the "microphone" made of a file; one test
uses the real sound hardware when this machine has an input device. Nothing here is timed.
"""

from __future__ import annotations

import builtins
import os
import random
import time
from array import array
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import soundfile

import speech_samples
from interview_prep.audio import codec, levels, metrics, recordings
from interview_prep.audio.backend import AudioUnavailable, SoundDeviceBackend
from interview_prep.audio.capture import Capture
from interview_prep.audio.file_backend import FileBackend
from interview_prep.audio.metrics import SpeechMetrics
from interview_prep.audio.playback import Playback
from speech_samples import Layout, espeak_available, lay_out, tone

needs_espeak = pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed")

RATE = codec.RATE
PAUSE_TOLERANCE = 0.2  # seconds, for a pause's start and its length
FIRST_WORD_TOLERANCE = 0.1  # seconds
TALK_TOLERANCE = 0.05  # share of the talk
SILENCE_SHARE_TOLERANCE = 0.05  # absolute
RATE_TOLERANCE = 0.30  # share of the hand-counted syllables a minute
CAPTURE_PACE = 20.0  # FileBackend at pace 0 never ends its silence fast enough to stop

# Three answers, each with the syllables counted by hand (dictionary syllabification):
#   A, no leading silence, pauses 0.4-3.6 s:
#     a hash ta-ble maps keys to val-ues (9) / look-ups take con-stant time on av-er-age (10)
#     / col-li-sions are han-dled by chain-ing (9) / or by o-pen ad-dress-ing (7)
#     / that is all (3)                                                       = 38
#   B, 3 s of leading silence, pauses 0.5-6 s:
#     a bi-na-ry search halves the range each step (10) / it needs a sort-ed ar-ray (7)
#     / the cost is lo-ga-rith-mic in the size (10) / each com-par-i-son dis-cards half (8)
#                                                                             = 35
#   C, 1.2 s of leading silence, pauses 0.6-4.2 s:
#     in-dex-es make reads fast-er and writes slow-er (11) / a cache keeps re-cent en-tries
#     close at hand (10) / e-vic-tion re-moves the least re-cent-ly used (11)
#     / mem-o-ry is lim-it-ed (7) / so we mea-sure the hit rate (7)           = 46
LAYOUTS: dict[str, tuple[list[str | float], int]] = {
    "A": (
        [
            "A hash table maps keys to values.",
            0.4,
            "Lookups take constant time on average.",
            1.0,
            "Collisions are handled by chaining.",
            3.6,
            "Or by open addressing.",
            0.7,
            "That is all.",
            1.5,
        ],
        38,
    ),
    "B": (
        [
            3.0,
            "A binary search halves the range each step.",
            6.0,
            "It needs a sorted array.",
            1.4,
            "The cost is logarithmic in the size.",
            0.5,
            "Each comparison discards half.",
            2.0,
        ],
        35,
    ),
    "C": (
        [
            1.2,
            "Indexes make reads faster and writes slower.",
            1.0,
            "A cache keeps recent entries close at hand.",
            4.2,
            "Eviction removes the least recently used.",
            0.6,
            "Memory is limited.",
            2.5,
            "So we measure the hit rate.",
            0.8,
        ],
        46,
    ),
}


@pytest.fixture(scope="module")
def cached_speech() -> Iterator[None]:
    """espeak-ng run once per phrase for the whole module (it and its resampling are the
    slow part of a layout)."""
    spoken: dict[tuple[str, int], array[int]] = {}
    original = speech_samples.speak

    def speak(text: str, *, speed: int = 160) -> array[int]:
        if (text, speed) not in spoken:
            spoken[text, speed] = original(text, speed=speed)
        return spoken[text, speed]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(speech_samples, "speak", speak)
        yield


@pytest.fixture(scope="module")
def layouts(cached_speech: None) -> dict[str, Layout]:
    return {name: lay_out(parts) for name, (parts, _) in LAYOUTS.items()}


@pytest.fixture(scope="module")
def minute_of_speech(layouts: dict[str, Layout]) -> Layout:
    """About 60 s of an answer: every phrase of the three layouts (already spoken, so
    cached) twice, short gaps."""
    phrases = [part for parts, _ in LAYOUTS.values() for part in parts if isinstance(part, str)]
    parts: list[str | float] = [0.5]
    for text in phrases * 2:
        parts += [text, 0.45]
    return lay_out(parts, seed=11)


# -- helpers --------------------------------------------------------------------------------


def measure_samples(samples: array[int]) -> SpeechMetrics:
    return metrics.measure(levels.levels_of(samples, RATE))


def _near(pause: tuple[float, float], others: list[tuple[float, float]]) -> bool:
    start, length = pause
    return any(
        abs(start - other_start) <= PAUSE_TOLERANCE
        and abs(length - other_length) <= PAUSE_TOLERANCE
        for other_start, other_length in others
    )


def assert_matches_layout(found: SpeechMetrics, layout: Layout, syllables: int | None) -> None:
    """``found`` agrees with the truth of ``layout`` within the tolerances above."""
    truth = layout.pauses
    measured = list(found.pauses)
    assert found.heard
    assert found.first_word is not None
    assert abs(found.first_word - layout.phrases[0][0]) <= FIRST_WORD_TOLERANCE
    assert abs(found.talk - layout.talk) <= TALK_TOLERANCE * layout.talk, (found.talk, layout.talk)
    for pause in truth:
        if pause[1] >= 1.0:
            assert _near(pause, measured), f"pause {pause} not found in {measured}"
    for pause in measured:
        if pause[1] >= 1.0:
            assert _near(pause, truth), f"pause {pause} is not in the layout {truth}"
    assert found.long_pauses == sum(1 for _, length in truth if length > metrics.LONG_PAUSE)
    assert abs(found.longest_pause - max(length for _, length in truth)) <= PAUSE_TOLERANCE
    silence_share = sum(length for _, length in truth) / layout.talk
    assert abs(found.silence_share - silence_share) <= SILENCE_SHARE_TOLERANCE
    if syllables is not None:
        rate = found.syllables_per_minute
        assert rate is not None
        expected = syllables * 60.0 / layout.talk
        assert abs(rate - expected) <= RATE_TOLERANCE * expected, (rate, expected)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def white_noise(seconds: float, amplitude: int, seed: int = 3) -> array[int]:
    noise = random.Random(seed)
    return array("h", (noise.randint(-amplitude, amplitude) for _ in range(round(seconds * RATE))))


# -- codec ----------------------------------------------------------------------------------


def test_a_tone_reads_back_as_long_and_as_loud(tmp_path: Path) -> None:
    path = tmp_path / "tone.opus"
    written = tone(2.5)
    codec.write(path, codec.Pcm(written))
    back = codec.read(path)
    assert back.rate == RATE
    assert abs(back.seconds - 2.5) <= 0.02
    # the tone itself, not silence of the same length
    assert abs(levels.level_db(back.samples) - levels.level_db(written)) <= 1.0


@needs_espeak
def test_a_minute_of_speech_is_small_ogg_opus_16k_mono(
    tmp_path: Path, minute_of_speech: Layout
) -> None:
    seconds = len(minute_of_speech.samples) / RATE
    assert 55 <= seconds <= 75
    path = tmp_path / "answer.opus"
    codec.write(path, codec.Pcm(minute_of_speech.samples))
    data = path.read_bytes()
    assert data.startswith(b"OggS")
    head = data.find(b"OpusHead")  # RFC 7845: version, channels, pre-skip, input rate
    assert 0 < head < 100
    assert data[head + 9] == 1
    assert int.from_bytes(data[head + 12 : head + 16], "little") == RATE
    info = soundfile.info(str(path))
    assert (info.format, info.subtype, info.samplerate, info.channels) == ("OGG", "OPUS", RATE, 1)
    megabytes_a_minute = len(data) / 1e6 / (seconds / 60)
    assert megabytes_a_minute < 0.5
    assert abs(codec.read(path).seconds - seconds) <= 0.02


@needs_espeak
def test_soundfile_decodes_the_same_samples(tmp_path: Path, layouts: dict[str, Layout]) -> None:
    """A second reader (soundfile's own binding) agrees on every recording we write."""
    for name, samples in [("tone", tone(1.234)), ("speech", layouts["C"].samples)]:
        path = tmp_path / f"{name}.opus"
        codec.write(path, codec.Pcm(samples))
        ours = codec.read(path)
        theirs, rate = soundfile.read(str(path), dtype="int16")
        assert rate == RATE
        assert soundfile.info(str(path)).frames == len(ours.samples) == len(theirs)
        assert theirs.tobytes() == ours.samples.tobytes()


@pytest.mark.parametrize("kept", [0.2, 0.6, 0.95])
def test_a_file_cut_short_reads_back_its_leading_part(tmp_path: Path, kept: float) -> None:
    whole_path = tmp_path / "whole.opus"
    codec.write(whole_path, codec.Pcm(tone(8.0, amplitude=12000)))
    whole = codec.read(whole_path)
    data = whole_path.read_bytes()
    cut_path = tmp_path / "cut.opus"
    cut_path.write_bytes(data[: int(len(data) * kept)])
    cut = codec.read(cut_path)
    # every whole page survives: at most a page (250 ms) and the last partial one lost
    assert cut.seconds >= kept * whole.seconds - 2 * codec.PAGE_MS / 1000 - 0.2
    assert cut.seconds < whole.seconds
    assert cut.samples == whole.samples[: len(cut.samples)]


def test_a_recording_killed_before_its_first_page_is_empty_not_an_error(
    tmp_path: Path,
) -> None:
    whole_path = tmp_path / "whole.opus"
    codec.write(whole_path, codec.Pcm(tone(3.0)))
    headers = whole_path.read_bytes()[:120]  # the Ogg/Opus headers, no audio page yet
    assert headers.startswith(b"OggS")
    cut_path = tmp_path / "cut.opus"
    cut_path.write_bytes(headers)
    assert codec.read(cut_path).seconds == 0.0
    assert not metrics.measure(levels.levels_of(codec.read(cut_path).samples, RATE)).heard


def test_missing_or_garbage_files_name_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.opus"
    garbage = tmp_path / "garbage.opus"
    garbage.write_bytes(b"not a recording at all " * 50)
    empty = tmp_path / "empty.opus"
    empty.write_bytes(b"")
    for path in (missing, garbage, empty):
        with pytest.raises(codec.CodecError) as caught:
            codec.read(path)
        assert str(path) in str(caught.value)
    nowhere = tmp_path / "no such folder" / "x.opus"
    with pytest.raises(codec.CodecError) as caught:
        codec.OpusWriter(nowhere)
    assert str(nowhere) in str(caught.value)


# -- metrics ----------------------------------------------------------------------------------


@needs_espeak
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_metrics_match_the_layout(layouts: dict[str, Layout], name: str) -> None:
    layout = layouts[name]
    found = measure_samples(layout.samples)
    assert abs(found.recorded - len(layout.samples) / RATE) <= 0.01
    assert_matches_layout(found, layout, LAYOUTS[name][1])


@needs_espeak
def test_the_layouts_cover_what_the_metrics_must_tell(layouts: dict[str, Layout]) -> None:
    """A guard on the test material itself: pauses from 0.4 to 6 s, some over 3 s, leading
    silence from none to 3 s."""
    pauses = [length for layout in layouts.values() for _, length in layout.pauses]
    assert min(pauses) == pytest.approx(0.4) and max(pauses) == pytest.approx(6.0)
    assert sum(1 for length in pauses if length > metrics.LONG_PAUSE) >= 3
    leads = sorted(layout.phrases[0][0] for layout in layouts.values())
    assert leads == pytest.approx([0.0, 1.2, 3.0])


@needs_espeak
def test_metrics_survive_the_codec(tmp_path: Path, layouts: dict[str, Layout]) -> None:
    """What the app measures is the file, not the samples it was given."""
    layout = layouts["B"]
    path = tmp_path / "b.opus"
    codec.write(path, codec.Pcm(layout.samples))
    assert_matches_layout(measure_samples(codec.read(path).samples), layout, LAYOUTS["B"][1])


@pytest.mark.parametrize(
    "samples",
    [
        array("h", bytes(2 * 5 * RATE)),  # digital silence
        white_noise(5.0, speech_samples.NOISE),  # a quiet room
        white_noise(5.0, 3000, seed=5),  # a loud fan, nothing said
    ],
    ids=["silence", "quiet-room", "loud-noise"],
)
def test_nothing_said_is_not_heard(samples: array[int]) -> None:
    found = measure_samples(samples)
    assert not found.heard
    assert found.first_word is None
    assert found.talk == 0.0
    assert found.pauses == ()
    assert found.syllables_per_minute is None
    assert found.recorded == pytest.approx(5.0, abs=0.01)


def test_nothing_at_all_is_not_heard() -> None:
    found = metrics.measure([])
    assert not found.heard and found.recorded == 0.0 and found.longest_pause == 0.0


@pytest.mark.parametrize("amplitude", [20000, 32767])
def test_a_loud_tone_does_not_crash_the_metrics(amplitude: int) -> None:
    samples = tone(4.0, amplitude=amplitude)
    found = measure_samples(samples)
    assert found.recorded == pytest.approx(4.0, abs=0.01)
    assert 0.0 <= found.silence_share <= 1.0
    # and a tone that starts after a silence: heard, from its start
    found = measure_samples(array("h", bytes(2 * RATE)) + samples)
    assert found.heard and found.first_word == pytest.approx(1.0, abs=0.1)
    assert found.talk == pytest.approx(4.0, abs=0.1)


@needs_espeak
def test_metrics_json_round_trip(layouts: dict[str, Layout]) -> None:
    found = measure_samples(layouts["A"].samples)
    assert found.pauses
    assert SpeechMetrics.from_json(found.to_json()) == found
    nothing = metrics.measure([levels.FLOOR_DB] * 300)
    assert SpeechMetrics.from_json(nothing.to_json()) == nothing


# -- capture ----------------------------------------------------------------------------------


@needs_espeak
def test_capture_records_the_whole_answer(tmp_path: Path, layouts: dict[str, Layout]) -> None:
    layout = layouts["C"]
    length = len(layout.samples) / RATE
    path = tmp_path / "recordings" / "c.opus"
    capture = Capture(FileBackend(layout.samples, pace=CAPTURE_PACE), path)
    capture.start()
    wait_until(lambda: capture.seconds >= length, 30.0, "the recording to reach its length")
    recorded = capture.stop()
    assert capture.error is None
    assert recorded.path == path
    back = codec.read(path)
    assert back.seconds >= length
    assert abs(len(recorded.levels) / levels.FRAMES_PER_SECOND - back.seconds) <= 0.01
    assert_matches_layout(recorded.metrics, layout, LAYOUTS["C"][1])
    assert_matches_layout(measure_samples(back.samples), layout, LAYOUTS["C"][1])


@needs_espeak
def test_capture_pauses_and_resumes(tmp_path: Path, layouts: dict[str, Layout]) -> None:
    capture = Capture(FileBackend(layouts["A"].samples, pace=CAPTURE_PACE), tmp_path / "a.opus")
    capture.start()
    wait_until(lambda: capture.seconds >= 2.0, 30.0, "two seconds recorded")
    capture.pause()
    assert not capture.recording
    time.sleep(0.05)  # the blocks already queued are written
    paused_at = capture.seconds
    time.sleep(0.3)  # 6 s of audio at this pace, were it still recording
    assert capture.seconds == paused_at
    capture.start()
    said = len(layouts["A"].samples) / RATE
    wait_until(lambda: capture.seconds >= said, 30.0, "the rest of the answer")
    recorded = capture.stop()
    back = codec.read(tmp_path / "a.opus")
    assert abs(back.seconds - len(recorded.levels) / levels.FRAMES_PER_SECOND) <= 0.01
    # resumed where it left off: what was said is all there, in order, once
    assert_matches_layout(recorded.metrics, layouts["A"], LAYOUTS["A"][1])


@needs_espeak
def test_capture_level_follows_the_voice(tmp_path: Path, layouts: dict[str, Layout]) -> None:
    layout = layouts["C"]
    length = len(layout.samples) / RATE
    capture = Capture(FileBackend(layout.samples, pace=CAPTURE_PACE), tmp_path / "c.opus")
    polls: list[tuple[float, float]] = []
    capture.start()
    deadline = time.monotonic() + 30.0
    while capture.seconds < length and time.monotonic() < deadline:
        polls.append((capture.seconds, capture.level))
        time.sleep(0.001)
    capture.stop()
    silences = [(0.0, layout.phrases[0][0])]
    silences += [(start, start + pause) for start, pause in layout.pauses]
    silences.append((layout.phrases[-1][1], length))

    def well_inside(at: float, spans: list[tuple[float, float]]) -> bool:
        # the level is of the last 50 ms before ``at``; keep 100 ms off each edge
        return any(start + 0.15 <= at <= end - 0.1 for start, end in spans)

    in_speech = [level for at, level in polls if well_inside(at, layout.phrases)]
    in_silence = [level for at, level in polls if well_inside(at, silences)]
    assert len(in_speech) >= 20 and len(in_silence) >= 20
    loud = sum(1 for level in in_speech if level > -40.0)
    assert loud >= 0.8 * len(in_speech)  # between words it dips: most of the time, high
    assert max(in_silence) < -60.0


# -- playback ---------------------------------------------------------------------------------


def test_playback_moves_pauses_and_seeks() -> None:
    pcm = codec.Pcm(tone(3.0))
    player = Playback(FileBackend(array("h"), pace=1.0), pcm)
    assert player.seconds == pytest.approx(3.0)
    assert (player.position, player.playing) == (0, False)
    try:
        player.play()
        assert player.playing
        time.sleep(0.3)
        assert 0.1 <= player.elapsed <= 0.9
        player.pause()
        assert not player.playing
        stopped_at = player.position
        time.sleep(0.2)
        assert player.position == stopped_at
        player.seek(2.0)
        assert player.elapsed == pytest.approx(2.0)
        player.play()
        time.sleep(0.2)
        assert 2.05 <= player.elapsed <= 2.8
        player.pause()
        player.seek(-5.0)
        assert player.position == 0
        player.seek(99.0)
        assert player.finished
    finally:
        player.close()


def test_playback_at_the_end_starts_again() -> None:
    pcm = codec.Pcm(tone(0.3))
    player = Playback(FileBackend(array("h"), pace=1.0), pcm)
    try:
        player.play()
        wait_until(lambda: not player.playing, 5.0, "the end of the recording")
        assert player.finished
        assert player.position == len(pcm.samples)
        player.play()  # from the start again
        assert player.playing
        assert player.elapsed < 0.15
        wait_until(lambda: player.position > 0, 2.0, "playing to start again")
        wait_until(lambda: not player.playing, 5.0, "the end again")
        assert player.finished
    finally:
        player.close()


# -- recordings -------------------------------------------------------------------------------


def test_new_name_says_session_question_and_time() -> None:
    name = recordings.new_name(12, 2, datetime(2026, 12, 2, 14, 25, 1))
    assert name == "s12-q3-20261202-142501.opus"
    assert recordings.is_name(name)


@pytest.mark.parametrize(
    "name",
    ["../x.opus", "/etc/passwd", "x.wav", "x", "sub/x.opus", ".hidden.opus", "a..opus", ""],
)
def test_path_of_refuses_anything_but_a_plain_name(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        recordings.path_of(tmp_path, name)


def test_path_of_a_plain_name_is_in_the_folder(tmp_path: Path) -> None:
    assert recordings.path_of(tmp_path, "s1-q1-20260101-000000.opus") == (
        tmp_path / "s1-q1-20260101-000000.opus"
    )


def _recording(folder: Path, name: str, age_days: float, now: float, size: int = 100) -> Path:
    path = folder / name
    path.write_bytes(b"x" * size)
    when = now - age_days * recordings.DAY
    os.utime(path, (when, when))
    return path


def test_expired_honours_keep_days(tmp_path: Path) -> None:
    now = time.time()
    _recording(tmp_path, "old.opus", 40, now)
    _recording(tmp_path, "month.opus", 29, now)
    _recording(tmp_path, "new.opus", 0.1, now)
    _recording(tmp_path, "ancient.txt", 400, now)  # not a recording: never touched
    assert recordings.expired(tmp_path, 30, now) == ["old.opus"]
    assert recordings.expired(tmp_path, 7, now) == ["old.opus", "month.opus"]
    assert recordings.expired(tmp_path, 0, now) == []  # 0: keep forever
    assert recordings.expired(tmp_path / "none yet", 7, now) == []
    assert recordings.expired(tmp_path, 30) == ["old.opus"]  # now defaults to the clock


def test_delete_deletes_only_existing_plain_names(tmp_path: Path) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    now = time.time()
    _recording(folder, "a.opus", 1, now)
    _recording(folder, "b.opus", 1, now)
    outside = _recording(tmp_path, "x.opus", 1, now)
    deleted = recordings.delete(
        folder, ["a.opus", "missing.opus", "../x.opus", None, "", str(outside), "a.opus"]
    )
    assert deleted == ["a.opus"]
    assert not (folder / "a.opus").exists()
    assert (folder / "b.opus").exists() and outside.exists()


def test_usage_counts_recordings_and_bytes(tmp_path: Path) -> None:
    now = time.time()
    assert recordings.usage(tmp_path / "none yet") == (0, 0)
    _recording(tmp_path, "a.opus", 1, now, size=1000)
    _recording(tmp_path, "b.opus", 2, now, size=234)
    _recording(tmp_path, "notes.txt", 2, now, size=5000)
    assert recordings.usage(tmp_path) == (2, 1234)
    assert [p.name for p in recordings.files(tmp_path)] == ["b.opus", "a.opus"]  # oldest first


# -- the real sound hardware ------------------------------------------------------------------


def test_record_half_a_second_from_the_microphone(tmp_path: Path) -> None:
    backend = SoundDeviceBackend()
    try:
        devices = backend.input_devices()
    except AudioUnavailable as exc:
        pytest.skip(f"no sound library: {exc}")
    if not devices:
        pytest.skip("this machine has no input device (no microphone to record from)")
    path = tmp_path / "mic.opus"
    capture = Capture(backend, path)
    capture.start()
    wait_until(lambda: capture.seconds >= 0.5, 10.0, "half a second from the microphone")
    recorded = capture.stop()
    assert capture.error is None
    assert codec.read(path).seconds >= 0.5
    assert recorded.metrics.recorded >= 0.5


class PortAudioError(Exception):
    """Stands for sounddevice's own, raised by its import when PortAudio cannot start."""


@pytest.mark.parametrize(
    "failure",
    [OSError("PortAudio library not found"), PortAudioError("Error initializing PortAudio")],
    ids=["library-missing", "cannot-start"],
)
def test_a_missing_portaudio_is_named(monkeypatch: pytest.MonkeyPatch, failure: Exception) -> None:
    real_import = builtins.__import__

    def without_portaudio(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "sounddevice":
            raise failure  # what ``import sounddevice`` raises
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_portaudio)
    backend = SoundDeviceBackend()
    for attempt in (
        backend.input_devices,
        backend.output_devices,
        backend.version,
        lambda: backend.open_input(RATE, 800, lambda block: None),
        lambda: backend.open_output(RATE, 800, lambda frames: b""),
    ):
        with pytest.raises(AudioUnavailable, match="PortAudio"):
            attempt()
