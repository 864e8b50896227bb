"""YAML as plain data with the line of each part: what declarative checks need to name a line."""

from __future__ import annotations

import pytest

from godigital.yaml_lines import Unreadable, first_alias_line, load, load_data

TEXT = """\
# a comment
events:
  - id: a
    title:
      fr: Titre
      de: Titel
    whole_day: no
    start: 2018-02-30
    status:
    status: twice
"""


def test_scalars_stay_the_text_written_and_an_empty_value_is_none():
    marked = load(TEXT)
    [event] = marked.data["events"]
    assert event == {"id": "a", "title": {"fr": "Titre", "de": "Titel"}, "whole_day": "no", "start": "2018-02-30",
                     "status": None}


def test_each_key_and_item_has_its_line_and_a_missing_part_the_line_of_its_group():
    marked = load(TEXT)
    assert marked.line(("events",)) == 2 and marked.line(("events", 0)) == 3
    assert marked.line(("events", 0, "title", "de")) == 6
    assert marked.line(("events", 0, "title", "en")) == 5  # not written: where the group starts
    assert marked.line(("events", 0, "end")) == 3


def test_a_key_given_twice_keeps_the_first_value_and_is_listed_with_its_line():
    assert load(TEXT).duplicates == {("events", 0, "status"): 10}


def test_the_line_holding_a_part_of_a_text_written_over_several_lines():
    marked = load("text: >-\n  first line\n  second line\n")
    assert marked.line_holding(("text",), "second") == 3
    assert marked.line_holding(("text",), "absent") == 1


def test_aliases_oversized_texts_and_syntax_errors_are_unreadable_with_their_line():
    assert first_alias_line("a: &x 1\nb: *x\n") == 2
    with pytest.raises(Unreadable) as caught:
        load_data("a: &x 1\nb: *x\n", 1000, "events_file_too_large")
    assert caught.value.line == 2
    with pytest.raises(Unreadable, match="larger than 1 kB"):
        load_data("a: " + "x" * 2000, 1000, "events_file_too_large")
    with pytest.raises(Unreadable) as caught:
        load_data("a: b: c\n", 1000, "events_file_too_large")
    assert caught.value.line == 1 and "colon" in str(caught.value)
