"""The campaign's events, as editors write them in ``data/events.yaml``.

``load_events`` reads and checks the file. Every mistake an editor can make is
reported as a ``Problem`` that names the file, the line, the event and the
field, and says what is expected; all problems of a file are reported at once.
Nothing here knows about MkDocs.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from godigital.characters import first_invisible, invisible_problem, is_blank
from godigital.messages import message
from godigital.yaml_errors import explain

# libyaml's loader when PyYAML has it (it keeps line numbers too); several times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LANGUAGES = ("fr", "de")
SESSION_LANGUAGES = ("lb", "fr", "de", "en")
STATUSES = ("confirmed", "tentative", "cancelled")
DEFAULT_TIMEZONE = "Europe/Luxembourg"

FIELDS = (
    "id", "title", "description", "start", "end", "timezone", "location",
    "organizer", "registration", "languages", "status", "updated", "whole_day",
)
REQUIRED = ("id", "title", "description", "start", "end")
LOCATION_FIELDS = ("name", "address", "latitude", "longitude")
ORGANIZER_FIELDS = ("name", "url")
REGISTRATION_FIELDS = ("url", "closes")

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$")
HTML_PATTERN = re.compile(r"</?[a-zA-Z!][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;")
MARKDOWN_PATTERN = re.compile(r"[*_`]{1,2}\S|\[[^\]]*\]\(|^\s*(#|>|-\s|\d+\.\s)|!\[")
# Titles and names appear in page headers, menus and search results.
NAME_PATTERN = re.compile(r"^[^<>]*$")
# Names an event's page may not take: they are other pages of the site, in
# agenda/ or at the root where a future layout could put events.
RESERVED_IDS = frozenset({"index", "search", "assets", "events", "agenda", "calendar", "sitemap",
                          "404", "fr", "de", "feed", "static", "javascripts", "stylesheets"})

# Limits, generous for a campaign: beyond them a mistake is far likelier than a real need.
MAX_FILE_BYTES = 1_000_000
MAX_EVENTS = 500
MAX_TEXT = {"title": 200, "description": 5_000, "location.name": 200, "location.address": 500,
            "organizer.name": 200}
MAX_URL = 2_000
MAX_PROBLEMS = 30


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
class Registration:
    """Where people register, per site language, and until when.

    ``closes`` is the last day people can register (a date, inclusive, as
    people write it) or the moment registration ends (a time-zone-aware
    date-time); ``None`` when registration stays open until the event.
    """

    url: dict[str, str]
    closes: date | datetime | None = None

    def closes_at(self, timezone: str) -> datetime | None:
        """The moment registration ends: the end of the closing day for a date."""
        if self.closes is None or isinstance(self.closes, datetime):
            return self.closes
        return datetime.combine(self.closes + timedelta(days=1), time(0), ZoneInfo(timezone))


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
    registration: Registration | None = None
    languages: tuple[str, ...] = ()
    status: str = "confirmed"
    updated: datetime | None = None
    # Dates without times: the whole day (True), or a time not known yet (False).
    whole_day: bool = False
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

    @property
    def time_known(self) -> bool:
        """False for an event given by its dates only whose time is still to be announced."""
        return not self.all_day or self.whole_day


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
            lines.append("  " + message("more_problems", count=count - MAX_PROBLEMS))
        super().__init__("\n".join(lines))


def first_alias_line(text: str) -> int | None:
    """The line of the first YAML alias (``*name``), if any: one text repeated by
    reference could multiply the site's size, so data files spell texts out."""
    try:
        for event in yaml.parse(text, Loader=YAML_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return None  # reported with its explanation by the caller
    return None


# -----------------------------------------------------------------------------
# Loading
# -----------------------------------------------------------------------------


def load_events(path: Path | str, display_name: str | None = None, *, site_url: str | None = None) -> list[Event]:
    """Read and check an events file; raise ``EventDataError`` on any mistake.

    With ``site_url``, a registration address on this site is a mistake too:
    the site is static and has no registration form.
    """
    path = Path(path)
    name = display_name or str(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:  # before reading: the file may be huge
            raise EventDataError([Problem(name, 1, message("events_file_too_large", limit=MAX_FILE_BYTES // 1000))])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EventDataError([Problem(name, 1, message("events_file_missing"))]) from None
    except UnicodeDecodeError as error:
        raise EventDataError([Problem(name, 1, message("file_not_utf8", reason=error.reason))]) from None
    return parse_events(text, name, site_url=site_url)


def parse_events(text: str, file: str = "data/events.yaml", *, site_url: str | None = None) -> list[Event]:
    """Check the YAML text of an events file and return its events in order."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise EventDataError([Problem(file, 1, message("events_file_too_large", limit=MAX_FILE_BYTES // 1000))])
    alias = first_alias_line(text)
    if alias is not None:
        raise EventDataError([Problem(file, alias, message("yaml_alias"))])
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        explained = explain(error, text)
        problem = explained.explanation + (f"\n{explained.excerpt}" if explained.excerpt else "")
        raise EventDataError([Problem(file, explained.line, problem)]) from None

    reader = _Reader(file, site_url, text)
    events = reader.read_file(root)
    if reader.problems:
        raise EventDataError(sorted(reader.problems, key=lambda p: p.line))
    return events


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _line_holding(source: str, node: yaml.Node, text: str) -> int:
    """The line of ``source`` where ``text`` is written inside ``node`` (a text written over
    several lines, ``>-``), or the node's first line when the file writes it otherwise (an escape)."""
    start, end = node.start_mark.index, node.end_mark.index
    at = source.find(text, start, end) if text else -1
    return node.start_mark.line + 1 + source.count("\n", start, at) if at >= 0 else _line(node)


def _plain(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null"


class _Reader:
    """Walks the YAML node tree, so that every problem keeps its line number."""

    def __init__(self, file: str, site_url: str | None = None, text: str = ""):
        self.file = file
        self.source = text  # the file's text, to find a character inside a text written over several lines
        self.site_host = _bare_host(urlsplit(site_url).hostname) if site_url else None
        self.problems: list[Problem] = []
        self._event_id: str | None = None

    def problem(self, node: yaml.Node | int, message: str, field: str | None = None) -> None:
        line = node if isinstance(node, int) else _line(node)
        self.problems.append(Problem(self.file, line, message, self._event_id, field))

    # -- structure ----------------------------------------------------------

    def mapping(self, node: yaml.Node, allowed: tuple[str, ...], field: str | None) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, message("expected_fields", fields=", ".join(allowed)), field)
            return None
        items: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            name = f"{field}.{key}" if field else key
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = " " + message("did_you_mean", suggestion=close[0]) if close else ""
                self.problem(key_node, message("unknown_field", name=key, hint=hint, allowed=", ".join(allowed)), name)
            elif key in items:
                self.problem(key_node, message("given_twice", name=key), name)
            else:
                items[key] = value_node
        return items

    def read_file(self, root: yaml.Node | None) -> list[Event]:
        if root is None:
            self.problem(1, message("events_file_empty"))
            return []
        top = self.mapping(root, ("events",), None)
        if top is None:
            return []
        if "events" not in top:
            self.problem(root, message("events_start"))
            return []
        node = top["events"]
        if isinstance(node, yaml.ScalarNode) and (not _plain(node) or node.value == ""):
            return []  # "events:" with nothing after it: an agenda without events
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, message("events_not_a_list"))
            return []

        if len(node.value) > MAX_EVENTS:
            self.problem(node, message("too_many_events", count=len(node.value), limit=MAX_EVENTS))
            return []
        events: list[Event] = []
        seen: dict[str, int] = {}
        for item in node.value:
            event = self.read_event(item)
            if event is None:
                continue
            if event.id in seen:
                self._event_id = event.id
                self.problem(item, message("duplicate_id", id=event.id, line=seen[event.id]), "id")
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
                self.problem(node, message("field_missing", name=name, how=message(f"how_{name}")), name)

        title = self.translated(fields.get("title"), "title", markdown_allowed=False, name=True)
        description = self.translated(fields.get("description"), "description", multiline=True)
        timezone = self.read_timezone(fields.get("timezone"))
        start = self.moment(fields.get("start"), "start", timezone)
        end = self.moment(fields.get("end"), "end", timezone)
        if start is not None and end is not None:
            self.check_order(start, end, fields["end"])
        location = self.read_location(fields.get("location"))
        organizer = self.read_organizer(fields.get("organizer"))
        registration = self.read_registration(fields.get("registration"), timezone, start)
        languages = self.read_languages(fields.get("languages"))
        status = self.choice(fields.get("status"), "status", STATUSES) or "confirmed"
        updated = self.read_updated(fields.get("updated"), timezone)
        whole_day = self.read_whole_day(fields.get("whole_day"), start)

        if len(self.problems) > count or event_id is None or title is None or description is None \
                or start is None or end is None:
            return None
        return Event(
            id=event_id, title=title, description=description, start=start, end=end,
            timezone=timezone or DEFAULT_TIMEZONE, location=location, organizer=organizer,
            registration=registration, languages=languages, status=status, updated=updated,
            whole_day=whole_day, line=_line(node),
        )

    def read_id(self, node: yaml.Node | None, event_node: yaml.Node) -> str | None:
        if node is None:
            return None
        if not _plain(node) or not ID_PATTERN.fullmatch(node.value) or len(node.value) > 60:
            self.problem(node, message("invalid_id", value=_show(node)), "id")
            return None
        if node.value in RESERVED_IDS:
            self.problem(node, message("reserved_id", value=node.value), "id")
            return None
        return node.value

    def text(self, node: yaml.Node, field: str, *, markdown_allowed: bool = True, multiline: bool = False,
             name: bool = False) -> str | None:
        if not _plain(node):
            self.problem(node, message("text_expected"), field)
            return None
        value = node.value.strip()
        limit = MAX_TEXT.get(field.rsplit(".", 1)[0] if field.endswith((".fr", ".de")) else field)
        if is_blank(value):  # nothing a reader could see (godigital.characters)
            self.problem(node, message("text_empty"), field)
        elif limit and len(value) > limit:
            self.problem(node, message("text_too_long", length=len(value), limit=limit), field)
        elif invisible_problem(value):
            self.problem(_line_holding(self.source, node, first_invisible(value) or ""),
                         message("invisible_character", character=invisible_problem(value)), field)
        elif HTML_PATTERN.search(value):
            self.problem(node, message("text_html"), field)
        elif name and not NAME_PATTERN.fullmatch(value):
            self.problem(node, message("text_angle_brackets"), field)
        elif not markdown_allowed and MARKDOWN_PATTERN.search(value):
            self.problem(node, message("text_markdown"), field)
        elif not multiline and "\n" in value:
            self.problem(node, message("text_one_line"), field)
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
                self.problem(node, message(f"text_missing_{lang}"), f"{field}.{lang}")
                continue
            value = self.text(items[lang], f"{field}.{lang}", **rules)
            if value is not None:
                texts[lang] = value
        return texts if len(texts) == len(LANGUAGES) else None

    def same_or_translated(self, node: yaml.Node | None, field: str, *, name: bool = False) -> dict[str, str] | None:
        """A text that is the same in both languages, or one per language."""
        if node is None:
            return None
        if _plain(node):
            value = self.text(node, field, markdown_allowed=False, multiline=True, name=name)
            return {lang: value for lang in LANGUAGES} if value is not None else None
        return self.translated(node, field, markdown_allowed=False, multiline=True, name=name)

    def read_timezone(self, node: yaml.Node | None) -> str | None:
        if node is None:
            return DEFAULT_TIMEZONE
        if _plain(node):
            try:
                ZoneInfo(node.value)
                return node.value
            except (ZoneInfoNotFoundError, ValueError):
                pass
        self.problem(node, message("unknown_timezone", value=_show(node), default=DEFAULT_TIMEZONE), "timezone")
        return None

    def moment(self, node: yaml.Node | None, field: str, timezone: str | None) -> date | datetime | None:
        if node is None:
            return None
        value = node.value if _plain(node) else ""
        if match := DATE_PATTERN.match(value):
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                self.problem(node, message("date_does_not_exist", value=value), field)
                return None
        if match := DATETIME_PATTERN.match(value):
            y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups())
            try:
                local = datetime(y, mo, d, h, mi, s)
            except ValueError:
                self.problem(node, message("datetime_does_not_exist", value=value), field)
                return None
            if timezone is None:
                return None
            zone = ZoneInfo(timezone)
            aware = local.replace(tzinfo=zone)
            if aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) != local:
                self.problem(node, message("summer_time_gap", value=value, timezone=timezone), field)
                return None
            return aware
        self.problem(node, message("not_a_date", value=_show(node)), field)
        return None

    def check_order(self, start: date | datetime, end: date | datetime, end_node: yaml.Node) -> None:
        if isinstance(start, datetime) != isinstance(end, datetime):
            self.problem(end_node, message("start_end_mixed"), "end")
        elif isinstance(start, datetime) and end <= start:
            self.problem(end_node, message("end_not_after_start", end=f"{end:%Y-%m-%dT%H:%M}",
                                           start=f"{start:%Y-%m-%dT%H:%M}"), "end")
        elif not isinstance(start, datetime) and end < start:
            self.problem(end_node, message("end_before_start", end=end, start=start), "end")

    def url(self, node: yaml.Node | None, field: str) -> str | None:
        if node is None:
            return None
        value = node.value.strip() if _plain(node) else ""
        if len(value) > MAX_URL or first_invisible(value):
            self.problem(node, message("not_a_web_address", value=_show(node)), field)
            return None
        try:
            parts = urlsplit(value) if value else None
            hostname = parts.hostname if parts else None
        except ValueError:
            parts = hostname = None
        if (parts is None or parts.scheme not in ("http", "https") or not hostname
                or re.search(r"[\s\"'<>\\^`{|}]", value)):
            self.problem(node, message("not_a_web_address", value=_show(node)), field)
        elif parts.scheme != "https":
            self.problem(node, message("url_not_https", value=_show(node)), field)
        elif "@" in parts.netloc:
            self.problem(node, message("url_userinfo", value=_show(node)), field)
        elif not _plain_host(hostname):
            self.problem(node, message("url_lookalike_host", host=hostname), field)
        else:
            return value
        return None

    def number(self, node: yaml.Node | None, field: str, low: float, high: float) -> float | None:
        if node is None:
            return None
        try:
            value = float(node.value) if _plain(node) else None
        except ValueError:
            value = None
        if value is None or not (low <= value <= high):
            self.problem(node, message("not_a_number", value=_show(node), low=f"{low:g}", high=f"{high:g}"), field)
            return None
        return value

    def choice(self, node: yaml.Node | None, field: str, choices: tuple[str, ...]) -> str | None:
        if node is None:
            return None
        if _plain(node) and node.value in choices:
            return node.value
        self.problem(node, message("not_allowed", value=_show(node), choices=", ".join(choices)), field)
        return None

    def read_location(self, node: yaml.Node | None) -> Location | None:
        if node is None:
            return None
        items = self.mapping(node, LOCATION_FIELDS, "location")
        if items is None:
            return None
        if "name" not in items:
            self.problem(node, message("location_name_missing"), "location.name")
        name = self.same_or_translated(items.get("name"), "location.name", name=True)
        address = self.same_or_translated(items.get("address"), "location.address")
        latitude = self.number(items.get("latitude"), "location.latitude", -90, 90)
        longitude = self.number(items.get("longitude"), "location.longitude", -180, 180)
        if ("latitude" in items) != ("longitude" in items):
            self.problem(node, message("latitude_longitude"), "location")
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
            self.problem(node, message("organizer_name_missing"), "organizer.name")
        name = self.same_or_translated(items.get("name"), "organizer.name", name=True)
        url = self.url(items.get("url"), "organizer.url")
        return Organizer(name=name, url=url) if name is not None else None

    def read_registration(self, node: yaml.Node | None, timezone: str | None,
                          start: date | datetime | None) -> Registration | None:
        """One address (``registration: https://…``), or ``url:`` (one address or
        ``fr:``/``de:``) with an optional ``closes:``."""
        if node is None:
            return None
        if _plain(node):
            url = self.registration_url(node, "registration")
            return Registration({lang: url for lang in LANGUAGES}) if url else None
        items = self.mapping(node, REGISTRATION_FIELDS, "registration")
        if items is None:
            return None
        if "url" not in items:
            self.problem(node, message("registration_url_missing"), "registration.url")
            return None
        urls = self.registration_urls(items["url"])
        closes = None
        if "closes" in items:
            closes = self.moment(items["closes"], "registration.closes", timezone)
            if closes is not None and start is not None and _after_start(closes, start):
                self.problem(items["closes"], message("registration_closes_after_start", closes=_show_moment(closes),
                                                      start=_show_moment(start)), "registration.closes")
                closes = None
            elif closes is None:
                return None
        return Registration(urls, closes) if urls else None

    def registration_urls(self, node: yaml.Node) -> dict[str, str] | None:
        if _plain(node):
            url = self.registration_url(node, "registration.url")
            return {lang: url for lang in LANGUAGES} if url else None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, message("registration_url_expected"), "registration.url")
            return None
        urls: dict[str, str] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else _show(key_node)
            if key not in LANGUAGES:
                self.problem(key_node, message("registration_unknown_language", value=key,
                                               known=", ".join(LANGUAGES)), "registration.url")
            elif key in urls:
                self.problem(key_node, message("given_twice", name=key), f"registration.url.{key}")
            else:
                url = self.registration_url(value_node, f"registration.url.{key}")
                if url:
                    urls[key] = url
        for lang in LANGUAGES:
            if lang not in urls and not any(getattr(k, "value", None) == lang for k, _ in node.value):
                self.problem(node, message(f"registration_url_missing_{lang}"), f"registration.url.{lang}")
        return urls if len(urls) == len(LANGUAGES) else None

    def registration_url(self, node: yaml.Node, field: str) -> str | None:
        url = self.url(node, field)
        if url and self.site_host and _bare_host(urlsplit(url).hostname) == self.site_host:
            self.problem(node, message("registration_on_this_site", value=_show(node)), field)
            return None
        return url

    def read_whole_day(self, node: yaml.Node | None, start: date | datetime | None) -> bool:
        if node is None:
            return False
        if not _plain(node) or node.value not in ("true", "false"):
            self.problem(node, message("whole_day_not_boolean", value=_show(node)), "whole_day")
            return False
        if node.value == "true" and isinstance(start, datetime):
            self.problem(node, message("whole_day_with_times"), "whole_day")
            return False
        return node.value == "true"

    def read_languages(self, node: yaml.Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, message("languages_list", known=", ".join(SESSION_LANGUAGES)), "languages")
            return ()
        languages = []
        for item in node.value:
            if not _plain(item) or item.value not in SESSION_LANGUAGES:
                self.problem(item, message("unknown_language", value=_show(item), known=", ".join(SESSION_LANGUAGES)),
                             "languages")
            elif item.value in languages:
                self.problem(item, message("language_twice", value=item.value), "languages")
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
            if getattr(key, "value", None) == "id" and _plain(value) and ID_PATTERN.fullmatch(value.value):
                return value.value
    return None


def _bare_host(hostname: str | None) -> str:
    """A host name without a leading ``www.``: both name the same site."""
    host = (hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _after_start(closes: date | datetime, start: date | datetime) -> bool:
    """Registration closing after the event starts, at the precision the editor wrote."""
    if isinstance(closes, datetime) and isinstance(start, datetime):
        return closes > start
    first_day = start.date() if isinstance(start, datetime) else start
    return (closes.date() if isinstance(closes, datetime) else closes) > first_day


def _show_moment(moment: date | datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M}" if isinstance(moment, datetime) else moment.isoformat()


def _plain_host(hostname: str) -> bool:
    """A host name that reads as what it is: valid IDNA, and no label mixing scripts
    (a Cyrillic "а" among Latin letters looks the same and leads elsewhere)."""
    try:
        hostname.encode("idna")
    except UnicodeError:
        return False
    for label in hostname.split("."):
        scripts = {unicodedata.name(char, "?").split(" ")[0] for char in label if not char.isascii()}
        if scripts - {"LATIN"}:
            return False
    return True


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return message("show_list") if isinstance(node, yaml.SequenceNode) else message("show_group")
