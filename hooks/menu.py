"""MkDocs hook: the menu and its translations from data/menu.yml, the editors' file.

mkdocs.yml is code and holds no menu. The work itself is done in
``godigital.menu`` and ``godigital.config_safety``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from godigital.config_safety import config_safety_problems
from godigital.menu import MENU_FILE, MenuError, load_menu

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Before mkdocs-static-i18n (priority -100) reads each language's settings; it
# runs again for every language it builds, with the same result.
@event_priority(150)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # make build and the preview refuse these before MkDocs reads the file; a
    # plain `mkdocs build` gets here first, and must not publish a menu put back in
    # mkdocs.yml or a setting the theme would print as markup.
    refused = config_safety_problems(config.config_file_path)
    if refused:
        raise PluginError("\n".join(refused))
    languages = _languages(config)
    default = next((lang.locale for lang in languages if lang.default), languages[0].locale if languages else "")
    translated = [lang.locale for lang in languages if not lang.default and lang.build]
    project = Path(config.config_file_path).resolve().parent
    try:
        menu = load_menu(project / MENU_FILE, Path(config.docs_dir), default, translated)
    except MenuError as error:
        raise PluginError(str(error)) from None
    config.nav = menu.nav
    for lang in languages:
        if not lang.default:
            lang.nav_translations = menu.nav_translations.get(lang.locale, {})
    return config


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _languages(config: MkDocsConfig) -> list:
    plugin = config.plugins.get("i18n")
    return list(plugin.config.languages) if plugin is not None else []
