"""A JSON Schema for data/events.yaml, so that editors' text editors check and complete it while they type.

Generated from the events model (``godigital.events``), the one definition of
the file's fields, types and limits, so the two cannot drift apart; a test
compares it with the committed ``data/events.schema.json``. Regenerate it
with ``python -m godigital.schema``. The model leaves two things to this
module: the site's languages, from ``mkdocs.yml`` (one property per
language where a text is translated, and the codes among the reserved ids),
and the help texts, which the model names by their catalogue key and which
are written out here in every editor language.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from godigital import events, languages
from godigital.messages import EDITOR_LANGUAGES, catalogue, message

SCHEMA_FILE = Path("data/events.schema.json")
CONFIG_FILE = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def events_schema(codes: Sequence[str] | None = None) -> dict[str, Any]:
    """The JSON Schema of the events file, for the site's languages (``codes``, else mkdocs.yml's)."""
    codes = tuple(codes or languages.from_file(CONFIG_FILE).codes)
    schema = _filled(TypeAdapter(events.EventsFile).json_schema(), codes)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://www.godigital.lu/events.schema.json",
            "title": "Go Digital events (data/events.yaml)", "description": _help("schema_file", codes), **schema}


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
    """The model's schema with the site's languages and the help texts (the developers' docstrings
    and Pydantic's titles left out)."""
    if isinstance(node, list):
        return [_filled(item, codes) for item in node]
    if not isinstance(node, dict):
        return node
    described = node.get("description")
    node = {key: _filled(value, codes) for key, value in node.items()
            if not (key in ("title", "description") and isinstance(value, str)) and value is not None}
    if isinstance(described, str) and described in catalogue("en"):
        node["description"] = _help(described, codes)
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
    return "\n\n".join(message(key, lang=lang, languages=", ".join(codes)) for lang in EDITOR_LANGUAGES)


if __name__ == "__main__":
    sys.exit(main())
