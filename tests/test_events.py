"""Reading data/events.yaml: what editors write, and what they are told when it is wrong."""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from godigital.events import EventDataError, Registration, load_events, parse_events
from tests.conftest import written_in

VALID = """\
events:
  - id: journee-test-2030
    title:
      fr: Digital Day
      de: Digital Day
    description:
      fr: Quatre ateliers, en français et en allemand.
      de: Vier Workshops, auf Französisch und auf Deutsch.
    start: 2018-03-20T09:00
    end: 2018-03-20T17:30
    location:
      name: Chambre des Métiers
      address:
        fr: 2, Circuit de la Foire, Luxembourg
        de: 2, Circuit de la Foire, Luxemburg
      latitude: 49.63
      longitude: 6.17
    organizer:
      name: Go Digital
      url: https://www.godigital.lu
    registration: https://www.cc.lu/inscription?lang=fr&x=1
    languages: [fr, de]
    status: tentative
    updated: 2018-02-01T10:15
"""
# The languages the events of these tests are written in; the events module takes the site's as a parameter.
LANGUAGES = written_in(VALID)


def problems_of(text: str) -> list[str]:
    with pytest.raises(EventDataError) as caught:
        parse_events(textwrap.dedent(text), "data/events.yaml", languages=LANGUAGES)
    return [str(p) for p in caught.value.problems]


