"""A small reader for built HTML pages, on the standard library's HTML parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class SitePage:
    path: Path
    html: str
    lang: str | None = None
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    links: list[dict[str, str]] = field(default_factory=list)
    anchors: list[dict[str, str]] = field(default_factory=list)
    scripts: list[dict[str, str]] = field(default_factory=list)
    images: list[dict[str, str]] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)
    text: str = ""

    @classmethod
    def read(cls, path: Path) -> SitePage:
        page = cls(path=path, html=path.read_text(encoding="utf-8"))
        collector = _Collector(page)
        collector.feed(page.html)
        collector.close()
        return page

    def hreflang(self) -> dict[str, str]:
        """The hreflang alternates in the head, by language."""
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if "alternate" in link.get("rel", "").split() and "hreflang" in link
        }

    def menu(self) -> list[str]:
        """The titles in the page's menus (navigation and table of contents), as shown."""
        return [unescape(" ".join(title.split())) for title in re.findall(
            r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">(.*?)</span>', self.html, re.S)]

    def switcher(self) -> dict[str, str]:
        """The language switcher's links, by language."""
        return {
            a["hreflang"]: a["href"]
            for a in self.anchors
            if "md-select__link" in a.get("class", "").split()
        }


class _Collector(HTMLParser):
    def __init__(self, page: SitePage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.lang = attrs.get("lang")
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.page.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.page.links.append(attrs)
        elif tag == "a":
            self.page.anchors.append(attrs)
        elif tag == "img" or tag == "source":
            self.page.images.append(attrs)
        elif tag == "script":
            self.page.scripts.append(attrs)
            if attrs.get("type") == "application/ld+json":
                self._in = "json_ld"
            self._skip += 1
        elif tag == "style":
            self._skip += 1
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in ("script", "title"):
            self._in = None

    def handle_data(self, data):
        if self._in == "json_ld":
            self.page.json_ld.append(data)
        elif self._in == "title":
            self.page.title += data
        elif not self._skip:
            self._text.append(data)

    def close(self):
        super().close()
        self.page.text = " ".join(" ".join(self._text).split())
