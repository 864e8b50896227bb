"""Typography in everything a reader sees, in each language: apostrophes, quotation
marks and no-break spaces (between a day and its month in every language, the others
in French).

Every language: editors type the keyboard's apostrophe (``l'agenda``, ``Luxembourg's``,
``geht's``) and straight quotation marks (``"mot"``, ``'mot'``); the build sets the
typographic apostrophe, ``’`` (U+2019), and the language's own quotation marks, the
outer ones for ``"…"`` and the inner ones for ``'…'`` (``“…”`` and ``‘…’`` in English,
``„…“`` and ``‚…‘`` in German, ``« … »`` in French), read from the locale's data
(``godigital/quotation_marks.py``).

Every language keeps a day and its month on one line: a no-break space (U+00A0)
between them, with the month's name as the locale's data writes it (``2 janvier``,
``1er mars``, ``2. Januar``, ``2 January``). French also puts one before
``: ; ? ! »``, after ``«``, before ``%`` and ``€`` after a number, and between the
digit groups of a number (``35 000``). Editors type ordinary spaces, or none
("Atelier: titre"); the build puts the no-break spaces in, so that a line never
starts with a colon or splits a number or a date.

One transformation, applied once to each finished page (``typeset_html``): it
reads the page with the standard library's HTML tokenizer and changes only
text a reader sees or hears: text nodes, and the attributes that hold words
(``alt``, ``title``, ``aria-label``, ``placeholder``, the description and
Open Graph texts of ``<meta>``), each in the language it is marked with
(``<html lang>``, or ``lang="de"`` on a part of the page). Code, preformatted
text, scripts, styles, addresses in text and times such as 09:00 stay as they
are. Everything else in the page keeps its exact bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from html import escape, unescape
from html.parser import HTMLParser

from babel import Locale

from godigital.languages import babel_locale
from godigital.quotation_marks import QuotationMarks, quotation_marks

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
# A day and its month stay on one line: "2 janvier", "1er mars", "2. Januar", "2 January"
# (the day as the date_format labels write it: a number, French "1er", German "2.").
_DAY = r"(?<![\d,.])(?:\d{1,2}\.?|1er)"
_DAY_SPACES = "[ \u202f\u2009\r\n\t]+"
# Addresses and e-mail addresses in running text are left alone.
# (Punctuation and quotation marks that end the sentence are not part of the address.)
_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:|[^\s@]+@)\S+?"
                      r"(?=[.,:;!?»)\"'”’“]*(?:\s|$))", re.I)

# The keyboard's marks the typography replaces.
_TYPED_MARK = re.compile("[\"']")
# What may stand right before an opening quotation mark: nothing, a space, an opening bracket or mark, a dash.
_OPENS_AFTER = frozenset("([{<«‹„‚“‘—–-/")

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

Edit = tuple[int, int, str]


# -----------------------------------------------------------------------------
# Plain text
# -----------------------------------------------------------------------------


def spacing_edits(text: str) -> list[tuple[int, int]]:
    """Where French ``text`` needs a no-break space: ``(start, end)`` spans to replace by one.

    An empty span (``start == end``) is a no-break space to insert.
    """
    addresses = _addresses(text)
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
    edits.update(day_month_edits(text, "fr"))
    return sorted(edits.items())


def day_month_edits(text: str, lang: str) -> list[tuple[int, int]]:
    """Where ``text`` needs a no-break space between a day and its month, in ``lang``:
    ``(start, end)`` spans of the spaces to replace by one."""
    pattern = _day_month(lang)
    if pattern is None:
        return []
    return [match.span(1) for match in pattern.finditer(text)]


@cache
def _day_month(lang: str) -> re.Pattern[str] | None:
    """A day followed by a month's name in ``lang`` (as Babel's locale writes months in
    dates), or None for a language Babel has no data for."""
    try:
        months = Locale.parse(babel_locale(lang)).months["format"]["wide"].values()
    except ValueError:
        return None
    # As the locale writes it, or capitalised (a title): English "may" the verb is no month.
    spellings = {spelling for month in months for spelling in (month, month[:1].upper() + month[1:])}
    names = "|".join(sorted(map(re.escape, spellings), key=len, reverse=True))
    return re.compile(rf"{_DAY}({_DAY_SPACES})(?=(?:{names})\b)")


def mark_edits(text: str, quotes: QuotationMarks | None) -> list[Edit]:
    """The keyboard's apostrophes and straight quotation marks in ``text`` as the language sets
    them: ``(at, at + 1, mark)``, outside addresses. Without ``quotes`` (a language the locale
    data has none for), only apostrophes; a mark that is neither stays as typed.

    An apostrophe stands after a letter, before a letter (``l'agenda``) or at a word's end
    (``partners'``), or before a number (``'80``); a quotation mark opens after a space or an
    opening bracket, before a word, and closes the one open.
    """
    addresses = _addresses(text)
    edits: list[Edit] = []
    double_open = single_open = False
    for match in _TYPED_MARK.finditer(text):
        at = match.start()
        if any(s <= at < e for s, e in addresses):
            continue
        before, after = text[at - 1:at], text[at + 1:at + 2]
        opens = (not before or before.isspace() or before in _OPENS_AFTER) and bool(after) and not after.isspace()
        mark: str | None
        if match.group() == "'":
            if _is_letter(before) and (after.isalnum() or not single_open):
                mark = APOSTROPHE  # l'agenda, d'1 an, geht's, partners'
            elif opens and after.isdigit():
                mark = APOSTROPHE  # '80
            elif opens:
                mark, single_open = quotes and quotes.inner_open, True
            elif single_open and before and not before.isspace():
                mark, single_open = quotes and quotes.inner_close, False
            else:
                mark = None
        elif opens and not double_open:
            mark, double_open = quotes and quotes.outer_open, True
        elif double_open and before and not before.isspace():
            mark, double_open = quotes and quotes.outer_close, False
        else:
            mark = None
        if mark:
            edits.append((at, at + 1, mark))
    return edits


def text_edits(text: str, lang: str | None) -> list[Edit]:
    """Every change the language's typography makes to ``text``: ``(start, end, replacement)``,
    in order (an insertion before a replacement at the same place)."""
    rules = language_rules(lang)
    if rules is None:
        return []
    edits = mark_edits(text, rules.quotes)
    if rules.french:
        # The spaces go around the quotation marks as they will be: « », not "".
        marked = _apply(text, edits)
        edits += [(start, end, NBSP) for start, end in spacing_edits(marked)]
    else:
        edits += [(start, end, NBSP) for start, end in day_month_edits(text, str(lang))]
    return sorted(edits)


def typeset_text(text: str, lang: str | None) -> str:
    """Plain text as the language's typography sets it."""
    return _apply(text, text_edits(text, lang))


def french_spacing(text: str) -> str:
    """Plain text with French no-break spaces (and nothing else changed)."""
    return _apply(text, [(start, end, NBSP) for start, end in spacing_edits(text)])


def french_text(text: str) -> str:
    """Plain text as French typography sets it: quotation marks, apostrophes and no-break spaces."""
    return typeset_text(text, "fr")


def _is_letter(char: str) -> bool:
    return bool(char) and char.isalpha()


def _addresses(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ADDRESS.finditer(text)]


def _apply(text: str, edits: list[Edit]) -> str:
    out, last = [], 0
    for start, end, replacement in sorted(edits):
        out += [text[last:start], replacement]
        last = end
    out.append(text[last:])
    return "".join(out)


# -----------------------------------------------------------------------------
# The rules of each language
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LanguageRules:
    """What a language's typography does: its quotation marks (None where the locale data has
    none), and French's no-break spaces."""

    quotes: QuotationMarks | None
    french: bool


@cache
def language_rules(lang: str | None) -> LanguageRules | None:
    """The rules for ``lang`` (``fr``, ``de-CH``...), or None for text in no language."""
    if not lang:
        return None
    return LanguageRules(quotes=quotation_marks(str(lang)), french=is_french(lang))


def is_french(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().split("-")[0] == "fr"


# The ellipsis that ends a shortened text: after a word in most languages
# ("mot…"), separated in German, where it stands for left-out words ("Wort …").
_ELLIPSIS = {"de": " …"}


def text_rules(lang: str) -> Callable[[str], str]:
    """What a language's typography does to plain text (calendar feeds, structured data, previews)."""
    return partial(typeset_text, lang=lang)


def html_rules(lang: str) -> Callable[[str], str] | None:
    """What a language's typography does to a finished page or to an HTML fragment in that
    language (a search result), or None for a language without rules."""
    return partial(typeset_html, lang=lang) if language_rules(lang) else None


def ellipsis(lang: str) -> str:
    return _ELLIPSIS.get(lang.lower().split("-")[0], "…")


# -----------------------------------------------------------------------------
# HTML
# -----------------------------------------------------------------------------


def typeset_html(html: str, *, lang: str | None = None) -> str:
    """``html`` with each language's typography wherever its text is in that language.

    A whole page's language is its ``<html lang>``; a fragment (a search
    index entry) is in ``lang``. Only spaces, apostrophes and quotation marks
    change (one written as ``&#39;`` or ``&#34;``, as templates escape them,
    included), and every other byte stays, but for an attribute whose words
    changed: it is written again, in double quotes.
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


@dataclass
class _LangScope:
    """An element with a lang attribute still open."""

    tag: str
    lang: str | None
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
        self.langs: list[_LangScope] = [_LangScope("", lang, 1)]
        self.verbatim = 0
        # The current run of text: (position in the source, text, may be edited, length in
        # the source: more than the text's for an entity such as &#39;), in run_lang.
        self.run: list[tuple[int, str, bool, int]] = []
        self.run_lang: str | None = None

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
            self.langs[0].lang = own
        elif not closed:
            for entry in self.langs[1:]:
                if entry.tag == tag:
                    entry.depth += 1
            if own is not None:
                self.langs.append(_LangScope(tag, own, 1))
        lang = own if own is not None else self.langs[-1].lang
        if language_rules(lang) and not self.verbatim and (tag == "meta" or not TEXT_ATTRIBUTES.isdisjoint(values)):
            self._attributes(tag, values, lang)
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
        """An entity is left as written, but for an apostrophe or a quotation mark (``&#39;``,
        ``&#34;``, as templates escape them), which the typography may replace whole."""
        at = self._offset()
        length = len(written) + (self.source.startswith(";", at + len(written)))
        text = unescape(self.source[at:at + length])
        self._text(at, text, editable=text in ("'", '"') and not self.verbatim, length=length)

    def handle_comment(self, data: str) -> None:
        self.flush()

    # -- text ----------------------------------------------------------------

    def _text(self, at: int, text: str, editable: bool, length: int | None = None) -> None:
        lang = self.langs[-1].lang
        if lang != self.run_lang:
            self.flush()
            self.run_lang = lang
        if not language_rules(lang):
            return
        self.run.append((at, text, editable, len(text) if length is None else length))

    def flush(self) -> None:
        """Apply the language's typography to the run of text read so far, as one text.

        The marks inside code count for nothing: a quotation mark there opens or
        closes none in the text around it."""
        run, self.run = self.run, []
        if not run or not any(editable for _, _, editable, _ in run):
            return
        text = "".join(piece if editable else _TYPED_MARK.sub(_NEUTRAL, piece) for _, piece, editable, _ in run)
        if not _may_need_typography(text, french=is_french(self.run_lang)):
            return
        starts, total = [], 0
        for _, piece, _, _ in run:
            starts.append(total)
            total += len(piece)
        for start, end, replacement in text_edits(text, self.run_lang):
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

    def _attributes(self, tag: str, values: dict[str, str | None], lang: str | None) -> None:
        names = set(TEXT_ATTRIBUTES)
        if tag == "meta" and (values.get("name") or values.get("property")) in TEXT_META:
            names.add("content")
        words = {name: value for name, value in values.items() if value and name in names}
        raw = self.get_starttag_text()
        if not words or raw is None:
            return
        start = self._offset()
        for name, value in words.items():
            new = typeset_text(value, lang)
            if new == value:
                continue
            match = re.search(rf"""\s{re.escape(name)}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", raw, re.I)
            if match:
                self.edits.append((start + match.start(1), start + match.end(1), f'"{escape(new)}"'))


# A mark inside code, which counts as neither letter nor space around it.
_NEUTRAL = "\ufffc"
_MAY_NEED_FRENCH = re.compile(r"[:;?!«»%€'\"]|\d\s\S")  # \S: a digit group or a month
_MAY_NEED_MARKS = re.compile(r"['\"]|\d\.?\s\S")  # \S: a month


def _may_need_typography(text: str, *, french: bool) -> bool:
    return (_MAY_NEED_FRENCH if french else _MAY_NEED_MARKS).search(text) is not None
