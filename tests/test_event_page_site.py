"""An event's page and the agenda as the built fixture site shows them, in every
language: one state badge per event, a summary, one primary action, a map link,
sharing, every way to subscribe; and around every page, the partners' strip,
the light/dark toggle's words, the address a printed page keeps, and the reading
aids only long pages keep."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from godigital import agenda
from godigital.dates import is_past
from godigital.partners import load_partners
from tests.conftest import (
    FIXTURE,
    FIXTURE_EPOCH,
    LANGUAGES,
    ROOT,
    as_typed,
    build_site,
    fixture_project,
    i18n_languages,
    load_config,
)

ROOTS = {lang: "" if lang == LANGUAGES[0] else f"{lang}/" for lang in LANGUAGES}
PARTNERS = load_partners(FIXTURE / "data/partners.yaml", languages=LANGUAGES)


def tree(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def article(html: str) -> LexborHTMLParser:
    return tree(html[html.index("<article"):html.index("</article>") + len("</article>")])


def text(node) -> str:
    """What a reader reads, as editors type it (no French no-break spaces or typographic apostrophes)."""
    return " ".join(as_typed(unescape(node.text(separator=" "))).replace("\u202f", " ").split())


def cards(html: str) -> dict[str, LexborHTMLParser]:
    return {card.attributes["id"]: card for card in tree(html).css("li.gd-event")}


def to_root(lang: str) -> str:
    """From an event's page (<language>/agenda/<id>/) to the site's root."""
    return "../" * (2 + ROOTS[lang].count("/"))


def page_of(fixture, event, lang: str) -> str:
    return (fixture.site / ROOTS[lang] / f"agenda/{event.id}/index.html").read_text(encoding="utf-8")


# -- one badge, the same on the page and the card ------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_event_has_one_state_badge_the_same_on_its_page_and_its_card(fixture, lang):
    labels = fixture.labels[lang]
    listed = cards((fixture.site / ROOTS[lang] / "agenda/index.html").read_text(encoding="utf-8"))
    for event in fixture.events:
        state = agenda.event_state(event, fixture.built)  # the fixture is built outside git: no move
        for where in (article(page_of(fixture, event, lang)), listed[event.id]):
            badges = where.css(".gd-status")
            assert len(badges) == 1, event.id
            assert f"gd-status--{state}" in badges[0].attributes["class"].split(), event.id
            assert text(badges[0]) == labels[f"status_{state}"], event.id


def test_the_fixture_shows_each_state_a_reader_can_meet(fixture):
    states = {agenda.event_state(e, fixture.built) for e in fixture.events}
    assert {"upcoming", "now", "past", "cancelled", "tentative"} <= states


# -- the summary, the one primary action ----------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_summary_gives_date_venue_languages_and_organiser_beside_the_title(fixture, lang):
    labels = fixture.labels[lang]
    for event in fixture.events:
        page = article(page_of(fixture, event, lang))
        summary = page.css_first(".gd-summary")
        assert summary is not None, event.id
        facts = {text(row.css_first("dt")): text(row.css_first("dd")) for row in summary.css(".gd-facts__row")}
        when = page.css_first(".gd-facts__row--date time")
        assert when.attributes["datetime"] == event.start.isoformat()
        assert text(when) == " ".join(agenda.event_when(event, lang, labels).replace("\u00a0", " ").split()), event.id
        venue_tba = agenda.venue_to_be_announced(event, fixture.built)
        assert (labels["location"] in facts) == bool(event.location or venue_tba), event.id
        if venue_tba:
            assert facts[labels["location"]] == labels["location_tba"]
        assert (labels["languages"] in facts) == bool(event.languages), event.id
        assert (labels["organizer"] in facts) == bool(event.organizer), event.id
        # The summary comes right after the title and its badge, before the description.
        order = [node.tag + "." + (node.attributes.get("class") or "") for node in page.css("h1, .gd-event-state, "
                                                                                           ".gd-summary, "
                                                                                           ".gd-event-description")]
        assert order == ["h1.", "p.gd-event-state", "section.gd-summary", "p.gd-event-description"], event.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_event_page_has_one_primary_action_registration_while_it_is_open(fixture, lang):
    for event in fixture.events:
        page = article(page_of(fixture, event, lang))
        primary = [a.attributes.get("href") for a in page.css(".md-button--primary")]
        registration = agenda.registration_state(event, fixture.built)
        ics = f"../../events/{event.id}.ics"  # from <language>/agenda/<id>/ to <language>/events/
        if registration == "open":
            assert primary == [event.registration.url[lang]], event.id
            assert page.css_first(f'a.md-button[href="{ics}"][download]') is not None, "the .ics, secondary"
        elif event.cancelled:
            assert primary == [ics], event.id  # the cancellation notice for calendars
        elif not is_past(event, fixture.today):
            assert primary == [ics], event.id
        else:
            assert primary == [], event.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_venue_links_to_the_map_when_the_event_has_coordinates(fixture, lang):
    labels = fixture.labels[lang]
    with_map = 0
    for event in fixture.events:
        links = article(page_of(fixture, event, lang)).css("a.gd-map")
        expected = agenda.map_link(event.location)
        assert [a.attributes["href"] for a in links] == ([expected] if expected else []), event.id
        if expected:
            with_map += 1
            assert text(links[0]) == labels["map_link"]
            assert expected.startswith("https://www.openstreetmap.org/?mlat=")
    assert with_map >= 2, "the fixture has events with coordinates, an upcoming one among them"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_event_is_shared_by_email_without_script_and_by_a_button_the_script_shows(fixture, lang):
    labels = fixture.labels[lang]
    script = (ROOT / "overrides/assets/javascripts/share.js").read_bytes()
    assert (fixture.site / "assets/javascripts/share.js").read_bytes() == script
    for event in fixture.events:
        html = page_of(fixture, event, lang)
        page = article(html)
        url = fixture.site_url + f"{ROOTS[lang]}agenda/{event.id}/"
        [email] = page.css("a.gd-share-email")
        assert email.attributes["href"] == agenda.email_link(event.title[lang], url)
        assert text(email) == labels["share_by_email"]
        [button] = page.css("button.gd-share")
        assert "hidden" in button.attributes and button.attributes["data-gd-share"] == url
        assert [s.attributes["src"] for s in page.css("script[src]")] == [f"{to_root(lang)}assets/javascripts/share.js"]
        assert re.search(r'<[^>]+\son[a-z]+=', html) is None, "no inline handler"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_agenda_offers_every_way_of_subscribing(fixture, lang):
    labels = fixture.labels[lang]
    feed = fixture.site_url + f"{ROOTS[lang]}calendar.ics"
    ways = agenda.subscription_links(feed, labels["calendar_name"])
    box = tree((fixture.site / ROOTS[lang] / "agenda/index.html").read_text(encoding="utf-8")).css_first(
        "#subscribe")
    links = {text(a): a.attributes["href"] for a in box.css("a")}
    assert links[labels["subscribe_button"]] == ways["webcal"] == "webcal://" + feed.split("://", 1)[1]
    assert links[labels["subscribe_google"]] == ways["google"]
    assert links[labels["subscribe_outlook"]] == ways["outlook"]
    assert box.css_first("input#gd-feed-url").attributes["value"] == feed
    copy = box.css_first("button.gd-copy")
    assert copy.attributes["data-gd-copy"] == feed and "hidden" in copy.attributes  # the script shows it
    home = tree((fixture.site / ROOTS[lang] / "index.html").read_text(encoding="utf-8"))
    assert "agenda/#subscribe" in [a.attributes.get("href") for a in home.css(".gd-next__more a")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_event_shows_its_picture_and_the_home_page_the_campaigns(fixture, lang):
    pictures = {p.stem for p in (fixture.project / "docs/assets/images/agenda").iterdir()}
    assert pictures
    for event in fixture.events:
        found = article(page_of(fixture, event, lang)).css("img.gd-visual")
        images = [img.attributes["src"] for img in found]
        assert images == ([f"{to_root(lang)}assets/images/agenda/{event.id}.svg"] if event.id in pictures else []), event.id
        for img in found:  # its place kept before the file arrives: the fixture's picture is 560 by 400
            assert (img.attributes.get("width"), img.attributes.get("height")) == ("560", "400"), event.id
    home = article((fixture.site / ROOTS[lang] / "index.html").read_text(encoding="utf-8"))
    [visual] = home.css("img.gd-visual")
    assert visual.attributes["alt"] == "" and visual.attributes["src"].endswith("assets/visuals/campaign.svg")


# -- around every page ---------------------------------------------------------------

def _lang(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else LANGUAGES[0]


def test_every_page_names_the_partners_and_links_those_that_have_a_site(fixture, pages):
    assert any(p.url is None for p in PARTNERS) and any(p.url for p in PARTNERS)
    for path, page in pages.items():
        lang = _lang(path)
        strip = tree(page.html).css_first(".gd-strip")
        assert strip is not None, path
        assert text(strip.css_first(".gd-strip__title")) == fixture.labels[lang]["partners_title"]
        assert [text(n) for n in strip.css(".gd-strip__name")] == [as_typed(p.name[lang]) for p in PARTNERS], path
        links = {text(a): a.attributes["href"] for a in strip.css("a")}
        assert links == {as_typed(p.name[lang]): p.url for p in PARTNERS if p.url}, path


def test_every_page_names_its_light_dark_toggle_in_its_language_and_keeps_its_address_for_print(fixture, pages):
    for path, page in pages.items():
        labels = fixture.labels[_lang(path)]
        html = tree(page.html)
        names = {as_typed(i.attributes.get("aria-label") or "") for i in html.css('input[name="__palette"]')}
        assert names == {labels["palette_dark"], labels["palette_light"]}, path
        printed = html.css_first(".gd-print-address")
        assert printed is not None and text(printed) == f"Go Digital – {page.meta['og:url']}", path


def _top_titles(nav: list) -> dict[str, str]:
    """The menu's first-level title of each page (its tab): ``a-propos/equipe.md`` → ``À propos``."""
    found = {}
    for entry in nav:
        for title, target in entry.items():
            for page in [target] if isinstance(target, str) else [p for item in target for p in item.values()]:
                found[page] = title
    return found


