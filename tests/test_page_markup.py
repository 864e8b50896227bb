"""A page an editor writes may hold text, links and images, never code that runs in readers' browsers."""

from __future__ import annotations

import pytest

from godigital.page_markup import source_line, unsafe_markup
from tests.conftest import build_site, fixture_project


@pytest.mark.parametrize(("html", "kind"), [
    ("<p>a</p><script>alert(1)</script>", "element"),
    ('<img src="x.png" onerror="alert(1)">', "handler"),
    ('<p onclick="x()">a</p>', "handler"),
    ('<a href="javascript:alert(1)">a</a>', "scheme"),
    ('<a href="  JaVa\tScRiPt:alert(1)">a</a>', "scheme"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', "scheme"),
    ('<iframe src="https://evil.example/"></iframe>', "element"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "element"),
    ('<base href="https://evil.example/">', "element"),
])
def test_code_in_a_page_is_found(html, kind):
    assert kind in [found for found, _ in unsafe_markup(html)]


def test_text_links_and_images_are_fine():
    html = ('<h2 id="x">Titre</h2><p>Si 1 &lt; 2 <a href="contact/">contact</a> '
            '<a href="https://www.cdm.lu">CdM</a> <img alt="" src="../assets/a.svg"></p><!-- hooks/agenda.py -->')
    assert unsafe_markup(html) == []


def test_the_line_is_found_in_the_markdown_source():
    assert source_line("---\ntitle: x\n---\n\nTexte\n<SCRIPT>x</SCRIPT>\n", "<script") == 6
    assert source_line("nothing here", "<script") == 1


@pytest.mark.parametrize(("markdown", "expected"), [
    ("<script>alert(1)</script>", "runs code or loads another page (<script…)"),
    ("[Cliquez](javascript:alert(1))", "a link starting with 'javascript:'"),
    ('<p onmouseover="alert(1)">x</p>', "an HTML attribute that runs code (onmouseover=…)"),
])
def test_code_in_a_page_stops_the_build_with_file_and_line(tmp_path, markdown, expected):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/fr/ateliers.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{markdown}\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index(markdown) + 1
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/fr/ateliers.md, line {line}: " in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr
