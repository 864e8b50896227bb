"""The first setup behind ``make serve`` and ``make build``: the site's tools, installed saying so.

Creates the virtual environment and installs the exact versions of
``requirements.lock``, then the site's own package. It says first what it
does and about how long it takes, shows pip's progress on one line (one
line per tenth of the packages when the output is not a terminal, as in
CI), and the time it took. pip's errors reach the terminal as pip writes
them, and the setup fails with pip's status.

It runs on the system's Python, before the environment exists: the
standard library only. Its messages are single-line, double-quoted entries
of the catalogues, which read the same as JSON strings.

    python3 -m godigital.setup VENV requirements.lock
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import TextIO

from godigital.messages import CATALOGUE_DIR, FALLBACK, editor_language

PIP = ("-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off")
# A pinned requirement of the lock file: "name==version \".
_PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?==", re.MULTILINE)
# What pip prints as it takes each package: from an index, a file (pip's find-links), or as installed.
_TAKEN = re.compile(r"^(?:Collecting|Requirement already satisfied:) ([A-Za-z0-9._-]+)"
                    r"|^Processing \S*?([A-Za-z0-9_.]+)-[0-9]")


def text(key: str, **params: object) -> str:
    """A catalogue message read with the standard library (the editor's language, else English)."""
    for lang in dict.fromkeys((editor_language(), FALLBACK)):
        path = CATALOGUE_DIR / f"{lang}.yaml"
        found = re.search(rf'^{re.escape(key)}: (".*")\s*$', path.read_text(encoding="utf-8"), re.MULTILINE)
        if found:
            return str(json.loads(found.group(1))).format(**params)
    raise KeyError(key)


def install(python: Path, lock: Path, out: TextIO = sys.stdout) -> int:
    """pip install of the lock, its progress on one line; pip's status."""
    total = max(len(_PINNED.findall(lock.read_text(encoding="utf-8"))), 1)
    live = out.isatty()
    process = subprocess.Popen([str(python), *PIP, "--require-hashes", "-r", str(lock)],
                               stdout=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
    assert process.stdout is not None
    taken = 0
    for line in process.stdout:
        found = _TAKEN.match(line)
        if not found:
            continue
        taken += 1
        shown = f"  [{min(taken, total)}/{total}] {found.group(1) or found.group(2)}"
        if live:
            out.write(f"\r\033[K{shown}")
            out.flush()
        elif taken % max(total // 10, 1) == 0:
            out.write(f"{shown}\n")
    if live:
        out.write("\r\033[K")
    return process.wait()


def main(argv: list[str] | None = None) -> int:
    venv, lock = (sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    print(text("setup_start"), flush=True)
    python = Path(venv) / "bin" / "python"
    if not python.exists():
        status = subprocess.call([sys.executable, "-m", "venv", venv])
        if status:
            return status
    status = install(python, Path(lock))
    if not status:
        status = subprocess.call([str(python), *PIP, "--quiet", "--no-deps", "--no-build-isolation",
                                  "--editable", "."])
    if not status:
        print(text("setup_done", seconds=round(time.monotonic() - started)), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
