"""One way to read a JSON body: the size limit before reading, one strict schema, 400/413 JSON.
A test grep keeps every endpoint on it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory

from trivsel.schools import jsonbody
from trivsel.schools.jsonbody import IsoDate, Schema


class Entry(Schema):
    name: str
    count: int = 0
    on: IsoDate | None = None


def request_with(body: bytes, **meta):
    return RequestFactory().post("/", data=body, content_type="application/json", **meta)


def test_it_reads_a_body_that_fits_the_schema():
    entry = jsonbody.parse(
        request_with('{"name": "Ærø", "count": 2, "on": "2024-01-15"}'.encode()),
        Entry,
        max_bytes=100,
    )
    assert (entry.name, entry.count, entry.on) == ("Ærø", 2, "2024-01-15")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b'{"name": 5}', "name"),
        (b'{"name": "x", "count": "5"}', "count"),
        (b'{"name": "x", "count": true}', "count"),
        (b'{"name": "x", "count": 1.5}', "count"),
        (b'{"name": "x", "on": "15-01-2024"}', "on"),
        (b'{"name": "x", "on": 20240115}', "on"),
        (b'{"name": "x", "colour": "blue"}', "colour"),
        (b"{}", "name"),
    ],
)
def test_a_wrong_type_an_unknown_or_a_missing_field_is_named(body, field):
    with pytest.raises(jsonbody.JsonBodyError) as raised:
        jsonbody.parse(request_with(body), Entry, max_bytes=100)
    assert raised.value.status == 400
    assert field in raised.value.errors
    response = raised.value.response()
    assert response.status_code == 400 and response["Content-Type"] == "application/json"


@pytest.mark.parametrize("body", [b"ikke json", b"[1, 2]", b"7", b"\xff\xfe"])
def test_a_body_that_is_no_object_is_unreadable(body):
    with pytest.raises(jsonbody.JsonBodyError) as raised:
        jsonbody.parse(request_with(body), Entry, max_bytes=100)
    assert raised.value.status == 400 and not raised.value.errors
    assert "ugyldig JSON" in str(raised.value.message)


def test_a_body_over_the_limit_is_413_whether_or_not_its_length_is_declared():
    declared = request_with(b'{"name": "' + b"x" * 200 + b'"}')
    with pytest.raises(jsonbody.JsonBodyError) as raised:
        jsonbody.parse(declared, Entry, max_bytes=100)
    assert raised.value.status == 413
    assert raised.value.response().status_code == 413
    understated = request_with(b'{"name": "' + b"x" * 200 + b'"}', CONTENT_LENGTH="10")
    understated.META["CONTENT_LENGTH"] = "50"
    with pytest.raises(jsonbody.JsonBodyError) as raised:
        jsonbody.read_limited(understated, 40)
    assert raised.value.status == 413


def test_no_view_reads_a_request_body_but_through_jsonbody():
    root = Path(settings.BASE_DIR)
    reads = re.compile(r"request\.body|json\.loads\(request|request\.read\(")
    offenders = [
        str(path.relative_to(root))
        for folder in ("trivsel", "initiatives", "consultants", "conference")
        for path in (root / folder).rglob("*.py")
        if path.name != "jsonbody.py" and reads.search(path.read_text())
    ]
    assert offenders == []
