"""The campaign's look as readers meet it in Chromium, on a phone (390×844) and a
desktop (1366×900), in the light and the dark scheme, and printed: served by the
production nginx configuration, so the Content-Security-Policy is in force.

Every load also writes a screenshot to tests/screenshots/ (ignored by git), so
that anyone can look at what readers see: home, agenda and event pages in each
language, at both widths, in both schemes, and printed.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from godigital import agenda
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, build_site, fixture_project
from tests.servers import PageLoad

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


class Visit(PageLoad):
    """One page load at a named width and scheme, which can be photographed."""

    def __init__(self, browser, url: str, viewport: str, scheme: str = "light", **options):
        super().__init__(browser, url, VIEWPORTS[viewport], scheme, **options)

    def shot(self, name: str) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


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
    page.locator('button[data-gd-scheme]:visible').click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    page.locator('button[data-gd-scheme]:visible').click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")


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


def test_no_text_runs_under_or_over_a_picture(visits):
    """The home page's introduction beside the key visual, an event's summary beside or above its
    picture: no box of text, heading or button overlaps a picture's, at either width."""
    for (path, viewport), visit in light(visits).items():
        overlaps = visit.page.evaluate("""() => {
            const pictures = [...document.querySelectorAll('.md-typeset img.gd-visual')].filter(i => i.checkVisibility());
            const texts = [...document.querySelectorAll(
                    '.md-typeset :is(h1, h2, h3, p, li, dt, dd, .md-button, .gd-summary, .gd-next)')]
                .filter(e => e.checkVisibility() && !pictures.some(i => e.contains(i)));
            const found = [];
            for (const img of pictures) {
                const a = img.getBoundingClientRect();
                for (const e of texts) {
                    const b = e.getBoundingClientRect();
                    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
                        found.push(e.tagName + '.' + e.className + ' ' + e.textContent.trim().slice(0, 30));
                }
            }
            return [pictures.length, found];
        }""")
        assert overlaps[1] == [], (path, viewport, overlaps)
        if path in ROOTS.values():
            assert overlaps[0] == 1, (path, viewport, "the home page shows its key visual")


def test_on_a_phone_an_events_summary_is_in_the_first_screen_and_its_picture_modest(visits):
    """Date, time, venue and state before any scrolling; a picture after them, at most a
    quarter of the screen's height."""
    height = VIEWPORTS["phone"]["height"]
    for lang in LANGUAGES:
        for event in EVENTS:
            page = visits[(f"{ROOTS[lang]}agenda/{event}/", "phone", "light")].page
            boxes = page.evaluate("""() => Object.fromEntries([
                    ['state', '.gd-event-state .gd-status'], ['date', '.gd-facts__row--date'],
                    ['venue', '.gd-facts__row--location'], ['summary', '.gd-summary'],
                    ['picture', 'img.gd-event-top__picture']]
                .map(([name, css]) => [name, document.querySelector(css)])
                .filter(([, e]) => e).map(([name, e]) => [name, e.getBoundingClientRect().toJSON()]))""")
            assert {"state", "date"} <= set(boxes), (lang, event, boxes)
            for fact in ("state", "date", "venue"):
                if fact in boxes:
                    assert boxes[fact]["bottom"] <= height, (lang, event, fact, boxes[fact])
            if "picture" in boxes:
                assert boxes["picture"]["top"] >= boxes["summary"]["bottom"], (lang, event)
                assert boxes["picture"]["height"] <= height / 4 + 1, (lang, event, boxes["picture"])


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


def test_an_events_page_shows_the_agenda_as_the_current_tab_and_drawer_entry(visits, fixture):
    """The desktop's tabs underline it, the phone's drawer sets it in bold: not by colour alone."""
    agenda_title = next(title for entry in fixture.nav for title, target in entry.items() if target == "agenda.md")
    for lang in LANGUAGES:
        title = agenda_title if lang == LANGUAGES[0] else fixture.nav_translations[lang][agenda_title]
        for event in EVENTS:
            desktop = visits[(f"{ROOTS[lang]}agenda/{event}/", "desktop", "light")].page
            tab = desktop.locator(".md-tabs__item--active .md-tabs__link")
            assert tab.count() == 1 and " ".join(tab.inner_text().split()) == title, (lang, event)
            assert "underline" in tab.evaluate("a => getComputedStyle(a).textDecorationLine")
            phone = visits[(f"{ROOTS[lang]}agenda/{event}/", "phone", "light")].page
            entries = phone.evaluate("""() => [...document.querySelectorAll(
                    'nav.md-nav--primary > ul > li > .md-nav__link:not([for="__toc"])')]
                .map(a => [a.textContent.trim().replace(/\\s+/g, ' '), getComputedStyle(a).fontWeight,
                           a.parentElement.classList.contains('md-nav__item--active')])""")
            current = [name for name, _, active in entries if active]
            assert current == [title], (lang, event, entries)
            weights = {name: int(weight) for name, weight, _ in entries}
            assert weights[title] >= 700 and all(w < 700 for n, w in weights.items() if n != title), entries


