"""The Åben Skole money overview in Django's cache (the shared ``trivsel.schools.caching``
``DataCache``; how versions and keys work is told there).

The overview's per-school and per-partner tables are two GROUP BY queries whose building and
compiling cost more CPU than the rest of the page (~3.5 ms at 10×). They are computed from
applications (school, offer, amounts, status), their reports, the offers' partners and the
schools' and partners' names; every save or delete of those bumps the data version (``connect``,
from the app's ``ready``). Bulk writes send no signals: the demo seed bumps itself, and any
future bulk write to these tables must call ``data.bump_on_commit()``. (The only bulk write
today, ``tasks`` setting ``notified_at``, changes nothing the overview shows.) The overview is
the same for every reader allowed to see the page (it is not scoped per reader).
"""

from __future__ import annotations

from trivsel.schools.caching import DataCache
from trivsel.schools.models import Partner, School

from . import selectors
from .models import Application, Offer, Programme, Report

data = DataCache("openschool")

MODELS = (Application, Report, Offer, Partner, School)


def connect() -> None:
    data.watch(MODELS)


def money_overview(programme: Programme, request=None) -> dict:
    """``selectors.money_overview(programme)``, its two tables from the cache."""
    by_school, by_partner = data.cached(
        "money-tables",
        lambda: _tables(selectors.money_overview(programme)),
        programme.pk,
        language=True,  # «Egen aktivitet» is a name in the tables
        request=request,
    )
    return selectors.overview_from_tables(programme, by_school, by_partner)


def _tables(overview: dict) -> tuple[list[dict], list[dict]]:
    return overview["by_school"], overview["by_partner"]
