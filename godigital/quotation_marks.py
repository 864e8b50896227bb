"""Each language's quotation marks, as the Unicode CLDR gives them.

Babel carries CLDR's dates, numbers and names but not its delimiters, so the
four marks of each locale (``quotationStart``, ``quotationEnd``,
``alternateQuotationStart``, ``alternateQuotationEnd``) are copied here as
CLDR 46 (ICU 76) has them. A locale is looked up as Babel names the site's
locale for dates (``fr_LU``), then by its language alone (``fr``); a language
CLDR has no marks for here keeps the straight ones editors type.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from godigital.languages import babel_locale


class QuotationMarks(NamedTuple):
    outer_open: str
    outer_close: str
    inner_open: str
    inner_close: str


# CLDR 46 delimiters: outer open and close, inner open and close.
_CLDR = {
    "bg": "„“„“", "ca": "«»“”", "cs": "„“‚‘", "cy": "“”‘’", "da": "“”‘’", "de": "„“‚‘", "de_CH": "„“‚‘",
    "el": "«»“”", "en": "“”‘’", "es": "«»“”", "et": "„“‚‘", "eu": "«»“”", "fi": "””’’", "fr": "«»«»",
    "fr_CH": "«»‹›", "ga": "“”‘’", "gl": "“”‘’", "hr": "„“‚‘", "hu": "„”»«", "is": "„“‚‘", "it": "«»“”",
    "lb": "„“‚‘", "lt": "„“„“", "lv": "“”‘’", "mt": "“”‘’", "nb": "«»‘’", "nl": "‘’‘’",
    "nn": "«»‘’", "pl": "„”«»", "pt": "“”‘’", "pt_PT": "«»“”", "ro": "„”«»", "ru": "«»„“", "sk": "„“‚‘",
    "sl": "„“‚‘", "sq": "«»“”", "sr": "„“‘‘", "sv": "””’’", "tr": "“”‘’", "uk": "«»„“",
}


@cache
def quotation_marks(lang: str) -> QuotationMarks | None:
    """The marks ``lang`` (a site language code, ``fr`` or ``de-CH``) quotes with, or None."""
    try:
        locale = babel_locale(lang)
    except ValueError:
        locale = lang.replace("-", "_")
    for candidate in (locale, locale.split("_")[0]):
        marks = _CLDR.get(candidate)
        if marks:
            return QuotationMarks(*marks)
    return None
