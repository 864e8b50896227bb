"""What the home page and the agenda say on any day the site is built.

While an event is still to come: the next one, and the calendar subscription.
Once none is (every event past or cancelled): that the campaign has no more,
and where its partners are (data/partners.yaml), with no invitation to
subscribe. Before any event is announced: that none is yet. Built on the
fixture site (tests/fixtures/site) before its first event, at its build date,
after its last event, and with no event at all; expectations come from the
fixture's events and partners and the shipped labels.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from html import unescape
from pathlib import Path

import pytest

from godigital import agenda
from godigital.dates import LUXEMBOURG
from godigital.labels import load_labels
from godigital.partners import PartnersError, load_partners, parse_partners
from godigital.typography import text_rules
from tests.conftest import (
    FIXTURE,
    FIXTURE_EPOCH,
    LANGUAGES,
    LATER_EPOCH,
    ROOT,
    as_typed,
    build_site,
    fixture_project,
)
from tests.test_event_states import FIXTURE_EVENTS

ROOTS = {"fr": "", "de": "de/"}
LABELS = {lang: {key: as_typed(text) for key, text in labels.items()}
          for lang, labels in load_labels(ROOT / "data/labels.yaml", languages=LANGUAGES).items()}
PARTNERS = load_partners(FIXTURE / "data/partners.yaml", languages=LANGUAGES)
# 2024-11-01 noon in Luxembourg: before the fixture's first event (2024-11-20).
EARLY_EPOCH = int(datetime(2024, 11, 1, 12, tzinfo=LUXEMBOURG).timestamp())
# What invites readers to subscribe: none of it once the campaign has no event to come.
SUBSCRIPTION = ("subscribe_title", "subscribe_button", "feed_address")


def _day(epoch: int) -> date:
    return datetime.fromtimestamp(epoch, timezone.utc).astimezone(LUXEMBOURG).date()


def _text(html: str) -> str:
    return as_typed(re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))))


def _content(site: Path, path: str) -> str:
    html = (site / path).read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


@pytest.fixture(scope="module")
def early_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("early")
    result = build_site(fixture_project(base / "project"), base / "site", env={"SOURCE_DATE_EPOCH": str(EARLY_EPOCH)})
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.fixture(scope="module")
def no_event_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("no-event")
    project = fixture_project(base / "project")
    (project / "data/events.yaml").write_text("events:\n", encoding="utf-8")
    result = build_site(project, base / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode == 0, result.stderr
    return base / "site"


# -----------------------------------------------------------------------------
# The state of the campaign on a day
# -----------------------------------------------------------------------------


def test_the_fixture_has_an_event_before_every_other_and_none_after_the_later_date():
    first = min(FIXTURE_EVENTS, key=agenda._start_key)
    assert not first.cancelled and _day(EARLY_EPOCH) < first.start
    assert all(e.last_day() < _day(LATER_EPOCH) for e in FIXTURE_EVENTS)
    assert any(e.cancelled for e in FIXTURE_EVENTS)


def test_the_campaign_has_events_to_come_until_the_last_one_not_cancelled_is_past():
    assert agenda.campaign_state(FIXTURE_EVENTS, _day(EARLY_EPOCH)) == agenda.UPCOMING
    assert agenda.campaign_state(FIXTURE_EVENTS, _day(FIXTURE_EPOCH)) == agenda.UPCOMING
    assert agenda.campaign_state(FIXTURE_EVENTS, _day(LATER_EPOCH)) == agenda.OVER
    assert agenda.campaign_state([], _day(FIXTURE_EPOCH)) == agenda.NONE_YET
    # A cancelled event still to come is no event to come.
    cancelled = [e for e in FIXTURE_EVENTS if e.cancelled]
    assert agenda.campaign_state(cancelled, min(e.start for e in cancelled).date()) == agenda.OVER
    last = max((e for e in FIXTURE_EVENTS if not e.cancelled), key=lambda e: e.last_day())
    assert agenda.campaign_state(FIXTURE_EVENTS, last.last_day()) == agenda.UPCOMING


# -----------------------------------------------------------------------------
# The built site
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_before_the_first_event_the_home_page_announces_it_and_offers_the_subscription(early_site, lang):
    labels, root = LABELS[lang], ROOTS[lang]
    first = min(FIXTURE_EVENTS, key=agenda._start_key)
    home = _content(early_site, f"{root}index.html")
    section = home[home.index('<section class="gd-next"'):home.index("</section>")]
    assert f'<h2 id="gd-next-title">{labels["next_event"]}</h2>' in unescape(section)
    assert re.findall(r'<h3 class="gd-event__title"><a href="([^"]+)">', section) == [f"agenda/{first.id}/"]
    # The way to the agenda's box, which offers every way of subscribing.
    assert 'href="agenda/#subscribe"' in section and labels["subscribe_title"] in _text(section)
    assert labels["campaign_over"] not in _text(home) and 'class="gd-partners"' not in home
    page = _content(early_site, f"{root}agenda/index.html")
    assert '<h2 id="past">' not in page, "nothing is past yet"
    assert all(labels[key] in _text(page) for key in SUBSCRIPTION)
    assert labels["campaign_over"] not in _text(page)


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_once_every_event_is_past_home_and_agenda_say_so_and_lead_to_the_partners(later_site, lang):
    labels, root = LABELS[lang], ROOTS[lang]
    for path in (f"{root}index.html", f"{root}agenda/index.html"):
        content = _content(later_site, path)
        text = _text(content)
        assert labels["campaign_over"] in text, path
        assert labels["partner_sites"] in text, path
        for partner in (p for p in PARTNERS if p.url):
            link = re.compile(rf'<a href="{re.escape(partner.url)}"[^>]*>{re.escape(partner.address)}</a>')
            assert link.search(content), (path, partner.url)
            assert as_typed(text_rules(lang)(f"{partner.name[lang]}: {partner.address}")) in text, path
        # No call to subscribe to a calendar that will bring nothing new.
        assert "webcal://" not in content and "calendar.ics" not in content, path
        assert not any(labels[key] in text for key in SUBSCRIPTION), path
        assert labels["no_upcoming"] not in text, path
    agenda_page = _content(later_site, f"{root}agenda/index.html")
    assert '<h2 id="upcoming">' not in agenda_page and '<h2 id="past">' in agenda_page


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_while_events_are_to_come_the_partners_are_not_shown_in_their_place(fixture, lang):
    for path in (f"{ROOTS[lang]}index.html", f"{ROOTS[lang]}agenda/index.html"):
        content = _content(fixture.site, path)
        assert 'class="gd-partners"' not in content and LABELS[lang]["campaign_over"] not in _text(content)
        assert "webcal://" in content if path.endswith("agenda/index.html") else "agenda/#subscribe" in content


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_before_any_event_is_announced_the_agenda_says_none_is_yet(no_event_site, lang):
    labels, root = LABELS[lang], ROOTS[lang]
    for path in (f"{root}index.html", f"{root}agenda/index.html"):
        text = _text(_content(no_event_site, path))
        assert labels["no_upcoming"] in text and labels["campaign_over"] not in text, path
        assert labels["subscribe_button" if path.endswith("agenda/index.html") else "subscribe_title"] in text, path


def _order(content: str, *marks: str) -> list[int]:
    """Where each mark first is in a page's content (-1 when it is not there)."""
    return [content.find(mark) for mark in marks]


