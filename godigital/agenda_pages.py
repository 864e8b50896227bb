"""The agenda, event pages and calendar feeds of one build, from data/events.yaml.

What the plugin asks of the events: the pages to declare in each language,
the Markdown of an event page, the agenda, event and "next event" blocks that
replace the markers, and the calendar files. Reading and checking events
(``godigital.events``), feeds (``godigital.feeds``) and what templates show
(``godigital.agenda``) are the plain modules underneath; the markup is in
``overrides/partials/agenda*.html``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateNotFound
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from godigital import agenda, dates, typography
from godigital.event_history import History, deletion_problems, head_commit, read_history
from godigital.events import Event, EventDataError, load_events
from godigital.feeds import FeedSite, calendar_files
from godigital.labels import LabelsError, load_labels
from godigital.languages import Languages
from godigital.messages import message
from godigital.partners import PARTNERS_FILE, Partner, PartnersError, load_partners

EVENTS_FILE = "data/events.yaml"
LABELS_FILE = "data/labels.yaml"
MARKER = "<!-- hooks/agenda.py -->"
EVENT_MARKER = "<!-- hooks/agenda.py: event -->"
# The next event, or the latest ones when none is upcoming (the home page has it).
NEXT_MARKER = "<!-- hooks/agenda.py: next -->"
HOME_TEMPLATE = "home.html"
# The address feeds and pages use when mkdocs.yml gives none (a local preview).
LOCAL_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class SiteData:
    """What every language's build reads from the data files, once per change of them."""

    events: list[Event]
    labels: dict[str, dict[str, str]]  # by language, then label
    partners: list[Partner]  # the sites readers are pointed to once no event is to come
    event_pages: dict[str, Event]  # by the Markdown source of each event page, in each language
    history: History  # when each event changed, where it was announced before (git)


def load_site_data(project: Path, languages: Languages, site_url: str | None) -> SiteData:
    """Events, labels and partners, checked (events against git history too); re-read only when a
    file or the commit changed."""
    events_path, labels_path, partners_path = project / EVENTS_FILE, project / LABELS_FILE, project / PARTNERS_FILE
    return _load_cached(events_path, _stamp(events_path), labels_path, _stamp(labels_path),
                        partners_path, _stamp(partners_path), languages, site_url, head_commit(project))


def event_src_uri(event: Event, lang: str) -> str:
    return f"{lang}/{agenda.AGENDA_PAGE}/{event.id}.md"


def agenda_src_uri(lang: str) -> str:
    """The agenda page of a language, where its events' pages belong in the menu: ``de/agenda.md``."""
    return f"{lang}/{agenda.AGENDA_PAGE}.md"


def event_page_source(event: Event, lang: str) -> str:
    """The Markdown of an event page: its front matter and the marker the plugin fills."""
    # JSON strings are valid YAML scalars, and much quicker to write.
    title = json.dumps(event.title[lang], ensure_ascii=False)
    description = json.dumps(agenda.summary(event.description[lang], lang=lang), ensure_ascii=False)
    return f"---\ntitle: {title}\ndescription: {description}\n---\n\n{EVENT_MARKER}\n"


