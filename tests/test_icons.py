"""Browsers and phones find the campaign's icons, and each language has its web manifest.

``/favicon.ico`` and ``/apple-touch-icon.png`` are at the site's root, where
browsers ask for them unasked; each language's manifest starts at that
language's home; the toolbar colour is the campaign's, read from the theme's
style sheet. On the fixture site (tests/fixtures/site), and on the module alone.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image, ImageChops, ImageStat
from selectolax.lexbor import LexborHTMLParser

from godigital import icons, languages
from tests.conftest import FIXTURE_EPOCH, ROOT, build_site, fixture_project


@pytest.fixture(scope="module")
def codes(fixture) -> tuple[str, ...]:
    return languages.from_file(fixture.project / "mkdocs.yml").codes


def campaign_colours() -> icons.Colours:
    colours = icons.colours_from_css((ROOT / "overrides" / icons.STYLESHEET).read_text(encoding="utf-8"))
    assert colours is not None
    return colours


def head_links(page: Path) -> dict[str, list[dict[str, str]]]:
    """The head's <link> and <meta> elements, by rel or name."""
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    found: dict[str, list[dict[str, str]]] = {}
    for node in tree.css("head link, head meta"):
        key = node.attributes.get("rel") or node.attributes.get("name")
        if key:
            found.setdefault(key.strip(), []).append({k: v or "" for k, v in node.attributes.items()})
    return found


def target(site: Path, page: Path, href: str) -> Path:
    """The file a page's relative address leads to."""
    address = urljoin("https://site.invalid/" + page.relative_to(site).as_posix(), href)
    return site / urlsplit(address).path.lstrip("/")


# -----------------------------------------------------------------------------
# The built site
# -----------------------------------------------------------------------------


def test_the_favicon_is_at_the_root_in_three_sizes(site):
    with Image.open(site / "favicon.ico") as icon:
        assert icon.format == "ICO"
        assert sorted(icon.info["sizes"]) == [(16, 16), (32, 32), (48, 48)]


def test_the_touch_icon_is_at_the_root_square_and_opaque(site):
    """iOS asks for /apple-touch-icon.png, and fills a transparent corner with black."""
    with Image.open(site / "apple-touch-icon.png") as icon:
        assert (icon.format, icon.size, icon.mode) == ("PNG", (180, 180), "RGB")


def test_each_language_has_a_manifest_starting_at_its_home(site, codes):
    colours = campaign_colours()
    for lang in codes:
        root = "/" if lang == codes[0] else f"/{lang}/"
        manifest = json.loads((site / root.lstrip("/") / icons.MANIFEST).read_text(encoding="utf-8"))
        assert manifest["lang"] == lang
        assert manifest["start_url"] == manifest["scope"] == manifest["id"] == root
        assert manifest["name"] and manifest["short_name"]
        assert manifest["theme_color"] == colours.primary
        assert manifest["background_color"].startswith("#")
        sizes = set()
        for icon in manifest["icons"]:
            with Image.open(site / icon["src"].lstrip("/")) as picture:
                assert f"{picture.width}x{picture.height}" == icon["sizes"], icon
                assert picture.format == "PNG" and icon["type"] == "image/png"
            sizes.add(icon["sizes"])
        assert {"192x192", "512x512"} <= sizes


def test_the_manifests_speak_their_language(site, codes):
    descriptions = {json.loads((site / ("" if lang == codes[0] else f"{lang}/") / icons.MANIFEST)
                               .read_text(encoding="utf-8"))["description"] for lang in codes}
    assert len(descriptions) == len(codes)


def test_every_page_names_the_icons_its_languages_manifest_and_the_campaign_colour(site, codes):
    colours = campaign_colours()
    for page in sorted(site.rglob("*.html")):
        first = page.relative_to(site).parts[0]
        lang = first if first in codes[1:] else codes[0]
        links = head_links(page)
        [manifest] = links["manifest"]
        assert target(site, page, manifest["href"]) == site / ("" if lang == codes[0] else lang) / icons.MANIFEST
        assert [meta["content"] for meta in links["theme-color"]] == [colours.primary]
        icon_files = {target(site, page, link["href"]) for link in links["icon"]}
        assert site / "favicon.ico" in icon_files, page
        assert all(path.is_file() for path in icon_files), page
        [touch] = links["apple-touch-icon"]
        assert target(site, page, touch["href"]) == site / "apple-touch-icon.png"


