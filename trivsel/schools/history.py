"""Change history dated by the portal's clock.

simple_history dates each entry with ``timezone.now()``, the machine's time. The portal's own
«now» is ``clock.now()``: under the demo clock that is the demo day, so the history the pages show
(and what «as of» reads from it) agrees with everything else the demo records. A date the caller
set on purpose (``instance._history_date``, as the demo's seeding does) stands.
"""

from __future__ import annotations

from simple_history.models import HistoricalRecords as _SimpleHistory

from trivsel.schools import clock


class HistoricalRecords(_SimpleHistory):
    def create_historical_record(self, instance, history_type, using=None):
        if hasattr(instance, "_history_date"):
            return super().create_historical_record(instance, history_type, using)
        instance._history_date = clock.now()
        try:
            return super().create_historical_record(instance, history_type, using)
        finally:
            del instance._history_date
