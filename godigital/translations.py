"""Translation parity: every page exists in every language of the site.

The site has one page tree in each language: ``docs/fr/x.md`` and
``docs/de/x.md`` are the same page. A page written in one language only would
silently vanish from the other, so the build refuses it instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import urljoin

from godigital.messages import language_name, message


def missing_translations(page_paths: Iterable[str], languages: Iterable[str]) -> list[str]:
    """Return the paths (relative to docs/) that some other language has but not this one.

    ``page_paths`` are Markdown sources relative to the docs folder, such as
    ``fr/agenda.md``. Pages outside a language folder are shared and ignored.
    """
    languages = tuple(languages)
    pages: dict[str, set[PurePosixPath]] = {lang: set() for lang in languages}
    for path in page_paths:
        parts = PurePosixPath(path).parts
        if len(parts) > 1 and parts[0] in pages:
            pages[parts[0]].add(PurePosixPath(*parts[1:]))
    every_page = set().union(*pages.values())
    return sorted(
        f"{lang}/{page}" for lang in languages for page in every_page - pages[lang]
    )


def parity_message(missing: list[str], docs_dir: str = "docs") -> str:
    """Explain to an editor which translations are missing and what to do."""
    lines = [message("pages_missing_translation_header", count=len(missing))]
    for path in missing:
        lang = path.split("/", 1)[0]
        lines.append(f"  - {message('page_missing', path=f'{docs_dir}/{path}', language=language_name(lang))}")
    return "\n".join(lines)


def page_alternates(
    site_url: str, links: Iterable[tuple[str, str]], default_language: str
) -> list[dict[str, str]]:
    """Absolute hreflang alternates for one page, plus x-default.

    ``links`` pairs a language with that page's URL in it, relative to the
    site root or absolute, as the language switcher holds them.
    """
    base = site_url.rstrip("/") + "/"
    alternates = [
        {"lang": lang, "href": urljoin(base, link.lstrip("/"))}
        for lang, link in links
    ]
    default = next((a["href"] for a in alternates if a["lang"] == default_language), None)
    if default:
        alternates.append({"lang": "x-default", "href": default})
    return alternates


def not_found_page(path: str, languages: Iterable[str]) -> str:
    """The 404 page for a missing address: ``de/404.html`` under ``/de/``, else the first language's ``404.html``.

    The web server (deploy/nginx/godigital.conf) and the preview choose it the same way.
    """
    languages = tuple(languages)
    for lang in languages[1:]:
        if path == f"/{lang}" or path.startswith(f"/{lang}/"):
            return f"{lang}/404.html"
    return "404.html"
