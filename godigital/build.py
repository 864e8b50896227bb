"""``make build``: ``mkdocs build --strict`` with every message in the editor's language.

A mistake in mkdocs.yml is explained (``godigital.config_check``) before
MkDocs starts, instead of a parser message or a traceback; MkDocs' closing
"Aborted with ..." line is shown in the editor's language too.

    python -m godigital.build [--site-dir DIR] [other options of mkdocs build]
"""

from __future__ import annotations

import sys

from godigital.config_check import DEFAULT_CONFIG, config_problems
from godigital.messages import message
from godigital.mkdocs_messages import translate


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    problems = config_problems(_config_file(args))
    if problems:
        for problem in problems:
            sys.stderr.write(f"ERROR   -  {problem}\n")
        sys.stderr.write(f"\n{message('mkdocs_aborted_config')}\n")
        return 1

    from click import ClickException
    from mkdocs.__main__ import cli

    try:
        cli.main(["build", "--strict", *args], prog_name="mkdocs", standalone_mode=False)
    except ClickException as error:
        text = error.format_message()
        sys.stderr.write(f"\n{translate(text) or text}\n")
        return error.exit_code or 1
    except RecursionError:
        # The page was named by the godigital plugin as the build stopped.
        sys.stderr.write(f"\n{message('mkdocs_aborted_error')}\n")
        return 1
    return 0


def _config_file(args: list[str]) -> str:
    for index, arg in enumerate(args):
        if arg in ("-f", "--config-file") and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--config-file="):
            return arg.split("=", 1)[1]
    return DEFAULT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
