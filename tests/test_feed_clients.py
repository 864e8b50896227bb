"""The calendar feeds as real calendar clients read them.

Fixture events (tests/fixtures/feeds/events.yaml) use two zones over three
years, with times just before and after every change of the clocks. Each
client must give every event the UTC instants ``zoneinfo`` gives the data,
reading times through the file's own VTIMEZONE:

- ical.js (Thunderbird and many web calendars) and libical (Evolution, GNOME),
  on the feeds and on every event's own file;
- Radicale, a CalDAV server, queried by time range through the caldav client;
- vdirsyncer subscribed to the feeds served by the production nginx
  configuration, and khal showing what it synced, through edits,
  cancellations and new events.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from godigital.events import Event, load_events
from godigital.typography import text_rules
from tests.calendar_clients import icaljs_instants, libical_instants
from tests.conftest import ROOT, as_typed, build_site, copy_project, root_of, text_languages
from tests.servers import Nginx, free_port, wait_for_port

FIXTURE = ROOT / "tests/fixtures/feeds/events.yaml"
# The languages the fixture's events are written in, default first: the site these tests build has those.
LANGUAGES = text_languages(FIXTURE)
# A fixed build date: these tests are about the files, not about the build day.
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1735689600"}
UID_DOMAIN = "godigital.lu"


# -----------------------------------------------------------------------------
# Fixtures and helpers
# -----------------------------------------------------------------------------


def build_project(project: Path, site_dir: Path) -> Path:
    result = build_site(project, site_dir, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    return site_dir


def fixture_project(dest: Path, events_yaml: str | None = None) -> Path:
    project = copy_project(dest, only=LANGUAGES)
    (project / "data/events.yaml").write_text(events_yaml or FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("feed-clients")
    return build_project(fixture_project(root / "project"), root / "site")


def calendar_files(site: Path) -> list[Path]:
    """Each language's feed and every event's own file, in every language."""
    files = sorted(path for lang in LANGUAGES for path in [
        site / root_of(lang, LANGUAGES) / "calendar.ics", *(site / root_of(lang, LANGUAGES) / "events").glob("*.ics")])
    assert len(files) == len(LANGUAGES) * (1 + len(load_events(FIXTURE, languages=LANGUAGES)))
    return files


def instant(moment) -> str:
    """How the tests write a moment: UTC for a time, YYYYMMDD for an all-day date."""
    if isinstance(moment, datetime):
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.strftime("%Y%m%d")


def expected(events: list[Event]) -> dict[str, tuple[str, str]]:
    """Each event's UID and its start and end, computed from the data with zoneinfo."""
    return {f"{e.id}@{UID_DOMAIN}": (instant(e.start), instant(e.end_exclusive)) for e in events}


def as_read(rows: list[dict], file: Path) -> dict[str, tuple[str, str]]:
    return {row["uid"]: (row["start"].replace("-", "") if len(row["start"]) == 10 else row["start"],
                         row["end"].replace("-", "") if len(row["end"]) == 10 else row["end"])
            for row in rows if row["file"] == str(file)}


def check_instants(rows: list[dict], files: list[Path]) -> None:
    want = expected(load_events(FIXTURE, languages=LANGUAGES))
    for file in files:
        got = as_read(rows, file)
        assert got, f"{file}: no event read"
        assert got == {uid: want[uid] for uid in got}, file
        if file.name == "calendar.ics":
            assert set(got) == set(want), file


# -----------------------------------------------------------------------------
# ical.js and libical
# -----------------------------------------------------------------------------


def test_icaljs_reads_every_event_at_the_instant_of_the_data(feed_site):
    files = calendar_files(feed_site)
    check_instants(icaljs_instants(files), files)


def test_libical_reads_every_event_at_the_instant_of_the_data(feed_site):
    files = calendar_files(feed_site)
    check_instants(libical_instants(files), files)


# -----------------------------------------------------------------------------
# Radicale (CalDAV server) and the caldav client
# -----------------------------------------------------------------------------


