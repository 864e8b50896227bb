"""A JSON Schema for data/events.yaml, so that editors' text editors check and complete it while they type.

Made from the same rules ``godigital.events`` checks (fields, required
fields, patterns, statuses, languages), so the two cannot drift apart; a
test compares it with the committed ``data/events.schema.json``. Regenerate
it with ``python -m godigital.schema``. Descriptions are in English, French
and German, from the message catalogues.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from godigital import events
from godigital.messages import EDITOR_LANGUAGES, message

SCHEMA_FILE = Path("data/events.schema.json")
# https only, and no "user@" before the host (see events._Reader.url).
_URL_PATTERN = r"^https://[^/?#@\s\"'<>\\^`{|}]+(?:[/?#][^\s\"'<>\\^`{|}]*)?$"


def events_schema() -> dict:
    """The JSON Schema of the events file."""
    text = {"type": "string", "minLength": 1, "pattern": r"\S"}
    moment = {"anyOf": [
        {"type": "string", "pattern": events.DATE_PATTERN.pattern},
        {"type": "string", "pattern": events.DATETIME_PATTERN.pattern},
    ]}
    name = {"type": "string", "minLength": 1, "allOf": [{"pattern": r"\S"}, {"pattern": events.NAME_PATTERN.pattern}]}
    translated = _object({lang: text for lang in events.LANGUAGES}, required=events.LANGUAGES)
    translated_name = _object({lang: name for lang in events.LANGUAGES}, required=events.LANGUAGES)
    same_or_translated = {"anyOf": [text, translated]}
    same_or_translated_name = {"anyOf": [name, translated_name]}
    url = {"type": "string", "pattern": _URL_PATTERN, "maxLength": events.MAX_URL}

    fields = {
        "id": {"type": "string", "pattern": events.ID_PATTERN.pattern, "maxLength": 60,
               "not": {"enum": sorted(events.RESERVED_IDS)}},
        "title": translated_name,
        "description": translated,
        "start": moment,
        "end": moment,
        "timezone": {"type": "string", "default": events.DEFAULT_TIMEZONE},
        "location": _object({
            "name": same_or_translated_name,
            "address": same_or_translated,
            "latitude": {"type": "number", "minimum": -90, "maximum": 90},
            "longitude": {"type": "number", "minimum": -180, "maximum": 180},
        }, required=("name",), dependent=("latitude", "longitude")),
        "organizer": _object({"name": same_or_translated_name, "url": dict(url)}, required=("name",)),
        "registration": {"anyOf": [dict(url), _object({
            "url": {"anyOf": [dict(url), _object({lang: dict(url) for lang in events.LANGUAGES},
                                                 required=events.LANGUAGES)]},
            "closes": moment,
        }, required=("url",))]},
        "languages": {"type": "array", "minItems": 1, "uniqueItems": True,
                      "items": {"enum": list(events.SESSION_LANGUAGES)}},
        "status": {"enum": list(events.STATUSES), "default": "confirmed"},
        "updated": moment,
        "whole_day": {"type": "boolean", "default": False},
    }
    assert tuple(fields) == events.FIELDS, "every field of the events file has a schema"
    for name, schema in fields.items():
        schema["description"] = _description(f"schema_{name}")
    for name, schema in fields["location"]["properties"].items():
        schema["description"] = _description(f"schema_location_{name}")
    for name, schema in fields["organizer"]["properties"].items():
        schema["description"] = _description(f"schema_organizer_{name}")
    for name, schema in fields["registration"]["anyOf"][1]["properties"].items():
        schema["description"] = _description(f"schema_registration_{name}")

    event = _object(fields, required=events.REQUIRED)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://www.godigital.lu/events.schema.json",
        "title": "Go Digital events (data/events.yaml)",
        "description": _description("schema_file"),
        "type": "object",
        "additionalProperties": False,
        "required": ["events"],
        "properties": {
            "events": {"anyOf": [{"type": "null"},
                                 {"type": "array", "items": event, "maxItems": events.MAX_EVENTS}]},
        },
    }


def schema_text() -> str:
    """The schema as committed: stable key order, one trailing newline."""
    return json.dumps(events_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    print(f"{target} written.")
    return 0


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _object(properties: dict, required=(), dependent: tuple[str, str] | None = None) -> dict:
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = list(required)
    if dependent:
        first, second = dependent
        schema["dependentRequired"] = {first: [second], second: [first]}
    return schema


def _description(key: str) -> str:
    """The same help in each editor language, one paragraph each."""
    return "\n\n".join(message(key, lang=lang) for lang in EDITOR_LANGUAGES)


if __name__ == "__main__":
    sys.exit(main())
