"""Addresses that last: renamed, moved and deleted pages keep answering, in every language."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from godigital import languages
from godigital.labels import load_labels
from godigital.redirects import (
    NGINX_FILE,
    NO_MOVES,
    UNCOMMITTED,
    Redirect,
    RedirectsError,
    address,
    git_moves,
    nginx_rules,
    read_redirects,
    redirect_files,
)
from godigital.typography import text_rules
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, build_site, fixture_project, load_config
from tests.servers import require

LANGS = languages.Languages(LANGUAGES)
OTHER = LANGUAGES[1]


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=project, check=True, capture_output=True)


def _page(project: Path, name: str, text: str = "# Page\n\nSome text that is long enough to be recognised.\n") -> None:
    for lang in LANGUAGES:
        path = project / "docs" / lang / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{text}\n{lang}\n", encoding="utf-8")


def _commit(project: Path, what: str = "change") -> None:
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", what)


def _move(project: Path, old: str, new: str) -> None:
    for lang in LANGUAGES:
        (project / "docs" / lang / new).parent.mkdir(parents=True, exist_ok=True)
        _git(project, "mv", f"docs/{lang}/{old}", f"docs/{lang}/{new}")
    _commit(project, f"{old} is now {new}")


def _delete(project: Path, name: str) -> None:
    for lang in LANGUAGES:
        _git(project, "rm", "-q", f"docs/{lang}/{name}")
    _commit(project, f"{name} deleted")


@pytest.fixture
def project(tmp_path):
    _git(tmp_path, "init", "-q")
    _page(tmp_path, "index.md")
    _page(tmp_path, "programmes.md")
    _commit(tmp_path, "site")
    return tmp_path


def _pairs(project: Path) -> set[tuple[str, str]]:
    return {(r.old, r.new) for r in read_redirects(project, LANGUAGES)}


def test_a_page_renamed_in_every_language_redirects_to_its_new_name(project):
    _move(project, "programmes.md", "offres.md")
    found = read_redirects(project, LANGUAGES)
    assert [(r.old, r.new) for r in found] == [("programmes.md", "offres.md")]
    assert len(found[0].origin) == 7  # the commit's short hash


def test_renames_in_a_row_lead_straight_to_the_last_name(project):
    _move(project, "programmes.md", "offres.md")
    _move(project, "offres.md", "services/offres.md")
    assert _pairs(project) == {("programmes.md", "services/offres.md"), ("offres.md", "services/offres.md")}


def test_a_page_created_again_at_its_old_name_is_live_and_not_redirected(project):
    _move(project, "programmes.md", "offres.md")
    _page(project, "programmes.md", "# Back\n\nAn entirely different page, written anew for its readers.\n")
    _commit(project, "programmes again")
    assert _pairs(project) == set()


def test_renaming_back_makes_no_loop(project):
    _move(project, "programmes.md", "offres.md")
    _move(project, "offres.md", "programmes.md")
    assert _pairs(project) == {("offres.md", "programmes.md")}


def test_a_deleted_page_stops_the_build_asking_where_its_readers_go(project):
    _delete(project, "programmes.md")
    with pytest.raises(RedirectsError) as error:
        read_redirects(project, LANGUAGES)
    assert "'programmes.md' was deleted" in str(error.value)
    assert "Add a line 'old.md: new.md' to data/redirects.yml" in str(error.value)


def test_the_question_is_asked_in_the_editors_language(project, monkeypatch):
    _delete(project, "programmes.md")
    monkeypatch.setenv("GODIGITAL_MESSAGES", "de")
    with pytest.raises(RedirectsError, match="Wohin sollen ihre Leser gelangen"):
        read_redirects(project, LANGUAGES)


def test_a_page_deleted_but_not_committed_is_asked_about_already(project):
    for lang in LANGUAGES:
        (project / "docs" / lang / "programmes.md").unlink()
    with pytest.raises(RedirectsError) as error:
        read_redirects(project, LANGUAGES)
    assert "'programmes.md' is no longer in docs/ (a change not committed yet)" in str(error.value)
    assert "git add docs data, then git commit" in str(error.value)


def test_a_rename_git_already_pairs_redirects_before_it_is_committed(project):
    for lang in LANGUAGES:
        _git(project, "mv", f"docs/{lang}/programmes.md", f"docs/{lang}/offres.md")
    found = read_redirects(project, LANGUAGES)
    assert [(r.old, r.new, r.origin) for r in found] == [("programmes.md", "offres.md", UNCOMMITTED)]


def test_the_data_file_answers_for_a_deleted_page(project):
    _delete(project, "programmes.md")
    (project / "data").mkdir()
    (project / "data/redirects.yml").write_text("# header\nprogrammes.md: index.md\n", encoding="utf-8")
    found = read_redirects(project, LANGUAGES)
    assert found == [Redirect("programmes.md", "index.md", "data/redirects.yml, line 2")]


def test_the_data_file_overrides_what_history_says(project):
    _page(project, "contact.md", "# Contact\n\nWrite to us.\n")
    _commit(project)
    _move(project, "programmes.md", "offres.md")
    (project / "data").mkdir()
    (project / "data/redirects.yml").write_text("programmes.md: contact.md\n", encoding="utf-8")
    assert _pairs(project) == {("programmes.md", "contact.md")}


@pytest.mark.parametrize(("line", "expected"), [
    ("index.md: programmes.md", "'index.md' is still a page of the site"),
    ("old.md: nowhere.md", "'nowhere.md' is not a page in every language"),
    ("old.md: ../../etc.md", "is not a redirect"),
    ("'old.md': '/x/; } return 302 http://evil;'", "is not a redirect"),
    ("- old.md", "one redirect a line"),
])
def test_wrong_lines_are_named_with_file_and_line(project, line, expected):
    (project / "data").mkdir()
    (project / "data/redirects.yml").write_text(f"# header\n{line}\n", encoding="utf-8")
    with pytest.raises(RedirectsError) as error:
        read_redirects(project, LANGUAGES)
    assert expected in str(error.value)
    assert str(error.value).startswith("data/redirects.yml, line ")


def test_a_target_missing_in_one_language_is_refused(project):
    (project / "docs" / OTHER / "programmes.md").unlink()
    (project / "data").mkdir()
    (project / "data/redirects.yml").write_text("old.md: programmes.md\n", encoding="utf-8")
    with pytest.raises(RedirectsError, match=r"'programmes\.md' is not a page in every language"):
        read_redirects(project, LANGUAGES)


def test_outside_git_only_the_data_file_applies(tmp_path):
    _page(tmp_path, "index.md")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/redirects.yml").write_text("programmes.md: index.md\n", encoding="utf-8")
    assert git_moves(tmp_path, LANGUAGES) == NO_MOVES
    assert _pairs(tmp_path) == {("programmes.md", "index.md")}


def test_a_shallow_clone_says_so(project, tmp_path):
    _move(project, "programmes.md", "offres.md")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)], check=True)
    assert git_moves(clone, LANGUAGES).source == "shallow"


def test_addresses_follow_the_languages_and_directory_urls():
    assert address("programmes.md", LANGS.default, LANGS) == "/programmes/"
    assert address("index.md", LANGS.default, LANGS) == "/"
    assert address("sub/index.md", OTHER, LANGS) == f"/{OTHER}/sub/"


def test_nginx_rules_and_pages_cover_every_language():
    redirects = [Redirect("programmes.md", "offres.md", "abc1234")]
    rules = nginx_rules(redirects, LANGS)
    for lang in LANGUAGES:
        root = LANGS.root(lang)
        for form in ("programmes", "programmes/", "programmes/index.html"):
            assert f"location = {root}{form} {{ return 301 {root}offres/; }}" in rules
    assert {file for file, _, _ in redirect_files(redirects, LANGS)} == {
        f"{LANGS.root(lang).lstrip('/')}programmes/index.html" for lang in LANGUAGES}


def test_a_line_of_the_file_follows_its_target_when_that_page_is_renamed(project):
    _page(project, "offres.md")
    _commit(project, "offers")
    _delete(project, "programmes.md")
    (project / "data").mkdir()
    (project / "data/redirects.yml").write_text("programmes.md: offres.md\n", encoding="utf-8")
    _move(project, "offres.md", "services.md")
    assert _pairs(project) == {("programmes.md", "services.md"), ("offres.md", "services.md")}


@pytest.mark.parametrize("text", ["programmes.md: nulle-part.md\n", "programmes.md offres.md\n"])
def test_a_wrong_line_for_a_deleted_page_is_the_one_problem_named(project, text):
    _delete(project, "programmes.md")
    (project / "data").mkdir()
    (project / "data/redirects.yml").write_text(text, encoding="utf-8")
    with pytest.raises(RedirectsError) as error:
        read_redirects(project, LANGUAGES)
    assert str(error.value).startswith("data/redirects.yml, line 1: "), str(error.value)
    assert "was deleted" not in str(error.value)  # the line is there: no question about the page


def test_a_page_with_an_accented_name_keeps_its_address_too(project):
    _page(project, "événements.md")
    _commit(project, "events page")
    _move(project, "événements.md", "rendez-vous.md")
    assert _pairs(project) == {("événements.md", "rendez-vous.md")}


@pytest.mark.nginx
def test_nginx_answers_an_accented_old_address(tmp_path):
    from tests.servers import Nginx, http_get

    site = tmp_path / "site"
    redirects = [Redirect("événements.md", "rendez-vous.md", "abc1234")]
    site.mkdir()
    (site / NGINX_FILE).write_text(nginx_rules(redirects, LANGS), encoding="utf-8")
    with Nginx(site, tmp_path) as server:
        for lang in LANGUAGES:
            root = LANGS.root(lang)
            response = http_get(server, f"{root}%C3%A9v%C3%A9nements/")
            assert response.status == 301
            assert response.getheader("Location") == f"{root}rendez-vous/"


# -----------------------------------------------------------------------------
# The built site, from a project committed with git
# -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """The fixture project committed, then a page moved and renamed in every language (menu following)."""
    base = tmp_path_factory.mktemp("renamed")
    project = fixture_project(base / "project")
    _git(project, "init", "-q")
    _commit(project, "site")
    for lang in LANGUAGES:
        _git(project, "mv", f"docs/{lang}/a-propos/mentions.md", f"docs/{lang}/mentions-legales.md")
    menu = project / "data/menu.yml"
    menu.write_text(menu.read_text(encoding="utf-8").replace("a-propos/mentions.md", "mentions-legales.md"),
                    encoding="utf-8")
    _commit(project, "legal notice at the top")
    site = base / "site"
    result = build_site(project, site, env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return project, site


def test_the_old_address_leads_to_the_new_page_in_every_language(renamed_site):
    _, site = renamed_site
    url = load_config(renamed_site[0])["site_url"]
    for lang in LANGUAGES:
        root = LANGS.root(lang).lstrip("/")
        html = (site / root / "a-propos/mentions/index.html").read_text(encoding="utf-8")
        new = f"{url}{root}mentions-legales/"
        assert f'<html lang="{lang}">' in html
        assert f'<link rel="canonical" href="{new}">' in html
        assert '<meta http-equiv="refresh" content="0; url=../../mentions-legales/">' in html
        assert '<meta name="robots" content="noindex">' in html
        assert '<a href="../../mentions-legales/">' in html
        assert "<script" not in html and "<style" not in html and " style=" not in html
        assert (site / root / "mentions-legales/index.html").is_file()
        # In the language's typography, like every other page.
        title = text_rules(lang)(load_labels(renamed_site[0] / "data/labels.yaml", languages=LANGUAGES)[lang]
                                 ["redirect_title"])
        assert f"<title>{escape(title)}</title>" in html


@pytest.mark.browser
def test_a_browser_on_a_plain_static_host_follows_the_old_address_to_the_new_page(renamed_site, browser, tmp_path):
    from tests.servers import headerless

    _, site = renamed_site
    with headerless(site, tmp_path / "http.log") as origin:
        page = browser.new_page()
        try:
            for lang in LANGUAGES:
                root = LANGS.root(lang)
                page.goto(f"{origin}{root}a-propos/mentions/")
                page.wait_for_url(f"{origin}{root}mentions-legales/", timeout=10_000)
                assert page.locator("html").get_attribute("lang") == lang
                assert page.locator("meta[http-equiv=refresh]").count() == 0  # the live page, not the redirect
        finally:
            page.close()


def test_the_sitemap_lists_only_live_pages(renamed_site):
    _, site = renamed_site
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "mentions-legales/" in sitemap
    assert "a-propos/mentions/" not in sitemap


@pytest.mark.nginx
def test_nginx_answers_the_old_address_with_a_permanent_redirect(renamed_site, tmp_path):
    from tests.servers import Nginx, http_get

    _, site = renamed_site
    with Nginx(site, tmp_path) as server:
        for lang in LANGUAGES:
            root = LANGS.root(lang)
            for old in ("a-propos/mentions", "a-propos/mentions/", "a-propos/mentions/index.html"):
                response = http_get(server, root + old)
                assert response.status == 301, (root + old, response.status)
                assert response.getheader("Location") == f"{root}mentions-legales/"
            assert http_get(server, f"{root}mentions-legales/").status == 200
        assert http_get(server, "/.redirects.nginx").status == 404  # the rules are never served


def test_the_result_line_counts_the_sites_pages_not_the_redirect_pages(renamed_site):
    from godigital.build import summary

    _, site = renamed_site
    left = [site / LANGS.root(lang).lstrip("/") / "a-propos/mentions/index.html" for lang in LANGUAGES]
    assert all(page.is_file() for page in left)
    every = sum(1 for _ in site.rglob("index.html"))
    assert f": {every - len(left)} pages, {len(LANGUAGES)} languages, " in summary(site, len(LANGUAGES), 1.0)


def test_redirect_pages_are_valid_html(renamed_site):
    from tests.test_html import VNU

    java = require("java", "the Nu HTML Checker needs a Java runtime (Debian: default-jre-headless)")
    if not VNU.exists():
        require("vnu.jar", "run 'npm ci' for the Nu HTML Checker")
    _, site = renamed_site
    pages = [str(site / LANGS.root(lang).lstrip("/") / "a-propos/mentions/index.html") for lang in LANGUAGES]
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages if m.get("type") == "error"] == []


def test_the_listing_names_where_each_redirect_comes_from(renamed_site):
    project, _ = renamed_site
    listing = subprocess.run([sys.executable, "-m", "godigital.redirects"], cwd=project, capture_output=True,
                             text=True, check=True).stdout
    commit = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=project, capture_output=True,
                            text=True, check=True).stdout.strip()
    assert listing == f"a-propos/mentions.md → mentions-legales.md  ({commit})\n"


def test_a_build_after_a_page_was_deleted_asks_where_its_readers_go(tmp_path):
    project = fixture_project(tmp_path / "project")
    _git(project, "init", "-q")
    _commit(project, "site")
    _delete(project, "a-propos/mentions.md")
    menu = project / "data/menu.yml"
    text = menu.read_text(encoding="utf-8").replace("      - Mentions légales: a-propos/mentions.md\n", "")
    menu.write_text(re.sub(r"^    Mentions légales: .*\n", "", text, flags=re.M), encoding="utf-8")  # every language's title
    _commit(project, "no legal notice")
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode != 0
    assert "the page 'a-propos/mentions.md' was deleted" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    (project / "data/redirects.yml").write_text("a-propos/mentions.md: a-propos/equipe.md\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/a-propos/mentions/index.html").is_file()


def test_a_page_made_into_another_kind_of_file_counts_as_deleted():
    from godigital.redirects import summarise

    sha = "a" * 40
    log = (f"{sha}\t1700000000\n\n"
           + "".join(f"R100\tdocs/{lang}/guide.md\tdocs/{lang}/guide.txt\n" for lang in LANGUAGES)
           + "".join(f"R090\tdocs/{lang}/old.txt\tdocs/{lang}/new.md\n" for lang in LANGUAGES))
    found = summarise(log, LANGUAGES)
    assert found.deleted == {"guide.md": "aaaaaaa"}
    assert found.moved == {}


def test_a_rename_not_committed_yet_is_named_with_the_links_that_still_lead_to_the_old_name(tmp_path):
    project = fixture_project(tmp_path / "project")
    _git(project, "init", "-q")
    _commit(project, "site")
    for lang in LANGUAGES:  # renamed in a file manager: git sees a deletion until both are added
        (project / "docs" / lang / "ateliers.md").rename(project / "docs" / lang / "formations.md")
    menu = project / "data/menu.yml"
    menu.write_text(menu.read_text(encoding="utf-8").replace("ateliers.md", "formations.md"), encoding="utf-8")
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode != 0
    assert "the page 'ateliers.md' is no longer in docs/" in result.stderr, result.stderr
    assert "docs/fr/index.md, line 13" in result.stderr, result.stderr  # its link, in the same run
    _commit(project, "workshops are trainings")  # the rename, which git now pairs
    assert _pairs(project) == {("ateliers.md", "formations.md")}
