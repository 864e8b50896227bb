"""A link to any page, shared in a chat or on a social network, shows a picture of it.

Every page and language has its own 1200×630 PNG (``og:image``), drawn at build
time as the campaign's card: the header's wordmark, the page's title with the
site's yellow bar and, for an event, its state and its date in the reader's
language. The pictures are the same bytes on every build,
and no text an editor writes, however long or in whatever script, stops them.
On the fixture site (tests/fixtures/site), and on the drawing module alone.
"""

from __future__ import annotations

import io
import struct
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from godigital import agenda, dates, icons, languages, previews, typography
from godigital.events import Event
from godigital.icons import Colours
from godigital.pictures import PictureCache
from tests.conftest import FIXTURE_EPOCH, ROOT, build_site, fixture_project

COLOURS = Colours(primary="#00528a", on_primary="#ffffff", accent="#ffc845")
WORDMARK = icons.read_wordmark((ROOT / "overrides/assets/go-digital.svg").read_text(encoding="utf-8"))


def head(path: Path) -> dict[str, list[str]]:
    """Every <meta> of a page's head, by name or property, each with all its values in order."""
    found: dict[str, list[str]] = {}
    for meta in LexborHTMLParser(path.read_text(encoding="utf-8")).css("head meta"):
        key = meta.attributes.get("property") or meta.attributes.get("name")
        if key:
            found.setdefault(key, []).append(meta.attributes.get("content") or "")
    return found


def every_page(site: Path) -> list[Path]:
    """Every page of the built site, both 404 pages included."""
    return sorted(site.rglob("*.html"))


def page_lang(site: Path, page: Path, codes: tuple[str, ...]) -> str:
    first = page.relative_to(site).parts[0]
    return first if first in codes[1:] else codes[0]


