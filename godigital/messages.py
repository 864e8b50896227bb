"""Messages for editors, in their language: French, German or English.

The texts live in one catalogue per language beside this module
(``messages/en.yaml``, ``fr.yaml``, ``de.yaml``), with the same keys and the
same ``{placeholders}`` in each; the catalogues present are the languages
editors can get. The language is the editor's locale, as ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` give it (``fr_LU.UTF-8`` → French when there is
a French catalogue, anything without one → English);
``GODIGITAL_MESSAGES=fr`` forces one.

The language choice needs the standard library only: the first setup
(``godigital.setup``) uses it on the system's Python, before PyYAML and
Babel are installed, which are imported where they are needed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

FORCE_VARIABLE = "GODIGITAL_MESSAGES"
CATALOGUE_DIR = Path(__file__).with_name("messages")
FALLBACK = "en"
# The languages with a catalogue (named by its two-letter code: mkdocs_patterns.yaml
# beside them is no language), the fallback first.
EDITOR_LANGUAGES = (FALLBACK, *sorted(path.stem for path in CATALOGUE_DIR.glob("[a-z][a-z].yaml")
                                      if path.stem != FALLBACK))
# POSIX order: the first of these that is set decides.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def editor_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the editor's messages, from the forcing setting or the locale."""
    environ = os.environ if environ is None else environ
    forced = environ.get(FORCE_VARIABLE, "").strip().lower()
    if forced:
        return forced[:2] if forced[:2] in EDITOR_LANGUAGES else FALLBACK
    for name in _LOCALE_VARIABLES:
        value = environ.get(name, "").strip().lower()
        if value:
            return value[:2] if value[:2] in EDITOR_LANGUAGES else FALLBACK
    return FALLBACK


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message of one language, by key."""
    import yaml

    path = CATALOGUE_DIR / f"{lang}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def message(key: str, /, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in the editor's language (or ``lang``), with its placeholders filled."""
    return catalogue(lang or editor_language())[key].format(**params)


def plural(key: str, count: int, /, lang: str | None = None) -> str:
    """``key_one`` or ``key_other`` (the plural form the language's rules give ``count``), filled in."""
    from babel import Locale

    lang = lang or editor_language()
    texts = catalogue(lang)
    form = Locale.parse(lang).plural_form(count)
    return texts.get(f"{key}_{form}", texts[f"{key}_other"]).format(count=count)


def language_name(code: str, lang: str | None = None) -> str:
    """The name of the language ``code`` in the editor's language (or ``lang``): ``German``, ``allemand``."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang or editor_language()).languages.get(code)
    except (UnknownLocaleError, ValueError):
        name = None
    return str(name or code)


if __name__ == "__main__":
    # For the Makefile: python -m godigital.messages KEY name=value ...
    import sys

    key, *pairs = sys.argv[1:]
    print(message(key, **dict(pair.split("=", 1) for pair in pairs)))
