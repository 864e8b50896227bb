"""The settings file (mkdocs.yml), checked before a build, with messages editors understand.

A YAML mistake in mkdocs.yml otherwise ends in parser jargon, and a wrong
setting in MkDocs' English or a traceback. ``config_problems`` reads and
validates the file as MkDocs will, and returns one message per problem, in
the editor's language, naming the file and the line. ``make build`` (through
``godigital.build``) and the preview call it before MkDocs starts.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from godigital.config_safety import config_safety_problems
from godigital.messages import message
from godigital.yaml_errors import explain

if TYPE_CHECKING:
    from mkdocs.config.base import ConfigErrors, ConfigWarnings

DEFAULT_CONFIG = "mkdocs.yml"
_UNKNOWN = re.compile(r"^Unrecognised configuration name: (?P<name>.+?)\.?$")
# How MkDocs names a plugin's setting in its messages: the plugin, the option, a setting inside it.
_PLUGIN = re.compile(r"^Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': "
                     r"(?:Sub-option '(?P<sub>[^']+)': )?(?P<rest>.*)$", re.DOTALL)
_EXTENSION = re.compile(r"^Failed to load extension '(?P<name>[^']+)'")


def config_problems(config_file: Path | str = DEFAULT_CONFIG) -> list[str]:
    """What is wrong with the settings file, one message per problem; empty when MkDocs can use it.

    Warnings count as problems: ``make build`` runs MkDocs with ``--strict``.
    """
    path = Path(config_file)
    name = os.path.relpath(path) if path.is_absolute() else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [message("config_missing", file=name)]
    except UnicodeDecodeError as error:
        return [f"{name}{message('separator')}{message('file_not_utf8', reason=error.reason)}"]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return [explain(error, text).text(name)]
    if not isinstance(root, yaml.MappingNode):
        return [message("config_not_a_mapping", file=name)]
    # Before MkDocs reads the file: its loader would run a tag's command.
    refused = config_safety_problems(path)
    if refused:
        return refused
    errors, warnings, known = _validate(path)
    problems = []
    used: set[int] = set()  # lines already named, so that the same typo twice gets both its lines
    for key, failure in errors:
        detail = str(failure).strip().rstrip(".")
        extension = _EXTENSION.match(detail)
        if key == "markdown_extensions" and extension:
            name_ = extension["name"]
            close = difflib.get_close_matches(name_, _extensions_like(name_), n=1)
            problems.append(message("config_unknown_extension", file=name, line=_extension_line(root, name_),
                                    name=name_, hint=_hint(close)))
            continue
        problems.append(message("config_invalid_value", file=name, line=_line(root, key, detail, used),
                                name=key, detail=detail))
    for key, warning in warnings:
        line = _line(root, key, str(warning), used)
        plugin = _PLUGIN.match(str(warning))
        unknown = _UNKNOWN.match(plugin["rest"] if plugin else str(warning))
        if plugin and unknown:
            close = difflib.get_close_matches(unknown["name"], _plugin_options(root, plugin), n=1)
            problems.append(message("config_unknown_plugin_option", file=name, line=line, name=unknown["name"],
                                    plugin=plugin["plugin"], hint=_hint(close)))
        elif unknown:
            close = difflib.get_close_matches(unknown["name"], known, n=1)
            problems.append(message("config_unknown_option", file=name, line=line, name=unknown["name"],
                                    hint=_hint(close)))
        else:
            problems.append(message("config_warning", file=name, line=line, name=key,
                                    detail=str(warning).strip().rstrip(".")))
    return problems


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _validate(path: Path) -> tuple[ConfigErrors, ConfigWarnings, list[str]]:
    """MkDocs' own validation of the file: errors, warnings, and the names of the known settings."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError

    config = MkDocsConfig(config_file_path=str(path))
    try:
        with path.open("rb") as handle:
            config.load_file(handle)
    except ConfigurationError as error:
        return [("", error)], [], []
    # Relative paths in the file (docs_dir) are relative to it, as in MkDocs.
    cwd = os.getcwd()
    try:
        os.chdir(path.resolve().parent)
        errors, warnings = config.validate()
    except Exception as error:  # a plugin or hook that fails to load
        errors, warnings = [("", error)], []
    finally:
        os.chdir(cwd)
    return errors, warnings, [key for key, _ in config._schema]


