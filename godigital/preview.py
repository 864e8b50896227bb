"""The live preview behind ``make serve``: a preview that never hangs.

MkDocs' own development server (``mkdocs.livereload.LiveReloadServer``) with
a builder that never raises. Each build loads ``mkdocs.yml`` afresh (a mistake
in it included), builds with the strict rules of ``make build`` into a new
folder, and only on success starts serving that folder. When a build fails,
the last good site stays on screen, every page shows what is wrong in a red
box at the top, and the terminal says it once, without a traceback. The
browser reloads after every build, good or bad, so it shows the problem and
then the fix by itself.

    python -m godigital.preview [--dev-addr HOST:PORT] [--no-livereload] [--config-file FILE]
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import mimetypes
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import jinja2
import yaml
from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserverVFS

from godigital import languages, output
from godigital.config_check import config_problems
from godigital.config_safety import config_safety_problems
from godigital.messages import editor_language, message
from godigital.translations import not_found_page

# Besides what mkdocs serve watches (the docs folder, mkdocs.yml and the
# config's watch: list): watched even when mkdocs.yml cannot be read.
WATCHED = ("mkdocs.yml", "docs", "data", "overrides", "godigital")
DEFAULT_ADDR = "127.0.0.1:8000"
TEMPLATES = Path(__file__).with_name("templates")
_BODY = re.compile(rb"<body[^>]*>", re.IGNORECASE)
# ASCII digits, as many as a version number can have (milliseconds of the monotonic clock).
RELOAD_REQUEST = re.compile(r"livereload/(?P<epoch>[0-9]{1,18})/(?P<request>[0-9]{1,18})")
# Names a browser gives the preview when it is on this machine; any other Host header on a
# loopback address is another site's name made to point here (DNS rebinding).
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

log = logging.getLogger("godigital.preview")

# -----------------------------------------------------------------------------
# Building
# -----------------------------------------------------------------------------


class _Problems(logging.Handler):
    """What a build logs at WARNING and above, as ``mkdocs build --strict`` counts it.

    Only records of the building thread count: the server's threads log too
    (a 404 is a warning) while a build runs.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.texts.append(record.getMessage())


# The threads building now: their problems go to the report, not to the terminal as they come.
_BUILDING: set[int] = set()


def build_site(config_file: str, site_dir: str, serve_url: str,
               started: Callable[[MkDocsConfig], None] = lambda config: None) -> list[str]:
    """Build the site into ``site_dir`` as the preview shows it; the problems, or [] when it built.

    Never raises: every mistake, in mkdocs.yml as in the pages and data, ends
    up in the list. ``started`` is called with the config once it loaded.
    """
    # Before MkDocs' loader reads the file: it would run a tag's command.
    refused = config_safety_problems(config_file)
    if refused:
        return refused
    problems = _Problems()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    _BUILDING.add(problems.thread)
    # mkdocs-static-i18n patches this function away while it builds the other
    # languages, and leaves it patched when that build fails.
    from mkdocs import utils

    clean_directory = utils.clean_directory
    try:
        try:
            config = _load_config(config_file, site_dir=site_dir, strict=True)
        except Exception:
            explained = config_problems(config_file)
            if explained:
                return explained
            raise
        config.site_url = serve_url
        started(config)
        build(config, serve_url=serve_url)
    except exceptions.Abort:
        pass  # What made it stop was logged, and is in the list.
    except Exception as error:
        text = str(error) or type(error).__name__
        if not any(text in logged for logged in problems.texts):
            problems.texts.append(text)
    finally:
        logger.removeHandler(problems)
        _BUILDING.discard(problems.thread)
        utils.clean_directory = clean_directory
    return _unique(problems.texts)


def _load_config(config_file: str, **options: Any) -> MkDocsConfig:
    """MkDocs' ``load_config``, only once the file holds nothing that MkDocs' loader would run."""
    refused = config_safety_problems(config_file)
    if refused:
        raise exceptions.ConfigurationError("\n".join(refused))
    return load_config(config_file, **options)


def _unique(texts: Iterable[str]) -> list[str]:
    # Both languages are built with the same rules: a problem may be logged twice.
    seen: dict[str, None] = {}
    for text in texts:
        text = text.strip()
        if text and not text.endswith(":"):  # "Error building page 'x':" precedes the reason
            seen.setdefault(text, None)
    return list(seen)


# -----------------------------------------------------------------------------
# What the editor sees
# -----------------------------------------------------------------------------

_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                keep_trailing_newline=True)


