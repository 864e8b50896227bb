"""A language added by its settings, pages and texts only: no code names the languages.

The fixture project gets a third language the shipped site does not have
(Luxembourgish, ``lb``): an entry in mkdocs.yml, a ``docs/lb/`` folder and
the ``lb`` texts in the data files. Everything per language follows.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import icalendar
import pytest

from godigital import languages
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, build_site, fixture_project
from tests.sitepages import SitePage

NEW = "lb"


def with_language_texts(text: str, source: str, new: str) -> str:
    """Every ``source:`` entry of a YAML file (with what is indented under it) given again as ``new:``."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        match = re.match(rf"^(\s*){source}:(.*)$", line)
        i += 1
        if not match:
            continue
        indent = len(match.group(1))
        block = [line]
        while i < len(lines) and lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) > indent:
            block.append(lines[i])
            out.append(lines[i])
            i += 1
        out += [re.sub(rf"^(\s*){source}:", rf"\g<1>{new}:", block[0]), *block[1:]]
    return "\n".join(out)


def add_language(project: Path, new: str = NEW, source: str | None = None) -> Path:
    """The project with a language more: settings, a page folder, the data files' texts."""
    source = source or LANGUAGES[-1]
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = f"        - locale: {source}\n"
    assert entry in text
    config.write_text(text.replace(entry, f"        - locale: {new}\n          name: Lëtzebuergesch\n"
                                          f"          build: true\n{entry}"), encoding="utf-8")
    shutil.copytree(project / "docs" / source, project / "docs" / new)
    for name in ("events.yaml", "labels.yaml", "menu.yml", "partners.yaml"):
        path = project / "data" / name
        path.write_text(with_language_texts(path.read_text(encoding="utf-8"), source, new), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    base = tmp_path_factory.mktemp("three")
    project = add_language(fixture_project(base / "project"))
    result = build_site(project, base / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return project, base / "site"


def test_the_languages_are_read_from_the_settings(three):
    project, _ = three
    expected = list(LANGUAGES)
    expected.insert(LANGUAGES.index(LANGUAGES[-1]), NEW)  # add_language puts it before the language it copies
    assert languages.from_file(project / "mkdocs.yml").codes == tuple(expected)


def test_a_language_added_in_the_settings_gets_every_page(three):
    project, site = three
    for page in (project / "docs" / NEW).rglob("*.md"):
        rel = page.relative_to(project / "docs" / NEW).with_suffix("")
        built = site / NEW / ("index.html" if rel.name == "index" else rel / "index.html")
        if rel.name == "index" and rel.parent != Path("."):
            built = site / NEW / rel.parent / "index.html"
        assert built.is_file(), built
        assert SitePage.read(built).lang == NEW


def test_a_language_added_in_the_settings_gets_its_agenda_event_pages_and_feeds(three):
    project, site = three
    ids = [line.split(":", 1)[1].strip() for line in (project / "data/events.yaml").read_text().splitlines()
           if re.match(r"^\s*- id:", line)]
    assert ids
    assert (site / NEW / "agenda/index.html").is_file()
    for event_id in ids:
        assert (site / NEW / "agenda" / event_id / "index.html").is_file(), event_id
        single = icalendar.Calendar.from_ical((site / NEW / "events" / f"{event_id}.ics").read_bytes())
        assert [str(e["UID"]) for e in single.walk("VEVENT")]
    feed = icalendar.Calendar.from_ical((site / NEW / "calendar.ics").read_bytes())
    assert len(list(feed.walk("VEVENT"))) == len(ids)
    assert f"/{NEW}/agenda/" in (site / NEW / "calendar.ics").read_text(encoding="utf-8").replace("\r\n ", "")


def test_a_language_added_in_the_settings_gets_its_search_index_404_alternates_and_switcher(three):
    _, site = three
    index = json.loads((site / NEW / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [NEW] and index["docs"]
    assert not any(doc["location"].startswith(("de/", "fr/", f"{NEW}/")) for doc in index["docs"])
    others = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith(f"{NEW}/") for doc in others["docs"])

    assert SitePage.read(site / NEW / "404.html").lang == NEW

    for page in (site / "index.html", site / NEW / "agenda/index.html"):
        read = SitePage.read(page)
        assert set(read.hreflang()) == {*LANGUAGES, NEW, "x-default"}, page
        assert set(read.switcher()) == {*LANGUAGES, NEW}, page
    assert SitePage.read(site / NEW / "index.html").switcher()[LANGUAGES[0]].endswith("/")


def test_a_text_missing_in_the_added_language_is_named_with_its_file_and_line(tmp_path):
    project = add_language(fixture_project(tmp_path / "project"))
    labels = project / "data/labels.yaml"
    text = labels.read_text(encoding="utf-8")
    first = re.search(rf"^(\s+){NEW}:.*\n", text, re.M)
    labels.write_text(text[:first.start()] + text[first.end():], encoding="utf-8")
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode != 0
    assert "data/labels.yaml, line" in result.stderr and "Luxembourgish" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.nginx
@pytest.mark.parametrize(("path", "lang"), [(f"/{NEW}/nothing-here/", NEW), (f"/{NEW}/events/", NEW),
                                            ("/nothing-here/", LANGUAGES[0]),
                                            (f"/{LANGUAGES[-1]}/nothing-here/", LANGUAGES[-1]),
                                            (f"/{NEW}x/nothing-here/", LANGUAGES[0])])
def test_nginx_answers_a_missing_address_in_the_added_language(three, tmp_path, path, lang):
    from tests.servers import Nginx, http_get

    _, site = three
    with Nginx(site, tmp_path) as server:
        response = http_get(server, path)
        body = response.body.decode("utf-8")
    assert response.status == 404
    assert f'<html lang="{lang}"' in body


def test_dates_are_written_with_babels_locale_for_any_language_code():
    assert [languages.babel_locale(code) for code in ("fr", "de", "en", "lb", "pt-BR")] == \
        ["fr_LU", "de_LU", "en_150", "lb_LU", "pt_BR"]
    with pytest.raises(ValueError):
        languages.babel_locale("xx")


def test_a_language_babel_cannot_write_is_named_in_the_settings(tmp_path):
    project = add_language(fixture_project(tmp_path / "project"), new="xx")
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode != 0
    assert "mkdocs.yml: the language 'xx' under 'plugins: i18n: languages:'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# -- adding a language keeps the events' history checked -------------------------


def _committed_fixture(tmp_path: Path) -> Path:
    from tests.test_build_day import git

    project = fixture_project(tmp_path / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "The site in its first languages")
    return project


def _delete_event(events: Path, event_id: str) -> None:
    text = events.read_text(encoding="utf-8")
    start = text.index(f"  - id: {event_id}\n")
    end = text.find("\n  - id: ", start + 1)
    events.write_text(text[:start] + (text[end + 1:] if end >= 0 else ""), encoding="utf-8")


def test_adding_a_language_keeps_every_event_checked_and_a_change_reaches_its_language_only(tmp_path):
    project = add_language(_committed_fixture(tmp_path))
    env = {"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)}
    assert build_site(project, tmp_path / "site", env=env).returncode == 0, "new texts alone change no event"

    events = project / "data/events.yaml"
    first = re.search(r"^  - id: (\S+)", events.read_text(encoding="utf-8"), re.M)[1]
    _delete_event(events, first)
    result = build_site(project, tmp_path / "deleted", env=env)
    assert result.returncode != 0 and f"'{first}'" in result.stderr and "status: cancelled" in result.stderr, \
        result.stderr

    from tests.test_build_day import git
    git(project, "checkout", "-q", "--", "data/events.yaml")
    text = events.read_text(encoding="utf-8")
    events.write_text(with_language_texts(text, LANGUAGES[-1], NEW).replace(
        f"      {LANGUAGES[0]}: >-\n", f"      {LANGUAGES[0]}: >-\n        Changed.\n", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "changed", env=env)
    assert result.returncode == 0, result.stderr

    def sequence(site: Path, lang: str) -> int:
        root = "" if lang == LANGUAGES[0] else f"{lang}/"
        feed = icalendar.Calendar.from_ical((site / root / "calendar.ics").read_bytes())
        return next(int(e["SEQUENCE"]) for e in feed.walk("VEVENT") if str(e["UID"]).startswith(first + "@"))

    assert sequence(tmp_path / "changed", LANGUAGES[0]) > sequence(tmp_path / "site", LANGUAGES[0])
    # (The new language's texts are not committed: they date from when the file was saved.)
    for lang in LANGUAGES[1:]:
        assert sequence(tmp_path / "changed", lang) == sequence(tmp_path / "site", lang), lang
