"""Search that answers in the reader's language.

mkdocs-static-i18n writes one search index for every language, so a German
word on a German page could lead to French pages and the other way round.
The index is split, one per language: ``search/search_index.json`` for the
default language and ``de/search/search_index.json`` for each other one, with
addresses relative to its language's root, where the theme's search looks on
that language's pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

INDEX = "search/search_index.json"
# Words joined by an apostrophe are words apart ("l’agenda" is found by "agenda"),
# whether the text or the query has the typographic one or the keyboard's.
APOSTROPHES = "'\u2019"
# A search index, and each page in it, as MkDocs' search plugin writes them (JSON objects).
JSONObject = dict[str, Any]


def split_index(index: JSONObject, languages: tuple[str, ...]) -> dict[str, JSONObject]:
    """One index per language; the first language is the one at the site root."""
    default, others = languages[0], languages[1:]
    parts: dict[str, list[JSONObject]] = {lang: [] for lang in languages}
    for doc in index.get("docs", []):
        location = doc.get("location", "")
        lang = next((code for code in others if location == code or location.startswith(f"{code}/")), default)
        if lang != default:
            doc = {**doc, "location": location[len(lang):].lstrip("/")}
        parts[lang].append(doc)
    config = index.get("config", {})
    if isinstance(config.get("separator"), str):
        config = {**config, "separator": with_apostrophes(config["separator"])}
    return {lang: {"config": {**config, "lang": [lang]}, "docs": docs} for lang, docs in parts.items()}


def with_apostrophes(separator: str) -> str:
    """The search's word separator (a regular expression) with apostrophes among its characters:
    ``[\\s\\-]+`` (MkDocs' own) becomes ``[\\s\\-'’]+``; any other form also separates at them."""
    if separator.startswith("[") and separator.endswith("]+") and "]" not in separator[1:-2]:
        missing = "".join(char for char in APOSTROPHES if char not in separator)
        return f"{separator[:-2]}{missing}]+"
    return f"{separator}|[{APOSTROPHES}]"


def write_language_indexes(site_dir: Path | str, languages: tuple[str, ...],
                           polish: dict[str, Callable[[str], str]] | None = None) -> None:
    """Write each language's index; ``polish[lang]``, if given, rewrites its titles and texts."""
    site_dir = Path(site_dir)
    combined = site_dir / INDEX
    if not combined.exists():
        return
    index = json.loads(combined.read_text(encoding="utf-8"))
    for lang, part in split_index(index, languages).items():
        if polish and lang in polish:
            part["docs"] = [{**doc, **{key: polish[lang](doc[key]) for key in ("title", "text") if key in doc}}
                            for doc in part["docs"]]
        target = site_dir / INDEX if lang == languages[0] else site_dir / lang / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
