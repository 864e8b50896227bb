"""The menu is the editors' file, data/menu.yml: checked with file:line messages, shown in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from godigital.menu import Menu, MenuError, load_menu
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, build_site, fixture_project
from tests.sitepages import SitePage

MENU = """\
nav:
  - Accueil: index.md
  - Informations légales:
      - Mentions légales: legal/mentions.md
  - contact.md
nav_translations:
  de:
    Accueil: Startseite
    Informations légales: Rechtliches
    Mentions légales: Impressum
"""


def _problems(tmp_path: Path, text: str, translated=("de",)) -> list[str]:
    docs = tmp_path / "docs"
    for page in ("index.md", "legal/mentions.md", "contact.md"):
        (docs / "fr" / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / "fr" / page).write_text("# x\n", encoding="utf-8")
    (tmp_path / "menu.yml").write_text(text, encoding="utf-8")
    with pytest.raises(MenuError) as caught:
        load_menu(tmp_path / "menu.yml", docs, "fr", translated)
    return caught.value.problems


def test_a_correct_menu_gives_mkdocs_nav_and_each_languages_titles(tmp_path):
    docs = tmp_path / "docs"
    for page in ("index.md", "legal/mentions.md", "contact.md"):
        (docs / "fr" / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / "fr" / page).write_text("# x\n", encoding="utf-8")
    (tmp_path / "menu.yml").write_text("\ufeff" + MENU, encoding="utf-8")
    menu = load_menu(tmp_path / "menu.yml", docs, "fr", ["de"])
    assert menu == Menu(
        nav=[{"Accueil": "index.md"}, {"Informations légales": [{"Mentions légales": "legal/mentions.md"}]},
             "contact.md"],
        nav_translations={"de": {"Accueil": "Startseite", "Informations légales": "Rechtliches",
                                 "Mentions légales": "Impressum"}})


def test_each_page_has_its_menu_titles_in_every_language():
    menu = Menu(nav=[{"Accueil": "index.md"}, {"Informations légales": [{"Mentions légales": "legal/mentions.md"}]},
                     "contact.md"],
                nav_translations={"de": {"Accueil": "Startseite", "Informations légales": "Rechtliches",
                                         "Mentions légales": "Impressum"}})
    # A section's title is no page's; a page under its own title has none in the menu.
    assert menu.page_titles() == {"index.md": ("Accueil", "Startseite"), "legal/mentions.md": ("Mentions légales",
                                                                                               "Impressum")}


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  - Accueil: index.md\n", "  - Accueil: index.md: x\n", "data/menu.yml, line 2: a colon followed by a space"),
    ("nav_translations:\n", "nav_translation:\n", "data/menu.yml, line 6: 'nav_translation' is not known here"),
    ("  - contact.md\n", "  - contacts.md\n", "data/menu.yml, line 5: the menu entry 'contacts.md' names "
                                               "'contacts.md', but there is no page docs/fr/contacts.md"),
    ("  - Accueil: index.md\n", "  - Accueil: acceuil.md\n",
     "data/menu.yml, line 2: the menu entry 'Accueil' names 'acceuil.md', but there is no page docs/fr/acceuil.md"),
    ("  - Accueil: index.md\n", "  - Accueil: javascript:alert(1)\n", "data/menu.yml, line 2: the menu entry "
                                                                     "'Accueil' must name a page of the site"),
    ("  - Accueil: index.md\n", "  - Accueil: https://evil.example/\n", "line 2: the menu entry 'Accueil' must"),
    ("  - Accueil: index.md\n", "  - Accueil: ../../mkdocs.md\n", "line 2: the menu entry 'Accueil' must"),
    ("    Accueil: Startseite\n", "", "data/menu.yml, line 2: the menu entry 'Accueil' has no title in German"),
    ("    Mentions légales: Impressum\n", "    Mentions légales: Impressum\n    Contact: Kontakt\n",
     "data/menu.yml, line 11: the title 'Contact' is translated, but no menu entry has it"),
    ("  de:\n", "  en:\n", "data/menu.yml, line 7: 'en' is not a language the site translates. Use: de."),
    ("    Accueil: Startseite\n", "    Accueil:\n", "data/menu.yml, line 8: the title 'Accueil' has no text"),
    ("  - contact.md\n", "  - Contact:\n", "data/menu.yml, line 5: a menu entry is one line"),
    ("nav:\n  - Accueil: index.md\n", "nav:\n  - &a Accueil: index.md\n  - *a\n",
     "data/menu.yml, line 3: this line repeats another part of the file"),
])
def test_a_mistake_in_the_menu_names_the_file_and_the_line(tmp_path, old, new, expected):
    assert old in MENU
    problems = _problems(tmp_path, MENU.replace(old, new, 1))
    assert any(expected in problem for problem in problems), problems


def test_a_missing_or_empty_menu_file_says_what_to_do(tmp_path):
    with pytest.raises(MenuError, match=r"data/menu\.yml: the file does not exist"):
        load_menu(tmp_path / "menu.yml", tmp_path / "docs", "fr", ["de"])
    assert _problems(tmp_path, "nav_translations: {}\n") == [
        "data/menu.yml: 'nav:' is missing. Put the menu under it, one line 'Title: file.md' per page."]
    assert "must hold 'nav:'" in _problems(tmp_path, "- index.md\n")[0]


def test_menu_messages_are_in_the_editors_language(tmp_path, monkeypatch):
    monkeypatch.setenv("GODIGITAL_MESSAGES", "de")
    [problem] = _problems(tmp_path, MENU.replace("  - contact.md\n", "  - kontakt.md\n"))
    assert problem.startswith("data/menu.yml, Zeile 5: Der Menüeintrag „kontakt.md“ nennt „kontakt.md“")


def test_the_menu_of_data_menu_yml_reaches_every_languages_built_menu(tmp_path):
    project = fixture_project(tmp_path / "project")
    menu = project / "data/menu.yml"
    text = menu.read_text(encoding="utf-8").replace("Nos ateliers: ateliers.md", "Ateliers pratiques: ateliers.md")
    # Each other language's title for it, renamed too: "Unsere Workshops" becomes "Unsere Workshops (neu)".
    text = re.sub(r"^(\s+)Nos ateliers: (.*)$", r"\1Ateliers pratiques: \2 (neu)", text, flags=re.M)
    menu.write_text(text, encoding="utf-8")
    translations = yaml.safe_load(text)["nav_translations"]
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    default = SitePage.read(tmp_path / "site/index.html").menu()
    assert "Ateliers pratiques" in default and "Nos ateliers" not in default, default
    for lang in LANGUAGES[1:]:
        shown = SitePage.read(tmp_path / "site" / lang / "index.html").menu()
        renamed = translations[lang]["Ateliers pratiques"]
        assert renamed in shown and renamed.removesuffix(" (neu)") not in shown, (lang, shown)


def test_a_menu_mistake_stops_the_build_naming_data_menu_yml(tmp_path):
    project = fixture_project(tmp_path / "project")
    menu = project / "data/menu.yml"
    menu.write_text(menu.read_text(encoding="utf-8").replace("ateliers.md", "ateliers-2.md"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/menu.yml, line 5: the menu entry 'Nos ateliers' names 'ateliers-2.md', but there is no page " \
           "docs/fr/ateliers-2.md" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
