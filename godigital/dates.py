"""Dates as each language writes them, and the date a build stands for."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_date_format

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


def long_date(day: date, lang: str) -> str:
    """``mardi 6 février 2018`` / ``Dienstag, 6. Februar 2018``.

    French writes the first day of a month as an ordinal, ``1er juillet``,
    which Babel's patterns do not do; German's ``1. Juli`` already is one.
    """
    if lang == "fr" and day.day == 1:
        pattern = get_date_format("full", locale=babel_locale(lang)).pattern
        return format_date(day, format=_first_of_month(pattern), locale=babel_locale(lang))
    return format_date(day, format="full", locale=babel_locale(lang))


def _first_of_month(pattern: str) -> str:
    """The pattern with its day number followed by ``er`` (``d`` -> ``d'er'``)."""
    return re.sub(r"(?<![d'])d(?!d)", "d'er'", pattern, count=1)


def short_time(moment: datetime, lang: str) -> str:
    return format_time(moment, format="short", locale=babel_locale(lang))


def event_when(event: Event, lang: str) -> str:
    """The event's dates (and times) in one line, as the language writes them."""
    start, end = event.start, event.end
    if not (isinstance(start, datetime) and isinstance(end, datetime)):  # an all-day event
        if start == end:
            return long_date(start, lang)
        return f"{long_date(start, lang)} – {long_date(end, lang)}"
    if start.date() == end.date():
        return f"{long_date(start.date(), lang)}, {short_time(start, lang)}–{short_time(end, lang)}"
    return (f"{long_date(start.date(), lang)}, {short_time(start, lang)} – "
            f"{long_date(end.date(), lang)}, {short_time(end, lang)}")


def moment_when(closes: date | datetime, lang: str) -> str:
    """A day, or a day and its time (the last day to register, a start announced before), as the language writes it."""
    if isinstance(closes, datetime):
        return f"{long_date(closes.date(), lang)}, {short_time(closes, lang)}"
    return long_date(closes, lang)


def is_past(event: Event, today: date) -> bool:
    """An event is past once its last day is over."""
    return event.last_day() < today
