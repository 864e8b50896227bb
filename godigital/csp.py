"""The Content-Security-Policy the built site needs, and nothing more.

Material for MkDocs inlines a few small scripts; the policy allows exactly
those by their SHA-256 hashes, so no other inline script can ever run.
Run ``python -m godigital.csp site`` to print the policy for deploy/nginx/.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)
DATA_TYPES = ("application/json", "application/ld+json")


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


if __name__ == "__main__":
    print(content_security_policy(sys.argv[1] if len(sys.argv) > 1 else "site"))
