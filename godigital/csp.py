"""The Content-Security-Policy the built site needs, and nothing more.

The inline scripts the policy allows come from what the project ships, never
from the output: the theme's inline-script partials (``partials/javascripts/``,
ours in ``overrides/`` included) are rendered with the site's configuration,
and each script in them is allowed by its SHA-256 hash. A built page that holds
any other script, a script file that is not the theme's own, an event-handler
attribute or a ``javascript:`` address stops the build (``output_problems``).
``python -m godigital.csp`` prints the policy for deploy/nginx/ from the
templates and mkdocs.yml alone, so no built page can add to it.

Every page also carries the policy in a ``<meta>`` element, for hosts that
send no headers (GitHub Pages). A browser ignores ``frame-ancestors`` there,
and logs an error for it, so the page's copy leaves it out.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment, StrictUndefined, UndefinedError, nodes
from markupsafe import escape
from selectolax.lexbor import LexborHTMLParser, LexborNode

from godigital.assets import without_source_map_comment
from godigital.messages import message

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# Scripts a browser never executes; any other type is treated as a script.
DATA_TYPES = ("application/json", "application/ld+json")
# The partials that hold the theme's inline scripts (Material's layout, ours beside it).
SCRIPT_PARTIALS = "partials/javascripts/"
# Directives a <meta> policy cannot carry (CSP Level 3, section 3.3).
HEADER_ONLY = ("frame-ancestors", "report-uri", "sandbox")
# Attributes whose value a browser follows as an address (HTML, SVG, MathML).
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "codebase", "longdesc", "manifest", "ping", "icon", "usemap", "lowsrc", "dynsrc",
})
# Elements the theme never writes that load another document or change where the
# page's addresses lead: a frame's document (srcdoc included) runs under the policy
# of its parent only when that policy is in force, and a <meta http-equiv> sends
# readers elsewhere (refresh) or moves the page's own policy out of the head.
FOREIGN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
                              "fencedframe"})
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
# What URL parsing drops before reading the scheme (WHATWG URL: C0 controls, space, tab, newline).
_URL_IGNORED = "".join(chr(c) for c in range(0x21))
_ORIGIN = "https://site.invalid/"


@dataclass(frozen=True)
class Allowed:
    """What a page may run: inline scripts by hash, script files by path in the site and hash."""

    inline: frozenset[str]
    files: Mapping[str, frozenset[str]]


def script_hash(text: str) -> str:
    """A CSP hash source: ``'sha256-…'`` of the script's text as the browser reads it."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# Material's bundle, held back until the reader's first interaction
# (overrides/partials/javascripts/bundle.html): an empty data block, which no
# browser runs and which HTML allows no ``src``, naming its file in ``data-gd-src``;
# that file is checked as a script's is.
LATER_TYPE = "text/x-gd-later"
LATER_SRC = "data-gd-src"


def is_data_block(script: LexborNode) -> bool:
    return (script.attributes.get("type") or "").strip().lower() in (*DATA_TYPES, LATER_TYPE)


def derive_scope(config: MkDocsConfig) -> None:
    """Give Material's storage scope one value on every page: the path of ``site_url``.

    Material's inline base script prints ``config.extra.scope``, else the
    page's relative ``base_url``, which differs with a page's depth and would
    need one hash per depth. The same folder, named absolutely, keeps the
    search and palette settings where they were.
    """
    extra = config["extra"]
    if not extra.get("scope"):
        extra["scope"] = urlsplit(config.get("site_url") or "/").path or "/"


def template_scripts(config: MkDocsConfig) -> list[str]:
    """The text of every executable inline script the theme's script partials render.

    A partial counts when a template of the theme includes it under conditions
    the configuration meets (Material's consent script only with a consent
    setting, say). They are rendered with what is the same on every page (the
    configuration and the theme's features); a partial that needs more (a
    page's own ``base_url``) cannot be the same script everywhere, and is left out.
    """
    env = config.theme.get_env().overlay(undefined=StrictUndefined)
    context = {"config": config, "features": config.theme.get("features", [])}
    scripts = []
    # The partials' folder of each theme folder, not every file of the theme (thousands of icons).
    names = {path.relative_to(folder).as_posix() for folder in config.theme.dirs
             for path in Path(folder, SCRIPT_PARTIALS).rglob("*") if path.is_file()}
    for name in sorted(names & included_partials(config, context)):
        try:
            html = env.get_template(name).render(context)
        except UndefinedError:
            continue
        for script in LexborHTMLParser(html, scripting=True).css("script"):
            if "src" not in script.attributes and not is_data_block(script):
                scripts.append(script.text(deep=True))
    return scripts


