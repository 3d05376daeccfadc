"""The shared building blocks this app uses (issue 3: ``trivsel.schools.locking`` and
``trivsel.schools.readlog``), imported in one place.

TEMPORARY: until the ``blocks`` branch is merged into main, a minimal stand-in with the same API is
used (advisory lock «lock, recount, write» with the ``before_write`` test hook; reads are logged to
the ``trivsel.readlog`` logger). Once the blocks are on main this module shrinks to the imports.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.db import connection
from django.db.transaction import TransactionManagementError

try:  # pragma: no cover - depends on whether the blocks are merged
    from trivsel.schools import locking  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    locking = None

try:  # pragma: no cover
    from trivsel.schools.readlog import log_read as _shared_log_read  # type: ignore
except ImportError:  # pragma: no cover
    _shared_log_read = None

try:  # pragma: no cover
    from trivsel.schools.clock import today  # type: ignore
except ImportError:  # pragma: no cover
    from django.utils.timezone import localdate as today  # noqa: F401

try:  # pragma: no cover
    from trivsel.schools import sections as _sections  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _sections = None

readlog_logger = logging.getLogger("trivsel.readlog")


def register_section(**kwargs):
    """``sections.register`` once the blocks are merged; until then the function stays callable
    (and tested) but is not collected by a note."""
    if _sections is not None:  # pragma: no cover
        return _sections.register(**kwargs)
    return lambda func: func


class _LocalLocking:
    """The stand-in: the same calls as ``trivsel.schools.locking``."""

    before_write: Callable[[str], object] | None = None

    @staticmethod
    def _key(key: str) -> int:
        return int.from_bytes(
            hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True
        )

    def lock(self, kind: str, *ids) -> None:
        if not connection.in_atomic_block:
            raise TransactionManagementError("lock() must be called inside transaction.atomic()")
        if connection.vendor != "postgresql":
            return
        keys = [f"{kind}:{i}" for i in ids] if ids else [kind]
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', '3000ms', true)")
            for number in sorted({self._key(k) for k in keys}):
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])

    def checkpoint(self, name: str) -> None:
        if self.before_write is not None:
            self.before_write(name)


if locking is None:  # pragma: no cover
    locking = _LocalLocking()


def log_read(user, obj, purpose: str = "") -> None:
    """Every read of a grief group goes through here."""
    if _shared_log_read is not None:  # pragma: no cover
        _shared_log_read(user, obj, purpose)
        return
    readlog_logger.info(
        "read %s:%s by user %s (%s)",
        obj._meta.label_lower,
        obj.pk,
        getattr(user, "pk", None),
        purpose,
    )
