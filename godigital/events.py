"""The campaign's events, as editors write them in ``data/events.yaml``.

The data classes below are the one definition of the file: their fields' types
say what each field accepts, their ``rules`` what involves several fields, and the
JSON Schema for editors' text editors is generated from them (``godigital.schema``).
``parse_events`` reports every mistake of a file at once, each as a ``Problem``
naming the file, line, event and field, in the editor's language. The site's
languages are a parameter. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pydantic
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import ErrorDetails

from godigital import data_fields as fields
from godigital import yaml_lines
from godigital.messages import message, plural

Status = Literal["confirmed", "tentative", "cancelled"]
SessionLanguage = Literal["lb", "fr", "de", "en"]
STATUSES: tuple[str, ...] = get_args(Status)
SESSION_LANGUAGES: tuple[str, ...] = get_args(SessionLanguage)
DEFAULT_TIMEZONE = "Europe/Luxembourg"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Names an event's page may not take: other pages of the site, in agenda/ or at the
# root where a future layout could put events; the site's language codes too (``_id``).
RESERVED_IDS = frozenset({"index", "search", "assets", "events", "agenda", "calendar", "sitemap",
                          "404", "feed", "static", "javascripts", "stylesheets"})

# Limits, generous for a campaign: beyond them a mistake is far likelier than a real need.
MAX_FILE_BYTES = 1_000_000
MAX_EVENTS = 500
MAX_TEXT = {"title": 200, "description": 5_000, "location.name": 200, "location.address": 500, "organizer.name": 200}
MAX_ID = 60
MAX_PROBLEMS = 30


def _id(value: object, info: pydantic.ValidationInfo) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value) or len(value) > MAX_ID:
        fields.fail("invalid_id", value=fields.show(value))
    if value in RESERVED_IDS | set(fields.languages(info)):
        fields.fail("reserved_id", value=value)
    return value


def _not_this_site(url: str, info: pydantic.ValidationInfo) -> str:
    """The site is static and has no registration form."""
    if (info.context or {}).get("site_host") == fields.bare_host(urlsplit(url).hostname):
        fields.fail("registration_on_this_site", value=fields.show(url))
    return url


RegistrationUrl = Annotated[fields.Url, pydantic.AfterValidator(_not_this_site)]
Title = Annotated[str, *fields.text(MAX_TEXT["title"], name=True, lines=False, markdown=False)]
Description = Annotated[str, *fields.text(MAX_TEXT["description"])]
Name = Annotated[str, *fields.text(MAX_TEXT["location.name"], name=True, markdown=False)]
Address = Annotated[str, *fields.text(MAX_TEXT["location.address"], markdown=False)]
Latitude = Annotated[float, *fields.number(-90, 90)]
Longitude = Annotated[float, *fields.number(-180, 180)]
Zone = Annotated[str, fields.accept(lambda name: ZoneInfo(name) and name, "unknown_timezone", default=DEFAULT_TIMEZONE)]
_KNOWN = ", ".join(SESSION_LANGUAGES)
SessionLanguages = Annotated[
    tuple[Annotated[SessionLanguage, fields.one_of(SESSION_LANGUAGES, "unknown_language", known=_KNOWN)], ...],
    fields.accept(lambda value: value if isinstance(value, list) and value else None, "languages_list", known=_KNOWN),
    *fields.distinct("language_twice")]
RegistrationUrls = Annotated[dict[str, RegistrationUrl], fields.PerLanguage(True, (
    "registration_url_expected", "registration_unknown_language", "registration_url_missing_language"))]


@dataclass(frozen=True)
class Location(fields.Checked):
    """Where an event takes place; texts per site language."""

    __pydantic_config__ = pydantic.ConfigDict(extra="forbid", json_schema_extra={  # as ``rules`` says
        "dependentRequired": {"latitude": ["longitude"], "longitude": ["latitude"]}})
    name: fields.OneOrTranslated[Name]
    address: fields.Omissible[fields.OneOrTranslated[Address]] = None
    latitude: fields.Omissible[Latitude] = None
    longitude: fields.Omissible[Longitude] = None

    def text(self, lang: str) -> str:
        """Name and address on one line, as calendars and map links show a place."""
        parts = [self.name[lang]] + ([self.address[lang]] if self.address else [])
        return ", ".join(" ".join(part.split()) for part in parts)

    @classmethod
    def rules(cls, data: dict[str, Any], values: dict[str, Any], info: pydantic.ValidationInfo) -> fields.Found:
        return ([] if ("latitude" in data) == ("longitude" in data) else [fields.error((), "latitude_longitude")]), {}


@dataclass(frozen=True)
class Organizer(fields.Checked):
    name: fields.OneOrTranslated[Name]
    url: fields.Omissible[fields.Url] = None


@dataclass(frozen=True)
class Registration(fields.Checked):
    """Where people register, per site language, and until when.

    ``closes`` is the last day people can register (a date, inclusive, as
    people write it) or the moment registration ends (a time-zone-aware
    date-time); ``None`` when registration stays open until the event.
    """

    url: RegistrationUrls
    closes: fields.Omissible[fields.Moment] = None

    def closes_at(self, timezone: str) -> datetime | None:
        """The moment registration ends: the end of the closing day for a date."""
        if self.closes is None or isinstance(self.closes, datetime):
            return self.closes
        return datetime.combine(self.closes + timedelta(days=1), time(0), ZoneInfo(timezone))


@dataclass(frozen=True)
class Event(fields.Checked):
    """One event of the campaign.

    ``start`` and ``end`` are dates for an event given by its days (``end``
    inclusive, as people write it) or time-zone-aware date-times for a timed
    one. A day given alone (no ``end``) is its own last day; a start with a
    time needs an end. After checking, ``end`` is always set.
    """

    __pydantic_config__ = pydantic.ConfigDict(extra="forbid", json_schema_extra={  # as ``rules`` says
        "if": {"properties": {"start": {"pattern": fields.DATETIME_PATTERN.pattern}}, "required": ["start"]},
        "then": {"required": ["end"]}})

    id: Annotated[str, pydantic.BeforeValidator(_id), pydantic.Field(json_schema_extra={
        "pattern": ID_PATTERN.pattern, "maxLength": MAX_ID, "x-reserved": sorted(RESERVED_IDS)})]
    title: fields.Translated[Title]
    description: fields.Translated[Description]
    start: fields.Moment
    end: fields.Moment = None  # type: ignore[assignment]  # left out for a single day: set by ``rules``
    timezone: Zone = DEFAULT_TIMEZONE
    location: fields.Omissible[Location] = None
    organizer: fields.Omissible[Organizer] = None
    registration: Annotated[fields.Omissible[Registration], fields.alone("url", RegistrationUrl, Registration)] = None
    languages: SessionLanguages = ()
    status: Annotated[Status, fields.one_of(STATUSES, "not_allowed", choices=", ".join(STATUSES))] = "confirmed"
    updated: fields.Omissible[fields.Moment] = None
    # Dates without times: the whole day (True), or a time not known yet (False).
    whole_day: Annotated[bool, fields.accept({"true": True, "false": False}.get, "whole_day_not_boolean")] = False
    line: SkipJsonSchema[int] = field(default=0, compare=False, init=False)  # set by parse_events

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def end_exclusive(self) -> date | datetime:
        """The end as calendars store it: the day after the last day for all-day events."""
        return self.end + timedelta(days=1) if self.all_day else self.end

    @property
    def updated_at(self) -> datetime | None:
        """``updated`` as checking leaves it: a moment in UTC (a date written alone is its midnight)."""
        return self.updated if isinstance(self.updated, datetime) else None

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    def last_day(self) -> date:
        return self.end.date() if isinstance(self.end, datetime) else self.end

    @property
    def time_known(self) -> bool:
        """False for an event given by its dates only whose time is still to be announced."""
        return not self.all_day or self.whole_day

    @classmethod
    def rules(cls, data: dict[str, Any], values: dict[str, Any], info: pydantic.ValidationInfo) -> fields.Found:
        """Times in the event's time zone; the end after the start, and registration closing before it."""
        errors: fields.Errors = []
        zone = ZoneInfo(values["timezone"]) if "timezone" in values else None

        def local(moment: date | datetime | None, *loc: str) -> date | datetime | None:
            """A date as it is, a time in the event's time zone (None when the clocks skip it there)."""
            if not isinstance(moment, datetime):
                return moment
            aware = fields.local(moment, zone) if zone else None
            if zone and aware is None:
                errors.append(fields.error(loc, "summer_time_gap", value=fields.moment_text(moment), timezone=zone.key))
            return aware

        start, end, updated = (local(values.get(name), name) for name in ("start", "end", "updated"))
        registration = values.get("registration")
        closes = local(registration.closes, "registration", "closes") if registration else None
        timed = isinstance(start, datetime)
        if "end" not in data and start is not None:  # a day alone is its own last day; a time needs an end
            if isinstance(start, datetime):  # the one problem: there is no end to compare with the start
                errors.append(fields.error(("start",), "end_time_missing", start=fields.moment_text(start),
                                           day=start.date().isoformat()))
            end = start
        elif start is not None and end is not None and timed != isinstance(end, datetime):
            errors.append(fields.error(("end",), "start_end_mixed"))
        # An all-day event's end is its last day: the start day itself, or later.
        elif start is not None and end is not None and (end <= start if timed else end < start):
            errors.append(fields.error(("end",), "end_not_after_start" if timed else "end_before_start",
                                       end=fields.moment_text(end), start=fields.moment_text(start)))
        if closes is not None and start is not None and _after_start(closes, start):
            errors.append(fields.error(("registration", "closes"), "registration_closes_after_start",
                                       closes=fields.moment_text(closes), start=fields.moment_text(start)))
        if values.get("whole_day") and isinstance(start, datetime):
            errors.append(fields.error(("whole_day",), "whole_day_with_times"))
        if updated is not None and zone is not None:  # in UTC, as calendars compare it; a date is its midnight
            updated = datetime.combine(updated, time(0), zone) if not isinstance(updated, datetime) else updated
            updated = updated.astimezone(ZoneInfo("UTC"))
        return errors, {"start": start, "end": end, "updated": updated,
                        "registration": registration and dataclasses.replace(registration, closes=closes)}