def chunks(png: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    types, at = [], 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        types.append(kind.decode("ascii"))
        at += 12 + length
    return types


def fixture_language(fixture, wanted: str) -> str:
    """``wanted`` if the fixture has it, else its last language."""
    codes = languages.from_file(fixture.project / "mkdocs.yml").codes
    return wanted if wanted in codes else codes[-1]


@pytest.fixture(scope="module")
def codes(fixture) -> tuple[str, ...]:
    return languages.from_file(fixture.project / "mkdocs.yml").codes


# -----------------------------------------------------------------------------
# The built site
# -----------------------------------------------------------------------------


def test_every_page_names_its_own_picture_absolute_and_1200_by_630(fixture, site):
    pictures = set()
    for page in every_page(site):
        meta = head(page)
        [image] = meta["og:image"]
        assert image.startswith(fixture.site_url), (page, image)
        address = urlsplit(image)
        path = site / address.path.removeprefix(urlsplit(fixture.site_url).path)
        assert path.is_file(), (page, image)
        with Image.open(path) as picture:
            assert (picture.format, picture.size) == ("PNG", (1200, 630)), page
        assert meta["og:image:type"] == ["image/png"]
        assert meta["og:image:width"] == ["1200"] and meta["og:image:height"] == ["630"]
        assert meta["og:image:alt"][0].strip(), page
        assert meta["twitter:card"] == ["summary_large_image"]
        if page.name != "404.html":
            pictures.add(path)
    pages = [page for page in every_page(site) if page.name != "404.html"]
    assert len(pictures) == len(pages), "each page, in each language, has its own picture"


def test_the_pictures_are_served_by_the_site_itself(fixture, site):
    """The content security policy allows images from the site only (img-src 'self')."""
    host = urlsplit(fixture.site_url).netloc
    for page in every_page(site):
        assert urlsplit(head(page)["og:image"][0]).netloc == host


def test_every_picture_is_the_campaigns_card_in_the_style_sheets_colours(fixture, site):
    """The campaign's blue, the text's white and the style sheet's yellow (the wordmark's mark, the title's bar)."""
    colours = icons.colours_from_css((fixture.project / "overrides" / icons.STYLESHEET).read_text(encoding="utf-8"))
    assert colours is not None
    for path in sorted((site / previews.PREVIEWS_DIR).rglob("*.png")):
        found = {colour: count for count, colour in picture(path.read_bytes()).getcolors(maxcolors=1 << 16)}
        for colour in (colours.primary, colours.on_primary, colours.accent):
            assert found.get(rgb(colour), 0) > 1000, (path, colour)


def test_a_missing_page_shares_the_picture_of_its_languages_home(site, codes):
    for lang in codes:
        root = site if lang == codes[0] else site / lang
        assert head(root / "404.html")["og:image"] == head(root / "index.html")["og:image"], lang


def test_each_page_names_its_language_and_every_other_one_the_site_has(site, codes):
    """og:locale:alternate follows the languages of mkdocs.yml, whatever they are."""
    for page in every_page(site):
        lang = page_lang(site, page, codes)
        meta = head(page)
        assert meta["og:locale"] == [languages.og_locale(lang)], page
        assert meta["og:locale:alternate"] == [languages.og_locale(c) for c in codes if c != lang], page


def test_an_events_preview_gives_its_state_and_date_in_the_readers_language(fixture, site, codes):
    """The fixture has no git history, so no event there was moved."""
    for event in fixture.events:
        for lang in codes:
            root = site if lang == codes[0] else site / lang
            meta = head(root / "agenda" / event.id / "index.html")
            labels = fixture.labels[lang]
            when = dates.event_when(event, lang, labels)
            status = labels[f"status_{agenda.event_state(event, fixture.built)}"]
            expected = previews.sentence_start(f"{status} – {when}")
            description = _spaces(meta["og:description"][0])
            assert description.startswith(f"{_spaces(expected)}. "), (event.id, lang, description)
            assert _spaces(when) in _spaces(meta["og:image:alt"][0])


def test_the_same_page_in_two_languages_has_two_pictures(site, codes):
    for page in (site / codes[1]).rglob("index.html"):
        default = site / page.relative_to(site / codes[1])
        assert head(page)["og:image"] != head(default)["og:image"], page


def test_a_picture_holds_nothing_but_the_picture(fixture, site):
    """No time, software name or text chunk: nothing that would differ from one build to the next."""
    for path in (site / previews.PREVIEWS_DIR).rglob("*.png"):
        assert chunks(path.read_bytes()) == ["IHDR", "PLTE", "IDAT", "IEND"], path


def test_a_rebuild_draws_the_same_bytes_with_or_without_the_pictures_kept(fixture, tmp_path):
    """The first build draws every picture and keeps it in the project's .cache/; the next one
    reads them from there. Both give the bytes of the suite's own build, made elsewhere."""
    project = fixture_project(tmp_path / "project")
    for attempt in ("drawn", "kept"):
        site = tmp_path / attempt
        result = build_site(project, site, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
        assert result.returncode == 0, result.stderr
        kept = sorted((project / ".cache/pictures").iterdir())
        assert kept, "the pictures are kept for the next build"
        for path in sorted((fixture.site / previews.PREVIEWS_DIR).rglob("*.png")):
            again = site / path.relative_to(fixture.site)
            assert again.read_bytes() == path.read_bytes(), (attempt, path)


def test_long_and_hostile_titles_in_any_script_are_drawn(tmp_path):
    """A page title and an event's title of the longest kind, with emoji, scripts the
    font does not have, right-to-left text and markup-like signs, build and are drawn."""
    project = fixture_project(tmp_path / "project")
    strange = ("Atelier « numérique » : 中文 العربية עברית 👩‍💻 & <co> "
               + "Digitalisierungsberatungsangebotsübersichtsseite " * 3)[:190]
    for page in (project / "docs").rglob("ateliers.md"):
        text = page.read_text(encoding="utf-8")
        start = text.index("title:")
        end = text.index("\n", start)
        page.write_text(text[:start] + f'title: "{strange}"' + text[end:], encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    for page in site.rglob("ateliers/index.html"):
        image = urlsplit(head(page)["og:image"][0]).path.lstrip("/")
        with Image.open(site / image) as picture:
            assert picture.size == (1200, 630)
        assert head(page)["og:image:alt"][0].startswith("Atelier")


# -----------------------------------------------------------------------------
# Drawing
# -----------------------------------------------------------------------------


def card(**fields) -> previews.Card:
    values = {"site_name": "Go Digital", "title": "Digital Day", "host": "www.godigital.lu", "lang": "fr"}
    return previews.Card(**{**values, **fields})


def size_of(png: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(png)) as picture:
        return picture.size


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=600), when=st.none() | st.text(max_size=300), venue=st.none() | st.text(max_size=300),
       status=st.none() | st.text(max_size=80), ellipsis=st.sampled_from(["…", " …", ""]))
def test_any_text_is_drawn_in_1200_by_630(title, when, venue, status, ellipsis):
    png = previews.render(card(title=title, when=when, venue=venue, status=status, ellipsis=ellipsis), COLOURS,
                          WORDMARK)
    assert size_of(png) == (previews.WIDTH, previews.HEIGHT)


@pytest.mark.parametrize("title", [
    "A" * 5000,  # no space to break at
    "mot " * 2000,
    "\u0000\u200b\u202e\ufeff",  # nothing drawable
    "👩‍💻🚀",  # emoji only: the font has none, the site's name is shown instead
    "e\u0301" * 300,  # combining accents
    "中文标题" * 100,
    "\n\t  ",
])
def test_extreme_titles_are_drawn(title):
    drawn = previews.render(card(title=title, when=title, venue=title, status=title), COLOURS, WORDMARK)
    assert size_of(drawn) == (1200, 630)


def test_the_same_card_gives_the_same_bytes_and_another_card_others():
    one = previews.render(card(when="mardi 20 mars 2018"), COLOURS, WORDMARK)
    assert previews.render(card(when="mardi 20 mars 2018"), COLOURS, WORDMARK) == one
    assert previews.render(card(when="mardi 6 février 2018"), COLOURS, WORDMARK) != one
    fingerprint = previews.fingerprint(card(), COLOURS, WORDMARK)
    assert fingerprint != previews.fingerprint(card(title="Digital Days"), COLOURS, WORDMARK)
    assert fingerprint != previews.fingerprint(card(), replace(COLOURS, primary="#003a63"), WORDMARK)
    assert fingerprint != previews.fingerprint(card(), replace(COLOURS, accent="#ffd700"), WORDMARK)
    # A new mark in the wordmark, or new letters, draws every preview again.
    assert fingerprint != previews.fingerprint(card(), COLOURS,
                                               replace(WORDMARK, mark=icons.Mark(WORDMARK.mark.shapes[:1])))
    assert fingerprint != previews.fingerprint(card(), COLOURS, replace(WORDMARK, letters=WORDMARK.letters[1:]))


def picture(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as image:
        return image.convert("RGB")


def rgb(colour: str) -> tuple[int, ...]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def test_the_card_shows_the_headers_wordmark_in_its_colours():
    """Its letters in the colour of text on the campaign's, its mark in the campaign's yellow,
    drawn from the wordmark's own shapes, top left."""
    drawn = picture(previews.render(card(), COLOURS, WORDMARK))
    letters, mark = icons.wordmark_masks(previews._WORDMARK, WORDMARK)
    at = (previews._MARGIN, previews._TOP)
    for mask, colour in ((letters, COLOURS.on_primary), (mark, COLOURS.accent)):
        solid = [(x, y) for x in range(mask.width) for y in range(mask.height) if mask.getpixel((x, y)) == 255]
        assert len(solid) > 200, colour
        assert {drawn.getpixel((at[0] + x, at[1] + y)) for x, y in solid} == {rgb(colour)}
    assert drawn.getpixel((at[0] - 10, at[1])) == rgb(COLOURS.primary)


def test_the_title_has_the_sites_yellow_bar_and_an_events_state_a_yellow_badge():
    """Below the wordmark, the yellow is the title's bar alone, or the bar and the state's badge."""
    def yellow_below_the_wordmark(png: bytes) -> int:
        drawn = picture(png).crop((0, previews._TOP + previews._WORDMARK + 8, previews.WIDTH, previews.HEIGHT))
        return sum(count for count, colour in drawn.getcolors(maxcolors=1 << 16) if colour == rgb(COLOURS.accent))
    bar = yellow_below_the_wordmark(previews.render(card(), COLOURS, WORDMARK))
    assert bar >= 0.8 * previews._BAR_WIDTH * previews._BAR_HEIGHT
    assert yellow_below_the_wordmark(previews.render(card(status="À venir"), COLOURS, WORDMARK)) > bar + 3000


@pytest.mark.parametrize("title", [
    "</text><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)> &amp; & ]]> {{ title }} ${x}',
    "<svg><text>x</text></svg>",
])
def test_a_title_that_looks_like_markup_is_drawn_as_its_characters(title):
    """The card is drawn from the text itself, not from a template: nothing in it is read as markup."""
    _, lines = previews._title_layout(previews._drawable(title, previews.BOLD), 300, "…")
    assert " ".join(lines) == " ".join(title.split())
    assert previews.render(card(title=title), COLOURS, WORDMARK) != previews.render(card(title="x"), COLOURS,
                                                                                    WORDMARK)


@pytest.mark.parametrize("fields", [
    {"title": "Digitalisierung " * 60},
    {"title": "A" * 5000},
    {"title": "Cybersicherheitsberatungsangebote" * 4, "status": "Abgesagt"},
    {"title": "mot " * 300, "when": "mardi 20 mars 2018 " * 10, "venue": "Luxembourg " * 40, "status": "À venir " * 20},
])
def test_a_long_title_wraps_or_is_cut_inside_the_card(fields):
    """No text reaches the card's right margin or below the site's address: beyond the
    margins, only the campaign's colour and the large faint mark."""
    drawn = picture(previews.render(card(**fields), COLOURS, WORDMARK))
    faint = previews._blend(rgb(COLOURS.primary), rgb(COLOURS.on_primary), previews._FAINT)
    for box in ((previews.WIDTH - previews._MARGIN + 1, 0, previews.WIDTH, previews.HEIGHT),
                (0, previews.HEIGHT - previews._TOP + 4, previews.WIDTH, previews.HEIGHT)):
        colours = {colour for _, colour in drawn.crop(box).getcolors(maxcolors=1 << 16)}
        assert max(red for red, _, _ in colours) <= faint[0] + 4, (box, sorted(colours)[-3:])


def test_a_long_title_is_drawn_smaller_and_cut_with_the_languages_ellipsis():
    short_size, _ = previews._title_layout("Digital Day", 300, "…")
    long_size, lines = previews._title_layout("Digitalisierung " * 40, 300, " …")
    assert long_size < short_size
    assert lines[-1].endswith(" …")
    assert all(previews._font(previews.BOLD, long_size).getlength(line) <= previews._TEXT_WIDTH for line in lines)


def test_french_no_break_spaces_hold_a_sign_to_its_word():
    """"Atelier :" never ends a line with the colon alone at the start of the next."""
    title = "Atelier\u00a0: la cybersécurité au quotidien pour les petites entreprises du Luxembourg"
    for size in previews._TITLE_SIZES:
        wrapped = previews._wrap(title, previews._font(previews.BOLD, size), previews._TEXT_WIDTH, 6, "…")
        assert not any(line.startswith(":") for line in wrapped.lines)


def test_a_word_too_long_for_a_line_is_drawn_smaller_before_it_is_cut():
    word = "Cybersicherheitsberatungsangebote"  # wider than a line at the largest sizes
    size, lines = previews._title_layout(f"Die {word}", 400, " …")
    assert size < previews._TITLE_SIZES[0] and lines[-1] == word
    size, lines = previews._title_layout(word * 3, 400, " …")
    assert lines[0].endswith("-") and len(lines) > 1


@pytest.mark.parametrize("font", [previews.BOLD, previews.REGULAR], ids=lambda path: path.name)
def test_a_texts_width_is_its_characters_widths_so_lines_are_measured_right(font):
    """Lines are measured by adding up characters: true while Pillow's layout kerns nothing in the fonts."""
    texts = ["AV To Wa Ty Yo LT", "Atelier n° 17\u00a0: le numérique", "Dienstag, 20. März 2018, 09:00–17:00",
             "«\u202fÄÖÜ ẞ fi ffl\u202f» 35\u202f000\u00a0€", "Ωμέγα Жизнь"]
    for size in (*previews._TITLE_SIZES, *previews._WHEN_SIZES, previews._VENUE_SIZE, previews._STATUS_SIZE):
        loaded = previews._font(font, size)
        for text in texts:
            assert previews._measure(loaded)(text) == loaded.getlength(text), (size, text)


def test_characters_the_font_lacks_are_left_out_not_drawn_as_boxes():
    assert previews._drawable("Digital 🚀 Day 中", previews.BOLD) == "Digital Day"
    assert previews._drawable("Cybersécurité – 35 000 €", previews.BOLD) == "Cybersécurité – 35 000 €"


def test_an_events_card_has_its_state_date_and_venue(fixture):
    cancelled = next(e for e in fixture.events if e.cancelled)
    lang = fixture_language(fixture, "de")
    made = previews.page_card(site_name="Go Digital", title=cancelled.title[lang], site_url=fixture.site_url,
                              lang=lang, now=fixture.built, event=cancelled, labels=fixture.labels[lang])
    assert made.status == fixture.labels[lang]["status_cancelled"]
    # As the language's typography sets it (a day and its month on one line).
    assert made.when == typography.text_rules(lang)(dates.event_when(cancelled, lang, fixture.labels[lang]))
    assert made.host == urlsplit(fixture.site_url).netloc
    assert made.ellipsis == typography.ellipsis(lang)


def _moved_later(event: Event) -> tuple[date | datetime, ...]:
    """Starts an event was first announced with, a week earlier: it has been postponed since."""
    return (event.start - timedelta(days=7),)


@pytest.mark.parametrize("state", ["upcoming", "now", "past", "cancelled", "tentative", "postponed"])
def test_an_events_preview_says_the_state_its_page_and_cards_say(fixture, codes, state):
    """One rule for the page's badge, the agenda's cards and the preview: agenda.event_state."""
    moves = _moved_later if state == "postponed" else lambda event: ()
    events = [e for e in fixture.events if agenda.event_state(e, fixture.built, moves(e)) == state]
    assert events, f"the fixture has an event {state} at its build date"
    for event in events:
        for lang in codes:
            labels = fixture.labels[lang]
            card = previews.page_card(site_name="Go Digital", title=event.title[lang], site_url=fixture.site_url,
                                      lang=lang, now=fixture.built, event=event, labels=labels,
                                      previous_starts=moves(event))
            view = agenda.event_view(event, lang, fixture.site_url, labels, fixture.built, default=codes[0],
                                     previous_starts=moves(event))
            assert view["state"] == state
            assert card.status == typography.text_rules(lang)(labels[f"status_{state}"]), (event.id, lang)


def test_pictures_kept_are_used_and_those_no_build_used_are_forgotten(tmp_path):
    drawn = []

    def draw(data: bytes):
        return lambda: drawn.append(data) or data

    first = PictureCache(tmp_path / "cache")
    first.start()
    assert first.get("a" * 64, draw(b"one")) == b"one"
    assert first.get("b" * 64, draw(b"two")) == b"two"
    first.prune()
    again = PictureCache(tmp_path / "cache")  # the next process
    again.start()
    assert again.get("a" * 64, draw(b"never")) == b"one"
    again.prune()
    assert drawn == [b"one", b"two"]
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["a" * 64]


def _spaces(text: str) -> str:
    """French typography's no-break spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")
