"""The shipped pages and events, checked by the rules any valid content keeps, never by their values.

Each check takes a project folder and the site built from it, so the same checks
run on a copy of the repository after an editor's ordinary edits (the last test):
what CONTRIBUTING lets an editor do and ``make build`` accepts keeps ``make test`` green.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject
from babel import Locale
from mkdocs.utils.meta import get_data

from godigital import agenda
from godigital.dates import LUXEMBOURG, long_date
from godigital.events import load_events
from godigital.labels import load_labels
from godigital.languages import babel_locale
from tests.conftest import (
    LANGUAGES,
    ROOT,
    SHIPPED_LANGUAGES,
    build_site,
    copy_project,
    fixture_project,
    i18n_languages,
    load_config,
    load_menu,
    nav_titles,
    page_tree,
)
from tests.sitepages import SitePage

DESCRIPTION_LENGTH = (50, 170)  # CONTRIBUTING, section 2


# -----------------------------------------------------------------------------
# The checks
# -----------------------------------------------------------------------------


def build(project: Path, site: Path) -> Path:
    """``mkdocs build --strict``, as ``make build`` runs it: it must succeed."""
    result = build_site(project, site)
    assert result.returncode == 0, f"the build failed:\n{result.stderr}"
    return site


def languages(project: Path) -> list[str]:
    """The site's languages, the default (served at the root) first."""
    found = sorted(i18n_languages(load_config(project)), key=lambda lang: not lang.get("default"))
    return [lang["locale"] for lang in found]


def check_same_pages(project: Path, site: Path) -> None:
    """Every language has the same pages, in docs/ and on the site."""
    langs = languages(project)
    sources = {lang: {p.relative_to(project / "docs" / lang).as_posix()
                      for p in (project / "docs" / lang).rglob("*.md")} for lang in langs}
    built = {lang: page_tree(site, lang, tuple(langs)) for lang in langs}
    for lang in langs[1:]:
        assert sources[lang] == sources[langs[0]], f"docs/{lang} and docs/{langs[0]} differ"
        assert built[lang] == built[langs[0]], f"the {lang} and {langs[0]} sites differ"
    assert "index.html" in built[langs[0]]


def check_front_matter(project: Path) -> None:
    """Every written page has a title and a description of CONTRIBUTING's length."""
    low, high = DESCRIPTION_LENGTH
    for lang in languages(project):
        for path in sorted((project / "docs" / lang).rglob("*.md")):
            _, meta = get_data(path.read_text(encoding="utf-8"))
            name = path.relative_to(project).as_posix()
            assert str(meta.get("title") or "").strip(), f"{name}: no title"
            description = " ".join(str(meta.get("description") or "").split())
            assert low <= len(description) <= high, f"{name}: description of {len(description)} characters"


def check_menu_translated(project: Path, site: Path) -> None:
    """Every menu title has its translation, and each language's menu shows its own titles."""
    menu = load_menu(project)
    titles = nav_titles(menu.get("nav"))
    assert titles, "data/menu.yml has a menu"
    for language in i18n_languages(load_config(project)):
        if language.get("default"):
            continue
        lang, translations = language["locale"], (menu.get("nav_translations") or {}).get(language["locale"]) or {}
        missing = [t for t in titles if t not in translations]
        assert not missing, f"data/menu.yml: no {lang} nav_translations for {missing}"
        shown = SitePage.read(site / lang / "index.html").menu()
        for title in titles:
            assert translations[title] in shown, (lang, title, translations[title])


def check_pages_have_titles_and_descriptions(project: Path, site: Path) -> None:
    """Every built page declares its language and has a title and a description."""
    langs = languages(project)
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site).as_posix()
        lang = relative.split("/")[0] if relative.split("/")[0] in langs[1:] else langs[0]
        page = SitePage.read(path)
        assert page.lang == lang, relative
        assert page.title.strip() and page.meta.get("og:title"), relative
        assert page.meta.get("description", "").strip(), relative


