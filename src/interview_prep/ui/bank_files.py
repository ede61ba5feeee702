"""Bank files in and out from the window: import documents (File → Import, or dropped on the
window) and export a bank as Markdown or YAML.

An import announces ``Change.BANK_FILES`` once it wrote the bank file; the catalogue
watcher reads the files again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow

from ..bank.model import Catalog
from .bank_browser import BankBrowser
from .catalog_watcher import CatalogWatcher
from .changes import Change, Changes
from .import_dialog import IMPORTABLE_SUFFIXES, ImportDialog


class BankFiles:
    def __init__(
        self,
        window: QMainWindow,
        watcher: CatalogWatcher,
        browser: BankBrowser,
        changes: Changes,
    ) -> None:
        self.window = window
        self.watcher = watcher
        self.browser = browser
        self.changes = changes

    @property
    def user_banks_dir(self) -> Path:
        return self.watcher.user_banks_dir

    @property
    def catalog(self) -> Catalog:
        return self.watcher.catalog

    def _status(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def choose_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            "Import questions",
            str(Path.home()),
            "Question documents (*.md *.markdown *.txt *.yaml *.yml)",
        )
        for name in names:
            self.open_import(Path(name))

    def open_import(self, path: Path) -> ImportDialog:
        dialog = ImportDialog(path, self.user_banks_dir, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _target: self.changes.announce(Change.BANK_FILES))
        dialog.open()
        return dialog

    @staticmethod
    def importable_files(mime: QMimeData) -> list[Path]:
        """The files dropped on the window that can be imported."""
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in IMPORTABLE_SUFFIXES]

    def export_bank(self) -> Path | None:
        """Write the bank of the selected question (or the first) as YAML or Markdown."""
        question = self.browser.current_question()
        bank = next(
            (
                b
                for b in self.catalog.banks
                if question and any(q.id == question.id for q in b.questions)
            ),
            self.catalog.banks[0] if self.catalog.banks else None,
        )
        if bank is None:
            return None
        name, chosen = QFileDialog.getSaveFileName(
            self.window,
            f"Export “{bank.title}”",
            str(Path.home() / f"{bank.id}.md"),
            "Markdown (*.md);;YAML bank (*.yaml)",
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".md", ".yaml", ".yml"):
            path = path.with_suffix(".yaml" if "YAML" in chosen else ".md")
        if path.suffix.lower() == ".md":
            from ..bank.export_markdown import write_markdown_file

            write_markdown_file(bank, path)
        else:
            from ..bank.yaml_write import write_bank_file

            write_bank_file(bank, path)
        self._status(f"Exported {len(bank.questions)} questions to {path}")
        return path
