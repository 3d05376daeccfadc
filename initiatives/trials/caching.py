"""Computed trials pages in Django's cache (the shared ``trivsel.schools.caching.DataCache``).

What the coverage (schools × themes), the trial-action list's pages and its filter form show is
computed from trial actions (their themes, classes, status, dates), schools, classes, themes,
school years and half-years; ``signals.py`` watches those models. How versions, keys and reader
scopes work is told in ``trivsel/schools/caching.py``.
"""

from __future__ import annotations

from trivsel.schools.caching import TIMEOUT, DataCache, reader_scope

data = DataCache("trials")

__all__ = ["TIMEOUT", "data", "reader_scope"]
