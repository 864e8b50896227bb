"""The JSON Schema editors' text editors use for data/events.yaml says what the build says."""

from __future__ import annotations

import re
import textwrap

import jsonschema
import pytest
import yaml

from godigital.events import EventDataError, parse_events
from godigital.schema import events_schema, schema_text
from tests.conftest import ROOT, SHIPPED_LANGUAGES
from tests.test_events import LANGUAGES, VALID  # VALID's languages

SCHEMA_FILE = ROOT / "data/events.schema.json"


class EditorLoader(yaml.SafeLoader):
    """YAML as text editors' YAML 1.2 servers read it: dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_errors(text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(events_schema())
    return [error.message for error in validator.iter_errors(yaml.load(text, Loader=EditorLoader))]


def test_the_committed_schema_is_the_one_the_rules_give():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "data/events.schema.json is out of date: regenerate it with "
        "`.venv/bin/python -m godigital.schema` and commit it"
    )


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(events_schema())


def test_the_events_file_points_editors_at_the_schema_on_its_first_line():
    first = (ROOT / "data/events.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./events.schema.json"


ALL_DAY = """\
events:
  - id: all-day
    title: {fr: Journée, de: Tag}
    description: {fr: Une journée entière., de: Ein ganzer Tag.}
    start: 2018-02-06
    end: 2018-02-07
    organizer:
      name: Go Digital
    status: cancelled
    updated: 2018-01-15T10:30
"""


@pytest.mark.parametrize("text", [VALID, ALL_DAY, "events: []\n", "events:\n"], ids=["timed", "all-day", "empty", "none"])
def test_the_schema_accepts_what_the_build_accepts(text):
    parse_events(text, languages=LANGUAGES)
    assert schema_errors(text) == []


def test_the_example_in_the_events_files_header_is_a_valid_event():
    header = (ROOT / "data/events.yaml").read_text(encoding="utf-8").split("\nevents:", 1)[0]
    block = re.search(r"^#\s*\n((?:#   .*\n|#\s*\n)*?#   - id:.*\n(?:#     .*\n|#\s*\n)+)", header, re.M)
    assert block, "the header shows a complete example event"
    example = "events:\n" + "\n".join(line[2:] for line in block.group(1).splitlines() if line.strip("# "))
    # The shipped file's example has a text in each of the shipped site's languages, no more, no fewer.
    [event] = parse_events(example + "\n", languages=SHIPPED_LANGUAGES)
    assert event.location.address and event.organizer and event.registration and event.updated is None
    assert not event.all_day and event.languages
    assert schema_errors(example) == []


BAD = {
    "an id with capitals": VALID.replace("id: journee-test-2030", "id: Digital-Day"),
    "a title without any text": VALID.replace("      fr: Digital Day\n      de: Digital Day\n", "      {}\n")
    .replace("    title:\n      {}", "    title: {}"),
    "an unknown field": VALID.replace("    status:", "    venue: Kirchberg\n    status:"),
    "an unknown status": VALID.replace("status: tentative", "status: maybe"),
    "a date in words": VALID.replace("start: 2018-03-20T09:00", "start: 20 mars"),
    "an unknown language": VALID.replace("languages: [fr, de]", "languages: [fr, lu]"),
    "a language twice": VALID.replace("languages: [fr, de]", "languages: [fr, fr]"),
    "latitude without longitude": VALID.replace("      longitude: 6.17\n", ""),
    "a registration that is not a web address": VALID.replace(
        "registration: https://www.cc.lu/inscription?lang=fr&x=1", "registration: www.godigital.lu"),
    "a missing end": VALID.replace("    end: 2018-03-20T17:30\n", ""),
    "a place without a name": VALID.replace("      name: Chambre des Métiers\n", ""),
    "no events list": "agenda: []\n",
}


@pytest.mark.parametrize("kind", BAD)
def test_the_schema_rejects_what_the_build_rejects(kind):
    text = BAD[kind]
    with pytest.raises(EventDataError):
        parse_events(textwrap.dedent(text), languages=LANGUAGES)
    assert schema_errors(text), kind


def test_the_schema_carries_the_limits_the_build_enforces():
    from godigital.data_fields import MAX_URL
    from godigital.events import MAX_EVENTS, MAX_ID, MAX_TEXT

    schema = events_schema()
    event = schema["$defs"]["Event"]["properties"]
    assert schema["properties"]["events"]["anyOf"][0]["maxItems"] == MAX_EVENTS
    assert event["id"]["maxLength"] == MAX_ID and event["title"]["additionalProperties"]["maxLength"] == MAX_TEXT["title"]
    assert event["description"]["additionalProperties"]["maxLength"] == MAX_TEXT["description"]
    location = schema["$defs"]["Location"]["properties"]
    assert location["address"]["anyOf"][0]["maxLength"] == MAX_TEXT["location.address"]
    assert schema["$defs"]["Organizer"]["properties"]["url"]["maxLength"] == MAX_URL
    too_long = VALID.replace("fr: Digital Day", "fr: " + "D" * (MAX_TEXT["title"] + 1))
    with pytest.raises(EventDataError, match="at most 200 are accepted"):
        parse_events(too_long, languages=LANGUAGES)
    assert schema_errors(too_long)
    assert schema_errors(VALID.replace("fr: Digital Day", "fr: " + "D" * MAX_TEXT["title"])) == []


def test_the_schema_names_no_site_language_so_adding_one_leaves_it_true():
    """Texts per language are a mapping from language codes; the build checks that each configured one is there."""
    schema = events_schema()
    title = schema["$defs"]["Event"]["properties"]["title"]
    assert "required" not in title and title["minProperties"] == 1
    three = VALID.replace("      de: Digital Day\n", "      de: Digital Day\n      lb: Digital Day\n")
    assert schema_errors(three) == []
    assert schema_errors(VALID.replace("      de: Digital Day\n", "      de: Digital Day\n      Deutsch: x\n"))
    assert "Optional: the languages the session is held in" in schema["$defs"]["Event"]["properties"]["languages"]["description"]
