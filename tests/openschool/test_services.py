from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from initiatives.openschool import services
from initiatives.openschool.formatting import kr
from initiatives.openschool.models import Application, Report, Status
from tests.openschool.factories import ApplicationFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _apply(by, programme, school, **kw):
    args = {
        "by": by,
        "programme": programme,
        "school": school,
        "amount": Decimal("15000"),
        "purpose": "Trivselsforløb i 8. klasse",
        "planned_start": date(2024, 2, 1),
        "planned_end": date(2024, 2, 28),
        "own_title": "Fællesskabsdage",
    }
    args.update(kw)
    return services.application_create(**args)


def test_a_leader_applies_for_own_school_with_own_classes(leader_a, programme, school_a, class_a):
    app = _apply(leader_a, programme, school_a, target_classes=[class_a], submit=True)
    assert app.status == Status.SUBMITTED
    assert list(app.target_classes.all()) == [class_a]


def test_a_leader_cannot_apply_for_another_school(leader_a, programme, school_b):
    with pytest.raises(PermissionDenied):
        _apply(leader_a, programme, school_b)
    assert not Application.objects.exists()


def test_a_staff_member_cannot_apply(staff_a, programme, school_a):
    with pytest.raises(PermissionDenied):
        _apply(staff_a, programme, school_a)
    assert not Application.objects.exists()


def test_another_schools_class_is_refused_in_danish(leader_a, programme, school_a, class_b):
    with pytest.raises(ValidationError) as err:
        _apply(leader_a, programme, school_a, target_classes=[class_b])
    assert "hører ikke til skolen" in str(err.value)
    assert not Application.objects.exists()


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-5")])
def test_the_amount_must_be_positive(leader_a, programme, school_a, amount):
    with pytest.raises(ValidationError) as err:
        _apply(leader_a, programme, school_a, amount=amount)
    assert "større end 0 kr." in str(err.value)
    assert not Application.objects.exists()


def test_an_amount_above_the_remaining_budget_is_refused_at_submit(leader_a, programme, school_a):
    with pytest.raises(ValidationError) as err:
        _apply(leader_a, programme, school_a, amount=Decimal("100001"), submit=True)
    assert "resterende budget på 100.000 kr." in str(err.value)
    assert not Application.objects.exists()


def test_planned_dates_must_be_in_order(leader_a, programme, school_a):
    with pytest.raises(ValidationError) as err:
        _apply(leader_a, programme, school_a, planned_end=date(2024, 1, 1))
    assert "før startdatoen" in str(err.value)
    assert not Application.objects.exists()


def test_a_cpr_number_in_the_purpose_is_refused(leader_a, programme, school_a):
    with pytest.raises(ValidationError) as err:
        _apply(leader_a, programme, school_a, purpose="Eleven 010203-1234 deltager")
    assert "CPR-nummer" in str(err.value)
    assert not Application.objects.exists()


def test_an_application_names_an_offer_or_an_own_activity(leader_a, programme, school_a):
    with pytest.raises(ValidationError) as err:
        _apply(leader_a, programme, school_a, own_title="")
    assert "egen aktivitet" in str(err.value)
    offer = OfferFactory(programme=programme)
    app = _apply(leader_a, programme, school_a, own_title="", offer=offer)
    assert app.title == offer.title


