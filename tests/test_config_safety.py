"""mkdocs.yml is code that never runs anything by itself, and prints exactly what it says.

A tag such as ``!!python/object/apply:os.system`` would run a command when
MkDocs' loader reads the file; each test here makes that command create a
marker file, and checks it never exists: not through ``make build``
(``python -m godigital.build``), not through the preview's startup, not even
when the rest of the file is broken. Settings that Material prints as HTML
are refused when they would not print as themselves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from godigital.config_safety import EXTRA_CSS, config_safety_problems
from godigital.typography import text_rules
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, ROOT, build_site, fixture_project, root_of

PAYLOAD = '"><script>alert(1)</script>'


def _marker_tags(marker: Path) -> dict[str, str]:
    command = f"touch {marker}"
    return {
        "apply": f"!!python/object/apply:os.system [{command!r}]",
        "new": f"!!python/object/new:os.system [{command!r}]",
        "long form": f"!<tag:yaml.org,2002:python/object/apply:os.system> [{command!r}]",
        "subprocess": f"!!python/object/apply:subprocess.call [[touch, {marker}]]",
    }


def _project(tmp_path: Path) -> Path:
    return fixture_project(tmp_path / "project")


def _write(config: Path, text: str) -> int:
    """Append ``text`` to mkdocs.yml; the line (from 1) where it starts."""
    before = config.read_text(encoding="utf-8")
    config.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def _run_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "godigital.build", "--site-dir", str(site)], cwd=project, capture_output=True,
        text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GODIGITAL_MESSAGES": "en",
             "SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})


# -----------------------------------------------------------------------------
# Tags: refused before MkDocs reads the file, and never run
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["apply", "new", "long form", "subprocess"])
@pytest.mark.parametrize("broken", [False, True], ids=["valid", "broken-rest"])
def test_a_command_in_a_tag_never_runs_on_make_build(tmp_path, kind, broken):
    project, marker = _project(tmp_path), tmp_path / "ran"
    rest = "site_nmae: typo\ndocs_dir: nowhere\n" if broken else ""
    line = _write(project / "mkdocs.yml", f"extra:\n  x: {_marker_tags(marker)[kind]}\n{rest}") + 1
    result = _run_build(project, tmp_path / "site")
    assert not marker.exists(), "the command in the tag ran"
    assert result.returncode != 0 and not (tmp_path / "site").exists()
    assert f"mkdocs.yml, line {line}: the tag '" in result.stderr, result.stderr
    assert "this setting is not allowed in mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_command_in_a_tag_never_runs_on_the_previews_startup(tmp_path):
    from tests.test_preview import Preview

    project, marker = _project(tmp_path), tmp_path / "ran"
    # The rest of the file broken too: the preview then asks config_check to explain it.
    line = _write(project / "mkdocs.yml",
                  f"site_nmae: typo\nx: {_marker_tags(marker)['apply']}\n") + 1
    preview = Preview(project, tmp_path / "preview.log")
    try:
        status, body = preview.get("")
    finally:
        preview.stop()
    assert not marker.exists(), "the command in the tag ran"
    assert status == 500 and f"mkdocs.yml, line {line}: the tag" in body, body
    assert "Traceback" not in (tmp_path / "preview.log").read_text(encoding="utf-8")


def test_the_preview_refuses_a_tag_before_each_build(tmp_path):
    from godigital import preview

    project, marker = _project(tmp_path), tmp_path / "ran"
    _write(project / "mkdocs.yml", f"x: {_marker_tags(marker)['apply']}\n")
    config = str(project / "mkdocs.yml")
    problems = preview.build_site(config, str(tmp_path / "site"), "http://127.0.0.1:8000/")
    assert preview._mount_path(config) == "/"
    assert not marker.exists()
    assert [p for p in problems if "the tag '!!python/object/apply:os.system'" in p], problems


@pytest.mark.parametrize("value", [
    "!ENV GITHUB_TOKEN",
    "!ENV [GITHUB_TOKEN, x]",
    "!relative $config_dir",
    "!!python/name:material.extensions.emoji.twemoji",
    "!!python/module:os",
    "!!binary aGVsbG8=",
    "!!set {a: null}",
    "!custom x",
])
def test_every_tag_but_the_plain_types_is_refused_with_its_line(tmp_path, value):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: Test\nextra:\n  social:\n    - icon: x\n      name: {value}\n", encoding="utf-8")
    problems = config_safety_problems(config)
    assert any("line 5: the tag '" in p and "not allowed" in p for p in problems), problems


def test_a_tag_on_a_key_is_refused_too(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n? !!python/object/apply:os.getcwd []\n: x\n", encoding="utf-8")
    [problem] = config_safety_problems(config)
    assert "line 2: the tag '!!python/object/apply:os.getcwd'" in problem


def test_the_plain_types_pass_with_or_without_their_explicit_tag(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: !!str Test\nstrict: !!bool true\nuse_directory_urls: true\n"
                      "validation: !!map {nav: {omitted_files: warn}}\nwatch: !!seq [data]\ndev_addr: null\n",
                      encoding="utf-8")
    assert config_safety_problems(config) == []


def test_the_refusal_is_in_the_editors_language(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: !ENV HOME\n", encoding="utf-8")
    monkeypatch.setenv("GODIGITAL_MESSAGES", "fr")
    [french] = config_safety_problems(config)
    monkeypatch.setenv("GODIGITAL_MESSAGES", "de")
    [german] = config_safety_problems(config)
    assert "ligne 1 : la balise « !ENV » n'est pas autorisée" in french
    assert "Zeile 1: Die Markierung „!ENV“ ist nicht erlaubt" in german


# -----------------------------------------------------------------------------
# Settings the theme prints: text that prints as itself, https addresses
# -----------------------------------------------------------------------------

LANGUAGE = "        - locale: de\n"
PRINTED = {
    "site_name": ("site_name: Go Digital\n", "site_name: {v}\n"),
    "site_description": ("site_description: >-\n", "site_description: {v}\nx_description: >-\n"),
    "site_author": ("strict: true\n", "strict: true\nsite_author: {v}\n"),
    "copyright": ("copyright: >-\n", "copyright: {v}\nx_copyright: >-\n"),
    "repo_name": ("strict: true\n", "strict: true\nrepo_name: {v}\n"),
    "extra.social.name": ("strict: true\n", "strict: true\nextra:\n  social:\n    - icon: x\n      name: {v}\n"),
    "i18n name": ("          name: Deutsch\n", "          name: {v}\n"),
    "i18n site_name": (LANGUAGE, LANGUAGE + "          site_name: {v}\n"),
    "i18n site_description": ("          site_description: >-\n", "          site_description: {v}\n"
                                                               "          x_description: >-\n"),
    "i18n copyright": ("          copyright: >-\n", "          copyright: {v}\n          x_copyright: >-\n"),
    # Material prints these into attributes and a <style> without escaping them.
    "theme.palette.primary": ("    primary: custom\n", "    primary: {v}\n"),
    "theme.palette.toggle.name": ("        name: palette_dark\n", "        name: {v}\n"),
    "theme.icon.admonition name": ("    alternate: material/translate\n",
                                   "    alternate: material/translate\n    admonition:\n      {v}: material/pencil\n"),
}
URLS = {
    "site_url": ("site_url: https://www.godigital.lu/\n", "site_url: {v}\n"),
    "repo_url": ("strict: true\n", "strict: true\nrepo_url: {v}\n"),
    "edit_uri": ("strict: true\n", "strict: true\nrepo_url: https://github.com/x/y\nedit_uri: {v}\n"),
    "extra.social.link": ("strict: true\n", "strict: true\nextra:\n  social:\n    - icon: x\n      link: {v}\n"),
    "extra.homepage": ("strict: true\n", "strict: true\nextra:\n  homepage: {v}\n"),
}


def _changed(tmp_path: Path, old: str, new: str, value: str = "") -> tuple[list[str], int]:
    """The problems of the shipped mkdocs.yml with ``old`` replaced by ``new``, and the line of ``value``."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    config = tmp_path / "mkdocs.yml"
    config.write_text(changed, encoding="utf-8")
    at = changed.index(value, text.index(old)) if value else text.index(old)
    return config_safety_problems(config), changed[:at].count("\n") + 1


