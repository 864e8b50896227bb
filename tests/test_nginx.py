"""The site as production serves it: deploy/nginx/godigital.conf in a real nginx."""

from __future__ import annotations

import gzip
import http.client

import pytest

from godigital.csp import content_security_policy

pytestmark = pytest.mark.nginx


def request(server, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_pages_are_utf8_html_revalidated_on_every_visit(nginx):
    response = request(nginx, "/de/agenda/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Cache-Control") == "no-cache"


@pytest.mark.parametrize("path", ["/calendar.ics", "/de/calendar.ics", "/events/{id}.ics", "/de/events/{id}.ics"])
def test_calendars_are_served_as_text_calendar(nginx, fixture, path):
    response = request(nginx, path.format(id=fixture.events[0].id))
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/calendar; charset=utf-8"
    assert response.getheader("Cache-Control") == "max-age=3600"
    assert response.body.startswith(b"BEGIN:VCALENDAR")


def test_calendar_pollers_get_a_304_when_nothing_changed(nginx):
    first = request(nginx, "/calendar.ics")
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert etag and modified
    assert request(nginx, "/calendar.ics", {"If-None-Match": etag}).status == 304
    assert request(nginx, "/calendar.ics", {"If-Modified-Since": modified}).status == 304


def test_html_is_compressed(nginx):
    response = request(nginx, "/", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert b"<html" in gzip.decompress(response.body)
    assert "Accept-Encoding" in response.getheader("Vary", "")


@pytest.mark.parametrize("path", ["/nulle-part/", "/de/nirgendwo/", "/agenda/unknown-event/"])
def test_a_missing_address_gets_the_bilingual_404_page(nginx, path):
    response = request(nginx, path)
    assert response.status == 404
    page = response.body.decode("utf-8")
    assert "Page introuvable" in page and "Seite nicht gefunden" in page
    assert response.getheader("Content-Security-Policy")


def test_fingerprinted_theme_files_are_cached_for_a_year_others_for_a_day(nginx, site):
    [css] = (site / "assets/stylesheets").glob("main.*.min.css")
    fingerprinted = request(nginx, "/" + css.relative_to(site).as_posix())
    assert fingerprinted.getheader("Cache-Control") == "max-age=31536000"
    assert request(nginx, "/assets/stylesheets/site.css").getheader("Cache-Control") == "max-age=86400"


@pytest.mark.parametrize("path", ["/", "/calendar.ics", "/assets/stylesheets/site.css", "/missing"])
def test_security_headers_are_on_every_response(nginx, path):
    response = request(nginx, path)
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    assert response.getheader("Content-Security-Policy").startswith("default-src 'none'")
    assert response.getheader("Server") == "nginx"  # no version


def test_the_content_security_policy_matches_the_built_site(nginx, site):
    """When Material's inline scripts change, this says which policy to put in the config."""
    served = request(nginx, "/").getheader("Content-Security-Policy")
    assert served == content_security_policy(site), "update deploy/nginx/godigital.conf with: make csp"
