"""Build-speed benchmark: the site against the same site on plain Material + i18n.

For each number of synthetic events (2, the shipped size, 100 and 1,000) it
builds, in temporary copies of the project, each time in a fresh process,
alternating the two:

  site    the project as it is: the godigital plugin, overrides/, N events
  plain   the same pages on plain Material + mkdocs-static-i18n (no plugin, no
          overrides), with one hand-written page per event and language
          holding the same facts

and prints a Markdown table of CPU medians and their ratio.

    make bench                      # or: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --sizes 2 100 --runs 5
    .venv/bin/python bench/run.py --profile 1000   # pyinstrument profile of one build
"""

from __future__ import annotations

import argparse
import json
import re
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
SCENARIOS = ("site", "plain")


def make_project(dest: Path, events: int, scenario: str) -> Path:
    for name in SOURCES:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / name)
    (dest / "data/events.yaml").write_text(synthetic.events_yaml(events), encoding="utf-8")
    if scenario == "plain":
        config = dest / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        for line in ("  - godigital\n", "  custom_dir: overrides\n", "  - overrides\n",
                     "  - assets/stylesheets/site.css\n", "extra_css:\n"):
            text = text.replace(line, "")
        config.write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
        shutil.rmtree(dest / "overrides")
        shutil.rmtree(dest / "godigital")
        for page in (dest / "docs").rglob("*.md"):  # the home template is one of the overrides
            page.write_text(re.sub(r"(?m)^template: .*\n", "", page.read_text(encoding="utf-8")),
                            encoding="utf-8")
        for lang in ("fr", "de"):
            folder = dest / "docs" / lang / "agenda"
            folder.mkdir()
            for event in synthetic.events(events):
                (folder / f"{event['id']}.md").write_text(synthetic.page(event, lang), encoding="utf-8")
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
            projects = {s: make_project(Path(tmp) / s, size, s) for s in SCENARIOS}
            results: dict[str, list[dict]] = {s: [] for s in SCENARIOS}
            for i in range(runs):  # alternating, so that a busy moment weighs on both
                for s, p in projects.items():
                    results[s].append(measure(p, ["--rebuild-after-edit"] if s == "site" and i == 0 else None))
            site = projects["site"] / "site"
            rows.append({
                "size": size,
                **{f"{s}_s": median(r, "seconds") for s, r in results.items()},
                **{f"{s}_mib": median(r, "peak_mib") for s, r in results.items()},
                "plugin_s": median(results["site"], "plugin_seconds"),
                "rebuild_s": median(results["site"], "rebuild_seconds"),
                "feed_kib": (site / "calendar.ics").stat().st_size / 1024,
            })
    return table(rows, runs)


def table(rows: list[dict], runs: int) -> str:
    lines = [
        f"CPU seconds, medians of {runs} builds per cell, each in a fresh process, the two alternating; "
        "every language built.",
        "",
        "| Events | Site | Plain Material + i18n | Ratio (target ≤ 1.2) | Plugin's own code | Rebuild after edit "
        "| Peak memory (site / plain) | calendar.ics |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['site_s']:.2f} s | {r['plain_s']:.2f} s | {r['site_s'] / r['plain_s']:.2f}x "
            f"| {r['plugin_s']:.2f} s | {r['rebuild_s']:.2f} s | {r['site_mib']:.0f} / {r['plain_mib']:.0f} MiB "
            f"| {r['feed_kib']:.1f} KiB |"
        )
    return "\n".join(lines)


def profile(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "site", size, "site")
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