@pytest.mark.parametrize("setting", PRINTED)
@pytest.mark.parametrize("value", [PAYLOAD, "<img src=x onerror=alert(1)>", "R&amp;D", "a\u0007b", "a\u2028b"])
def test_a_printed_text_that_would_not_print_as_itself_is_refused(tmp_path, setting, value):
    old, new = PRINTED[setting]
    problems, line = _changed(tmp_path, old, new.format(v=json.dumps(value)), json.dumps(value))
    assert any(f"line {line}: the setting '" in p and "the theme prints this text as HTML" in p
               for p in problems), problems


@pytest.mark.parametrize("setting", URLS)
@pytest.mark.parametrize("value", ["javascript:alert(1)", "http://example.com/", "'https://x.lu/\"><script>'",
                                   "//evil.example/", "https://user@evil.example/", "data:text/html,x"])
def test_a_printed_address_is_https_only(tmp_path, setting, value):
    old, new = URLS[setting]
    problems, line = _changed(tmp_path, old, new.format(v=value), value)
    assert any(f"line {line}: the setting '" in p for p in problems), problems


def test_ordinary_texts_and_addresses_are_accepted(tmp_path):
    problems, _ = _changed(tmp_path, "strict: true\n", (
        "strict: true\nrepo_url: https://github.com/godigital-lu/site\nrepo_name: godigital-lu/site\n"
        "edit_uri: edit/main/docs/\nsite_author: L'équipe « Go Digital »\n"
        "extra:\n  generator: false\n  social:\n    - icon: fontawesome/brands/linkedin\n"
        "      link: https://www.linkedin.com/company/godigital\n      name: Go Digital sur LinkedIn\n"))
    assert problems == []


