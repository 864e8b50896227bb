"""The site's menu (``nav:`` in mkdocs.yml) in every language.

mkdocs-static-i18n shows a menu title untranslated when the language has no
``nav_translations`` entry for it: the German menu would silently show French.
The build refuses that instead, naming the line of the menu entry.
"""

from __future__ import annotations

import yaml

from godigital.characters import invisible_problem
from godigital.messages import message


def nav_translation_problems(config_text: str, file: str = "mkdocs.yml") -> list[str]:
    """A message for each menu title that some built language does not translate.

    Every title counts, section titles included; entries without a title (a
    bare file name) take the page's own title and need nothing.
    """
    root = yaml.compose(config_text, Loader=yaml.SafeLoader)
    top = _mapping(root)
    titles = list(_titles(top.get("nav")))
    problems = [message("nav_invisible_character", file=file, line=line, title=title, character=character)
                for title, line in titles if (character := invisible_problem(title))]
    for locale, translations in _translated_languages(top):
        problems += [message("nav_invisible_character", file=file, line=node.start_mark.line + 1, title=node.value,
                             character=character)
                     for node in translations.values() if (character := invisible_problem(_scalar(node) or ""))]
        for title, line in titles:
            if title not in translations:
                key = "nav_translation_missing_de" if locale == "de" else "nav_translation_missing_other"
                problems.append(message(key, file=file, line=line, title=title, locale=locale))
    return problems


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _titles(node: yaml.Node | None):
    """(title, line) of every menu entry, at every level."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.value, key.start_mark.line + 1
            yield from _titles(value)


def _translated_languages(top: dict[str, yaml.Node]):
    """(locale, the titles it translates and their translations) of each language mkdocs-static-i18n builds besides the default."""
    plugins = top.get("plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else []
    if isinstance(plugins, yaml.MappingNode):
        entries = [plugins]
    for entry in entries:
        i18n = _mapping(entry).get("i18n")
        for language in getattr(_mapping(i18n).get("languages"), "value", None) or []:
            fields = _mapping(language)
            locale = _scalar(fields.get("locale"))
            default = _scalar(fields.get("default")) in ("true", "True", "yes")
            built = _scalar(fields.get("build")) not in ("false", "False", "no")
            if locale and not default and built:
                yield locale, _mapping(fields.get("nav_translations"))
