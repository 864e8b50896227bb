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
import re
from functools import lru_cache

import yaml

from godigital.messages import CATALOGUE_DIR, message

PATTERNS_FILE = CATALOGUE_DIR / "mkdocs_patterns.yaml"
# The message keys whose placeholder {hint} holds MkDocs' own suggestion.
_SUGGESTION = "suggestion"


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8")) or {}
    return {key: re.compile(pattern, re.DOTALL) for key, pattern in data.items()}


def translate(text: str) -> str | None:
    """``text`` in the editor's language with what to do, or None when it is not a known message."""
    for key, pattern in patterns().items():
        match = pattern.match(text)
        if match:
            params = {name: value or "" for name, value in match.groupdict().items()}
            if _SUGGESTION in params:
                suggestion = params.pop(_SUGGESTION)
                params["hint"] = message("mkdocs_did_you_mean", suggestion=suggestion) if suggestion else ""
            if "counts" in params:
                params["counts"] = _COUNTS.sub(_count, params["counts"])
            if "pages" in params:
                params["pages"] = params["pages"].rstrip("\n")
            return message(key, **params)
    return None


_COUNTS = re.compile(r"(\d+) (warning|error)s")


def _count(match: re.Match) -> str:
    return message(f"count_{match[2]}s", count=match[1])


class TranslatingFilter(logging.Filter):
    """Rewrites known MkDocs messages as they are logged; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_godigital_translated", False):
            return True
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            return True
        translated = translate(text)
        if translated is not None:
            record.msg, record.args = translated, ()
        record._godigital_translated = True
        return True


def install(logger_name: str = "mkdocs") -> None:
    """Rewrite the messages that reach the handlers of MkDocs' logger (once, however often it is called)."""
    logger = logging.getLogger(logger_name)
    for handler in logger.handlers:
        if not any(isinstance(f, TranslatingFilter) for f in handler.filters):
            handler.filters.insert(0, TranslatingFilter())
