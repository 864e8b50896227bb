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

import yaml

from godigital.messages import message
from godigital.yaml_errors import explain

DEFAULT_CONFIG = "mkdocs.yml"
_UNKNOWN = re.compile(r"^Unrecognised configuration name: (?P<name>.+)$")


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
    lines = {key.value: key.start_mark.line + 1 for key, _ in root.value if isinstance(key, yaml.ScalarNode)}

    errors, warnings, known = _validate(path)
    problems = []
    for key, error in errors:
        detail = str(error).strip().rstrip(".")
        problems.append(message("config_invalid_value", file=name, line=lines.get(_top(key), 1),
                                name=key, detail=detail))
    for key, warning in warnings:
        line = lines.get(_top(key), 1)
        unknown = _UNKNOWN.match(str(warning))
        if unknown:
            close = difflib.get_close_matches(unknown["name"], known, n=1)
            hint = " " + message("did_you_mean", suggestion=close[0]) if close else ""
            problems.append(message("config_unknown_option", file=name, line=line, name=unknown["name"], hint=hint))
        else:
            problems.append(message("config_warning", file=name, line=line, name=key,
                                    detail=str(warning).strip().rstrip(".")))
    return problems


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _validate(path: Path):
    """MkDocs' own validation of the file: errors, warnings, and the names of the known settings."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError

    config = MkDocsConfig(config_file_path=str(path))
    try:
        with path.open("rb") as handle:
            config.load_file(handle)
    except ConfigurationError as error:
        return [("", error)], [], []
    # Relative paths in the file (docs_dir, hooks) are relative to it, as in MkDocs.
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