def included_partials(config: MkDocsConfig, context: Mapping[str, object]) -> set[str]:
    """The script partials the theme's pages and partials include, under conditions that may hold.

    A condition that the configuration alone cannot settle (it names the page,
    or a block) may hold; one that is false with this configuration does not.
    """
    env = config.theme.get_env()
    included: set[str] = set()
    for folder in config.theme.dirs:
        for path in [*Path(folder).glob("*.html"), *Path(folder, "partials").rglob("*.html")]:
            text = path.read_text(encoding="utf-8")
            if SCRIPT_PARTIALS not in text:
                continue
            for name, conditions in _includes(env.parse(text), ()):
                if name.startswith(SCRIPT_PARTIALS) and all(_may_hold(env, test, context) for test in conditions):
                    included.add(name)
    return included


def _includes(node: nodes.Node, conditions: tuple[nodes.Node, ...]) -> Iterator[tuple[str, tuple[nodes.Node, ...]]]:
    """Each template a node includes by name, with the tests of the ``if`` blocks around it."""
    if isinstance(node, nodes.Include) and isinstance(node.template, nodes.Const):
        yield node.template.value, conditions
    elif isinstance(node, nodes.If):
        for child in node.body:
            yield from _includes(child, (*conditions, node.test))
        for child in [*node.elif_, *node.else_]:  # the opposite of a test: may hold
            yield from _includes(child, conditions)
        return
    for child in node.iter_child_nodes():
        yield from _includes(child, conditions)


def _may_hold(env: Environment, test: nodes.Node, context: Mapping[str, object]) -> bool:
    check = nodes.Template([nodes.Output([nodes.CondExpr(test, nodes.Const("1"), nodes.Const(""), lineno=1)],
                                         lineno=1)], lineno=1)
    check.set_environment(env)
    try:
        return bool(env.template_class.from_code(env, env.compile(check), env.make_globals(None)).render(context))
    except Exception:  # a test this context cannot evaluate may hold on a page
        return True


