"""The site's languages, as the i18n plugin is configured in ``mkdocs.yml``.

This is the only place that knows which languages the site has: everything
per language (events' texts, labels, menu titles, feeds, pages, 404s, search
indexes, nginx's routing) follows from a ``Languages`` made here. The default
language comes first; its pages are at the site's root, every other
language's under ``/<code>/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

I18N_PLUGIN = "i18n"
# Babel's regional variant for Luxembourg where it has one (dates as written
# in Luxembourg), else its variant for Europe (English: "20 March 2018", not
# the United States' "March 20, 2018"), else the language itself.
REGIONS = ("LU", "150")


@dataclass(frozen=True)
class Languages:
    """The site's language codes, the default one first."""

    codes: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.codes:
            raise ValueError("a site has at least one language")

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    @property
    def default(self) -> str:
        return self.codes[0]

    @property
    def others(self) -> tuple[str, ...]:
        return self.codes[1:]

    def root(self, code: str) -> str:
        """The address of a language's home, from the site's root: ``/`` or ``/de/``."""
        return "/" if code == self.default else f"/{code}/"

    def of_path(self, src_uri: str) -> str | None:
        """The language of a page in ``docs/<code>/...``, or None outside the language folders."""
        first = src_uri.split("/", 1)[0]
        return first if first in self.codes else None


def from_entries(entries: Iterable[dict[str, Any] | Any]) -> Languages:
    """From the i18n plugin's ``languages`` list, as data or as the plugin's config objects."""
    built: list[str] = []
    default: str | None = None
    for entry in entries:
        settings = entry if isinstance(entry, dict) else {key: getattr(entry, key, None)
                                                          for key in ("locale", "build", "default")}
        code = str(settings.get("locale"))
        if settings.get("build") is False:
            continue
        if settings.get("default"):
            default = code
        built.append(code)
    if default is None and built:
        default = built[0]
    return Languages(tuple(sorted(built, key=lambda code: code != default)))


def from_file(config_file: Path | str) -> Languages:
    """Read from ``mkdocs.yml`` as plain data (tags are not run: see ``config_safety``)."""
    return from_text(Path(config_file).read_text(encoding="utf-8-sig"), str(config_file))


def from_text(text: str, config_file: str = "mkdocs.yml") -> Languages:
    """From the text of ``mkdocs.yml`` (a committed version of it, say); ``ValueError`` without the i18n plugin."""
    root = yaml.compose(text.lstrip("\ufeff"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for plugin in _items(_value(root, "plugins")):
        if isinstance(plugin, yaml.MappingNode):
            options = _value(plugin, I18N_PLUGIN)
            if options is not None:
                return from_entries(_plain(entry) for entry in _items(_value(options, "languages")))
    raise ValueError(f"{config_file}: the {I18N_PLUGIN} plugin is not configured")


def from_plugins(plugins: Any) -> Languages:
    """From a loaded MkDocs configuration's plugins (``config.plugins``)."""
    plugin = plugins.get(I18N_PLUGIN)
    if plugin is None:
        raise ValueError(f"the {I18N_PLUGIN} plugin is not configured")
    return from_entries(plugin.config.languages)


def og_locale(code: str) -> str:
    """The language as Open Graph's ``og:locale`` writes it: ``fr_LU``, ``de_LU``, ``en``
    (a language and a country; Europe, ``150``, is no country)."""
    locale = babel_locale(code)
    parts = locale.split("_")
    return locale if len(parts) == 2 and len(parts[1]) == 2 else parts[0]


@cache
def babel_locale(code: str) -> str:
    """The Babel locale that writes dates and times for ``code``: ``fr_LU``, ``de_LU``, ``en_150``, ``pt_BR``...

    Raises ``ValueError`` for a language Babel has no data for.
    """
    code = code.replace("-", "_")
    for candidate in (*(f"{code}_{region}" for region in REGIONS), code, code.split("_")[0]):
        try:
            return str(Locale.parse(candidate))
        except (UnknownLocaleError, ValueError):
            continue
    raise ValueError(code)


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value_node
                return found
    return None


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _plain(node: yaml.Node) -> dict[str, Any]:
    """A language entry's scalar settings (locale, default, build)."""
    entry: dict[str, Any] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag.startswith("tag:yaml.org,2002:"):
                entry[str(key_node.value)] = yaml.constructor.SafeConstructor().construct_object(value_node)
    return entry
