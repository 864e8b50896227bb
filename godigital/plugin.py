"""The Go Digital plugin for MkDocs: the site's own steps, in one visible pipeline.

Registered as ``godigital`` (an entry point in ``pyproject.toml``) and listed
in ``mkdocs.yml`` before ``i18n``. Each step is a few lines over a plain
module; its state lives on the plugin, which MkDocs creates for each build
(and keeps through ``make serve`` since it has ``on_startup``, so every
outer build starts afresh in ``on_config``).

mkdocs-static-i18n builds the default language, then every other language
inside its own ``on_post_build`` (priority -100), firing these events again
for each. Site-wide passes run once, after the last language: ``outer`` in
the table. The languages are the i18n plugin's (``godigital.languages``).

======================  ========  ==================================================
Event                   Priority  Step
======================  ========  ==================================================
on_startup                        editors' messages; is this the preview?
on_config               200       files in docs/ allowed, images and downloads in docs/assets/;
                                  the terminal as editors see it; links read as written;
                                  shared templates; CSP scope; the theme's search worker
on_config               150       mkdocs.yml safe; the menu from data/menu.yml
on_config               100       the build day (outer); events and labels read, checked (the
                                  light/dark toggle's words too);
                                  redirects from git history and data/redirects.yml (outer)
on_config               100       the campaign's colours from the style sheet, the mark from the wordmark;
                                  pictures kept from earlier builds
on_config               0         MkDocs' own warnings in the editor's language
on_files                100       oversized pages, aliases in front matter refused
on_files                60        event pages declared in every language
on_files                50        every page in every language
on_files                40        docs/assets/ noted; events' pictures
on_files                -110      docs/assets/ at /assets/ in every language
on_files                -150      event pages' Markdown; calendar feeds
on_files                -160      icons (default language); each language's web manifest
on_files                -200      one file per address
on_nav                  -150      menu titles escaped
on_env                  0         page titles escaped; the languages, labels, partners, colour and
                                  manifest for templates
on_env                  -10       each page's link preview picture
on_page_markdown        1000      page shapes refused; conversion deadline armed
on_page_markdown        0         front matter and text rules; agenda markers
on_page_content         100       links to docs/assets/ as a text editor finds them; page
                                  markup allowlist
on_page_content         0         agenda, event and next-event blocks
on_page_content         -400      links whose text is their address marked (printed once)
on_page_content         -500      short pages without navigation, contents, previous/next
on_page_content         -1000     conversion deadline disarmed
on_page_context         1000      rendering deadline armed
on_page_context         -50       hreflang alternates
on_page_context         -60       the page's link preview
on_page_context         -70       an event's page in the agenda's tab
on_template_context     0         the 404 page's labels, switcher and link preview
on_post_page            0         Material's markup fixed
on_post_page            -200      the language's typography (apostrophes, quotation marks, no-break spaces)
on_post_page            -1000     rendering deadline disarmed; the agenda's tab given back
on_post_template        0         markup fixed (404)
on_post_template        -200      the language's typography (404)
on_post_template        -300      each language's own 404 page
on_post_build           -90       outer, strict: the other languages built without strict,
                                  so that every language's problems are reported before
                                  this build's strict count stops it
on_post_build           -300      outer: strict again; source maps dropped; search split per
                                  language; redirect pages and nginx rules written;
                                  scripts checked; CSP written; pictures not used forgotten
on_build_error                    deadline disarmed; the agenda's tab given back; a page too deep named
on_shutdown                       the build day given back
======================  ========  ==================================================
"""

from __future__ import annotations

import logging
import os
from copy import deepcopy
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, TemplateNotFound
from markupsafe import Markup, escape
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from godigital import agenda, dates, icons, languages, output, page_layout, previews, redirects, typography
from godigital.agenda_pages import (
    EVENT_MARKER,
    EVENTS_FILE,
    HOME_TEMPLATE,
    LABELS_FILE,
    LOCAL_URL,
    MARKER,
    NEXT_MARKER,
    AgendaBuild,
    SiteData,
    agenda_src_uri,
    event_page_source,
    load_site_data,
)
from godigital.assets import drop_source_maps, search_worker
from godigital.config_safety import config_safety_problems
from godigital.csp import add_policy_meta, allowed_scripts, derive_scope, policy, site_problems
from godigital.docs_files import docs_problems
from godigital.markup_fixes import fix_markup
from godigital.menu import MENU_FILE, MenuError, load_menu
from godigital.messages import message
from godigital.mkdocs_messages import install as install_messages
from godigital.page_limits import DEADLINE_SECONDS, MAX_DEPTH, Deadline, shape_problems
from godigital.page_links import html_link_problems, occurrence_lines
from godigital.page_markup import finding_line, source_line, unsafe_markup
from godigital.pages import FRONT_MATTER, MAX_PAGE_BYTES, page_problems
from godigital.pictures import CACHE_DIR, PictureCache
from godigital.search import write_language_indexes
from godigital.shared_files import EditorLinks, is_shared, misplaced_link, placement_problems, theme_clashes
from godigital.template_cache import share_compiled_templates
from godigital.translations import missing_translations, not_found_page, page_alternates, parity_message
from godigital.yaml_lines import first_alias_line

