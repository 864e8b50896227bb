"""An agenda that follows the calendar: the build day is today, not the last commit's day.

A real git repository whose last commit is older than an event that has
already ended: a build today lists that event as past, two builds today are
byte-identical, and SOURCE_DATE_EPOCH still decides when it is set. Event
dates are written at test time, relative to today in Luxembourg.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from godigital import dates
from tests.conftest import ENGINE, LANGUAGES, copy_project

LUXEMBOURG = dates.LUXEMBOURG


def luxembourg_today() -> date:
    return datetime.now(timezone.utc).astimezone(LUXEMBOURG).date()


def event(event_id: str, day: date) -> str:
    """An event on ``day``, with its texts in every language."""
    titles = "".join(f"      {lang}: Rendez-vous {event_id}\n" for lang in LANGUAGES)
    descriptions = "".join(f"      {lang}: Un rendez-vous ({lang}) pour vérifier le jour de la construction.\n"
                           for lang in LANGUAGES)
    return f"""
  - id: {event_id}
    title:
{titles}    description:
{descriptions}    start: {day.isoformat()}
    end: {day.isoformat()}
"""


def git(repo: Path, *args: str, when: datetime | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    return subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
                          cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def build(repo: Path, site: Path, epoch: str | None = None) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run([sys.executable, "-m", ENGINE, "build", "--strict", "--site-dir", str(site)],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return site


def agenda_sections(site: Path) -> tuple[str, str]:
    """The upcoming and the past part of the French agenda page."""
    html = (site / "agenda/index.html").read_text(encoding="utf-8")
    upcoming, _, past = html.partition('id="past"')
    return upcoming, past


@pytest.fixture
def old_commit_repo(tmp_path) -> tuple[Path, datetime]:
    """A project whose last commit is 20 days old, with an event that ended yesterday."""
    today = luxembourg_today()
    repo = copy_project(tmp_path / "repo", only=LANGUAGES)
    (repo / "data/events.yaml").write_text(
        "events:" + event("ended-yesterday", today - timedelta(days=1)) + event("next-month", today + timedelta(days=30)),
        encoding="utf-8")
    committed = datetime.combine(today - timedelta(days=20), time(10, 0), LUXEMBOURG)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Agenda", when=committed)
    return repo, committed


def test_an_event_that_ended_after_the_last_commit_is_listed_as_past(old_commit_repo, tmp_path):
    repo, _ = old_commit_repo
    site = build(repo, tmp_path / "site")
    upcoming, past = agenda_sections(site)
    assert "ended-yesterday" in past and "ended-yesterday" not in upcoming
    assert "next-month" in upcoming and "next-month" not in past


def test_two_builds_on_the_same_day_are_byte_identical(old_commit_repo, tmp_path):
    repo, _ = old_commit_repo
    first, second = build(repo, tmp_path / "first"), build(repo, tmp_path / "second")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_source_date_epoch_still_decides_the_build_day(old_commit_repo, tmp_path):
    repo, committed = old_commit_repo
    site = build(repo, tmp_path / "site", epoch=str(int(committed.timestamp())))
    upcoming, past = agenda_sections(site)
    assert "ended-yesterday" in upcoming and "ended-yesterday" not in past


def test_the_build_time_is_the_later_of_the_last_commit_and_the_start_of_the_day(old_commit_repo, monkeypatch):
    repo, committed = old_commit_repo
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # Later the same day as the commit: the commit's time.
    assert dates.build_time(repo, now=committed + timedelta(hours=5)) == committed
    # Days later: the start of that day in Luxembourg, whatever the hour.
    later = datetime(committed.year, committed.month, committed.day, 21, 30, tzinfo=LUXEMBOURG) + timedelta(days=3)
    start = datetime.combine(later.date(), time(0), LUXEMBOURG)
    assert dates.build_time(repo, now=later) == start
    assert dates.build_time(repo, now=later + timedelta(hours=2)) == start
    # Just after midnight in Luxembourg (still the day before in UTC): Luxembourg's day.
    assert dates.build_time(repo, now=start + timedelta(minutes=30)) == start


def test_the_build_day_is_set_for_one_build_only_and_a_given_one_wins(tmp_path, monkeypatch):
    """The plugin lives through every rebuild of ``make serve``: the day it set for one
    build (MkDocs' sitemap reads it from the environment) must not stick to the next,
    which may be another day, while a SOURCE_DATE_EPOCH given by the user always wins."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert "SOURCE_DATE_EPOCH" not in os.environ
    sitemap = (tmp_path / "site/sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{luxembourg_today():%Y-%m-%d}</lastmod>" in sitemap or \
        f"<lastmod>{luxembourg_today() - timedelta(days=1):%Y-%m-%d}</lastmod>" in sitemap

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1519862400")  # 2018-03-01
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "given")))
    assert os.environ["SOURCE_DATE_EPOCH"] == "1519862400"
    assert "<lastmod>2018-03-01</lastmod>" in (tmp_path / "given/sitemap.xml").read_text(encoding="utf-8")


@pytest.fixture
def future_commit_repo(tmp_path) -> Path:
    """A project whose last commit is dated 2040, with an event next month."""
    today = luxembourg_today()
    repo = copy_project(tmp_path / "repo", only=LANGUAGES)
    (repo / "data/events.yaml").write_text("events:" + event("next-month", today + timedelta(days=30)), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Agenda", when=datetime(2040, 1, 1, 10, 0, tzinfo=LUXEMBOURG))
    return repo


def test_a_commit_dated_in_the_future_does_not_move_the_build_day(future_commit_repo, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    now = datetime.now(timezone.utc)
    start = datetime.combine(now.astimezone(LUXEMBOURG).date(), time(0), LUXEMBOURG)
    assert dates.build_time(future_commit_repo, now=now) == start
    assert dates.future_commit_time(future_commit_repo, now=now) == datetime(2040, 1, 1, 10, 0, tzinfo=LUXEMBOURG)
    # Once 2040 has come, the commit's time is the build's again.
    later = datetime(2040, 1, 1, 12, 0, tzinfo=LUXEMBOURG)
    assert dates.build_time(future_commit_repo, now=later) == datetime(2040, 1, 1, 10, 0, tzinfo=LUXEMBOURG)
    assert dates.future_commit_time(future_commit_repo, now=later) is None


def test_a_build_after_a_commit_dated_in_the_future_lists_upcoming_events_and_says_so_once(future_commit_repo, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run([sys.executable, "-m", ENGINE, "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=future_commit_repo, capture_output=True, text=True, timeout=300,
                            env={**env, "NO_MKDOCS_2_WARNING": "1", "GODIGITAL_MESSAGES": "de"})
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "Der letzte Commit ist auf 2040-01-01 10:00 datiert" in line]
    assert len(said) == 1 and said[0].startswith("HINWEIS"), result.stderr  # a note, not a problem
    upcoming, past = agenda_sections(tmp_path / "site")
    assert "next-month" in upcoming and "next-month" not in past


def test_source_date_epoch_still_wins_over_a_commit_dated_in_the_future(future_commit_repo, tmp_path):
    site = build(future_commit_repo, tmp_path / "site", epoch="2208988800")  # 2040-01-01
    upcoming, past = agenda_sections(site)
    assert "next-month" in past and "next-month" not in upcoming
