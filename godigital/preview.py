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
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import yaml
from mkdocs import exceptions
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from godigital import languages
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
        utils.clean_directory = clean_directory
    return _unique(problems.texts)


def _load_config(config_file: str, **options) -> MkDocsConfig:
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


class PreviewServer(LiveReloadServer):
    """LiveReloadServer that serves the last good build while the next one runs or fails."""

    def __init__(self, config_file: str, host: str, port: int, mount_path: str = "/", **kwargs) -> None:
        self.config_file = config_file
        self.work_dir = tempfile.mkdtemp(prefix="godigital-preview-")
        self.serve_url = _serve_url(host, port, mount_path)
        self.problems: list[str] = []
        self._good_dirs: list[str] = []
        self._started: dict[int, object] = {}  # plugins told about the preview
        self._served: set[int] = set()
        self._request = threading.local()  # the address being answered, for its 404 page
        # The site's code as this process imported it: a change to it needs a new process.
        self.code_dir = Path(__file__).resolve().parent
        self.code = code_stamp(self.code_dir)
        super().__init__(builder=self.build, host=host, port=port, root=self.work_dir,
                         mount_path=mount_path, **kwargs)
        self.error_handler = self._error_page

    # -- building ----------------------------------------------------------------

    def build(self) -> None:
        """One build; never raises. Switches the served site only when it succeeded."""
        if code_stamp(self.code_dir) != self.code:
            self.restart()
        log.info("Building the preview...")
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
            return
        self._good_dirs.append(site_dir)
        self.root, self.problems = site_dir, []
        # The site before the last stays until no request can still be reading it.
        for old in self._good_dirs[:-2]:
            shutil.rmtree(old, ignore_errors=True)
        del self._good_dirs[:-2]
        log.info("The preview is up to date.")

    def _start_plugins(self, config: MkDocsConfig) -> None:
        """What ``mkdocs serve`` tells plugins: on_startup(command='serve'), then on_serve.

        MkDocs keeps a plugin with on_startup/on_shutdown from one config to
        the next, so each is told once, when it first appears.
        """
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

    def restart(self) -> None:
        """Start the preview again in a new process, which imports the changed code.

        Same command, same address: the browser's reload script gets no
        answer for a moment, asks again, and reloads on the new process's
        first build (its version numbers come from the same system clock).
        """
        log.info(message("preview_code_changed"))
        self.server_close()
        shutil.rmtree(self.work_dir, ignore_errors=True)
        logging.shutdown()
        os.execv(sys.executable, [sys.executable, "-m", "godigital.preview", *sys.argv[1:]])

    def watch_project(self, project: Path) -> None:
        """Watch what mkdocs serve watches, and the project's data, templates and code."""
        paths = [project / name for name in WATCHED]
        try:
            config = _load_config(self.config_file)
            paths += [Path(config.docs_dir), *(Path(p) for p in config.watch)]
        except Exception:
            pass
        for path in paths:
            if path.exists():
                self.watch(str(path))

    def _build_loop(self) -> None:
        # MkDocs' loop (mkdocs 1.6.1, livereload/__init__.py), but the browser
        # reloads after every build, good or bad, and requests are never held
        # while a build runs: each build writes to a folder of its own.
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(
                        lambda: self._want_rebuild or self._shutdown, timeout=self.shutdown_delay):
                    pass
                if self._shutdown:
                    break
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass
                self._want_rebuild = False
            epoch = _timestamp()
            self.builder()
            with self._epoch_cond:
                log.info("Reloading browsers")
                self._wanted_epoch = self._visible_epoch = epoch
                self._epoch_cond.notify_all()

    # -- serving -----------------------------------------------------------------

    def serve_request(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        self._request.path = "/" + path[len(self.mount_path):] if path.startswith(self.mount_path) else path
        return super().serve_request(environ, start_response)

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        problems = self.problems
        if not self._good_dirs:
            return self._respond(start_response, "500 Internal Server Error",
                                 problem_page(problems).encode("utf-8"))
        if not problems:
            return super()._serve_request(environ, start_response)
        answer: dict = {}

        def capture(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        body = super()._serve_request(environ, capture)
        if body is None:
            return None
        headers = dict(answer["headers"])
        if not headers.get("Content-Type", "").startswith("text/html"):
            start_response(answer["status"], answer["headers"])
            return body
        return self._respond(start_response, answer["status"],
                             _with_box(b"".join(body), problem_box(problems, last_good=True)),
                             inject=False)

    def _respond(self, start_response, status: str, content: bytes, inject: bool = True):
        if inject and self._watched_paths:
            content = self._inject_js_into_html(content, self._visible_epoch)
        start_response(status, [("Content-Type", "text/html; charset=utf-8"),
                                ("Content-Length", str(len(content)))])
        return [content]

    def _languages(self) -> tuple[str, ...]:
        try:
            return languages.from_file(self.config_file).codes
        except (OSError, ValueError, yaml.YAMLError):  # a broken mkdocs.yml is reported by the build
            return ("",)

    def _error_page(self, code: int) -> bytes | None:
        # A missing page speaks the language of its address, as on the web server.
        name = not_found_page(getattr(self._request, "path", "/"), self._languages()) if code == 404 \
            else f"{code}.html"
        try:
            content = (Path(self.root) / name).read_bytes()
        except OSError:
            return None
        if self.problems:
            content = _with_box(content, problem_box(self.problems, last_good=True))
        # Unlike mkdocs serve, the missing page reloads too when the site changes.
        return self._inject_js_into_html(content, self._visible_epoch) if self._watched_paths else content

    def shutdown(self, wait: bool = False) -> None:
        super().shutdown(wait=wait)
        for plugin in self._started.values():
            if hasattr(plugin, "on_shutdown"):
                plugin.on_shutdown()
        shutil.rmtree(self.work_dir, ignore_errors=True)


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
    from mkdocs.__main__ import ColorFormatter

    stream = logging.StreamHandler()
    stream.setFormatter(ColorFormatter())
    # What a build logs at WARNING and above is collected and printed once
    # in the report after the build, not as it happens.
    main_thread = threading.get_ident()
    stream.addFilter(lambda record: record.levelno < logging.WARNING or record.thread != main_thread
                     or not record.name.startswith("mkdocs"))
    for name in ("mkdocs", "godigital"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logger.addHandler(stream)


def _interrupt(signum, frame) -> None:
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
            log.info("Shutting down...")
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
