"""MkDocs hook: every page in both languages, linked to its translation,
search that answers in the reader's language, and a missing page (404) in
each language.

The work itself is done in ``godigital.translations``, ``godigital.search``
and ``godigital.labels``; the 404 page's markup is ``overrides/404.html``.
"""

from __future__ import annotations

import os
from copy import deepcopy
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from godigital import languages
from godigital.labels import LabelsError, load_labels
from godigital.search import write_language_indexes
from godigital.translations import LANGUAGES, missing_translations, not_found_page, page_alternates, parity_message
from godigital.typography import french_html

LABELS_FILE = "data/labels.yaml"

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


# The 404 page speaks the language being built; its switcher leads to each
# language's home (mkdocs-static-i18n leaves it pointing at the last page built).
def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict | None:
    if template_name != "404.html":
        return None
    path = Path(config.config_file_path).resolve().parent / LABELS_FILE
    try:
        labels = load_labels(path, LABELS_FILE, languages=languages.from_plugins(config.plugins).codes)
        context["labels"] = labels[_language(config)]
    except LabelsError as error:
        raise PluginError(str(error)) from None
    config.extra.alternate = deepcopy(config.extra["alternate"])
    return context


# mkdocs-static-i18n builds the theme's 404.html once per language into the
# same file, so the last language built would win: every language but the
# first writes its own (de/404.html) instead. Last, once the page is final.
@event_priority(-300)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    lang = _language(config)
    if template_name != "404.html" or lang == LANGUAGES[0]:
        return None
    target = Path(config.site_dir) / not_found_page(f"/{lang}/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output_content, encoding="utf-8")
    return ""  # MkDocs writes no empty template: the first language's 404.html stays


# After mkdocs-static-i18n (priority -100) has written the combined index.
@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    # Search results show French text with the same no-break spaces as the pages.
    write_language_indexes(config.site_dir, polish={"fr": lambda html: french_html(html, lang="fr")})


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _language(config: MkDocsConfig) -> str:
    """mkdocs-static-i18n builds each language in turn, with the theme set to it."""
    lang = str(config.theme["language"])
    return lang if lang in LANGUAGES else LANGUAGES[0]
