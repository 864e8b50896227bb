"""Every page converts in bounded time and depth: pathological shapes are refused, anything else is stopped in time."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from godigital.page_limits import (
    MAX_ABBREVIATIONS,
    MAX_ANGLES_PER_PARAGRAPH,
    MAX_BRACKETS_PER_PARAGRAPH,
    MAX_DEPTH,
    MAX_HEADINGS,
    Deadline,
    nesting_depth,
    shape_problems,
)
from tests.conftest import FIXTURE, build_site, fixture_project

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "toc", "pymdownx.details", "pymdownx.superfences"]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": False}}).convert(text)


# -----------------------------------------------------------------------------
# The shapes
# -----------------------------------------------------------------------------

# Each: the Markdown, the message's words, the line it names (the page starts at line 1).
REFUSED = {
    "brackets": ("Intro.\n\n" + "[" * 20_000, "'['", 3),
    "images": ("![" * 4_000, "'['", 1),
    "link openings": ("[a](" * 1_000, "'['", 1),
    "brackets over lines": ("Texte\n" + "[a \n" * (MAX_BRACKETS_PER_PARAGRAPH + 1), "'['", MAX_BRACKETS_PER_PARAGRAPH + 2),
    "unclosed tags": ("<a " * 8_000, "'<'", 1),
    "unclosed addresses": ("<http://a" * 8_000, "'<'", 1),
    "nested divs": ("<div markdown>\n" * 400 + "a\n" + "</div>\n" * 400, "'<'", MAX_ANGLES_PER_PARAGRAPH + 1),
    "nested list": ("\n".join("    " * i + "- a" for i in range(300)), "levels deep", MAX_DEPTH + 2),
    "nested list with tabs": ("\n".join("\t" * i + "- a" for i in range(40)), "levels deep", MAX_DEPTH + 2),
    "nested numbered list": ("\n".join("    " * i + "1. a" for i in range(300)), "levels deep", MAX_DEPTH + 2),
    "nested quotes": ("> " * 300 + "a", "levels deep", 1),
    "nested quote lines": ("\n".join(">" * (i + 1) + " a" for i in range(300)), "levels deep", MAX_DEPTH + 1),
    "nested notes": ("\n".join("    " * i + "!!! note\n" + "    " * (i + 1) + "a\n" for i in range(300)),
                     "levels deep", 3 * MAX_DEPTH + 2),
    "nested details": ("\n".join("    " * i + "??? note\n" + "    " * (i + 1) + "a\n" for i in range(300)),
                       "levels deep", 3 * MAX_DEPTH + 2),
    "abbreviations": ("".join(f"*[A{i}]: x\n" for i in range(3_000)) + "\nA1\n", "abbreviations", MAX_ABBREVIATIONS + 1),
    "headings": ("".join(f"# h{i}\n\n" for i in range(30_000)), "headings", 2 * MAX_HEADINGS + 1),
}


@pytest.mark.parametrize("name", REFUSED)
def test_pathological_shapes_are_refused_with_their_line(name):
    text, words, line = REFUSED[name]
    start = time.monotonic()
    problems = shape_problems(text)
    assert time.monotonic() - start < 1
    assert problems, name
    assert problems[0].startswith(f"line {line}: "), problems
    assert words in problems[0]


def test_lines_are_counted_from_the_first_line_of_the_page():
    assert shape_problems("[" * 1000, first_line=6)[0].startswith("line 6: ")


def test_each_kind_is_said_once():
    assert len(shape_problems(("[" * 1000 + "\n\n") * 5)) == 1


RICH = """\
# Nos programmes {#programmes}

