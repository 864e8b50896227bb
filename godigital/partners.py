"""The campaign's partners and their public sites, as editors write them in ``data/partners.yaml``.

Every page names them at its foot (``overrides/partials/copyright.html``),
each with a link to its site where the campaign gives one. Once no event of
the campaign is still to come, the home page and the agenda point readers to
these sites (``overrides/partials/agenda-partners.html``) instead of inviting
them to subscribe to a calendar that will bring nothing new. Names are texts
per site language (or one for all); each site is an https address. Nothing
here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import pydantic
from pydantic_core import ErrorDetails

from godigital import data_fields as fields
from godigital import yaml_lines
from godigital.events import MAX_PROBLEMS, Problem
from godigital.messages import message

PARTNERS_FILE = "data/partners.yaml"
# Far more than a campaign's partners need; read no further.
MAX_FILE_BYTES = 100_000
MAX_PARTNERS = 50
MAX_NAME = 200

Name = Annotated[str, *fields.text(MAX_NAME, name=True, lines=False, markdown=False)]


@dataclass(frozen=True)
class Partner(fields.Checked):
    """One partner: its name in each language, and the address of its public site if the
    campaign gives one (the partners' strip names it without a link otherwise)."""

    name: fields.OneOrTranslated[Name]
    url: fields.Omissible[fields.Url] = None

    @property
    def address(self) -> str:
        """The address as readers see it written: ``www.cc.lu`` (empty without one)."""
        if self.url is None:
            return ""
        parts = urlsplit(self.url)
        return f"{parts.netloc}{parts.path.rstrip('/')}"


@dataclass(frozen=True)
class PartnersFile(fields.Checked):
    """The whole file: ``partners:`` and the list of partners."""

    partners: Annotated[list[Partner], pydantic.Field(max_length=MAX_PARTNERS)]


class PartnersError(Exception):
    """The partners file has mistakes; the message lists them, the first few."""

    def __init__(self, problems: list[Problem]):
        lines = [f"  - {p}" for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append("  " + message("more_problems", count=len(problems) - MAX_PROBLEMS))
        header = message("partners_header_one" if len(problems) == 1 else "partners_header_many", count=len(problems))
        super().__init__("\n".join([header, *lines]))


def load_partners(path: Path | str, display_name: str | None = None, *,
                  languages: Sequence[str]) -> list[Partner]:
    """Read and check a partners file; raise ``PartnersError`` on any mistake."""
    name = display_name or str(path)
    try:
        text = yaml_lines.read_file(Path(path), MAX_FILE_BYTES, "data_file_too_large", "partners_file_missing")
    except yaml_lines.Unreadable as unreadable:
        raise PartnersError([Problem(name, unreadable.line, str(unreadable))]) from None
    return parse_partners(text, name, languages=languages)


def parse_partners(text: str, file: str = PARTNERS_FILE, *, languages: Sequence[str]) -> list[Partner]:
    """The partners of a file's YAML text, in order; ``languages`` are the site's."""
    try:
        marked = yaml_lines.load_data(text, MAX_FILE_BYTES, "data_file_too_large")
    except yaml_lines.Unreadable as unreadable:
        raise PartnersError([Problem(file, unreadable.line, str(unreadable))]) from None
    problems = [Problem(file, line, message("given_twice", name=path[-1]), field=_field(path))
                for path, line in marked.duplicates.items()]
    data = marked.data if marked.data is not None else {}
    try:
        partners = _ADAPTER.validate_python(data, context={"languages": tuple(languages)}).partners
    except pydantic.ValidationError as invalid:
        problems += [_problem(details, marked, file, languages) for details in invalid.errors()]
    if problems:
        raise PartnersError(sorted(problems, key=lambda p: p.line))
    return partners


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

_ADAPTER = pydantic.TypeAdapter(PartnersFile)
_GROUPS: dict[tuple[str, ...], type[fields.Checked]] = {(): PartnersFile, ("partners",): Partner}


def _problem(details: ErrorDetails, marked: yaml_lines.Marked, file: str, languages: Sequence[str]) -> Problem:
    loc = details["loc"]
    kind, context = fields.wording(details, _GROUPS, languages=", ".join(languages))
    if kind == "field_missing":
        kind = "partners_start" if loc == ("partners",) else f"partner_{loc[-1]}_missing"
    elif kind in ("list_type", "too_long") and loc == ("partners",):
        kind, context = "partners_not_a_list", {"limit": MAX_PARTNERS}
    line = marked.line_holding(loc, context["written"]) if "written" in context else marked.line(loc)
    return Problem(file, line, message(kind, **context), field=_field(loc))


def _field(loc: Sequence[Any]) -> str | None:
    """``partners.name.de``: the field at ``loc``, list indexes left out."""
    return ".".join(str(part) for part in loc if isinstance(part, str)) or None
