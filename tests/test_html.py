"""Every page is valid HTML for the Nu HTML Checker (npm vnu-jar, Java runtime)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import material

from godigital.markup_fixes import FIXES, fix_markup
from tests.conftest import ROOT
from tests.servers import require

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_is_valid_html(site):
    java = require("java", "the Nu HTML Checker needs a Java runtime (Debian: default-jre-headless)")
    if not VNU.exists():
        require("vnu.jar", "run 'npm ci' for the Nu HTML Checker")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').removeprefix(site.as_uri())}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == [], "\n".join(errors)
    assert str(site / "404.html") in pages and str(site / "de/404.html") in pages
    assert str(site / "de/agenda/index.html") in pages


def test_markup_fixes_are_still_needed():
    """Material still writes what each fix corrects; drop a fix once it no longer does."""
    templates = Path(material.__file__).parent / "templates"
    base = (templates / "base.html").read_text(encoding="utf-8")
    nav_item = (templates / "partials/nav-item.html").read_text(encoding="utf-8")
    assert 'type="checkbox" id="__drawer" autocomplete="off">' in base
    assert 'tabindex="{{ tabindex }}"' in nav_item and '"0" if not is_section' in nav_item
    assert len(FIXES) == 2


def test_markup_fixes_change_only_what_they_name():
    html = ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<input type="text" autocomplete="off">'
            '<label class="md-nav__link" for="__nav_5" id="__nav_5_label" tabindex="">'
            '<label class="md-nav__link" for="__nav_6" id="__nav_6_label" tabindex="0">')
    assert fix_markup(html) == (
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
        '<input type="text" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_5" id="__nav_5_label">'
        '<label class="md-nav__link" for="__nav_6" id="__nav_6_label" tabindex="0">')
