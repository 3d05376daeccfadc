"""Demo data of the shared model: the municipality of the status note, with fixed dates.

``seed_demo`` calls ``seed(ctx)`` here first, then the ``demo.py`` module of every other app (in
INSTALLED_APPS order), so each app extends the demo with its part of the story. Everything is keyed
by natural keys, so seeding twice changes nothing. ``ctx.scale`` multiplies the volume (N× schools
and everything under them) with bulk inserts, for benchmarks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password

from .models import (
    Job,
    Organisation,
    OrganisationKind,
    Partner,
    PartnerKind,
    Period,
    Role,
    School,
    SchoolClass,
    SchoolYear,
    Staff,
    User,
)

DEMO_PASSWORD = "trivsel-demo"  # noqa: S105 - printed for the demo; never used outside seed_demo

SCHOOLS = [
    ("Valhøj Skole", "valhoj", "Rødovre Parkvej 100, 2610 Rødovre"),
    ("Nyager Skole", "nyager", "Nyager Plads 2, 2610 Rødovre"),
    ("Rødovre Skole", "rodovre", "Schweizerdalsvej 2, 2610 Rødovre"),
    ("Islev Skole", "islev", "Slotsherrensvej 225, 2610 Rødovre"),
    ("Tinderhøj Skole", "tinderhoj", "Tinderhøj Allé 5, 2610 Rødovre"),
    ("Hendriksholm Skole", "hendriksholm", "Hendriksholms Boulevard 30, 2610 Rødovre"),
]
# letters per grade, school by school: 1.5 on average (about 15 classes per school and year)
LETTERS = ["AB", "A", "ABC", "A", "AB", "A"]

ORGANISATIONS = [
    ("Børne- og Kulturforvaltningen", OrganisationKind.DEPARTMENT, None),
    # the areas whose institutions (schools, SFO, daycare, clubs) send staff are units; the status
    # note says «ansatte fra institutionerne i …» of them
    ("Skoleområdet", OrganisationKind.UNIT, "Børne- og Kulturforvaltningen"),
    ("Dagtilbudsområdet", OrganisationKind.UNIT, "Børne- og Kulturforvaltningen"),
    ("Kultur- og Fritidsområdet", OrganisationKind.UNIT, "Børne- og Kulturforvaltningen"),
    ("SFO og klub", OrganisationKind.UNIT, "Skoleområdet"),
    ("Børne- og Familieafdelingen", OrganisationKind.DEPARTMENT, "Børne- og Kulturforvaltningen"),
    ("Skiftesporet", OrganisationKind.UNIT, "Børne- og Familieafdelingen"),
    ("Teknisk Forvaltning", OrganisationKind.DEPARTMENT, None),
    ("Rødovre Lærerforening", OrganisationKind.UNION, None),
    ("BUPL", OrganisationKind.UNION, None),
]

# Partners with their own descriptions: the status note weaves them in where it names them.
PARTNERS = [
    (
        "Headspace Rødovre",
        PartnerKind.COUNSELLING,
        "Headspace og deres ungerådgivere har stor indsigt i, hvad der sker i et ungdomsliv, hvad "
        "der kan være medvirkende til, at mange børn og unge mistrives mentalt, og ikke mindst "
        "hvordan de voksne kan være med til at starte en dialog sammen med børn og unge.",
    ),
    (
        "Kræftens Bekæmpelse Rødovre",
        PartnerKind.ASSOCIATION,
        "Kræftens Bekæmpelses lokalafdeling i Rødovre, der udbyder Kræftens Bekæmpelses "
        "sorggruppelederuddannelse.",
    ),
    (
        "TrygFonden",
        PartnerKind.FOUNDATION,
        "Fonden, der har bevilget kursusafgiften til sorggruppelederuddannelsen.",
    ),
    (
        "Bloom Institute",
        PartnerKind.EDUCATION,
        "Bloom Institute har gode erfaringer med, hvordan arbejdet med kreative processer kan "
        "styrke både børns og voksnes sundhed og trivsel.",
    ),
    (
        "MIT Center for Systems Awareness",
        PartnerKind.RESEARCH,
        "Center for Systems Awareness er et fakultet ved det velrenommerede amerikanske "
        "universitet Massachusetts Institute of Technology (MIT), der arbejder med Compassionate "
        "Systems som en metode til at arbejde med handlingsrettede modeller og tilgange, der kan "
        "medvirke til at styrke arbejdet med relationer, fællesskaber samt mental sundhed og "
        "trivsel. Indsatsen på MIT har været i gang i en årrække, og de kan således dele deres "
        "internationale erfaringer fra bl.a. Californien, Jakarta og British Columbia, hvor der "
        "arbejdes systematisk med tilgangen på børne- og ungeområdet.",
    ),
]

# name, start, end, current, and when it was set up in the portal (the status note's «as of»)
SCHOOL_YEARS = [
    ("2022/23", date(2022, 8, 1), date(2023, 7, 31), False, date(2022, 3, 1)),
    ("2023/24", date(2023, 8, 1), date(2024, 7, 31), True, date(2023, 1, 16)),
]
PERIODS = [
    ("Forår 2023", date(2023, 1, 1), date(2023, 6, 30)),
    ("Efterår 2023", date(2023, 7, 1), date(2023, 12, 31)),
    ("Forår 2024", date(2024, 1, 1), date(2024, 6, 30)),
]

# (first name, last name, job) per school; the leader and the first teacher get logins
STAFF_NAMES = [
    [
        ("Mette", "Holm", Job.LEADER),
        ("Lars", "Bech", Job.TEACHER),
        ("Sofie", "Dahl", Job.TEACHER),
        ("Anders", "Krogh", Job.PEDAGOGUE),
        ("Rikke", "Lund", Job.PHYSIOTHERAPIST),
        ("Hanne", "Friis", Job.HEALTH_NURSE),
    ],
    [
        ("Jens", "Vestergaard", Job.LEADER),
        ("Camilla", "Nørgaard", Job.TEACHER),
        ("Mikkel", "Thomsen", Job.TEACHER),
        ("Louise", "Brandt", Job.PEDAGOGUE),
        ("Peter", "Skov", Job.TEACHER),
    ],
    [
        ("Pia", "Kjær", Job.LEADER),
        ("Thomas", "Lauridsen", Job.TEACHER),
        ("Maria", "Winther", Job.TEACHER),
        ("Kasper", "Bach", Job.PEDAGOGUE),
        ("Julie", "Mortensen", Job.TEACHER),
    ],
    [
        ("Henrik", "Poulsen", Job.LEADER),
        ("Line", "Sørensen", Job.TEACHER),
        ("Morten", "Berg", Job.TEACHER),
        ("Signe", "Jeppesen", Job.PEDAGOGUE),
        ("Ole", "Kristiansen", Job.TEACHER),
    ],
    [
        ("Susanne", "Eriksen", Job.LEADER),
        ("Martin", "Olesen", Job.TEACHER),
        ("Ida", "Klausen", Job.TEACHER),
        ("Nikolaj", "Møller", Job.PEDAGOGUE),
        ("Birgitte", "Frost", Job.TEACHER),
    ],
    [
        ("Karsten", "Holt", Job.LEADER),
        ("Anne", "Petersen", Job.TEACHER),
        ("Emil", "Juhl", Job.TEACHER),
        ("Marianne", "Toft", Job.PEDAGOGUE),
        ("Søren", "Lind", Job.TEACHER),
    ],
]

NETWORK_USERS = [
    # username, first, last, role, job
    ("koordinator", "Karen", "Mikkelsen", Role.COORDINATOR, Job.COORDINATOR),
    # the head of schools approves the status note before it is made final
    ("skolechef", "Birgit", "Sand", Role.COORDINATOR, Job.OTHER),
    ("konsulent1", "Astrid", "Nielsen", Role.CONSULTANT, Job.CONSULTANT),
    ("konsulent2", "Bo", "Rasmussen", Role.CONSULTANT, Job.CONSULTANT),
    ("konference", "Lene", "Jacobsen", Role.CONFERENCE_ADMIN, Job.OTHER),
]


@dataclass
class DemoContext:
    scale: int = 1
    rng: random.Random = field(default_factory=lambda: random.Random(2023))
    schools: list[School] = field(default_factory=list)
    years: dict[str, SchoolYear] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, username, what)
    password_hash: str = ""


def aware(day: date, hour: int = 10) -> datetime:
    """``day`` at ``hour`` o'clock, Danish time."""
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def recorded(model, pks, when: date | datetime) -> None:
    """The demo is seeded today but tells 2023: dates the creation of these rows in their change
    history, which is what the status note reads «as of» from. Idempotent."""
    moment = when if isinstance(when, datetime) else aware(when)
    model.history.filter(id__in=list(pks), history_type="+").exclude(history_date=moment).update(
        history_date=moment
    )


