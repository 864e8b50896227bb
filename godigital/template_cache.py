"""Compiled theme templates, kept for the life of the process.

MkDocs makes a new Jinja environment for every build, and
mkdocs-static-i18n builds each language with its own, so Material's
templates were parsed and compiled several times per build, and again on
every save in the preview: more than half of a rebuild's time. Jinja's
bytecode cache keys each template by its name and a checksum of its source,
so an edited template is compiled afresh and the output does not change.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import jinja2

if TYPE_CHECKING:
    from mkdocs.theme import Theme


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


BYTECODE_CACHE = _MemoryBytecodeCache()


def share_compiled_templates(theme: Theme) -> None:
    """Make every Jinja environment of this MkDocs theme use the process's compiled templates."""
    get_env = type(theme).get_env

    @functools.wraps(get_env)
    def get_env_with_cache() -> jinja2.Environment:
        env = get_env(theme)
        env.bytecode_cache = BYTECODE_CACHE
        return env

    theme.get_env = get_env_with_cache  # type: ignore[method-assign]  # this theme only: MkDocs has no hook for it