@dataclass
class AgendaBuild:
    """One language's build of the agenda: the theme's templates and the build's moment."""

    data: SiteData
    languages: Languages
    lang: str
    env: Environment
    built: datetime
    site_url: str = LOCAL_URL
    pictures: dict[str, str] = field(default_factory=dict)  # event id -> its picture, from the site's root
    picture_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # event id -> its picture's width, height
    _views: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.built.astimezone(dates.LUXEMBOURG).date()

    @property
    def labels(self) -> dict[str, str]:
        return self.data.labels[self.lang]

    def path(self, kind: str, event: Event | None = None) -> str:
        """An address of this language's agenda, relative to the site's root."""
        default = self.languages.default
        if kind == "agenda":
            return agenda.agenda_path(self.lang, default=default)
        if kind == "feed":
            return agenda.feed_path(self.lang, default=default)
        assert event is not None
        if kind == "page":
            return agenda.page_path(event, self.lang, default=default)
        return agenda.event_file_path(event, self.lang, default=default)

    def url(self, kind: str, event: Event | None = None) -> str:
        return agenda.absolute(self.site_url, self.path(kind, event))

    def calendar_files(self) -> dict[str, bytes]:
        """This language's feed and one calendar file per event, by path in the site."""
        events = self.data.events
        urls = {e.id: self.url("page", e) for e in events}
        extra = {}
        for e in events:
            view = self._view(e)
            # What the page says is still to be announced, the calendar says too: an event
            # without its time is an all-day entry there, which would read as a day-long event.
            pending = [_sentence(self.labels["time_tba"])] if view["time_tba"] else []
            if view["location_tba"]:
                pending.append(f"{self.labels['location']}: {self.labels['location_tba']}")
            lines = [view["moved_note"]] if view["moved_note"] else []
            lines += ["\n".join(pending)] if pending else []
            lines.append(f"{self.labels['event_page_line']} {urls[e.id]}")
            extra[e.id] = "\n\n".join(lines)
        site = FeedSite(
            uid_domain="godigital.lu",
            calendar_name=self.labels["calendar_name"],
            calendar_description=self.labels["calendar_description"],
            feed_url=self.url("feed"),
            agenda_url=self.url("agenda"),
            lang=self.lang,
            typography=typography.text_rules(self.lang),
        )
        revisions = {e.id: self.data.history.modified(e, self.lang) for e in events}
        feed, singles = calendar_files(events, site, built=self.built, event_urls=urls, extra_text=extra,
                                       revisions=revisions)
        return {self.path("feed"): feed, **{self.path("file", e): singles[e.id] for e in events}}

    @property
    def state(self) -> str:
        """What the campaign's agenda can say on the build day (``agenda.campaign_state``)."""
        return agenda.campaign_state(self.data.events, self.today)

    def agenda_block(self, page: Page) -> str:
        upcoming, past = agenda.split_agenda(self.data.events, self.today)
        feed_url = self.url("feed")
        return self._render("partials/agenda.html", page, state=self.state,
                            upcoming=[self._view(e) for e in upcoming], past=[self._view(e) for e in past],
                            feed_url=feed_url, feed_path=self.path("feed"), webcal_url=agenda.webcal(feed_url),
                            subscribe=agenda.subscription_links(feed_url, self.labels["calendar_name"]),
                            partners=self._partners())

    def event_block(self, event: Event, page: Page) -> str:
        return self._render("partials/agenda-event.html", page, item=self._view(event),
                            agenda_path=self.path("agenda"))

    def next_block(self, page: Page) -> str:
        events, _ = agenda.next_or_latest(self.data.events, self.today)
        return self._render("partials/agenda-next.html", page, state=self.state,
                            items=[self._view(e) for e in events], agenda_path=self.path("agenda"),
                            webcal_url=agenda.webcal(self.url("feed")), partners=self._partners())

    def _partners(self) -> list[dict[str, str | None]]:
        return [{"name": p.name[self.lang], "url": p.url, "address": p.address} for p in self.data.partners]

    def _view(self, event: Event) -> dict[str, Any]:
        """What templates show of an event: made once per build, used by the agenda and the event page."""
        if event.id not in self._views:
            self._views[event.id] = agenda.event_view(
                event, self.lang, self.site_url, self.labels, self.built, default=self.languages.default,
                previous_starts=self.data.history.previous_starts.get(event.id, ()),
                picture=self.pictures.get(event.id), picture_size=self.picture_sizes.get(event.id))
        return self._views[event.id]

    def _render(self, template: str, page: Page, **context: Any) -> str:
        try:
            loaded = self.env.get_template(template)
        except TemplateNotFound:
            # The theme's settings in mkdocs.yml no longer point at overrides/.
            raise PluginError(message("theme_template_missing", template=f"overrides/{template}")) from None
        return loaded.render(page=page, base_url=get_relative_url(".", page.url), labels=self.labels,
                             lang=self.lang, **context)


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_cached(events_path: Path, _events_stamp: tuple[int, int], labels_path: Path,
                 _labels_stamp: tuple[int, int], partners_path: Path, _partners_stamp: tuple[int, int],
                 languages: Languages, site_url: str | None, _commit: str | None) -> SiteData:
    try:
        # With the site's address: a registration on this site is refused.
        events = load_events(events_path, EVENTS_FILE, languages=languages.codes, site_url=site_url)
        labels = load_labels(labels_path, LABELS_FILE, languages=languages.codes)
        partners = load_partners(partners_path, PARTNERS_FILE, languages=languages.codes)
        text = events_path.read_text(encoding="utf-8")
        # A change not committed yet (the preview's) dates from when the file was saved.
        saved = datetime.fromtimestamp(_events_stamp[0] // 1_000_000_000, timezone.utc)
        history = read_history(events_path.parents[1], EVENTS_FILE, languages=languages.codes,
                               current_text=text, now=saved)
        # An event announced once stays in the file: deleted, subscribers would never see it cancelled.
        if problems := deletion_problems(history, events, text, EVENTS_FILE):
            raise EventDataError(problems)
    except (EventDataError, LabelsError, PartnersError) as error:
        raise PluginError(str(error)) from None
    pages = {event_src_uri(event, lang): event for lang in languages for event in events}
    return SiteData(events, labels, partners, pages, history)


def _sentence(text: str) -> str:
    """A label written to follow a date ("time to be announced") as a line of its own."""
    return text[:1].upper() + text[1:]
