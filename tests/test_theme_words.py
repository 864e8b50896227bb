"""The theme's words a reader meets (search box, skip link, back-to-top, language
selector...): Material's own in each language, except where the site rewords them
in overrides/partials/languages/site/<language>.html."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, ROOT, SHIPPED_LANGUAGES, language_of, root_of

SITE_WORDS = ROOT / "overrides/partials/languages/site"
THEME_WORDS = Path(__import__("material").__file__).parent / "templates/partials/languages"
ENTRY = re.compile(r'^\s*"([\w.]+)":\s*"((?:[^"\\]|\\.)*)",?$', re.M)


def words(path: Path) -> dict[str, str]:
    return {key: json.loads(f'"{value}"') for key, value in ENTRY.findall(path.read_text(encoding="utf-8"))}


def translations(html: str) -> dict[str, str]:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert config, "Material's configuration"
    return json.loads(config.group(1))["translations"]


@pytest.mark.parametrize("lang", SHIPPED_LANGUAGES)
def test_every_language_of_the_site_has_its_file_and_rewords_only_words_the_theme_has(lang):
    own, theme = words(SITE_WORDS / f"{lang}.html"), words(THEME_WORDS / f"{lang}.html")
    assert own, "at least one word, or no file is needed"
    assert set(own) <= set(theme), "only keys the theme uses"
    assert all(own[key] != theme[key] for key in own), "a word the site rewords differs from the theme's"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_show_the_site_s_words_and_the_theme_s_elsewhere(pages, lang):
    own, theme = words(SITE_WORDS / f"{lang}.html"), words(THEME_WORDS / f"{lang}.html")
    page = pages[f"{root_of(lang)}index.html"]
    shown = translations(page.html)
    # A word some pages only show (the footer's "previous page": not on the home page).
    others = [other.html for path, other in pages.items() if language_of(path) == lang]
    for key, value in own.items():
        if key in shown:  # the words search results and copy buttons show, given to the theme's script
            assert shown[key] == value, key
        else:
            assert any(value in html.replace("\u2019", "'") for html in others), key
            assert not any(f">{theme[key]}<" in html for html in others), key
    kept = {key for key in shown if key not in own}
    assert {key: shown[key] for key in kept} == {key: theme[key] for key in kept}


def test_english_search_says_what_it_does_in_plain_words(pages):
    page = pages["en/index.html"]
    assert "Loading search" in page.html and "Initializing search" not in page.html
    assert translations(page.html)["search.result.none"] == "No results"
