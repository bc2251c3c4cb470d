"""The words of a Markdown document, parsed with markdown-it (CommonMark, with tables).

What a rendered page shows is kept: headings and paragraphs after a blank
line, list items and table rows on lines of their own, the text of links
and inline code, code blocks as they are; a word hyphenated at a line's end
is joined, keeping its hyphen. The markup is dropped: emphasis
marks, link targets, images, HTML tags (their text is kept) and a leading
YAML front-matter block. The first heading is the title.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from argmap.sourcetext.extract import ExtractedText, tidy

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["markdown_text"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_PARAGRAPH_OPENERS = frozenset({"paragraph_open", "heading_open", "blockquote_open", "hr"})
_PARAGRAPH_OPENERS |= {"bullet_list_open", "ordered_list_open"}
_PARAGRAPH_OPENERS |= {"table_open", "fence", "code_block", "html_block"}


def markdown_text(source: str) -> ExtractedText:
    """The document's text, and its first heading as the title."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(_FRONT_MATTER.sub("", source, count=1))
    parts: list[str] = []
    title: str | None = None
    in_heading = False
    for token in tokens:
        kind = token.type
        if kind in _PARAGRAPH_OPENERS and not token.hidden:
            parts.append("\n\n")
        elif kind in ("list_item_open", "tr_close"):
            parts.append("\n")
        elif kind in ("th_close", "td_close"):
            parts.append(" ")
        if kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind in ("fence", "code_block"):
            parts.append(token.content)
        elif kind == "html_block":
            parts.append(_html_words(token.content))
        elif kind == "inline":
            words = _inline(token.children or [])
            parts.append(words)
            if in_heading and title is None:
                title = " ".join(words.split())
    return ExtractedText(tidy("".join(parts)), title=title or None)


def _inline(children: list[Token]) -> str:
    parts: list[str] = []
    skipping_image = 0
    for number, child in enumerate(children):
        kind = child.type
        if kind == "image":
            continue  # its alt text describes a picture; it is not the document's prose
        if kind in ("text", "code_inline") and not skipping_image:
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append("" if _hyphenated(parts, children[number + 1 :]) else " ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "html_inline":
            continue
    return "".join(parts)


def _hyphenated(before: list[str], after: list[Token]) -> bool:
    """Whether a line break falls in a hyphenated word: after a letter and a hyphen,
    before a letter ("self-", "reliance"); the word is joined, keeping its hyphen."""
    following = next((token.content for token in after if token.content), "")
    return (
        bool(before)
        and _HYPHEN_AT_END.search(before[-1]) is not None
        and (_LETTER_FIRST.match(following) is not None)
    )


_HYPHEN_AT_END = re.compile(r"[^\W\d_]-\Z")
_LETTER_FIRST = re.compile(r"[^\W\d_]")


def _html_words(markup: str) -> str:
    from argmap.sourcetext.html_text import html_text

    return html_text(markup).text
