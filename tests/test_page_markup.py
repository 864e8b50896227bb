"""A page an editor writes may hold text, links and images, never code that runs in readers' browsers.

The check decides on the tree an HTML5 parser builds, against an allowlist;
these tests give it the tricks that fooled a check made with html.parser, and
mix hostile fragments into pages to show that whatever it lets through is
only allowed elements and attributes once a browser has parsed it.
"""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from godigital.page_markup import ATTRIBUTES, ELEMENTS, GLOBAL_ATTRIBUTES, finding_line, source_line, unsafe_markup
from tests.conftest import build_site, fixture_project

# The extensions of mkdocs.yml, as MkDocs gives them to Python-Markdown.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "toc", "pymdownx.details", "pymdownx.superfences"]

# Each ran a script in Chromium past the html.parser check (issue 17).
RAW_TEXT_TRICKS = [f'<{tag}><p title="</{tag}><script>alert(1)</script>"></{tag}>'
                   for tag in ("noscript", "title", "textarea", "xmp", "noembed", "noframes")]
COMMENT_TRICKS = ["<!--><script>alert(1)</script>-->", "<!---><script>alert(1)</script>",
                  "<![CDATA[><script>alert(1)</script>"]
TRICKS = RAW_TEXT_TRICKS + COMMENT_TRICKS


def keys(html: str) -> list[str]:
    return [finding.key for finding in unsafe_markup(html)]


@pytest.mark.parametrize("html", TRICKS)
def test_the_tricks_that_fooled_html_parser_are_refused(html):
    assert "page_code_element" in keys(html)


