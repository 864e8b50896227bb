"""How fast and how small the build stays when an editor's input is far too big.

Each case copies the project, writes one oversized or hostile input, runs
``python -m godigital.build`` in a fresh process and reports wall seconds,
the child's peak memory, whether the build stopped, and the first line of
what the editor is told. The bound: the build ends within 10 s and 500 MB
without a traceback, either refusing the input with a message or, for a
shape that is merely odd, building it.

    python bench/limits.py            # table in Markdown, for bench/README.md
    python bench/limits.py deep_list  # only the cases named
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("docs", "data", "overrides", "godigital", "mkdocs.yml")
BOUND_SECONDS, BOUND_MB = 10, 500


def _event(number: int, description: str) -> str:
    return (f"  - id: big-{number}\n    title:\n      fr: Atelier {number}\n      de: Workshop {number}\n"
            f"    description:\n      fr: {description}\n      de: {description}\n"
            f"    start: 2030-01-{1 + number % 28:02d}\n    end: 2030-01-{1 + number % 28:02d}\n"
            f"    updated: 2030-01-01T10:00\n")


def aliased_text(project: Path) -> None:
    """One 256 KB text, referred to by 100 events through a YAML alias."""
    text = "x" * 256_000
    events = [f"  - id: big-0\n    title: {{fr: a, de: b}}\n    description: &big\n      fr: {text}\n      de: {text}\n"
              "    start: 2030-01-01\n    end: 2030-01-01\n    updated: 2030-01-01T10:00\n"]
    events += [f"  - id: big-{n}\n    title: {{fr: a, de: b}}\n    description: *big\n"
               "    start: 2030-01-01\n    end: 2030-01-01\n    updated: 2030-01-01T10:00\n" for n in range(1, 100)]
    (project / "data/events.yaml").write_text("events:\n" + "".join(events), encoding="utf-8")


def nested_aliases(project: Path) -> None:
    """The 'billion laughs': 400 aliases, each doubling the one before."""
    lines = ["a0: &a0 [lol, lol]"] + [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]" for n in range(1, 400)]
    (project / "data/events.yaml").write_text("\n".join(lines) + "\nevents: []\n", encoding="utf-8")


def many_events(project: Path) -> None:
    """5,000 small, valid events."""
    events = "".join(_event(n, "Un atelier.") for n in range(5000))
    (project / "data/events.yaml").write_text("events:\n" + events, encoding="utf-8")


def over_the_event_limit(project: Path) -> None:
    """501 small events in a file under the size limit."""
    events = "".join(_event(n, "Un atelier.") for n in range(501))
    (project / "data/events.yaml").write_text("events:\n" + events, encoding="utf-8")


def huge_description(project: Path) -> None:
    """One event whose description is 50 MB."""
    (project / "data/events.yaml").write_text("events:\n" + _event(1, "y" * 50_000_000), encoding="utf-8")


def front_matter_aliases(project: Path) -> None:
    """Nested aliases in a page's front matter."""
    page = project / "docs/fr/contact.md"
    lines = ["a0: &a0 [lol, lol]"] + [f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]" for n in range(1, 60)]
    page.write_text("---\ntitle: Contact\n" + "\n".join(lines) + "\n---\n\n# Contact\n", encoding="utf-8")


def duplicates(project: Path) -> None:
    """The same event 100,000 times: every line would be a problem."""
    (project / "data/events.yaml").write_text("events:\n" + _event(1, "Un atelier.") * 100_000, encoding="utf-8")


def huge_page(project: Path) -> None:
    """A 50 MB Markdown page."""
    page = project / "docs/fr/contact.md"
    page.write_text("---\ntitle: Contact\ndescription: " + "Une description de page assez longue pour la règle. " * 2
                    + "\n---\n\n# Contact\n\n" + ("Un paragraphe. " * 60 + "\n\n") * 55_000, encoding="utf-8")


def _page(project: Path, body: str) -> None:
    page = project / "docs/fr/contact.md"
    head = page.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    page.write_text(head + "\n---\n\n# Contact\n\n" + body + "\n", encoding="utf-8")


def open_brackets(project: Path) -> None:
    """20 kB of '[' in one paragraph."""
    _page(project, "[" * 20_000)


def unclosed_links(project: Path) -> None:
    """'[a](' 10,000 times in one paragraph."""
    _page(project, "[a](" * 10_000)


