"""The mistakes that used to pass silently stop the build, naming the file and the line."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from godigital.config_check import config_problems
from godigital.menu import nav_translation_problems
from godigital.mkdocs_messages import translate
from godigital.pages import page_problems
from tests.conftest import ROOT, build_site, copy_project, fixture_project
from tests.test_events import LANGUAGES as VALID_LANGUAGES
from tests.test_events import VALID

NOW = datetime(2018, 2, 2, 9, 0, tzinfo=ZoneInfo("Europe/Luxembourg"))
DESCRIPTION = "Une description assez longue pour les moteurs de recherche et les aperçus de liens."
PAGE = f"---\ntitle: Contact\ndescription: {DESCRIPTION}\n---\n\n# Contact\n"


# -----------------------------------------------------------------------------
# Pages: front matter, title, description
# -----------------------------------------------------------------------------


def test_a_complete_page_has_no_problem():
    assert page_problems(PAGE) == []


def test_front_matter_without_its_closing_line_is_a_problem_on_line_1():
    [problem] = page_problems(f"---\ntitle: Contact\ndescription: {DESCRIPTION}\n\n# Contact\n")
    assert problem.startswith("line 1: the page starts with '---' but the block at the top is never closed")


@pytest.mark.parametrize("body", ["\nTexte de la page.\n", "\n# Contact\n\nTexte de la page.\n"])
def test_an_unclosed_front_matter_is_reported_as_such_when_a_rule_follows_further_down(body):
    page = f"---\ntitle: Contact\ndescription: {DESCRIPTION}\n{body}\n---\n\nFin.\n"
    [problem] = page_problems(page)
    assert problem.startswith("line 1: the page starts with '---' but the block at the top is never closed")


def test_a_malformed_front_matter_closed_by_its_line_is_still_explained_on_the_line_at_fault():
    [problem] = page_problems("---\ntitle: Contact\ndescription\n---\n\nTexte.\n\n---\n\nFin.\n")
    assert problem.startswith("line 3: the block between the '---' lines at the top is malformed")
    assert "has no colon" in problem


@pytest.mark.parametrize(("length", "expected"), [
    (49, "line 3: the description has 49 characters; it needs at least 50"),
    (171, "line 3: the description has 171 characters; keep it to 170 at most"),
])
def test_a_description_outside_50_to_170_characters_is_a_problem(length, expected):
    [problem] = page_problems(PAGE.replace(DESCRIPTION, "x" * length))
    assert problem.startswith(expected)


@pytest.mark.parametrize("length", [50, 170])
def test_descriptions_of_50_and_170_characters_are_fine(length):
    assert page_problems(PAGE.replace(DESCRIPTION, "x" * length)) == []


def test_a_missing_title_or_description_is_a_problem():
    assert page_problems(PAGE.replace("title: Contact\n", ""))[0].startswith("line 3: the page has no title")
    assert page_problems(PAGE.replace(f"description: {DESCRIPTION}\n", ""))[0].startswith(
        "line 3: the page has no description")
    assert page_problems("# Contact\n")[0].startswith("line 1: the page has no block at the top")


# -----------------------------------------------------------------------------
# Menu: a German title for every entry
# -----------------------------------------------------------------------------

# The languages the menu below translates into.
TRANSLATED = ("de",)
MENU = """\
nav:
  - Accueil: index.md
  - Informations légales:
      - Mentions légales: mentions-legales.md
  - contact.md
nav_translations:
  de:
    Accueil: Startseite
    Informations légales: Rechtliches
    Mentions légales: Impressum
"""


def test_a_menu_translated_at_every_level_has_no_problem():
    assert nav_translation_problems(MENU, locales=TRANSLATED) == []


@pytest.mark.parametrize(("removed", "line"), [("Accueil", 2), ("Informations légales", 3), ("Mentions légales", 4)])
def test_a_menu_entry_without_german_title_is_a_problem_on_its_line(removed, line):
    menu = MENU.replace(f"    {removed}: ", "    Other: ")
    [problem] = nav_translation_problems(menu, locales=TRANSLATED)
    assert problem.startswith(f"data/menu.yml, line {line}: the menu entry '{removed}' has no title in German")


# -----------------------------------------------------------------------------
# mkdocs.yml, and MkDocs' own messages
# -----------------------------------------------------------------------------


def test_the_projects_settings_have_no_problem():
    assert config_problems(ROOT / "mkdocs.yml") == []


@pytest.mark.parametrize(("change", "expected"), [
    (("strict: true", "strict: true\nsite_nmae: x"),
     "line 13: 'site_nmae' is not a setting MkDocs knows. Did you mean 'site_name'?"),
    (("docs_dir: docs", "docs_dir: docs: x"), "line 10: a colon followed by a space starts a new field"),
    (("fallback_to_default: false", "fallback_to_default: nope"), "the setting 'plugins' is wrong"),
])
def test_a_mistake_in_the_settings_is_explained_with_its_line(tmp_path, change, expected):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    [problem] = config_problems(config)
    assert expected in problem
    assert "mkdocs.yml" in problem


SETTINGS = """\
site_name: Test
docs_dir: docs
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - locale: fr
          default: true
          name: Français
        - locale: de
          name: Deutsch
          site_description: Eine Beschreibung.
