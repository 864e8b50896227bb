"""The agenda as the built site shows it: pages, structured data and feeds in every language.

Everything here runs on the fixture site (tests/fixtures/site) and reads what it
expects from the fixture's events and the shipped labels.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from html import unescape
from pathlib import Path

import icalendar
import pytest
import vobject

from godigital.dates import is_past
from godigital.events import Event
from godigital.typography import NBSP, french_text, is_french, text_rules
from tests.conftest import (
    FIXTURE_EPOCH,
    LANGUAGES,
    LATER_EPOCH,
    Fixture,
    as_typed,
    build_site,
    fixture_project,
    root_of,
)

ROOTS = {lang: root_of(lang) for lang in LANGUAGES}


def agenda_ids(html: str) -> list[str]:
    return re.findall(r'<li class="gd-event" id="([^"]+)"', html)


def feed_uids(path: Path) -> set[str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(v["UID"]).removesuffix("@godigital.lu") for v in calendar.walk("VEVENT")}


def start_key(event: Event) -> datetime:
    start = event.start
    if not isinstance(start, datetime):
        start = datetime(start.year, start.month, start.day, tzinfo=timezone.utc)
    return start.astimezone(timezone.utc)


def expected_agenda(events: list[Event], today) -> tuple[list[str], list[str]]:
    """Upcoming (not over yet: soonest first), then past (latest first), by id."""
    upcoming = sorted((e for e in events if e.last_day() >= today), key=lambda e: (start_key(e), e.id))
    past = sorted((e for e in events if e.last_day() < today), key=lambda e: (start_key(e), e.id), reverse=True)
    return [e.id for e in upcoming], [e.id for e in past]


def split_at_past(html: str, labels: dict[str, str]) -> tuple[str, str]:
    """The agenda's upcoming part and its past part (empty when nothing is past)."""
    upcoming, _, past = html.partition('<h2 id="past">')
    assert not past or unescape(past).startswith(labels["past"] + "</h2>")
    return upcoming, past


def test_the_fixture_covers_what_the_agenda_tests_rely_on(fixture: Fixture):
    """A guard: the fixture events keep every case these tests are about."""
    today, events = fixture.today, fixture.events
    assert sum(e.last_day() < today for e in events) >= 2, "two past events, to check their order"
    assert sum(e.start > today if e.all_day else e.start.date() > today for e in events) >= 2
    assert any(e.all_day and e.start < today <= e.end for e in events), "one event going on at build time"
    assert {"cancelled", "tentative", "confirmed"} <= {e.status for e in events}
    assert any(e.all_day for e in events) and any(not e.all_day for e in events)
    assert any(e.location and e.location.address for e in events) and any(e.location is None for e in events)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agenda_pages_and_feeds_carry_exactly_the_same_events(fixture, pages, lang):
    site, root, ids = fixture.site, ROOTS[lang], {e.id for e in fixture.events}
    assert set(agenda_ids(pages[f"{root}agenda/index.html"].html)) == ids
    assert {p.parent.name for p in (site / root / "agenda").glob("*/index.html")} == ids
    assert feed_uids(site / root / "calendar.ics") == ids
    assert {p.stem for p in (site / root / "events").glob("*.ics")} == ids
    for event_id in ids:
        assert feed_uids(site / root / "events" / f"{event_id}.ics") == {event_id}


