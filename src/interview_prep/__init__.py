"""Interview Prep: rehearse technical interviews offline.

The package is split in two layers, as Anki keeps ``pylib`` apart from ``aqt``:

* the core (``bank``, ``store``, ``paths``, ``cli``) never imports Qt, so it can be used and
  tested headless;
* ``interview_prep.ui`` holds the Qt widgets and is the only package that imports PySide6
  (with ``app`` and ``__main__``, the entry points).
"""

__version__ = "0.1.0"
