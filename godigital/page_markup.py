"""What a page's HTML may hold once its Markdown is converted: text, links and images, never code.

An editor's page that carries a script, an inline event handler or a link
that runs code would run it in every reader's browser; the build refuses it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that run code, load another document, or change where links lead.
FORBIDDEN_ELEMENTS = frozenset({"script", "iframe", "frame", "object", "embed", "base", "applet", "form"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"})
# Browsers ignore these characters inside a scheme ("java\tscript:").
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
FORBIDDEN_SCHEMES = ("javascript:", "vbscript:", "data:")


def unsafe_markup(html: str) -> list[tuple[str, str]]:
    """Each piece of code in the page: (kind, the text to look for in the Markdown source)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def source_line(markdown: str, needle: str) -> int:
    """The line of the Markdown source where ``needle`` first appears (1 when it cannot be found)."""
    index = markdown.lower().find(needle.lower())
    return markdown.count("\n", 0, index) + 1 if index >= 0 else 1


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(("element", f"<{tag}"))
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.found.append(("element", "http-equiv"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(("handler", name))
            elif name in URL_ATTRIBUTES and value:
                scheme = _IGNORED.sub("", value).lower()
                for forbidden in FORBIDDEN_SCHEMES:
                    if scheme.startswith(forbidden):
                        self.found.append(("scheme", forbidden.rstrip(":")))

    handle_startendtag = handle_starttag
