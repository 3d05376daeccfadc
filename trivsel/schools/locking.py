"""Locks for capacity and budgets: «lock, recount, write» inside one transaction.

A write that must hold an invariant (at most K seats, no more money than the budget) does three
things inside one ``transaction.atomic()``, in this order::

    from trivsel.schools import locking

    @transaction.atomic
    def registration_create(*, event, participant) -> Registration:
        locking.lock("conference.event", event.pk)   # 1. lock: one writer per event at a time
        taken = event.registrations.count()          # 2. recount *after* the lock, never before
        locking.checkpoint("registration_create")    #    (a no-op, except in the race tests)
        if taken >= event.capacity:
            raise ValidationError(_("Arrangementet er fuldt."))
        return Registration.objects.create(...)      # 3. write; the lock ends with the transaction

Two ways to lock:

* ``lock(kind, *ids)`` — PostgreSQL advisory transaction locks on ``"kind:id"`` keys. Use it for
  «count the children, then insert one» (there is no row to lock for a row that does not exist
  yet). Several ids are locked in sorted order, so two writers never deadlock on them.
* ``lock_rows(queryset)`` — ``SELECT … FOR UPDATE`` ordered by pk, evaluated at once; use it when
  the invariant lives on rows that exist (an allocation's amount, a budget row). ``lock_row`` is
  the same for one row, re-read under the lock.

Both set ``lock_timeout`` (``settings.LOCK_TIMEOUT_MS``) for the rest of the transaction: a writer
waits that long, then gets ``LockTimeout`` (a Danish «try again» message for the user) instead of
hanging a web worker. Let ``LockTimeout`` leave the atomic block (the transaction is aborted); a
view may catch it outside and show ``str(error)``.

The race itself is proven in ``tests/schools/test_locking.py`` (threads meeting at a barrier).

The test hook: services call ``checkpoint(name)`` between recount and write. It does nothing unless
a test sets the module attribute ``before_write`` to a callable taking the name — e.g. a
``threading.Barrier``'s ``wait`` — so N threads meet exactly where a race would hurt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.db.transaction import TransactionManagementError
from django.utils.translation import gettext_lazy as _

DEFAULT_LOCK_TIMEOUT_MS = 3000
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for lock_timeout

# Test hook: called by checkpoint(name) between recount and write. None in production.
before_write: Callable[[str], object] | None = None


class LockTimeout(Exception):
    """The lock was not free within ``settings.LOCK_TIMEOUT_MS``; the user may simply retry."""

    message = _("Systemet er optaget lige nu. Prøv igen om et øjeblik.")

    def __str__(self) -> str:
        return str(self.message)


def key_id(key: str) -> int:
    """A stable signed 64-bit number for a lock key (the same in every process and release)."""
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock(kind: str, *ids: int | str) -> None:
    """Take advisory transaction locks on ``"kind:id"`` for each id (on ``kind`` itself if no id
    is given), in a fixed order. Must be called inside ``transaction.atomic()``."""
    keys = [f"{kind}:{i}" for i in ids] if ids else [kind]
    lock_keys(*keys)


def lock_keys(*keys: str) -> None:
    """Like ``lock`` for full keys of different kinds, taken together in one sorted order."""
    _require_atomic()
    numbers = sorted({key_id(k) for k in keys})
    with _timeout_as_lock_timeout(), connection.cursor() as cursor:
        _set_lock_timeout(cursor)
        for number in numbers:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def lock_rows(queryset: QuerySet) -> list:
    """``SELECT … FOR UPDATE`` on the queryset's rows (only the model's own table), ordered by pk
    so concurrent writers lock in the same order; returns the locked objects. Inside atomic."""
    _require_atomic()
    locked = queryset.select_for_update(of=("self",)).order_by("pk")
    with _timeout_as_lock_timeout():
        with connection.cursor() as cursor:
            _set_lock_timeout(cursor)
        return list(locked)


def lock_row(queryset: QuerySet):
    """The one row of ``queryset`` (filtered by its pk), locked as ``lock_rows`` locks it; the
    model's ``DoesNotExist`` if it is gone. Inside atomic."""
    rows = lock_rows(queryset)
    if not rows:
        raise queryset.model.DoesNotExist(f"{queryset.model._meta.object_name} is gone")
    return rows[0]


def checkpoint(name: str) -> None:
    """Marks the spot between recount and write. Does nothing unless a test set ``before_write``."""
    hook = before_write
    if hook is not None:
        hook(name)


def _require_atomic() -> None:
    if not connection.in_atomic_block:
        raise TransactionManagementError(
            "locking: call lock()/lock_rows() inside transaction.atomic(); the lock ends with it"
        )


def _set_lock_timeout(cursor) -> None:
    ms = int(getattr(settings, "LOCK_TIMEOUT_MS", DEFAULT_LOCK_TIMEOUT_MS))
    # set_config(..., true) is SET LOCAL: it ends with the transaction, like the locks
    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{ms}ms"])


class _timeout_as_lock_timeout:
    """Turns PostgreSQL's «lock not available» into ``LockTimeout``; other errors pass through."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if (
            exc_type is not None
            and issubclass(exc_type, OperationalError)
            and getattr(exc.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE
        ):
            raise LockTimeout() from exc
        return False


def update_rows(queryset: QuerySet, **values) -> int:
    """``queryset.update(**values)`` waiting for row locks no longer than ``lock``/``lock_rows``;
    returns the number of rows. For a compare-and-set (filter on the value expected, zero rows:
    someone changed it first). Inside atomic."""
    _require_atomic()
    with _timeout_as_lock_timeout():
        with connection.cursor() as cursor:
            _set_lock_timeout(cursor)
        return queryset.update(**values)
