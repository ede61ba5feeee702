"""``interview-prep --self-test``: prove that an installed app works, in any form of install.

It runs what a first start needs, against a temporary data directory, and prints each
check: Qt starts (offscreen unless a display is set), the main window is built, the bundled
bank loads, an answer renders to HTML and shows in an answer pane, an attempt is stored
and read back through the database (migrations included), a recording is encoded to
Ogg/Opus and decoded again (the bundled libsndfile), PortAudio loads and lists the sound
devices (none is fine: a machine without a microphone; PortAudio missing is not), Help >
About finds every component's version (a bundle without the packages' metadata showed
"bundled"), and Qt's ICU services still work (collation, time zone names: the .deb trims
ICU's data). Exit code 0 when all pass; otherwise 1, naming the failed check and its reason.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO


def run_self_test(out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks: list[tuple[str, Callable[[dict[str, object]], str]]] = [
        ("Qt starts", _qt),
        ("the bundled bank loads", _bank),
        ("the main window opens", _window),
        ("an answer renders", _render),
        ("an attempt is stored and read back", _attempt),
        ("a recording is encoded and decoded", _recording),
        ("PortAudio lists the sound devices", _sound_devices),
        ("Help > About names every component's version", _components),
        ("Qt sorts and names time zones in other languages", _text_services),
    ]
    state: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="interview-prep-self-test-") as data_dir:
        state["data_dir"] = Path(data_dir)
        for name, check in checks:
            try:
                detail = check(state)
            except Exception as exc:  # the point is to report anything at all
                print(f"FAIL  {name}: {type(exc).__name__}: {exc}", file=out)
                traceback.print_exc(limit=3)
                _close(state)
                return 1
            print(f"ok    {name}: {detail}", file=out)
        _close(state)
    print("self-test passed", file=out)
    return 0


def _components(state: dict[str, object]) -> str:
    from .about_dialog import component_rows

    rows = component_rows()
    unknown = [name for name, version, _licence in rows if not version[:1].isdigit()]
    if unknown:
        raise RuntimeError(
            f"no version found for {', '.join(unknown)} (package metadata or library)"
        )
    return ", ".join(f"{name} {version}" for name, version, _licence in rows[:4]) + ", …"


def _recording(state: dict[str, object]) -> str:
    """A 1 s tone through the bundled libsndfile to Ogg/Opus and back: same length (within
    20 ms) and about the same loudness."""
    import math
    from array import array

    from ..audio import codec

    step = 2 * math.pi * 440.0 / codec.RATE
    tone = array("h", (round(8000 * math.sin(step * k)) for k in range(codec.RATE)))
    path = Path(str(state["data_dir"])) / f"self-test{codec.EXTENSION}"
    codec.write(path, codec.Pcm(tone))
    decoded = codec.read(path)
    if abs(decoded.seconds - 1.0) > 0.020:
        raise RuntimeError(f"a 1.000 s tone came back {decoded.seconds:.3f} s long")

    def rms(samples: array[int]) -> float:
        return math.sqrt(sum(v * v for v in samples) / max(1, len(samples)))

    if not 0.8 <= rms(decoded.samples) / rms(tone) <= 1.2:
        raise RuntimeError(f"a tone of RMS {rms(tone):.0f} came back {rms(decoded.samples):.0f}")
    return (
        f"libsndfile {codec.library_version().removeprefix('libsndfile-')}, 1 s tone → "
        f"{path.stat().st_size / 1000:.1f} kB Ogg/Opus → {decoded.seconds:.3f} s"
    )


def _sound_devices(state: dict[str, object]) -> str:
    """PortAudio loads (the system's libportaudio2 on Linux) and lists the devices; a machine
    without any (a server, CI) passes, and the line says so."""
    from ..audio.backend import SoundDeviceBackend
    from ..wording import plural

    backend = SoundDeviceBackend()
    version = backend.version()  # AudioUnavailable, naming the package, when it is missing
    inputs, outputs = backend.input_devices(), backend.output_devices()
    found = version.split(",")[0].replace(" V", " ")
    return (
        f"{found}, {plural(len(inputs), 'input device')}, {plural(len(outputs), 'output device')}"
    )


def _text_services(state: dict[str, object]) -> str:
    """Collation and time zone names come from ICU's data, which the .deb trims."""
    from PySide6.QtCore import QCollator, QLocale, QTimeZone

    collator = QCollator(QLocale("de_DE"))
    ordered = sorted(["zebra", "Bär", "Äpfel", "apfel"], key=collator.sortKey)
    if ordered != ["apfel", "Äpfel", "Bär", "zebra"]:
        raise RuntimeError(f"German words sorted as {ordered}")
    zone = QTimeZone(b"Europe/Berlin")
    if not zone.isValid():  # no time zone database on this system: nothing to name
        return "German collation (no time zone database here)"
    names = [
        zone.displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(language)
        )
        for language in ("en_US", "de_DE")
    ]
    if names[0] == names[1] or any(name.startswith(("GMT", "UTC")) for name in names):
        raise RuntimeError(f"Europe/Berlin named {names} (no time zone names)")
    return f"German collation, Europe/Berlin named {names[1]!r}"


