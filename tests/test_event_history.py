"""What git history tells about events: revisions per language, moves, events deleted instead of cancelled."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from godigital.event_history import NO_HISTORY, Version, deletion_problems, moved, read_history, summarise
from godigital.events import parse_events
from godigital.feeds import sequence
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, build_site, fixture_project, root_of
from tests.test_events import LANGUAGES as WRITTEN_IN  # the languages of VALID and the texts below
from tests.test_events import VALID

UTC = timezone.utc
LUX = ZoneInfo("Europe/Luxembourg")
# The test events without their 'updated' floor: revisions come from history alone.
PLAIN = VALID.replace("    updated: 2018-02-01T10:15\n", "")
SECOND = """\
  - id: second-event
    title: {fr: Deuxième, de: Zweiter}
    description: {fr: Un autre rendez-vous., de: Ein anderer Termin.}
    start: 2018-04-10
"""
BEFORE = PLAIN + SECOND
T1, T2, T3 = (datetime(2018, 2, day, 9, 30, tzinfo=UTC) for day in (1, 2, 3))
EVENT = "journee-test-2030"


def history(*texts: str, moments=(T1, T2, T3)):
    versions = [Version(f"{n:07x}", moment, text, None)
                for n, (moment, text) in enumerate(zip(moments[:len(texts)], texts, strict=True))]
    return summarise(versions, WRITTEN_IN)


# -----------------------------------------------------------------------------
# Revisions
# -----------------------------------------------------------------------------


def test_each_event_and_language_dates_from_the_version_that_first_had_it():
    found = history(PLAIN, BEFORE)
    assert found.changed == {(EVENT, "fr"): T1, (EVENT, "de"): T1, ("second-event", "fr"): T2,
                             ("second-event", "de"): T2}


def test_reformatting_reordering_and_comments_are_no_change():
    reordered = "# A comment\nevents:\n" + SECOND.replace("title: {fr: Deuxième, de: Zweiter}",
                                                        "title:\n      fr: Deuxième\n      de: Zweiter") \
        + PLAIN.split("events:\n", 1)[1]
    assert history(BEFORE, reordered).changed == history(BEFORE).changed


def test_a_german_only_fix_changes_the_german_revision_only():
    fixed = BEFORE.replace("de: Vier Workshops", "de: Vier  Workshops!")
    found = history(BEFORE, fixed)
    assert found.changed[(EVENT, "de")] == T2
    assert found.changed[(EVENT, "fr")] == T1


def test_a_change_every_language_sees_changes_every_language():
    moved_text = BEFORE.replace("start: 2018-04-10", "start: 2018-04-12")
    found = history(BEFORE, moved_text)
    assert found.changed[("second-event", "fr")] == found.changed[("second-event", "de")] == T2
    assert found.changed[(EVENT, "fr")] == T1


def test_two_changes_in_one_minute_are_two_revisions():
    same_minute = (T1, T1.replace(second=20), T1.replace(second=40))
    found = history(BEFORE, BEFORE.replace("2018-04-10", "2018-04-11"), BEFORE.replace("2018-04-10", "2018-04-12"),
                    moments=same_minute)
    assert found.changed[("second-event", "fr")] == T1.replace(minute=32)
    assert sequence(found.changed[("second-event", "fr")]) > sequence(T1)


def test_updated_is_a_floor_never_a_requirement():
    [event] = parse_events(VALID, languages=WRITTEN_IN)
    assert event.updated_at == datetime(2018, 2, 1, 9, 15, tzinfo=UTC)
    assert history(VALID).modified(event, "fr") == datetime(2018, 2, 1, 9, 30, tzinfo=UTC)
    assert history(VALID, moments=(datetime(2018, 1, 5, tzinfo=UTC),)).modified(event, "fr") == event.updated_at
    assert NO_HISTORY.modified(event, "fr") == event.updated_at


def test_a_version_with_mistakes_or_a_deleted_file_is_skipped():
    found = summarise([Version("a", T1, PLAIN, None), Version("b", T2, "events: [\n", None),
                       Version("c", T3, None, None)], WRITTEN_IN)
    assert found.changed[(EVENT, "fr")] == T1


def test_a_language_added_later_dates_from_the_version_that_added_it():
    config = "plugins:\n  - i18n:\n      languages:\n        - locale: fr\n          default: true\n"
    french_only = re.sub(r"\n +de: [^\n]*", "", PLAIN).replace("        de: 2, Circuit de la Foire, Luxemburg\n", "")
    found = summarise([Version("a", T1, french_only, config), Version("b", T2, PLAIN, None)], WRITTEN_IN)
    assert found.changed[(EVENT, "fr")] == T1
    assert found.changed[(EVENT, "de")] == T2


# -----------------------------------------------------------------------------
# Moves
# -----------------------------------------------------------------------------


def test_a_changed_day_or_time_is_a_move_and_the_earlier_starts_are_kept():
    later = PLAIN.replace("2018-03-20T09:00", "2018-03-27T09:00").replace("2018-03-20T17:30", "2018-03-27T17:30")
    earlier_time = later.replace("2018-03-27T09:00", "2018-03-27T08:00")
    found = history(PLAIN, later, earlier_time)
    assert found.previous_starts[EVENT] == (datetime(2018, 3, 20, 9, 0, tzinfo=LUX),
                                            datetime(2018, 3, 27, 9, 0, tzinfo=LUX))
    assert moved(datetime(2018, 3, 20, 9, 0, tzinfo=LUX), datetime(2018, 3, 27, 9, 0, tzinfo=LUX)) == "postponed"
    assert moved(datetime(2018, 3, 27, 9, 0, tzinfo=LUX), datetime(2018, 3, 27, 8, 0, tzinfo=LUX)) == \
        "brought_forward"


def test_a_time_given_to_a_day_is_no_move():
    timed = BEFORE.replace("    start: 2018-04-10\n", "    start: 2018-04-10T14:00\n    end: 2018-04-10T16:00\n")
    assert "second-event" not in history(BEFORE, timed).previous_starts
    assert moved(date(2018, 4, 10), datetime(2018, 4, 10, 14, 0, tzinfo=LUX)) is None
    assert moved(date(2018, 4, 10), date(2018, 4, 9)) == "brought_forward"


# -----------------------------------------------------------------------------
# Git
# -----------------------------------------------------------------------------


def _git(project, *args, when: datetime | None = None):
    stamp = (when or T1).isoformat()
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           "-c", "commit.gpgsign=false", *args], cwd=project, check=True, capture_output=True,
                          env={**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})


def _commit(project, text: str, when: datetime, path: str = "data/events.yaml") -> None:
    (project / path).parent.mkdir(parents=True, exist_ok=True)
    (project / path).write_text(text, encoding="utf-8")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", f"change at {when}", when=when)


def _read(project, current: str | None = None, now: datetime = T3):
    return read_history(project, "data/events.yaml", languages=WRITTEN_IN, current_text=current, now=now)


def test_outside_git_there_is_no_history(tmp_path):
    assert _read(tmp_path, BEFORE).source == "none"


def test_commits_are_read_and_an_uncommitted_change_dates_from_now(tmp_path):
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, PLAIN, T1)
    _commit(tmp_path, BEFORE, T2)
    assert _read(tmp_path, BEFORE).changed[("second-event", "de")] == T2
    edited = BEFORE.replace("de: Ein anderer Termin.", "de: Ein ganz anderer Termin.")
    found = _read(tmp_path, edited, now=T3.replace(second=45))
    assert found.source == "git"
    assert found.changed[("second-event", "de")] == T3
    assert found.changed[("second-event", "fr")] == T2
    assert found.announced["second-event"][1] == 24


def test_a_move_committed_with_another_commit_on_top_is_still_seen(tmp_path):
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, BEFORE, T1)
    _commit(tmp_path, BEFORE.replace("start: 2018-04-10", "start: 2018-04-17"), T2)
    _commit(tmp_path, "unrelated\n", T3, path="README")
    found = _read(tmp_path, (tmp_path / "data/events.yaml").read_text(encoding="utf-8"))
    assert found.changed[("second-event", "fr")] == T2
    assert found.previous_starts["second-event"] == (date(2018, 4, 10),)


def test_an_event_deleted_in_an_earlier_commit_is_reported(tmp_path):
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, BEFORE, T1)
    _commit(tmp_path, PLAIN, T2)
    _commit(tmp_path, "unrelated\n", T3, path="README")
    found = _read(tmp_path, PLAIN)
    [problem] = deletion_problems(found, parse_events(PLAIN, languages=WRITTEN_IN), PLAIN)
    commit = found.announced["second-event"][0]
    assert str(problem).startswith("data/events.yaml, line 1, event 'second-event': the event 'second-event' was "
                                   f"announced (line 24 of data/events.yaml in commit {commit})")
    assert f"git show {commit}:data/events.yaml" in problem.message and "status: cancelled" in problem.message


def test_a_shallow_clone_says_so(tmp_path):
    origin = tmp_path / "origin"
    origin.mkdir()
    _git(origin, "init", "-q")
    _commit(origin, PLAIN, T1)
    _commit(origin, BEFORE, T2)
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(tmp_path / "clone")], check=True)
    found = _read(tmp_path / "clone", BEFORE)
    assert found.source == "shallow"
    assert found.changed[(EVENT, "fr")] == T2  # its oldest commit: newer, never older


# -----------------------------------------------------------------------------
# The built site, from a project committed with git
# -----------------------------------------------------------------------------

MOVED = "petit-dejeuner-pme-2025"
C1, C2, C3, C4 = (datetime(2025, 6, day, 10, 0, tzinfo=UTC) for day in (11, 12, 13, 14))


def _feed_event(feed: bytes, event_id: str):
    return next(e for e in Calendar.from_ical(feed).walk("VEVENT") if str(e["UID"]).startswith(event_id + "@"))


def _build(project, site):
    result = build_site(project, site, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return {lang: (site / root_of(lang) / "calendar.ics").read_bytes() for lang in LANGUAGES}, result


@pytest.fixture(scope="module")
def history_builds(tmp_path_factory):
    """The fixture committed; built; an event moved and another commit on top, built; a German fix, built."""
    base = tmp_path_factory.mktemp("history")
    project = fixture_project(base / "project")
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "site", when=C1)
    first, _ = _build(project, base / "first")
    events = project / "data/events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "start: 2025-03-04T08:00\n    end: 2025-03-04T10:00" in text
    _commit(project, text.replace("start: 2025-03-04T08:00\n    end: 2025-03-04T10:00",
                                  "start: 2025-03-11T08:00\n    end: 2025-03-11T10:00"), C2)
    _commit(project, "notes\n", C3, path="NOTES")
    moved_feeds, result = _build(project, base / "moved")
    text = events.read_text(encoding="utf-8")
    _commit(project, text.replace("Ein zwangloser Austausch", "Ein lockerer Austausch"), C4)
    fixed, _ = _build(project, base / "fixed")
    return first, moved_feeds, fixed, base, result


def test_a_moved_event_reaches_subscribers_with_a_higher_sequence_and_a_newer_last_modified(history_builds):
    first, moved_feeds, _, _, _ = history_builds
    for lang in LANGUAGES:
        before, after = _feed_event(first[lang], MOVED), _feed_event(moved_feeds[lang], MOVED)
        assert after["SEQUENCE"] > before["SEQUENCE"]
        assert after.decoded("LAST-MODIFIED") == C2 > before.decoded("LAST-MODIFIED")
        assert after.decoded("DTSTART") == datetime(2025, 3, 11, 8, 0, tzinfo=LUX)
        # The others did not change.
        other = "salon-numerique-2025"
        assert _feed_event(first[lang], other).to_ical() == _feed_event(moved_feeds[lang], other).to_ical()


def test_a_moved_event_says_it_was_postponed_in_its_feed_page_and_structured_data(history_builds):
    _, moved_feeds, _, base, _ = history_builds
    description = str(_feed_event(moved_feeds["fr"], MOVED)["DESCRIPTION"])
    assert "Reporté. Initialement prévu le mardi 4\u00a0mars 2025, 08:00." in description  # day and month together
    page = (base / "moved/agenda" / MOVED / "index.html").read_text(encoding="utf-8")
    assert "gd-moved" in page
    assert re.search(r'<time datetime="2025-03-04T08:00:00\+01:00">mardi 4\s+mars 2025, 08:00</time>', page)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == ["2025-03-04T08:00:00+01:00"]
    agenda = (base / "moved/de/agenda/index.html").read_text(encoding="utf-8")
    # Over at the build date: its one badge says so, and its card still gives the first date.
    card = agenda[agenda.index(f'id="{MOVED}"'):]
    card = card[:card.index("</li>")]
    assert "gd-status--past" in card and "gd-moved" in card and "Ursprünglich geplant für" in card


def test_a_german_only_fix_leaves_the_french_feed_byte_identical(history_builds):
    _, moved_feeds, fixed, _, _ = history_builds
    assert fixed["fr"] == moved_feeds["fr"]
    assert fixed["de"] != moved_feeds["de"]
    assert _feed_event(fixed["de"], MOVED).decoded("LAST-MODIFIED") == C4


def test_a_build_outside_git_says_it_has_no_history(site, fixture):
    result = build_site(fixture.project, site.parent / "again", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert "data/events.yaml has no git history here" in result.stderr
