"""Computed pages and overviews in Django's cache, under a data version (a shared building block,
issue 11). One ``DataCache`` per family of pages: the trials pages (``initiatives.trials.caching``),
the conference admin's counts (``conference.caching``), the role homes' cards
(``trivsel.schools.homecards``).

What such a page shows is computed from some models. Every write to one of them bumps the
family's **data version** (``watch``: saves, deletes and many-to-many changes, after the
transaction commits); every cached value is stored under the version it was computed from, so a
bump makes all of them unreachable at once and they are recomputed on the next read. A reader
never stores data older than the version it read: the version is read first, bumps happen after
commit.

Bulk writes (``QuerySet.update``, ``bulk_create``, raw SQL) send no signals: code that writes so
to a watched model calls ``bump_on_commit()`` of every family that watches it
(``bump_all_on_commit()`` does that for all of them).

Cached values are also keyed by **what the reader may see**: ``reader_scope`` turns the access
module's own filters for the reader (``access.filter_q``) into part of the key, so two readers
share an entry exactly when access gives them the same rows.

The version is a random token, not a counter: when it is missing (a fresh or flushed cache, or
evicted) a new token is made, which can never match an older entry. Keys name the database, so
two databases sharing one Redis (the benchmark's 1× and 10×) never read each other's entries.

The cache must be shared by every web process — Redis (``REDIS_URL``), as in production: a bump
reaches the other processes only through it. Without ``REDIS_URL`` the local-memory cache is
per process, which is right for ``make run`` (one process) but not for several gunicorn workers.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from . import access

TIMEOUT = 24 * 60 * 60  # a day: entries are dropped by version long before; this only bounds memory

FAMILIES: dict[str, DataCache] = {}


def _db() -> str:
    return hashlib.sha256(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:8]


class DataCache:
    """One family of cached values and its data version (see the module's text)."""

    def __init__(self, namespace: str):
        self.namespace = namespace
        self._request_attr = f"_{namespace}_data_version"
        FAMILIES[namespace] = self

    def __repr__(self) -> str:
        return f"DataCache({self.namespace!r})"

    def _version_key(self) -> str:
        return f"{self.namespace}:data-version:{_db()}"

    def version(self, request=None) -> str:
        """The current data version (made if there is none); read once per ``request``."""
        if request is not None:
            if not hasattr(request, self._request_attr):
                setattr(request, self._request_attr, self.version())
            return getattr(request, self._request_attr)
        key = self._version_key()
        current = cache.get(key)
        if current is None:
            cache.add(key, uuid.uuid4().hex, None)
            current = cache.get(key)
        return current

    def bump(self) -> None:
        """A new data version: everything cached so far is out of date."""
        cache.set(self._version_key(), uuid.uuid4().hex, None)

    def forget(self) -> None:
        """Drop the data version, so nothing cached so far is read again (tests start so)."""
        cache.delete(self._version_key())

    def bump_on_commit(self, **_signal_kwargs) -> None:
        """Bump once the current transaction has committed (at once outside a transaction): a
        reader never caches data older than the version it is stored under."""
        transaction.on_commit(self.bump)

    def _relation_changed(self, action: str, **_kwargs) -> None:
        if action.startswith("post_"):  # post_add, post_remove, post_clear
            self.bump_on_commit()

    def watch(self, models: Iterable, relations: Iterable = ()) -> None:
        """Bump on commit after every save or delete of ``models`` and every change of the
        many-to-many ``relations`` (their ``through`` models). Idempotent (dispatch uids)."""
        for model in models:
            uid = f"{self.namespace}-data-version-{model._meta.label_lower}"
            post_save.connect(self.bump_on_commit, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(self.bump_on_commit, sender=model, dispatch_uid=f"{uid}-delete")
        for through in relations:
            m2m_changed.connect(
                self._relation_changed,
                sender=through,
                dispatch_uid=f"{self.namespace}-data-version-{through._meta.label_lower}",
            )

    def key(self, name: str, *vary: Any, language: bool = False, request=None) -> str:
        """The cache key of ``name`` for ``vary`` (and the active language when the value holds
        translated text), under the current data version (as ``request`` read it)."""
        parts = [name, *map(str, vary)]
        if language:
            parts.append(translation.get_language() or "")
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
        return f"{self.namespace}:{name}:{_db()}:{self.version(request)}:{digest}"

    def cached(
        self, name: str, build: Callable[[], Any], *vary: Any, language: bool = False, request=None
    ) -> Any:
        """``build()``, cached under ``key(name, *vary, ...)``."""
        cache_key = self.key(name, *vary, language=language, request=request)
        value = cache.get(cache_key)
        if value is None:
            value = build()
            cache.set(cache_key, value, TIMEOUT)
        return value


def reader_scope(user, *targets: tuple[Any, str]) -> str:
    """What ``user`` may see of each ``(model, action)``, as the access module decides it: a
    stable text made from ``access.filter_q`` (``None`` = everything, else the Q with its ids)."""
    return "|".join(repr(access.filter_q(user, model, action)) for model, action in targets)


def forget_all() -> None:
    """Every family forgets its version (tests start so)."""
    for family in FAMILIES.values():
        family.forget()


def bump_all_on_commit() -> None:
    """After a bulk write (seed_demo, imports): every family's cache is out of date on commit."""
    for family in FAMILIES.values():
        family.bump_on_commit()