# -- once no event is to come --------------------------------------------------------------

@pytest.fixture(scope="module")
def quiet_sites(later_site, tmp_path_factory):
    """The fixture site once every event is over, and with no event announced yet, served by nginx."""
    from tests.servers import Nginx

    base = tmp_path_factory.mktemp("no-event")
    project = fixture_project(base / "project")
    (project / "data/events.yaml").write_text("events:\n", encoding="utf-8")
    result = build_site(project, base / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    with (Nginx(later_site, tmp_path_factory.mktemp("nginx-later")) as over,
          Nginx(base / "site", tmp_path_factory.mktemp("nginx-none")) as none):
        yield {"over": over.url, "none": none.url}


def test_the_agendas_notice_is_the_campaigns_own_block_readable_in_both_schemes(browser, quiet_sites, axe):
    """Home and agenda pages, in every language, at both widths and in both schemes: the
    notice is shown, its text at least 4.5:1 on its background, and the page meets WCAG AA."""
    reports = []
    for state, url in quiet_sites.items():
        for lang in LANGUAGES:
            for path in (ROOTS[lang], f"{ROOTS[lang]}agenda/"):
                for viewport in VIEWPORTS:
                    for scheme in SCHEMES:
                        visit = Visit(browser, url.rstrip("/") + path, viewport, scheme)
                        try:
                            visit.shot(f"{state}-{shot_name(path, viewport, scheme)}")
                            notice = visit.page.locator(".gd-notice")
                            assert notice.count() == 1 and notice.is_visible(), (state, path, viewport)
                            colours = notice.evaluate("""n => [getComputedStyle(n.querySelector('.gd-notice__text')).color,
                                                               getComputedStyle(n).backgroundColor]""")
                            text, background = ([int(c) for c in colour[colour.index("(") + 1:-1].split(",")[:3]]
                                                for colour in colours)
                            assert contrast(text, background) >= 4.5, (state, path, scheme, colours)
                            width = VIEWPORTS[viewport]["width"]
                            assert visit.page.evaluate("document.documentElement.scrollWidth") <= width, path
                            results = axe.run(visit.page, options=WCAG_AA)
                            if results.violations_count:
                                reports.append(f"{state} {viewport} {scheme} {path}\n{results.generate_report()}")
                            assert visit.errors == [], (state, path)
                        finally:
                            visit.close()
    assert reports == [], "\n".join(reports)


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


# What the keyboard's focus shows: the element with the ring (the visible label of the
# light/dark toggle, whose radio buttons are out of sight), its box and its ring.
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const shown = e.classList.contains('md-option')
        ? e.closest('form').querySelector('label:not([hidden])') : e;
    const style = getComputedStyle(shown), box = shown.getBoundingClientRect();
    // A link broken over two lines has its ring around both: its first line's top and left
    // side, its last line's bottom and right.
    const lines = [...shown.getClientRects()], first = lines[0] || box, last = lines.at(-1) || box;
    return {name: e.className + ' ' + (e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30)),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            offset: parseFloat(style.outlineOffset), colour: style.outlineColor,
            box: [box.left, box.top, box.right, box.bottom],
            sides: [[first.left, first.right, first.top], [last.left, last.right, last.bottom],
                    [first.top, first.bottom, first.left], [last.top, last.bottom, last.right]]};
}"""
# The ring hidden for a moment, to see what it is drawn over.
NO_RING = """on => {
    const e = document.activeElement;
    const shown = e.classList.contains('md-option') ? e.closest('form').querySelector('label:not([hidden])') : e;
    if (on) shown.style.setProperty('outline-style', 'none', 'important');
    else shown.style.removeProperty('outline-style');
}"""
# Once the theme's transitions on focus are over (colours, the search field opening), or 1 s.
SETTLED = """() => Promise.race([Promise.allSettled(document.getAnimations().map(a => a.finished)),
                            new Promise(done => setTimeout(done, 1000))])"""


def _luminance(rgb) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _ring_points(focus: dict) -> list[tuple[float, float]]:
    """The middle of the ring on each side of the box (top, bottom, left, right): the
    pixel there is the ring's whole."""
    middle = focus["offset"] + focus["width"] / 2
    (tl, tr, top), (bl, br, bottom), (lt, lb, left), (rt, rb, right) = focus["sides"]
    return [((tl + tr) / 2, top - middle), ((bl + br) / 2, bottom + middle),
            (left - middle, (lt + lb) / 2), (right + middle, (rt + rb) / 2)]


