"""Writes of Åben Skole: typed, keyword-only, atomic; each refusal a Danish ValidationError and
nothing saved. The budget invariant lives in ``allocation_approve``: lock the programme, recount
the approved sum, write."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from trivsel.schools import access, clock, locking
from trivsel.schools.models import School, SchoolClass

from .formatting import kr
from .models import ALLOCATED, EDITABLE, Application, Offer, Programme, Report, Status
from .tasks import send_application_status

PROGRAMME_LOCK = "openschool.programme"
CHECKPOINT = "openschool.allocation_approve"


# --- reads used by the writes ---------------------------------------------------------------
def approved_sum(programme_id: int) -> Decimal:
    total = Application.objects.filter(programme_id=programme_id, status__in=ALLOCATED).aggregate(
        s=Sum("approved_amount")
    )["s"]
    return total or Decimal(0)


def remaining_budget(programme: Programme) -> Decimal:
    return programme.budget - approved_sum(programme.pk)


# --- who may act ----------------------------------------------------------------------------
def _may_act_for_school(user, school: School) -> bool:
    if access.can_all(user, "edit", Application):
        return True
    return access.can(user, "edit", Application) and school.pk in access.school_ids(user)


def _require_school(user, school: School) -> None:
    if not _may_act_for_school(user, school):
        raise PermissionDenied(_("Du kan kun søge og rapportere for din egen skole."))


def _require_coordinator(user) -> None:
    if not access.can(user, "approve", Application):
        raise PermissionDenied(_("Kun netværkskoordinatoren kan afgøre ansøgninger."))


def _notify(application: Application) -> None:
    pk = application.pk
    transaction.on_commit(lambda: send_application_status.delay(pk))


# --- programmes -----------------------------------------------------------------------------
@transaction.atomic
def programme_update(*, programme: Programme) -> Programme:
    """Saves an edited programme. Its budget is the limit approvals are summed against: under
    the programme's lock (the one ``allocation_approve`` takes) it is never set below what is
    approved already."""
    programme.full_clean()
    locking.lock(PROGRAMME_LOCK, programme.pk)
    approved = approved_sum(programme.pk)
    locking.checkpoint("openschool.programme_update")
    if programme.budget < approved:
        raise ValidationError(
            {
                "budget": _(
                    "Budgettet kan ikke sættes under de %(approved)s, der allerede er bevilget."
                )
                % {"approved": kr(approved)}
            }
        )
    programme.save()
    return programme


# --- applications ---------------------------------------------------------------------------
def _check_application(
    app: Application, target_classes: Iterable[SchoolClass], *, for_submit: bool
) -> None:
    errors: dict[str, list[str]] = {}
    if app.amount is not None and app.amount <= 0:
        errors.setdefault("amount", []).append(_("Beløbet skal være større end 0 kr."))
    if app.planned_start and app.planned_end and app.planned_end < app.planned_start:
        errors.setdefault("planned_end", []).append(_("Slutdatoen kan ikke ligge før startdatoen."))
    if app.offer_id is None and not (app.own_title or "").strip():
        errors.setdefault("own_title", []).append(
            _("Vælg et tilbud, eller skriv titlen på jeres egen aktivitet.")
        )
    if app.offer_id is not None and app.offer.programme_id != app.programme_id:
        errors.setdefault("offer", []).append(_("Tilbuddet hører ikke til dette program."))
    year_id = app.programme.school_year_id
    for cls in target_classes:
        if cls.school_id != app.school_id or cls.school_year_id != year_id:
            errors.setdefault("target_classes", []).append(
                _("Klasse %(cls)s hører ikke til skolen i programmets skoleår.") % {"cls": cls}
            )
    if for_submit and app.amount and app.amount > 0:
        remaining = remaining_budget(app.programme)
        if app.amount > remaining:
            errors.setdefault("amount", []).append(
                _("Beløbet overstiger det resterende budget på %(rest)s.") % {"rest": kr(remaining)}
            )
    if errors:
        raise ValidationError(errors)
    app.full_clean(exclude=["target_classes"])


@transaction.atomic
def application_create(
    *,
    by,
    programme: Programme,
    school: School,
    amount: Decimal,
    purpose: str,
    planned_start: date,
    planned_end: date,
    offer: Offer | None = None,
    own_title: str = "",
    target_classes: Iterable[SchoolClass] = (),
    submit: bool = False,
) -> Application:
    _require_school(by, school)
    target_classes = list(target_classes)
    app = Application(
        programme=programme,
        school=school,
        offer=offer,
        own_title=own_title.strip(),
        amount=amount,
        purpose=purpose,
        planned_start=planned_start,
        planned_end=planned_end,
        status=Status.SUBMITTED if submit else Status.DRAFT,
        created_by=by,
    )
    _check_application(app, target_classes, for_submit=submit)
    app.save()
    app.target_classes.set(target_classes)
    return app


@transaction.atomic
def application_update(
    *, application: Application, by, target_classes: Iterable[SchoolClass], submit: bool, **fields
) -> Application:
    """The leader edits a draft or an application sent back for changes (``fields``: the form's
    model fields), and may (re)submit it."""
    app = locking.lock_row(Application.objects.filter(pk=application.pk))
    _require_school(by, app.school)
    if app.status not in EDITABLE:
        raise ValidationError(_("Ansøgningen er indsendt eller afgjort og kan ikke ændres."))
    for name, value in fields.items():
        setattr(app, name, value)
    target_classes = list(target_classes)
    if submit:
        app.status = Status.SUBMITTED
    _check_application(app, target_classes, for_submit=submit)
    app.save()
    app.target_classes.set(target_classes)
    return app


@transaction.atomic
def allocation_approve(
    *, application: Application, amount: Decimal, approved_by, reason: str = ""
) -> Application:
    """Approve ``amount`` (all of it: «godkendt», less: «delvist godkendt») — never past the
    programme's budget, also when two coordinators approve at the same moment."""
    _require_coordinator(approved_by)
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError({"amount": _("Det bevilgede beløb skal være større end 0 kr.")})
    locking.lock(PROGRAMME_LOCK, application.programme_id)
    app = Application.objects.select_related("programme", "decided_by").get(pk=application.pk)
    require_undecided(app)
    if amount > app.amount:
        raise ValidationError(
            {
                "amount": _("Der kan højst bevilges det ansøgte beløb (%(a)s).")
                % {"a": kr(app.amount)}
            }
        )
    remaining = app.programme.budget - approved_sum(app.programme_id)
    locking.checkpoint(CHECKPOINT)
    if amount > remaining:
        raise ValidationError(
            {
                "amount": _(
                    "Budgettet rækker ikke: der er %(rest)s tilbage, og du forsøger at bevilge "
                    "%(amount)s."
                )
                % {"rest": kr(remaining), "amount": kr(amount)}
            }
        )
    app.approved_amount = amount
    app.status = Status.APPROVED if amount == app.amount else Status.PARTLY
    app.decision_reason = reason
    app.decided_by = approved_by
    app.decided_at = clock.now()
    app.full_clean(exclude=["target_classes"])
    app.save()
    _notify(app)
    return app