log = logging.getLogger("mkdocs.plugins.godigital")
EPOCH = "SOURCE_DATE_EPOCH"


class GoDigitalConfig(Config):
    """The plugin has no settings: what it needs is in the data files and the i18n plugin's."""


class GoDigitalPlugin(BasePlugin[GoDigitalConfig]):
    """The agenda, feeds, checks and polish of the Go Digital site (see the table above)."""

    def __init__(self) -> None:
        super().__init__()
        # Plugins are made with the configuration, once MkDocs has set up its
        # log output and before any page is read.
        install_messages()
        self.previewing = False
        self.links = EditorLinks()  # each page's links as written, for misplaced_link
        self.pictures: PictureCache | None = None  # kept from one build to the next (make serve)
        self.strict_build = False  # strict, with the inner builds' strictness lifted (_every_language_reported)
        self._reset()

    def _reset(self) -> None:
        self.languages: languages.Languages | None = None
        self.data: SiteData | None = None
        self.agenda: AgendaBuild | None = None
        self.event_pages: set[str] = set()  # built pages the agenda made, in every language
        self.shared_files: list[File] = []  # docs/assets/, as MkDocs found them (shared_files)
        self.event_pictures: dict[str, str] = {}  # event id -> its picture in docs/assets/images/agenda/
        self.event_picture_sizes: dict[str, tuple[int, int]] = {}  # event id -> its picture's width and height
        self.redirects: list[redirects.Redirect] = []  # old pages' readers → their successors
        self.menu_titles: dict[str, tuple[str, ...]] = {}  # each page's menu titles, in every language
        self.colours: icons.Colours | None = None  # the campaign's, from the theme's style sheet
        self.mark: icons.Mark | None = None  # the wordmark's, which every icon shows
        self.wordmark: icons.Wordmark | None = None  # the header's logo, which every link preview shows
        self.previews: dict[str, dict[str, Any]] = {}  # each page's link preview, by source, in every language
        self.deadline = Deadline()
        self.current: str | None = None  # the page being converted or rendered, for a RecursionError
        self.section: Page | None = None  # the menu's page shown as current for a page outside the menu
        self._epoch_given: bool | None = None  # SOURCE_DATE_EPOCH from whoever started MkDocs, or ours

    # -- start -------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        install_messages()
        self.previewing = command == "serve"

    # -- configuration -------------------------------------------------------------

    @event_priority(200)  # before any plugin asks the theme for its templates
    def _check_docs_and_theme(self, config: MkDocsConfig) -> MkDocsConfig:
        if not _inner(config):
            self._reset()
        output.install_on_engine(strict=bool(config.strict) or self.strict_build)  # before the other plugins' progress
        self.languages = languages.from_plugins(config.plugins)
        for code in self.languages:
            try:
                languages.babel_locale(code)
            except ValueError:
                raise PluginError(message("language_unknown", file=os.path.relpath(config.config_file_path),
                                          language=code)) from None
        # Before MkDocs walks docs/ (following links, so a loop would hang it).
        shown = os.path.relpath(config.docs_dir)
        problems = docs_problems(config.docs_dir, shown)
        if not problems:  # the names are text and the files are files: where they are, then
            problems = [*placement_problems(config.docs_dir, self.languages, shown),
                        *theme_clashes(config.docs_dir, config.theme.dirs, _project(config), shown)]
        if problems:
            raise PluginError("\n".join(problems))
        if self.links not in config.markdown_extensions:
            config.markdown_extensions.append(self.links)
        share_compiled_templates(config.theme)
        derive_scope(config)  # one inline base script for every page, so one hash
        config.extra["search_worker"] = search_worker(config.theme.dirs)  # named by the theme's release
        return config

    # Before mkdocs-static-i18n (-100) reads each language's settings.
    @event_priority(150)
    def _menu(self, config: MkDocsConfig) -> MkDocsConfig:
        # make build and the preview refuse these before MkDocs reads the file; a
        # plain `mkdocs build` gets here first, and must not publish a menu put back in
        # mkdocs.yml or a setting the theme would print as markup.
        refused = config_safety_problems(config.config_file_path)
        if refused:
            raise PluginError("\n".join(refused))
        langs = self._languages()
        try:
            menu = load_menu(_project(config) / MENU_FILE, Path(config.docs_dir), langs.default, langs.others)
        except MenuError as error:
            raise PluginError(str(error)) from None
        config.nav = menu.nav
        self.menu_titles = menu.page_titles()  # for links that miss a page (mkdocs_messages)
        for entry in config.plugins[languages.I18N_PLUGIN].config.languages:
            if entry.locale != langs.default:
                entry.nav_translations = menu.nav_translations.get(entry.locale, {})
        return config

    @event_priority(100)
    def _build_day_and_data(self, config: MkDocsConfig) -> MkDocsConfig:
        """Fix the build day and check the events before anything is written."""
        outer = self._epoch_given is None
        if outer:
            self._fix_build_day(config)
        self.data = load_site_data(_project(config), self._languages(), config.site_url)
        # overrides/partials/palette.html prints a toggle's words from the labels, by its name.
        palette = config.theme.get("palette")
        for option in palette if isinstance(palette, list) else []:
            name = (option.get("toggle") or {}).get("name") if isinstance(option, dict) else None
            if name is not None and name not in self.data.labels[self._languages().default]:
                raise PluginError(message("palette_label_missing", name=name, file=LABELS_FILE))
        if outer and self.data.history.source != "git":  # info, so that --strict does not count it
            log.info(message(f"history_{self.data.history.source}", file=EVENTS_FILE))
        if outer:
            self._read_redirects(config)
        return config

    def _read_redirects(self, config: MkDocsConfig) -> None:
        """Where the readers of pages that are no more go: once per build, before any page is written."""
        project, codes = _project(config), self._languages().codes
        moves = redirects.git_moves(project, codes)
        if moves.source != "git":  # info, so that --strict does not count it
            log.info(message(f"redirects_history_{moves.source}", file=redirects.REDIRECTS_FILE))
        try:
            self.redirects = redirects.read_redirects(project, codes, moves=moves)
        except redirects.RedirectsError as error:
            # Warnings, which stop a strict build at its end: the pages' own problems (a link
            # to the renamed page, say) are then listed in the same run.
            for problem in str(error).splitlines():
                log.warning(problem)

    @event_priority(100)
    def _colours_and_pictures(self, config: MkDocsConfig) -> MkDocsConfig:
        """The colours the icons, previews and browser's toolbar are drawn with; the pictures kept."""
        sheet = icons.stylesheet(config.theme.dirs)
        if sheet is None:  # the theme lost its folder of overrides: a setting, not the style sheet
            raise PluginError(message("theme_template_missing", template=f"overrides/{icons.STYLESHEET}"))
        colours = icons.colours_from_css(sheet.read_text(encoding="utf-8"))
        if colours is None:
            shown = os.path.relpath(sheet)
            raise PluginError(message("theme_colour_missing", file=shown))
        self.colours = colours
        self.mark, self.wordmark = self._read_wordmark(config)
        if not _inner(config):
            folder = _project(config) / CACHE_DIR
            if self.pictures is None or self.pictures.folder != folder:
                self.pictures = PictureCache(folder)
            self.pictures.start()
        return config

    def _read_wordmark(self, config: MkDocsConfig) -> tuple[icons.Mark, icons.Wordmark]:
        """The mark every icon is drawn from, the wordmark's (mkdocs.yml's theme.logo), at the
        address of theme.favicon for the SVG one; and the wordmark the link previews show."""
        logo = str(config.theme.get("logo") or "")
        if config.theme.get("favicon") != icons.FAVICON_SVG:
            raise PluginError(message("theme_favicon_drawn", path=icons.FAVICON_SVG, logo=f"overrides/{logo}"))
        wordmark = icons.theme_file(config.theme.dirs, logo) if logo else None
        if wordmark is None:
            raise PluginError(message("theme_template_missing", template=f"overrides/{logo}"))
        svg = wordmark.read_text(encoding="utf-8")
        try:
            mark = icons.read_mark(svg)
        except icons.MarkError:
            raise PluginError(message("theme_mark_unreadable", file=os.path.relpath(wordmark))) from None
        try:
            return mark, icons.read_wordmark(svg)
        except icons.MarkError as error:
            raise PluginError(message("theme_wordmark_unreadable", file=os.path.relpath(wordmark),
                                      problem=str(error))) from None

    def _messages_for_docs(self, config: MkDocsConfig) -> MkDocsConfig:
        install_messages(docs_dir=config.docs_dir, languages=self._languages().codes, menu_titles=self.menu_titles)
        return config

    on_config = CombinedEvent(_check_docs_and_theme, _menu, _build_day_and_data, _colours_and_pictures,
                              _messages_for_docs)

    # -- files ---------------------------------------------------------------------

    # A YAML alias in front matter can repeat a text until memory runs out, and a
    # page of many megabytes takes minutes to convert: both refused before anything parses them.
    @event_priority(100)
    def _refuse_oversized_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in files.documentation_pages():
            if file.generated_by is None and file.abs_src_path and Path(file.abs_src_path).is_file():
                path = Path(file.abs_src_path)
                if path.stat().st_size > MAX_PAGE_BYTES:
                    raise PluginError(_at(config, file.src_uri, 1, message("page_too_large",
                                                                           limit=MAX_PAGE_BYTES // 1000)))
                # Read as MkDocs reads pages: without the byte-order mark an editor's program may write.
                head = FRONT_MATTER.match(path.read_text(encoding="utf-8-sig", errors="replace"))
                line = first_alias_line(head.group(2)) if head else None
                if line is not None:
                    raise PluginError(_at(config, file.src_uri, line + 1, message("yaml_alias")))
        return files

    # Before mkdocs-static-i18n (-100): each event page is declared in each language
    # folder, so the plugin places it and links its translations like any page an
    # editor wrote. It re-creates File objects without their content: filled in at -150.
    @event_priority(60)
    def _declare_event_pages(self, files: Files, *, config: MkDocsConfig) -> Files:
        declared = list(self._data().event_pages)
        taken = {file.src_uri for file in files}
        for src_uri in declared:
            if src_uri in taken:
                raise PluginError(message("event_page_address_taken", file=f"docs/{src_uri}",
                                          events_file=EVENTS_FILE))
        # Appended after the check: each append resets the lookup table of Files.
        for src_uri in declared:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                              inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    @event_priority(50)  # before mkdocs-static-i18n (-100) sorts the files by language
    def _every_page_in_every_language(self, files: Files, *, config: MkDocsConfig) -> Files:
        sources = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
        missing = missing_translations(sources, self._languages())
        if missing:
            raise PluginError(parity_message(missing, os.path.relpath(config.docs_dir)))
        return files

    @event_priority(40)  # before mkdocs-static-i18n (-100) keeps them for the default language only
    def _note_shared_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.shared_files = [file for file in files if _written_by_editor(config, file) and is_shared(file.src_uri)]
        self.event_pictures, strays = agenda.event_pictures((f.src_uri for f in self.shared_files),
                                                      (e.id for e in self._data().events))
        sources = {f.src_uri: f.abs_src_path for f in self.shared_files}
        sizes = {event_id: agenda.picture_size(Path(source)) for event_id, src_uri in self.event_pictures.items()
                 if (source := sources.get(src_uri))}
        self.event_picture_sizes = {event_id: size for event_id, size in sizes.items() if size}
        for stray in strays if not _inner(config) else ():  # info, so that --strict does not count it
            log.info(message("event_picture_twice", file=_source(config, stray.src_uri), id=stray.event_id,
                             other=_source(config, stray.other)) if stray.other else
                     message("event_picture_unknown", file=_source(config, stray.src_uri), id=stray.event_id,
                             events_file=EVENTS_FILE))
        return files

    # After mkdocs-static-i18n (-100): each language's build publishes docs/assets/ at
    # the same address, /assets/, so a link finds it from every language's page.
    @event_priority(-110)
    def _shared_files_in_every_language(self, files: Files, *, config: MkDocsConfig) -> Files:
        present = {file.src_uri for file in files}
        for file in self.shared_files:
            if file.src_uri not in present:
                files.append(file)
        return files

    @event_priority(-150)
    def _fill_event_pages_and_feeds(self, files: Files, *, config: MkDocsConfig) -> Files:
        # One template environment per language: MkDocs fires on_env only after the
        # pages' Markdown is converted, too late for the event pages.
        self.agenda = AgendaBuild(self._data(), self._languages(), self._language(config), config.theme.get_env(),
                                  dates.build_time(_project(config)), config.site_url or LOCAL_URL,
                                  pictures=self.event_pictures, picture_sizes=self.event_picture_sizes)
        for file in files:
            event = self._data().event_pages.get(file.src_uri)
            if event is not None:
                file.content_string = event_page_source(event, self.agenda.lang)
        for path, content in self.agenda.calendar_files().items():
            files.append(File.generated(config, path, content=content))
        return files

    # The icons at the site's root, where browsers look for them unasked, once; a
    # web manifest per language, its home as start and scope. Before -200 checks
    # that no editor's file takes their address.
    @event_priority(-160)
    def _icons_and_manifest(self, files: Files, *, config: MkDocsConfig) -> Files:
        langs, lang, colours, mark = self._languages(), self._language(config), self._colours(), self._mark()
        if lang == langs.default:
            # MkDocs would let a drawn icon replace an editor's file of the same name, silently.
            taken = [file for path in icons.icon_files() if (file := files.get_file_from_path(path)) is not None
                     and _written_by_editor(config, file)]
            if taken:
                raise PluginError("\n".join(message("docs_address_of_site_file", file=_source(config, file.src_uri),
                                                     address=f"/{file.url}") for file in taken))
            for path in icons.icon_files():
                content = self._pictures().get(icons.fingerprint(path, colours, mark),
                                               partial(icons.draw_icon, path, colours, mark))
                files.append(File.generated(config, path, content=content))
        base = _site_path(config)
        text = typography.text_rules(lang)  # the language's apostrophes and spaces, as on its pages
        manifest = icons.web_manifest(name=text(config.site_name), short_name=text(config.site_name),
                                      description=text(config.site_description or ""), lang=lang,
                                      root=base + langs.root(lang).lstrip("/"), colours=colours,
                                      icons_url=f"{base}{icons.ICONS_DIR}/")
        files.append(File.generated(config, _manifest_path(langs, lang), content=manifest))
        return files

    # After mkdocs-static-i18n (-100) has given each file its address in the
    # language's site, and the agenda (-150) its pages and feeds: two files at one
    # address are written one over the other, and the menu, search and sitemap
    # keep both, so an editor's page could silently replace another page, an
    # event page or the theme's favicon.
    @event_priority(-200)
    def _one_file_per_address(self, files: Files, *, config: MkDocsConfig) -> Files:
        by_address: dict[str, list[File]] = {}
        for file in files:
            by_address.setdefault(file.dest_uri, []).append(file)
        problems = []
        for _, shared in sorted(by_address.items()):
            editors = sorted((f for f in shared if _written_by_editor(config, f)), key=lambda f: f.src_uri)
            if len(shared) < 2 or not editors:
                continue
            first = editors[0]
            for file in editors[1:]:
                problems.append(message("docs_address_shared", file=_source(config, file.src_uri),
                                        other=_source(config, first.src_uri), address=f"/{first.url}"))
            for other in (f for f in shared if f not in editors):
                if other.src_uri.endswith(".md"):  # the only pages not on the disk are the agenda's
                    text = message("event_page_address_taken", file=_source(config, first.src_uri),
                                   events_file=EVENTS_FILE)
                else:
                    text = message("docs_address_of_site_file", file=_source(config, first.src_uri),
                                   address=f"/{first.url}")
                problems.append(text)
        if problems:
            raise PluginError("\n".join(problems))
        return files

    on_files = CombinedEvent(_refuse_oversized_pages, _declare_event_pages, _every_page_in_every_language,
                             _note_shared_files, _shared_files_in_every_language, _fill_event_pages_and_feeds,
                             _icons_and_manifest, _one_file_per_address)

    # -- titles --------------------------------------------------------------------
    # Titles are plain text wherever editors write them (front matter, a heading,
    # the menu, an event's title), but Material prints them as HTML in the header,
    # the page's h1, the menu, the footer links and search results. Escaped once,
    # as safe markup, they are text in every one of those places.

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has translated the menu
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for item in _walk(nav.items):
            if not item.is_page and item.title:
                item.title = escape(item.title)
        return nav

    # After every page is read (so every title is known) and before any is rendered.
    def _escaped_titles(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # What the templates need to know of the languages, the colour and the manifest (overrides/main.html).
        langs = self._languages()
        env.globals["gd_default_language"] = langs.default
        env.globals["gd_languages"] = langs.codes
        env.globals["gd_theme_colour"] = self._colours().primary
        env.globals["gd_manifest"] = _manifest_path(langs, self._language(config))
        # The theme's own words (the light/dark toggle, the partners' strip), in the language built.
        lang = self._language(config)
        env.globals["gd_labels"] = self._data().labels[lang]
        env.globals["gd_partners"] = [{"name": p.name[lang], "url": p.url} for p in self._data().partners]
        env.filters["og_locale"] = languages.og_locale
        env.filters["gd_intro"] = page_layout.split_intro  # the home page's introduction (overrides/home.html)
        # The theme words the site rewords, for a language that has them (overrides/partials/language.html):
        # a language added to mkdocs.yml without its file keeps the theme's own words.
        env.globals["gd_site_words"] = _site_words_template(env, lang)
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if page.title:
                page.title = escape(page.title)
            if isinstance(page.meta.get("title"), str):
                page.meta["title"] = escape(page.meta["title"])
        return env

    # Once every title is escaped: the pictures are drawn from the plain text. MkDocs
    # copies the files added here with the theme's, before it renders any page.
    @event_priority(-10)
    def _link_previews(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        lang, colours, data = self._language(config), self._colours(), self._data()
        assert self.agenda is not None, "made in on_files"
        site_url = config.site_url or LOCAL_URL
        labels = data.labels[lang]
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            event = data.event_pages.get(file.src_uri)
            title = event.title[lang] if event else _plain(page.meta.get("title") or page.title or "")
            moves = data.history.previous_starts.get(event.id, ()) if event else ()
            card = previews.page_card(site_name=config.site_name, title=title, site_url=site_url, lang=lang,
                                      now=self.agenda.built, event=event, labels=labels, previous_starts=moves)
            fingerprint = previews.fingerprint(card, colours, self._wordmark())
            path = previews.file_name(fingerprint, page.url)
            content = self._pictures().get(fingerprint, partial(previews.render, card, colours, self._wordmark()))
            files.append(File.generated(config, path, content=content))
            self.previews[file.src_uri] = previews.page_preview(card, agenda.absolute(site_url, path))
        return env

    on_env = CombinedEvent(_escaped_titles, _link_previews)

    # -- pages ---------------------------------------------------------------------

    # First of all page steps: the deadline covers every other one.
    @event_priority(1000)
    def _bounded_conversion(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        self.current = _source(config, page.file.src_uri)
        if page.file.generated_by is None:
            source = page.file.content_string
            # MkDocs gives the page without its front matter: count lines from the file's.
            skipped = len(source) - len(markdown) if source.endswith(markdown) else 0
            problems = shape_problems(markdown, first_line=source.count("\n", 0, skipped) + 1)
            if problems:
                raise PluginError("\n".join(f"{self.current}, {problem}" for problem in problems))
        self.links.urls.clear()
        self._arm("limit_deadline_convert")

    def _page_rules_and_markers(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.file.src_uri in self._data().event_pages:
            return  # event pages, made from the events file
        # Only the pages editors write.
        if page.file.generated_by is None and Path(config.docs_dir, page.file.src_uri).is_file():
            problems = page_problems(page.file.content_string) + html_link_problems(page.file.content_string)
            if problems:
                raise PluginError("\n".join(f"{_source(config, page.file.src_uri)}, {problem}"
                                            for problem in problems))
        # The agenda and the home page must keep their marker: without it, events
        # would silently vanish. A marker the plugin does not know is a mistake.
        file = f"docs/{page.file.src_uri}"
        unknown = agenda.unknown_marker(markdown, known=(MARKER, NEXT_MARKER))
        if unknown is not None:
            line = source_line(page.file.content_string, unknown)
            raise PluginError(message("page_marker_unknown", file=file, line=line, marker=unknown,
                                      known=f"{MARKER}, {NEXT_MARKER}"))
        lang, _, rest = page.file.src_uri.partition("/")
        if lang in self._languages() and rest == "agenda.md" and MARKER not in markdown:
            raise PluginError(message("agenda_marker_missing", file=file, marker=MARKER))
        if page.meta.get("template") == HOME_TEMPLATE and NEXT_MARKER not in markdown:
            raise PluginError(message("home_marker_missing", file=file, marker=NEXT_MARKER))

    on_page_markdown = CombinedEvent(_bounded_conversion, _page_rules_and_markers)

    # Before the agenda fills its markers: only what the editor wrote is checked.
    @event_priority(100)
    def _markup_allowlist(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.file.generated_by is not None:
            return
        src_uris, langs = files.src_uris, self._languages()
        lines = occurrence_lines(page.file.content_string, self.links.urls)  # each link's own line
        for url, line in zip(self.links.urls, lines, strict=True):
            misplaced = misplaced_link(page.file.src_uri, url, src_uris, langs)
            if misplaced:
                text = message("link_outside_folder", link=url, target=f"docs/{misplaced[0]}",
                               suggestion=misplaced[1])
                log.warning(_at(config, page.file.src_uri, line, text) if line else
                            f"{_source(config, page.file.src_uri)}{message('separator')}{text}")
        found = unsafe_markup(html)
        if found:
            source = page.file.content_string
            raise PluginError("\n".join(
                _at(config, page.file.src_uri, finding_line(source, finding), message(finding.key, **finding.values))
                for finding in found))

    # The markers pass through Markdown as HTML comments; the rendered HTML replaces
    # them afterwards, so Python-Markdown never re-parses it.
    def _agenda_blocks(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        lang, _, rest = page.file.src_uri.partition("/")
        build = self.agenda
        if build is None or lang not in self._languages():
            return None
        if rest.startswith(f"{agenda.AGENDA_PAGE}/") and EVENT_MARKER in html:
            event = self._data().event_pages[page.file.src_uri]
            return html.replace(EVENT_MARKER, build.event_block(event, page), 1)
        if MARKER in html:
            html = html.replace(MARKER, build.agenda_block(page), 1)
        if NEXT_MARKER in html:
            html = html.replace(NEXT_MARKER, build.next_block(page), 1)
        return html

    # The agenda's blocks included: a link that shows its address prints it once (site.css).
    @event_priority(-400)
    def _address_links(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return page_layout.mark_address_links(html)

    # Once the page holds everything it shows, the agenda's blocks included.
    @event_priority(-500)
    def _layout_by_length(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        hide = page.meta.get("hide")
        section = page.parent.children if page.parent else []
        page.meta["hide"] = page_layout.hidden_parts(hide if isinstance(hide, list) else [],
                                                     words=page_layout.word_count(html),
                                                     headings=page_layout.heading_count(page.toc),
                                                     in_section=len(section) > 1)

    @event_priority(-1000)
    def _converted(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        self.deadline.disarm()

    on_page_content = CombinedEvent(_markup_allowlist, _agenda_blocks, _address_links, _layout_by_length,
                                    _converted)

    @event_priority(1000)
    def _bounded_rendering(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                           nav: Navigation) -> dict[str, Any]:
        self.current = _source(config, page.file.src_uri)
        self._arm("limit_deadline_render")
        return context

    # After mkdocs-static-i18n (50) has pointed the language switcher at this page's translations.
    @event_priority(-50)
    def _alternates(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
        # mkdocs-static-i18n sets the attribute, not the mapping item.
        switcher = getattr(config.extra, "alternate", None) or []
        links = [(alt["lang"], alt["link"]) for alt in switcher]
        context["page_alternates"] = page_alternates(config.site_url or LOCAL_URL, links, self._languages().default)
        return context

    @event_priority(-60)
    def _link_preview(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                      nav: Navigation) -> dict[str, Any]:
        context["link_preview"] = self.previews.get(page.file.src_uri)
        return context

    # An event's page is not in the menu (Material would show no tab as current): it
    # belongs to the agenda, whose tab, and entry in the phone's drawer, show as current
    # while it is rendered. MkDocs marks the menu's ancestors of a page the same way.
    @event_priority(-70)
    def _event_in_agenda(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                         nav: Navigation) -> dict[str, Any]:
        if page.file.src_uri in self._data().event_pages:
            src_uri = agenda_src_uri(self._language(config))
            self.section = next((p for p in nav.pages if p.file.src_uri == src_uri), None)
            if self.section is not None:
                self.section.active = True
        return context

    on_page_context = CombinedEvent(_bounded_rendering, _alternates, _link_preview, _event_in_agenda)

    # The 404 page speaks the language being built; its switcher leads to each
    # language's home (mkdocs-static-i18n leaves it pointing at the last page built).
    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext | None:
        if template_name != "404.html":
            return None
        lang = self._language(config)
        context["labels"] = self._data().labels[lang]  # type: ignore[typeddict-unknown-key]
        # A missing page's address shared shows the language's home preview.
        context["link_preview"] = self.previews.get(f"{lang}/index.md")  # type: ignore[typeddict-unknown-key]
        # mkdocs-static-i18n reads the attribute, not the mapping item.
        setattr(config.extra, "alternate", deepcopy(config.extra["alternate"]))  # noqa: B010
        return context

    def _fix_page_markup(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not Path(config.docs_dir, page.file.src_uri).is_file():
            self.event_pages.add(page.file.dest_uri)  # the agenda's event pages: their JSON-LD is expected
        return fix_markup(output)

    # After every other step has written its part of the page.
    @event_priority(-200)
    def _page_typography(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        rules = typography.html_rules(self._language(config))
        return rules(output) if rules else None

    @event_priority(-1000)
    def _rendered(self, output: str, *, page: Page, config: MkDocsConfig) -> None:
        self.deadline.disarm()
        self._section_done()

    on_post_page = CombinedEvent(_fix_page_markup, _page_typography, _rendered)

    # The 404 page is a theme template, not a page.
    def _fix_template_markup(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return fix_markup(output_content) if template_name.endswith(".html") else output_content

    @event_priority(-200)
    def _template_typography(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        rules = typography.html_rules(self._language(config))
        return rules(output_content) if rules and template_name.endswith(".html") else None

    # mkdocs-static-i18n builds the theme's 404.html once per language into the
    # same file, so the last language built would win: every language but the
    # default writes its own (de/404.html) instead. Last, once the page is final.
    @event_priority(-300)
    def _own_not_found_page(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        lang = self._language(config)
        if template_name != "404.html" or lang == self._languages().default:
            return None
        target = Path(config.site_dir) / not_found_page(f"/{lang}/", self._languages())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
        return ""  # MkDocs writes no empty template: the default language's 404.html stays

    on_post_template = CombinedEvent(_fix_template_markup, _template_typography, _own_not_found_page)

    # -- the whole site ------------------------------------------------------------

    # After every other plugin has written its files, mkdocs-static-i18n's other
    # languages included, once. Any script the templates do not ship stops the
    # build; the policy allows the templates' scripts only. The preview's pages
    # are checked too, but carry no policy: the preview server adds a live-reload
    # script to every page it serves.
    # mkdocs-static-i18n builds every other language inside this build's
    # post_build, each one strict on its own: the first language with problems
    # would stop the build before the next one is read. The inner builds run
    # without strict; this build's own strict count, which hears every
    # language, stops the build once all of them were read and reported.
    @event_priority(-90)  # before mkdocs-static-i18n (-100) builds the other languages
    def _every_language_reported(self, *, config: MkDocsConfig) -> None:
        if not _inner(config) and config.strict:
            self.strict_build = True
            config.strict = False

    @event_priority(-300)
    def _whole_site(self, *, config: MkDocsConfig) -> None:
        self.deadline.disarm(check=False)
        self.current = None
        if _inner(config):
            return
        if self.strict_build:
            config.strict, self.strict_build = True, False
        try:
            drop_source_maps(config.site_dir)
            langs = self._languages()
            polish = {lang: rules for lang in langs if (rules := typography.html_rules(lang))}
            write_language_indexes(config.site_dir, langs.codes, polish=polish)
            redirect_pages = redirects.write_redirects(config.site_dir, self.redirects, langs,
                                                       config.site_url or LOCAL_URL, self._data().labels, polish)
            allowed = allowed_scripts(config)
            problems = site_problems(config.site_dir, allowed, self.event_pages, redirect_pages)
            if problems:
                raise PluginError("\n".join(problems))
            if not self.previewing:
                add_policy_meta(config.site_dir, policy(allowed))
            self._pictures().prune()
        finally:
            self._restore_build_day()

    on_post_build = CombinedEvent(_every_language_reported, _whole_site)

    def on_build_error(self, *, error: Exception) -> None:
        self.deadline.disarm(check=False)
        self._section_done()
        if isinstance(error, RecursionError) and self.current:
            log.error(f"{self.current}{message('separator')}{message('limit_recursion', limit=MAX_DEPTH)}")
        self._restore_build_day()

    def on_shutdown(self) -> None:
        self._restore_build_day()

    # -- helpers -------------------------------------------------------------------

    def _section_done(self) -> None:
        """The next page shows its own tab as current."""
        if self.section is not None:
            self.section.active = False
            self.section = None

    def _languages(self) -> languages.Languages:
        assert self.languages is not None, "read in on_config"
        return self.languages

    def _data(self) -> SiteData:
        assert self.data is not None, "read in on_config"
        return self.data

    def _colours(self) -> icons.Colours:
        assert self.colours is not None, "read in on_config"
        return self.colours

    def _mark(self) -> icons.Mark:
        assert self.mark is not None, "read in on_config"
        return self.mark

    def _wordmark(self) -> icons.Wordmark:
        assert self.wordmark is not None, "read in on_config"
        return self.wordmark

    def _pictures(self) -> PictureCache:
        assert self.pictures is not None, "made in on_config"
        return self.pictures

    def _language(self, config: MkDocsConfig) -> str:
        """The language being built: mkdocs-static-i18n sets the theme's to it."""
        lang = str(config.theme["language"])
        return lang if lang in self._languages() else self._languages().default

    def _arm(self, key: str) -> None:
        source = self.current
        self.deadline.arm(DEADLINE_SECONDS, lambda: PluginError(
            f"{source}{message('separator')}{message(key, seconds=f'{DEADLINE_SECONDS:g}')}"))

    def _fix_build_day(self, config: MkDocsConfig) -> None:
        """``SOURCE_DATE_EPOCH`` given by whoever started MkDocs wins; otherwise this build's
        day, set for the build (MkDocs' sitemap reads it) and taken back after it."""
        self._epoch_given = EPOCH in os.environ
        if self._epoch_given:
            return
        project, now = _project(config), datetime.now(timezone.utc)
        os.environ[EPOCH] = str(dates.source_date_epoch(project, now=now))
        future = dates.future_commit_time(project, now=now)
        if future is not None:  # info, so that --strict does not count it
            log.info(message("build_day_capped", commit=f"{future.astimezone(dates.LUXEMBOURG):%Y-%m-%d %H:%M}",
                             now=f"{now.astimezone(dates.LUXEMBOURG):%Y-%m-%d %H:%M}"))

    def _restore_build_day(self) -> None:
        if self._epoch_given is False:
            os.environ.pop(EPOCH, None)
        self._epoch_given = None


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


SITE_WORDS, NO_SITE_WORDS = "partials/languages/site/{}.html", "partials/languages/site/none.html"


def _site_words_template(env: Environment, lang: str) -> str:
    try:
        env.get_template(SITE_WORDS.format(lang))
    except TemplateNotFound:
        return NO_SITE_WORDS
    return SITE_WORDS.format(lang)


def _inner(config: MkDocsConfig) -> bool:
    """Whether this is one of the builds mkdocs-static-i18n runs inside the first one."""
    return bool(getattr(config.plugins.get(languages.I18N_PLUGIN), "building", False))


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _written_by_editor(config: MkDocsConfig, file: File) -> bool:
    """A file of docs/ as it is on the disk (not a page the agenda makes, nor a theme file)."""
    if file.generated_by is not None or not file.abs_src_path:
        return False
    path = Path(file.abs_src_path)
    return path.is_file() and path.resolve().is_relative_to(Path(config.docs_dir).resolve())


def _site_path(config: MkDocsConfig) -> str:
    """The path of the site's root on its host: ``/``, or ``/godigital/`` for a site in a folder."""
    path = urlsplit(config.site_url or LOCAL_URL).path or "/"
    return path if path.endswith("/") else f"{path}/"


def _manifest_path(langs: languages.Languages, lang: str) -> str:
    """A language's web manifest, from the site's root: ``manifest.webmanifest``, ``de/manifest.webmanifest``."""
    return langs.root(lang).lstrip("/") + icons.MANIFEST


def _plain(title: str) -> str:
    """A title as its reader reads it: the text the plugin escaped for the templates."""
    return title.unescape() if isinstance(title, Markup) else str(title)


def _source(config: MkDocsConfig, src_uri: str) -> str:
    """A page's file as the editor sees it from the project folder: ``docs/de/contact.md``."""
    return f"{os.path.relpath(config.docs_dir)}/{src_uri}"


def _at(config: MkDocsConfig, src_uri: str, line: int, text: str) -> str:
    return f"{_source(config, src_uri)}, {message('at_line', line=line)}{message('separator')}{text}"


def _walk(items: list[Any]) -> Any:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
