"""French no-break spaces (and every language's between a day and its month) and apostrophes: the rules
on plain text, then on HTML as pages hold it (every language's quotation marks and apostrophes:
tests/test_typography_marks.py)."""

from __future__ import annotations

import pytest

from godigital.typography import APOSTROPHE, NBSP, french_spacing, french_text, typeset_html, typeset_text

S = NBSP


@pytest.mark.parametrize("typed, shown", [
    # An ordinary space, or none, before : ; ? ! becomes a no-break space.
    ("Atelier : titre", f"Atelier{S}: titre"),
    ("Atelier: titre", f"Atelier{S}: titre"),
    ("Vraiment ? Oui ! Bien ; enfin", f"Vraiment{S}? Oui{S}! Bien{S}; enfin"),
    ("Vraiment? Oui!", f"Vraiment{S}? Oui{S}!"),
    ("Quoi ?!", f"Quoi{S}?!"),
    ("Précédent: Accueil", f"Précédent{S}: Accueil"),
    ("mot  \n ;", f"mot{S};"),
    # Narrow and thin spaces follow the one convention too.
    ("Quoi\u202f? Ah\u2009!", f"Quoi{S}? Ah{S}!"),
    # Quotation marks.
    ("« Bonjour »", f"«{S}Bonjour{S}»"),
    ("«Bonjour»", f"«{S}Bonjour{S}»"),
    ("«Bonjour», dit-il", f"«{S}Bonjour{S}», dit-il"),
    # Numbers: digit groups, percent and euro.
    ("35 000 PME", f"35{S}000 PME"),
    ("1 000 000 €", f"1{S}000{S}000{S}€"),
    ("50 %", f"50{S}%"),
    ("35\u202f000", f"35{S}000"),
    # A day and its month, on one line; the year may go to the next.
    ("lancé le 2 janvier 2018", f"lancé le 2{S}janvier 2018"),
    ("le 1er mars et le 20 Mars", f"le 1er{S}mars et le 20{S}Mars"),
    ("12 marsupiaux, 3,5 mai", "12 marsupiaux, 3,5 mai"),
    # Already right: unchanged.
    (f"Atelier{S}: titre", f"Atelier{S}: titre"),
    (f"«{S}oui{S}»", f"«{S}oui{S}»"),
])
def test_french_spacing(typed, shown):
    assert french_spacing(typed) == shown


@pytest.mark.parametrize("text", [
    "de 09:00 à 12:30",  # times
    "en mars 2018 300 entreprises",  # a year then a number: not one number
    "en 2017, 28 entreprises",
    "https://www.luxinnovation.lu/?page=1",  # addresses
    "www.godigital.lu?x=1",
    "C:\\Documents",
    "a:b",
    "3,5 000",
    ": en tête",  # nothing before the sign
    "",
])
def test_what_is_not_prose_punctuation_is_left_alone(text):
    assert french_spacing(text) == text


def test_an_address_keeps_its_characters_but_the_sentence_gets_its_space():
    assert french_spacing("Écrivez à info@godigital.lu: merci") == f"Écrivez à info@godigital.lu{S}: merci"
    assert french_spacing("Voir https://x.lu/a?b: merci") == f"Voir https://x.lu/a?b{S}: merci"


def page(body: str, lang: str = "fr", head: str = "") -> str:
    return f'<!doctype html>\n<html lang="{lang}">\n<head>{head}</head>\n<body>\n{body}\n</body>\n</html>\n'


def test_text_titles_and_attributes_of_a_french_page():
    html = page(
        '<h1 id="a">Atelier : titre</h1>\n<p>Les <em>PME</em>: 35 000 !</p>\n'
        '<a href="/x/?a=b" aria-label="Précédent: Accueil" title="Suivant: « Fin »">x</a>\n'
        '<img src="a.png" alt="Logo : Go Digital">',
        head='<title>Agenda : tout – Go Digital</title>'
             '<meta name="description" content="Quoi ? Tout.">'
             '<meta property="og:title" content="Atelier: titre">'
             '<meta property="og:url" content="https://www.godigital.lu/a:b">')
    out = typeset_html(html)
    assert f"<title>Agenda{S}: tout – Go Digital</title>" in out
    assert f'<meta name="description" content="Quoi{S}? Tout.">' in out
    assert f'<meta property="og:title" content="Atelier{S}: titre">' in out
    assert '<meta property="og:url" content="https://www.godigital.lu/a:b">' in out
    assert f'<h1 id="a">Atelier{S}: titre</h1>' in out
    # Text on both sides of an inline element is one sentence.
    assert f"<p>Les <em>PME</em>{S}: 35{S}000{S}!</p>" in out
    assert f'aria-label="Précédent{S}: Accueil"' in out
    assert f'title="Suivant{S}: «{S}Fin{S}»"' in out
    assert f'alt="Logo{S}: Go Digital"' in out
    assert 'href="/x/?a=b"' in out


