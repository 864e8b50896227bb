"""Characters no reader can see are refused in every text editors write, naming the character.

Format characters (Cf), line and paragraph separators (Zl, Zp), private-use
characters (Co) and the fillers that look blank: in event texts, labels,
page titles and descriptions, and menu titles. A text made only of them is
empty. Property-based over the Unicode categories, derandomized and quick.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from godigital.characters import BLANK_LOOKING, describe, first_invisible, is_blank, is_invisible
from godigital.events import EventDataError, parse_events
from godigital.labels import LabelsError, load_labels
from godigital.menu import nav_translation_problems
from godigital.pages import page_problems
from tests.conftest import LANGUAGES

QUICK = settings(derandomize=True, max_examples=60, deadline=None)
FILLERS = [*sorted(BLANK_LOOKING), "\ufe0f", "\ufe00", "\U000e0100", "\u180b", "\u00ad", "\U000e0041"]
invisible = st.one_of(st.characters(categories=["Cf", "Zl", "Zp", "Co"]), st.sampled_from(FILLERS))
visible = st.characters(categories=["L", "N", "P", "S", "Zs"]).filter(lambda char: char not in BLANK_LOOKING)
text = st.text(st.characters(categories=["L", "Zs"], max_codepoint=0x2FF), min_size=1, max_size=10)


def event_title(title: str) -> str:
    """An event whose title is ``title`` in the first language (and a plain one in the others)."""
    first, *others = LANGUAGES
    return "\n".join(["events:", "  - id: atelier-2030", "    title:", f"      {first}: {json.dumps(title, ensure_ascii=False)}",
                      *(f"      {lang}: Titel" for lang in others), "    description:",
                      *(f"      {lang}: Texte" for lang in LANGUAGES), "    start: 2030-01-01", "    end: 2030-01-01", ""])


def refusal(source: str) -> str:
    with pytest.raises(EventDataError) as caught:
        parse_events(source, languages=LANGUAGES)
    return str(caught.value)


@QUICK
@given(invisible)
def test_every_character_of_the_refused_kinds_is_invisible(char):
    assert is_invisible(char) and first_invisible("a" + char + "b") == char


@QUICK
@given(visible)
def test_letters_digits_punctuation_symbols_and_spaces_are_not(char):
    assert not is_invisible(char)


def test_tab_and_line_break_are_text_other_controls_are_not():
    assert not is_invisible("\t") and not is_invisible("\n")
    assert all(is_invisible(char) for char in "\r\x00\x1b\x7f\x85")


def test_a_character_is_named_by_its_code_and_its_name():
    assert describe("\u3164") == "U+3164 HANGUL FILLER"
    assert describe("\U000f0000") == "U+F0000"  # private use: no name


@QUICK
@given(text, invisible, text)
def test_an_event_text_holding_one_is_refused_naming_it_and_the_line(before, char, after):
    message = refusal(event_title(before + char + after))
    assert "data/events.yaml, line 4" in message
    assert f"the invisible character U+{ord(char):04X}" in message
    assert unicodedata.name(char, "") in message


@QUICK
@given(st.integers(min_value=0, max_value=5), invisible, st.sampled_from([">-", "|", ""]))
def test_in_a_text_written_over_several_lines_the_line_is_the_characters(at, char, style):
    lines = [f"Ligne {n} du texte, avec é et ü" for n in range(6)]
    lines[at] = lines[at].replace("texte", f"te{char}xte")
    description = (f"{style}\n" + "".join(f"        {line}\n" for line in lines) if style
                   else "\n".join(["Ligne"] + [f"        {line}" for line in lines]) + "\n")
    source = ("# Événements\nevents:\n  - id: atelier\n    title:\n      fr: Titre\n      de: Titel\n"
              f"    description:\n      fr: {description}      de: Text\n    start: 2030-01-01\n    end: 2030-01-01\n")
    message = refusal(source)
    assert f"data/events.yaml, line {9 + at}, event 'atelier', field 'description.fr'" in message, message


def test_a_character_written_as_an_escape_is_named_at_the_fields_line():
    source = ("events:\n  - id: atelier\n    title:\n      fr: Titre\n      de: Titel\n"
              "    description:\n      fr: \"Texte\\u200b\"\n      de: Text\n    start: 2030-01-01\n    end: 2030-01-01\n")
    assert "data/events.yaml, line 7, event 'atelier', field 'description.fr'" in refusal(source)


PAGE_HEAD = ("---\ntitle: Atelier\ndescription: " + "Une description assez longue pour le moteur de recherche. " * 2
             + "\n---\n\n# Atelier\n\n")


@QUICK
@given(st.lists(text, min_size=1, max_size=5), st.integers(min_value=0, max_value=4), invisible)
def test_a_page_line_holding_one_is_refused_with_its_line(lines, at, char):
    at %= len(lines)
    lines[at] += char + "suite"
    problems = page_problems(PAGE_HEAD + "\r\n".join(lines) + "\n")
    assert problems[0].startswith(f"line {8 + at}: the text contains the invisible character U+{ord(char):04X}")


def test_page_text_with_carriage_returns_emoji_and_code_passes():
    body = "Texte avec\u00a0espace insécable\u202f!\r\nAtelier \u2764\ufe0f\r\n\r\n```\nzéro\u200blargeur\n```\n"
    assert page_problems(PAGE_HEAD + body) == []
    # A fence never closed is no code: what follows it is shown, and checked.
    assert page_problems(PAGE_HEAD + "```\nzéro\u200blargeur\n")[0].startswith("line 9: ")


@pytest.mark.parametrize("emoji", ["\u2764\ufe0f", "\U0001f469\u200d\U0001f4bb", "\U0001f469\U0001f3fd\u200d\U0001f4bb",
                                   "1\ufe0f\u20e3", "\U0001f3f3\ufe0f\u200d\U0001f308", "\u2705"])
def test_the_selectors_and_joiners_that_draw_an_emoji_are_part_of_it(emoji):
    assert first_invisible(f"Atelier {emoji} numérique") is None
    [event] = parse_events(event_title(f"Atelier {emoji}"), languages=LANGUAGES)
    assert event.title[LANGUAGES[0]] == f"Atelier {emoji}"


@QUICK
@given(text, st.sampled_from(["\ufe0f", "\ufe0e", "\u200d"]), text)
def test_a_selector_or_joiner_between_letters_is_still_refused(before, char, after):
    assert first_invisible(before + char + after) == char
    assert f"the invisible character U+{ord(char):04X}" in refusal(event_title(before + char + after))


@QUICK
@given(st.lists(st.one_of(invisible, st.sampled_from(" \u00a0\u3000")), min_size=1, max_size=6))
def test_a_text_of_only_such_characters_and_spaces_is_empty(chars):
    assert is_blank("".join(chars))
    assert "the text is empty" in refusal(event_title("".join(chars)))


@QUICK
@given(text, invisible)
def test_a_page_title_or_description_holding_one_is_refused_with_its_line(title, char):
    description = "Une description assez longue pour passer la règle de longueur des pages."
    page = f"---\ntitle: {json.dumps(title + char, ensure_ascii=False)}\ndescription: {description}\n---\n\nTexte\n"
    [problem] = page_problems(page)
    assert problem.startswith("line 2: ") and f"U+{ord(char):04X}" in problem
    page = f"---\ntitle: Titre\ndescription: {json.dumps(description + char, ensure_ascii=False)}\n---\n"
    [problem] = page_problems(page)
    assert problem.startswith("line 3: ") and f"U+{ord(char):04X}" in problem


def test_a_page_title_of_a_hangul_filler_alone_is_refused():
    [problem] = page_problems("---\ntitle: \u3164\ndescription: " + "x" * 60 + "\n---\n")
    assert "U+3164 HANGUL FILLER" in problem


# The languages the menu below translates into.
TRANSLATED = ("de",)
MENU = """\
nav:
  - Accueil: index.md
  - {fr}: agenda.md
