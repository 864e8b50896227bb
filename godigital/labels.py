"""The words of the agenda and calendar feeds, from ``data/labels.yaml``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from godigital.characters import invisible_problem, is_blank
from godigital.messages import language_name, message
from godigital.yaml_errors import explain
from godigital.yaml_lines import YAML_LOADER


class LabelsError(Exception):
    pass


def load_labels(path: Path | str, display_name: str | None = None, *,
                languages: Sequence[str]) -> dict[str, dict[str, str]]:
    """Labels by language: ``{"fr": {"upcoming": "..."}, "de": {...}}``.

    Every label must exist in every site language (``languages``), so that no
    page shows a word in the wrong language.
    """
    path = Path(path)
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        raise LabelsError(explain(error, text).text(name)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise LabelsError(message("labels_unreadable", file=name, error=error)) from None
    if not isinstance(root, yaml.MappingNode):
        raise LabelsError(message("labels_not_a_mapping", file=name,
                                  languages=", ".join(f"'{lang}:'" for lang in languages)))
    data = yaml.load(text, Loader=YAML_LOADER)
    lines = {key.value: key.start_mark.line + 1 for key, _ in root.value if isinstance(key, yaml.ScalarNode)}
    problems = [
        message("label_missing", file=name, line=lines.get(key, 1), key=key, code=lang, language=language_name(lang))
        for key, texts in data.items()
        for lang in languages
        if not isinstance(texts, dict) or not isinstance(texts.get(lang), str) or is_blank(texts[lang])
    ]
    problems += [
        message("label_invisible_character", file=name, line=_text_line(root, key, lang, lines.get(key, 1)),
                key=f"{key}.{lang}", character=character)
        for key, texts in data.items() if isinstance(texts, dict)
        for lang, text in texts.items() if isinstance(text, str) and (character := invisible_problem(text))
    ]
    if problems:
        raise LabelsError("\n".join(problems))
    return {lang: {key: texts[lang] for key, texts in data.items()} for lang in languages}


def _text_line(root: yaml.MappingNode, key: str, lang: str, default: int) -> int:
    """The line of one label's text in one language."""
    for key_node, value in root.value:
        if getattr(key_node, "value", None) == key and isinstance(value, yaml.MappingNode):
            for lang_node, text in value.value:
                if getattr(lang_node, "value", None) == lang:
                    return int(text.start_mark.line) + 1
    return default