def test_everything_else_keeps_its_exact_bytes():
    html = page('<p class=x data-a=\'1\'>Rien à changer.</p><br/><!-- Note : ici -->&amp;&#39;')
    assert typeset_html(html) == html
    changed = page("<p>Oui ?</p>\n<p>&laquo;&nbsp;ok&nbsp;&raquo; &amp; voilà</p>")
    assert typeset_html(changed) == changed.replace("Oui ?", f"Oui{S}?")


@pytest.mark.parametrize("body", [
    "<pre><code>x = a ? b : c;  // 35 000</code></pre>",
    "<p>Tapez <code>a ; b</code> puis <kbd>Ctrl !</kbd></p>",
    '<script>var a = b ? c : d;</script>',
    '<style>a:hover { color: red !important; }</style>',
    "<p>De 09:00 à 12:00, voir https://www.godigital.lu/agenda/</p>",
    '<p lang="de">Achtung: Termin!</p>',
    '<div lang="en"><p>Note: <em>yes</em>!</p></div>',
])
def test_code_scripts_times_addresses_and_other_languages_are_untouched(body):
    html = page(body)
    assert typeset_html(html) == html


def test_german_pages_are_untouched_but_french_passages_in_them_are_not_lost():
    german = page("<p>Achtung: 35 000 Termine!</p>", lang="de")
    assert typeset_html(german) == german
    quoted = page('<p>Sie sagte: <q lang="fr">Quoi ?</q></p>', lang="de")
    assert typeset_html(quoted) == quoted.replace("Quoi ?", f"Quoi{S}?")


@pytest.mark.parametrize("lang, typed, shown", [
    # Every language keeps a day and its month on one line, as its dates write them.
    ("fr", "lancé le 2\njanvier 2018", f"lancé le 2{S}janvier 2018"),
    ("de", "gestartet am 2. Januar 2018", f"gestartet am 2.{S}Januar 2018"),
    ("de", "Dienstag, 20. März 2018", f"Dienstag, 20.{S}März 2018"),
    ("en", "launched on 2 January 2018", f"launched on 2{S}January 2018"),
    ("en", "Tuesday 20 March 2018, 1 May", f"Tuesday 20{S}March 2018, 1{S}May"),
    # A number before a word that is no month, or a year before a month, stays as typed.
    ("en", "2 may attend, 28 SMEs", "2 may attend, 28 SMEs"),
    ("de", "im Jahr 2017. März, 28 KMU", "im Jahr 2017. März, 28 KMU"),
])
def test_a_day_and_its_month_stay_together_in_every_language(lang, typed, shown):
    assert typeset_text(typed, lang) == shown
    assert typeset_html(page(f"<p>{typed}</p>", lang=lang)) == page(f"<p>{shown}</p>", lang=lang)


def test_a_passage_in_another_language_ends_where_its_element_ends():
    html = page('<div lang="de"><div>Achtung: ja</div></div><p>Ensuite : oui</p>')
    assert typeset_html(html) == html.replace("Ensuite : oui", f"Ensuite{S}: oui")


def test_a_fragment_is_read_in_the_language_it_is_given():
    assert typeset_html("<p>Atelier : titre</p>", lang="fr") == f"<p>Atelier{S}: titre</p>"
    assert typeset_html("<p>Atelier : titre</p>", lang="de") == "<p>Atelier : titre</p>"
    assert typeset_html("Atelier : titre", lang="fr") == f"Atelier{S}: titre"


def test_a_space_typed_inside_an_inline_element_before_the_sign():
    html = page("<p><strong>Atelier </strong>: titre</p>")
    assert typeset_html(html) == html.replace("Atelier </strong>", f"Atelier{S}</strong>")


def test_applying_it_twice_changes_nothing_more():
    html = page("<p>« Atelier »: 35 000 ? <a title='Suivant: x'>y</a></p>")
    once = typeset_html(html)
    assert typeset_html(once) == once


