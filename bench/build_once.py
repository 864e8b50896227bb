"""One build in a fresh process, as ``mkdocs build`` runs it, with measurements.

Prints JSON: the CPU time of the build, the CPU time spent inside the
godigital plugin's steps (and what they call), peak memory, and
optionally the same for a second build after an edit to data/events.yaml (what
``mkdocs serve`` does on save). CPU time, not wall time: on a shared virtual
machine it varies far less from run to run.

    python bench/build_once.py PROJECT SITE_DIR [--rebuild-after-edit] [--profile FILE]
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path


def timed_plugin(config, code_dir: Path, totals: dict[str, float]) -> None:
    """Wrap every event handler defined in the project's code so its time is added up."""
    for handlers in config.plugins.events.values():
        for index, handler in enumerate(handlers):
            source = inspect.getsourcefile(handler) or ""
            if not Path(source).resolve().is_relative_to(code_dir):
                continue

            @functools.wraps(handler)
            def wrapper(*args, __handler=handler, **kwargs):
                start = time.process_time()
                try:
                    return __handler(*args, **kwargs)
                finally:
                    totals["plugin"] += time.process_time() - start

            handlers[index] = wrapper


def build_once(project: Path, site_dir: Path, totals: dict[str, float]) -> float:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if (project / "godigital").is_dir():  # not in the plain Material baseline
        sys.path.insert(0, str(project))  # the project's own modules, as `mkdocs build` imports them
        from godigital.config_safety import config_safety_problems

        # As make build does: nothing in mkdocs.yml runs before it was checked.
        refused = config_safety_problems(project / "mkdocs.yml")
        if refused:
            raise SystemExit("\n".join(refused))
    start = time.process_time()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    timed_plugin(config, (project / "godigital").resolve(), totals)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--rebuild-after-edit", action="store_true")
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    os.chdir(args.project)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)

    totals = {"plugin": 0.0}
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    seconds = build_once(args.project, args.site_dir, totals)
    if profiler:
        profiler.stop()
        args.profile.write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    result = {"seconds": seconds, "plugin_seconds": totals["plugin"],
              "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}

    if args.rebuild_after_edit:
        events = args.project / "data/events.yaml"
        events.write_text(events.read_text(encoding="utf-8").replace("n° 1\n", "n° 1 (modifié)\n", 1),
                          encoding="utf-8")
        totals["plugin"] = 0.0
        result["rebuild_seconds"] = build_once(args.project, args.site_dir, totals)
        result["rebuild_plugin_seconds"] = totals["plugin"]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
