"""The plugin's pipeline as documented: its docstring and README list the steps it runs."""

from __future__ import annotations

import re

from mkdocs.plugins import CombinedEvent

from godigital import plugin
from tests.conftest import ROOT


def documented(text: str) -> list[tuple[str, str]]:
    """(event, priority) of each row of the docstring's table."""
    rows = []
    for line in text.splitlines():
        match = re.match(r"^(on_[a-z_]+)\s{2,}(-?\d+)?\s", line)
        if match:
            rows.append((match[1], match[2] or ""))
    return rows


def registered() -> list[tuple[str, str]]:
    """(event, priority) of each handler the plugin class defines, in MkDocs' order."""
    rows = []
    for name in dir(plugin.GoDigitalPlugin):
        if not name.startswith("on_"):
            continue
        value = plugin.GoDigitalPlugin.__dict__.get(name)
        if value is None:
            continue  # BasePlugin's own placeholders
        methods = value.methods if isinstance(value, CombinedEvent) else (value,)
        for method in methods:
            rows.append((name, getattr(method, "mkdocs_priority", 0)))
    return rows


def test_the_docstring_lists_every_step_the_plugin_registers():
    events_with_priority = {"on_startup", "on_build_error", "on_shutdown"}
    expected = sorted((event, "" if event in events_with_priority else str(priority)) for event, priority in registered())
    assert sorted(documented(plugin.__doc__)) == expected


def test_the_readme_shows_the_same_pipeline_as_the_docstring():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(on_[a-z_]+)` \| (-?\d*) \| (.+) \|$", readme, re.M)
    doc_rows = []
    for line in plugin.__doc__.splitlines():
        match = re.match(r"^(on_[a-z_]+)?\s*(-?\d+)?\s{2,}(\S.*)$", line)
        if match and match[1]:
            doc_rows.append([match[1], match[2] or "", match[3].strip()])
        elif match and doc_rows and line.startswith(" "):
            doc_rows[-1][2] += " " + match[3].strip()
    assert [list(row) for row in rows] == doc_rows
