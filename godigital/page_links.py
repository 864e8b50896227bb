"""Where a page's Markdown writes each of its links: the line an editor finds it on.

MkDocs names a link by its target as written (``agenda.md``), not by its
line. A page may write the same target several times, and a longer target
may hold it (``../assets/images/x.png`` holds ``assets/images/x.png``), so
links are read here as Markdown reads them: ``[text](target "title")``,
``![alt](target)``, ``[text](<target>)``, ``<target>`` and reference
definitions ``[label]: target``, and raw HTML's ``<a href>`` and
``<img src>``; outside fenced code, code spans, HTML comments and the front
matter; and compared whole. The n-th message about a
target is about its n-th link (``occurrence_lines``).
"""

from __future__ import annotations

import html
import re
import string
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from godigital.messages import message
from godigital.pages import FRONT_MATTER, outside_code

# A code span: a run of backticks, up to the same run, within a paragraph (Python-Markdown's BACKTICK_RE).
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE = re.compile(r"\]\(")
# Python-Markdown's ReferenceBlockProcessor: the target may be on the next line, in angle brackets.
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\[\]]*\]:[ ]*\n?[ ]*(\S+)", re.MULTILINE)
_ANGLED = re.compile(r"<(?!/?[A-Za-z][A-Za-z0-9-]*/?>)([^<>\s]+)>")  # not a bare tag such as <p> or </a>
# Raw HTML: an <a> or <img> start tag, and its href or src value, quoted or not (as HTML reads them).
_TAG = re.compile(r"<(?:a|img)\b[^<>]*>", re.IGNORECASE)
_TARGET_ATTRIBUTE = re.compile(r"""\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_ESCAPED = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")


def links(markdown: str) -> list[tuple[str, int]]:
    """Every link and image target of a page's Markdown source as Markdown reads it, with its
    line (from 1, the front matter counted), in the order of the text."""
    text = _readable(markdown)
    found: dict[int, str] = {}  # where the target starts → the target as written
    for match in _INLINE.finditer(text):
        start, target = _inline_target(text, match.end())
        if target:
            found.setdefault(start, target)
    for match in _REFERENCE.finditer(text):
        angled = match[1].startswith("<")
        found.setdefault(match.start(1) + angled, match[1].removeprefix("<").removesuffix(">"))
    for match in _ANGLED.finditer(text):
        found.setdefault(match.start(1), match[1])
    targets = {start: _ESCAPED.sub(r"\1", target) for start, target in found.items()}
    targets.update(_html_targets(text))
    return [(target, text.count("\n", 0, start) + 1) for start, target in sorted(targets.items())]


def html_link_problems(markdown: str) -> list[str]:
    """A link or image to a page or file of the site written as raw HTML (``<a href="agenda.md">``),
    as ``line N: ...``. MkDocs turns only Markdown links into the page's address and checks them:
    such a link would lead nowhere, silently. Web addresses (``https://…``, ``mailto:…``) and
    anchors (``#…``) are fine as HTML."""
    text = _readable(markdown)
    return [message("at_line", line=text.count("\n", 0, start) + 1) + message("separator")
            + message("html_link", link=target)
            for start, target in sorted(_html_targets(text).items())
            if not urlsplit(target).scheme and not target.startswith(("#", "/"))]


def link_lines(markdown: str, target: str) -> list[int]:
    """The lines where the page writes a link or image to ``target`` exactly, in order."""
    return [line for written, line in links(markdown) if written == target]


def occurrence_lines(markdown: str, targets: Iterable[str]) -> list[int | None]:
    """For each of ``targets`` (a page's links in order, repeats included), the line of its
    n-th link to that target; None when the page writes no such link (raw HTML, say)."""
    lines: dict[str, list[int]] = {}
    seen: Counter[str] = Counter()
    found: list[int | None] = []
    for target in targets:
        if target not in lines:
            lines[target] = link_lines(markdown, target)
        where = lines[target]
        found.append(where[seen[target] % len(where)] if where else None)
        seen[target] += 1
    return found


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _readable(markdown: str) -> str:
    """The source with what holds no link blanked out, line breaks kept: the front matter,
    fenced code, HTML comments and code spans."""
    head = FRONT_MATTER.match(markdown)
    text = _blank(head[0]) + markdown[head.end():] if head else markdown
    kept = {number for number, _ in outside_code(text, 1)}
    text = "\n".join(line if number in kept else "" for number, line in enumerate(text.split("\n"), 1))
    text = _COMMENT.sub(lambda match: _blank(match[0]), text)
    return _CODE_SPAN.sub(lambda match: _blank(match[0]), text)


def _html_targets(text: str) -> dict[int, str]:
    """Raw HTML's link and image targets, by where they start: no Markdown escapes, but character references."""
    targets: dict[int, str] = {}
    for tag in _TAG.finditer(text):
        for attribute in _TARGET_ATTRIBUTE.finditer(tag[0]):
            group = next(index for index in (1, 2, 3) if attribute[index] is not None)
            targets[tag.start() + attribute.start(group)] = html.unescape(attribute[group])
    return targets


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _inline_target(text: str, start: int) -> tuple[int, str]:
    """Where the target after ``](`` starts, and the target: in angle brackets, or up to a space
    or the closing parenthesis (parentheses inside it paired, as Python-Markdown reads them)."""
    index = start
    while index < len(text) and text[index] in " \t":
        index += 1
    if index < len(text) and text[index] == "\n":
        index += 1
        while index < len(text) and text[index] in " \t":
            index += 1
    if text.startswith("<", index):
        end = text.find(">", index)
        if end < 0 or "\n" in text[index:end]:
            return index, ""
        return index + 1, text[index + 1:end]
    end, depth = index, 0
    while end < len(text) and text[end] not in " \t\n":
        if text[end] == "\\":
            end += 2
            continue
        if text[end] == "(":
            depth += 1
        elif text[end] == ")":
            if not depth:
                break
            depth -= 1
        end += 1
    return index, text[index:end]