def _uids(data: bytes) -> list[str]:
    return [str(v["UID"]).split("@")[0] for v in icalendar.Calendar.from_ical(data).walk("VEVENT")]


def check_events_everywhere(project: Path, site: Path) -> None:
    """Every event of data/events.yaml is on the agenda, has its page, its file and is in the feed."""
    langs = languages(project)
    events = load_events(project / "data/events.yaml", languages=langs)
    ids = [e.id for e in events]
    for lang in langs:
        agenda_html = (site / agenda.agenda_path(lang, default=langs[0]) / "index.html").read_text(encoding="utf-8")
        listed = re.findall(r'<li class="gd-event" id="([^"]+)"', agenda_html)
        assert sorted(listed) == sorted(ids), f"{lang} agenda"
        assert sorted(_uids((site / agenda.feed_path(lang, default=langs[0])).read_bytes())) == sorted(ids), f"{lang} feed"
        for event in events:
            page = SitePage.read(site / agenda.page_path(event, lang, default=langs[0]) / "index.html")
            assert " ".join(event.title[lang].split()) in page.text, (lang, event.id)  # text folds spaces
            assert _uids((site / agenda.event_file_path(event, lang, default=langs[0])).read_bytes()) == [event.id], (lang, event.id)


def check_feeds_parse(project: Path, site: Path) -> None:
    """Every calendar file reads with two independent parsers."""
    files = sorted(site.rglob("*.ics"))
    assert files
    for path in files:
        data = path.read_bytes()
        icalendar.Calendar.from_ical(data)
        vobject.readOne(data.decode("utf-8"))


def check_dates_written_as_the_agenda_writes_them(project: Path, site: Path) -> None:
    """A date with its weekday in a page's prose ("Tuesday, 20 March 2018") is written as the
    agenda, the event pages and the calendars write it (godigital/dates.py), weekday right."""
    wrong = []
    labels = load_labels(project / "data" / "labels.yaml", languages=languages(project))
    for lang in languages(project):
        pattern = _weekday_date(lang)
        for path in sorted((project / "docs" / lang).rglob("*.md")):
            text = " ".join(path.read_text(encoding="utf-8").split())
            for match in pattern.finditer(text):
                day = date(int(match["year"]), _month_number(lang, match["month"]), int(match["day"]))
                written = long_date(day, lang, labels[lang])
                if match.group().lower() != written.lower():
                    wrong.append((path.relative_to(project).as_posix(), match.group(), written))
    assert wrong == []


def _weekday_date(lang: str) -> re.Pattern[str]:
    """A weekday, then a day, a month and a year, in any order and punctuation ``lang`` might use."""
    locale = Locale.parse(babel_locale(lang))
    weekdays = "|".join(map(re.escape, locale.days["format"]["wide"].values()))
    months = "|".join(map(re.escape, locale.months["format"]["wide"].values()))
    return re.compile(rf"\b(?:{weekdays}),? (?P<day>\d{{1,2}})(?:er|\.)? (?P<month>{months}),? (?P<year>\d{{4}})\b",
                      re.I)


def _month_number(lang: str, name: str) -> int:
    months = Locale.parse(babel_locale(lang)).months["format"]["wide"]
    return next(number for number, month in months.items() if month.lower() == name.lower())


CHECKS = [check_same_pages, check_menu_translated, check_pages_have_titles_and_descriptions,
          check_events_everywhere, check_feeds_parse, check_dates_written_as_the_agenda_writes_them]


def check_content(project: Path, site: Path) -> None:
    """Every rule, on a project and the site built from it."""
    check_front_matter(project)
    for check in CHECKS:
        check(project, site)


# -----------------------------------------------------------------------------
# The shipped content
# -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped project, built as ``make build`` builds it (the build date from git)."""
    return build(ROOT, tmp_path_factory.mktemp("shipped") / "site")


def test_the_shipped_front_matter_follows_the_rules():
    check_front_matter(ROOT)


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_the_shipped_site_follows_the_rules(shipped_site, check):
    check(ROOT, shipped_site)