def save_on(instance, when: date | datetime) -> None:
    """Saves ``instance`` with its history row dated ``when`` (a change the demo's story makes)."""
    instance._history_date = when if isinstance(when, datetime) else aware(when)
    instance.save()
    del instance._history_date


def school_specs(scale: int):
    """(name, slug, address, letters, staff) for every school at this scale."""
    for copy in range(1, scale + 1):
        for i, (name, slug, address) in enumerate(SCHOOLS):
            suffix = "" if copy == 1 else f" {copy}"
            yield (
                f"{name}{suffix}",
                f"{slug}{copy if copy > 1 else ''}",
                address,
                LETTERS[i],
                STAFF_NAMES[i],
            )


def seed(ctx: DemoContext) -> None:
    ctx.password_hash = ctx.password_hash or make_password(DEMO_PASSWORD)
    for name, start, end, _current, set_up in SCHOOL_YEARS:
        year, _ = SchoolYear.objects.get_or_create(name=name, defaults={"start": start, "end": end})
        ctx.years[name] = year
        recorded(SchoolYear, [year.pk], set_up)
    current = ctx.years["2023/24"]
    if not current.is_current:
        SchoolYear.objects.filter(is_current=True).update(is_current=False)
        SchoolYear.objects.filter(pk=current.pk).update(is_current=True)
    for name, start, end in PERIODS:
        ctx.periods[name], _ = Period.objects.get_or_create(
            name=name, defaults={"start": start, "end": end}
        )

    orgs: dict[str, Organisation] = {}
    for name, kind, parent in ORGANISATIONS:
        orgs[name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "parent": orgs.get(parent) if parent else None}
        )
    for name, kind, description in PARTNERS:
        Partner.objects.get_or_create(
            name=name, defaults={"kind": kind, "description": description}
        )

    specs = list(school_specs(ctx.scale))
    existing = {s.name: s for s in School.objects.filter(name__in=[s[0] for s in specs])}
    School.objects.bulk_create(
        [
            School(name=name, address=address)
            for name, _slug, address, *_ in specs
            if name not in existing
        ]
    )
    by_name = {s.name: s for s in School.objects.filter(name__in=[s[0] for s in specs])}
    ctx.schools = [by_name[s[0]] for s in specs]

    _seed_classes(ctx, specs)
    _seed_network_users(ctx, orgs["Skoleområdet"])
    _seed_school_staff(ctx, specs)
    _seed_superuser(ctx)


