"""French typography in everything a reader sees: no-break spaces and apostrophes.

French puts a no-break space (U+00A0) before ``: ; ? ! »``, after ``«``,
before ``%`` and ``€`` after a number, between the digit groups of a
number (``35 000``), and between a day and its month (``2 janvier``).
Editors type ordinary spaces, or none ("Atelier: titre");
the build puts the no-break spaces in, so that a line never starts with a
colon or splits a number. Editors type the keyboard's apostrophe (``l'agenda``);
the build sets the typographic one, ``’`` (U+2019), wherever it stands between
a letter and the rest of its word.

One transformation, applied once to each finished French page (``french_html``):
it reads the page with the standard library's HTML tokenizer and changes only
text a reader sees or hears: text nodes, and the attributes that hold words
(``alt``, ``title``, ``aria-label``, ``placeholder``, the description and
Open Graph texts of ``<meta>``). Code, preformatted text, scripts, styles,
addresses in text and times such as 09:00 stay as they are, and so does any
part of the page marked as another language (``lang="de"``). Everything else
in the page keeps its exact bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import escape, unescape
from html.parser import HTMLParser

NBSP = "\u00a0"
APOSTROPHE = "\u2019"

# Spaces an editor or a template may have typed where a no-break space belongs.
_SPACES = " \t\r\n\u00a0\u202f\u2009"
# Before these signs: whatever space is there becomes one no-break space.
_BEFORE = ":;?!»"
# A sign typed right after a word ("Atelier: titre") gets its space when it
# ends a clause: followed by a space, the end of the text, or closing marks.
# "09:00", "https://…" and "?q=1" are followed by something else.
_SPACE_BEFORE = re.compile(rf"(?<=\S)[{_SPACES}]+(?=[{_BEFORE}])")
_NO_SPACE_BEFORE = re.compile(rf"(?<=[^\s«(\[{_BEFORE}])(?=[{_BEFORE}])")
_SIGN_ENDS = re.compile(rf"»|[{_BEFORE}](?=$|[\s?!»)\]\"”’.,…])")
_AFTER_OPENING_QUOTE = re.compile(rf"«([{_SPACES}]*)(?=\S)")
_NUMBER_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u202f\u2009\u00a0]\d{3})+(?![\d])")
_NUMBER_SIGN = re.compile(r"(?<=\d)[ \u202f\u2009](?=[%€])")
# A day and its month stay on one line: "2 janvier", "1er mars".
_DAY_MONTH = re.compile(r"(?<![\d,.])(?:\d{1,2}|1er)([ \u202f\u2009]+)"
                        r"(?=(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
                        r"décembre)\b)", re.I)
# Addresses and e-mail addresses in running text are left alone.
# (Punctuation that ends the sentence is not part of the address.)
_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:|[^\s@]+@)\S+?(?=[.,:;!?»)]*(?:\s|$))", re.I)

# The keyboard's apostrophe after a letter and before the rest of the word: "l'agenda",
# "aujourd'hui" (not a quotation mark: 'mot' opens after a space).
_TYPED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=\w)")

# Attributes whose value is words for the reader.
TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "aria-description", "placeholder"})
# <meta> whose content is words for the reader (search engines, link previews).
TEXT_META = frozenset({"description", "og:title", "og:description", "og:image:alt",
                       "twitter:title", "twitter:description"})
# Elements whose text is code or data, never prose.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"})
# Inline elements: text on both sides of them is one run of text ("<em>mot</em> :").
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
                    "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
                    "time", "u", "var", "wbr"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})


# -----------------------------------------------------------------------------
# Plain text
# -----------------------------------------------------------------------------


def spacing_edits(text: str) -> list[tuple[int, int]]:
    """Where ``text`` needs a no-break space: ``(start, end)`` spans to replace by one.

    An empty span (``start == end``) is a no-break space to insert.
    """
    addresses = [m.span() for m in _ADDRESS.finditer(text)]
    edits: dict[int, int] = {}
    for match in _SPACE_BEFORE.finditer(text):
        if match.group() != NBSP:
            edits[match.start()] = match.end()
    for match in _NO_SPACE_BEFORE.finditer(text):
        at = match.start()
        # "09:00", "?q=1": not a clause's end; "https://…": an address.
        if _SIGN_ENDS.match(text, at) and not any(s < at < e for s, e in addresses):
            edits[at] = at
    for match in _AFTER_OPENING_QUOTE.finditer(text):
        start, end = match.span(1)
        if text[start:end] != NBSP:
            edits[start] = end
    for match in _NUMBER_GROUPS.finditer(text):
        for offset, char in enumerate(match.group()):
            if not char.isdigit() and char != NBSP:
                at = match.start() + offset
                edits[at] = at + 1
    for match in _NUMBER_SIGN.finditer(text):
        edits[match.start()] = match.end()
    for match in _DAY_MONTH.finditer(text):
        edits[match.start(1)] = match.end(1)
    return sorted(edits.items())


def apostrophe_edits(text: str) -> list[int]:
    """Where ``text`` has a keyboard apostrophe that French sets as ``’``, outside addresses."""
    addresses = [m.span() for m in _ADDRESS.finditer(text)]
    return [m.start() for m in _TYPED_APOSTROPHE.finditer(text)
            if not any(s <= m.start() < e for s, e in addresses)]


def french_edits(text: str) -> list[tuple[int, int, str]]:
    """Every change French typography makes to ``text``: ``(start, end, replacement)``, in order."""
    edits = [(start, end, NBSP) for start, end in spacing_edits(text)]
    edits += [(at, at + 1, APOSTROPHE) for at in apostrophe_edits(text)]
    return sorted(edits)


def french_spacing(text: str) -> str:
    """Plain text with French no-break spaces (and nothing else changed)."""
    return _apply(text, [(start, end, NBSP) for start, end in spacing_edits(text)])


def french_text(text: str) -> str:
    """Plain text as French typography sets it: no-break spaces and typographic apostrophes."""
    return _apply(text, french_edits(text))


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for start, end, replacement in edits:
        out += [text[last:start], replacement]
        last = end
    out.append(text[last:])
    return "".join(out)


# -----------------------------------------------------------------------------
# HTML
# -----------------------------------------------------------------------------


def french_html(html: str, *, lang: str | None = None) -> str:
    """``html`` with French no-break spaces and apostrophes wherever its text is French.

    A whole page's language is its ``<html lang>``; a fragment (a search
    index entry) is in ``lang``. Only spaces and apostrophes change (an
    apostrophe written as ``&#39;``, as templates escape it, included), and
    every other byte stays, but for an attribute whose words changed: it is
    written again, in double quotes.
    """
    reader = _Reader(html, lang)
    reader.feed(html)
    reader.close()
    reader.flush()
    if not reader.edits:
        return html
    out, last = [], 0
    for start, end, replacement in sorted(reader.edits):
        out += [html[last:start], replacement]
        last = end
    out.append(html[last:])
    return "".join(out)


def is_french(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().split("-")[0] == "fr"


# -----------------------------------------------------------------------------
# The rules of each language: French has its spaces; a language without rules
# here is left as it is written.
# -----------------------------------------------------------------------------

# The ellipsis that ends a shortened text: after a word in most languages
# ("mot…"), separated in German, where it stands for left-out words ("Wort …").
_ELLIPSIS = {"de": " …"}


def text_rules(lang: str) -> Callable[[str], str]:
    """What a language's typography does to plain text (calendar feeds, structured data):
    nothing without rules."""
    return french_text if is_french(lang) else _as_written


def html_rules(lang: str) -> Callable[[str], str] | None:
    """What a language's typography does to a finished page or to an HTML fragment in that
    language (a search result), or None for a language without rules."""
    return partial(french_html, lang=lang) if is_french(lang) else None


def ellipsis(lang: str) -> str:
    return _ELLIPSIS.get(lang.lower().split("-")[0], "…")


def _as_written(text: str) -> str:
    return text


@dataclass
class _LangScope:
    """An element with a lang attribute still open."""

    tag: str
    french: bool
    # How many elements of that tag are open since it (nested same-tag elements).
    depth: int


class _Reader(HTMLParser):
    """Collects the edits to make in the source, by position, while tokenizing it."""

    def __init__(self, source: str, lang: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = [0] + [m.end() for m in re.finditer("\n", source)]
        self.edits: list[tuple[int, int, str]] = []
        # Elements with a lang attribute still open; the first is the page itself.
        self.langs: list[_LangScope] = [_LangScope("", is_french(lang), 1)]
        self.verbatim = 0
        # The current run of text: (position in the source, text, may be edited, length in
        # the source: more than the text's for an entity such as &#39;).
        self.run: list[tuple[int, str, bool, int]] = []

    # -- positions -----------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    # -- tokens --------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=tag in VOID)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, closed=True)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag not in INLINE:
            self.flush()
        values = dict(attrs)
        own = values.get("lang")
        if tag == "html" and own is not None:
            self.langs[0].french = is_french(own)
        elif not closed:
            for entry in self.langs[1:]:
                if entry.tag == tag:
                    entry.depth += 1
            if own is not None:
                self.langs.append(_LangScope(tag, is_french(own), 1))
        french = is_french(own) if own is not None else self.langs[-1].french
        if french and not self.verbatim and (tag == "meta" or not TEXT_ATTRIBUTES.isdisjoint(values)):
            self._attributes(tag, values)
        if tag in VERBATIM and not closed:
            self.verbatim += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.flush()
        if tag in VERBATIM and self.verbatim:
            self.verbatim -= 1
        if len(self.langs) > 1:
            for entry in self.langs[1:]:
                if entry.tag == tag:
                    entry.depth -= 1
            if any(entry.depth <= 0 for entry in self.langs[1:]):
                self.flush()
                self.langs[1:] = [entry for entry in self.langs[1:] if entry.depth > 0]

    def handle_data(self, data: str) -> None:
        self._text(self._offset(), data, editable=not self.verbatim)

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name}")

    def _entity(self, written: str) -> None:
        """An entity is left as written, but for an apostrophe (``&#39;``, as templates
        escape one), which the typography may replace whole."""
        at = self._offset()
        length = len(written) + (self.source.startswith(";", at + len(written)))
        text = unescape(self.source[at:at + length])
        self._text(at, text, editable=text == "'" and not self.verbatim, length=length)

    def handle_comment(self, data: str) -> None:
        self.flush()

    # -- text ----------------------------------------------------------------

    def _text(self, at: int, text: str, editable: bool, length: int | None = None) -> None:
        if not self.langs[-1].french:
            self.flush()
            return
        self.run.append((at, text, editable, len(text) if length is None else length))

    def flush(self) -> None:
        """Apply French typography to the run of text read so far, as one text."""
        run, self.run = self.run, []
        if not run or not any(editable for _, _, editable, _ in run):
            return
        text = "".join(piece for _, piece, _, _ in run)
        if not _may_need_typography(text):
            return
        starts, total = [], 0
        for _, piece, _, _ in run:
            starts.append(total)
            total += len(piece)
        for start, end, replacement in french_edits(text):
            index = bisect_right(starts, start) - 1
            at, piece, editable, length = run[index]
            local = start - starts[index]
            if not editable or local + (end - start) > len(piece):
                continue  # inside code or an entity, or across two pieces: left as typed
            if local == len(piece) and index + 1 < len(run) and start == end:
                at, piece, editable, length = run[index + 1]
                local = 0
                if not editable:
                    continue
            if length != len(piece):  # an entity (one character): replaced whole, or kept whole
                position = at if local == 0 else at + length
                self.edits.append((position, position + (length if end > start else 0), replacement))
                continue
            self.edits.append((at + local, at + local + (end - start), replacement))

    def _attributes(self, tag: str, values: dict[str, str | None]) -> None:
        names = set(TEXT_ATTRIBUTES)
        if tag == "meta" and (values.get("name") or values.get("property")) in TEXT_META:
            names.add("content")
        words = {name: value for name, value in values.items() if value and name in names}
        raw = self.get_starttag_text()
        if not words or raw is None:
            return
        start = self._offset()
        for name, value in words.items():
            new = french_text(value)
            if new == value:
                continue
            match = re.search(rf"""\s{re.escape(name)}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", raw, re.I)
            if match:
                self.edits.append((start + match.start(1), start + match.end(1), f'"{escape(new)}"'))


_MAY_NEED_TYPOGRAPHY = re.compile(r"[:;?!«»%€']|\d\s\S")  # \S: a digit group or a month


def _may_need_typography(text: str) -> bool:
    return _MAY_NEED_TYPOGRAPHY.search(text) is not None
