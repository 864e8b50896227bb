"""Every published page carries the site's Content-Security-Policy itself.

nginx sends the policy as a header; GitHub Pages sends no headers, so each
page states it in a <meta> before any script, without the directives a
browser only takes from a header. The policy comes from the templates: a
built page holding anything else that runs stops the build.
"""

from __future__ import annotations

import html
import re

import pytest

from godigital.csp import (
    HEADER_ONLY,
    Allowed,
    meta_policy,
    page_problems,
    project_policy,
    script_hash,
    with_policy_meta,
)
from tests.conftest import build_site, fixture_project

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
POLICY = "default-src 'none'; script-src 'self' 'sha256-abc='; base-uri 'self'; frame-ancestors 'none'"
PAGE = '<!doctype html><html><head><meta charset="utf-8"><script>x()</script></head><body></body></html>'


def page_policy(page: str) -> str:
    """The policy a page states, as the browser reads the attribute."""
    found = META.findall(page)
    assert len(found) == 1, f"{len(found)} policy <meta> elements"
    return html.unescape(found[0])


def test_the_pages_policy_leaves_out_what_only_a_header_can_carry():
    stated = meta_policy(POLICY + "; report-uri /csp; sandbox")
    assert stated == "default-src 'none'; script-src 'self' 'sha256-abc='; base-uri 'self'"
    assert not any(directive in stated for directive in HEADER_ONLY)


def test_the_policy_comes_right_after_the_charset_before_any_script():
    page = with_policy_meta(PAGE, POLICY)
    assert page.index('<meta charset="utf-8">') < page.index("Content-Security-Policy") < page.index("<script")
    assert page_policy(page) == meta_policy(POLICY)


def test_adding_the_policy_again_replaces_it():
    once = with_policy_meta(PAGE, POLICY)
    assert with_policy_meta(once, POLICY) == once
    newer = with_policy_meta(once, POLICY.replace("abc=", "def="))
    assert page_policy(newer) == meta_policy(POLICY.replace("abc=", "def="))


def test_a_policy_meta_elsewhere_in_the_page_is_taken_out_and_the_policy_put_in_the_head():
    # A <meta> policy in the body is ignored by browsers: replacing one there would leave none in force.
    page = PAGE.replace("<body>", '<body><p><meta http-equiv="Content-Security-Policy" content="x"></p>')
    stated = with_policy_meta(page, POLICY)
    assert page_policy(stated) == meta_policy(POLICY)
    assert stated.index("Content-Security-Policy") < stated.index("</head>")


def test_every_built_page_states_the_policy_of_the_templates_before_any_script(fixture, site):
    expected = meta_policy(project_policy(str(fixture.project / "mkdocs.yml")))
    pages = sorted(site.rglob("*.html"))
    assert any(path.name == "404.html" for path in pages) and len(pages) > 10
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert page_policy(page) == expected, path
        first_script = page.find("<script")
        assert first_script == -1 or page.index("Content-Security-Policy") < first_script, path


@pytest.mark.parametrize("directive", ["frame-ancestors", "report-uri"])
def test_no_built_page_states_a_header_only_directive(site, directive):
    assert not [path for path in site.rglob("*.html") if directive in path.read_text(encoding="utf-8")]


# -----------------------------------------------------------------------------
# Only what the templates ship runs
# -----------------------------------------------------------------------------

BUNDLE = "assets/javascripts/bundle.js"
ALLOWED = Allowed(inline=frozenset({script_hash("shipped()")}), files={BUNDLE: frozenset()})
CONFIG = '<script id="__config" type="application/json">{}</script>'


def built(head: str = "", body: str = "") -> str:
    return (f'<!doctype html><html><head><meta charset="utf-8"><script>shipped()</script>{head}</head>'
            f'<body>{body}{CONFIG}<script src="../{BUNDLE}"></script></body></html>')


def test_a_page_with_only_the_templates_scripts_passes():
    assert page_problems(built(), "agenda/index.html", ALLOWED) == []
    ld = '<script type="application/ld+json">{"@type": "Event"}</script>'
    assert page_problems(built(body=ld), "agenda/index.html", ALLOWED, structured_data=True) == []


