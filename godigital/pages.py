"""Checks on the Markdown pages editors write."""

from __future__ import annotations

import re

import yaml

FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?)^(---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)


def front_matter_problem(source: str) -> str | None:
    """What is wrong with a page's front matter (the block between ``---`` lines), if anything.

    MkDocs shows a page whose front matter is not valid YAML as if it had
    none, with the block as visible text; editors need to be told instead.
    """
    match = FRONT_MATTER.match(source)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(2))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 2}: " if mark else ""
        what = getattr(error, "problem", None) or "not valid YAML"
        return (f"{line}the block between the '---' lines at the top is malformed ({what}). "
                "Write one 'name: value' per line; put quotes around values containing ': '.")
    if data is not None and not isinstance(data, dict):
        return "the block between the '---' lines at the top must hold 'name: value' lines."
    return None
