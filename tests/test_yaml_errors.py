"""YAML syntax errors, as editors make them, explained in plain words with the line shown."""

from __future__ import annotations

import pytest
import yaml

from godigital.yaml_errors import explain
from tests.conftest import FIXTURE

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])

# (what the editor wrote, the line to show, the line's text, a phrase of the explanation)
MISTAKES = {
    "a tab": ("events:\n  - id: a\n  \ttitle: x\n", 3, "  →title: x", "tab character"),
    "a tab at the start": ("events:\n\t- id: a\n", 2, "→- id: a", "tab character"),
    "an unquoted colon": ("events:\n  - id: a\n    title: Atelier: les bases\n", 3,
                          "    title: Atelier: les bases", "Put the whole text in quotes"),
    "an unclosed double quote": ("events:\n  - id: a\n    title: \"Digital\n    start: 2018-03-20\n", 3,
                                 "    title: \"Digital", "quotation mark opened here is never closed"),
    "an unclosed single quote": ("title: 'Digital\ndescription: x\n", 1, "title: 'Digital",
                                 "quotation mark opened here is never closed"),
    "an unclosed bracket": ("events:\n  - id: a\n    languages: [fr, de\n    status: confirmed\n", 3,
                            "    languages: [fr, de", "bracket opened here is never closed"),
    "an unclosed brace": ("a: {b: c\nd: e\n", 1, "a: {b: c", "bracket opened here is never closed"),
    "a wrong indentation": ("events:\n  - id: a\n    title:\n      fr: x\n     de: y\n", 5, "     de: y",
                            "does not line up"),
    "a field out of its event": ("events:\n  - id: a\n   title: x\n", 3, "   title: x", "does not line up"),
    "a field indented deeper than the one above": (
        "events:\n  - id: a\n    organizer:\n      url: https://example.lu\n    status: confirmed\n"
        "      updated: 2026-11-28T04:35\n  - id: b\n", 6, "      updated: 2026-11-28T04:35",
        "indented differently from the line above"),
    "a field indented less than its neighbours": (
        "plugins:\n  - i18n:\n      languages:\n        - locale: de\n          nav_translations:\n"
        "            Accueil: Startseite\n          Agenda: Termine\n            Contact: Kontakt\n"
        "            Impressum: Impressum\nnav:\n  - Accueil: index.md\n", 7, "          Agenda: Termine",
        "indented differently from the lines around it"),
    # The first field under a title indented too little: every other title's fields show the right place.
    "a first field indented less than the same fields elsewhere": (
        "events:\n  - id: a\n    title:\n     fr: Atelier\n      de: Workshop\n    description:\n"
        "      fr: Texte\n      de: Text\n", 4, "     fr: Atelier", "indented differently from the lines around it"),
    "a second field indented deeper than the same fields elsewhere": (
        "events:\n  - id: a\n    title:\n      fr: Atelier\n       de: Workshop\n    description:\n"
        "      fr: Texte\n      de: Text\n", 5, "       de: Workshop", "indented differently from the line above"),
    "a first field indented less than the fields after it": (
        "title:\n fr: Atelier\n  de: Workshop\n  lb: Atelier\n", 2, " fr: Atelier",
        "indented differently from the lines around it"),
    "a line without colon": ("title: x\ndescription\nstatus: y\n", 2, "description", "has no colon"),
}


def _error(text: str, loader) -> yaml.YAMLError:
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.compose(text, Loader=loader)
    return caught.value


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("kind", MISTAKES)
def test_each_kind_of_mistake_is_explained_on_its_line_with_the_line_quoted(kind, loader):
    text, line, shown, phrase = MISTAKES[kind]
    problem = explain(_error(text, loader), text)
    assert problem.line == line
    assert phrase in problem.explanation
    quoted, mark = problem.excerpt.splitlines()
    assert quoted == f"    {line} | {shown}"
    assert mark.strip() == "^"
    assert len(mark) - 1 == len(f"    {line} | ") + problem.column
    for jargon in ("mapping values", "cannot start any token", "block end", "scanning", "did not find"):
        assert jargon not in problem.explanation


def test_the_mark_points_at_the_tab_and_the_second_colon():
    text, *_ = MISTAKES["a tab"]
    assert explain(_error(text, yaml.SafeLoader), text).column == 2
    text, *_ = MISTAKES["an unquoted colon"]
    assert explain(_error(text, yaml.SafeLoader), text).column == len("    title: Atelier")