class ThemeScripts(Mapping[str, frozenset[str]]):
    """The theme's own script files, by path in the site, with the hashes of their bytes.

    Found when a page names one, in the theme's folders as MkDocs publishes
    them (the first folder that has the file wins; nothing in a folder or file
    whose name starts with a dot). A file is published as the theme ships it,
    or without the comment that points at its source map (``godigital.assets``).
    """

    def __init__(self, theme_dirs: Iterable[str]) -> None:
        self.dirs = [Path(folder) for folder in theme_dirs]
        self._found: dict[str, frozenset[str] | None] = {}

    def __getitem__(self, path: str) -> frozenset[str]:
        if path not in self._found:
            self._found[path] = self._hashes(path)
        hashes = self._found[path]
        if hashes is None:
            raise KeyError(path)
        return hashes

    def __iter__(self) -> Iterator[str]:
        return (path for path, hashes in self._found.items() if hashes is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def _hashes(self, path: str) -> frozenset[str] | None:
        if not path.endswith(".js") or any(part.startswith(".") or not part for part in path.split("/")):
            return None
        for folder in self.dirs:
            file = folder / path
            if file.is_file() and file.resolve().is_relative_to(folder.resolve()):
                content = file.read_bytes()
                return frozenset(hashlib.sha256(version).hexdigest()
                                 for version in (content, without_source_map_comment(content)))
        return None


def theme_script_files(config: MkDocsConfig) -> ThemeScripts:
    return ThemeScripts(config.theme.dirs)


def allowed_scripts(config: MkDocsConfig) -> Allowed:
    return Allowed(frozenset(script_hash(s) for s in template_scripts(config)), theme_script_files(config))


def content_security_policy(config: MkDocsConfig) -> str:
    """The policy of a project, from its configuration and templates."""
    return policy(allowed_scripts(config))


def policy(allowed: Allowed) -> str:
    scripts = " ".join(["'self'", *sorted(allowed.inline)])
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


def _is_javascript_url(value: str) -> bool:
    cleaned = value.strip(_URL_IGNORED).replace("\t", "").replace("\n", "").replace("\r", "")
    return cleaned.lower().startswith("javascript:")


def page_problems(html: str, page: str, allowed: Allowed, site_dir: Path | None = None,
                  structured_data: bool = False, built: dict[str, str] | None = None,
                  redirect: bool = False) -> list[str]:
    """What in one built page could run code the project does not ship, as messages.

    ``page`` is the page's path in the site (``agenda/index.html``); script
    files are looked up in ``site_dir`` and must be the theme's own, byte for
    byte. ``structured_data``: the page is one the agenda makes, which holds
    an event's JSON-LD. ``built`` keeps the hashes of the site's script files
    from one page to the next. ``redirect``: the page is one that leads the
    readers of a page that is no more to its successor, with a ``refresh``.
    """
    # Parsed as by a browser that runs scripts: <noscript> holds text then, not markup.
    tree = LexborHTMLParser(html, scripting=True)
    problems: list[str] = []
    configs = ld = 0
    for script in tree.css("script"):
        attributes = script.attributes
        if "src" in attributes:
            src = attributes.get("src") or ""
            if not _theme_file(src, page, allowed, site_dir, {} if built is None else built):
                problems.append(message("csp_script_file", page=page, src=attributes.get("src") or ""))
        elif (attributes.get("type") or "").strip().lower() == LATER_TYPE:
            src = attributes.get(LATER_SRC) or ""
            if script.text(deep=True) or not _theme_file(src, page, allowed, site_dir, {} if built is None else built):
                problems.append(message("csp_script_file", page=page, src=src))
        elif is_data_block(script):
            kind = (attributes.get("type") or "").strip().lower()
            in_body = script.parent is not None and script.parent.tag == "body"
            if kind == "application/json" and attributes.get("id") == "__config" and in_body:
                configs += 1
            elif kind == "application/ld+json" and structured_data:
                ld += 1
            else:
                problems.append(message("csp_data_block", page=page, type=kind))
        elif script_hash(script.text(deep=True)) not in allowed.inline:
            problems.append(message("csp_inline_script", page=page, start=_start(script.text(deep=True))))
    if configs > 1 or ld > 1:
        twice = "application/json" if configs > 1 else "application/ld+json"
        problems.append(message("csp_data_block", page=page, type=twice))
    for node in tree.root.traverse() if tree.root else ():
        for name, value in (node.attributes or {}).items():
            name = name.lower()
            if name.startswith("on"):
                problems.append(message("csp_event_handler", page=page, attribute=name, element=node.tag))
            elif (name in URL_ATTRIBUTES or name.endswith(":href")) and value and _is_javascript_url(value):
                problems.append(message("csp_javascript_url", page=page, attribute=name, element=node.tag))
            elif name == "srcdoc":
                problems.append(message("csp_foreign_markup", page=page, markup=f"srcdoc on <{node.tag}>"))
        if node.tag in FOREIGN_ELEMENTS:
            problems.append(message("csp_foreign_markup", page=page, markup=f"<{node.tag}>"))
        elif node.tag == "meta" and "http-equiv" in (node.attributes or {}):
            equiv = node.attributes.get("http-equiv") or ""
            if redirect and equiv.strip().lower() == "refresh":
                continue
            problems.append(message("csp_foreign_markup", page=page, markup=f'<meta http-equiv="{equiv}">'))
    return problems


def _theme_file(src: str, page: str, allowed: Allowed, site_dir: Path | None, built: dict[str, str]) -> bool:
    address = urlsplit(urljoin(_ORIGIN + page, src.strip(_URL_IGNORED)))
    if f"{address.scheme}://{address.netloc}/" != _ORIGIN or address.query or address.fragment:
        return False
    path = address.path.lstrip("/")
    if path not in allowed.files:
        return False
    if site_dir is None:
        return True
    if path not in built:
        file = Path(site_dir, path)
        built[path] = hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else ""
    return built[path] in allowed.files[path]


def _start(text: str) -> str:
    text = " ".join(text.split())
    return text[:60] + ("…" if len(text) > 60 else "")


def site_problems(site_dir: Path | str, allowed: Allowed, structured_data: Iterable[str] = (),
                  redirects: Iterable[str] = ()) -> list[str]:
    """``page_problems`` of every page in the built site (``redirects``: the redirect pages)."""
    site_dir = Path(site_dir)
    with_data, redirecting = set(structured_data), set(redirects)
    problems = []
    built: dict[str, str] = {}  # the theme's bundle is named by every page: hashed once
    for path in sorted(site_dir.rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        problems += page_problems(path.read_text(encoding="utf-8"), page, allowed, site_dir, page in with_data,
                                  built, page in redirecting)
    return problems


def meta_policy(policy: str) -> str:
    """The policy as a page's <meta> may state it: without the header-only directives."""
    directives = [directive.strip() for directive in policy.split(";")]
    return "; ".join(d for d in directives if d and d.split()[0] not in HEADER_ONLY)


def with_policy_meta(html: str, policy: str) -> str:
    """The page with the policy in a <meta> right after its charset, before any script.

    Any policy <meta> the page already has is taken out first, wherever it is, so
    adding it twice changes nothing and the policy is never left where a browser
    ignores it (outside the head, or after a script).
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(meta_policy(policy))}">'
    return _CHARSET.sub(lambda found: found.group(0) + meta, _META.sub("", html), count=1)


def add_policy_meta(site_dir: Path | str, policy: str) -> None:
    """Put ``policy`` into every page of ``site_dir``."""
    for page in sorted(Path(site_dir).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        updated = with_policy_meta(html, policy)
        if updated != html:
            page.write_text(updated, encoding="utf-8")


def project_policy(config_file: str = "mkdocs.yml") -> str:
    """The policy of the project whose configuration is ``config_file``, without building it."""
    from mkdocs.config import load_config

    config = load_config(config_file)
    derive_scope(config)
    return content_security_policy(config)


if __name__ == "__main__":
    from godigital.config_check import config_problems

    config_file = sys.argv[1] if len(sys.argv) > 1 else "mkdocs.yml"
    # Checked as data first: MkDocs' own loader would run a tag's code.
    problems = config_problems(config_file)
    if problems:
        sys.stderr.write("".join(f"ERROR   -  {problem}\n" for problem in problems))
        sys.exit(1)
    print(project_policy(config_file))
