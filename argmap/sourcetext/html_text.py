"""The words of an HTML page, read with the standard library's HTML parser.

What a reader of the page reads is kept: paragraphs, headings, list items
and table rows each begin a new line (paragraphs and headings after a blank
line), a table's cells are separated by a space, an inline quotation
(``<q>``) is in quotation marks, and whitespace is collapsed as a browser
collapses it, except in ``<pre>`` (a word hyphenated at the end of a line
of the markup is joined, keeping its hyphen). What is not the article is dropped:
scripts, styles, navigation, forms, asides, footers and the like. When the
page marks its article (``<article>``, else ``<main>``) and that holds a
good part of the page's text, only the article is kept, leaving out a
site's menus and teasers.
The title, author, date and address come from the page's metadata (Open
Graph and the usual ``<meta>`` names), else from ``<title>`` and ``<time>``.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from argmap.sourcetext.extract import ExtractedText, SourceTextError, tidy

__all__ = ["decode_html", "html_text"]

# Whatever is not the document's prose: code, navigation, forms, asides.
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math", "nav", "head"})
SKIPPED |= {"iframe", "object", "canvas", "button", "select", "textarea", "form", "aside"}
SKIPPED |= {"footer", "dialog", "title"}
# Blocks that begin after a blank line, and elements that begin a line of their own.
PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "div"})
PARAGRAPHS |= {"article", "section", "main", "header", "figure", "figcaption", "address"}
PARAGRAPHS |= {"details", "summary", "table", "caption", "hr", "dl", "ol", "ul"}
LINES = frozenset({"br", "li", "tr", "dt", "dd"})
CELLS = frozenset({"td", "th"})  # each begins after a space, as a Markdown table's cells do
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
VOID |= {"source", "track", "wbr"}
# A word hyphenated at the end of a line of the markup: joined, keeping the hyphen.
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-[^\S\n]*\n\s*(?=[^\W\d_])")
ARTICLE_SHARE = 0.25  # an <article> holding this share of the page's text is the page

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_html(data: bytes) -> str:
    """The page's characters: by its byte order mark, its declared charset, or UTF-8.

    A page that declares nothing and is not UTF-8 is read as Windows-1252,
    the encoding the HTML standard assumes for unlabelled Western pages.
    """
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceTextError("this is a binary file, not an HTML page")
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return _decoded(data, codec)
    declared = _CHARSET.search(data[:8192])
    if declared is not None:
        name = declared.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            raise SourceTextError(f"the page declares an unknown encoding {name!r}") from None
        return _decoded(data, codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _decoded(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise SourceTextError(
            f"the page is not valid {codec} (as it declares) at byte {error.start}"
        ) from None


def html_text(markup: str) -> ExtractedText:
    """The page's text and metadata."""
    reader = _PageReader()
    try:
        reader.feed(markup)
        reader.close()
    except (AssertionError, ValueError) as error:  # the parser gave up on broken markup
        raise SourceTextError(f"the HTML cannot be read: {error}") from None
    page, article = reader.text("page"), reader.text("article")
    main = reader.text("main")
    if len(article) >= ARTICLE_SHARE * len(page) and article:
        text = article
    elif len(main) >= ARTICLE_SHARE * len(page) and main:
        text = main
    else:
        text = page
    meta = reader.meta
    return ExtractedText(
        text,
        title=meta.get("title") or reader.title() or None,
        author=meta.get("author"),
        date=_date(meta.get("date") or reader.time),
        url=meta.get("url"),
    )


def _date(value: str | None) -> str | None:
    if not value:
        return None
    iso = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return iso.group() if iso else value.strip()


_META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "author": "author",
    "article:author": "author",
    "dc.creator": "author",
    "byl": "author",
    "article:published_time": "date",
    "date": "date",
    "dc.date": "date",
    "pubdate": "date",
    "publish-date": "date",
    "og:url": "url",
}


class _PageReader(HTMLParser):
    """Collects the page's text three ways at once: all of it, its article, its main part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.skipping = 0
        self.pre = 0
        self.quoting = 0  # <q> elements open: a browser marks them with quotation marks
        self.inside = {"article": 0, "main": 0}
        self.parts: dict[str, list[str]] = {"page": [], "article": [], "main": []}
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self._title: list[str] = []
        self._in_title = False

    def text(self, which: str) -> str:
        joined = "".join(self.parts[which])
        joined = re.sub(r" *\n *", "\n", joined)
        return tidy(joined)

    def title(self) -> str:
        return " ".join("".join(self._title).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            self._meta(attributes)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.meta.setdefault("url", attributes.get("href", ""))
        elif tag == "time" and self.time is None and attributes.get("datetime"):
            self.time = attributes["datetime"]
        elif tag == "title":
            self._in_title = True
        self._break(tag)
        if tag in VOID:
            return
        self.open.append(tag)
        self._enter(tag, 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag not in self.open:
            return  # a stray end tag: browsers ignore it too
        while self.open:
            closed = self.open.pop()
            self._enter(closed, -1)
            if closed in PARAGRAPHS:  # a line of its own began where it began
                self._emit("\n\n")
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if self.skipping:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", _HYPHENATED.sub("-", data))
        self._emit(data)

    def _enter(self, tag: str, step: int) -> None:
        if tag in SKIPPED:
            self.skipping += step
        if tag == "pre":
            self.pre += step
        if tag in self.inside:
            self.inside[tag] += step
        if tag == "q":  # “outer ‘inner’ quotation”, as a browser shows them
            if step < 0:
                self.quoting -= 1
            self._emit(("“‘", "”’")[step < 0][self.quoting % 2])
            if step > 0:
                self.quoting += 1

    def _break(self, tag: str) -> None:
        if tag in PARAGRAPHS:
            self._emit("\n\n")
        elif tag in LINES:
            self._emit("\n")
        elif tag in CELLS:
            self._emit(" ")

    def _emit(self, text: str) -> None:
        if self.skipping and text.strip():
            return
        self.parts["page"].append(text)
        for part, depth in self.inside.items():
            if depth > 0:
                self.parts[part].append(text)

    def _meta(self, attributes: dict[str, str]) -> None:
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        content = attributes.get("content", "").strip()
        field = _META_KEYS.get(key)
        if field is None or not content:
            return
        if field == "author" and content.startswith(("http://", "https://")):
            return  # article:author is often a profile's address, not a name
        self.meta.setdefault(field, content)