def _top(key: str) -> str:
    return key.split(".", 1)[0]


def _hint(close: list[str]) -> str:
    return " " + message("did_you_mean", suggestion=close[0]) if close else ""


def _line(root: yaml.MappingNode, key: str, text: str, used: set[int]) -> int:
    """The line (from 1) of the setting a message of MkDocs is about: the deepest key of it found in the file."""
    top = _get(root, _top(key))
    line = top[0].start_mark.line + 1 if top else 1
    plugin = _PLUGIN.match(text) if key == "plugins" and top else None
    if not plugin or top is None:
        return line
    found = _plugin_node(top[1], plugin["plugin"])
    if found is None:
        return line
    option = _get(found[1], plugin["option"])
    if option is None:
        return found[0].start_mark.line + 1
    if not plugin["sub"]:
        return option[0].start_mark.line + 1
    places = [_get(item, plugin["sub"]) for item in _items(option[1])]
    lines = [place[0].start_mark.line + 1 for place in places if place]
    free = [number for number in lines if number not in used]
    if not free:
        return lines[0] if lines else option[0].start_mark.line + 1
    used.add(free[0])
    return free[0]


def _get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes of ``key`` in a mapping node, or None."""
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                return name, value
    return None


def _items(node: yaml.Node) -> list[yaml.MappingNode]:
    """The settings a plugin option holds: the mappings of a list, or the mapping itself."""
    if isinstance(node, yaml.SequenceNode):
        return [item for item in node.value if isinstance(item, yaml.MappingNode)]
    return [node] if isinstance(node, yaml.MappingNode) else []


def _plugin_node(plugins: yaml.Node, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, settings) nodes of the plugin ``name`` under ``plugins:`` (a list or a mapping)."""
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            found = _get(item, name)
            if found:
                return found
        return None
    return _get(plugins, name)


def _plugin_options(root: yaml.MappingNode, plugin: re.Match[str]) -> list[str]:
    """The names a plugin accepts where the unknown one was written.

    Read from the plugin's own configuration scheme when it can be loaded; otherwise the
    names written at the same place elsewhere in the file (such as another language's).
    """
    names: list[str] = []
    try:
        from importlib.metadata import entry_points

        from mkdocs.config import config_options

        [entry] = [point for point in entry_points(group="mkdocs.plugins") if point.name == plugin["plugin"]]
        schema = dict(entry.load().config_class._schema)
        if plugin["sub"]:
            option = schema[plugin["option"]]
            option = getattr(option, "option_type", option)  # a list of settings groups
            if isinstance(option, config_options.SubConfig) and option.config_class is not None:
                names = [name for name, _ in option.config_class._schema]
        else:
            names = list(schema)
    except Exception:  # the plugin cannot be loaded, or its scheme is not the usual one
        names = []
    if names:
        return names
    top = _get(root, "plugins")
    found = _plugin_node(top[1], plugin["plugin"]) if top else None
    if found is None:
        return []
    if not plugin["sub"]:
        return [name.value for name, _ in _items(found[1])[0].value] if _items(found[1]) else []
    option = _get(found[1], plugin["option"])
    return sorted({name.value for item in _items(option[1]) for name, _ in item.value
                   if name.value != plugin["sub"]}) if option else []


def _extension_line(root: yaml.MappingNode, name: str) -> int:
    """The line of the Markdown extension ``name`` in the list under ``markdown_extensions:``."""
    top = _get(root, "markdown_extensions")
    if top is None:
        return 1
    entries: list[yaml.Node] = top[1].value if isinstance(top[1], yaml.SequenceNode) else []
    for entry in entries:
        if (isinstance(entry, yaml.ScalarNode) and entry.value == name) or _get(entry, name):
            return entry.start_mark.line + 1
    return top[0].start_mark.line + 1


def _extensions_like(name: str) -> list[str]:
    """The installed Markdown extensions a misspelt ``name`` could stand for."""
    import importlib
    import pkgutil
    from importlib.metadata import entry_points

    names = [point.name for point in entry_points(group="markdown.extensions")]
    package = name.rsplit(".", 1)[0] if "." in name else "markdown.extensions"
    try:
        module = importlib.import_module(package)
        names += [f"{package}.{info.name}" for info in pkgutil.iter_modules(getattr(module, "__path__", []))]
    except Exception:  # no such package: nothing to suggest from it
        pass
    return names
