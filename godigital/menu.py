"""The site's menu (``data/menu.yml``) in every language.

Editors own the menu: ``nav:`` lists the French titles and the pages (file
names in the language folders), ``nav_translations:`` the titles in each
other language. mkdocs.yml is code and holds no menu; the godigital plugin
reads this file before mkdocs-static-i18n configures itself and sets MkDocs'
``nav`` and each language's ``nav_translations`` from it.

mkdocs-static-i18n shows a menu title untranslated when the language has no
``nav_translations`` entry for it: the German menu would silently show French.
The build refuses that instead, naming the line of the menu entry. Each
mistake names the file and the line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

import yaml

from godigital.characters import invisible_problem
from godigital.messages import language_name, message
from godigital.yaml_errors import explain
from godigital.yaml_lines import NotOrdinary, TooLarge, first_alias_line, read_bounded, universal_newlines

MENU_FILE = "data/menu.yml"
# Far more than a menu needs; read no further.
MAX_MENU_BYTES = 100_000
KEYS = ("nav", "nav_translations")
# An entry of MkDocs' nav: a page under its own title, a page under a title, a section.
NavEntry: TypeAlias = "str | dict[str, str | list[NavEntry]]"


class MenuError(Exception):
    """The menu file cannot be used; ``problems`` holds one message per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Menu:
    """The menu as MkDocs takes it: ``nav`` as in mkdocs.yml, translations by language."""

    nav: list[NavEntry]
    nav_translations: dict[str, dict[str, str]] = field(default_factory=dict)

    def page_titles(self) -> dict[str, tuple[str, ...]]:
        """Each page's menu titles in every language: ``agenda.md`` → ``("Agenda", "Termine")``."""
        found: dict[str, tuple[str, ...]] = {}
        for title, page in _pages(self.nav):
            translated = (titles.get(title) for titles in self.nav_translations.values())
            found[page] = tuple(dict.fromkeys([*found.get(page, ()), title, *(t for t in translated if t)]))
        return found


def load_menu(path: Path, docs_dir: Path, default: str, translated: Iterable[str],
              file: str = MENU_FILE) -> Menu:
    """Read and check the menu file; raise ``MenuError`` on any mistake.

    Pages are looked up in the default language's folder of ``docs_dir``
    (that each page exists in the other languages is checked with the pages).
    ``translated`` are the other languages built, each needing every title.
    """
    try:
        text = universal_newlines(read_bounded(path, MAX_MENU_BYTES).decode("utf-8")).removeprefix("\ufeff")
    except FileNotFoundError:
        raise MenuError([message("menu_missing", file=file)]) from None
    except TooLarge:
        raise MenuError([f"{file}{message('separator')}"
                         f"{message('data_file_too_large', limit=MAX_MENU_BYTES // 1000)}"]) from None
    except NotOrdinary:
        raise MenuError([f"{file}{message('separator')}{message('data_file_not_ordinary')}"]) from None
    except UnicodeDecodeError as error:
        raise MenuError([f"{file}{message('separator')}{message('file_not_utf8', reason=error.reason)}"]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise MenuError([explain(error, text).text(file)]) from None
    alias = first_alias_line(text)
    if alias is not None:
        raise MenuError([f"{message('where_line', file=file, line=alias)}{message('separator')}"
                         f"{message('yaml_alias')}"])
    if not isinstance(root, yaml.MappingNode):
        raise MenuError([message("menu_not_a_mapping", file=file, language=language_name(default))])
    problems: list[str] = []
    top: dict[str, yaml.Node] = {}
    for key, value in root.value:
        name = _scalar(key)
        if name in KEYS:
            top[name] = value
        else:
            problems.append(message("menu_unknown_key", file=file, line=_line(key), name=name or "…"))
    if "nav" not in top:
        problems.append(message("menu_nav_missing", file=file))
    nav = _nav(top["nav"], file, docs_dir / default, problems) if "nav" in top else []
    translated = list(translated)
    translations = _translations(top.get("nav_translations"), file, translated, problems, default)
    if not problems:
        problems += nav_translation_problems(text, file, locales=translated)
        problems += _unused_translations(top, file, default)
    if problems:
        raise MenuError(problems)
    return Menu(nav=nav, nav_translations=translations)


def nav_translation_problems(menu_text: str, file: str = MENU_FILE, *, locales: Iterable[str]) -> list[str]:
    """A message for each menu title that some built language does not translate.

    Every title counts, section titles included; entries without a title (a
    bare file name) take the page's own title and need nothing.
    """
    root = yaml.compose(menu_text, Loader=yaml.SafeLoader)
    top = _mapping(root)
    titles = list(_titles(top.get("nav")))
    translations = _mapping(top.get("nav_translations"))
    problems = [message("nav_invisible_character", file=file, line=line, title=title, character=character)
                for title, line in titles if (character := invisible_problem(title))]
    for locale in locales:
        translated = set(_mapping(translations.get(locale)))
        problems += [message("nav_invisible_character", file=file, line=_line(node), title=_scalar(node) or "",
                             character=character)
                     for node in _mapping(translations.get(locale)).values()
                     if (character := invisible_problem(_scalar(node) or ""))]
        for title, line in titles:
            if title not in translated:
                problems.append(message("nav_translation_missing", file=file, line=line, title=title, locale=locale,
                                        language=language_name(locale)))
    return problems


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _pages(nav: list[NavEntry]) -> Iterator[tuple[str, str]]:
    """(title, page) of every page of a checked menu; a page under its own title has none."""
    for entry in nav:
        for title, target in entry.items() if isinstance(entry, dict) else ():
            if isinstance(target, list):
                yield from _pages(target)
            else:
                yield title, target


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _titles(node: yaml.Node | None) -> Iterator[tuple[str, int]]:
    """(title, line) of every menu entry, at every level."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield key.value, key.start_mark.line + 1
            yield from _titles(value)


def _nav(node: yaml.Node, file: str, folder: Path, problems: list[str]) -> list[NavEntry]:
    """The menu as MkDocs' ``nav`` setting: a list of pages and of sections ``{title: [...]}``."""
    if not isinstance(node, yaml.SequenceNode):
        problems.append(message("menu_entry_malformed", file=file, line=_line(node)))
        return []
    entries: list[NavEntry] = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):  # a page under its own title
            if _page(item.value, item.value, _line(item), file, folder, problems):
                entries.append(item.value)
            continue
        if not (isinstance(item, yaml.MappingNode) and len(item.value) == 1
                and isinstance(item.value[0][0], yaml.ScalarNode) and item.value[0][0].value.strip()):
            problems.append(message("menu_entry_malformed", file=file, line=_line(item)))
            continue
        key, value = item.value[0]
        if isinstance(value, yaml.SequenceNode):
            entries.append({key.value: _nav(value, file, folder, problems)})
        elif isinstance(value, yaml.ScalarNode) and value.value:
            if _page(key.value, value.value, _line(value), file, folder, problems):
                entries.append({key.value: value.value})
        else:
            problems.append(message("menu_entry_malformed", file=file, line=_line(key)))
    return entries


