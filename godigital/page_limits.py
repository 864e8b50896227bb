"""Bounded work per page: shapes that Python-Markdown converts in far more than linear time.

Two layers. ``shape_problems`` refuses, before anything converts the page,
the shapes measured to grow quadratically or to exhaust Python's recursion
(bench/README.md): long runs of ``[`` or ``<`` in one paragraph, blocks
nested very deep, hundreds of abbreviations or thousands of headings. The limits are far above what a
campaign page needs. ``Deadline`` is the backstop for shapes nobody thought
of: a page whose conversion or rendering takes longer than ``DEADLINE_SECONDS``
is stopped with a message instead of running for minutes.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from godigital.messages import message

# '[' opens a link or an image, each needs one: a paragraph with 100 links is
# already unreadable. An unclosed '[' makes Python-Markdown search the rest of
# the paragraph, once per '[': 4,000 took 1.7 s, 8,000 took 6.6 s.
MAX_BRACKETS_PER_PARAGRAPH = 200
# '<' opens a tag or an address; unclosed, the same search: 8,000 '<a ' took 4 s.
MAX_ANGLES_PER_PARAGRAPH = 200
# Lists, quotes and notes inside each other: three or four levels are a lot;
# 400 levels exhaust Python's recursion.
MAX_DEPTH = 16
INDENT_COLUMNS = 4  # Python-Markdown's tab_length: one level of nesting
# Every abbreviation is tried on every text of the page: 3,000 took 15 s.
MAX_ABBREVIATIONS = 200
# Each heading is an entry of the page's table of contents, which the theme
# renders twice: 30,000 headings took over 3 s to render. A long page has 30.
MAX_HEADINGS = 500
# The largest page accepted (500 kB of ordinary rich Markdown) converts in
# about 0.6 s; a campaign page in a few hundredths. Five times the largest
# keeps a false alarm unlikely on a busy machine, and the whole build (about
# 1.5 s of start-up) still ends well within 10 s.
DEADLINE_SECONDS = 3.0

_ABBREVIATION = re.compile(r"^ {0,3}\*\[[^\]\n]*\]:")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]*\]:")  # a link's address, given apart
_FENCE = re.compile(r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+|>[ \t]?)*(```|~~~)")
_QUOTE_MARKERS = re.compile(r"(?:>[ \t]*)+")


def shape_problems(markdown: str, first_line: int = 1) -> list[str]:
    """Every shape of ``markdown`` over a limit, each as ``line N: ...``.

    ``first_line`` is the line of the file where ``markdown`` starts (after the front matter).
    """
    problems: list[str] = []
    brackets = angles = 0
    abbreviations = headings = 0
    deepest = 0
    in_code = _closed_fences(markdown)
    reported: set[str] = set()

    def report(kind: str, line: int, limit: int) -> None:
        if kind not in reported:
            reported.add(kind)
            problems.append(f"{message('at_line', line=line)}{message('separator')}{message(kind, limit=limit)}")

    for number, line in enumerate(markdown.splitlines(), first_line):
        if not line.strip():
            brackets = angles = 0  # a blank line ends the paragraph
            continue
        if number - first_line in in_code:
            continue  # code is shown as it is: no links, no nesting
        abbreviation = _ABBREVIATION.match(line)
        if not abbreviation and not _REFERENCE.match(line):  # definitions are no links
            brackets += line.count("[")
        angles += line.count("<")
        if brackets > MAX_BRACKETS_PER_PARAGRAPH:
            report("limit_brackets", number, limit=MAX_BRACKETS_PER_PARAGRAPH)
        if angles > MAX_ANGLES_PER_PARAGRAPH:
            report("limit_angles", number, limit=MAX_ANGLES_PER_PARAGRAPH)
        if abbreviation:
            abbreviations += 1
            if abbreviations > MAX_ABBREVIATIONS:
                report("limit_abbreviations", number, limit=MAX_ABBREVIATIONS)
        if _HEADING.match(line):
            headings += 1
            if headings > MAX_HEADINGS:
                report("limit_headings", number, limit=MAX_HEADINGS)
        depth = nesting_depth(line)
        if depth > MAX_DEPTH and depth > deepest:
            report("limit_depth", number, limit=MAX_DEPTH)
        deepest = max(deepest, depth)
    return problems


def _closed_fences(markdown: str) -> set[int]:
    """The indexes of the lines inside fenced code that is closed (an unclosed fence is no code)."""
    inside: set[int] = set()
    opened: tuple[int, str] | None = None
    for index, line in enumerate(markdown.splitlines()):
        fence = _FENCE.match(line)
        if opened is None:
            if fence:
                opened = (index, fence.group(1))
        elif fence and fence.group(1) == opened[1]:
            inside.update(range(opened[0] + 1, index))
            opened = None
    return inside


def nesting_depth(line: str) -> int:
    """How many blocks ``line`` sits in: one per indentation level and per quote marker '>'."""
    columns = 0
    for at, char in enumerate(line):
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += INDENT_COLUMNS - columns % INDENT_COLUMNS
        else:
            quotes = _QUOTE_MARKERS.match(line, at)
            return columns // INDENT_COLUMNS + (quotes.group(0).count(">") if quotes else 0)
    return 0


# What signal.signal takes and gives back: a handler, SIG_DFL or SIG_IGN, or None.
_SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class Deadline:
    """A wall-clock deadline on a piece of work, raised as the exception ``expired`` makes.

    It interrupts the work with SIGALRM, so it only runs in the main thread
    (signals are delivered there) on systems that have ``setitimer``;
    elsewhere ``arm`` says False and the work runs unbounded, guarded by the
    shape limits only. An exception the work swallows is raised again by ``disarm``.
    """

    def __init__(self) -> None:
        self._expired: Callable[[], BaseException] | None = None
        self._fired = False
        self._previous: _SignalHandler = None

    def arm(self, seconds: float, expired: Callable[[], BaseException]) -> bool:
        self.disarm(check=False)
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return False
        self._expired, self._fired = expired, False
        self._previous = signal.signal(signal.SIGALRM, self._alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        return True

    def disarm(self, check: bool = True) -> None:
        """Stop the clock; raise the deadline's exception if it expired and the work went on."""
        expired, fired = self._expired, self._fired
        if expired is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous or signal.SIG_DFL)
            self._expired, self._fired, self._previous = None, False, None
        if check and fired and expired is not None:
            raise expired()

    def _alarm(self, signum: int, frame: object) -> None:
        self._fired = True
        if self._expired is not None:
            raise self._expired()
