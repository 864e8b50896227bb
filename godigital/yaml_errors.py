"""YAML syntax errors in plain words: what is wrong, how to fix it, and where.

PyYAML (and libyaml, which says the same things differently) reports parser
states such as "mapping values are not allowed here". Editors need to read
"a colon followed by a space starts a new field: put the text in quotes",
with the line they wrote and a mark under the place. Used for every YAML
file editors touch: data/events.yaml, data/labels.yaml, the front matter of
pages and mkdocs.yml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import yaml

from godigital.messages import message


@dataclass(frozen=True)
class YamlProblem:
    """A syntax error, explained: ``line`` counts from 1 in the editor's file."""

    line: int
    column: int
    explanation: str
    excerpt: str

    def text(self, file: str) -> str:
        """The whole message: file and line, what is wrong, then the line itself."""
        head = message("where_line", file=file, line=self.line)
        text = f"{head}{message('separator')}{self.explanation}"
        return f"{text}\n{self.excerpt}" if self.excerpt else text


def explain(error: yaml.YAMLError, text: str, line_offset: int = 0) -> YamlProblem:
    """Explain ``error``, raised while reading ``text``.

    ``line_offset`` is the number of lines above ``text`` in the file (for
    front matter, the opening ``---``), so that the line number is the one the
    editor sees.
    """
    kind, mark = _kind(error, text)
    if mark is None:
        return YamlProblem(1 + line_offset, 0, message("yaml_other", detail=str(error).splitlines()[0]), "")
    if kind == "other":
        explanation = message("yaml_other", detail=_detail(error))
    elif kind in ("indented_more", "indented_less") and isinstance(mark, _Mark):
        explanation = message(f"yaml_{kind}", spaces=mark.spaces)
    elif kind == "indented_unlike" and isinstance(mark, _Mark) and mark.other is not None:
        # Which of the two is out of line cannot be told: both are named, and shown.
        other = mark.other + 1 + line_offset
        explanation = message("yaml_indented_unlike", other=other, spaces=mark.column, other_spaces=mark.spaces)
        shown = [excerpt(text, mark.line, mark.column, mark.line + 1 + line_offset),
                 excerpt(text, mark.other, mark.spaces, other)]
        return YamlProblem(mark.line + 1 + line_offset, mark.column, explanation, "\n".join(shown))
    else:
        explanation = message(f"yaml_{kind}")
    return YamlProblem(mark.line + 1 + line_offset, mark.column, explanation,
                       excerpt(text, mark.line, mark.column, mark.line + 1 + line_offset))


def excerpt(text: str, index: int, column: int, number: int) -> str:
    """The line ``index`` of ``text`` (from 0), quoted, with a mark under ``column``."""
    lines = text.splitlines()
    if not 0 <= index < len(lines):
        return ""
    line = lines[index]
    shown = line.replace("\t", "→")  # a tab shows as nothing; the arrow shows where it is
    prefix = f"    {number} | "
    return f"{prefix}{shown}\n{' ' * (len(prefix) + min(column, len(shown)))}^"


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------


def _kind(error: yaml.YAMLError, text: str) -> tuple[str, yaml.Mark | _Mark | None]:
    """What kind of mistake this is, and the place to show the editor."""
    problem = (getattr(error, "problem", None) or "").lower()
    context = (getattr(error, "context", None) or "").lower()
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    if mark is None:
        return "other", None
    line = _line_at(text, mark.line)
    if "tab" in problem or "\\t" in problem or ("cannot start any token" in problem and "\t" in line):
        column = line.index("\t") if "\t" in line else mark.column
        return "tab", _Mark(mark.line, column)
    if "mapping values are not allowed" in problem:
        return _misindented(text, mark.line) or ("colon", mark)
    if "quoted scalar" in context and context_mark is not None:
        return "quote", context_mark
    if ("flow sequence" in context or "flow mapping" in context) and context_mark is not None:
        return "bracket", context_mark
    if "could not find expected ':'" in problem:
        return "colon_missing", context_mark or mark
    if "block end" in problem or "did not find expected" in problem:
        return "indent", mark
    return "other", mark


