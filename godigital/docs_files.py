"""The files editors may put in ``docs/``: pages, images, PDFs.

MkDocs publishes every file of ``docs/`` as it is and follows symbolic links
while it walks the folder, so a link could publish the build machine's files
(``/etc/passwd``, ``.git/config``) or, in a loop, hang the build. Scripts,
style sheets and HTML files would run on the site's origin. So ``docs/`` is
walked here first, never following a link, and holds only the types below;
an SVG file is read as XML the way browsers read it and holds only drawing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from godigital.messages import message
from godigital.pages import MAX_PAGE_BYTES

PAGE_TYPES = frozenset({".md"})
# What a page's file name may hold, in its language folder: letters (of any script), digits,
# '-' and '_', and folders. The page's address is made of it as it is, and so are, once the
# page is renamed, its redirect page and nginx rule (godigital.redirects).
NAME_PART = r"[\w-]+"
PAGE_NAME = re.compile(rf"{NAME_PART}(?:/{NAME_PART})*\.md")
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif"})
ALLOWED_TYPES = PAGE_TYPES | IMAGE_TYPES | {".pdf", ".svg"}
# What each type's content starts with (offset, bytes), any one of them: a
# file named .png that holds a web page is no image, whatever a server says.
SIGNATURES: dict[str, tuple[str, tuple[tuple[tuple[int, bytes], ...], ...]]] = {
    ".png": ("PNG", (((0, b"\x89PNG\r\n\x1a\n"),),)),
    ".jpg": ("JPEG", (((0, b"\xff\xd8\xff"),),)),
    ".jpeg": ("JPEG", (((0, b"\xff\xd8\xff"),),)),
    ".gif": ("GIF", (((0, b"GIF87a"),), ((0, b"GIF89a"),))),
    ".webp": ("WebP", (((0, b"RIFF"), (8, b"WEBP")),)),
    ".avif": ("AVIF", tuple(((4, b"ftyp"), (8, brand)) for brand in (b"avif", b"avis", b"mif1", b"msf1"))),
    ".pdf": ("PDF", (((0, b"%PDF-"),),)),
}
# Far more than a drawing needs; an SVG is read whole into memory.
MAX_SVG_BYTES = 2_000_000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Drawing only: no script, foreignObject, image, style, a, animation (which can set href), iframe...
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "feFuncR",
    "feFuncG", "feFuncB", "feFuncA", "feDropShadow",
})
# Geometry, presentation and text attributes: none runs code or names another file.
SVG_ATTRIBUTES = frozenset({
    "id", "class", "style", "version", "baseProfile", "viewBox", "preserveAspectRatio",
    "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
    "d", "points", "pathLength", "transform", "dx", "dy", "rotate", "lengthAdjust", "textLength",
    "startOffset", "method", "spacing", "side",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity",
    "color", "display", "visibility", "overflow", "clip-path", "clip-rule", "clipPathUnits", "mask",
    "maskUnits", "maskContentUnits", "marker-start", "marker-mid", "marker-end", "markerWidth",
    "markerHeight", "markerUnits", "refX", "refY", "orient", "filter", "filterUnits", "primitiveUnits",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
    "text-decoration", "writing-mode", "direction", "unicode-bidi",
    "gradientUnits", "gradientTransform", "spreadMethod", "offset", "stop-color", "stop-opacity",
    "patternUnits", "patternContentUnits", "patternTransform", "shape-rendering", "text-rendering",
    "color-interpolation", "color-interpolation-filters", "flood-color", "flood-opacity",
    "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4", "values",
    "type", "tableValues", "slope", "intercept", "amplitude", "exponent", "radius", "edgeMode",
    "vector-effect", "paint-order", "mix-blend-mode", "isolation", "role", "focusable",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden", "lang",
})
# Attributes that name another part of the same drawing, and only that: a shape
# used again, a path for text, a gradient, pattern or filter built on another.
SVG_LINKS = frozenset({("", "href"), (XLINK_NS, "href")})
SVG_REFERRING = frozenset({"use", "textPath", "linearGradient", "radialGradient", "pattern", "filter"})
# What drawing programs write about the drawing (layers, guides, licence): no
# browser reads these namespaces, so their elements and attributes do nothing.
# Elements of the SVG or XHTML namespace inside them are still checked one by one.
METADATA_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape": "inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd": "sodipodi",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://creativecommons.org/ns#": "cc",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
}
# A value that fetches: url(other-file), url(https:...); url(#id) stays in the drawing.
_EXTERNAL_URL = re.compile(r"url\(\s*+(?!['\"]?#)|@import|expression\(|javascript:", re.IGNORECASE)
# Browsers read style and presentation attributes as CSS, where "u\72l(" is "url(" and
# image-set("https://…" 1x) fetches without url(): values are read with their escapes
# decoded and comments dropped, and may call only functions that compute a value.
_CSS_FUNCTIONS = frozenset({
    "url", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "calc", "min", "max", "clamp",
    "translate", "translatex", "translatey", "rotate", "scale", "scalex", "scaley", "skewx", "skewy", "matrix",
    "blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "saturate", "sepia",
})
_CSS_ESCAPE = re.compile(r"\\(?:([0-9A-Fa-f]{1,6})[ \t\r\n\f]?|(\r\n|[\n\r\f])|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)
_CSS_FUNCTION = re.compile(r"([A-Za-z0-9_\-\u0080-\U0010ffff]*)\s*\(")
_LOCAL_URL = re.compile(r"url\(\s*['\"]?#", re.IGNORECASE)
# Free text that no browser reads as CSS.
_TEXT_ATTRIBUTES = frozenset({"aria-label"})


def docs_problems(docs_dir: Path | str, shown_as: str = "docs") -> list[str]:
    """Every file or link of ``docs_dir`` that may not be published, as ``docs/path: what to do``.

    Never follows a symbolic link. Hidden files and folders (``.git``,
    ``.DS_Store``) are not published by MkDocs and are left alone, but a link
    among them is refused too: MkDocs would follow it while it walks.
    """
    problems: list[str] = []
    root = Path(docs_dir)
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(f"{_shown(root, Path(folder), shown_as)}{message('separator')}{error.strerror}")
            continue
        for entry in entries:
            path = Path(entry.path)
            where = _shown(root, path, shown_as)
            hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
            if not _utf8(entry.name):
                # MkDocs makes an address of every name, and stops with a traceback on one it cannot encode.
                problems.append(f"{where}{message('separator')}{message('docs_name_not_utf8')}")
            elif entry.is_symlink():
                problems.append(f"{where}{message('separator')}{message('docs_symlink')}")
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif hidden:
                continue
            elif not entry.is_file(follow_symlinks=False):
                problems.append(f"{where}{message('separator')}{message('docs_not_a_file')}")
            elif path.suffix.lower() not in ALLOWED_TYPES:
                problems.append(f"{where}{message('separator')}{message('docs_file_type', name=path.name)}")
            elif path.suffix.lower() == ".svg":
                problems.extend(f"{where}, {problem}" for problem in svg_problems(path.read_bytes()))
            elif path.suffix.lower() in SIGNATURES and not has_signature(path):
                kind = SIGNATURES[path.suffix.lower()][0]
                mismatch = message("docs_content_mismatch", name=path.name, kind=kind)
                problems.append(f"{where}{message('separator')}{mismatch}")
            elif path.suffix.lower() in PAGE_TYPES and entry.stat(follow_symlinks=False).st_size <= MAX_PAGE_BYTES:
                # MkDocs reads pages as UTF-8 and stops with a traceback on any other byte
                # (a larger page is refused, before anything reads it, by the godigital plugin).
                problem = text_encoding_problem(path.read_bytes())
                if problem:
                    problems.append(f"{where}, {problem}")
    # By file, then by line as a number: line 4 before line 22.
    return sorted(problems, key=lambda problem: [int(part) if part.isdigit() else part
                                                 for part in re.split(r"(\d+)", problem)])


def plain_page_name(name: str) -> str:
    """The page name to write instead of ``name``: lower-case, each run of other signs a hyphen
    (``Nouvelle Page.md`` → ``nouvelle-page.md``, ``a propos/x.md`` → ``a-propos/x.md``)."""
    stem = name[:-len(".md")] if name.lower().endswith(".md") else name
    parts = (re.sub(r"-{2,}", "-", re.sub(r"[^\w-]+", "-", part.lower())).strip("-") for part in stem.split("/"))
    return "/".join(part or "page" for part in parts) + ".md"


def has_signature(path: Path) -> bool:
    """Whether the file's first bytes are those of the type its name gives (``SIGNATURES``)."""
    with path.open("rb") as file:
        head = file.read(16)
    return any(all(head[offset:offset + len(data)] == data for offset, data in signature)
               for signature in SIGNATURES[path.suffix.lower()][1])


