"""What a reader gets in a real browser, on a phone and on a desktop, in every
language: accessibility, privacy, a working language switcher and search.

The site is served by the production nginx configuration, so these tests also
prove that its Content-Security-Policy blocks nothing the site needs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import LANGUAGES, in_language, language_of, root_of
from tests.servers import PageLoad as Visit
from tests.servers import headerless
from tests.test_site import SEARCH_WORDS, menu_titles

pytestmark = [pytest.mark.browser, pytest.mark.nginx]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
              "resultTypes": ["violations"]}


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def site_paths(pages) -> list[str]:
    return ["/" + path.removesuffix("index.html") for path in pages]


# A missing address in each language's tree, and the language of the page it gets.
MISSING = {f"/{root_of(lang)}page-qui-n-existe-pas/": lang for lang in LANGUAGES}
# Material's search says how many pages it found, or that it found none, in the page's language.
SEARCH_ANSWERED = r"\d|Aucun|Keine|No results|No matching"


def next_language(lang: str) -> str:
    """The language after ``lang`` (the first after the last): switching to it from every page
    uses every language's switcher and leads to every language."""
    return LANGUAGES[(LANGUAGES.index(lang) + 1) % len(LANGUAGES)]


def home(lang: str) -> str:
    return f"/{root_of(lang)}"


@pytest.fixture(scope="module")
def visits(browser, nginx, pages):
    """Every page in every language, at phone and desktop widths, loaded once."""
    loaded = {}
    for name, viewport in VIEWPORTS.items():
        for path in site_paths(pages) + list(MISSING):
            loaded[(name, path)] = Visit(browser, nginx.url.rstrip("/") + path, viewport)
    yield loaded
    for visit in loaded.values():
        visit.close()


def test_no_request_leaves_the_site_and_no_cookie_is_set(visits, nginx):
    origin = urlsplit(nginx.url).netloc
    for (viewport, path), visit in visits.items():
        foreign = [url for url in visit.requests if urlsplit(url).scheme in ("http", "https")
                   and urlsplit(url).netloc != origin]
        assert foreign == [], (viewport, path)
        assert visit.context.cookies() == [], (viewport, path)


def test_no_console_error_and_no_blocked_resource(visits):
    for (viewport, path), visit in visits.items():
        if path in MISSING:
            # The one expected complaint: the 404 status of the page itself.
            visit.errors = [e for e in visit.errors if "404" not in e]
        assert visit.errors == [], (viewport, path)


def test_every_page_meets_wcag_aa(visits, axe):
    reports = []
    for (viewport, path), visit in visits.items():
        results = axe.run(visit.page, options=WCAG_AA)
        if results.violations_count:
            reports.append(f"{viewport} {path}\n{results.generate_report()}")
    assert reports == [], "\n".join(reports)


