"""What keyboard users and readers of small screens and paper get, in Chromium: the
menu button, the link to skip to the content, pages that never scroll sideways
(320 px wide too), the home page's key visual in a phone's first screen, an event's
summary beside its picture and description on a wide screen, the current language
marked in the language menu, and printed pages. Served by the production nginx
configuration, as in tests/test_look_browser.py.
"""

from __future__ import annotations

import pytest

from tests.conftest import LANGUAGES, as_typed
from tests.servers import PageLoad
from tests.test_look_browser import ROOTS, WCAG_AA, WORKSHOP, contrast
from tests.test_theme_words import SITE_WORDS, THEME_WORDS, words

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

WIDTHS = {"narrow": {"width": 320, "height": 640}, "phone": {"width": 390, "height": 844},
          "desktop": {"width": 1366, "height": 900}}
PHONES = ("narrow", "phone")
# An event with a picture (the workshop) and one without.
NO_PICTURE = "conference-ia-2025"


def page_types(lang: str) -> dict[str, str]:
    root = ROOTS[lang]
    return {"home": root, "agenda": f"{root}agenda/", "event": f"{root}agenda/{WORKSHOP}/",
            "event without picture": f"{root}agenda/{NO_PICTURE}/", "text": f"{root}a-propos/mentions/",
            "missing": f"{root}page-qui-n-existe-pas/"}


def theme_word(lang: str, key: str) -> str:
    """A theme word as the site shows it: its own wording, else Material's."""
    own = words(SITE_WORDS / f"{lang}.html") if (SITE_WORDS / f"{lang}.html").exists() else {}
    return own.get(key) or words(THEME_WORDS / f"{lang}.html")[key]


class Load(PageLoad):
    """One page at a named width."""

    def __init__(self, browser, url: str, width: str, **options):
        super().__init__(browser, url, WIDTHS[width], options.pop("color_scheme", "light"), **options)


def open_at(browser, nginx, path: str, width: str, **options) -> Load:
    return Load(browser, nginx.url.rstrip("/") + path, width, **options)


@pytest.fixture(scope="module")
def loads(browser, nginx):
    """Every page type in every language at every width, loaded once (nothing is clicked on them)."""
    loaded = {(lang, kind, width): open_at(browser, nginx, path, width)
              for lang in LANGUAGES for kind, path in page_types(lang).items() for width in WIDTHS}
    yield loaded
    for visit in loaded.values():
        visit.close()


# What the focus is on: its classes, name, whether it shows, and where it is.
FOCUS = """() => {
    const e = document.activeElement, box = e.getBoundingClientRect();
    return {cls: e.className, name: e.getAttribute('aria-label') || e.textContent.trim(),
            expanded: e.getAttribute('aria-expanded'), inDrawer: !!e.closest('.md-sidebar--primary'),
            seen: e.checkVisibility({visibilityProperty: true}) && box.width > 0
                  && box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight};
}"""
DRAWER_OPEN = "document.getElementById('__drawer').checked"
# Once the drawer's slide (or the theme's other transitions) is over.
SETTLED = "() => Promise.allSettled(document.getAnimations().map(a => a.finished))"


# -- the menu button --------------------------------------------------------------------

