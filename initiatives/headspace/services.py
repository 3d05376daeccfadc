"""Writes of Headspace: booking (no double bookings of a class or a counsellor), status changes,
teacher feedback and the calendar feeds. Keyword-only, atomic, Danish refusals, nothing saved."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from trivsel.schools import access, clock, locking
from trivsel.schools.fields import contains_cpr
from trivsel.schools.models import School, SchoolClass

from .models import ACTIVE, CalendarFeed, Talk, TalkStatus, TargetGrade, outside_school_year

CHECKPOINT = "headspace.talk_book"


def _local(dt: datetime) -> str:
    return date_format(timezone.localtime(dt), "j. F Y \\k\\l. H:i")


def _clean_names(names) -> list[str]:
    if isinstance(names, str):
        names = names.replace(";", ",").split(",")
    cleaned, seen = [], set()
    for name in names:
        name = " ".join(str(name).split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            cleaned.append(name)
    return cleaned


@transaction.atomic
def talk_book(
    *, by, school_class: SchoolClass, starts_at: datetime, ends_at: datetime, counsellors
) -> Talk:
    """Book a talk in a class of the year's target grade. Refused: another school's class (for a
    leader), a class that already has an active talk, a counsellor who is elsewhere then."""
    if not access.can_all(by, "edit", Talk) and not (
        access.can(by, "edit", Talk) and school_class.school_id in access.school_ids(by)
    ):
        raise PermissionDenied(_("Du kan kun booke oplæg for din egen skoles klasser."))
    names = _clean_names(counsellors)
    errors: dict[str, list[str]] = {}
    if not names:
        errors["counsellors"] = [_("Skriv navnet på mindst én rådgiver fra Headspace.")]
    elif any(contains_cpr(n) for n in names):
        errors["counsellors"] = [_("Skriv ikke CPR-numre i portalen.")]
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("Oplægget skal slutte efter det starter.")]
    if starts_at and (
        refusal := outside_school_year(school_class, timezone.localtime(starts_at).date())
    ):
        errors["starts_at"] = [refusal]
    target = TargetGrade.objects.filter(school_year_id=school_class.school_year_id).first()
    if target is None or target.grade is None:
        errors["school_class"] = [
            _("Der er endnu ikke valgt et klassetrin til Headspace-oplæg i skoleåret.")
        ]
    elif school_class.grade != target.grade:
        errors["school_class"] = [
            _("Oplæggene er for %(grade)d. klasse i dette skoleår.") % {"grade": target.grade}
        ]
    if errors:
        raise ValidationError(errors)

    # lock, recount, write: one lock per school year covers classes and counsellors
    locking.lock("headspace.booking", school_class.school_year_id)
    active = Talk.objects.filter(status__in=ACTIVE)
    if active.filter(school_class=school_class).exists():
        raise ValidationError(
            {"school_class": _("Klassen %(cls)s har allerede et oplæg.") % {"cls": school_class}}
        )
    wanted = {n.casefold() for n in names}
    overlapping = active.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).select_related(
        "school_class__school"
    )
    for other in overlapping:
        busy = [n for n in other.counsellors if n.casefold() in wanted]
        if busy:
            raise ValidationError(
                {
                    "counsellors": _(
                        "%(name)s er allerede booket til et oplæg på %(school)s (%(cls)s) "
                        "%(when)s. Vælg en anden tid eller en anden rådgiver."
                    )
                    % {
                        "name": busy[0],
                        "school": other.school_class.school.name,
                        "cls": other.school_class.label,
                        "when": _local(other.starts_at),
                    }
                }
            )
    locking.checkpoint(CHECKPOINT)
    talk = Talk(
        school_class=school_class,
        starts_at=starts_at,
        ends_at=ends_at,
        counsellors=names,
        booked_by=by,
    )
    talk.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            talk.save()
    except IntegrityError:  # the partial unique constraint: a race the lock did not cover
        raise ValidationError(
            {"school_class": _("Klassen %(cls)s har allerede et oplæg.") % {"cls": school_class}}
        ) from None
    return talk


@transaction.atomic
def talk_set_status(*, talk: Talk, by, status: str) -> Talk:
    if not access.can(by, "edit", talk):
        raise PermissionDenied
    talk = locking.lock_row(Talk.objects.filter(pk=talk.pk))
    if status in (TalkStatus.HELD, TalkStatus.CANCELLED) and talk.status != TalkStatus.BOOKED:
        # a second press, or someone else was first
        raise ValidationError(
            _("Oplægget er allerede markeret som %(status)s.")
            % {"status": talk.get_status_display().lower()},
            code="already_done",
        )
    if status not in (TalkStatus.HELD, TalkStatus.CANCELLED):
        raise ValidationError(_("Kun et booket oplæg kan markeres som afholdt eller aflyst."))
    if status == TalkStatus.HELD and talk.starts_at > clock.now():
        raise ValidationError(_("Oplægget kan først markeres som afholdt, når det er begyndt."))
    talk.status = status
    talk.save(update_fields=["status"])
    return talk


@transaction.atomic
def talk_feedback(*, talk: Talk, by, score: int, comment: str = "") -> Talk:
    """The class teacher's feedback (a staff member of the school with a login)."""
    if not access.can(by, "feedback", talk):
        raise PermissionDenied(_("Kun skolens medarbejdere kan give feedback på oplægget."))
    talk = locking.lock_row(Talk.objects.filter(pk=talk.pk))
    if talk.status != TalkStatus.HELD:
        raise ValidationError(_("Der kan kun gives feedback på et afholdt oplæg."), code="not_held")
    if score is None or not 1 <= int(score) <= 5:
        raise ValidationError({"feedback_score": _("Vurderingen skal være mellem 1 og 5.")})
    talk.feedback_score = int(score)
    talk.feedback_comment = comment.strip()
    talk.feedback_by = by
    talk.feedback_at = clock.now()
    talk.full_clean(validate_constraints=False)
    talk.save()
    return talk


@transaction.atomic
def feed_for(*, school: School | None) -> CalendarFeed:
    """The one feed of a school (or, with ``school=None``, the partner's feed)."""
    locking.lock("headspace.feed", school.pk if school else 0)
    feed = CalendarFeed.objects.filter(school=school).first()
    return feed or CalendarFeed.objects.create(school=school)