@pytest.mark.parametrize("markup", [
    "<script>alert(1)</script>",
    "<script>shipped() </script>",
    '<script type="module">alert(1)</script>',
    '<script type="text/plain">alert(1)</script>',
    "<svg><script>alert(1)</script></svg>",
    '<script src="https://evil.example/assets/javascripts/bundle.js"></script>',
    '<script src="//evil.example/assets/javascripts/bundle.js"></script>',
    '<script src="../assets/javascripts/other.js"></script>',
    '<script src="../assets/javascripts/bundle.js?x"></script>',
    '<script src="data:text/javascript,alert(1)"></script>',
    '<script type="text/x-gd-later" data-gd-src="https://evil.example/assets/javascripts/bundle.js"></script>',
    '<script type="text/x-gd-later" data-gd-src="../assets/javascripts/other.js"></script>',
    '<script type="text/x-gd-later" data-gd-src="../assets/javascripts/bundle.js">alert(1)</script>',
    '<script type="text/x-gd-later"></script>',
    '<img src="x" onerror="alert(1)">',
    '<svg><animate onbegin="alert(1)"/></svg>',
    '<p ONCLICK="alert(1)">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
    '<iframe src="&#106;avascript:alert(1)"></iframe>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<script type="application/ld+json">{}</script>',
    '<script type="application/json">{}</script>',
    CONFIG,
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<iframe src="/x/"></iframe>',
    '<object data="/x.svg"></object>',
    '<embed src="/x.svg">',
    '<base href="/x/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<meta http-equiv="Content-Security-Policy" content="x">',
])
def test_anything_else_that_could_run_is_refused_naming_the_page(markup):
    problems = page_problems(built(body=markup), "agenda/index.html", ALLOWED)
    assert problems and all(problem.startswith("agenda/index.html: ") for problem in problems)


def test_a_script_hidden_in_what_a_regular_expression_would_read_as_an_attribute_is_found():
    sneaky = '<noscript><p title="</noscript><script>alert(1)</script>"></p></noscript>'
    assert page_problems(built(body=sneaky), "index.html", ALLOWED)


def test_a_script_file_must_be_the_themes_own_byte_for_byte(tmp_path):
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / BUNDLE).write_text("theme()", encoding="utf-8")
    import hashlib
    allowed = Allowed(ALLOWED.inline, {BUNDLE: frozenset({hashlib.sha256(b"theme()").hexdigest()})})
    later = f'<script type="text/x-gd-later" data-gd-src="../{BUNDLE}"></script>'
    assert page_problems(built(), "agenda/index.html", allowed, tmp_path) == []
    assert page_problems(built(body=later), "agenda/index.html", allowed, tmp_path) == []
    (tmp_path / BUNDLE).write_text("alert(1)", encoding="utf-8")  # a docs/ file of the same name
    assert page_problems(built(), "agenda/index.html", allowed, tmp_path)
    assert page_problems(built(body=later), "agenda/index.html", allowed, tmp_path)


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """A project whose template puts a script on every page; its build and its policy."""
    base = tmp_path_factory.mktemp("injected")
    project = fixture_project(base / "project")
    before = project_policy(str(project / "mkdocs.yml"))
    main = project / "overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8")
                    + "\n{% block extrahead %}<script>alert(1)</script>{% endblock %}\n", encoding="utf-8")
    result = build_site(project, base / "site", env={"SOURCE_DATE_EPOCH": "1749981600"})
    return result, before, project_policy(str(project / "mkdocs.yml"))


def test_a_script_a_template_adds_to_the_output_stops_the_build(injected):
    result, _, _ = injected
    assert result.returncode != 0
    assert "index.html: the built page holds a script that is not in the site's templates (“alert(1)”)" in result.stderr
    assert "de/index.html" in result.stderr and "Traceback" not in result.stderr


def test_a_script_in_the_output_does_not_change_the_policy(injected, site, fixture):
    _, before, after = injected
    assert before == after == project_policy(str(fixture.project / "mkdocs.yml"))
    assert script_hash("alert(1)") not in after


def test_the_policy_allows_the_inline_scripts_the_pages_hold_and_no_other(fixture, site):
    """A script partial no template includes with this configuration (Material's consent and
    dismissable announcement) has no hash in the policy: every hash is one a page uses."""
    from selectolax.lexbor import LexborHTMLParser

    from godigital.csp import is_data_block

    policy = project_policy(str(fixture.project / "mkdocs.yml"))
    allowed = set(re.findall(r"'sha256-[^']+'", policy))
    held = {script_hash(script.text(deep=True))
            for path in site.rglob("*.html")
            for script in LexborHTMLParser(path.read_text(encoding="utf-8"), scripting=True).css("script")
            if "src" not in script.attributes and not is_data_block(script)}
    assert allowed == held


def test_no_page_runs_the_themes_bundle_while_it_loads(site):
    """The bundle's element has a type no browser runs; the page's own script starts it
    on the reader's first interaction (tests/test_scripts_browser.py)."""
    for path in site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        if "http-equiv=\"refresh\"" in page:
            continue
        bundles = re.findall(r"<script[^>]*bundle\.[0-9a-f]+\.min\.js[^>]*>", page)
        assert len(bundles) == 1 and 'type="text/x-gd-later"' in bundles[0], path
