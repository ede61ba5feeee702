"""Turn the bytes of a document into clean text: encoding, binary check, mojibake repair.

Documents people keep come from many editors. We accept UTF-8 (with or without a BOM) and
UTF-16 with a BOM; anything else is read as Windows-1252 with a warning, which is what such
files nearly always are. Mojibake such as ``â€™`` (UTF-8 read as Windows-1252 and saved
again) is repaired with ftfy, configured to change nothing but broken encodings: it keeps
curly quotes, HTML entities, ligatures and full-width characters as the author wrote them.
Line endings are normalised before ftfy runs so line numbers in warnings stay exact.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ftfy


class NotATextDocument(ValueError):
    """The bytes are not a text document (binary data, or an encoding we cannot read)."""


_SNIFF = 8192


def decode_document(data: bytes) -> tuple[str, str | None]:
    """Decode ``data`` to text; returns ``(text, warning or None)``.

    Raises ``NotATextDocument`` for binary data.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise NotATextDocument(f"broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:_SNIFF]:
        raise NotATextDocument("this looks like a binary file, not a text document")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        text = data.decode("cp1252", errors="replace")
        return text, f"line {line}: not valid UTF-8; read the file as Windows-1252"


@lru_cache(maxsize=1)
def _ftfy_config() -> ftfy.TextFixerConfig:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization=None,
        explain=False,
    )


def _might_need_repair(text: str) -> bool:
    # Mojibake is always made of characters from the Latin-1/Windows-1252 upper half;
    # pure ASCII (the common case) needs no ftfy import at all.
    return not text.isascii()


def repair_text(text: str) -> str:
    """Normalise line endings and repair mojibake; correct text comes back unchanged."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _might_need_repair(text):
        return text
    import ftfy

    lines = text.split("\n")
    fixed = [ftfy.fix_text(line, _ftfy_config()) if not line.isascii() else line for line in lines]
    return "\n".join(fixed)
