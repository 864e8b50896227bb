"""MkDocs' own messages in the editor's language.

MkDocs writes its warnings in English ("Doc file 'fr/x.md' contains a link
..."). The ones editors meet are recognised by the patterns of
``messages/mkdocs_patterns.yaml`` and rewritten from the catalogues, with
what to do; any other message is left as MkDocs wrote it. ``install`` puts
the rewriting on MkDocs' log output, so that the terminal, the warning count
of ``--strict`` and anything else listening read the same text.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

import yaml

from godigital.messages import CATALOGUE_DIR, message, plural
from godigital.page_links import link_lines
from godigital.shared_files import link_hint

PATTERNS_FILE = CATALOGUE_DIR / "mkdocs_patterns.yaml"
# The message keys whose placeholder {hint} holds MkDocs' own suggestion.
_SUGGESTION = "suggestion"
# Links that find nothing: the hint says what to write instead (godigital.shared_files).
_NOT_FOUND = frozenset({"mkdocs_link_not_found", "mkdocs_link_not_found_short"})


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8")) or {}
    return {key: re.compile(pattern, re.DOTALL) for key, pattern in data.items()}


def translate(text: str, docs_dir: str | None = None, *, languages: Sequence[str] = (),
              menu_titles: Mapping[str, Sequence[str]] | None = None, repeat: int = 0) -> str | None:
    """``text`` in the editor's language with what to do, or None when it is not a known message.

    With ``docs_dir``, a message about a link in a page starts with the page's
    file and the line of the link (the page's link to that target after
    ``repeat`` others: MkDocs says the same for each), and a link that finds
    nothing gets the closest page, by its names in ``languages`` and its
    ``menu_titles``.
    """
    for key, pattern in patterns().items():
        match = pattern.match(text)
        if match:
            params = {name: value or "" for name, value in match.groupdict().items()}
            if _SUGGESTION in params:
                suggestion = params.pop(_SUGGESTION)
                params["hint"] = message("mkdocs_did_you_mean", suggestion=suggestion) if suggestion else ""
                if key in _NOT_FOUND and not suggestion:
                    page, link = params.get("page", ""), params.get("link", "")
                    params["hint"] = link_hint(docs_dir, page, link, languages, menu_titles) if docs_dir \
                        else message("link_fix")
            if "counts" in params:
                params["counts"] = _COUNTS.sub(_count, params["counts"])
            if "pages" in params:
                params["pages"] = params["pages"].rstrip("\n")
            where = _link_line(docs_dir, params.get("page"), params.get("link"), repeat) if docs_dir else ""
            return where + message(key, **params)
    return None


def _link_line(docs_dir: str, page: str | None, link: str | None, repeat: int) -> str:
    """``docs/fr/x.md, line N: `` for the line of the page's link to ``link`` after ``repeat``
    others (godigital.page_links), if the page writes one."""
    if not page or not link:
        return ""
    try:
        source = Path(docs_dir, page).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    lines = link_lines(source, link)
    if not lines:
        return ""
    file = f"{os.path.relpath(docs_dir)}/{page}"
    return message("where_line", file=file, line=lines[repeat % len(lines)]) + message("separator")


_COUNTS = re.compile(r"(\d+) (warning|error)s")


def _count(match: re.Match[str]) -> str:
    return plural("problems", int(match[1]))


class TranslatingFilter(logging.Filter):
    """Rewrites known MkDocs messages as they are logged; lets every record through."""

    # Shared: set once the configuration is known.
    docs_dir: str | None = None
    languages: tuple[str, ...] = ()
    menu_titles: Mapping[str, Sequence[str]] = MappingProxyType({})
    # The messages seen in this build: the second one about a link is about the second link.
    seen: ClassVar[Counter[str]] = Counter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_godigital_translated", False):
            return True
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            return True
        translated = translate(text, TranslatingFilter.docs_dir, languages=TranslatingFilter.languages,
                               menu_titles=TranslatingFilter.menu_titles, repeat=TranslatingFilter.seen[text])
        TranslatingFilter.seen[text] += 1
        if translated is not None:
            record.msg, record.args = translated, ()
        record._godigital_translated = True
        return True


# The engine's logger: MkDocs', or ProperDocs' (its maintained fork, which logs under its own name).
ENGINE_LOGGERS = ("mkdocs", "properdocs")


def install(logger_names: tuple[str, ...] = ENGINE_LOGGERS, docs_dir: str | None = None,
            languages: Sequence[str] = (), menu_titles: Mapping[str, Sequence[str]] | None = None) -> None:
    """Rewrite the messages that reach the handlers of the engine's logger (once, however often it is called).

    ``docs_dir`` lets messages about links name the page's file and line, and
    ``languages`` and ``menu_titles`` (each page's, by page name) the page a
    link that finds nothing was meant for.
    """
    if docs_dir is not None:
        TranslatingFilter.docs_dir = docs_dir
        TranslatingFilter.languages = tuple(languages)
        TranslatingFilter.menu_titles = MappingProxyType(dict(menu_titles or {}))
        TranslatingFilter.seen.clear()  # a new build (the preview's rebuild too) reads its pages again
    for name in logger_names:
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, TranslatingFilter) for f in handler.filters):
                handler.filters.insert(0, TranslatingFilter())
