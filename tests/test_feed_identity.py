"""What identifies a feed and its events to subscribing apps."""

from __future__ import annotations

from datetime import datetime, timezone

import icalendar

from godigital.events import load_events
from godigital.feeds import FeedSite, calendar_feed, calendar_files, event_file
from tests.conftest import root_of
from tests.test_feed_clients import FIXTURE, LANGUAGES

BUILT = datetime(2025, 1, 1, tzinfo=timezone.utc)
EVENTS = load_events(FIXTURE, languages=LANGUAGES)


def site(lang: str) -> FeedSite:
    root = root_of(lang, LANGUAGES)
    return FeedSite(uid_domain="godigital.lu", calendar_name="Agenda", calendar_description="Agenda",
                    feed_url=f"https://www.godigital.lu/{root}calendar.ics",
                    agenda_url=f"https://www.godigital.lu/{root}agenda/", lang=lang)


def urls() -> dict[str, str]:
    return {e.id: f"https://www.godigital.lu/agenda/{e.id}/" for e in EVENTS}


def uid_lines(data: bytes) -> list[bytes]:
    return [line for line in data.split(b"\r\n") if line.startswith(b"UID:")]


def test_only_events_carry_a_uid_so_splitting_clients_keep_every_event():
    for lang in LANGUAGES:
        feed = calendar_feed(EVENTS, site(lang), built=BUILT, event_urls=urls())
        assert uid_lines(feed) == [f"UID:{e.id}@godigital.lu".encode() for e in EVENTS]
        assert "UID" not in icalendar.Calendar.from_ical(feed)
        single = event_file(EVENTS[0], site(lang), built=BUILT, event_url=urls()[EVENTS[0].id])
        assert uid_lines(single) == [f"UID:{EVENTS[0].id}@godigital.lu".encode()]


def test_each_language_names_itself_in_prodid():
    for lang, expected in ((lang, f"-//Go Digital//Agenda//{lang.upper()}") for lang in LANGUAGES):
        feed, files = calendar_files(EVENTS, site(lang), built=BUILT, event_urls=urls())
        assert icalendar.Calendar.from_ical(feed)["PRODID"] == expected
        assert all(icalendar.Calendar.from_ical(data)["PRODID"] == expected for data in files.values())


def test_feeds_assembled_from_parts_equal_whole_calendars_and_do_not_change_between_builds():
    feed, files = calendar_files(EVENTS, site("de"), built=BUILT, event_urls=urls())
    assert feed == calendar_feed(EVENTS, site("de"), built=BUILT, event_urls=urls())
    for event in EVENTS:
        assert files[event.id] == event_file(event, site("de"), built=BUILT, event_url=urls()[event.id])
    assert (feed, files) == calendar_files(EVENTS, site("de"), built=BUILT, event_urls=urls())
