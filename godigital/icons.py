"""The site's icons and web manifests: what browsers and phones show for the campaign.

The mark is the one of ``overrides/assets/favicon.svg`` (a white arrow on a
rounded square of the campaign's colour), drawn here with Pillow at each size
a browser asks for: ``/favicon.ico`` (16, 32 and 48 pixels, for browsers and
tools that ask for that address by default), ``/apple-touch-icon.png``
(180 pixels, square: iOS rounds its corners itself, and asks for that address
when a page names none) and the web manifests' icons (192 and 512 pixels, and a
512 one with room around the arrow for launchers that crop icons to a circle).

The colours are the campaign's, read from the theme's style sheet
(``--md-primary-fg-color`` and the text colour on it, ``--md-primary-bg-color``),
so that the icons, the browser's toolbar (``theme-color``) and the link previews
follow the site when its colours change. Every file is drawn the same way on
every build: same colours, same bytes.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw

from godigital import pictures

# Where the theme's style sheet is, in the theme's folders (mkdocs.yml's extra_css).
STYLESHEET = "assets/stylesheets/site.css"
MANIFEST = "manifest.webmanifest"
FAVICON = "favicon.ico"
TOUCH_ICON = "apple-touch-icon.png"
ICONS_DIR = "assets/icons"
FAVICON_SIZES = (16, 32, 48)
TOUCH_SIZE = 180
MANIFEST_SIZES = (192, 512)
# A splash screen's background while the site opens from a phone's home screen:
# the page's own background (Material's, in the light scheme).
PAGE_BACKGROUND = "#ffffff"
# Drawn this much larger (at least twice, at most 8 times), then reduced: smooth edges at every size.
_OVERSAMPLED = 1024
_COLOUR = re.compile(r"--md-(primary-fg|primary-bg)-color\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\s*[;}]")


@dataclass(frozen=True)
class Colours:
    """The campaign's colours, as ``#rrggbb``."""

    primary: str  # the header's and the mark's background
    on_primary: str  # text and the arrow on it


def colours_from_css(css: str) -> Colours | None:
    """The first value the style sheet gives each colour (the light scheme's), or None when one is missing."""
    found: dict[str, str] = {}
    for name, value in _COLOUR.findall(css):
        found.setdefault(name, _six_digits(value))
    if "primary-fg" not in found:
        return None
    return Colours(primary=found["primary-fg"], on_primary=found.get("primary-bg", "#ffffff"))


def stylesheet(theme_dirs: list[str]) -> Path | None:
    """The theme's style sheet as MkDocs publishes it: the first theme folder that has it."""
    for folder in theme_dirs:
        path = Path(folder, STYLESHEET)
        if path.is_file():
            return path
    return None


# -----------------------------------------------------------------------------
# The mark
# -----------------------------------------------------------------------------


def mark(size: int, colours: Colours, *, full_bleed: bool = False, arrow_scale: float = 1.0) -> Image.Image:
    """The campaign's mark, ``size`` pixels square (RGBA): the arrow on the campaign's colour.

    ``full_bleed``: no rounded corners, for icons the system shapes itself;
    ``arrow_scale`` shrinks the arrow about the centre, to keep it inside a
    launcher's circle.
    """
    square, arrow = mark_masks(size, full_bleed=full_bleed, arrow_scale=arrow_scale)
    image = Image.new("RGBA", (size, size), colours.primary)
    image.putalpha(square)
    image.paste(colours.on_primary, (0, 0), arrow)
    return image