@dataclass(frozen=True)
class EventsFile(fields.Checked):
    """The whole file: ``events:`` and the list of events, each with its own id."""

    events: Annotated[Annotated[list[Event], pydantic.Field(max_length=MAX_EVENTS)] | None,
                      pydantic.BeforeValidator(lambda value: value or None)]  # "events:" alone: no events

    @classmethod
    def rules(cls, data: dict[str, Any], values: dict[str, Any], info: pydantic.ValidationInfo) -> fields.Found:
        ids = [_event_id(data, ("events", index)) for index in range(len(data.get("events") or ""))]
        line = (info.context or {})["line"]  # the line of the event that has the id first
        return [fields.error(("events", at, "id"), "duplicate_id", id=ident, line=line(("events", ids.index(ident))))
                for at, ident in enumerate(ids) if ident and ident in ids[:at]], {}


@dataclass(frozen=True)
class Problem:
    """One mistake in the events file, worded for the editor who made it."""

    file: str
    line: int
    message: str
    event_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [message("where_line", file=self.file, line=self.line)]
        if self.event_id:
            where.append(message("where_event", event=self.event_id))
        if self.field:
            where.append(message("where_field", field=self.field))
        return f"{', '.join(where)}{message('separator')}{self.message}"


class EventDataError(Exception):
    """The events file has mistakes; ``problems`` lists every one of them (the message, the first few)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = message("events_header_one" if count == 1 else "events_header_many", count=count)
        lines = [header, *(f"  - {p}" for p in problems[:MAX_PROBLEMS])]
        if count > MAX_PROBLEMS:
            lines.append("  " + plural("more_problems", count - MAX_PROBLEMS))
        super().__init__("\n".join(lines))


def load_events(path: Path | str, display_name: str | None = None, *, languages: Sequence[str],
                site_url: str | None = None) -> list[Event]:
    """Read and check an events file; raise ``EventDataError`` on any mistake. With ``site_url``, a
    registration address on this site is a mistake too: the site is static and has no registration form."""
    name = display_name or str(path)
    try:
        text = yaml_lines.read_file(Path(path), MAX_FILE_BYTES, "events_file_too_large", "events_file_missing")
    except yaml_lines.Unreadable as unreadable:
        raise EventDataError([Problem(name, unreadable.line, str(unreadable))]) from None
    return parse_events(text, name, languages=languages, site_url=site_url)


def parse_events(text: str, file: str = "data/events.yaml", *, languages: Sequence[str],
                 site_url: str | None = None) -> list[Event]:
    """Check the YAML text of an events file and return its events in order; ``languages``
    are the site's, each translated text needs one per language."""
    try:
        marked = yaml_lines.load_data(text, MAX_FILE_BYTES, "events_file_too_large")
    except yaml_lines.Unreadable as unreadable:
        raise EventDataError([Problem(file, unreadable.line, str(unreadable))]) from None
    if marked.data is None:
        raise EventDataError([Problem(file, 1, message("events_file_empty"))])
    problems = [Problem(file, line, message("given_twice", name=path[-1]), _event_id(marked.data, path),
                        _field(path)) for path, line in marked.duplicates.items()]
    context = {"languages": tuple(languages), "line": marked.line,
               "site_host": fields.bare_host(urlsplit(site_url).hostname) if site_url else None}
    try:
        events = _ADAPTER.validate_python(marked.data, context=context).events or []
    except pydantic.ValidationError as invalid:
        problems += [_problem(details, marked, file, languages) for details in invalid.errors()]
    if problems:
        raise EventDataError(sorted(problems, key=lambda p: p.line))
    for index, event in enumerate(events):
        object.__setattr__(event, "line", marked.line(("events", index)))  # frozen, and no field of the file
    return events


