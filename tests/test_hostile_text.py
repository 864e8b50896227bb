"""Text editors write stays text: no element, attribute or comment of a page comes from it.

Titles reach Material's header, the page's <title>, og:title, the menu, the
footer links and the search index; descriptions and addresses of events reach
the agenda, the event pages and their structured data. The build refuses < and >
in events' titles and names, and escapes every text as a second line of
defence. The built pages are read with lexbor (the HTML5 parser browsers
follow) and loaded in Chromium from a server that sends no header.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from godigital import languages
from godigital.events import EventDataError, parse_events
from godigital.labels import DATE_PATTERNS
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, build_site, fixture_project, root_of, written_in
from tests.servers import headerless, record_dialogs

# Each ends in a marker that must never appear inside markup.
PAYLOADS = [
    "Atelier <img src=x onerror=alert(1) x=",
    "Atelier <meta http-equiv=refresh content=0;url=https://evil.example/ x=",
    "Atelier <a href=https://evil.example/login x=",
    "Atelier <!-- x",
    "Atelier </title><script>alert(1)</script>",
    "Atelier \" onmouseover=\"alert(1)",
]
# What events' texts may hold (HTML in them is refused): signs a careless escaper would turn into markup.
EVENT_TEXT = "Prix < 10 € </ b & co <3 <!-- fin"
MARKERS = ("onerror", "evil.example", "http-equiv=refresh", "onmouseover", "<!-- x")


def _markup(html: str) -> list[str]:
    """Every tag, attribute and comment of a page, as a browser's parser builds them."""
    found: list[str] = []
    for node in LexborHTMLParser(html).root.traverse(include_text=False):
        if node.tag == "_comment":
            found.append(f"<!--{node.comment_content or ''}")
            continue
        found.append(node.tag)
        for name, value in node.attributes.items():
            found.append(name)
            # Text inside an attribute's value is fine; a link or a redirect to it is not.
            if name in ("href", "src", "action") and value and "evil.example" in value:
                found.append(f"{name}={value}")
            if name == "http-equiv":
                found.append(f"http-equiv={value}")
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture site with each payload as a page title and description, as a menu
    section title, and in events' descriptions and addresses."""
    project = fixture_project(tmp_path_factory.mktemp("hostile") / "project")
    langs = sorted(languages.from_text((project / "mkdocs.yml").read_text(encoding="utf-8")).codes)
    for index, payload in enumerate(PAYLOADS):
        description = f"Une page dont le titre contient du code, qui doit rester du texte : {payload}"
        for lang in langs:
            (project / "docs" / lang / f"hostile-{index}.md").write_text(
                f"---\ntitle: {json.dumps(payload)}\n"
                f"description: {json.dumps(description)}\n"
                f"---\n\nTexte.\n", encoding="utf-8")
    events = project / "data/events.yaml"
    text = events.read_text(encoding="utf-8")
    ordinary = "      fr: Un échange informel entre chefs de petites entreprises, autour d'un café.\n"
    assert ordinary in text
    text = text.replace(ordinary, f"      fr: {json.dumps(EVENT_TEXT)}\n", 1)
    text = text.replace("      address: 2, rue de l'Essai, L-1234 Luxembourg\n",
                        f"      address: {json.dumps(EVENT_TEXT)}\n", 1)
    events.write_text(text, encoding="utf-8")
    menu = project / "data/menu.yml"
    section = json.dumps(PAYLOADS[0] + " section")
    entries = "".join(f"  - hostile-{i}.md\n" for i in range(len(PAYLOADS)))
    text = menu.read_text(encoding="utf-8").replace(
        "\nnav:\n", f"\nnav:\n- {section}:\n{entries}", 1)
    for lang in LANGUAGES[1:]:  # the section's title in every other language
        text = text.replace(f"\n  {lang}:\n", f"\n  {lang}:\n    {section}: {section}\n", 1)
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
    # The section title appears in every page's menu, in every language.
    for page in list(hostile_site.rglob("index.html"))[:20]:
        found = " ".join(_markup(page.read_text(encoding="utf-8")))
        assert "onerror" not in found, page