def problem_box(problems: list[str], *, last_good: bool) -> str:
    """The red box at the top of every page while the site does not build."""
    return _templates.get_template("preview-problems.html").render(
        problems=problems, lang=editor_language(), heading=message("preview_heading"),
        status=message("preview_last_good" if last_good else "preview_no_good_version"))


def problem_page(problems: list[str]) -> str:
    """What every address answers while no build has succeeded yet."""
    return _templates.get_template("preview-page.html").render(
        box=problem_box(problems, last_good=False), lang=editor_language(),
        heading=message("preview_heading"))


def terminal_report(problems: list[str], *, last_good: bool) -> str:
    lines = [message("preview_heading")]
    lines += [f"  - {text.replace(chr(10), chr(10) + '    ')}" for text in problems]
    lines.append(message("preview_last_good" if last_good else "preview_no_good_version"))
    return "\n".join(lines)


# -----------------------------------------------------------------------------
# Serving
# -----------------------------------------------------------------------------


class PreviewServer:
    """Serves the last good build while the next one runs or fails, and rebuilds on every change.

    The standard library's threaded HTTP server and watchdog's observer (what
    ``mkdocs serve`` uses too), on their public interfaces; each build writes
    a folder of its own, so no request ever waits for a build.
    """

    poll_timeout = 60.0  # seconds a reload script's request waits for a newer version
    build_delay = 0.05  # seconds of quiet after a change before the build starts

    def __init__(self, config_file: str, host: str, port: int, mount_path: str = "/",
                 polling_interval: float = 0.1) -> None:
        self.config_file = config_file
        self.mount_path = mount_path if mount_path.endswith("/") else mount_path + "/"
        self.work_dir = tempfile.mkdtemp(prefix="godigital-preview-")
        self.serve_url = f"http://{host}:{port}{self.mount_path}"
        self.host, self.port = host, port
        self.root: Path | None = None  # the last good build
        self.problems: list[str] = []
        self._good_dirs: list[str] = []
        self._started: dict[int, object] = {}  # plugins told about the preview
        self._served: set[int] = set()
        self._version = _now()
        self._changed = threading.Condition()
        self._wanted = False
        self._stopping = False
        # lstat: a link in the watched folders (docs/ may get one) is watched as a
        # link, never followed; two links to "." would otherwise make each poll walk
        # an ever deeper tree until memory runs out.
        self._observer = PollingObserverVFS(os.lstat, os.scandir, polling_interval=polling_interval)
        self.reloading = False
        # The site's code as this process imported it: a change to it needs a new process.
        self.code_dir = Path(__file__).resolve().parent
        self.code = code_stamp(self.code_dir)
        self.http = ThreadingHTTPServer((host, port), _handler(self), bind_and_activate=True)
        self.http.daemon_threads = True

    # -- building ----------------------------------------------------------------

    def build(self) -> None:
        """One build; never raises. Switches the served site only when it succeeded."""
        if code_stamp(self.code_dir) != self.code:
            self.restart()
        log.info(message("preview_building"))
        site_dir = tempfile.mkdtemp(prefix="site-", dir=self.work_dir)
        problems = build_site(self.config_file, site_dir, self.serve_url, self._start_plugins)
        if problems:
            shutil.rmtree(site_dir, ignore_errors=True)
            report = terminal_report(problems, last_good=bool(self._good_dirs))
            if problems != self.problems:
                log.error(report)
            else:
                log.error(report.splitlines()[0] + " " + message("preview_unchanged"))
            self.problems = problems
        else:
            self._good_dirs.append(site_dir)
            self.root, self.problems = Path(site_dir), []
            # The site before the last stays until no request can still be reading it.
            for old in self._good_dirs[:-2]:
                shutil.rmtree(old, ignore_errors=True)
            del self._good_dirs[:-2]
            log.info(message("preview_up_to_date"))
        # Browsers reload after every build, good or bad: they show the problem, then the fix.
        with self._changed:
            self._version = _now()
            self._changed.notify_all()

    def restart(self) -> None:
        """Start the preview again in a new process, which imports the changed code.

        Same command, same address: the browser's reload script gets no
        answer for a moment, asks again, and reloads on the new process's
        first build (its version numbers come from the same system clock).
        """
        log.info(message("preview_code_changed"))
        self.http.server_close()
        shutil.rmtree(self.work_dir, ignore_errors=True)
        logging.shutdown()
        os.execv(sys.executable, [sys.executable, "-m", "godigital.preview", *sys.argv[1:]])

    def _start_plugins(self, config: MkDocsConfig) -> None:
        """What ``mkdocs serve`` tells plugins: on_startup(command='serve') once, then on_serve."""
        for plugin in config.plugins.values():
            if id(plugin) in self._started or not hasattr(plugin, "on_startup"):
                continue
            plugin.on_startup(command="serve", dirty=False)
            self._started[id(plugin)] = plugin
        for handler in config.plugins.events["serve"]:
            owner = id(getattr(handler, "__self__", handler))
            if owner not in self._served:
                self._served.add(owner)
                handler(self, config=config, builder=self.build)

    # -- watching ------------------------------------------------------------------

    def watch(self, path: str, func: object = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under ``path`` changes (what plugins may call in on_serve)."""
        self.reloading = True
        self._observer.schedule(_Changes(self), path, recursive=recursive)

    def watch_project(self, project: Path) -> None:
        """Watch what mkdocs serve watches, and the project's data, templates and code."""
        paths = [project / name for name in WATCHED]
        try:
            config = _load_config(self.config_file)
            paths += [Path(config.docs_dir), *(Path(p) for p in config.watch)]
        except Exception:
            pass
        for path in sorted({p.resolve() for p in paths if p.exists()}):
            self.watch(str(path))

    def changed(self) -> None:
        with self._changed:
            self._wanted = True
            self._changed.notify_all()

    def _build_loop(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._wanted or self._stopping)
                if self._stopping:
                    return
                # Until the editor's program has finished saving.
                while self._changed.wait(timeout=self.build_delay):
                    pass
                self._wanted = False
            self.build()

    # -- serving -----------------------------------------------------------------

    def serve(self) -> None:
        if self.reloading:
            self._observer.start()
            threading.Thread(target=self._build_loop, name="preview-builds", daemon=True).start()
        log.info(message("preview_serving", address=self.serve_url))
        self.http.serve_forever(poll_interval=0.2)

    def wait_for_version(self, seen: int) -> int:
        """The site's version once it is newer than ``seen``, or after the poll timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self._version > seen or self._stopping, timeout=self.poll_timeout)
            return self._version

    def host_allowed(self, host: str | None) -> bool:
        """Whether a request's Host header names this preview.

        On a loopback address only the machine's own names are answered: a page of
        another site whose name is made to resolve to 127.0.0.1 (DNS rebinding)
        gets nothing. Served on another address (``--dev-addr 0.0.0.0:8000``, to
        look from a phone), any name is.
        """
        try:
            loopback = self.host == "localhost" or ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            return True
        if not host:
            return False
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.strip("[]").lower() in LOOPBACK_NAMES

    def answer(self, path: str) -> tuple[int, str, bytes, bool]:
        """Status, type, body of an address below the mount path, and whether it is a page."""
        if self.root is None:
            return 500, "text/html; charset=utf-8", self._with_reload(problem_page(self.problems).encode("utf-8")), True
        root = self.root.resolve()
        try:
            if path.startswith(("/", "\\")):
                raise ValueError(path)  # an absolute path names no file of the site
            file = (root / path).resolve()
            if file.is_relative_to(root) and file.is_dir():
                file = file / "index.html"
            found = file.is_relative_to(root) and file.is_file()
        except (OSError, ValueError):  # a name no file can have
            found = False
        if not found:
            not_found = root / not_found_page("/" + path, self._languages())
            body = not_found.read_bytes() if not_found.is_file() else b"<!doctype html><title>404</title>"
            return 404, "text/html; charset=utf-8", self._page(body), True
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        body = file.read_bytes()
        if file.suffix == ".html":
            return 200, kind, self._page(body), True
        return 200, kind, body, False

    def _page(self, body: bytes) -> bytes:
        """A page as the preview serves it: the problem box at the top, the reload script at the end."""
        if self.problems:
            body = _with_box(body, problem_box(self.problems, last_good=True))
        return self._with_reload(body)

    def _with_reload(self, body: bytes) -> bytes:
        if self.reloading:
            script = reload_script(self._version, _now(), self.mount_path).encode("utf-8")
            at = body.lower().rfind(b"</body>")
            body = body[:at] + script + body[at:] if at >= 0 else body + script
        return body

    def _languages(self) -> tuple[str, ...]:
        try:
            return languages.from_file(self.config_file).codes
        except (OSError, ValueError, yaml.YAMLError):  # a broken mkdocs.yml is reported by the build
            return ("",)

    def shutdown(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._observer.is_alive():
            self._observer.stop()
        self.http.server_close()
        for plugin in self._started.values():
            if hasattr(plugin, "on_shutdown"):
                plugin.on_shutdown()
        shutil.rmtree(self.work_dir, ignore_errors=True)


class _Changes(FileSystemEventHandler):
    def __init__(self, server: PreviewServer) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("opened", "closed_no_write"):
            self.server.changed()


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # A connection that sends nothing is closed, so idle ones do not pile up
        # threads (longer than a reload request waits for a build).
        timeout = server.poll_timeout + 30

        def do_GET(self) -> None:
            self._respond(head=False)

        def do_HEAD(self) -> None:
            self._respond(head=True)

        def _respond(self, *, head: bool) -> None:
            if not server.host_allowed(self.headers.get("Host")):
                self._send(421, "text/plain", b"", head=head)
                return
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(server.mount_path):
                self._send(302, "text/plain", b"", location=server.mount_path, head=head)
                return
            path = path[len(server.mount_path):]
            reload = RELOAD_REQUEST.fullmatch(path)
            if reload:
                version = server.wait_for_version(int(reload["epoch"]))
                self._send(200, "text/plain", str(version).encode(), head=head)
                return
            if path and not path.endswith("/") and server.root is not None and _is_dir(server.root, path):
                self._send(302, "text/plain", b"", location=quote(f"{server.mount_path}{path}/"), head=head)
                return
            status, kind, body, _ = server.answer(path)
            self._send(status, kind, body, head=head)

        def _send(self, status: int, kind: str, body: bytes, *, head: bool, location: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            if location:
                self.send_header("Location", location)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # a preview's requests are not worth a line each

    return Handler


def _is_dir(root: Path, path: str) -> bool:
    """Whether ``path`` names a folder of the site ``root``: never one outside it, nor an absolute path
    (its redirect would begin with "//", another host)."""
    if path.startswith(("/", "\\")):
        return False
    try:
        folder = (root / path).resolve()
        return folder.is_relative_to(root.resolve()) and folder.is_dir()
    except (OSError, ValueError):
        return False


def reload_script(epoch: int, request_id: int, mount_path: str = "/") -> str:
    return _templates.get_template("preview-reload.html").render(epoch=epoch, request_id=request_id,
                                                                 mount_path=mount_path)


def _now() -> int:
    """A version number: milliseconds on the system's monotonic clock, which a restarted preview shares."""
    return round(time.monotonic() * 1000)


def code_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The Python files of the site's code, with their sizes and modification times."""
    return tuple(sorted((str(path), path.stat().st_mtime_ns, path.stat().st_size)
                        for path in folder.rglob("*.py")))


def _with_box(html: bytes, box: str) -> bytes:
    """The page with the problem box as the first thing in its body."""
    match = _BODY.search(html)
    at = match.end() if match else 0
    return html[:at] + box.encode("utf-8") + html[at:]


# -----------------------------------------------------------------------------
# Command line
# -----------------------------------------------------------------------------


def _address(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, such as {DEFAULT_ADDR}")
    return host.strip("[]"), int(port)


def _mount_path(config_file: str) -> str:
    try:
        return urlsplit(_load_config(config_file).site_url or "/").path or "/"
    except Exception:
        return "/"


def _setup_logging() -> None:
    stream = logging.StreamHandler()
    output.install(stream, strict=True)  # what editors see, problems labelled as errors
    # What a build logs at WARNING and above is collected and printed once
    # in the report after the build, not as it happens.
    stream.addFilter(lambda record: record.levelno < logging.WARNING or record.thread not in _BUILDING
                     or not record.name.startswith("mkdocs"))
    for name in ("mkdocs", "godigital"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logger.addHandler(stream)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Live preview of the site (make serve).")
    parser.add_argument("-a", "--dev-addr", type=_address, default=_address(DEFAULT_ADDR),
                        metavar="HOST:PORT", help=f"where to serve the preview (default {DEFAULT_ADDR})")
    parser.add_argument("--livereload", action=argparse.BooleanOptionalAction, default=True,
                        help="rebuild and reload the browser when a file changes (default: on)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument("--polling-interval", type=float, default=0.1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _setup_logging()

    config_file = args.config_file
    host, port = args.dev_addr
    server = PreviewServer(config_file, host, port, _mount_path(config_file),
                           polling_interval=args.polling_interval)
    server.build_delay = 0.05
    # A terminal closed or a `kill` stops the preview like Ctrl+C: its work folder is removed.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        server.build()
        if args.livereload:
            server.watch_project(Path(config_file).resolve().parent)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info(message("preview_stopping"))
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
