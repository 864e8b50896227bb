"""Browsers and phones find the campaign's icons, and each language has its web manifest.

Every icon is the Go Digital wordmark's mark (``overrides/assets/go-digital.svg``,
its element ``id="mark"``) on a square of the campaign's colour: the SVG one,
``/favicon.ico`` and ``/apple-touch-icon.png`` at the site's root, where browsers
ask for them unasked, and the manifests' icons; each language's manifest starts
at that language's home; the toolbar colour is the campaign's, read from the
theme's style sheet. On the fixture site (tests/fixtures/site), on the module
alone, and in Chromium: the icons look like the mark as it draws the wordmark.
"""

from __future__ import annotations

import base64
import io
import json
import math
import xml.etree.ElementTree as ElementTree
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


WORDMARK = ROOT / "overrides/assets/go-digital.svg"
ElementTree.register_namespace("", "http://www.w3.org/2000/svg")  # the wordmark written back as it was


def campaign_colours() -> icons.Colours:
    colours = icons.colours_from_css((ROOT / "overrides" / icons.STYLESHEET).read_text(encoding="utf-8"))
    assert colours is not None
    return colours


def campaign_mark() -> icons.Mark:
    return icons.read_mark(WORDMARK.read_text(encoding="utf-8"))


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


def test_the_svg_favicon_is_the_wordmarks_mark_on_the_campaign_colour(site):
    """Drawn by the build from the wordmark: no copy of the mark is kept by hand."""
    assert (site / icons.FAVICON_SVG).read_text(encoding="utf-8") == icons.icon_svg(campaign_colours(),
                                                                                     campaign_mark())
    assert not (ROOT / "overrides" / icons.FAVICON_SVG).exists()


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
        assert icon_files == {site / "favicon.ico", site / icons.FAVICON_SVG}, page
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


@pytest.mark.parametrize(("file", "change", "says"), [
    ("overrides/assets/go-digital.svg", ('id="mark"', 'id="sign"'),
     "overrides/assets/go-digital.svg: the wordmark's mark (its element id=\"mark\"), from which the site's icons"),
    ("overrides/assets/go-digital.svg", ('<g fill="none" stroke="#fff"', '<g fill="#fff" stroke="#fff"'),
     "overrides/assets/go-digital.svg: the wordmark, which every link preview shows, cannot be drawn (a letter"),
    ("mkdocs.yml", ("favicon: assets/favicon.svg", "favicon: assets/icon.svg"),
     "mkdocs.yml: 'theme.favicon' must stay assets/favicon.svg: the build draws that icon from the wordmark's mark"),
])
def test_a_wordmark_without_its_mark_or_a_favicon_moved_stops_the_build(tmp_path, file, change, says):
    project = fixture_project(tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert says in result.stderr, result.stderr


# -----------------------------------------------------------------------------
# The module
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("css", "expected"), [
    (":root { --md-primary-fg-color: #00528A; --md-primary-bg-color: #fff; --gd-yellow: #FC4; }",
     ("#00528a", "#ffffff", "#ffcc44")),
    (":root { --md-primary-fg-color: #123456 }\n[data-md-color-scheme=slate] { --md-primary-fg-color: #abcdef; }",
     ("#123456", "#ffffff", "#ffffff")),  # no yellow: the previews' marks in the colour of text
    (":root { --md-primary-fg-color--dark: #000000; --md-primary-fg-color: #0a0b0c; --md-primary-bg-color: #eee }",
     ("#0a0b0c", "#eeeeee", "#eeeeee")),
])
def test_the_colours_are_the_style_sheets_first_ones(css, expected):
    assert icons.colours_from_css(css) == icons.Colours(*expected)


def test_the_wordmarks_yellow_is_the_style_sheets():
    """The header's mark and the previews' yellow are one colour: a change to one is made to both."""
    colours = campaign_colours()
    assert {shape.stroke or shape.fill for shape in campaign_mark().shapes} == {colours.accent}


def test_the_campaigns_colours_are_legible_on_each_other():
    """The previews' text on the campaign's colour, its state in that colour on the yellow: 4.5:1."""
    colours = campaign_colours()
    assert _contrast(colours.on_primary, colours.primary) >= 4.5
    assert _contrast(colours.accent, colours.primary) >= 4.5


