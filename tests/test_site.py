"""The bilingual site as readers meet it: languages, switcher, navigation, privacy."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from godigital.pages import front_matter_problem
from tests.conftest import ROOT, build_site, copy_project, page_tree

SITE_URL = "https://www.godigital.lu/"


def counterpart(path: str) -> str:
    """The same page in the other language: ``agenda/index.html`` <-> ``de/agenda/index.html``."""
    return path[3:] if path.startswith("de/") else "de/" + path


def url_of(path: str) -> str:
    return urljoin(SITE_URL, path.removesuffix("index.html"))


def test_both_languages_have_the_same_pages(site):
    french, german = page_tree(site, "fr"), page_tree(site, "de")
    assert "index.html" in french and "agenda/index.html" in french
    assert french == german


def test_every_page_declares_its_language(pages):
    for path, page in pages.items():
        assert page.lang == ("de" if path.startswith("de/") else "fr"), path


def test_switcher_leads_to_the_same_page_in_the_other_language(pages):
    for path, page in pages.items():
        switcher = page.switcher()
        assert set(switcher) == {"fr", "de"}, path
        for lang, href in switcher.items():
            target = urlsplit(urljoin(url_of(path), href)).path.lstrip("/")
            expected = path if (lang == "de") == path.startswith("de/") else counterpart(path)
            assert target + "index.html" == expected, (path, lang, href)


def test_hreflang_alternates_are_absolute_and_complete(pages):
    for path, page in pages.items():
        alternates = page.hreflang()
        fr_path = path[3:] if path.startswith("de/") else path
        assert alternates == {
            "fr": url_of(fr_path),
            "de": url_of("de/" + fr_path),
            "x-default": url_of(fr_path),
        }, path
        assert page.meta["og:url"] == url_of(path)


def test_navigation_is_translated(pages):
    nav = {"fr": pages["index.html"].text, "de": pages["de/index.html"].text}
    for french, german in [("Les programmes", "Die Programme"), ("Mentions légales", "Impressum"),
                           ("Protection des données", "Datenschutz")]:
        assert french in nav["fr"] and german not in nav["fr"]
        assert german in nav["de"] and french not in nav["de"]


def test_every_page_has_a_description_and_title_in_its_language(pages):
    descriptions = set()
    for path, page in pages.items():
        description = page.meta.get("description", "")
        assert 50 <= len(description) <= 170, (path, description)
        assert page.meta["og:description"] == description
        assert page.meta["og:title"]
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
    project = copy_project(tmp_path / "project")
    (project / "docs/de/contact.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/contact.md is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "de" / "index.html").exists()


def test_a_link_to_a_missing_page_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/fr/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Perdu](nulle-part.md)\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "contact.md" in result.stderr and "nulle-part.md" in result.stderr


def test_invalid_front_matter_stops_the_build_naming_the_file(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/de/contact.md"
    page.write_text("---\ntitle: [kaputt\n---\n\n# Kontakt\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/contact.md, line 2: the block between the '---' lines at the top is malformed" in result.stderr
    assert "Traceback" not in result.stderr


def test_front_matter_problems_are_explained():
    assert front_matter_problem("---\ntitle: Kontakt\ndescription: x\n---\n# Kontakt\n") is None
    assert front_matter_problem("# No front matter\n") is None
    problem = front_matter_problem("---\ntitle: Kontakt\ndescription: Wer: wir\n---\n")
    assert problem.startswith("line 3: the block between the '---' lines at the top is malformed")


def test_search_index_is_split_by_language(site):
    french = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    german = json.loads((site / "de/search/search_index.json").read_text(encoding="utf-8"))
    assert french["config"]["lang"] == ["fr"] and german["config"]["lang"] == ["de"]
    french_pages = {d["location"].split("#")[0] for d in french["docs"]}
    german_pages = {d["location"].split("#")[0] for d in german["docs"]}
    assert "agenda/" in french_pages and "agenda/" in german_pages
    assert not any(p.startswith("de/") for p in french_pages | german_pages)
    assert any("Handwerkskammer" in d["text"] for d in german["docs"])
    assert not any("Handwerkskammer" in d["text"] for d in french["docs"])


def test_the_search_dialog_has_a_name_in_the_page_language(pages):
    assert 'role="dialog" aria-label="Recherche"' in pages["agenda/index.html"].html
    assert 'role="dialog" aria-label="Suche"' in pages["de/agenda/index.html"].html


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    previous = project / "site"
    previous.mkdir()
    (previous / "index.html").write_text("the site that is online", encoding="utf-8")
    # Found only once the French pages are written: a half-built site exists by then.
    page = project / "docs/de/contact.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Weg](nirgendwo.md)\n", encoding="utf-8")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(["make", "build", f"VENV={venv}"], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0
    assert "nirgendwo.md" in result.stderr
    assert (project / "site.new/index.html").exists(), "the failed build had written pages"
    assert (previous / "index.html").read_text(encoding="utf-8") == "the site that is online"
    assert not (project / "site.old").exists()


def test_the_sitemap_lists_every_page_with_its_translation(site, pages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    listed = {u.find("s:loc", ns).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
              for u in urls}
    assert set(listed) == {url_of(p) for p in pages}
    for path in pages:
        french = path.removeprefix("de/")
        assert listed[url_of(path)] == {"fr": url_of(french), "de": url_of("de/" + french)}, path
