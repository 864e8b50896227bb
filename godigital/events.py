"""The campaign's events, as editors write them in ``data/events.yaml``.

``load_events`` reads and checks the file. Every mistake an editor can make is
reported as a ``Problem`` that names the file, the line, the event and the
field, and says what is expected; all problems of a file are reported at once.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

# libyaml's loader when PyYAML has it (it keeps line numbers too); several times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LANGUAGES = ("fr", "de")
SESSION_LANGUAGES = ("lb", "fr", "de", "en")
STATUSES = ("confirmed", "tentative", "cancelled")
DEFAULT_TIMEZONE = "Europe/Luxembourg"

FIELDS = (
    "id", "title", "description", "start", "end", "timezone", "location",
    "organizer", "registration", "languages", "status", "updated",
)
REQUIRED = ("id", "title", "description", "start", "end")
LOCATION_FIELDS = ("name", "address", "latitude", "longitude")
ORGANIZER_FIELDS = ("name", "url")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$")
HTML_PATTERN = re.compile(r"</?[a-zA-Z!][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;")
MARKDOWN_PATTERN = re.compile(r"[*_`]{1,2}\S|\[[^\]]*\]\(|^\s*(#|>|-\s|\d+\.\s)|!\[")
CONTROL_PATTERN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """Where an event takes place; texts per site language."""

    name: dict[str, str]
    address: dict[str, str] | None = None
    latitude: float | None = None
    longitude: float | None = None


    def text(self, lang: str) -> str:
        """Name and address on one line, as calendars and map links show a place."""
        parts = [self.name[lang]] + ([self.address[lang]] if self.address else [])
        return ", ".join(" ".join(part.split()) for part in parts)


@dataclass(frozen=True)
class Organizer:
    name: dict[str, str]
    url: str | None = None


@dataclass(frozen=True)
class Event:
    """One event of the campaign.

    ``start`` and ``end`` are dates for an all-day event (``end`` inclusive, as
    people write it) or time-zone-aware date-times for a timed one.
    """

    id: str
    title: dict[str, str]
    description: dict[str, str]
    start: date | datetime
    end: date | datetime
    timezone: str = DEFAULT_TIMEZONE
    location: Location | None = None
    organizer: Organizer | None = None
    registration: str | None = None
    languages: tuple[str, ...] = ()
    status: str = "confirmed"
    updated: datetime | None = None
    line: int = field(default=0, compare=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def end_exclusive(self) -> date | datetime:
        """The end as calendars store it: the day after the last day for all-day events."""
        return self.end + timedelta(days=1) if self.all_day else self.end

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    def last_day(self) -> date:
        return self.end if self.all_day else self.end.date()


@dataclass(frozen=True)
class Problem:
    """One mistake in the events file, worded for the editor who made it."""

    file: str
    line: int
    message: str
    event_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [f"{self.file}, line {self.line}"]
        if self.event_id:
            where.append(f"event '{self.event_id}'")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


class EventDataError(Exception):
    """The events file has mistakes; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count > 1 else ''} in the events file:"
        super().__init__("\n".join([header, *(f"  - {p}" for p in problems)]))


# -----------------------------------------------------------------------------
# Loading
# -----------------------------------------------------------------------------


def load_events(path: Path | str, display_name: str | None = None) -> list[Event]:
    """Read and check an events file; raise ``EventDataError`` on any mistake."""
    path = Path(path)
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EventDataError([Problem(name, 1, "the file does not exist. Create it with an 'events:' list.")]) from None
    except UnicodeDecodeError as error:
        raise EventDataError([Problem(name, 1, f"the file is not UTF-8 text ({error.reason}). Save it as UTF-8.")]) from None
    return parse_events(text, name)


def parse_events(text: str, file: str = "data/events.yaml") -> list[Event]:
    """Check the YAML text of an events file and return its events in order."""
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or error.context or "the text is not valid YAML"
        raise EventDataError([Problem(
            file, line,
            f"the YAML is malformed ({what}). Check indentation, colons and quotes on this line or the one before.",
        )]) from None
    except yaml.YAMLError as error:
        raise EventDataError([Problem(file, 1, f"the YAML is malformed ({error}).")]) from None

    reader = _Reader(file)
    events = reader.read_file(root)
    if reader.problems:
        raise EventDataError(sorted(reader.problems, key=lambda p: p.line))
    return events


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null"