# -----------------------------------------------------------------------------
# Ordinary edits, as CONTRIBUTING describes them, made as text
# -----------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(LUXEMBOURG).replace(second=0, microsecond=0, tzinfo=None)


def _moment(value) -> str:
    """A date or a Luxembourg time as editors write it."""
    if isinstance(value, datetime):
        return value.astimezone(LUXEMBOURG).strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


def _event_block(lines: list[str], event_id: str) -> tuple[int, int, str]:
    """First and past-the-end line of an event's entry, and the indentation of its fields."""
    pattern = re.compile(rf"^(\s*)- id:\s*['\"]?{re.escape(event_id)}['\"]?\s*(#.*)?$")
    [start] = [i for i, line in enumerate(lines) if pattern.match(line)]
    dash = pattern.match(lines[start]).group(1)
    end = start + 1
    while end < len(lines) and not re.match(rf"^{dash}- |^\S", lines[end]):
        end += 1
    return start, end, dash + "  "


def _set_field(lines: list[str], event_id: str, name: str, value: str) -> None:
    """Replace a top-level field of an event (a one-line value), or add it after the id."""
    start, end, indent = _event_block(lines, event_id)
    for i in range(start + 1, end):
        if re.match(rf"^{indent}{name}:", lines[i]):
            lines[i] = f"{indent}{name}: {value}"
            return
    lines.insert(start + 1, f"{indent}{name}: {value}")


# What an editor writes for a new event, in each language (CONTRIBUTING, section 6);
# a language the site adds later gets the English text.
NEW_TEXTS = {
    "title": {"fr": "Atelier : vendre en ligne quand on est artisan",
              "de": "Workshop: online verkaufen im Handwerk",
              "en": "Workshop: selling online as a craft business"},
    "description": {"fr": "Comment ouvrir une boutique en ligne, fixer les frais de livraison et répondre aux "
                          "clients ; avec des artisans qui l'ont fait.",
                    "de": "Wie man einen Online-Shop eröffnet, Versandkosten festlegt und Kunden antwortet; mit "
                          "Handwerkern, die es schon getan haben.",
                    "en": "How to open an online shop, set delivery costs and answer customers, with craft "
                          "businesses that have done it."},
    "organizer": {"fr": "Chambre de Commerce", "de": "Handelskammer", "en": "Chamber of Commerce"},
}

NEW_PAGE = {
    "fr": ("Questions fréquentes", "Les réponses aux questions que les chefs d'entreprise posent le plus "
           "souvent sur la campagne et ses programmes.", "Retour à l'[accueil](index.md)."),
    "de": ("Häufige Fragen", "Antworten auf die Fragen, die Unternehmerinnen und Unternehmer am häufigsten "
           "zur Kampagne und ihren Programmen stellen.", "Zurück zur [Startseite](index.md)."),
    "en": ("Frequent questions", "Answers to the questions business owners ask most often about the campaign "
           "and its programmes.", "Back to the [home page](index.md)."),
}


def _text(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang, texts["en"])


def add_timed_event_with_venue(project: Path, event_id: str) -> None:
    path = project / "data/events.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^events:\s*\[\]\s*$", "events:", text, flags=re.M)
    found = re.search(r"^(\s*)- id:", text, re.M)
    dash = found.group(1) if found else "  "
    indent = dash + "  "
    day = _now().date() + timedelta(days=30)
    langs = languages(project)
    lines = [f"{dash}- id: {event_id}", f"{indent}title:",
             *(f'{indent}  {lang}: "{_text(NEW_TEXTS["title"], lang)}"' for lang in langs),
             f"{indent}description:",
             *(f'{indent}  {lang}: "{_text(NEW_TEXTS["description"], lang)}"' for lang in langs),
             f"{indent}start: {day}T14:00", f"{indent}end: {day}T17:30",
             f"{indent}location:", f"{indent}  name: Chambre de Commerce",
             f"{indent}  address: 7, rue Alcide de Gasperi, L-2981 Luxembourg",
             f"{indent}organizer:", f"{indent}  name:",
             *(f"{indent}    {lang}: {_text(NEW_TEXTS['organizer'], lang)}" for lang in langs),
             f"{indent}  url: https://www.cc.lu", f"{indent}registration: https://www.cc.lu/inscription",
             f"{indent}languages: [fr, de]"]
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