def with_field(field: str, value: str) -> str:
    """The valid file with one field's line replaced."""
    lines = VALID.splitlines()
    index = next(i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{field}:"))
    lines[index] = f"    {field}: {value}"
    return "\n".join(lines) + "\n"


def test_a_complete_event_is_read_with_every_field():
    [event] = parse_events(VALID, languages=LANGUAGES)
    luxembourg = ZoneInfo("Europe/Luxembourg")
    assert event.id == "journee-test-2030"
    assert event.title == {"fr": "Digital Day", "de": "Digital Day"}
    assert event.start == datetime(2018, 3, 20, 9, 0, tzinfo=luxembourg)
    assert event.end == datetime(2018, 3, 20, 17, 30, tzinfo=luxembourg)
    assert not event.all_day
    assert event.location.name == {"fr": "Chambre des Métiers", "de": "Chambre des Métiers"}
    assert event.location.address["de"] == "2, Circuit de la Foire, Luxemburg"
    assert (event.location.latitude, event.location.longitude) == (49.63, 6.17)
    assert event.organizer.url == "https://www.godigital.lu"
    address = "https://www.cc.lu/inscription?lang=fr&x=1"
    assert event.registration == Registration({"fr": address, "de": address})
    assert event.languages == ("fr", "de")
    assert event.status == "tentative"
    assert event.updated == datetime(2018, 2, 1, 9, 15, tzinfo=ZoneInfo("UTC"))


def test_all_day_events_keep_the_last_day_as_written_and_end_the_next_day_in_calendars():
    [event] = parse_events(with_field("start", "2018-02-06").replace("end: 2018-03-20T17:30", "end: 2018-02-07"), languages=LANGUAGES)
    assert event.all_day
    assert event.end == date(2018, 2, 7)
    assert event.end_exclusive == date(2018, 2, 8)


def test_an_empty_list_is_an_agenda_without_events():
    assert parse_events("events: []\n", languages=LANGUAGES) == []
    assert parse_events("events:\n", languages=LANGUAGES) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("events:\n  - id: a\n    title: fr: x\n", "line 3: a colon followed by a space starts a new field"),
        (VALID.replace("    status:", "    venue: Kirchberg\n    status:"),
         "line 23, event 'journee-test-2030', field 'venue': unknown field 'venue'"),
        (VALID.replace("    registration:", "    registraton:"),
         "Did you mean 'registration'?"),
        (VALID.replace("      de: Digital Day\n", ""), "field 'title.de': the German text is missing"),
        (with_field("end", "2018-03-20T08:00"), "line 10, event 'journee-test-2030', field 'end': the end"),
        (with_field("start", "2018-02-30"), "line 9, event 'journee-test-2030', field 'start': 2018-02-30 is not a date that exists"),
        (with_field("start", "2018-03-25T02:30").replace("end: 2018-03-20T17:30", "end: 2018-03-25T05:00"),
         "does not exist in Europe/Luxembourg"),
        (with_field("start", "20 mars"), "field 'start': '20 mars' is not a date"),
        (with_field("start", "2018-03-20"), "field 'end': the start and the end must both be dates"),
        (VALID.replace("    start:", "    timezone: Europe/Luxemburg\n    start:"),
         "field 'timezone': 'Europe/Luxemburg' is not a known time zone"),
        (VALID.replace("id: journee-test-2030", "id: Digital Day"), "line 2, field 'id': 'Digital Day' is not a valid id"),
        (with_field("registration", "javascript:alert(1)"), "field 'registration': 'javascript:alert(1)' is not a web address"),
        (with_field("registration", "www.godigital.lu"), "is not a web address"),
        (VALID.replace("url: https://www.godigital.lu\n", "url: ftp://godigital.lu\n"), "field 'organizer.url'"),
        (VALID.replace("fr: Digital Day\n", "fr: Digital <em>Day</em>\n"), "field 'title.fr': the text contains HTML"),
        (VALID.replace("fr: Digital Day\n", "fr: \"[Digital Day](https://x.lu)\"\n"), "field 'title.fr': the text contains Markdown"),
        (VALID.replace("fr: Digital Day\n", "fr: \"**Digital** Day\"\n"), "the text contains Markdown"),
        (with_field("status", "maybe"), "field 'status': 'maybe' is not allowed. Use one of: confirmed, tentative, cancelled"),
        (with_field("languages", "[fr, lu]"), "field 'languages': 'lu' is not a known language"),
        (with_field("updated", "yesterday"), "field 'updated'"),
        (VALID.replace("      latitude: 49.63\n", ""), "field 'location': give both latitude and longitude"),
        (VALID.replace("      latitude: 49.63\n", "      latitude: 149.63\n"), "not a number between -90 and 90"),
        (VALID.replace("    start: 2018-03-20T09:00\n", ""), "line 2, event 'journee-test-2030', field 'start': the field 'start' is missing"),
        ("events:\n  - just a text\n", "line 2: expected a list of 'name: value' lines"),
        ("agenda: []\n", "unknown field 'agenda'"),
        ("", "the file is empty"),
    ],
)
def test_each_mistake_is_reported_with_file_line_event_and_field(text, expected):
    problems = problems_of(text)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("data/events.yaml, line ") for p in problems)


def test_a_duplicate_id_names_both_lines():
    second = VALID.split("events:\n", 1)[1]
    problems = problems_of(VALID + second)
    assert problems == [
        "data/events.yaml, line 25, event 'journee-test-2030', field 'id': the id 'journee-test-2030' is "
        "already used by the event on line 2. Every event needs its own id."
    ]


def test_a_key_given_twice_is_not_silently_overwritten():
    problems = problems_of(VALID.replace("    status: tentative\n", "    status: tentative\n    status: cancelled\n"))
    assert any("'status' is given twice" in p for p in problems)


def test_every_problem_of_a_file_is_reported_at_once_in_line_order():
    text = with_field("status", "maybe").replace("end: 2018-03-20T17:30", "end: 2018-02-30")
    problems = problems_of(text)
    assert len(problems) == 2
    assert "field 'end'" in problems[0] and "field 'status'" in problems[1]


def test_a_missing_file_is_a_clear_problem_too(tmp_path):
    with pytest.raises(EventDataError, match="does not exist"):
        load_events(tmp_path / "events.yaml", languages=LANGUAGES)


# -- registration: one address, or per language, and a closing date -----------------

