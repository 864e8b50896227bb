"""A JSON Schema for data/events.yaml, so that editors' text editors check and complete it while they type.

Generated from the events model (``godigital.events``), so the two cannot drift apart; a test compares it
with the committed ``data/events.schema.json`` (regenerate it with ``python -m godigital.schema``). Added
here: the help texts the model names by their catalogue key. The schema names no site language (a text
per language is a mapping from language codes), so that adding a language in mkdocs.yml leaves it true;
the build checks that every configured language has its text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from godigital import events
from godigital.messages import EDITOR_LANGUAGES, message

SCHEMA_FILE = Path("data/events.schema.json")
# A language's code, as mkdocs-static-i18n accepts them: fr, de, en, pt-BR...
LANGUAGE_CODE = r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]+)?$"


def events_schema() -> dict[str, Any]:
    """The JSON Schema of the events file."""
    schema = _filled(TypeAdapter(events.EventsFile).json_schema())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://www.godigital.lu/events.schema.json", "title": "Go Digital events (data/events.yaml)",
            "description": _help("schema_file"), **schema}


def schema_text() -> str:
    """The schema as committed: stable key order, one trailing newline."""
    return json.dumps(events_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    print(f"{target} written.")
    return 0


def _filled(node: Any) -> Any:
    """The model's schema with texts per language and help texts (no docstrings, no Pydantic titles)."""
    if isinstance(node, list):
        return [_filled(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _filled(value) for key, value in node.items()
            if not (key in ("title", "description") and isinstance(value, str)) and value is not None}
    for group, definition in node.get("$defs", {}).items():  # help texts: schema_<field>, schema_<group>_<field>
        prefix = "schema_" if group == "Event" else f"schema_{group.lower()}_"
        for name, field in definition["properties"].items():
            field["description"] = _help(prefix + name)
    if kind := node.pop("x-per-language", None):  # dict[str, text]: one property per language
        text, _ = node.pop("additionalProperties"), node.pop("type")
        each = {"type": "object", "minProperties": 1, "propertyNames": {"pattern": LANGUAGE_CODE},
                "additionalProperties": text}
        node.update({"anyOf": [text, each]} if kind == "one-for-all" else each)
    if "x-reserved" in node:  # the build also refuses the site's language codes
        node["not"] = {"enum": sorted(node.pop("x-reserved"))}
    return node


def _help(key: str) -> str:
    """The same help in each editor language, one paragraph each."""
    return "\n\n".join(message(key, lang=lang) for lang in EDITOR_LANGUAGES)


if __name__ == "__main__":
    sys.exit(main())