def _seed_classes(ctx: DemoContext, specs) -> None:
    have = set(
        SchoolClass.objects.filter(school__in=ctx.schools).values_list(
            "school_id", "school_year_id", "grade", "letter"
        )
    )
    new = []
    for school, (_name, _slug, _address, letters, _staff) in zip(ctx.schools, specs, strict=True):
        rng = random.Random(f"{school.name}")  # stable counts per school, whatever the scale
        for year in ctx.years.values():
            for grade in range(10):
                for letter in (
                    letters[: 1 + (grade % len(letters))] if len(letters) > 1 else letters
                ):
                    if (school.pk, year.pk, grade, letter) in have:
                        continue
                    new.append(
                        SchoolClass(
                            school=school,
                            school_year=year,
                            grade=grade,
                            letter=letter,
                            pupil_count=rng.randint(18, 26),
                        )
                    )
    SchoolClass.objects.bulk_create(new, batch_size=2000)


def _user(
    ctx: DemoContext, username: str, first: str, last: str, role: str, email: str
) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "role": role,
            "email": email,
            "password": ctx.password_hash,
        },
    )
    ctx.users[username] = user
    return user, created


def _seed_network_users(ctx: DemoContext, school_area: Organisation) -> None:
    for username, first, last, role, job in NETWORK_USERS:
        user, _ = _user(ctx, username, first, last, role, f"{username}@rk.dk")
        Staff.objects.get_or_create(
            user=user,
            defaults={
                "name": f"{first} {last}",
                "email": user.email,
                "job": job,
                "organisation": school_area,
            },
        )
        ctx.logins.append((str(Role(role).label), username, ""))