def move_event(project: Path, event) -> None:
    path = project / "data/events.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    _set_field(lines, event.id, "start", _moment(event.start + timedelta(days=7)))
    _set_field(lines, event.id, "end", _moment(event.end + timedelta(days=7)))
    path.write_text("\n".join(lines), encoding="utf-8")


def cancel_event(project: Path, event) -> None:
    path = project / "data/events.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    _set_field(lines, event.id, "status", "cancelled")
    path.write_text("\n".join(lines), encoding="utf-8")


def add_page_to_menu(project: Path, name: str) -> None:
    """A page in every language, second in the menu, with its menu title in every other language."""
    langs = languages(project)
    for lang in langs:
        title, description, body = NEW_PAGE.get(lang, NEW_PAGE["en"])
        (project / "docs" / lang / f"{name}.md").write_text(
            f"---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n{body}\n", encoding="utf-8")
    path = project / "data/menu.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    [nav] = [i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line)]
    indent = re.match(r"^(\s*)- ", lines[nav + 1]).group(1)
    after = nav + 2
    while after < len(lines) and lines[after].strip() and lines[after].startswith(indent + " "):
        after += 1  # the rest of the first entry
    default_title = NEW_PAGE.get(langs[0], NEW_PAGE["en"])[0]
    lines.insert(after, f"{indent}- {default_title}: {name}.md")
    for lang in langs[1:]:
        [heading] = [i for i, line in enumerate(lines) if re.match(rf"^\s+{re.escape(lang)}:\s*$", line)]
        inner = re.match(r"^(\s*)", lines[heading + 1]).group(1)
        lines.insert(heading + 1, f"{inner}{default_title}: {NEW_PAGE.get(lang, NEW_PAGE['en'])[0]}")
    path.write_text("\n".join(lines), encoding="utf-8")


def test_ordinary_edits_keep_every_content_check_green(tmp_path):
    project = copy_project(tmp_path / "project")
    new_id = "atelier-vente-en-ligne-test"
    add_timed_event_with_venue(project, new_id)
    events = load_events(project / "data/events.yaml", languages=SHIPPED_LANGUAGES)
    moved = events[0]
    cancelled = next(e for e in events if e.id != moved.id and not e.cancelled)
    move_event(project, moved)
    cancel_event(project, cancelled)
    add_page_to_menu(project, "questions-frequentes")

    # The edits are what they say.
    after = {e.id: e for e in load_events(project / "data/events.yaml", languages=SHIPPED_LANGUAGES)}
    assert not after[new_id].all_day and after[new_id].location.address
    assert after[moved.id].start == moved.start + timedelta(days=7)
    assert after[cancelled.id].cancelled
    assert NEW_PAGE["fr"][0] in nav_titles(load_menu(project)["nav"])

    site = build(project, tmp_path / "site")
    check_content(project, site)
    langs = languages(project)
    assert all((site / agenda.language_root(lang, default=langs[0]) / "questions-frequentes/index.html").exists()
               for lang in langs)


# -----------------------------------------------------------------------------
# The fixture site's configuration is the shipped one
# -----------------------------------------------------------------------------


def test_the_fixture_site_runs_on_the_shipped_configuration_with_its_own_menu(tmp_path):
    project = fixture_project(tmp_path / "project")
    shipped = copy_project(tmp_path / "shipped", only=LANGUAGES)
    assert (project / "mkdocs.yml").read_bytes() == (shipped / "mkdocs.yml").read_bytes(), \
        "the shipped mkdocs.yml, in the fixture's languages"
    assert load_menu(project) != load_menu(ROOT), "the fixture has its own menu"