def test_the_coordinator_approves_in_full_and_the_leader_is_told_in_danish(
    coordinator, leader_a, programme, school_a, django_capture_on_commit_callbacks
):
    app = ApplicationFactory(programme=programme, school=school_a, created_by=leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.allocation_approve(
            application=app, amount=Decimal("20000"), approved_by=coordinator
        )
    app.refresh_from_db()
    assert app.status == Status.APPROVED
    assert app.notified_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [leader_a.email]
    assert "Godkendt" in mail.outbox[0].subject
    assert "20.000 kr." in mail.outbox[0].body


def test_approving_less_than_applied_is_a_partial_approval(coordinator, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a)
    services.allocation_approve(
        application=app, amount=Decimal("12500"), approved_by=coordinator, reason="Halvdelen"
    )
    app.refresh_from_db()
    assert (app.status, app.approved_amount) == (Status.PARTLY, Decimal("12500"))


def test_the_budget_is_never_over_allocated(coordinator, programme, school_a, school_b):
    first = ApplicationFactory(programme=programme, school=school_a, amount=Decimal("70000"))
    second = ApplicationFactory(programme=programme, school=school_b, amount=Decimal("40000"))
    services.allocation_approve(application=first, amount=Decimal("70000"), approved_by=coordinator)
    with pytest.raises(ValidationError) as err:
        services.allocation_approve(
            application=second, amount=Decimal("40000"), approved_by=coordinator
        )
    assert "der er 30.000 kr. tilbage" in str(err.value)
    second.refresh_from_db()
    assert second.status == Status.SUBMITTED and second.approved_amount is None
    assert services.approved_sum(programme.pk) == Decimal("70000")


def test_a_leader_cannot_approve(leader_a, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a)
    with pytest.raises(PermissionDenied):
        services.allocation_approve(application=app, amount=app.amount, approved_by=leader_a)
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED


def test_the_same_application_cannot_be_approved_twice(coordinator, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a)
    services.allocation_approve(application=app, amount=Decimal("10000"), approved_by=coordinator)
    with pytest.raises(ValidationError):
        services.allocation_approve(
            application=app, amount=Decimal("10000"), approved_by=coordinator
        )
    assert services.approved_sum(programme.pk) == Decimal("10000")


def test_more_than_applied_cannot_be_approved(coordinator, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a, amount=Decimal("5000"))
    with pytest.raises(ValidationError) as err:
        services.allocation_approve(
            application=app, amount=Decimal("6000"), approved_by=coordinator
        )
    assert "højst bevilges" in str(err.value)


def test_asking_for_changes_needs_a_reason_and_lets_the_leader_resubmit(
    coordinator, leader_a, programme, school_a, django_capture_on_commit_callbacks
):
    app = ApplicationFactory(programme=programme, school=school_a, created_by=leader_a)
    with pytest.raises(ValidationError) as err:
        services.application_request_changes(application=app, by=coordinator, reason=" ")
    assert "begrundelse" in str(err.value)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_request_changes(
            application=app, by=coordinator, reason="Angiv hvilke klasser"
        )
    app.refresh_from_db()
    assert app.status == Status.CHANGES
    assert "Ændringer ønsket" in mail.outbox[0].subject
    services.application_update(
        application=app, by=leader_a, target_classes=[], submit=True, amount=Decimal("9000")
    )
    app.refresh_from_db()
    assert (app.status, app.amount) == (Status.SUBMITTED, Decimal("9000"))


def test_a_rejection_carries_the_reason_to_the_school(
    coordinator, leader_a, programme, school_a, django_capture_on_commit_callbacks
):
    app = ApplicationFactory(programme=programme, school=school_a, created_by=leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(
            application=app, by=coordinator, reason="Ligger uden for formålet"
        )
    app.refresh_from_db()
    assert app.status == Status.REJECTED
    assert "Ligger uden for formålet" in mail.outbox[0].body


def test_another_leader_cannot_edit_the_application(leader_b, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a, status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.application_update(
            application=app, by=leader_b, target_classes=[], submit=True, amount=Decimal("1")
        )


def _report(app, by, **kw):
    args = {
        "application": app,
        "by": by,
        "held_from": date(2024, 2, 1),
        "held_to": date(2024, 2, 2),
        "class_count": 2,
        "pupil_count": 44,
        "spent_amount": Decimal("18000"),
        "wellbeing_effect": "Eleverne talte mere sammen.",
        "staff_participation": "Lærerne var med og tager øvelserne videre.",
    }
    args.update(kw)
    return services.report_submit(**args)


def test_the_leader_reports_after_an_approved_activity(coordinator, leader_a, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a)
    with pytest.raises(ValidationError):
        _report(app, leader_a)  # not approved yet
    services.allocation_approve(application=app, amount=app.amount, approved_by=coordinator)
    report = _report(app, leader_a)
    assert report.pupil_count == 44


def test_a_report_refuses_dates_out_of_order_and_overspending(
    coordinator, leader_a, programme, school_a
):
    app = ApplicationFactory(programme=programme, school=school_a)
    services.allocation_approve(application=app, amount=app.amount, approved_by=coordinator)
    with pytest.raises(ValidationError) as err:
        _report(app, leader_a, held_to=date(2024, 1, 1), spent_amount=Decimal("99999"))
    assert "før startdatoen" in str(err.value)
    assert "overstige det bevilgede" in str(err.value)
    assert not Report.objects.exists()


def test_another_leader_cannot_report(coordinator, leader_b, programme, school_a):
    app = ApplicationFactory(programme=programme, school=school_a)
    services.allocation_approve(application=app, amount=app.amount, approved_by=coordinator)
    with pytest.raises(PermissionDenied):
        _report(app, leader_b)
    assert not Report.objects.exists()


def test_money_is_written_the_danish_way():
    assert kr(Decimal("250000")) == "250.000 kr."
    assert kr(Decimal("1234.5")) == "1.234,50 kr."
