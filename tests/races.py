"""A unique-index race, made to happen every time: this thread inserts a row and keeps it
uncommitted; another thread runs the action under test, which passes its own «already exists»
check (it cannot see the row yet) and then waits at the unique index; once it waits, the row is
committed and the action meets the violation — exactly what the second of two simultaneous
writers meets. Needs ``django_db(transaction=True)``."""

from __future__ import annotations

import threading
import time

from django.db import connection, transaction


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
