"""Shared fixtures: the site is built once per test session and shared."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitepages import SitePage

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "de")


def build_site(project: Path, site_dir: Path, env: dict[str, str] | None = None):
    """Run ``mkdocs build --strict`` on a project folder, return the process result."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GODIGITAL_MESSAGES": "en", **(env or {})},
        timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project's sources, for builds with broken input."""
    for name in ("docs", "data", "hooks", "overrides", "godigital", "mkdocs.yml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session", autouse=True)
def english_messages():
    """Tests read the editors' messages in English unless they choose a language."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GODIGITAL_MESSAGES", "en")
        yield


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site as ``make build`` writes it, built once for the whole session."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def pages(site) -> dict[str, SitePage]:
    """Every HTML page of the site but the 404 page, keyed by its path in the site."""
    return {
        path.relative_to(site).as_posix(): SitePage.read(path)
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html"
    }


def page_tree(site: Path, lang: str) -> set[str]:
    """The pages of one language, as paths relative to that language's root."""
    root = site if lang == "fr" else site / lang
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("index.html")
        if lang != "fr" or not p.relative_to(root).parts[0] in LANGUAGES[1:]
    }


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory):
    """The built site behind the production nginx configuration, on a loopback port."""
    from tests.servers import Nginx

    with Nginx(site, tmp_path_factory.mktemp("nginx")) as server:
        yield server
