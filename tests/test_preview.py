"""The live preview (``make serve``): a real server process and a real HTTP client.

Every mistake an editor can make keeps the preview answering, shows the
problem in a red box on every page and in the terminal (never a traceback),
reloads the browser, and recovers by itself once the file is fixed.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path

import pytest

from godigital.messages import message
from tests.conftest import copy_project

PAGES = ("", "de/", "agenda/", "de/agenda/", "no-such-page/")
BOX = 'class="gd-preview-problems"'
LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\);")


class Preview:
    """``python -m godigital.preview`` on a loopback port, in a project folder."""

    def __init__(self, project: Path, log: Path, language: str = "en"):
        self.project, self.log = project, log
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "godigital.preview", "--livereload", "--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=project, stdout=out, stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GODIGITAL_MESSAGES": language},
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        self.stop()
        raise AssertionError("the preview did not start:\n" + log.read_text())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of one address; a bounded wait, as a browser would allow."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def epoch(self) -> tuple[int, int]:
        """The version of the site the page was served from, from its reload script."""
        match = LIVERELOAD.search(self.get("")[1])
        assert match, "every page carries the reload script"
        return int(match[1]), int(match[2])

    def next_build(self, epoch: int, request_id: int) -> int:
        """What the browser's reload script does: wait for a version newer than ``epoch``."""
        with urllib.request.urlopen(f"{self.url}livereload/{epoch}/{request_id}", timeout=90) as response:
            return int(response.read())

    def change(self, edit, done) -> None:
        """Apply ``edit`` to the project and wait, like a browser, for the builds until ``done()``."""
        epoch, request_id = self.epoch()
        edit()
        for _ in range(4):
            newer = self.next_build(epoch, request_id)
            assert newer > epoch, "no build finished after the change:\n" + self.log_text()
            if done():
                return
            epoch = newer
        raise AssertionError("the preview did not show the change:\n" + self.log_text())

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8")


def _box(body: str) -> str:
    """The text of the problem box, or "" when the page has none."""
    start = body.find(BOX)
    return unescape(body[start:body.find("</div>", start)]) if start >= 0 else ""


# -- one server, several mistakes in sequence ---------------------------------------


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    folder = tmp_path_factory.mktemp("preview")
    server = Preview(copy_project(folder / "project"), folder / "preview.log")
    yield server
    server.stop()


def _first_page(project: Path, lang: str) -> Path:
    return sorted((project / "docs" / lang).glob("*.md"))[0]


def _append(path: Path, text: str):
    return lambda: path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _broken_front_matter(path: Path):
    return lambda: path.write_text("---\ntitle: Seite: kaputt\n---\n\n# Seite\n", encoding="utf-8")


def _new_pages(project: Path, name: str, langs=("fr", "de")):
    def edit():
        for lang in langs:
            (project / "docs" / lang / name).write_text(f"---\ntitle: {name}\n---\n\n# {name}\n", encoding="utf-8")
    return edit


