"""The conference admin's counts in Django's cache (the shared ``trivsel.schools.caching.DataCache``).

What the registration list shows above its rows — the day table's counts, the counts per
organisation/school and per participant kind, the filter form (its organisations and days) and
the number of registrations the pager counts — and the names of the organisations, schools and
classes its rows are shown with are computed from registrations, their day bookings, the event,
its days and organisations, and the organisations', schools' and classes' names; ``signals.py`` watches
those models. The rows themselves are read from the database on every request: they hold
personal data (minors' among them) that a retention or erasure must remove at once, and every read
of a pupil's row goes to the read log. How versions and keys work is told in
``trivsel/schools/caching.py``.
"""

from __future__ import annotations

from trivsel.schools.caching import DataCache, reader_scope

data = DataCache("conference")

__all__ = ["data", "reader_scope"]
