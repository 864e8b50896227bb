"""The site's icons and web manifests: what browsers and phones show for the campaign.

The mark is the one of the Go Digital wordmark (``overrides/assets/go-digital.svg``,
the header's logo: its element ``id="mark"``, the yellow ring, the O of "GO", with
a stair of three steps inside: the step to digital), read from that file
(``read_mark``) and set on a square of the campaign's colour,
for every icon: ``assets/favicon.svg`` (the same mark, as SVG), ``/favicon.ico``
(16, 32 and 48 pixels, for browsers and tools that ask for that address by
default), ``/apple-touch-icon.png`` (180 pixels, square: iOS rounds its corners
itself, and asks for that address when a page names none) and the web manifests'
icons (192 and 512 pixels, and a 512 one with room around the mark for launchers
that crop icons to a circle). The pixels are drawn with Pillow, from the same
shapes the SVG icon is written with.

The colours are the campaign's, read from the theme's style sheet
(``--md-primary-fg-color``, the text colour on it, ``--md-primary-bg-color``, and
its yellow, ``--gd-yellow``, which the link previews use),
so that the icons, the browser's toolbar (``theme-color``) and the link previews
follow the site when its colours change; the mark keeps its own. Every file is
drawn the same way on every build: same colours and mark, same bytes.
"""

from __future__ import annotations

import io
import json
import math
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from godigital import pictures

# Where the theme's style sheet is, in the theme's folders (mkdocs.yml's extra_css).
STYLESHEET = "assets/stylesheets/site.css"
MANIFEST = "manifest.webmanifest"
FAVICON = "favicon.ico"
# The SVG icon, at the address mkdocs.yml's theme.favicon gives it.
FAVICON_SVG = "assets/favicon.svg"
TOUCH_ICON = "apple-touch-icon.png"
ICONS_DIR = "assets/icons"
FAVICON_SIZES = (16, 32, 48)
TOUCH_SIZE = 180
MANIFEST_SIZES = (192, 512)
# A splash screen's background while the site opens from a phone's home screen:
# the page's own background (Material's, in the light scheme).
PAGE_BACKGROUND = "#ffffff"
# The element of the wordmark that is the mark.
MARK_ID = "mark"
# Drawn this much larger (at least twice, at most 8 times), then reduced: smooth edges at every size.
_OVERSAMPLED = 1024
# The campaign's blue, the colour of text on it, and its yellow (the site's accents: the first
# title's bar, the tabs' underline, the notices' edge).
_COLOUR = re.compile(r"--(md-primary-fg-color|md-primary-bg-color|gd-yellow)\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})"
                     r"\s*[;}]")
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Colours:
    """The campaign's colours, as ``#rrggbb``."""

    primary: str  # the header's and the icons' background
    on_primary: str  # text on it
    accent: str  # the campaign's yellow, on the primary colour: the link previews' marks


def colours_from_css(css: str) -> Colours | None:
    """The first value the style sheet gives each colour (the light scheme's), or None when it gives no
    campaign colour. Without a yellow, the previews draw their marks in the colour of text."""
    found: dict[str, str] = {}
    for name, value in _COLOUR.findall(css):
        found.setdefault(name, _six_digits(value))
    if "md-primary-fg-color" not in found:
        return None
    on_primary = found.get("md-primary-bg-color", "#ffffff")
    return Colours(primary=found["md-primary-fg-color"], on_primary=on_primary,
                   accent=found.get("gd-yellow", on_primary))


def stylesheet(theme_dirs: list[str]) -> Path | None:
    """The theme's style sheet as MkDocs publishes it: the first theme folder that has it."""
    return theme_file(theme_dirs, STYLESHEET)


def theme_file(theme_dirs: list[str], name: str) -> Path | None:
    """A theme file as MkDocs publishes it (``assets/go-digital.svg``): the first theme folder that has it."""
    for folder in theme_dirs:
        path = Path(folder, name)
        if path.is_file():
            return path
    return None


