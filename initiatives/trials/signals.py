"""Writes that change what the cached trials pages show bump the data version (``caching``).

Trial actions and their themes and classes; the schools, classes, themes, school years and
half-years they are shown with or filtered by. Saves and deletes (also through the admin) and
many-to-many changes send signals; bulk writes do not — the demo seed bumps itself
(``demo.seed``), and any future bulk write to these tables must call ``caching.bump_on_commit``.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from trivsel.schools.models import Period, School, SchoolClass, SchoolYear

from .caching import bump_on_commit
from .models import Theme, TrialAction

MODELS = (TrialAction, Theme, School, SchoolClass, SchoolYear, Period)
RELATIONS = (TrialAction.themes.through, TrialAction.classes.through)


def _relation_changed(action: str, **kwargs) -> None:
    if action.startswith("post_"):  # post_add, post_remove, post_clear
        bump_on_commit()


def connect() -> None:
    for model in MODELS:
        uid = f"trials-data-version-{model._meta.label_lower}"
        post_save.connect(bump_on_commit, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_on_commit, sender=model, dispatch_uid=f"{uid}-delete")
    for through in RELATIONS:
        m2m_changed.connect(
            _relation_changed,
            sender=through,
            dispatch_uid=f"trials-data-version-{through.__name__}",
        )
