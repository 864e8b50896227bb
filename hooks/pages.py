"""MkDocs hook: pages as editors write them and as readers get them.

Front matter that is not valid YAML stops the build (MkDocs would show it as
text), and the markup Material writes is corrected where it is not valid HTML.
The work itself is done in ``godigital.pages`` and ``godigital.markup_fixes``.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from godigital.markup_fixes import fix_markup
from godigital.pages import front_matter_problem
from godigital.template_cache import share_compiled_templates

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Before any plugin asks the theme for its templates.
@event_priority(200)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    share_compiled_templates(config.theme)
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    if page.file.generated_by is None and not page.meta:
        problem = front_matter_problem(page.file.content_string)
        if problem:
            raise PluginError(f"{os.path.relpath(config.docs_dir)}/{page.file.src_uri}, {problem}")


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return fix_markup(output)


# The 404 page is a theme template, not a page.
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return fix_markup(output_content) if template_name.endswith(".html") else output_content
