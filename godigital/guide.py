"""The editors' guide's messages, written from the message catalogues.

``python -m godigital.guide`` (``make guide``) rewrites, in ``CONTRIBUTING.md``
and in each translation of it (``CONTRIBUTING.<lang>.md``), the regions between
``<!-- NAME:begin -->`` and ``<!-- NAME:end -->``:

- ``messages``: the rows of the table of typical messages, one per entry of
  ``TYPICAL``: where the problem is and the message, exactly as the catalogue
  of the guide's language words it (the messages already say what to do), with
  the placeholders filled from ``SAMPLES``. The table's heading, the region's
  first two lines, is the guide's own and stays as it is;
- ``example-event`` and ``example-yaml``: what the build prints for a mistake
  in an event and for a typing mistake in YAML, as a code block.

The output depends only on the catalogues, so it is the same on every machine.
Run it again after a catalogue changes (a test says when it is due).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from godigital import languages, yaml_errors
from godigital.messages import FALLBACK, catalogue, language_name

ROOT = Path(__file__).resolve().parent.parent
BEGIN = "<!-- messages:begin -->"
END = "<!-- messages:end -->"


# -----------------------------------------------------------------------------
# Data
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sub:
    """A placeholder whose value is itself a message of the catalogue."""

    key: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Typical:
    """One row: a message key, the file it is about, and how the build says where."""

    key: str
    file: str
    # "line": "file, line N: "; "event": with the event and the field; "file": "file: ";
    # "": the message names its place itself.
    where: str = "line"
    field: str = ""
    params: dict[str, str | Sub] = dataclasses.field(default_factory=dict)


# Readable values for the placeholders, the same in every language.
SAMPLES: dict[str, str] = {
    "line": "12",
    "event": "digital-day-2018",
    "id": "digital-day-2018",
    "old_line": "40",
    "commit": "3f2a9c1",
    "start": "2018-03-20T09:00",
    "day": "2018-03-20",
    "end": "2018-03-19",
    "closes": "2018-03-21",
    "value": "https://www.godigital.lu/inscription",
    "length": "32",
    "low": "50",
    "high": "170",
    "spaces": "2",
    "tab": "4",
    "title": "Ateliers",
    "locale": "de",
    "code": "de",
    "page": "ateliers.md",
    "path": "docs/de/ateliers.md",
    "hint": "",
    "marker": "<!-- hooks/agenda.py: next -->",
    "known": "<!-- hooks/agenda.py: next -->, <!-- hooks/agenda.py -->",
    "character": "U+200B ZERO WIDTH SPACE",
    "element": "iframe",
    "attribute": "style",
    "name": "autor",
    "allowed": "title, description, template, hide",
    "limit": "500",
}

EVENTS = "data/events.yaml"
MENU = "data/menu.yml"
REDIRECTS = "data/redirects.yml"
PAGE = "docs/fr/ateliers.md"
# A new page left out of the menu, as MkDocs lists it: once per language of the site.
UNLISTED_PAGES = "\n".join(f"  - {code}/ateliers.md" for code in languages.from_file(ROOT / "mkdocs.yml"))

# The messages editors meet most, in the order of the guide's sections.
TYPICAL: tuple[Typical, ...] = (
    Typical("page_missing", "", where=""),
    Typical("mkdocs_not_in_nav", "", where="", params={"pages": UNLISTED_PAGES}),
    Typical("nav_translation_missing", MENU, where=""),
    Typical("menu_page_missing", MENU, where=""),
    Typical("mkdocs_link_not_found", "docs/de/ateliers.md", params={
        "page": "de/ateliers.md", "link": "datenschutz.md", "target": "de/datenschutz.md",
        "hint": Sub("link_same_names", {"suggestion": "protection-des-donnees.md"})}),
    Typical("front_matter_unclosed", PAGE, params={"line": "1"}),
    Typical("description_too_short", PAGE),
    Typical("page_field_unknown", PAGE),
    Typical("page_list_indent", PAGE),
    Typical("page_html_element", PAGE),
    Typical("page_html_attribute", PAGE),
    Typical("page_html_address", PAGE, params={"address": "https://example.org/photo.jpg", "element": "img"}),
    Typical("page_marker_unknown", PAGE, where="",
            params={"marker": "<!-- hooks/agenda.py: prochain -->"}),
    Typical("home_marker_missing", "docs/fr/index.md", where=""),
    Typical("invisible_character", PAGE),
    Typical("shared_outside", "docs/fr/photo.jpg", where="file", params={
        "target": "docs/assets/images/photo.jpg", "link": "../assets/images/photo.jpg",
        "sub_link": "../../assets/images/photo.jpg"}),
    Typical("docs_file_type", "docs/fr/plan.html", where="file", params={"name": "plan.html"}),
    Typical("docs_symlink", "docs/fr/logo.png", where="file"),
    Typical("docs_content_mismatch", "docs/assets/images/atelier.png", where="file",
            params={"name": "atelier.png", "kind": "PNG"}),
    Typical("svg_element", "docs/fr/schema.svg", params={"element": "script"}),
    Typical("redirect_page_deleted", "", where="", params={"page": "programmes.md", "file": REDIRECTS}),
    Typical("redirect_target_missing", REDIRECTS, params={"new": "offre.md"}),
    Typical("event_deleted", EVENTS, where="event", params={"file": EVENTS}),
    Typical("end_time_missing", EVENTS, where="event", field="start"),
    Typical("end_before_start", EVENTS, where="event", field="end",
            params={"start": "2018-03-20"}),
    Typical("not_a_date", EVENTS, where="event", field="start", params={"value": "20/03/2018"}),
    Typical("registration_on_this_site", EVENTS, where="event", field="registration"),
    Typical("registration_closes_after_start", EVENTS, where="event", field="registration.closes"),
    Typical("yaml_colon", EVENTS),
    Typical("build_day_capped", "", where="",
            params={"commit": "2018-03-21 10:00", "now": "2018-03-20 09:00"}),
)


# The examples: a rule broken in an event, and a typing mistake in YAML (a colon
# in a text without quotes), at these lines of the events file.
EXAMPLE_EVENT = Typical("end_before_start", EVENTS, where="event", field="end",
                        params={"line": "65", "start": "2018-03-20"})
EXAMPLE_YAML_LINE = 67
EXAMPLE_YAML_TEXT = """\
  - id: atelier-bases-2018
    title:
      fr: Atelier : les bases
      de: "Workshop: die Grundlagen"
