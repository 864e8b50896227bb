"""Field types for the data files editors write, declared once as Pydantic validators.

A data file is a tree of frozen dataclasses whose fields are ``Annotated``
types from here (plain texts, web addresses, dates, a text per site
language). Pydantic checks a file against them and reports every mistake as
an error whose type is a key of the message catalogues and whose context
holds the placeholders, so that the caller words it in the editor's
language, at the line ``godigital.yaml_lines`` finds for its path. A
``Checked`` dataclass adds ``rules`` across its fields, checked even when
some fields are wrong: all problems of a file are reported at once. Nothing
here knows about events; the site's languages come from the validation
context (``{"languages": (...)}``).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, NoReturn, TypeVar, get_type_hints
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import (
    CoreSchema,
    ErrorDetails,
    InitErrorDetails,
    PydanticCustomError,
    core_schema,
)

from godigital.characters import describe, first_invisible, is_blank
from godigital.messages import catalogue, language_name, message

DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$")
HTML_PATTERN = re.compile(r"</?[a-zA-Z!][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;")
MARKDOWN_PATTERN = re.compile(r"[*_`]{1,2}\S|\[[^\]]*\]\(|^\s*(#|>|-\s|\d+\.\s)|!\[")
# Titles and names appear in page headers, menus and search results.
NAME_PATTERN = re.compile(r"^[^<>]*$")
# https only, and no "user@" before the host: what a JSON Schema can say of ``web_address``.
URL_PATTERN = r"^https://[^/?#@\s\"'<>\\^`{|}]+(?:[/?#][^\s\"'<>\\^`{|}]*)?$"
MAX_URL = 2_000
T = TypeVar("T")
Errors = list[InitErrorDetails]
Found = tuple[Errors, dict[str, Any]]  # what ``Checked.rules`` finds: problems, and values to change


def fail(key: str, **context: Any) -> NoReturn:
    """A mistake, as the catalogue message ``key`` with its placeholders."""
    raise PydanticCustomError(key, key, context)


def error(loc: tuple[str | int, ...], key: str, **context: Any) -> InitErrorDetails:
    """The same mistake at ``loc``, among others (see ``raise_all``)."""
    return {"type": PydanticCustomError(key, key, context), "loc": loc, "input": None}


def raise_all(errors: Errors) -> None:
    if errors:
        raise ValidationError.from_exception_data("data", errors)


def caught(error: ValidationError) -> Errors:
    """The errors of ``error``, to raise again together with others."""
    return [{"type": PydanticCustomError(e["type"], e["msg"], e.get("ctx")), "loc": e["loc"], "input": e["input"]}
            for e in error.errors()]


def show(value: object) -> str:
    """A value as a message quotes it."""
    if isinstance(value, (list, dict)):
        return message("show_list" if isinstance(value, list) else "show_group")
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def accept(read: Callable[[Any], Any], key: str, **context: str) -> BeforeValidator:
    """What ``read`` makes of the text written; a text it refuses (None or an error) is the mistake ``key``."""
    def check(value: object) -> Any:
        try:
            result = read(value)
        except (ValueError, TypeError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            result = None
        return fail(key, value=show(value), **context) if result is None else result
    return BeforeValidator(check)


def languages(info: ValidationInfo) -> tuple[str, ...]:
    """The site's languages, as the caller put them in the validation context."""
    return tuple((info.context or {})["languages"])


def _filled(value: object) -> str:
    if not isinstance(value, str):
        fail("text_expected")
    if is_blank(value):  # nothing a reader could see (godigital.characters)
        fail("text_empty")
    return value.strip()


def text(limit: int, *, name: bool = False, lines: bool = True, markdown: bool = True) -> tuple[Any, ...]:
    """A plain text of at most ``limit`` characters, which the site formats itself: no invisible
    character, no HTML, no Markdown (unless ``markdown``), no < or > in names (``name``), no line
    break (unless ``lines``). The metadata of an ``Annotated[str, *text(...)]``."""
    def check(value: str) -> str:
        if character := first_invisible(value):
            fail("invisible_character", character=describe(character), written=character)
        if HTML_PATTERN.search(value):
            fail("text_html")
        if name and not NAME_PATTERN.fullmatch(value):
            fail("text_angle_brackets")
        if not markdown and MARKDOWN_PATTERN.search(value):
            fail("text_markdown")
        if not lines and "\n" in value:
            fail("text_one_line")
        return value
    schema: dict[str, Any] = {"minLength": 1, "pattern": r"^[^<>]*\S[^<>]*$" if name else r"\S"}  # something to read
    return BeforeValidator(_filled), Field(max_length=limit, json_schema_extra=schema), AfterValidator(check)


