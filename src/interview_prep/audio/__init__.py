"""Speaking practice without a network or a speech model: capture, Ogg/Opus files, metrics.

Qt-free like the rest of the core. ``backend`` reaches the sound hardware (PortAudio through
sounddevice) or, for tests and demos, a file (``file_backend``); ``capture`` streams what the
microphone hears into a file in ``recordings/`` as it is said; ``codec`` writes and reads
those files (libsndfile); ``levels`` turns samples into the loudness envelope that
``metrics`` measures and the waveform draws; ``playback`` plays a recording back;
``recordings`` keeps the folder (names, retention, deletion); ``transcription`` is the seam
a future offline speech-to-text engine plugs into.
"""
