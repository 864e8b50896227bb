"""A JSON Schema for data/events.yaml, so that editors' text editors check and complete it while they type.

Generated from the events model (``godigital.events``), so the two cannot drift apart; a test compares it
with the committed ``data/events.schema.json`` (regenerate it with ``python -m godigital.schema``). Added
here: the site's languages from mkdocs.yml, and the help texts the model names by their catalogue key.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from godigital import events, languages
from godigital.messages import EDITOR_LANGUAGES, message

SCHEMA_FILE = Path("data/events.schema.json")
CONFIG_FILE = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def events_schema(codes: Sequence[str] | None = None) -> dict[str, Any]:
    """The JSON Schema of the events file, for the site's languages (``codes``, else mkdocs.yml's)."""
    codes = tuple(codes or languages.from_file(CONFIG_FILE).codes)
    schema = _filled(TypeAdapter(events.EventsFile).json_schema(), codes)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://www.godigital.lu/events.schema.json", "title": "Go Digital events (data/events.yaml)",
            "description": _help("schema_file", codes), **schema}


def schema_text() -> str:
    """The schema as committed: stable key order, one trailing newline."""
    return json.dumps(events_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    print(f"{target} written.")
    return 0


def _filled(node: Any, codes: tuple[str, ...]) -> Any:
    """The model's schema with the site's languages and help texts (no docstrings, no Pydantic titles)."""
    if isinstance(node, list):
        return [_filled(item, codes) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _filled(value, codes) for key, value in node.items()
            if not (key in ("title", "description") and isinstance(value, str)) and value is not None}
    for group, definition in node.get("$defs", {}).items():  # help texts: schema_<field>, schema_<group>_<field>
        prefix = "schema_" if group == "Event" else f"schema_{group.lower()}_"
        for name, field in definition["properties"].items():
            field["description"] = _help(prefix + name, codes)
    if kind := node.pop("x-per-language", None):  # dict[str, text]: one property per language
        text, _ = node.pop("additionalProperties"), node.pop("type")
        each = {"type": "object", "additionalProperties": False, "properties": dict.fromkeys(codes, text),
                "required": list(codes)}
        node.update({"anyOf": [text, each]} if kind == "one-for-all" else each)
    if "x-reserved" in node:
        node["not"] = {"enum": sorted({*node.pop("x-reserved"), *codes})}
    return node


def _help(key: str, codes: Sequence[str]) -> str:
    """The same help in each editor language, one paragraph each."""
    keys = ", ".join(f"{code}:" for code in codes)
    return "\n\n".join(message(key, lang=lang, keys=keys) for lang in EDITOR_LANGUAGES)


if __name__ == "__main__":
    sys.exit(main())
