"""mkdocs.yml read as data only, before MkDocs reads it as code.

MkDocs loads mkdocs.yml with PyYAML's unsafe loader: a tag such as
``!!python/object/apply:os.system`` runs a command on the build machine the
moment the file is read, ``!ENV`` publishes a variable of the build machine,
and ``INHERIT:`` reads another file the same way. And Material prints
several settings as HTML without escaping them (the header's site name, the
repository link, the footer's copyright and social links).

``config_safety_problems`` composes the file with PyYAML's safe loader, which
builds nodes and constructs nothing, and checks it against what this project
uses: the plain YAML types only, texts that print exactly as written, https
addresses, the reviewed stylesheets, scripts and plugins (hooks are refused:
the site's code is the godigital plugin). Every path that
builds or previews calls it before MkDocs sees the file.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from godigital.messages import message
from godigital.yaml_errors import explain

MENU_FILE = "data/menu.yml"
_CORE = "tag:yaml.org,2002:"
# What PyYAML's safe loader resolves plain values to; ``!!str`` and the like name the same tags.
PLAIN_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))
# (tag, value) pairs MkDocs may construct. None today: ``!!python/name:`` imports
# (and so runs) a module, and ``!ENV`` would put a variable of the build machine
# (a CI token) into the pages. A pair added here is a reviewed code change.
REVIEWED_TAGS: frozenset[tuple[str, str]] = frozenset()
# The only stylesheets and scripts pages load besides the theme's; files in docs/ are the editors'.
EXTRA_CSS = ("assets/stylesheets/site.css",)
EXTRA_JAVASCRIPT: tuple[str, ...] = ()
# The Markdown extensions godigital/page_markup.py's allowlist is made for, and the
# plugins the build is made of: pymdownx.snippets would paste /etc/passwd or
# .git/config into a page, and plugins such as social or privacy fetch from
# other hosts while building. Only the table of contents takes options.
MARKDOWN_EXTENSIONS = ("abbr", "admonition", "attr_list", "md_in_html", "toc", "pymdownx.details",
                       "pymdownx.superfences")
EXTENSION_OPTIONS = {"toc": ("permalink",)}
PLUGINS = ("search", "godigital", "i18n")
# Settings whose value is fixed: the theme the templates and the policy are made for,
# and where the pages and the templates are.
FIXED = {"theme.name": "material", "docs_dir": "docs", "site_dir": "site", "theme.custom_dir": "overrides"}
# Settings the theme prints as text, at the top level and per language of the i18n plugin.
TEXTS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
LANGUAGE_TEXTS = ("name", *TEXTS)
URLS = ("site_url", "repo_url")
# extra: only what this project may use, each checked below.
EXTRA_KEYS = ("social", "generator", "homepage")
SOCIAL_KEYS = ("icon", "link", "name")
REFUSED = ("INHERIT", "nav", "extra_templates", "hooks")
# Characters that would not print as themselves in HTML (markup, entities, attribute ends)
# or that no setting needs (control characters, line and paragraph separators).
_UNPRINTABLE = re.compile(r"[<>\"&\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*")
_IMAGE = (".svg", ".png", ".ico", ".webp")
_ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)*")


def config_safety_problems(config_file: Path | str) -> list[str]:
    """What in mkdocs.yml this project does not allow, one message per problem; empty when none.

    Reads the file as YAML nodes only: nothing in it is constructed or run.
    A file that cannot be read returns no problem here (``config_check``
    says so); one that is not YAML gets its syntax error explained, since
    MkDocs' loader then stops before constructing anything.
    """
    path = Path(config_file)
    name = os.path.relpath(path) if path.is_absolute() else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        # Unreadable as YAML: nothing can be constructed from it, but say where.
        return [explain(error, text).text(name)]
    problems = [message("config_tag_refused", file=name, line=node.start_mark.line + 1, tag=_shown(node.tag))
                for node in _tagged(root)]
    if isinstance(root, yaml.MappingNode):
        problems += [f"{name}, {message('at_line', line=line)}{message('separator')}{text_}"
                     for line, text_ in _setting_problems(root)]
    return problems


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _shown(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _tagged(node: yaml.Node | None, seen: set[int] | None = None) -> Iterator[yaml.Node]:
    """Every node whose tag is neither a plain YAML type nor a reviewed pair, in file order."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return
    seen.add(id(node))
    value = node.value if isinstance(node, yaml.ScalarNode) else None
    if node.tag not in PLAIN_TAGS and (node.tag, value) not in REVIEWED_TAGS:
        yield node
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _tagged(item, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, item in node.value:
            yield from _tagged(key, seen)
            yield from _tagged(item, seen)


def _entries(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _setting_problems(root: yaml.MappingNode) -> Iterator[tuple[int, str]]:
    top = _entries(root)
    for key in REFUSED:
        if key in top:
            text = message("config_nav_moved", file=MENU_FILE) if key == "nav" else \
                message("config_setting_refused", name=key)
            yield _line(top[key][0]), text
    for key in TEXTS:
        if key in top:
            yield from _text(key, top[key][1])
    for key in URLS:
        if key in top:
            yield from _url(key, top[key][1])
    if "edit_uri" in top:
        node = top["edit_uri"][1]
        if not (_is_path(node, allow_slash_end=True) or _https(node)):
            yield _line(node), message("config_edit_uri_refused", name="edit_uri")
    if "theme" in top and not isinstance(top["theme"][1], yaml.MappingNode):
        # "theme: mkdocs" names another theme in one line.
        yield _line(top["theme"][1]), message("config_fixed_value", name="theme.name", expected=FIXED["theme.name"])
    for dotted, expected in FIXED.items():
        parent, _, key = dotted.rpartition(".")
        entries = _entries(top[parent][1]) if parent and parent in top else top if not parent else {}
        if key in entries and not (isinstance(entries[key][1], yaml.ScalarNode)
                                   and entries[key][1].value.rstrip("/") == expected):
            yield _line(entries[key][1]), message("config_fixed_value", name=dotted, expected=expected)
    yield from _theme(_entries(top["theme"][1]) if "theme" in top else {})
    if "theme" in top:
        yield from _font(top["theme"])
        yield from _printed_as_written("theme", top["theme"][1])
    if "markdown_extensions" in top:
        yield from _extensions(top["markdown_extensions"][1])
    if "plugins" in top:
        yield from _plugins(top["plugins"][1])
    yield from _assets("extra_css", top.get("extra_css"), EXTRA_CSS)
    yield from _assets("extra_javascript", top.get("extra_javascript"), EXTRA_JAVASCRIPT)
    if "extra" in top:
        yield from _extra("extra", top["extra"][1])
    if "plugins" in top:
        yield from _i18n(top["plugins"][1])


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _text(name: str, node: yaml.Node) -> Iterator[tuple[int, str]]:
    value = _scalar(node)
    if value is None:
        yield _line(node), message("config_text_expected", name=name)
        return
    found = _UNPRINTABLE.search(value)
    if found:
        yield _line(node), message("config_text_refused", name=name, char=_char(found.group()))


def _printed_as_written(name: str, node: yaml.Node) -> Iterator[tuple[int, str]]:
    """Every key and text under ``node``: Material prints theme settings into the page
    unescaped (``palette.primary`` in an attribute, ``icon.admonition``'s names in a
    <style>, a toggle's name), so none may hold what HTML reads as markup."""
    if isinstance(node, yaml.ScalarNode):
        found = _UNPRINTABLE.search(node.value)
        if found:
            yield _line(node), message("config_text_refused", name=name, char=_char(found.group()))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _printed_as_written(name, item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_name = f"{name}.{key.value}" if isinstance(key, yaml.ScalarNode) else name
            yield from _printed_as_written(key_name, key)
            yield from _printed_as_written(key_name, value)


def _char(char: str) -> str:
    return repr(char) if char.isprintable() else f"U+{ord(char):04X}"


def _https(node: yaml.Node) -> bool:
    value = _scalar(node)
    if value is None or _UNPRINTABLE.search(value) or any(c.isspace() or c in "'`\\" for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname) and "@" not in parts.netloc


def _url(name: str, node: yaml.Node) -> Iterator[tuple[int, str]]:
    if not _https(node):
        yield _line(node), message("config_url_refused", name=name)


def _is_path(node: yaml.Node, allow_slash_end: bool = False) -> bool:
    value = _scalar(node)
    if value is None:
        return False
    if allow_slash_end:
        value = value.rstrip("/")
    return bool(_PATH.fullmatch(value)) and ".." not in value.split("/")


def _is_link(node: yaml.Node) -> bool:
    """An address on this site, such as ``/de/``."""
    value = _scalar(node) or ""
    inside = value.strip("/")
    return value.startswith("/") and (not inside or (bool(_PATH.fullmatch(inside)) and ".." not in inside.split("/")))


def _theme(theme: dict[str, tuple[yaml.Node, yaml.Node]]) -> Iterator[tuple[int, str]]:
    for key in ("logo", "favicon"):
        if key in theme:
            node = theme[key][1]
            path = _scalar(node) if _is_path(node) else None
            if not (path and path.lower().endswith(_IMAGE)):
                yield _line(node), message("config_image_refused", name=f"theme.{key}", kinds=", ".join(_IMAGE))


def _font(entry: tuple[yaml.Node, yaml.Node]) -> Iterator[tuple[int, str]]:
    """Material loads its fonts from Google's servers unless ``font: false``, on every page."""
    key, node = entry
    found = _entries(node).get("font")
    if found is None:
        yield _line(key), message("config_font_refused")
    elif not (found[1].tag == _CORE + "bool" and found[1].value.lower() == "false"):
        yield _line(found[1]), message("config_font_refused")


def _named_items(node: yaml.Node) -> Iterator[tuple[yaml.Node, str | None, yaml.Node | None]]:
    """The items of a list of extensions or plugins: ``- name`` or ``- name: {options}``."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        if isinstance(item, yaml.ScalarNode):
            yield item, item.value, None
        elif (isinstance(item, yaml.MappingNode) and len(item.value) == 1
              and isinstance(item.value[0][0], yaml.ScalarNode)):
            yield item.value[0][0], item.value[0][0].value, item.value[0][1]
        elif isinstance(item, yaml.MappingNode) and isinstance(node, yaml.MappingNode):
            yield from ((key, key.value, value) for key, value in item.value if isinstance(key, yaml.ScalarNode))
        else:
            yield item, None, None


def _extensions(node: yaml.Node) -> Iterator[tuple[int, str]]:
    for key, name, options in _named_items(node):
        if name not in MARKDOWN_EXTENSIONS:
            close = difflib.get_close_matches(name or "", MARKDOWN_EXTENSIONS, n=1)
            hint = " " + message("did_you_mean", suggestion=close[0]) if close else ""
            yield _line(key), message("config_extension_refused", value=name or "…", hint=hint,
                                      allowed=", ".join(MARKDOWN_EXTENSIONS))
            continue
        if options is None or (isinstance(options, yaml.ScalarNode) and options.tag == _CORE + "null"):
            continue
        allowed = EXTENSION_OPTIONS.get(name, ())
        for option, (option_key, value) in _entries(options).items():
            if option not in allowed or value.tag != _CORE + "bool":
                yield _line(option_key), message("config_setting_refused", name=f"markdown_extensions.{name}.{option}")
        if not isinstance(options, yaml.MappingNode):
            yield _line(options), message("config_setting_refused", name=f"markdown_extensions.{name}")


def _plugins(node: yaml.Node) -> Iterator[tuple[int, str]]:
    for key, name, options in _named_items(node):
        if name not in PLUGINS:
            yield _line(key), message("config_plugin_refused", value=name or "…", allowed=", ".join(PLUGINS))
        elif name == "search" and options is not None and not (
                isinstance(options, yaml.ScalarNode) and options.tag == _CORE + "null"):
            yield _line(key), message("config_setting_refused", name="plugins.search")


def _assets(name: str, entry: tuple[yaml.Node, yaml.Node] | None,
            allowed: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    if entry is None:
        return
    _, node = entry
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        value = _scalar(item)
        if value is None or value not in allowed:
            shown = value if value is not None else "…"
            yield _line(item), message("config_asset_refused", name=name, value=shown,
                                       allowed=", ".join(allowed) or message("config_nothing"))


def _extra(name: str, node: yaml.Node) -> Iterator[tuple[int, str]]:
    for key, (key_node, value) in _entries(node).items():
        where = f"{name}.{key}"
        if key not in EXTRA_KEYS:
            yield _line(key_node), message("config_setting_refused", name=where)
        elif key == "homepage":
            yield from _url(where, value)
        elif key == "generator":
            if value.tag != _CORE + "bool":
                yield _line(value), message("config_setting_refused", name=where)
        elif key == "social":
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for item in items:
                entries = _entries(item)
                if not entries:
                    yield _line(item), message("config_setting_refused", name=where)
                for field, (field_node, field_value) in entries.items():
                    if field not in SOCIAL_KEYS:
                        yield _line(field_node), message("config_setting_refused", name=f"{where}.{field}")
                    elif field == "link":
                        yield from _url(f"{where}.link", field_value)
                    elif field == "name":
                        yield from _text(f"{where}.name", field_value)
                    elif not _ICON.fullmatch(_scalar(field_value) or ""):
                        yield _line(field_value), message("config_setting_refused", name=f"{where}.icon")


def _i18n(plugins: yaml.Node) -> Iterator[tuple[int, str]]:
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:
        found = _entries(entry).get("i18n")
        if found is None:
            continue
        languages = _entries(found[1]).get("languages")
        for language in getattr(languages[1], "value", None) or [] if languages else []:
            fields = _entries(language)
            for key in LANGUAGE_TEXTS:
                if key in fields:
                    yield from _text(f"i18n.languages.{key}", fields[key][1])
            if "nav_translations" in fields:
                yield _line(fields["nav_translations"][0]), message("config_nav_moved", file=MENU_FILE)
            if "link" in fields and not _is_link(fields["link"][1]):
                yield _line(fields["link"][1]), message("config_setting_refused", name="i18n.languages.link")
            if "extra" in fields:
                yield from _extra("i18n.languages.extra", fields["extra"][1])
            if "site_url" in fields:
                yield from _url("i18n.languages.site_url", fields["site_url"][1])
