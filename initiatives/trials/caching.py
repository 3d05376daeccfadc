"""Computed trials pages in Django's cache, under one data version.

What the coverage (schools × themes) and the list's filter choices show is computed from trial
actions (their themes, classes, status, dates), schools, classes, themes, school years and
half-years. Every write to one of those bumps the **data version** (``signals.py``, after the
transaction commits); every cached value is stored under the version it was computed from, so a
bump makes all of them unreachable at once and they are recomputed on the next read.

Cached values are also keyed by **what the reader may see**: ``reader_scope`` turns the access
module's own filters for the reader (``access.filter_q``) into part of the key, so two readers
share an entry exactly when access gives them the same rows (a coordinator and a leader see every
school; a staff member only their own).

The version is a random token, not a counter: when it is missing (a fresh or flushed cache, or
evicted) a new token is made, which can never match an older entry. Keys name the database, so
two databases sharing one Redis (the benchmark's 1× and 10×) never read each other's entries.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

from trivsel.schools import access

TIMEOUT = 24 * 60 * 60  # a day: entries are dropped by version long before; this only bounds memory


def _db() -> str:
    return hashlib.sha256(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:8]


def _version_key() -> str:
    return f"trials:data-version:{_db()}"


def version(request=None) -> str:
    """The current data version (made if there is none); read once per ``request``."""
    if request is not None:
        if not hasattr(request, "_trials_data_version"):
            request._trials_data_version = version()
        return request._trials_data_version
    key = _version_key()
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, None)
        current = cache.get(key)
    return current


def bump() -> None:
    """A new data version: everything cached so far is out of date."""
    cache.set(_version_key(), uuid.uuid4().hex, None)


def forget() -> None:
    """Drop the data version, so nothing cached so far is read again (tests start with this)."""
    cache.delete(_version_key())


def bump_on_commit(**_signal_kwargs) -> None:
    """Bump once the current transaction has committed (at once outside a transaction): a reader
    never caches data older than the version it is stored under."""
    transaction.on_commit(bump)


def reader_scope(user, *targets: tuple[Any, str]) -> str:
    """What ``user`` may see of each ``(model, action)``, as the access module decides it: a
    stable text made from ``access.filter_q`` (``None`` = everything, else the Q with its ids)."""
    return "|".join(repr(access.filter_q(user, model, action)) for model, action in targets)


def key(name: str, *vary: Any, language: bool = False, request=None) -> str:
    """The cache key of ``name`` for ``vary`` (and the active language when the value holds
    translated text), under the current data version (as ``request`` read it)."""
    parts = [name, *map(str, vary)]
    if language:
        parts.append(translation.get_language() or "")
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"trials:{name}:{_db()}:{version(request)}:{digest}"


def cached(
    name: str, build: Callable[[], Any], *vary: Any, language: bool = False, request=None
) -> Any:
    """``build()``, cached under ``key(name, *vary, ...)``."""
    cache_key = key(name, *vary, language=language, request=request)
    value = cache.get(cache_key)
    if value is None:
        value = build()
        cache.set(cache_key, value, TIMEOUT)
    return value
