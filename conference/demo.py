"""Demo: the three-day conference «Du og jeg, en verden i Rødovre» (about 100 participants from
the organisations of the demo by the spring note, more by the end of the year, a group of pupils,
a waiting list on the second day) and the pedagogues' course at Bloom Institute with one
participant from every school.

Rows are written directly (no e-mails, no window check); capacity is respected by computing each
booking's status in order, as the service would. Keyed on natural keys: seeding twice changes
nothing.

The story in time: both events were decided in early 2023 (their history). The conference's
sign-up opens 1 March 2023: 100 adults sign up by 13 April, so the spring 2023 status note as of
14 April counts 100; 20 more come during the rest of 2023 and four in January 2024; the pupils are
signed up in January 2024 when their guardians consent. The course runs in the spring of 2023
(22 March–14 June, the leaders nominated the pedagogues in February and March), so the spring
note as of 14 April tells it as going on, in the seed's present tense; everybody checked in on
every course day. ``created`` is ``auto_now_add``, so the timestamps are set after the bulk insert
(deterministically, in pk order — a second run finds nothing to change). The events' descriptions
are the organiser's own texts that the note weaves in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from trivsel.schools import clock
from trivsel.schools.demo import recorded
from trivsel.schools.models import Job, Organisation, Partner, Staff

from .models import (
    BookingStatus,
    ConsentText,
    DayBooking,
    Event,
    EventDay,
    EventKind,
    ParticipantKind,
    Registration,
)

CONFERENCE_SLUG = "du-og-jeg-2024"
COURSE_SLUG = "skolepaedagoger-bloom-2023"
CONFERENCE_TITLE = (
    "Du og jeg, en verden i Rødovre – en konference om trivsel, fællesskaber og forandringer"
)
CONFERENCE_DAYS = [(date(2024, 3, 5), 130), (date(2024, 3, 6), 90), (date(2024, 3, 7), 130)]
COURSE_DAYS = [
    (date(2023, 3, 22), 30),
    (date(2023, 4, 19), 30),
    (date(2023, 5, 17), 30),
    (date(2023, 6, 14), 30),
]
PARTICIPANTS = 100  # adults signed up by the spring note
# when the adults signed up: (how many, first day, last day)
SIGNUP_WAVES = [
    (PARTICIPANTS, date(2023, 3, 1), date(2023, 4, 13)),
    (20, date(2023, 4, 17), date(2023, 12, 15)),
    (4, date(2024, 1, 8), date(2024, 1, 12)),
]
ADULTS = sum(n for n, _first, _last in SIGNUP_WAVES)
# how the ~100 participants spread over the administration (a believable mix, not 10 each)
ORGANISATION_WEIGHTS = {
    "Skoleområdet": 22,
    "Dagtilbudsområdet": 18,
    "Kultur- og Fritidsområdet": 12,
    "SFO og klub": 10,
    "Rødovre Lærerforening": 8,
    "BUPL": 8,
    "Børne- og Familieafdelingen": 8,
    "Børne- og Kulturforvaltningen": 5,
    "Skiftesporet": 5,
    "Teknisk Forvaltning": 4,
}
FIRST = ["Anne", "Bo", "Carla", "Dennis", "Eva", "Frederik", "Gitte", "Henrik", "Inge", "Jonas"]
LAST = ["Hansen", "Jensen", "Nielsen", "Larsen", "Poulsen", "Madsen", "Kristensen", "Olsen"]
PUPILS = ["Ida", "Noah", "Freja", "William", "Alma", "Oscar", "Ella", "Karl"]
CONSENT = (
    "Jeg giver samtykke til, at mit barn deltager i konferencen «Du og jeg, en verden i Rødovre» "
    "sammen med en voksen fra skolen, og at fornavn, skole og klasse registreres til brug for "
    "deltagerlisten. Oplysningerne slettes efter konferencen."
)


CONFERENCE_SIGNUPS = (SIGNUP_WAVES[0][1], SIGNUP_WAVES[0][2])  # by the spring note
COURSE_NOMINATIONS = (date(2023, 2, 13), date(2023, 3, 10))
CONFERENCE_DECIDED, COURSE_DECIDED = date(2023, 2, 1), date(2023, 1, 30)
# the organiser's own text: what the conference is, who facilitates it and what they bring
CONFERENCE_DESCRIPTION = (
    "Skoleområdet har fået en unik mulighed for at arrangere og udbyde »Du og jeg, en verden i "
    "Rødovre – en konference om trivsel, fællesskaber og forandringer«. Konferencen byder på tre "
    "spændende og lærerige uddannelsesdage med fokus på, hvordan vi hver især og sammen håndterer "
    "forandringer, nærvær, systemisk tænkning, mental sundhed og trivsel i en tid med store "
    "globale udfordringer samt stigende mistrivsel ikke mindst blandt børn og unge.\n\n"
    "Ledende kræfter i Center for Systems Awareness – et fakultet ved det velrenommerede "
    "amerikanske universitet Massachusetts Institute of Technology (MIT) – kommer til Rødovre for "
    "at facilitere konferencen og introducere til arbejdet med Compassionate Systems som en metode "
    "til at arbejde med handlingsrettede modeller og tilgange, der kan medvirke til at styrke "
    "arbejdet med relationer, fællesskaber samt mental sundhed og trivsel. Indsatsen på MIT har "
    "været i gang i en årrække, og de kan således dele deres internationale erfaringer fra bl.a. "
    "Californien, Jakarta og British Columbia, hvor der arbejdes systematisk med tilgangen på "
    "børne- og ungeområdet.\n\n"
    "Compassion handler bl.a. om at være åben over for egne og andres måder at være i verden på "
    "og have opmærksomhed på empati og forståelse for sig selv og andre samt lære at reflektere "
    "over sammenhænge. Kompetenceudviklingsdagene skal gøre deltagerne klogere på "
    "systemtænkning, social emotional learning (SEL), nærvær, refleksion, fordybelse og "
    "compassion. Der vil være introduktion til og afprøvning af konkrete nærværsredskaber samt "
    "modeller, der giver nye handlemuligheder i arbejdet med de udfordringer, der opstår hos os "
    "selv, i relationen til andre og i verden.\n\n"
    "Center for Systems Awareness fra MIT har gode erfaringer med samspillet mellem børn, unge og "
    "ansatte i deres workshops. Den erfaring har vi taget til os og glæder os til at samarbejde "
    "tæt med børnene og de unge på konferencedagene."
)
COURSE_DESCRIPTION = (
    "I SFO og klub er der mulighed for på en anden måde end i skoletiden at træne kreativitet, "
    "handlekraft og selvstændighed samt evnen til at indgå i forpligtende fællesskaber. Forskning "
    "peger på netop disse kvaliteter som vigtige redskaber i forhold til at højne børn og unges "
    "trivsel.\n\n"
    "Deltagerne får konkrete værktøjer til at stå stærkere som mennesker og som facilitatorer af "
    "kreative processer for børn og unge – processer som skal styrke børn og unge, så de også kan "
    "stå stærkere i verden, som dem de er."
)
WINDOW_FIELDS = ("registration_opens", "registration_closes")


def _aware(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _spread(i: int, n: int, span: tuple[date, date]) -> datetime:
    """The i-th of n moments spread evenly over ``span`` (office hours are not modelled)."""
    start, end = _aware(span[0], 9), _aware(span[1], 15)
    return start + (end - start) * i / max(n, 1)


def _backdate(registrations) -> None:
    """Sets ``created`` of the registrations (a list with ``.created`` already set to the target)
    and of their day bookings (a second per day, so the waiting-list order stays the sign-up
    order). Only rows that differ are written: a second run writes nothing."""
    target = {r.pk: r.created for r in registrations}
    regs = [r for r in Registration.objects.filter(pk__in=target) if r.created != target[r.pk]]
    for r in regs:
        r.created = target[r.pk]
    Registration.objects.bulk_update(regs, ["created"], batch_size=500)
    bookings = []
    for b in DayBooking.objects.filter(registration__in=list(target)).order_by(
        "registration", "day__date"
    ):
        when = target[b.registration_id] + timedelta(seconds=b.day_id % 60)
        if b.created != when:
            b.created = when
            bookings.append(b)
    DayBooking.objects.bulk_update(bookings, ["created"], batch_size=500)


def _event(slug: str, **defaults) -> tuple[Event, list[EventDay], bool]:
    days = defaults.pop("days")
    event, created = Event.objects.get_or_create(slug=slug, defaults=defaults)
    window = {f: defaults[f] for f in WINDOW_FIELDS if getattr(event, f) != defaults[f]}
    if window:  # a demo seeded before the window moved
        Event.objects.filter(pk=event.pk).update(**window)
    have = {d.date: d for d in event.days.all()}
    EventDay.objects.bulk_create(
        [
            EventDay(event=event, date=d, start=time(9), end=time(15, 30), capacity=cap)
            for d, cap in days
            if d not in have
        ]
    )
    return event, list(event.days.order_by("date")), created


def _book(bookings: list[DayBooking], taken: dict[int, int], registration, day, consented=True):
    if not consented:
        status = BookingStatus.AWAITING_CONSENT
    elif taken[day.pk] < day.capacity:
        status, taken[day.pk] = BookingStatus.CONFIRMED, taken[day.pk] + 1
    else:
        status = BookingStatus.WAITING
    bookings.append(DayBooking(registration=registration, day=day, status=status))


def seed(ctx) -> None:
    orgs = list(Organisation.objects.order_by("name"))
    partners = {p.name: p for p in Partner.objects.all()}
    _seed_conference(ctx, orgs, partners)
    _seed_course(ctx, partners)
    if ctx.scale > 1 and orgs:
        _seed_volume(ctx, orgs)


def _seed_conference(ctx, orgs, partners) -> None:
    event, days, created = _event(
        CONFERENCE_SLUG,
        kind=EventKind.CONFERENCE,
        title=CONFERENCE_TITLE,
        description=CONFERENCE_DESCRIPTION,
        place="Rødovre Rådhus, Rødovre Parkvej 150",
        registration_opens=_aware(CONFERENCE_SIGNUPS[0], 9),
        registration_closes=_aware(date(2024, 2, 23), 23),
        contact_email="trivsel@rk.dk",
        days=CONFERENCE_DAYS,
    )
    if created:
        event.organisations.set(orgs)
        if "MIT Center for Systems Awareness" in partners:
            event.facilitators.add(partners["MIT Center for Systems Awareness"])
    recorded(Event, [event.pk], CONFERENCE_DECIDED)
    consent, _ = ConsentText.objects.get_or_create(
        event=event, version=1, defaults={"text": CONSENT}
    )
    if not event.registrations.exists() and orgs:
        _conference_people(ctx, event, days, orgs, consent)
    # the demo's own rows (not sign-ups made while the demo runs), in the order they were made:
    # the adults in waves (100 by mid-April 2023), each pupil the day before the guardian
    # consented (January 2024)
    adults = list(event.registrations.filter(email__endswith="@demo.rk.dk").order_by("pk"))
    done = 0
    for n, first, last in SIGNUP_WAVES:
        for i, r in enumerate(adults[done : done + n]):
            r.created = _spread(i, n, (first, last))
        done += n
    pupils = list(
        event.registrations.filter(kind=ParticipantKind.PUPIL, name__in=PUPILS).order_by("pk")
    )
    for j, r in enumerate(pupils):
        r.created = _aware(date(2024, 1, 9 + min(j, 6)), 8)
    _backdate(adults + pupils)


def _conference_people(ctx, event, days, orgs, consent) -> None:
    """The ~100 participants and the pupils, written once (they come all at once)."""
    people = []
    slots = [org for org in orgs for _ in range(ORGANISATION_WEIGHTS.get(org.name, 1))]
    for i in range(ADULTS):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        people.append(
            Registration(
                event=event,
                kind=ParticipantKind.GUEST if i < 3 else ParticipantKind.STAFF,
                name=f"{first} {last}",
                email=f"{first}.{last}.{i}@demo.rk.dk".lower(),
                organisation=slots[(i * 37) % len(slots)],
                job_title=["Leder", "Pædagog", "Konsulent", "Lærer", "Socialrådgiver"][i % 5],
                dietary_needs="Vegetar" if i % 7 == 0 else "",
                accessibility_needs="Kørestol" if i == 42 else "",
            )
        )
    school = ctx.schools[0] if ctx.schools else None
    school_class = (
        school.classes.filter(school_year=ctx.years.get("2023/24"), grade=7).first()
        if school
        else None
    )
    leader = Staff.objects.filter(school=school, job=Job.LEADER, user__isnull=False).first()
    if school_class is not None:
        for j, first in enumerate(PUPILS):
            consented = j < 6  # two still wait for their guardian's consent
            people.append(
                Registration(
                    event=event,
                    kind=ParticipantKind.PUPIL,
                    name=first,
                    school=school,
                    school_class=school_class,
                    created_by=leader.user if leader else None,
                    accompanying_adult=leader.name if leader else "",
                    guardian_name=f"Forælder til {first}" if consented else "",
                    consent_given_at=_aware(date(2024, 1, 10 + j)) if consented else None,
                    consent_text=consent if consented else None,
                )
            )
    Registration.objects.bulk_create(people)
    taken = dict.fromkeys((d.pk for d in days), 0)
    bookings: list[DayBooking] = []
    for i, person in enumerate(people):
        if person.kind == ParticipantKind.PUPIL:
            _book(bookings, taken, person, days[0], consented=person.consent_given_at is not None)
            continue
        chosen = [days[1]] if i % 10 == 0 else days if i % 4 else days[:2]
        for day in chosen:
            _book(bookings, taken, person, day)  # day 2 (capacity 80) gets a waiting list
    DayBooking.objects.bulk_create(bookings)


def _seed_course(ctx, partners) -> None:
    event, days, created = _event(
        COURSE_SLUG,
        kind=EventKind.COURSE,
        title="Efteruddannelse for skolepædagoger: kreative processer",
        description=COURSE_DESCRIPTION,
        place="Bloom Institute, København",
        registration_opens=_aware(date(2023, 2, 6), 9),
        registration_closes=_aware(date(2023, 3, 15), 23),
        contact_email="trivsel@rk.dk",
        days=COURSE_DAYS,
    )
    if created and "Bloom Institute" in partners:
        event.facilitators.add(partners["Bloom Institute"])
    recorded(Event, [event.pk], COURSE_DECIDED)
    have = set(event.registrations.values_list("email", flat=True))
    # one pedagogue from every school (the first of each), as the schools agreed
    pedagogues = Staff.objects.filter(school__in=ctx.schools, job=Job.PEDAGOGUE).select_related(
        "school"
    )
    new, seen, schools = [], set(), set()
    for staff in pedagogues.order_by("school__name", "pk"):
        email = (staff.email or f"paedagog.{staff.pk}@skole.rk.dk").lower()
        if staff.school_id in schools or email in seen:  # at scale > 1 the copies share e-mails
            continue
        schools.add(staff.school_id)
        seen.add(email)
        if email in have:
            continue
        new.append(
            Registration(
                event=event,
                kind=ParticipantKind.STAFF,
                name=staff.name,
                email=email,
                school=staff.school,
                job_title="Pædagog",
            )
        )
    Registration.objects.bulk_create(new)
    nominated = list(event.registrations.filter(created_by__isnull=True).order_by("pk"))
    for i, r in enumerate(nominated):
        r.created = _spread(i, len(nominated), COURSE_NOMINATIONS)
    taken = dict(
        DayBooking.objects.filter(day__in=days, status=BookingStatus.CONFIRMED)
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    taken = {d.pk: taken.get(d.pk, 0) for d in days}
    bookings: list[DayBooking] = []
    for person in new:
        for day in days:
            _book(bookings, taken, person, day)
    DayBooking.objects.bulk_create(bookings)
    _backdate(nominated)
    # the course days that have passed: everybody came (checked in at the start of the day)
    for day in days:
        if day.date <= clock.demo_date():
            DayBooking.objects.filter(
                day=day, status=BookingStatus.CONFIRMED, checked_in_at__isnull=True
            ).update(checked_in_at=_aware(day.date, 9))


# Benchmark volume (``ctx.scale > 1``): every further copy of the municipality holds its own
# two-day theme conference with a waiting list — about 2,000 registrations at ``--scale 10``.
VOLUME_DAYS = [(date(2024, 4, 16), 120), (date(2024, 4, 17), 100)]
VOLUME_PARTICIPANTS = 210


def _seed_volume(ctx, orgs) -> None:
    for copy in range(2, ctx.scale + 1):
        event, days, _created = _event(
            f"trivselskonference-{copy}-2024",
            kind=EventKind.CONFERENCE,
            title=f"Trivselskonference for skoleområde {copy}",
            description="To dage om trivsel og fællesskaber for skoleområdets medarbejdere.",
            place="Rådhuset",
            registration_opens=_aware(date(2024, 1, 8), 9),
            registration_closes=_aware(date(2024, 4, 1), 23),
            contact_email="trivsel@rk.dk",
            days=VOLUME_DAYS,
        )
        if event.registrations.exists():
            continue  # natural key: the event's registrations come all at once
        people = [
            Registration(
                event=event,
                kind=ParticipantKind.STAFF,
                name=f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}",
                email=f"deltager.{copy}.{i}@demo.rk.dk",
                organisation=orgs[i % len(orgs)],
                job_title=["Leder", "Pædagog", "Konsulent", "Lærer", "Socialrådgiver"][i % 5],
            )
            for i in range(VOLUME_PARTICIPANTS)
        ]
        Registration.objects.bulk_create(people, batch_size=1000)
        taken = dict.fromkeys((d.pk for d in days), 0)
        bookings: list[DayBooking] = []
        for i, person in enumerate(people):
            for day in days if i % 3 else days[:1]:
                _book(bookings, taken, person, day)
        DayBooking.objects.bulk_create(bookings, batch_size=2000)