def _misindented(text: str, index: int) -> tuple[str, _Mark] | None:
    """A "mapping values" error that comes from indentation, not from a second colon.

    A field indented deeper than the field above it reads as the rest of that
    field's value, and its colon then looks out of place; a field indented less
    than its neighbours makes the next one do so. Either way the reported line
    (``index``) holds a single ``': '``, the line above is a field, and one of
    the two does not line up with the lines around it. Returns the kind and
    the line at fault (``indented_unlike`` and both lines when nothing in the
    file tells which), or None when the line really holds a second colon.
    """
    lines = text.splitlines()
    line = _line_at(text, index)
    if _colons(line) != 1:
        return None
    above = _previous(lines, index)
    if above is None or not _colons(lines[above]):
        return None
    indent, indent_above = _indent(line), _key_column(lines[above])
    if indent == indent_above:
        return None
    before, after = _previous(lines, above), _next(lines, index)
    between = before is not None and _key_column(lines[before]) == indent and (
        after is None or _key_column(lines[after]) == indent)
    opener = before is not None and lines[before].rstrip().endswith(":") and (
        _indent(lines[above]) <= _indent(lines[before]))
    if between or opener:
        # The line above is the odd one out: the lines before and after it line up with each other.
        return "indented_less", _Mark(above, _indent(lines[above]), indent)
    if before is not None and _opens(lines[before]) and _indent(lines[before]) < indent_above < indent:
        # The line above is the first field under a heading ('title:'): it, or this line, is
        # out of line. The fields after this one, or those under the file's other headings at
        # the same place, show where the fields start.
        usual = indent if after is not None and _key_column(lines[after]) == indent else (
            _usual_field_indent(lines, _key_column(lines[before]), skip=before))
        if usual == indent:
            return "indented_less", _Mark(above, indent_above, indent)
        if usual != indent_above:
            return "indented_unlike", _Mark(above, indent_above, indent, other=index)
    return "indented_more", _Mark(index, indent, indent_above)


def _opens(line: str) -> bool:
    """Whether ``line`` is a field whose value is the indented lines below it (``title:``)."""
    return line.split(" #", 1)[0].rstrip().endswith(":")


def _usual_field_indent(lines: list[str], column: int, skip: int) -> int | None:
    """How far the first field under the file's other headings at ``column`` is indented, most often."""
    found: Counter[int] = Counter()
    for number, line in enumerate(lines):
        if number == skip or _key_column(line) != column or not _opens(line):
            continue
        below = _next(lines, number)
        if below is not None and _colons(lines[below]) and _key_column(lines[below]) == _indent(lines[below]) > column:
            found[_indent(lines[below])] += 1
    return found.most_common(1)[0][0] if found else None


def _colons(line: str) -> int:
    """How many ``': '`` (or a final ``':'``) start a value on ``line``, comments left out."""
    code = line.split(" #", 1)[0].rstrip()
    return code.count(": ") + code.endswith(":")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the field's name starts on ``line``: after the indentation and any list dashes."""
    match = re.match(r"[ ]*(?:-[ ]+)*", line)
    return match.end() if match else 0  # the pattern matches every line, if only emptily


def _previous(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above ``index`` that holds YAML (not blank, not a comment)."""
    return _nearest(lines, range(index - 1, -1, -1))


def _next(lines: list[str], index: int) -> int | None:
    """The index of the nearest line below ``index`` that holds YAML (not blank, not a comment)."""
    return _nearest(lines, range(index + 1, len(lines)))


def _nearest(lines: list[str], numbers: range) -> int | None:
    for number in numbers:
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _detail(error: yaml.YAMLError) -> str:
    return getattr(error, "problem", None) or getattr(error, "context", None) or str(error).splitlines()[0]


def _line_at(text: str, index: int) -> str:
    lines = text.splitlines()
    return lines[index] if 0 <= index < len(lines) else ""


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int
    spaces: int = 0  # for indentation mistakes: how many spaces the line needs (or the other line has)
    other: int | None = None  # the other line of two that do not line up, when either may be wrong
