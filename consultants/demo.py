"""Demo data: the two consultants' spring 2023 across the six schools, autumn 2023 and a few visits
booked after the demo date — including the status note's example: in the youngest classes of the
fourth school the boys struggled most with traditional teaching; with the school physiotherapist
the class team planned a more varied day with movement, and the consultants sparred on the
two-adult arrangement (the same school makes movement a trial action in 2023/24). That story is
also an APPROVED example case, written «på en skole» in mid-April 2023 in its author's tense (the
situation was going on) and approved on 12 April 2023, so the spring note as of 14 April tells it
where the seed note has it. Dated as the note reads them: an activity was booked two weeks before
its day (``created_at``), a wellbeing course four weeks before its start and a PIT meeting six
weeks before it (their history). Idempotent: everything is keyed on natural keys (activities on a
UUID derived from them).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.db.models import DateTimeField, F
from django.db.models.functions import Cast
from django.utils import timezone

from trivsel.schools.models import SchoolClass

from .models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    ChallengeTag,
    ExampleCase,
    ExampleCaseStatus,
    FollowUp,
    Participant,
    PitMeeting,
    WellbeingCourse,
)

DEMO_NS = uuid.UUID("6f1e4c1e-3b0a-4f55-9a59-6b0d2c0e7a11")

TAGS = [
    "uro",
    "koncentration",
    "bevægelse",
    "fællesskab",
    "to-voksenordning",
    "konflikter",
    "fravær",
    "søvn",
    "digital adfærd",
    "overgange",
]

OBSERVATIONS = {
    ActivityKind.OBSERVATION: [
        "Uro ved overgangene mellem aktiviteter; flere elever har svært ved at komme i gang.",
        "Stille arbejde fungerer i korte perioder; koncentrationen falder efter ca. 15 minutter.",
        "God stemning i fællessamlingen; enkelte elever står uden for legen i frikvarteret.",
        "Mange konflikter efter frikvarteret; de voksne bruger meget tid på at samle klassen.",
    ],
    ActivityKind.GUIDANCE: [
        "Vejledning af klasseteamet om tydelig struktur og visuel dagsplan.",
        "Vejledning om korte bevægelsesbånd mellem lektionerne.",
        "Vejledning om klassens fællesskab: faste makkerpar og fælles lege.",
    ],
    ActivityKind.SPARRING: [
        "Sparring med teamet om rollefordeling mellem de to voksne.",
        "Sparring med ledelsen om opfølgning på klassens trivsel.",
        "Sparring om forældresamarbejde omkring søvn og skærmtid.",
    ],
    ActivityKind.OTHER: ["Opfølgende samtale med teamet."],
}
TIMES = [time(8, 0), time(9, 0), time(10, 15), time(11, 30), time(12, 30)]
COURSE_TOPICS = [
    "Fællesskab i klassen",
    "Venskaber og konflikter",
    "Søvn og skærm",
    "Trivsel i overgangen til mellemtrinnet",
    "Gode frikvarterer",
    "Følelser og sprog",
]

MOVEMENT_CASE_TITLE = "Bevægelse i indskolingen – en mere varieret skoledag"
# written for the note in mid-April 2023, while the school was working on it: its tense is its
# author's, and the note prints it as written
MOVEMENT_CASE_TEXT = (
    "Et konkret eksempel på, hvor konsulenterne har kunnet understøtte personalet, er i "
    "indskolingsklasserne på en skole, hvor personalet oplever, at det bøvler. På skolen vil man "
    "gerne arbejde med, hvordan skoledagene kan indrettes anderledes, så alle børn rummes, "
    "trives og føler sig som en del af fællesskabet – både det faglige og det sociale. Efter "
    "konsulenternes observationer i klasserne stod det klart, at drengene har det sværest med "
    "den traditionelle undervisning. De har svært ved at sidde stille ret længe ad gangen, og de "
    "har svært ved at bevare koncentrationen. Med input fra skolefysioterapeuten tilrettelagde "
    "konsulenterne sammen med klasseteamet en mere varieret skoledag med fokus på bevægelse. "
    "Konsulenterne sparrede desuden med klasseteamet om, hvordan de kan arbejde med "
    "to-voksenordningen."
)
DRAFT_CASE_TITLE = "Faste makkerpar styrker fællesskabet på mellemtrinnet"
DRAFT_CASE_TEXT = (
    "På en skole arbejdede et klasseteam på mellemtrinnet med faste makkerpar og fælles lege i "
    "frikvartererne efter et trivselsforløb. Teamet oplever færre konflikter efter pauserne."
)


BOOKED_AHEAD = timedelta(days=14)
COURSE_RECORDED_AHEAD = timedelta(days=28)
PIT_RECORDED_AHEAD = timedelta(days=42)
CASE_APPROVED = datetime(2023, 4, 12, 10, 0)


def _with_history(model, rows, ahead: timedelta, day) -> None:
    """History rows for bulk-inserted rows, dated ``ahead`` of each row's own day: what the
    status note reads to know whether a booking existed on its as-of date."""
    for row in rows:
        row._history_date = timezone.make_aware(datetime.combine(day(row) - ahead, time(9)))
    model.history.bulk_history_create(rows, batch_size=1000)


def _uuid(*parts) -> uuid.UUID:
    return uuid.uuid5(DEMO_NS, "/".join(str(p) for p in parts))


def _weekday(rng: random.Random, monday: date) -> date:
    return monday + timedelta(days=rng.randint(0, 4))


def _mondays(start: date, end: date, step_weeks: int):
    day = start - timedelta(days=start.weekday())
    while day <= end:
        yield day
        day += timedelta(weeks=step_weeks)


class _Builder:
    """Collects new rows keyed on natural keys, then writes them in bulk."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.tags = {}
        self.known = set(Activity.objects.values_list("client_uuid", flat=True))
        self.activities: list[Activity] = []
        self.activity_tags: dict[uuid.UUID, list[str]] = {}
        self.follow_ups: dict[uuid.UUID, list[dict]] = {}
        school_ids = [s.pk for s in ctx.schools]
        self.classes = {
            (school_id, year_id, grade, letter): pk
            for pk, school_id, year_id, grade, letter in SchoolClass.objects.filter(
                school_id__in=school_ids
            ).values_list("pk", "school_id", "school_year_id", "grade", "letter")
        }

    def class_id(self, school, day: date, grade: int):
        year = self.ctx.years["2022/23" if day < date(2023, 8, 1) else "2023/24"]
        return self.classes.get((school.pk, year.pk, grade, "A"))

    def add(self, key, *, tags=(), follow_ups=(), **fields) -> uuid.UUID:
        client_uuid = _uuid("activity", *key)
        if client_uuid in self.known:
            return client_uuid
        self.known.add(client_uuid)
        self.activities.append(Activity(client_uuid=client_uuid, **fields))
        self.activity_tags[client_uuid] = list(tags)
        self.follow_ups[client_uuid] = list(follow_ups)
        return client_uuid

    def save(self) -> None:
        Activity.objects.bulk_create(self.activities, batch_size=1000)
        # booked two weeks before the day (the note counts what was booked by its date)
        Activity.objects.filter(pk__in=[a.pk for a in self.activities]).update(
            created_at=Cast(F("date"), DateTimeField()) - BOOKED_AHEAD
        )
        pks = dict(
            Activity.objects.filter(
                client_uuid__in=[a.client_uuid for a in self.activities]
            ).values_list("client_uuid", "pk")
        )
        through = Activity.tags.through
        through.objects.bulk_create(
            [
                through(activity_id=pks[u], challengetag_id=self.tags[name].pk)
                for u, names in self.activity_tags.items()
                for name in names
            ],
            batch_size=2000,
        )
        FollowUp.objects.bulk_create(
            [
                FollowUp(activity_id=pks[u], **item)
                for u, items in self.follow_ups.items()
                for item in items
            ],
            batch_size=2000,
        )


