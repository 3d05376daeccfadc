"""What browsers and robots ask for at the site's root is there, for everyone, without a login."""

from django.test import Client


def test_the_favicon_is_served_at_the_root(db):
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file's header


def test_robots_are_asked_not_to_index_the_portal(db):
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "Disallow: /" in text.splitlines()