# -----------------------------------------------------------------------------
# The typographic apostrophe
# -----------------------------------------------------------------------------

A = APOSTROPHE


@pytest.mark.parametrize("typed, shown", [
    ("l'agenda", f"l{A}agenda"),
    ("aujourd'hui, qu'il s'inscrive", f"aujourd{A}hui, qu{A}il s{A}inscrive"),
    ("L'Économie d'1 an", f"L{A}Économie d{A}1 an"),
    # With the spaces: both at once.
    ("Vous l'aviez ajouté ?", f"Vous l{A}aviez ajouté{S}?"),
    # Already right: unchanged.
    (f"l{A}agenda", f"l{A}agenda"),
    # Before a number, after a space: an apostrophe, not a quotation mark.
    ("les années '80", f"les années {A}80"),
])
def test_french_text_sets_the_apostrophe_inside_words(typed, shown):
    assert french_text(typed) == shown
    assert french_spacing(typed) == typed.replace(" ?", f"{S}?"), "spacing alone leaves apostrophes"


def test_a_straight_quotation_in_french_gets_guillemets_and_their_spaces():
    assert french_text("'mot' entre apostrophes") == f"«{S}mot{S}» entre apostrophes"
    assert french_text('Le bouton "Outlook" : ok') == f"Le bouton «{S}Outlook{S}»{S}: ok"


@pytest.mark.parametrize("text", [
    "https://www.example.lu/l'agenda",  # addresses
    "voir www.example.lu/d'abord",
    "12'30",  # no letter before it
])
def test_an_apostrophe_that_is_not_inside_a_word_is_left_as_typed(text):
    assert french_text(text) == french_spacing(text)


def test_a_french_page_gets_apostrophes_in_its_text_titles_and_attributes_only():
    html = page(
        "<h1>L'équipe</h1>\n<p>Voir l&#39;agenda, <em>l'</em>atelier et l&apos;accueil.</p>\n"
        '<a href="/agenda/?q=l\'a" title="Retour à l\'accueil" data-x="l\'a">l\'accueil</a>\n'
        '<input value="l\'adresse" aria-label="Adresse de l\'agenda">\n'
        "<pre><code>print('l'agenda')</code></pre><p>Tapez <code>l'agenda</code>.</p>\n"
        '<script>var a = "l\'agenda";</script>\n'
        '<script type="application/ld+json">{"name": "l\'agenda"}</script>\n'
        '<p lang="de">Geht\'s?</p><p>https://www.example.lu/l\'agenda</p>',
        head="<title>L&#39;équipe – Go Digital</title>"
             '<meta name="description" content="L\'agenda de la campagne.">'
             '<meta property="og:url" content="https://www.example.lu/l\'agenda">')
    out = typeset_html(html)
    assert f"<title>L{A}équipe – Go Digital</title>" in out
    assert f'<meta name="description" content="L{A}agenda de la campagne.">' in out
    assert f"<h1>L{A}équipe</h1>" in out
    # An apostrophe the template escaped (&#39;) is replaced whole; one across an inline element too.
    assert f"<p>Voir l{A}agenda, <em>l{A}</em>atelier et l{A}accueil.</p>" in out
    assert f'title="Retour à l{A}accueil"' in out and f">l{A}accueil</a>" in out
    assert f'aria-label="Adresse de l{A}agenda"' in out
    # Addresses, attributes that are not words, code, scripts, data and other languages: as typed.
    for kept in ('href="/agenda/?q=l\'a"', 'data-x="l\'a"', 'value="l\'adresse"', "print('l'agenda')",
                 "<code>l'agenda</code>", 'var a = "l\'agenda";', '{"name": "l\'agenda"}',
                 "https://www.example.lu/l'agenda</p>", 'content="https://www.example.lu/l\'agenda"'):
        assert kept in out, kept
    # A passage in German: German's apostrophe, no French space before its question mark.
    assert f'<p lang="de">Geht{A}s?</p>' in out


def test_german_pages_get_the_apostrophe_but_no_french_spaces():
    html = page("<p>Wie geht's? L'Oréal</p>", lang="de")
    assert typeset_html(html) == html.replace("'", A)


def test_apostrophes_applied_twice_change_nothing_more():
    html = page("<p>L'agenda d&#39;abord : <a title=\"l'a\">l'accueil</a></p>")
    once = typeset_html(html)
    assert A in once and typeset_html(once) == once
