"""Answer folds (``<details>``): where one's summary is, what opens it, and an export's.

Authors forget closing tags, so a fold that is never closed is matched with nothing
(``UNMATCHED``: it ends where the next question starts; see ``layout.match_details``).
"""

from __future__ import annotations

from .scan import Kind, Line, only_tags

UNMATCHED = -1


def summary_after(lines: list[Line], index: int) -> int | None:
    """The index of the ``<summary>`` of the fold opened at ``index`` (blank lines between
    allowed, at most three lines on), or None."""
    for probe in range(index + 1, min(index + 4, len(lines))):
        kind = lines[probe].kind
        if kind is Kind.SUMMARY:
            return probe
        if kind is not Kind.BLANK:
            return None
    return None


def first_heading(lines: list[Line], start: int, end: int) -> str | None:
    """The heading a fold's content opens with (``start`` to its close ``end``), if any."""
    stop = end if end != UNMATCHED else len(lines)
    for line in lines[start:stop]:
        if line.kind is Kind.HEADING:
            return line.content
        if line.kind not in (Kind.BLANK, Kind.SKIP):
            return None
    return None


def verbatim_fold(
    lines: list[Line], raw: list[str] | None, fold: tuple[int, int | None, int]
) -> bool:
    """In an export (``raw``: its source lines), the first closed fold under a question is
    its answer, read from the source's lines; its tags must stand on lines of their own
    (else: the usual rules). ``fold``: the indexes of its open tag, summary and close tag."""
    index, summary_index, end = fold
    if raw is None or end == UNMATCHED:
        return False
    tag_lines = [lines[index].no, lines[end].no]
    if summary_index is not None:
        summary_line = raw[lines[summary_index].no - 1]
        if "</summary" not in summary_line.lower():
            return False
        tag_lines.append(lines[summary_index].no)
    return all(only_tags(raw[no - 1]) for no in tag_lines)
