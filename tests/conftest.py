"""Shared fixtures.

Behaviour is tested on the suite's own site, ``tests/fixtures/site``: its pages,
menu and events, built with the shipped machinery (the plugin, modules, templates,
labels) and the shipped ``mkdocs.yml``. It is built once per session, at a fixed
date, so that editors' changes to ``docs/`` and ``data/`` never change what a
test expects. The shipped content is checked by rules only (tests/test_content.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import yaml

from godigital import languages
from godigital.dates import LUXEMBOURG
from godigital.events import Event, load_events
from godigital.labels import load_labels
from tests.servers import require
from tests.sitepages import SitePage

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests/fixtures/site"
# The shipped site's languages (mkdocs.yml), default first; the suite's own data
# (tests/fixtures) is written in those of them it has a page folder for, and the
# fixture project is built in just those, whatever languages the site adds.
SHIPPED_LANGUAGES = languages.from_file(ROOT / "mkdocs.yml").codes
LANGUAGES = tuple(code for code in SHIPPED_LANGUAGES if (ROOT / "tests/fixtures/site/docs" / code).is_dir())
# The fixture site's build date: 2025-06-15 12:00 in Luxembourg (fixtures/site/README.md).
FIXTURE_EPOCH = 1749981600
# A later build date, 2040-01-01: every fixture event is over.
LATER_EPOCH = 2208988800
# The engine the suite builds with: MkDocs, or ProperDocs (its maintained fork) with
# GODIGITAL_ENGINE=properdocs, to run the whole suite on it (README, "The engine").
ENGINE = os.environ.get("GODIGITAL_ENGINE", "mkdocs")
# What the build runs on, whatever the content: copied as they are into the fixture project.
MACHINERY = ("overrides", "godigital")


def as_typed(text: str) -> str:
    """A text as editors type it in the data and labels: French pages show no-break
    spaces and typographic apostrophes (godigital/typography.py) where they typed neither."""
    return text.replace("\u00a0", " ").replace("\u2019", "'")


def build_site(project: Path, site_dir: Path, env: dict[str, str] | None = None):
    """Run ``mkdocs build --strict`` on a project folder, return the process result.

    Messages are forced to English: tests that read them assert the English catalogue.
    """
    return subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GODIGITAL_MESSAGES": "en", **(env or {})},
        timeout=300,
    )


def copy_project(dest: Path, source: Path = ROOT, *, only: tuple[str, ...] | None = None) -> Path:
    """A throw-away copy of the project's sources (the shipped content included).

    ``only``: the languages to keep, for a test that writes its own data in
    those (``LANGUAGES``); the others leave mkdocs.yml and docs/.
    """
    for name in ("docs", "data", *MACHINERY, "mkdocs.yml"):
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    if only is not None:
        keep_languages(dest, only)
    return dest


def keep_languages(project: Path, codes: tuple[str, ...]) -> None:
    """The project's mkdocs.yml, docs/ and data files with only the languages ``codes``."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = text.split("\n")
    root = yaml.compose(text)
    plugin = next(item for item in root.value[[k.value for k, _ in root.value].index("plugins")][1].value
                  if isinstance(item, yaml.MappingNode) and item.value[0][0].value == "i18n")
    entries = next(value for key, value in plugin.value[0][1].value if key.value == "languages").value
    drop = []
    for index, entry in enumerate(entries):
        locale = next(value.value for key, value in entry.value if key.value == "locale")
        if locale not in codes:
            end = entries[index + 1].start_mark.line if index + 1 < len(entries) else (
                entry.end_mark.line + (1 if entry.end_mark.column else 0))
            drop.append(range(entry.start_mark.line, end))
            shutil.rmtree(project / "docs" / locale, ignore_errors=True)
            for data in (project / "data").glob("*.y*ml"):
                data.write_text(without_language(data.read_text(encoding="utf-8"), locale), encoding="utf-8")
    config.write_text("\n".join(line for number, line in enumerate(lines)
                                if not any(number in span for span in drop)), encoding="utf-8")


def without_language(text: str, code: str) -> str:
    """A data file's text without its ``code:`` entries (and what is indented under them)."""
    out, skipping = [], None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        if skipping is not None and line.strip() and indent > skipping:
            continue
        skipping = None
        if re.match(rf"^\s*{re.escape(code)}:(\s|$)", line):
            skipping = indent
            continue
        out.append(line)
    return "\n".join(out)


@pytest.fixture(scope="session", autouse=True)
def english_messages():
    """Tests read the editors' messages in English unless they choose a language."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GODIGITAL_MESSAGES", "en")
        yield


# -----------------------------------------------------------------------------
# The fixture project
# -----------------------------------------------------------------------------


def fixture_project(dest: Path) -> Path:
    """The fixture site as a project folder: its pages, events and menu, the shipped machinery.

    From the shipped project it takes the machinery, ``data/labels.yaml`` (the
    templates' words: a template and its labels change together) and
    ``mkdocs.yml`` as it is; the menu is the fixture's own ``data/menu.yml``.
    The theme's own files (wordmark, style sheet) are in ``overrides/``, with the
    machinery.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in MACHINERY:
        shutil.copytree(ROOT / name, dest / name)
    shutil.copytree(FIXTURE / "docs", dest / "docs")
    (dest / "data").mkdir()
    for item in (FIXTURE / "data").iterdir():
        shutil.copy2(item, dest / "data" / item.name)
    if not (dest / "data/labels.yaml").exists():
        shutil.copy2(ROOT / "data/labels.yaml", dest / "data/labels.yaml")
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    keep_languages(dest, LANGUAGES)
    return dest


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags it holds (``!!python/name:``, ``!ENV``...): tagged values read as None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_menu(project: Path) -> dict:
    """A project's menu file (``data/menu.yml``) as plain data: ``nav`` and ``nav_translations``."""
    return yaml.safe_load((project / "data/menu.yml").read_text(encoding="utf-8"))


def load_config(project: Path) -> dict:
    """A project's mkdocs.yml as plain data, for reading its menu and languages."""
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def i18n_languages(config: dict) -> list[dict]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]["languages"]
    raise AssertionError("mkdocs.yml: the i18n plugin is not configured")


