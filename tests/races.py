"""Races made to happen in tests.

``race_against_uncommitted``: a unique-index race, made to happen every time: this thread inserts a row and keeps it
uncommitted; another thread runs the action under test, which passes its own «already exists»
check (it cannot see the row yet) and then waits at the unique index; once it waits, the row is
committed and the action meets the violation — exactly what the second of two simultaneous
writers meets. ``writes_at_once``: writes in threads that meet where a race would hurt (the
locking helper's checkpoints). Both need ``django_db(transaction=True)``."""

from __future__ import annotations

import contextlib
import threading
import time

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from trivsel.schools import locking


def _someone_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else frozen for the transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def race_against_uncommitted(make_row, act, timeout: float = 10.0):
    """Returns what ``act()`` returned in its thread (or raises what it raised)."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = act()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome["error"] = error
        finally:
            connection.close()

    with transaction.atomic():
        make_row()
        thread = threading.Thread(target=run)
        thread.start()
        deadline = time.monotonic() + timeout
        while not _someone_waits_on_a_lock():
            assert thread.is_alive(), f"the action ended without waiting on the row: {outcome}"
            assert time.monotonic() < deadline, "the action never reached the unique index"
            time.sleep(0.02)
    thread.join(timeout)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def writes_at_once(monkeypatch, writes: dict, meet_at: set[str]) -> tuple[dict[str, str], object]:
    """Runs each of ``writes`` (name -> callable) in a thread of its own; the threads meet at the
    ``locking.checkpoint`` names in ``meet_at`` (a barrier that breaks after a second when only
    one gets there — the lock held the other back). Returns each write's outcome («done», its
    ValidationError's messages, or the repr of any other error) and the barrier. Needs
    ``django_db(transaction=True)``."""
    barrier = threading.Barrier(len(writes))

    def meet(name):
        if name in meet_at:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=1.0)

    monkeypatch.setattr(locking, "before_write", meet)
    outcomes: dict[str, str] = {}

    def run(name, write):
        try:
            write()
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = " ".join(error.messages)
        except Exception as error:  # noqa: BLE001 - reported by the caller's assertions
            outcomes[name] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in writes.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes, barrier