def test_a_printed_value_with_markup_stops_make_build(tmp_path):
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: Go Digital", f"site_name: '{PAYLOAD}'\nrepo_url: 'https://x.lu/{PAYLOAD}'"), encoding="utf-8")
    result = _run_build(project, tmp_path / "site")
    assert result.returncode != 0 and not (tmp_path / "site").exists()
    assert "mkdocs.yml, line 1: the setting 'site_name' holds '\"'" in result.stderr, result.stderr
    assert "mkdocs.yml, line 2: the setting 'repo_url' must be a web address starting with https://" in result.stderr


def test_accepted_settings_show_exactly_their_text_on_the_built_pages(tmp_path):
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    # No French punctuation: the French pages' typography would add its no-break spaces.
    name, author = "Go Digital – l'atelier numérique", "L'équipe Go Digital"
    repo, link = "https://github.com/godigital-lu/site", "https://www.linkedin.com/company/godigital"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Go Digital", (
        f"site_name: {name}\nsite_author: {author}\nrepo_url: {repo}\nrepo_name: godigital-lu/site\n"
        f"extra:\n  social:\n    - icon: fontawesome/brands/linkedin\n      link: {link}\n"
        "      name: Go Digital sur LinkedIn")), encoding="utf-8")
    result = _run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for path in (f"{root_of(lang)}index.html" for lang in LANGUAGES):
        tree = LexborHTMLParser((tmp_path / "site" / path).read_text(encoding="utf-8"))
        assert tree.css_first("a.md-header__button.md-logo").attributes["aria-label"] == text_rules(
            tree.css_first("html").attributes["lang"])(name)  # the French pages' apostrophe
        assert tree.css_first(".md-source__repository").text(strip=True) == "godigital-lu/site"
        assert tree.css_first("a.md-source").attributes["href"] == repo
        social = tree.css_first("a.md-social__link")
        assert social.attributes["href"] == link and social.attributes["title"] == "Go Digital sur LinkedIn"


# -----------------------------------------------------------------------------
# Stylesheets, scripts, folders: only the reviewed ones; no hooks
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("extra_css:\n", "extra_javascript:\n  - assets/x.js\nextra_css:\n", "'assets/x.js' under 'extra_javascript'"),
    ("extra_css:\n", "extra_javascript:\n  - path: assets/x.mjs\n    type: module\nextra_css:\n",
     "'…' under 'extra_javascript'"),
    ("  - assets/stylesheets/site.css\n", "  - assets/stylesheets/site.css\n  - assets/editor.css\n",
     "'assets/editor.css' under 'extra_css'"),
    ("strict: true\n", "strict: true\nhooks:\n  - docs/fr/hook.py\n", "the setting 'hooks' is not allowed"),
    ("strict: true\n", "strict: true\nhooks:\n  - godigital/plugin.py\n", "the setting 'hooks' is not allowed"),
    ("docs_dir: docs\n", "docs_dir: data\n", "the setting 'docs_dir' must be 'docs'"),
    ("docs_dir: docs\n", "docs_dir: docs\nsite_dir: docs/site\n", "the setting 'site_dir' must be 'site'"),
    ("  custom_dir: overrides\n", "  custom_dir: docs\n", "the setting 'theme.custom_dir' must be 'overrides'"),
    ("  name: material\n", "  name: mkdocs\n", "the setting 'theme.name' must be 'material'"),
    ("theme:\n  name: material\n", "theme: mkdocs\nold_theme:\n  name: material\n",
     "the setting 'theme.name' must be 'material'"),
    ("  favicon: assets/favicon.svg\n", "  favicon: https://evil.example/x.svg\n", "'theme.favicon' must be"),
    ("  logo: assets/go-digital.svg\n", "  logo: '\"><script>.svg'\n", "'theme.logo' must be"),
    ("strict: true\n", "strict: true\nINHERIT: ../other.yml\n", "the setting 'INHERIT' is not allowed"),
    ("strict: true\n", "strict: true\nextra:\n  scope: /\n", "the setting 'extra.scope' is not allowed"),
    ("strict: true\n", "strict: true\nnav:\n  - index.md\n", "the menu is no longer in mkdocs.yml: it lives in "
                                                             "data/menu.yml"),
    (LANGUAGE, LANGUAGE + "          nav_translations:\n            Accueil: Startseite\n",
     "the menu is no longer in mkdocs.yml: it lives in data/menu.yml"),
])
def test_only_the_reviewed_files_and_folders_are_accepted(tmp_path, old, new, expected):
    problems, _ = _changed(tmp_path, old, new)
    assert any(expected in p for p in problems), problems
    assert all("mkdocs.yml, line " in p for p in problems)