@pytest.mark.parametrize("width", PHONES)
def test_the_menu_button_opens_and_closes_the_drawer_from_the_keyboard(browser, nginx, width):
    for lang in LANGUAGES:
        visit = open_at(browser, nginx, ROOTS[lang], width)
        try:
            page = visit.page
            page.keyboard.press("Tab")  # the link to skip to the content
            page.keyboard.press("Tab")
            button = page.evaluate(FOCUS)
            assert "gd-drawer-button" in button["cls"] and button["seen"], (lang, button)
            # Named in the page's language, as the theme names the menu it opens.
            assert button["name"] == page.locator("nav.md-nav--primary").get_attribute("aria-label"), lang
            assert button["name"] == theme_word(lang, "nav") and button["expanded"] == "false"
            page.keyboard.press("Enter")
            page.wait_for_function(DRAWER_OPEN)
            page.evaluate(SETTLED)
            first = page.evaluate(FOCUS)
            assert first["inDrawer"] and first["seen"], (lang, first)
            assert page.locator("button[data-gd-drawer]").get_attribute("aria-expanded") == "true"
            page.keyboard.press("Tab")
            link = page.evaluate(FOCUS)
            assert link["inDrawer"] and link["seen"] and "md-nav__link" in link["cls"], (lang, link)
            page.keyboard.press("Escape")
            page.wait_for_function(f"() => !{DRAWER_OPEN}")
            back = page.evaluate(FOCUS)
            assert "gd-drawer-button" in back["cls"] and back["expanded"] == "false", (lang, back)
            page.keyboard.press(" ")  # Space opens it too, and the button closes it
            page.wait_for_function(DRAWER_OPEN)
            page.locator("button[data-gd-drawer]").press(" ")
            page.wait_for_function(f"() => !{DRAWER_OPEN}")
            assert page.locator("button[data-gd-drawer]").get_attribute("aria-expanded") == "false"
            # Once closed, its links take no Tab press.
            page.wait_for_function("""() => !document.querySelector('.md-sidebar--primary .md-nav__link')
                .checkVisibility({visibilityProperty: true})""", timeout=2000)
            assert visit.errors == [], lang
        finally:
            visit.close()


@pytest.mark.parametrize("width", PHONES)
def test_a_section_in_the_drawer_opens_by_enter_and_space_says_so_and_escape_goes_back_to_the_menu_button(
        browser, nginx, width):
    """A section's entry opens its panel, whose "back" title closes it again, each by
    Enter and by Space, and both say whether the panel is open."""
    visit = open_at(browser, nginx, ROOTS[LANGUAGES[0]], width)
    try:
        page = visit.page
        page.locator("button[data-gd-drawer]").press("Enter")
        page.wait_for_function(DRAWER_OPEN)
        page.evaluate(SETTLED)
        toggles = page.locator(".md-sidebar--primary label.md-nav__link[for][tabindex]")
        assert toggles.count() > 0
        for index in range(toggles.count()):
            toggle = toggles.nth(index)
            section = toggle.get_attribute("for")
            back = page.locator(f'.md-sidebar--primary label.md-nav__title[for="{section}"]')
            assert toggle.get_attribute("role") == "button" and back.get_attribute("role") == "button"
            for opening, closing in (("Space", "Enter"), ("Enter", "Space")):
                assert not page.evaluate("id => document.getElementById(id).checked", section)
                assert toggle.get_attribute("aria-expanded") == "false"
                toggle.focus()
                page.keyboard.press(opening)
                page.wait_for_function("id => document.getElementById(id).checked", arg=section)
                page.evaluate(SETTLED)
                assert toggle.get_attribute("aria-expanded") == "true" == back.get_attribute("aria-expanded")
                back.focus()
                assert page.evaluate(FOCUS)["seen"], (section, opening)
                page.keyboard.press(closing)
                page.wait_for_function("id => !document.getElementById(id).checked", arg=section)
                page.evaluate(SETTLED)
                assert back.get_attribute("aria-expanded") == "false", closing
        page.keyboard.press("Escape")
        page.wait_for_function(f"() => !{DRAWER_OPEN}")
        back = page.evaluate(FOCUS)
        assert "gd-drawer-button" in back["cls"] and back["expanded"] == "false", back
        assert visit.errors == []
    finally:
        visit.close()


# Whether the focused element is what a reader sees there: shown, on screen, and not
# covered by anything else (a section's panel slides over the menu's first level).
FOCUS_SEEN = """() => {
    const e = document.activeElement, box = e.getBoundingClientRect();
    const x = Math.min(box.left + box.width / 2, innerWidth - 1), y = Math.min(box.top + box.height / 2, innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    return {inDrawer: !!e.closest('.md-sidebar--primary'), tag: e.tagName, text: e.textContent.trim(),
            role: e.getAttribute('role'), expanded: e.getAttribute('aria-expanded'),
            seen: e.checkVisibility({visibilityProperty: true}) && box.width > 0 && box.bottom > 0
                  && box.top < innerHeight && !!top && (top === e || e.contains(top))};
}"""


