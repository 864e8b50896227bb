"""The Content-Security-Policy the built site needs, and nothing more.

Material for MkDocs inlines a few small scripts; the policy allows exactly
those by their SHA-256 hashes, so no other inline script can ever run.
Run ``python -m godigital.csp site`` to print the policy for deploy/nginx/.

Every page also carries the policy in a ``<meta>`` element, for hosts that
send no headers (GitHub Pages). A browser ignores ``frame-ancestors`` there,
and logs an error for it, so the page's copy leaves it out.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

from markupsafe import escape

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
DATA_TYPES = ("application/json", "application/ld+json")
# Directives a <meta> policy cannot carry (CSP Level 3, section 3.3).
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)


def inline_script_hashes(site_dir: Path | str) -> list[str]:
    """CSP hash sources of every executable inline script in the site's pages."""
    hashes = set()
    for page in Path(site_dir).rglob("*.html"):
        for attributes, body in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            if any(kind in attributes for kind in DATA_TYPES):
                continue  # data blocks are never executed
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def content_security_policy(site_dir: Path | str) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(site_dir)])
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def meta_policy(policy: str) -> str:
    """The policy as a page's <meta> may state it: without the header-only directives."""
    directives = [directive.strip() for directive in policy.split(";")]
    return "; ".join(d for d in directives if d and d.split()[0] not in HEADER_ONLY)


def with_policy_meta(html: str, policy: str) -> str:
    """The page with the policy in a <meta> right after its charset, before any script.

    A page that already has one gets it replaced, so adding it twice changes nothing.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(meta_policy(policy))}">'
    if _META.search(html):
        return _META.sub(lambda _: meta, html, count=1)
    return _CHARSET.sub(lambda found: found.group(0) + meta, html, count=1)


def add_policy_meta(site_dir: Path | str) -> str:
    """Put the site's policy into every page of ``site_dir``; the policy."""
    policy = content_security_policy(site_dir)
    for page in sorted(Path(site_dir).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        updated = with_policy_meta(html, policy)
        if updated != html:
            page.write_text(updated, encoding="utf-8")
    return policy


if __name__ == "__main__":
    print(content_security_policy(sys.argv[1] if len(sys.argv) > 1 else "site"))
