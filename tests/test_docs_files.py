"""Files in docs/: only pages, images and PDFs, no links, SVG files that only draw;
front matter with the fields pages need; a byte-order mark changes nothing."""

from __future__ import annotations

import os
import time

import pytest

from godigital.docs_files import docs_problems, svg_problems
from godigital.pages import page_problems
from tests.conftest import LANGUAGES, build_site, fixture_project
from tests.servers import headerless, record_dialogs

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">{}</svg>'
CLEAN_SVG = SVG.format(
    '<title>Logo</title><defs><linearGradient id="g"><stop offset="0" stop-color="#00528a"/></linearGradient>'
    '<clipPath id="c"><rect width="8" height="8"/></clipPath></defs>'
    '<g clip-path="url(#c)"><path id="p" d="M0 0h8v8z" fill="url(#g)" style="stroke: #fff"/>'
    '<use xlink:href="#p"/><use href="#p"/><text x="1" y="7">Go</text></g>')
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
PAGE = "---\ntitle: Atelier\ndescription: " + "Une description assez longue pour le moteur de recherche. " * 2 + "\n{}---\n\n# Atelier\n"


@pytest.mark.parametrize("body, expected", [
    ('<script href="https://example.org/x.js"/>', "<script>"),
    ("<script>alert(1)</script>", "<script>"),
    ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>', "<foreignObject>"),
    ('<rect onclick="alert(1)"/>', "'onclick'"),
    ('<rect ONLOAD="alert(1)"/>', "'ONLOAD'"),
    ('<use href="https://example.org/a.svg#x"/>', "points to 'https://example.org/a.svg#x'"),
    ('<use xlink:href="data:image/svg+xml,&lt;svg/&gt;"/>', "points to 'data:"),
    ('<image href="#p"/>', "<image>"),
    ('<a href="javascript:alert(1)"><rect/></a>', "<a>"),
    ('<style>@import url(https://example.org/x.css)</style>', "<style>"),
    ('<rect style="fill: url(https://example.org/x)"/>', "loads something from elsewhere in 'style'"),
    ('<rect fill="url(other.svg#g)"/>', "loads something from elsewhere in 'fill'"),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "<set>"),
    ('<animate attributeName="href" values="javascript:alert(1)"/>', "<animate>"),
    ("<?xml-stylesheet href='x.css'?>", "<?xml-stylesheet"),
    ('<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>', "<html:script>"),
    ('<rect xlink:title="x"/>', "'xlink:title'"),
    # CSS escapes spell url( without the letters, and image-set() fetches a plain string.
    (r'<rect style="fill: u\72l(https://example.org/x#a)"/>', "calls 'url(' in 'style'"),
    (r'<rect fill="\75\72\6c(https://example.org/x)"/>', "calls 'url(' in 'fill'"),
    (r'<rect style="filter: u\rl(https://example.org/x#f)"/>', "calls 'url(' in 'style'"),
    ("<rect style=\"mask-image: image-set('https://example.org/x' 1x)\"/>", "calls 'image-set(' in 'style'"),
    ("<svg style=\"background-image: -webkit-image-set('https://example.org/x' 1x)\"/>", "calls '-webkit-image-set('"),
    ("<rect style=\"cursor: im/**/age-set('https://example.org/x' 1x), auto\"/>", "calls 'age-set('"),
])
def test_an_svg_that_does_more_than_draw_is_refused_with_its_line(body, expected):
    problems = svg_problems(("\n" + SVG.format("\n" + body)).encode())
    assert problems and all(problem.startswith("line 3: ") for problem in problems), problems
    assert any(expected in problem for problem in problems), problems


def test_an_svg_with_a_doctype_or_entities_is_refused_on_that_line():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>\n' + SVG.format("<text>&a;</text>").encode()
    assert svg_problems(data) == ["line 2: the SVG file declares a DOCTYPE or entities, which browsers and this "
                                  "build do not read safely. Remove the <!DOCTYPE ...> lines, or export it again "
                                  "as 'plain SVG'."]


