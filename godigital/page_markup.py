"""What a page's HTML may hold once its Markdown is converted: text, links and images, never code.

The HTML is parsed the way a browser parses it (lexbor, an HTML5 parser, with
scripting on as in a reader's browser) and every element, attribute and
address of the tree is checked against what the site's Markdown extensions
produce (mkdocs.yml): anything else stops the build. An allowlist, so that a
trick nobody thought of is refused too; a tree, so that the page is read as a
browser reads it, raw-text elements and malformed comments included.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# What plain Markdown, abbr, admonition, attr_list, md_in_html, toc,
# pymdownx.details and pymdownx.superfences (with Pygments) produce, and the
# few elements editors write by hand in a <div markdown> block.
ELEMENTS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "ul", "ol", "li",
    "em", "strong", "b", "i", "code", "pre", "blockquote", "hr", "br", "div", "span",
    "abbr", "details", "summary", "dl", "dt", "dd", "sup", "sub", "del", "ins", "mark",
    "kbd", "small", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
})
# Attributes any allowed element may carry; values are checked below.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "details": frozenset({"open"}),
    "ol": frozenset({"start"}),
}
# Links may lead to another site over https, to an e-mail or a phone number.
LINK_SCHEMES = frozenset({"https", "mailto", "tel"})
# Elements that run code, load another document or change where links lead:
# named as such to the editor (every other element is simply not allowed).
CODE_ELEMENTS = frozenset({
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta",
    "style", "form", "portal", "svg", "math", "template", "noscript",
})
# Schemes that run code or hide a document in the address itself.
CODE_SCHEMES = frozenset({"javascript", "vbscript", "data"})

_NAME = re.compile(r"[A-Za-z0-9_-]+")
_NUMBER = re.compile(r"[0-9]{1,5}")
_LANG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_VALUES = {
    "dir": {"ltr", "rtl", "auto"},
    "loading": {"lazy", "eager"},
    "scope": {"row", "col", "rowgroup", "colgroup"},
}
# Browsers trim these around an address and drop tabs and newlines inside it.
_TRIMMED = "".join(chr(c) for c in range(0x21))
_LONGEST_SHOWN = 60


@dataclass(frozen=True)
class Finding:
    """Something the page may not hold: its message key and values, and texts to find it by in the Markdown."""

    key: str
    values: dict[str, str] = field(default_factory=dict)
    needles: tuple[str, ...] = ()
    at_end: bool = False  # found at the end of the page (HTML left open)


def unsafe_markup(html: str) -> list[Finding]:
    """Everything in a page's HTML that is outside the allowlist, in document order."""
    end = f"end-{secrets.token_hex(8)}"
    # A whole document, as the page is inside the theme's: "<body onload>" or
    # "<html ...>" written in a page add their attributes to the page's own.
    document = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}<b id=\"{end}\"></b>",
                                scripting=True)
    found: list[Finding] = []
    closed = False
    for node in _nodes(document.root):
        if node.tag == "b" and node.attributes == {"id": end}:
            closed = node.next is None and node.child is None
            continue
        found.extend(_element_problems(node))
    if not closed:
        # A tag, quotes or a comment left open swallow the theme's HTML that follows the page.
        found = [f for f in found if not any(end in value for value in f.values.values())]
        found.append(Finding("page_html_unclosed", at_end=True))
    return found


def source_line(markdown: str, *needles: str, last: bool = False) -> int:
    """The line of the Markdown source where the first needle found appears (1 when none is found).

    With ``last``, the line of the last ``<`` of the source: where HTML left open begins.
    """
    lowered = markdown.lower()
    if last:
        index = lowered.rfind("<")
        return markdown.count("\n", 0, index) + 1 if index >= 0 else 1
    for needle in needles:
        index = lowered.find(needle.lower()) if needle else -1
        if index >= 0:
            return markdown.count("\n", 0, index) + 1
    return 1


