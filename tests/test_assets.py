"""The theme's search worker is named by the theme's files, never written in a template."""

from __future__ import annotations

import re

import pytest

from godigital.assets import WORKERS, search_worker


def test_the_worker_is_read_from_the_first_theme_folder_that_has_one(tmp_path):
    ours, theme = tmp_path / "overrides", tmp_path / "material"
    (theme / WORKERS).mkdir(parents=True)
    (theme / WORKERS / "search.0123abcd.min.js").write_text("x")
    (theme / WORKERS / "search.0123abcd.min.js.map").write_text("x")
    ours.mkdir()
    assert search_worker([str(ours), str(theme)]) == f"{WORKERS}/search.0123abcd.min.js"


def test_no_worker_or_two_are_named_not_guessed(tmp_path):
    with pytest.raises(ValueError, match="no assets/javascripts/workers/search"):
        search_worker([str(tmp_path)])
    (tmp_path / WORKERS).mkdir(parents=True)
    for name in ("search.aaaa.min.js", "search.bbbb.min.js"):
        (tmp_path / WORKERS / name).write_text("x")
    with pytest.raises(ValueError, match="more than one search worker"):
        search_worker([str(tmp_path)])


def test_every_page_loads_the_worker_the_site_publishes(site):
    for page in [site / "index.html", site / "de" / "agenda" / "index.html", site / "404.html"]:
        [address] = re.findall(r'"search": *"([^"]+)"', page.read_text(encoding="utf-8"))
        published = (page.parent / address) if not address.startswith("/") else site / address.lstrip("/")
        assert published.resolve().is_file(), (page, address)
