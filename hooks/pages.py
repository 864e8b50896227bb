"""MkDocs hook: pages as editors write them and as readers get them.

Front matter that is not valid YAML or never closed, a missing title or
description, and a description of the wrong length stop the build (MkDocs
would go on silently); and the markup Material writes is corrected where it
is not valid HTML. Titles are
escaped wherever the theme prints them, so they stay text. Every page gets
the site's Content-Security-Policy in a <meta>, for hosts without headers. The work
itself is done in ``godigital.pages`` and ``godigital.markup_fixes`` (the menu:
``hooks/menu.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from godigital.assets import drop_source_maps, search_worker
from godigital.csp import add_policy_meta, allowed_scripts, derive_scope, policy, site_problems
from godigital.docs_files import docs_problems
from godigital.yaml_lines import first_alias_line
from godigital.markup_fixes import fix_markup
from godigital.messages import message
from godigital.page_markup import finding_line, unsafe_markup
from godigital.pages import FRONT_MATTER, MAX_PAGE_BYTES, page_problems
from godigital.template_cache import share_compiled_templates

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Before any plugin asks the theme for its templates.
@event_priority(200)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Before MkDocs walks docs/ (following links, so a loop would hang it).
    problems = docs_problems(config.docs_dir, os.path.relpath(config.docs_dir))
    if problems:
        raise PluginError("\n".join(problems))
    share_compiled_templates(config.theme)
    derive_scope(config)  # one inline base script for every page, so one hash
    config.extra["search_worker"] = search_worker(config.theme.dirs)  # named by the theme's release
    if not _other_language(config):
        _event_pages.clear()
    return config


# Before MkDocs reads the pages: a YAML alias in front matter can repeat a
# text until memory runs out, and a page of many megabytes takes minutes to
# convert, so both are refused before anything parses them.
@event_priority(100)
def _refuse_oversized_pages(files: Files, *, config: MkDocsConfig) -> Files:
    for file in files.documentation_pages():
        if file.generated_by is None and file.abs_src_path and Path(file.abs_src_path).is_file():
            if Path(file.abs_src_path).stat().st_size > MAX_PAGE_BYTES:
                raise PluginError(_at(config, file.src_uri, 1, message("page_too_large", limit=MAX_PAGE_BYTES // 1000)))
            # Read as MkDocs reads pages: without the byte-order mark an editor's program may write.
            head = FRONT_MATTER.match(Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="replace"))
            line = first_alias_line(head.group(2)) if head else None
            if line is not None:
                raise PluginError(_at(config, file.src_uri, line + 1, message("yaml_alias")))
    return files


# After mkdocs-static-i18n (-100) has given each file its address in the
# language's site, and the agenda (-150) its event pages and feeds: two files
# at one address are written one over the other, and the menu, search and
# sitemap keep both, so an editor's page could silently replace another page,
# an event page or the theme's favicon.
@event_priority(-200)
def _one_file_per_address(files: Files, *, config: MkDocsConfig) -> Files:
    by_address: dict[str, list] = {}
    for file in files:
        by_address.setdefault(file.dest_uri, []).append(file)
    problems = []
    for address, shared in sorted(by_address.items()):
        editors = sorted((f for f in shared if _written_by_editor(config, f)), key=lambda f: f.src_uri)
        others = [f for f in shared if f not in editors]
        if len(shared) < 2 or not editors:
            continue
        first = editors[0]
        for file in editors[1:]:
            problems.append(message("docs_address_shared", file=_source(config, file.src_uri),
                                    other=_source(config, first.src_uri), address=f"/{first.url}"))
        for other in others:
            if other.src_uri.endswith(".md"):  # the only pages not on the disk are the agenda's
                text = message("event_page_address_taken", file=_source(config, first.src_uri),
                               events_file="data/events.yaml")
            else:
                text = message("docs_address_of_site_file", file=_source(config, first.src_uri), address=f"/{first.url}")
            problems.append(text)
    if problems:
        raise PluginError("\n".join(problems))
    return files


on_files = CombinedEvent(_refuse_oversized_pages, _one_file_per_address)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    # Only the pages editors write: event pages are made from the events file.
    if page.file.generated_by is None and Path(config.docs_dir, page.file.src_uri).is_file():
        problems = page_problems(page.file.content_string)
        if problems:
            raise PluginError("\n".join(f"{_source(config, page.file.src_uri)}, {problem}" for problem in problems))


# Before the agenda hook fills its markers: only what the editor wrote is checked.
@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    if page.file.generated_by is not None:
        return
    found = unsafe_markup(html)
    if found:
        source = page.file.content_string
        raise PluginError("\n".join(
            _at(config, page.file.src_uri, finding_line(source, finding), message(finding.key, **finding.values))
            for finding in found))


# Titles are plain text wherever editors write them (front matter, a heading,
# the menu, an event's title), but Material prints them as HTML in the header,
# the page's h1, the menu, the footer links and search results. Escaping them
# once, as safe markup, turns every one of those places into text; filters
# such as ``striptags | e`` in <title> and og:title still give the same text.
@event_priority(-150)  # after mkdocs-static-i18n (-100) has translated the menu
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    for item in _walk(nav.items):
        if not item.is_page and item.title:
            item.title = escape(item.title)
    return nav


# After every page is read (so every title is known) and before any is rendered.
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if page.title:
            page.title = escape(page.title)
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = escape(page.meta["title"])
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if not Path(config.docs_dir, page.file.src_uri).is_file():
        _event_pages.add(page.file.dest_uri)  # the agenda's event pages: their JSON-LD is expected
    return fix_markup(output)


def on_startup(*, command: str, dirty: bool) -> None:
    global _previewing
    _previewing = command == "serve"


# After every other hook and plugin has written its files, mkdocs-static-i18n's
# other languages included: the plugin builds them inside its own
# on_post_build, whose inner builds run this hook too, so the pages are
# checked once, after the last language. Any script the templates do not
# ship stops the build; the policy allows the templates' scripts only. The
# preview's pages are checked too, but carry no policy: the preview server
# adds a live-reload script to every page it serves.
@event_priority(-300)
def on_post_build(*, config: MkDocsConfig) -> None:
    drop_source_maps(config.site_dir)
    if _other_language(config):
        return
    allowed = allowed_scripts(config)
    problems = site_problems(config.site_dir, allowed, _event_pages)
    if problems:
        raise PluginError("\n".join(problems))
    if not _previewing:
        add_policy_meta(config.site_dir, policy(allowed))


# The 404 page is a theme template, not a page.
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return fix_markup(output_content) if template_name.endswith(".html") else output_content


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

_previewing = False  # set by on_startup: `mkdocs serve` and `make serve` say "serve"
_event_pages: set[str] = set()  # built pages the agenda made, in both languages



def _other_language(config: MkDocsConfig) -> bool:
    """Whether this is one of the builds mkdocs-static-i18n runs inside the first one."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def _written_by_editor(config: MkDocsConfig, file) -> bool:
    """A file of docs/ as it is on the disk (not a page the agenda makes, nor a theme file)."""
    if file.generated_by is not None or not file.abs_src_path:
        return False
    path = Path(file.abs_src_path)
    return path.is_file() and path.resolve().is_relative_to(Path(config.docs_dir).resolve())


def _source(config: MkDocsConfig, src_uri: str) -> str:
    """A page's file as the editor sees it from the project folder: ``docs/de/contact.md``."""
    return f"{os.path.relpath(config.docs_dir)}/{src_uri}"


def _at(config: MkDocsConfig, src_uri: str, line: int, text: str) -> str:
    return f"{_source(config, src_uri)}, {message('at_line', line=line)}{message('separator')}{text}"


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