markdown_extensions:
  - toc:
      permalink: false
  - pymdownx.details
  - pymdownx.superfences
"""


def _settings_problems(tmp_path, old: str, new: str) -> tuple[list[str], int]:
    """The problems of SETTINGS with ``old`` replaced by ``new``, and the line (from 1) of ``new``."""
    (tmp_path / "docs/fr").mkdir(parents=True)
    text = SETTINGS.replace(old, new, 1)
    assert text != SETTINGS
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    line = text[:text.index(new)].count("\n") + 1
    return config_problems(tmp_path / "mkdocs.yml"), line


def test_the_settings_of_the_checks_below_have_no_problem(tmp_path):
    (tmp_path / "docs/fr").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text(SETTINGS, encoding="utf-8")
    assert config_problems(tmp_path / "mkdocs.yml") == []


def test_a_misspelt_setting_of_a_plugin_is_shown_on_its_own_line_with_the_right_spelling(tmp_path):
    [problem], line = _settings_problems(tmp_path, "site_description:", "site_descriptio:")
    assert problem.endswith(f"mkdocs.yml, line {line}: 'site_descriptio' is not a setting of the plugin 'i18n'. "
                            "Did you mean 'site_description'? Check the spelling, or remove the line.")


def test_a_misspelt_plugin_option_is_shown_on_its_own_line(tmp_path):
    [problem], line = _settings_problems(tmp_path, "docs_structure:", "docs_structur:")
    assert f"line {line}: 'docs_structur' is not a setting of the plugin 'i18n'. Did you mean 'docs_structure'?" \
        in problem


def test_a_misspelt_plugin_setting_is_in_the_editors_language(tmp_path, monkeypatch):
    monkeypatch.setenv("GODIGITAL_MESSAGES", "de")
    [problem], line = _settings_problems(tmp_path, "site_description:", "site_descriptio:")
    assert f"Zeile {line}: „site_descriptio“ ist keine Einstellung des Plugins „i18n“. " \
           "Meinten Sie „site_description“?" in problem


def test_an_unknown_markdown_extension_is_shown_on_its_own_line(tmp_path):
    [problem], line = _settings_problems(tmp_path, "  - pymdownx.details", "  - pymdownx.detail")
    # Refused before MkDocs reads the file (only the reviewed extensions are allowed), with the spelling.
    assert f"mkdocs.yml, line {line}: the Markdown extension 'pymdownx.detail' is not allowed. " \
           "Did you mean 'pymdownx.details'?" in problem


@pytest.mark.parametrize(("english", "expected"), [
    ("Doc file 'fr/contact.md' contains a link 'x.md', but the target 'fr/x.md' is not found among documentation "
     "files. Did you mean 'y.md'?",
     "La page «\u00a0fr/contact.md\u00a0» contient un lien «\u00a0x.md\u00a0», mais la cible «\u00a0fr/x.md\u00a0» "
     "ne figure pas parmi les pages. Vouliez-vous écrire «\u00a0y.md\u00a0»\u00a0?"),
    ("A reference to 'x.md' is included in the 'nav' configuration, which is not found in the documentation files.",
     "Le menu (« nav ») mentionne « x.md », qui ne figure pas parmi les pages.".replace("« ", "«\u00a0")
     .replace(" »", "\u00a0»")),
    ('The following pages exist in the docs directory, but are not included in the "nav" configuration:\n'
     "  - fr/x.md\n  - de/x.md", "  - fr/x.md\n  - de/x.md\nAjoutez chaque page"),
])
def test_mkdocs_own_warnings_are_shown_in_the_editors_language(monkeypatch, english, expected):
    monkeypatch.setenv("GODIGITAL_MESSAGES", "fr")
    assert expected in translate(english)


def test_a_broken_link_names_the_page_and_the_line_of_the_link(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr/contact.md").write_text("# Contact\n\nVoir [la page](perdue.md).\n", encoding="utf-8")
    text = translate("Doc file 'fr/contact.md' contains a link 'perdue.md', but the target 'fr/perdue.md' is not "
                     "found among documentation files.", str(tmp_path))
    assert text.startswith(f"{os.path.relpath(tmp_path)}/fr/contact.md, line 3: Doc file 'fr/contact.md' contains")


def test_the_same_message_again_is_about_the_next_link_to_that_target(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr/contact.md").write_text("# Contact\n\n[a](../perdue.md)\n\n`[b](perdue.md)`\n\n[c](perdue.md)\n"
                                            "\n[d](perdue.md)\n", encoding="utf-8")
    english = ("Doc file 'fr/contact.md' contains a link 'perdue.md', but the target 'fr/perdue.md' is not found "
               "among documentation files.")
    shown = [translate(english, str(tmp_path), repeat=repeat).split(": Doc file")[0] for repeat in range(2)]
    assert shown == [f"{os.path.relpath(tmp_path)}/fr/contact.md, line {line}" for line in (7, 9)]


def test_an_unknown_mkdocs_message_is_left_as_it_is():
    assert translate("Something MkDocs says that no editor meets.") is None


# -----------------------------------------------------------------------------
# The build
# -----------------------------------------------------------------------------


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fails_with(result, *expected):
    assert result.returncode != 0
    for text in expected:
        assert text in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_front_matter_without_closing_line_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/de/contact.md"
    text = page.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    page.write_text(head + "\n" + body, encoding="utf-8")
    _fails_with(build_site(project, tmp_path / "site"),
                "docs/de/contact.md, line 1: the page starts with '---' but the block at the top is never closed")


def test_a_short_description_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/fr/contact.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("description:"))
    lines[number] = "description: Trop court.\n"
    page.write_text("".join(lines), encoding="utf-8")
    _fails_with(build_site(project, tmp_path / "site"),
                f"docs/fr/contact.md, line {number + 1}: the description has 11 characters; it needs at least 50")


def test_a_page_without_title_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/de/contact.md"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    page.write_text("".join(line for line in lines if not line.startswith("title:")), encoding="utf-8")
    _fails_with(build_site(project, tmp_path / "site"), "docs/de/contact.md, line ", "the page has no title")


def test_a_menu_entry_without_german_title_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    menu = project / "data/menu.yml"
    lines = menu.read_text(encoding="utf-8").splitlines(keepends=True)
    # A new section in the menu, its title translated nowhere.
    number = next(i for i, line in enumerate(lines) if line.startswith("nav:")) + 1
    lines.insert(number, "  - Nouvelle rubrique:\n      - Contact bis: contact.md\n")
    menu.write_text("".join(lines), encoding="utf-8")
    _fails_with(build_site(project, tmp_path / "site"),
                f"data/menu.yml, line {number + 1}: the menu entry 'Nouvelle rubrique' has no title in German",
                f"data/menu.yml, line {number + 2}: the menu entry 'Contact bis' has no title in German")


def test_a_missing_german_title_is_reported_in_french_to_a_french_speaking_editor(tmp_path):
    project = copy_project(tmp_path / "project", only=VALID_LANGUAGES)  # VALID's languages
    (project / "data/events.yaml").write_text(VALID.replace("      de: Digital Day\n", ""), encoding="utf-8")
    result = build_site(project, tmp_path / "site", env={"GODIGITAL_MESSAGES": "", "LC_ALL": "",
                                                         "LC_MESSAGES": "", "LANG": "fr_LU.UTF-8"})
    _fails_with(result, "1 problème dans le fichier des événements\u00a0:",
                "data/events.yaml, ligne 4, événement «\u00a0journee-test-2030\u00a0», champ «\u00a0title.de\u00a0»"
                "\u00a0: le texte en allemand manque.")


def test_a_mistake_in_mkdocs_yml_is_a_short_message_in_make_build(tmp_path):
    project = copy_project(tmp_path / "project")
    _edit(project / "mkdocs.yml", "docs_dir: docs", "docs_dir: docs: x")
    result = subprocess.run([sys.executable, "-m", "godigital.build", "--site-dir", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env=_env(LANG="de_LU.UTF-8"))
    _fails_with(result, "mkdocs.yml, Zeile 10: Ein Doppelpunkt", "    10 | docs_dir: docs: x",
                "Abbruch wegen eines Problems in den Einstellungen")
    assert not (tmp_path / "site").exists()


def _env(**extra):
    import os
    env = {k: v for k, v in os.environ.items() if k not in ("GODIGITAL_MESSAGES", "LC_ALL", "LC_MESSAGES")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **extra}


def test_a_link_to_a_missing_page_names_the_file_and_line_in_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs/fr/contact.md"
    text = page.read_text(encoding="utf-8") + "\n[Perdu](nulle-part.md)\n"
    page.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    result = build_site(project, tmp_path / "site", env={"GODIGITAL_MESSAGES": "de"})
    _fails_with(result, f"docs/fr/contact.md, Zeile {line}: Die Seite „fr/contact.md“ enthält einen Link „nulle-part.md“")


def test_a_theme_that_lost_its_templates_names_the_setting_not_a_traceback(tmp_path):
    project = fixture_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "custom_dir: overrides" in text
    config.write_text(text.replace("custom_dir: overrides", "custom_dirs: overrides", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "the theme cannot find its template overrides/partials/" in result.stderr
    assert "custom_dir: overrides" in result.stderr and "Traceback" not in result.stderr