def text_encoding_problem(data: bytes) -> str | None:
    """``line N: ...`` when ``data`` is not UTF-8 text (as a page must be), else None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return f"{_line(line)}{message('page_not_utf8')}"
    return None


def svg_problems(data: bytes) -> list[str]:
    """What in an SVG file is not plain drawing, each as ``line N: ...``; empty when it is safe."""
    if len(data) > MAX_SVG_BYTES:
        return [f"{_line(1)}{message('svg_too_large', limit=MAX_SVG_BYTES // 1000)}"]
    problems: list[str] = []
    parser = expat.ParserCreate(namespace_separator="}")
    parser.namespace_prefixes = True  # names come as "namespace}local}prefix"
    stack: list[str] = []

    def where() -> str:
        return _line(parser.CurrentLineNumber)

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, local, shown_element = _split(name)
        if namespace in METADATA_NAMESPACES and stack:
            stack.append(local)
            return  # read by the drawing program only; its attributes as well
        if namespace != SVG_NS or local not in SVG_ELEMENTS:
            problems.append(f"{where()}{message('svg_element', element=shown_element)}")
        if not stack and local != "svg":
            problems.append(f"{where()}{message('svg_not_svg')}")
        stack.append(local)
        for key, value in attributes.items():
            namespace, attribute, shown = _split(key)
            if namespace in METADATA_NAMESPACES:
                continue
            if (namespace, attribute) in SVG_LINKS:
                if local not in SVG_REFERRING or not value.strip().startswith("#"):
                    problems.append(f"{where()}{message('svg_link', attribute=shown, value=value[:60])}")
            elif namespace == XML_NS and attribute in ("space", "lang"):
                continue
            elif namespace or attribute not in SVG_ATTRIBUTES:
                problems.append(f"{where()}{message('svg_attribute', attribute=shown, element=local)}")
            elif _EXTERNAL_URL.search(value):
                problems.append(f"{where()}{message('svg_external', attribute=shown, value=value[:60])}")
            elif attribute not in _TEXT_ATTRIBUTES and (function := _css_function_problem(value)):
                called = message("svg_css_function", attribute=shown, function=function, value=value[:60])
                problems.append(f"{where()}{called}")

    def doctype(*_args: object) -> None:
        problems.append(f"{where()}{message('svg_doctype')}")

    def instruction(target: str, _data: str) -> None:
        problems.append(f"{where()}{message('svg_instruction', target=target)}")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: stack.pop()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = lambda *_args: doctype()
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return [f"{_line(error.lineno)}{message('svg_malformed', explanation=expat.errors.messages[error.code])}"]
    if problems:
        return list(dict.fromkeys(problems))  # a DOCTYPE and its entities are one problem
    # The same bytes through defusedxml: a second reader that refuses entities and DTDs outright.
    try:
        fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        return [f"{_line(1)}{message('svg_doctype')}"]
    return []


def _split(name: str) -> tuple[str, str, str]:
    """Namespace, local name and the name as the file writes it (``xlink:href``), from expat's
    ``namespace}local}prefix``."""
    parts = name.split("}")
    namespace, local = (parts[0], parts[1]) if len(parts) > 1 else ("", parts[0])
    prefix = parts[2] if len(parts) > 2 else ""
    return namespace, local, f"{prefix}:{local}" if prefix else local


def _css_function_problem(value: str) -> str | None:
    """The first function a CSS value calls that is not one computing a colour, length or transform.

    ``url()`` counts as computing only when it names a part of the drawing (``url(#id)``).
    """
    decoded = _CSS_COMMENT.sub(" ", _CSS_ESCAPE.sub(_css_unescape, value))
    for found in _CSS_FUNCTION.finditer(decoded):
        name = found.group(1).lower()
        if name not in _CSS_FUNCTIONS:
            return name or "("
        if name == "url" and not _LOCAL_URL.match(decoded, found.start()):
            return name
    return None


def _css_unescape(match: re.Match[str]) -> str:
    hexadecimal, newline, other = match.groups()
    if hexadecimal:
        code = int(hexadecimal, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return "" if newline else other


def _shown(root: Path, path: Path, shown_as: str) -> str:
    shown = f"{shown_as}/{path.relative_to(root).as_posix()}"
    return shown if _utf8(shown) else os.fsencode(shown).decode("utf-8", "replace")


def _utf8(name: str) -> bool:
    """Whether a name read from the disk is text (undecodable bytes come back as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _line(number: int) -> str:
    return message("at_line", line=number) + message("separator")
