"""The UTC instants of every event in .ics files, as libical (Evolution, GNOME) reads them.

Run with the system Python that has Debian's gir1.2-ical-3.0 and python3-gi:
  /usr/bin/python3 libical_instants.py FILE...  ->  JSON [{file, uid, start, end}]
Times are resolved through the file's own VTIMEZONE components, never
libical's built-in zone database.
"""

import json
import sys
from datetime import date, datetime, timezone

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402


def instants(path):
    with open(path, encoding="utf-8") as handle:
        calendar = ICalGLib.Component.new_from_string(handle.read())
    zones = {}
    vtimezone = calendar.get_first_component(ICalGLib.ComponentKind.VTIMEZONE_COMPONENT)
    while vtimezone is not None:
        zone = ICalGLib.Timezone.new()
        if not zone.set_component(vtimezone.clone()):
            raise SystemExit(f"{path}: libical refused a VTIMEZONE")
        zones[zone.get_tzid()] = zone
        vtimezone = calendar.get_next_component(ICalGLib.ComponentKind.VTIMEZONE_COMPONENT)
    vevent = calendar.get_first_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)
    while vevent is not None:
        yield {"file": path, "uid": vevent.get_uid(),
               "start": _instant(vevent, ICalGLib.PropertyKind.DTSTART_PROPERTY, zones, path),
               "end": _instant(vevent, ICalGLib.PropertyKind.DTEND_PROPERTY, zones, path)}
        vevent = calendar.get_next_component(ICalGLib.ComponentKind.VEVENT_COMPONENT)


def _instant(vevent, kind, zones, path):
    prop = vevent.get_first_property(kind)
    # The property's bare value: libical attaches no zone to it here.
    value = prop.get_value().get_datetime()
    if value.is_date():
        return date(value.get_year(), value.get_month(), value.get_day()).strftime("%Y%m%d")
    param = prop.get_first_parameter(ICalGLib.ParameterKind.TZID_PARAMETER)
    if param is None:
        zone = ICalGLib.Timezone.get_utc_timezone()
    elif param.get_tzid() in zones:
        zone = zones[param.get_tzid()]
    else:
        raise SystemExit(f"{path}: {vevent.get_uid()}: no VTIMEZONE for {param.get_tzid()}")
    seconds = value.as_timet_with_zone(zone)
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


if __name__ == "__main__":
    json.dump([row for path in sys.argv[1:] for row in instants(path)], sys.stdout)
