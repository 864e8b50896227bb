"""The page check decides as a browser does: what it refuses would run, what it accepts does not.

Each trick that fooled a check made with html.parser is refused; tricky but
inert HTML that the check accepts is loaded in Chromium from a server that
sends no header (as GitHub Pages serves the site), with no policy in the page
either, and no script runs. A control page with one refused trick shows that
the same page would have run it.
"""

from __future__ import annotations

import pytest

from godigital.page_markup import unsafe_markup
from tests.servers import headerless
from tests.test_page_markup import TRICKS

pytestmark = pytest.mark.browser

RUN = "top.__ran=(top.__ran||[]).concat([document.currentScript&&document.currentScript.dataset.n])"
# Accepted by the check, each holding script text that a reader's browser must not run.
INERT = [
    '<p title="</p><script>RUN</script>">a</p>',
    "<p title='\"><script>RUN</script>'>b</p>",
    '<p title="&lt;/p&gt;&lt;script&gt;RUN&lt;/script&gt;">c</p>',
    "<!-- <script>RUN</script> -->",
    "<!-- hooks/agenda.py: next --><!-- a -- b <script>RUN</script> -->",
    '<abbr title="--><script>RUN</script>">d</abbr>',
    "<pre><code>&lt;script&gt;RUN&lt;/script&gt;</code></pre>",
    '<p>&lt;noscript&gt;&lt;p title="&lt;/noscript&gt;&lt;script&gt;RUN&lt;/script&gt;"&gt;</p>',
    '<p>&lt;!--&gt;&lt;script&gt;RUN&lt;/script&gt;--&gt;</p>',
    '<a href="https://example.invalid/?q=&lt;/a&gt;&lt;script&gt;RUN&lt;/script&gt;">e</a>',
    '<img alt="&quot;&gt;&lt;script&gt;RUN&lt;/script&gt;" src="a.png">',
    '<div class="admonition note"><p class="admonition-title">&lt;/div&gt;&lt;script&gt;RUN&lt;/script&gt;</p></div>',
    '<details class="tip"><summary title="</summary><script>RUN</script>">f</summary><p>g</p></details>',
]
PAGE = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<article class="md-content__inner md-typeset">{}</article>'
        '<script>window.__done = true</script></body></html>')


def test_the_check_refuses_what_chromium_runs_and_accepts_only_what_it_does_not(tmp_path, browser):
    for trick in TRICKS:
        assert unsafe_markup(trick), trick
    inert = [fragment.replace("RUN", RUN) for fragment in INERT]
    for fragment in inert:
        assert unsafe_markup(fragment) == [], fragment
    (tmp_path / "inert.html").write_text(PAGE.format("".join(inert)), encoding="utf-8")
    # The control: the first comment trick, which html.parser read as one comment.
    control = TRICKS[-3].replace("alert(1)", RUN)
    (tmp_path / "control.html").write_text(PAGE.format(control), encoding="utf-8")

    context = browser.new_context()
    with headerless(tmp_path, tmp_path / "server.log") as url:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(f"{url}/inert.html", wait_until="load")
        assert response.headers.get("content-security-policy") is None
        assert page.evaluate("window.__done") is True, "the page's own script ran: scripts are on"
        assert page.evaluate("window.__ran") is None, "a script hidden in an accepted fragment ran"
        assert errors == []
        page.goto(f"{url}/control.html", wait_until="load")
        assert page.evaluate("window.__ran") is not None, "the refused trick runs in Chromium"
    context.close()