def finding_line(markdown: str, finding: Finding) -> int:
    return source_line(markdown, *finding.needles, last=finding.at_end)


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _nodes(root: LexborNode | None) -> Iterator[LexborNode]:
    """Every node of the document in order; a refused element's content is not looked into."""
    if root is None:
        return
    first = root
    while first.prev is not None:
        first = first.prev
    stack = [first]
    while stack:
        node = stack.pop()
        if node.next is not None:
            stack.append(node.next)
        yield node
        if node.child is not None and (node.tag in ELEMENTS or node.tag in ("html", "head", "body")):
            stack.append(node.child)


def _element_problems(node: LexborNode) -> list[Finding]:
    tag = node.tag
    if tag in ("-text", "-comment", "-doctype"):
        return []  # text, and comments (the agenda's markers), are inert in the tree
    if tag in ("html", "head", "body"):
        # The document's own: an attribute on them can only come from the page.
        return [_attribute_problem(tag, name, value) for name, value in node.attributes.items()]
    if tag not in ELEMENTS:
        key = "page_code_element" if tag in CODE_ELEMENTS else "page_html_element"
        return [Finding(key, {"needle": f"<{tag}", "element": str(tag)}, (f"<{tag}",))]
    allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset())
    problems = []
    for name, value in node.attributes.items():
        if name not in allowed or not _value_allowed(name, value):
            problems.append(_attribute_problem(tag, name, value))
        elif name in ("href", "src"):
            problem = _address_problem(tag, name, value or "")  # an empty href links to the page itself
            if problem:
                problems.append(problem)
    return problems


def _attribute_problem(tag: str, name: str, value: str | None) -> Finding:
    if name.startswith("on"):
        return Finding("page_code_handler", {"needle": name}, (f"{name}=", name))
    shown = name if value is None else f'{name}="{_shown(value)}"'
    return Finding("page_html_attribute", {"attribute": shown, "element": tag}, (shown, f"{name}={value}", name))


def _value_allowed(name: str, value: str | None) -> bool:
    if name == "open":
        return True
    value = value or ""  # an attribute written without a value is empty: <img alt src=...>
    if name == "id":
        # Material finds its own parts by ids beginning with "__" (__config, __search...).
        return bool(_NAME.fullmatch(value)) and not value.startswith("__")
    if name == "class":
        return all(_NAME.fullmatch(token) for token in value.split())
    if name == "lang":
        return bool(_LANG.fullmatch(value))
    if name in ("width", "height", "colspan", "rowspan", "start"):
        return bool(_NUMBER.fullmatch(value))
    if name in _VALUES:
        return value.lower() in _VALUES[name]
    return True  # title, alt, href, src: any text (addresses are checked next)


def _address_problem(tag: str, name: str, value: str) -> Finding | None:
    """Links: https, mailto, tel or an address on the site; images: a file of the site only."""
    url = value.strip(_TRIMMED).replace("\t", "").replace("\n", "").replace("\r", "")
    scheme = _SCHEME.match(url)
    if scheme:
        if scheme.group(1).lower() in CODE_SCHEMES:
            # The address as written may hide its scheme in entities ("jav&#x09;ascript:"); what follows it is plain.
            rest = url[scheme.end():]
            return Finding("page_code_scheme", {"needle": scheme.group(1).lower()}, (scheme.group(0), value, rest))
        if tag == "a" and scheme.group(1).lower() in LINK_SCHEMES:
            return None
    # "//host" and "\\host" (read as "//" by browsers) lead to another site.
    elif not url[:2].replace("\\", "/") == "//":
        return None
    return Finding("page_html_address", {"address": _shown(value), "element": tag}, (value, f"{name}="))


def _shown(value: str) -> str:
    """A value as it can be printed in a message: control characters visible, long ones cut."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in value)
    return text if len(text) <= _LONGEST_SHOWN else text[:_LONGEST_SHOWN] + "…"
