"""The words of the agenda and calendar feeds, from ``data/labels.yaml``."""

from __future__ import annotations

from pathlib import Path

import yaml

from godigital.events import LANGUAGES, YAML_LOADER


class LabelsError(Exception):
    pass


def load_labels(path: Path | str) -> dict[str, dict[str, str]]:
    """Labels by language: ``{"fr": {"upcoming": "..."}, "de": {...}}``.

    Every label must exist in every site language, so that no page shows a
    word in the wrong language.
    """
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise LabelsError(f"{path}: cannot be read ({error}).") from None
    if not isinstance(data, dict):
        raise LabelsError(f"{path}: expected one 'name:' per label, each with 'fr:' and 'de:'.")
    problems = [
        f"{path}: the label '{key}' has no {lang} text. Add a line '{lang}: ...' under it."
        for key, texts in data.items()
        for lang in LANGUAGES
        if not isinstance(texts, dict) or not isinstance(texts.get(lang), str) or not texts[lang].strip()
    ]
    if problems:
        raise LabelsError("\n".join(problems))
    return {lang: {key: texts[lang] for key, texts in data.items()} for lang in LANGUAGES}
