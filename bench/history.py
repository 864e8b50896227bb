"""History benchmark: what reading the events file's git history costs a build.

Every build reads each first-parent commit of ``data/events.yaml`` (one
``git log``, one ``git cat-file --batch``) and parses each version, to date
each event's last change per language and to find moved events
(``godigital.event_history``). This makes a temporary repository with N
synthetic events and C commits, each changing one event's French text, and
prints the median time of:

  first   the first read in a process (``make build``, the preview's first build)
  again   the next read in the same process (each rebuild of ``make serve``),
          where versions already parsed are not parsed again

    .venv/bin/python bench/history.py                 # 20 events; 10, 100 and 500 commits
    .venv/bin/python bench/history.py --events 100 --commits 200 --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import synthetic

from godigital import event_history, languages

ROOT = Path(__file__).resolve().parent.parent
EVENTS = "data/events.yaml"


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args],
                   cwd=project, check=True, capture_output=True)


def make_repository(dest: Path, events: int, commits: int) -> Path:
    (dest / "data").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    text = synthetic.events_yaml(events)
    _git(dest, "init", "-q")
    for number in range(commits):
        # One event's French description a commit, round the events in turn.
        marker = "fr: 'Des chefs d''entreprise"
        parts = text.split(marker)
        index = 1 + number % (len(parts) - 1)
        parts[index] = f" (v{number})" + parts[index] if not parts[index].startswith(" (v") else \
            f" (v{number})" + parts[index].split(")", 1)[1]
        text = marker.join(parts)
        (dest / EVENTS).write_text(text, encoding="utf-8")
        _git(dest, "add", "-A")
        _git(dest, "commit", "-qm", f"change {number}")
    return dest


def read(project: Path, codes: tuple[str, ...]) -> float:
    started = time.perf_counter()
    versions = event_history.git_versions(project, EVENTS)
    assert versions is not None
    event_history.summarise(versions, codes)
    return time.perf_counter() - started


def measure(events: int, commits: int, runs: int) -> tuple[float, float]:
    codes = languages.from_file(ROOT / "mkdocs.yml").codes
    with tempfile.TemporaryDirectory(prefix="godigital-history-") as folder:
        project = make_repository(Path(folder), events, commits)
        first, again = [], []
        for _ in range(runs):
            event_history._events_of.cache_clear()
            first.append(read(project, codes))
            again.append(read(project, codes))
    return statistics.median(first), statistics.median(again)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20)
    parser.add_argument("--commits", type=int, nargs="+", default=[10, 100, 500])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print(f"| Commits of {EVENTS} ({options.events} events) | First read | Next read, same process |")
    print("| ---: | ---: | ---: |")
    for commits in options.commits:
        first, again = measure(options.events, commits, options.runs)
        print(f"| {commits} | {first * 1000:.0f} ms | {again * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