def test_a_style_sheet_without_the_campaign_colour_stops_the_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    sheet = project / "overrides" / icons.STYLESHEET
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("--md-primary-fg-color:", "--md-other:"),
                     encoding="utf-8")
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode != 0
    assert "overrides/assets/stylesheets/site.css: the style sheet gives no campaign colour" in result.stderr


# -----------------------------------------------------------------------------
# The module
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("css", "expected"), [
    (":root { --md-primary-fg-color: #00528A; --md-primary-bg-color: #fff; }", ("#00528a", "#ffffff")),
    (":root { --md-primary-fg-color: #123456 }\n[data-md-color-scheme=slate] { --md-primary-fg-color: #abcdef; }",
     ("#123456", "#ffffff")),
    (":root { --md-primary-fg-color--dark: #000000; --md-primary-fg-color: #0a0b0c; }", ("#0a0b0c", "#ffffff")),
])
def test_the_colours_are_the_style_sheets_first_ones(css, expected):
    assert icons.colours_from_css(css) == icons.Colours(*expected)


def test_a_style_sheet_without_the_colour_gives_none():
    assert icons.colours_from_css(":root { --md-accent-fg-color: #a3320b; }") is None


@pytest.mark.parametrize(("path", "size"), [
    ("apple-touch-icon.png", 180),
    ("assets/icons/icon-192.png", 192),
    ("assets/icons/icon-512.png", 512),
    ("assets/icons/icon-maskable-512.png", 512),
])
def test_every_icon_is_drawn_at_its_size_and_the_same_each_time(path, size):
    colours = campaign_colours()
    assert path in icons.icon_files()
    drawn = icons.draw_icon(path, colours)
    assert icons.draw_icon(path, colours) == drawn
    with Image.open(io.BytesIO(drawn)) as picture:
        assert picture.size == (size, size)


def test_the_touch_icon_is_the_campaign_colour_to_its_corners():
    colours = campaign_colours()
    with Image.open(io.BytesIO(icons.draw_icon(icons.TOUCH_ICON, colours))) as picture:
        assert picture.getpixel((0, 0)) == tuple(int(colours.primary[i:i + 2], 16) for i in (1, 3, 5))


# -----------------------------------------------------------------------------
# In a browser: the drawn icons are the mark of favicon.svg
# -----------------------------------------------------------------------------


@pytest.mark.browser
def test_the_drawn_icons_look_like_the_svg_favicon_as_chromium_draws_it(browser, tmp_path):
    """When the mark in overrides/assets/favicon.svg changes, godigital/icons.py must draw the new one."""
    svg = (ROOT / "overrides/assets/favicon.svg").read_text(encoding="utf-8")
    colours = campaign_colours()
    page = browser.new_page(viewport={"width": 512, "height": 512})
    try:
        page.set_content('<html><body style="margin:0;background:transparent">'
                         f'<img src="data:image/svg+xml;base64,{_base64(svg)}" width="512" height="512"></body></html>')
        shot = Image.open(io.BytesIO(page.screenshot(omit_background=True))).convert("RGBA")
    finally:
        page.close()
    drawn = icons.mark(512, colours)
    difference = _difference(shot, drawn)
    # Measured: 0.3 for the same mark; 4.7 for an arrow 10 % smaller, 6.0 without the rounded corners.
    assert difference < 1.5, f"mean difference {difference:.1f} of 255: the drawn mark is not favicon.svg's"


def _difference(one: Image.Image, other: Image.Image) -> float:
    """How far two pictures are apart, laid on white: 0 (the same) to 255, the mean over every pixel."""
    def on_white(picture: Image.Image) -> Image.Image:
        return Image.alpha_composite(Image.new("RGBA", picture.size, "#ffffff"), picture).convert("L")
    return ImageStat.Stat(ImageChops.difference(on_white(one), on_white(other))).mean[0]


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
