"""What a reader sees and hears of the fixture site's text, in every language:
French no-break spaces everywhere (not only in page bodies), one <title>
pattern, images described in the page's language, and a missing page (404)
per language.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from godigital.typography import APOSTROPHE, NBSP, french_text
from tests.conftest import LANGUAGES, i18n_languages, language_of, load_config, read_pages, root_of
from tests.sitepages import SitePage

SITE_NAME = "Go Digital"
# An ordinary space where French needs a no-break one, or a number split in two.
WRONG_FRENCH_SPACE = re.compile(r"[ \t\r\n][:;?!»]|«[ \t\r\n]|(?<![\d.,])\d{1,3} \d{3}(?!\d)")
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class ReaderText(HTMLParser):
    """Every text a reader meets: text nodes (no code, scripts or styles), the
    words in attributes, and the meta texts, each with what it belongs to."""

    VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, str]] = []
        self.images: list[dict] = []
        self.links: list[dict] = []  # the <a> elements the parser is inside
        self._verbatim = 0

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        for name in TEXT_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append((f"{tag}[{name}]", attrs[name]))
        if tag == "meta" and (attrs.get("name") or attrs.get("property")) in (
                "description", "og:title", "og:description"):
            self.texts.append((attrs.get("name") or attrs["property"], attrs.get("content", "")))
        if tag == "img":
            self.images.append({**attrs, "link": dict(self.links[-1]) if self.links else None})
        if tag == "a":
            self.links.append(attrs)
        if tag in self.VERBATIM:
            self._verbatim += 1

    def handle_endtag(self, tag):
        if tag in self.VERBATIM:
            self._verbatim -= 1
        if tag == "a" and self.links:
            self.links.pop()

    def handle_data(self, data):
        if not self._verbatim and data.strip():
            self.texts.append(("text", data))


def reader_text(page: SitePage) -> ReaderText:
    parser = ReaderText()
    parser.feed(page.html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def every_page(site) -> dict[str, SitePage]:
    """Every page, each language's 404 page included."""
    missing = {f"{root_of(lang)}404.html" for lang in LANGUAGES}
    return {**read_pages(site), **{path: SitePage.read(site / path) for path in missing}}


def french(path: str) -> bool:
    return language_of(path) == "fr"


# -----------------------------------------------------------------------------
# French no-break spaces
# -----------------------------------------------------------------------------


def test_french_text_has_no_break_spaces_wherever_a_reader_meets_it(every_page):
    wrong = []
    for path, page in every_page.items():
        if french(path):
            wrong += [(path, where, text) for where, text in reader_text(page).texts
                      if WRONG_FRENCH_SPACE.search(text)]
    assert wrong == []


def test_the_places_beyond_the_page_body_get_them_too(every_page):
    event = every_page["agenda/atelier-cybersecurite-2025/index.html"]
    assert event.title == f"Atelier{NBSP}: la cybersécurité au quotidien – {SITE_NAME}"
    assert event.meta["og:title"] == f"Atelier{NBSP}: la cybersécurité au quotidien"
    assert f"piégés{NBSP}: les bons" in event.meta["description"]
    workshops = every_page["ateliers/index.html"]
    assert workshops.meta["description"].startswith(f"Des ateliers pratiques pour les métiers{NBSP}:")
    assert re.search(rf'<a href="#pour-qui" class="md-nav__link">\s*<span class="md-ellipsis">\s*Pour qui{NBSP}\?\s*<',
                     workshops.html), "table of contents"
    assert f'aria-label="Précédent{NBSP}: Agenda"' in workshops.html, "Material's footer links"
    assert f'<h2 id="pour-qui">Pour qui{NBSP}?</h2>' in workshops.html, "the heading and its anchor"


def test_numbers_times_code_and_addresses_stay_as_typed(every_page):
    text = " ".join(text for where, text in reader_text(every_page["ateliers/index.html"]).texts if where == "text")
    text = re.sub(r"[ \n]+", " ", text)
    assert f"Pour les 35{NBSP}000 PME du pays{NBSP}: artisans" in text, "typed without a space before ':'"
    assert f"«{NBSP}petites{NBSP}»" in text
    assert "de 09:00 à 12:00" in text
    html = every_page["ateliers/index.html"].html
    assert "<code>make serve ; echo ok</code>" in html
    assert "https://www.godigital.lu/agenda/?page=1" in text


