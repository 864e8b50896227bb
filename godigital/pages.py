"""Checks on the Markdown pages editors write.

MkDocs shows a page whose front matter (the block between ``---`` lines at
the top) is not valid YAML, or is never closed, as if it had none, with the
block as visible text; and it accepts a page without a title or description.
Editors are told instead, with the line to fix.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator

import yaml

from godigital.characters import invisible_problem, is_blank
from godigital.messages import message
from godigital.yaml_errors import explain

# A page's Markdown, in bytes: a long campaign page is a few dozen kB; far
# beyond this, Markdown's conversion takes minutes and gigabytes.
MAX_PAGE_BYTES = 500_000
FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?)^(---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
OPENING = re.compile(r"\A---[ \t]*\r?$", re.MULTILINE)
HEADING = re.compile(r"^#{1,6} ")
# A line that can be part of front matter: a field, a list item, an indented or a continued value, a comment.
FIELD = re.compile(r"^(\s|-\s|#|[^\s:#][^:]*:(\s|$)|['\"]|\.\.\.)")
# CONTRIBUTING's rule: what search engines and link previews show in full.
DESCRIPTION_LENGTH = (50, 170)
# What pages need. Material prints other fields raw (subtitle, author) or
# uses them as template names (icon), and MkDocs takes ``template`` as the
# page's layout: redirect.html sends readers to another site.
PAGE_FIELDS = ("title", "description", "template", "hide")
PAGE_TEMPLATES = ("home.html",)
HIDE_VALUES = ("navigation", "toc", "footer", "path")
BOM = "\ufeff"
# Python-Markdown nests a list item only when it is indented by a whole tab
# stop (4 spaces) more than its parent; one indented by 2 becomes its sibling.
LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d+[.)])[ \t]+\S")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
TAB_STOP = 4


def front_matter_problem(source: str) -> str | None:
    """What is wrong with a page's front matter, as ``line N: ...``, if anything."""
    match = FRONT_MATTER.match(source)
    if not match:
        if OPENING.match(source):
            return f"{_line(1)}{message('front_matter_unclosed')}"
        return None
    try:
        data = yaml.safe_load(match.group(2))
    except yaml.YAMLError as error:
        if _holds_page_text(match.group(2)):
            # The closing '---' is missing and the next '---' is a rule further down the page.
            return f"{_line(1)}{message('front_matter_unclosed')}"
        explained = explain(error, match.group(2), line_offset=1)
        text = message("front_matter_malformed", explanation=explained.explanation)
        return f"{_line(explained.line)}{text}" + (f"\n{explained.excerpt}" if explained.excerpt else "")
    if data is not None and not isinstance(data, dict):
        return f"{_line(2)}{message('front_matter_not_fields')}"
    return None


def page_problems(source: str) -> list[str]:
    """Every problem of a page's front matter, of its characters and of its lists, each as ``line N: ...``.

    A page needs a title and a description of 50 to 170 characters, and has
    no other fields than ``PAGE_FIELDS``.
    """
    if source.startswith(BOM):
        # MkDocs drops one byte-order mark; after a second, it shows the block as text.
        return [f"{_line(1)}{message('page_bom')}"]
    problem = front_matter_problem(source)
    if problem:
        return [problem]
    match = FRONT_MATTER.match(source)
    if not match:
        return [f"{_line(1)}{message('page_no_front_matter')}"]
    root = yaml.compose(match.group(2), Loader=yaml.SafeLoader)
    fields = {key.value: (key, value) for key, value in getattr(root, "value", None) or []}
    closing = match.group(2).count("\n") + 2  # the closing '---'
    problems = _field_problems(root)
    if "title" not in fields:
        problems.append(f"{_line(closing)}{message('page_title_missing')}")
    elif _invisible(fields["title"][1]):
        problems.append(f"{_line(_key_line(fields['title'][0]))}{_invisible(fields['title'][1])}")
    elif not _text(fields["title"][1]):
        problems.append(f"{_line(_key_line(fields['title'][0]))}{message('title_not_text')}")
    if "description" not in fields:
        problems.append(f"{_line(closing)}{message('page_description_missing')}")
    else:
        key, value = fields["description"]
        line = _key_line(key)
        if _invisible(value):
            problems.append(f"{_line(line)}{_invisible(value)}")
        elif not _text(value):
            problems.append(f"{_line(line)}{message('description_not_text')}")
        else:
            length = len(" ".join(value.value.split()))
            low, high = DESCRIPTION_LENGTH
            if length < low:
                problems.append(f"{_line(line)}{message('description_too_short', length=length, low=low)}")
            elif length > high:
                problems.append(f"{_line(line)}{message('description_too_long', length=length, high=high)}")
    body = source[match.end():]
    return problems + character_problems(body, first_line=closing) + list_problems(body, first_line=closing)


