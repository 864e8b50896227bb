"""MkDocs hook: French typography in every finished French page.

One pass over each page as the reader gets it (body, headings, ``<title>``,
description and Open Graph texts, table of contents, menus, footer links,
aria-labels, alt texts), so that no template or editor has to type invisible
characters. The rules are in ``godigital.typography``; the search index gets
the same treatment in ``hooks/translations.py``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from godigital.typography import french_html, is_french

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Last: after every other hook and plugin has written its part of the page.
@event_priority(-200)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    return french_html(output) if _french_build(config) else None


# The 404 page is a theme template, not a page.
@event_priority(-200)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    if template_name.endswith(".html") and _french_build(config):
        return french_html(output_content)
    return None


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _french_build(config: MkDocsConfig) -> bool:
    """mkdocs-static-i18n builds each language in turn; German pages are left as they are."""
    return is_french(str(config.theme["language"]))
