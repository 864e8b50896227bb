"""The theme's files as the site publishes them."""

from __future__ import annotations

import re
from pathlib import Path

# "//# sourceMappingURL=…" (scripts) and "/*# sourceMappingURL=… */" (styles), on the last line.
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^\n]*?\*/)\s*\Z")


WORKERS = "assets/javascripts/workers"


def search_worker(theme_dirs: list[str]) -> str:
    """The theme's search worker as the site publishes it (``assets/javascripts/workers/search.<hash>.min.js``).

    Its name carries a hash that changes with each release of the theme, so it
    is read from the theme's files, the first folder that has one winning as
    MkDocs' own lookup does.
    """
    for folder in theme_dirs:
        found = sorted(Path(folder, WORKERS).glob("search.*.min.js"))
        if len(found) > 1:
            raise ValueError(f"{folder}/{WORKERS}: more than one search worker ({', '.join(p.name for p in found)})")
        if found:
            return f"{WORKERS}/{found[0].name}"
    raise ValueError(f"no {WORKERS}/search.*.min.js in the theme's folders ({', '.join(theme_dirs)})")


def drop_source_maps(site_dir: Path | str) -> list[Path]:
    """Remove the theme's source maps and the comments that point at them; the removed files.

    They are for the theme's developers, weigh about 1 MB, and would be
    published for no reader.
    """
    removed = []
    for source_map in sorted(Path(site_dir).glob("**/assets/**/*.map")):
        source_map.unlink()
        removed.append(source_map)
        bundle = source_map.with_suffix("")
        if bundle.is_file():
            content = bundle.read_bytes()
            stripped = without_source_map_comment(content)
            if stripped != content:
                bundle.write_bytes(stripped)
    return removed


def without_source_map_comment(content: bytes) -> bytes:
    """A theme script or style as the site publishes it, once its source map is gone."""
    return _MAP_COMMENT.sub(b"\n", content)