"""
EXAMPLE_YAML_KEY = "yaml_colon"


# -----------------------------------------------------------------------------
# Rendering
# -----------------------------------------------------------------------------


def guide_files(root: Path = ROOT) -> dict[str, Path]:
    """Each guide by its language: ``CONTRIBUTING.md`` in English, ``CONTRIBUTING.fr.md``..."""
    files = {FALLBACK: root / "CONTRIBUTING.md"}
    for path in sorted(root.glob("CONTRIBUTING.*.md")):
        files[path.suffixes[0].lstrip(".")] = path
    return files


def _text(key: str, lang: str, params: dict[str, str | Sub]) -> str:
    values = {name: (_text(value.key, lang, dict(value.params)) if isinstance(value, Sub) else value)
              for name, value in params.items()}
    values.setdefault("language", language_name(str(values.get("code", "de")), lang))
    return catalogue(lang)[key].format(**values)


def where_and_message(row: Typical, lang: str) -> tuple[str, str]:
    """Where the problem is and what the message says, as the build prints them in ``lang``."""
    params: dict[str, str | Sub] = {**SAMPLES, "file": row.file, **row.params}
    separator = catalogue(lang)["separator"]
    text = _text(row.key, lang, params)
    if row.where == "file":
        return row.file, text
    if row.where in ("line", "event"):
        where = [_text("where_line", lang, params)]
        if row.where == "event":
            where.append(_text("where_event", lang, params))
            if row.field:
                where.append(_text("where_field", lang, {"field": row.field}))
        return ", ".join(where), text
    # The message names its place itself: split it where the separator follows (its
    # spaces may be no-break ones in the message).
    separator = re.escape(separator.strip()) + r"\s*"
    for place in (_text("where_line", lang, params), row.file):
        found = re.match(re.escape(place) + r"\s*" + separator, text) if place else None
        if found:
            return place, text[found.end():]
    return "", text


_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&])")


def _cell(text: str) -> str:
    """Text shown as written in a Markdown table cell: no formatting, no HTML, ``|`` escaped."""
    return _MARKDOWN.sub(r"\\\1", text).replace("\n", "<br>")


def rows(lang: str) -> list[str]:
    """The rows of the table of typical messages in ``lang``."""
    lines = []
    for row in TYPICAL:
        where, text = where_and_message(row, lang)
        lines.append(f"| {'`' + where + '`' if where else ''} | {_cell(text)} |")
    return lines


def example_event(lang: str) -> list[str]:
    """What the build prints for an event whose end is before its start, in ``lang``."""
    where, text = where_and_message(EXAMPLE_EVENT, lang)
    header = catalogue(lang)["events_header_one"].format(count=1)
    return [header, f"  - {where}{catalogue(lang)['separator']}{text}"]


def example_yaml(lang: str) -> list[str]:
    """What the build prints for a colon in a text without quotes, with the line and its mark, in ``lang``."""
    problem = yaml_syntax_problem()
    where = catalogue(lang)["where_line"].format(file=EVENTS, line=problem.line)
    header = catalogue(lang)["events_header_one"].format(count=1)
    text = catalogue(lang)[EXAMPLE_YAML_KEY]
    return [header, f"  - {where}{catalogue(lang)['separator']}{text}", *problem.excerpt.splitlines()]


def yaml_syntax_problem() -> yaml_errors.YamlProblem:
    """The YAML example's mistake, as the build explains it (the line and the mark under the place)."""
    offset = EXAMPLE_YAML_LINE - 3  # the mistake is on the snippet's third line
    try:
        yaml.safe_load(EXAMPLE_YAML_TEXT)
    except yaml.YAMLError as error:
        return yaml_errors.explain(error, EXAMPLE_YAML_TEXT, offset)
    raise AssertionError("the YAML example must hold a mistake")


