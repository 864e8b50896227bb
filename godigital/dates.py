"""Dates as each language writes them, and the date a build stands for."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, parse_pattern

from godigital.events import DEFAULT_TIMEZONE, Event
from godigital.languages import babel_locale

LUXEMBOURG = ZoneInfo(DEFAULT_TIMEZONE)  # the campaign's: where build days begin


def build_time(project_dir: Path | str = ".", *, now: datetime | None = None) -> datetime:
    """The moment a build stands for: two builds of a commit on the same day are identical.

    ``SOURCE_DATE_EPOCH`` when set; otherwise the later of the last commit's
    time and the start of today in Luxembourg, so that a daily rebuild of an
    unchanged commit moves the events that are over into the past. A commit
    dated later than now (a wrong clock) counts as the start of today: it
    would otherwise show upcoming events as over.
    """
    return datetime.fromtimestamp(source_date_epoch(project_dir, now=now), timezone.utc)


def source_date_epoch(project_dir: Path | str = ".", *, now: datetime | None = None) -> int:
    """``build_time`` in seconds since 1970, as MkDocs' sitemap reads it from the environment."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        try:
            return int(value)
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}.") from None
    now = now or datetime.now(timezone.utc)
    start_of_today = int(datetime.combine(now.astimezone(LUXEMBOURG).date(), time(0), LUXEMBOURG).timestamp())
    commit = last_commit_time(project_dir)
    if commit is None or commit > now.timestamp():
        return start_of_today
    return max(commit, start_of_today)


def future_commit_time(project_dir: Path | str = ".", *, now: datetime | None = None) -> datetime | None:
    """The last commit's time when it is later than now, which the build day then ignores."""
    commit = last_commit_time(project_dir)
    now = now or datetime.now(timezone.utc)
    return datetime.fromtimestamp(commit, timezone.utc) if commit is not None and commit > now.timestamp() else None


def last_commit_time(project_dir: Path | str = ".") -> int | None:
    """The last commit's time, or None outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project_dir,
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return int(out) if out.isdigit() else None


# The labels (data/labels.yaml) that say how a language writes a day, as CLDR patterns
# (Babel's): the long date, and the first day of a month when it differs (French ``1er``).
DATE_FORMAT, FIRST_OF_MONTH_FORMAT = "date_format", "date_format_first_of_month"


def writes_a_whole_date(pattern: str) -> bool:
    """Whether a CLDR date pattern writes the day, the month and the year: an unclosed quote
    (``d 'MMMM y``) or a letter mistyped would otherwise drop them from every date, silently;
    a time field would stop the build."""
    try:
        fields = re.findall(r"%\((\w+)\)s", str(parse_pattern(pattern).format))
    except (ValueError, KeyError, TypeError):
        return False
    if any(field[0] not in _DATE_FIELDS for field in fields):
        return False  # an hour, a minute or a zone: a day has none (text goes between single quotes)
    return all(any(field[0] in letters for field in fields) for letters in ("d", "ML", "y"))


# CLDR's date field letters: era, years, quarters, months, weeks, days, weekdays.
_DATE_FIELDS = frozenset("GyYuUrQqMLlwWdDFgEec")


def long_date(day: date, lang: str, patterns: Mapping[str, str] | None = None) -> str:
    """The day as the language's labels write it, ``mardi 6 février 2018``, ``Tuesday 6 February 2018``;
    without them, Babel's long form for the language."""
    patterns = patterns or {}
    pattern = (patterns.get(FIRST_OF_MONTH_FORMAT) if day.day == 1 else None) or patterns.get(DATE_FORMAT)
    return format_date(day, format=pattern or "full", locale=babel_locale(lang))


def short_time(moment: datetime, lang: str) -> str:
    return format_time(moment, format="short", locale=babel_locale(lang))


def event_when(event: Event, lang: str, patterns: Mapping[str, str] | None = None) -> str:
    """The event's dates (and times) in one line, as the language writes them."""
    start, end = event.start, event.end
    if not (isinstance(start, datetime) and isinstance(end, datetime)):  # an all-day event
        if start == end:
            return long_date(start, lang, patterns)
        return f"{long_date(start, lang, patterns)} – {long_date(end, lang, patterns)}"
    if start.date() == end.date():
        return f"{long_date(start.date(), lang, patterns)}, {short_time(start, lang)}–{short_time(end, lang)}"
    return (f"{long_date(start.date(), lang, patterns)}, {short_time(start, lang)} – "
            f"{long_date(end.date(), lang, patterns)}, {short_time(end, lang)}")


def moment_when(closes: date | datetime, lang: str, patterns: Mapping[str, str] | None = None) -> str:
    """A day, or a day and its time (the last day to register, a start announced before), as the language writes it."""
    if isinstance(closes, datetime):
        return f"{long_date(closes.date(), lang, patterns)}, {short_time(closes, lang)}"
    return long_date(closes, lang, patterns)


def is_past(event: Event, today: date) -> bool:
    """An event is past once its last day is over."""
    return event.last_day() < today
