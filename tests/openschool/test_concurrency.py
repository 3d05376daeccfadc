"""Two (or six) coordinators approving at the same moment never pass the budget.

The barrier-hook pattern: every thread parks at the checkpoint between recount and write until all
have arrived. With the lock only one thread is ever between lock and commit, so the barrier times
out and each thread goes on alone — and sees the others' approvals when it recounts. The control
takes the lock away: all recount the same sum, all write, and the budget is passed.
"""

import contextlib
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from initiatives.openschool import services
from tests.factories import SchoolFactory
from tests.openschool.factories import ApplicationFactory, ProgrammeFactory
from trivsel.schools import locking

N = 6


def _race(monkeypatch, coordinator, applications):
    barrier = threading.Barrier(len(applications), timeout=1.5)
    outcomes = []

    def wait_for_all(name):
        if name != services.CHECKPOINT:
            return
        # with the lock the others can never arrive: the barrier breaks and each goes on alone
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()

    def approve(app):
        try:
            services.allocation_approve(application=app, amount=app.amount, approved_by=coordinator)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    monkeypatch.setattr(locking, "before_write", wait_for_all)
    threads = [threading.Thread(target=approve, args=(app,)) for app in applications]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return outcomes


def _world(coordinator, school_year):
    programme = ProgrammeFactory(school_year=school_year, budget=Decimal("100000"))
    apps = [
        ApplicationFactory(programme=programme, school=SchoolFactory(), amount=Decimal("40000"))
        for _ in range(N)
    ]
    return programme, apps


@pytest.mark.django_db(transaction=True)
def test_simultaneous_approvals_never_pass_the_budget(monkeypatch, coordinator, school_year):
    programme, apps = _world(coordinator, school_year)
    outcomes = _race(monkeypatch, coordinator, apps)
    assert outcomes.count("ok") == 2  # 2 × 40.000 fits in 100.000, a third does not
    assert outcomes.count("refused") == N - 2
    assert services.approved_sum(programme.pk) == Decimal("80000") <= programme.budget


@pytest.mark.django_db(transaction=True)
def test_control_without_the_lock_the_race_passes_the_budget(monkeypatch, coordinator, school_year):
    programme, apps = _world(coordinator, school_year)
    monkeypatch.setattr(locking, "lock", lambda *keys: None)  # the lock taken away
    outcomes = _race(monkeypatch, coordinator, apps)
    # everyone recounted 0 kr. before anyone wrote: the guard alone is not enough
    assert outcomes.count("ok") > 2
    assert services.approved_sum(programme.pk) > programme.budget


@pytest.mark.django_db(transaction=True)
def test_a_lock_held_too_long_gives_a_clear_danish_message(settings, coordinator, school_year):
    programme, apps = _world(coordinator, school_year)
    holding, release = threading.Event(), threading.Event()

    def hold_lock():
        from django.db import transaction

        try:
            with transaction.atomic():
                locking.lock("openschool.programme", programme.pk)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    t = threading.Thread(target=hold_lock)
    t.start()
    holding.wait(5)
    settings.LOCK_TIMEOUT_MS = 200
    try:
        with pytest.raises(locking.LockTimeout) as err:
            services.allocation_approve(
                application=apps[0], amount=apps[0].amount, approved_by=coordinator
            )
    finally:
        release.set()
        t.join()
    assert "Prøv igen om et øjeblik" in str(err.value)
    assert services.approved_sum(programme.pk) == 0
