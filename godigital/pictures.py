"""The pictures the build draws (link previews, icons), drawn again only when something in them changed.

Each picture is known by a hash of everything that goes into it: its texts and
colours, the code and fonts that draw it, and Pillow's release (``key``). What
one build drew is kept in memory for the next build of the same process
(``make serve``) and in the project's ``.cache/pictures/`` for the next process
(``make build``), one file per picture, named by its key. A build forgets what it
did not use (``prune``), so the folder holds only the last build's pictures;
deleting it costs one slower build, never a different site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import PIL

CACHE_DIR = ".cache/pictures"
HERE = Path(__file__).resolve().parent
# What draws the pictures: a change to any of these draws them all again.
DRAWING = ("icons.py", "previews.py", "fonts/Inter-Bold.otf", "fonts/Inter-Regular.otf")
_KEY = re.compile(r"[0-9a-f]{64}")


def key(*parts: Any) -> str:
    """The hash of a picture's inputs (plain data: texts, numbers, lists, dicts) and of what draws it."""
    what = json.dumps([parts, _drawing()], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(what.encode("utf-8")).hexdigest()


class PictureCache:
    """Pictures by key: in memory, then on disk (``folder``, None for memory only), else drawn."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, bytes] = {}
        self._used: set[str] = set()
        self.drawn = 0  # pictures this build had to draw

    def get(self, key: str, draw: Callable[[], bytes]) -> bytes:
        self._used.add(key)
        found = self._memory.get(key)
        if found is None:
            found = self._read(key)
        if found is None:
            found = draw()
            self.drawn += 1
            self._write(key, found)
        self._memory[key] = found
        return found

    def start(self) -> None:
        """A build begins: nothing used yet."""
        self._used.clear()
        self.drawn = 0

    def prune(self) -> None:
        """A build ended well: forget the pictures it did not use, in memory and on disk."""
        for stale in set(self._memory) - self._used:
            del self._memory[stale]
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.iterdir():
                if _KEY.fullmatch(path.name) and path.name not in self._used:
                    path.unlink(missing_ok=True)

    def _read(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / key).read_bytes()
        except OSError:  # not drawn yet, or removed meanwhile by another build's prune
            return None

    def _write(self, key: str, data: bytes) -> None:
        """Written whole or not at all (another build may read it at the same moment); a
        folder that cannot be written only means drawing again next time."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".drawing-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, self.folder / key)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def _drawing() -> str:
    digest = hashlib.sha256(PIL.__version__.encode("ascii"))
    for name in DRAWING:
        digest.update((HERE / name).read_bytes())
    return digest.hexdigest()
