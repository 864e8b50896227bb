"""Servers for end-to-end tests: the production nginx config on a loopback port, and a
server that sends no security header, as GitHub Pages serves the site."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require(tool: str, why: str) -> str:
    """The tool's path; locally a missing tool skips (saying so), under CI it fails."""
    path = shutil.which(tool) or (f"/usr/sbin/{tool}" if os.path.exists(f"/usr/sbin/{tool}") else None)
    if path:
        return path
    message = f"{tool} is not installed: {why}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (.ci/run installs it)")
    pytest.skip(message)


def http_get(server: Nginx, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """One GET to the server, as a calendar app or browser makes it; the body is in ``.body``."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def wait_for_port(port: int, process: subprocess.Popen, log: Path, name: str, timeout: float = 30) -> None:
    """Return once ``process`` accepts connections on ``port``; fail with its log if it stops or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not start: " + (log.read_text() if log.exists() else ""))


@contextmanager
def headerless(directory: Path, log: Path) -> Iterator[str]:
    """``directory`` served by Python's http.server, which sends no security header; yields its address."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                    "--directory", str(directory)], stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log, "http.server")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class PageLoad:
    """One page load in a browser context of its own (French locale, the given width and
    colour scheme), with every address the browser requested and every error it reported:
    a script's exception or a console error, such as a request the page's policy blocked."""

    def __init__(self, browser, url: str, viewport: dict[str, int], scheme: str = "light", **options) -> None:
        self.context = browser.new_context(viewport=viewport, color_scheme=scheme, locale="fr-LU", **options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.response = self.page.goto(url, wait_until="networkidle")

    def close(self) -> None:
        self.context.close()


def record_dialogs(page) -> list[str]:
    """The addresses of the pages that open a dialog (``alert(1)`` ran), dismissing each."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(page.url), dialog.dismiss()))
    return dialogs


class Nginx:
    def __init__(self, site: Path, prefix: Path):
        self.binary = require("nginx", "the production web server tests need Debian's nginx")
        self.port = free_port()
        self.prefix = prefix
        template = (ROOT / "deploy/nginx/local.conf").read_text(encoding="utf-8")
        config = (template.replace("@USER@", "user root;" if os.geteuid() == 0 else "")
                  .replace("@PREFIX@", str(prefix)).replace("@PORT@", str(self.port))
                  .replace("@SITE@", str(site)).replace("@CONF@", str(ROOT / "deploy/nginx")))
        (prefix / "nginx.conf").write_text(config, encoding="utf-8")
        self.url = f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Nginx:
        check = subprocess.run([self.binary, "-t", "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen([self.binary, "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_for_port(self.port, self.process, self.prefix / "error.log", "nginx", timeout=15)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
