"""How pages load their scripts, in Chromium at phone and desktop widths, behind
the production nginx configuration (its Content-Security-Policy in force).

Material's bundle starts on the reader's first interaction, not while the page
loads (overrides/partials/javascripts/bundle.html): a page is read, and its
menu, drawer, links and colour scheme work, before the bundle is even fetched;
the first click or key press works as if the bundle had always been there.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import LANGUAGES, root_of
from tests.servers import PageLoad

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
EVENT = "atelier-cybersecurite-2025"


class Visit(PageLoad):
    """One page load at a named width, and what it tells of Material's bundle."""

    def __init__(self, browser, url: str, viewport: str, scheme: str = "light", **options):
        super().__init__(browser, url, VIEWPORTS[viewport], scheme, **options)

    @property
    def bundle_fetched(self) -> bool:
        return any(BUNDLE.search(url) for url in self.requests)

    def wait_for_bundle(self) -> None:
        """Until the bundle has started: its palette component stores the reader's palette."""
        self.page.wait_for_function("() => typeof __md_get('__palette') === 'object' && __md_get('__palette')")

    def scheme(self) -> str:
        return self.page.evaluate("document.body.getAttribute('data-md-color-scheme')")



@pytest.fixture
def visit(browser, nginx):
    opened: list[Visit] = []

    def open_page(path: str, viewport: str, scheme: str = "light", **options) -> Visit:
        opened.append(Visit(browser, nginx.url.rstrip("/") + path, viewport, scheme, **options))
        return opened[-1]

    yield open_page
    for one in opened:
        assert one.errors == [] or all("404" in error for error in one.errors), one.errors
        one.close()


def home(lang: str) -> str:
    return f"/{root_of(lang)}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", [home(lang) for lang in LANGUAGES] + [
    f"/{root_of(LANGUAGES[-1])}agenda/", f"/agenda/{EVENT}/", "/page-qui-n-existe-pas/"])
def test_a_page_loads_without_the_bundle_until_the_reader_does_something(visit, viewport, path):
    page = visit(path, viewport)
    assert not page.bundle_fetched, "the bundle waits for the reader"
    assert page.page.locator('script[type="text/x-gd-later"]').count() == 1
    page.page.mouse.move(40, 300)
    page.wait_for_bundle()
    assert page.bundle_fetched
    assert page.errors == [] or path == "/page-qui-n-existe-pas/"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_readers_system_scheme_is_there_before_the_bundle_and_the_first_click_switches_it(
        visit, viewport, system):
    page = visit("/", viewport, system)
    expected, other = ("default", "slate") if system == "light" else ("slate", "default")
    assert page.scheme() == expected
    toggle = page.page.locator("form[data-md-component=palette] button[data-gd-scheme]:not([hidden])")
    assert toggle.count() == 1 and toggle.is_visible(), "the toggle to the other scheme is shown"
    assert not page.bundle_fetched
    toggle.click()
    page.page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{other}'")
    page.wait_for_bundle()
    assert page.page.locator("form[data-md-component=palette] button[data-gd-scheme]:not([hidden])").count() == 1
    # The choice is kept for the next page, which shows it from the start.
    page.page.goto(page.page.url.rstrip("/") + f"/agenda/{EVENT}/", wait_until="networkidle")
    assert page.scheme() == other


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_keyboard_users_first_key_press_on_the_palette_switches_it(visit, viewport):
    page = visit("/", viewport)
    page.page.locator("form[data-md-component=palette] input").first.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_keyboard_users_first_key_opens_the_search(visit, viewport):
    page = visit("/", viewport)
    assert not page.bundle_fetched
    page.page.keyboard.press("/")
    page.page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")


def test_the_phones_menu_opens_at_the_first_touch(visit):
    page = visit("/", "phone", has_touch=True)
    # drawer.js puts its button in the label's place (overrides/partials/header.html).
    page.page.locator("button[data-gd-drawer]").tap()
    drawer = page.page.locator("nav.md-nav--primary").first
    drawer.wait_for(state="visible")
    assert page.page.evaluate("document.getElementById('__drawer').checked")
    assert drawer.locator("a.md-nav__link").first.is_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_first_click_on_copy_link_copies_the_events_address(visit, nginx, viewport):
    page = visit(f"/agenda/{EVENT}/", viewport, permissions=["clipboard-read", "clipboard-write"])
    button = page.page.locator("button[data-gd-share]")
    assert button.is_visible(), "shown by share.js, which does not wait for the bundle"
    button.click()
    status = page.page.locator("[data-gd-announce]")
    status.wait_for(state="attached")
    page.page.wait_for_function("() => document.querySelector('[data-gd-announce]').textContent !== ''")
    copied = page.page.evaluate("navigator.clipboard.readText()")
    assert copied == button.get_attribute("data-gd-share")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_search_shows_before_the_bundle_and_finds_pages_at_the_first_use(visit, viewport):
    """The search shows as soon as the page does; the first touch or key starts the bundle it needs."""
    page = visit(f"/{root_of(LANGUAGES[0])}", viewport)
    assert not page.bundle_fetched
    opener = page.page.locator('label.md-header__button[for="__search"]')
    if viewport == "phone":
        assert opener.is_visible(), "the phone's search button shows before the bundle starts"
        opener.click()
    search = page.page.locator("input.md-search__input")
    assert search.is_visible()
    search.click()
    search.press_sequentially("atelier")
    page.page.wait_for_function("() => document.querySelectorAll('.md-search-result__link').length > 0")
