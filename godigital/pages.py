"""Checks on the Markdown pages editors write.

MkDocs shows a page whose front matter (the block between ``---`` lines at
the top) is not valid YAML, or is never closed, as if it had none, with the
block as visible text; and it accepts a page without a title or description.
Editors are told instead, with the line to fix.
"""

from __future__ import annotations

import re

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
    """Every problem of a page's front matter, each as ``line N: ...``.

    A page needs a title and a description of 50 to 170 characters.
    """
    problem = front_matter_problem(source)
    if problem:
        return [problem]
    match = FRONT_MATTER.match(source)
    if not match:
        return [f"{_line(1)}{message('page_no_front_matter')}"]
    root = yaml.compose(match.group(2), Loader=yaml.SafeLoader)
    fields = {key.value: (key, value) for key, value in getattr(root, "value", None) or []}
    closing = match.group(2).count("\n") + 2  # the closing '---'
    problems = []
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
    return problems


def _holds_page_text(block: str) -> bool:
    """Whether ``block`` runs on into the page's text: a blank line, then a heading or a line that is no field."""
    lines = block.splitlines()
    for blank, line in zip(lines, lines[1:]):
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
