"""Build-speed benchmark: what the events machinery costs, against baselines.

For 2, 100 and 1,000 synthetic events it builds, in temporary copies of the
project, each time in a fresh process:

  events    the site with the events hook and N events
  no hook   the same site with the events hook switched off
  pages     no hook, plus N hand-written Markdown pages per language instead

and prints a Markdown table of medians, ratios and feed sizes.

    make bench                      # or: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --sizes 2 100 --runs 3
    .venv/bin/python bench/run.py --profile 1000   # pyinstrument profile of one build
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("docs", "data", "overrides", "godigital", "mkdocs.yml")


def make_project(dest: Path, events: int, scenario: str) -> Path:
    for name in SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    (dest / "data/events.yaml").write_text(synthetic.events_yaml(events if scenario == "events" else 0),
                                           encoding="utf-8")
    if scenario != "events":
        config = dest / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("  - hooks/agenda.py\n", ""),
                          encoding="utf-8")
    if scenario == "pages":
        for lang in ("fr", "de"):
            folder = dest / "docs" / lang / "agenda"
            folder.mkdir()
            for event in synthetic.events(events):
                (folder / f"{event['id']}.md").write_text(synthetic.page(event, lang), encoding="utf-8")
        config = dest / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "\nnot_in_nav: |\n  /fr/agenda/\n  /de/agenda/\n",
                          encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    return dest


def measure(project: Path, extra: list[str] | None = None) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench/build_once.py"), str(project),
                          str(project / "site"), *(extra or [])],
                         capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "1514764800",
                                                              "PATH": "/usr/bin:/bin"})
    if out.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results if key in r)


def run(sizes: list[int], runs: int) -> str:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            projects = {s: make_project(Path(tmp) / s, size, s) for s in ("events", "no hook", "pages")}
            results = {s: [measure(p, ["--rebuild-after-edit"] if s == "events" and i == 0 else None)
                           for i in range(runs)] for s, p in projects.items()}
            site = projects["events"] / "site"
            per_event = sorted((site / "events").glob("*.ics"))
            rows.append({
                "size": size,
                **{f"{s}_s": median(r, "seconds") for s, r in results.items()},
                **{f"{s}_mib": median(r, "peak_mib") for s, r in results.items()},
                "hook_s": median(results["events"], "hook_seconds"),
                "rebuild_s": median(results["events"], "rebuild_seconds"),
                "rebuild_hook_s": median(results["events"], "rebuild_hook_seconds"),
                "feed_kib": (site / "calendar.ics").stat().st_size / 1024,
                "event_file_kib": statistics.mean(p.stat().st_size for p in per_event) / 1024 if per_event else 0,
            })
    return table(rows, runs)


def table(rows: list[dict], runs: int) -> str:
    lines = [
        f"CPU seconds, medians of {runs} builds per cell, each in a fresh process; both languages built.",
        "",
        "| Events | Build with events | Hook code | Hook share | Without hook | Same number of pages "
        "| Cost per event / per page | Rebuild after edit (hook share) | Peak memory (events / pages) "
        "| calendar.ics | Per-event .ics |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        extra_events = r["events_s"] - r["no hook_s"]
        extra_pages = r["pages_s"] - r["no hook_s"]
        # Below ~100 events the differences are within the noise.
        ratio = f"{extra_events / extra_pages:.2f}" if r["size"] >= 100 and extra_pages > 0 else "n/a"
        lines.append(
            f"| {r['size']:,} | {r['events_s']:.2f} s | {r['hook_s']:.3f} s | {100 * r['hook_s'] / r['events_s']:.1f} % "
            f"| {r['no hook_s']:.2f} s | {r['pages_s']:.2f} s | {ratio} | {r['rebuild_s']:.2f} s ({100 * r['rebuild_hook_s'] / r['rebuild_s']:.1f} %) "
            f"| {r['events_mib']:.0f} / {r['pages_mib']:.0f} MiB | {r['feed_kib']:.1f} KiB | {r['event_file_kib']:.1f} KiB |"
        )
    hooks = {r["size"]: r["hook_s"] for r in rows}
    if 100 in hooks and 1000 in hooks and hooks[100] > 0:
        lines += ["", f"Hook time at 1,000 events is {hooks[1000] / hooks[100]:.1f}x the time at 100 (linear: 10x)."]
    return "\n".join(lines)


def profile(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "events", size, "events")
        target = ROOT / "bench/results" / f"profile-{size}.txt"
        target.parent.mkdir(exist_ok=True)
        measure(project, ["--profile", str(target)])
        print(f"Profile written to {target.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=int, metavar="EVENTS")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
        return
    report = run(args.sizes, args.runs)
    out = ROOT / "bench/results/latest.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
