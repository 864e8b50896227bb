"""Images and downloads shared by every language (docs/assets/), and links that miss them or a page."""

from __future__ import annotations

import pytest

from godigital.shared_files import link_hint, misplaced_link, placement_problems
from tests.conftest import FIXTURE, LANGUAGES, build_site, fixture_project

SHARED_IMAGE = "assets/images/atelier.png"


@pytest.mark.parametrize(("page", "url", "expected"), [
    ("de/x.md", "../assets/images/atelier.png", None),  # the way to write it
    ("fr/a/x.md", "../../assets/images/atelier.png", None),
    ("de/x.md", "assets/images/atelier.png", ("de/assets/images/atelier.png", "../assets/images/atelier.png")),
    ("fr/a/x.md", "../assets/images/atelier.png", ("fr/assets/images/atelier.png", "../../assets/images/atelier.png")),
    ("de/x.md", "assets/images/autre.png", None),  # no such shared file: MkDocs itself says so
    ("de/x.md", "https://example.org/assets/images/atelier.png", None),
    ("de/x.md", "#haut", None),
])
def test_a_shared_file_linked_as_if_it_were_in_the_language_folder_is_found(page, url, expected):
    assert misplaced_link(page, url, {SHARED_IMAGE, "de/x.md", "fr/a/x.md"}, ("fr", "de")) == expected


def test_the_hint_is_the_page_of_the_same_language_whose_name_or_title_is_closest(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de/protection-des-donnees.md").write_text("---\ntitle: Datenschutz\n---\n\n# Datenschutz\n")
    (tmp_path / "de/contact.md").write_text("# Kontakt\n")
    assert link_hint(tmp_path, "de/index.md", "datenschutz.md") == (
        " Every language uses the same file names: did you mean 'protection-des-donnees.md'?")
    assert link_hint(tmp_path, "de/index.md", "kontakt.md#form") == (
        " Every language uses the same file names: did you mean 'contact.md'?")
    nothing = link_hint(tmp_path, "de/index.md", "zzz.md")
    assert "Every language uses the same file names" in nothing and "create the page" not in nothing


def test_the_hint_finds_a_page_by_its_title_in_any_language_and_by_its_menu_titles(tmp_path):
    first, other = LANGUAGES[0], LANGUAGES[1]
    for lang, title in ((first, "Agenda"), (other, "Termine")):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "termine.md").write_text(f"---\ntitle: {title}\n---\n", encoding="utf-8")
        (tmp_path / lang / "ecrire.md").write_text("---\ntitle: Schreiben Sie uns\n---\n", encoding="utf-8")
    # The name a page had, as its title in another language still says it.
    assert link_hint(tmp_path, f"{other}/index.md", "agenda.md", LANGUAGES) == (
        " Every language uses the same file names: did you mean 'termine.md'?")
    # Or as its menu title does, in any language.
    assert link_hint(tmp_path, f"{other}/a/index.md", "kontakt.md", LANGUAGES,
                     {"ecrire.md": ("Contact", "Kontakt")}) == (
        " Every language uses the same file names: did you mean '../ecrire.md'?")
    assert "did you mean" not in link_hint(tmp_path, f"{other}/index.md", "kontakt.md", LANGUAGES)


