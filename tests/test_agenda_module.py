"""What the agenda derives from events: order, dates, links and structured data."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime, timezone
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from godigital import agenda, dates
from godigital.events import parse_events
from tests.conftest import SHIPPED_LANGUAGES
from tests.test_events import LANGUAGES, VALID  # VALID's languages
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
    [timed] = parse_events(VALID, languages=LANGUAGES)
    assert dates.event_when(timed, "fr") == "mardi 20 mars 2018, 09:00–17:30"
    assert dates.event_when(timed, "de") == "Dienstag, 20. März 2018, 09:00–17:30"
    assert dates.event_when(timed, "en") == "Tuesday, 20 March 2018, 09:00–17:30"
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
    [timed] = parse_events(VALID, languages=LANGUAGES)
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
    [timed] = parse_events(VALID, languages=LANGUAGES)
    before = datetime(2018, 3, 1, tzinfo=timezone.utc)
    data = agenda.event_structured_data(timed, "de", "https://www.godigital.lu/de/agenda/journee-test-2030/", before)
    assert data["startDate"] == "2018-03-20T09:00:00+01:00"
    assert data["location"] == {
        "@type": "Place", "name": "Chambre des Métiers", "address": "2, Circuit de la Foire, Luxemburg",
        "geo": {"@type": "GeoCoordinates", "latitude": 49.63, "longitude": 6.17},
    }
    assert data["inLanguage"] == ["fr", "de"]
    assert data["offers"] == {"@type": "Offer", "url": "https://www.cc.lu/inscription?lang=fr&x=1"}
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode", "at the venue"


def test_an_event_without_a_venue_claims_no_way_of_attending():
    """No venue in the data: in person or online, the data does not say, so neither does the page."""
    event = all_day_event()
    assert event.location is None
    data = agenda.event_structured_data(event, "fr", "https://www.godigital.lu/agenda/atelier-test-2030/",
                                        datetime(2018, 1, 10, tzinfo=timezone.utc))
    assert "eventAttendanceMode" not in data and "location" not in data


def test_addresses_of_feeds_and_pages_per_language():
    event = all_day_event()
    assert agenda.page_path(event, "fr", default="fr") == "agenda/atelier-test-2030/"
    assert agenda.page_path(event, "de", default="fr") == "de/agenda/atelier-test-2030/"
    assert agenda.event_file_path(event, "de", default="fr") == "de/events/atelier-test-2030.ics"
    assert agenda.feed_path("fr", default="fr") == "calendar.ics"
    assert agenda.webcal("https://www.godigital.lu/de/calendar.ics") == "webcal://www.godigital.lu/de/calendar.ics"


def test_a_description_that_fits_is_whole_with_its_spaces_tidied():
    assert agenda.summary("Court.", lang="fr") == "Court."
    assert agenda.summary("  Deux\n  lignes.  ", lang="fr") == "Deux lignes."
    exact = "x" * 150 + " fin de."
    assert agenda.summary(exact, lang="fr") == exact


def test_a_long_description_is_cut_after_the_last_sentence_that_fits():
    text = ("Une journée de conférences et d'ateliers pour les chefs d'entreprise, avec quatre ateliers "
            "animés par des experts, en français et en allemand. Inscription gratuite auprès de la Chambre.")
    assert agenda.summary(text, lang="fr") == text[:text.index(" Inscription")]
    quoted = "Il a dit « " + "très " * 25 + "bien ! » Ensuite " + "encore " * 10
    assert agenda.summary(quoted, lang="fr").endswith("bien ! »")


def test_without_a_sentence_end_that_fits_it_is_cut_after_a_word_with_an_ellipsis():
    text = "Des chefs d'entreprise et des experts prennent la parole dans quatre ateliers " * 4
    short = agenda.summary(text, lang="fr")
    assert len(short) <= 160 and short.endswith("…"), short
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " ", "the cut falls between two words"
    german = agenda.summary("Unternehmer und Fachleute sprechen in vier Workshops " * 5, lang="de")
    assert german.endswith(" …") and not german.endswith("  …") and len(german) <= 160


def test_a_short_first_sentence_is_not_all_that_is_kept():
    text = "Bienvenue. " + "Des chefs d'entreprise et des experts prennent la parole dans quatre ateliers " * 3
    short = agenda.summary(text, lang="fr")
    assert len(short) > 80 and short.endswith("…")


def test_the_cut_leaves_no_dangling_punctuation_before_the_ellipsis():
    text = "Mots de passe, sauvegardes et courriels piégés : " + "réflexes " * 30
    for limit in range(40, 60):
        short = agenda.summary(text, limit, lang="fr")
        assert not re.search(r"[\s,;:]…$", short), (limit, short)


def test_a_single_word_longer_than_the_room_is_cut_inside_it():
    assert agenda.summary("x" * 200, lang="fr") == "x" * 159 + "…"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["mot", "phrase.", "fin !", "vraiment ?", "« oui »", ",", ":", "…", "x" * 30]),
                max_size=80),
       st.integers(min_value=20, max_value=200), st.sampled_from(["fr", "de"]))
def test_a_summary_never_ends_in_a_sentence_end_and_an_ellipsis(words, limit, lang):
    text = " ".join(words)
    short = agenda.summary(text, limit, lang=lang)
    whole = " ".join(text.split())
    assert len(short) <= limit
    if short == whole or whole.startswith(short):
        return  # whole, or cut after a sentence: the editor's own characters
    ellipsis = " …" if lang == "de" else "…"
    assert short.endswith(ellipsis), short
    body = short.removesuffix(ellipsis)
    assert whole.startswith(body) and not re.search(r"[\s.!?:;,…]$", body), short


def test_every_label_exists_in_every_language_of_the_site(tmp_path):
    from godigital.labels import LabelsError, load_labels

    labels = load_labels("data/labels.yaml", languages=SHIPPED_LANGUAGES)
    assert set(labels) == set(SHIPPED_LANGUAGES)
    assert all(labels[lang].keys() == labels[SHIPPED_LANGUAGES[0]].keys() for lang in SHIPPED_LANGUAGES)
    broken = tmp_path / "labels.yaml"
    broken.write_text("upcoming:\n  fr: Prochains rendez-vous\n", encoding="utf-8")
    with pytest.raises(LabelsError, match="the label 'upcoming' has no German text"):
        load_labels(broken, languages=("fr", "de"))
    with pytest.raises(LabelsError, match="the label 'upcoming' has no English text"):
        load_labels(broken, languages=("fr", "de", "en"))


@pytest.mark.parametrize("pattern", ["EEEE d 'MMMM y", "EEEE d MMMM", "jjj", "EEEE d MMMM y <script>"])
def test_a_date_pattern_that_would_drop_part_of_every_date_is_refused_with_its_line(tmp_path, pattern):
    from godigital.labels import LabelsError, load_labels

    labels = tmp_path / "labels.yaml"
    labels.write_text(f"date_format:\n  fr: EEEE d MMMM y\n  de: \"{pattern}\"\n", encoding="utf-8")
    with pytest.raises(LabelsError) as error:
        load_labels(labels, languages=("fr", "de"))
    assert str(error.value).startswith(f"{labels}, line 3: the label 'date_format.de' ('{pattern}') does not write")
    labels.write_text("date_format:\n  fr: EEEE d MMMM y\n  de: EEEE, d. MMMM y\n", encoding="utf-8")
    assert load_labels(labels, languages=("fr", "de"))["de"]["date_format"] == "EEEE, d. MMMM y"


def test_structured_data_says_an_event_is_scheduled_only_while_it_is_to_come():
    """Once over, the site cannot tell whether it took place as planned: no eventStatus then;
    a cancelled one stays cancelled."""
    event = all_day_event()  # 6 February 2018
    url = "https://www.godigital.lu/agenda/atelier-test-2030/"
    before, after = datetime(2018, 2, 1, tzinfo=timezone.utc), datetime(2018, 2, 8, tzinfo=timezone.utc)
    assert agenda.event_structured_data(event, "fr", url, before)["eventStatus"] == "https://schema.org/EventScheduled"
    assert "eventStatus" not in agenda.event_structured_data(event, "fr", url, after)
    cancelled = dataclasses.replace(event, status="cancelled")
    assert agenda.event_structured_data(cancelled, "fr", url, after)["eventStatus"] == "https://schema.org/EventCancelled"


def test_the_calendar_links_carry_the_languages_typography():
    event = all_day_event()
    query = parse_qs(urlsplit(agenda.google_calendar_link(
        dataclasses.replace(event, title={"fr": "L'atelier", "de": "Workshop"}), "fr", "x")).query)
    assert query["text"] == ["L\u2019atelier"]
    query = parse_qs(urlsplit(agenda.outlook_link(
        dataclasses.replace(event, title={"fr": "L'atelier", "de": "Workshop"}), "fr", "x")).query)
    assert query["subject"] == ["L\u2019atelier"]
