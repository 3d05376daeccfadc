"""The Headspace talk list's pages in Django's cache (the shared
``trivsel.schools.caching.DataCache``; how versions, keys and reader scopes work is told there).

A page of the list (its count and written rows) is computed from the talks, their classes and
schools and the current school year; ``connect`` watches those models. Bulk writes send no
signals: the demo seed bumps every family (``seed_demo``), the school-year services call
``bump_all_on_commit``; the reminder task's plain UPDATE only stamps ``reminder_sent_at``,
which the list does not show.
"""

from __future__ import annotations

from trivsel.schools.caching import TIMEOUT, DataCache, reader_scope

data = DataCache("headspace")

__all__ = ["TIMEOUT", "connect", "data", "reader_scope"]


def connect() -> None:
    from trivsel.schools.models import School, SchoolClass, SchoolYear

    from .models import Talk

    data.watch((Talk, SchoolClass, School, SchoolYear))
