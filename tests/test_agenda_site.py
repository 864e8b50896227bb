"""The agenda as the built site shows it: pages, structured data and feeds in both languages."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import icalendar
import pytest
import vobject
import yaml

from godigital.events import load_events
from tests.conftest import ROOT, build_site, copy_project
from tests.sitepages import SitePage

EVENTS = load_events(ROOT / "data/events.yaml")
IDS = {e.id for e in EVENTS}
ROOTS = {"fr": "", "de": "de/"}


def agenda_ids(page: SitePage) -> list[str]:
    return re.findall(r'<li class="gd-event" id="([^"]+)"', page.html)


def feed_uids(path: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(v["UID"]).removesuffix("@godigital.lu") for v in calendar.walk("VEVENT")}


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_agenda_pages_and_feeds_carry_exactly_the_same_events(site, pages, lang):
    root = ROOTS[lang]
    assert set(agenda_ids(pages[f"{root}agenda/index.html"])) == IDS
    assert {p.parent.name for p in (site / root / "agenda").glob("*/index.html")} == IDS
    assert feed_uids(site / root / "calendar.ics") == IDS
    assert {p.stem for p in (site / root / "events").glob("*.ics")} == IDS
    for event_id in IDS:
        assert feed_uids(site / root / "events" / f"{event_id}.ics") == {event_id}


def test_dates_are_written_the_way_each_language_writes_them(pages):
    assert "mardi 6 février 2018" in pages["agenda/index.html"].text
    assert "Dienstag, 6. Februar 2018" in pages["de/agenda/index.html"].text
    assert "mardi 20 mars 2018" in pages["agenda/digital-day-2018/index.html"].text
    assert "Dienstag, 20. März 2018" in pages["de/agenda/digital-day-2018/index.html"].text


def test_past_events_are_listed_as_past_latest_first(pages):
    # The campaign's sessions took place in 2018; the build date is the last commit's.
    page = pages["agenda/index.html"]
    assert "Aucun rendez-vous n'est prévu pour le moment" in page.text
    assert agenda_ids(page) == ["digital-day-2018", "ehandwierk-smartphones-tablettes-2018"]


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_the_agenda_offers_the_subscription_as_webcal_and_as_an_address_to_copy(pages, lang):
    page = pages[f"{ROOTS[lang]}agenda/index.html"]
    feed = f"www.godigital.lu/{ROOTS[lang]}calendar.ics"
    assert f'href="webcal://{feed}"' in page.html
    assert f'value="https://{feed}"' in page.html


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_each_event_page_offers_its_file_google_and_outlook(pages, lang):
    for event in EVENTS:
        page = pages[f"{ROOTS[lang]}agenda/{event.id}/index.html"]
        hrefs = [unescape(a.get("href", "")) for a in page.anchors]
        assert f"../../events/{event.id}.ics" in hrefs
        assert any(h.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE") for h in hrefs)
        assert any(h.startswith("https://outlook.live.com/calendar/") for h in hrefs)
        assert page.title.startswith(" ".join(event.title[lang].split()))  # <title> folds no-break spaces


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_event_pages_describe_the_event_for_search_engines(pages, lang):
    for event in EVENTS:
        page = pages[f"{ROOTS[lang]}agenda/{event.id}/index.html"]
        [data] = [json.loads(block) for block in page.json_ld]
        assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
        assert data["name"] == event.title[lang]
        assert data["startDate"] == event.start.isoformat() and data["endDate"] == event.end.isoformat()
        assert data["url"] == f"https://www.godigital.lu/{ROOTS[lang]}agenda/{event.id}/"
        assert data["eventStatus"] == "https://schema.org/EventScheduled"
        assert data["organizer"]["name"] == event.organizer.name[lang]


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_feeds_are_written_in_their_language(site, lang):
    calendar = icalendar.Calendar.from_ical((site / ROOTS[lang] / "calendar.ics").read_bytes())
    titles = {str(v["SUMMARY"]) for v in calendar.walk("VEVENT")}
    assert titles == {e.title[lang] for e in EVENTS}
    assert str(calendar["X-WR-CALNAME"]) == ("Go Digital – agenda" if lang == "fr" else "Go Digital – Termine")
    again = vobject.readOne((site / ROOTS[lang] / "calendar.ics").read_text(encoding="utf-8"))
    assert {v.summary.value for v in again.vevent_list} == titles


# -- a build with other data ---------------------------------------------------

TRICKY = {
    "id": "atelier-2099",
    "title": {"fr": "Tom & Jerry « l'atelier » \"spécial\"", "de": "Tom & Jerry „Werkstatt“"},
    "description": {"fr": "Si 1 < 2 et 3 > 2, alors 1<2 ; & voilà « ok ».",
                    "de": "Preis < 10 € & mehr"},
    "start": "2099-05-05T09:00", "end": "2099-05-05T12:00",
    "location": {"name": "Salle \"Ô\" & Co <3", "address": "1, rue du Test & Cie, L-1234 Luxembourg"},
    "status": "cancelled", "updated": "2098-01-01T10:00",
}


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("tricky") / "project")
    data = yaml.safe_load((project / "data/events.yaml").read_text(encoding="utf-8"))
    data["events"].append(TRICKY)
    (project / "data/events.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = project / "site"
    result = build_site(project, site, env={"SOURCE_DATE_EPOCH": "1519862400"})  # 2018-03-01
    assert result.returncode == 0, result.stderr
    return site


def test_upcoming_and_past_follow_the_build_date(tricky_site):
    page = SitePage.read(tricky_site / "agenda/index.html")
    upcoming, past = page.html.split('id="past"')
    assert agenda_ids(SitePage(path=page.path, html=upcoming)) == ["digital-day-2018", "atelier-2099"]
    assert agenda_ids(SitePage(path=page.path, html=past)) == ["ehandwierk-smartphones-tablettes-2018"]


def test_text_from_the_data_is_escaped_everywhere_it_lands(tricky_site):
    page = SitePage.read(tricky_site / "agenda/atelier-2099/index.html")
    assert "Si 1 &lt; 2 et 3 &gt; 2, alors 1&lt;2 ; &amp; voilà" in page.html
    assert "Tom &amp; Jerry" in page.html
    [data] = [json.loads(block) for block in page.json_ld]
    assert data["description"] == TRICKY["description"]["fr"]
    assert '"name":"Salle \\"Ô\\" \\u0026 Co \\u003c3"' in page.html
    assert data["location"] == {"@type": "Place", "name": "Salle \"Ô\" & Co <3",
                                "address": "1, rue du Test & Cie, L-1234 Luxembourg"}
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["startDate"] == "2099-05-05T09:00:00+02:00"
    assert page.meta["og:title"] == TRICKY["title"]["fr"]
    calendar = icalendar.Calendar.from_ical((tricky_site / "de/events/atelier-2099.ics").read_bytes())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == TRICKY["title"]["de"]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["LOCATION"]) == "Salle \"Ô\" & Co <3, 1, rue du Test & Cie, L-1234 Luxembourg"
    agenda = SitePage.read(tricky_site / "de/agenda/index.html")
    assert "Abgesagt" in agenda.text


# -- mistakes in the events file -------------------------------------------------


def test_a_broken_events_file_stops_the_build_with_one_line_per_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data/events.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("start: 2018-02-06", "start: 2018-02-30")
                    .replace("registration: https://www.godigital.lu", "registration: www.godigital.lu"),
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "2 problems in the events file" in result.stderr
    assert re.search(r"data/events\.yaml, line \d+, event 'ehandwierk-smartphones-tablettes-2018', "
                     r"field 'start': 2018-02-30 is not a date that exists", result.stderr)
    assert re.search(r"data/events\.yaml, line \d+, event 'digital-day-2018', field 'registration'", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists(), "nothing is written when the data is wrong"


def test_a_removed_agenda_marker_is_reported_not_silently_ignored(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/de/agenda.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- hooks/agenda.py -->", ""), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/agenda.md: the line <!-- hooks/agenda.py --> is missing" in result.stderr