def _contrast(one: str, other: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_a_style_sheet_without_the_colour_gives_none():
    assert icons.colours_from_css(":root { --md-accent-fg-color: #a3320b; }") is None


def test_the_mark_is_read_from_the_wordmark_in_its_own_colours():
    mark = campaign_mark()
    ring, stair = mark.shapes
    assert (ring.fill, ring.stroke, ring.radius, ring.stroke_width) == (None, "#ffc845", 14, 7)
    assert stair.fill == "#ffc845" and len(stair.points) == 8  # three steps up, then down the back and along
    assert mark.box == (37.5, 2.5, 72.5, 37.5)  # the ring with its stroke


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">{}</svg>'


@pytest.mark.parametrize("inside", [
    '<g id="mark" fill="#ABC"><polygon points="0,0 10,0 10,10"/><circle cx="5" cy="5" r="2"/></g>',
    '<g id="mark"><path d="M0 0H10V10h-5v-5Z" fill="#123456"/></g>',
    '<g transform="scale(2)"><g id="mark"><circle cx="5" cy="5" r="3" fill="none" stroke="#fff" stroke-width="2"/></g></g>',
])
def test_circles_polygons_and_straight_paths_make_a_mark(inside):
    mark = icons.read_mark(SVG.format(inside))
    assert mark.shapes and all(s.fill is None or (s.fill.startswith("#") and len(s.fill) == 7) for s in mark.shapes)


@pytest.mark.parametrize("inside", [
    '<circle cx="5" cy="5" r="3"/>',  # no id="mark"
    '<g id="mark"></g>',
    '<g id="mark"><path d="M0 0C5 5 10 0 10 10Z" fill="#fff"/></g>',  # a curve
    '<g id="mark"><circle cx="5" cy="5" r="3" fill="yellow"/></g>',  # a named colour
    '<g id="mark"><circle cx="5" cy="5" r="3" fill="#fff" transform="scale(2)"/></g>',
    '<g id="mark"><rect width="3" height="3" fill="#fff"/></g>',
    '<g id="mark"><path d="M0 0L5 5L0 5Z" fill="#fff" stroke="#000"/></g>',
])
def test_what_pillow_would_not_draw_as_a_browser_does_is_no_mark(inside):
    with pytest.raises(icons.MarkError):
        icons.read_mark(SVG.format(inside))


def test_the_whole_wordmark_is_read_its_letters_and_its_mark_where_it_draws_them():
    wordmark = icons.read_wordmark(WORDMARK.read_text(encoding="utf-8"))
    assert (wordmark.width, wordmark.height) == (244, 40)
    assert len(wordmark.letters) == 10  # G, D, I, G, I, T's two strokes, the A's two, L
    # The mark, moved as the wordmark moves it (translate(4 0) around letters and mark).
    assert [shape.centre for shape in wordmark.mark.shapes if not shape.points] == [(59, 20)]
    # The G's arc, as short lines on one circle of radius 14 (the arc's ends, then its bar).
    g = wordmark.letters[0]
    arc = g.points[:-1]
    assert g.width == 7 and len(arc) > 40 and g.points[-1] == (25, 20)
    centre = _circumcentre(arc[0], arc[len(arc) // 2], arc[-1])
    assert all(abs(math.dist(point, centre) - 14) < 1e-6 for point in arc)
    box = [min(x for line in wordmark.letters for x, _ in line.points),
           max(x for line in wordmark.letters for x, _ in line.points)]
    assert 0 < box[0] and box[1] < wordmark.width


def _circumcentre(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> tuple[float, float]:
    d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]))
    squares = [p[0] ** 2 + p[1] ** 2 for p in (a, b, c)]
    x = (squares[0] * (b[1] - c[1]) + squares[1] * (c[1] - a[1]) + squares[2] * (a[1] - b[1])) / d
    y = (squares[0] * (c[0] - b[0]) + squares[1] * (a[0] - c[0]) + squares[2] * (b[0] - a[0])) / d
    return x, y


@pytest.mark.parametrize("inside", [
    '<text x="0" y="20">Go</text><g id="mark"><circle cx="5" cy="5" r="3" fill="#fff"/></g>',
    '<path d="M0 0H10" fill="#fff"/><g id="mark"><circle cx="5" cy="5" r="3" fill="#fff"/></g>',  # filled
    '<g transform="scale(2)"><path d="M0 0H10" fill="none" stroke="#fff"/></g>'
    '<g id="mark"><circle cx="5" cy="5" r="3" fill="#fff"/></g>',
    '<path d="M0 0S5 5 10 0" fill="none" stroke="#fff"/><g id="mark"><circle cx="5" cy="5" r="3" fill="#fff"/></g>',
    '<path d="M0 0H10" fill="none" stroke="#fff"/>',  # no mark
])
def test_a_wordmark_the_previews_could_not_draw_as_a_browser_does_is_refused(inside):
    with pytest.raises(icons.MarkError):
        icons.read_wordmark(SVG.format(inside))


def test_arcs_and_curves_are_drawn_as_short_lines_through_their_ends():
    wordmark = icons.read_wordmark(SVG.format(
        '<g fill="none" stroke="#fff" stroke-width="2"><path d="M10 20a10 10 0 0 1 20 0Q30 30 20 30C15 30 10 25 10 20z"/>'
        '</g><g id="mark"><circle cx="5" cy="5" r="3" fill="#fff"/></g>'))
    [line] = wordmark.letters
    assert line.closed and line.width == 2
    assert (20, 10) in [(round(x, 6), round(y, 6)) for x, y in line.points]  # the top of the half circle
    assert line.points[0] == (10, 20) and (30, 20) in line.points and (20, 30) in line.points


@pytest.mark.parametrize(("path", "size"), [
    ("apple-touch-icon.png", 180),
    ("assets/icons/icon-192.png", 192),
    ("assets/icons/icon-512.png", 512),
    ("assets/icons/icon-maskable-512.png", 512),
])
def test_every_icon_is_drawn_at_its_size_and_the_same_each_time(path, size):
    colours, mark = campaign_colours(), campaign_mark()
    assert path in icons.icon_files()
    drawn = icons.draw_icon(path, colours, mark)
    assert icons.draw_icon(path, colours, mark) == drawn
    with Image.open(io.BytesIO(drawn)) as picture:
        assert picture.size == (size, size)


def test_the_touch_icon_is_the_campaign_colour_to_its_corners():
    colours = campaign_colours()
    with Image.open(io.BytesIO(icons.draw_icon(icons.TOUCH_ICON, colours, campaign_mark()))) as picture:
        assert picture.getpixel((0, 0)) == tuple(int(colours.primary[i:i + 2], 16) for i in (1, 3, 5))


def test_the_maskable_icons_mark_stays_inside_a_launchers_circle():
    """Launchers that crop to a circle keep the middle 80 % of the side."""
    left, top, right, bottom = icons.mark_box(512, icons.MASKABLE, campaign_mark())
    assert (right - left) / 2 <= 0.8 * 512 / 2 and abs((left + right) / 2 - 256) < 1 and abs((top + bottom) / 2 - 256) < 1


# -----------------------------------------------------------------------------
# In a browser: the icons are the mark as Chromium draws the wordmark
# -----------------------------------------------------------------------------

# Each icon file, the size of each of its pictures, and how it holds the mark.
ICONS = [(icons.FAVICON, size, icons.TAB) for size in icons.FAVICON_SIZES] + [
    (icons.TOUCH_ICON, icons.TOUCH_SIZE, icons.TOUCH), ("assets/icons/icon-192.png", 192, icons.TAB),
    ("assets/icons/icon-512.png", 512, icons.TAB), ("assets/icons/icon-maskable-512.png", 512, icons.MASKABLE)]


def _built_icon(site: Path, path: str, size: int) -> Image.Image:
    with Image.open(site / path) as picture:
        if picture.format == "ICO":
            picture.size = (size, size)
        return picture.convert("RGBA")


def _shot(page, html: str, width: int, height: int, background: str = "transparent") -> Image.Image:
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(f'<html><body style="margin:0;background:{background}">{html}</body></html>')
    return Image.open(io.BytesIO(page.screenshot(omit_background=background == "transparent"))).convert("RGBA")


@pytest.mark.browser
def test_each_icon_is_its_svg_as_chromium_draws_it(browser, site):
    """The pixels Pillow draws are the SVG favicon's shapes, at every size and in every layout."""
    colours, mark = campaign_colours(), campaign_mark()
    page = browser.new_page()
    try:
        for path, size, layout in ICONS:
            svg = icons.icon_svg(colours, mark, layout)
            drawn = _shot(page, f'<img src="data:image/svg+xml;base64,{_base64(svg)}" width="{size}" height="{size}">',
                          size, size)
            difference = _difference(drawn, _built_icon(site, path, size))
            # Measured: 0.4 to 7.1 for the same shapes (the smallest sizes' edges, drawn each its way).
            assert difference < 10, f"{path} at {size} px: mean difference {difference:.1f} of 255"
    finally:
        page.close()


@pytest.mark.browser
def test_the_favicon_and_touch_icon_show_the_wordmarks_mark(browser, site):
    """Where each icon holds the mark, its pixels are those of the wordmark's mark as Chromium
    draws the header's logo, on the header's colour, at the same size and place."""
    colours, mark = campaign_colours(), campaign_mark()
    page = browser.new_page()
    try:
        wordmark = WORDMARK.read_text(encoding="utf-8")
        _shot(page, wordmark, 300, 60)
        # The mark's box in the wordmark's own units, through the transforms around the mark.
        left, top, right, _ = page.evaluate("""box => {
            const group = document.getElementById('mark'), svg = group.ownerSVGElement, ctm = group.getCTM();
            const corner = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y; return p.matrixTransform(ctm); };
            const a = corner(box[0], box[1]), b = corner(box[2], box[3]);
            return [a.x, a.y, b.x, b.y];
        }""", list(mark.box))
        svg = (site / icons.FAVICON_SVG).read_text(encoding="utf-8")
        shown = {(path, size): (_built_icon(site, path, size), layout) for path, size, layout in ICONS}
        shown[(icons.FAVICON_SVG, 48)] = (_shot(page, f'<img src="data:image/svg+xml;base64,{_base64(svg)}" width="48" '
                                          'height="48">', 48, 48), icons.TAB)
        for (path, size), (picture, layout) in shown.items():
            x, y, x2, _ = icons.mark_box(size, layout, mark)
            # The wordmark as large as the icon's mark, its view cut so that the mark lies where
            # the icon has it, on the header's colour.
            logo = ElementTree.fromstring(wordmark)
            unit = (right - left) / (x2 - x)  # the wordmark's units in a pixel
            logo.set("viewBox", f"{left - x * unit} {top - y * unit} {size * unit} {size * unit}")
            logo.set("width", str(size))
            logo.set("height", str(size))
            reference = _shot(page, ElementTree.tostring(logo, "unicode"), size, size, colours.primary)
            box = (int(x), int(y), math.ceil(x2), math.ceil(x2 - x + y))
            difference = _difference(picture.crop(box), reference.crop(box))
            # Measured: 0.1 to 7.9 for the mark (16 px the coarsest); 78 to 99 for the white arrow
            # the icons showed before.
            assert difference < 12, f"{path} at {size} px: mean difference {difference:.1f} of 255 from the mark"
    finally:
        page.close()


@pytest.mark.browser
def test_the_previews_wordmark_is_the_header_logo_as_chromium_draws_it(browser):
    """The link previews draw the wordmark from its file: letters, arcs and mark where Chromium puts them."""
    colours = campaign_colours()
    wordmark = icons.read_wordmark(WORDMARK.read_text(encoding="utf-8"))
    height = 64
    letters, mark = icons.wordmark_masks(height, wordmark)
    drawn = Image.new("RGBA", letters.size, colours.primary)
    drawn.paste(colours.on_primary, (0, 0), letters)
    drawn.paste(colours.accent, (0, 0), mark)
    page = browser.new_page()
    try:
        logo = ElementTree.fromstring(WORDMARK.read_text(encoding="utf-8"))
        logo.set("width", str(wordmark.width * height / wordmark.height))
        logo.set("height", str(height))
        reference = _shot(page, ElementTree.tostring(logo, "unicode"), letters.width, height, colours.primary)
    finally:
        page.close()
    difference = _difference(drawn, reference)
    # Measured: 2.0 (the edges, smoothed each its way); the same drawing 2 pixels to the side: 18.6.
    assert difference < 5, f"mean difference {difference:.1f} of 255 from the header's logo"


def _difference(one: Image.Image, other: Image.Image) -> float:
    """How far two pictures are apart, laid on white: 0 (the same) to 255, the mean over every pixel and colour."""
    def on_white(picture: Image.Image) -> Image.Image:
        return Image.alpha_composite(Image.new("RGBA", picture.size, "#ffffff"), picture).convert("RGB")
    return sum(ImageStat.Stat(ImageChops.difference(on_white(one), on_white(other))).mean) / 3


def _base64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
