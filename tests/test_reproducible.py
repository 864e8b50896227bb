"""Two builds of the same commit are byte-identical: HTML, sitemap, search index, calendars."""

from __future__ import annotations

import filecmp
from pathlib import Path

from tests.conftest import ROOT, build_site


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_two_builds_of_the_same_commit_are_identical(site, tmp_path):
    again = tmp_path / "site"
    result = build_site(ROOT, again)
    assert result.returncode == 0, result.stderr
    files = tree(site)
    assert files == tree(again)
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "calendar.ics",
            "de/calendar.ics"} <= files
    _, mismatch, errors = filecmp.cmpfiles(site, again, sorted(files), shallow=False)
    assert mismatch == [] and errors == []
