"""What the agenda and the event pages show, derived from the events.

Addresses of an event's page and calendar files, the one state an event is in
at the build time (its badge), "add to my calendar" and "subscribe" links for
the calendars readers use, a map link, and schema.org structured data. Markup
lives in the theme's templates (``overrides/partials/agenda*.html``), not here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, urlencode, urljoin

from defusedxml import DefusedXmlException, ElementTree
from PIL import Image

from godigital import event_history, typography
from godigital.dates import LUXEMBOURG, event_when, is_past, moment_when
from godigital.docs_files import IMAGE_TYPES
from godigital.events import Event, Location

FEED_NAME = "calendar.ics"
AGENDA_PAGE = "agenda"


# -----------------------------------------------------------------------------
# Addresses
# -----------------------------------------------------------------------------


def language_root(lang: str, *, default: str) -> str:
    """``""`` for the site's default language, ``"de/"`` for the others."""
    return "" if lang == default else f"{lang}/"


def agenda_path(lang: str, *, default: str) -> str:
    return f"{language_root(lang, default=default)}{AGENDA_PAGE}/"


def page_path(event: Event, lang: str, *, default: str) -> str:
    """The event page, relative to the site root: ``agenda/<id>/`` or ``de/agenda/<id>/``."""
    return f"{agenda_path(lang, default=default)}{event.id}/"


def event_file_path(event: Event, lang: str, *, default: str) -> str:
    return f"{language_root(lang, default=default)}events/{event.id}.ics"


def feed_path(lang: str, *, default: str) -> str:
    return f"{language_root(lang, default=default)}{FEED_NAME}"


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url.rstrip("/") + "/", path)


def webcal(url: str) -> str:
    """The subscription form of an https address, which calendar apps open directly."""
    return "webcal://" + url.split("://", 1)[1]


def summary(text: str, limit: int = 160, *, lang: str) -> str:
    """A description for search engines' snippets and link previews, at most ``limit`` characters.

    Whole when it fits. Otherwise cut after the last sentence that fits, if
    that keeps at least half of the room; else after the last whole word,
    with the language's ellipsis (``typography.ellipsis``). Never a sentence's end followed
    by an ellipsis, never half a word (unless one word fills the room).
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= limit]
    if ends and ends[-1] >= limit // 2:
        return text[:ends[-1]]
    ellipsis = typography.ellipsis(lang)
    room = limit - len(ellipsis)
    cut = text[:room]
    if text[room] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(" ,;:…–—-«„‚(")
    if cut.endswith((".", "!", "?")):
        return cut
    return cut + ellipsis


# A sentence ends with . ! ? or … (and closing quotes or brackets, a French
# one after a space), then a space.
_SENTENCE_END = re.compile(r"[.!?…](?: ?[»“”\"')\]])*(?= )")


# An agenda marker in a page ("<!-- hooks/agenda.py... -->", the name editors'
# pages have always used), whatever follows the name.
_MARKER_PATTERN = re.compile(r"<!--\s*hooks/agenda\.py\b.*?-->", re.S)


def unknown_marker(markdown: str, known: Iterable[str]) -> str | None:
    """The first agenda marker in a page that is none of ``known``
    (such as a misspelt ``<!-- hooks/agenda.py: nxet -->``), which would
    otherwise stay an invisible comment."""
    known = set(known)
    for found in _MARKER_PATTERN.finditer(markdown):
        if found.group(0) not in known:
            return found.group(0)
    return None


def split_agenda(events: Iterable[Event], today: date) -> tuple[list[Event], list[Event]]:
    """Upcoming events (soonest first) and past ones (latest first)."""
    events = list(events)
    upcoming = sorted((e for e in events if not is_past(e, today)), key=_start_key)
    past = sorted((e for e in events if is_past(e, today)), key=_start_key, reverse=True)
    return upcoming, past


# What the agenda can say on a given day (``campaign_state``).
UPCOMING, OVER, NONE_YET = "upcoming", "over", "none"


def campaign_state(events: Iterable[Event], today: date) -> str:
    """``UPCOMING`` while an event that is not cancelled is still to come; ``OVER`` once none is
    (every event past or cancelled): the campaign then points to its partners instead of inviting
    readers to subscribe; ``NONE_YET`` before any event is announced."""
    events = list(events)
    if any(not e.cancelled and not is_past(e, today) for e in events):
        return UPCOMING
    return OVER if events else NONE_YET


def next_or_latest(events: Iterable[Event], today: date, latest: int = 2) -> tuple[list[Event], bool]:
    """What a page shows of the agenda in brief: the next event that is not
    cancelled, or, when none is upcoming, the ``latest`` most recent past ones.
    The flag says which: True for the next event."""
    upcoming, past = split_agenda(events, today)
    upcoming = [e for e in upcoming if not e.cancelled]
    if upcoming:
        return upcoming[:1], True
    return [e for e in past if not e.cancelled][:latest], False


def _start_key(event: Event) -> tuple[datetime, str]:
    start = event.start
    if not isinstance(start, datetime):
        start = datetime(start.year, start.month, start.day, tzinfo=timezone.utc)
    return start.astimezone(timezone.utc), event.id


# -----------------------------------------------------------------------------
# What the build date says about an event
# -----------------------------------------------------------------------------

REGISTRATION_OPEN, REGISTRATION_CLOSED = "open", "closed"


def registration_state(event: Event, now: datetime) -> str | None:
    """``"open"`` while people can register, ``"closed"`` once the closing
    date has passed before the event, ``None`` when there is nothing to say:
    no registration address, a cancelled event, or an event that is over."""
    if event.registration is None or event.cancelled or is_over(event, now):
        return None
    closes_at = event.registration.closes_at(event.timezone)
    if closes_at is not None and now >= closes_at:
        return REGISTRATION_CLOSED
    return REGISTRATION_OPEN


def time_to_be_announced(event: Event, now: datetime) -> bool:
    """Only an upcoming event still on can have a time to announce; a past one has none."""
    return not event.time_known and _still_to_come(event, now)


def venue_to_be_announced(event: Event, now: datetime) -> bool:
    return event.location is None and _still_to_come(event, now)


def _still_to_come(event: Event, now: datetime) -> bool:
    return not event.cancelled and not is_over(event, now)


def is_over(event: Event, now: datetime) -> bool:
    """Over once its last day is (the day the agenda is split on), or, for a
    timed event, once its end has passed: a rebuild in the evening does not
    call a morning's workshop upcoming."""
    return is_past(event, _day(now)) or (isinstance(event.end, datetime) and now >= event.end)