REGISTRATION = "    registration: https://www.cc.lu/inscription?lang=fr&x=1\n"


def with_registration(block: str) -> str:
    return VALID.replace(REGISTRATION, textwrap.indent(textwrap.dedent(block), "    "))


def test_registration_per_language_with_a_closing_day_or_moment():
    [event] = parse_events(with_registration("""\
        registration:
          url:
            fr: https://www.cc.lu/inscription
            de: https://www.cc.lu/anmeldung
          closes: 2018-03-15
        """), languages=LANGUAGES)
    assert event.registration == Registration({"fr": "https://www.cc.lu/inscription",
                                               "de": "https://www.cc.lu/anmeldung"}, date(2018, 3, 15))
    # A closing day is the last day to register: it ends at midnight after it, Luxembourg time.
    assert event.registration.closes_at(event.timezone) == datetime(2018, 3, 16, tzinfo=ZoneInfo("Europe/Luxembourg"))
    [event] = parse_events(with_registration("""\
        registration:
          url: https://www.cc.lu/inscription
          closes: 2018-03-20T09:00
        """), languages=LANGUAGES)
    assert event.registration.url == {"fr": "https://www.cc.lu/inscription", "de": "https://www.cc.lu/inscription"}
    assert event.registration.closes_at(event.timezone) == event.start


@pytest.mark.parametrize(
    "block, expected",
    [
        ("registration:\n  closes: 2018-03-15\n",
         "field 'registration.url': the registration address is missing"),
        ("registration:\n  url: https://www.cc.lu/x\n  closes: 2018-03-21\n",
         "line 23, event 'journee-test-2030', field 'registration.closes': registration closes (2018-03-21) "
         "after the event starts (2018-03-20T09:00)"),
        ("registration:\n  url: https://www.cc.lu/x\n  closes: 2018-03-20T09:30\n",
         "registration closes (2018-03-20T09:30) after the event starts"),
        ("registration:\n  url:\n    fr: https://www.cc.lu/x\n    en: https://www.cc.lu/y\n",
         "field 'registration.url': 'en' is not a language of the site"),
        ("registration:\n  url:\n    fr: https://www.cc.lu/x\n",
         "field 'registration.url.de': the German registration address is missing"),
        ("registration:\n  url: https://www.cc.lu/x\n  close: 2018-03-15\n",
         "Did you mean 'closes'?"),
        ("registration:\n  url: https://www.cc.lu/x\n  closes: 15 mars\n",
         "field 'registration.closes': '15 mars' is not a date"),
        ("registration:\n  url:\n    fr: www.cc.lu\n    de: https://www.cc.lu/y\n",
         "field 'registration.url.fr': 'www.cc.lu' is not a web address"),
    ],
)
def test_each_registration_mistake_is_reported_with_its_line(block, expected):
    problems = problems_of(with_registration(block))
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("address", ["https://www.godigital.lu", "https://godigital.lu/inscription",
                                     "https://WWW.GoDigital.lu/de/anmeldung?x=1"])
def test_a_registration_on_this_site_is_refused_when_the_site_is_known(address):
    text = VALID.replace("https://www.cc.lu/inscription?lang=fr&x=1", address)
    parse_events(text, languages=LANGUAGES)  # the site's address unknown: nothing to compare with
    with pytest.raises(EventDataError) as caught:
        parse_events(text, "data/events.yaml", site_url="https://www.godigital.lu/", languages=LANGUAGES)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith("data/events.yaml, line 21, event 'journee-test-2030', field 'registration': ")
    assert "is an address on this site, which is static and has no registration form" in problem
    # Another site, whose name merely contains this one's, is fine.
    parse_events(VALID.replace("https://www.cc.lu/inscription?lang=fr&x=1", "https://www.notgodigital.lu/x"),
                 site_url="https://www.godigital.lu/", languages=LANGUAGES)