@pytest.mark.parametrize("width", PHONES)
def test_on_a_page_inside_a_section_every_entry_of_the_drawer_is_reached_by_tab_and_seen(browser, nginx, width):
    """The open section's panel covers the menu's first level: Tab goes only through what
    shows, and reaches its "back" title and the section's own entry too (Material gives them
    no tabindex), which Enter uses to go back to the first level."""
    for lang in LANGUAGES:
        visit = open_at(browser, nginx, page_types(lang)["text"], width)
        try:
            page = visit.page
            page.locator("button[data-gd-drawer]").press("Enter")
            page.wait_for_function(DRAWER_OPEN)
            page.evaluate(SETTLED)
            shown = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary :is(a[href], label[for])')]
                .filter(e => e.checkVisibility({visibilityProperty: true}) && e.getAttribute('for') !== '__drawer')
                .filter(e => { const b = e.getBoundingClientRect(), t = document.elementFromPoint(
                    b.left + b.width / 2, Math.min(b.top + b.height / 2, innerHeight - 1));
                    return b.width > 0 && b.top < innerHeight && t && (t === e || e.contains(t)); })
                .map(e => e.textContent.trim())""")
            reached = []
            focus = page.evaluate(FOCUS_SEEN)
            while focus["inDrawer"] and len(reached) < 40:
                assert focus["seen"], (lang, width, focus)
                if focus["tag"] == "LABEL":
                    assert focus["role"] == "button" and focus["expanded"] in ("true", "false"), (lang, focus)
                reached.append(focus["text"])
                page.keyboard.press("Tab")
                focus = page.evaluate(FOCUS_SEEN)
            assert shown and set(shown) <= set(reached), (lang, width, shown, reached)
            # The open section's "back" title takes the reader to the menu's first level.
            page.locator("button[data-gd-drawer]").press("Enter")
            page.wait_for_function(DRAWER_OPEN)
            page.evaluate(SETTLED)
            section = page.locator(".md-sidebar--primary .md-nav__toggle:checked ~ nav > label.md-nav__title") \
                .first.get_attribute("for")
            back = page.locator(f'.md-sidebar--primary label.md-nav__title[for="{section}"]')
            assert back.get_attribute("tabindex") == "0" and back.get_attribute("aria-expanded") == "true"
            back.focus()
            page.keyboard.press("Enter")
            page.wait_for_function("id => !document.getElementById(id).checked", arg=section)
            assert back.get_attribute("aria-expanded") == "false"
            assert visit.errors == [], lang
        finally:
            visit.close()


def test_on_a_desktop_the_menu_is_in_the_tabs_and_no_menu_button_shows(loads):
    for lang in LANGUAGES:
        page = loads[(lang, "home", "desktop")].page
        assert not page.locator("button[data-gd-drawer]").is_visible()
        assert not page.locator('.md-header label[for="__drawer"]').is_visible()
        assert page.locator(".md-tabs").is_visible()


def test_without_script_the_drawer_still_opens_by_its_label(browser, nginx):
    visit = open_at(browser, nginx, ROOTS[LANGUAGES[0]], "phone", java_script_enabled=False)
    try:
        page = visit.page
        assert not page.locator("button[data-gd-drawer]").is_visible()
        page.locator('.md-header label[for="__drawer"]').click()
        assert page.evaluate(DRAWER_OPEN)
    finally:
        visit.close()


# -- the light/dark toggle --------------------------------------------------------------------

SCHEME = "document.body.dataset.mdColorScheme"
TOGGLE = "button[data-gd-scheme]:not([hidden])"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_light_dark_toggle_is_one_button_named_for_what_it_does_for_enter_and_space(browser, nginx, fixture, system):
    """On a first visit too, when the page follows the system's scheme."""
    for lang in LANGUAGES:
        labels = fixture.labels[lang]
        visit = open_at(browser, nginx, ROOTS[lang], "desktop", color_scheme=system)
        try:
            page = visit.page
            # The radio buttons Material reads take no Tab press: the one button does.
            assert page.evaluate("[...document.querySelectorAll('input[name=__palette]')].map(i => i.tabIndex)") \
                == [-1, -1]
            schemes = ["default", "slate"] if system == "light" else ["slate", "default"]
            for key in ("Space", "Enter", " "):
                scheme = page.evaluate(SCHEME)
                assert scheme == schemes[0], (lang, key)
                button = page.locator(TOGGLE)
                assert button.count() == 1
                assert button.evaluate("b => b.tagName") == "BUTTON"
                expected = labels["palette_dark" if scheme == "default" else "palette_light"]
                assert as_typed(button.get_attribute("aria-label")) == expected, (lang, scheme)
                button.focus()
                page.keyboard.press(key)
                page.wait_for_function(f"() => {SCHEME} === '{schemes[1]}'")
                after = page.evaluate(FOCUS)
                assert "gd-scheme-button" in after["cls"] and after["seen"], (lang, key, after)
                assert as_typed(after["name"]) != expected, (lang, key)
                schemes.reverse()
            assert visit.errors == [], lang
        finally:
            visit.close()


