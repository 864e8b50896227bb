"""Images and downloads shared by every language: ``docs/assets/``, published once at ``/assets/``.

Every language's page links them the same way (``../assets/images/x.png``
from ``docs/de/page.md`` as from ``docs/fr/page.md``). mkdocs-static-i18n
publishes a file outside the language folders with the default language
only, so the other languages' builds put them back (``shared_files``) at the
same address; a link from any language then finds them. Images and
downloads inside a language folder are refused, with the link to write
instead, and a link that finds no page or no shared file gets the closest
one (``link_hint``).

mkdocs-static-i18n also finds ``assets/images/x.png`` from ``docs/de/x.md``
(it tries the path without its language folder), where a text editor's
preview finds nothing: ``EditorLinks`` reads each page's links as MkDocs
converts it and keeps those for ``misplaced_link`` to name.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import yaml
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from godigital.docs_files import IMAGE_TYPES, PAGE_NAME, PAGE_TYPES, plain_page_name
from godigital.messages import message
from godigital.pages import FRONT_MATTER

SHARED = "assets"  # the folder in docs/, and the address under the site
IMAGES = f"{SHARED}/images"
DOWNLOADS = f"{SHARED}/downloads"
# How close a name must be to be suggested (difflib's ratio).
CUTOFF = 0.6
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def is_shared(src_uri: str) -> bool:
    """Whether a file of docs/ (as ``assets/images/x.png``) is one of the shared files."""
    return PurePosixPath(src_uri).parts[:1] == (SHARED,)


def home_of(src_uri: str) -> str:
    """Where a file found in a language folder belongs in docs/: ``assets/images/x.png``, ``assets/downloads/y.pdf``."""
    name = PurePosixPath(src_uri).name
    kind = IMAGES if PurePosixPath(name).suffix.lower() in IMAGE_TYPES | {".svg"} else DOWNLOADS
    return f"{kind}/{name}"


def link_from(page_src_uri: str, target_src_uri: str) -> str:
    """The relative link a page writes to another file of docs/ (``../assets/images/x.png``)."""
    return posixpath.relpath(target_src_uri, posixpath.dirname(page_src_uri) or ".")


def placement_problems(docs_dir: Path | str, languages: Iterable[str], shown_as: str = "docs") -> list[str]:
    """Files of docs/ that are not where they belong: an image or download outside docs/assets/,
    a page inside it; each as ``docs/path: what to do``."""
    root = Path(docs_dir)
    codes = tuple(languages)
    problems = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        src_uri = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in PurePosixPath(src_uri).parts):
            continue
        page = path.suffix.lower() in PAGE_TYPES
        where = f"{shown_as}/{src_uri}"
        if is_shared(src_uri) and page:
            problems.append(f"{where}{message('separator')}{message('shared_page', folder=f'{shown_as}/{SHARED}/')}")
        elif not is_shared(src_uri) and not page:
            home = home_of(src_uri)
            top, sub = f"{codes[0]}/page.md", f"{codes[0]}/folder/page.md"
            problems.append(f"{where}{message('separator')}" + message(
                "shared_outside", target=f"{shown_as}/{home}", link=link_from(top, home),
                sub_link=link_from(sub, home)))
        elif page and not PAGE_NAME.fullmatch(name := _page_name(src_uri, codes)):
            problems.append(f"{where}{message('separator')}"
                            + message("docs_page_name", name=name, suggestion=plain_page_name(name)))
    return problems


def _page_name(src_uri: str, languages: Container[str]) -> str:
    """A page's name as every language has it: its path in its language folder (``a-propos/equipe.md``)."""
    lang, _, rest = src_uri.partition("/")
    return rest if rest and lang in languages else src_uri


def misplaced_link(page: str, url: str, src_uris: Container[str], languages: Container[str]) -> tuple[str, str] | None:
    """``(target, link to write)`` when ``url`` of the page ``page`` (``de/x.md``) names a shared
    file as if it were inside the page's language folder (``assets/images/x.png``), else None."""
    scheme, netloc, path, _, _ = urlsplit(url)
    if scheme or netloc or not path or path.startswith(("/", "\\")):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    if target in src_uris or target.startswith("../"):
        return None
    lang, _, rest = target.partition("/")
    if lang in languages and is_shared(rest) and rest in src_uris:
        return target, link_from(page, rest)
    return None


