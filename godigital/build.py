"""``make build``: ``mkdocs build --strict`` with every message in the editor's language.

A mistake in mkdocs.yml is explained (``godigital.config_check``) before
MkDocs starts, instead of a parser message or a traceback. The terminal
shows what editors need (``godigital.output``): their problems, labelled as
the errors they are, and a last line: the result (``build_summary``), or
MkDocs' closing "Aborted with ..." in the editor's language.

The site is built into a fresh folder beside the site folder and swapped in
only on success, so a failed build never leaves a half-written site where a
deploy would pick it up.

    python -m godigital.build [--site-dir DIR] [other options of mkdocs build]
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import time
from pathlib import Path

from godigital import languages
from godigital.config_check import DEFAULT_CONFIG, config_problems
from godigital.messages import editor_language, message, plural
from godigital.mkdocs_messages import translate

DEFAULT_SITE = "site"
STRICT_ABORT = re.compile(r"Aborted with .* in strict mode!$")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    config_file = _option(args, ("-f", "--config-file")) or DEFAULT_CONFIG
    problems = config_problems(config_file)
    if problems:
        for problem in problems:
            sys.stderr.write(f"{message('log_error'):<8}-  {problem}\n")
        sys.stderr.write(f"\n{message('mkdocs_aborted_config')}\n")
        return 1

    from click import ClickException
    from mkdocs.__main__ import State, cli

    from godigital.output import ProblemCount, install

    site = Path(_option(args, ("-d", "--site-dir")) or Path(config_file).resolve().parent / DEFAULT_SITE)
    fresh, old = site.with_name(f"{site.name}.new"), site.with_name(f"{site.name}.old")
    shutil.rmtree(fresh, ignore_errors=True)
    state = State()  # MkDocs' terminal output, shown as editors need it from the first line
    install(state.stream, strict=True)
    counted = ProblemCount()
    logging.getLogger("mkdocs").addHandler(counted)
    started = time.monotonic()
    try:
        cli.main(["build", "--strict", *_without(args, ("-d", "--site-dir")), "--site-dir", str(fresh)],
                 prog_name="mkdocs", standalone_mode=False, obj=state)
    except ClickException as error:
        text = error.format_message()
        if STRICT_ABORT.match(text) and counted.count:
            text = plural("build_stopped", counted.count)  # every language's, not the last one's
        sys.stderr.write(f"\n{translate(text) or text}\n")
        shutil.rmtree(fresh, ignore_errors=True)
        return error.exit_code or 1
    except RecursionError:
        # The page was named by the godigital plugin as the build stopped.
        sys.stderr.write(f"\n{message('mkdocs_aborted_error')}\n")
        shutil.rmtree(fresh, ignore_errors=True)
        return 1
    seconds = time.monotonic() - started
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(summary(site, len(languages.from_file(config_file).codes), seconds))
    return 0


def summary(site: Path, language_count: int, seconds: float) -> str:
    """``Site built in site/: 14 pages, 2 languages, 3.1 s.`` in the editor's language."""
    from babel.numbers import format_decimal

    from godigital import redirects

    # Each page is a folder's index.html; a redirect page, at a page's old address, is not one.
    pages = sum(1 for page in site.rglob("index.html") if not redirects.is_redirect_page(page))
    try:
        shown = site.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = site.as_posix()
    return message("build_summary", folder=f"{shown}/", pages=pages, languages=language_count,
                   seconds=format_decimal(round(seconds, 1), format="0.0", locale=editor_language()))


def _option(args: list[str], names: tuple[str, ...]) -> str | None:
    for index, arg in enumerate(args):
        if arg in names and index + 1 < len(args):
            return args[index + 1]
        for name in names:
            if name.startswith("--") and arg.startswith(f"{name}="):
                return arg.split("=", 1)[1]
    return None


def _without(args: list[str], names: tuple[str, ...]) -> list[str]:
    """``args`` without the options ``names`` and their values."""
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in names:
            skip = True
        elif not any(name.startswith("--") and arg.startswith(f"{name}=") for name in names):
            kept.append(arg)
    return kept


if __name__ == "__main__":
    sys.exit(main())