def _close(state: dict[str, object]) -> None:
    window = state.pop("window", None)
    if window is not None:
        window.close()  # type: ignore[attr-defined]


def _qt(state: dict[str, object]) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from ..app import application

    app = application()
    return f"Qt {qVersion()}, PySide6 {pyside_version}, platform {app.platformName()}"


def _bank(state: dict[str, object]) -> str:
    from ..bank.loader import load_catalog
    from ..paths import bundled_bank_dir

    folder = bundled_bank_dir()
    catalog = load_catalog(folder, None)
    if not len(catalog):
        raise RuntimeError(f"no questions in {folder}")
    if catalog.problems:
        raise RuntimeError("; ".join(str(p) for p in catalog.problems[:3]))
    state["catalog"] = catalog
    return f"{len(catalog)} questions in {len(catalog.banks)} banks from {folder}"


def _window(state: dict[str, object]) -> str:
    from PySide6.QtWidgets import QApplication

    from ..app import create_window

    window = create_window(Path(str(state["data_dir"])))
    window.show()
    QApplication.processEvents()
    state["window"] = window
    return f"{window.windowTitle()!r}, {window.width()}×{window.height()}"


def _render(state: dict[str, object]) -> str:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from ..bank.model import Catalog
    from ..render import render_answer
    from ..ui.answer_view import AnswerView

    catalog = state["catalog"]
    assert isinstance(catalog, Catalog)
    answer = next(q.answer for q in catalog.questions() if q.answer and "```python" in q.answer)
    html = render_answer(answer)
    if "<table" not in html or "<span style" not in html:
        raise RuntimeError("code was not highlighted")
    view = AnswerView()
    view.show_markdown(answer)
    deadline = time.monotonic() + 30
    while view.rendering and time.monotonic() < deadline:  # rendered on a worker thread
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    if view.rendering or not view.toPlainText().strip():
        raise RuntimeError("the answer pane stayed empty")
    return f"{len(html)} characters of HTML with highlighted code"


def _attempt(state: dict[str, object]) -> str:
    from ..practice.rating import Rating
    from ..practice.recorder import AttemptRecord
    from ..store import Database
    from ..store.attempts import attempts_for_question
    from ..store.models import Attempt
    from ..store.session_log import StoreRecorder
    from ..ui.main_window import MainWindow

    window = state["window"]
    assert isinstance(window, MainWindow)

    def store_and_read(database: Database) -> tuple[int, list[Attempt]]:
        recorder = StoreRecorder(database)
        now = datetime.now(UTC)
        session = recorder.session_started({"self_test": True}, now)
        recorder.question_finished(
            session,
            AttemptRecord(
                position=0, question_id="self-test", question_text="Does it work?",
                topic="Self-test", bank_id="", started_at=now,
                ended_at=now + timedelta(seconds=5), duration_seconds=5.0,
                time_limit_seconds=60, notes="yes", rating=Rating.GOOD, revealed_at=None,
                skipped=False,
            ),
            None,
            now,
        )  # fmt: skip
        return session, attempts_for_question(database, "self-test")

    # As the app does it: on the database thread (the UI thread may not touch SQLite).
    outcome: list[tuple[int, list[Attempt]] | BaseException] = []

    def job() -> None:
        try:
            outcome.append(store_and_read(window.database))
        except Exception as error:
            outcome.append(error)

    window.link.writer.submit(job)
    if not window.link.writer.flush(timeout=30) or not outcome:
        raise RuntimeError("the database thread did not answer within 30 s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    session, stored = outcome[0]
    if [(a.notes, a.rating) for a in stored] != [("yes", 3)]:
        raise RuntimeError(f"read back {stored!r}")
    return f"session {session} in {window.database.path.name}"
