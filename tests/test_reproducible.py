"""Two builds of the same sources are byte-identical: HTML, sitemap, search index, calendars."""

from __future__ import annotations

import filecmp
from pathlib import Path

from tests.conftest import FIXTURE_EPOCH, build_site, fixture_project


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_two_builds_of_the_same_sources_are_identical(fixture, tmp_path):
    """The second build runs from another folder: where a project lies leaves no trace either."""
    again = tmp_path / "site"
    result = build_site(fixture_project(tmp_path / "elsewhere"), again, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    files = tree(fixture.site)
    assert files == tree(again)
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "calendar.ics",
            "de/calendar.ics"} <= files
    _, mismatch, errors = filecmp.cmpfiles(fixture.site, again, sorted(files), shallow=False)
    assert mismatch == [] and errors == []
