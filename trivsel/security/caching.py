"""The change log's pages in Django's cache (the shared ``trivsel.schools.caching.DataCache``; how
versions and keys work is told there).

What the change log shows is computed from the history tables of every tracked model (and the
usernames of who made the changes, whose own changes are history rows of users too). Every new
history row is saved with ``Model.save`` by django-simple-history, so watching the history
models bumps the version on every change anywhere. Bulk writes that make or rewrite history rows
without signals (``bulk_create_with_history``, the erasures' plain UPDATEs in
``trivsel.schools.privacy`` and ``subject``) call ``bump_all_on_commit``.

Everyone who may open the change log sees all of it (``page:changelog``), so entries are kept
apart by filters, page and language only.
"""

from __future__ import annotations

from trivsel.schools.caching import TIMEOUT, DataCache

data = DataCache("changelog")

__all__ = ["TIMEOUT", "connect", "data"]


def connect() -> None:
    from . import history

    data.watch([history.history_model(model) for model in history.tracked_models().values()])
