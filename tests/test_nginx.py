"""The site as production serves it: deploy/nginx/godigital.conf in a real nginx."""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import urlsplit

import pytest

from godigital.csp import meta_policy, project_policy
from tests.servers import http_get
from tests.test_csp import page_policy

pytestmark = pytest.mark.nginx


def test_pages_are_utf8_html_revalidated_on_every_visit(nginx):
    response = http_get(nginx, "/de/agenda/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Cache-Control") == "no-cache"


@pytest.mark.parametrize("path", ["/calendar.ics", "/de/calendar.ics", "/events/{id}.ics", "/de/events/{id}.ics"])
def test_calendars_are_served_as_text_calendar(nginx, fixture, path):
    response = http_get(nginx, path.format(id=fixture.events[0].id))
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/calendar; charset=utf-8"
    assert response.getheader("Cache-Control") == "max-age=3600"
    assert response.body.startswith(b"BEGIN:VCALENDAR")


def test_calendar_pollers_get_a_304_when_nothing_changed(nginx):
    first = http_get(nginx, "/calendar.ics")
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert etag and modified
    assert http_get(nginx, "/calendar.ics", {"If-None-Match": etag}).status == 304
    assert http_get(nginx, "/calendar.ics", {"If-Modified-Since": modified}).status == 304


def test_html_is_compressed(nginx):
    response = http_get(nginx, "/", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert b"<html" in gzip.decompress(response.body)
    assert "Accept-Encoding" in response.getheader("Vary", "")


@pytest.mark.parametrize("path, lang", [
    ("/nulle-part/", "fr"), ("/agenda/unknown-event/", "fr"), ("/events/", "fr"), ("/search/", "fr"),
    ("/.git/config", "fr"), ("/.env", "fr"), ("/deutsch/", "fr"),
    ("/de/nirgendwo/", "de"), ("/de/agenda/unbekannt/", "de"), ("/de/events/", "de"), ("/de/.env", "de"),
    ("/de/events/unbekannt.ics", "de"),
])
def test_a_missing_address_gets_the_404_page_of_its_language(nginx, site, path, lang):
    response = http_get(nginx, path)
    assert response.status == 404
    served = response.body.decode("utf-8")
    assert served == (site / ("de/404.html" if lang == "de" else "404.html")).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in served
    assert response.getheader("Content-Security-Policy")
    assert response.getheader("Cache-Control") == "no-cache", "a missing page may appear later"


def test_fingerprinted_theme_files_are_cached_for_a_year_others_for_a_day(nginx, site):
    [css] = (site / "assets/stylesheets").glob("main.*.min.css")
    fingerprinted = http_get(nginx, "/" + css.relative_to(site).as_posix())
    assert fingerprinted.getheader("Cache-Control") == "max-age=31536000, immutable"
    assert http_get(nginx, "/assets/stylesheets/site.css").getheader("Cache-Control") == "max-age=86400"


def every_kind_of_response(site, fixture) -> dict[str, str]:
    """One address of each kind nginx answers, by what it is."""
    [bundle] = (site / "assets/javascripts").glob("bundle.*.min.js")
    return {
        "page": "/", "page of another language": "/de/agenda/",
        "calendar feed": "/calendar.ics", "event file": f"/de/events/{fixture.events[0].id}.ics",
        "fingerprinted script": "/" + bundle.relative_to(site).as_posix(),
        "style sheet": "/assets/stylesheets/site.css", "script": "/assets/javascripts/share.js",
        "web manifest": "/manifest.webmanifest", "icon at the root": "/favicon.ico",
        "missing page": "/missing", "missing page of another language": "/de/missing/",
        "hidden file": "/.env", "folder without a page": "/events/", "redirect": "/agenda",
    }


def test_security_headers_are_on_every_kind_of_response(nginx, site, fixture):
    for kind, path in every_kind_of_response(site, fixture).items():
        response = http_get(nginx, path)
        assert response.status in (200, 301, 404), (kind, response.status)
        assert response.getheader("X-Content-Type-Options") == "nosniff", kind
        assert response.getheader("Referrer-Policy") == "same-origin", kind
        assert "camera=()" in response.getheader("Permissions-Policy", ""), kind
        assert response.getheader("Strict-Transport-Security", "").startswith("max-age=31536000"), kind
        policy = response.getheader("Content-Security-Policy", "")
        assert policy.startswith("default-src 'none'") and "frame-ancestors 'none'" in policy, kind
        assert response.getheader("X-Frame-Options") == "DENY", kind
        assert response.getheader("Server") == "nginx", kind  # no version


def test_the_content_security_policy_is_the_one_the_templates_need(nginx, fixture):
    """When Material's inline scripts change, this says which policy to put in the config."""
    served = http_get(nginx, "/").getheader("Content-Security-Policy")
    assert served == project_policy(str(fixture.project / "mkdocs.yml")), "update deploy/nginx/godigital.conf with: make csp"


def test_every_page_states_the_servers_policy_but_frame_ancestors(nginx, site):
    """Hosts without headers (GitHub Pages) still get the policy, from the page itself."""
    served = http_get(nginx, "/").getheader("Content-Security-Policy")
    assert "frame-ancestors 'none'" in served
    stated = {page_policy(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}
    assert stated == {meta_policy(served)} == {served.replace("; frame-ancestors 'none'", "")}


def test_a_redirect_names_no_host_the_client_sent(nginx):
    response = http_get(nginx, "/agenda", {"Host": "evil.example"})
    assert response.status == 301
    assert response.getheader("Location") == "/agenda/"


def test_a_request_for_many_ranges_gets_no_more_than_the_file(nginx, site):
    size = (site / "calendar.ics").stat().st_size
    ranges = ",".join(f"{i}-{i}" for i in range(0, min(size, 400)))
    response = http_get(nginx, "/calendar.ics", {"Range": f"bytes={ranges}"})
    assert len(response.body) <= size


def test_no_source_map_is_published(site):
    assert not list(site.glob("**/*.map"))
    for bundle in site.glob("assets/**/*.min.*"):
        assert b"sourceMappingURL" not in bundle.read_bytes(), bundle


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/de/manifest.webmanifest"])
def test_web_manifests_are_served_with_their_own_type(nginx, path):
    """Debian's mime.types has no type for them: the configuration names it."""
    response = http_get(nginx, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == "application/manifest+json; charset=utf-8"
    assert response.getheader("Cache-Control") == "max-age=86400"
    assert json.loads(response.body)["start_url"] == path.removesuffix("manifest.webmanifest")
    compressed = http_get(nginx, path, {"Accept-Encoding": "gzip"})
    assert json.loads(gzip.decompress(compressed.body)) == json.loads(response.body)


@pytest.mark.parametrize(("path", "kind"), [
    ("/favicon.ico", "image/x-icon"),
    ("/apple-touch-icon.png", "image/png"),
    ("/assets/icons/icon-192.png", "image/png"),
])
def test_the_icons_browsers_ask_for_unasked_are_found_and_cached_for_a_day(nginx, path, kind):
    response = http_get(nginx, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == kind
    assert response.getheader("Cache-Control") == "max-age=86400"


def test_link_preview_pictures_are_served_as_png(nginx, site):
    page = (site / "de/index.html").read_text(encoding="utf-8")
    [image] = re.findall(r'<meta property="og:image" content="([^"]+)"', page)
    response = http_get(nginx, urlsplit(image).path)
    assert response.status == 200
    assert response.getheader("Content-Type") == "image/png"
    assert response.body.startswith(b"\x89PNG")