def _source_of(path: str) -> str:
    """The Markdown page of a built page, in its language folder: ``de/a-propos/equipe/index.html`` →
    ``a-propos/equipe.md``."""
    rest = path.removeprefix(ROOTS[_lang(path)]).removesuffix("index.html").rstrip("/")
    return f"{rest or 'index'}.md"


def test_each_page_shows_its_tab_as_current_and_an_events_page_the_agendas(fixture, pages):
    """On a desktop the header's tabs, on a phone the drawer's first level: an event's page
    belongs to the agenda. The pages built after an event's show their own again."""
    tabs = _top_titles(fixture.nav)
    events = {event.id for event in fixture.events}
    checked = 0
    for path, page in pages.items():
        lang, source = _lang(path), _source_of(path)
        folder, _, name = source.removesuffix(".md").rpartition("/")
        if folder == "agenda" and name in events:
            source, checked = "agenda.md", checked + 1
        if source not in tabs:
            continue
        title = tabs[source] if lang == LANGUAGES[0] else fixture.nav_translations[lang][tabs[source]]
        html = tree(page.html)
        assert [text(a) for a in html.css(".md-tabs__item--active > a")] == [as_typed(title)], path
        current = "nav.md-nav--primary > ul > li.md-nav__item--active > .md-nav__link:not([for='__toc'])"
        drawer = [text(a) for a in html.css(current)]
        assert drawer == [as_typed(title)], path
    assert checked == len(events) * len(LANGUAGES)


