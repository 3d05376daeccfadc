"""The Headspace talk list's pages and the coverage overview in Django's cache (the shared
``trivsel.schools.caching.DataCache``; how versions, keys and reader scopes work is told there).

A page of the list (its count and written rows) and the coverage are computed from the talks,
their classes and schools, the current school year and its target grade; ``connect`` watches
those models. Bulk writes send no
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

    from .models import Talk, TargetGrade

    data.watch((Talk, TargetGrade, SchoolClass, School, SchoolYear))
