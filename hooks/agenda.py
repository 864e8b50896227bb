"""MkDocs hook: the agenda, event pages and calendar feeds from data/events.yaml.

A thin adapter. Reading and checking events (``godigital.events``), calendar
feeds (``godigital.feeds``) and what pages show (``godigital.agenda``) are
plain modules; markup is in ``overrides/partials/agenda*.html``.

mkdocs-static-i18n builds the site once per language and fires these hooks
each time; ``config.theme.language`` tells which language is being built.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from jinja2 import TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from godigital import agenda, dates, languages
from godigital.event_history import announced_events, committed_text, history_problems
from godigital.events import Event, EventDataError, load_events
from godigital.feeds import FeedSite, calendar_files
from godigital.labels import LabelsError, load_labels
from godigital.messages import message
from godigital.typography import french_spacing
from godigital.page_markup import source_line

EVENTS_FILE = "data/events.yaml"
LABELS_FILE = "data/labels.yaml"
MARKER = "<!-- hooks/agenda.py -->"
EVENT_MARKER = "<!-- hooks/agenda.py: event -->"
# The next event, or the latest ones when none is upcoming (the home page has it).
NEXT_MARKER = "<!-- hooks/agenda.py: next -->"
HOME_TEMPLATE = "home.html"

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fix the build date and check the events before anything is written."""
    project = _project_dir(config)
    # SOURCE_DATE_EPOCH set by whoever started MkDocs wins. Otherwise the later
    # of the last commit and the start of today, worked out again at every
    # rebuild of the preview (MkDocs reloads this module each time, so the
    # value this hook set is recognised by its marker).
    ours = os.environ.get(_BUILD_DAY_MARKER)
    if ours is not None and os.environ.get("SOURCE_DATE_EPOCH") == ours:
        del os.environ["SOURCE_DATE_EPOCH"]
    if "SOURCE_DATE_EPOCH" not in os.environ:
        now = datetime.now(timezone.utc)
        epoch = str(dates.source_date_epoch(project, now=now))
        future = dates.future_commit_time(project, now=now)
        # Said once, not for each language; info, so that --strict does not count it.
        if future is not None and not getattr(getattr(config, "plugins", {}).get("i18n"), "building", False):
            log.info(message("build_day_capped", commit=f"{future.astimezone(dates.LUXEMBOURG):%Y-%m-%d %H:%M}",
                             now=f"{now.astimezone(dates.LUXEMBOURG):%Y-%m-%d %H:%M}"))
        # MkDocs' sitemap reads it too.
        os.environ["SOURCE_DATE_EPOCH"] = os.environ[_BUILD_DAY_MARKER] = epoch
    _load(config)
    return config


# Before mkdocs-static-i18n (priority -100): declare each event page in each
# language folder, so the plugin places it and links its translations like
# any page an editor wrote. The plugin re-creates File objects without their
# content, so the content is filled in afterwards.
@event_priority(60)
def _declare_event_pages(files: Files, *, config: MkDocsConfig) -> Files:
    declared = list(_load(config).event_pages)
    taken = {file.src_uri for file in files}
    for src_uri in declared:
        if src_uri in taken:
            raise PluginError(message("event_page_address_taken", file=f"docs/{src_uri}", events_file=EVENTS_FILE))
    # Appended after the check: each append resets the lookup table of Files.
    for src_uri in declared:
        files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                          inclusion=InclusionLevel.NOT_IN_NAV))
    return files


@event_priority(-150)
def _fill_event_pages_and_feeds(files: Files, *, config: MkDocsConfig) -> Files:
    data = _load(config)
    lang = _language(config)
    # One template environment per build: MkDocs fires on_env only after the
    # pages' Markdown is converted, too late for the event pages.
    _templates.update(env=config.theme.get_env(), views={})
    for file in files:
        event = data.event_pages.get(file.src_uri)
        if event is not None:
            file.content_string = _event_page_source(event, lang)
    for path, content in _calendar_files(data.events, data.labels[lang], lang, config).items():
        files.append(File.generated(config, path, content=content))
    return files


