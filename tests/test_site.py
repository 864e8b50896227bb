"""The site in every language as readers meet it: languages, switcher, navigation, privacy.

On the fixture site (tests/fixtures/site); expectations come from its pages and menu.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from godigital import agenda, dates
from godigital.pages import front_matter_problem
from godigital.typography import text_rules
from tests.conftest import (
    FIXTURE,
    LANGUAGES,
    ROOT,
    build_site,
    fixture_project,
    in_language,
    language_of,
    load_config,
    nav_titles,
    page_tree,
)

SITE_URL = load_config(ROOT)["site_url"].rstrip("/") + "/"  # the fixture site runs on the shipped mkdocs.yml


def url_of(path: str) -> str:
    return urljoin(SITE_URL, path.removesuffix("index.html"))


def test_the_fixture_is_built_in_three_languages_or_more():
    """So that nothing per language can hold for two languages only (a pair of them written out)."""
    assert len(LANGUAGES) >= 3 and "en" in LANGUAGES


def test_every_language_has_the_same_pages(site):
    trees = {lang: page_tree(site, lang) for lang in LANGUAGES}
    default = LANGUAGES[0]
    sources = {p.relative_to(FIXTURE / "docs" / default).with_suffix("").as_posix()
               for p in (FIXTURE / "docs" / default).rglob("*.md")}
    written = {"index.html" if s == "index" else f"{s}/index.html" for s in sources}
    assert written <= trees[default], f"every page written in docs/{default} is on the site"
    assert "a-propos/equipe/index.html" in trees[default], "pages in sub-folders too"
    for lang in LANGUAGES[1:]:
        assert trees[lang] == trees[default], lang


def test_every_page_declares_its_language(pages):
    for path, page in pages.items():
        assert page.lang == language_of(path), path


def test_switcher_leads_to_the_same_page_in_every_language(pages):
    for path, page in pages.items():
        switcher = page.switcher()
        assert list(switcher) == list(LANGUAGES), path
        for lang, href in switcher.items():
            target = urlsplit(urljoin(url_of(path), href)).path.lstrip("/")
            assert target + "index.html" == in_language(path, lang), (path, lang, href)


def test_hreflang_alternates_are_absolute_and_complete(pages):
    for path, page in pages.items():
        default_path = in_language(path, LANGUAGES[0])
        assert page.hreflang() == {**{lang: url_of(in_language(path, lang)) for lang in LANGUAGES},
                                   "x-default": url_of(default_path)}, path
        assert page.meta["og:url"] == url_of(path)


def menu_titles(fixture, lang: str) -> dict[str, str]:
    """Each menu title of the default language, as the menu of ``lang`` shows it (in its typography)."""
    titles = nav_titles(fixture.nav)
    shown = text_rules(lang)
    return {title: shown(title if lang == LANGUAGES[0] else fixture.nav_translations[lang][title])
            for title in titles}


def test_navigation_is_translated(fixture, pages):
    titles = nav_titles(fixture.nav)
    for lang in LANGUAGES[1:]:
        assert set(titles) == set(fixture.nav_translations[lang]), f"the fixture translates every menu title ({lang})"
    for path in ("index.html", "ateliers/index.html", "a-propos/mentions/index.html"):
        for lang in LANGUAGES:
            shown, own = pages[in_language(path, lang)].menu(), menu_titles(fixture, lang)
            others = {text for other in LANGUAGES if other != lang
                      for text in menu_titles(fixture, other).values()} - set(own.values())
            assert set(own.values()) <= set(shown), (path, lang)
            assert not others & set(shown), (path, lang, others & set(shown))


def test_every_page_has_a_description_and_title_in_its_language(fixture, pages):
    """Written pages carry their front matter's (50 to 170 characters, CONTRIBUTING says);
    event pages the start of the event's description, and their link previews its date first."""
    descriptions = set()
    for path, page in pages.items():
        description = page.meta.get("description", "")
        parts = in_language(path, LANGUAGES[0]).split("/")
        if parts[0] == "agenda" and len(parts) == 3:
            lang = language_of(path)
            event = fixture.event(parts[1])
            shown = text_rules(lang)  # the language's typography (French spacing)
            assert description == shown(agenda.summary(event.description[lang], lang=lang)), path
            assert page.meta["og:title"] == shown(event.title[lang])
            when = shown(dates.event_when(event, lang, fixture.labels[lang]))
            status = shown(fixture.labels[lang][f"status_{agenda.event_state(event, fixture.built)}"])
            assert page.meta["og:description"] == f"{status[:1].upper()}{status[1:]} – {when}. {description}", path
        else:
            assert 50 <= len(description) <= 170, (path, description)
            assert page.meta["og:title"]
            assert page.meta["og:description"] == description
        descriptions.add(description)
    assert len(descriptions) == len(pages), "each page has its own description"


def _foreign(url: str) -> bool:
    return bool(urlsplit(url).netloc)


