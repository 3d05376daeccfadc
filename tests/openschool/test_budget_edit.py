"""A programme's budget is the limit approvals are summed against: an edit never sets it below
what is approved — on the page, and when the edit and an approval come at the same moment (the
barrier pattern of test_concurrency.py, with the lock-off control)."""

from decimal import Decimal

import pytest
from django.test.utils import override_settings
from django.urls import reverse

from initiatives.openschool import services
from initiatives.openschool.models import Programme, Status
from tests.factories import SchoolFactory
from tests.openschool.factories import ApplicationFactory, ProgrammeFactory
from tests.races import writes_at_once
from trivsel.schools import locking
from trivsel.schools.versioning import current_version


def _approved(programme, amount):
    return ApplicationFactory(
        programme=programme,
        school=SchoolFactory(),
        status=Status.APPROVED,
        amount=amount,
        approved_amount=amount,
    )


def _edit(client, programme, budget):
    return client.post(
        reverse("openschool:programme_update", args=[programme.pk]),
        {
            "school_year": programme.school_year_id,
            "budget": budget,
            "decided_notes": "",
            "lock_version": current_version(programme),
        },
    )


@pytest.mark.django_db
def test_the_budget_cannot_be_edited_below_what_is_approved(client_for, coordinator, programme):
    programme.budget = Decimal("250000")
    programme.save()
    _approved(programme, Decimal("200000"))
    _approved(programme, Decimal("34500"))
    response = _edit(client_for(coordinator), programme, "1000")
    assert response.status_code == 200
    assert (
        "Budgettet kan ikke sættes under de 234.500 kr., der allerede er bevilget."
        in response.content.decode()
    )
    programme.refresh_from_db()
    assert programme.budget == Decimal("250000")


@pytest.mark.django_db
def test_the_budget_may_be_edited_down_to_what_is_approved(client_for, coordinator, programme):
    _approved(programme, Decimal("40000"))
    response = _edit(client_for(coordinator), programme, "40000")
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.budget == Decimal("40000")


@pytest.mark.django_db
def test_a_draft_or_submitted_application_does_not_hold_the_budget(programme):
    ApplicationFactory(programme=programme, amount=Decimal("90000"))  # submitted, not approved
    programme.budget = Decimal("1000")
    assert services.programme_update(programme=programme).budget == Decimal("1000")


# --- at the same moment ----------------------------------------------------------------------
MEET_AT = {services.CHECKPOINT, "openschool.programme_update"}


def _race(monkeypatch, coordinator, school_year, *, use_lock: bool):
    """The coordinator lowers the budget to 30.000 kr. while 40.000 kr. is being approved."""
    programme = ProgrammeFactory(school_year=school_year, budget=Decimal("100000"))
    app = ApplicationFactory(programme=programme, amount=Decimal("40000"))
    if not use_lock:
        monkeypatch.setattr(locking, "lock", lambda *keys: None)

    def edit():
        edited = Programme.objects.get(pk=programme.pk)
        edited.budget = Decimal("30000")
        services.programme_update(programme=edited)

    writes = {
        "edit": edit,
        "approve": lambda: services.allocation_approve(
            application=app, amount=app.amount, approved_by=coordinator
        ),
    }
    outcomes, barrier = writes_at_once(monkeypatch, writes, MEET_AT)
    programme.refresh_from_db()
    return programme, outcomes, barrier


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(2))
def test_a_budget_edit_and_an_approval_at_once_never_leave_more_approved_than_the_budget(
    monkeypatch, coordinator, school_year, round_
):
    with override_settings(LOCK_TIMEOUT_MS=20_000):
        programme, outcomes, barrier = _race(monkeypatch, coordinator, school_year, use_lock=True)
    assert barrier.broken  # never both between recount and write at once
    assert list(outcomes.values()).count("done") == 1, outcomes
    refusal = outcomes["approve"] if outcomes["edit"] == "done" else outcomes["edit"]
    assert refusal.startswith(
        ("Budgettet rækker ikke", "Budgettet kan ikke sættes under de 40.000")
    ), outcomes
    assert services.approved_sum(programme.pk) <= programme.budget


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_edit_leaves_less_budget_than_is_approved(
    monkeypatch, coordinator, school_year
):
    programme, outcomes, barrier = _race(monkeypatch, coordinator, school_year, use_lock=False)
    assert not barrier.broken
    assert outcomes == {"edit": "done", "approve": "done"}
    assert services.approved_sum(programme.pk) == Decimal("40000") > programme.budget
