"""The consultant activity and wellbeing-course lists' pages in Django's cache (the shared
``trivsel.schools.caching.DataCache``; how versions, keys and reader scopes work is told there).

What the lists (their counts, their rows, the search form's choices) show is computed from
activities and their challenge tags, wellbeing courses (held sessions are activities), the
schools, classes and consultants they are shown with, and the half-years the form offers;
``signals.py`` watches those models.
"""

from __future__ import annotations

from trivsel.schools.caching import TIMEOUT, DataCache, reader_scope

data = DataCache("consultants")

__all__ = ["TIMEOUT", "data", "reader_scope"]