def test_an_svg_keeps_colours_transforms_and_references_inside_itself():
    body = ('<defs><linearGradient id="g"/><filter id="f"/></defs>'
            '<rect fill="url(#g)" style="stroke: rgb(0, 82, 138); filter: url(#f) drop-shadow(1px 1px 2px)"'
            r' transform="translate(1 2) rotate(3) scale(1.5)" aria-label="Carte (2018)"/>'
            r'<rect style="fill: u\72l(\23 g)"/>')
    assert svg_problems(SVG.format(body).encode()) == []


@pytest.mark.parametrize("data", [b"<svg", b"<html><script>alert(1)</script></html>", b"not xml at all"])
def test_a_file_named_svg_that_is_no_svg_drawing_is_refused(data):
    assert svg_problems(data)


def test_a_plain_drawing_with_internal_references_is_accepted():
    assert svg_problems(b'<?xml version="1.0" encoding="UTF-8"?>\n' + CLEAN_SVG.encode()) == []


def test_the_walk_refuses_links_other_types_and_hidden_links_without_following_any(tmp_path):
    docs = tmp_path / "docs"
    (docs / "fr/img").mkdir(parents=True)
    (docs / "fr/page.md").write_text("x")
    (docs / "fr/img/logo.SVG").write_text(CLEAN_SVG)
    (docs / "fr/img/photo.JPG").write_bytes(b"\xff\xd8\xff")
    (docs / "fr/doc.pdf").write_bytes(b"%PDF-1.4")
    (docs / ".DS_Store").write_bytes(b"\0")  # hidden: MkDocs does not publish it
    for name in ("page.html", "app.js", "site.css", "notes.txt", "page.md~"):
        (docs / "fr" / name).write_text("x")
    (docs / "fr/passwd.md").symlink_to("/etc/passwd")
    (docs / "fr/outside").symlink_to(tmp_path)
    (docs / "fr/loop").symlink_to(docs)
    (docs / ".git").symlink_to(tmp_path / "elsewhere")  # even dangling, even hidden
    (docs / "fr/img/bad.svg").write_text(SVG.format("<script>alert(1)</script>"))
    problems = docs_problems(docs)
    linked = [p for p in problems if "is a link to another file or folder" in p]
    assert [p.split(":")[0] for p in linked] == ["docs/.git", "docs/fr/loop", "docs/fr/outside", "docs/fr/passwd.md"]
    refused = [p.split(":")[0] for p in problems if "the site does not publish files like" in p]
    assert refused == ["docs/fr/app.js", "docs/fr/notes.txt", "docs/fr/page.html", "docs/fr/page.md~",
                       "docs/fr/site.css"]
    assert any(p.startswith("docs/fr/img/bad.svg, line 1: the SVG file contains <script>") for p in problems)
    assert len(problems) == len(linked) + len(refused) + 1


REAL_STARTS = {
    "a.png": PNG, "a.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF", "a.jpeg": b"\xff\xd8\xff\xdb",
    "a.gif": b"GIF89a\x01\0\x01\0", "b.gif": b"GIF87a\x01\0", "a.webp": b"RIFF\x24\0\0\0WEBPVP8 ",
    "a.avif": b"\0\0\0\x1cftypavif\0\0\0\0", "b.avif": b"\0\0\0\x20ftypmif1\0\0\0\0",
    "a.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
}


def test_images_and_pdfs_hold_what_their_name_says(tmp_path):
    for name, start in REAL_STARTS.items():
        (tmp_path / name).write_bytes(start + b"\0" * 64)
    assert docs_problems(tmp_path) == []
    # A web page, a script or an SVG under an image's or a PDF's name.
    disguised = [b"<!DOCTYPE html><script>alert(1)</script>", b"alert(1)", CLEAN_SVG.encode(), b"",
                 b"GIF89", b"RIFF\0\0\0\0WAVE", b"\0\0\0\x1cftypisom"]
    for index, name in enumerate(REAL_STARTS):
        (tmp_path / name).write_bytes(disguised[index % len(disguised)])
    problems = docs_problems(tmp_path)
    assert [p.split(":")[0] for p in problems] == [f"docs/{name}" for name in sorted(REAL_STARTS)]
    assert any(p.startswith("docs/a.png: the file is named 'a.png', but its content is not a PNG file.") for p in problems)


