"""Text editors write stays text: no element, attribute or comment of a page comes from it.

Titles reach Material's header, the page's <title>, og:title, the menu, the
footer links and the search index. The build refuses < and > in events'
titles and names, and escapes every title as a second line of defence.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from godigital.events import EventDataError, parse_events
from tests.conftest import FIXTURE_EPOCH, build_site, fixture_project

# Each ends in a marker that must never appear inside markup.
PAYLOADS = [
    "Atelier <img src=x onerror=alert(1) x=",
    "Atelier <meta http-equiv=refresh content=0;url=https://evil.example/ x=",
    "Atelier <a href=https://evil.example/login x=",
    "Atelier <!-- x",
    "Atelier </title><script>alert(1)</script>",
    "Atelier \" onmouseover=\"alert(1)",
]
MARKERS = ("onerror", "evil.example", "http-equiv=refresh", "onmouseover", "<!-- x")


class _Markup(HTMLParser):
    """Every tag, attribute and comment of a page, as the browser's parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(tag)
        for name, value in attrs:
            self.found.append(name)
            # Text inside an attribute's value is fine; a link or a redirect to it is not.
            if name in ("href", "src", "action") and value and "evil.example" in value:
                self.found.append(f"{name}={value}")
            if name == "http-equiv":
                self.found.append(f"http-equiv={value}")

    def handle_comment(self, data):
        self.found.append(f"<!--{data}")


def _markup(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture site with each payload as a page title and as a menu section title."""
    project = fixture_project(tmp_path_factory.mktemp("hostile") / "project")
    for index, payload in enumerate(PAYLOADS):
        for lang in ("fr", "de"):
            (project / "docs" / lang / f"hostile-{index}.md").write_text(
                f"---\ntitle: {json.dumps(payload)}\n"
                f"description: {json.dumps('Une page dont le titre contient du code, qui doit rester du texte.')}\n"
                f"---\n\nTexte.\n", encoding="utf-8")
    menu = project / "data/menu.yml"
    section = json.dumps(PAYLOADS[0] + " section")
    entries = "".join(f"  - hostile-{i}.md\n" for i in range(len(PAYLOADS)))
    text = menu.read_text(encoding="utf-8").replace(
        "\nnav:\n", f"\nnav:\n- {section}:\n{entries}", 1)
    text = text.replace("\n  de:\n", f"\n  de:\n    {section}: {section}\n", 1)
    assert section in text.split("nav_translations:")[1]
    menu.write_text(text, encoding="utf-8")
    site = project / "site"
    result = build_site(project, site, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_titles_are_shown_as_text_on_every_page(hostile_site):
    for index, payload in enumerate(PAYLOADS):
        html = (hostile_site / f"hostile-{index}" / "index.html").read_text(encoding="utf-8")
        found = " ".join(_markup(html))
        assert not [m for m in MARKERS if m in found], (payload, found)
        assert "<script>alert" not in html and "<img src=x" not in html
    # The section title appears in every page's menu, in both languages.
    for page in list(hostile_site.rglob("index.html"))[:20]:
        found = " ".join(_markup(page.read_text(encoding="utf-8")))
        assert "onerror" not in found, page


def test_hostile_titles_are_text_in_the_search_index(hostile_site):
    titles = [doc["title"] for doc in json.loads((hostile_site / "search/search_index.json")
                                                 .read_text(encoding="utf-8"))["docs"]]
    assert titles
    for title in titles:
        # Material's search shows titles as HTML: they must hold no tag.
        assert not [m for m in MARKERS if m in " ".join(_markup(title))], title


@pytest.mark.parametrize("field", ["title", "location.name", "organizer.name"])
@pytest.mark.parametrize("text", ["Atelier <img src=x", "Atelier > 2", "a <!-- x"])
def test_events_refuse_angle_brackets_in_titles_and_names(field, text):
    title = f"fr: {json.dumps(text)}\n      de: Titel" if field == "title" else "fr: Titre\n      de: Titel"
    extra = ""
    if field == "location.name":
        extra = f"    location:\n      name: {json.dumps(text)}\n"
    if field == "organizer.name":
        extra = f"    organizer:\n      name: {json.dumps(text)}\n"
    source = (f"events:\n  - id: atelier\n    title:\n      {title}\n"
              f"    description:\n      fr: Texte\n      de: Text\n"
              f"    start: 2030-01-01\n    end: 2030-01-01\n{extra}")
    with pytest.raises(EventDataError) as error:
        parse_events(source)
    assert f"field '{field}" in str(error.value) and "< or >" in str(error.value)


def test_descriptions_and_addresses_may_compare_with_angle_brackets():
    [event] = parse_events(
        "events:\n  - id: atelier\n    title:\n      fr: Titre\n      de: Titel\n"
        "    description:\n      fr: Si 1 < 2 et 3 > 2\n      de: Preis < 10 €\n"
        "    start: 2030-01-01\n    end: 2030-01-01\n"
        "    location:\n      name: Salle\n      address: Rue <3>\n")
    assert event.description["fr"] == "Si 1 < 2 et 3 > 2"