Un paragraphe avec un [lien](https://example.org), une ![image](img.png){ width="300" },
des [références][ref] et <https://example.org>, **du gras**, *de l'italique* et `du code`.

- un point
    - un sous-point
        1. encore plus bas
- un [autre lien](contact.md)

> Une citation
> > dans une citation

!!! note "À savoir"
    Une note.

    ??? info "Détails"
        Des détails, avec des <abbr>PME</abbr>.

<div markdown>
Du *Markdown* dans du HTML.
</div>

```python
def f():
                                                                        return [[[[[[[[1]]]]]]]]  # [[[[
```

*[PME]: Petites et moyennes entreprises

[ref]: https://example.org
"""


def test_ordinary_rich_pages_pass():
    assert shape_problems(RICH) == []
    # Links by the dozen, in paragraphs of their own.
    assert shape_problems(("Voir [le lien](a.md) et <https://example.org>. " * 50 + "\n\n") * 200) == []


@pytest.mark.parametrize("page", sorted((FIXTURE / "docs").rglob("*.md")), ids=lambda path: path.name)
def test_the_fixture_pages_pass(page):
    assert shape_problems(page.read_text(encoding="utf-8")) == []


def test_code_in_a_fence_is_not_nested_or_linked():
    fence = "```\n" + ("[" * 300 + "\n") + (" " * 200 + "x\n") + "```\n"
    assert shape_problems(fence) == []
    assert shape_problems(fence + "\n" + "[" * 300)  # after the fence, counted again
    assert shape_problems("```\n" + "*[A]: x\n" * 300)  # never closed: no code


@pytest.mark.parametrize("line, depth", [
    ("text", 0), ("- a", 0), ("    - a", 1), ("\t- a", 1), ("  \t- a", 1), ("> a", 1), ("> > > a", 3),
    (">>> a", 3), ("    > > a", 3), ("", 0), ("        ", 0),
])
def test_nesting_depth(line, depth):
    assert nesting_depth(line) == depth


# The characters that make Python-Markdown work hardest, in random mixes of long runs.
TOKENS = [*"[]()<>!`*_&\\{}#:|=-~\t \n", "    ", "> ", "- ", "\n\n", "a", "![", "[a](", "<a ", "*[A]: x\n"]
RISKY = st.lists(st.tuples(st.sampled_from(TOKENS), st.integers(1, 3_000)), max_size=5).map(
    lambda runs: "".join(token * count for token, count in runs))


@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RISKY)
def test_any_mix_of_risky_characters_is_refused_or_converts_quickly(text):
    if shape_problems(text):
        return
    start = time.process_time()
    convert(text)
    assert time.process_time() - start < 1


# -----------------------------------------------------------------------------
# The deadline
# -----------------------------------------------------------------------------

class Expired(Exception):
    pass


def test_the_deadline_stops_work_that_runs_too_long():
    deadline = Deadline()
    start = time.monotonic()
    with pytest.raises(Expired):
        assert deadline.arm(0.2, Expired)
        while True:
            pass
    assert time.monotonic() - start < 2
    deadline.disarm(check=False)


def test_work_that_swallows_the_deadline_is_stopped_when_it_ends():
    deadline = Deadline()
    assert deadline.arm(0.1, Expired)
    try:
        while True:
            pass
    except Exception:
        pass
    with pytest.raises(Expired):
        deadline.disarm()


def test_work_within_the_deadline_goes_on():
    deadline = Deadline()
    assert deadline.arm(0.5, Expired)
    deadline.disarm()
    time.sleep(0.7)  # disarmed: nothing is raised later


def test_outside_the_main_thread_the_deadline_is_off():
    armed = []
    thread = threading.Thread(target=lambda: armed.append(Deadline().arm(0.1, Expired)))
    thread.start()
    thread.join()
    assert armed == [False]


# -----------------------------------------------------------------------------
# Builds of the fixture site
# -----------------------------------------------------------------------------

def _write_page(project: Path, body: str) -> None:
    page = project / "docs/fr/ateliers.md"
    head = page.read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n\n"  # 4 lines of front matter
    page.write_text(head + body, encoding="utf-8")


def _build(project: Path) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "godigital.build", "--site-dir", str(project / "site")],
                            cwd=project, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GODIGITAL_MESSAGES": "en"})
    return result, time.monotonic() - start


@pytest.mark.parametrize("body, expected", [
    ("Intro.\n\n" + "[" * 20_000 + "\n", "docs/fr/ateliers.md, line 8: this paragraph has more than"),
    ("\n".join("    " * i + "- a" for i in range(300)) + "\n", "docs/fr/ateliers.md, line 23: this line is nested"),
    ("".join(f"*[A{i}]: x\n" for i in range(3_000)), "docs/fr/ateliers.md, line 206: the page defines more than"),
], ids=["brackets", "nested list", "abbreviations"])
def test_a_pathological_page_stops_the_build_at_its_line(tmp_path, body, expected):
    project = fixture_project(tmp_path / "project")
    _write_page(project, body)
    result, seconds = _build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output
    assert "Traceback" not in output
    assert seconds < 10


def test_a_page_too_slow_for_any_rule_is_stopped_by_the_deadline(tmp_path):
    project = fixture_project(tmp_path / "project")
    _write_page(project, "a\n=\n" * 8_000)  # setext headings in one block: quadratic, about 6 s
    result, seconds = _build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/fr/ateliers.md: converting the page took more than 3 s" in output
    assert "Traceback" not in output
    assert seconds < 10


def test_nesting_deeper_than_python_can_convert_is_named_without_a_traceback(tmp_path):
    project = fixture_project(tmp_path / "project")
    # Blank lines between the tags: no paragraph holds many '<', no line is indented.
    _write_page(project, "<div markdown>\n\n" * 400 + "a\n\n" + "</div>\n\n" * 400)
    result, seconds = _build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/fr/ateliers.md: the page's lists, quotes, notes or HTML blocks are nested too deeply" in output
    assert "Traceback" not in output
    assert seconds < 10


def test_the_fixture_site_still_builds(tmp_path):
    project = fixture_project(tmp_path / "project")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
