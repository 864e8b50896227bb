// The UTC instants of every event in .ics files, as ical.js (Thunderbird's
// parser, used by many web calendars) reads them.
// Usage: node icaljs_instants.mjs FILE...  ->  JSON [{file, uid, start, end}]
// Each file's own VTIMEZONE components are the only zones ical.js knows: it has
// no zone database of its own, the service is emptied per file, and every zone
// an event uses is checked to be the file's VTIMEZONE (not floating time).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const results = [];
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  ICAL.TimezoneService.reset();
  const zones = new Map();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    zones.set(zone.tzid, zone);
  }
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const instant = (time) => {
      if (time.isDate) return time.toString();
      const tzid = vevent.getFirstProperty(time === event.startDate ? "dtstart" : "dtend").getParameter("tzid");
      const own = zones.get(tzid);
      if (tzid && !(own && time.zone && time.zone.tzid === tzid
                    && time.zone.component.toString() === own.component.toString())) {
        throw new Error(`${file}: ${event.uid}: zone ${tzid} not resolved from the file's VTIMEZONE`);
      }
      return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
    };
    results.push({ file, uid: event.uid, start: instant(event.startDate), end: instant(event.endDate) });
  }
}
process.stdout.write(JSON.stringify(results));