def nav_titles(node) -> list[str]:
    """Every title of a ``nav`` list (sections and pages), in menu order."""
    titles = []
    for item in node or []:
        if isinstance(item, dict):
            for title, target in item.items():
                titles.append(title)
                if isinstance(target, list):
                    titles.extend(nav_titles(target))
    return titles


@dataclass(frozen=True)
class Fixture:
    """The fixture project, its built site, and what the tests expect of it."""

    project: Path
    site: Path
    events: list[Event]
    labels: dict[str, dict[str, str]]
    nav: list
    nav_translations: dict[str, dict[str, str]]
    site_url: str

    @property
    def built(self) -> datetime:
        return datetime.fromtimestamp(FIXTURE_EPOCH, timezone.utc)

    @property
    def today(self) -> date:
        return self.built.astimezone(LUXEMBOURG).date()

    def event(self, event_id: str) -> Event:
        [event] = [e for e in self.events if e.id == event_id]
        return event

    @classmethod
    def read(cls, project: Path, site: Path) -> Fixture:
        menu = load_menu(project)
        site_url = load_config(project)["site_url"]
        return cls(project=project, site=site,
                   events=load_events(project / "data/events.yaml", languages=LANGUAGES),
                   labels=load_labels(project / "data/labels.yaml", languages=LANGUAGES),
                   nav=menu["nav"], nav_translations=menu["nav_translations"],
                   site_url=site_url.rstrip("/") + "/")


@pytest.fixture(scope="session")
def fixture(tmp_path_factory) -> Fixture:
    """The fixture site as ``make build`` writes it, built once for the whole session."""
    base = tmp_path_factory.mktemp("fixture")
    project = fixture_project(base / "project")
    site_dir = base / "site"
    result = build_site(project, site_dir, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return Fixture.read(project, site_dir)


@pytest.fixture(scope="session")
def later_site(tmp_path_factory) -> Path:
    """The fixture site built later, once every event is over."""
    base = tmp_path_factory.mktemp("later")
    site = base / "site"
    result = build_site(fixture_project(base / "project"), site, env={"SOURCE_DATE_EPOCH": str(LATER_EPOCH)})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site(fixture) -> Path:
    return fixture.site


@pytest.fixture(scope="session")
def pages(site) -> dict[str, SitePage]:
    """Every HTML page of the site but the 404 page, keyed by its path in the site."""
    return read_pages(site)


def read_pages(site: Path) -> dict[str, SitePage]:
    return {
        path.relative_to(site).as_posix(): SitePage.read(path)
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html"
    }


def written_in(events_text: str) -> tuple[str, ...]:
    """The languages a test's events are written in (those of its first event's title), in the
    shipped site's order: the languages to read them with, whatever languages the site has."""
    written = set(yaml.safe_load(events_text)["events"][0]["title"])
    return tuple(code for code in SHIPPED_LANGUAGES if code in written)


def text_languages(events_file: Path) -> tuple[str, ...]:
    """The languages a fixture's events file is written in: a fixture with its own events
    (tests/fixtures/feeds) is built in those."""
    return written_in(events_file.read_text(encoding="utf-8"))


def root_of(lang: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """Where a language's pages are in the site: ``""`` for the default language, ``"de/"``..."""
    return "" if lang == languages[0] else f"{lang}/"


def language_of(path: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """The language of a page by its path in the site: ``de/agenda/index.html`` is German."""
    first = path.split("/", 1)[0]
    return first if first in languages[1:] else languages[0]


def in_language(path: str, lang: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """The same page in ``lang``: ``agenda/index.html`` -> ``de/agenda/index.html``, and back."""
    return root_of(lang, languages) + path.removeprefix(root_of(language_of(path, languages), languages))


def page_tree(site: Path, lang: str, languages: tuple[str, ...] = LANGUAGES) -> set[str]:
    """The pages of one language of a site in ``languages`` (default first), relative to that language's root."""
    root = site if lang == languages[0] else site / lang
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("index.html")
        if lang != languages[0] or p.relative_to(root).parts[0] not in languages[1:]
    }


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory):
    """The built site behind the production nginx configuration, on a loopback port."""
    from tests.servers import Nginx

    with Nginx(site, tmp_path_factory.mktemp("nginx")) as server:
        yield server


# -----------------------------------------------------------------------------
# The browser
# -----------------------------------------------------------------------------

LAUNCH_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


# One Chromium for the whole session: Playwright's sync API runs one event loop per process.
@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        require(os.path.basename(executable), "the browser tests need Chromium (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_FLAGS)
        yield browser
        browser.close()
