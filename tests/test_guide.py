"""The editors' guide: the same guide in every language, its messages as the catalogues word them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from godigital import guide
from godigital.messages import EDITOR_LANGUAGES, catalogue, message

GUIDES = guide.guide_files()
FENCE = re.compile(r"^ *```(\w*)\n(.*?)^ *```$", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>]+)>")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _prose(text: str) -> str:
    """The text without its code blocks and code spans (whose examples are translated)."""
    return re.sub(r"`[^`\n]*`", "", FENCE.sub("", text))


# -----------------------------------------------------------------------------
# The table of typical messages
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_the_guide_shows_the_messages_as_the_catalogue_words_them(lang):
    text = _text(GUIDES[lang])
    assert guide.rewritten(text, lang) == text, \
        f"{GUIDES[lang].name} is out of date with the messages: run python -m godigital.guide (make guide)"


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_every_guide_holds_every_region_once(lang):
    text = _text(GUIDES[lang])
    for name in guide.REGIONS:
        begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
        assert text.count(begin) == text.count(end) == 1 and text.index(begin) < text.index(end), name


def test_every_guide_has_a_catalogue_and_every_catalogue_a_guide():
    assert set(GUIDES) == set(EDITOR_LANGUAGES)


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_every_typical_message_exists_in_every_catalogue(lang):
    keys = {row.key for row in guide.TYPICAL} | {"where_line", "where_event", "where_field", "separator"}
    missing = keys - set(catalogue(lang))
    assert not missing, f"not in godigital/messages/{lang}.yaml: {sorted(missing)}"


@pytest.mark.parametrize("lang", EDITOR_LANGUAGES)
def test_every_row_is_one_table_row_with_its_placeholders_filled(lang):
    for row in guide.rows(lang):
        assert row.startswith("| ") and row.endswith(" |")
        # Two cells: every | inside a cell is escaped.
        assert len(re.findall(r"(?<!\\)\|", row)) == 3, row
        assert not re.search(r"(?<!\\)[{}]", row.replace("\\{", "").replace("\\}", "")), row


def test_the_yaml_example_is_the_mistake_the_build_explains_with_that_message(monkeypatch):
    monkeypatch.setenv("GODIGITAL_MESSAGES", "en")
    problem = guide.yaml_syntax_problem()
    assert problem.explanation == message(guide.EXAMPLE_YAML_KEY)
    assert problem.line == guide.EXAMPLE_YAML_LINE
    assert problem.excerpt.splitlines()[0].startswith(f"    {guide.EXAMPLE_YAML_LINE} | ")


def test_the_examples_are_what_the_build_prints_in_each_language():
    for lang in EDITOR_LANGUAGES:
        event = guide.example_event(lang)
        assert event[0] == catalogue(lang)["events_header_one"].format(count=1)
        assert event[1].startswith("  - data/events.yaml")
        assert event[1].endswith(catalogue(lang)["end_before_start"].format(end="2018-03-19", start="2018-03-20"))


def test_a_cell_shows_its_text_as_written():
    assert guide._cell("a | b <iframe> *c* [d](e)") == r"a \| b \<iframe\> \*c\* \[d\](e)"


def test_the_region_keeps_its_heading_and_is_written_once(tmp_path):
    (tmp_path / "CONTRIBUTING.md").write_text(
        f"Intro\n\n{guide.BEGIN}\n| Where | Message |\n| --- | --- |\n| old | row |\n{guide.END}\n\nEnd\n",
        encoding="utf-8")
    assert guide.write(tmp_path) == [tmp_path / "CONTRIBUTING.md"]
    text = _text(tmp_path / "CONTRIBUTING.md")
    assert f"| Where | Message |\n| --- | --- |\n{guide.rows('en')[0]}\n" in text and "| old | row |" not in text
    assert text.startswith("Intro\n\n") and text.endswith(f"{guide.END}\n\nEnd\n")
    assert guide.write(tmp_path) == []


# -----------------------------------------------------------------------------
# The same guide in every language
# -----------------------------------------------------------------------------


def _headings(text: str) -> list[int]:
    return [len(m[1]) for m in re.finditer(r"^(#+) ", _prose(text), re.MULTILINE)]


def _blocks(text: str) -> list[tuple[str, object]]:
    """Each code block by its kind, with what must be the same in every language."""
    blocks: list[tuple[str, object]] = []
    for kind, body in FENCE.findall(text):
        if kind == "sh":
            # The commands, without comments and the words of a commit message.
            shown: object = [re.sub(r'"[^"]*"|#.*', "", line).rstrip() for line in body.splitlines()]
        elif kind == "yaml":
            shown = [line.split("#")[0].rstrip() for line in body.splitlines()]
        elif kind == "markdown":
            # The addresses: the words of a link or an image are translated.
            shown = [re.sub(r"\[[^\]]*\]", "[]", line).rstrip() for line in body.splitlines()]
        else:
            # Messages: in the guide's language, as many lines.
            shown = len(body.splitlines())
        blocks.append((kind, shown))
    return blocks


def _links(text: str) -> list[str]:
    return [a or b for a, b in LINK.findall(_prose(text)) if not (a or b).startswith("CONTRIBUTING")]


@pytest.mark.parametrize("lang", sorted(set(GUIDES) - {guide.FALLBACK}))
def test_each_translation_has_the_english_guides_structure(lang):
    english, translated = _text(GUIDES[guide.FALLBACK]), _text(GUIDES[lang])
    assert _headings(translated) == _headings(english)
    assert _blocks(translated) == _blocks(english)
    assert _links(translated) == _links(english)


@pytest.mark.parametrize("lang", sorted(GUIDES))
def test_each_guide_links_to_every_other_on_its_first_line(lang):
    first = _text(GUIDES[lang]).splitlines()[0]
    targets = set(re.findall(r"\]\(([^)]+)\)", first))
    assert targets == {path.name for other, path in GUIDES.items() if other != lang}