# -----------------------------------------------------------------------------
# The mark, as the wordmark draws it
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """One shape of the mark, in the wordmark's units: a circle (filled, stroked or both)
    or a filled polygon."""

    points: tuple[tuple[float, float], ...] = ()  # a polygon's corners
    centre: tuple[float, float] = (0, 0)  # a circle's
    radius: float = 0
    fill: str | None = None  # "#rrggbb", or None for none
    stroke: str | None = None
    stroke_width: float = 0

    @property
    def box(self) -> tuple[float, float, float, float]:
        """What the shape covers, its stroke included: left, top, right, bottom."""
        if self.points:
            xs, ys = [x for x, _ in self.points], [y for _, y in self.points]
            return min(xs), min(ys), max(xs), max(ys)
        (x, y), reach = self.centre, self.radius + (self.stroke_width / 2 if self.stroke else 0)
        return x - reach, y - reach, x + reach, y + reach


@dataclass(frozen=True)
class Mark:
    """The mark's shapes, in the order the wordmark draws them."""

    shapes: tuple[Shape, ...]

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The square around every shape, about their middle: what an icon fits on its square."""
        boxes = [shape.box for shape in self.shapes]
        left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
        right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
        side, x, y = max(right - left, bottom - top), (left + right) / 2, (top + bottom) / 2
        return x - side / 2, y - side / 2, x + side / 2, y + side / 2


class MarkError(ValueError):
    """The wordmark has no mark this module can draw; the text says what is wrong."""


def read_mark(svg: str) -> Mark:
    """The mark of the wordmark's SVG text: the shapes inside its element ``id="mark"``.

    Circles and polygons (``<circle>``, ``<polygon>``, and ``<path>`` of straight lines:
    M, L, H, V, Z), with colours as ``#rgb`` or ``#rrggbb``, and no transform inside the
    mark: what Pillow draws the same as a browser. Anything else raises ``MarkError``.
    """
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise MarkError(str(error)) from None
    group = next((element for element in root.iter() if element.get("id") == MARK_ID), None)
    if group is None:
        raise MarkError(f'no element id="{MARK_ID}"')
    shapes = tuple(_shape(element, _paint(group, {})) for element in group.iter() if element is not group
                   and _tag(element) != "g")
    for element in group.iter():
        if element.get("transform") is not None:
            raise MarkError("a transform inside the mark")
    if not shapes:
        raise MarkError(f'the element id="{MARK_ID}" holds no shape')
    return Mark(shapes)


def _tag(element: ElementTree.Element) -> str:
    return element.tag.removeprefix(_SVG)


def _paint(element: ElementTree.Element, inherited: dict[str, str]) -> dict[str, str]:
    """Fill, stroke and stroke width, as the element gives them or inherits them."""
    return {**inherited, **{key: element.get(key, "") for key in ("fill", "stroke", "stroke-width")
                            if element.get(key) is not None}}


def _shape(element: ElementTree.Element, inherited: dict[str, str]) -> Shape:
    paint = _paint(element, inherited)
    fill, stroke = _colour(paint.get("fill", "#000000")), _colour(paint.get("stroke", "none"))
    width = _number(paint.get("stroke-width", "1")) if stroke else 0
    tag = _tag(element)
    if tag == "circle":
        return Shape(centre=(_number(element.get("cx", "0")), _number(element.get("cy", "0"))),
                     radius=_number(element.get("r", "0")), fill=fill, stroke=stroke, stroke_width=width)
    if stroke is not None:
        raise MarkError(f"a stroke on a <{tag}>: only circles may have one")
    if tag == "polygon":
        numbers = [float(n) for n in _NUMBER.findall(element.get("points", ""))]
        return Shape(points=tuple(zip(numbers[::2], numbers[1::2], strict=True)), fill=fill)
    if tag == "path":
        return Shape(points=_straight_path(element.get("d", "")), fill=fill)
    raise MarkError(f"a <{tag}>: the mark may hold circles, polygons and straight paths")


def _straight_path(d: str) -> tuple[tuple[float, float], ...]:
    """The corners of a path of straight lines, one outline (M, L, H, V, Z, each also relative)."""
    tokens, points = _PATH_TOKEN.findall(d), list[tuple[float, float]]()
    x = y = 0.0
    command, at = "", 0
    while at < len(tokens):
        if tokens[at].isalpha():
            command, at = tokens[at], at + 1
            if command in "Zz":
                continue
            if command.upper() not in "MLHV":
                raise MarkError(f"a path command '{command}': only straight lines (M, L, H, V, Z)")
            if points and command in "Mm":
                raise MarkError("a path of more than one outline")
        relative, kind = command.islower(), command.upper()
        if kind in ("M", "L"):
            dx, dy = float(tokens[at]), float(tokens[at + 1])
            x, y, at = (x + dx, y + dy, at + 2) if relative else (dx, dy, at + 2)
            command = "l" if relative else "L"  # coordinates after a move are lines
        elif kind == "H":
            x, at = (x + float(tokens[at]) if relative else float(tokens[at])), at + 1
        elif kind == "V":
            y, at = (y + float(tokens[at]) if relative else float(tokens[at])), at + 1
        else:
            raise MarkError("a path that starts with no command")
        points.append((x, y))
    if len(points) < 3:
        raise MarkError("a path of fewer than three corners")
    return tuple(points)


def _colour(value: str) -> str | None:
    value = value.strip()
    if value == "none":
        return None
    if not _HEX.fullmatch(value):
        raise MarkError(f"the colour '{value}': write it #rgb or #rrggbb")
    return _six_digits(value)


def _number(value: str) -> float:
    if not _NUMBER.fullmatch(value.strip()):
        raise MarkError(f"the number '{value}'")
    return float(value)


# -----------------------------------------------------------------------------
# The whole wordmark, as the header shows it: for the link previews
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One stroke of the wordmark's letters, with round ends and corners (``stroke-linecap``
    and ``stroke-linejoin`` round, as the wordmark draws them): its corners in the wordmark's
    units, curves as many short lines."""

    points: tuple[tuple[float, float], ...]
    closed: bool
    width: float


