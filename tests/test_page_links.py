"""Where a page writes each link: whole targets, as Markdown reads them, outside code."""

from __future__ import annotations

from godigital.page_links import html_link_problems, link_lines, links, occurrence_lines

PAGE = """\
---
title: Offres
description: "Voir [l'agenda](agenda.md) : une description n'a pas de liens."
---

# Offres

![Atelier](../assets/images/atelier.png "L'atelier")
Voir [l'agenda](agenda.md), [le plan](<plan du site.md>) et [la FAQ](faq_(2027).md).

```markdown
[un exemple](agenda.md)
```

Écrivez `[x](agenda.md)` pour un lien, ou ``[y](agenda.md)``.
<!-- [caché](agenda.md) -->

[Encore l'agenda](
  agenda.md)
![Atelier](assets/images/atelier.png){ width="300" }
[Contact][c] et <https://www.godigital.lu>, [la F\\_A\\_Q](f\\_a\\_q.md).

[c]: contact.md "Le contact"
[d]:
    <agenda.md>

<p>Voir <a class="lien" href="partenaires.md?a=1&amp;b=2">les partenaires</a>,
<A HREF='agenda.md'>l'agenda</A> et <img alt="Logo" src=logo.png>.</p>
"""


def test_every_link_and_image_is_found_with_its_line_as_markdown_reads_it():
    assert links(PAGE) == [
        ("../assets/images/atelier.png", 8),
        ("agenda.md", 9), ("plan du site.md", 9), ("faq_(2027).md", 9),
        ("agenda.md", 19),  # where the target is written
        ("assets/images/atelier.png", 20),
        ("https://www.godigital.lu", 21), ("f_a_q.md", 21),
        ("contact.md", 23),
        ("agenda.md", 25),
        ("partenaires.md?a=1&b=2", 27),
        ("agenda.md", 28), ("logo.png", 28),
    ]


def test_a_target_is_matched_whole_not_inside_a_longer_one():
    assert link_lines(PAGE, "assets/images/atelier.png") == [20]
    assert link_lines(PAGE, "../assets/images/atelier.png") == [8]
    assert link_lines(PAGE, "images/atelier.png") == []


def test_code_comments_and_front_matter_hold_no_links():
    assert link_lines(PAGE, "agenda.md") == [9, 19, 25, 28]


def test_the_nth_message_about_a_target_is_about_its_nth_link():
    assert occurrence_lines(PAGE, ["agenda.md", "contact.md", "agenda.md", "agenda.md", "nulle-part.md"]) == [
        9, 23, 19, 25, None]
    assert occurrence_lines(PAGE, ["partenaires.md?a=1&b=2", "logo.png"]) == [27, 28]
    # A target written once and used twice (a reference) is on the line it is written.
    assert occurrence_lines(PAGE, ["contact.md", "contact.md"]) == [23, 23]


def test_an_unclosed_fence_is_no_code_and_lines_end_as_windows_writes_them():
    text = "# Titre\r\n\r\n```\r\n[a](x.md)\r\n\r\n[b](x.md)\r\n"
    assert link_lines(text, "x.md") == [4, 6]


def test_a_page_or_file_linked_in_raw_html_is_a_problem_on_its_line_web_addresses_are_not():
    page = ("# Titre\n\n<a href=\"https://www.cdm.lu\">CdM</a> <a href='#haut'>haut</a> "
            "<a href=\"mailto:x@example.org\">x</a>\n\n<p><a href=\"agenda.md\">agenda</a>\n"
            "<img src=assets/images/logo.png alt=\"\"></p>\n\n```html\n<a href=\"code.md\">exemple</a>\n```\n")
    problems = html_link_problems(page)
    assert [problem.split(":")[0] for problem in problems] == ["line 5", "line 6"]
    assert "'agenda.md'" in problems[0] and "[the link's text](agenda.md)" in problems[0]
    assert "'assets/images/logo.png'" in problems[1]