# Each mistake: how to make it in a project, and a text its report must contain.
MISTAKES = {
    "French page without German counterpart":
        lambda p: (_new_pages(p, "only-in-french.md", ("fr",)), "docs/de/only-in-french.md"),
    "link to a missing page":
        lambda p: (_append(_first_page(p, "fr"), "\n[Voir](page-qui-manque.md)\n"), "page-qui-manque.md"),
    "broken front matter":
        lambda p: (_broken_front_matter(_first_page(p, "de")), f"docs/de/{_first_page(p, 'de').name}"),
    "page left out of nav":
        lambda p: (_new_pages(p, "not-in-the-menu.md"), "not-in-the-menu.md"),
    "YAML error in mkdocs.yml":
        lambda p: (_append(p / "mkdocs.yml", "\nextra: [unclosed\n"), "mkdocs.yml"),
    "broken events file":
        lambda p: (_append(p / "data/events.yaml", "\n  - id: [unclosed\n"), "events.yaml"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_mistake_is_shown_on_every_page_until_it_is_fixed(preview, mistake):
    project = preview.project
    edit, named = MISTAKES[mistake](project)
    saved = {path: path.read_bytes() for path in [project / "mkdocs.yml", *project.rglob("*.md"),
                                                  *(project / "data").iterdir()]}
    log_before = len(preview.log_text())

    preview.change(edit, lambda: named in _box(preview.get("")[1]))

    for path in PAGES:
        status, body = preview.get(path)
        assert named in _box(body), f"/{path} shows the problem"
        assert message("preview_heading", lang="en") in _box(body)
        assert message("preview_last_good", lang="en") in _box(body)
        assert LIVERELOAD.search(body), f"/{path} still reloads by itself"
        if path != "no-such-page/":
            assert status == 200 and 'class="md-content"' in body, f"/{path} still shows the last good site"
    report = preview.log_text()[log_before:]
    assert named in report, "the terminal names the problem"
    assert "Traceback" not in report
    # Once, as an error, in the report after the build; none of the engine's progress.
    assert report.count(f"{message('log_error', lang='en')}   -  ") == 1, report
    for noise in ("WARNING", "Overriding", "Template skipped", "mkdocs_static_i18n", "Documentation built"):
        assert noise not in report, report

    def fix():
        for path in set(project.rglob("*.md")) - set(saved):
            path.unlink()
        for path, content in saved.items():
            if path.read_bytes() != content:
                path.write_bytes(content)

    preview.change(fix, lambda: BOX not in preview.get("")[1])
    for path in PAGES[:-1]:
        status, body = preview.get(path)
        assert status == 200 and BOX not in body and 'class="md-content"' in body
    assert "Traceback" not in preview.log_text()


# -- a project broken from the start --------------------------------------------------


def test_the_preview_starts_on_broken_content_and_recovers_when_it_is_fixed(tmp_path):
    project = copy_project(tmp_path / "project")
    events = project / "data/events.yaml"
    good = events.read_text(encoding="utf-8")
    events.write_text(good + "\n  - id: [unclosed\n", encoding="utf-8")
    server = Preview(project, tmp_path / "preview.log", language="fr")
    try:
        for path in PAGES:
            status, body = server.get(path)
            assert status in (200, 500)
            box = _box(body)
            assert "events.yaml" in box and message("preview_no_good_version", lang="fr") in box
            assert message("preview_heading", lang="fr") in box, "the box speaks the editor's language"
            assert LIVERELOAD.search(body), "the page reloads by itself once the file is fixed"
        assert "Traceback" not in server.log_text()

        server.change(lambda: events.write_text(good, encoding="utf-8"),
                      lambda: server.get("agenda/")[0] == 200)
        status, body = server.get("de/agenda/")
        assert status == 200 and BOX not in body and 'class="md-content"' in body
    finally:
        server.stop()


@pytest.mark.parametrize("path, lang", [("no-such-page/", "fr"), ("de/keine-seite/", "de")])
def test_a_missing_page_speaks_the_language_of_its_address(preview, path, lang):
    status, body = preview.get(path)
    assert status == 404
    assert f'<html lang="{lang}"' in body
    assert LIVERELOAD.search(body), "it reloads by itself when the site changes"


@pytest.mark.parametrize("path", ["", "de/"])
def test_preview_pages_let_the_reload_script_run(preview, path):
    """The published pages carry a Content-Security-Policy; the preview's would block its inline reload script."""
    status, body = preview.get(path)
    assert status == 200 and LIVERELOAD.search(body)
    assert "Content-Security-Policy" not in body


def test_a_failed_build_tells_the_browser_to_reload(preview):
    """The reload script's request returns after a failed build too, with a newer version."""
    page = preview.project / "docs/fr/only-in-french.md"
    epoch, request_id = preview.epoch()
    page.write_text("# Seulement en français\n", encoding="utf-8")
    assert preview.next_build(epoch, request_id) > epoch
    assert "only-in-french.md" in _box(preview.get("")[1])
    preview.change(page.unlink, lambda: BOX not in preview.get("")[1])


# -- a change to the site's code --------------------------------------------------------


def test_a_change_to_the_code_takes_effect_in_the_running_preview(tmp_path):
    """The preview imported godigital/ when it started: an edit to it restarts the
    preview on the same address, and the browser's reload script gets the new build."""
    project = copy_project(tmp_path / "project")
    server = Preview(project, tmp_path / "preview.log")
    try:
        epoch, request_id = server.epoch()
        module = project / "godigital/markup_fixes.py"
        module.write_text(module.read_text(encoding="utf-8").replace(
            "    return html\n", "    return html.replace('</body>', '<!-- code edited --></body>')\n"),
            encoding="utf-8")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if server.next_build(epoch, request_id) > epoch and "<!-- code edited -->" in server.get("")[1]:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)  # the new process is starting: the reload script asks again
        else:
            raise AssertionError("the code change never reached the preview:\n" + server.log_text())
        assert "<!-- code edited -->" in server.get("de/")[1]
        assert message("preview_code_changed") in server.log_text()
        assert "Traceback" not in server.log_text()
    finally:
        server.stop()


# -- what the preview answers to other sites and to odd requests ------------------------


def _raw(preview, target: str, host: str = "127.0.0.1") -> tuple[int, dict[str, str]]:
    """Status and headers of one request written as given (no client normalises it)."""
    with socket.create_connection(("127.0.0.1", preview.port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
    return int(head[0].split()[1]), headers


def test_a_page_of_another_site_pointed_at_the_preview_gets_nothing(preview):
    """DNS rebinding: another site's name resolving to 127.0.0.1 must not read the preview."""
    assert _raw(preview, "/", host="evil.example")[0] == 421
    assert _raw(preview, "/", host=f"evil.example:{preview.port}")[0] == 421
    for host in (f"127.0.0.1:{preview.port}", f"localhost:{preview.port}", f"[::1]:{preview.port}"):
        assert _raw(preview, "/", host=host)[0] == 200, host


@pytest.mark.parametrize("target", ["/%2Ftmp", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/tmp", "/de/../../../../../tmp",
                                    "/%2Fetc%2Fpasswd", "/..%5c..%5c..%5cetc%5cpasswd", "/index.html%00",
                                    "/livereload/" + "9" * 5000 + "/1"])
def test_no_address_reaches_outside_the_site_or_redirects_elsewhere(preview, target):
    status, headers = _raw(preview, target)
    assert status in (404, 200), (target, status)
    assert "Location" not in headers, headers
    assert "Traceback" not in preview.log_text()


def test_links_in_docs_that_loop_do_not_hang_the_preview(preview):
    """Two links to "." would make a watcher that follows links walk an endless tree."""
    folder = preview.project / "docs/fr"
    links = [folder / "a", folder / "b"]

    def make():
        for link in links:
            link.symlink_to(".")

    def remove():
        for link in links:
            link.unlink()

    preview.change(make, lambda: "docs/fr/a" in _box(preview.get("")[1]))
    preview.change(remove, lambda: BOX not in preview.get("")[1])
