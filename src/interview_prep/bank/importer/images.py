"""Images in imported questions and answers: local ones travel with the bank.

A document's images are usually files next to it (``![schema](img/schema.png)``, or
``<img src="img/schema.png">``). The bank file lives elsewhere, so each such path is
resolved against the document's folder and, when the file is there, the reference is
rewritten to ``<bank id>-images/<path>`` inside the bank folder, where the import copies the
file (``bank.importing.store_import``). The renderer shows images only from inside the bank
folder, so that is also what makes them appear.

A remote image (``https://…``) is left as written: the renderer shows its alt text as a
link and never fetches it. A local image that is missing (or is not an image file) is
reported with its line and shows its alt text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from ...paths import IMAGE_SUFFIXES
from ..model import Problem, Severity

#: The largest image file copied with a bank.
MAX_IMAGE_BYTES = 20 * 1024 * 1024

_MARKDOWN_IMAGE = re.compile(r"(!\[[^\]]*\]\(\s*)(<[^>]*>|[^)\s]+)((?:\s+\"[^\"]*\")?\s*\))")
_HTML_IMAGE = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ImageCopy:
    """A file the bank's text now refers to as ``target`` (relative to the bank folder)."""

    source: Path
    target: str


def images_folder(bank_id: str) -> str:
    """The folder, inside the bank folder, that holds a bank's copied images."""
    return f"{bank_id}-images"


def _target_for(source: Path, document_dir: Path, bank_id: str) -> str:
    try:
        relative = PurePosixPath(source.relative_to(document_dir).as_posix())
    except ValueError:  # "../shared/x.png": outside the document's folder, named apart
        digest = hashlib.sha1(str(source).encode()).hexdigest()[:8]
        relative = PurePosixPath("elsewhere", f"{source.stem}-{digest}{source.suffix}")
    return f"{images_folder(bank_id)}/{relative}"


class ImageRewriter:
    """Points one document's local images at its bank's image folder, collecting the files
    to copy (``copies``) and what could not be found (``problems``)."""

    def __init__(self, document: Path, bank_id: str, source_lines: list[str] | None = None) -> None:
        self.document = document
        self.source_lines = source_lines or []  # to name the line an image is on
        self.document_dir = document.parent.resolve()
        self.bank_id = bank_id
        self._copies: dict[Path, ImageCopy] = {}
        self.problems: list[Problem] = []
        self._line = 0

    @property
    def copies(self) -> list[ImageCopy]:
        return list(self._copies.values())

    def text(self, text: str, line: int) -> str:
        """``text`` (markdown, from the document's ``line``) with its local images rewritten."""
        if "![" not in text and "<img" not in text.lower():
            return text
        self._line = line

        def markdown(match: re.Match[str]) -> str:
            new = self._rewrite(match.group(2))
            return match.group(0) if new is None else f"{match.group(1)}{new}{match.group(3)}"

        def tag(match: re.Match[str]) -> str:
            new = self._rewrite(match.group(3))
            mark = match.group(2)
            return match.group(0) if new is None else f"{match.group(1)}{mark}{new}{mark}"

        return _HTML_IMAGE.sub(tag, _MARKDOWN_IMAGE.sub(markdown, text))

    def _rewrite(self, src: str) -> str | None:
        """The reference to use instead of ``src``, or None to leave it as written."""
        bare = src.strip().strip("<>")
        parts = urlsplit(bare)
        if not bare or parts.scheme or bare.startswith(("//", "#")):
            return None  # remote (shown as a link, never fetched), data: URLs and anchors
        path = Path(unquote(parts.path))
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            return None
        source = (path if path.is_absolute() else self.document_dir / path).resolve()
        known = self._copies.get(source)
        if known is None:
            if not source.is_file():
                self._report(
                    f"image {bare} not found next to the document; its description shows", bare
                )
                return None
            if source.stat().st_size > MAX_IMAGE_BYTES:
                self._report(f"image {bare} is over 20 MB; not copied, its description shows", bare)
                return None
            known = ImageCopy(source, _target_for(source, self.document_dir, self.bank_id))
            self._copies[source] = known
        return quote(known.target)

    def _report(self, message: str, src: str) -> None:
        line = self._line
        for number in range(max(self._line, 1), len(self.source_lines) + 1):
            if src in self.source_lines[number - 1]:
                line = number
                break
        self.problems.append(Problem(str(self.document), line, message, Severity.WARNING))
