"""Deletion deadlines (slettefrister): one period per kind of record (``settings.RETENTION_DAYS``),
enforced by the nightly Celery beat job and ``manage.py apply_retention``.

Each app may have a ``retention.py`` beside its models with a dict ``RETENTION = {kind: hook}``;
``hook(cutoff: datetime) -> int`` deletes or anonymises what is older than ``cutoff`` and returns how
many records it touched. ``kind`` is a key of ``RETENTION_DAYS``. Discovered at start-up like the
status-note sections, so this module imports no app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.db import transaction

from trivsel.schools import clock

HOOKS: dict[str, list[tuple[str, Callable[[datetime], int]]]] = {}


def autodiscover() -> None:
    HOOKS.clear()
    for config in apps.get_app_configs():
        name = f"{config.name}.retention"
        if find_spec(config.name) is None or find_spec(name) is None:
            continue
        module = import_module(name)
        for kind, hook in getattr(module, "RETENTION", {}).items():
            if kind not in settings.RETENTION_DAYS:
                raise LookupError(f"{name}: unknown retention kind {kind!r} (RETENTION_DAYS)")
            HOOKS.setdefault(kind, []).append((config.label, hook))


def apply(now: datetime | None = None) -> dict[str, int | None]:
    """Runs every hook with its kind's cutoff. ``{kind: records touched}``; None for a kind no
    installed app handles (yet)."""
    now = now or clock.now()
    result: dict[str, int | None] = {}
    for kind, days in settings.RETENTION_DAYS.items():
        hooks = HOOKS.get(kind)
        if not hooks:
            result[kind] = None
            continue
        cutoff = now - timedelta(days=days)
        with transaction.atomic():
            result[kind] = sum(hook(cutoff) for _label, hook in hooks)
    return result