def test_every_language_menu_entry_names_its_language_in_that_language(fixture, pages):
    """Screen readers read "Deutsch" as German on a French page (WCAG 3.1.2), and search
    engines learn which page is which language's."""
    names = {entry["locale"]: entry["name"] for entry in i18n_languages(load_config(fixture.project))}
    assert set(names) == set(LANGUAGES)
    for path, page in pages.items():
        entries = tree(page.html).css("a.md-select__link")
        found = [(a.attributes.get("lang"), a.attributes.get("hreflang"), text(a)) for a in entries]
        assert found == [(code, code, as_typed(names[code])) for code in LANGUAGES], path


def _sidebars(html: str) -> dict[str, bool]:
    """Which of Material's reading aids the page shows: navigation, toc, footer (previous/next)."""
    page = tree(html)
    shown = {kind: "hidden" not in node.attributes
             for node in page.css(".md-sidebar") for kind in [node.attributes["data-md-type"]]}
    footer = page.css_first("nav.md-footer__inner")
    shown["footer"] = footer is not None and "hidden" not in footer.attributes
    return shown


def test_short_pages_go_without_tree_contents_and_previous_next_except_the_tree_in_a_section(pages):
    for path, page in pages.items():
        in_section = path.split("/")[1 if _lang(path) != LANGUAGES[0] else 0] == "a-propos"
        assert _sidebars(page.html) == {"navigation": in_section, "toc": False, "footer": False}, path


LONG_PAGE = ("---\ntitle: {title}\ndescription: Une page longue, de quatre sections, qui se lit en plus de trois "
             "minutes.\n---\n\n# {title}\n\n") + "".join(
    f"## Section {n}\n\n" + "Un paragraphe de texte assez long pour lire. " * 30 + "\n\n" for n in range(1, 5))


@pytest.fixture(scope="module")
def long_page_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("long-page")
    project = fixture_project(base / "project")
    for lang in LANGUAGES:
        (project / f"docs/{lang}/guide.md").write_text(LONG_PAGE.format(title=f"Guide {lang}"), encoding="utf-8")
    # In the menu, with the same title in every language's translations.
    menu = project / "data/menu.yml"
    text_ = menu.read_text(encoding="utf-8").replace("  - Nos ateliers: ateliers.md\n",
                                                     "  - Nos ateliers: ateliers.md\n  - Guide: guide.md\n")
    menu.write_text(re.sub(r"(?m)^(    Nos ateliers: .*\n)", r"\1    Guide: Guide\n", text_), encoding="utf-8")
    result = build_site(project, base / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return base / "site"


def test_a_long_page_keeps_them(long_page_site):
    for lang in LANGUAGES:
        html = (long_page_site / ROOTS[lang] / "guide/index.html").read_text(encoding="utf-8")
        assert _sidebars(html) == {"navigation": True, "toc": True, "footer": True}, lang