def _seed_school_staff(ctx: DemoContext, specs) -> None:
    existing_staff = set(
        Staff.objects.filter(school__in=ctx.schools).values_list("school_id", "name")
    )
    existing_users = {
        u.username: u for u in User.objects.filter(username__regex=r"^(leder|medarbejder)\.")
    }
    new_staff, new_users, memberships = [], [], []
    for school, (_name, slug, _address, _letters, people) in zip(ctx.schools, specs, strict=True):
        for i, (first, last, job) in enumerate(people):
            login = None
            if i == 0:
                login = (f"leder.{slug}", Role.LEADER)
            elif i == 1:
                login = (f"medarbejder.{slug}", Role.STAFF)
            user = None
            if login:
                username, role = login
                user = existing_users.get(username)
                if user is None:
                    user = User(
                        username=username,
                        first_name=first,
                        last_name=last,
                        role=role,
                        email=f"{username}@skole.rk.dk",
                        password=ctx.password_hash,
                    )
                    new_users.append((user, school))
                ctx.users[username] = user
                if ctx.scale == 1 or school == ctx.schools[0]:
                    ctx.logins.append((str(Role(role).label), username, school.name))
            if (school.pk, f"{first} {last}") not in existing_staff:
                new_staff.append(
                    Staff(
                        name=f"{first} {last}",
                        email=f"{first.lower()}.{last.lower()}@skole.rk.dk",
                        job=job,
                        school=school,
                        user=user,
                    )
                )
    if new_users:
        User.objects.bulk_create([u for u, _ in new_users], batch_size=1000)
        created = {
            u.username: u
            for u in User.objects.filter(username__in=[u.username for u, _ in new_users])
        }
        through = User.schools.through
        for user, school in new_users:
            memberships.append(through(user_id=created[user.username].pk, school_id=school.pk))
            ctx.users[user.username] = created[user.username]
        through.objects.bulk_create(memberships, batch_size=2000)
        for staff in new_staff:
            if staff.user is not None and staff.user.pk is None:
                staff.user = created[staff.user.username]
    Staff.objects.bulk_create(new_staff, batch_size=2000)


def _seed_superuser(ctx: DemoContext) -> None:
    user, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "first_name": "IT",
            "last_name": "Administrator",
            "email": "it@rk.dk",
            "is_staff": True,
            "is_superuser": True,
            "password": ctx.password_hash,
        },
    )
    ctx.users["admin"] = user
    ctx.logins.append(("IT-administrator (superuser)", "admin", ""))