def moment(value: object) -> date | datetime:
    """A date (2018-03-20) or a local date and time (2018-03-20T09:00), in no time zone yet."""
    written = value if isinstance(value, str) else ""
    if match := DATE_PATTERN.match(written):
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            fail("date_does_not_exist", value=written)
    if match := DATETIME_PATTERN.match(written):
        try:
            year, month, day, hour, minute, second = (int(part) if part else 0 for part in match.groups())
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            fail("datetime_does_not_exist", value=written)
    fail("not_a_date", value=show(value))


def web_address(value: object) -> str:
    """An https address that leads where it seems to: no "user@" before the host, no look-alike letters."""
    written = value.strip() if isinstance(value, str) else ""
    try:
        parts = urlsplit(written) if written and len(written) <= MAX_URL and not first_invisible(written) else None
        host = parts.hostname if parts else None
    except ValueError:
        parts = host = None
    if parts is None or parts.scheme not in ("http", "https") or not host or re.search(r"[\s\"'<>\\^`{|}]", written):
        fail("not_a_web_address", value=show(value))
    if parts.scheme != "https":
        fail("url_not_https", value=show(value))
    if "@" in parts.netloc:
        fail("url_userinfo", value=show(value))
    if not plain_host(host):
        fail("url_lookalike_host", host=host)
    return written


def bare_host(hostname: str | None) -> str:
    """A host name without a leading ``www.``: both name the same site."""
    host = (hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def plain_host(hostname: str) -> bool:
    """A host name that reads as what it is: valid IDNA, and no label mixing scripts
    (a Cyrillic "а" among Latin letters looks the same and leads elsewhere)."""
    try:
        hostname.encode("idna")
    except UnicodeError:
        return False
    for label in hostname.split("."):
        scripts = {unicodedata.name(char, "?").split(" ")[0] for char in label if not char.isascii()}
        if scripts - {"LATIN"}:
            return False
    return True


def one_of(allowed: tuple[str, ...], key: str, **context: str) -> BeforeValidator:
    return accept(lambda value: value if value in allowed else None, key, **context)


def number(low: int, high: int) -> tuple[Any, ...]:
    """A number from ``low`` to ``high``: the metadata of an ``Annotated[float, *number(...)]``."""
    read = accept(lambda value: float(value) if low <= float(value) <= high else None, "not_a_number",
                  low=str(low), high=str(high))
    return read, Field(ge=low, le=high)


def distinct(key: str) -> tuple[Any, ...]:
    """Items each given once (``key``: the message for one given again), of a list of one or more."""
    def check(items: tuple[Any, ...]) -> tuple[Any, ...]:
        raise_all([error((at,), key, value=item) for at, item in enumerate(items) if item in items[:at]])
        return items
    return AfterValidator(check), Field(min_length=1, json_schema_extra={"uniqueItems": True})


def local(moment: datetime, zone: ZoneInfo) -> datetime | None:
    """``moment``, a local time, in ``zone``; None when the clocks skip it there (summer time)."""
    aware = moment.replace(tzinfo=zone)
    return aware if aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None) == moment else None


def moment_text(moment: date | datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M}" if isinstance(moment, datetime) else moment.isoformat()


def alone(name: str, kind: Any, group: type) -> BeforeValidator:
    """A text alone stands for a ``group`` with only its field ``name`` (of type ``kind``), such as
    ``registration: https://…`` for ``url:``; a wrong text is the problem of the field written."""
    adapter: TypeAdapter[Any] = TypeAdapter(kind)

    def expand(value: object, info: ValidationInfo) -> object:
        return {name: adapter.validate_python(value, context=info.context)} if isinstance(value, str) else value
    return BeforeValidator(expand, json_schema_input_type=kind | group)


Url = Annotated[str, BeforeValidator(web_address),
                WithJsonSchema({"type": "string", "pattern": URL_PATTERN, "maxLength": MAX_URL})]
Moment = Annotated[date | datetime, BeforeValidator(moment), WithJsonSchema({"anyOf": [
    {"type": "string", "pattern": DATE_PATTERN.pattern}, {"type": "string", "pattern": DATETIME_PATTERN.pattern}]})]


@dataclass(frozen=True)
class PerLanguage:
    """A text (or address) per site language, one ``fr:``/``de:`` line each; with ``one_for_all``, one
    text may stand for them all. ``keys``: the messages for no group, an unknown language, a missing one.
    The schema marks it ``x-per-language`` for ``godigital.schema`` to name the site's languages."""

    one_for_all: bool = False
    keys: tuple[str, str, str] = ("expected_fields", "unknown_field", "text_missing")

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.with_info_wrap_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {**handler(schema), "x-per-language": "one-for-all" if self.one_for_all else "each"}

    def check(self, value: Any, handler: Callable[[Any], Any], info: ValidationInfo) -> Any:
        codes, (expected, unknown, missing) = languages(info), self.keys
        if self.one_for_all and isinstance(value, str):
            try:  # checked once, then the same for every language
                return dict.fromkeys(codes, handler({codes[0]: value})[codes[0]])
            except ValidationError as problem:  # the one text's problems, at the field itself
                raise_all([{**e, "loc": e["loc"][1:]} for e in caught(problem)])
        if not isinstance(value, dict):
            fail(expected, fields=", ".join(codes), first=codes[0])
        errors = [error((key,) if unknown == "unknown_field" else (), unknown, name=key, value=key,
                        allowed=", ".join(codes), known=", ".join(codes)) for key in value if key not in codes]
        errors += [error((code,), missing, code=code) for code in codes if code not in value]
        try:
            result = handler({key: item for key, item in value.items() if key in codes})
        except ValidationError as problem:
            errors += caught(problem)
        raise_all(errors)
        return result