# -- small screens ----------------------------------------------------------------------------

def test_no_page_scrolls_sideways_and_the_header_fits_at_320_390_and_1366(loads):
    for (lang, kind, width), visit in loads.items():
        page, size = visit.page, WIDTHS[width]["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= size, (lang, kind, width)
        outside = page.evaluate("""w => [...document.querySelectorAll('.md-header__inner > *')]
            .filter(e => e.checkVisibility()).map(e => [e.className, e.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0 && (r.left < 0 || r.right > w)).map(([c]) => c)""", size)
        assert outside == [], (lang, kind, width, outside)
    # The language menu, open, stays inside a 320 px screen.
    page = loads[(LANGUAGES[0], "home", "narrow")].page
    page.locator(".md-select").first.hover()
    page.wait_for_timeout(400)
    box = page.locator(".md-select__inner").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS["narrow"]["width"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS["narrow"]["width"]
    page.mouse.move(0, 400)


def test_on_a_phone_the_header_swaps_in_no_page_title_it_has_no_room_for(loads):
    for lang in LANGUAGES:
        for width in WIDTHS:
            page = loads[(lang, "text", width)].page
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_timeout(300)
            shown = page.evaluate("""() => [...document.querySelectorAll('.md-header__topic')]
                .filter(t => t.checkVisibility({visibilityProperty: true})).map(t => t.textContent.trim())""")
            page.evaluate("window.scrollTo(0, 0)")
            if width in PHONES:
                assert shown == [], (lang, width, shown)
            else:  # a wide screen's header has room for the page's title, once scrolled
                assert len(shown) == 1, (lang, width, shown)


# A block's width in characters of its font ("ch", the width of its zero).
MEASURE = """css => [...document.querySelectorAll(css)].filter(e => e.checkVisibility()).map(e => {
    const zero = document.createElement('span');
    zero.textContent = '0';
    e.append(zero);
    const width = e.getBoundingClientRect().width / zero.getBoundingClientRect().width;
    zero.remove();
    return width;
})"""


def test_running_text_keeps_about_70_characters_a_line_and_the_agenda_its_width(loads):
    for lang in LANGUAGES:
        text = loads[(lang, "text", "desktop")].page
        widths = text.evaluate(MEASURE, ".md-content__inner > :is(p, ul, ol)")
        assert widths and max(widths) <= 70.5, (lang, widths)
        agenda = loads[(lang, "agenda", "desktop")].page
        events, column = agenda.evaluate("""() => ['ul.gd-events', '.md-content__inner']
            .map(css => document.querySelector(css).getBoundingClientRect().width)""")
        assert events >= column - 1, (lang, events, column)


def test_the_tabs_show_at_once_and_a_reader_who_asks_for_less_motion_gets_none(browser, nginx):
    visit = Load(browser, nginx.url.rstrip("/") + ROOTS[LANGUAGES[0]], "desktop")
    try:
        page = visit.page
        fades = page.evaluate("""() => [...document.querySelectorAll('.md-tabs__link')].map(a => {
            const style = getComputedStyle(a);
            return [style.opacity, style.transitionDuration];
        })""")
        assert fades and all(opacity == "1" and set(duration.split(", ")) == {"0s"} for opacity, duration in fades), fades
    finally:
        visit.close()
    visit = Load(browser, nginx.url.rstrip("/") + ROOTS[LANGUAGES[0]], "phone", reduced_motion="reduce")
    try:
        page = visit.page
        durations = page.evaluate("""() => [...document.querySelectorAll('.md-sidebar--primary, .md-skip, .md-header')]
            .flatMap(e => getComputedStyle(e).transitionDuration.split(', ')).map(parseFloat)""")
        assert durations and max(durations) <= 0.001, durations
        page.locator("button[data-gd-drawer]").press("Enter")
        page.wait_for_function(DRAWER_OPEN)
        assert [a for a in page.evaluate("document.getAnimations().map(a => a.effect.getTiming().duration)")
                if a > 1] == []
    finally:
        visit.close()


def test_every_page_type_meets_wcag_aa_at_320(loads, axe):
    reports = []
    for (lang, kind, width), visit in loads.items():
        if width == "narrow" and lang == LANGUAGES[0]:
            results = axe.run(visit.page, options=WCAG_AA)
            if results.violations_count:
                reports.append(f"{kind}\n{results.generate_report()}")
    assert reports == [], "\n".join(reports)


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def test_on_a_phone_the_home_page_s_key_visual_shows_in_the_first_screen_with_the_title(loads):
    for lang in LANGUAGES:
        for width in WIDTHS:
            page, height = loads[(lang, "home", width)].page, WIDTHS[width]["height"]
            boxes = page.evaluate("""() => Object.fromEntries([['visual', 'img.gd-home__visual'],
                    ['title', '.gd-home__intro > h1'], ['intro', '.gd-home__intro > h1 + p']]
                .map(([name, css]) => [name, document.querySelector(css).getBoundingClientRect().toJSON()]))""")
            visual, title, intro = boxes["visual"], boxes["title"], boxes["intro"]
            assert visual["height"] > 0 and visual["bottom"] <= height, (lang, width, visual)
            assert title["bottom"] <= height and intro["top"] < height - 60, (lang, width, boxes)
            if width in PHONES:  # a band: the title's room kept
                assert visual["height"] <= height * 0.15 + 1, (lang, width, visual)
            else:  # beside the introduction
                assert visual["left"] >= title["right"] - 1, (lang, width, boxes)


# The campaign's badge in overrides/assets/visuals/campaign.svg (560 × 400): its circle's box.
BADGE = {"left": 452 - 84, "top": 104 - 84, "right": 452 + 84, "bottom": 104 + 84}


def test_on_a_phone_the_key_visual_s_band_shows_the_campaign_s_badge_whole(loads):
    for lang in LANGUAGES:
        for width in PHONES:
            page = loads[(lang, "home", width)].page
            band = page.evaluate("""() => {
                const img = document.querySelector('img.gd-home__visual'), style = getComputedStyle(img);
                const box = img.getBoundingClientRect(), [x, y] = style.objectPosition.split(' ').map(parseFloat);
                return {fit: style.objectFit, w: box.width, h: box.height, x: x / 100, y: y / 100,
                        nw: img.naturalWidth, nh: img.naturalHeight};
            }""")
            assert band["fit"] == "cover", band
            scale = max(band["w"] / band["nw"], band["h"] / band["nh"])
            left, top = (band["w"] - band["nw"] * scale) * band["x"], (band["h"] - band["nh"] * scale) * band["y"]
            shown = {"left": left + BADGE["left"] * scale, "right": left + BADGE["right"] * scale,
                     "top": top + BADGE["top"] * scale, "bottom": top + BADGE["bottom"] * scale}
            assert shown["left"] >= -1 and shown["right"] <= band["w"] + 1, (lang, width, band, shown)
            assert shown["top"] >= -1 and shown["bottom"] <= band["h"] + 1, (lang, width, band, shown)


def test_on_a_wide_screen_an_event_s_summary_has_its_picture_and_description_beside_it(loads):
    for lang in LANGUAGES:
        for kind in ("event", "event without picture"):
            for width in WIDTHS:
                page = loads[(lang, kind, width)].page
                boxes = page.evaluate("""() => Object.fromEntries([['summary', '.gd-summary'],
                        ['side', '.gd-event-top__side'], ['description', '.gd-event-description'],
                        ['article', '.md-content__inner']]
                    .map(([name, css]) => [name, document.querySelector(css).getBoundingClientRect().toJSON()]))""")
                summary, side, description = boxes["summary"], boxes["side"], boxes["description"]
                if width == "desktop":
                    assert side["left"] >= summary["right"] and side["top"] <= summary["top"] + 1, (lang, kind)
                    assert description["top"] < summary["bottom"], (lang, kind, "the description beside it")
                    assert summary["width"] <= 0.65 * boxes["article"]["width"], (lang, kind, boxes)
                else:
                    assert side["top"] >= summary["bottom"], (lang, kind, width)


def test_on_a_phone_the_agenda_s_first_screen_shows_upcoming_events_and_every_way_to_subscribe_follows(loads):
    for lang in LANGUAGES:
        for width in WIDTHS:
            page, height = loads[(lang, "agenda", width)].page, WIDTHS[width]["height"]
            boxes = page.evaluate("""() => ({
                first: document.querySelector('#upcoming ~ ul.gd-events > li').getBoundingClientRect().toJSON(),
                list: document.querySelector('#upcoming ~ ul.gd-events').getBoundingClientRect().toJSON(),
                panel: document.getElementById('subscribe').getBoundingClientRect().toJSON(),
                ways: ['a[href^="webcal:"]', 'a[href*="google.com"]', 'a[href*="live.com"]', '#gd-feed-url',
                       'a[download]'].map(css => !!document.querySelector('#subscribe ' + css))})""")
            assert boxes["first"]["top"] < height - 100, (lang, width, boxes)
            assert boxes["panel"]["top"] >= boxes["list"]["bottom"], (lang, width, boxes)
            assert all(boxes["ways"]), (lang, width, boxes)


# -- the foot of every page ------------------------------------------------------------------

def test_every_page_s_foot_links_the_pages_of_the_menu_s_last_section_by_their_menu_titles(loads, fixture):
    """The legal notice and the like: titles and addresses as the menu gives them, in the page's language."""
    [(section, pages)] = [entry for entry in fixture.nav if isinstance(entry, dict)
                          and isinstance(next(iter(entry.values())), list)][-1].items()
    for (lang, kind, width), visit in loads.items():
        if width != "phone":
            continue
        titles = fixture.nav_translations.get(lang, {})
        expected = [[as_typed(titles.get(title, title)), f"{ROOTS[lang]}{file.removesuffix('.md')}/"]
                    for page in pages for title, file in page.items()]
        found = visit.page.evaluate("""() => {
            const nav = document.querySelector('.md-footer nav.gd-site-links');
            return [nav.getAttribute('aria-label'), [...nav.querySelectorAll('a')]
                .map(a => [a.textContent.trim(), new URL(a.href).pathname])];
        }""")
        assert as_typed(found[0]) == as_typed(titles.get(section, section)), (lang, kind)
        assert [[as_typed(text), path] for text, path in found[1]] == expected, (lang, kind)


# -- the language menu --------------------------------------------------------------------------

def test_the_language_menu_marks_the_page_s_own_language(loads):
    for (lang, kind, width), visit in loads.items():
        if width == "narrow":
            continue
        current = visit.page.evaluate("""() => [...document.querySelectorAll('a.md-select__link[aria-current]')]
            .map(a => [a.getAttribute('hreflang'), a.getAttribute('aria-current'), getComputedStyle(a).fontWeight])""")
        assert current == [[lang, "true", "700"]], (lang, kind, width, current)


# -- print ------------------------------------------------------------------------------------------

def test_a_printed_link_that_shows_its_address_says_it_once_and_the_campaign_line_prints(loads):
    for lang in LANGUAGES:
        for kind in ("text", "event"):
            for width in ("phone", "desktop"):
                page = loads[(lang, kind, width)].page
                page.emulate_media(media="print")
                try:
                    links = page.evaluate("""() => [...document.querySelectorAll('.md-typeset a[href^="http"]')]
                        .filter(a => a.checkVisibility())
                        .map(a => [a.textContent.trim(), a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
                    for text, href, after in links:
                        if text.lower().removeprefix("https://").removeprefix("www.").rstrip("/") == \
                                href.lower().removeprefix("https://").removeprefix("www.").rstrip("/"):
                            assert after in ("none", "normal"), (lang, kind, text, after)
                        else:
                            assert href in after, (lang, kind, text, after)
                    if kind == "text":  # the fixture's page writes its address twice, as a link
                        assert sum(1 for _, _, after in links if after in ("none", "normal")) == 2, links
                    footer = page.evaluate("""() => {
                        const line = document.querySelector('.md-copyright__highlight');
                        const shown = [...document.querySelectorAll('.md-footer a, .md-footer button, .gd-strip')]
                            .filter(e => e.checkVisibility()).map(e => e.textContent.trim());
                        return [line.checkVisibility(), line.innerText.trim(),
                                document.querySelector('.md-footer').innerText.trim(), shown,
                                getComputedStyle(line).color];
                    }""")
                    if kind == "event":  # the note on the calendars' buttons goes with them
                        assert page.evaluate("""() => [...document.querySelectorAll('.gd-add, .gd-add__note')]
                            .map(e => e.checkVisibility())""") == [False, False], (lang, width)
                    visible, line, whole, shown, colour = footer
                    assert visible and line and whole == line, (lang, kind, width, footer)
                    assert shown == [] and colour == "rgb(0, 0, 0)", (lang, kind, width, footer)
                finally:
                    page.emulate_media(media="screen")


# -- the link to skip to the content -------------------------------------------------------

def _rgb(colour: str) -> list[int]:
    return [int(float(c)) for c in colour[colour.index("(") + 1:].rstrip(")").split(",")[:3]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_link_to_skip_to_the_content_has_its_own_bar_and_a_ring_of_3_to_1(browser, nginx, scheme):
    for width in ("desktop", "phone"):
        visit = open_at(browser, nginx, page_types(LANGUAGES[0])["text"], width, color_scheme=scheme)
        try:
            page = visit.page
            page.keyboard.press("Tab")
            page.evaluate(SETTLED)
            skip = page.evaluate("""() => {
                const e = document.activeElement, style = getComputedStyle(e);
                const covered = [...document.querySelectorAll('.md-header__inner > *')]
                    .filter(c => c.checkVisibility()).map(c => c.getBoundingClientRect())
                    .filter(c => c.width > 0 && c.top < e.getBoundingClientRect().bottom - 1).length;
                return {cls: e.className, covered, ring: style.outlineColor, fill: style.backgroundColor,
                        text: style.color, offset: parseFloat(style.outlineOffset),
                        width: parseFloat(style.outlineWidth)};
            }""")
            assert "md-skip" in skip["cls"] and skip["covered"] == 0, (scheme, width, skip)
            # The ring lies inside the bar, on its fill.
            assert skip["offset"] + skip["width"] <= 0, skip
            assert contrast(_rgb(skip["ring"]), _rgb(skip["fill"])) >= 3, (scheme, skip)
            assert contrast(_rgb(skip["text"]), _rgb(skip["fill"])) >= 4.5, (scheme, skip)
        finally:
            visit.close()


def test_every_page_s_first_tab_stop_skips_to_its_content(loads):
    """At every width. Last in this file: it moves the pages' focus and scrolls them."""
    for (lang, kind, width), visit in loads.items():
        page = visit.page
        page.keyboard.press("Tab")
        skip = page.evaluate(FOCUS)
        assert "md-skip" in skip["cls"] and skip["seen"], (lang, kind, width, skip)
        assert skip["name"] == theme_word(lang, "action.skip"), (lang, kind)
        target = page.evaluate("document.activeElement.hash")
        page.keyboard.press("Enter")
        page.wait_for_function("h => location.hash === h", arg=target)
        landed = page.evaluate("""h => {
            const t = document.getElementById(decodeURIComponent(h.slice(1)));
            if (!t) return null;
            const box = t.getBoundingClientRect();
            return {tag: t.tagName, inContent: !!t.closest('.md-content'),
                    shown: box.top >= 0 && box.top < innerHeight};
        }""", target)
        assert landed == {"tag": "H1", "inContent": True, "shown": True}, (lang, kind, width, target, landed)
        # The next Tab press goes on from the content, not back to the header.
        page.keyboard.press("Tab")
        assert page.evaluate("!document.activeElement.closest('.md-header')"), (lang, kind)