def _page(title: str, page: str, line: int, file: str, folder: Path, problems: list[str]) -> bool:
    """Whether ``page`` is a page of the site; the menu links to nothing else."""
    parts = page.split("/")
    if not page.endswith(".md") or page.startswith("/") or any(part in ("", ".", "..") for part in parts) \
            or "\\" in page or ":" in page:
        problems.append(message("menu_page_not_markdown", file=file, line=line, title=title, page=page))
        return False
    target = folder.joinpath(*parts)
    if not target.is_file():
        shown = f"{folder.parent.name}/{folder.name}/{page}"
        problems.append(message("menu_page_missing", file=file, line=line, title=title, page=page, path=shown))
        return False
    return True


def _translations(node: yaml.Node | None, file: str, locales: list[str],
                  problems: list[str], default: str) -> dict[str, dict[str, str]]:
    malformed = {"locales": ", ".join(f"{locale}:" for locale in locales), "language": language_name(default)}
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(message("menu_translations_malformed", file=file, line=_line(node), **malformed))
        return {}
    found: dict[str, dict[str, str]] = {}
    for key, value in node.value:
        locale = _scalar(key)
        if locale not in locales:
            problems.append(message("menu_unknown_language", file=file, line=_line(key), locale=locale or "…",
                                    known=", ".join(locales)))
            continue
        if not isinstance(value, yaml.MappingNode):
            problems.append(message("menu_translations_malformed", file=file, line=_line(value), **malformed))
            continue
        titles: dict[str, str] = {}
        for title, text in value.value:
            if not isinstance(title, yaml.ScalarNode) or not isinstance(text, yaml.ScalarNode):
                problems.append(message("menu_translations_malformed", file=file, line=_line(title), **malformed))
            elif not text.value.strip():
                problems.append(message("menu_translation_empty", file=file, line=_line(title),
                                        title=title.value, locale=locale))
            else:
                titles[title.value] = text.value
        found[locale] = titles
    return found


def _unused_translations(top: dict[str, yaml.Node], file: str, default: str) -> list[str]:
    """Translated titles that no menu entry has: a title renamed under nav: but not here."""
    titles = {title for title, _ in _titles(top.get("nav"))}
    return [message("menu_translation_unused", file=file, line=_line(key), title=key.value,
                    language=language_name(default))
            for language in _mapping(top.get("nav_translations")).values() if isinstance(language, yaml.MappingNode)
            for key, _ in language.value if isinstance(key, yaml.ScalarNode) and key.value not in titles]