on_files = CombinedEvent(_declare_event_pages, _fill_event_pages_and_feeds)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    """The agenda page and the home page must keep their marker: without it,
    events would silently vanish. A marker this hook does not know is a mistake."""
    if page.file.src_uri in _load(config).event_pages:
        return  # event pages, made by this hook
    lang, _, rest = page.file.src_uri.partition("/")
    file = f"docs/{page.file.src_uri}"
    unknown = agenda.unknown_marker(markdown, known=(MARKER, NEXT_MARKER))
    if unknown is not None:
        line = source_line(page.file.content_string, unknown)
        raise PluginError(message("page_marker_unknown", file=file, line=line, marker=unknown,
                                  known=f"{MARKER}, {NEXT_MARKER}"))
    if lang in _languages(config) and rest == "agenda.md" and MARKER not in markdown:
        raise PluginError(message("agenda_marker_missing", file=file, marker=MARKER))
    if page.meta.get("template") == HOME_TEMPLATE and NEXT_MARKER not in markdown:
        raise PluginError(message("home_marker_missing", file=file, marker=NEXT_MARKER))


# The markers pass through Markdown as HTML comments; the rendered HTML replaces
# them afterwards, so Python-Markdown never re-parses it.
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    lang, _, rest = page.file.src_uri.partition("/")
    if lang not in _languages(config):
        return None
    if rest.startswith(f"{agenda.AGENDA_PAGE}/") and EVENT_MARKER in html:
        event = _load(config).event_pages[page.file.src_uri]
        return html.replace(EVENT_MARKER, _render_event(event, page, config, lang), 1)
    if MARKER in html:
        html = html.replace(MARKER, _render_agenda(page, config, lang), 1)
    if NEXT_MARKER in html:
        html = html.replace(NEXT_MARKER, _render_next(page, config, lang), 1)
    return html


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

log = logging.getLogger("mkdocs.hooks.agenda")
# Per build: the theme's template environment and what templates show of each event.
_templates: dict = {}
# The SOURCE_DATE_EPOCH this hook set, as opposed to one given by whoever started MkDocs.
_BUILD_DAY_MARKER = "GODIGITAL_BUILD_DAY_EPOCH"


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _languages(config: MkDocsConfig) -> languages.Languages:
    """The site's languages, as the i18n plugin is configured in mkdocs.yml."""
    return _languages_of(str(config.config_file_path))


@lru_cache(maxsize=4)  # MkDocs reloads this module when mkdocs.yml changes
def _languages_of(config_file: str) -> languages.Languages:
    return languages.from_file(config_file)


def _language(config: MkDocsConfig) -> str:
    lang = str(config.theme["language"])
    return lang if lang in _languages(config) else _languages(config).default


@dataclass(frozen=True)
class _Data:
    events: list[Event]
    labels: dict[str, dict[str, str]]  # by language, then label
    event_pages: dict[str, Event]  # the Markdown source of each event page, in each language


def _load(config: MkDocsConfig) -> _Data:
    """Events and labels, read once per change of the files (not once per page)."""
    project = _project_dir(config)
    events_path, labels_path = project / EVENTS_FILE, project / LABELS_FILE
    return _load_cached(events_path, _stamp(events_path), labels_path, _stamp(labels_path), config.site_url,
                        _languages(config).codes)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_cached(events_path: Path, _events_stamp, labels_path: Path, _labels_stamp, site_url: str | None,
                 codes: tuple[str, ...]):
    try:
        # With the site's address: a registration on this site is refused.
        events = load_events(events_path, EVENTS_FILE, languages=codes, site_url=site_url)
        labels = load_labels(labels_path, LABELS_FILE, languages=codes)
        _check_history(events_path, codes)
    except (EventDataError, LabelsError) as error:
        raise PluginError(str(error)) from None
    pages = {_event_src_uri(event, lang): event for lang in codes for event in events}
    return _Data(events, labels, pages)


def _check_history(events_path: Path, codes: tuple[str, ...]) -> None:
    """Against git history, when there is one: no silent edit since the last commit, no event deleted ever."""
    project = events_path.parents[1]
    committed = committed_text(project, EVENTS_FILE)
    if committed is not None:
        problems = history_problems(committed, events_path.read_text(encoding="utf-8"), EVENTS_FILE,
                                    announced=announced_events(project, EVENTS_FILE, languages=codes),
                                    languages=codes)
        if problems:
            raise EventDataError(problems)


def _event_src_uri(event: Event, lang: str) -> str:
    return f"{lang}/{agenda.AGENDA_PAGE}/{event.id}.md"