def seed(ctx) -> None:
    consultants = [ctx.users.get("konsulent1"), ctx.users.get("konsulent2")]
    if not all(consultants) or not ctx.schools:
        return
    builder = _Builder(ctx)
    for name in TAGS:
        builder.tags[name], _ = ChallengeTag.objects.get_or_create(name=name)

    _seed_movement_story(ctx, builder, consultants)
    courses = _seed_courses(ctx, builder, consultants)
    for i, school in enumerate(ctx.schools):
        consultant = consultants[i % 2]
        _seed_visits(ctx, builder, school, consultant, i)
        _seed_course_sessions(builder, courses.get(school.pk, []))
        if ctx.scale > 1:
            _seed_volume(ctx, builder, school, consultants[i % 2])
    builder.save()
    _seed_pit(ctx, consultants)
    _seed_example_cases(ctx, consultants)


def _seed_visits(ctx, builder: _Builder, school, consultant, index: int) -> None:
    """Regular visits: every other week in spring and autumn 2023, and two booked after the demo
    date."""
    rng = random.Random(f"konsulent-besog/{school.name}")
    kinds = [ActivityKind.OBSERVATION, ActivityKind.GUIDANCE, ActivityKind.SPARRING]
    spans = [
        (date(2023, 1, 16), date(2023, 6, 16), 2, ActivityStatus.HELD),
        (date(2023, 8, 21), date(2023, 12, 15), 2, ActivityStatus.HELD),
        (date(2024, 1, 22), date(2024, 2, 26), 3, ActivityStatus.PLANNED),
    ]
    for span, (start, end, step, status) in enumerate(spans):
        for week, monday in enumerate(_mondays(start, end, step)):
            day = _weekday(rng, monday)
            if monday in (date(2023, 2, 13), date(2023, 10, 16)):  # winter and autumn holidays
                continue
            for n in range(1 if status == ActivityStatus.PLANNED else rng.randint(1, 2)):
                kind = kinds[(week + n + index) % len(kinds)] if n == 0 else ActivityKind.GUIDANCE
                grade = rng.randint(0, 9)
                participants = [Participant.CLASS_TEAM]
                if kind == ActivityKind.SPARRING and rng.random() < 0.4:
                    participants = [Participant.LEADERSHIP]
                elif rng.random() < 0.15:
                    participants.append(rng.choice([Participant.HEALTH_NURSE, Participant.PPR]))
                texts = OBSERVATIONS[kind]
                builder.add(
                    (school.name, span, week, n),
                    consultant=consultant,
                    school=school,
                    school_class_id=builder.class_id(school, day, grade),
                    date=day,
                    start_time=TIMES[(week + n) % len(TIMES)],
                    duration_minutes=rng.choice([45, 45, 60, 90]),
                    kind=kind,
                    status=status,
                    participants=[str(p) for p in participants],
                    observation="" if status == ActivityStatus.PLANNED else rng.choice(texts),
                    shared_with_leadership=rng.random() < 0.6,
                    tags=rng.sample(TAGS[:7], rng.randint(1, 3)),
                    follow_ups=(
                        [
                            {
                                "what": "Klasseteamet afprøver en visuel dagsplan",
                                "who": "Klasseteamet",
                                "due": day + timedelta(days=21),
                                "done": day < date(2023, 11, 1),
                                "done_at": day + timedelta(days=20)
                                if day < date(2023, 11, 1)
                                else None,
                            }
                        ]
                        if kind == ActivityKind.GUIDANCE and week % 3 == 0
                        else []
                    ),
                )