def test_the_language_switcher_leads_to_the_same_page(visits, nginx):
    for (viewport, path), visit in visits.items():
        if viewport != "desktop" or path in MISSING:
            continue
        other = next_language(language_of(path.lstrip("/")))
        target = "/" + in_language(path.lstrip("/"), other)
        link = visit.page.locator(f'a.md-select__link[hreflang="{other}"]')
        visit.page.locator(".md-select").first.hover()
        link.click()
        visit.page.wait_for_load_state()
        assert urlsplit(visit.page.url).path == target, path
        visit.page.go_back()


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_page_speaks_the_language_of_its_address(visits, fixture, nginx, path):
    lang = MISSING[path]
    other = next_language(lang)
    own_titles = set(menu_titles(fixture, lang).values())
    others_titles = {t for o in LANGUAGES if o != lang for t in menu_titles(fixture, o).values()} - own_titles
    for viewport in VIEWPORTS:
        page = visits[(viewport, path)].page
        assert visits[(viewport, path)].response.status == 404
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("h1").count() == 1
        assert page.locator("h1").inner_text() == fixture.labels[lang]["not_found_title"]
        # The menu (in the phone's drawer, closed and out of sight until opened; on a desktop, the
        # header's tabs, which show the menu's first level).
        menu = [" ".join(text.split()) for text in page.locator("nav.md-nav--primary .md-ellipsis").all_text_contents()]
        assert own_titles <= set(menu) and not others_titles & set(menu), (lang, menu)
        if viewport == "desktop":
            tabs = {" ".join(text.split()) for text in page.locator(".md-tabs__link").all_inner_texts()}
            assert tabs and tabs <= own_titles, (lang, tabs)
    # The switcher leads to another language's home.
    page = visits[("desktop", path)].page
    page.locator(".md-select").first.hover()
    page.locator(f'a.md-select__link[hreflang="{other}"]').click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == home(other)
    page.go_back()
    # Its search answers in its language.
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(SEARCH_WORDS[lang], delay=20)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.match(/\\d/)")
    paths = [urlsplit(link).path for link in
             page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")]
    assert paths and all(language_of(p.lstrip("/")) == lang for p in paths), paths


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agenda_calendar_links_download_text_calendar_files(visits, nginx, lang):
    visit = visits[("desktop", f"{home(lang)}agenda/")]
    # The site's own calendar files (Google Calendar's subscription page names the feed too).
    hrefs = [href for href in visit.page.locator("a[href^='http'][href$='.ics'], a[download][href$='.ics']")
             .evaluate_all("links => links.map(a => a.href)") if urlsplit(href).netloc == urlsplit(nginx.url).netloc]
    event_pages = visit.page.locator(".gd-event__title a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and event_pages
    for page_url in event_pages:
        visit.page.goto(page_url)
        hrefs += visit.page.locator("a[download][href$='.ics']").evaluate_all("links => links.map(a => a.href)")
    for href in set(hrefs):
        response = visit.context.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"] == "text/calendar; charset=utf-8", href
        assert response.body().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    "path, word, own",
    [("/", SEARCH_WORDS["de"], None),  # a German word finds nothing on the French site
     ("/de/", SEARCH_WORDS["de"], "de"),
     ("/agenda/", SEARCH_WORDS["fr"], "fr"),
     ("/de/agenda/atelier-cybersecurite-2025/", "Cybersicherheit", "de"),  # a word of that fixture event
     ("/de/", SEARCH_WORDS["fr"], None),  # and a French word finds nothing on the German site
     ("/en/", SEARCH_WORDS["en"], "en"),
     ("/en/agenda/", SEARCH_WORDS["de"], None),  # nor a German word on the English site
     ("/", SEARCH_WORDS["en"], None)],  # nor an English word on the French site
)
def test_search_answers_in_the_readers_language(browser, nginx, path, word, own):
    visit = Visit(browser, nginx.url.rstrip("/") + path, VIEWPORTS["desktop"])
    try:
        page = visit.page
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially(word, delay=20)
        page.wait_for_function(f"() => document.querySelector('.md-search-result__meta').textContent.match(/{SEARCH_ANSWERED}/)")
        links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        paths = [urlsplit(link).path for link in links]
        if own is None:
            assert paths == [], paths
        else:
            assert paths, f"no result for {word!r} on {path}"
            assert all(language_of(p.lstrip("/")) == own for p in paths), paths
        assert visit.errors == []
    finally:
        visit.close()


@pytest.fixture(scope="module")
def headerless_site(site, tmp_path_factory):
    """The built site from a server that sends no security header, as GitHub Pages does."""
    with headerless(site, tmp_path_factory.mktemp("static") / "server.log") as url:
        yield url


@pytest.mark.parametrize("path", ["/", "/de/agenda/"])
def test_without_headers_the_pages_own_policy_blocks_foreign_scripts_only(browser, headerless_site, path):
    visit = Visit(browser, headerless_site + path, VIEWPORTS["phone"])
    try:
        page = visit.page
        assert visit.response.headers.get("content-security-policy") is None
        assert visit.errors == [], "the theme's own scripts run"
        ran = page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.appendChild(script);
            return window.injected === true;
        }""")
        assert ran is False, "an inline script that is not the theme's is refused"
        assert any("Content Security Policy" in error for error in visit.errors)
    finally:
        visit.close()


def test_search_words_stay_in_the_browser(browser, nginx):
    """The privacy page says so: following a result puts no search word in an address, so none reaches a log."""
    visit = Visit(browser, nginx.url, VIEWPORTS["desktop"])
    try:
        page = visit.page
        word = SEARCH_WORDS["fr"]
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially(word, delay=20)
        result = page.locator(".md-search-result__link").first
        result.wait_for()
        with page.expect_navigation():
            result.click()
        asked = [url for url in [*visit.requests, page.url] if word.lower() in url.lower()]
        assert asked == [], asked
    finally:
        visit.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_the_next_or_latest_event_with_a_working_link(visits, fixture, lang):
    """At phone and desktop widths (axe runs on these same loads above)."""
    from godigital.agenda import next_or_latest

    events, _ = next_or_latest(fixture.events, fixture.today)
    assert events, "the fixture has an event to show"
    for viewport in VIEWPORTS:
        visit = visits[(viewport, home(lang))]
        links = visit.page.locator(".gd-next .gd-event__title a")
        assert links.all_inner_texts() == [e.title[lang] for e in events], viewport
        assert links.first.is_visible(), viewport
        href = links.first.evaluate("a => a.href")
        response = visit.context.request.get(href)
        assert response.status == 200, href
        assert f'<h1 id="gd-title">{events[0].title[lang]}</h1>' in response.text().replace("&amp;", "&")
        agenda = visit.page.locator(".gd-next__more a").first.evaluate("a => a.href")
        assert urlsplit(agenda).path == f"{home(lang)}agenda/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shared_image_shows_and_the_shared_download_opens_in_every_language(visits, lang):
    """docs/assets/, linked the same way from each language's page, published once at /assets/."""
    prefix = "/" if lang == LANGUAGES[0] else f"/{lang}/"
    for viewport in VIEWPORTS:
        visit = visits[(viewport, f"{prefix}ateliers/")]
        image = visit.page.locator('img[src$="assets/images/atelier.png"]')
        assert image.count() == 1, viewport
        src, width = image.evaluate("img => [img.currentSrc, img.complete ? img.naturalWidth : 0]")
        assert urlsplit(src).path == "/assets/images/atelier.png" and width > 0, (viewport, src, width)
    visit = visits[("desktop", f"{prefix}a-propos/equipe/")]
    href = visit.page.locator('a[href$="assets/downloads/programme.pdf"]').evaluate("a => a.href")
    response = visit.context.request.get(href)
    assert urlsplit(href).path == "/assets/downloads/programme.pdf" and response.status == 200, href
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body().startswith(b"%PDF-")


@pytest.mark.parametrize("server", ["nginx", "headerless_site"])
def test_the_themes_stored_settings_are_shared_by_every_page_of_the_site(browser, request, server):
    """Material keeps settings (palette, consent, tabs) under one scope; with one scope for all pages
    its base script is the same everywhere, and what one page stores another reads."""
    base = request.getfixturevalue(server)
    base = getattr(base, "url", base).rstrip("/")
    first = Visit(browser, base + "/de/agenda/", VIEWPORTS["phone"])
    try:
        assert first.page.evaluate("() => __md_scope.pathname") == "/"
        first.page.evaluate("() => __md_set('__gd_test', {'kept': true})")
        first.page.goto(base + "/ateliers/")
        assert first.page.evaluate("() => __md_get('__gd_test')") == {"kept": True}
        assert first.errors == []
    finally:
        first.close()