@dataclass(frozen=True)
class Wordmark:
    """The wordmark in its own units: its size (its viewBox), the strokes of its letters,
    and its mark, where the wordmark draws it."""

    width: float
    height: float
    letters: tuple[Line, ...]
    mark: Mark


# Arcs and curves are drawn as this many straight lines for a whole turn (or a curve).
_TURN_STEPS = 96
_CURVE_STEPS = 24
_TRANSLATE = re.compile(r"\s*translate\(\s*([-+\d.eE]+)(?:[\s,]+([-+\d.eE]+))?\s*\)\s*")


def read_wordmark(svg: str) -> Wordmark:
    """The wordmark of the SVG text: its letters, stroked paths (lines, arcs and Bézier
    curves), and its mark (``read_mark``'s shapes), moved by the ``translate()`` of the
    groups around them. Anything else raises ``MarkError``."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise MarkError(str(error)) from None
    view = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))]
    if len(view) != 4 or view[2] <= 0 or view[3] <= 0:
        raise MarkError("no viewBox")
    letters: list[Line] = []
    marks: list[Shape] = []

    def walk(element: ElementTree.Element, at: tuple[float, float], paint: dict[str, str]) -> None:
        at, paint = _translated(element, at), _paint(element, paint)
        if element.get("id") == MARK_ID:
            marks.extend(_moved(shape, at) for shape in read_mark(svg).shapes)
            return
        tag = _tag(element)
        if tag == "path":
            if _colour(paint.get("fill", "#000000")) is not None or _colour(paint.get("stroke", "none")) is None:
                raise MarkError("a letter that is not a stroke: the letters are stroked paths with no fill")
            width = _number(paint.get("stroke-width", "1"))
            letters.extend(Line(tuple((x + at[0], y + at[1]) for x, y in points), closed, width)
                           for points, closed in _outlines(element.get("d", "")))
        elif tag in ("svg", "g"):
            for child in element:
                walk(child, at, paint)
        elif tag not in ("title", "desc", "defs", "metadata"):
            raise MarkError(f"a <{tag}> in the wordmark: its letters are stroked paths")

    walk(root, (-view[0], -view[1]), {})
    if not marks:
        raise MarkError(f'no element id="{MARK_ID}"')
    return Wordmark(width=view[2], height=view[3], letters=tuple(letters), mark=Mark(tuple(marks)))


def _translated(element: ElementTree.Element, at: tuple[float, float]) -> tuple[float, float]:
    transform = element.get("transform")
    if transform is None:
        return at
    found = _TRANSLATE.fullmatch(transform)
    if not found:
        raise MarkError(f"the transform '{transform}': only translate() is drawn")
    return at[0] + float(found[1]), at[1] + float(found[2] or 0)


def _moved(shape: Shape, at: tuple[float, float]) -> Shape:
    dx, dy = at
    if shape.points:
        return replace(shape, points=tuple((x + dx, y + dy) for x, y in shape.points))
    return replace(shape, centre=(shape.centre[0] + dx, shape.centre[1] + dy))


def _outlines(d: str) -> list[tuple[tuple[tuple[float, float], ...], bool]]:
    """Each outline of a path (M, L, H, V, A, C, Q, Z, each also relative) as its corners, and
    whether it is closed."""
    tokens = _PATH_TOKEN.findall(d)
    outlines: list[tuple[tuple[tuple[float, float], ...], bool]] = []
    points: list[tuple[float, float]] = []
    x = y = 0.0
    command, at = "", 0

    def numbers(count: int) -> list[float]:
        nonlocal at
        if at + count > len(tokens) or any(token.isalpha() for token in tokens[at:at + count]):
            raise MarkError(f"a path command '{command}' with too few numbers")
        found = [float(token) for token in tokens[at:at + count]]
        at += count
        return found

    def close(closed: bool) -> None:
        nonlocal points
        if len(points) > 1:
            outlines.append((tuple(points), closed))
        points = [points[0]] if closed and points else []

    while at < len(tokens):
        if tokens[at].isalpha():
            command, at = tokens[at], at + 1
            if command in "Zz":
                start = points[0] if points else (x, y)
                close(True)
                x, y = start
                points = [start]
                continue
            if command.upper() not in "MLHVACQ":
                raise MarkError(f"a path command '{command}': lines, arcs and Bézier curves only")
        if not command:
            raise MarkError("a path that starts with no command")
        relative, kind = command.islower(), command.upper()
        dx, dy = (x, y) if relative else (0.0, 0.0)
        if kind == "M":
            close(False)
            mx, my = numbers(2)
            x, y = mx + dx, my + dy
            points = [(x, y)]
            command = "l" if relative else "L"  # coordinates after a move are lines
            continue
        if kind == "L":
            lx, ly = numbers(2)
            x, y = lx + dx, ly + dy
            points.append((x, y))
        elif kind == "H":
            x = numbers(1)[0] + dx
            points.append((x, y))
        elif kind == "V":
            y = numbers(1)[0] + dy
            points.append((x, y))
        elif kind == "A":
            rx, ry, rotation, large, sweep, ax, ay = numbers(7)
            end = (ax + dx, ay + dy)
            points.extend(_arc((x, y), rx, ry, rotation, bool(large), bool(sweep), end))
            x, y = end
        else:
            count = 6 if kind == "C" else 4
            values = numbers(count)
            controls = [(x, y)] + [(values[i] + dx, values[i + 1] + dy) for i in range(0, count, 2)]
            points.extend(_bezier(controls))
            x, y = controls[-1]
    close(False)
    return outlines


def _arc(start: tuple[float, float], rx: float, ry: float, rotation: float, large: bool, sweep: bool,
         end: tuple[float, float]) -> list[tuple[float, float]]:
    """An elliptical arc as short lines, from its end points (SVG's own conversion, its appendix B.2.4)."""
    (x1, y1), (x2, y2) = start, end
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0 or start == end:
        return [end]
    phi = math.radians(rotation)
    cos, sin = math.cos(phi), math.sin(phi)
    hx, hy = (x1 - x2) / 2, (y1 - y2) / 2
    xp, yp = cos * hx + sin * hy, -sin * hx + cos * hy
    grow = xp * xp / (rx * rx) + yp * yp / (ry * ry)
    if grow > 1:  # too small a radius for the ends: the smallest ellipse that joins them
        rx, ry = rx * math.sqrt(grow), ry * math.sqrt(grow)
    square = (rx * ry) ** 2 - (rx * yp) ** 2 - (ry * xp) ** 2
    factor = math.sqrt(max(0.0, square / ((rx * yp) ** 2 + (ry * xp) ** 2)))
    factor = -factor if large == sweep else factor
    cxp, cyp = factor * rx * yp / ry, -factor * ry * xp / rx
    cx, cy = cos * cxp - sin * cyp + (x1 + x2) / 2, sin * cxp + cos * cyp + (y1 + y2) / 2
    first = math.atan2((yp - cyp) / ry, (xp - cxp) / rx)
    turn = math.atan2((-yp - cyp) / ry, (-xp - cxp) / rx) - first
    if sweep and turn < 0:
        turn += 2 * math.pi
    elif not sweep and turn > 0:
        turn -= 2 * math.pi
    steps = max(2, math.ceil(abs(turn) / (2 * math.pi) * _TURN_STEPS))
    points = []
    for step in range(1, steps):
        angle = first + turn * step / steps
        ex, ey = rx * math.cos(angle), ry * math.sin(angle)
        points.append((cx + cos * ex - sin * ey, cy + sin * ex + cos * ey))
    return [*points, end]


def _bezier(controls: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A quadratic or cubic Bézier curve as short lines."""
    points = []
    for step in range(1, _CURVE_STEPS + 1):
        t, now = step / _CURVE_STEPS, list(controls)
        while len(now) > 1:
            now = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in pairwise(now)]
        points.append(now[0])
    return points


def wordmark_masks(height: int, wordmark: Wordmark) -> tuple[Image.Image, Image.Image]:
    """The wordmark ``height`` pixels high, as two masks (mode L): its letters, and its mark."""
    factor = 4
    scale = height * factor / wordmark.height
    size = (math.ceil(wordmark.width * height / wordmark.height) * factor, height * factor)
    letters = Image.new("L", size, 0)
    draw = ImageDraw.Draw(letters)
    for line in wordmark.letters:
        points = [(x * scale, y * scale) for x, y in line.points]
        width, reach = round(line.width * scale), line.width * scale / 2
        draw.line([*points, points[0]] if line.closed else points, fill=255, width=width)
        for x, y in points:  # round ends and corners
            draw.ellipse((x - reach, y - reach, x + reach, y + reach), fill=255)
    mark = Image.new("L", size, 0)
    for fill, stroke in (_shape_masks(shape, size, scale, 0, 0) for shape in wordmark.mark.shapes):
        for part in (fill, stroke):
            if part is not None:
                mark = ImageChops.lighter(mark, part)
    small = (size[0] // factor, height)
    return (letters.resize(small, Image.Resampling.LANCZOS), mark.resize(small, Image.Resampling.LANCZOS))


# -----------------------------------------------------------------------------
# An icon: the mark on a square of the campaign's colour
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """How an icon holds the mark: rounded corners or none (for icons the system shapes
    itself), and the share of the square's side the mark's box takes."""

    rounded: bool
    share: float


# A browser's tab; iOS's home screen (it rounds the corners itself); launchers that crop
# to a circle of 80 % of the side, which the mark's ring stays well inside.
TAB, TOUCH, MASKABLE = Layout(True, 0.8), Layout(False, 0.7), Layout(False, 0.62)
CORNER = 6 / 32  # the rounded corners' radius, as a share of the side


def mark_place(size: float, layout: Layout, mark: Mark) -> tuple[float, float, float]:
    """Where the mark goes on a square of ``size``: the scale from the wordmark's units and
    the offset (x, y) of its box's top left corner."""
    left, top, right, _ = mark.box
    scale = size * layout.share / (right - left)
    margin = size * (1 - layout.share) / 2
    return scale, margin - left * scale, margin - top * scale


def mark_box(size: int, layout: Layout, mark: Mark) -> tuple[float, float, float, float]:
    """The mark's box on the icon, in pixels: left, top, right, bottom."""
    scale, x, y = mark_place(size, layout, mark)
    left, top, right, bottom = mark.box
    return x + left * scale, y + top * scale, x + right * scale, y + bottom * scale


def icon_svg(colours: Colours, mark: Mark, layout: Layout = TAB) -> str:
    """The icon as SVG (on a 32-unit square): the favicon browsers draw at any size."""
    scale, x, y = mark_place(32, layout, mark)
    parts = []
    for shape in mark.shapes:
        fill = f'fill="{shape.fill or "none"}"'
        if shape.points:
            points = " ".join(f"{_n(px)},{_n(py)}" for px, py in shape.points)
            parts.append(f'<polygon points="{points}" {fill}/>')
        else:
            stroke = f' stroke="{shape.stroke}" stroke-width="{_n(shape.stroke_width)}"' if shape.stroke else ""
            parts.append(f'<circle cx="{_n(shape.centre[0])}" cy="{_n(shape.centre[1])}" r="{_n(shape.radius)}" '
                         f"{fill}{stroke}/>")
    corner = f' rx="{_n(32 * CORNER)}"' if layout.rounded else ""
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
            f'<rect width="32" height="32"{corner} fill="{colours.primary}"/>'
            f'<g transform="translate({_n(x)} {_n(y)}) scale({_n(scale)})">{"".join(parts)}</g></svg>\n')


def mark_image(size: int, colours: Colours, mark: Mark, layout: Layout = TAB) -> Image.Image:
    """The icon, ``size`` pixels square (RGBA): the mark in its colours on the campaign's."""
    square, shapes = mark_masks(size, mark, layout)
    image = Image.new("RGBA", (size, size), colours.primary)
    image.putalpha(square)
    for shape, mask in zip(mark.shapes, shapes, strict=True):
        for colour, part in ((shape.fill, mask[0]), (shape.stroke, mask[1])):
            if colour is not None and part is not None:
                image.paste(colour, (0, 0), part)
    return image


@lru_cache(maxsize=32)
def mark_masks(size: int, mark: Mark, layout: Layout = TAB
               ) -> tuple[Image.Image, tuple[tuple[Image.Image | None, Image.Image | None], ...]]:
    """The icon's shapes as masks (mode L, not to be changed): its square, then for each of
    the mark's shapes its fill and its stroke (None where it has none)."""
    factor = max(2, min(8, _OVERSAMPLED // size))
    big = size * factor
    square = Image.new("L", (big, big), 0)
    if layout.rounded:
        ImageDraw.Draw(square).rounded_rectangle((0, 0, big - 1, big - 1), radius=round(big * CORNER), fill=255)
    else:
        square.paste(255, (0, 0, big, big))
    scale, x, y = mark_place(big, layout, mark)

    def reduced(mask: Image.Image | None) -> Image.Image | None:
        return mask.resize((size, size), Image.Resampling.LANCZOS) if mask is not None else None

    shapes = []
    for shape in mark.shapes:
        fill, stroke = _shape_masks(shape, (big, big), scale, x, y)
        shapes.append((reduced(fill), reduced(stroke)))
    return square.resize((size, size), Image.Resampling.LANCZOS), tuple(shapes)


def _shape_masks(shape: Shape, size: tuple[int, int], scale: float, x: float, y: float
                 ) -> tuple[Image.Image | None, Image.Image | None]:
    """One of the mark's shapes, drawn at ``scale`` and moved by (``x``, ``y``): its fill and its
    stroke as masks of ``size`` (None where it has none)."""
    def at(px: float, py: float) -> tuple[float, float]:
        return x + px * scale, y + py * scale

    fill = stroke = None
    if shape.points:
        fill = Image.new("L", size, 0)
        ImageDraw.Draw(fill).polygon([at(px, py) for px, py in shape.points], fill=255)
        return fill, None
    (cx, cy), radius = at(*shape.centre), shape.radius * scale
    if shape.fill:
        fill = Image.new("L", size, 0)
        ImageDraw.Draw(fill).ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
    if shape.stroke:
        stroke, half = Image.new("L", size, 0), shape.stroke_width * scale / 2
        ImageDraw.Draw(stroke).ellipse((cx - radius - half, cy - radius - half, cx + radius + half,
                                        cy + radius + half), outline=255, width=round(2 * half))
    return fill, stroke


def two_tone_masks(size: int, mark: Mark, layout: Layout = TAB) -> tuple[Image.Image, Image.Image]:
    """The icon in two masks, its square and the whole mark: for a picture in two colours
    (the link previews)."""
    square, shapes = mark_masks(size, mark, layout)
    combined = Image.new("L", (size, size), 0)
    for part in (part for pair in shapes for part in pair if part is not None):
        combined = ImageChops.lighter(combined, part)
    return square, combined


# -----------------------------------------------------------------------------
# Files
# -----------------------------------------------------------------------------


def icon_files() -> tuple[str, ...]:
    """The path in the site of every icon file."""
    return (FAVICON_SVG, FAVICON, TOUCH_ICON, *(f"{ICONS_DIR}/icon-{size}.png" for size in MANIFEST_SIZES),
            f"{ICONS_DIR}/icon-maskable-{MANIFEST_SIZES[-1]}.png")


def layout_of(path: str) -> Layout:
    """How the icon file at ``path`` (one of ``icon_files()``) holds the mark."""
    if path == TOUCH_ICON:
        return TOUCH
    return MASKABLE if path.startswith(f"{ICONS_DIR}/icon-maskable-") else TAB


def fingerprint(path: str, colours: Colours, mark: Mark) -> str:
    """A hash of everything that makes the icon: its file, the colours, the mark, the code that draws it."""
    return pictures.key("icon", path, asdict(colours), asdict(mark))


def draw_icon(path: str, colours: Colours, mark: Mark) -> bytes:
    """The icon file at ``path`` (one of ``icon_files()``), drawn."""
    layout = layout_of(path)
    if path == FAVICON_SVG:
        return icon_svg(colours, mark, layout).encode("utf-8")
    if path == FAVICON:
        return _ico([mark_image(size, colours, mark, layout) for size in FAVICON_SIZES])
    size = TOUCH_SIZE if path == TOUCH_ICON else int(path.removesuffix(".png").rsplit("-", 1)[1])
    image = mark_image(size, colours, mark, layout)
    # Icons the system shapes itself are opaque: iOS fills a transparent corner with black.
    return png(image if layout.rounded else image.convert("RGB"))


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


def _n(value: float) -> str:
    """A number as an SVG attribute holds it: no more digits than it needs."""
    return f"{round(value, 4):g}"