@pytest.mark.parametrize(("html", "key"), [
    ("<p>a</p><script>alert(1)</script>", "page_code_element"),
    ('<img src="x.png" onerror="alert(1)">', "page_code_handler"),
    ('<p onclick="x()">a</p>', "page_code_handler"),
    ("<body onload=alert(1)>", "page_code_handler"),
    ('<html lang="fr" onmouseover="x()">', "page_code_handler"),
    ('<a href="javascript:alert(1)">a</a>', "page_code_scheme"),
    ('<a href="  JaVa\tScRiPt:alert(1)">a</a>', "page_code_scheme"),
    ('<a href="jav&#x09;ascript:alert(1)">a</a>', "page_code_scheme"),
    ('<a href="&#106;avascript:alert(1)">a</a>', "page_code_scheme"),
    ('<a href="java\nscript:alert(1)">a</a>', "page_code_scheme"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">a</a>', "page_code_scheme"),
    ('<a href="//evil.example">a</a>', "page_html_address"),
    ('<a href="\\\\evil.example">a</a>', "page_html_address"),
    ('<a href="/\\evil.example">a</a>', "page_html_address"),
    ('<a href="http://www.cc.lu">a</a>', "page_html_address"),
    ('<img src="https://tracker.example/pixel.png">', "page_html_address"),
    ('<img src="//tracker.example/pixel.png">', "page_html_address"),
    ('<iframe src="https://evil.example/"></iframe>', "page_code_element"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "page_code_element"),
    ('<link rel="preconnect" href="https://evil.example">', "page_code_element"),
    ('<base href="https://evil.example/">', "page_code_element"),
    ("<style>body{display:none}</style>", "page_code_element"),
    ("<p>a<svg><circle r=1 /></svg></p>", "page_code_element"),
    ("<math><mi>x</mi></math>", "page_code_element"),
    ("<template><script>alert(1)</script></template>", "page_code_element"),
    ('<form action="https://evil.example"><input name=q></form>', "page_code_element"),
    ("<input name=q>", "page_html_element"),
    ("<marquee>x</marquee>", "page_html_element"),
    ('<p style="position:fixed">a</p>', "page_html_attribute"),
    ('<div data-md-component="dialog">a</div>', "page_html_attribute"),
    ('<img src="a.png" srcset="https://evil.example/a.png 2x">', "page_html_attribute"),
    ('<p id="__config">{}</p>', "page_html_attribute"),
    ('<p class="a&quot;b">x</p>', "page_html_attribute"),
    ('<a href="contact/" target="_blank">a</a>', "page_html_attribute"),
    ('<p title="x', "page_html_unclosed"),
    ("<p>x</p><!-- never closed", "page_html_unclosed"),
    ("<p>x</p><a href=", "page_html_unclosed"),
])
def test_what_is_outside_the_allowlist_is_found(html, key):
    assert key in keys(html)


def test_what_the_extensions_produce_is_allowed():
    source = "\n".join([
        "# Titre { #titre .grand lang=fr }", "",
        '!!! note "Attention"', "    Texte *a* **b** `c`", "",
        '??? tip "Plus"', "    Caché", "", "???+ warning", "    Ouvert", "",
        "```python", "def f(x):", "    return x", "```", "",
        '~~~ { .python title="a.py" linenums="1" hl_lines="1" }', "x = 1", "~~~", "",
        "*[PME]: petites et moyennes entreprises", "", "Les PME. > citation", "", "> citation", "",
        "1. a", "2. b", "", "- c", "", "---", "",
        '![Photo](../assets/a.png){ width="300" loading=lazy }', "",
        "[Voir l'agenda](agenda/){ .md-button .md-button--primary }", "",
        "[Contact](mailto:info@example.lu) [Tél.](tel:+352123) [CdM](https://www.cdm.lu) [Haut](#titre)", "",
        "Ligne  ", "suivante", "", "<!-- hooks/agenda.py: next -->", "",
        '<div class="grid cards" markdown>', "", "-   __Fit4 Digital__", "", "    ---", "", "    Texte", "", "</div>", "",
        "## !!!", "", "## !!!",
    ])
    html = markdown.markdown(source, extensions=EXTENSIONS)
    assert "admonition" in html and "<details" in html and "<abbr" in html and "highlight" in html
    assert unsafe_markup(html) == []


def test_hand_written_html_of_the_allowlist_is_fine():
    html = ('<h2 id="x">Titre</h2><p>Si 1 &lt; 2 <a href="contact/">contact</a> '
            '<a href="https://www.cdm.lu">CdM</a> <img alt="" src="../assets/a.svg"></p><!-- hooks/agenda.py -->'
            '<table><tr><th scope="col">a</th></tr><tr><td colspan="2">b</td></tr></table>'
            '<dl><dt>a</dt><dd>b</dd></dl><figure><img src="/assets/a.png" alt="a"><figcaption>a</figcaption></figure>'
            '<p><kbd>Ctrl</kbd> <mark>m</mark> <del>d</del> <ins>i</ins> H<sub>2</sub>O x<sup>2</sup></p>'
            '<p title="&lt;/p&gt;&lt;script&gt;" dir="ltr">x</p><!-- <script>alert(1)</script> -->'
            '<img alt src="a.png"><details open><summary>s</summary></details>')
    assert unsafe_markup(html) == []


def test_the_line_is_found_in_the_markdown_source():
    assert source_line("---\ntitle: x\n---\n\nTexte\n<SCRIPT>x</SCRIPT>\n", "<script") == 6
    assert source_line("nothing here", "<script") == 1
    assert source_line("a\nb\n{: onclick=x }\n", "onclick=", "onclick") == 3
    assert source_line("a\n<p>b</p>\n<p title='x\n", last=True) == 3
    [finding] = unsafe_markup('<a href="//evil.example">x</a>')
    assert finding_line("Texte\n\n[x](//evil.example)\n", finding) == 3


def test_no_value_of_the_check_itself_reaches_a_message():
    [finding] = unsafe_markup('<p title="x')
    assert finding.key == "page_html_unclosed" and finding.values == {}


# -----------------------------------------------------------------------------
# Hostile fragments mixed into pages
# -----------------------------------------------------------------------------

HOSTILE = [
    *TRICKS, "<script>", "</script>", "<!--", "-->", "--!>", "<!-", "<![CDATA[", "]]>", '<p title="', "'", '"', ">",
    "</noscript>", "<noscript>", "</textarea>", "<textarea>", "<title>", "</title>", "<svg>", "</svg>", "<math>",
    "<style>", "</style>", "<template>", "<body onload=alert(1)>", "<html onclick=x>", "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">', '<a href="jav&#x09;ascript:x">x</a>', "<a href=//evil.example>x</a>",
    "{: onclick=alert(1) }", '{: style="color:red" }', "{: data-md-component=dialog }", "{ #__config }",
    "<div markdown>", "</div>", "<div markdown=1>", "`<script>`", "```\n<script>x</script>\n```", "&lt;script&gt;",
    "*[HTML]: <script>x</script>", '!!! note "<script>x</script>"', "[x](javascript:alert(1))", "![x](https://e.x/a.png)",
    "<p>", "</p>", "<table>", "<tr><td>", "<select>", "<option>", "<plaintext>", "<xmp>", "<iframe srcdoc=x>",
]
ORDINARY = ["Texte", "# Titre", "- liste", "1. un", "> citation", "**gras**", "[lien](contact.md)", "", "    code"]
SEPARATORS = ["", " ", "\n", "\n\n"]

# Roughly the theme's page around the content: what a browser parses.
BEFORE = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"></head><body dir="ltr">'
          '<div class="md-container"><main class="md-main"><article class="md-content__inner md-typeset">')
