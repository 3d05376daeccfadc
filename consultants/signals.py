"""Writes that change what the cached activity and course lists show bump their data version
(``caching``).

Activities and wellbeing courses (their held sessions are activities); the challenge tags,
schools, classes and half-years they are shown with or filtered by; users (a consultant's
name) — except a login, which only stamps ``last_login``. Saves and deletes (also through the
admin) send signals; bulk writes do not — the demo seed bumps itself (``demo.seed``), and any
future bulk write to these tables must call ``caching.data.bump_on_commit``.

An activity's tags are not watched: listening to ``m2m_changed`` would cost every ``tags.add``
a query (Django then reads the existing links first), one more per synced activity. Tags are
only ever written together with their activity's save, in one transaction (``services.
activity_record``, ``views.ActivityUpdateView``, the admin's change form), whose commit bumps
the version; a new path that changes tags alone must call ``caching.data.bump_on_commit``.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from trivsel.schools.models import Period, School, SchoolClass, User

from .caching import data
from .models import Activity, ChallengeTag, WellbeingCourse

MODELS = (Activity, WellbeingCourse, ChallengeTag, School, SchoolClass, Period)


def _user_saved(update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a login: no name changed
    data.bump_on_commit()


def connect() -> None:
    data.watch(MODELS)
    post_save.connect(_user_saved, sender=User, dispatch_uid="consultants-data-version-user-save")
    post_delete.connect(
        data.bump_on_commit, sender=User, dispatch_uid="consultants-data-version-user-delete"
    )
