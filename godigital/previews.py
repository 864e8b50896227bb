"""Link previews: the picture a shared link shows (Open Graph's ``og:image``), drawn at build time.

One 1200×630 PNG per page and language, the campaign's card: the header's
wordmark (read from ``overrides/assets/go-digital.svg``: ``icons.read_wordmark``),
the page's title with the yellow bar the site's titles have and, on an event's
page, its state (the badge its page and its cards show: ``agenda.event_state``)
on the campaign's yellow, its date and its venue, in the page's language; the
wordmark's mark, large and faint, behind the right of the card. The colours are
the style sheet's (``icons.colours_from_css``): the campaign's blue, the text's
white and its yellow. Drawn with Pillow and the Inter font shipped in
``godigital/fonts/`` (SIL Open Font License, ``OFL.txt`` beside it), with no network.

Texts come from editors, of any length and in any script: a long title is
drawn smaller, wrapped on spaces (a word too long for a line is cut, with a
hyphen, only when no size holds it whole), and ends with the language's
ellipsis when even the smallest size cannot hold it.
Characters the font has no shape for (emoji, scripts it does not cover) are
left out of the picture, never drawn as empty boxes; the page itself keeps them.
Texts are drawn as the characters they are, never read as markup: a title such
as ``</text><script>`` is those fifteen characters on the card.

The same texts give the same bytes on every build: Pillow's own layout (not
the system's text-shaping libraries, which differ between machines), a PNG with
no time or other metadata in it, and a file named by a hash of everything that
goes into it, so that the networks that keep a preview for days fetch the new
one as soon as a title changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, ImageChops, ImageDraw, ImageFont

from godigital import agenda, dates, icons, pictures, typography
from godigital.events import Event
from godigital.icons import Colours, Wordmark

WIDTH, HEIGHT = 1200, 630
PREVIEWS_DIR = "assets/previews"
FONTS = Path(__file__).resolve().parent / "fonts"
BOLD, REGULAR = FONTS / "Inter-Bold.otf", FONTS / "Inter-Regular.otf"

# The layout, in pixels.
_MARGIN = 80
_TOP = 64
_WORDMARK = 64  # the wordmark's height
_TEXT_WIDTH = WIDTH - 2 * _MARGIN
_TITLE_TOP = 190
_TITLE_SIZES = (80, 72, 64, 56, 50, 44)
_LINE = 1.18  # line height, as a multiple of the font size
_WHEN_SIZES = (40, 36, 32)
_VENUE_SIZE = 32
_HOST_SIZE = 30
_STATUS_SIZE = 28
# The softer lines' shade, from the campaign's colour (0) to the colour of text on it (255).
_SOFT = 204
# The yellow bar under the title, as the site's first title has it (site.css, h1::after).
_BAR_WIDTH, _BAR_HEIGHT, _BAR_GAP = 120, 10, 14
_DESCENDER = 1.21  # where Inter's letters end below a line's top ("g", "p"), as a multiple of the font size
# The mark, large and faint behind the right of the card: its size, place, and shade.
_FAINT_SIZE, _FAINT_AT, _FAINT = 560, (WIDTH - 400, HEIGHT // 2 - 280), 20
_WHOLE = icons.Layout(rounded=False, share=1.0)
_PALETTE = 256
# No picture can show more than this of a text: the rest is never laid out.
_MAX_CHARS = 400
# Lines break at spaces only: the no-break ones French typography puts in hold words together.
_SPACES = re.compile(" {2,}")
_HYPHEN = "-"


@dataclass(frozen=True)
class Card:
    """What one preview shows, in the page's language (plain text, not HTML)."""

    site_name: str
    title: str
    host: str  # the site's address as readers type it: www.godigital.lu
    lang: str
    ellipsis: str = "…"
    when: str | None = None  # an event's date line
    venue: str | None = None
    status: str | None = None  # an event's state, as its badge says it


def page_card(*, site_name: str, title: str, site_url: str, lang: str, now: datetime, event: Event | None = None,
              labels: dict[str, str] | None = None, previous_starts: tuple[date | datetime, ...] = ()) -> Card:
    """What a page's preview shows, in its language's typography: an event's page adds
    its state at the build time ``now`` (from ``labels``, the agenda's words), its date
    and its venue."""
    rules = typography.text_rules(lang)
    when = venue = status = None
    if event is not None:
        when = rules(dates.event_when(event, lang, labels))
        venue = rules(event.location.text(lang)) if event.location else None
        status = (labels or {}).get(f"status_{agenda.event_state(event, now, previous_starts)}")
    address = urlsplit(site_url)
    host = (address.netloc + address.path.rstrip("/")) if address.netloc else site_url
    return Card(site_name=rules(site_name), title=rules(title), host=host, lang=lang,
                ellipsis=typography.ellipsis(lang), when=when, venue=venue, status=rules(status) if status else None)