def test_whole_day_tells_an_all_day_event_from_a_time_not_known_yet():
    all_day = with_field("start", "2018-03-20").replace("end: 2018-03-20T17:30", "end: 2018-03-20")
    [unknown_time] = parse_events(all_day, languages=LANGUAGES)
    assert unknown_time.all_day and not unknown_time.time_known
    [whole_day] = parse_events(all_day.replace("    status:", "    whole_day: true\n    status:"), languages=LANGUAGES)
    assert whole_day.whole_day and whole_day.time_known
    [timed] = parse_events(VALID, languages=LANGUAGES)
    assert timed.time_known and not timed.whole_day
    assert any("field 'whole_day': 'whole_day: true' is only for events given by their dates" in p
               for p in problems_of(VALID.replace("    status:", "    whole_day: true\n    status:")))
    assert any("field 'whole_day': 'yes' is not allowed" in p
               for p in problems_of(all_day.replace("    status:", "    whole_day: yes\n    status:")))


def test_a_start_with_a_time_and_no_end_is_told_only_that_the_end_is_missing():
    """No end written: nothing is said about an end that is not there, only that it is missing."""
    problems = problems_of(VALID.replace("    end: 2018-03-20T17:30\n", ""))
    assert len(problems) == 1, problems
    assert ("line 9, event 'journee-test-2030', field 'start': the start has a time (2018-03-20T09:00) but the "
            "event has no end. Add 'end:' with the end time, such as 'end: 2018-03-20T12:00'.") in problems[0]


# -- every problem at once, for the site's languages ----------------------------


def test_a_rule_across_fields_is_reported_alongside_the_fields_own_problems():
    """A wrong field does not hide that the end is before the start, nor the other way round."""
    text = (with_field("status", "maybe").replace("end: 2018-03-20T17:30", "end: 2018-03-20T08:00")
            .replace("      latitude: 49.63\n", "").replace("fr: Digital Day\n", "fr: Digital <em>Day</em>\n"))
    problems = problems_of(text)
    assert len(problems) == 4, problems
    assert "line 4, event 'journee-test-2030', field 'title.fr': the text contains HTML" in problems[0]
    assert "line 10, event 'journee-test-2030', field 'end': the end (2018-03-20T08:00) is not after" in problems[1]
    assert "field 'location': give both latitude and longitude" in problems[2]
    assert "field 'status': 'maybe' is not allowed" in problems[3]


def test_a_third_site_language_needs_its_own_texts_and_is_named_when_missing():
    three = ("fr", "de", "en")
    with pytest.raises(EventDataError) as caught:
        parse_events(VALID, languages=three)
    problems = {p.field: str(p) for p in caught.value.problems}
    assert set(problems) == {"title.en", "description.en", "location.address.en"}
    assert "the English text is missing. Add a line 'en: ...'." in problems["title.en"]
    english = (VALID.replace("      de: Digital Day\n", "      de: Digital Day\n      en: Digital Day\n")
               .replace("      de: Vier", "      en: Four workshops.\n      de: Vier")
               .replace("        de: 2, Circuit", "        en: 2, Circuit de la Foire\n        de: 2, Circuit"))
    [event] = parse_events(english, languages=three)
    assert event.title["en"] == "Digital Day" and event.location.name["en"] == "Chambre des Métiers"
    assert event.registration.url["en"] == event.registration.url["fr"]  # one address for every language
    # A language the site does not have is refused, naming the ones it has.
    assert any("unknown field 'en'. Allowed fields: fr, de." in p for p in problems_of(english))


def test_the_sites_language_codes_are_reserved_ids():
    for code in LANGUAGES:
        assert any("already uses that name for another page" in p
                   for p in problems_of(VALID.replace("id: journee-test-2030", f"id: {code}")))
    with pytest.raises(EventDataError, match="already uses that name"):
        parse_events(VALID.replace("id: journee-test-2030", "id: en"), languages=("fr", "de", "en"))
