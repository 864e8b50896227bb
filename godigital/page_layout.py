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
stays. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