nav_translations:
  de:
    Accueil: {de}
    {fr}: Termine
"""


@QUICK
@given(invisible)
def test_a_menu_title_holding_one_is_refused_with_its_line_in_either_language(char):
    fr = json.dumps("Agenda" + char, ensure_ascii=False)
    problems = nav_translation_problems(MENU.format(fr=fr, de="Startseite"), locales=TRANSLATED)
    assert [p.split(":")[0] for p in problems] == ["data/menu.yml, line 3"]
    assert f"U+{ord(char):04X}" in problems[0]
    de = json.dumps("\u3164" + char, ensure_ascii=False)
    [problem] = nav_translation_problems(MENU.format(fr="Agenda", de=de), locales=TRANSLATED)
    assert problem.startswith("data/menu.yml, line 6: ") and "U+3164" in problem


def test_a_label_holding_one_is_refused_with_its_line(tmp_path):
    path = tmp_path / "labels.yaml"
    path.write_text("upcoming:\n  fr: À venir\n  de: \"Demn\u00e4chst\u2028\"\n", encoding="utf-8")
    with pytest.raises(LabelsError) as caught:
        load_labels(path, "data/labels.yaml", languages=LANGUAGES)
    assert "data/labels.yaml, line 3" in str(caught.value) and "U+2028 LINE SEPARATOR" in str(caught.value)
    path.write_text("upcoming:\n  fr: À venir\n  de: \"\u3164\"\n", encoding="utf-8")
    with pytest.raises(LabelsError):
        load_labels(path, "data/labels.yaml", languages=LANGUAGES)