def focus_rings(page, presses: int, seen: set[str], within: str = "body") -> list[dict]:
    """Each stop of the Tab key inside ``within`` not ``seen`` yet (by its classes and name):
    its ring's style and width, and on each side of the box the ring's colour as drawn and
    the contrast with what it is drawn over (the page without it)."""
    from PIL import Image

    stops, here = [], set()
    page.mouse.move(0, 0)
    for _ in range(presses):
        page.keyboard.press("Tab")
        page.evaluate(SETTLED)
        focus = page.evaluate(FOCUSED)
        if focus is None or focus["name"] + str(focus["box"]) in here:
            break  # round the page and back
        here.add(focus["name"] + str(focus["box"]))
        if focus["name"] in seen or not page.evaluate("s => !!document.activeElement.closest(s)", within):
            continue
        seen.add(focus["name"])
        if focus["box"][3] < 0 or focus["box"][1] > page.viewport_size["height"]:
            # On a phone, the theme keeps the page still while its search is open: the first
            # control after the search field gets the focus out of sight. Brought into view,
            # as a reader scrolling there would see it.
            page.evaluate("document.activeElement.scrollIntoView({block: 'center'})")
            focus = page.evaluate(FOCUSED)
        # The ring's box, on the screen: what is outside the window is not seen.
        view = page.viewport_size
        left, top, right, bottom = focus["box"]
        reach = max(focus["offset"] + focus["width"], 0) + 2
        clip = {"x": max(0, int(left - reach)), "y": max(0, int(top - reach))}
        clip |= {"width": min(view["width"], int(right + reach) + 1) - clip["x"],
                 "height": min(view["height"], int(bottom + reach) + 1) - clip["y"]}
        shots = []
        for hidden in (False, True):
            page.evaluate(NO_RING, hidden)
            shots.append(Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
                         if clip["width"] > 0 and clip["height"] > 0 else None)
        page.evaluate(NO_RING, False)
        with_ring, without = shots
        sides = []
        for x, y in _ring_points(focus):
            point = (int(x) - clip["x"], int(y) - clip["y"])
            inside = with_ring is not None and 0 <= point[0] < with_ring.width and 0 <= point[1] < with_ring.height
            drawn = with_ring.getpixel(point) if inside else None
            sides.append({"drawn": drawn, "contrast": round(contrast(drawn, without.getpixel(point)), 2)
                          if inside else 0})
        stops.append({**focus, "sides": sides})
    return stops


def weak_rings(stops: list[dict]) -> list[dict]:
    """The stops whose ring is not solid, narrower than 2 px, or below 3:1 against its
    background on some side (cut off, covered, or of too close a colour)."""
    weak = []
    for stop in stops:
        if stop["style"] != "solid" or stop["width"] < 2 or min(s["contrast"] for s in stop["sides"]) < 3:
            weak.append({key: stop[key] for key in ("name", "style", "width", "colour")}
                        | {"contrasts": [s["contrast"] for s in stop["sides"]]})
    return weak


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_focus_ring_is_2_px_and_3_to_1_against_what_it_is_drawn_on(browser, nginx, viewport, scheme):
    """The header (logo, tabs, toggle, language menu, search), the page's panels and buttons, the
    footer, and on a phone the open drawer: in every language (each control once a language)."""
    weak = {}
    for lang in LANGUAGES:
        seen: set[str] = set()
        for path in (ROOTS[lang], f"{ROOTS[lang]}agenda/", f"{ROOTS[lang]}agenda/{WORKSHOP}/"):
            visit = Visit(browser, nginx.url.rstrip("/") + path, viewport, scheme)
            try:
                stops = focus_rings(visit.page, 60, seen)
                assert len(stops) > 3, (path, stops)
                if viewport == "phone" and path == ROOTS[lang]:  # the drawer's title bar and its menu
                    visit.page.locator("button[data-gd-drawer]").click()
                    visit.page.wait_for_function("() => document.getElementById('__drawer').checked")
                    drawer = focus_rings(visit.page, 30, seen, within=".md-sidebar--primary")
                    assert len(drawer) > 3, drawer
                    stops += drawer
                if found := weak_rings(stops):
                    weak[path] = found
            finally:
                visit.close()
    assert weak == {}, "\n".join(f"{path}: {found}" for path, found in weak.items())


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
    """And its footer's line naming the campaign's partners, alone of the footer."""
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
                        '.md-button, button, .md-header, .md-tabs, .md-sidebar, .md-footer a, .md-footer-nav, '
                        + '.gd-strip, .gd-subscribe, input')]
                    .filter(e => e.checkVisibility()).map(e => e.className + ' ' + e.textContent.trim().slice(0, 20))""")
                assert shown == [], (path, shown)
                # Of the footer, only the line naming the campaign's partners.
                footer = page.evaluate("[document.querySelector('.md-footer').innerText.trim(), "
                                       "document.querySelector('.md-copyright__highlight').innerText.trim()]")
                assert footer[1] and footer[0] == footer[1], (path, footer)
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