def test_lines_count_from_the_top_of_the_file_when_the_text_is_a_part_of_it():
    text = "title: [kaputt\n"
    problem = explain(_error(text, yaml.SafeLoader), text, line_offset=1)
    assert problem.line == 2
    assert problem.excerpt.startswith("    2 | title: [kaputt")


def test_the_whole_message_names_the_file_and_line():
    text, *_ = MISTAKES["an unquoted colon"]
    message = explain(_error(text, yaml.SafeLoader), text).text("data/events.yaml")
    assert message.startswith("data/events.yaml, line 3: a colon followed by a space")


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "data/events.yaml, ligne 3\u00a0: un deux-points"),
    ("de", "data/events.yaml, Zeile 3: Ein Doppelpunkt"),
])
def test_the_explanation_is_in_the_editors_language(monkeypatch, lang, expected):
    monkeypatch.setenv("GODIGITAL_MESSAGES", lang)
    text, *_ = MISTAKES["an unquoted colon"]
    assert explain(_error(text, yaml.SafeLoader), text).text("data/events.yaml").startswith(expected)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_an_indentation_mistake_says_how_many_spaces_rather_than_blaming_a_second_colon(loader):
    for kind, spaces in (("a field indented deeper than the one above", 4),
                         ("a field indented less than its neighbours", 12)):
        text, _, shown, _ = MISTAKES[kind]
        problem = explain(_error(text, loader), text)
        assert f"Start it with {spaces} spaces" in problem.explanation
        assert "has a second one" not in problem.explanation
        assert problem.column == len(shown) - len(shown.lstrip())


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_the_first_field_indented_less_is_named_not_the_well_indented_one_below(loader):
    """The fields under every other title show where a title's fields start."""
    text, line, _, _ = MISTAKES["a first field indented less than the same fields elsewhere"]
    problem = explain(_error(text, loader), text)
    assert (problem.line, problem.column) == (line, 5)
    assert "Start it with 6 spaces" in problem.explanation


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_two_fields_that_do_not_line_up_with_nothing_to_compare_are_both_named(loader):
    text = "events:\n  - id: a\n    title:\n     fr: Atelier\n      de: Workshop\n"
    problem = explain(_error(text, loader), text)
    assert problem.line == 4
    assert ("this line and line 5 below it are indented differently (5 and 6 spaces)"
            in problem.explanation), problem.explanation
    assert problem.excerpt.splitlines() == ["    4 |      fr: Atelier", " " * 13 + "^",
                                            "    5 |       de: Workshop", " " * 14 + "^"]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_a_misindented_field_deep_in_the_events_file_is_named_on_its_own_line(loader):
    """The fixture's events with one title's first text moved a space to the left."""
    lines = (FIXTURE / "data/events.yaml").read_text(encoding="utf-8").split("\n")
    last_title = max(index for index, line in enumerate(lines) if line == "    title:")
    assert lines[last_title + 1].startswith("      fr: ") and lines[last_title + 2].startswith("      de: ")
    lines[last_title + 1] = lines[last_title + 1][1:]
    text = "\n".join(lines)
    problem = explain(_error(text, loader), text)
    assert problem.line == last_title + 2  # the French title's line, counted from 1
    assert problem.text("data/events.yaml").startswith(
        f"data/events.yaml, line {last_title + 2}: this line is indented differently from the lines around it")


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
def test_a_second_colon_on_a_well_indented_line_still_asks_for_quotes(loader):
    text = "events:\n  - id: a\n    status: confirmed\n    title: Atelier: les bases\n"
    problem = explain(_error(text, loader), text)
    assert problem.line == 4
    assert "Put the whole text in quotes" in problem.explanation


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_the_indentation_explanation_is_in_the_editors_language(monkeypatch, lang):
    monkeypatch.setenv("GODIGITAL_MESSAGES", lang)
    text, *_ = MISTAKES["a field indented deeper than the one above"]
    explanation = explain(_error(text, yaml.SafeLoader), text).explanation
    assert {"fr": "Commencez-la par 4 espaces", "de": "Beginnen Sie sie mit 4 Leerzeichen"}[lang] in explanation
