"""Which of the theme's reading aids a page shows, worked out from the page itself.

A page of a few paragraphs reads best on its own: the table of contents and
the previous/next links at its foot are for long pages, and so is the
navigation tree, since the menu is in the header's tabs (and, on a phone, in
the drawer). Material hides each of them per page with ``hide:`` in the front
matter; ``hidden_parts`` adds them for every page shorter than
``SHORT_PAGE_WORDS`` words, and the table of contents on a long page with too
few headings to list, so that no list of pages is kept by hand. A short page
in a section of the menu keeps the tree: its tab leads to the section's first
page only, and the tree to the others. What an editor wrote under ``hide:``
stays. A home page's introduction (its title and the paragraphs right after
it) is set beside the campaign's picture: ``split_intro`` says where it ends.
A printed page writes each link's address after it, but not after a link
whose text already is that address (``mark_address_links``).
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import unescape
from html.parser import HTMLParser
from typing import Protocol

from selectolax.lexbor import LexborHTMLParser

# About three minutes of reading: below it, a page is read whole, not navigated.
SHORT_PAGE_WORDS = 600
# A table of contents is worth its column from this many headings.
MIN_TOC_ENTRIES = 3
SHORT_PAGE_HIDES = ("navigation", "toc", "footer")


class Heading(Protocol):
    @property
    def children(self) -> Iterable[Heading]: ...


def word_count(html: str) -> int:
    """The words a reader reads in a page's content (its markup, scripts and data left out)."""
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, template"):
        node.decompose()
    return len(tree.body.text(separator=" ").split()) if tree.body is not None else 0


def heading_count(toc: Iterable[Heading]) -> int:
    """The entries of a table of contents, at every level."""
    return sum(1 + heading_count(entry.children) for entry in toc)


def hidden_parts(hide: Sequence[str], *, words: int, headings: int, in_section: bool = False) -> list[str]:
    """The parts a page hides: the editor's ``hide`` list, with what its length leaves out.
    ``in_section``: the page is one of several in a section of the menu."""
    wanted = []
    if words < SHORT_PAGE_WORDS:
        wanted = [part for part in SHORT_PAGE_HIDES if not (part == "navigation" and in_section)]
    elif headings < MIN_TOC_ENTRIES:
        wanted = ["toc"]
    return [*hide, *(part for part in wanted if part not in hide)]


# What a home page's introduction is made of: its title, then paragraphs (the
# buttons under them are a paragraph too).
INTRO_ELEMENTS = ("h1", "p")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


def split_intro(html: str) -> tuple[str, str]:
    """A page's HTML in two: its introduction (the first elements, as long as they are
    ``INTRO_ELEMENTS``) and the rest, from the first other element on. Each part is whole
    markup: the cut is only ever between two elements of the page's first level."""
    finder = _FirstOther()
    finder.feed(html)
    finder.close()
    if finder.found is None:
        return html, ""
    line, column = finder.found  # as the parser counts them: lines end at "\n" only
    at = 0
    for _ in range(line - 1):
        at = html.index("\n", at) + 1
    return html[:at + column], html[at + column:]


class _FirstOther(HTMLParser):
    """Where the first element of the first level that is no part of an introduction starts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.found: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found is not None:
            return
        if self.depth == 0 and tag not in INTRO_ELEMENTS:
            self.found = self.getpos()
        elif tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found is None and self.depth == 0 and tag not in INTRO_ELEMENTS:
            self.found = self.getpos()

    def handle_endtag(self, tag: str) -> None:
        if self.found is None and tag not in _VOID:
            self.depth = max(0, self.depth - 1)


# -- Links that show their own address ---------------------------------------------

# A link whose text is the address it leads to (``<https://www.cc.lu>``,
# ``[www.cc.lu](https://www.cc.lu)``): printed, the address after it would say it twice.
_TEXT_LINK = re.compile(r"<a\b([^>]*)>([^<]+)</a>")
_HREF = re.compile(r'\shref="([^"]*)"')
_SCHEME = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


def _as_typed(address: str) -> str:
    """An address as a reader types it: no scheme, no "www.", no final slash, any case."""
    bare = _SCHEME.sub("", unescape(address).strip()).lower()
    return bare.removeprefix("www.").rstrip("/")


def mark_address_links(html: str) -> str:
    """The page with ``data-gd-address`` on each link whose text is its own address."""
    def mark(found: re.Match[str]) -> str:
        attributes, text = found.groups()
        href = _HREF.search(attributes)
        if (href is None or "data-gd-address" in attributes or not _SCHEME.match(unescape(href.group(1)))
                or _as_typed(text) != _as_typed(href.group(1))):
            return found.group(0)
        return f"<a{attributes} data-gd-address>{text}</a>"
    return _TEXT_LINK.sub(mark, html)