# Each got through with exit 0: Google Fonts on every page, /etc/passwd pasted into a page, a plugin
# that fetches from other hosts while building.
@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  font: false\n", "  font:\n    text: Roboto\n", "'theme.font' must be 'false'"),
    ("  font: false\n", "", "'theme.font' must be 'false'"),
    ("  - pymdownx.superfences\n", "  - pymdownx.superfences\n  - pymdownx.snippets:\n      base_path: ['/']\n",
     "the Markdown extension 'pymdownx.snippets' is not allowed"),
    ("  - abbr\n", "  - abbr\n  - pymdownx.emoji\n", "the Markdown extension 'pymdownx.emoji' is not allowed"),
    ("      permalink: false\n", "      permalink: false\n      slugify: x\n",
     "the setting 'markdown_extensions.toc.slugify' is not allowed"),
    ("  - admonition\n", "  - admonition:\n      x: 1\n", "'markdown_extensions.admonition.x' is not allowed"),
    ("  - search\n", "  - search\n  - social\n", "the plugin 'social' is not allowed"),
    ("  - search\n", "  - search\n  - material/privacy\n", "the plugin 'material/privacy' is not allowed"),
    ("  - search\n", "  - search:\n      pipeline: [x]\n", "the setting 'plugins.search' is not allowed"),
])
def test_only_the_reviewed_fonts_extensions_and_plugins_are_accepted(tmp_path, old, new, expected):
    problems, _ = _changed(tmp_path, old, new)
    assert any(expected in p for p in problems), problems
    assert all("mkdocs.yml, line " in p for p in problems)


def test_the_shipped_settings_are_the_reviewed_ones():
    assert config_safety_problems(ROOT / "mkdocs.yml") == []
    assert EXTRA_CSS == ("assets/stylesheets/site.css",)


# -----------------------------------------------------------------------------
# Who owns what: docs/ and data/ are the editors', the rest is reviewed code
# -----------------------------------------------------------------------------


def test_codeowners_mark_everything_but_the_editors_folders_as_reviewed_code():
    """Every path is code by default, so that a file nobody listed (a GNUmakefile, a root
    conftest.py) cannot change what CI runs without review; only the editors' folders are unowned."""
    rules = [line.split() for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert rules[0] == ["*", "@godigital-lu/developers"], "the first rule must own every path"
    unowned = {pattern.strip("/") for pattern, *owners in rules[1:] if not owners}
    assert all(owners in ([], ["@godigital-lu/developers"]) for _, *owners in rules)
    assert unowned == {"docs", "data", "README.md", "CONTRIBUTING.md", "CONTRIBUTING.fr.md", "CONTRIBUTING.de.md"}
    # Nothing after the first rule may take ownership back from the editors' folders.
    assert all(not owners for _, *owners in rules[1:])


def test_a_plain_mkdocs_build_refuses_a_menu_put_back_in_mkdocs_yml(tmp_path):
    project = _project(tmp_path)
    line = _write(project / "mkdocs.yml", "nav:\n  - Accueil: index.md\n")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"mkdocs.yml, line {line}: the menu is no longer in mkdocs.yml: it lives in data/menu.yml" \
        in result.stderr, result.stderr
