"""Calendar feeds: the events as iCalendar files (RFC 5545 and RFC 7986).

One calendar per site language holds every event; each event also has a file
of its own. Everything in them is derived from the event data and the build
time, so two builds of the same commit write the same bytes. Each event's
revision (its LAST-MODIFIED, and the SEQUENCE counted from it) is the moment
it last changed in the feed's language, which ``godigital.event_history``
works out from git: an editor's change reaches subscribers as a newer revision.
A build dated before that moment stamps its own day instead (SEQUENCE still counts
the change).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from icalendar import CLASS, TRANSP, Calendar, Component, Timezone, vDuration
from icalendar import STATUS as EventStatus
from icalendar import Event as CalendarEvent

from godigital.events import Event
from godigital.timezones import vtimezone

REFRESH_INTERVAL = timedelta(hours=12)
# SEQUENCE counts minutes since this moment up to the event's last update:
# it grows with every edit without anyone having to keep a counter.
SEQUENCE_EPOCH = datetime(2018, 1, 1, tzinfo=timezone.utc)
STATUS = {"confirmed": EventStatus.CONFIRMED, "tentative": EventStatus.TENTATIVE, "cancelled": EventStatus.CANCELLED}


@dataclass(frozen=True)
class FeedSite:
    """What a feed needs to know about the site it belongs to."""

    uid_domain: str  # e.g. "godigital.lu": UIDs are "<event id>@<uid_domain>"
    calendar_name: str
    calendar_description: str
    feed_url: str  # the https address of calendar.ics in this language
    agenda_url: str
    lang: str
    # The language's typography for the texts people read (French no-break spaces).
    typography: Callable[[str], str] = str


def prodid(lang: str) -> str:
    """The product that wrote the calendar, with the calendar's language (``//FR``, ``//DE``)."""
    return f"-//Go Digital//Agenda//{lang.upper()}"


def event_uid(event: Event, uid_domain: str) -> str:
    """The event's identity in calendars; it never changes (the id is never reused)."""
    return f"{event.id}@{uid_domain}"


# Event id → the moment the event last changed in the feed's language (None: not known).
Revisions = Mapping[str, datetime | None]