VOLUME_SPANS = [
    (date(2023, 1, 9), date(2023, 6, 23), ActivityStatus.HELD),
    (date(2023, 8, 14), date(2023, 12, 15), ActivityStatus.HELD),
    (date(2024, 1, 22), date(2024, 2, 26), ActivityStatus.PLANNED),
]


def _seed_volume(ctx, builder: _Builder, school, consultant) -> None:
    """Benchmark volume (``ctx.scale > 1`` only, so the 1× story is unchanged): a working
    municipality's consultant calendar — about six activities a week per school, in any class,
    about 2,000 per six schools (20,000 at ``--scale 10``)."""
    rng = random.Random(f"konsulent-volumen/{school.name}")
    kinds = [ActivityKind.OBSERVATION, ActivityKind.GUIDANCE, ActivityKind.SPARRING]
    letters = sorted({key[3] for key in builder.classes if key[0] == school.pk}) or ["A"]
    for span, (start, end, status) in enumerate(VOLUME_SPANS):
        for week, monday in enumerate(_mondays(start, end, 1)):
            for n in range(rng.randint(5, 8)):
                day = _weekday(rng, monday)
                kind = rng.choice(kinds)
                year = ctx.years["2022/23" if day < date(2023, 8, 1) else "2023/24"]
                builder.add(
                    ("volumen", school.name, span, week, n),
                    consultant=consultant,
                    school=school,
                    school_class_id=builder.classes.get(
                        (school.pk, year.pk, rng.randint(0, 9), rng.choice(letters))
                    ),
                    date=day,
                    start_time=rng.choice(TIMES),
                    duration_minutes=rng.choice([45, 45, 60, 90]),
                    kind=kind,
                    status=status,
                    participants=[str(Participant.CLASS_TEAM)],
                    observation=""
                    if status == ActivityStatus.PLANNED
                    else rng.choice(OBSERVATIONS[kind]),
                    shared_with_leadership=rng.random() < 0.6,
                    tags=rng.sample(TAGS, rng.randint(1, 2)),
                    follow_ups=(
                        [
                            {
                                "what": "Klasseteamet afprøver en visuel dagsplan",
                                "who": "Klasseteamet",
                                "due": day + timedelta(days=21),
                                "done": day < date(2023, 11, 1),
                                "done_at": day + timedelta(days=20)
                                if day < date(2023, 11, 1)
                                else None,
                            }
                        ]
                        if kind == ActivityKind.GUIDANCE and n == 0
                        else []
                    ),
                )


