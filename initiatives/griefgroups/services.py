"""Writes that touch several rows or guard an invariant: seats on the course, a leader who has
completed the course, pupils present ≤ places, snapshots on an evaluation. Keyword-only, atomic,
``full_clean()`` before every save; a refusal is a ``ValidationError`` with a Danish message and
saves nothing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from trivsel.schools import clock, locking, uniques
from trivsel.schools.models import Period, School, Staff, User

from .models import (
    Attendance,
    Course,
    CourseSession,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    Nomination,
    NominationStatus,
)

COURSE_LOCK = "griefgroups.course"


# --- the course and its seats --------------------------------------------------------------
@transaction.atomic
def course_update(*, course: Course) -> Course:
    """Saves an edited course. Its seats are the limit confirmed nominations are counted
    against: under the course's lock (the one ``nomination_confirm`` takes) they are never set
    below the seats confirmed already."""
    course.full_clean()
    locking.lock(COURSE_LOCK, course.pk)
    confirmed = Nomination.objects.filter(course=course, status=NominationStatus.CONFIRMED).count()
    locking.checkpoint("course_update")
    if course.seats < confirmed:
        raise ValidationError(
            {
                "seats": _(
                    "Der er allerede bekræftet %(n)s pladser; færre pladser end det går ikke."
                )
                % {"n": confirmed}
            }
        )
    course.save()
    return course


# --- nominations and seats -----------------------------------------------------------------
@transaction.atomic
def nomination_create(*, course: Course, staff: Staff, nominated_by: User | None) -> Nomination:
    """Two leaders nominating the same person at once: the course's lock makes the second wait
    and find the first's nomination; a writer that bypassed the lock meets the unique index,
    which gives the same message."""
    already = _("%(name)s er allerede indstillet til kurset.") % {"name": staff}
    locking.lock(COURSE_LOCK, course.pk)
    if Nomination.objects.filter(course=course, staff=staff).exists():
        raise ValidationError(already)
    confirmed = Nomination.objects.filter(course=course, status=NominationStatus.CONFIRMED).count()
    if reason := course.nominations_closed_reason(confirmed=confirmed, today=clock.today()):
        raise ValidationError(reason)
    locking.checkpoint("nomination_create")
    nomination = Nomination(course=course, staff=staff, nominated_by=nominated_by)
    nomination.full_clean(validate_constraints=False)  # the unique index decides, below
    with uniques.saving(message=already):
        nomination.save()
    return nomination


def _locked_nomination(nomination: Nomination) -> Nomination:
    """The course's lock — every write of a nomination takes it, as confirming a seat does —
    then the nomination as it is now (check that, not the copy the caller loaded)."""
    locking.lock(COURSE_LOCK, nomination.course_id)
    found = Nomination.objects.select_related("course", "staff").filter(pk=nomination.pk).first()
    if found is None:  # withdrawn meanwhile
        raise ValidationError(_("Indstillingen findes ikke længere."), code="gone")
    return found


@transaction.atomic
def nomination_confirm(*, nomination: Nomination, confirmed_by: User) -> Nomination:
    """Gives the nominee a seat — never more confirmed seats than the course has, also when two
    coordinators confirm at the same moment: lock the course, recount, write."""
    nomination = _locked_nomination(nomination)
    if nomination.status == NominationStatus.CONFIRMED:
        return nomination
    course = nomination.course
    taken = Nomination.objects.filter(course=course, status=NominationStatus.CONFIRMED).count()
    locking.checkpoint("nomination_confirm")
    if taken >= course.seats:
        raise ValidationError(
            _(
                "Kurset er fuldt: alle %(seats)s pladser er bekræftet. Sæt %(name)s på venteliste "
                "eller frigiv en plads først."
            )
            % {"seats": course.seats, "name": nomination.staff}
        )
    nomination.status = NominationStatus.CONFIRMED
    nomination.decided_by = confirmed_by
    nomination.full_clean()
    nomination.save(update_fields=["status", "decided_by"])
    return nomination


@transaction.atomic
def nomination_set_status(*, nomination: Nomination, status: str, decided_by: User) -> Nomination:
    """Waiting list or declined (a confirmed seat is freed). Confirming goes through
    ``nomination_confirm``."""
    if status not in (NominationStatus.WAITING, NominationStatus.DECLINED):
        raise ValidationError(_("Ukendt status."))
    nomination = _locked_nomination(nomination)
    if nomination.completed:
        raise ValidationError(_("Deltageren har gennemført kurset; status kan ikke ændres."))
    nomination.status = status
    nomination.decided_by = decided_by
    nomination.full_clean()
    nomination.save(update_fields=["status", "decided_by"])
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination) -> None:
    """A leader withdraws a nomination that has not been confirmed yet."""
    nomination = _locked_nomination(nomination)
    if nomination.status == NominationStatus.CONFIRMED:
        raise ValidationError(_("Pladsen er bekræftet; kontakt koordinatoren for at frigive den."))
    nomination.delete()


@transaction.atomic
def nomination_complete(*, nomination: Nomination, completed: bool, completed_on: date | None):
    nomination = _locked_nomination(nomination)
    if not completed and nomination.staff.grief_groups_led.exists():
        raise ValidationError(
            _("%(name)s leder en sorggruppe; fjern vedkommende som leder først.")
            % {"name": nomination.staff}
        )
    nomination.completed = completed
    nomination.completed_on = completed_on if completed else None
    nomination.full_clean()
    nomination.save(update_fields=["completed", "completed_on"])
    return nomination


@transaction.atomic
def attendance_record(*, session: CourseSession, present_ids: Iterable[int]) -> int:
    """Records who was present at a session: every confirmed participant gets a row (present or
    not). Returns the number present. The session's lock: two people recording it at once would
    both insert the missing rows."""
    locking.lock("griefgroups.session", session.pk)
    present = set(present_ids)
    participants = list(
        Nomination.objects.filter(course=session.course_id, status=NominationStatus.CONFIRMED)
    )
    known = {n.pk for n in participants}
    if present - known:
        raise ValidationError(_("Fremmøde kan kun registreres for deltagere med bekræftet plads."))
    existing = {a.nomination_id: a for a in Attendance.objects.filter(session=session)}
    new, changed = [], []
    for n in participants:
        is_present = n.pk in present
        row = existing.get(n.pk)
        if row is None:
            new.append(Attendance(nomination=n, session=session, present=is_present))
        elif row.present != is_present:
            row.present = is_present
            changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present"])
    return len(present)


# --- groups --------------------------------------------------------------------------------
def trained_staff():
    """Staff who have completed a grief-group leader course."""
    return Staff.objects.filter(
        griefgroup_nominations__completed=True, school__isnull=False
    ).distinct()


def _check_leaders(leaders: list[Staff]) -> None:
    if not leaders:
        raise ValidationError({"leaders": _("En sorggruppe skal have mindst én leder.")})
    trained = set(
        trained_staff().filter(pk__in=[s.pk for s in leaders]).values_list("pk", flat=True)
    )
    untrained = [s.name for s in leaders if s.pk not in trained]
    if untrained:
        raise ValidationError(
            {
                "leaders": _(
                    "Kun medarbejdere, der har gennemført sorggruppelederkurset, kan være ledere: "
                    "%(names)s har ikke."
                )
                % {"names": ", ".join(untrained)}
            }
        )


@transaction.atomic
def griefgroup_create(
    *,
    school: School,
    name: str,
    leaders: Iterable[Staff],
    start_date: date,
    places: int,
    grade_bands: list[str] | None = None,
    referred_count: int = 0,
    waiting_count: int = 0,
) -> GriefGroup:
    leaders = list(leaders)
    group = GriefGroup(
        school=school,
        name=name,
        start_date=start_date,
        places=places,
        grade_bands=list(grade_bands or []),
        referred_count=referred_count,
        waiting_count=waiting_count,
    )
    group.full_clean()
    _check_leaders(leaders)
    group.save()
    group.leaders.set(leaders)
    return group


@transaction.atomic
def griefgroup_update(*, group: GriefGroup, leaders: Iterable[Staff], **fields) -> GriefGroup:
    """Saves an edited group. Its places are the limit each meeting's pupils present are
    counted against: under the group's row lock (the one ``meeting_save`` takes) they are never
    set below the most pupils a meeting has had."""
    leaders = list(leaders)
    (group,) = locking.lock_rows(GriefGroup.objects.filter(pk=group.pk))
    for key, value in fields.items():
        setattr(group, key, value)
    group.full_clean()
    _check_leaders(leaders)
    most = group.meetings.aggregate(most=Max("pupils_present"))["most"]
    locking.checkpoint("griefgroup_update")
    if most is not None and most > group.places:
        raise ValidationError(
            {
                "places": _(
                    "Pladserne kan ikke sættes under %(n)s: et møde har allerede haft %(n)s "
                    "elever til stede."
                )
                % {"n": most}
            }
        )
    if group.meetings.filter(date__lt=group.start_date).exists():
        raise ValidationError({"start_date": _("Gruppen har møder før den nye startdato.")})
    group.save()
    group.leaders.set(leaders)
    return group


@transaction.atomic
def meeting_save(
    *,
    group: GriefGroup,
    date: date,
    pupils_present: int,
    leader_hours: Decimal,
    note: str = "",
    recorded_by: User | None = None,
    meeting: GroupMeeting | None = None,
) -> GroupMeeting:
    """Creates or updates a meeting; present ≤ the group's places (checked against the locked
    group row, so a concurrent change of places cannot slip past)."""
    (group,) = locking.lock_rows(GriefGroup.objects.filter(pk=group.pk))
    meeting = meeting or GroupMeeting(group=group, recorded_by=recorded_by)
    meeting.group = group
    meeting.date = date
    meeting.pupils_present = pupils_present
    meeting.leader_hours = leader_hours
    meeting.note = note
    meeting.full_clean()
    locking.checkpoint("meeting_save")
    meeting.save()
    return meeting


# --- cost and evaluation -------------------------------------------------------------------
@transaction.atomic
def hourly_rate_set(*, valid_from: date, rate: Decimal, set_by: User) -> HourlyRate:
    locking.lock("griefgroups.hourly_rate", valid_from.isoformat())  # one row per date
    obj = HourlyRate.objects.filter(valid_from=valid_from).first() or HourlyRate(
        valid_from=valid_from
    )
    obj.rate = rate
    obj.set_by = set_by
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def evaluation_save(
    *,
    group: GriefGroup,
    period: Period,
    leader_assessment: int,
    benefit_text: str = "",
    feedback_positive: int = 0,
    feedback_neutral: int = 0,
    feedback_negative: int = 0,
    materials_dkk: Decimal = Decimal("0"),
) -> Evaluation:
    """Creates or updates the group's evaluation for the half-year; need and rate are snapshots
    of the group's figures and of the rate valid at the end of the half-year."""
    if group.start_date > period.end:
        raise ValidationError(
            {"period": _("Gruppen var ikke startet i %(period)s.") % {"period": period}}
        )
    locking.lock("griefgroups.evaluation", f"{group.pk}-{period.pk}")  # one per group and period
    evaluation = Evaluation.objects.filter(group=group, period=period).first() or Evaluation(
        group=group, period=period
    )
    rate = HourlyRate.on(period.end)
    evaluation.places = group.places
    evaluation.referred_count = group.referred_count
    evaluation.hourly_rate = rate.rate if rate else None
    evaluation.leader_assessment = leader_assessment
    evaluation.benefit_text = benefit_text
    evaluation.feedback_positive = feedback_positive
    evaluation.feedback_neutral = feedback_neutral
    evaluation.feedback_negative = feedback_negative
    evaluation.materials_dkk = materials_dkk
    evaluation.full_clean()
    evaluation.save()
    return evaluation
