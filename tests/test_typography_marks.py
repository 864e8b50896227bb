"""Apostrophes and quotation marks in every language of the site: the keyboard's
straight marks become the typographic apostrophe and the language's own quotation
marks, from the locale's data, in text a reader meets and nowhere else."""

from __future__ import annotations

import pytest

from godigital.quotation_marks import QuotationMarks, quotation_marks
from godigital.typography import APOSTROPHE, NBSP, typeset_html, typeset_text
from tests.conftest import LANGUAGES

A = APOSTROPHE


def page(body: str, lang: str) -> str:
    return f'<!doctype html>\n<html lang="{lang}">\n<head></head>\n<body>\n{body}\n</body>\n</html>\n'


def quoted(lang: str, outer: str, inner: str) -> str:
    """``“outer” ‘inner’`` as ``lang`` writes it: its marks, with French's no-break spaces inside."""
    marks = quotation_marks(lang)
    assert marks is not None
    pad = NBSP if lang.split("-")[0] == "fr" else ""
    return (f"{marks.outer_open}{pad}{outer}{pad}{marks.outer_close} "
            f"{marks.inner_open}{pad}{inner}{pad}{marks.inner_close}")


# -----------------------------------------------------------------------------
# The marks come from the locale
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang, marks", [
    ("en", "“”‘’"),
    ("de", "„“‚‘"),
    ("fr", "«»«»"),
    ("de-CH", "„“‚‘"),
    ("fr-CH", "«»‹›"),
    ("pl", "„”«»"),
])
def test_each_locale_has_the_quotation_marks_cldr_gives_it(lang, marks):
    assert quotation_marks(lang) == QuotationMarks(*marks)


def test_a_language_without_marks_keeps_the_straight_ones_and_still_gets_apostrophes():
    assert quotation_marks("xx") is None
    assert typeset_text("\"it's\" 'ok'", "xx") == f"\"it{A}s\" 'ok'"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_of_the_site_has_its_quotation_marks(lang):
    assert quotation_marks(lang) is not None
    assert typeset_text("\"Digital Day\" 'workshop'", lang) == quoted(lang, "Digital Day", "workshop")


# -----------------------------------------------------------------------------
# Plain text
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang, typed, shown", [
    ("en", "Luxembourg's SMEs and the partners' sites", f"Luxembourg{A}s SMEs and the partners{A} sites"),
    ("en", "Don't miss it; it's the '80s", f"Don{A}t miss it; it{A}s the {A}80s"),
    ("en", 'The "Subscribe" button, (\'see\' below)', "The “Subscribe” button, (‘see’ below)"),
    ("en", "'the partners' sites'", "‘the partners’ sites’"),
    ("de", "Wie geht's? Klicken Sie auf \"Kalender-Abo\".", f"Wie geht{A}s? Klicken Sie auf „Kalender-Abo“."),
    ("de", "Das 'Angebot', nicht das Programm", "Das ‚Angebot‘, nicht das Programm"),
    ("fr", "L'atelier \"eHandwierk\" : l'agenda", f"L{A}atelier «{NBSP}eHandwierk{NBSP}»{NBSP}: l{A}agenda"),
])
def test_apostrophes_and_quotation_marks_as_each_language_sets_them(lang, typed, shown):
    assert typeset_text(typed, lang) == shown


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("text", [
    "https://www.cdm.lu/l'agenda?q=\"x\"",  # addresses
    "voir www.example.lu/d'abord",
    "12'30 and 5\"",  # minutes, seconds, inches: no letter before them
    " ' \" ",  # marks standing alone
])
def test_what_is_not_a_quotation_or_an_apostrophe_stays_as_typed(lang, text):
    shown = typeset_text(text, lang)
    assert shown.count("'") + shown.count('"') == text.count("'") + text.count('"'), shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_applying_it_twice_changes_nothing_more(lang):
    once = typeset_text("\"It's\" 'here': l'agenda", lang)
    assert typeset_text(once, lang) == once


# -----------------------------------------------------------------------------
# HTML
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_gets_its_marks_in_text_and_words_only(lang):
    html = page(
        '<h1>"Digital Day"</h1>\n'
        '<p>The &#34;Go&#34; <em>partners\'</em> sites, <a href="/x/?q=\'a\'" title="it\'s here">it\'s</a></p>\n'
        '<p>Type <code>echo "it\'s"</code> or <kbd>\'q\'</kbd>, then "done".</p>\n'
        '<input value="\'x\'" aria-label="\'Copy\' it">\n'
        '<script type="application/ld+json">{"name": "it\'s"}</script>\n'
        '<p>https://www.godigital.lu/"x"/it\'s</p>', lang)
    out = typeset_html(html, lang=lang)
    marks = quotation_marks(lang)
    assert marks is not None
    pad = NBSP if lang == "fr" else ""
    assert f"<h1>{marks.outer_open}{pad}Digital Day{pad}{marks.outer_close}</h1>" in out
    # An entity the template escaped (&#34;) is replaced whole; across an inline element too.
    assert f"The {marks.outer_open}{pad}Go{pad}{marks.outer_close} <em>partners{A}</em> sites" in out
    assert f'title="it{A}s here">it{A}s</a>' in out
    assert f"then {marks.outer_open}{pad}done{pad}{marks.outer_close}." in out, "code opens no quotation"
    assert f'aria-label="{marks.inner_open}{pad}Copy{pad}{marks.inner_close} it"' in out
    for kept in ('href="/x/?q=\'a\'"', '<code>echo "it\'s"</code>', "<kbd>'q'</kbd>", 'value="\'x\'"',
                 '{"name": "it\'s"}', 'https://www.godigital.lu/"x"/it\'s</p>'):
        assert kept in out, kept
    assert typeset_html(out, lang=lang) == out


def test_a_passage_marked_as_another_language_gets_that_language_s_marks():
    html = page('<p>Le bouton "Outlook" et <span lang="de">das "Kalender-Abo"</span>, <q lang="en">"it\'s"</q></p>',
                "fr")
    out = typeset_html(html)
    assert f"Le bouton «{NBSP}Outlook{NBSP}» et " in out
    assert '<span lang="de">das „Kalender-Abo“</span>' in out
    assert f'<q lang="en">“it{A}s”</q>' in out