def _seed_movement_story(ctx, builder: _Builder, consultants) -> None:
    """The status note's example, at the fourth school's indskoling in spring 2023."""
    school = ctx.schools[3 % len(ctx.schools)]
    first, second = consultants
    story = [
        # (day, time, consultant, kind, grade, participants, tags, text)
        (
            date(2023, 2, 7),
            time(8, 15),
            first,
            ActivityKind.OBSERVATION,
            1,
            [Participant.CLASS_TEAM],
            ["uro", "koncentration", "bevægelse"],
            "Drengene har sværest ved den traditionelle undervisning: svært ved at sidde stille "
            "længe ad gangen og ved at bevare koncentrationen. Personalet oplever, at det bøvler.",
        ),
        (
            date(2023, 2, 9),
            time(9, 0),
            second,
            ActivityKind.OBSERVATION,
            2,
            [Participant.CLASS_TEAM],
            ["uro", "koncentration", "bevægelse"],
            "Samme mønster som i 1. klasse: uro og faldende koncentration hos drengene efter "
            "kort tids stillesiddende arbejde.",
        ),
        (
            date(2023, 2, 28),
            time(12, 30),
            first,
            ActivityKind.GUIDANCE,
            1,
            [Participant.CLASS_TEAM, Participant.PHYSIOTHERAPIST],
            ["bevægelse"],
            "Med input fra skolefysioterapeuten tilrettelagde vi sammen med klasseteamet en mere "
            "varieret skoledag med fokus på bevægelse: korte bevægelsesbånd og aktiv læring.",
        ),
        (
            date(2023, 3, 14),
            time(13, 15),
            second,
            ActivityKind.SPARRING,
            1,
            [Participant.CLASS_TEAM],
            ["to-voksenordning"],
            "Sparring med klasseteamet om, hvordan de kan arbejde med to-voksenordningen: "
            "rollefordeling, holddeling og hvem der tager bevægelsesbåndene.",
        ),
        (
            date(2023, 5, 2),
            time(8, 15),
            first,
            ActivityKind.OBSERVATION,
            1,
            [Participant.CLASS_TEAM],
            ["bevægelse", "koncentration"],
            "Opfølgende observation: den varierede skoledag er i gang; roligere overgange og "
            "flere elever deltager aktivt.",
        ),
    ]
    for n, (day, at, consultant, kind, grade, participants, tags, text) in enumerate(story):
        follow_ups = []
        if n == 2:
            follow_ups = [
                {
                    "what": "Bevægelsesbånd i hver lektion i 1. og 2. klasse",
                    "who": "Klasseteamet",
                    "due": date(2023, 3, 31),
                    "done": True,
                    "done_at": date(2023, 3, 30),
                },
                {
                    "what": "Evaluering af den varierede skoledag med teamet",
                    "who": "Konsulenterne",
                    "due": date(2023, 6, 15),
                    "done": True,
                    "done_at": date(2023, 6, 12),
                },
            ]
        if n == 3:
            follow_ups = [
                {
                    "what": "Fast rollefordeling i to-voksentimerne beskrives for hele indskolingen",
                    "who": "Indskolingslederen",
                    "due": date(2023, 12, 1),
                    "done": False,
                    "done_at": None,
                }
            ]
        builder.add(
            ("bevægelse-indskoling", n),
            consultant=consultant,
            school=school,
            school_class_id=builder.class_id(school, day, grade),
            date=day,
            start_time=at,
            duration_minutes=90 if kind == ActivityKind.OBSERVATION else 60,
            kind=kind,
            status=ActivityStatus.HELD,
            participants=[str(p) for p in participants],
            observation=text,
            shared_with_leadership=True,
            tags=tags,
            follow_ups=follow_ups,
        )