# The one state an event's badge shows, on its page and on every card.
CANCELLED, PAST, NOW, TENTATIVE, UPCOMING = "cancelled", "past", "now", "tentative", "upcoming"


def event_state(event: Event, now: datetime, previous_starts: tuple[date | datetime, ...] = ()) -> str:
    """What readers most need to know of an event at the build time ``now``, in one word:
    ``cancelled``; ``past`` once it is over; ``now`` while it takes place; ``postponed``
    or ``brought_forward`` when its start changed since it was announced (``moved``);
    ``tentative`` while its date is provisional; else ``upcoming``."""
    if event.cancelled:
        return CANCELLED
    if is_over(event, now):
        return PAST
    if _taking_place(event, now):
        return NOW
    return moved(event, previous_starts) or (TENTATIVE if event.status == TENTATIVE else UPCOMING)


def _taking_place(event: Event, now: datetime) -> bool:
    if isinstance(event.start, datetime):
        return event.start <= now
    return event.start <= _day(now)


def _day(now: datetime) -> date:
    """The build's day in Luxembourg, the day the agenda is split on."""
    return now.astimezone(LUXEMBOURG).date()


# -----------------------------------------------------------------------------
# "Add to my calendar" links
# -----------------------------------------------------------------------------


def google_calendar_link(event: Event, lang: str, details: str) -> str:
    """Google Calendar's "add this event" page; ``details`` is given typeset, the title and venue are here."""
    text = typography.text_rules(lang)
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        dates = f"{_utc(event.start):%Y%m%dT%H%M%SZ}/{_utc(event.end):%Y%m%dT%H%M%SZ}"
    else:
        dates = f"{event.start:%Y%m%d}/{event.end_exclusive:%Y%m%d}"
    query = {"action": "TEMPLATE", "text": text(event.title[lang]), "dates": dates,
             "details": details, "ctz": event.timezone}
    if event.location:
        query["location"] = text(event.location.text(lang))
    return "https://calendar.google.com/calendar/render?" + urlencode(query, quote_via=quote)


def outlook_link(event: Event, lang: str, details: str) -> str:
    """Outlook's "new event" page; ``details`` is given typeset, the title and venue are here."""
    text = typography.text_rules(lang)
    if event.all_day:
        start, end = event.start.isoformat(), event.end_exclusive.isoformat()
    else:
        start, end = event.start.isoformat(), event.end.isoformat()
    query = {"path": "/calendar/action/compose", "rru": "addevent", "subject": text(event.title[lang]),
             "startdt": start, "enddt": end, "body": details}
    if event.all_day:
        query["allday"] = "true"
    if event.location:
        query["location"] = text(event.location.text(lang))
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query, quote_via=quote)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


# -----------------------------------------------------------------------------
# Subscribing to the feed, the ways readers' calendars take it
# -----------------------------------------------------------------------------


def google_subscription_link(feed_url: str) -> str:
    """Google Calendar's "add this calendar" page for the feed (it takes the webcal:// form)."""
    return "https://calendar.google.com/calendar/render?cid=" + quote(webcal(feed_url), safe="")


