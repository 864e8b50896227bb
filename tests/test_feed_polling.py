"""Calendar apps polling the feeds: gzip, and a 304 after a rebuild that changed nothing.

The site is built from a fixture project, published with deploy/publish into
the folder the production nginx configuration serves, rebuilt and published
again, as the README's deploy section says.
"""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import Nginx, http_get
from tests.test_feed_clients import FIXTURE, build_project, fixture_project

pytestmark = pytest.mark.nginx

FEEDS = ("/calendar.ics", "/de/calendar.ics", "/events/lux-juillet-2025.ics")


def publish(site: Path, target: Path) -> str:
    result = subprocess.run([str(ROOT / "deploy/publish"), str(site), str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_feeds_are_gzipped_text_calendar(tmp_path):
    site = build_project(fixture_project(tmp_path / "project"), tmp_path / "site")
    with Nginx(site, tmp_path) as nginx:
        for path in FEEDS:
            response = http_get(nginx, path, {"Accept-Encoding": "gzip"})
            assert response.status == 200
            assert response.getheader("Content-Type") == "text/calendar; charset=utf-8"
            assert response.getheader("Content-Encoding") == "gzip"
            assert gzip.decompress(response.body) == (site / path.lstrip("/")).read_bytes()


def test_a_rebuild_with_the_same_bytes_answers_pollers_304_and_a_change_200(tmp_path):
    project = fixture_project(tmp_path / "project")
    served = tmp_path / "served"
    publish(build_project(project, tmp_path / "build1"), served)
    (tmp_path / "nginx").mkdir()
    with Nginx(served, tmp_path / "nginx") as nginx:
        first = {path: http_get(nginx, path, {"Accept-Encoding": "gzip"}) for path in FEEDS}
        etags = {path: response.getheader("ETag") for path, response in first.items()}
        assert all(etags.values())

        # Same commit, built again (every file rewritten), published again.
        publish(build_project(project, tmp_path / "build2"), served)
        for path in FEEDS:
            assert http_get(nginx, path, {"If-None-Match": etags[path], "Accept-Encoding": "gzip"}).status == 304
            assert http_get(nginx, path, {"If-Modified-Since": first[path].getheader("Last-Modified")}).status == 304

        # An editor changes one event: its file and both feeds change, the other files do not.
        events = FIXTURE.read_text(encoding="utf-8")
        changed = events.replace('fr: "Atelier d\'été"', 'fr: "Atelier d\'été (nouvelle salle)"')
        assert changed != events
        (project / "data/events.yaml").write_text(changed, encoding="utf-8")
        publish(build_project(project, tmp_path / "build3"), served)
        for path in ("/calendar.ics", "/events/lux-juillet-2025.ics"):
            response = http_get(nginx, path, {"If-None-Match": etags[path], "Accept-Encoding": "gzip"})
            assert response.status == 200
            assert response.getheader("ETag") not in (None, etags[path])
            assert "nouvelle salle" in gzip.decompress(response.body).decode("utf-8")
        # The German feed and texts did not change.
        assert http_get(nginx, "/de/calendar.ics", {"If-None-Match": etags["/de/calendar.ics"]}).status == 304


def test_publishing_removes_what_the_site_no_longer_has_and_refuses_a_non_site(tmp_path):
    site, target = tmp_path / "site", tmp_path / "target"
    (site / "events").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "events/a.ics").write_text("A")
    publish(site, target)
    (site / "events/a.ics").unlink()
    (site / "b.ics").write_text("B")
    assert "1 added, 1 removed" in publish(site, target)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["b.ics", "index.html"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = subprocess.run([str(ROOT / "deploy/publish"), str(empty), str(target)], capture_output=True, text=True)
    assert result.returncode != 0 and "not a built site" in result.stderr
    assert (target / "index.html").exists()