NOTICE = '<div class="gd-notice'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_agenda_says_of_no_event_to_come_is_the_campaigns_notice_in_the_upcoming_part(
        early_site, fixture, later_site, no_event_site, lang):
    """Before the past events, never under their heading; the campaign's own block, not the
    theme's admonition; nowhere while an event is to come."""
    root = "" if lang == LANGUAGES[0] else f"{lang}/"
    for site in (early_site, fixture.site, later_site, no_event_site):
        home, page = (_content(site, f"{root}{path}") for path in ("index.html", "agenda/index.html"))
        for content in (home, page):
            assert "admonition" not in content
        if site in (early_site, fixture.site):  # an event is to come
            assert NOTICE not in home and NOTICE not in page
        elif site == later_site:  # over: the notice and the partners lead, then the past
            notice, past = _order(page, NOTICE, '<h2 id="past">')
            assert -1 < notice < past and '<h2 id="upcoming">' not in page
            notice, heading = _order(home, NOTICE, '<h2 id="gd-next-title">')
            assert -1 < notice < heading
            assert home.count('class="gd-partners"') == page.count('class="gd-partners"') == 1
        else:  # none announced yet: under the upcoming events' heading
            heading, notice = _order(page, '<h2 id="upcoming">', NOTICE)
            assert -1 < heading < notice and '<h2 id="past">' not in page
            heading, notice = _order(home, '<h2 id="gd-next-title">', NOTICE)
            assert -1 < heading < notice and 'class="gd-partners"' not in home


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_only_an_event_still_to_come_says_what_its_calendar_links_send(fixture, lang):
    note = LABELS[lang]["add_to_calendar_note"]
    for event in FIXTURE_EVENTS:
        text = _text(_content(fixture.site, f"{ROOTS[lang]}agenda/{event.id}/index.html"))
        offered = not event.cancelled and event.last_day() >= fixture.today
        assert (note in text) == offered, event.id


