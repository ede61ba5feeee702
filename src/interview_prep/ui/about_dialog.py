"""Help → About: the version, where the data lives (with a button to open it), and the
licences of the components bundled with the app."""

from __future__ import annotations

import html
import re
import sys
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import __version__

#: (distribution, shown name, licence) of what an installed app carries.
COMPONENTS = (
    ("PySide6-Essentials", "Qt for Python (PySide6) and Qt", "LGPL-3.0-only"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("alembic", "Alembic", "MIT"),
    ("Markdown", "Python-Markdown", "BSD-3-Clause"),
    ("pymdown-extensions", "PyMdown Extensions", "MIT"),
    ("Pygments", "Pygments", "BSD-2-Clause"),
    ("PyYAML", "PyYAML", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("ftfy", "ftfy", "Apache-2.0"),
    ("nh3", "nh3 (ammonia)", "MIT"),
    ("fsrs", "FSRS (py-fsrs)", "MIT"),
    ("sounddevice", "python-sounddevice", "MIT"),
    ("cffi", "CFFI", "MIT"),
)


def _libsndfile_version() -> str:
    from ..audio import codec

    return codec.library_version().removeprefix("libsndfile-")


def _portaudio_version() -> str:
    from ..audio.backend import SoundDeviceBackend

    text = SoundDeviceBackend().version()  # "PortAudio V19.6.0-devel, revision …"
    found = re.search(r"\bV?(\d+(?:\.\d+)+[\w.-]*)", text)
    return found[1] if found else text


#: (shown name, version lookup, licence) of the native libraries recording runs on: the
#: bundled libsndfile (Ogg/Opus) and the system's PortAudio (sound devices).
LIBRARIES = (
    ("libsndfile", _libsndfile_version, "LGPL-2.1-or-later"),
    ("PortAudio", _portaudio_version, "MIT"),
)


def component_rows() -> list[tuple[str, str, str]]:
    """``(name, version, licence)`` for Python and every bundled component, then the native
    audio libraries ("not found" for one that cannot be loaded: recording is optional)."""
    rows = [("Python", sys.version.split()[0], "PSF-2.0")]
    for distribution, name, licence in COMPONENTS:
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            version = "bundled"
        rows.append((name, version, licence))
    for name, lookup, licence in LIBRARIES:
        try:
            version = lookup()
        except Exception:  # missing or unloadable library: About still opens
            version = "not found"
        rows.append((name, version, licence))
    return rows


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Interview Prep")
        self.data_dir = data_dir
        title = QLabel(f"<h2>Interview Prep {html.escape(__version__)}</h2>")
        title.setObjectName("aboutVersion")
        blurb = QLabel(
            "Rehearse technical interviews offline: your bank, timed mock interviews and a "
            "private history. No account, no network."
        )
        blurb.setWordWrap(True)
        self.folder_label = QLabel(f"Your data: <code>{html.escape(str(data_dir))}</code>")
        self.folder_label.setObjectName("aboutDataFolder")
        self.folder_label.setWordWrap(True)
        self.open_button = QPushButton("Open data folder")
        self.open_button.setObjectName("openDataFolderButton")
        self.open_button.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_button)
        self.licences = QTextBrowser()
        self.licences.setObjectName("aboutLicences")
        rows = "".join(
            f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td><td>{html.escape(lic)}</td></tr>"
            for n, v, lic in component_rows()
        )
        self.licences.setHtml(
            "<p>Interview Prep is free software (MIT). It is built with:</p>"
            '<table cellpadding="3"><tr><th align="left">Component</th>'
            '<th align="left">Version</th><th align="left">Licence</th></tr>'
            f"{rows}</table>"
            "<p>Uninstalling the app keeps your data folder; delete it yourself to remove "
            "your history.</p>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(folder_row)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def open_data_folder(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
