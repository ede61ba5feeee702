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
import re
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
        # ``exc.object`` is the data after a BOM; CRLF, LF and a lone CR each end a line.
        before = exc.object[: exc.start]
        line = before.count(b"\n") + before.replace(b"\r\n", b"").count(b"\r") + 1
        text = data.removeprefix(codecs.BOM_UTF8).decode("cp1252", errors="replace")
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


# Mojibake of UTF-8 read as Latin-1/Windows-1252 starts with a lead byte (Â..ô) followed by
# a continuation byte as one of those code pages shows it. Only lines with such a pair go
# through ftfy; pure ASCII (the common case) does not even import it.
_CONTINUATION = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_SUSPECT = re.compile(f"[\xc2-\xf4][{_CONTINUATION}]")
# A run of such pairs (``â€™``, ``Ã©``) is repaired on its own: ftfy's cost is mostly per
# call, and the same few runs repeat all through a document, so results are cached.
_RUN = re.compile(f"(?:[\xc2-\xf4][{_CONTINUATION}]+)+")


# Half of a UTF-16 surrogate pair on its own: no file can hold it (only a ``str`` from
# elsewhere can), and ids and bank files are UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_text(text: str, *, fix_mojibake: bool = True) -> str:
    """Normalise line endings and repair mojibake; correct text comes back unchanged.

    ``fix_mojibake=False`` only normalises line endings: an Interview Prep export holds
    exactly the text the app wrote, even text about mojibake. Lone surrogates, which no
    file holds, become U+FFFD in either case.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _LONE_SURROGATE.sub("\ufffd", text)
    if not fix_mojibake or text.isascii() or not _SUSPECT.search(text):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.isascii() and _SUSPECT.search(line):
            lines[index] = _RUN.sub(_fix_run, line)
    return "\n".join(lines)


def _fix_run(match: re.Match[str]) -> str:
    return _fix_mojibake(match.group(0))


@lru_cache(maxsize=4096)
def _fix_mojibake(run: str) -> str:
    import ftfy

    return ftfy.fix_text(run, _ftfy_config())
