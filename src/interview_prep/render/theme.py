"""Colours of rendered answers for the light and the dark theme.

Both themes pick a Pygments style whose token colours are readable on their code
background; tables and code blocks take their colours from the same palette, so a dark
answer has no light boxes in it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AnswerTheme:
    name: str
    pygments_style: str
    text: str
    background: str
    link: str
    muted: str
    code_background: str
    inline_code_background: str
    border: str
    header_background: str
    warning: str  # a countdown under 20 %
    danger: str  # a countdown at zero and overtime
    success: str  # a key point the notes covered
    missed_background: str  # a key point the notes missed
    found_background: str  # a key point shown in the answer


LIGHT = AnswerTheme(
    name="light",
    pygments_style="default",
    text="#1f2328",
    background="#ffffff",
    link="#0969da",
    muted="#59636e",
    code_background="#f6f8fa",
    inline_code_background="#eff1f3",
    border="#b1bac4",
    header_background="#eaeef2",
    warning="#9a6700",
    danger="#cf222e",
    success="#1a7f37",
    missed_background="#fff1e5",
    found_background="#fff8c5",
)

DARK = AnswerTheme(
    name="dark",
    pygments_style="github-dark",
    text="#e6edf3",
    background="#0d1117",
    link="#4493f8",
    muted="#9198a1",
    code_background="#161b22",
    inline_code_background="#262c36",
    border="#3d444d",
    header_background="#21262d",
    warning="#d29922",
    danger="#f85149",
    success="#3fb950",
    missed_background="#3d2611",
    found_background="#4d3b00",
)


def theme_for(dark: bool) -> AnswerTheme:
    return DARK if dark else LIGHT