def test_a_name_or_a_page_that_is_not_utf8_is_named_with_its_line(tmp_path):
    # Git stores any bytes in a name; Latin-1 is what older editors save.
    (tmp_path / os.fsdecode(b"plan-\xe9t\xe9.png")).write_bytes(PNG)
    (tmp_path / "atelier.md").write_bytes(PAGE.format("").encode() + "\nCaf\xe9 et cr\xe8me\n".encode("latin-1"))
    (tmp_path / "contact.md").write_bytes(("\ufeff" + PAGE.format("") + "Café\n").encode())
    assert docs_problems(tmp_path) == [
        "docs/atelier.md, line 8: the page holds bytes that are not UTF-8 text (on this line), often because it "
        "was saved as Latin-1 or Windows-1252. Save the file as 'UTF-8' in your editor, or retype the accented "
        "letters on this line.",
        "docs/plan-\ufffdt\ufffd.png: the file name holds bytes that are not text (UTF-8), which no address can "
        "carry. Rename the file with ordinary letters, digits and hyphens.",
    ]


def test_a_fifo_is_no_file_to_publish(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    assert docs_problems(tmp_path) == ["docs/pipe.md: this is not an ordinary file. Remove it from docs/."]


@pytest.mark.parametrize("fields, expected", [
    ("titel: Atelier\n", "line 2: 'titel' is not a field pages may have. Did you mean 'title'?"),
    ("subtitle: <b>x</b>\n", "line 4: 'subtitle' is not a field pages may have."),
    ("template: redirect.html\nlocation: https://example.org\n", "line 4: 'template: redirect.html' is not allowed."),
    ("template: main.html\n", "line 4: 'template: main.html' is not allowed."),
    ("hide: navigation\n", "line 4: 'hide:' takes a list"),
    ("hide:\n  - navigation\n  - everything\n", "line 4: 'hide:' takes a list"),
])
def test_front_matter_fields_and_templates_outside_the_list_are_refused(fields, expected):
    source = PAGE.format(fields) if not fields.startswith("titel") else PAGE.replace("title:", "titel:").format("")
    assert any(problem.startswith(expected) for problem in page_problems(source)), page_problems(source)


def test_the_fields_pages_use_are_fine():
    assert page_problems(PAGE.format("template: home.html\nhide:\n  - navigation\n  - toc\n")) == []


def test_a_second_byte_order_mark_is_refused_and_one_is_read_through():
    assert page_problems("\ufeff" + PAGE.format("")) == [
        "line 1: the file starts with invisible characters (a byte-order mark) before '---'. "
        "Save the file as 'UTF-8' (without BOM) in your editor."]


# -- Builds of the fixture site ------------------------------------------------------


def test_a_name_or_a_page_that_is_not_utf8_stops_the_build_with_a_message_not_a_traceback(tmp_path):
    project = fixture_project(tmp_path / "project")
    docs = project / "docs"
    (docs / os.fsdecode(b"fr/plan-\xe9t\xe9.png")).write_bytes(PNG)
    page = docs / "de/index.md"
    page.write_bytes(page.read_bytes() + "\nStra\xdfe\n".encode("latin-1"))
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "docs/de/index.md, line " in result.stderr and "not UTF-8 text" in result.stderr
    assert "docs/fr/plan-\ufffdt\ufffd.png: the file name holds bytes that are not text" in result.stderr
    assert not (tmp_path / "site").exists()


def test_links_loops_and_other_files_in_docs_stop_the_build_at_once_naming_each(tmp_path):
    project = fixture_project(tmp_path / "project")
    docs = project / "docs"
    (docs / "fr/passwd.md").symlink_to("/etc/passwd")
    (docs / "de/machine").symlink_to("/proc/self")
    (docs / "fr/boucle").symlink_to(docs)
    (docs / ".git").symlink_to(project)
    (docs / "fr/page.html").write_text("<script>alert(1)</script>")
    (docs / "fr/x.js").write_text("alert(1)")
    (docs / "fr/x.css").write_text("body{}")
    (docs / "fr/logo.svg").write_text(SVG.format('<script href="https://example.org/x.js"/>'))
    started = time.monotonic()
    result = build_site(project, tmp_path / "site")
    assert time.monotonic() - started < 10
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for name in ("fr/passwd.md", "de/machine", "fr/boucle", ".git"):
        assert f"docs/{name}: this is a link to another file or folder." in result.stderr
    for name in ("page.html", "x.js", "x.css"):
        assert f"docs/fr/{name}: the site does not publish files like '{name}'." in result.stderr
    assert "docs/fr/logo.svg, line 1: the SVG file contains <script>" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_plain_svg_and_a_png_are_published_as_they_are(tmp_path):
    project = fixture_project(tmp_path / "project")
    (project / "docs/assets/images/plan.svg").write_text(CLEAN_SVG)
    (project / "docs/assets/images/photo.png").write_bytes(PNG)
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/assets/images/plan.svg").read_text() == CLEAN_SVG
    assert (tmp_path / "site/assets/images/photo.png").read_bytes() == PNG
    # The theme's own files (from overrides/, or drawn by the build: the icons), at the addresses
    # mkdocs.yml gives them.
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert 'href="assets/stylesheets/site.css"' in index and 'href="assets/favicon.svg"' in index
    assert (tmp_path / "site/assets/favicon.svg").is_file() and (tmp_path / "site/assets/stylesheets/site.css").is_file()


def test_an_image_or_a_pdf_in_a_language_folder_is_sent_to_the_shared_folder(tmp_path):
    project = fixture_project(tmp_path / "project")
    (project / "docs/de/bilder").mkdir()
    (project / "docs/de/bilder/plan.png").write_bytes(PNG)
    (project / "docs/fr/a-propos/tarifs.pdf").write_bytes(b"%PDF-1.4")
    (project / "docs/assets/notes.md").write_text("# Notes")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert ("docs/de/bilder/plan.png: images and downloads are shared by every language and live once, in "
            "docs/assets/: move the file to docs/assets/images/plan.png, and link it the same way from every "
            "language's page: (../assets/images/plan.png), or (../../assets/images/plan.png) from a page in a "
            "subfolder.") in result.stderr
    assert "docs/fr/a-propos/tarifs.pdf: images and downloads are shared by every language" in result.stderr
    assert "move the file to docs/assets/downloads/tarifs.pdf" in result.stderr
    assert "docs/assets/notes.md: pages are written in each language's folder of docs/" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_page_name_that_would_be_no_plain_address_stops_the_build_with_the_name_to_use(tmp_path):
    project = fixture_project(tmp_path / "project")
    for lang in LANGUAGES:
        (project / f"docs/{lang}/Nouvelle Page.md").write_text("---\ntitle: Nouvelle page\n---\n\n# Nouvelle page\n",
                                                            encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    for lang in LANGUAGES:
        assert f"docs/{lang}/Nouvelle Page.md: 'Nouvelle Page.md' cannot be a page's file name" in result.stderr
    assert "Rename the file 'nouvelle-page.md'" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_redirect_template_or_an_unknown_field_stops_the_build(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/fr/ateliers.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\ntemplate: redirect.html\nlocation: https://example.org\n", 1),
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/fr/ateliers.md, line 2: 'template: redirect.html' is not allowed." in result.stderr
    assert "docs/fr/ateliers.md, line 3: 'location' is not a field pages may have." in result.stderr


def test_a_byte_order_mark_does_not_hide_yaml_aliases(tmp_path):
    project = fixture_project(tmp_path / "project")
    page = project / "docs/de/ateliers.md"
    bomb = "".join(f"x{i}: &x{i} [*x{i - 1}, *x{i - 1}, *x{i - 1}, *x{i - 1}]\n" for i in range(1, 30))
    page.write_text("\ufeff---\nx0: &x0 [lol]\n" + bomb + "title: Workshops\n---\n\n# Workshops\n", encoding="utf-8")
    started = time.monotonic()
    result = build_site(project, tmp_path / "site")
    assert time.monotonic() - started < 10
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/de/ateliers.md, line 3: this line repeats another part of the file" in result.stderr


# Accepted, each holding script text that must stay text when a reader opens the drawing itself.
INERT_SVGS = [
    CLEAN_SVG,
    SVG.format("<text>&lt;script&gt;alert(1)&lt;/script&gt;</text>"),
    SVG.format("<text><![CDATA[<script>alert(1)</script><img src=x onerror=alert(1)>]]></text>"),
    SVG.format('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title><rect style="fill: url(#g)"/>'),
    SVG.format('<desc><![CDATA[</desc><script>alert(1)</script>]]></desc><rect width="1" height="1"/>'),
]


@pytest.mark.browser
def test_accepted_drawings_run_nothing_when_opened_in_chromium_without_headers(tmp_path, browser):
    for index, drawing in enumerate(INERT_SVGS):
        assert svg_problems(drawing.encode()) == [], drawing
        (tmp_path / f"inert-{index}.svg").write_text(drawing, encoding="utf-8")
    control = SVG.format("<script>alert(1)</script>")
    assert svg_problems(control.encode())
    (tmp_path / "control.svg").write_text(control, encoding="utf-8")
    context = browser.new_context()
    with headerless(tmp_path, tmp_path / "server.log") as url:
        page = context.new_page()
        dialogs = record_dialogs(page)
        page.goto(f"{url}/control.svg", wait_until="load")
        page.wait_for_timeout(200)
        assert dialogs, "the refused drawing does not run its script: the check would prove nothing"
        dialogs.clear()
        for index in range(len(INERT_SVGS)):
            response = page.goto(f"{url}/inert-{index}.svg", wait_until="load")
            assert response.headers.get("content-security-policy") is None
            assert response.headers["content-type"].startswith("image/svg+xml")
            page.wait_for_timeout(100)
        assert dialogs == []
    context.close()


def test_a_reference_inside_the_drawing_may_have_spaces_around_it():
    assert svg_problems(SVG.format('<rect fill="url( #g )" style="stroke: url(  \'#g\')"/>').encode()) == []
    assert svg_problems(SVG.format('<rect fill="url( other.svg#g)"/>').encode())


# As Inkscape saves a drawing ("Inkscape SVG"): its own metadata, layers and a gradient built on another.
INKSCAPE_SVG = b'''<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="210mm" height="297mm" viewBox="0 0 210 297" version="1.1" id="svg1"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)" sodipodi:docname="logo.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink" xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title id="title1">Logo</title>
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:document-units="mm"/>
  <defs id="defs1">
    <linearGradient id="linearGradient1" inkscape:collect="always">
      <stop style="stop-color:#00528a;stop-opacity:1" offset="0" id="stop1"/>
      <stop style="stop-color:#00528a;stop-opacity:0" offset="1" id="stop2"/>
    </linearGradient>
    <linearGradient inkscape:collect="always" xlink:href="#linearGradient1" id="linearGradient2"
       x1="10" y1="10" x2="100" y2="100" gradientUnits="userSpaceOnUse"/>
    <radialGradient href="#linearGradient1" id="radialGradient1" cx="50" cy="50" r="40"/>
  </defs>
  <metadata id="metadata1"><rdf:RDF><cc:Work rdf:about=""><dc:title>Logo</dc:title>
    <cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF></metadata>
  <g inkscape:label="Calque 1" inkscape:groupmode="layer" id="layer1">
    <rect style="fill:url(#linearGradient2);stroke:none" id="rect1" width="100" height="100" x="10" y="10"/>
  </g>
</svg>
'''


INERT_SVGS.append(INKSCAPE_SVG.decode())  # opened in Chromium with the others


def test_a_drawing_as_inkscape_saves_it_is_accepted():
    assert svg_problems(INKSCAPE_SVG) == []


def test_a_drawing_programs_namespace_does_not_hide_what_runs():
    hidden = SVG.format('<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                        '<script>alert(1)</script><rect onload="alert(1)"/>'
                        '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>'
                        '</rdf:RDF></metadata><rect xlink:href="#a"/>')
    problems = svg_problems(hidden.encode())
    assert any("<script>" in problem for problem in problems)
    assert any("'onload'" in problem for problem in problems)
    assert any("points to '#a' (xlink:href)" in problem for problem in problems), problems


def test_refusals_name_attributes_as_the_file_writes_them_in_line_order(tmp_path):
    body = "\n" * 20 + '<rect foo:bar="1" xmlns:foo="https://example.org/foo"/>' + "\n<rect onclick=\"x\"/>"
    (tmp_path / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<rect onclick="x"/>' + body + "</svg>")
    problems = docs_problems(tmp_path)
    assert [problem.split(":")[0].split("line ")[1] for problem in problems] == ["2", "22", "23"]
    assert "'foo:bar' on <rect>" in problems[1]
