"""The campaign's look as readers meet it in Chromium, on a phone (390×844) and a
desktop (1366×900), in the light and the dark scheme, and printed: served by the
production nginx configuration, so the Content-Security-Policy is in force.

Every load also writes a screenshot to tests/screenshots/ (ignored by git), so
that anyone can look at what readers see: home, agenda and event pages in each
language, at both widths, in both schemes, and printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godigital import agenda
from tests.conftest import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
SCHEMES = ("light", "dark")
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
           "resultTypes": ["violations"]}
SHOTS = Path(__file__).resolve().parent / "screenshots"
ROOTS = {lang: "/" if lang == LANGUAGES[0] else f"/{lang}/" for lang in LANGUAGES}
# The fixture's events a reader should see: upcoming with a venue on the map and registration
# open, happening now, cancelled, with a provisional date.
EVENTS = ("atelier-cybersecurite-2025", "salon-numerique-2025", "webinaire-annule-2025", "conference-ia-2025")
WORKSHOP = EVENTS[0]


def paths(lang: str) -> list[str]:
    root = ROOTS[lang]
    return [root, f"{root}agenda/", *(f"{root}agenda/{event}/" for event in EVENTS)]


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class Visit:
    def __init__(self, browser, url: str, viewport: str, scheme: str = "light", **options):
        self.context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, locale="fr-LU",
                                           **options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url, wait_until="networkidle")

    def shot(self, name: str) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


def shot_name(path: str, viewport: str, scheme: str) -> str:
    return f"{path.strip('/').replace('/', '_') or LANGUAGES[0]}-{viewport}-{scheme}"


@pytest.fixture(scope="module")
def visits(browser, nginx):
    """Every page of ``paths`` in every language, width and scheme, loaded once (and photographed)."""
    loaded = {}
    for lang in LANGUAGES:
        for path in paths(lang):
            for viewport in VIEWPORTS:
                for scheme in SCHEMES:
                    visit = Visit(browser, nginx.url.rstrip("/") + path, viewport, scheme)
                    visit.shot(shot_name(path, viewport, scheme))
                    loaded[(path, viewport, scheme)] = visit
    yield loaded
    for visit in loaded.values():
        visit.close()


def light(visits):
    return {(path, viewport): visit for (path, viewport, scheme), visit in visits.items() if scheme == "light"}


# -- accessibility in both schemes -----------------------------------------------------

def test_every_page_meets_wcag_aa_in_both_schemes_and_runs_without_error(visits, axe):
    reports = []
    for (path, viewport, scheme), visit in visits.items():
        assert visit.errors == [], (path, viewport, scheme)
        results = axe.run(visit.page, options=WCAG_AA)
        if results.violations_count:
            reports.append(f"{viewport} {scheme} {path}\n{results.generate_report()}")
    assert reports == [], "\n".join(reports)


def test_a_dark_system_gets_the_dark_scheme_and_the_toggle_switches_it(visits):
    for (path, viewport, scheme), visit in visits.items():
        expected = "slate" if scheme == "dark" else "default"
        page = visit.page
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected, (path, viewport)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        channels = [int(c) for c in background[background.index("(") + 1:].rstrip(")").split(",")[:3]]
        assert (max(channels) < 60) == (scheme == "dark"), (path, viewport, background)
    page = visits[(ROOTS[LANGUAGES[0]], "desktop", "dark")].page
    page.locator('label[for^="__palette_"]:visible').click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    page.locator('label[for^="__palette_"]:visible').click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")


# -- layout -----------------------------------------------------------------------------

def test_nothing_scrolls_sideways_and_no_two_buttons_touch(visits):
    for (path, viewport), visit in light(visits).items():
        width = VIEWPORTS[viewport]["width"]
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= width, (path, viewport)
        touching = visit.page.evaluate("""() => {
            const boxes = [...document.querySelectorAll('.md-typeset .md-button')]
                .filter(b => b.checkVisibility()).map(b => [b.textContent.trim(), b.getBoundingClientRect()]);
            const gap = 4, found = [];
            for (const [i, [a, r]] of boxes.entries()) for (const [b, s] of boxes.slice(i + 1))
                if (r.left < s.right + gap && s.left < r.right + gap && r.top < s.bottom + gap && s.top < r.bottom + gap)
                    found.push([a, b]);
            return found;
        }""")
        assert touching == [], (path, viewport)


def test_the_agenda_list_shows_its_bar_and_no_bullet(visits):
    for lang in LANGUAGES:
        for viewport in VIEWPORTS:
            page = visits[(f"{ROOTS[lang]}agenda/", viewport, "light")].page
            items = page.evaluate("""() => [...document.querySelectorAll('ul.gd-events > li')].map(li => {
                const ul = li.parentElement.getBoundingClientRect(), box = li.getBoundingClientRect();
                const style = getComputedStyle(li);
                return [getComputedStyle(li.parentElement).listStyleType, style.listStyleType,
                        style.borderLeftStyle, Math.round(box.left - ul.left)];
            })""")
            assert items and all(item == ["none", "none", "solid", 0] for item in items), (lang, viewport, items)


def test_a_link_on_its_own_is_a_target_of_at_least_24_px(visits):
    for (path, viewport), visit in light(visits).items():
        small = visit.page.evaluate("""() => [...document.querySelectorAll('a')].filter(a => {
            if (!a.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
            const parent = a.parentElement;
            return parent.textContent.trim() === a.textContent.trim() && a.textContent.trim() !== ''
                && a.getBoundingClientRect().height < 24;
        }).map(a => [a.textContent.trim(), Math.round(a.getBoundingClientRect().height)])""")
        assert small == [], (path, viewport)


def test_the_desktop_header_holds_the_menu_and_the_wordmark(visits, fixture):
    for lang in LANGUAGES:
        for viewport in VIEWPORTS:
            page = visits[(ROOTS[lang], viewport, "light")].page
            assert page.locator(".md-tabs").is_visible() == (viewport == "desktop"), (lang, viewport)
            logo = page.locator(".md-header .md-logo img")
            assert logo.is_visible() and logo.get_attribute("src").endswith("assets/go-digital.svg")
            assert logo.evaluate("img => img.complete && img.naturalWidth") > 0


# -- the keyboard ------------------------------------------------------------------------

def _tab_through(page, presses: int) -> list[dict]:
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        # What takes the focus may open first (the phone's search field, the language menu).
        stops.append(page.evaluate("""async () => {
            const e = document.activeElement, style = getComputedStyle(e);
            const label = e.classList.contains('md-option') ? e.nextElementSibling : null;
            const inClosedSearch = !!e.closest('.md-search__output') && !document.getElementById('__search').checked;
            const seen = () => e.checkVisibility({opacityProperty: true, visibilityProperty: true})
                && e.getBoundingClientRect().height > 0 || !!(label && label.checkVisibility());
            for (let wait = 0; wait < 800 && !seen(); wait += 50) await new Promise(r => setTimeout(r, 50));
            return {name: e.className + ' ' + e.textContent.trim().slice(0, 30), seen: seen(), inClosedSearch,
                    select: e.classList.contains('md-select__link'),
                    outline: [style.outlineStyle, parseFloat(style.outlineWidth)]};
        }"""))
    return stops


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_tab_key_never_lands_out_of_sight_and_the_language_menu_shows_where_it_is(browser, nginx, viewport):
    for lang in LANGUAGES:
        visit = Visit(browser, nginx.url.rstrip("/") + f"{ROOTS[lang]}agenda/", viewport)
        try:
            stops = _tab_through(visit.page, 24)
            assert [s["name"] for s in stops if s["inClosedSearch"]] == [], (lang, viewport)
            assert [s["name"] for s in stops if not s["seen"]] == [], (lang, viewport)
            entries = [s for s in stops if s["select"]]
            assert len(entries) == len(LANGUAGES), (lang, viewport)
            assert all(s["outline"][0] != "none" and s["outline"][1] >= 2 for s in entries), entries
        finally:
            visit.close()


# -- sharing and copying, with and without script ------------------------------------------

def test_the_share_button_copies_the_events_address_and_the_agenda_its_calendars(browser, nginx, fixture):
    lang = LANGUAGES[0]
    base = nginx.url.rstrip("/")
    visit = Visit(browser, f"{base}{ROOTS[lang]}agenda/{WORKSHOP}/", "phone",
                  permissions=["clipboard-read", "clipboard-write"])
    try:
        page, labels = visit.page, fixture.labels[lang]
        button = page.locator("button.gd-share")
        assert button.is_visible()
        if page.evaluate("typeof navigator.share") != "function":  # a desktop browser: the address is copied
            assert button.inner_text() == labels["copy_link"]
            button.click()
            assert page.evaluate("navigator.clipboard.readText()") == page.evaluate(
                "document.querySelector('button.gd-share').dataset.gdShare")
            assert page.locator("[data-gd-announce]").inner_text() == labels["link_copied"]
        page.goto(f"{base}{ROOTS[lang]}agenda/", wait_until="networkidle")
        page.locator("button.gd-copy").click()
        feed = page.locator("#gd-feed-url").input_value()
        assert feed.startswith("https://") and page.evaluate("navigator.clipboard.readText()") == feed
        assert visit.errors == []
    finally:
        visit.close()


def test_without_script_the_event_is_shared_by_email_and_no_dead_button_shows(browser, nginx, fixture):
    lang = LANGUAGES[-1]
    visit = Visit(browser, nginx.url.rstrip("/") + f"{ROOTS[lang]}agenda/{WORKSHOP}/", "phone",
                  java_script_enabled=False)
    try:
        page = visit.page
        assert not page.locator("button.gd-share").is_visible()
        email = page.locator("a.gd-share-email")
        assert email.is_visible() and email.inner_text() == fixture.labels[lang]["share_by_email"]
        assert email.get_attribute("href").startswith("mailto:?")
        page.goto(nginx.url.rstrip("/") + f"{ROOTS[lang]}agenda/")
        assert not page.locator("button.gd-copy").is_visible() and page.locator("#gd-feed-url").is_visible()
    finally:
        visit.close()


def test_the_workshops_page_shows_its_badge_its_map_link_and_one_primary_button(visits, fixture):
    event = fixture.event(WORKSHOP)
    for lang in LANGUAGES:
        for viewport in VIEWPORTS:
            page = visits[(f"{ROOTS[lang]}agenda/{WORKSHOP}/", viewport, "light")].page
            assert page.locator(".gd-event-state .gd-status").inner_text() == fixture.labels[lang]["status_upcoming"]
            link = page.locator("a.gd-map")
            assert link.is_visible() and link.get_attribute("href") == agenda.map_link(event.location)
            primary = page.locator(".md-typeset .md-button--primary:visible")
            assert primary.count() == 1 and primary.get_attribute("href") == event.registration.url[lang]


# -- print ----------------------------------------------------------------------------------

def test_a_printed_page_names_the_site_and_its_address_writes_links_out_and_prints_no_control(visits):
    for lang in LANGUAGES:
        for path in (ROOTS[lang], f"{ROOTS[lang]}agenda/", f"{ROOTS[lang]}agenda/{WORKSHOP}/"):
            visit = visits[(path, "desktop", "dark")]
            page = visit.page
            page.emulate_media(media="print")
            try:
                visit.shot(shot_name(path, "desktop", "print"))
                address = page.locator(".gd-print-address")
                assert address.is_visible(), path
                assert address.inner_text().startswith("Go Digital – https://www.godigital.lu" + path), path
                shown = page.evaluate("""() => [...document.querySelectorAll(
                        '.md-button, button, .md-header, .md-tabs, .md-sidebar, .md-footer, .gd-subscribe, input')]
                    .filter(e => e.checkVisibility()).map(e => e.className + ' ' + e.textContent.trim().slice(0, 20))""")
                assert shown == [], (path, shown)
                external = page.evaluate("""() => [...document.querySelectorAll('.md-typeset a[href^="http"]')]
                    .filter(a => a.checkVisibility())
                    .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
                assert all(href in content for href, content in external), (path, external)
                if path.endswith(f"{WORKSHOP}/"):  # its registration, map and organiser
                    assert len(external) >= 3, external
                background = page.evaluate("getComputedStyle(document.body).backgroundColor")
                assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), (path, background)
            finally:
                page.emulate_media(media="screen")