def test_dates_are_written_the_way_each_language_writes_them(pages):
    # Fixture events: a timed one on 2025-06-24, a three-day one from 2025-06-14.
    timed, long = "agenda/atelier-cybersecurite-2025/index.html", "agenda/salon-numerique-2025/index.html"
    assert "mardi 24 juin 2025, 14:00–17:30" in pages[timed].text
    assert "Dienstag, 24. Juni 2025, 14:00–17:30" in pages["de/" + timed].text
    assert "samedi 14 juin 2025 – lundi 16 juin 2025" in pages[long].text
    assert "Samstag, 14. Juni 2025 – Montag, 16. Juni 2025" in pages["de/" + long].text
    assert "Tuesday 24 June 2025, 14:00–17:30" in pages["en/" + timed].text
    assert "Saturday 14 June 2025 – Monday 16 June 2025" in pages["en/" + long].text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_upcoming_events_come_first_soonest_first_then_past_ones_latest_first(fixture, pages, lang):
    html = pages[f"{ROOTS[lang]}agenda/index.html"].html
    upcoming, past = split_at_past(html, fixture.labels[lang])
    expected_upcoming, expected_past = expected_agenda(fixture.events, fixture.today)
    assert agenda_ids(upcoming) == expected_upcoming
    assert agenda_ids(past) == expected_past
    assert fixture.labels[lang]["no_upcoming"] not in unescape(html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_upcoming_and_past_follow_the_build_date(fixture, later_site, lang):
    assert LATER_EPOCH > FIXTURE_EPOCH
    html = (later_site / ROOTS[lang] / "agenda/index.html").read_text(encoding="utf-8")
    labels = fixture.labels[lang]
    upcoming, past = split_at_past(html, labels)
    later = datetime.fromtimestamp(LATER_EPOCH, timezone.utc).date()
    assert agenda_ids(upcoming) == [] and as_typed(labels["campaign_over"]) in as_typed(unescape(upcoming))
    assert agenda_ids(past) == expected_agenda(fixture.events, later)[1]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cancelled_and_tentative_events_say_so_on_the_agenda_and_their_page(fixture, pages, lang):
    agenda = pages[f"{ROOTS[lang]}agenda/index.html"].html
    labels = fixture.labels[lang]
    items = dict(re.findall(r'<li class="gd-event" id="([^"]+)"(.*?)</li>', agenda, re.S))
    for event in fixture.events:
        page = pages[f"{ROOTS[lang]}agenda/{event.id}/index.html"].text
        for status in ("cancelled", "tentative"):
            label = labels[f"status_{status}"]
            assert (label in unescape(items[event.id])) == (event.status == status), (event.id, status)
            assert (label in page) == (event.status == status), (event.id, status)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_agenda_offers_the_subscription_as_webcal_and_as_an_address_to_copy(fixture, pages, lang):
    page = pages[f"{ROOTS[lang]}agenda/index.html"]
    feed = fixture.site_url.split("://", 1)[1] + f"{ROOTS[lang]}calendar.ics"
    assert f'href="webcal://{feed}"' in page.html
    assert f'value="https://{feed}"' in page.html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_event_page_offers_its_file_and_google_and_outlook_while_it_is_to_come(fixture, pages, lang):
    for event in fixture.events:
        page = pages[f"{ROOTS[lang]}agenda/{event.id}/index.html"]
        hrefs = [unescape(a.get("href", "")) for a in page.anchors]
        past = is_past(event, fixture.today)
        # A cancelled event is not offered for adding: only its file, as the cancellation notice.
        assert (f"../../events/{event.id}.ics" in hrefs) == (event.cancelled or not past), event.id
        # One that has taken place says so once, by its badge, and offers nothing to add.
        badge = f'class="gd-status gd-status--past">{fixture.labels[lang]["status_past"]}<'
        assert (badge in page.html) == (past and not event.cancelled), event.id
        offered = not event.cancelled and not past
        assert any(h.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE") for h in hrefs) == offered
        assert any(h.startswith("https://outlook.live.com/calendar/") for h in hrefs) == offered
        title = " ".join(event.title[lang].split())  # <title> folds no-break spaces, French puts them back
        assert page.title.startswith(text_rules(lang)(title))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_pages_describe_the_event_for_search_engines(fixture, pages, lang):
    for event in fixture.events:
        page = pages[f"{ROOTS[lang]}agenda/{event.id}/index.html"]
        [data] = [json.loads(block) for block in page.json_ld]
        shown = text_rules(lang)  # in the page's typography, like its text
        assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
        assert data["name"] == shown(event.title[lang])
        assert data["startDate"] == event.start.isoformat() and data["endDate"] == event.end.isoformat()
        assert data["url"] == f"{fixture.site_url}{ROOTS[lang]}agenda/{event.id}/"
        # Cancelled, it says so; once over, nothing (the site does not know how it went); else scheduled.
        if event.cancelled:
            assert data["eventStatus"] == "https://schema.org/EventCancelled"
        elif is_past(event, fixture.today):
            assert "eventStatus" not in data, event.id
        else:
            assert data["eventStatus"] == "https://schema.org/EventScheduled"
        if event.organizer:
            assert data["organizer"]["name"] == shown(event.organizer.name[lang])
        else:
            assert "organizer" not in data
        if event.location:
            assert data["location"]["name"] == shown(event.location.name[lang])
        else:
            assert "location" not in data
        assert data.get("inLanguage", []) == list(event.languages)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_pages_show_the_venue_or_say_it_will_be_announced(fixture, pages, lang):
    labels = fixture.labels[lang]
    for event in fixture.events:
        text = as_typed(pages[f"{ROOTS[lang]}agenda/{event.id}/index.html"].text)
        if event.location:
            assert as_typed(text_rules(lang)(event.location.text(lang))) in text, event.id
        elif event.last_day() >= fixture.today and not event.cancelled:
            assert f"{labels['location']} {labels['location_tba']}" in text, event.id
        else:
            assert labels["location_tba"] not in text, event.id
        # Only an upcoming event still on has a time to announce: fixture/site/README.md.
        to_come = event.last_day() >= fixture.today and not event.cancelled
        assert (labels["time_tba"] in text) == (to_come and event.all_day and not event.whole_day), event.id
        for code in event.languages:
            assert labels[f"language_{code}"] in text, event.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_say_what_the_pages_say_is_still_to_be_announced(fixture, lang):
    labels, shown = fixture.labels[lang], text_rules(lang)
    calendar = icalendar.Calendar.from_ical((fixture.site / ROOTS[lang] / "calendar.ics").read_bytes())
    descriptions = {str(v["UID"]).split("@")[0]: as_typed(str(v["DESCRIPTION"])) for v in calendar.walk("VEVENT")}
    time_line = as_typed(shown(labels["time_tba"][:1].upper() + labels["time_tba"][1:]))
    venue_line = as_typed(shown(f"{labels['location']}: {labels['location_tba']}"))
    for event in fixture.events:
        to_come = event.last_day() >= fixture.today and not event.cancelled
        assert (time_line in descriptions[event.id]) == (to_come and event.all_day and not event.whole_day), event.id
        assert (venue_line in descriptions[event.id]) == (to_come and event.location is None), event.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_are_written_in_their_language(fixture, lang):
    path = fixture.site / ROOTS[lang] / "calendar.ics"
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    titles = {str(v["SUMMARY"]) for v in calendar.walk("VEVENT")}
    shown = text_rules(lang)  # French feeds have French no-break spaces
    assert titles == {shown(e.title[lang]) for e in fixture.events}
    assert str(calendar["X-WR-CALNAME"]) == shown(fixture.labels[lang]["calendar_name"])
    descriptions = " ".join(str(v["DESCRIPTION"]) for v in calendar.walk("VEVENT"))
    assert (f"{NBSP}:" in descriptions) == is_french(lang)
    again = vobject.readOne(path.read_text(encoding="utf-8"))
    assert {v.summary.value for v in again.vevent_list} == titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_carry_each_events_status_and_revision(fixture, lang):
    calendar = icalendar.Calendar.from_ical((fixture.site / ROOTS[lang] / "calendar.ics").read_bytes())
    by_id = {str(v["UID"]).removesuffix("@godigital.lu"): v for v in calendar.walk("VEVENT")}
    for event in fixture.events:
        vevent = by_id[event.id]
        assert str(vevent["STATUS"]) == event.status.upper(), event.id
        assert vevent.decoded("LAST-MODIFIED") == event.updated, event.id


# -- text that needs escaping ----------------------------------------------------

TRICKY_ID = "webinaire-annule-2025"  # the fixture event whose texts hold < > & and quotes


def test_text_from_the_data_is_escaped_everywhere_it_lands(fixture, pages):
    event = fixture.event(TRICKY_ID)
    assert set("<>&\"") <= set(event.title["fr"] + event.description["fr"] + event.location.text("fr"))
    page = pages[f"agenda/{TRICKY_ID}/index.html"]
    # The page's content and Material's header, which prints the page's title.
    content = page.html[page.html.index("<header"):page.html.index("</article>")]
    for text in (event.title["fr"], event.description["fr"], event.location.text("fr")):
        text = french_text(text)  # as French pages show it
        assert text in unescape(content)
        assert text not in content, f"unescaped: {text!r}"
    assert "Si 1 &lt; 2 et 3 &gt; 2, alors 1&lt;2\u00a0; &amp; voilà" in page.html
    assert "Tom &amp; Jerry" in page.html
    assert '"address":"1, rue du Test \\u0026 Cie \\u003c3\\u003e, L-1234 Luxembourg"' in page.html
    [data] = [json.loads(block) for block in page.json_ld]
    assert data["description"] == french_text(event.description["fr"])
    assert not set("<>&") & set("".join(page.json_ld)), "JSON-LD escapes < > &"
    assert data["location"] == {"@type": "Place", "name": french_text(event.location.name["fr"]),
                                "address": french_text(event.location.address["fr"])}
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["startDate"] == event.start.isoformat()
    assert page.meta["og:title"] == french_text(event.title["fr"])
    calendar = icalendar.Calendar.from_ical((fixture.site / f"de/events/{TRICKY_ID}.ics").read_bytes())
    [vevent] = calendar.walk("VEVENT")
    german = text_rules("de")  # as German pages and calendars show it
    assert str(vevent["SUMMARY"]) == german(event.title["de"])
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["LOCATION"]) == german(event.location.text("de"))
    agenda = pages["de/agenda/index.html"]
    assert german(event.title["de"]) in agenda.text and fixture.labels["de"]["status_cancelled"] in agenda.text
    english = pages[f"en/agenda/{TRICKY_ID}/index.html"]
    assert set("<>&\"") <= set(event.title["en"] + event.description["en"])
    for text in map(text_rules("en"), (event.title["en"], event.description["en"])):  # as English pages show it
        assert text in unescape(english.html) and text not in english.html, f"unescaped: {text!r}"


# -- mistakes in the events file -------------------------------------------------


def test_a_broken_events_file_stops_the_build_with_one_line_per_problem(fixture, tmp_path):
    project = fixture_project(tmp_path / "project")
    path = project / "data/events.yaml"
    all_day = next(e for e in fixture.events if e.all_day)
    registered = next(e for e in fixture.events if e.registration and e.id != all_day.id)
    text = path.read_text(encoding="utf-8")
    wrong_day = f"{all_day.start:%Y}-02-30"
    text = text.replace(f"start: {all_day.start.isoformat()}", f"start: {wrong_day}", 1)
    address = registered.registration.url["fr"]
    assert f" {address}\n" in text
    text = text.replace(f" {address}\n", f" {address.split('://', 1)[1]}\n", 1)
    path.write_text(text, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "2 problems in the events file" in result.stderr
    assert re.search(rf"data/events\.yaml, line \d+, event '{all_day.id}', "
                     rf"field 'start': {wrong_day} is not a date that exists", result.stderr)
    assert re.search(rf"data/events\.yaml, line \d+, event '{registered.id}', field 'registration[.\w]*'", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists(), "nothing is written when the data is wrong"


def test_a_removed_agenda_marker_is_reported_not_silently_ignored(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/agenda.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- hooks/agenda.py -->", ""), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/agenda.md: the line <!-- hooks/agenda.py --> is missing" in result.stderr
