"""Data-subject requests (GDPR art. 15 and 17): what the portal holds about one person, as a
file, and erasure/anonymisation where the law allows.

Each app may have a ``subject.py`` beside its models with
``export(user) -> {section title: [row dict, ...]}`` and ``erase(user) -> {what: count}``;
discovered at start-up, so this module imports no app. Rows hold JSON-able values only.
"""

from __future__ import annotations

import io
import json
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction
from openpyxl import Workbook

PROVIDERS: list = []


def autodiscover() -> None:
    PROVIDERS.clear()
    for config in apps.get_app_configs():
        name = f"{config.name}.subject"
        if find_spec(config.name) is not None and find_spec(name) is not None:
            PROVIDERS.append(import_module(name))


def collect(user) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for provider in PROVIDERS:
        found.update(provider.export(user))
    return found


def can_erase(actor, user) -> bool:
    return not user.is_superuser and user.pk != actor.pk


@transaction.atomic
def subject_erase(*, actor, user) -> dict[str, int]:
    """Anonymises ``user`` everywhere a provider knows of; returns counts per kind of record."""
    if not can_erase(actor, user):
        raise PermissionError("a superuser or oneself cannot be erased here")
    counts: dict[str, int] = {}
    for provider in PROVIDERS:
        if hasattr(provider, "erase"):
            for what, n in provider.erase(user).items():
                counts[what] = counts.get(what, 0) + n
    return counts


def as_json(data: dict[str, list[dict]]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def as_xlsx(data: dict[str, list[dict]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in data.items():
        sheet = book.create_sheet(title[:31])
        headers = list(rows[0]) if rows else []
        sheet.append(headers)
        for row in rows:
            sheet.append([_cell(row.get(h)) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    if value is None or isinstance(value, int | float | bool):
        return value
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # no formulas from data
