"""«Lock, recount, write» under concurrency (CONVENTIONS #8, after pretix's concurrency tests).

A tiny capacity service over the shared model — «at most LIMIT grade-0 classes at a school in a
year» — is raced by N threads that meet at a barrier between recount and write (the
``locking.before_write`` hook). Without the lock (the control) every thread counts the same rows
and all of them write, so the invariant breaks every time; with the lock exactly LIMIT succeed and
the rest are refused. Each thread has its own database connection and closes it at the end.
"""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext, override_settings

from tests.factories import SchoolClassFactory, SchoolFactory, SchoolYearFactory
from trivsel.schools import locking
from trivsel.schools.locking import LockTimeout
from trivsel.schools.models import SchoolClass

THREADS = 8
LIMIT = 3
BARRIER_TIMEOUT = 1.0  # seconds; with the lock the threads can never all meet, so it breaks
BUSY = "Systemet er optaget lige nu. Prøv igen om et øjeblik."


class ClassesFull(Exception):
    pass


def grade0_class_create(*, school_id: int, year_id: int, letter: str, use_lock: bool = True):
    """The service under test, written the way real services are (see locking's docstring)."""
    with transaction.atomic():
        if use_lock:  # only the control switches it off
            locking.lock("test.grade0", f"{school_id}-{year_id}")
        taken = SchoolClass.objects.filter(
            school_id=school_id, school_year_id=year_id, grade=0
        ).count()
        locking.checkpoint("grade0_class_create")
        if taken >= LIMIT:
            raise ClassesFull
        return SchoolClass.objects.create(
            school_id=school_id, school_year_id=year_id, grade=0, letter=letter
        )


def race(monkeypatch, *, use_lock: bool):
    """N threads through the service at once; returns (outcomes, barrier, rows written)."""
    school, year = SchoolFactory(), SchoolYearFactory()
    barrier = threading.Barrier(THREADS)

    def meet(name):
        # with the lock the others wait for it, not at the barrier: it times out and breaks
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=BARRIER_TIMEOUT)

    monkeypatch.setattr(locking, "before_write", meet)
    outcomes: list[str] = [""] * THREADS

    def worker(i: int):
        try:
            grade0_class_create(
                school_id=school.pk, year_id=year.pk, letter="ABCDEFGH"[i], use_lock=use_lock
            )
            outcomes[i] = "created"
        except ClassesFull:
            outcomes[i] = "full"
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcomes[i] = repr(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    rows = SchoolClass.objects.filter(school=school, school_year=year, grade=0).count()
    return outcomes, barrier, rows


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_without_the_lock_the_capacity_is_broken_every_time(monkeypatch, round_):
    outcomes, barrier, rows = race(monkeypatch, use_lock=False)
    assert not barrier.broken  # all eight really were between recount and write together
    assert outcomes == ["created"] * THREADS
    assert rows == THREADS > LIMIT


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_with_the_lock_exactly_the_capacity_is_written_and_the_rest_refused(monkeypatch, round_):
    with override_settings(LOCK_TIMEOUT_MS=20_000):  # generous: the first waits for the barrier
        outcomes, barrier, rows = race(monkeypatch, use_lock=True)
    assert barrier.broken  # never two writers between recount and write at once
    assert sorted(outcomes) == ["created"] * LIMIT + ["full"] * (THREADS - LIMIT)
    assert rows == LIMIT


def _hold(target, *, started: threading.Event, release: threading.Event):
    """In another thread (its own connection): take a lock and keep it until released."""

    def run():
        try:
            with transaction.atomic():
                target()
                started.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    assert started.wait(timeout=10)
    return thread


@pytest.mark.django_db(transaction=True)
def test_a_held_advisory_lock_times_out_with_a_danish_message():
    started, release = threading.Event(), threading.Event()
    holder = _hold(lambda: locking.lock("test.busy", 1), started=started, release=release)
    try:
        with (
            override_settings(LOCK_TIMEOUT_MS=100),
            pytest.raises(LockTimeout) as raised,
            transaction.atomic(),
        ):
            locking.lock("test.busy", 1)
        assert str(raised.value) == BUSY
        with transaction.atomic():
            locking.lock("test.busy", 2)  # another key is free
    finally:
        release.set()
        holder.join(timeout=10)
    with transaction.atomic():
        locking.lock("test.busy", 1)  # released with the holder's transaction


@pytest.mark.django_db(transaction=True)
def test_a_held_row_lock_times_out_with_a_danish_message():
    klass = SchoolClassFactory()
    started, release = threading.Event(), threading.Event()
    holder = _hold(
        lambda: locking.lock_rows(SchoolClass.objects.filter(pk=klass.pk)),
        started=started,
        release=release,
    )
    try:
        with (
            override_settings(LOCK_TIMEOUT_MS=100),
            pytest.raises(LockTimeout, match="Prøv igen"),
            transaction.atomic(),
        ):
            locking.lock_rows(SchoolClass.objects.filter(pk=klass.pk))
    finally:
        release.set()
        holder.join(timeout=10)


@pytest.mark.django_db
def test_keys_are_locked_in_sorted_order_with_a_local_timeout():
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        locking.lock_keys("b:2", "a:1", "c:3", "a:1")
        with connection.cursor() as cursor:
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "3s"
    locked = [
        int(q["sql"].split("(")[1].rstrip(")"))
        for q in queries.captured_queries
        if "pg_advisory_xact_lock" in q["sql"]
    ]
    assert locked == sorted(locking.key_id(k) for k in ("a:1", "b:2", "c:3"))


@pytest.mark.django_db(transaction=True)
def test_the_lock_timeout_ends_with_the_transaction():
    with transaction.atomic():
        locking.lock("test.local", 1)
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "0"


# --- the contract ------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_locking_outside_a_transaction_is_a_programming_error():
    with pytest.raises(TransactionManagementError):
        locking.lock("test.outside", 1)
    with pytest.raises(TransactionManagementError):
        locking.lock_rows(SchoolClass.objects.all())


def test_lock_rows_returns_the_rows_in_pk_order(db):
    made = [SchoolClassFactory(letter=letter) for letter in "CBA"]
    with transaction.atomic():
        locked = locking.lock_rows(SchoolClass.objects.order_by("-letter"))
    assert locked == sorted(made, key=lambda c: c.pk)


def test_lock_row_returns_the_row_as_it_is_now_or_says_it_is_gone(db):
    klass = SchoolClassFactory(pupil_count=20)
    SchoolClass.objects.filter(pk=klass.pk).update(pupil_count=21)
    with transaction.atomic():
        assert locking.lock_row(SchoolClass.objects.filter(pk=klass.pk)).pupil_count == 21
        klass.delete()
        with pytest.raises(SchoolClass.DoesNotExist):
            locking.lock_row(SchoolClass.objects.filter(pk=klass.pk))


def test_key_ids_are_stable_signed_64_bit_numbers():
    assert locking.key_id("openschool.programme:1") == locking.key_id("openschool.programme:1")
    assert locking.key_id("openschool.programme:1") != locking.key_id("openschool.programme:2")
    assert -(2**63) <= locking.key_id("x") < 2**63
    # pinned: a changed hash would let an old and a new release lock different numbers
    assert locking.key_id("conference.event:7") == -8547231678916900390


def test_the_checkpoint_does_nothing_unless_a_test_sets_the_hook(monkeypatch):
    locking.checkpoint("anything")  # no hook: nothing happens
    seen = []
    monkeypatch.setattr(locking, "before_write", seen.append)
    locking.checkpoint("registration_create")
    assert seen == ["registration_create"]
