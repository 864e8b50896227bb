"""Small corrections to the markup Material for MkDocs 9.8 writes, so that
every page passes the Nu HTML Checker.

Both come from parts of Material's base templates that no block can
override. Each fix names what it corrects; a test fails when Material stops
writing the markup, so that a fix never lingers once Material fixed it.
"""

from __future__ import annotations

import re

FIXES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (
        # "autocomplete" is not allowed on checkboxes (Material's drawer and search toggles).
        "autocomplete on checkbox toggles",
        re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" '
                   r'type="checkbox" id="__(?:drawer|search)") autocomplete="off">'),
        r"\1>",
    ),
    (
        # An empty tabindex is not a number (navigation section labels).
        "empty tabindex on navigation section labels",
        re.compile(r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*") tabindex="">'),
        r"\1>",
    ),
)


def fix_markup(html: str) -> str:
    for _, pattern, replacement in FIXES:
        html = pattern.sub(replacement, html)
    return html