def sequence(modified: datetime | None) -> int:
    """The revision number of an event last changed at ``modified``: minutes since SEQUENCE_EPOCH."""
    if modified is None:
        return 0
    return max(0, int((modified - SEQUENCE_EPOCH).total_seconds() // 60))


def calendar_feed(events: Iterable[Event], site: FeedSite, *, built: datetime,
                  event_urls: dict[str, str], extra_text: dict[str, str] | None = None,
                  revisions: Revisions | None = None) -> bytes:
    """The subscription feed: every event, cancelled ones included. An event missing from
    ``revisions`` has its ``updated`` as its revision."""
    events = list(events)
    vevents = _vevents(events, site, built, event_urls, extra_text or {}, revisions)
    return _serialized(_calendar(site, events, vevents, source=site.feed_url))


def event_file(event: Event, site: FeedSite, *, built: datetime, event_url: str,
               extra_text: str | None = None, revision: datetime | None = None) -> bytes:
    """A single event, for "add to my calendar" downloads."""
    vevents = _vevents([event], site, built, {event.id: event_url}, {event.id: extra_text} if extra_text else {},
                       {event.id: revision} if revision else None)
    return _serialized(_calendar(site, [event], vevents, source=None))


def calendar_files(events: Iterable[Event], site: FeedSite, *, built: datetime, event_urls: dict[str, str],
                   extra_text: dict[str, str] | None = None,
                   revisions: Revisions | None = None) -> tuple[bytes, dict[str, bytes]]:
    """The feed and every event's own file at once, as ``calendar_feed`` and ``event_file`` write them.

    Serializing is what icalendar spends its time on, and every event appears
    in two calendars. So each component is serialized once by icalendar and
    the calendars are put together from those parts; tests check that the
    bytes are the same as ``Calendar.to_ical()`` of the whole calendars.
    """
    events = list(events)
    vevents = {event_id: _serialized(vevent)
               for event_id, vevent in _vevents(events, site, built, event_urls, extra_text or {},
                                                revisions).items()}
    feed_head = _serialized(_calendar(site, [], {}, source=site.feed_url))
    file_head = _serialized(_calendar(site, [], {}, source=None))
    feed = _assemble(feed_head, events, vevents)
    files = {event.id: _assemble(file_head, [event], vevents) for event in events}
    return feed, files


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _serialized(component: Component) -> bytes:
    """``component.to_ical()``, which icalendar does not annotate, as the bytes it is."""
    data = component.to_ical()
    if not isinstance(data, bytes):
        raise TypeError(f"icalendar serialized a {type(component).__name__} as {type(data).__name__}")
    return data


def _calendar(site: FeedSite, events: list[Event], vevents: dict[str, CalendarEvent],
              source: str | None) -> Calendar:
    calendar = Calendar.new(
        prodid=prodid(site.lang),
        method="PUBLISH",
        name=site.typography(site.calendar_name),
        description=site.typography(site.calendar_description),
        url=site.agenda_url,
        refresh_interval=REFRESH_INTERVAL if source else None,
        source=source,
    )
    # No calendar-level UID (RFC 7986 allows one; Calendar.new makes a random
    # one): vdirsyncer takes the first UID line of each item it splits off as
    # that item's identity, and would keep a single event per feed.
    del calendar["UID"]
    calendar["CALSCALE"] = "GREGORIAN"
    if source:
        calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986
        # Outlook reads this older name for REFRESH-INTERVAL.
        ttl = vDuration(REFRESH_INTERVAL).to_ical()  # type: ignore[no-untyped-call]  # icalendar leaves it unannotated
        calendar.add("X-PUBLISHED-TTL", ttl.decode())
    for tzid, (first, last) in sorted(_zone_spans(events).items()):
        calendar.add_component(_vtimezone(tzid, first.year, last.year))
    for event in events:
        calendar.add_component(vevents[event.id])
    return calendar


_END = b"END:VCALENDAR\r\n"


def _assemble(head: bytes, events: list[Event], vevents: dict[str, bytes]) -> bytes:
    """A serialized calendar without components, with serialized components put in
    the order ``_calendar`` adds them: time zones, then events."""
    assert head.endswith(_END)
    zones = [_vtimezone_ical(tzid, first.year, last.year)
             for tzid, (first, last) in sorted(_zone_spans(events).items())]
    return head[: -len(_END)] + b"".join(zones) + b"".join(vevents[e.id] for e in events) + _END


def _vevents(events: list[Event], site: FeedSite, built: datetime, event_urls: dict[str, str],
             extra_text: dict[str, str], revisions: Revisions | None) -> dict[str, CalendarEvent]:
    revisions = revisions or {}
    return {event.id: _vevent(event, site, built, event_urls[event.id], extra_text.get(event.id),
                              revisions.get(event.id, event.updated_at))
            for event in events}


def _zone_spans(events: list[Event]) -> dict[str, tuple[date, date]]:
    """The time zones timed events use, with the first and last day they are used."""
    spans: dict[str, tuple[date, date]] = {}
    for event in events:
        if not isinstance(event.start, datetime) or not isinstance(event.end, datetime):
            continue  # an all-day event's dates need no time zone
        first, last = event.start.date(), event.end.date()
        if event.timezone in spans:
            first, last = min(first, spans[event.timezone][0]), max(last, spans[event.timezone][1])
        spans[event.timezone] = (first, last)
    return spans


@lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """VTIMEZONE for a zone, limited to the years the events span (one rebuild per zone and span)."""
    return vtimezone(tzid, first_year, last_year)


@lru_cache(maxsize=64)
def _vtimezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    return _serialized(_vtimezone(tzid, first_year, last_year))


def _vevent(event: Event, site: FeedSite, built: datetime, url: str, extra: str | None,
            modified: datetime | None) -> CalendarEvent:
    lang = site.lang
    description = event.description[lang]
    if extra:
        description = f"{description}\n\n{extra}"
    # A build dated before the event's last change (SOURCE_DATE_EPOCH set back, to see the
    # site as it was on a day) cannot say it was revised later than the day it is built
    # on: its stamps stop at that moment. SEQUENCE still counts from the change itself, so
    # that every change, whatever the build's date, reaches subscribers as a newer one.
    revised = min(modified, built) if modified else None
    stamp = revised or built
    vevent = CalendarEvent.new(
        uid=event_uid(event, site.uid_domain),
        summary=site.typography(event.title[lang]),
        description=site.typography(description),
        start=event.start,
        end=event.end_exclusive,
        stamp=stamp,
        last_modified=revised,
        sequence=sequence(modified),
        status=STATUS[event.status],
        url=url,
        location=site.typography(event.location.text(lang)) if event.location else None,
        classification=CLASS.PUBLIC,
        transparency=TRANSP.TRANSPARENT if event.all_day else TRANSP.OPAQUE,
    )
    if event.location and event.location.latitude is not None:
        vevent.add("GEO", (event.location.latitude, event.location.longitude))
    return vevent
