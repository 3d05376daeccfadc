"""Demo data: 8. klasse gets the Headspace talk in 2023/24, paid from the Åben Skole programme;
talks in the 8th-grade classes of all six schools — held with feedback before the demo date,
booked after it, and one class still missing.

Dated as the status note tells it: the cooperation for 2023/24 was agreed in March 2023 with the
Åben Skole programme, but the grade was chosen only in June (the target's history: no grade, then
8), so the spring note as of 14 April says «alle klasser på et relevant årgangstrin»; the talks
were booked in September 2023 (``created_at``) and the teachers gave feedback two days after each
talk (``feedback_at``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from initiatives.openschool.models import Offer, Programme
from trivsel.schools.demo import recorded, save_on
from trivsel.schools.models import Role, SchoolClass, User

from .models import ACTIVE, Talk, TalkStatus, TargetGrade

CPH = ZoneInfo("Europe/Copenhagen")
COUNSELLORS = [["Sara Holm", "Ali Nour"], ["Emma Krag"], ["Jonas Vinther", "Sara Holm"]]
# Mondays: every other class had its talk before the demo date, the rest are booked after it
FIRST_HELD = datetime(2023, 11, 27, 9, 0, tzinfo=CPH)
FIRST_BOOKED = datetime(2024, 2, 5, 9, 0, tzinfo=CPH)
AGREED = datetime(2023, 3, 20, 11, 0, tzinfo=CPH)  # the cooperation, with the programme
GRADE = 8
GRADE_CHOSEN = datetime(2023, 6, 12, 10, 0, tzinfo=CPH)
BOOKED = datetime(2023, 9, 4, 10, 0, tzinfo=CPH)  # the first booking; one a day after it
COMMENTS = [
    "Eleverne var meget optagede og stillede mange spørgsmål.",
    "Godt oplæg — flere elever spurgte bagefter, hvor Headspace ligger.",
    "Lidt for lang gennemgang til sidst, men et vigtigt emne.",
]


def seed(ctx) -> None:
    year = ctx.years["2023/24"]
    programme = Programme.objects.filter(school_year=year).first()
    offer = Offer.objects.filter(programme=programme, partner__name="Headspace Rødovre").first()
    target, created = TargetGrade.objects.get_or_create(
        school_year=year,
        defaults={
            "grade": None,
            "programme": programme,
            "offer": offer,
            "chosen_by": ctx.users.get("koordinator"),
        },
    )
    recorded(TargetGrade, [target.pk], AGREED)
    if created:  # the grade chosen later, as a dated change
        target.grade = GRADE
        target.plan_notes = (
            "Alle 8. klasser får oplæg i skoleåret. Fra næste skoleår tilbydes oplægget igen "
            "til 8. årgang, og 9. årgang får et opfølgende besøg på Headspace."
        )
        save_on(target, GRADE_CHOSEN)
    classes = list(
        SchoolClass.objects.filter(school__in=ctx.schools, school_year=year, grade=target.grade)
        .select_related("school")
        .order_by("school__name", "letter")
    )
    if not classes:
        return
    # one class still without a talk (at a school with several, so every school has talks)
    per_school: dict[int, list] = {}
    for cls in classes:
        per_school.setdefault(cls.school_id, []).append(cls)
    missing = next((c[-1] for c in reversed(per_school.values()) if len(c) > 1), None)
    have = set(
        Talk.objects.filter(school_class__in=classes, status__in=ACTIVE).values_list(
            "school_class_id", flat=True
        )
    )
    staff_by_school = {}
    for user in User.objects.filter(role=Role.STAFF, schools__in=ctx.schools).prefetch_related(
        "schools"
    ):
        for school in user.schools.all():
            staff_by_school.setdefault(school.pk, user)
    demo_now = datetime.combine(ctx_demo_date(), datetime.min.time(), CPH)
    new = []
    for i, cls in enumerate(classes):
        if cls == missing or cls.pk in have:
            continue
        # one talk a day at most: no counsellor is ever in two places at once
        starts = (FIRST_HELD if i % 2 == 0 else FIRST_BOOKED) + timedelta(days=7 * (i // 2))
        held = starts < demo_now
        feedback = held and i % 4 != 3  # most held talks have feedback, a few still lack it
        new.append(
            Talk(
                school_class=cls,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=90),
                counsellors=COUNSELLORS[i % len(COUNSELLORS)],
                status=TalkStatus.HELD if held else TalkStatus.BOOKED,
                feedback_score=(5, 4, 4, 3)[i % 4] if feedback else None,
                feedback_comment=COMMENTS[i % len(COMMENTS)] if feedback else "",
                feedback_by=staff_by_school.get(cls.school_id) if feedback else None,
                feedback_at=starts + timedelta(days=2) if feedback else None,
                booked_by=ctx.users.get("koordinator"),
            )
        )
    Talk.objects.bulk_create(new, batch_size=1000)
    for i, talk in enumerate(new):  # created_at is auto_now_add: the booking day afterwards
        talk.created_at = BOOKED + timedelta(days=i)
    Talk.objects.bulk_update(new, ["created_at"], batch_size=1000)


def ctx_demo_date():
    return settings.DEMO_DATE