class _Reader:
    """Walks the YAML node tree, so that every problem keeps its line number."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self._event_id: str | None = None

    def problem(self, node: yaml.Node | int, message: str, field: str | None = None) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.problems.append(Problem(self.file, line, message, self._event_id, field))

    # -- structure ----------------------------------------------------------

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...], field: str | None) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"expected a list of 'name: value' lines, one per field ({', '.join(allowed)}).", field)
            return None
        items: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            name = f"{field}.{key}" if field else key
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                self.problem(key_node, f"unknown field '{key}'.{hint} Allowed fields: {', '.join(allowed)}.", name)
            elif key in items:
                self.problem(key_node, f"'{key}' is given twice. Keep only one.", name)
            else:
                items[key] = value_node
        return items

    def read_file(self, root: yaml.Node | None) -> list[Event]:
        if root is None:
            self.problem(1, "the file is empty. It must start with 'events:' followed by a list of events.")
            return []
        top = self.mapping(root, ("events",), None)
        if top is None:
            return []
        if "events" not in top:
            self.problem(root, "the file must start with 'events:' followed by a list of events.")
            return []
        node = top["events"]
        if isinstance(node, yaml.ScalarNode) and (not _plain(node) or node.value == ""):
            return []  # "events:" with nothing after it: an agenda without events
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'events:' must be followed by a list, each event starting with '- id:'.")
            return []

        events: list[Event] = []
        seen: dict[str, int] = {}
        for item in node.value:
            event = self.read_event(item)
            if event is None:
                continue
            if event.id in seen:
                self._event_id = event.id
                self.problem(item, f"the id '{event.id}' is already used by the event on line {seen[event.id]}. "
                                   "Every event needs its own id.", "id")
                self._event_id = None
                continue
            seen[event.id] = event.line
            events.append(event)
        return events

    # -- one event ------------------------------------------------------------

    def read_event(self, node: yaml.Node) -> Event | None:
        self._event_id = _peek_id(node)
        count = len(self.problems)
        fields = self.mapping(node, FIELDS, None)
        if fields is None:
            return None

        event_id = self.read_id(fields.get("id"), node)
        self._event_id = event_id
        for name in REQUIRED:
            if name not in fields:
                self.problem(node, f"the field '{name}' is missing. {_HOW_TO[name]}", name)

        title = self.translated(fields.get("title"), "title", markdown_allowed=False)
        description = self.translated(fields.get("description"), "description", multiline=True)
        timezone = self.read_timezone(fields.get("timezone"))
        start = self.moment(fields.get("start"), "start", timezone)
        end = self.moment(fields.get("end"), "end", timezone)
        if start is not None and end is not None:
            self.check_order(start, end, fields["end"])
        location = self.read_location(fields.get("location"))
        organizer = self.read_organizer(fields.get("organizer"))
        registration = self.url(fields.get("registration"), "registration")
        languages = self.read_languages(fields.get("languages"))
        status = self.choice(fields.get("status"), "status", STATUSES) or "confirmed"
        updated = self.read_updated(fields.get("updated"), timezone)

        if len(self.problems) > count or event_id is None or title is None or description is None \
                or start is None or end is None:
            return None
        return Event(
            id=event_id, title=title, description=description, start=start, end=end,
            timezone=timezone or DEFAULT_TIMEZONE, location=location, organizer=organizer,
            registration=registration, languages=languages, status=status, updated=updated,
            line=_line(node),
        )

    def read_id(self, node: yaml.Node | None, event_node: yaml.Node) -> str | None:
        if node is None:
            return None
        if not _plain(node) or not ID_PATTERN.match(node.value) or len(node.value) > 60:
            self.problem(node, f"'{_show(node)}' is not a valid id. Use lower-case letters, digits and "
                               "single hyphens, such as 'digital-day-2018' (60 characters at most).", "id")
            return None
        return node.value

    def text(self, node: yaml.Node, field: str, *, markdown_allowed: bool = True, multiline: bool = False) -> str | None:
        if not _plain(node):
            self.problem(node, "expected a text.", field)
            return None
        value = node.value.strip()
        if not value:
            self.problem(node, "the text is empty. Write the text or remove the field.", field)
        elif CONTROL_PATTERN.search(value):
            self.problem(node, "the text contains invisible control characters. Retype it.", field)
        elif HTML_PATTERN.search(value):
            self.problem(node, "the text contains HTML. Write plain text: the site adds the formatting.", field)
        elif not markdown_allowed and MARKDOWN_PATTERN.search(value):
            self.problem(node, "the text contains Markdown formatting (such as *, _, `, # or [link](...)). "
                               "Write plain text.", field)
        elif not multiline and "\n" in value:
            self.problem(node, "the text must fit on one line.", field)
        else:
            return value
        return None

    def translated(self, node: yaml.Node | None, field: str, **rules) -> dict[str, str] | None:
        """A text per site language: ``fr:`` and ``de:``."""
        if node is None:
            return None
        items = self.mapping(node, LANGUAGES, field)
        if items is None:
            return None
        texts = {}
        for lang in LANGUAGES:
            if lang not in items:
                self.problem(node, f"the {_LANGUAGE_NAMES[lang]} text is missing. Add a line '{lang}: ...'.",
                             f"{field}.{lang}")
                continue
            value = self.text(items[lang], f"{field}.{lang}", **rules)
            if value is not None:
                texts[lang] = value
        return texts if len(texts) == len(LANGUAGES) else None

    def same_or_translated(self, node: yaml.Node | None, field: str) -> dict[str, str] | None:
        """A text that is the same in both languages, or one per language."""
        if node is None:
            return None
        if _plain(node):
            value = self.text(node, field, markdown_allowed=False, multiline=True)
            return {lang: value for lang in LANGUAGES} if value is not None else None
        return self.translated(node, field, markdown_allowed=False, multiline=True)

    def read_timezone(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return DEFAULT_TIMEZONE
        if _plain(node):
            try:
                ZoneInfo(node.value)
                return node.value
            except (ZoneInfoNotFoundError, ValueError):
                pass
        self.problem(node, f"'{_show(node)}' is not a known time zone. Use a name such as "
                           f"'{DEFAULT_TIMEZONE}', or leave the field out.", "timezone")
        return None

    def moment(self, node: yaml.Node | None, field: str, timezone: str | None) -> date | datetime | None:
        if node is None:
            return None
        value = node.value if _plain(node) else ""
        expected = ("Write a date as 2018-03-20 (an all-day event) or a local date and time as "
                    "2018-03-20T09:00.")
        if match := DATE_PATTERN.match(value):
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                self.problem(node, f"{value} is not a date that exists. Check the day and the month.", field)
                return None
        if match := DATETIME_PATTERN.match(value):
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
            try:
                local = datetime(y, mo, d, h, mi, s)
            except ValueError:
                self.problem(node, f"{value} is not a date and time that exists. Check the day, month and hour.",
                             field)
                return None
            if timezone is None:
                return None
            zone = ZoneInfo(timezone)
            aware = local.replace(tzinfo=zone)
            if aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != local:
                self.problem(node, f"{value} does not exist in {timezone}: the clocks skip that hour "
                                   "when summer time starts. Choose another time.", field)
                return None
            return aware
        self.problem(node, f"'{_show(node)}' is not a date. {expected}", field)
        return None

    def check_order(self, start: date | datetime, end: date | datetime, end_node: yaml.Node) -> None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            self.problem(end_node, "the start and the end must both be dates (an all-day event) "
                                   "or both dates with a time.", "end")
        elif isinstance(start, datetime) and end <= start:
            self.problem(end_node, f"the end ({end:%Y-%m-%dT%H:%M}) is not after the start "
                                   f"({start:%Y-%m-%dT%H:%M}). Put a later time.", "end")
        elif not isinstance(start, datetime) and end < start:
            self.problem(end_node, f"the end ({end}) is before the start ({start}). "
                                   "Put a date on or after the start (the end date is the last day).", "end")

    def url(self, node: yaml.Node | None, field: str) -> str | None:
        if node is None:
            return None
        value = node.value.strip() if _plain(node) else ""
        parts = urlsplit(value) if value else None
        if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
                or re.search(r"[\s\"'<>\\^`{|}]", value)):
            self.problem(node, f"'{_show(node)}' is not a web address. Write a full address starting "
                               "with https://, such as https://www.godigital.lu.", field)
            return None
        return value

    def number(self, node: yaml.Node | None, field: str, low: float, high: float) -> float | None:
        if node is None:
            return None
        try:
            value = float(node.value) if _plain(node) else None
        except ValueError:
            value = None
        if value is None or not (low <= value <= high):
            self.problem(node, f"'{_show(node)}' is not a number between {low:g} and {high:g}.", field)
            return None
        return value

    def choice(self, node: yaml.Node | None, field: str, choices: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        if _plain(node) and node.value in choices:
            return node.value
        self.problem(node, f"'{_show(node)}' is not allowed. Use one of: {', '.join(choices)}.", field)
        return None

    def read_location(self, node: yaml.Node | None) -> Location | None:
        if node is None:
            return None
        items = self.mapping(node, LOCATION_FIELDS, "location")
        if items is None:
            return None
        if "name" not in items:
            self.problem(node, "the place's name is missing. Add 'name: ...'.", "location.name")
        name = self.same_or_translated(items.get("name"), "location.name")
        address = self.same_or_translated(items.get("address"), "location.address")
        latitude = self.number(items.get("latitude"), "location.latitude", -90, 90)
        longitude = self.number(items.get("longitude"), "location.longitude", -180, 180)
        if ("latitude" in items) != ("longitude" in items):
            self.problem(node, "give both latitude and longitude, or neither.", "location")
        if name is None:
            return None
        return Location(name=name, address=address, latitude=latitude, longitude=longitude)

    def read_organizer(self, node: yaml.Node | None) -> Organizer | None:
        if node is None:
            return None
        items = self.mapping(node, ORGANIZER_FIELDS, "organizer")
        if items is None:
            return None
        if "name" not in items:
            self.problem(node, "the organizer's name is missing. Add 'name: ...'.", "organizer.name")
        name = self.same_or_translated(items.get("name"), "organizer.name")
        url = self.url(items.get("url"), "organizer.url")
        return Organizer(name=name, url=url) if name is not None else None

    def read_languages(self, node: yaml.Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, f"expected a list such as [fr, de]. Known languages: {', '.join(SESSION_LANGUAGES)}.",
                         "languages")
            return ()
        languages = []
        for item in node.value:
            if not _plain(item) or item.value not in SESSION_LANGUAGES:
                self.problem(item, f"'{_show(item)}' is not a known language. "
                                   f"Use: {', '.join(SESSION_LANGUAGES)}.", "languages")
            elif item.value in languages:
                self.problem(item, f"'{item.value}' is listed twice.", "languages")
            else:
                languages.append(item.value)
        return tuple(languages)

    def read_updated(self, node: yaml.Node | None, timezone: str | None) -> datetime | None:
        if node is None:
            return None
        value = self.moment(node, "updated", timezone or DEFAULT_TIMEZONE)
        if value is None:
            return None
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(0, 0), ZoneInfo(timezone or DEFAULT_TIMEZONE))
        return value.astimezone(ZoneInfo("UTC"))


def _peek_id(node: yaml.Node) -> str | None:
    """The event's id, if it is a valid one, so that every problem can name the event."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and _plain(value) and ID_PATTERN.match(value.value):
                return value.value
    return None


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return "a list" if isinstance(node, yaml.SequenceNode) else "a group of fields"


_LANGUAGE_NAMES = {"fr": "French", "de": "German"}
_HOW_TO = {
    "id": "Add 'id: ...' with a short lower-case name, such as 'digital-day-2018'. It must never change.",
    "title": "Add 'title:' with a line 'fr: ...' and a line 'de: ...'.",
    "description": "Add 'description:' with a line 'fr: ...' and a line 'de: ...'.",
    "start": "Add 'start: 2018-03-20' (all day) or 'start: 2018-03-20T09:00'.",
    "end": "Add 'end:' with the last day (such as 2018-03-20) or the end time (such as 2018-03-20T17:00).",
}