class EditorLinks(Extension):  # type: ignore[misc]  # Python-Markdown ships no types
    """The links and images of the page being converted, as its Markdown writes them."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:
        # Before MkDocs' own "relpath" (priority 0) turns them into the site's addresses.
        md.treeprocessors.register(_LinkReader(md, self.urls), "godigital_links", 1)


class _LinkReader(Treeprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, urls: list[str]) -> None:
        super().__init__(md)
        self.urls = urls

    def run(self, root: Element) -> None:
        for element in root.iter():
            url = element.get("href") if element.tag == "a" else element.get("src") if element.tag == "img" else None
            if url:
                self.urls.append(url)


def theme_clashes(docs_dir: Path | str, theme_dirs: Iterable[str], project: Path | str,
                  shown_as: str = "docs") -> list[str]:
    """Shared files at the address of one of the theme's files (``overrides/assets/favicon.svg``):
    MkDocs would silently publish the editor's file instead."""
    root = Path(docs_dir, SHARED)
    dirs = [Path(folder) for folder in theme_dirs]
    problems = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []:
        src_uri = path.relative_to(docs_dir).as_posix()
        for folder in dirs:
            theirs = folder / src_uri
            if theirs.is_file():
                problems.append(message("shared_theme_clash", file=f"{shown_as}/{src_uri}",
                                        other=_shown(theirs, Path(project)), address=f"/{src_uri}"))
                break
    return problems


def link_hint(docs_dir: Path | str, page: str, link: str, languages: Iterable[str] = (),
              menu_titles: Mapping[str, Iterable[str]] | None = None) -> str:
    """What to say about ``link`` of the page ``page`` (``de/x.md``) that finds nothing: the closest
    page of the same language, or the closest shared file, as the link to write.

    A page is compared by its file name, its title in each of ``languages`` and its menu titles
    (``menu_titles``, by page name: ``termine.md`` → Agenda, Termine): a link written from any
    language's page finds a page renamed in every language, whatever its name says in that one.
    """
    path = link.split("#", 1)[0].split("?", 1)[0]
    suffix = PurePosixPath(path).suffix.lower()
    root = Path(docs_dir)
    if suffix in PAGE_TYPES:
        lang = PurePosixPath(page).parts[0]
        codes = dict.fromkeys([lang, *languages])
        titles = menu_titles or {}
        names = (p.relative_to(root / lang).as_posix() for p in sorted((root / lang).rglob("*.md")))
        best = _closest(PurePosixPath(path).stem, {
            f"{lang}/{name}": (PurePosixPath(name).stem, *(_title(root / code / name) for code in codes),
                               *titles.get(name, ()))
            for name in names})
        if best:
            return message("link_same_names", suggestion=link_from(page, best))
        return message("link_same_names_none")
    if suffix:
        shared = root / SHARED
        files = sorted(p.relative_to(root).as_posix() for p in shared.rglob("*") if p.is_file()) \
            if shared.is_dir() else []
        best = _closest(PurePosixPath(path).stem, {src: (PurePosixPath(src).stem, None) for src in files})
        if best:
            return message("link_shared_file", folder=f"docs/{SHARED}/", suggestion=link_from(page, best))
        return message("link_shared_none", folder=f"docs/{SHARED}/",
                       example=link_from(page, home_of(path)))
    return message("link_same_names_none")


def _closest(wanted: str, candidates: dict[str, tuple[str | None, ...]]) -> str | None:
    """The candidate whose name or title is closest to ``wanted``, if close enough."""
    target = _plain(wanted)
    scored = []
    for src, names in candidates.items():
        score = max(difflib.SequenceMatcher(None, target, _plain(name)).ratio() for name in names if name)
        scored.append((score, src))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored[0][1] if scored and scored[0][0] >= CUTOFF else None


def _plain(text: str) -> str:
    """Lower case, without accents, words joined by hyphens: ``Protection des données`` →
    ``protection-des-donnees``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", letters))


def _title(path: Path) -> str | None:
    """A page's title: ``title:`` in its front matter, else its first level-one heading."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    head = FRONT_MATTER.match(text)
    if head:
        try:
            meta = yaml.safe_load(head.group(2))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            return str(meta["title"])
        text = text[head.end():]
    heading = _HEADING.search(text)
    return heading.group(1) if heading else None


def _shown(path: Path, project: Path) -> str:
    """A theme file as named from the project (``overrides/assets/favicon.svg``), or in full."""
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