def character_problems(body: str, first_line: int = 1) -> list[str]:
    """Each line of a page's text holding a character the reader cannot see (``godigital.characters``),
    as ``line N: ...``: a zero-width space pasted with a text glues two words together.

    Code blocks are shown as written and left alone; a line may end in a carriage return (Windows).
    """
    problems: list[str] = []
    for number, line in outside_code(body, first_line):
        character = invisible_problem(line.removesuffix("\r"))
        if character:
            problems.append(f"{_line(number)}{message('invisible_character', character=character)}")
    return problems


def list_problems(body: str, first_line: int = 1) -> list[str]:
    """List items meant as nested that Markdown would show as siblings, each as ``line N: ...``.

    ``first_line`` is the number of the line ``body`` starts on. Code blocks are left alone.
    """
    problems: list[str] = []
    above: int | None = None  # the indentation of the list item above, while the list goes on
    blank = False
    for number, line in outside_code(body, first_line):
        if not line.strip():
            blank = True
            continue
        item = LIST_ITEM.match(line)
        indent = len(item.group(1).expandtabs(TAB_STOP)) if item else len(line) - len(line.lstrip(" \t"))
        if item:
            if above is not None and 0 < indent - above < TAB_STOP:
                problems.append(f"{_line(number)}{message('page_list_indent', spaces=indent - above, tab=TAB_STOP)}")
            above = indent
        elif blank and indent == 0:
            above = None  # a paragraph after a blank line ends the list
        blank = False
    return problems


def _field_problems(root: yaml.Node | None) -> list[str]:
    problems = []
    for key, value in getattr(root, "value", None) or []:
        name = str(key.value)
        line = _key_line(key)
        if name not in PAGE_FIELDS:
            close = difflib.get_close_matches(name, PAGE_FIELDS, n=1)
            hint = " " + message("did_you_mean", suggestion=close[0]) if close else ""
            unknown = message("page_field_unknown", name=name, hint=hint, allowed=", ".join(PAGE_FIELDS))
            problems.append(f"{_line(line)}{unknown}")
        elif name == "template" and not (_text(value) and value.value in PAGE_TEMPLATES):
            shown = value.value if isinstance(value, yaml.ScalarNode) else "..."
            refused = message("page_template_not_allowed", template=shown, allowed=PAGE_TEMPLATES[0])
            problems.append(f"{_line(line)}{refused}")
        elif name == "hide" and not (isinstance(value, yaml.SequenceNode)
                                     and all(_text(item) and item.value in HIDE_VALUES for item in value.value)):
            problems.append(f"{_line(line)}{message('page_hide_not_allowed', allowed=', '.join(HIDE_VALUES))}")
    return problems


def outside_code(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """Each line of ``body`` with its number, but those of closed fenced code blocks (an
    unclosed fence is no code: Markdown shows what follows it as text)."""
    lines = body.split("\n")
    code: set[int] = set()
    opened: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        fence = FENCE.match(line)
        if opened is None and fence:
            opened = (index, fence.group(1))
        elif opened is not None and fence and fence.group(1) == opened[1]:
            code.update(range(opened[0], index + 1))
            opened = None
    for index, line in enumerate(lines):
        if index not in code:
            yield first_line + index, line


def _holds_page_text(block: str) -> bool:
    """Whether ``block`` runs on into the page's text: a blank line, then a heading or a line that is no field."""
    lines = block.splitlines()
    for blank, line in itertools.pairwise(lines):
        if not blank.strip() and line.strip() and (HEADING.match(line) or not FIELD.match(line)):
            return True
    return False


def _line(number: int) -> str:
    return message("at_line", line=number) + message("separator")


def _key_line(node: yaml.Node) -> int:
    return node.start_mark.line + 2  # below the opening '---'


def _text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and not is_blank(node.value)


def _invisible(node: yaml.Node) -> str | None:
    """The message for a character no reader would see in a title or description (godigital.characters)."""
    character = invisible_problem(node.value) if isinstance(node, yaml.ScalarNode) else None
    return message("invisible_character", character=character) if character else None
