"""What editors read in the terminal: their problems, labelled in their language, and nothing else.

MkDocs, mkdocs-static-i18n and the theme log their progress at INFO
("Building 'de' documentation…", "Overriding 'de' config…", "Template
skipped…"), which tells an editor nothing. On the terminal's handler only
records at WARNING and above pass, and the INFO of the site's own code
(``SHOWN_INFO``: the godigital plugin's loggers and the preview's); with
``--verbose`` (MkDocs' logger at DEBUG) everything passes. Each line is
labelled with the catalogue's word, and in a strict build, where a warning
stops the build, a warning is labelled as the error it is. Only the
terminal's handler is changed: MkDocs' warning count and the preview's list
of problems see every record.
"""

from __future__ import annotations

import logging

import click

from godigital.messages import message

# Loggers whose INFO editors see: the plugin's (mkdocs.plugins.godigital and its
# children) and the preview's (godigital.preview).
SHOWN_INFO = ("mkdocs.plugins.godigital", "godigital")
ENGINE_LOGGERS = ("mkdocs", "properdocs")
_COLOURS = {"log_error": "red", "log_warning": "yellow"}


def shown(record: logging.LogRecord) -> bool:
    """Whether editors see the record: a problem, or the site's own information."""
    if record.levelno >= logging.WARNING:
        return True
    if any(logging.getLogger(name).getEffectiveLevel() <= logging.DEBUG for name in ENGINE_LOGGERS):
        return True  # --verbose: everything, as MkDocs prints it
    return record.levelno >= logging.INFO and any(
        record.name == name or record.name.startswith(f"{name}.") for name in SHOWN_INFO)


class EditorView(logging.Filter):
    """Lets through the records editors see (``shown``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return shown(record)


class EditorLabels(logging.Formatter):
    """``ERREUR  -  text``: the level in the editor's language; a warning is an error when it stops the build."""

    def __init__(self, *, strict: bool, colour: bool) -> None:
        super().__init__("%(message)s")
        self.strict = strict
        self.colour = colour

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        key = label_key(record.levelno, strict=self.strict)
        prefix = f"{message(key):<8}-  "
        if self.colour and key in _COLOURS:
            prefix = click.style(prefix, fg=_COLOURS[key])
        return prefix + text


class ProblemCount(logging.Handler):
    """Counts the problems (records at WARNING and above) of a whole build, every language's
    included: MkDocs' own count starts again for each language mkdocs-static-i18n builds."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def label_key(level: int, *, strict: bool) -> str:
    """The catalogue key of a record's label."""
    if level >= logging.ERROR or (strict and level >= logging.WARNING):
        return "log_error"
    if level >= logging.WARNING:
        return "log_warning"
    return "log_info"


def install(handler: logging.Handler, *, strict: bool) -> None:
    """Show on ``handler`` only what editors see, labelled for them (once, however often it is called)."""
    if not any(isinstance(f, EditorView) for f in handler.filters):
        handler.addFilter(EditorView())
    stream = getattr(handler, "stream", None)
    colour = bool(getattr(stream, "isatty", lambda: False)())
    if not isinstance(handler.formatter, EditorLabels) or handler.formatter.strict != strict:
        handler.setFormatter(EditorLabels(strict=strict, colour=colour))


def terminal(*, strict: bool, logger_names: tuple[str, ...] = ENGINE_LOGGERS) -> logging.Handler:
    """A handler on the terminal (stderr) for the engine's loggers and the site's own, as editors see it."""
    handler = logging.StreamHandler()
    install(handler, strict=strict)
    for name in (*logger_names, "godigital"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logger.addHandler(handler)
    return handler


def install_on_engine(*, strict: bool, logger_names: tuple[str, ...] = ENGINE_LOGGERS) -> None:
    """Show on the engine's terminal handlers (``mkdocs build``'s own) only what editors see."""
    for name in logger_names:
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, logging.StreamHandler):
                install(handler, strict=strict)
