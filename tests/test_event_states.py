"""What the build date says about an event, and that no page says otherwise.

The call to register shows only while registration is open (the event is
upcoming, not cancelled, has an address, and its closing date has not
passed); after the closing date the pages say registration is closed; "to be
announced" is said only of events still to come. The state logic is tested
on its own first, then on the fixture site built at several dates: before a
registration closes, after it closes but before the event, and after every
event (a cancelled event with an address is in the fixture at every date).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime, timezone
from html import unescape
from pathlib import Path

import icalendar
import pytest

from godigital import agenda, dates
from godigital.events import Registration, load_events, parse_events
from godigital.labels import load_labels
from godigital.typography import text_rules
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, LATER_EPOCH, ROOT, as_typed, build_site, fixture_project, root_of
from tests.test_events import LANGUAGES as WRITTEN_IN  # VALID's languages
from tests.test_events import VALID
from tests.test_feeds import all_day_event

LUX = dates.LUXEMBOURG
ROOTS = {lang: root_of(lang) for lang in LANGUAGES}


def at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LUX)


# -- the state logic ---------------------------------------------------------------

def test_registration_is_open_until_the_closing_day_is_over_then_closed_then_nothing():
    [timed] = parse_events(VALID, languages=WRITTEN_IN)  # 2018-03-20T09:00
    event = replace(timed, registration=Registration({"fr": "https://www.cc.lu/i", "de": "https://www.cc.lu/a"},
                                                      date(2018, 3, 15)))
    assert agenda.registration_state(event, at(2018, 3, 1)) == "open"
    assert agenda.registration_state(event, at(2018, 3, 15, 23, 59)) == "open"  # the last day to register
    assert agenda.registration_state(event, at(2018, 3, 16, 0, 0)) == "closed"
    assert agenda.registration_state(event, at(2018, 3, 20, 8)) == "closed"
    assert agenda.registration_state(event, at(2018, 3, 21)) is None  # over: nothing to say
    assert agenda.registration_state(replace(event, status="cancelled"), at(2018, 3, 1)) is None
    assert agenda.registration_state(replace(event, registration=None), at(2018, 3, 1)) is None


def test_a_closing_moment_closes_registration_at_that_minute_and_no_closing_date_keeps_it_open():
    [timed] = parse_events(VALID, languages=WRITTEN_IN)
    event = replace(timed, registration=Registration({"fr": "https://x.lu", "de": "https://x.lu"}, at(2018, 3, 19, 12)))
    assert agenda.registration_state(event, at(2018, 3, 19, 11, 59)) == "open"
    assert agenda.registration_state(event, at(2018, 3, 19, 12)) == "closed"
    open_ended = replace(timed, registration=Registration({"fr": "https://x.lu", "de": "https://x.lu"}))
    assert agenda.registration_state(open_ended, at(2018, 3, 20, 8)) == "open"


def test_to_be_announced_only_for_events_still_to_come():
    unknown_time = all_day_event(start=date(2018, 2, 6), end=date(2018, 2, 6))
    assert agenda.time_to_be_announced(unknown_time, at(2018, 2, 1))
    assert agenda.time_to_be_announced(unknown_time, at(2018, 2, 6))  # on the day itself still
    assert not agenda.time_to_be_announced(unknown_time, at(2018, 2, 7))  # over
    assert not agenda.time_to_be_announced(replace(unknown_time, status="cancelled"), at(2018, 2, 1))
    assert not agenda.time_to_be_announced(replace(unknown_time, whole_day=True), at(2018, 2, 1))
    [timed] = parse_events(VALID, languages=WRITTEN_IN)
    assert not agenda.time_to_be_announced(timed, at(2018, 3, 1))
    assert agenda.venue_to_be_announced(unknown_time, at(2018, 2, 1))
    assert not agenda.venue_to_be_announced(unknown_time, at(2018, 2, 7))
    assert not agenda.venue_to_be_announced(timed, at(2018, 3, 1))  # it has a venue


def test_the_next_event_or_else_the_latest_ones():
    a = all_day_event(id="a", start=date(2018, 2, 6), end=date(2018, 2, 6))
    b = all_day_event(id="b", start=date(2018, 3, 20), end=date(2018, 3, 20))
    c = replace(all_day_event(id="c", start=date(2018, 3, 1), end=date(2018, 3, 1)), status="cancelled")
    assert agenda.next_or_latest([a, b, c], date(2018, 2, 1)) == ([a], True)
    assert agenda.next_or_latest([a, b, c], date(2018, 2, 7)) == ([b], True)  # the cancelled one is skipped
    assert agenda.next_or_latest([a, b, c], date(2018, 4, 1)) == ([b, a], False)
    assert agenda.next_or_latest([], date(2018, 4, 1)) == ([], False)


# Date patterns as a language's labels give them (data/labels.yaml).
FIRST_AS_ORDINAL = {"date_format": "EEEE d MMMM y", "date_format_first_of_month": "EEEE d'er' MMMM y"}
NO_COMMA = {"date_format": "EEEE d MMMM y"}


def test_the_first_of_the_month_is_written_as_the_labels_say():
    first = all_day_event(start=date(2025, 7, 1), end=date(2025, 7, 1))
    assert dates.event_when(first, "fr", FIRST_AS_ORDINAL) == "mardi 1er juillet 2025"
    assert dates.event_when(first, "de") == "Dienstag, 1. Juli 2025"  # without labels: Babel's long form
    assert dates.long_date(date(2025, 7, 11), "fr", FIRST_AS_ORDINAL) == "vendredi 11 juillet 2025"
    assert dates.long_date(date(2025, 7, 21), "fr", FIRST_AS_ORDINAL) == "lundi 21 juillet 2025"
    assert dates.moment_when(at(2025, 7, 1, 12), "fr", FIRST_AS_ORDINAL) == "mardi 1er juillet 2025, 12:00"


def test_a_date_pattern_from_the_labels_replaces_the_languages_long_form():
    day = all_day_event(start=date(2018, 3, 20), end=date(2018, 3, 20))
    assert dates.event_when(day, "en") == "Tuesday, 20 March 2018"
    assert dates.event_when(day, "en", NO_COMMA) == "Tuesday 20 March 2018"
    assert dates.long_date(date(2025, 7, 1), "en", NO_COMMA) == "Tuesday 1 July 2025", "no first-of-month pattern"
    assert dates.moment_when(at(2018, 3, 20, 9), "en", NO_COMMA) == "Tuesday 20 March 2018, 09:00"


def test_unknown_markers_are_found_and_known_ones_are_not():
    known = ("<!-- hooks/agenda.py -->", "<!-- hooks/agenda.py: next -->")
    assert agenda.unknown_marker("a\n<!-- hooks/agenda.py: next -->\n<!-- hooks/agenda.py -->", known) is None
    assert agenda.unknown_marker("a\n<!-- hooks/agenda.py: nxet -->\n", known) == "<!-- hooks/agenda.py: nxet -->"
    assert agenda.unknown_marker("<!--hooks/agenda.py:next-->", known) == "<!--hooks/agenda.py:next-->"
    assert agenda.unknown_marker("<!-- another comment -->", known) is None


# -- the built site at several dates ---------------------------------------------------

# 2025-06-18 noon: the three-day fair is over, the cybersecurity workshop's
# registration is open (it closes 2025-06-20 12:00). 2025-06-22 noon: closed,
# the workshop still to come. Then FIXTURE_EPOCH (2025-06-15) and LATER_EPOCH (2040).
OPEN_EPOCH = int(at(2025, 6, 18).timestamp())
CLOSED_EPOCH = int(at(2025, 6, 22).timestamp())


def _build(tmp_path_factory, epoch: int) -> Path:
    base = tmp_path_factory.mktemp(f"at-{epoch}")
    result = build_site(fixture_project(base / "project"), base / "site", env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory, fixture, later_site) -> dict[int, Path]:
    return {FIXTURE_EPOCH: fixture.site, OPEN_EPOCH: _build(tmp_path_factory, OPEN_EPOCH),
            CLOSED_EPOCH: _build(tmp_path_factory, CLOSED_EPOCH), LATER_EPOCH: later_site}


FIXTURE_EVENTS = load_events(ROOT / "tests/fixtures/site/data/events.yaml", languages=LANGUAGES)
LABELS = {lang: {key: as_typed(text) for key, text in labels.items()}
          for lang, labels in load_labels(ROOT / "data/labels.yaml", languages=LANGUAGES).items()}


def expected(event, now: datetime) -> dict:
    """What data and date say, worked out here from the fields themselves."""
    today = now.astimezone(LUX).date()
    to_come = event.last_day() >= today and not event.cancelled
    closes = event.registration.closes_at(event.timezone) if event.registration else None
    registration = None
    if event.registration and to_come:
        registration = "open" if closes is None or now < closes else "closed"
    return {"registration": registration, "time_tba": to_come and event.all_day and not event.whole_day,
            "location_tba": to_come and event.location is None}


def test_the_fixture_has_each_case_at_some_date():
    states = {(expected(e, datetime.fromtimestamp(t, timezone.utc))["registration"], e.cancelled)
              for e in FIXTURE_EVENTS for t in (FIXTURE_EPOCH, OPEN_EPOCH, CLOSED_EPOCH, LATER_EPOCH)}
    assert {("open", False), ("closed", False), (None, True)} <= states
    assert any(e.registration and len(set(e.registration.url.values())) == len(LANGUAGES) for e in FIXTURE_EVENTS)
    assert any(e.whole_day for e in FIXTURE_EVENTS) and any(e.all_day and not e.whole_day for e in FIXTURE_EVENTS)


def _text(html: str) -> str:
    """What a reader reads, with French no-break spaces and apostrophes as the data has them."""
    return as_typed(re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))))


def _says_registration(html: str, event, lang: str, state: str | None) -> None:
    """The register link (to this language's address) iff open; 'closed' iff closed."""
    labels = LABELS[lang]
    addresses = set(event.registration.url.values()) if event.registration else set()
    links = {unescape(h) for h in re.findall(r'href="([^"]+)"', html)} & addresses
    assert links == ({event.registration.url[lang]} if state == "open" else set()), (event.id, lang, state)
    assert (labels["register"] in _text(html)) == (state == "open"), (event.id, lang, state)
    assert (labels["registration_closed"] in _text(html)) == (state == "closed"), (event.id, lang, state)


@pytest.mark.parametrize("epoch", [FIXTURE_EPOCH, OPEN_EPOCH, CLOSED_EPOCH, LATER_EPOCH])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_states_what_the_data_and_build_date_contradict(sites, epoch, lang):
    site, root, labels = sites[epoch], ROOTS[lang], LABELS[lang]
    now = datetime.fromtimestamp(epoch, timezone.utc)
    agenda_html = (site / root / "agenda/index.html").read_text(encoding="utf-8")
    items = dict(re.findall(r'<li class="gd-event" id="([^"]+)"(.*?)</li>', agenda_html, re.S))
    feed = icalendar.Calendar.from_ical((site / root / "calendar.ics").read_bytes())
    feed_text = " ".join(str(v.get(name, "")) for v in feed.walk("VEVENT") for name in ("DESCRIPTION", "URL"))
    for event in FIXTURE_EVENTS:
        want = expected(event, now)
        html = (site / root / f"agenda/{event.id}/index.html").read_text(encoding="utf-8")
        content = html[html.index("<article"):html.index("</article>")]
        _says_registration(content, event, lang, want["registration"])
        _says_registration(items[event.id], event, lang, want["registration"])
        text = _text(content)
        assert (labels["time_tba"] in text) == want["time_tba"], (event.id, epoch)
        assert (labels["location_tba"] in text) == want["location_tba"], (event.id, epoch)
        assert labels["time_tba"] not in _text(items[event.id]) or want["time_tba"]
        [data] = [json.loads(block) for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        assert ("offers" in data) == (want["registration"] == "open"), (event.id, epoch)
        if want["registration"] == "open":
            assert data["offers"]["url"] == event.registration.url[lang]
        # Calendars keep what they got: the feed carries no call to register,
        # only the event's page, which says what holds at each rebuild.
        for address in (event.registration.url.values() if event.registration else ()):
            assert address not in feed_text
    assert labels["register"] not in as_typed(feed_text)


@pytest.mark.parametrize("epoch", [FIXTURE_EPOCH, OPEN_EPOCH, CLOSED_EPOCH, LATER_EPOCH])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_shows_the_next_event_or_the_latest_ones(sites, epoch, lang):
    site, root, labels = sites[epoch], ROOTS[lang], LABELS[lang]
    now = datetime.fromtimestamp(epoch, timezone.utc)
    today = now.astimezone(LUX).date()
    html = (site / root / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section class="gd-next"'):]
    section = section[:section.index("</section>")]
    upcoming = sorted((e for e in FIXTURE_EVENTS if e.last_day() >= today and not e.cancelled),
                      key=lambda e: agenda._start_key(e))
    past = sorted((e for e in FIXTURE_EVENTS if e.last_day() < today and not e.cancelled),
                  key=lambda e: agenda._start_key(e), reverse=True)
    shown = upcoming[:1] or past[:2]
    links = re.findall(r'<h3 class="gd-event__title"><a href="([^"]+)">', section)
    assert links == [f"agenda/{e.id}/" for e in shown], (epoch, lang)
    heading = labels["next_event"] if upcoming else labels["latest_events"]
    assert f'<h2 id="gd-next-title">{heading}</h2>' in unescape(section)
    for event in shown:
        assert event.title[lang] in _text(section)
        assert text_rules(lang)(dates.event_when(event, lang, labels)) in unescape(section)
        _says_registration(section, event, lang, expected(event, now)["registration"])
    # While an event is to come, the way to the agenda's box that offers every way of subscribing (a bare
    # webcal:// link is ignored by Android browsers and web calendars); once none is, that it is over
    # (tests/test_campaign_states.py).
    assert 'href="agenda/"' in section and ('href="agenda/#subscribe"' in section) == bool(upcoming)
    assert (labels["campaign_over"] in _text(section)) == (not upcoming)
    assert html.count("<h1") == 1


def test_the_home_page_at_the_open_date_calls_to_register_in_each_language(sites):
    """A guard that the contradiction tests above see the call to register at least once."""
    for lang in LANGUAGES:
        html = (sites[OPEN_EPOCH] / ROOTS[lang] / "index.html").read_text(encoding="utf-8")
        workshop = next(e for e in FIXTURE_EVENTS if e.id == "atelier-cybersecurite-2025")
        assert f'href="{workshop.registration.url[lang]}"' in html
        assert text_rules(lang)(dates.moment_when(workshop.registration.closes, lang, LABELS[lang])) in unescape(html)


# -- editors' mistakes with markers and registration addresses ---------------------------

def test_an_unknown_marker_and_a_missing_home_marker_stop_the_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/fr/ateliers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- hooks/agenda.py: prochain -->\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = page.read_text(encoding="utf-8").splitlines().index("<!-- hooks/agenda.py: prochain -->") + 1
    assert (f"docs/fr/ateliers.md, line {line}: the line <!-- hooks/agenda.py: prochain --> is not known. "
            "Use <!-- hooks/agenda.py -->, <!-- hooks/agenda.py: next -->") in result.stderr
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- hooks/agenda.py: prochain -->", ""),
                    encoding="utf-8")
    home = project / "docs/de/index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("<!-- hooks/agenda.py: next -->", ""), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/index.md: the line <!-- hooks/agenda.py: next --> is missing" in result.stderr


def test_a_registration_on_this_site_stops_the_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    path = project / "data/events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("https://www.cdm.lu/fr/inscription", "https://godigital.lu/fr/inscription", 1),
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert re.search(r"data/events\.yaml, line \d+, event 'atelier-cybersecurite-2025', field 'registration\.url\.fr': "
                     r"'https://godigital\.lu/fr/inscription' is an address on this site", result.stderr)