@lru_cache(maxsize=32)
def mark_masks(size: int, *, full_bleed: bool = False, arrow_scale: float = 1.0) -> tuple[Image.Image, Image.Image]:
    """The mark's two shapes, its square and its arrow, as masks (mode L, not to be changed).

    As favicon.svg draws them on its 32-unit grid: a square with corners rounded
    by 6, an arrow from (9, 16) to (23, 16) with its head from (17, 10) and
    (17, 22), 3 wide with round ends.
    """
    big = size * max(2, min(8, _OVERSAMPLED // size))
    unit = big / 32
    square, arrow = Image.new("L", (big, big), 0), Image.new("L", (big, big), 0)
    if full_bleed:
        square.paste(255, (0, 0, big, big))
    else:
        ImageDraw.Draw(square).rounded_rectangle((0, 0, big - 1, big - 1), radius=round(6 * unit), fill=255)

    def at(x: float, y: float) -> tuple[float, float]:
        return ((16 + (x - 16) * arrow_scale) * unit, (16 + (y - 16) * arrow_scale) * unit)

    draw = ImageDraw.Draw(arrow)
    width = 3 * unit * arrow_scale
    strokes = [(at(9, 16), at(23, 16)), (at(17, 10), at(23, 16)), (at(23, 16), at(17, 22))]
    for start, end in strokes:
        draw.line((start, end), fill=255, width=round(width))
    for x, y in sorted({point for stroke in strokes for point in stroke}):  # round ends and joins
        radius = width / 2
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    return (square.resize((size, size), Image.Resampling.LANCZOS),
            arrow.resize((size, size), Image.Resampling.LANCZOS))


# -----------------------------------------------------------------------------
# Files
# -----------------------------------------------------------------------------


def icon_files() -> tuple[str, ...]:
    """The path in the site of every icon file."""
    return (FAVICON, TOUCH_ICON, *(f"{ICONS_DIR}/icon-{size}.png" for size in MANIFEST_SIZES),
            f"{ICONS_DIR}/icon-maskable-{MANIFEST_SIZES[-1]}.png")


def fingerprint(path: str, colours: Colours) -> str:
    """A hash of everything that makes the icon: its file, the colours, the code that draws it."""
    return pictures.key("icon", path, asdict(colours))


def draw_icon(path: str, colours: Colours) -> bytes:
    """The icon file at ``path`` (one of ``icon_files()``), drawn."""
    if path == FAVICON:
        return _ico([mark(size, colours) for size in FAVICON_SIZES])
    if path == TOUCH_ICON:
        return png(mark(TOUCH_SIZE, colours, full_bleed=True, arrow_scale=0.8).convert("RGB"))
    name = path.removeprefix(f"{ICONS_DIR}/")
    size = int(name.removesuffix(".png").rsplit("-", 1)[1])
    if name.startswith("icon-maskable-"):
        # Launchers that crop to a circle keep the middle 80 %: the arrow stays inside it.
        return png(mark(size, colours, full_bleed=True, arrow_scale=0.7).convert("RGB"))
    return png(mark(size, colours))


def web_manifest(*, name: str, short_name: str, description: str, lang: str, root: str,
                 colours: Colours, icons_url: str) -> bytes:
    """One language's web manifest: its name, its home as start and scope, the icons.

    ``root`` is the language's home from the site's root (``/``, ``/de/``);
    ``icons_url`` where the icons are, from the site's root (``/assets/icons/``).
    """
    icons = [{"src": f"{icons_url}icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": "any"} for size in MANIFEST_SIZES]
    big = MANIFEST_SIZES[-1]
    icons.append({"src": f"{icons_url}icon-maskable-{big}.png", "sizes": f"{big}x{big}", "type": "image/png",
                  "purpose": "maskable"})
    manifest = {
        "id": root,
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "dir": "auto",
        "start_url": root,
        "scope": root,
        "display": "browser",
        "theme_color": colours.primary,
        "background_color": PAGE_BACKGROUND,
        "icons": icons,
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def png(image: Image.Image, *, compress_level: int | None = None) -> bytes:
    """A PNG with no chunk but the picture's: no time, no software name, no colour profile.

    Compressed as small as zlib can (the icons are small), or at ``compress_level``.
    """
    out = io.BytesIO()
    if compress_level is None:
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "PNG", compress_level=compress_level)
    return out.getvalue()


def _ico(images: list[Image.Image]) -> bytes:
    """One .ico holding each image at its own size (drawn for it, not scaled by the encoder)."""
    out = io.BytesIO()
    largest = images[-1]
    largest.save(out, "ICO", sizes=[image.size for image in images], append_images=images[:-1])
    return out.getvalue()


def _six_digits(value: str) -> str:
    value = value.lower()
    return "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value
