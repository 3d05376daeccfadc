"""Writes that change what the cached trials pages show bump the data version (``caching``).

Trial actions and their themes and classes; the schools, classes, themes, school years and
half-years they are shown with or filtered by. Saves and deletes (also through the admin) and
many-to-many changes send signals; bulk writes do not — the demo seed bumps itself
(``demo.seed``), and any future bulk write to these tables must call ``caching.data.bump_on_commit``.
"""

from __future__ import annotations

from trivsel.schools.models import Period, School, SchoolClass, SchoolYear

from .caching import data
from .models import Theme, TrialAction

MODELS = (TrialAction, Theme, School, SchoolClass, SchoolYear, Period)
RELATIONS = (TrialAction.themes.through, TrialAction.classes.through)


def connect() -> None:
    data.watch(MODELS, RELATIONS)