class Radicale:
    """A local CalDAV server, without authentication, storing in a temporary folder."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.url = f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Radicale:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--storage-filesystem-folder", str(self.folder / "storage"),
             "--auth-type", "none", "--server-hosts", f"127.0.0.1:{self.port}", "--logging-level", "warning"],
            stdout=subprocess.DEVNULL, stderr=open(self.folder / "radicale.log", "wb"))
        wait_for_port(self.port, self.process, self.folder / "radicale.log", "Radicale")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_caldav_server_finds_each_event_in_its_own_time_range_only(feed_site, tmp_path, lang):
    import caldav

    events = [e for e in load_events(FIXTURE, languages=LANGUAGES) if not e.all_day]
    folder = feed_site / root_of(lang, LANGUAGES) / "events"
    with Radicale(tmp_path) as server:
        client = caldav.DAVClient(server.url, username="subscriber", password="-")
        calendar = client.principal().make_calendar(name=f"Go Digital {lang}", cal_id=f"godigital-{lang}")
        for event in events:
            calendar.save_event((folder / f"{event.id}.ics").read_text(encoding="utf-8"))

        def found(start: datetime, end: datetime) -> set[str]:
            return {str(item.icalendar_component["UID"]) for item in calendar.search(start=start, end=end, event=True)}

        minute = timedelta(minutes=1)
        for event in events:
            uid = f"{event.id}@{UID_DOMAIN}"
            start, end = event.start.astimezone(timezone.utc), event.end.astimezone(timezone.utc)
            assert uid in found(start, start + minute), event.id
            assert uid in found(end - minute, end), event.id
            assert uid not in found(start - 2 * minute, start), event.id
            assert uid not in found(end, end + 2 * minute), event.id


# -----------------------------------------------------------------------------
# vdirsyncer subscribed through nginx, and khal
# -----------------------------------------------------------------------------


class Subscriber:
    """vdirsyncer subscribed to every language's feed over HTTP, khal showing the synced calendars in UTC."""

    def __init__(self, home: Path, feeds_url: str):
        self.home = home
        bin_dir = Path(sys.executable).parent
        self.vdirsyncer, self.khal = str(bin_dir / "vdirsyncer"), str(bin_dir / "khal")
        pairs, calendars = [], []
        for lang, path in ((lang, f"{root_of(lang, LANGUAGES)}calendar.ics") for lang in LANGUAGES):
            (home / "calendars" / lang).mkdir(parents=True)
            pairs.append(textwrap.dedent(f"""\
                [pair godigital_{lang}]
                a = "godigital_{lang}_feed"
                b = "godigital_{lang}_local"
                collections = null
                conflict_resolution = "a wins"

                [storage godigital_{lang}_feed]
                type = "http"
                url = "{feeds_url}{path}"

                [storage godigital_{lang}_local]
                type = "filesystem"
                path = "{home}/calendars/{lang}/"
                fileext = ".ics"
                """))
            calendars.append(f"[[{lang}]]\npath = {home}/calendars/{lang}/\n")
        (home / "vdirsyncer.conf").write_text(f'[general]\nstatus_path = "{home}/status/"\n\n' + "\n".join(pairs))
        # khal shows times in UTC whatever the machine's zone, so nothing hides an offset error.
        (home / "khal.conf").write_text(
            "[calendars]\n" + "".join(calendars) + textwrap.dedent(f"""\
            [locale]
            timeformat = %H:%M
            dateformat = %Y-%m-%d
            longdateformat = %Y-%m-%d
            datetimeformat = %Y-%m-%d %H:%M
            longdatetimeformat = %Y-%m-%d %H:%M
            default_timezone = UTC
            local_timezone = UTC
            [sqlite]
            path = {home}/khal.db
            """))
        self.env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home),
                    "TZ": "America/Los_Angeles"}

    def _run(self, *args: str) -> str:
        out = subprocess.run(list(args), capture_output=True, text=True, env=self.env, timeout=120)
        assert out.returncode == 0, out.stdout + out.stderr
        return out.stdout

    def sync(self) -> None:
        self._run(self.vdirsyncer, "-c", str(self.home / "vdirsyncer.conf"), "discover")
        self._run(self.vdirsyncer, "-c", str(self.home / "vdirsyncer.conf"), "sync")

    def items(self, lang: str) -> int:
        return len(list((self.home / "calendars" / lang).glob("*.ics")))

    def listed(self, lang: str) -> list[tuple[str, str, str, str]]:
        """(title, start, end, status) of each event, as ``khal list`` shows them."""
        out = self._run(self.khal, "-c", str(self.home / "khal.conf"), "list", "-a", lang, "--once",
                        "--day-format", "", "--format", "{title}|{start}|{end}|{status}", "2000-01-01", "2099-12-31")
        return sorted(tuple(part.strip() for part in line.split("|")) for line in out.splitlines() if line.strip())


