"""VTIMEZONE components for any zone and any span of years, read by ical.js and libical.

For every change of the clocks a zone makes over the span, events a few hours
before and after it (at local times that exist once) must land on the same
UTC instant in both clients as in ``zoneinfo``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from godigital.events import Event
from godigital.feeds import FeedSite, calendar_feed
from godigital.timezones import transitions, vtimezone
from tests.calendar_clients import icaljs_instants, libical_instants

SITE = FeedSite(uid_domain="godigital.lu", calendar_name="Test", calendar_description="Test",
                feed_url="https://www.godigital.lu/calendar.ics", agenda_url="https://www.godigital.lu/agenda/", lang="fr")
ZONES = [
    ("Europe/Luxembourg", 2017, 2027),
    ("America/New_York", 2005, 2008),  # the US rule changed in 2007
    ("Europe/London", 2024, 2026),
    ("Australia/Sydney", 2024, 2026),  # summer time across the new year
    ("Europe/Moscow", 2009, 2012),  # summer time abolished in 2011
    ("America/Sao_Paulo", 2017, 2020),  # summer time abolished in 2019
    ("Africa/Casablanca", 2019, 2021),  # clocks changed around Ramadan
    ("Asia/Tokyo", 2025, 2025),  # no summer time
    ("UTC", 2025, 2026),
]


def unambiguous(moment: datetime) -> bool:
    """A local time that exists, and exists once."""
    local = moment.replace(tzinfo=None)
    zone = moment.tzinfo
    first, second = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    return first.utcoffset() == second.utcoffset() and first.astimezone(timezone.utc).astimezone(zone) == first


def events_around_changes(tzid: str, first_year: int, last_year: int) -> list[Event]:
    zone = ZoneInfo(tzid)
    moments = [datetime(year, month, 15, 12, tzinfo=timezone.utc) for year in range(first_year, last_year + 1)
               for month in (1, 4, 7, 10)]
    for change in transitions(tzid, first_year, last_year):
        if first_year <= change.at.year <= last_year:
            moments += [change.at + timedelta(hours=hours) for hours in (-3, -1, 1, 3)]
    events = []
    for number, moment in enumerate(sorted(moments)):
        start = moment.astimezone(zone)
        if not unambiguous(start):
            continue
        events.append(Event(id=f"e{number}", title={"fr": "x", "de": "x"}, description={"fr": "x", "de": "x"},
                            start=start, end=start + timedelta(minutes=30), timezone=tzid))
    return events


@pytest.fixture(scope="module")
def calendars(tmp_path_factory) -> dict[Path, list[Event]]:
    folder = tmp_path_factory.mktemp("zones")
    files = {}
    for tzid, first, last in ZONES:
        events = events_around_changes(tzid, first, last)
        path = folder / f"{tzid.replace('/', '_')}.ics"
        path.write_bytes(calendar_feed(events, SITE, built=datetime(2025, 1, 1, tzinfo=timezone.utc),
                                       event_urls={e.id: "https://www.godigital.lu/" for e in events}))
        files[path] = events
    return files


def check(rows: list[dict], calendars: dict[Path, list[Event]]) -> None:
    for path, events in calendars.items():
        want = {f"{e.id}@godigital.lu": e.start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for e in events}
        got = {row["uid"]: row["start"] for row in rows if row["file"] == str(path)}
        assert got == want, path.name


def test_icaljs_reads_every_zone_like_zoneinfo(calendars):
    check(icaljs_instants(list(calendars)), calendars)


def test_libical_reads_every_zone_like_zoneinfo(calendars):
    check(libical_instants(list(calendars)), calendars)


def test_onsets_are_the_local_time_before_the_change():
    component = vtimezone("Europe/Luxembourg", 2024, 2026)
    [daylight] = component.walk("DAYLIGHT")
    [standard] = component.walk("STANDARD")
    assert daylight.decoded("DTSTART").time().isoformat() == "02:00:00"
    assert daylight["TZOFFSETFROM"].td == timedelta(hours=1)
    assert standard.decoded("DTSTART").time().isoformat() == "03:00:00"
    assert standard["TZOFFSETFROM"].td == timedelta(hours=2)


def test_a_zone_that_keeps_one_rule_gets_one_yearly_observance_of_each_kind_without_rdate():
    data = vtimezone("Europe/Luxembourg", 2018, 2030).to_ical()
    assert data.count(b"BEGIN:DAYLIGHT") == 1 and data.count(b"BEGIN:STANDARD") == 1
    assert b"RDATE" not in data and data.count(b"RRULE:FREQ=YEARLY") == 2


def test_a_zone_that_changed_its_rule_gets_an_observance_per_rule():
    component = vtimezone("America/New_York", 2005, 2008)
    rules = sorted(str(sub["RRULE"].to_ical(), "ascii") for sub in component.subcomponents if "RRULE" in sub)
    assert any("UNTIL=" in rule and "BYMONTH=10" in rule for rule in rules)  # last Sunday of October until 2006
    assert any("BYDAY=1SU;BYMONTH=11" in rule and "UNTIL" not in rule for rule in rules)
    assert b"RDATE" not in component.to_ical()


def test_a_zone_without_summer_time_has_one_observance():
    component = icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + vtimezone("Asia/Tokyo", 2025, 2025).to_ical()
                                             + b"END:VCALENDAR\r\n")
    [zone] = component.walk("VTIMEZONE")
    assert [sub.name for sub in zone.subcomponents] == ["STANDARD"]
    assert zone.subcomponents[0]["TZOFFSETTO"].td == timedelta(hours=9)