def test_a_link_to_a_page_renamed_in_every_language_gets_its_new_name_from_every_language(tmp_path):
    project = fixture_project(tmp_path / "project")
    for lang in LANGUAGES:
        (project / "docs" / lang / "agenda.md").rename(project / "docs" / lang / "termine.md")
        index = project / "docs" / lang / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\n[Agenda](agenda.md)\n", encoding="utf-8")
    menu = project / "data/menu.yml"
    menu.write_text(menu.read_text(encoding="utf-8").replace(": agenda.md", ": termine.md"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    for lang in LANGUAGES:
        assert (f"Doc file '{lang}/index.md' contains a link 'agenda.md', but the target '{lang}/agenda.md' is not "
                "found among documentation files. Every language uses the same file names: did you mean "
                "'termine.md'?") in result.stderr, result.stderr


def test_misses_say_where_shared_files_are_with_the_link_to_write(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/index.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + "\n![A](assets/images/atelier.png)\n\n"
                    "![B](../assets/images/ateleir.png)\n\n[Workshops](workshops.md)\n\n"
                    "[PDF](../assets/downloads/programm.pdf)\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    out = result.stderr
    assert (f"docs/de/index.md, line {lines + 2}: the link 'assets/images/atelier.png' names "
            "docs/de/assets/images/atelier.png, which does not exist (a text editor's preview shows nothing). "
            "Images and downloads are in docs/assets/, shared by every language: write "
            "(../assets/images/atelier.png).") in out, out
    assert (f"docs/de/index.md, line {lines + 4}: Doc file 'de/index.md' contains a link "
            "'../assets/images/ateleir.png', but the target 'assets/images/ateleir.png' is not found among "
            "documentation files. Images and downloads are in docs/assets/, shared by every language: did you "
            "mean '../assets/images/atelier.png'?") in out, out
    assert ("Every language uses the same file names: did you mean 'ateliers.md'?") in out, out
    assert "did you mean '../assets/downloads/programme.pdf'?" in out, out
    assert "create the page" not in out
    # Stopping the build, they are errors, not warnings.
    assert "ERROR   -  docs/de/index.md, line" in out and "WARNING" not in out, out


def test_each_link_is_named_on_its_own_line_even_when_its_target_is_written_again_or_inside_another(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/ateliers.md"
    text = page.read_text(encoding="utf-8")
    lines = text.count("\n")
    page.write_text(text + "\n![A](../assets/images/atelier.png)\n\n[Termine](nulle-part.md)\n\n"
                    "`[Code](nulle-part.md)`\n\n![B](assets/images/atelier.png)\n\n[Noch einmal](nulle-part.md)\n",
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    out = result.stderr
    misplaced = [line for line in out.splitlines() if "the link 'assets/images/atelier.png' names" in line]
    assert [line.split(": the link")[0] for line in misplaced] == [
        f"ERROR   -  docs/de/ateliers.md, line {lines + 8}"], out
    broken = [line.split(": Doc file")[0] for line in out.splitlines() if "contains a link 'nulle-part.md'" in line]
    assert broken == [f"ERROR   -  docs/de/ateliers.md, line {lines + 4}",
                      f"ERROR   -  docs/de/ateliers.md, line {lines + 10}"], out


def test_the_did_you_mean_speaks_the_editor_language(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Workshops](workshops.md)\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", env={"GODIGITAL_MESSAGES": "de"})
    assert "Alle Sprachen verwenden dieselben Dateinamen: Meinten Sie „ateliers.md“?" in result.stderr, result.stderr
    assert "FEHLER  -  docs/de/index.md, Zeile" in result.stderr, result.stderr


def test_every_language_shows_the_shared_image_and_offers_the_shared_download(fixture):
    shared = sorted(path.relative_to(FIXTURE / "docs").as_posix() for path in (FIXTURE / "docs/assets").rglob("*")
                    if path.is_file())
    assert shared, "the fixture site has shared files"
    for name in shared:  # published once, at /assets/, whatever the languages
        assert (fixture.site / name).read_bytes() == (FIXTURE / "docs" / name).read_bytes()
        assert not any((fixture.site / lang / name).exists() for lang in LANGUAGES)
    for lang in LANGUAGES:
        prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
        html = (fixture.site / prefix / "ateliers/index.html").read_text(encoding="utf-8")
        assert f'src="{"../" * (1 + bool(prefix))}{SHARED_IMAGE}"' in html
        html = (fixture.site / prefix / "a-propos/equipe/index.html").read_text(encoding="utf-8")
        assert f'href="{"../" * (2 + bool(prefix))}assets/downloads/programme.pdf"' in html


def test_the_fixture_pages_link_shared_files_as_a_text_editor_finds_them():
    for page in (FIXTURE / "docs").glob("*/**/*.md"):
        text = page.read_text(encoding="utf-8")
        for name in ("atelier.png", "programme.pdf"):
            if name in text:
                target = next(part.split(")")[0] for part in text.split("](")[1:] if name in part.split(")")[0])
                assert (page.parent / target).resolve() == next((FIXTURE / "docs/assets").rglob(name)).resolve()


def test_a_page_name_with_a_space_or_a_sign_is_refused_with_the_name_to_write(tmp_path):
    """The name becomes the page's address as it is: only letters (of any script), digits, '-' and '_'."""
    refused = {"Nouvelle Page.md": "nouvelle-page.md", "a propos/Équipe.md": "a-propos/équipe.md",
               "FAQ (2027)!.md": "faq-2027.md", "Page.MD": "page.md"}
    accepted = ("ateliers.md", "café_2027.md", "Über-uns.md", "a-propos/équipe.md", "приклад.md")
    for lang in LANGUAGES:
        for name in (*refused, *accepted):
            (tmp_path / lang / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / lang / name).write_text("# Page\n", encoding="utf-8")
    problems = placement_problems(tmp_path, LANGUAGES)
    assert len(problems) == len(refused) * len(LANGUAGES), problems
    for lang in LANGUAGES:
        for name, suggestion in refused.items():
            assert (f"docs/{lang}/{name}: '{name}' cannot be a page's file name: the page's address is made of it, "
                    "and an address holds only letters, digits, '-' and '_'") in "\n".join(problems), problems
            assert f"Rename the file '{suggestion}' (lower-case, words joined by hyphens)" in "\n".join(problems)


def test_the_page_name_to_write_is_said_in_the_editors_language(tmp_path, monkeypatch):
    monkeypatch.setenv("GODIGITAL_MESSAGES", "de")
    (tmp_path / LANGUAGES[0]).mkdir()
    (tmp_path / LANGUAGES[0] / "Nouvelle Page.md").write_text("# Page\n", encoding="utf-8")
    [problem] = placement_problems(tmp_path, LANGUAGES)
    assert problem.startswith(f"docs/{LANGUAGES[0]}/Nouvelle Page.md: „Nouvelle Page.md“ kann nicht ")
    assert "„nouvelle-page.md“" in problem
