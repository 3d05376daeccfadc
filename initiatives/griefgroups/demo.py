"""Demo: the autumn 2023 grief-group leader course by Kræftens Bekæmpelse Rødovre (fee covered
by a TrygFonden grant) with two participants from every school; groups at three schools started
in November/December 2023 with meetings and an evaluation for «Efterår 2023»; an hourly rate.

Dated as the status note tells it: the grant was in place and the course decided in March 2023
(its history), so the spring note as of 14 April says it runs in the autumn; the leaders nominated
participants in June 2023 (``created_at``), who completed on the last course day; the groups were
recorded two weeks before they started and evaluated on 18 December 2023 (their history).

Idempotent: keyed on natural keys (course title, session date, staff, group name per school,
meeting date, period). At ``ctx.scale > 1`` the copies of the schools get participants too
(bulk inserts); groups stay at the first three schools of the first copy.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from trivsel.schools.demo import aware, recorded
from trivsel.schools.models import Partner, Role, Staff, User

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

COURSE_TITLE = "Sorggruppelederuddannelse efterår 2023"
SESSIONS = [
    (date(2023, 9, 12), "Børn og unges sorg — reaktioner og behov"),
    (date(2023, 10, 3), "Sorggruppens rammer: visitation, forældre og samarbejde"),
    (date(2023, 10, 31), "Øvelser og samtaleredskaber i gruppen"),
    (date(2023, 11, 21), "Afslutning, supervision og opstart af egne grupper"),
]
# (school index, group name, start, grade bands, places, referred, waiting, meetings, hours each)
GROUPS = [
    (0, "Sorggruppe mellemtrin", date(2023, 11, 28), ["mellemtrin"], 6, 8, 2, 4, "3.0"),
    (2, "Sorggruppe udskoling", date(2023, 12, 5), ["udskoling"], 6, 5, 0, 3, "2.5"),
    (
        4,
        "Sorggruppe indskoling",
        date(2023, 11, 30),
        ["indskoling", "mellemtrin"],
        5,
        7,
        2,
        4,
        "3.0",
    ),
]
COURSE_DECIDED = date(2023, 3, 28)
NOMINATED = date(2023, 6, 5)  # the first nomination; one an hour after it
EVALUATED = date(2023, 12, 18)
EVALUATION_TEXT = (
    "Eleverne er kommet godt i gang; flere fortæller, at det hjælper at møde andre i samme "
    "situation. Forældrene har taget godt imod tilbuddet."
)


def seed(ctx) -> None:
    provider = Partner.objects.get(name="Kræftens Bekæmpelse Rødovre")
    grant_giver = Partner.objects.get(name="TrygFonden")
    course, _ = Course.objects.get_or_create(
        title=COURSE_TITLE,
        defaults={
            "provider": provider,
            "grant_giver": grant_giver,
            "grant_amount": Decimal("60000"),
            "grant_covers": "kursusafgiften til Kræftens Bekæmpelses sorggruppelederuddannelse",
            "seats": 2 * len(ctx.schools),
            "start_date": SESSIONS[0][0],
            "end_date": SESSIONS[-1][0],
            # the coordinator's own words on the decision, written in March 2023: grief groups
            # had been discussed before, and the grant settled it
            "description": (
                "Etablering af sorggrupper på skolerne er derfor endnu en gang drøftet og afdækket "
                "med det resultat, at der afvikles sorggruppelederkursus i efteråret 2023. Kurset "
                "vil fungere som et kompetenceforløb for udvalgte medarbejdere fra alle skoler."
            ),
        },
    )
    recorded(Course, [course.pk], COURSE_DECIDED)
    sessions = []
    for day, topic in SESSIONS:
        session, _ = CourseSession.objects.get_or_create(
            course=course,
            date=day,
            start_time=time(9, 0),
            defaults={"end_time": time(15, 0), "topic": topic},
        )
        sessions.append(session)

    participants = _seed_participants(ctx, course)
    _seed_attendance(ctx, sessions, participants)
    HourlyRate.objects.get_or_create(
        valid_from=date(2023, 8, 1),
        defaults={"rate": Decimal("420.00"), "set_by": ctx.users.get("koordinator")},
    )
    _seed_groups(ctx, participants)


def _seed_participants(ctx, course) -> dict[int, list[Nomination]]:
    """Two staff per school (not the leader): nominated by the leader, confirmed, completed."""
    staff = (
        Staff.objects.filter(school__in=ctx.schools, is_active=True)
        .exclude(job="leader")
        .order_by("school_id", "pk")
    )
    chosen: dict[int, list[Staff]] = {}
    for s in staff:
        picks = chosen.setdefault(s.school_id, [])
        if len(picks) < 2:
            picks.append(s)
    have = set(Nomination.objects.filter(course=course).values_list("staff_id", flat=True))
    leaders = dict(
        User.objects.filter(role=Role.LEADER, schools__in=ctx.schools)
        .order_by("pk")
        .values_list("schools", "pk")
    )
    new = [
        Nomination(
            course=course,
            staff=s,
            nominated_by_id=leaders.get(school_id),
            status=NominationStatus.CONFIRMED,
            decided_by=ctx.users.get("koordinator"),
            completed=True,
            completed_on=course.end_date,
        )
        for school_id, picks in chosen.items()
        for s in picks
        if s.pk not in have
    ]
    Nomination.objects.bulk_create(new, batch_size=2000)
    for i, n in enumerate(new):  # created_at is auto_now_add: the nomination's day afterwards
        n.created_at = aware(NOMINATED) + timedelta(hours=i)
    Nomination.objects.bulk_update(new, ["created_at"], batch_size=2000)
    by_school: dict[int, list[Nomination]] = {}
    for n in Nomination.objects.filter(course=course).select_related("staff").order_by("staff_id"):
        by_school.setdefault(n.staff.school_id, []).append(n)
    return by_school


def _seed_attendance(ctx, sessions, participants) -> None:
    have = set(
        Attendance.objects.filter(session__in=sessions).values_list("nomination_id", "session_id")
    )
    new = []
    for i, nominations in enumerate(participants.values()):
        for j, n in enumerate(nominations):
            for k, session in enumerate(sessions):
                if (n.pk, session.pk) in have:
                    continue
                # one participant in each third school missed the third session
                present = not (k == 2 and j == 1 and i % 3 == 0)
                new.append(Attendance(nomination=n, session=session, present=present))
    Attendance.objects.bulk_create(new, batch_size=5000)


def _seed_groups(ctx, participants) -> None:
    period = ctx.periods["Efterår 2023"]
    rate = HourlyRate.on(period.end)
    for index, name, start, bands, places, referred, waiting, meetings, hours in GROUPS:
        if index >= len(ctx.schools):
            continue
        school = ctx.schools[index]
        group = GriefGroup.objects.filter(school=school, name=name).first()
        if group is None:
            group = GriefGroup.objects.create(
                school=school,
                name=name,
                start_date=start,
                grade_bands=bands,
                places=places,
                referred_count=referred,
                waiting_count=waiting,
            )
            group.leaders.set([n.staff for n in participants.get(school.pk, [])])
            recorded(GriefGroup, [group.pk], start - timedelta(days=14))
        have = set(group.meetings.values_list("date", flat=True))
        new = []
        for m in range(meetings):
            day = start + timedelta(days=7 * m)
            if day in have:
                continue
            present = min(places, referred - (m % 2))
            new.append(
                GroupMeeting(
                    group=group,
                    date=day,
                    pupils_present=max(present, 0),
                    leader_hours=Decimal(hours),
                    note="",
                )
            )
        GroupMeeting.objects.bulk_create(new)
        evaluation, _ = Evaluation.objects.get_or_create(
            group=group,
            period=period,
            defaults={
                "places": places,
                "referred_count": referred,
                "leader_assessment": 4,
                "benefit_text": EVALUATION_TEXT,
                "feedback_positive": places - 1,
                "feedback_neutral": 1,
                "feedback_negative": 0,
                "materials_dkk": Decimal("750"),
                "hourly_rate": rate.rate if rate else None,
            },
        )
        recorded(Evaluation, [evaluation.pk], EVALUATED)
