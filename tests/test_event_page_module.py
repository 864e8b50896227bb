"""What an event's page and the agenda derive for readers, module by module: the one
state an event's badge shows, the map link, the ways to subscribe, an event's picture,
and which of the theme's reading aids a page keeps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from godigital import agenda, page_layout
from godigital.events import Location, parse_events
from tests.test_events import LANGUAGES, VALID  # VALID's languages
from tests.test_feeds import all_day_event

LUX = ZoneInfo("Europe/Luxembourg")
FEED = "https://www.godigital.lu/de/calendar.ics"


def at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LUX)


# -- the one state -----------------------------------------------------------------

def test_a_timed_event_is_upcoming_then_happening_now_then_past():
    [timed] = parse_events(VALID, languages=LANGUAGES)  # 2018-03-20, 09:00-17:30
    timed = replace(timed, status="confirmed")
    assert agenda.event_state(timed, at(2018, 3, 1)) == "upcoming"
    assert agenda.event_state(timed, at(2018, 3, 20, 8, 59)) == "upcoming"
    assert agenda.event_state(timed, at(2018, 3, 20, 9)) == "now"
    assert agenda.event_state(timed, at(2018, 3, 20, 17, 29)) == "now"
    # Rebuilt that evening, it is over: no call to register, nothing to add to a calendar.
    evening = at(2018, 3, 20, 18)
    assert agenda.event_state(timed, evening) == "past"
    assert agenda.is_over(timed, evening) and agenda.registration_state(timed, evening) is None


def test_an_event_given_by_its_days_takes_place_on_each_of_them():
    fair = all_day_event(start=date(2025, 6, 14), end=date(2025, 6, 16), whole_day=True)
    assert agenda.event_state(fair, at(2025, 6, 13)) == "upcoming"
    assert agenda.event_state(fair, at(2025, 6, 14, 0, 1)) == "now"
    assert agenda.event_state(fair, at(2025, 6, 16, 23)) == "now"
    assert agenda.event_state(fair, at(2025, 6, 17)) == "past"


def test_cancelled_wins_then_past_then_a_move_then_a_provisional_date():
    event = all_day_event(start=date(2025, 7, 1), end=date(2025, 7, 1))
    before = (date(2025, 6, 20),)
    assert agenda.event_state(replace(event, status="cancelled"), at(2025, 6, 1), before) == "cancelled"
    assert agenda.event_state(replace(event, status="cancelled"), at(2025, 8, 1)) == "cancelled"
    assert agenda.event_state(event, at(2025, 6, 1), before) == "postponed"
    assert agenda.event_state(event, at(2025, 6, 1), (date(2025, 7, 9),)) == "brought_forward"
    assert agenda.event_state(replace(event, status="tentative"), at(2025, 6, 1), before) == "postponed"
    assert agenda.event_state(replace(event, status="tentative"), at(2025, 6, 1)) == "tentative"
    assert agenda.event_state(event, at(2025, 8, 1), before) == "past"


# -- where it is, passing it on -----------------------------------------------------

def test_the_map_link_is_an_openstreetmap_address_from_the_coordinates_as_written():
    [timed] = parse_events(VALID, languages=LANGUAGES)
    assert agenda.map_link(timed.location) == (
        "https://www.openstreetmap.org/?mlat=49.63&mlon=6.17#map=17/49.63/6.17")
    tiny = Location(name={"fr": "x", "de": "x"}, latitude=0.00001, longitude=-0.5)
    assert agenda.map_link(tiny) == "https://www.openstreetmap.org/?mlat=0.00001&mlon=-0.5#map=17/0.00001/-0.5"
    assert agenda.map_link(Location(name={"fr": "x", "de": "x"})) is None
    assert agenda.map_link(None) is None


def test_sharing_without_script_is_an_email_with_the_title_and_the_address():
    link = agenda.email_link("Atelier : « ok » & plus", "https://www.godigital.lu/agenda/x/")
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("mailto:?")
    assert query == {"subject": ["Atelier : « ok » & plus"], "body": ["https://www.godigital.lu/agenda/x/"]}


# -- subscribing --------------------------------------------------------------------

def test_subscribing_is_offered_the_ways_calendars_take_it():
    links = agenda.subscription_links(FEED, "Go Digital – Termine")
    assert links["webcal"] == "webcal://www.godigital.lu/de/calendar.ics"
    assert links["https"] == FEED
    assert links["google"] == ("https://calendar.google.com/calendar/render?cid="
                               "webcal%3A%2F%2Fwww.godigital.lu%2Fde%2Fcalendar.ics")
    outlook = urlsplit(links["outlook"])
    assert f"{outlook.scheme}://{outlook.netloc}{outlook.path}" == "https://outlook.live.com/calendar/0/addfromweb"
    assert parse_qs(outlook.query) == {"url": [FEED], "name": ["Go Digital – Termine"]}
    assert unquote(links["google"].split("cid=", 1)[1]) == links["webcal"]


# -- an event's picture -------------------------------------------------------------

def test_an_events_picture_is_the_image_named_after_its_id_and_strays_are_named():
    files = ["assets/images/agenda/forum-numerique-2030.svg", "assets/images/agenda/forum-numerique-2030.png",
             "assets/images/agenda/forum-numerque-2030.svg", "assets/images/agenda/old/forum-numerique-2030.svg",
             "assets/images/agenda/notes.pdf", "assets/images/forum-numerique-2030.svg"]
    pictures, strays = agenda.event_pictures(files, ["forum-numerique-2030", "autre-2030"])
    assert pictures == {"forum-numerique-2030": "assets/images/agenda/forum-numerique-2030.png"}  # the first by name
    assert strays == [
        agenda.Stray("assets/images/agenda/forum-numerique-2030.svg", "forum-numerique-2030",
                     "assets/images/agenda/forum-numerique-2030.png"),
        agenda.Stray("assets/images/agenda/forum-numerque-2030.svg", "forum-numerque-2030", None),
    ]



@pytest.mark.parametrize(("name", "content", "size"), [
    ("sized.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="560px" height="400" viewBox="0 0 56 40"/>', (560, 400)),
    ("boxed.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0 300.4 150"/>', (300, 150)),
    ("unsized.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="12em"/>', None),
    ("flat.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 0"/>', None),
    ("broken.svg", "<svg", None),
    ("entity.svg", '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">&a;</svg>',
     None),
    ("not-a.png", "text", None),
])
def test_a_pictures_size_comes_from_its_file_or_is_left_out(tmp_path, name, content, size):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert agenda.picture_size(path) == size


def test_a_raster_pictures_size_is_read_from_its_header(tmp_path):
    from PIL import Image
    Image.new("RGB", (64, 48)).save(tmp_path / "photo.webp")
    assert agenda.picture_size(tmp_path / "photo.webp") == (64, 48)

# -- reading aids by the page's length --------------------------------------------------

class Entry:
    def __init__(self, *children: Entry):
        self.children = children


def test_a_short_page_goes_without_tree_contents_and_previous_next():
    assert page_layout.hidden_parts([], words=120, headings=5) == ["navigation", "toc", "footer"]
    # One of several pages of a menu section keeps the tree: its tab leads to the first page only.
    assert page_layout.hidden_parts([], words=120, headings=5, in_section=True) == ["toc", "footer"]


def test_a_long_page_keeps_them_and_a_contents_needs_headings_to_list():
    assert page_layout.hidden_parts([], words=2000, headings=5) == []
    assert page_layout.hidden_parts([], words=2000, headings=2) == ["toc"]


def test_what_the_editor_hid_stays_hidden_once():
    assert page_layout.hidden_parts(["toc", "path"], words=10, headings=0) == ["toc", "path", "navigation", "footer"]
    assert page_layout.hidden_parts(["navigation"], words=2000, headings=9) == ["navigation"]


def test_words_are_counted_in_the_text_and_headings_at_every_level():
    html = "<h2 id='a'>Deux mots</h2><p>Un <a href='x'>lien</a> ici.</p><script>var a = 1;</script>"
    assert page_layout.word_count(html) == 5
    assert page_layout.heading_count([Entry(Entry(), Entry(Entry())), Entry()]) == 5


# A home page's introduction: its title and the paragraphs right after it, beside the key visual.
HOME = ('<h1 id="go">Go Digital</h1>\n<p>Un <a href="a/">lien</a><br>\nici.</p>\n'
        '<p><a class="md-button" href="agenda/">Agenda</a></p>\n<!-- hooks/agenda.py: next -->\n')


@pytest.mark.parametrize("rest", [
    '<section class="gd-next"><h2 id="n">Prochain</h2><p>x</p></section>\n<h2>Suite</h2>\n',
    '<h2 id="s">Suite</h2>\n<section class="gd-next"><p>x</p></section>\n',
    '<div class="grid cards">\n<ul>\n<li><p>Carte</p></li>\n</ul>\n</div>\n',
    '<hr>\n<p>Après un trait</p>\n',
])
def test_a_home_pages_introduction_ends_at_its_first_element_that_is_no_title_or_paragraph(rest):
    assert page_layout.split_intro(HOME + rest) == (HOME, rest)


def test_a_page_without_an_introduction_or_with_nothing_after_it_is_cut_nowhere():
    assert page_layout.split_intro("<div><h1>x</h1><p>y</p></div><p>z</p>") == (
        "", "<div><h1>x</h1><p>y</p></div><p>z</p>")
    assert page_layout.split_intro(HOME) == (HOME, "")


def test_the_cut_is_counted_in_characters_whatever_the_lines_hold():
    html = "<h1>Tout\u2028à\rfait</h1>\r\n<p>é</p>\n  <section>s</section>"
    intro, rest = page_layout.split_intro(html)
    assert intro + rest == html and rest == "<section>s</section>"


# A link whose text is its own address: printed, the address is not written after it again.
@pytest.mark.parametrize("link", [
    '<a href="https://www.cc.lu/">https://www.cc.lu/</a>',
    '<a href="https://www.cc.lu">www.cc.lu</a>',
    '<a class="md-button" href="https://www.CC.lu/">cc.lu</a>',
    '<a href="&#109;&#97;ilto:&#105;nfo@cc.lu">&#105;nfo@cc.lu</a>',  # Markdown's e-mail autolink
])
def test_a_link_whose_text_is_its_address_is_marked(link):
    marked = page_layout.mark_address_links(f"<p>Voir {link}.</p>")
    assert marked == f"<p>Voir {link.replace('>', ' data-gd-address>', 1)}.</p>"
    assert page_layout.mark_address_links(marked) == marked


@pytest.mark.parametrize("link", [
    '<a href="https://www.cc.lu">Chambre de Commerce</a>',
    '<a href="https://www.cc.lu/agenda/">www.cc.lu</a>',
    '<a href="../agenda/">../agenda/</a>',  # the site's own pages print no address
    '<a href="https://www.cc.lu"><span>www.cc.lu</span></a>',
])
def test_a_link_that_names_something_else_keeps_its_printed_address(link):
    assert page_layout.mark_address_links(f"<p>{link}</p>") == f"<p>{link}</p>"
