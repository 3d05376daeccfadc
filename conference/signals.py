"""Writes that change what the conference admin's cached counts show bump the data version
(``caching``).

Registrations and their day bookings (sign-up, cancellation, change of days, promotion from the
waiting list, consent, check-in: all ``save()`` in ``services``), the events, their days and
organisations, and the organisations, schools and classes whose names the rows show. Saves and
deletes (also through the admin, and cascades) and many-to-many changes send signals; bulk
writes do not — the anonymisers (``retention``), the e-mail tasks' time stamps (``tasks``) and the demo seed
(``demo``) bump themselves, and any future bulk write to these tables must call
``caching.data.bump_on_commit``.
"""

from __future__ import annotations

from trivsel.schools.models import Organisation, School, SchoolClass

from .caching import data
from .models import DayBooking, Event, EventDay, Registration

MODELS = (Registration, DayBooking, Event, EventDay, Organisation, School, SchoolClass)
RELATIONS = (Event.organisations.through,)


def connect() -> None:
    data.watch(MODELS, RELATIONS)
