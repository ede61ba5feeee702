"""Make rendered HTML safe: nh3 with an allow-list, and local-only images.

Banks can come from strangers, so whatever raw HTML an answer holds goes through nh3
(a Rust HTML sanitiser): no scripts, styles, iframes, objects, SVG or MathML (their content
is dropped too), no forms, no event handlers, no ``javascript:`` or ``data:`` URLs. Inline
styles survive only for the properties Pygments and tables use; ``line-height``, which Qt
draws as gaps between code lines, is not among them.

Nothing is fetched from the network. An image loads only from a file inside the bank's
folder (``file:`` URL); a remote image becomes a link the user may open in the browser, and
anything else becomes its alt text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3

from ..paths import IMAGE_SUFFIXES
from .details import SCHEME as DETAILS_SCHEME

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
    "math", "template", "noscript", "noembed", "noframes", "title", "head", "xmp",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "style"},
    "img": {"src", "alt", "title", "width", "height"},
    "div": {"style", "class"},
    "span": {"style"},
    "pre": {"style"},
    "code": {"style"},
    "th": {"style", "colspan", "rowspan", "align"},
    "td": {"style", "colspan", "rowspan", "align"},
    "ol": {"start"},
    "abbr": {"title"},
}
STYLE_PROPERTIES = {
    "color", "background-color", "background", "font-weight", "font-style",
    "text-decoration", "text-align", "margin-left",
}  # fmt: skip
LINK_SCHEMES = {"http", "https", "mailto", DETAILS_SCHEME}

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def _image_attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def local_image(src: str, base_dir: Path | None) -> Path | None:
    """The file ``src`` names inside ``base_dir``, if it is an existing image there."""
    if base_dir is None or not src:
        return None
    parts = urlsplit(src)
    if parts.scheme and parts.scheme != "file":
        return None
    base = base_dir.resolve()
    candidate = Path(unquote(parts.path))
    target = (candidate if candidate.is_absolute() else base / candidate).resolve()
    if not target.is_relative_to(base) or target.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    return target if target.is_file() else None


def rewrite_images(markup: str, base_dir: Path | None) -> str:
    """Local images get a ``file:`` URL; remote ones become links; others their alt text."""

    def replace(match: re.Match[str]) -> str:
        attrs = _image_attributes(match.group(0))
        src = attrs.get("src", "").strip()
        alt = attrs.get("alt", "").strip() or "image"
        local = local_image(src, base_dir)
        if local is not None:
            title = f' title="{html.escape(attrs["title"])}"' if attrs.get("title") else ""
            return f'<img src="{html.escape(local.as_uri())}" alt="{html.escape(alt)}"{title}>'
        if urlsplit(src).scheme in ("http", "https"):
            return f'<a href="{html.escape(src)}">[image: {html.escape(alt)}]</a>'
        return f"[image: {html.escape(alt)}]"

    return _IMG.sub(replace, markup) if "<img" in markup.lower() else markup


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if value.startswith("file:") else None
    if tag == "a" and attribute == "href":
        scheme = urlsplit(value.strip()).scheme.lower()
        return value if scheme in LINK_SCHEMES or value.startswith("#") else None
    if tag == "div" and attribute == "class":
        return value if value == "highlight" else None
    return value


def sanitize(markup: str, base_dir: Path | None = None) -> str:
    """``markup`` through nh3's allow-list, then the final check (``final_check``)."""
    cleaned = nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=LINK_SCHEMES | {"file"},
        filter_style_properties=STYLE_PROPERTIES,
        link_rel=None,
        strip_comments=True,
    )
    return final_check(cleaned, base_dir)


_FINAL_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"', re.IGNORECASE)
# Anything in a style that could load a resource, or hide one behind a CSS escape.
_UNSAFE_CSS = re.compile(r"url\s*\(|image\s*\(|image-set|expression\s*\(|@import|\\", re.IGNORECASE)


def final_check(markup: str, base_dir: Path | None) -> str:
    """The allow-list over the final HTML, after nh3, whatever the HTML parser made of it.

    An ``<img>`` survives only with a ``file:`` URL on this machine naming an image file
    inside the bank's folder; any other becomes its alt text (nh3 turns ``<image src=…>``
    into ``<img>``, and Qt would load the file by itself). A ``style`` that could load
    anything (``url(``, ``image-set``, ``@import``) or hides text behind a CSS escape is
    removed.
    """

    def image(match: re.Match[str]) -> str:
        attrs = _image_attributes(match.group(0))
        src = attrs.get("src", "")
        parts = urlsplit(src)
        on_this_machine = parts.scheme == "file" and parts.netloc in ("", "localhost")
        if on_this_machine and local_image(src, base_dir) is not None:
            return match.group(0)
        return html.escape(f"[image: {attrs.get('alt') or 'image'}]")

    def style(match: re.Match[str]) -> str:
        return "" if _UNSAFE_CSS.search(html.unescape(match.group(1))) else match.group(0)

    if "<img" in markup or "<IMG" in markup:
        markup = _FINAL_IMG.sub(image, markup)
    return _STYLE_ATTRIBUTE.sub(style, markup) if "style=" in markup else markup
