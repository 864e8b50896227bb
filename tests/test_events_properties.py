"""Property-based checks: any valid event set survives the trip through the
events file and the calendar feeds unchanged; any broken one is refused clearly."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import vobject
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from godigital.data_fields import HTML_PATTERN, MARKDOWN_PATTERN
from godigital.events import Event, EventDataError, Location, Organizer, Registration, parse_events
from godigital.feeds import FeedSite, calendar_feed, calendar_files, event_file
from tests.conftest import LANGUAGES

LUX = ZoneInfo("Europe/Luxembourg")
UTC = ZoneInfo("UTC")
settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éèêàâçôûüöäßÉÀÖÜ'’,.:;!?&\"()–-«»/@+%"

ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


def plain_text(max_size: int = 60, newlines: bool = False):
    alphabet = ALPHABET + ("\n" if newlines else "")
    return (st.text(alphabet, min_size=1, max_size=max_size)
            .map(lambda s: "\n".join(" ".join(line.split()) for line in s.split("\n")).strip())
            .filter(lambda s: s and "\n\n" not in s)
            .filter(lambda s: not HTML_PATTERN.search(s) and not MARKDOWN_PATTERN.search(s)))


def translated(strategy):
    """A text in each of the site's languages."""
    return st.fixed_dictionaries({lang: strategy for lang in LANGUAGES})


def local_minutes(day: date, minutes: int) -> datetime | None:
    moment = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)
    aware = moment.replace(tzinfo=LUX)
    return aware if aware.astimezone(UTC).astimezone(LUX).replace(tzinfo=None) == moment else None