def test_pages_in_other_languages_get_no_french_spaces(every_page):
    """German and English: no French spaces anywhere (their apostrophes and quotation marks:
    test_text_in_every_language_has_typographic_apostrophes_and_quotation_marks)."""
    for path, page in every_page.items():
        if not french(path):
            changed = [(where, text) for where, text in reader_text(page).texts
                       if re.search(rf"{NBSP}[:;?!»]|«{NBSP}", text)]
            assert changed == [], path
    workshops = every_page["de/ateliers/index.html"]
    assert "Für wen?" in workshops.menu()
    assert "Für die 35 000 KMU des Landes: Handwerker" in workshops.html
    assert every_page["de/agenda/atelier-cybersecurite-2025/index.html"].meta["og:title"] == \
        "Workshop: Cybersicherheit im Alltag"
    workshops = every_page["en/ateliers/index.html"]
    assert "Who for?" in workshops.menu()
    assert f"For the country{APOSTROPHE}s 35,000 SMEs: craftspeople" in workshops.html
    assert every_page["en/agenda/atelier-cybersecurite-2025/index.html"].meta["og:title"] == \
        "Workshop: everyday cybersecurity"


def test_search_results_show_the_same_text_as_the_pages(site):
    french_index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    german_index = json.loads((site / "de/search/search_index.json").read_text(encoding="utf-8"))
    english_index = json.loads((site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert f"Pour qui{NBSP}?" in [doc["title"] for doc in french_index["docs"]]
    assert not [doc for doc in french_index["docs"]
                if WRONG_FRENCH_SPACE.search(re.sub(r"<code>.*?</code>", "", doc["title"] + doc["text"]))]
    assert "Für wen?" in [doc["title"] for doc in german_index["docs"]]
    assert "Who for?" in [doc["title"] for doc in english_index["docs"]]


# -----------------------------------------------------------------------------
# Titles
# -----------------------------------------------------------------------------


def test_every_title_follows_one_pattern_in_every_language(every_page, fixture):
    """"<page> – Go Digital" everywhere, each home, each event's page and each 404 page too,
    an event whose own title names the campaign included: a browser tab or a bookmark then
    reads as every other page of the site."""
    for path, page in every_page.items():
        assert page.title == f"{page.meta['og:title']} – {SITE_NAME}", path
    for lang in LANGUAGES:
        for event in fixture.events:
            page = every_page[f"{root_of(lang)}agenda/{event.id}/index.html"]
            assert page.title.endswith(f" – {SITE_NAME}"), page.title
        named = every_page[f"{root_of(lang)}agenda/journee-digitale-2024/index.html"]
        assert SITE_NAME in named.meta["og:title"], "the fixture has an event whose title names the campaign"
        assert named.title == f"{named.meta['og:title']} – {SITE_NAME}"
    for lang in LANGUAGES:
        home = "Accueil" if lang == LANGUAGES[0] else fixture.nav_translations[lang]["Accueil"]
        assert every_page[f"{root_of(lang)}index.html"].title == f"{home} – {SITE_NAME}"
        assert every_page[f"{root_of(lang)}404.html"].title == f"{fixture.labels[lang]['not_found_title']} – {SITE_NAME}"
    assert every_page["404.html"].title == f"Page introuvable – {SITE_NAME}"
    assert every_page["en/404.html"].title == f"Page not found – {SITE_NAME}"


# -----------------------------------------------------------------------------
# Images
# -----------------------------------------------------------------------------


def test_every_image_is_described_in_the_page_language_or_named_by_its_link(every_page):
    """An image inside a link the aria-label already names is decorative (alt=""), and so is a
    picture the templates put beside a title that says it all (the campaign's key visual, an
    event's picture: class gd-visual); any other image has a text of its own. Material's
    English alt="logo" is gone."""
    images = 0
    for path, page in every_page.items():
        for image in reader_text(page).images:
            images += 1
            assert "alt" in image, (path, image)
            if image["alt"] == "" and "gd-visual" not in image.get("class", "").split():
                assert image["link"] and image["link"].get("aria-label"), (path, image)
            assert image["alt"].lower() not in ("logo", "image", "icon"), (path, image)
    assert images >= len(every_page), "the logo is on every page"


# -----------------------------------------------------------------------------
# The missing page, once per language
# -----------------------------------------------------------------------------


def copyright_of(config: dict, lang: str) -> str:
    """The footer's text in ``lang``: its own in the i18n plugin's settings, else the site's."""
    [entry] = [entry for entry in i18n_languages(config) if entry["locale"] == lang]
    return entry.get("copyright") or config["copyright"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_missing_page(fixture, every_page, lang):
    page, home = every_page[f"{root_of(lang)}404.html"], f"/{root_of(lang)}"
    assert page.lang == lang
    assert len(re.findall(r"<h1[\s>]", page.html)) == 1
    assert page.switcher() == {other: f"/{root_of(other)}" for other in LANGUAGES}, \
        "the switcher leads to each language's home"
    menu = page.menu()
    titles = [title if lang == LANGUAGES[0] else fixture.nav_translations[lang][title]
              for title in ("Accueil", "Agenda", "Nos ateliers")]
    assert all(title in menu for title in titles), menu
    shown = french_text if lang == "fr" else str
    assert f'href="{home}">{escape(shown(fixture.labels[lang]["not_found_home"]))}</a>' in page.html
    assert page.hreflang() == {}, "a missing page has no translation"
    search_base = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                       page.html, re.S).group(1))["base"]
    assert search_base == home, "search answers in the page's language"
    copyright_ = copyright_of(load_config(fixture.project), lang)
    assert " ".join(copyright_.split())[-40:] in page.text, "footer in the page's language"


# -----------------------------------------------------------------------------
# Apostrophes and quotation marks, in every language
# -----------------------------------------------------------------------------

# A keyboard apostrophe inside or at the end of a word, or a straight double quote, outside an address.
TYPED_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=\w|\s|$)|\"")
ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def _typed_apostrophes(text: str) -> list[str]:
    return TYPED_APOSTROPHE.findall(ADDRESS.sub("", text))