def khal_rows(events: list[Event], lang: str) -> list[tuple[str, str, str, str]]:
    """What ``khal list`` must show, computed from the data (times in UTC)."""
    def shown(moment, all_day: bool) -> str:
        if all_day:
            return moment.strftime("%Y-%m-%d")
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")
    return sorted((text_rules(lang)(e.title[lang]), shown(e.start, e.all_day), shown(e.end, e.all_day),
                   "CANCELLED" if e.cancelled else "CONFIRMED") for e in events)


def edited(text: str) -> str:
    """The fixture after an editor's day of work: one event moved, one cancelled, one added
    (and nothing else: the revisions come from git history)."""
    text = text.replace("start: 2025-07-01T09:00\n    end: 2025-07-01T17:30",
                        "start: 2025-07-02T10:00\n    end: 2025-07-02T18:00")
    text = text.replace("title:\n      fr: \"Atelier d'hiver\"\n      de: \"Atelier d'hiver (DE)\"",
                        "title:\n      fr: \"Atelier d'hiver\"\n      de: \"Atelier d'hiver (DE)\"\n    status: cancelled")
    winter = "    start: 2027-01-14T14:00\n    end: 2027-01-14T16:00\n    timezone: Europe/Luxembourg\n    status: confirmed\n"
    assert winter in text
    text = text.replace(winter, winter.replace("    status: confirmed\n", ""))
    return text + textwrap.indent(textwrap.dedent("""\

        - id: lux-nouveau-2026
          title:
            fr: "Nouvel atelier"
            de: "Neuer Workshop"
          description:
            fr: Un rendez-vous ajouté.
            de: Ein neuer Termin.
          start: 2026-10-25T01:30
          end: 2026-10-25T03:30
          timezone: Europe/Luxembourg
        """), "  ")


@pytest.mark.nginx
def test_a_vdirsyncer_subscriber_sees_every_event_then_every_change_in_khal(tmp_path):
    from tests.test_build_day import git

    project = fixture_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "The agenda", when=datetime.now(timezone.utc) - timedelta(minutes=5))
    site = tmp_path / "served"
    build_project(project, site)
    with Nginx(site, _nginx_prefix(tmp_path)) as nginx:
        subscriber = Subscriber(tmp_path / "subscriber", nginx.url)
        subscriber.sync()
        events = load_events(project / "data/events.yaml", languages=LANGUAGES)
        for lang in LANGUAGES:
            assert subscriber.items(lang) == len(events)
            assert subscriber.listed(lang) == khal_rows(events, lang)

        # An editor moves one event, cancels another and adds a third; the site is rebuilt in place.
        # Committed, with another commit on top: the history tells the feeds what changed.
        (project / "data/events.yaml").write_text(edited(FIXTURE.read_text(encoding="utf-8")), encoding="utf-8")
        git(project, "commit", "-qam", "Move, cancel, add")
        (project / "NOTES").write_text("notes\n", encoding="utf-8")
        git(project, "add", ".")
        git(project, "commit", "-qm", "Something else")
        rebuilt = build_project(project, tmp_path / "rebuilt")
        shutil.rmtree(site)
        shutil.copytree(rebuilt, site)
        subscriber.sync()
        events = load_events(project / "data/events.yaml", languages=LANGUAGES)
        for lang in LANGUAGES:
            assert subscriber.items(lang) == len(events)
            rows = subscriber.listed(lang)
            assert rows == khal_rows(events, lang)
            assert len(rows) == len(set(rows))
        by_title = {as_typed(row[0]): row for row in subscriber.listed(LANGUAGES[0])}
        assert by_title["Atelier d'été"][1:] == ("2025-07-02 08:00", "2025-07-02 16:00", "CONFIRMED")
        assert by_title["Atelier d'hiver"][3] == "CANCELLED"
        assert by_title["Nouvel atelier"][1:3] == ("2026-10-24 23:30", "2026-10-25 02:30")


def _nginx_prefix(tmp_path: Path) -> Path:
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    return prefix
