"""YAML as plain data, with the line where each part of it is written.

Data files are checked by declarative models, which name a mistake by its
path in the data, such as ``("events", 2, "title", "fr")``; editors need the
line. ``load`` composes the YAML, keeping the marks, and returns the data
with the line of every key and list item. Scalars stay the text the editor
wrote (``None`` for an empty or null value): what a text means (a number, a
date, ``true``) is the model's business, so ``no`` stays a text and
``2018-02-30`` reaches the model as written. A key given twice keeps its
first value and is listed in ``duplicates``, since a silent overwrite hides a
mistake.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

import yaml

from godigital.messages import message
from godigital.yaml_errors import explain

# libyaml's loader when PyYAML has it (it keeps line numbers too); several times faster.
YAML_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULL_TAG = "tag:yaml.org,2002:null"
Path = tuple[str | int, ...]


class Unreadable(Exception):
    """A text that is no data file; ``line`` and the explanation (``str``) say where and why."""

    def __init__(self, line: int, explanation: str):
        super().__init__(explanation)
        self.line = line


@dataclass(frozen=True)
class Marked:
    """The data of a YAML text, and where each part of it is written."""

    data: Any
    text: str
    lines: dict[Path, int]  # the line (from 1) of each key and list item, the root's at ()
    spans: dict[Path, tuple[int, int]]  # where each value starts and ends in ``text``
    duplicates: dict[Path, int]  # a key given twice: the line of the second one

    def line(self, path: Sequence[str | int]) -> int:
        """The line of ``path``; for a part the text lacks (a missing field), the first line
        of the nearest value above it that the text has (the group it is missing from)."""
        path = tuple(path)
        if path in self.lines:
            return self.lines[path]
        while path and path not in self.spans:
            path = path[:-1]
        return self.text.count("\n", 0, self.spans[path][0]) + 1 if path in self.spans else 1

    def line_holding(self, path: Sequence[str | int], part: str) -> int:
        """The line where ``part`` is written inside the value at ``path`` (a text written over
        several lines), or the line of ``path`` when the text writes it otherwise (an escape)."""
        start, end = self.spans.get(tuple(path), (0, 0))
        at = self.text.find(part, start, end) if part else -1
        return self.text.count("\n", 0, at) + 1 if at >= 0 else self.line(path)


def load(text: str, loader: type[Any] = YAML_LOADER) -> Marked:
    """Compose ``text`` into plain data and its marks; raise ``yaml.YAMLError`` on a syntax error."""
    root = yaml.compose(text, Loader=loader)
    lines: dict[Path, int] = {(): root.start_mark.line + 1 if root else 1}
    spans: dict[Path, tuple[int, int]] = {}
    duplicates: dict[Path, int] = {}

    def build(node: yaml.Node, path: Path) -> Any:
        spans[path] = (node.start_mark.index, node.end_mark.index)
        if isinstance(node, yaml.MappingNode):
            items: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(build(key_node, path))
                if key in items:
                    duplicates[(*path, key)] = key_node.start_mark.line + 1
                    continue
                lines[(*path, key)] = key_node.start_mark.line + 1
                items[key] = build(value_node, (*path, key))
            return items
        if isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
            return [build(item, (*path, index)) for index, item in enumerate(node.value)]
        return None if node.tag == NULL_TAG else node.value

    return Marked(build(root, ()) if root else None, text, lines, spans, duplicates)


def first_alias_line(text: str, loader: type[Any] = YAML_LOADER) -> int | None:
    """The line of the first YAML alias (``*name``), if any: one text repeated by
    reference could multiply the site's size, so data files spell texts out."""
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return int(event.start_mark.line) + 1
    except yaml.YAMLError:
        return None  # reported with its explanation by the caller
    return None


def read_file(path: FilePath, max_bytes: int, too_large: str, missing: str) -> str:
    """The text of ``path``, checked for size before it is read (``too_large``, ``missing``: message keys)."""
    try:
        return universal_newlines(read_bounded(path, max_bytes).decode("utf-8"))
    except FileNotFoundError:
        raise Unreadable(1, message(missing)) from None
    except TooLarge:
        raise Unreadable(1, message(too_large, limit=max_bytes // 1000)) from None
    except NotOrdinary:
        raise Unreadable(1, message("data_file_not_ordinary")) from None
    except UnicodeDecodeError as error:
        raise Unreadable(1, message("file_not_utf8", reason=error.reason)) from None


def universal_newlines(text: str) -> str:
    """Line ends as ``Path.read_text`` gives them: ``\\r\\n`` and ``\\r`` read as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TooLarge(Exception):
    pass


class NotOrdinary(Exception):
    """A link, a folder, a device or a pipe where a data file belongs."""


def read_bounded(path: FilePath, max_bytes: int) -> bytes:
    """The bytes of the ordinary file ``path``, never more than ``max_bytes`` read.

    A data file is committed by editors: a link could read any file of the
    build machine into the build's messages (``/proc/self/environ``,
    ``~/.ssh/...``), and ``/dev/zero`` or a pipe would never end. Neither is
    followed or read; the size is counted while reading, not taken from the
    file's metadata (a device says 0).
    """
    if not stat.S_ISREG(os.lstat(path).st_mode):
        raise NotOrdinary(str(path))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError:  # replaced by a link since lstat (ELOOP)
        raise NotOrdinary(str(path)) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotOrdinary(str(path))
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(str(path))
    return data


def load_data(text: str, max_bytes: int, too_large: str) -> Marked:
    """``load``, refusing what no data file needs: more than ``max_bytes`` (the message
    ``too_large``), aliases, and (explained for editors) YAML syntax errors."""
    if len(text.encode("utf-8")) > max_bytes:
        raise Unreadable(1, message(too_large, limit=max_bytes // 1000))
    alias = first_alias_line(text)
    if alias is not None:
        raise Unreadable(alias, message("yaml_alias"))
    try:
        return load(text)
    except yaml.YAMLError as error:
        explained = explain(error, text)
        raise Unreadable(explained.line, explained.explanation + (
            f"\n{explained.excerpt}" if explained.excerpt else "")) from None
