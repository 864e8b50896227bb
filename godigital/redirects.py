"""Addresses that last: where the readers of a renamed, moved or deleted page go.

A page that an earlier commit published keeps answering. ``read_redirects``
walks the history of ``docs/`` on the current branch (first parents: what was
published, in order) in one ``git log``: a page renamed or moved there
redirects to its new name by itself (``a.md`` → ``b.md`` → ``c.md`` gives
``a.md`` → ``c.md``); a page created again at its old name is live again; a
page deleted with no successor stops the build until ``data/redirects.yml``
says where its readers go. That file (``old.md: new.md``, one per line) adds
to what history says and overrides it.

Names are page files as every language has them (``programmes.md``,
``a-propos/equipe.md``); a redirect holds in every language of the site.
Outside git, or in a shallow clone, only the data file applies.

    python -m godigital.redirects     lists the redirects and where each comes from
"""

from __future__ import annotations

import posixpath
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import jinja2

from godigital import languages as site_languages
from godigital.docs_files import NAME_PART, PAGE_NAME
from godigital.messages import message
from godigital.yaml_lines import Unreadable, load_data, read_file

REDIRECTS_FILE = "data/redirects.yml"
DOCS = "docs"
MAX_REDIRECTS_BYTES = 100_000
GIT_TIMEOUT = 60
# What a page name may hold to become an address, a file of the site and an nginx
# rule: letters (accented too), digits, '-', '_' and folders, as docs/ is checked for
# (godigital.docs_files). Nothing an editor writes can then reach nginx's syntax or
# leave the site's folder.
SAFE_NAME = PAGE_NAME
SAFE_ADDRESS = re.compile(rf"/(?:{NAME_PART}/)*")
NGINX_FILE = ".redirects.nginx"  # in the built site; a hidden file, never served
# What only a redirect page's head holds (templates/redirect.html): the theme's pages never lead on by themselves.
REFRESH = b'<meta http-equiv="refresh"'
UNCOMMITTED = "0" * 7  # the "commit" of what the working tree changed since the last one


class RedirectsError(Exception):
    """What stops the build, in the editor's language (one problem a line)."""


@dataclass(frozen=True)
class Redirect:
    """The readers of page ``old`` go to page ``new``, in every language."""

    old: str
    new: str
    origin: str  # a commit's short hash, or "data/redirects.yml, line 3"


@dataclass(frozen=True)
class Moves:
    """What history says about pages no longer at their name."""

    moved: Mapping[str, tuple[str, str]]  # old name → (new name, short commit)
    deleted: Mapping[str, str]  # name → the short commit that deleted it
    source: str = "git"  # "git", "shallow" or "none"


NO_MOVES = Moves({}, {}, "none")


# -----------------------------------------------------------------------------
# History
# -----------------------------------------------------------------------------


def git_moves(project: Path | str, languages: Sequence[str]) -> Moves:
    """Renamed, moved and deleted pages of ``docs/`` on the current branch."""
    log = _git(project, "log", "--first-parent", "--reverse", "-M", "--name-status",
               "--format=%H%x09%ct", "--", f"{DOCS}/")
    if log is None:
        return NO_MOVES
    if _git(project, "rev-parse", "--is-shallow-repository") == "true\n":
        return Moves({}, {}, "shallow")
    # Then what the working tree (and the index) changed since the last commit: a page
    # deleted is asked about before it is committed; a rename git already pairs
    # (``git mv``, or both files added) redirects before it is committed too.
    pending = _git(project, "diff", "-M", "--name-status", "HEAD", "--", f"{DOCS}/")
    if pending:
        log += f"{UNCOMMITTED.ljust(40, '0')}\t0\n{pending}"
    return summarise(log, languages)


def summarise(log: str, languages: Sequence[str]) -> Moves:
    """The moves a ``git log --name-status`` output shows, oldest commit first."""
    moved: dict[str, tuple[str, str]] = {}
    deleted: dict[str, str] = {}
    commit = ""
    for line in log.splitlines():
        fields = line.split("\t")
        if len(fields) == 2 and re.fullmatch(r"[0-9a-f]{40}", fields[0]):
            commit = fields[0][:7]
            continue
        if not fields[0]:
            continue
        status, paths = fields[0][0], [_page(path, languages) for path in fields[1:]]
        if status == "R" and len(paths) == 2 and paths[0] and paths[1]:
            old, new = paths[0], paths[1]
            if old == new:
                continue  # a move between languages' folders is no page's move
            _live_again(new, moved, deleted)
            for source, (target, _) in list(moved.items()):
                if target == old:
                    moved[source] = (new, commit)
            moved[old] = (new, commit)
            deleted.pop(old, None)
        elif status in "ACR" and paths[-1]:  # a file made a page
            _live_again(paths[-1], moved, deleted)
        elif status in "DR" and paths[0]:  # a page deleted, or made another kind of file
            deleted[paths[0]] = commit
    return Moves(moved, deleted)