def test_no_script_style_font_or_image_comes_from_another_origin(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag, attr in re.findall(r"<(script|link|img|source|iframe)\b([^>]*)>", html):
            for url in re.findall(r'\b(?:src|srcset)="([^"]*)"', attr):
                assert not _foreign(url), (path, tag, url)
            if tag == "link" and re.search(r'rel="\s*(stylesheet|preconnect|preload|icon|modulepreload)', attr):
                href = re.search(r'href="([^"]*)"', attr).group(1)
                assert not _foreign(href), (path, href)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", css.read_text(encoding="utf-8")):
            assert not _foreign(url.strip("'\" ")) or url.startswith("data:"), (css, url)


def test_a_page_without_its_translation_stops_the_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    (project / "docs/de/ateliers.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/ateliers.md is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "de" / "index.html").exists()


def test_a_link_to_a_missing_page_stops_the_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/fr/ateliers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Perdu](nulle-part.md)\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "ateliers.md" in result.stderr and "nulle-part.md" in result.stderr


def test_invalid_front_matter_stops_the_build_naming_the_file(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/ateliers.md"
    page.write_text("---\ntitle: [kaputt\n---\n\n# Workshops\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/ateliers.md, line 2: the block between the '---' lines at the top is malformed" in result.stderr
    assert "Traceback" not in result.stderr


def test_front_matter_problems_are_explained():
    assert front_matter_problem("---\ntitle: Kontakt\ndescription: x\n---\n# Kontakt\n") is None
    assert front_matter_problem("# No front matter\n") is None
    problem = front_matter_problem("---\ntitle: Kontakt\ndescription: Wer: wir\n---\n")
    assert problem.startswith("line 3: the block between the '---' lines at the top is malformed")


def test_search_index_is_split_by_language(site):
    indexes = {lang: json.loads((site / in_language("search/search_index.json", lang)).read_text(encoding="utf-8"))
               for lang in LANGUAGES}
    for lang, index in indexes.items():
        assert index["config"]["lang"] == [lang]
        located = {d["location"].split("#")[0] for d in index["docs"]}
        assert "agenda/" in located, lang
        assert not any(p.startswith(tuple(f"{other}/" for other in LANGUAGES[1:])) for p in located), lang
        word = SEARCH_WORDS[lang]
        assert any(word in d["text"] for d in index["docs"]), word
        for other, other_index in indexes.items():
            assert other == lang or not any(word in d["text"] for d in other_index["docs"]), (word, other)


# A word of each language's pages that no other language's pages use.
SEARCH_WORDS = {"fr": "menuiserie", "de": "Schreinerei", "en": "joinery"}


def language_text(fixture, lang: str) -> str:
    """Everything written in one language of the fixture: its pages and its events' texts."""
    pages = (p.read_text(encoding="utf-8") for p in (FIXTURE / "docs" / lang).rglob("*.md"))
    events = (e.title[lang] + " " + e.description[lang] for e in fixture.events)
    return " ".join([*pages, *events]).lower()


def test_the_search_words_belong_to_one_language_of_the_fixture(fixture):
    """A guard for the search tests: each word is in its own language's texts only."""
    assert set(SEARCH_WORDS) == set(LANGUAGES), "a search word for each language of the fixture"
    for lang, word in SEARCH_WORDS.items():
        assert word.lower() in language_text(fixture, lang)
        for other in LANGUAGES:
            assert other == lang or word.lower() not in language_text(fixture, other), (word, other)


# The search dialog's name, as Material words it in each language.
SEARCH_NAMES = {"fr": "Recherche", "de": "Suche", "en": "Search"}


def test_the_search_dialog_has_a_name_in_the_page_language(pages):
    for lang in LANGUAGES:
        assert f'role="dialog" aria-label="{SEARCH_NAMES[lang]}"' in pages[in_language("agenda/index.html", lang)].html


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = fixture_project(tmp_path / "project")
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    previous = project / "site"
    previous.mkdir()
    (previous / "index.html").write_text("the site that is online", encoding="utf-8")
    # Found only once the French pages are written: a half-built site exists by then.
    page = project / "docs/de/ateliers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Weg](nirgendwo.md)\n", encoding="utf-8")
    venv = Path(sys.executable).parent.parent
    # The suite's own environment, marked as set up: make must not install the
    # copy into it (an editable install would then point at this folder).
    stamp = tmp_path / "installed"
    stamp.touch()
    result = subprocess.run(["make", "build", f"VENV={venv}", f"STAMP={stamp}"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "nirgendwo.md" in result.stderr
    assert "godigital.build" not in result.stdout + result.stderr, "make does not echo its command"
    assert not (project / "site.new").exists(), "the half-built folder is removed"
    assert (previous / "index.html").read_text(encoding="utf-8") == "the site that is online"
    assert not (project / "site.old").exists()


def test_the_sitemap_lists_every_page_with_its_translation(site, pages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    listed = {u.find("s:loc", ns).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
              for u in urls}
    assert set(listed) == {url_of(p) for p in pages}
    for path in pages:
        assert listed[url_of(path)] == {lang: url_of(in_language(path, lang)) for lang in LANGUAGES}, path
