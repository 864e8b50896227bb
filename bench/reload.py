"""Save-to-reload benchmark: how long the preview takes to show a saved change.

Starts the preview (``python -m godigital.preview``, what ``make serve`` runs,
or ``mkdocs serve`` for comparison) on a temporary copy of the project at its
shipped size, then saves a page and the events file several times each. For
every save it measures, from the moment the file is written:

  reload    until the browser's reload script learns of a newer build
            (the ``/livereload/<epoch>/<id>`` request returns)
  served    until the page is served with the new text

and prints the medians. Wall-clock seconds: this is what an editor waits.

    .venv/bin/python bench/reload.py                # 7 saves of each file
    .venv/bin/python bench/reload.py --saves 3 --server mkdocs
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("docs", "data", "overrides", "godigital", "mkdocs.yml")
SCRIPT = re.compile(r"livereload\((\d+), (\d+)\);")
SERVERS = {
    "preview": [sys.executable, "-m", "godigital.preview", "--livereload", "--dev-addr"],
    "mkdocs": [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr"],
}


def _get(url: str, timeout: float = 90) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(project: Path, server: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen([*SERVERS[server], f"127.0.0.1:{port}"], cwd=project,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _get(url, timeout=5)
            return process, url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"{server} did not start")


def _save(url: str, page: str, path: Path, old: str, new: str, shown: str) -> tuple[float, float]:
    """Write one change; seconds until the reload signal and until the new text is served."""
    epoch, request_id = SCRIPT.search(_get(url + page)).groups()
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    start = time.perf_counter()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    while int(_get(f"{url}livereload/{epoch}/{request_id}")) <= int(epoch):
        pass
    reload = time.perf_counter() - start
    while shown not in _get(url + page):
        time.sleep(0.01)
    return reload, time.perf_counter() - start


def run(server: str, saves: int) -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in SOURCES:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, project / name)
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
        process, url = _start(project, server)
        try:
            page = project / "docs/fr/index.md"
            events = project / "data/events.yaml"
            title = re.search(r'^      fr: "?([^"\n]+?)"?$', events.read_text(encoding="utf-8"), re.M)[1]
            results = {"page": [], "events": []}
            for number in range(saves):
                time.sleep(0.5)  # an editor does not save twice in a second
                old = "\n# " if number == 0 else f"Édition {number - 1}."
                new = "\nÉdition 0.\n\n# " if number == 0 else f"Édition {number}."
                results["page"].append(_save(url, "", page, old, new, f"Édition {number}."))
                time.sleep(0.5)
                previous = title if number == 0 else f"Titre modifié {number - 1}"
                results["events"].append(_save(url, "agenda/", events, previous, f"Titre modifié {number}",
                                               f"Titre modifié {number}"))
        finally:
            process.terminate()
            process.wait(timeout=20)
    return {what: (statistics.median(r for r, _ in values), statistics.median(s for _, s in values))
            for what, values in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=7)
    parser.add_argument("--server", choices=sorted(SERVERS), default="preview")
    args = parser.parse_args()
    medians = run(args.server, args.saves)
    print(f"Save to reload with {args.server}, medians of {args.saves} saves (wall seconds):\n")
    print("| Saved file | Reload signal | New text served |")
    print("| --- | ---: | ---: |")
    for what, label in (("page", "a page (docs/fr/index.md)"), ("events", "the events file (data/events.yaml)")):
        reload, served = medians[what]
        print(f"| {label} | {reload:.2f} s | {served:.2f} s |")


if __name__ == "__main__":
    main()