def page_preview(card: Card, image_url: str) -> dict[str, Any]:
    """What the page's head says of its preview (``overrides/main.html``): the picture's
    address, size and text, and an event's state and date for its description."""
    when = " – ".join(part for part in (card.status, card.when) if part) or None
    return {"image": image_url, "width": WIDTH, "height": HEIGHT, "type": "image/png", "alt": alt_text(card),
            "when": sentence_start(when) if when else None}


def sentence_start(text: str) -> str:
    """``text`` with a capital first letter, as it starts the description: ``Mardi 20 mars 2018``."""
    return text[:1].upper() + text[1:]


def file_name(fingerprint: str, page_url: str) -> str:
    """The preview's path in the site: named after its page, with the hash of what it shows.

    ``page_url`` is the page's address from the site's root: ``de/agenda/x/`` gives
    ``assets/previews/de/agenda/x.<hash>.png``, the default language's home ``index.<hash>.png``.
    """
    stem = page_url.strip("/") or "index"
    return f"{PREVIEWS_DIR}/{stem}.{fingerprint[:12]}.png"


def fingerprint(card: Card, colours: Colours, wordmark: Wordmark) -> str:
    """A hash of everything that makes the picture: its texts, the colours, the wordmark, the code and
    fonts that draw it."""
    return pictures.key("preview", WIDTH, HEIGHT, asdict(card), asdict(colours), asdict(wordmark))


def alt_text(card: Card) -> str:
    """What the picture says, for readers who cannot see it (``og:image:alt``): the title (with
    an event's state in brackets), its date and venue, and the site's name unless the title
    already gives it: ``Digital Day de la campagne Go Digital, mardi 20 mars 2018``."""
    title = f"{card.title} ({card.status})" if card.status else card.title
    text = ", ".join(" ".join(part.split()) for part in (title, card.when, card.venue) if part)
    return text if card.site_name in card.title else f"{text} – {' '.join(card.site_name.split())}"


# -----------------------------------------------------------------------------
# Drawing
# -----------------------------------------------------------------------------


