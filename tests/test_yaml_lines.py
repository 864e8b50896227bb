"""YAML as plain data with the line of each part: what declarative checks need to name a line."""

from __future__ import annotations

import os

import pytest

from godigital.events import EventDataError, load_events
from godigital.labels import LabelsError, load_labels
from godigital.menu import MenuError, load_menu
from godigital.yaml_lines import NotOrdinary, TooLarge, Unreadable, first_alias_line, load, load_data, read_bounded

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


# -----------------------------------------------------------------------------
# Data files are read as ordinary files only, and never past their limit
# -----------------------------------------------------------------------------



def _loaders(tmp_path):
    docs = tmp_path / "docs"
    (docs / "fr").mkdir(parents=True, exist_ok=True)
    return {
        "events.yaml": (lambda path: load_events(path, languages=("fr", "de")), EventDataError),
        "labels.yaml": (lambda path: load_labels(path, languages=("fr", "de")), LabelsError),
        "menu.yml": (lambda path: load_menu(path, docs, "fr", ("de",)), MenuError),
    }


@pytest.mark.parametrize("name", ["events.yaml", "labels.yaml", "menu.yml"])
@pytest.mark.parametrize("target", ["/dev/zero", "secret"])
def test_a_data_file_that_is_a_link_is_refused_unread(tmp_path, name, target):
    secret = tmp_path / "secret"
    secret.write_text("token: hunter2-secret\nother: line: here\n", encoding="utf-8")
    link = tmp_path / name
    link.symlink_to(secret if target == "secret" else target)
    load, error = _loaders(tmp_path)[name]
    with pytest.raises(error) as raised:
        load(link)
    assert "not an ordinary file" in str(raised.value)
    assert "hunter2" not in str(raised.value)


@pytest.mark.parametrize("name", ["labels.yaml", "menu.yml"])
def test_labels_and_menu_files_have_a_size_limit(tmp_path, name):
    path = tmp_path / name
    path.write_text("# " + "x" * 1_000_000 + "\n", encoding="utf-8")
    load, error = _loaders(tmp_path)[name]
    with pytest.raises(error) as raised:
        load(path)
    assert "larger than" in str(raised.value)


def test_reading_stops_at_the_limit_and_refuses_pipes(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 11)
    assert read_bounded(path, 11) == b"x" * 11
    with pytest.raises(TooLarge):
        read_bounded(path, 10)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotOrdinary):
        read_bounded(fifo, 10)
