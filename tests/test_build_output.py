"""What editors read in the terminal when they build: their problems as errors, a one-line result, no noise."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys

import pytest

from godigital import setup
from godigital.messages import EDITOR_LANGUAGES, message, plural
from godigital.output import label_key, shown
from tests.conftest import FIXTURE_EPOCH, LANGUAGES, ROOT, fixture_project

# What MkDocs, mkdocs-static-i18n and the theme print at INFO, that editors no longer see.
NOISE = ("Overriding", "Template skipped", "mkdocs_static_i18n", "Building documentation", "Cleaning site",
         "Documentation built", "Translated", "WARNING", "INFO")


def _build(project, *args, lang="en"):
    """``make build``'s command, run on a project as make runs it."""
    return subprocess.run([sys.executable, "-m", "godigital.build", *args], cwd=project, capture_output=True,
                          text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GODIGITAL_MESSAGES": lang,
                               "SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})


def test_a_build_that_passes_prints_one_line_and_the_site_notes_only(tmp_path):
    project = fixture_project(tmp_path / "project")
    result = _build(project, "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    assert re.fullmatch(rf"Site built in site/: {pages} pages, {len(LANGUAGES)} languages, \d+\.\d s\.\n",
                        result.stdout), result.stdout
    # The plugin's own information stays (the fixture project is no git clone).
    assert result.stderr.startswith("NOTE    -  data/events.yaml has no git history here"), result.stderr
    for noise in NOISE:
        assert noise not in result.stderr, result.stderr
    assert not (project / "site.new").exists() and not (project / "site.old").exists()


def test_the_result_counts_the_problems_of_every_language(tmp_path):
    project = fixture_project(tmp_path / "project")
    for lang, link in zip(LANGUAGES, ("nulle-part.md", "nirgends.md", "nowhere.md"), strict=False):
        page = project / "docs" / lang / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n[a]({link})\n\n[b](ailleurs-{link})\n",
                        encoding="utf-8")
    result = _build(project, "--site-dir", "site", lang="de")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("FEHLER  -  ")]
    # Every language is read and reported before the build stops.
    assert len(errors) == 2 * len(LANGUAGES), result.stderr
    for lang in LANGUAGES:
        assert sum(f"docs/{lang}/index.md" in line for line in errors) == 2, result.stderr
    assert result.stderr.rstrip().endswith(plural("build_stopped", len(errors), lang="de")), result.stderr


def test_a_build_that_stops_labels_the_problems_as_errors_and_keeps_the_last_site(tmp_path):
    project = fixture_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site/index.html").write_text("the last good site")
    page = project / "docs/de/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Kontakt](kontakt.md)\n", encoding="utf-8")
    result = _build(project, "--site-dir", "site", lang="fr")
    assert result.returncode == 1
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERREUR  -  ")]
    assert len(errors) == 1 and errors[0].startswith("ERREUR  -  docs/de/index.md, ligne "), result.stderr
    assert result.stderr.rstrip().endswith(plural("build_stopped", 1, lang="fr"))
    for noise in NOISE:
        assert noise not in result.stderr, result.stderr
    assert (project / "site/index.html").read_text() == "the last good site"
    assert not (project / "site.new").exists()


@pytest.mark.parametrize(("name", "level", "expected"), [
    ("mkdocs.plugins.godigital", logging.INFO, True),  # the site's own notes (git history, build day)
    ("mkdocs.plugins.godigital.history", logging.INFO, True),
    ("godigital.preview", logging.INFO, True),
    ("mkdocs.plugins.mkdocs_static_i18n", logging.INFO, False),  # "Overriding 'de' config ..."
    ("mkdocs.commands.build", logging.INFO, False),  # "Template skipped", "Documentation built"
    ("mkdocs.plugins.godigitalx", logging.INFO, False),
    ("mkdocs.plugins.mkdocs_static_i18n", logging.WARNING, True),  # a problem, whoever finds it
    ("mkdocs.structure.pages", logging.WARNING, True),
    ("mkdocs.plugins.godigital", logging.DEBUG, False),
])
def test_editors_see_problems_and_the_sites_own_notes(name, level, expected):
    assert shown(logging.LogRecord(name, level, __file__, 1, "text", None, None)) is expected


def test_a_warning_is_labelled_an_error_where_it_stops_the_build():
    assert label_key(logging.WARNING, strict=True) == "log_error"
    assert label_key(logging.WARNING, strict=False) == "log_warning"
    assert label_key(logging.ERROR, strict=False) == "log_error"
    assert label_key(logging.INFO, strict=True) == "log_info"
    assert [message("log_error", lang=lang) for lang in ("en", "fr", "de")] == ["ERROR", "ERREUR", "FEHLER"]


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_the_first_setup_reads_its_messages_as_the_catalogues_give_them(lang, monkeypatch):
    monkeypatch.setenv("GODIGITAL_MESSAGES", lang)
    assert setup.text("setup_start") == message("setup_start", lang=lang)
    assert setup.text("setup_done", seconds=93) == message("setup_done", lang=lang, seconds=93)


def test_the_first_setup_runs_on_the_standard_library_alone():
    """Before the venv exists only the system's Python is there: no yaml, no babel."""
    code = ("import sys; sys.modules['yaml'] = sys.modules['babel'] = None; "
            "from godigital import setup; print(setup.text('setup_start'))")
    result = subprocess.run([sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "GODIGITAL_MESSAGES": "de"})
    assert result.stdout.strip() == message("setup_start", lang="de"), result.stderr


def test_the_editors_make_targets_do_not_echo_their_commands():
    recipes = re.findall(r"^(serve|build|\$\(STAMP\)):.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert {target for target, _ in recipes} == {"serve", "build", "$(STAMP)"}
    for target, body in recipes:
        assert all(line.startswith("\t@") for line in body.splitlines()), (target, body)


def test_the_first_setup_shows_pips_progress_compactly(tmp_path):
    fake = tmp_path / "python"  # prints what pip prints as it takes packages
    fake.write_text("#!/bin/sh\nprintf 'Collecting alpha==1.0 (from -r lock)\\n  Downloading alpha.whl\\n"
                    "Processing /wheels/beta_gamma-2.0-py3-none-any.whl (from -r lock)\\n"
                    "Installing collected packages: alpha, beta_gamma\\n'\n")
    fake.chmod(0o755)
    lock = tmp_path / "requirements.lock"
    lock.write_text("alpha==1.0 \\\n    --hash=sha256:00\nbeta-gamma==2.0 \\\n    --hash=sha256:11\n")
    out = io.StringIO()  # not a terminal: a line per tenth of the packages
    assert setup.install(fake, lock, out) == 0
    assert out.getvalue() == "  [1/2] alpha\n  [2/2] beta_gamma\n"