# -----------------------------------------------------------------------------
# The partners file
# -----------------------------------------------------------------------------


def test_a_partner_has_a_name_for_every_language_and_a_secure_address():
    [one, each] = parse_partners("partners:\n  - name: Luxinnovation\n    url: https://www.luxinnovation.lu\n"
                                 "  - name:\n      fr: Chambre des Métiers\n      de: Handwerkskammer\n"
                                 "    url: https://www.cdm.lu/\n", languages=("fr", "de"))
    assert one.name == {"fr": "Luxinnovation", "de": "Luxinnovation"} and one.address == "www.luxinnovation.lu"
    assert each.name["de"] == "Handwerkskammer" and each.address == "www.cdm.lu"


def test_a_partner_without_a_site_is_named_without_an_address():
    [ministry] = parse_partners("partners:\n  - name:\n      fr: Ministère de l'Économie\n"
                                "      de: Wirtschaftsministerium\n", languages=("fr", "de"))
    assert ministry.url is None and ministry.address == ""


@pytest.mark.parametrize("text, line, says", [
    ("partners:\n  - name: {fr: A}\n    url: https://a.lu\n", 2, "field 'partners.name.de': the German text is missing"),
    ("partners:\n  - name: A\n    url: http://a.lu\n", 3, "starts with http://"),
    ("partners:\n  - url: https://a.lu\n", 2, "the partner has no 'name:'"),
    ("partners:\n  - name: A\n    url: https://a.lu\n    site: x\n", 4, "unknown field 'site'"),
    ("partners: 3\n", 1, "'partners:' must be followed by a list"),
    ("", 1, "the file must start with 'partners:'"),
    ("partners:\n  - name: <b>A</b>\n    url: https://a.lu\n", 2, "field 'partners.name'"),
])
def test_each_mistake_in_the_partners_file_is_named_with_its_line(text, line, says):
    with pytest.raises(PartnersError) as raised:
        parse_partners(text, "data/partners.yaml", languages=("fr", "de"))
    assert f"data/partners.yaml, line {line}" in str(raised.value) and says in str(raised.value)


def test_a_missing_partners_file_stops_the_build_with_what_to_write(tmp_path):
    project = fixture_project(tmp_path / "project")
    (project / "data/partners.yaml").unlink()
    result = build_site(project, tmp_path / "site", env={"SOURCE_DATE_EPOCH": str(FIXTURE_EPOCH)})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "data/partners.yaml, line 1: the file does not exist. Create it with a 'partners:' list" in result.stderr