# -----------------------------------------------------------------------------
# The editors' file, and what both say together
# -----------------------------------------------------------------------------


def read_redirects(project: Path | str, languages: Sequence[str], *, moves: Moves | None = None,
                   file: str = REDIRECTS_FILE) -> list[Redirect]:
    """Every redirect of the site, checked; ``RedirectsError`` when one is wrong or missing."""
    project = Path(project)
    live = live_pages(project / DOCS, languages)
    moves = git_moves(project, languages) if moves is None else moves
    combined: dict[str, tuple[str, str]] = {old: (new, commit) for old, (new, commit) in moves.moved.items()
                                            if _safe(old) and _safe(new)}
    read = _read_file(project / file, file, live, combined)
    entries, problems = read.entries, read.problems
    combined.update(entries)
    gone = {name: commit for name, commit in moves.deleted.items() if _safe(name)}
    redirects: list[Redirect] = []
    for old in sorted(combined):
        if old in live:
            continue  # created again (or in the working tree): the page answers itself
        target, chain = _resolve(old, combined, live)
        if target is None:
            if old in entries:
                problems.append(f"{entries[old][1]}{message('separator')}"
                                f"{message('redirect_loop', chain=' → '.join(chain))}")
            continue
        if target not in live:
            if target not in gone and target not in combined:
                gone[target] = combined[chain[-2]][1]  # deleted since, in the working tree perhaps
            continue  # asked for below, once for the page that is gone
        redirects.append(Redirect(old, target, combined[old][1]))
    for name in sorted(gone):
        # A page the file names in a line with a problem (or a file that cannot be read):
        # that problem is the one to fix, not a question about the page.
        if read.named is None or name in read.named:
            continue
        if name not in combined and name not in live:
            if gone[name] == UNCOMMITTED:
                problems.append(message("redirect_page_missing", page=name, file=file))
            else:
                problems.append(message("redirect_page_deleted", page=name, commit=gone[name], file=file))
    if problems:
        raise RedirectsError("\n".join(problems))
    return redirects


def live_pages(docs: Path, languages: Sequence[str]) -> frozenset[str]:
    """The page names every language has in the working tree."""
    names: set[str] | None = None
    for lang in languages:
        folder = docs / lang
        here = {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")} if folder.is_dir() else set()
        names = here if names is None else names & here
    return frozenset(names or ())


# -----------------------------------------------------------------------------
# Addresses, pages and nginx rules
# -----------------------------------------------------------------------------


def address(name: str, lang: str, langs: site_languages.Languages) -> str:
    """A page's address from the site's root: ``x.md`` → ``/x/``, ``index.md`` → ``/``, ``sub/index.md`` →
    ``/sub/``; other languages under ``/<lang>/``."""
    stem = name.removesuffix(".md")
    path = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return langs.root(lang) + path


def nginx_rules(redirects: Iterable[Redirect], langs: site_languages.Languages) -> str:
    """``return 301`` rules for deploy/nginx, every language's; only safe addresses reach them."""
    lines = ["# Made by the build from git history and data/redirects.yml (python -m godigital.redirects)."]
    for redirect in redirects:
        for lang in langs:
            old, new = address(redirect.old, lang, langs), address(redirect.new, lang, langs)
            if not (SAFE_ADDRESS.fullmatch(old) and SAFE_ADDRESS.fullmatch(new)) or old == langs.root(lang):
                continue
            for form in (old.rstrip("/"), old, f"{old}index.html"):
                lines.append(f"location = {form} {{ return 301 {new}; }}")
    return "\n".join(lines) + "\n"


def redirect_files(redirects: Iterable[Redirect], langs: site_languages.Languages) -> list[tuple[str, str, str]]:
    """(file in the site, new address, language) of each redirect page."""
    found = []
    for redirect in redirects:
        for lang in langs:
            old, new = address(redirect.old, lang, langs), address(redirect.new, lang, langs)
            if SAFE_ADDRESS.fullmatch(old) and old != langs.root(lang):
                found.append((f"{old.strip('/')}/index.html", new, lang))
    return found


def write_redirects(site_dir: Path | str, redirects: Sequence[Redirect], langs: site_languages.Languages,
                    site_url: str, labels: Mapping[str, Mapping[str, str]],
                    polish: Mapping[str, Callable[[str], str]] | None = None) -> list[str]:
    """Each redirect page, in every language, and the nginx rules (``NGINX_FILE``, hidden:
    never served); the pages written, as paths in the site. ``polish[lang]``, if given, is
    that language's typography for the finished page."""
    site_dir = Path(site_dir)
    template = _templates.get_template("redirect.html")
    written = []
    for file, new, lang in redirect_files(redirects, langs):
        target = site_dir / file
        if target.exists():
            continue  # a file the build wrote there is the site's own
        target.parent.mkdir(parents=True, exist_ok=True)
        # Readers follow a relative address (any host, any folder, the preview too);
        # search engines get the published one.
        leads = posixpath.relpath(new, "/" + posixpath.dirname(file)).rstrip("/") + "/"
        html = template.render(lang=lang, url=urljoin(site_url, new.lstrip("/")), leads=leads,
                               title=labels[lang]["redirect_title"], text=labels[lang]["redirect_text"])
        target.write_text(polish[lang](html) if polish and lang in polish else html, encoding="utf-8")
        written.append(file)
    (site_dir / NGINX_FILE).write_text(nginx_rules(redirects, langs), encoding="utf-8")
    return written


def is_redirect_page(path: Path | str) -> bool:
    """Whether a file of the built site is a redirect page (``write_redirects``), not one of the site's pages."""
    try:
        with open(path, "rb") as page:
            return REFRESH in page.read(1024)  # in the head, a few lines from the top
    except OSError:
        return False


# -----------------------------------------------------------------------------
# Helper functions
# -----------------------------------------------------------------------------

_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
                                autoescape=True, keep_trailing_newline=True)


