"""STOPGAP until ``trivsel.schools.locking`` (issue 3, branch ``blocks``) is on main — then delete
this module and import that one: the call sites use the same shape, ``lock(*keys)`` inside
``transaction.atomic()``, ``LockTimeout`` and a ``checkpoint(name)`` test hook between recount and
write.

«Lock, recount, write»: a PostgreSQL transaction-level advisory lock per key, with a short
``lock_timeout`` so a stuck lock gives a clear Danish message instead of a hanging page. No-op on
SQLite (one writer at a time anyway).
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable, Iterator

from django.db import OperationalError, connection
from django.utils.translation import gettext_lazy as _

LOCK_TIMEOUT_MS = 3000

_hooks: dict[str, Callable[[], None]] = {}
_enabled = True


class LockTimeout(Exception):
    message = _("Systemet er optaget af en anden, der gemmer det samme lige nu. Prøv igen om lidt.")

    def __str__(self) -> str:
        return str(self.message)


def _key(part: object) -> int:
    # a stable signed 32-bit key per part (Python's hash() differs between processes)
    return zlib.crc32(str(part).encode()) - 2**31


def lock(*keys: object) -> None:
    """Take an advisory lock for ``keys`` until the surrounding transaction ends."""
    if not _enabled or connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("lock() must be called inside transaction.atomic()")
    name, *rest = keys
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}")
        try:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [_key(name), _key(":".join(map(str, rest)))]
            )
        except OperationalError as exc:  # lock_timeout: psycopg's LockNotAvailable
            raise LockTimeout from exc


def checkpoint(name: str) -> None:
    """Between recount and write: tests park threads here to force the race."""
    hook = _hooks.get(name)
    if hook is not None:
        hook()


@contextlib.contextmanager
def test_hook(name: str, fn: Callable[[], None]) -> Iterator[None]:
    _hooks[name] = fn
    try:
        yield
    finally:
        _hooks.pop(name, None)


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """For the control test only: shows the race that ``lock`` prevents."""
    global _enabled
    _enabled = False
    try:
        yield
    finally:
        _enabled = True
