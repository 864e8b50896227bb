"""Calendar feeds as calendar apps read them: identity, revisions, time zones, text."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import vobject

from godigital.events import Event, Location, parse_events
from godigital.feeds import FeedSite, calendar_feed, calendar_files, event_file
from tests.test_events import LANGUAGES, VALID  # VALID's languages

BUILT = datetime(2018, 1, 20, 12, 0, tzinfo=timezone.utc)
SITE = FeedSite(
    uid_domain="godigital.lu", calendar_name="Go Digital – agenda",
    calendar_description="Les rendez-vous de la campagne.",
    feed_url="https://www.godigital.lu/calendar.ics", agenda_url="https://www.godigital.lu/agenda/", lang="fr",
)
LUX = ZoneInfo("Europe/Luxembourg")


def all_day_event(**changes) -> Event:
    event = Event(
        id="atelier-test-2030", title={"fr": "Atelier eHandwierk", "de": "eHandwierk-Workshop"},
        description={"fr": "Smartphones et tablettes ; en entreprise, à l'atelier.", "de": "Smartphones und Tablets."},
        start=date(2018, 2, 6), end=date(2018, 2, 6), updated=datetime(2018, 1, 15, 8, tzinfo=timezone.utc),
    )
    return dataclasses.replace(event, **changes)


def feed(events, **kwargs) -> bytes:
    return calendar_feed(events, SITE, built=BUILT, event_urls={e.id: f"https://www.godigital.lu/agenda/{e.id}/" for e in events}, **kwargs)


def parsed(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def test_the_feed_announces_itself_to_subscribing_apps():
    calendar = parsed(feed([all_day_event()]))
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["VERSION"] == "2.0"
    assert calendar["NAME"] == calendar["X-WR-CALNAME"] == "Go Digital – agenda"
    assert calendar["X-WR-CALDESC"] == "Les rendez-vous de la campagne."
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in feed([all_day_event()])
    assert calendar["SOURCE"] == "https://www.godigital.lu/calendar.ics"


def test_all_day_events_end_the_day_after_their_last_day():
    [vevent] = parsed(feed([all_day_event(end=date(2018, 2, 7))])).walk("VEVENT")
    assert vevent.decoded("DTSTART") == date(2018, 2, 6)
    assert vevent.decoded("DTEND") == date(2018, 2, 8)
    assert b"DTSTART;VALUE=DATE:20180206" in feed([all_day_event()])


def test_identity_and_revision_come_from_the_data_not_from_the_build():
    event = all_day_event()
    first = feed([event])
    assert first == calendar_feed([event], SITE, built=BUILT, event_urls={event.id: f"https://www.godigital.lu/agenda/{event.id}/"})
    [vevent] = parsed(first).walk("VEVENT")
    assert vevent["UID"] == "atelier-test-2030@godigital.lu"
    assert vevent.decoded("DTSTAMP") == event.updated
    assert vevent.decoded("LAST-MODIFIED") == event.updated


def test_an_edit_reaches_subscribers_as_a_newer_revision():
    before = all_day_event()
    after = all_day_event(title={"fr": "Atelier eHandwierk (nouvelle date)", "de": "eHandwierk"},
                          start=date(2018, 2, 7), end=date(2018, 2, 7),
                          updated=datetime(2018, 1, 16, 9, 30, tzinfo=timezone.utc))
    [old] = parsed(feed([before])).walk("VEVENT")
    [new] = parsed(feed([after])).walk("VEVENT")
    assert old["UID"] == new["UID"]
    assert new["SEQUENCE"] > old["SEQUENCE"]
    assert new.decoded("DTSTAMP") > old.decoded("DTSTAMP")


def test_a_build_dated_before_the_last_change_stamps_its_own_day_and_still_counts_the_change():
    """Built as of a day before the event last changed (SOURCE_DATE_EPOCH set back), the feed
    claims no revision after that day; SEQUENCE still grows with the change."""
    earlier = all_day_event()
    later = all_day_event(title={"fr": "Atelier eHandwierk (nouvelle date)", "de": "eHandwierk"},
                          updated=BUILT + timedelta(days=400))
    [old] = parsed(feed([earlier])).walk("VEVENT")
    [new] = parsed(feed([later])).walk("VEVENT")
    assert new.decoded("DTSTAMP") == new.decoded("LAST-MODIFIED") == BUILT
    assert old.decoded("LAST-MODIFIED") == earlier.updated < BUILT
    assert new["SEQUENCE"] > old["SEQUENCE"]


def test_a_cancelled_event_stays_in_the_feed_marked_cancelled():
    calendar = parsed(feed([all_day_event(status="cancelled"), all_day_event(id="other")]))
    statuses = {str(v["UID"]): str(v["STATUS"]) for v in calendar.walk("VEVENT")}
    assert statuses == {"atelier-test-2030@godigital.lu": "CANCELLED", "other@godigital.lu": "CONFIRMED"}


def test_timed_events_carry_a_vtimezone_limited_to_the_years_they_span():
    [event] = parse_events(VALID, languages=LANGUAGES)
    data = feed([event])
    calendar = parsed(data)
    [tz] = calendar.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Luxembourg"
    assert calendar.get_missing_tzids() == set()
    years = {sub.decoded("DTSTART").year for sub in tz.subcomponents}
    assert years and min(years) >= 2017 and max(years) <= 2019
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime(2018, 3, 20, 9, 0, tzinfo=LUX)
    assert b"DTSTART;TZID=Europe/Luxembourg:20180320T090000" in data
    assert b"GEO:49.63;6.17" in data
    assert b"LOCATION:Chambre des M\xc3\xa9tiers\\, 2\\, Circuit de la Foire\\, Luxembourg" in data.replace(b"\r\n ", b"")


def test_all_day_only_feeds_need_no_time_zone():
    assert b"VTIMEZONE" not in feed([all_day_event()])


def test_text_keeps_its_accents_and_folding_never_splits_a_character():
    long = "Réunion à l'hôtel de ville : « numérique », ça évolue — " * 6
    data = feed([all_day_event(description={"fr": long, "de": "x"})])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a character split across lines would not decode
    [vevent] = parsed(data).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).startswith(long.rstrip())


def test_special_characters_are_escaped_not_interpreted():
    tricky = all_day_event(title={"fr": "A;B,C\\D", "de": "x"},
                           description={"fr": "Ligne 1\nLigne 2; END:VEVENT", "de": "x"})
    data = feed([tricky])
    assert b"END:VEVENT\r\n" in data and data.count(b"END:VEVENT") == 2  # one real, one escaped in text
    [vevent] = parsed(data).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "A;B,C\\D"
    assert str(vevent["DESCRIPTION"]).startswith("Ligne 1\nLigne 2; END:VEVENT")


def test_an_independent_parser_reads_the_same_events():
    [timed] = parse_events(VALID, languages=LANGUAGES)
    events = [all_day_event(), timed]
    calendar = vobject.readOne(feed(events).decode("utf-8"))
    by_uid = {v.uid.value: v for v in calendar.vevent_list}
    assert set(by_uid) == {"atelier-test-2030@godigital.lu", "journee-test-2030@godigital.lu"}
    assert by_uid["atelier-test-2030@godigital.lu"].dtstart.value == date(2018, 2, 6)
    assert by_uid["journee-test-2030@godigital.lu"].dtstart.value == datetime(2018, 3, 20, 9, 0, tzinfo=LUX)
    assert by_uid["journee-test-2030@godigital.lu"].summary.value == "Digital Day"


def test_an_event_file_holds_that_event_only_and_no_subscription_settings():
    data = event_file(all_day_event(), SITE, built=BUILT, event_url="https://www.godigital.lu/agenda/atelier-test-2030/")
    calendar = parsed(data)
    assert [str(v["UID"]) for v in calendar.walk("VEVENT")] == ["atelier-test-2030@godigital.lu"]
    assert "REFRESH-INTERVAL" not in calendar and "SOURCE" not in calendar
    assert calendar["METHOD"] == "PUBLISH"


def test_a_location_without_address_is_its_name():
    event = all_day_event(location=Location(name={"fr": "Kirchberg", "de": "Kirchberg"}))
    [vevent] = parsed(feed([event])).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Kirchberg"


def test_feed_and_event_files_made_together_are_the_same_as_made_apart():
    [timed] = parse_events(VALID, languages=LANGUAGES)
    events = [all_day_event(), timed]
    urls = {e.id: f"https://www.godigital.lu/agenda/{e.id}/" for e in events}
    extra = {e.id: f"Plus d'informations : {urls[e.id]}" for e in events}
    feed, singles = calendar_files(events, SITE, built=BUILT, event_urls=urls, extra_text=extra)
    assert feed == calendar_feed(events, SITE, built=BUILT, event_urls=urls, extra_text=extra)
    for event in events:
        assert singles[event.id] == event_file(event, SITE, built=BUILT, event_url=urls[event.id],
                                               extra_text=extra[event.id])
    assert b"VTIMEZONE" in singles["journee-test-2030"] and b"VTIMEZONE" not in singles["atelier-test-2030"]


def test_a_feed_shows_its_texts_with_the_language_typography_but_not_its_addresses():
    from godigital.typography import NBSP, french_spacing

    site = dataclasses.replace(SITE, calendar_name="Agenda : Go Digital", typography=french_spacing)
    event = all_day_event(location=Location(name={"fr": "Salle : A", "de": "Saal: A"},
                                            address={"fr": "1, rue X", "de": "1, rue X"}))
    url = "https://www.godigital.lu/agenda/atelier-test-2030/?a=b"
    calendar = parsed(calendar_feed([event], site, built=BUILT, event_urls={event.id: url},
                                    extra_text={event.id: "Plus d'informations : " + url}))
    [vevent] = calendar.walk("VEVENT")
    assert str(calendar["X-WR-CALNAME"]) == f"Agenda{NBSP}: Go Digital"
    assert str(vevent["SUMMARY"]) == "Atelier eHandwierk"
    assert str(vevent["DESCRIPTION"]) == (f"Smartphones et tablettes{NBSP}; en entreprise, à l'atelier.\n\n"
                                         f"Plus d'informations{NBSP}: {url}")
    assert str(vevent["LOCATION"]).startswith(f"Salle{NBSP}: A")
    assert str(vevent["URL"]) == url
