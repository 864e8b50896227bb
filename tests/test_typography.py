"""French no-break spaces: the rules on plain text, then on HTML as pages hold it."""

from __future__ import annotations

import pytest

from godigital.typography import NBSP, french_html, french_spacing

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
    # Already right: unchanged.
    (f"Atelier{S}: titre", f"Atelier{S}: titre"),
    (f"«{S}oui{S}»", f"«{S}oui{S}»"),
])
def test_french_spacing(typed, shown):
    assert french_spacing(typed) == shown


@pytest.mark.parametrize("text", [
    "de 09:00 à 12:30",  # times
    "le 20 mars 2018 300 entreprises",  # a year then a number: not one number
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
    out = french_html(html)
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
    assert french_html(html) == html
    changed = page("<p>Oui ?</p>\n<p>&laquo;&nbsp;ok&nbsp;&raquo; &amp; voilà</p>")
    assert french_html(changed) == changed.replace("Oui ?", f"Oui{S}?")


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
    assert french_html(html) == html


def test_german_pages_are_untouched_but_french_passages_in_them_are_not_lost():
    german = page("<p>Achtung: 35 000 Termine!</p>", lang="de")
    assert french_html(german) == german
    quoted = page('<p>Sie sagte: <q lang="fr">Quoi ?</q></p>', lang="de")
    assert french_html(quoted) == quoted.replace("Quoi ?", f"Quoi{S}?")


def test_a_passage_in_another_language_ends_where_its_element_ends():
    html = page('<div lang="de"><div>Achtung: ja</div></div><p>Ensuite : oui</p>')
    assert french_html(html) == html.replace("Ensuite : oui", f"Ensuite{S}: oui")


def test_a_fragment_is_read_in_the_language_it_is_given():
    assert french_html("<p>Atelier : titre</p>", lang="fr") == f"<p>Atelier{S}: titre</p>"
    assert french_html("<p>Atelier : titre</p>", lang="de") == "<p>Atelier : titre</p>"
    assert french_html("Atelier : titre", lang="fr") == f"Atelier{S}: titre"


def test_a_space_typed_inside_an_inline_element_before_the_sign():
    html = page("<p><strong>Atelier </strong>: titre</p>")
    assert french_html(html) == html.replace("Atelier </strong>", f"Atelier{S}</strong>")


def test_applying_it_twice_changes_nothing_more():
    html = page("<p>« Atelier »: 35 000 ? <a title='Suivant: x'>y</a></p>")
    once = french_html(html)
    assert french_html(once) == once
