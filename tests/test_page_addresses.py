"""One file per address: an editor's file never silently replaces a page, an event page or a theme file.

MkDocs writes two files with the same address one over the other, while the
menu, the search index and the sitemap keep both: ``contact.md`` and
``contact/index.md``, a page at an event page's address, or an image at the
address of the theme's logo or of the favicon the build draws.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LANGUAGES, build_site, fixture_project

PAGE = ("---\ntitle: {title}\ndescription: Une description assez longue pour les moteurs de recherche et les"
        " aperçus.\n---\n\n# {title}\n")


def _add_to_menu(project: Path, page: str) -> None:
    menu = project / "data/menu.yml"
    text = menu.read_text(encoding="utf-8")
    text = text.replace("  - Nos ateliers: ateliers.md\n", f"  - Nos ateliers: ateliers.md\n  - Autre: {page}\n")
    text = text.replace("    Nos ateliers: Unsere Workshops\n", "    Nos ateliers: Unsere Workshops\n    Autre: Andere\n")
    text = text.replace("    Nos ateliers: Our workshops\n", "    Nos ateliers: Our workshops\n    Autre: Other\n")
    menu.write_text(text, encoding="utf-8")


def _add_page(project: Path, page: str) -> None:
    for lang in LANGUAGES:
        path = project / "docs" / lang / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title="Remplaçante"), encoding="utf-8")
    _add_to_menu(project, page)


@pytest.mark.parametrize("page, expected", [
    ("ateliers/index.md", "docs/fr/ateliers/index.md is published at the same address as docs/fr/ateliers.md "
                          "(/ateliers/): readers would see only one of them"),
    ("agenda/journee-digitale-2024/index.md", "docs/fr/agenda/journee-digitale-2024/index.md has the address of "
                                              "an event from data/events.yaml."),
])
def test_a_page_at_the_address_of_another_page_stops_the_build(tmp_path, page, expected):
    project = fixture_project(tmp_path / "project")
    _add_page(project, page)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr, result.stderr


@pytest.mark.parametrize(("shared", "theirs"), [
    ("go-digital.svg", "overrides/assets/go-digital.svg"),  # the project's theme overrides
    ("images/favicon.png", "material/templates/assets/images/favicon.png"),  # Material's own
])
def test_a_shared_file_at_the_address_of_a_theme_file_stops_the_build_naming_both(tmp_path, shared, theirs):
    project = fixture_project(tmp_path / "project")
    image = project / "docs/assets" / shared
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n" if shared.endswith(".png") else
                      b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>')
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert f"docs/assets/{shared} would be published at /assets/{shared}, the address of the site's own file " \
           in result.stderr, result.stderr
    assert f"{theirs}, and one would replace the other." in result.stderr, result.stderr


def test_a_shared_file_at_the_address_of_an_icon_the_build_draws_stops_the_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    (project / "docs/assets/favicon.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>')
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert ("docs/assets/favicon.svg is published at the address of one of the site's own files "
            "(/assets/favicon.svg), which it would replace.") in result.stderr, result.stderr


def test_pages_and_images_at_their_own_addresses_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    _add_page(project, "ateliers-2/index.md")
    image = project / "docs/assets/images/logo.svg"
    image.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>')
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
