"""MkDocs hook: MkDocs' own warnings in the editor's language.

The work itself is done in ``godigital.mkdocs_messages``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from godigital.mkdocs_messages import install

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------

# Hooks are loaded with the configuration, once MkDocs has set up its log
# output, and before any page is read.
install()


def on_startup(*, command: str, dirty: bool) -> None:
    install()


def on_config(config: MkDocsConfig) -> None:
    install(docs_dir=config.docs_dir)
