"""JSON request bodies, read one way: a size limit (413 before the body is read), then strict
validation against one declared pydantic schema (400 naming each field that is wrong: a wrong
type, an unknown field, a missing one). Every JSON endpoint of the portal reads its body through
``parse`` and answers ``JsonBodyError.response()``; none calls ``json.loads`` itself.

Strict means no quiet coercion: ``"maybe"`` is no boolean, ``"3"`` no number, an object no text.
Dates, times and UUIDs are JSON strings in their ISO form (``IsoDate``, ``IsoTime``).
"""

from __future__ import annotations

import functools
import re
from datetime import date, time
from typing import Annotated, Any

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator, BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

UNREADABLE = _("Indholdet kunne ikke læses (ugyldig JSON).")
TOO_LARGE = _("Indholdet er for stort.")

# pydantic's error types -> a Danish message for the field (the rest: «Ugyldig værdi.»)
MESSAGES = {
    "extra_forbidden": _("Ukendt felt."),
    "missing": _("Feltet mangler."),
    "int_type": _("Skal være et helt tal."),
    "int_parsing": _("Skal være et helt tal."),
    "int_from_float": _("Skal være et helt tal."),
    "greater_than_equal": _("Tallet er for lille."),
    "less_than_equal": _("Tallet er for stort."),
    "string_type": _("Skal være tekst."),
    "bool_type": _("Skal være true eller false."),
    "list_type": _("Skal være en liste."),
    "too_long": _("For mange elementer."),
    "model_type": _("Skal være et objekt."),
    "dict_type": _("Skal være et objekt."),
    "date_type": _("Datoen er ugyldig (ÅÅÅÅ-MM-DD)."),
    "date_parsing": _("Datoen er ugyldig (ÅÅÅÅ-MM-DD)."),
    "date_from_datetime_parsing": _("Datoen er ugyldig (ÅÅÅÅ-MM-DD)."),
    "date_from_datetime_inexact": _("Datoen er ugyldig (ÅÅÅÅ-MM-DD)."),
    "time_type": _("Klokkeslættet er ugyldigt (TT:MM)."),
    "time_parsing": _("Klokkeslættet er ugyldigt (TT:MM)."),
    "uuid_type": _("Id'et er ugyldigt."),
    "uuid_parsing": _("Id'et er ugyldigt."),
    "uuid_version": _("Id'et er ugyldigt."),
}
INVALID = _("Ugyldig værdi.")


class Schema(BaseModel):
    """The base of every request schema: strict types, no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid")


def _iso(pattern: str, parse, kind: str):
    """A check that a string is a date or time in its ISO form; ``""`` (an empty input) passes
    for the form to call it missing. The value stays text: the form parses it."""
    shape = re.compile(pattern)

    def check(value: str) -> str:
        if value == "":
            return value
        try:
            if not shape.fullmatch(value):
                raise ValueError(value)
            parse(value)
        except ValueError:
            raise PydanticCustomError(f"{kind}_parsing", "invalid {kind}", {"kind": kind}) from None
        return value

    return AfterValidator(check)


IsoDate = Annotated[str, _iso(r"\d{4}-\d{2}-\d{2}", date.fromisoformat, "date")]
IsoTime = Annotated[str, _iso(r"\d{2}:\d{2}(:\d{2})?", time.fromisoformat, "time")]


class JsonBodyError(Exception):
    """A body that is too large (413) or does not fit the schema (400), with per-field errors
    keyed by the field's dotted path (``follow_ups.0.due``)."""

    def __init__(self, status: int, message, errors=None, *, body: bytes = b""):
        super().__init__(str(message))
        self.status, self.message, self.errors = status, message, errors or {}
        self.body = body  # what was read, for a log line

    def response(self, **extra) -> JsonResponse:
        body = {"status": "too_large" if self.status == 413 else "invalid"}
        body |= {"message": str(self.message), **extra}
        if self.errors:
            body["errors"] = self.errors
        return JsonResponse(body, status=self.status)


def read_limited(request, max_bytes: int) -> bytes:
    """The raw body, at most ``max_bytes``: a larger one is refused (413) before it is read
    into memory — Django's own limit would answer with an HTML 400."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:
        raise JsonBodyError(413, TOO_LARGE)
    # a middleware may have read it already; else read no more than allowed
    body = request.body if hasattr(request, "_body") else request.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise JsonBodyError(413, TOO_LARGE)
    return body


def field_errors(error: ValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for item in error.errors(include_url=False, include_input=False):
        path = ".".join(str(part) for part in item["loc"]) or "__all__"
        errors.setdefault(path, []).append(str(MESSAGES.get(item["type"], INVALID)))
    return errors


def parse(request, schema: Any, *, max_bytes: int) -> Any:
    """The request's JSON body as ``schema`` (a ``Schema`` or a type built from them, e.g. a
    union or a list), or ``JsonBodyError``."""
    body = read_limited(request, max_bytes)
    try:
        return _adapter(schema).validate_json(body, strict=True)
    except ValidationError as error:
        kinds = {item["type"] for item in error.errors()}
        if "json_invalid" in kinds or _not_an_object(error):
            raise JsonBodyError(400, UNREADABLE, body=body) from None
        raise JsonBodyError(
            400, _("Indholdet blev afvist."), field_errors(error), body=body
        ) from None


@functools.cache
def _adapter(schema) -> TypeAdapter:
    return TypeAdapter(schema)


def _not_an_object(error: ValidationError) -> bool:
    """The body is JSON, but not an object where one is expected (a list, a number)."""
    return any(not item["loc"] for item in error.errors())