def _page(path: str, languages: Sequence[str]) -> str | None:
    """``docs/<lang>/<name>.md`` → ``<name>.md``; None for any other file."""
    parts = path.split("/", 2)
    if len(parts) == 3 and parts[0] == DOCS and parts[1] in languages and parts[2].endswith(".md"):
        return parts[2]
    return None


def _live_again(name: str, moved: dict[str, tuple[str, str]], deleted: dict[str, str]) -> None:
    moved.pop(name, None)
    deleted.pop(name, None)


def _safe(name: str) -> bool:
    return SAFE_NAME.fullmatch(name) is not None


def _resolve(old: str, combined: Mapping[str, tuple[str, str]],
             live: frozenset[str]) -> tuple[str | None, list[str]]:
    """Where ``old``'s readers end up, following redirects to a live page; None for a loop."""
    chain = [old]
    while chain[-1] in combined and chain[-1] not in live:
        following = combined[chain[-1]][0]
        if following in chain:
            return None, [*chain, following]
        chain.append(following)
    return chain[-1], chain


@dataclass
class _FileEntries:
    entries: dict[str, tuple[str, str]]  # old → (new, "file, line n")
    problems: list[str]
    named: frozenset[str] | None = frozenset()  # the old names its lines give; None: unreadable


def _read_file(path: Path, file: str, live: frozenset[str], moved: Mapping[str, object]) -> _FileEntries:
    """The file's entries and its problems; a target that history shows renamed is followed."""
    if not path.exists():
        return _FileEntries({}, [])
    try:
        marked = load_data(read_file(path, MAX_REDIRECTS_BYTES, "data_file_too_large", "redirects_missing"),
                           MAX_REDIRECTS_BYTES, "data_file_too_large")
    except Unreadable as error:
        return _FileEntries({}, [_where(file, error.line, str(error))], None)
    if marked.data is None:
        return _FileEntries({}, [])
    if not isinstance(marked.data, dict):
        return _FileEntries({}, [_where(file, 1, message("redirects_not_a_mapping"))], None)
    found = _FileEntries({}, [], frozenset(str(old) for old in marked.data))
    for old, new in marked.data.items():
        line = marked.line((old,))
        if not isinstance(old, str) or not isinstance(new, str) or not (_safe(old) and _safe(new)):
            found.problems.append(_where(file, line, message("redirect_not_a_page_pair", old=old, new=new)))
        elif old in live:
            found.problems.append(_where(file, line, message("redirect_source_live", old=old)))
        elif new not in live and new not in moved:
            found.problems.append(_where(file, line, message("redirect_target_missing", new=new)))
        else:
            found.entries[old] = (new, message("where_line", file=file, line=line))
    return found


def _where(file: str, line: int, text: str) -> str:
    return f"{message('where_line', file=file, line=line)}{message('separator')}{text}"


def _git(project: Path | str, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=project,  # names as written
                                capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("utf-8", errors="replace") if result.returncode == 0 else None


if __name__ == "__main__":
    import sys

    root = Path.cwd()
    site = site_languages.from_file(root / "mkdocs.yml")
    try:
        found = read_redirects(root, site.codes)
    except RedirectsError as error:
        sys.exit(str(error))
    if not found:
        print(message("redirects_none", file=REDIRECTS_FILE))
    for item in found:
        origin = message("redirect_uncommitted") if item.origin == UNCOMMITTED else item.origin
        print(f"{item.old} → {item.new}  ({origin})")