@dataclass(frozen=True)
class _LeftOut:
    """For the schema, a field one may leave out but not write empty (see ``Checked``)."""

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        written = handler(schema)
        kept = [choice for choice in written.pop("anyOf") if choice != {"type": "null"}]
        return {**written, **kept[0]} if len(kept) == 1 else {**written, "anyOf": kept}


Omissible = Annotated[T | None, _LeftOut()]
Translated = Annotated[dict[str, T], PerLanguage()]
OneOrTranslated = Annotated[dict[str, T], PerLanguage(one_for_all=True)]


class Checked:
    """A frozen dataclass checked as a group of fields: unknown fields refused, a field written
    without a value refused (it is not a field left out), and ``rules`` across fields checked
    even when some fields are wrong, with the fields that are right."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.with_info_wrap_validator_function(cls._check, handler(source))

    @classmethod
    def rules(cls, data: dict[str, Any], values: dict[str, Any], info: ValidationInfo) -> Found:
        """The problems across fields, and the values to change (``values``: the fields that are right)."""
        return [], {}

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The names a file may give."""
        return tuple(f.name for f in dataclasses.fields(cls) if f.init)  # type: ignore[arg-type]

    @classmethod
    def _check(cls, data: Any, handler: Callable[[Any], Any], info: ValidationInfo) -> Any:
        if not isinstance(data, dict):
            return handler(data)
        data = {key: "" if value is None else value for key, value in data.items()}
        try:
            result, errors = handler(data), []
        except ValidationError as problem:
            result, errors = None, caught(problem)
        found, changes = cls.rules(data, vars(result) if result else _valid_fields(cls, data, info), info)
        raise_all(errors + found)
        return dataclasses.replace(result, **changes)


def _valid_fields(model: type[Checked], data: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
    """The fields of ``data`` that are right on their own, and the defaults of those left out."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(model):  # type: ignore[arg-type]
        if f.init and f.name not in data and f.default is not dataclasses.MISSING:
            values[f.name] = f.default
        elif f.init and f.name in data:
            try:
                values[f.name] = _adapter(model, f.name).validate_python(data[f.name], context=info.context)
            except ValidationError:
                pass
    return values


_ADAPTERS: dict[tuple[type, str], TypeAdapter[Any]] = {}  # a field's own validator, made once


def _adapter(model: type, name: str) -> TypeAdapter[Any]:
    if (model, name) not in _ADAPTERS:
        _ADAPTERS[model, name] = TypeAdapter(get_type_hints(model, include_extras=True)[name])
    return _ADAPTERS[model, name]



def wording(details: ErrorDetails, groups: Mapping[tuple[str, ...], type[Checked]],
            **placeholders: str) -> tuple[str, dict[str, Any]]:
    """The catalogue key and placeholders of an error, Pydantic's own kinds worded for editors;
    ``groups``: the ``Checked`` class at each path of field names (list indexes left out)."""
    loc, kind, context = details["loc"], details["type"], {**placeholders, **(details.get("ctx") or {})}
    names = tuple(part for part in loc if isinstance(part, str))
    if kind == "missing":
        kind, context["name"] = "field_missing", loc[-1]
        context["how"] = message(f"how_{loc[-1]}", **context) if f"how_{loc[-1]}" in catalogue("en") else ""
    elif kind in ("dataclass_type", "dataclass_args_type") and names in groups:
        kind, context["fields"] = "expected_fields", ", ".join(groups[names].fields())
    elif kind == "unexpected_keyword_argument" and names[:-1] in groups:
        kind, context["name"], context["allowed"] = "unknown_field", loc[-1], ", ".join(groups[names[:-1]].fields())
    elif kind in ("string_too_long", "too_long") and isinstance(details["input"], str):
        kind, context["length"], context["limit"] = "text_too_long", len(details["input"]), context["max_length"]
    if kind == "unknown_field":
        close = difflib.get_close_matches(str(context["name"]), context["allowed"].split(", "), n=1)
        context["hint"] = " " + message("did_you_mean", suggestion=close[0]) if close else ""
    if "code" in context:
        context["language"] = language_name(context["code"])
    return kind, context