def _event_page_source(event: Event, lang: str) -> str:
    """The Markdown of an event page: its front matter and the marker the page hook fills."""
    # JSON strings are valid YAML scalars, and much quicker to write.
    title = json.dumps(event.title[lang], ensure_ascii=False)
    description = json.dumps(agenda.summary(event.description[lang], lang=lang), ensure_ascii=False)
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n{EVENT_MARKER}\n"


def _site_url(config: MkDocsConfig) -> str:
    return config.site_url or "http://127.0.0.1:8000/"


def _built(config: MkDocsConfig) -> datetime:
    return dates.build_time(_project_dir(config))


def _feed_site(labels: dict[str, str], lang: str, config: MkDocsConfig) -> FeedSite:
    site_url = _site_url(config)
    return FeedSite(
        uid_domain="godigital.lu",
        calendar_name=labels["calendar_name"],
        calendar_description=labels["calendar_description"],
        feed_url=agenda.absolute(site_url, agenda.feed_path(lang)),
        agenda_url=agenda.absolute(site_url, agenda.agenda_path(lang)),
        lang=lang,
        typography=french_spacing if lang == "fr" else str,
    )


def _calendar_files(events: list[Event], labels: dict[str, str], lang: str,
                    config: MkDocsConfig) -> dict[str, bytes]:
    site_url = _site_url(config)
    urls = {e.id: agenda.absolute(site_url, agenda.page_path(e, lang)) for e in events}
    extra = {e.id: f"{labels['event_page_line']} {urls[e.id]}" for e in events}
    feed, singles = calendar_files(events, _feed_site(labels, lang, config), built=_built(config),
                                   event_urls=urls, extra_text=extra)
    return {agenda.feed_path(lang): feed, **{agenda.event_file_path(e, lang): singles[e.id] for e in events}}


def _render(template: str, page: Page, **context) -> str:
    try:
        loaded = _templates["env"].get_template(template)
    except TemplateNotFound:
        # The theme's settings in mkdocs.yml no longer point at overrides/.
        raise PluginError(message("theme_template_missing", template=f"overrides/{template}")) from None
    return loaded.render(page=page, base_url=_base_url(page), **context)


def _base_url(page: Page) -> str:
    return get_relative_url(".", page.url)


def _view(event: Event, lang: str, config: MkDocsConfig) -> dict:
    """What templates show of an event: made once per build, used by the agenda and the event page."""
    key = (event.id, lang)
    if key not in _templates["views"]:
        labels = _load(config).labels[lang]
        _templates["views"][key] = agenda.event_view(event, lang, _site_url(config), labels, _built(config))
    return _templates["views"][key]


def _render_agenda(page: Page, config: MkDocsConfig, lang: str) -> str:
    data = _load(config)
    labels = data.labels[lang]
    today = _built(config).astimezone(dates.LUXEMBOURG).date()
    upcoming, past = agenda.split_agenda(data.events, today)
    site_url = _site_url(config)
    feed_url = agenda.absolute(site_url, agenda.feed_path(lang))
    return _render(
        "partials/agenda.html", page,
        labels=labels, lang=lang,
        upcoming=[_view(e, lang, config) for e in upcoming], past=[_view(e, lang, config) for e in past],
        feed_url=feed_url, feed_path=agenda.feed_path(lang), webcal_url=agenda.webcal(feed_url),
    )


def _render_event(event: Event, page: Page, config: MkDocsConfig, lang: str) -> str:
    labels = _load(config).labels[lang]
    return _render(
        "partials/agenda-event.html", page,
        labels=labels, lang=lang,
        item=_view(event, lang, config),
        agenda_path=agenda.agenda_path(lang),
    )


def _render_next(page: Page, config: MkDocsConfig, lang: str) -> str:
    data = _load(config)
    today = _built(config).astimezone(dates.LUXEMBOURG).date()
    events, is_next = agenda.next_or_latest(data.events, today)
    feed_url = agenda.absolute(_site_url(config), agenda.feed_path(lang))
    return _render(
        "partials/agenda-next.html", page,
        labels=data.labels[lang], lang=lang, is_next=is_next,
        items=[_view(e, lang, config) for e in events],
        agenda_path=agenda.agenda_path(lang), webcal_url=agenda.webcal(feed_url),
    )

