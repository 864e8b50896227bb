"""The Lighthouse reports of tools/lighthouse/measure as a Markdown table.

For each page: the median performance score and Total Blocking Time with the
lowest and highest run, the median of the other categories, and where the
main thread's time went (Lighthouse's own breakdown, median of the runs), so
that a slow run can be told from a busy machine.
    python3 tools/lighthouse/summarize.py REPORTS_DIR PATH...
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

CATEGORIES = ("accessibility", "best-practices", "seo")
# Lighthouse's groups of main-thread work (audit "mainthread-work-breakdown").
WORK = {"scriptEvaluation": "script", "scriptParseCompile": "parse", "styleLayout": "style",
        "paintCompositeRender": "paint", "parseHTML": "html", "garbageCollection": "gc", "other": "other"}


def name_of(path: str) -> str:
    return path.strip("/").replace("/", "_") or "home"


def spread(values: list[float], digits: int = 0) -> str:
    fmt = f"{{:.{digits}f}}"
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def work_of(report: dict) -> dict[str, float]:
    items = report["audits"]["mainthread-work-breakdown"]["details"]["items"]
    return {WORK.get(item["group"], item["group"]): item["duration"] for item in items}


def main(folder: Path, paths: list[str]) -> None:
    summary = {}
    print("| Page | Runs | Performance | TBT, ms | LCP, s | Main thread, ms (script / parse / style) "
          "| Accessibility | Best practices | SEO |")
    print("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    for path in paths:
        reports = [json.loads(file.read_text(encoding="utf-8"))
                   for file in sorted(folder.glob(f"{name_of(path)}.*.json"))]
        reports = [r for r in reports if r["categories"]["performance"]["score"] is not None]
        if not reports:
            print(f"| `{path}` | 0 | – | – | – | – | – | – | – |")
            continue
        scores = [r["categories"]["performance"]["score"] * 100 for r in reports]
        tbt = [r["audits"]["total-blocking-time"]["numericValue"] for r in reports]
        lcp = [r["audits"]["largest-contentful-paint"]["numericValue"] / 1000 for r in reports]
        works = [work_of(r) for r in reports]
        total = [r["audits"]["mainthread-work-breakdown"]["numericValue"] for r in reports]
        work = {k: statistics.median(w.get(k, 0) for w in works) for k in ("script", "parse", "style")}
        others = [round(statistics.median(r["categories"][c]["score"] * 100 for r in reports)) for c in CATEGORIES]
        print(f"| `{path}` | {len(reports)} | {spread(scores)} | {spread(tbt)} | {spread(lcp, 1)} "
              f"| {statistics.median(total):.0f} ({work['script']:.0f} / {work['parse']:.0f} / {work['style']:.0f}) | "
              + " | ".join(map(str, others)) + " |")
        summary[path] = {"performance": scores, "tbt": tbt, "lcp": lcp, "main_thread": total}
    (folder / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