def unclosed_images(project: Path) -> None:
    """'![' 4,000 times in one paragraph."""
    _page(project, "![" * 4_000)


def deep_list(project: Path) -> None:
    """A list nested 300 levels deep."""
    _page(project, "\n".join("    " * depth + "- item" for depth in range(300)))


def deep_quote(project: Path) -> None:
    """A quote nested 2,000 levels deep on one line."""
    _page(project, ">" * 2_000 + " text")


def many_abbreviations(project: Path) -> None:
    """3,000 abbreviation definitions."""
    _page(project, "PME et KMU.\n\n" + "".join(f"*[A{n}]: abbreviation {n}\n" for n in range(3_000)))


def many_headings(project: Path) -> None:
    """5,000 headings."""
    _page(project, "".join(f"## Heading {n}\n\n" for n in range(5_000)))


def emphasis_runs(project: Path) -> None:
    """Runs of '*' and '_' that never close, 40 kB in one paragraph."""
    _page(project, "*_" * 20_000)


def backtick_runs(project: Path) -> None:
    """Runs of '`' of every length up to 300, none closed."""
    _page(project, " ".join("`" * n + "a" for n in range(1, 300)))


def deep_html(project: Path) -> None:
    """<div markdown="1"> nested 600 deep, one per paragraph."""
    _page(project, "\n\n".join(['<div markdown="1">'] * 600 + ["x"] + ["</div>"] * 600))


def backslashes(project: Path) -> None:
    """200 kB of '\\' in one paragraph (no limit names it: the deadline stops it)."""
    _page(project, "\\" * 200_000)


CASES = [aliased_text, nested_aliases, many_events, over_the_event_limit, huge_description, front_matter_aliases,
         duplicates, huge_page, open_brackets, unclosed_links, unclosed_images, deep_list, deep_quote,
         many_abbreviations, many_headings, emphasis_runs, backtick_runs, deep_html, backslashes]


def measure(case) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        for name in SOURCES:
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        # Written by another process: a child's peak memory starts from its parent's.
        subprocess.run([sys.executable, __file__, "--write", case.__name__, str(project)], check=True)
        log = Path(tmp) / "build.log"
        start = time.monotonic()
        with log.open("w") as output:
            process = subprocess.Popen([sys.executable, "-m", "godigital.build", "--site-dir", str(project / "site")],
                                       cwd=project, stdout=output, stderr=subprocess.STDOUT,
                                       env={**os.environ, "GODIGITAL_MESSAGES": "en", "NO_MKDOCS_2_WARNING": "1",
                                            "SOURCE_DATE_EPOCH": "1893456000"})
            _, status, usage = os.wait4(process.pid, 0)  # this build's own peak memory
        seconds = time.monotonic() - start
        output = log.read_text(encoding="utf-8", errors="replace")
        # The line that names the file and line, not the heading above it.
        lines = output.splitlines()
        said = [line.strip(" -") for line in lines if ", line " in line] or [
            line.strip(" -") for line in lines if line.startswith("ERROR") and ("docs/" in line or "data/" in line)]
        return {"case": case.__doc__.strip(), "seconds": seconds, "mb": usage.ru_maxrss / 1024,
                "stopped": os.waitstatus_to_exitcode(status) != 0, "traceback": "Traceback" in output,
                "said": said[0] if said else ""}


def main() -> None:
    names = sys.argv[1:]
    print(f"| Input | Stopped | Wall s | Peak MB | Within {BOUND_SECONDS} s / {BOUND_MB} MB "
          "| First line of the message |")
    print("| --- | --- | ---: | ---: | --- | --- |")
    for case in CASES:
        if names and case.__name__ not in names:
            continue
        row = measure(case)
        mb = f"{row['mb']:.0f}"
        within = not row["traceback"] and row["seconds"] < BOUND_SECONDS and row["mb"] < BOUND_MB
        said = row["said"].removeprefix("ERROR").strip(" -")[:120].replace("|", "\\|")
        traceback = " (traceback)" if row["traceback"] else ""
        print(f"| {row['case']} | {'yes' if row['stopped'] else 'no, built'}{traceback} "
              f"| {row['seconds']:.1f} | {mb} | {'yes' if within else '**no**'} | {said} |", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        {case.__name__: case for case in CASES}[sys.argv[2]](Path(sys.argv[3]))
    else:
        main()
