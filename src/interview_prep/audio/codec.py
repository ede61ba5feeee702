"""Ogg/Opus recordings written and read through libsndfile, 16-bit mono samples in and out.

libsndfile is the maintained codec library (Opus in an Ogg container since 1.0.29); the
soundfile wheel carries a build of it for every platform, and a system one is used when the
wheel's is missing. The binding is a few declarations through cffi, as sounddevice binds
PortAudio: soundfile's own module needs numpy, which would add about 40 MB to the installed
app for nothing the app uses.

A writer asks the Ogg layer for a page every ``PAGE_MS`` milliseconds, so the file on disk
is never more than that behind what was recorded: after a crash or ``kill -9`` the file
reads back up to its last whole page.
"""

from __future__ import annotations

import ctypes.util
import os
import platform
import sys
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

import cffi

RATE: Final = 16_000  # samples a second: speech needs no more
PAGE_MS: Final = 250.0  # the longest stretch of audio not yet on disk
EXTENSION: Final = ".opus"

_SFM_READ, _SFM_WRITE = 0x10, 0x20
_FORMAT_OGG_OPUS = 0x200000 | 0x0064
_SFC_SET_OGG_PAGE_LATENCY_MS = 0x1302

_DECLARATIONS = """
typedef int64_t sf_count_t;
typedef struct SNDFILE_tag SNDFILE;
typedef struct {
    sf_count_t frames; int samplerate; int channels; int format; int sections; int seekable;
} SF_INFO;
SNDFILE* sf_open(const char *path, int mode, SF_INFO *sfinfo);
int sf_command(SNDFILE *sndfile, int command, void *data, int datasize);
sf_count_t sf_writef_short(SNDFILE *sndfile, const short *ptr, sf_count_t frames);
sf_count_t sf_readf_short(SNDFILE *sndfile, short *ptr, sf_count_t frames);
void sf_write_sync(SNDFILE *sndfile);
int sf_close(SNDFILE *sndfile);
const char* sf_strerror(SNDFILE *sndfile);
const char* sf_version_string(void);
"""


class CodecError(OSError):
    """A recording could not be written or read; the message names the file."""


@dataclass(frozen=True, slots=True)
class Pcm:
    """Decoded audio: 16-bit mono samples at ``rate`` a second."""

    samples: array[int]
    rate: int = RATE

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def _library_candidates() -> list[str]:
    found: list[str] = []
    try:
        import _soundfile_data  # the soundfile wheel's own build of libsndfile

        folder = Path(next(iter(_soundfile_data.__path__)))
        machine = platform.machine().lower()
        names = sorted(p.name for p in folder.glob("libsndfile*") if p.is_file())
        names.sort(key=lambda name: machine not in name.lower())  # this machine's first
        found += [str(folder / name) for name in names]
    except (ImportError, StopIteration):
        pass
    system = ctypes.util.find_library("sndfile")
    if system:
        found.append(system)
    found.append("libsndfile.so.1" if sys.platform.startswith("linux") else "libsndfile")
    return found


@cache
def _binding() -> tuple[cffi.FFI, Any]:
    ffi = cffi.FFI()
    ffi.cdef(_DECLARATIONS)
    reasons = []
    for candidate in _library_candidates():
        try:
            return ffi, ffi.dlopen(candidate)
        except OSError as exc:
            reasons.append(f"{candidate}: {exc}")
    raise CodecError("libsndfile cannot be loaded (" + "; ".join(reasons) + ")")


def library_version() -> str:
    """libsndfile's own version string, such as ``libsndfile-1.2.2``."""
    ffi, lib = _binding()
    return str(ffi.string(lib.sf_version_string()).decode())


def _open(path: Path, mode: int, info: Any) -> Any:
    ffi, lib = _binding()
    handle = lib.sf_open(os.fsencode(path), mode, info)
    if handle == ffi.NULL:
        reason = ffi.string(lib.sf_strerror(ffi.NULL)).decode(errors="replace")
        raise CodecError(f"{path}: {reason}")
    return handle


class OpusWriter:
    """An Ogg/Opus file being written, a page on disk at least every ``PAGE_MS``."""

    def __init__(self, path: Path, rate: int = RATE) -> None:
        ffi, lib = _binding()
        info = ffi.new("SF_INFO*")
        info.samplerate, info.channels, info.format = rate, 1, _FORMAT_OGG_OPUS
        self.path, self.rate, self.frames = path, rate, 0
        self._handle = _open(path, _SFM_WRITE, info)
        latency = ffi.new("double*", PAGE_MS)
        lib.sf_command(self._handle, _SFC_SET_OGG_PAGE_LATENCY_MS, latency, ffi.sizeof("double"))

    def write(self, pcm: bytes) -> None:
        """Append 16-bit native-endian mono samples."""
        ffi, lib = _binding()
        count = len(pcm) // 2
        if not count or self._handle is None:
            return
        written = lib.sf_writef_short(self._handle, ffi.from_buffer("short[]", pcm), count)
        if written != count:
            raise CodecError(f"{self.path}: only {written} of {count} samples were written")
        self.frames += count

    def sync(self) -> None:
        """Hand what the encoder holds to the operating system."""
        if self._handle is not None:
            _binding()[1].sf_write_sync(self._handle)

    def close(self) -> None:
        if self._handle is not None:
            _binding()[1].sf_close(self._handle)
            self._handle = None


_HEADERS_ONLY = 4096  # bytes: an Ogg/Opus file this small that libsndfile refuses holds no audio


def read(path: Path) -> Pcm:
    """Every sample of a recording, also one cut short by a crash (up to its last page).
    A recording cut off before its first page of audio reached the disk is empty."""
    ffi, lib = _binding()
    info = ffi.new("SF_INFO*")
    try:
        handle = _open(path, _SFM_READ, info)
    except CodecError:
        if path.is_file() and path.stat().st_size < _HEADERS_ONLY:
            with path.open("rb") as start:
                if start.read(4) == b"OggS":
                    return Pcm(array("h"))
        raise
    if info.channels != 1:
        lib.sf_close(handle)
        raise CodecError(f"{path}: {info.channels} channels; recordings are mono")
    samples: array[int] = array("h")
    chunk = ffi.new("short[]", 32_768)
    try:
        while (got := lib.sf_readf_short(handle, chunk, 32_768)) > 0:
            samples.frombytes(ffi.buffer(chunk, got * 2)[:])
    finally:
        lib.sf_close(handle)
    return Pcm(samples, info.samplerate)


def write(path: Path, pcm: Pcm) -> None:
    """A whole recording at once (the self-test's tone, tests, demos)."""
    writer = OpusWriter(path, pcm.rate)
    try:
        writer.write(pcm.samples.tobytes())
    finally:
        writer.close()
