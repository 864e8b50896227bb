"""Lists nest as the editor indented them, or the build names the line.

Python-Markdown nests an item only when it is indented by 4 spaces more than
its parent; an item indented by 2, as many editors type, silently becomes a
sibling. Such an item is refused with its line.
"""

from __future__ import annotations

import markdown
import pytest

from godigital.pages import LIST_ITEM, list_problems, page_problems
from tests.conftest import build_site, fixture_project

HEAD = "---\ntitle: Atelier\ndescription: " + "Une description assez longue pour le moteur de recherche. " * 2 + "\n---\n"


def _depth(text: str) -> int:
    html = markdown.markdown(text)
    return html.count("<ul>") + html.count("<ol>")


def test_markdown_nests_at_four_spaces_and_flattens_at_two():
    assert _depth("- a\n    - b\n        - c\n") == 3
    assert _depth("- a\n  - b\n    - c\n") < 3


@pytest.mark.parametrize("body, lines", [
    ("- a\n  - b\n", [2]),
    ("- a\n    - b\n      - c\n", [3]),
    ("1. a\n   1. b\n", [2]),
    ("* a\n\n  * b\n", [3]),
    ("!!! note\n    - a\n      - b\n", [3]),
    ("- a\n\t- b\n\t  - c\n", [3]),
])
def test_an_item_indented_less_than_a_tab_stop_more_than_the_one_above_is_named(body, lines):
    problems = list_problems(body)
    assert [int(problem.split(":")[0].removeprefix("line ")) for problem in problems] == lines
    assert "Indent a nested item by 4 spaces more" in problems[0]
    items = [line for line in body.split("\n") if LIST_ITEM.match(line)]
    assert _depth(body.replace("!!! note\n", "").replace("\n    ", "\n")) < len(items)


@pytest.mark.parametrize("body", [
    "- a\n    - b\n        - c\n    - d\n- e\n",
    "- a\n- b\n",
    "-   **Titre**\n\n    ---\n\n    Texte.\n\n-   Deux\n",
    "- a\n\nParagraphe.\n\n  - b\n",
    "```\n- a\n  - b\n```\n",
    "~~~yaml\n- a\n  - b\n~~~\n- c\n",
    "- a\n\ttext\n- b\n",
])
def test_lists_that_nest_as_written_and_code_pass(body):
    assert list_problems(body) == []


def test_the_line_is_the_files_line_after_the_front_matter():
    assert [problem.split(":")[0] for problem in page_problems(HEAD + "\n# Atelier\n\n- a\n  - b\n")] == ["line 9"]


def test_a_list_nested_by_two_spaces_stops_the_build_naming_file_and_line(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/ateliers.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n- Erstens\n  - Zweitens\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").split("\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"docs/de/ateliers.md, line {lines.index('  - Zweitens') + 1}: this list item is indented 2 spaces" \
        in result.stderr
