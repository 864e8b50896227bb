"""A cancelled event's page: the cancellation first, nothing "to be announced",
and its calendar file offered as the cancellation notice for people who had
added the event. The agenda lists it without "to be announced" either."""

from __future__ import annotations

import html
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from godigital.labels import load_labels
from tests.conftest import LANGUAGES, ROOT, as_typed, build_site, copy_project, root_of
from tests.sitepages import SitePage

LABELS = {lang: {key: as_typed(text) for key, text in labels.items()}
          for lang, labels in load_labels(ROOT / "data/labels.yaml", languages=LANGUAGES).items()}


def event(event_id: str, status: str) -> str:
    """An event with a text in every language, each ending with ``<event_id>.``."""
    titles = "".join(f"      {lang}: Atelier {event_id}\n" for lang in LANGUAGES)
    descriptions = "".join(f"      {lang}: Description ({lang}) {event_id}.\n" for lang in LANGUAGES)
    return f"""
  - id: {event_id}
    title:
{titles}    description:
{descriptions}    start: 2099-05-12
    end: 2099-05-12
    status: {status}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("cancelled")
    project = copy_project(root / "project", only=LANGUAGES)
    # The shipped events stay: the shipped pages link to them.
    events = project / "data/events.yaml"
    events.write_text(events.read_text(encoding="utf-8").rstrip("\n") + "\n"
                      + event("annule", "cancelled") + event("prevu", "confirmed"), encoding="utf-8")
    result = build_site(project, root / "site", env={"SOURCE_DATE_EPOCH": "1735689600"})
    assert result.returncode == 0, result.stderr
    return root / "site"


def content(site, path: str) -> str:
    """The page's main content as text, tags removed, in reading order, as the labels are typed."""
    page = SitePage.read(site / path)
    article = page.html.split('<article', 1)[1].split("</article>", 1)[0]
    return as_typed(html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", article))))


@pytest.mark.parametrize("lang,root", [(lang, root_of(lang)) for lang in LANGUAGES])
def test_a_cancelled_event_page_says_so_first_and_offers_the_file_as_a_cancellation_notice(site, lang, root):
    labels = LABELS[lang]
    text = content(site, f"{root}agenda/annule/index.html")
    notice = text.index(labels["cancelled_notice"])
    assert notice < text.index("annule.") and notice < text.index(labels["date"])
    assert labels["time_tba"] not in text and labels["location_tba"] not in text
    assert labels["cancellation_notice_title"] in text and labels["cancellation_notice_text"] in text
    page = SitePage.read(site / f"{root}agenda/annule/index.html")
    # No button to add it (its words may well be part of the cancellation's own link).
    article = LexborHTMLParser(page.html).css_first("article")
    actions = {as_typed(" ".join(node.text().split())) for node in article.css("a, button")}
    assert labels["add_to_calendar"] not in actions
    [download] = [a for a in page.anchors if a.get("href", "").endswith("annule.ics")]
    assert "download" in download
    assert labels["cancellation_notice_download"] in text
    assert "calendar.google.com" not in page.html and "outlook.live.com" not in page.html


@pytest.mark.parametrize("lang,root", [(lang, root_of(lang)) for lang in LANGUAGES])
def test_an_event_still_on_says_what_is_to_be_announced_and_offers_to_add_it(site, lang, root):
    labels = LABELS[lang]
    text = content(site, f"{root}agenda/prevu/index.html")
    assert labels["time_tba"] in text and labels["location_tba"] in text
    assert labels["add_to_calendar"] in text and labels["cancelled_notice"] not in text


@pytest.mark.parametrize("lang,root", [(lang, root_of(lang)) for lang in LANGUAGES])
def test_the_agenda_lists_a_cancelled_event_without_to_be_announced(site, lang, root):
    labels = LABELS[lang]
    text = content(site, f"{root}agenda/index.html")
    item = text[text.index("Atelier annule"):]
    item = item[: item.index("annule.")]
    assert labels["status_cancelled"] in item
    assert labels["time_tba"] not in item and labels["location_tba"] not in item