def outlook_subscription_link(feed_url: str, name: str) -> str:
    """Outlook.com's "subscribe from the web" page for the feed, under the calendar's name."""
    return "https://outlook.live.com/calendar/0/addfromweb?" + urlencode({"url": feed_url, "name": name},
                                                                       quote_via=quote)


def subscription_links(feed_url: str, name: str) -> dict[str, str]:
    """Every way the agenda offers to subscribe: calendar apps (webcal), Google, Outlook.com, the address."""
    return {"webcal": webcal(feed_url), "google": google_subscription_link(feed_url),
            "outlook": outlook_subscription_link(feed_url, name), "https": feed_url}


# -----------------------------------------------------------------------------
# Where it is, and passing it on
# -----------------------------------------------------------------------------


def map_link(location: Location | None) -> str | None:
    """The place on OpenStreetMap (a link, nothing loaded from there), when the event has coordinates."""
    if location is None or location.latitude is None or location.longitude is None:
        return None
    lat, lon = _coordinate(location.latitude), _coordinate(location.longitude)
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _coordinate(value: float) -> str:
    """As written, in plain digits (``49.61``, never ``1e-05``)."""
    return format(Decimal(repr(value)), "f")


# An event's picture: the image of docs/assets/images/agenda/ named after its id.
PICTURES = "assets/images/agenda/"


def event_pictures(src_uris: Iterable[str], event_ids: Iterable[str]) -> tuple[dict[str, str], list[Stray]]:
    """Each event's picture (by id, its path from the site's root) among the shared files
    ``src_uris``, and the images of that folder that are no event's picture."""
    ids = set(event_ids)
    pictures: dict[str, str] = {}
    strays: list[Stray] = []
    for src_uri in sorted(src_uris):
        name = src_uri.removeprefix(PICTURES)
        stem, dot, suffix = name.rpartition(".")
        if name == src_uri or "/" in name or not dot or f".{suffix.lower()}" not in IMAGE_TYPES | {".svg"}:
            continue
        if stem in pictures:
            strays.append(Stray(src_uri, stem, pictures[stem]))
        elif stem in ids:
            pictures[stem] = src_uri
        else:
            strays.append(Stray(src_uri, stem, None))
    return pictures, strays


def picture_size(path: Path) -> tuple[int, int] | None:
    """A picture's width and height in CSS pixels, for its ``<img>``: the browser keeps
    the picture's place before the file arrives, so nothing below it moves. An SVG's
    are its root's ``width`` and ``height`` in pixels, else its ``viewBox``; ``None``
    when the file tells neither (the picture still shows, only without its place kept)."""
    if path.suffix.lower() != ".svg":
        try:
            with Image.open(path) as image:  # reads the header only
                return image.size
        except (OSError, Image.DecompressionBombError):
            return None
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError, DefusedXmlException):
        return None
    width, height = (_svg_pixels(root.get(side)) for side in ("width", "height"))
    if width and height:
        return width, height
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        box_width, box_height = (float(n) for n in box[2:4])
    except ValueError:
        return None
    if len(box) == 4 and box_width > 0 and box_height > 0:
        return round(box_width), round(box_height)
    return None


def _svg_pixels(value: str | None) -> int | None:
    """``560`` or ``560px`` as a whole number of pixels; ``None`` for ``100%``, ``12em``..."""
    number = (value or "").strip().removesuffix("px")
    try:
        pixels = float(number)
    except ValueError:
        return None
    return round(pixels) if pixels > 0 else None


class Stray(NamedTuple):
    """An image in the pictures' folder that is no event's picture: named after no event
    (``other`` None), or the second one named after an event (``other``, the first)."""

    src_uri: str
    event_id: str
    other: str | None


def email_link(title: str, page_url: str) -> str:
    """Sharing without script: an e-mail to write, with the event's title and address."""
    return "mailto:?" + urlencode({"subject": title, "body": page_url}, quote_via=quote)


# -----------------------------------------------------------------------------
# Structured data (schema.org Event, as Google's event results read it)
# -----------------------------------------------------------------------------


def moved(event: Event, previous_starts: tuple[date | datetime, ...]) -> str | None:
    """``"postponed"`` or ``"brought_forward"`` for an event on (not cancelled) whose start changed
    since it was announced (``previous_starts``, oldest first, from git history); None otherwise."""
    if event.cancelled or not previous_starts:
        return None
    return event_history.moved(previous_starts[-1], event.start)


def moved_note(labels: dict[str, str], move: str, previous_when: str) -> str:
    """The sentence a calendar's description gives a moved event: "Postponed. First announced for …"."""
    return f"{labels['status_' + move]}. {labels['previously_announced']} {previous_when}."