def test_hostile_texts_run_nothing_in_chromium_without_headers(hostile_site, browser, tmp_path):
    # The control: the same payloads written straight into a page, as they would be unescaped.
    (hostile_site / "control.html").write_text(
        "<!DOCTYPE html><html><head><title>t</title></head><body>" + PAYLOADS[0] + ">"
        "</body></html>", encoding="utf-8")
    context = browser.new_context()
    with headerless(hostile_site, tmp_path / "server.log") as url:
        page = context.new_page()
        dialogs = record_dialogs(page)
        page.goto(f"{url}/control.html", wait_until="load")
        page.wait_for_timeout(200)
        assert dialogs, "the control payload does not run: the check would prove nothing"
        dialogs.clear()
        hostile = sorted(path.relative_to(hostile_site).parent.as_posix()
                         for path in hostile_site.rglob("index.html")
                         if "hostile-" in str(path) or "agenda" in str(path) or path.parent == hostile_site)
        assert any("agenda/" in path and path.count("/") >= 1 for path in hostile), hostile
        shown = 0
        for path in hostile:
            response = page.goto(f"{url}/{'' if path == '.' else path + '/'}", wait_until="load")
            assert response.headers.get("content-security-policy") is None
            page.hover("body")
            assert "evil.example" not in page.url
            # Shown as the editor wrote it, not swallowed by a comment or a tag.
            shown += EVENT_TEXT in page.inner_text("body").replace("\u00a0", " ").replace("\u202f", " ")
        assert dialogs == []
        assert shown >= 2, "the event's description and address are not shown as text on its page"
    context.close()


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
        parse_events(source, languages=written_in(source))
    assert f"field '{field}" in str(error.value) and "< or >" in str(error.value)


def test_descriptions_and_addresses_may_compare_with_angle_brackets():
    source = ("events:\n  - id: atelier\n    title:\n      fr: Titre\n      de: Titel\n"
              "    description:\n      fr: Si 1 < 2 et 3 > 2\n      de: Preis < 10 €\n"
              "    start: 2030-01-01\n    end: 2030-01-01\n"
              "    location:\n      name: Salle\n      address: Rue <3>\n")
    [event] = parse_events(source, languages=written_in(source))
    assert event.description["fr"] == "Si 1 < 2 et 3 > 2"


# Labels (data/labels.yaml) are editors' text too; the 404 page and the agenda's
# status and registration partials print them. The CSP <meta> is a payload of its
# own: the build used to replace the first one it found, wherever it was.
LABEL_PAYLOAD = ('<meta http-equiv="refresh" content="0;url=https://evil.example/">'
                 '<meta http-equiv="Content-Security-Policy" content="x">'
                 '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>')


@pytest.fixture(scope="module")
def hostile_labels_site(tmp_path_factory) -> Path:
    """The fixture site with markup appended to every label, in every language."""
    project = fixture_project(tmp_path_factory.mktemp("hostile-labels") / "project")
    labels_file = project / "data/labels.yaml"
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    for key, texts in labels.items():
        for lang in texts if key not in DATE_PATTERNS else ():  # patterns, not texts: checked as such
            texts[lang] = f"{texts[lang]} {LABEL_PAYLOAD}"
    labels_file.write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    site = project / "site"
    result = build_site(project, site, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return site


def test_hostile_labels_are_shown_as_text_on_every_page(hostile_labels_site):
    pages = sorted(hostile_labels_site.rglob("*.html"))
    assert {f"{root_of(lang)}404.html" for lang in LANGUAGES} <= {p.relative_to(hostile_labels_site).as_posix()
                                                                   for p in pages}
    statuses = registrations = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = _markup(html)
        assert "iframe" not in found and "http-equiv=refresh" not in found, page
        assert found.count("http-equiv=Content-Security-Policy") == 1, page
        statuses += "gd-status" in html
        registrations += "gd-registration" in html
    assert statuses and registrations, "no page shows an event's status or registration: the test proves nothing"
