"""MkDocs hook: every page converts and renders in bounded time and depth.

Shapes that Python-Markdown converts in quadratic time or with unbounded
recursion are refused before conversion, with the file and line
(``godigital.page_limits``). As a backstop, converting a page (with every
``on_page_content`` hook) and rendering it into the theme (``on_page_context``
to ``on_post_page``) each run under a deadline, and a page nested too deep
for Python's recursion is named instead of ending in a traceback.
"""

from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from godigital.messages import message
from godigital.page_limits import DEADLINE_SECONDS, MAX_DEPTH, Deadline, shape_problems

log = logging.getLogger("mkdocs.hooks.limits")
_deadline = Deadline()
_current: str | None = None  # the page being converted or rendered, for a RecursionError


# First of all page hooks: the deadline covers every other one.
@event_priority(1000)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    global _current
    _current = _source(config, page.file.src_uri)
    if page.file.generated_by is None:
        source = page.file.content_string
        # MkDocs gives the page without its front matter: count lines from the file's.
        skipped = len(source) - len(markdown) if source.endswith(markdown) else 0
        problems = shape_problems(markdown, first_line=source.count("\n", 0, skipped) + 1)
        if problems:
            raise PluginError("\n".join(f"{_current}, {problem}" for problem in problems))
    _arm(_current, "limit_deadline_convert")


@event_priority(-1000)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    _deadline.disarm()


@event_priority(1000)
def on_page_context(context, *, page: Page, config: MkDocsConfig, nav):
    global _current
    _current = _source(config, page.file.src_uri)
    _arm(_current, "limit_deadline_render")
    return context


@event_priority(-1000)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> None:
    _deadline.disarm()


def on_build_error(*, error: Exception) -> None:
    _deadline.disarm(check=False)
    if isinstance(error, RecursionError) and _current:
        log.error(f"{_current}{message('separator')}{message('limit_recursion', limit=MAX_DEPTH)}")


def on_post_build(*, config: MkDocsConfig) -> None:
    global _current
    _deadline.disarm(check=False)
    _current = None


def _arm(source: str, key: str) -> None:
    _deadline.arm(DEADLINE_SECONDS, lambda: PluginError(
        f"{source}{message('separator')}{message(key, seconds=f'{DEADLINE_SECONDS:g}')}"))


def _source(config: MkDocsConfig, src_uri: str) -> str:
    return f"{os.path.relpath(config.docs_dir)}/{src_uri}"