def _seed_courses(ctx, builder: _Builder, consultants) -> dict[int, list[WellbeingCourse]]:
    """One trivselsforløb per school in spring 2023 and in autumn 2023, one booked for 2024."""
    existing = {
        (c.school_id, c.topic, c.start_date): c
        for c in WellbeingCourse.objects.filter(school__in=ctx.schools)
    }
    plans = []
    for i, school in enumerate(ctx.schools):
        consultant = consultants[i % 2]
        plans.append(
            (
                school,
                consultant,
                COURSE_TOPICS[i % 6],
                date(2023, 3, 6) + timedelta(days=i % 5),
                2022,
                5,
            )
        )
        plans.append(
            (
                school,
                consultant,
                COURSE_TOPICS[(i + 2) % 6],
                date(2023, 9, 11) + timedelta(days=i % 5),
                2023,
                4,
            )
        )
        if i % 6 == 1:
            plans.append((school, consultant, "Fællesskab i klassen", date(2024, 2, 5), 2023, 4))
    new = []
    for school, consultant, topic, start, year, sessions in plans:
        if (school.pk, topic, start) in existing:
            continue
        class_id = builder.class_id(school, start, 4 if year == 2022 else 5)
        new.append(
            WellbeingCourse(
                consultant=consultant,
                school=school,
                school_class_id=class_id,
                topic=topic,
                start_date=start,
                planned_sessions=sessions,
                evaluation=""
                if start > date(2024, 1, 15)
                else "Eleverne tog godt imod øvelserne; klasseteamet fortsætter med de faste makkerpar.",
            )
        )
    WellbeingCourse.objects.bulk_create(new)
    _with_history(WellbeingCourse, new, COURSE_RECORDED_AHEAD, lambda c: c.start_date)
    by_school: dict[int, list[WellbeingCourse]] = {}
    for course in WellbeingCourse.objects.filter(school__in=ctx.schools):
        by_school.setdefault(course.school_id, []).append(course)
    return by_school


def _seed_course_sessions(builder: _Builder, courses) -> None:
    for course in courses:
        for n in range(course.planned_sessions):
            day = course.start_date + timedelta(weeks=n)
            planned = day > date(2024, 1, 15)
            builder.add(
                ("forløb", course.pk, n),
                consultant_id=course.consultant_id,
                school_id=course.school_id,
                school_class_id=course.school_class_id,
                date=day,
                start_time=time(10, 15),
                duration_minutes=90,
                kind=ActivityKind.COURSE_SESSION,
                status=ActivityStatus.PLANNED if planned else ActivityStatus.HELD,
                participants=[str(Participant.CLASS_TEAM)],
                observation="" if planned else "Forløbsgang gennemført efter planen.",
                shared_with_leadership=True,
                course_id=course.pk,
                tags=["fællesskab"],
            )


def _seed_pit(ctx, consultants) -> None:
    existing = set(
        PitMeeting.objects.filter(school__in=ctx.schools).values_list("school_id", "date")
    )
    new = []
    months = [
        date(2023, 2, 1),
        date(2023, 4, 12),
        date(2023, 6, 7),
        date(2023, 9, 20),
        date(2023, 11, 22),
        date(2024, 2, 14),
    ]
    themes = ["Fravær og trivsel", "Uro i indskolingen", "Overgange", "Konflikter i frikvarteret"]
    for i, school in enumerate(ctx.schools):
        rng = random.Random(f"pit/{school.name}")
        for m, first in enumerate(months):
            day = first + timedelta(days=i % 3)
            if (school.pk, day) in existing:
                continue
            future = day > date(2024, 1, 15)
            new.append(
                PitMeeting(
                    consultant=consultants[(i + m) % 2],
                    school=school,
                    date=day,
                    cases_discussed=0 if future else rng.randint(2, 6),
                    themes="" if future else ", ".join(rng.sample(themes, 2)),
                    contribution=""
                    if future
                    else "Erfaringer fra andre skoler om bevægelse og struktur i hverdagen.",
                )
            )
    PitMeeting.objects.bulk_create(new, batch_size=1000)
    _with_history(PitMeeting, new, PIT_RECORDED_AHEAD, lambda m: m.date)


def _seed_example_cases(ctx, consultants) -> None:
    coordinator = ctx.users.get("koordinator")
    spring, autumn = ctx.periods.get("Forår 2023"), ctx.periods.get("Efterår 2023")
    if spring is not None and coordinator is not None:
        case, created = ExampleCase.objects.get_or_create(
            title=MOVEMENT_CASE_TITLE,
            period=spring,
            defaults={
                "text": MOVEMENT_CASE_TEXT,
                "author": consultants[0],
                "status": ExampleCaseStatus.APPROVED,
                "approved_by": coordinator,
                "approved_at": timezone.make_aware(CASE_APPROVED),
            },
        )
        if created:
            case.tags.set(
                ChallengeTag.objects.filter(name__in=["bevægelse", "to-voksenordning", "uro"])
            )
    if autumn is not None:
        ExampleCase.objects.get_or_create(
            title=DRAFT_CASE_TITLE,
            period=autumn,
            defaults={"text": DRAFT_CASE_TEXT, "author": consultants[1]},
        )