AFTER = ('</article></main><footer class="md-footer"><a href="../" class="md-footer__link">x</a></footer></div>'
         '<script id="__config" type="application/json">{"base": ".."}</script>'
         '<script src="../assets/javascripts/bundle.js"></script></body></html>')


def _descendants(node):
    for child in node.iter(include_text=True):
        yield child
        yield from _descendants(child)


def _page(parts: list[str], separators: list[str]) -> str:
    return "".join(part + separator for part, separator in zip(parts, separators, strict=False))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(HOSTILE + ORDINARY), min_size=1, max_size=8),
       st.lists(st.sampled_from(SEPARATORS), min_size=8, max_size=8))
def test_a_page_the_check_accepts_holds_only_allowed_elements_in_a_browser(parts, separators):
    html = markdown.markdown(_page(parts, separators), extensions=EXTENSIONS)
    if unsafe_markup(html):
        return  # refused: the build stops
    document = LexborHTMLParser(BEFORE + html + AFTER, scripting=True)
    article = document.css_first("article.md-content__inner")
    assert document.css_first("html").attributes == {"lang": "fr"}
    assert document.body.attributes == {"dir": "ltr"}
    for node in _descendants(article):
        if node.tag in ("-text", "-comment"):
            continue
        assert node.tag in ELEMENTS, (html, node.tag)
        allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(node.tag, frozenset())
        assert set(node.attributes) <= allowed, (html, node.tag, node.attributes)
        if "href" in node.attributes:
            href = "".join(node.attributes["href"].split()).lower()
            assert not href.startswith(("javascript:", "data:", "vbscript:", "//")), html
    # The theme's own HTML after the page is read as the theme wrote it: nothing left open swallowed it.
    scripts = document.css("script")
    assert [s.attributes for s in scripts] == [{"id": "__config", "type": "application/json"},
                                              {"src": "../assets/javascripts/bundle.js"}], html
    assert document.css_first("footer.md-footer a.md-footer__link") is not None, html


# -----------------------------------------------------------------------------
# In a build
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("markdown_text", "expected"), [
    (RAW_TEXT_TRICKS[0], "runs code or loads another page (<noscript…)"),
    (RAW_TEXT_TRICKS[2], "may not hold (<textarea>)"),
    (COMMENT_TRICKS[0], "runs code or loads another page (<script…)"),
    (COMMENT_TRICKS[2], "runs code or loads another page (<script…)"),
    ("[Cliquez](https://www.cc.lu){: onclick=\"alert(1)\" }", "an HTML attribute that runs code (onclick=…)"),
    ('Texte *rouge*{: style="color:red" }', 'not allowed (style="color:red" on <em>)'),
    ('Un *dialogue*{: data-md-component="dialog" }', 'not allowed (data-md-component="dialog" on <em>)'),
    ('<a href="jav&#x09;ascript:alert(\'piege\')">x</a>', "a link starting with 'javascript:'"),
    ('<a href="//evil.example">x</a>', "address that is not allowed (//evil.example on <a>)"),
    ("![Photo](https://tracker.example/p.png)", "address that is not allowed (https://tracker.example/p.png on <img>)"),
    ("<svg><script>alert(1)</script></svg>", "runs code or loads another page (<svg…)"),
    ('<link rel="preconnect" href="https://evil.example">', "runs code or loads another page (<link…)"),
])
def test_code_in_a_page_stops_the_build_with_file_and_line(tmp_path, markdown_text, expected):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/fr/ateliers.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{markdown_text}\n\nSuite du texte.\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index(markdown_text) + 1
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/fr/ateliers.md, line {line}: " in result.stderr and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