_ADAPTER = pydantic.TypeAdapter(EventsFile)


# What a problem says when Pydantic found it, beyond ``data_fields.wording``.
_MISSING = {"events": "events_start", "location.name": "location_name_missing",
            "organizer.name": "organizer_name_missing", "registration.url": "registration_url_missing"}
_GROUPS: dict[tuple[str, ...], type[fields.Checked]] = {(): EventsFile, ("events",): Event, **{
    ("events", group.__name__.lower()): group for group in (Location, Organizer, Registration)}}


def _problem(details: ErrorDetails, marked: yaml_lines.Marked, file: str, languages: Sequence[str]) -> Problem:
    loc = details["loc"]
    kind, context = fields.wording(details, _GROUPS, languages=", ".join(languages), first=languages[0])
    if kind == "field_missing":
        kind = _MISSING.get(_field(loc) or "", kind)
    elif kind in ("list_type", "too_long"):
        kind, context = ("events_not_a_list", {}) if kind == "list_type" else (
            "too_many_events", {"count": context["actual_length"], "limit": context["max_length"]})
    line = marked.line_holding(loc, context["written"]) if "written" in context else marked.line(loc)
    return Problem(file, line, message(kind, **context), _event_id(marked.data, loc), _field(loc))


def _field(loc: Sequence[str | int]) -> str | None:
    """``location.name``: the field at ``loc`` inside its event (list indexes left out)."""
    inside = loc[2:] if loc[:1] == ("events",) else loc
    return ".".join(part for part in inside if isinstance(part, str)) or None


def _event_id(data: Any, loc: Sequence[str | int]) -> str | None:
    """The id of the event at ``loc``, if it is a valid one, so that every problem can name the event."""
    try:
        value = data["events"][loc[1]]["id"] if loc[:1] == ("events",) else None
    except (KeyError, IndexError, TypeError):
        value = None
    return value if isinstance(value, str) and ID_PATTERN.fullmatch(value) and len(value) <= MAX_ID else None


def _after_start(closes: date | datetime, start: date | datetime) -> bool:
    """Registration closing after the event starts, at the precision the editor wrote."""
    if isinstance(closes, datetime) and isinstance(start, datetime):
        return closes > start
    first_day = start.date() if isinstance(start, datetime) else start
    return (closes.date() if isinstance(closes, datetime) else closes) > first_day
