"""The sound hardware behind one small interface, so that nothing else knows PortAudio.

``AudioBackend`` opens an input stream (16-bit mono blocks handed to a callback, on the
backend's own thread) and an output stream (asking a callback for each block to play).
``SoundDeviceBackend`` is the real one, PortAudio through sounddevice; ``file_backend`` has
one fed from a file, for tests, demos and machines without a microphone. Whatever goes wrong
opening a device becomes ``AudioUnavailable`` with a message a user can act on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Protocol

#: Receives each recorded block: 16-bit native-endian mono samples.
InputCallback = Callable[[bytes], None]
#: Asked for ``frames`` samples to play; returns fewer (or none) at the end.
OutputCallback = Callable[[int], bytes]


class AudioUnavailable(RuntimeError):
    """No sound device could be used; the message says what to do."""


class Stream(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


class AudioBackend(Protocol):
    name: str

    def input_devices(self) -> list[str]: ...
    def output_devices(self) -> list[str]: ...
    def open_input(self, rate: int, block: int, callback: InputCallback) -> Stream: ...
    def open_output(self, rate: int, block: int, callback: OutputCallback) -> Stream: ...


NO_MICROPHONE = (
    "No microphone could be opened{reason}. Check that one is connected and that Interview "
    "Prep may use it (on macOS and Windows: the privacy settings for the microphone; on "
    "Linux: the sound settings' input device). The session goes on without recording."
)


def _portaudio() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # the PortAudio library is missing
        hint = " (sudo apt-get install libportaudio2)" if sys.platform.startswith("linux") else ""
        raise AudioUnavailable(f"The sound library PortAudio is not installed{hint}.") from exc
    except Exception as exc:  # PortAudioError: the import starts PortAudio, which can fail
        raise AudioUnavailable(f"The sound library PortAudio could not start ({exc}).") from exc
    return sounddevice


class SoundDeviceBackend:
    """The computer's default microphone and speakers, through PortAudio."""

    name = "PortAudio"

    def _devices(self, kind: str) -> list[str]:
        sd = _portaudio()
        return [str(d["name"]) for d in sd.query_devices() if d[f"max_{kind}_channels"] > 0]

    def input_devices(self) -> list[str]:
        return self._devices("input")

    def output_devices(self) -> list[str]:
        return self._devices("output")

    def version(self) -> str:
        return str(_portaudio().get_portaudio_version()[1])

    def open_input(self, rate: int, block: int, callback: InputCallback) -> Stream:
        sd = _portaudio()

        def on_block(data: Any, frames: int, time: Any, status: Any) -> None:
            callback(bytes(data))

        try:
            stream: Stream = sd.RawInputStream(
                samplerate=rate, blocksize=block, channels=1, dtype="int16", callback=on_block
            )
        except Exception as exc:  # PortAudioError, or ValueError without any device
            raise AudioUnavailable(NO_MICROPHONE.format(reason=f" ({exc})")) from exc
        return stream

    def open_output(self, rate: int, block: int, callback: OutputCallback) -> Stream:
        sd = _portaudio()

        def on_block(out: Any, frames: int, time: Any, status: Any) -> None:
            data = callback(frames)
            out[: len(data)] = data
            if len(data) < len(out):
                out[len(data) :] = bytes(len(out) - len(data))
                raise sd.CallbackStop

        try:
            stream: Stream = sd.RawOutputStream(
                samplerate=rate, blocksize=block, channels=1, dtype="int16", callback=on_block
            )
        except Exception as exc:
            raise AudioUnavailable(f"No speakers or headphones could be opened ({exc}).") from exc
        return stream