def test_text_in_every_language_has_typographic_apostrophes_and_quotation_marks(every_page):
    wrong = [(path, where, text) for path, page in every_page.items()
             for where, text in reader_text(page).texts if _typed_apostrophes(text)]
    assert wrong == []
    workshops = every_page["ateliers/index.html"]
    assert f"L{APOSTROPHE}inscription se fait auprès de l{APOSTROPHE}organisateur" in workshops.html
    assert every_page["a-propos/equipe/index.html"].title == f"L{APOSTROPHE}équipe – {SITE_NAME}"
    assert "“small” businesses" in every_page["en/ateliers/index.html"].html, "typed with straight quotes"
    for lang in LANGUAGES:
        cancelled = every_page[f"{root_of(lang)}agenda/webinaire-annule-2025/index.html"]
        assert '"' not in cancelled.meta["og:title"] and "'" not in cancelled.meta["og:title"], cancelled.meta


def test_code_and_addresses_keep_the_keyboard_apostrophe(every_page):
    french_page, german_page = every_page["ateliers/index.html"].html, every_page["de/ateliers/index.html"].html
    assert "<code>echo 'prêt'</code>" in french_page and "https://www.godigital.lu/l'agenda" in french_page
    assert "<code>echo 'fertig'</code>" in german_page and "https://www.godigital.lu/l'agenda" in german_page


def test_search_feeds_and_structured_data_have_the_typographic_apostrophe(site):
    french_index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = [re.sub(r"<code>.*?</code>", "", doc["title"] + doc["text"]) for doc in french_index["docs"]]
    assert not [text for text in texts if _typed_apostrophes(text)]
    assert any(APOSTROPHE in text for text in texts)
    assert "'" in french_index["config"]["separator"] and APOSTROPHE in french_index["config"]["separator"]
    for feed in (site / "calendar.ics", *sorted((site / "events").glob("*.ics"))):
        text = feed.read_text(encoding="utf-8")
        readable = "\n".join(line for line in text.splitlines()
                             if line.split(":", 1)[0].split(";")[0] in ("SUMMARY", "DESCRIPTION", "LOCATION",
                                                                       "X-WR-CALNAME", "X-WR-CALDESC"))
        assert not _typed_apostrophes(readable.replace("\r\n ", "")), feed.name
    assert APOSTROPHE in (site / "calendar.ics").read_text(encoding="utf-8")
    assert "“the workshop”" in (site / "en/calendar.ics").read_text(encoding="utf-8")
    for page in sorted((site / "agenda").glob("*/index.html")):
        for block in SitePage.read(page).json_ld:
            data = json.loads(block)
            location = data.get("location", {})
            words = [data.get("name", ""), data.get("description", ""), location.get("name", ""),
                     json.dumps(location.get("address", ""), ensure_ascii=False)[1:-1]]
            assert not _typed_apostrophes(" ".join(words)), page