def render(card: Card, colours: Colours, wordmark: Wordmark) -> bytes:
    """The preview as PNG bytes, 1200×630: the campaign's card, as its site's header and titles.

    The wordmark as the header shows it (its letters in the colour of text, its
    mark in the campaign's yellow) on the campaign's colour; the title in the
    colour of text, with the yellow bar the site's titles have under them; an
    event's state on a yellow badge, its date and venue; the site's address.
    Every pixel is the campaign's colour blended with the text's or with the
    yellow: it is drawn as two layers (mode L), how far each pixel is towards
    the text's colour and towards the yellow, and written with a palette of
    those blends, which is exact, small and quick to write.
    """
    light, yellow = Image.new("L", (WIDTH, HEIGHT), 0), Image.new("L", (WIDTH, HEIGHT), 0)
    ink, gold = ImageDraw.Draw(light), ImageDraw.Draw(yellow)

    # The mark, large and faint, across the right edge: the campaign's step to digital.
    _, faint = icons.two_tone_masks(_FAINT_SIZE, wordmark.mark, _WHOLE)
    light.paste(_FAINT, _FAINT_AT, faint)

    # The wordmark, top left.
    letters, mark = icons.wordmark_masks(_WORDMARK, wordmark)
    light.paste(255, (_MARGIN, _TOP), letters)
    yellow.paste(255, (_MARGIN, _TOP), mark)

    # The site's address, bottom left.
    host_font = _font(REGULAR, _HOST_SIZE)
    bottom = HEIGHT - _TOP
    host = _fit_line(_drawable(card.host, REGULAR), host_font, _TEXT_WIDTH, card.ellipsis)
    ink.text((_MARGIN, bottom), host, font=host_font, fill=_SOFT, anchor="ld")
    y = bottom - _HOST_SIZE - 44  # the lowest a text above the address may reach

    # An event's lines, from the bottom up: venue, then date.
    venue_font = _font(REGULAR, _VENUE_SIZE)
    venue_lines = _wrap(_drawable(card.venue or "", REGULAR), venue_font, _TEXT_WIDTH, 1, card.ellipsis).lines
    when_text, when_size = _drawable(card.when or "", BOLD), _WHEN_SIZES[-1]
    when_lines: list[str] = []
    for when_size in _WHEN_SIZES if when_text else ():
        wrapped = _wrap(when_text, _font(BOLD, when_size), _TEXT_WIDTH, 2, card.ellipsis)
        when_lines = wrapped.lines
        if len(when_lines) == 1 or not wrapped.shortened:
            break
    for line in reversed(venue_lines):
        ink.text((_MARGIN, y), line, font=venue_font, fill=_SOFT, anchor="ld")
        y -= round(_VENUE_SIZE * _LINE)
    when_font = _font(BOLD, when_size)
    for line in reversed(when_lines):
        ink.text((_MARGIN, y), line, font=when_font, fill=255, anchor="ld")
        y -= round(when_size * _LINE)
    title_bottom = y - (28 if when_lines or venue_lines else 0) - _BAR_GAP - _BAR_HEIGHT

    # The state badge (the campaign's colour on its yellow), the title and its bar, from the top down.
    top = _TITLE_TOP
    status = _drawable(card.status or "", BOLD).upper()
    if status:
        status_font = _font(BOLD, _STATUS_SIZE)
        status = _fit_line(status, status_font, _TEXT_WIDTH - 32, card.ellipsis)
        badge = (_MARGIN, top, _MARGIN + round(status_font.getlength(status)) + 32, top + 48)
        gold.rounded_rectangle(badge, radius=8, fill=255)
        ink.rectangle(badge, fill=0)
        gold.text((_MARGIN + 16, top + 24), status, font=status_font, fill=0, anchor="lm")
        top += 48 + 24
    title = _drawable(card.title, BOLD) or _drawable(card.site_name, BOLD)
    size, lines = _title_layout(title, title_bottom - top, card.ellipsis)
    title_font = _font(BOLD, size)
    line_height = round(size * _LINE)
    for number, line in enumerate(lines):
        ink.text((_MARGIN, top + number * line_height), line, font=title_font, fill=255, anchor="la")
    # The bar under the last line's letters, "g" and "p" included, as under the site's titles.
    bar = top + (len(lines) - 1) * line_height + round(size * _DESCENDER) + _BAR_GAP
    gold.rounded_rectangle((_MARGIN, bar, _MARGIN + _BAR_WIDTH, bar + _BAR_HEIGHT), radius=_BAR_HEIGHT // 2,
                           fill=255)

    # Each pixel's place in the palette: on the way to the text's colour (the first half), or to
    # the yellow (the second), whichever it is further along.
    half = _PALETTE // 2
    picture = light.point([(value * (half - 1) + 127) // 255 for value in range(256)])
    picture.paste(yellow.point([half + (value * (half - 1) + 127) // 255 for value in range(256)]),
                  mask=ImageChops.subtract(yellow, light).point([0] + [255] * 255))
    picture = picture.convert("P")
    picture.putpalette(_palette(colours))
    # zlib's quickest level: 30 kB instead of 24 at level 6, in a third of the time.
    return icons.png(picture, compress_level=1)


@lru_cache(maxsize=4)
def _palette(colours: Colours) -> bytes:
    """The blends from the campaign's colour to the text's, then to the yellow, as a PNG palette."""
    background, text, accent = (_channels(colour) for colour in (colours.primary, colours.on_primary, colours.accent))
    half = _PALETTE // 2
    steps = [_blend(background, end, round(255 * step / (half - 1))) for end in (text, accent) for step in range(half)]
    return bytes(channel for colour in steps for channel in colour)


def _blend(start: tuple[int, ...], end: tuple[int, ...], step: int) -> tuple[int, ...]:
    """The colour ``step`` of 255 of the way from ``start`` to ``end``."""
    return tuple(round(a + (b - a) * step / 255) for a, b in zip(start, end, strict=True))


def _channels(colour: str) -> tuple[int, ...]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _title_layout(title: str, height: int, ellipsis: str) -> tuple[int, list[str]]:
    """The largest size at which the whole title fits in ``height`` with no word cut; else
    the largest at which it fits; else the smallest, shortened."""
    layouts = []
    for size in _TITLE_SIZES:
        room = max(1, int((height - size) // round(size * _LINE)) + 1)
        wrapped = _wrap(title, _font(BOLD, size), _TEXT_WIDTH, room, ellipsis)
        if not wrapped.shortened and not wrapped.hyphenated:
            return size, wrapped.lines
        layouts.append((size, wrapped))
    for size, wrapped in layouts:
        if not wrapped.shortened:
            return size, wrapped.lines
    return layouts[-1][0], layouts[-1][1].lines


@dataclass(frozen=True)
class _Wrapped:
    lines: list[str]
    shortened: bool  # the end of the text is left out, and the last line ends in the ellipsis
    hyphenated: bool  # a word too long for a line is cut, with a hyphen


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, room: int, ellipsis: str) -> _Wrapped:
    """``text`` in lines no wider than ``width``, at most ``room`` of them."""
    measure = _measure(font)
    lines: list[tuple[int, str]] = []  # each line and where it starts in ``text``
    start, line, hyphenated = 0, "", False
    for word in text.split(" ") if text else []:
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append((start, line))
            start += len(line) + 1
        # A word wider than the line (a long compound, an address) is cut, with a hyphen.
        while len(lines) <= room and measure(word) > width:
            cut = _longest_prefix(word, width - measure(_HYPHEN), measure)
            lines.append((start, word[:cut] + _HYPHEN))
            start, word, hyphenated = start + cut, word[cut:], True
        line = word
        if len(lines) > room:
            break
    if line and len(lines) <= room:
        lines.append((start, line))
    if len(lines) <= room:
        return _Wrapped([line for _, line in lines], False, hyphenated)
    last_start = lines[room - 1][0]
    kept = [line for _, line in lines[:room - 1]]
    return _Wrapped([*kept, _fit_line(text[last_start:], font, width, ellipsis, always=True)], True, hyphenated)


def _fit_line(text: str, font: ImageFont.FreeTypeFont, width: int, ellipsis: str, *, always: bool = False) -> str:
    """One line no wider than ``width``: the text, or as much of it as fits, then ``ellipsis``."""
    measure = _measure(font)
    if not always and measure(text) <= width:
        return text
    room = width - measure(ellipsis)
    cut = _longest_prefix(text, room, measure)
    head = text[:cut]
    if " " in head and cut < len(text) and text[cut] != " ":
        head = head.rsplit(" ", 1)[0]  # a whole word, when there is one
    return head.rstrip(" ,;:–—-«„(") + ellipsis


def _longest_prefix(text: str, width: float, measure: Callable[[str], float]) -> int:
    """How many of ``text``'s first characters fit in ``width`` (at least one: every line shows something)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _drawable(text: str, font_file: Path) -> str:
    """``text`` as the picture can show it: composed accents, one space between words,
    without what the font cannot draw, and no longer than any picture shows."""
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())[:_MAX_CHARS]
    kept = "".join(char for char in text if char == " " or _has_glyph(font_file, char))
    return _SPACES.sub(" ", kept).strip()


@lru_cache(maxsize=4096)
def _has_glyph(font_file: Path, char: str) -> bool:
    """Whether the font has a shape for ``char``: it would otherwise draw its "missing" box."""
    if not char.isprintable():
        return False
    font = _font(font_file, 40)
    return _signature(font, char) != _signature(font, "\U0010ffff")


def _signature(font: ImageFont.FreeTypeFont, char: str) -> tuple[tuple[int, int], bytes, float]:
    mask = font.getmask(char)
    return mask.size, bytes(mask), font.getlength(char)


def _measure(font: ImageFont.FreeTypeFont) -> Callable[[str], float]:
    """How wide a text is drawn: the sum of its characters' advances.

    Pillow's own layout applies no kerning to these fonts (Inter's is in its
    GPOS table, which only Raqm reads), so this is exactly ``font.getlength``,
    without laying the whole text out again for every candidate line
    (``tests/test_link_previews.py`` checks that it stays so).
    """
    advance = _advances(font)
    return lambda text: sum(advance(char) for char in text)


@lru_cache(maxsize=64)
def _advances(font: ImageFont.FreeTypeFont) -> Callable[[str], float]:
    return lru_cache(maxsize=1024)(font.getlength)


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own layout: the same on every machine (Raqm depends on the system's FriBiDi).
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
