"""Whatever text an editor puts in any field, the built site shows it as text.

Hypothesis writes events whose every field mixes pieces of markup, template
syntax, quotes and scheme names with ordinary words, and a page whose front
matter does the same. Each example is either refused by the build with a
message (never a traceback), or built; then every page, the JSON-LD, the
search index and the calendar feeds are parsed as their consumers parse
them: no element, attribute or comment comes from the data, and each text
reads back as written.
"""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import icalendar
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from godigital.data_fields import HTML_PATTERN, MARKDOWN_PATTERN
from godigital.events import EventDataError, parse_events
from godigital.typography import text_rules
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, build_site, fixture_project, root_of

# Pieces of attacks on each context the text reaches: HTML text and
# attributes, comments, <script> JSON, Jinja, iCalendar lines, URLs.
# Names (titles, venues, organizers) refuse < and > outright; longer texts
# accept them, and refuse only complete tags.
NAME_PIECES = ['" onmouseover="alert(1)', "' onfocus='alert(1)", '{{ config.site_name }}', '{% raw %}',
               'javascript:alert(1)', '\\n', ';', ',', ':', '&', '&amp', '%20', '"', "'", '«', '»',
               'ünïcödé', 'DTSTART:2030', ']]', '--!', '\\']
TEXT_PIECES = [*NAME_PIECES, ']]>', '<img src=x onerror=alert(1) x=', '<!-- ', '</script', 'a < b', '<a href=javascript:x']
WORDS = ["Atelier", "Werkstatt", "PME", "KMU", "numérique", "2030"]
# What would show that data became markup.
ATTRIBUTES = {"onerror", "onmouseover", "onfocus"}

def _mixed(pieces):
    """Text the events file accepts: what it refuses is covered by test_events_properties."""
    return (st.lists(st.sampled_from(pieces + WORDS), min_size=1, max_size=6).map(" ".join).map(str.strip)
            .filter(lambda s: not HTML_PATTERN.search(s) and not MARKDOWN_PATTERN.search(s)))


name, text = _mixed(NAME_PIECES), _mixed(TEXT_PIECES)
url = st.builds(lambda tail: "https://www.example.org/inscription?" + tail,
                st.lists(st.sampled_from(["c='d'", "h=&i", "j=%22", "k=%3Cscript%3E", "l=javascript:x"]), max_size=2).map("&".join))


@st.composite
def hostile_event(draw, number: int):
    def each(kind):
        return {lang: f"Atelier {lang} " + draw(kind) for lang in LANGUAGES}

    return {
        "id": f"hostile-{number}",
        "title": each(name),
        "description": each(text),
        "start": f"2025-07-{10 + number:02d}T09:00",
        "end": f"2025-07-{10 + number:02d}T12:00",
        "location": {"name": "Salle " + draw(name), "address": each(text)},
        "organizer": {"name": "Chambre " + draw(name), "url": "https://www.example.org/"},
        "registration": draw(url),
        "updated": "2025-06-01T10:00",
    }


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.comments, self.scripts, self.text = [], [], [], [], []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self._in_script = dict(attrs).get("type") if tag == "script" else None

    def handle_endtag(self, tag):
        self._in_script = None

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts.append((self._in_script, data))
        else:
            self.text.append(data)


def _parse(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def _plain(value: str, lang: str | None = None) -> str:
    """As a reader reads it: in ``lang``'s typography (French no-break spaces), any whitespace as one space."""
    return re.sub(r"\s+", " ", text_rules(lang)(value) if lang else value).strip()


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(events=st.tuples(hostile_event(1), hostile_event(2)), page_title=name)
def test_hostile_text_in_any_field_is_refused_or_shown_as_text(tmp_path_factory, events, page_title):
    project = fixture_project(tmp_path_factory.mktemp("hostile-fields") / "project")
    source = project / "data/events.yaml"
    added = yaml.safe_dump(list(events), allow_unicode=True, sort_keys=False)
    source.write_text(source.read_text(encoding="utf-8") + "\n" + "\n".join("  " + line for line in added.splitlines()) + "\n",
                      encoding="utf-8")
    page = project / "docs/fr/ateliers.md"
    body = page.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    page.write_text("---\n" + yaml.safe_dump({"title": "Ateliers " + page_title,
                                             "description": "Une page de test dont le titre mêle du texte et des "
                                                            "morceaux de code, qui doit rester du texte."},
                                            allow_unicode=True) + "---\n" + body, encoding="utf-8")
    result = build_site(project, project / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert "Traceback" not in result.stderr
    try:
        parse_events(source.read_text(encoding="utf-8"), languages=LANGUAGES)
    except EventDataError as refused:
        assert result.returncode != 0
        assert "data/events.yaml, line" in result.stderr and str(refused.problems[0].field) in result.stderr
        return
    if result.returncode != 0:  # refused for the page: a message naming it
        assert "docs/fr/ateliers.md" in result.stderr, result.stderr
        return
    site = project / "site"
    for built in site.rglob("*.html"):
        markup = _parse(built.read_text(encoding="utf-8"))
        assert not ATTRIBUTES & set(markup.attributes), built
        assert not [c for c in markup.comments if "onerror" in c or "config" in c or "Atelier" in c], built
        for kind, data in markup.scripts:
            if kind == "application/ld+json":
                json.loads(data)  # still valid JSON, whatever the text held
    for event in events:
        for lang, root in ((lang, root_of(lang)) for lang in LANGUAGES):
            markup = _parse((site / root / "agenda" / event["id"] / "index.html").read_text(encoding="utf-8"))
            shown = _plain(" ".join(markup.text))
            for field in (event["title"][lang], event["description"][lang], event["location"]["name"]):
                assert _plain(field, lang) in shown, (lang, field)
            [structured] = [json.loads(d) for k, d in markup.scripts if k == "application/ld+json"]
            assert _plain(structured["name"]) == _plain(event["title"][lang], lang)
    for lang, root in ((lang, root_of(lang)) for lang in LANGUAGES):
        calendar = icalendar.Calendar.from_ical((site / root / "calendar.ics").read_bytes())
        summaries = {_plain(str(item["SUMMARY"])) for item in calendar.walk("VEVENT")}
        assert {_plain(event["title"][lang], lang) for event in events} <= summaries
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        title = _parse(doc["title"])  # Material's search shows titles as HTML
        assert not ATTRIBUTES & set(title.attributes) and not title.comments, doc["title"]
    head = (site / "ateliers/index.html").read_text(encoding="utf-8").split("</title>", 1)[0]
    assert _plain(unescape(head.rsplit("<title>", 1)[1])).startswith(_plain("Ateliers " + page_title, LANGUAGES[0]))
