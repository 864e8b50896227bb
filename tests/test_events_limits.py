"""The events file refuses what could mislead or overwhelm readers, with a clear message each time.

Ids that would take another page's address, addresses that are not what
they seem, invisible characters, repeated texts by YAML aliases, and
oversized input.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from godigital.events import MAX_EVENTS, MAX_FILE_BYTES, MAX_PROBLEMS, RESERVED_IDS, EventDataError, parse_events
from tests.conftest import LANGUAGES


def event(**fields: str) -> str:
    """One event's YAML, with fields replaced or added (values written as JSON strings)."""
    base = {"id": "atelier-2030", "start": "2030-01-01", "end": "2030-01-01"}
    base.update(fields)
    lines = [f"  - id: {json.dumps(base.pop('id'))}",
             "    title:", *(f"      {lang}: Titre" for lang in LANGUAGES),
             "    description:", *(f"      {lang}: Texte" for lang in LANGUAGES)]
    lines += [f"    {name}: {value if name in ('start', 'end') else json.dumps(value, ensure_ascii=False)}"
              for name, value in base.items()]
    return "\n".join(lines) + "\n"


def problems(text: str) -> str:
    with pytest.raises(EventDataError) as caught:
        parse_events(text, languages=LANGUAGES)
    return str(caught.value)


@pytest.mark.parametrize("reserved", sorted(RESERVED_IDS))
def test_an_id_that_is_another_pages_name_is_refused(reserved):
    assert "already uses that name for another page" in problems("events:\n" + event(id=reserved))


@pytest.mark.parametrize("bad", ["abc\n", "abc ", "Abc", "a--b", "-a"])
def test_an_id_must_be_the_whole_value(bad):
    assert "is not a valid id" in problems("events:\n" + event(id=bad))


@pytest.mark.parametrize(("url", "expected"), [
    ("http://www.cdm.lu", "starts with http://"),
    ("https://evil.example@www.godigital.lu/", "contains an '@' before the site's name"),
    ("https://www.g\u043edigital.lu/", "letters from another alphabet"),  # Cyrillic o
    ("https://www.cdm.lu/\u202eexe", "is not a web address"),
    ("https://www.cdm.lu/\x00", "is not a web address"),
    ("javascript:alert(1)", "is not a web address"),
])
def test_registration_addresses_are_plain_https_addresses(url, expected):
    assert expected in problems("events:\n" + event(registration=url))


def test_a_latin_address_with_accents_is_accepted():
    [parsed] = parse_events("events:\n" + event(registration="https://www.chambre-des-métiers.lu/inscription"), languages=LANGUAGES)
    assert parsed.registration.url["fr"].endswith("/inscription")


@pytest.mark.parametrize("char", ["\x85", "\x9f", "\u202e", "\u2066", "\u200b", "\u200f", "\ufeff", "\r"])
def test_invisible_characters_in_a_text_are_refused(char):
    text = "events:\n" + event().replace("fr: Titre", f"fr: {json.dumps('Ti' + char + 'tre')}")
    assert "the text contains the invisible character U+" in problems(text)


def test_yaml_aliases_are_refused_with_their_line():
    text = textwrap.dedent("""\
        events:
          - id: a
            title: &t
              fr: Titre
              de: Titel
            description: {fr: Texte, de: Text}
            start: 2030-01-01
            end: 2030-01-01
          - id: b
            title: *t
            description: {fr: Texte, de: Text}
            start: 2030-01-02
            end: 2030-01-02
        """)
    message = problems(text)
    assert "line 10" in message and "YAML alias" in message


def test_oversized_input_is_refused_before_it_is_read():
    huge = "events:\n" + event(description="x") + "# " + "x" * MAX_FILE_BYTES + "\n"
    assert "the file is larger than" in problems(huge)
    many = "events:\n" + "".join(event(id=f"e-{i}") for i in range(MAX_EVENTS + 1))
    assert f"at most {MAX_EVENTS} are accepted" in problems(many)
    long_title = "events:\n" + event().replace("fr: Titre", "fr: " + "T" * 1000)
    assert "the text has 1000 characters" in problems(long_title)


def test_a_file_with_many_problems_lists_the_first_and_counts_the_rest():
    text = "events:\n" + "".join(event(id=f"e-{i}", start="2030-02-30") for i in range(MAX_PROBLEMS + 12))
    with pytest.raises(EventDataError) as caught:
        parse_events(text, languages=LANGUAGES)
    assert len(caught.value.problems) == MAX_PROBLEMS + 12
    listed = [line for line in str(caught.value).splitlines() if line.startswith("  - ")]
    assert len(listed) == MAX_PROBLEMS
    assert "and 12 more problems" in str(caught.value)


def test_yaml_aliases_in_a_pages_front_matter_stop_the_build_before_it_is_read(tmp_path):
    from tests.conftest import build_site, fixture_project

    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/ateliers.md"
    bomb = "".join(f"x{i}: &x{i} [*x{i - 1}, *x{i - 1}, *x{i - 1}, *x{i - 1}]\n" for i in range(1, 30))
    page.write_text("---\nx0: &x0 [lol]\n" + bomb + "title: Workshops\n---\n\n# Workshops\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/de/ateliers.md, line 3: this line repeats another part of the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_page_far_too_big_stops_the_build_before_it_is_converted(tmp_path):
    from godigital.pages import MAX_PAGE_BYTES
    from tests.conftest import build_site, fixture_project

    project = fixture_project(tmp_path / "project")
    page = project / "docs/fr/ateliers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUn paragraphe de plus.\n" * (MAX_PAGE_BYTES // 20),
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/fr/ateliers.md, line 1: the page is larger than {MAX_PAGE_BYTES // 1000} kB" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site/index.html").exists()
