"""What the agenda derives from events: order, dates, links and structured data."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from godigital import agenda, dates
from godigital.events import parse_events
from tests.test_events import VALID
from tests.test_feeds import all_day_event

LUX = ZoneInfo("Europe/Luxembourg")


def test_upcoming_soonest_first_and_past_latest_first():
    a = all_day_event(id="a", start=date(2018, 2, 6), end=date(2018, 2, 6))
    b = all_day_event(id="b", start=date(2018, 3, 20), end=date(2018, 3, 20))
    c = all_day_event(id="c", start=date(2018, 1, 10), end=date(2018, 3, 1))
    upcoming, past = agenda.split_agenda([b, a, c], today=date(2018, 2, 6))
    assert [e.id for e in upcoming] == ["c", "a", "b"]  # an event is upcoming until its last day is over
    upcoming, past = agenda.split_agenda([b, a, c], today=date(2018, 3, 21))
    assert upcoming == [] and [e.id for e in past] == ["b", "a", "c"]  # by start date


def test_dates_and_times_read_naturally_in_each_language():
    [timed] = parse_events(VALID)
    assert dates.event_when(timed, "fr") == "mardi 20 mars 2018, 09:00–17:30"
    assert dates.event_when(timed, "de") == "Dienstag, 20. März 2018, 09:00–17:30"
    several = all_day_event(start=date(2018, 2, 6), end=date(2018, 2, 7))
    assert dates.event_when(several, "de") == "Dienstag, 6. Februar 2018 – Mittwoch, 7. Februar 2018"


def test_the_build_date_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1519862400")
    assert dates.build_time() == datetime(2018, 3, 1, tzinfo=timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        dates.build_time()


def test_without_source_date_epoch_the_last_commit_dates_the_build(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert dates.source_date_epoch(".") is not None


def test_google_calendar_link_for_a_timed_event_uses_utc_and_keeps_the_zone():
    [timed] = parse_events(VALID)
    query = parse_qs(urlsplit(agenda.google_calendar_link(timed, "fr", "Détails & plus")).query)
    assert query["dates"] == ["20180320T080000Z/20180320T163000Z"]
    assert query["ctz"] == ["Europe/Luxembourg"]
    assert query["details"] == ["Détails & plus"]
    assert query["location"] == ["Chambre des Métiers, 2, Circuit de la Foire, Luxembourg"]


def test_outlook_link_for_an_all_day_event_ends_the_next_day():
    query = parse_qs(urlsplit(agenda.outlook_link(all_day_event(), "de", "x")).query)
    assert query["startdt"] == ["2018-02-06"] and query["enddt"] == ["2018-02-07"]
    assert query["allday"] == ["true"]
    assert query["subject"] == ["eHandwierk-Workshop"]


def test_structured_data_cannot_close_its_script_element():
    text = agenda.script_json({"name": "</script><script>alert(1)</script> & \u2028"})
    assert "</" not in text and "<" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & \u2028"}


def test_structured_data_of_a_timed_event_with_a_venue():
    [timed] = parse_events(VALID)
    before = datetime(2018, 3, 1, tzinfo=timezone.utc)
    data = agenda.event_structured_data(timed, "de", "https://www.godigital.lu/de/agenda/journee-test-2030/", before)
    assert data["startDate"] == "2018-03-20T09:00:00+01:00"
    assert data["location"] == {
        "@type": "Place", "name": "Chambre des Métiers", "address": "2, Circuit de la Foire, Luxemburg",
        "geo": {"@type": "GeoCoordinates", "latitude": 49.63, "longitude": 6.17},
    }
    assert data["inLanguage"] == ["fr", "de"]
    assert data["offers"] == {"@type": "Offer", "url": "https://www.cc.lu/inscription?lang=fr&x=1"}


def test_addresses_of_feeds_and_pages_per_language():
    event = all_day_event()
    assert agenda.page_path(event, "fr") == "agenda/atelier-test-2030/"
    assert agenda.page_path(event, "de") == "de/agenda/atelier-test-2030/"
    assert agenda.event_file_path(event, "de") == "de/events/atelier-test-2030.ics"
    assert agenda.feed_path("fr") == "calendar.ics"
    assert agenda.webcal("https://www.godigital.lu/de/calendar.ics") == "webcal://www.godigital.lu/de/calendar.ics"


def test_long_descriptions_are_shortened_at_a_word_for_snippets():
    text = "Des chefs d'entreprise et des experts prennent la parole dans quatre ateliers. " * 4
    short = agenda.summary(text)
    assert len(short) <= 160 and short.endswith("…")
    assert text.startswith(short[:-1])
    assert agenda.summary("Court.") == "Court."


def test_every_label_exists_in_both_languages(tmp_path):
    from godigital.labels import LabelsError, load_labels

    labels = load_labels("data/labels.yaml")
    assert set(labels) == {"fr", "de"} and labels["fr"].keys() == labels["de"].keys()
    broken = tmp_path / "labels.yaml"
    broken.write_text("upcoming:\n  fr: Prochains rendez-vous\n", encoding="utf-8")
    with pytest.raises(LabelsError, match="the label 'upcoming' has no German text"):
        load_labels(broken)
