"""Real calendar parsers, run on built files: ical.js (Node.js) and libical (GObject bindings).

Each returns, for every event of the given files, the UTC instant it reads,
resolving times only through each file's own VTIMEZONE.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import require

LIBICAL_PYTHON = "/usr/bin/python3"  # Debian's bindings live beside Debian's Python


def require_module(command: list[str], why: str) -> None:
    """Like ``require`` for a library: skip locally when missing, fail under CI."""
    if subprocess.run(command, capture_output=True).returncode == 0:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} (.ci/run installs it)")
    pytest.skip(why)


def icaljs_instants(files: list[Path]) -> list[dict]:
    node = require("node", "ical.js runs on Node.js")
    require_module([node, "-e", "require.resolve('ical.js')"], "ical.js is not installed: run 'npm ci'")
    return _run([node, str(ROOT / "tests/clients/icaljs_instants.mjs")], files)


def libical_instants(files: list[Path]) -> list[dict]:
    require_module([LIBICAL_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0'); "
                    "from gi.repository import ICalGLib"],
                   "libical's GObject bindings are not installed (Debian: gir1.2-ical-3.0 python3-gi)")
    return _run([LIBICAL_PYTHON, str(ROOT / "tests/clients/libical_instants.py")], files)


def _run(command: list[str], files: list[Path]) -> list[dict]:
    out = subprocess.run([*command, *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)
