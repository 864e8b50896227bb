"""Every published page carries the site's Content-Security-Policy itself.

nginx sends the policy as a header; GitHub Pages sends no headers, so each
page states it in a <meta> before any script, without the directives a
browser only takes from a header.
"""

from __future__ import annotations

import html
import re

import pytest

from godigital.csp import HEADER_ONLY, content_security_policy, meta_policy, with_policy_meta

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


def test_every_built_page_states_the_policy_of_the_site_before_any_script(site):
    expected = meta_policy(content_security_policy(site))
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