def require_undecided(app: Application) -> None:
    """A decision is made on a submitted application. One decided meanwhile — by another
    coordinator, or by a second press — is refused with ``code="already_decided"``."""
    if app.status == Status.SUBMITTED:
        return
    if app.status == Status.DRAFT:
        raise ValidationError(_("Kun indsendte ansøgninger kan afgøres."), code="not_submitted")
    values = {"status": app.get_status_display()}
    if app.decided_by is not None:
        values["by"] = app.decided_by.get_full_name() or app.decided_by.get_username()
        text = _(
            "Ansøgningen er allerede behandlet: %(status)s af %(by)s. Din afgørelse er ikke gemt."
        )
    else:
        text = _("Ansøgningen er allerede behandlet: %(status)s. Din afgørelse er ikke gemt.")
    raise ValidationError(text % values, code="already_decided")


def _decide_without_money(application: Application, by, reason: str, status: str) -> Application:
    _require_coordinator(by)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Skriv en begrundelse til skolen.")})
    app = locking.lock_row(Application.objects.filter(pk=application.pk))
    require_undecided(app)
    app.status = status
    app.approved_amount = None
    app.decision_reason = reason.strip()
    app.decided_by = by
    app.decided_at = clock.now()
    app.full_clean(exclude=["target_classes"])
    app.save()
    _notify(app)
    return app


@transaction.atomic
def application_request_changes(*, application: Application, by, reason: str) -> Application:
    return _decide_without_money(application, by, reason, Status.CHANGES)


@transaction.atomic
def application_reject(*, application: Application, by, reason: str) -> Application:
    return _decide_without_money(application, by, reason, Status.REJECTED)


# --- reports --------------------------------------------------------------------------------
@transaction.atomic
def report_submit(
    *,
    application: Application,
    by,
    held_from: date,
    held_to: date,
    class_count: int,
    pupil_count: int,
    spent_amount: Decimal,
    wellbeing_effect: str,
    staff_participation: str,
) -> Report:
    app = locking.lock_row(Application.objects.filter(pk=application.pk))
    _require_school(by, app.school)
    if app.status not in ALLOCATED:
        raise ValidationError(_("Der kan kun afrapporteres på en godkendt ansøgning."))
    if Report.objects.filter(application=app).exists():
        raise ValidationError(_("Der er allerede afrapporteret på denne ansøgning."))
    errors: dict[str, list[str]] = {}
    if held_from and held_to and held_to < held_from:
        errors["held_to"] = [_("Slutdatoen kan ikke ligge før startdatoen.")]
    if class_count is not None and class_count < 0:
        errors["class_count"] = [_("Antal klasser kan ikke være negativt.")]
    if pupil_count is not None and pupil_count < 0:
        errors["pupil_count"] = [_("Antal elever kan ikke være negativt.")]
    if spent_amount is not None and spent_amount < 0:
        errors["spent_amount"] = [_("Beløbet kan ikke være negativt.")]
    elif spent_amount is not None and spent_amount > (app.approved_amount or 0):
        errors["spent_amount"] = [
            _("Forbruget kan ikke overstige det bevilgede beløb (%(a)s).")
            % {"a": kr(app.approved_amount)}
        ]
    if errors:
        raise ValidationError(errors)
    report = Report(
        application=app,
        held_from=held_from,
        held_to=held_to,
        class_count=class_count,
        pupil_count=pupil_count,
        spent_amount=spent_amount,
        wellbeing_effect=wellbeing_effect,
        staff_participation=staff_participation,
        reported_by=by,
    )
    report.full_clean()
    report.save()
    return report