@st.composite
def events(draw, event_id: str) -> Event:
    day = draw(st.dates(date(2018, 1, 1), date(2030, 12, 31)))
    if draw(st.booleans()):
        start, end = day, day + timedelta(days=draw(st.integers(0, 3)))
    else:
        start = local_minutes(day, draw(st.integers(0, 22 * 60)) // 15 * 15)
        end = start and local_minutes(day, (start.hour * 60 + start.minute) + draw(st.integers(1, 8)) * 15)
        if start is None or end is None or end <= start:
            start, end = day, day
    location = draw(st.none() | st.builds(
        Location, name=translated(plain_text(40)), address=st.none() | translated(plain_text(60)),
    ))
    organizer = draw(st.none() | st.builds(
        Organizer, name=translated(plain_text(30)), url=st.none() | st.just("https://www.cdm.lu/?a=1&b=2"),
    ))
    updated = draw(st.none() | st.datetimes(datetime(2017, 6, 1), datetime(2030, 1, 1)).map(
        lambda d: d.replace(second=0, microsecond=0)))
    if updated is not None:
        local = updated.replace(tzinfo=LUX)
        if local.astimezone(UTC).astimezone(LUX).replace(tzinfo=None) != updated or local.fold:
            updated = None
        else:
            updated = local.astimezone(UTC)
    return Event(
        id=event_id, title=draw(translated(plain_text(60))),
        description=draw(translated(plain_text(200, newlines=True))),
        start=start, end=end, location=location, organizer=organizer,
        registration=draw(st.none() | st.builds(
            Registration,
            url=st.sampled_from([dict.fromkeys(LANGUAGES, "https://www.cc.lu/inscription?x=1&y=«é»"),
                                 {lang: f"https://www.cdm.lu/{lang}" for lang in LANGUAGES}]),
            closes=st.none() | st.just(start if not isinstance(start, datetime) else start.date()),
        )),
        whole_day=isinstance(start, date) and not isinstance(start, datetime) and draw(st.booleans()),
        languages=tuple(draw(st.lists(st.sampled_from(["lb", "fr", "de", "en"]), unique=True, max_size=4))),
        status=draw(st.sampled_from(["confirmed", "tentative", "cancelled"])),
        updated=updated,
    )


@st.composite
def event_sets(draw) -> list[Event]:
    chosen = draw(st.lists(ids, unique=True, min_size=0, max_size=5))
    return [draw(events(event_id)) for event_id in chosen]


def to_yaml(events: list[Event]) -> str:
    """The events as an editor would write them in data/events.yaml."""
    def moment(value):
        return value.isoformat() if not isinstance(value, datetime) else value.strftime("%Y-%m-%dT%H:%M")

    items = []
    for e in events:
        item = {"id": e.id, "title": e.title, "description": e.description,
                "start": moment(e.start), "end": moment(e.end), "status": e.status}
        if e.location:
            item["location"] = {"name": e.location.name}
            if e.location.address:
                item["location"]["address"] = e.location.address
        if e.organizer:
            item["organizer"] = {"name": e.organizer.name} | ({"url": e.organizer.url} if e.organizer.url else {})
        if e.registration:
            urls, closes = e.registration.url, e.registration.closes
            url = next(iter(urls.values())) if len(set(urls.values())) == 1 else urls
            if closes is None and isinstance(url, str):
                item["registration"] = url
            else:
                item["registration"] = {"url": url} | ({"closes": closes.isoformat()} if closes else {})
        if e.whole_day:
            item["whole_day"] = True
        if e.languages:
            item["languages"] = list(e.languages)
        if e.updated:
            item["updated"] = e.updated.astimezone(LUX).strftime("%Y-%m-%dT%H:%M")
        items.append(item)
    return yaml.safe_dump({"events": items}, allow_unicode=True, sort_keys=False)


@given(event_sets())
def test_any_valid_event_set_is_read_back_unchanged(events):
    assert parse_events(to_yaml(events), languages=LANGUAGES) == events


@given(event_sets(), st.sampled_from(LANGUAGES))
def test_feeds_carry_every_event_with_its_text_and_dates(events, lang):
    site = FeedSite("godigital.lu", "Agenda", "Description", "https://www.godigital.lu/calendar.ics",
                    "https://www.godigital.lu/agenda/", lang)
    built = datetime(2018, 1, 1, tzinfo=timezone.utc)
    urls = {e.id: f"https://www.godigital.lu/agenda/{e.id}/" for e in events}
    data = calendar_feed(events, site, built=built, event_urls=urls)
    # The build writes feed and files together from parts: the same bytes as whole calendars.
    feed, singles = calendar_files(events, site, built=built, event_urls=urls)
    assert feed == data
    assert singles == {e.id: event_file(e, site, built=built, event_url=urls[e.id]) for e in events}
    by_uid = {str(v["UID"]): v for v in icalendar.Calendar.from_ical(data).walk("VEVENT")}
    assert set(by_uid) == {f"{e.id}@godigital.lu" for e in events}
    for e in events:
        vevent = by_uid[f"{e.id}@godigital.lu"]
        assert str(vevent["SUMMARY"]) == e.title[lang]
        assert str(vevent["DESCRIPTION"]) == e.description[lang]
        assert vevent.decoded("DTSTART") == e.start
        assert vevent.decoded("DTEND") == e.end_exclusive
        assert str(vevent["STATUS"]).lower() == e.status
    independent = vobject.readOne(data.decode("utf-8")) if events else None
    if independent is not None:
        assert {v.uid.value for v in independent.vevent_list} == set(by_uid)
        assert {v.summary.value for v in independent.vevent_list} == {e.title[lang] for e in events}
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")


BREAKAGES = {
    "start": lambda item: item.update(start="2018-02-30"),
    f"title.{LANGUAGES[-1]}": lambda item: item["title"].pop(LANGUAGES[-1]),
    "colour": lambda item: item.update(colour="blue"),
    "registration": lambda item: item.update(registration="javascript:alert(1)"),
    f"title.{LANGUAGES[0]}": lambda item: item["title"].update({LANGUAGES[0]: "<script>alert(1)</script>"}),
    "timezone": lambda item: item.update(timezone="Mars/Olympus"),
    "id": lambda item: item.update(id="Not An Id"),
    "end": lambda item: item.update(start="2031-01-02", end="2031-01-01"),
}


@given(event_sets().filter(bool), st.sampled_from(sorted(BREAKAGES)), st.data())
def test_any_broken_event_is_refused_naming_its_line_and_field(events, breakage, data):
    document = yaml.safe_load(to_yaml(events))
    index = data.draw(st.integers(0, len(events) - 1))
    BREAKAGES[breakage](document["events"][index])
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    try:
        parse_events(text, languages=LANGUAGES)
    except EventDataError as error:
        problems = error.problems
    else:
        raise AssertionError("a broken event was accepted")
    field = "colour" if breakage == "colour" else breakage
    assert any(p.field == field for p in problems), [str(p) for p in problems]
    lines = text.count("\n") + 1
    assert all(1 <= p.line <= lines for p in problems)
    assert all(re.match(r"data/events\.yaml, line \d+", str(p)) for p in problems)