def event_structured_data(event: Event, lang: str, page_url: str, now: datetime,
                          previous_starts: tuple[date | datetime, ...] = ()) -> dict[str, Any]:
    """The event for search engines, its texts set in the language's typography like the page's."""
    text = typography.text_rules(lang)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page_url,
        "name": text(event.title[lang]),
        "description": text(event.description[lang]),
        "url": page_url,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
    }
    # Cancelled or moved, it says so; still to come, scheduled. Once over, nothing: the
    # site does not know whether it took place as planned.
    if event.cancelled:
        data["eventStatus"] = "https://schema.org/EventCancelled"
    elif moved(event, previous_starts):
        data["eventStatus"] = "https://schema.org/EventRescheduled"
    elif not is_over(event, now):
        data["eventStatus"] = "https://schema.org/EventScheduled"
    if moved(event, previous_starts):
        data["previousStartDate"] = [start.isoformat() for start in previous_starts]
    if event.languages:
        data["inLanguage"] = list(event.languages)
    if event.location:
        place: dict[str, Any] = {"@type": "Place", "name": text(event.location.name[lang])}
        if event.location.address:
            place["address"] = text(" ".join(event.location.address[lang].split()))
        if event.location.latitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": event.location.latitude,
                            "longitude": event.location.longitude}
        data["location"] = place
        # In person at a place: said only when the data names one (no venue, no claim either way).
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    if event.organizer:
        organizer: dict[str, Any] = {"@type": "Organization", "name": text(event.organizer.name[lang])}
        if event.organizer.url:
            organizer["url"] = event.organizer.url
        data["organizer"] = organizer
    # An offer to register only while people can.
    if event.registration and registration_state(event, now) == REGISTRATION_OPEN:
        offer: dict[str, Any] = {"@type": "Offer", "url": event.registration.url[lang]}
        closes_at = event.registration.closes_at(event.timezone)
        if closes_at is not None:
            offer["validThrough"] = closes_at.isoformat()
        data["offers"] = offer
    return data


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element: no "</script>" can close it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


# -----------------------------------------------------------------------------
# What a template receives for one event
# -----------------------------------------------------------------------------


def event_view(event: Event, lang: str, site_url: str, labels: dict[str, str], now: datetime,
               *, default: str, previous_starts: tuple[date | datetime, ...] = (),
               picture: str | None = None, picture_size: tuple[int, int] | None = None) -> dict[str, Any]:
    """Everything a template shows of an event at the build time ``now``:
    its facts, and what the date says about it (its state, registration open
    or closed, time or venue still to be announced). ``default`` is the site's
    default language, whose pages are at the root; ``previous_starts`` the
    starts it was announced with before (git history), for "postponed";
    ``picture`` its picture's address from the site's root, if it has one, and
    ``picture_size`` its width and height (``picture_size``)."""
    page_url = absolute(site_url, page_path(event, lang, default=default))
    registration = registration_state(event, now)
    closes = event.registration.closes if event.registration else None
    # What Google Calendar and Outlook receive: the event's text in the language's typography, like the page's.
    text = typography.text_rules(lang)
    details = f"{text(event.description[lang])}\n\n{text(labels['event_page_line'])} {page_url}"
    move = moved(event, previous_starts)
    return {
        "event": event,
        "id": event.id,
        "title": event.title[lang],
        "description": event.description[lang],
        "when": event_when(event, lang, labels),
        "location": event.location.text(lang) if event.location else "",
        "organizer": event.organizer.name[lang] if event.organizer else None,
        "organizer_url": event.organizer.url if event.organizer else None,
        "languages": [labels[f"language_{code}"] for code in event.languages],
        "page_path": page_path(event, lang, default=default),
        "page_url": page_url,
        "ics_path": event_file_path(event, lang, default=default),
        "google_link": google_calendar_link(event, lang, details),
        "outlook_link": outlook_link(event, lang, details),
        "structured_data": script_json(event_structured_data(event, lang, page_url, now, previous_starts)),
        "moved": move,
        "previous_start": previous_starts[-1].isoformat() if move else None,
        "previous_when": moment_when(previous_starts[-1], lang, labels) if move else None,
        "moved_note": moved_note(labels, move, moment_when(previous_starts[-1], lang, labels)) if move else None,
        "state": event_state(event, now, previous_starts),
        "start_iso": event.start.isoformat(),
        "map_url": map_link(event.location),
        "email_link": email_link(event.title[lang], page_url),
        "picture": picture,
        "picture_size": picture_size,
        "upcoming": not is_over(event, now),
        "registration": registration,
        "registration_url": event.registration.url[lang]
        if event.registration and registration == REGISTRATION_OPEN else None,
        "registration_closes": moment_when(closes, lang, labels) if registration and closes else None,
        "time_tba": time_to_be_announced(event, now),
        "location_tba": venue_to_be_announced(event, now),
    }
