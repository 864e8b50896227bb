"""The words of the agenda and calendar feeds, from ``data/labels.yaml``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from godigital import yaml_lines
from godigital.characters import invisible_problem, is_blank
from godigital.dates import DATE_FORMAT, FIRST_OF_MONTH_FORMAT, writes_a_whole_date
from godigital.messages import language_name, message
from godigital.yaml_errors import explain

# Far more than the agenda's words need; read no further.
MAX_LABELS_BYTES = 200_000


DATE_PATTERNS = (DATE_FORMAT, FIRST_OF_MONTH_FORMAT)


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
        text = yaml_lines.universal_newlines(yaml_lines.read_bounded(path, MAX_LABELS_BYTES).decode("utf-8"))
        marked = yaml_lines.load(text)
    except yaml.YAMLError as error:
        raise LabelsError(explain(error, text).text(name)) from None
    except yaml_lines.TooLarge:
        raise LabelsError(f"{name}{message('separator')}"
                          f"{message('data_file_too_large', limit=MAX_LABELS_BYTES // 1000)}") from None
    except yaml_lines.NotOrdinary:
        raise LabelsError(f"{name}{message('separator')}{message('data_file_not_ordinary')}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise LabelsError(message("labels_unreadable", file=name, error=error)) from None
    data = marked.data
    if not isinstance(data, dict):
        raise LabelsError(message("labels_not_a_mapping", file=name,
                                  languages=", ".join(f"'{lang}:'" for lang in languages)))
    problems = [
        message("label_missing", file=name, line=marked.line((key,)), key=key, code=lang,
                language=language_name(lang))
        for key, texts in data.items()
        for lang in languages
        if not isinstance(texts, dict) or not isinstance(texts.get(lang), str) or is_blank(texts[lang])
    ]
    problems += [
        message("label_invisible_character", file=name, line=marked.line_holding((key, lang), character_text),
                key=f"{key}.{lang}", character=character)
        for key, texts in data.items() if isinstance(texts, dict)
        for lang, character_text in texts.items()
        if isinstance(character_text, str) and (character := invisible_problem(character_text))
    ]
    problems += [
        message("label_date_pattern", file=name, line=marked.line_holding((key, lang), pattern), key=f"{key}.{lang}",
                pattern=pattern)
        for key in DATE_PATTERNS if isinstance(data.get(key), dict)
        for lang, pattern in data[key].items()
        if isinstance(pattern, str) and not is_blank(pattern) and not writes_a_whole_date(pattern)
    ]
    if problems:
        raise LabelsError("\n".join(problems))
    return {lang: {key: texts[lang] for key, texts in data.items()} for lang in languages}