def _code_block(lines: list[str]) -> list[str]:
    return ["```text", *lines, "```"]


def _messages_region(body: list[str], lang: str) -> list[str]:
    return [*body[:2], *rows(lang)]  # the table's heading, in the guide's own words, stays


# Each region by its name: what it holds, from what it held before and the guide's language.
REGIONS: dict[str, Callable[[list[str], str], list[str]]] = {
    "messages": _messages_region,
    "example-event": lambda _body, lang: _code_block(example_event(lang)),
    "example-yaml": lambda _body, lang: _code_block(example_yaml(lang)),
}


def rewritten(text: str, lang: str) -> str:
    """``text`` with each of its regions written for ``lang`` (a region it lacks is left out)."""
    for name, render in REGIONS.items():
        begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
        if begin not in text:
            continue
        start, stop = text.index(begin) + len(begin), text.index(end)
        body = text[start:stop].strip("\n").splitlines()
        text = "\n".join([text[:start], *render(body, lang), text[stop:]])
    return text


def write(root: Path = ROOT) -> list[Path]:
    """Rewrite every guide whose table changed; the files rewritten."""
    changed = []
    for lang, path in guide_files(root).items():
        old = path.read_text(encoding="utf-8")
        new = rewritten(old, lang)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":
    for path in write():
        print(path.relative_to(ROOT))
    sys.exit(0)
