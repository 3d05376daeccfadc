"""Data-subject requests (GDPR art. 15 and 17): what the portal holds about one person, as a
file, and erasure/anonymisation where the law allows.

A person is a login (``Person(user=...)``, which also covers their staff record and what carries
their e-mail address) or someone without a login, found by e-mail (``Person(email=...)``: a
conference registrant, a staff record without a login).

Each app may have a ``subject.py`` beside its models, discovered at start-up like
``retention.py``, so this module imports no app. Every function is optional:

- ``export(person) -> {section title: [row dict, ...]}`` — what the app holds (JSON-able values);
- ``records(person) -> [queryset, ...]`` — the person's records, whose reads (from the read log)
  the export lists with their dates and purposes;
- ``plan(person) -> [dict(what=, count=, erased=, kept=), ...]`` — what an erasure would erase
  and what it keeps, with counts, in Danish, for the confirmation page (an ``Item`` each);
- ``erase(person) -> {what: count}`` — erases/anonymises, rows AND their change history.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from openpyxl import Workbook

from trivsel.schools import readlog
from trivsel.schools.exports import xml_text
from trivsel.schools.models import ReadLogEntry
from trivsel.schools.privacy import is_sensitive_kind

PROVIDERS: list = []
READS_SECTION = "Læsninger af oplysninger om personen"


@dataclass(frozen=True)
class Person:
    """The subject of a request: a login, or an e-mail address (someone without a login)."""

    user: object | None = None
    email: str = ""

    def __post_init__(self):
        if self.user is None and not self.email:
            raise ValueError("a person is a login or an e-mail address")
        object.__setattr__(self, "email", self.email.strip().lower())

    @property
    def emails(self) -> set[str]:
        """Every address the person is known by: the login's and its staff record's, or the one
        searched for."""
        if self.user is None:
            return {self.email}
        found = {self.user.email.strip().lower()} if self.user.email else set()
        staff = (
            type(self.user)
            .objects.filter(pk=self.user.pk)
            .exclude(staff_profile__email="")
            .values_list("staff_profile__email", flat=True)
            .first()
        )
        if staff:
            found.add(staff.strip().lower())
        return found

    def __str__(self) -> str:
        if self.user is not None:
            return self.user.get_full_name() or self.user.get_username()
        return self.email


@dataclass
class Item:
    """One line of the erasure plan: ``count`` records of ``what``; ``erased`` says what goes,
    ``kept`` what stays and why (both Danish, shown to the coordinator)."""

    what: str
    count: int
    erased: str = ""
    kept: str = ""


def autodiscover() -> None:
    PROVIDERS.clear()
    for config in apps.get_app_configs():
        name = f"{config.name}.subject"
        if find_spec(config.name) is not None and find_spec(name) is not None:
            PROVIDERS.append(import_module(name))


def _each(function: str):
    for provider in PROVIDERS:
        if hasattr(provider, function):
            yield getattr(provider, function)


def collect(person: Person, *, actor=None) -> dict[str, list[dict]]:
    """Everything the providers hold about ``person``, plus the reads of their records (dates and
    purposes). With ``actor``, the export is itself logged as a read of each sensitive record."""
    found: dict[str, list[dict]] = {}
    for export in _each("export"):
        for title, rows in export(person).items():
            found.setdefault(title, []).extend(rows)
    querysets = [qs for records in _each("records") for qs in records(person)]
    found[READS_SECTION] = _reads_of(querysets)
    if actor is not None:
        for qs in querysets:
            if is_sensitive_kind(qs.model):
                readlog.log_reads(actor, list(qs), "export")
    return found


def _reads_of(querysets) -> list[dict]:
    """The read log's entries for these records: when, which record, why, by whom."""
    rows = []
    for qs in querysets:
        content_type = ContentType.objects.get_for_model(qs.model)
        entries = ReadLogEntry.objects.filter(
            content_type=content_type, object_id__in=qs.values("pk")
        ).order_by("at", "pk")
        rows.extend(
            {
                "tidspunkt": e.at.isoformat(),
                "post": e.object_label,
                "formål": e.purpose,
                "læst af": e.username,
            }
            for e in entries
        )
    return sorted(rows, key=lambda r: r["tidspunkt"])


def plan(person: Person) -> list[Item]:
    return [Item(**item) for make in _each("plan") for item in make(person) if item["count"]]


def can_erase(actor, person: Person) -> bool:
    user = person.user
    return user is None or (not user.is_superuser and user.pk != actor.pk)


@transaction.atomic
def subject_erase(*, actor, person: Person) -> dict[str, int]:
    """Anonymises ``person`` everywhere a provider knows of; returns counts per kind of record.
    The apps come before the shared model, which erases the login (and so the addresses the other
    apps find the person by) last."""
    if not can_erase(actor, person):
        raise PermissionError("a superuser or oneself cannot be erased here")
    counts: dict[str, int] = {}
    erasers = list(_each("erase"))
    shared = [e for e in erasers if e.__module__ == "trivsel.schools.subject"]
    for erase in [e for e in erasers if e not in shared] + shared:
        for what, n in erase(person).items():
            counts[what] = counts.get(what, 0) + n
    return counts


def as_json(data: dict[str, list[dict]]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def as_xlsx(data: dict[str, list[dict]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in data.items():
        sheet = book.create_sheet(xml_text(title)[:31])
        headers = list(dict.fromkeys(h for row in rows for h in row))
        sheet.append([_cell(h) for h in headers])
        for row in rows:
            sheet.append([_cell(row.get(h)) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    if value is None or isinstance(value, int | float | bool):
        return value
    text = xml_text(str(value))  # stored text may hold characters xlsx refuses
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # no formulas from data
