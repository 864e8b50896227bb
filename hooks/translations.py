"""MkDocs hook: every page in both languages, linked to its translation, and
search that answers in the reader's language.

The work itself is done in ``godigital.translations`` and ``godigital.search``.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from godigital.search import write_language_indexes
from godigital.translations import missing_translations, page_alternates, parity_message

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Runs before mkdocs-static-i18n (priority -100) sorts the files by language.
@event_priority(50)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    sources = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
    missing = missing_translations(sources)
    if missing:
        docs_dir = os.path.relpath(config.docs_dir)
        raise PluginError(parity_message(missing, docs_dir))
    return files


# After mkdocs-static-i18n (priority 50) has pointed the language switcher at
# this page's translations.
@event_priority(-50)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    # mkdocs-static-i18n sets the attribute, not the mapping item.
    switcher = getattr(config.extra, "alternate", None) or []
    links = [(alt["lang"], alt["link"]) for alt in switcher]
    context["page_alternates"] = page_alternates(config.site_url, links)
    return context


# After mkdocs-static-i18n (priority -100) has written the combined index.
@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    write_language_indexes(config.site_dir)
