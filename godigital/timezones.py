"""VTIMEZONE components from the tz database, in the form every calendar client reads alike.

A calendar client must find, for any moment of an event, the observance whose
onset came last. Real parsers disagree on some of RFC 5545's forms: ical.js
ignores the DTSTART of an observance that also has RDATEs (the form
``icalendar.Timezone.from_tzid`` writes). So each stretch of years in which a
zone changes by one yearly rule becomes one observance with an RRULE (for
Europe/Luxembourg: one STANDARD and one DAYLIGHT in all, the form Outlook
itself writes), and any other change becomes an observance of its own with a
DTSTART and nothing else. ical.js and libical read both forms like zoneinfo
(tests/test_timezones.py).

Onsets are written as RFC 5545 wants them: the local time *before* the change
(summer time in Luxembourg begins at ``…T020000`` with ``TZOFFSETFROM:+0100``).
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# Transitions are searched on this grid, then pinned to the second; tz rules
# never change a zone's offset twice within six hours.
_STEP = timedelta(hours=6)
# Before the first year, the offset in force comes from the last change before it.
_EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# A zone at one moment: its offset, its abbreviation, whether it is summer time.
_State = tuple[timedelta, str, bool]
# What makes changes alike: summer time or not, offsets from and to, name.
_Kind = tuple[bool, timedelta, timedelta, str]


@dataclass(frozen=True)
class Transition:
    """One change of a zone's offset or name: when (UTC), from which offset, to what."""

    at: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def onset(self) -> datetime:
        """The local wall time just before the change, without a zone (RFC 5545 DTSTART)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    def kind(self) -> _Kind:
        return (self.daylight, self.offset_from, self.offset_to, self.name)


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of ``tzid`` for events from ``first_year`` to ``last_year``, both included."""
    zone = ZoneInfo(tzid)
    component = Timezone()
    component.add("TZID", tzid)
    for observance in _observances(zone, first_year, last_year):
        component.add_component(observance)
    return component


@lru_cache(maxsize=64)
def transitions(tzid: str, first_year: int, last_year: int) -> tuple[Transition, ...]:
    """The changes from the last one before ``first_year`` to the end of the year after ``last_year``."""
    zone = ZoneInfo(tzid)
    start = datetime(first_year, 1, 1, tzinfo=timezone.utc)
    end = datetime(last_year + 2, 1, 1, tzinfo=timezone.utc)
    grid = list(_steps(start, end))
    states = [_state(zone, moment) for moment in grid]
    found = [_pin(zone, grid[i - 1], grid[i]) for i in range(1, len(grid)) if states[i] != states[i - 1]]
    before = _last_change_before(zone, start)
    return tuple(([before] if before else []) + found)


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _steps(start: datetime, end: datetime) -> Iterator[datetime]:
    moment = start
    while moment <= end:
        yield moment
        moment += _STEP


def _state(zone: ZoneInfo, moment: datetime) -> _State:
    local = moment.astimezone(zone)
    offset, name = local.utcoffset(), local.tzname()
    if offset is None or name is None:  # a ZoneInfo always has both for an aware time
        raise ValueError(f"{zone.key}: no offset or name at {moment}")
    return (offset, name, bool(local.dst()))


def _pin(zone: ZoneInfo, lo: datetime, hi: datetime) -> Transition:
    """The exact second of the change between ``lo`` (before it) and ``hi`` (after it)."""
    before = _state(zone, lo)
    while hi - lo > timedelta(seconds=1):
        middle = lo + (hi - lo) / 2
        middle = middle.replace(microsecond=0)
        if middle <= lo:
            break
        if _state(zone, middle) == before:
            lo = middle
        else:
            hi = middle
    offset_to, name, daylight = _state(zone, hi)
    return Transition(hi, before[0], offset_to, name, daylight)


def _last_change_before(zone: ZoneInfo, start: datetime) -> Transition | None:
    """The change that set the offset in force at ``start``; None if the zone never changed."""
    current = _state(zone, start)
    hi = start
    while hi > _EARLIEST:
        lo = hi - timedelta(days=7)
        if _state(zone, lo) != current:
            # The last change in this week (scanning from its end).
            moment = hi
            while _state(zone, moment - _STEP) == current:
                moment -= _STEP
            return _pin(zone, moment - _STEP, moment)
        hi = lo
    return None


def _observances(zone: ZoneInfo, first_year: int, last_year: int) -> list[TimezoneDaylight | TimezoneStandard]:
    changes = transitions(zone.key, first_year, last_year)
    if not changes:
        # A zone that never changed: one observance that has always applied.
        offset, name, _ = _state(zone, datetime(first_year, 1, 1, tzinfo=zone))
        changes = (Transition(datetime(1970, 1, 1, tzinfo=timezone.utc) - offset, offset, offset, name, False),)
    # Changes of one kind (same offsets and name) in consecutive years on the
    # same rule make one run; a change that breaks the rule starts a new run.
    runs: list[list[Transition]] = []
    latest: dict[_Kind, list[Transition]] = {}
    for change in changes:
        run = latest.get(change.kind())
        if run is not None and _same_rule(run, change):
            run.append(change)
        else:
            runs.append([change])
            latest[change.kind()] = runs[-1]
    # A run that reaches the last year scanned (the one after the events) goes
    # on without UNTIL, as the rule does; any other run ends with its last change.
    return [_observance(run, open_ended=latest[run[0].kind()] is run and run[-1].onset.year > last_year)
            for run in runs]


def _rule(change: Transition) -> set[str]:
    """The BYDAY values of a yearly rule the change's date fits: ``2SU`` and, if last in the month, ``-1SU``."""
    day = change.onset
    weekday = _WEEKDAYS[day.weekday()]
    fits = {f"{(day.day - 1) // 7 + 1}{weekday}"}
    if day.day + 7 > _calendar.monthrange(day.year, day.month)[1]:
        fits.add(f"-1{weekday}")
    return fits


def _same_rule(run: list[Transition], change: Transition) -> bool:
    first, last = run[0].onset, run[-1].onset
    onset = change.onset
    if onset.year != last.year + 1 or onset.month != first.month or onset.time() != first.time():
        return False
    return bool(set.intersection(*(_rule(c) for c in run), _rule(change)))


def _observance(run: list[Transition], *, open_ended: bool) -> TimezoneDaylight | TimezoneStandard:
    first = run[0]
    observance = TimezoneDaylight() if first.daylight else TimezoneStandard()
    observance.add("DTSTART", first.onset)
    observance.add("TZOFFSETFROM", first.offset_from)
    observance.add("TZOFFSETTO", first.offset_to)
    observance.add("TZNAME", first.name)
    if len(run) > 1:
        byday = sorted(set.intersection(*(_rule(c) for c in run)))[0]  # "-1SU" before "5SU"
        rule = {"FREQ": "YEARLY", "BYMONTH": first.onset.month, "BYDAY": byday}
        if not open_ended:
            rule["UNTIL"] = run[-1].at.replace(tzinfo=timezone.utc)
        observance.add("RRULE", rule)
    return observance
