"""Demo data of the trials app: the status note's story, dated as the note tells it.

Every school tried a focus on sleep and digital behaviour among the oldest pupils in the school
year 2022/23 (November 2022 – March 2023). Four schools had evaluated by mid-April 2023 — all four
continue — and the last two in May and June (they adjust): the spring note as of 14 April 2023
says four of the six want to continue and two are taking stock. The theme day for the school leaderships on 27 April 2023 was
planned in February (its history says so), so on 14 April it is being prepared; on the day five
schools made roll-out plans whose follow-up moves through the autumn (dated changes in their
history) — the fourth school runs a movement action in its youngest classes from September,
where the consultants helped in the spring (the note's example), and gives its sleep plan up in
November; the sixth made no plan but continues with a new action. In 2023/24 three schools
continue the sleep focus, and a communities action is planned. Keyed on natural keys: seeding
twice changes nothing. Schools beyond the first six (``ctx.scale > 1``) get the sleep action in
bulk.
"""

from __future__ import annotations

from datetime import date, time

from trivsel.schools.demo import aware, recorded, save_on
from trivsel.schools.models import Job, SchoolClass, Staff

from .models import (
    Decision,
    FollowUp,
    ProgrammeItem,
    RolloutPlan,
    Status,
    Theme,
    ThemeDay,
    TrialAction,
)

SLEEP = "Søvn og digital adfærd"
THEMES = [
    (
        SLEEP,
        # phrased as the question the schools tried: the note says «… har afprøvet, hvordan …»
        "Hvordan fokus på søvn og digital adfærd blandt de ældste elever kan gavne den mentale "
        "sundhed hos den enkelte elev samt den generelle trivsel i klassen.",
        ["udskoling"],
    ),
    (
        "Bevægelse",
        "En mere varieret skoledag med bevægelse, så alle børn rummes og kan koncentrere sig.",
        ["indskoling", "mellemtrin"],
    ),
    (
        "Fællesskaber",
        "Klassefællesskaber, hvor alle føler sig som en del af både det faglige og det sociale.",
        ["indskoling", "mellemtrin", "udskoling"],
    ),
]

SLEEP_START, SLEEP_END = date(2022, 11, 14), date(2023, 3, 24)
SLEEP_RECORDED = date(2022, 10, 24)
# when each school (in order) evaluated: four by mid-April 2023, the two that adjust later
SLEEP_EVALUATED = [
    date(2023, 3, 29),
    date(2023, 4, 3),
    date(2023, 5, 10),
    date(2023, 4, 12),
    date(2023, 6, 8),
    date(2023, 3, 31),
]

# per school (the six demo schools, in order): title, activities, evaluation
SLEEP_ACTIONS = [
    (
        "Søvnuge og mobilfri aftener i 8. årgang",
        "Søvndagbog i en uge, oplæg fra sundhedsplejersken, forældremøde om skærmvaner.",
        (5, 4, Decision.CONTINUE, "Eleverne sov i gennemsnit 40 minutter mere i søvnugen."),
    ),
    (
        "Mobilfri skoledag i udskolingen",
        "Mobiler i skab fra 8 til 14, aktive frikvarterer, samtaler om digital adfærd.",
        (4, 5, Decision.CONTINUE, "Mere samvær i frikvartererne og færre konflikter på nettet."),
    ),
    (
        "Søvn som tema i dansk og idræt",
        "Forløb om søvn og skærm i dansk, søvnmåling i idræt, elevernes egne kampagner.",
        (3, 3, Decision.ADJUST, "God faglig vinkel, men for lidt inddragelse af forældrene."),
    ),
    (
        "Skærmfri morgen — godt i gang",
        "Klassens time om morgenrutiner, fælles morgenmad en gang om ugen.",
        (4, 4, Decision.CONTINUE, "Flere elever møder til tiden og er klar til første time."),
    ),
    (
        "Digital dannelse og søvn i 9. klasse",
        "Workshops med eleverne om algoritmer, notifikationer og søvn; elevaftaler om aftenen.",
        (3, 4, Decision.ADJUST, "Elevaftalerne virkede; workshops skal være kortere."),
    ),
    (
        "Søvnambassadører i udskolingen",
        "To elever pr. klasse er søvnambassadører og laver oplæg for de yngre årgange.",
        (4, 5, Decision.CONTINUE, "Ambassadørerne gav ejerskab, og klassen tog temaet til sig."),
    ),
]

THEME_DAY = {
    "title": "Temadag for skoleledelser",
    "date": date(2023, 4, 27),
    "place": "Rødovre Rådhus, byrådssalen",
    "audience": "Skoleledelserne",
    # the note weaves this in while the day is being prepared
    "description": (
        "Temadagen vil byde på præsentationer af forskellige prøvehandlinger til fremme af mental "
        "sundhed og trivsel med det formål at videndele på tværs af skolernes ledelser og drøfte, "
        "hvilke initiativer der med fordel kan udrulles på egen skole, samt hvordan det praktisk "
        "kan foregå. Temadagen vil derfor også byde på koncentreret arbejdstid i de enkelte "
        "skolers ledelsesteam med fokus på fremme af sundhed og trivsel til gavn for det enkelte "
        "barn/den enkelte unge samt for klassefællesskaberne i skolen."
    ),
}
THEME_DAY_PLANNED = date(2023, 2, 20)
# start, end, title, presenter, indexes of the schools whose sleep action is presented
PROGRAMME = [
    (time(8, 30), time(9, 0), "Velkomst og formål med dagen", "Netværkskoordinatoren", []),
    (time(9, 0), time(9, 45), "Søvn og mobilfri tid — erfaringer", "Skoleledelserne", [0, 1]),
    (time(10, 0), time(10, 45), "Søvn i undervisningen og om morgenen", "Skoleledelserne", [2, 3]),
    (time(11, 0), time(11, 45), "Digital dannelse og elevambassadører", "Skoleledelserne", [4, 5]),
    (time(12, 30), time(14, 0), "Arbejdstid i ledelsesteamet: hvad udruller vi?", "", []),
    (time(14, 0), time(14, 30), "Opsamling: skolernes udrulningsplaner", "Netværket", []),
]
# school index -> (rolled-out action indexes, how, responsible, deadline, follow-up steps: the
# status each plan moved to and when)
PLANS = {
    0: (
        [0, 5],
        "Søvnugen gentages i 7. og 8. årgang; søvnambassadører efter model fra Hendriksholm.",
        "Afdelingsleder for udskolingen",
        date(2023, 10, 31),
        [(date(2023, 9, 5), FollowUp.IN_PROGRESS)],
    ),
    1: (
        [1, 3],
        "Mobilfri skoledag fastholdes; skærmfri morgen afprøves i 7. årgang.",
        "Skolelederen",
        date(2023, 9, 30),
        [(date(2023, 8, 21), FollowUp.IN_PROGRESS), (date(2023, 9, 28), FollowUp.DONE)],
    ),
    2: (
        [2, 0],
        "Forløbet i dansk og idræt suppleres med forældremøde om skærmvaner.",
        "Pædagogisk leder",
        date(2023, 12, 15),
        [(date(2023, 10, 10), FollowUp.IN_PROGRESS)],
    ),
    3: (
        [3],
        "Skærmfri morgen udbredes til hele udskolingen.",
        "Skolelederen",
        date(2023, 11, 30),
        [(date(2023, 11, 15), FollowUp.DROPPED)],
    ),
    4: (
        [4, 1],
        "Kortere workshops; mobilfri skoledag drøftes i skolebestyrelsen.",
        "Viceskoleleder",
        date(2024, 1, 31),
        [],
    ),
}
# why a plan moved: the fourth school gave up spreading its sleep action to prioritise movement in
# the youngest classes, where the consultants had helped in the spring (the note's example)
PLAN_NOTES = {
    FollowUp.DROPPED: (
        "Vi prioriterer i dette skoleår bevægelse i indskolingen, hvor vi i foråret sammen med "
        "konsulenterne tilrettelagde en mere varieret skoledag."
    )
}

# 2023/24: schools that continue the sleep focus (school index, title, start, end, recorded)
CONTINUED = [
    (
        0,
        "Søvnuge i 7. og 8. årgang",
        date(2023, 9, 18),
        date(2023, 11, 24),
        date(2023, 8, 28),
    ),
    (
        1,
        "Mobilfri skoledag — andet år",
        date(2023, 8, 14),
        date(2024, 6, 21),
        date(2023, 6, 20),
    ),
    (
        5,
        "Søvnambassadører i 7.–9. årgang",
        date(2023, 10, 2),
        date(2024, 3, 22),
        date(2023, 9, 11),
    ),
]


def seed(ctx) -> None:
    themes = _seed_themes()
    year = ctx.years["2022/23"]
    first_six = ctx.schools[:6]
    sleep_actions = [
        _seed_sleep_action(ctx, school, year, themes[SLEEP], SLEEP_ACTIONS[i], SLEEP_EVALUATED[i])
        for i, school in enumerate(first_six)
    ]
    _seed_other_actions(ctx, themes)
    _seed_continued(ctx, themes[SLEEP])
    _seed_theme_day(first_six, sleep_actions, themes[SLEEP])
    if len(ctx.schools) > 6:
        _seed_bulk(ctx, ctx.schools[6:], themes[SLEEP])
    if ctx.scale > 1:
        _seed_volume(ctx, themes)


def _seed_themes() -> dict[str, Theme]:
    themes = {}
    for name, description, bands in THEMES:
        themes[name], _ = Theme.objects.get_or_create(
            name=name, defaults={"description": description, "grade_bands": bands}
        )
    return themes


def _leader(school):
    """The school's leader login (the demo's first staff member of each school)."""
    staff = (
        Staff.objects.filter(school=school, job=Job.LEADER, user__isnull=False)
        .select_related("user")
        .first()
    )
    return staff.user if staff else None


def _seed_sleep_action(ctx, school, year, theme, spec, evaluated_at) -> TrialAction:
    title, activities, (pupils, klass, decision, learned) = spec
    action = TrialAction.objects.filter(school=school, title=title).first()
    if action is not None:
        return action
    leader = _leader(school)
    action = TrialAction(
        school=school,
        title=title,
        grade_bands=["udskoling"],
        start=SLEEP_START,
        end=SLEEP_END,
        aim=(
            "At undersøge, hvordan fokus på søvn og digital adfærd kan gavne den enkelte elevs "
            "mentale sundhed og trivslen i klassen."
        ),
        activities=activities,
        status=Status.RUNNING,
        created_by=leader,
    )
    action._history_user = leader
    save_on(action, SLEEP_RECORDED)
    TrialAction.objects.filter(pk=action.pk).update(created_at=aware(SLEEP_RECORDED))
    action.themes.set([theme])
    action.classes.set(SchoolClass.objects.filter(school=school, school_year=year, grade=8))
    action.staff.set(Staff.objects.filter(school=school).exclude(job=Job.LEADER)[:2])
    # the evaluation, as a second change in the history
    action.status = Status.EVALUATED
    action.learned = learned
    action.effect_pupils = pupils
    action.effect_pupils_text = (
        "Eleverne beskriver bedre søvn og mere overskud." if pupils >= 4 else "Blandet billede."
    )
    action.effect_class = klass
    action.effect_class_text = (
        "Roligere klasse og bedre stemning." if klass >= 4 else "Lidt bedre stemning i klassen."
    )
    action.decision = decision
    action.continuation = (
        "Vi viderefører prøvehandlingen i næste skoleår."
        if decision == Decision.CONTINUE
        else "Vi justerer prøvehandlingen og prøver igen i næste skoleår."
    )
    action.evaluated_at = evaluated_at
    action._history_user = leader
    save_on(action, evaluated_at)
    return action


def _seed_other_actions(ctx, themes) -> None:
    """A movement action (running, 2023/24: the fourth school carries on the spring's more varied
    school day in its youngest classes), a communities action (planned) for the demo's other
    statuses."""
    schools = ctx.schools[:6]
    specs = [
        (
            schools[3],
            "Bevægelse i indskolingen – en varieret skoledag",
            "Bevægelse",
            ["indskoling"],
            date(2023, 9, 1),
            date(2024, 3, 31),
            Status.RUNNING,
            date(2023, 8, 15),
            "At fastholde den mere varierede skoledag med bevægelse, som klasseteamet i "
            "indskolingen tilrettelagde sammen med konsulenterne i foråret 2023, og udbrede den til "
            "hele indskolingen.",
        ),
        (
            schools[1],
            "Klassens fællesskab i mellemtrinnet",
            "Fællesskaber",
            ["mellemtrin"],
            date(2024, 2, 1),
            date(2024, 6, 15),
            Status.PLANNED,
            date(2023, 11, 20),
            "At styrke trivslen og fællesskabet i klasserne.",
        ),
    ]
    for school, title, theme, bands, start, end, status, made, aim in specs:
        action, created = TrialAction.objects.get_or_create(
            school=school,
            title=title,
            defaults={
                "grade_bands": bands,
                "start": start,
                "end": end,
                "status": status,
                "aim": aim,
                "activities": "Aktiviteter planlægges med klasseteamene.",
            },
        )
        if created:
            action.themes.set([themes[theme]])
            TrialAction.objects.filter(pk=action.pk).update(created_at=aware(made))
            recorded(TrialAction, [action.pk], made)


def _seed_continued(ctx, theme) -> None:
    """The sleep focus continued in 2023/24 at three of the schools that decided so."""
    schools = ctx.schools[:6]
    for index, title, start, end, made in CONTINUED:
        if index >= len(schools):
            continue
        action, created = TrialAction.objects.get_or_create(
            school=schools[index],
            title=title,
            defaults={
                "grade_bands": ["udskoling"],
                "start": start,
                "end": end,
                "status": Status.RUNNING,
                "aim": "At fortsætte fokus på søvn og digital adfærd efter sidste års erfaringer.",
                "activities": "Aktiviteterne fra sidste skoleår, justeret efter evalueringen.",
            },
        )
        if created:
            action.themes.set([theme])
            TrialAction.objects.filter(pk=action.pk).update(created_at=aware(made))
            recorded(TrialAction, [action.pk], made)


def _seed_theme_day(schools, sleep_actions, theme) -> None:
    day, created = ThemeDay.objects.get_or_create(
        title=THEME_DAY["title"], date=THEME_DAY["date"], defaults=THEME_DAY
    )
    if created:
        day.themes.set([theme])
    recorded(ThemeDay, [day.pk], THEME_DAY_PLANNED)
    for starts_at, ends_at, title, presenter, presented in PROGRAMME:
        item, created = ProgrammeItem.objects.get_or_create(
            theme_day=day,
            starts_at=starts_at,
            title=title,
            defaults={"ends_at": ends_at, "presenter": presenter},
        )
        if created and presented:
            item.trial_actions.set([sleep_actions[i] for i in presented])
    for index, (actions, how, responsible, deadline, steps) in PLANS.items():
        if index >= len(schools):
            continue
        if RolloutPlan.objects.filter(theme_day=day, school=schools[index]).exists():
            continue
        # made on the day, then moved on as the autumn went (each change dated in the history)
        plan = RolloutPlan(
            theme_day=day,
            school=schools[index],
            how=how,
            responsible=responsible,
            deadline=deadline,
            follow_up_status=FollowUp.NOT_STARTED,
        )
        save_on(plan, aware(day.date, 15))
        plan.trial_actions.set([sleep_actions[i] for i in actions])
        for when, status in steps:
            plan.follow_up_status = status
            plan.follow_up_note = PLAN_NOTES.get(status, "")
            save_on(plan, when)


def _seed_bulk(ctx, schools, theme) -> None:
    """Schools beyond the first six: the sleep action, evaluated, in bulk (no history rows)."""
    have = set(TrialAction.objects.filter(school__in=schools).values_list("school_id", "title"))
    new = []
    for index, school in enumerate(schools):
        title, activities, (pupils, klass, decision, learned) = SLEEP_ACTIONS[index % 6]
        if (school.pk, title) in have:
            continue
        new.append(
            TrialAction(
                school=school,
                title=title,
                grade_bands=["udskoling"],
                start=SLEEP_START,
                end=SLEEP_END,
                aim="Fokus på søvn og digital adfærd blandt de ældste elever.",
                activities=activities,
                status=Status.EVALUATED,
                learned=learned,
                effect_pupils=pupils,
                effect_pupils_text="Se evalueringen.",
                effect_class=klass,
                effect_class_text="Se evalueringen.",
                decision=decision,
                continuation="Drøftes i ledelsen.",
                evaluated_at=SLEEP_EVALUATED[index % 6],
            )
        )
    created = TrialAction.objects.bulk_create(new, batch_size=1000)
    TrialAction.objects.filter(pk__in=[a.pk for a in created]).update(
        created_at=aware(SLEEP_RECORDED)
    )
    through = TrialAction.themes.through
    through.objects.bulk_create(
        [through(trialaction_id=a.pk, theme_id=theme.pk) for a in created], batch_size=2000
    )


# Benchmark volume (``ctx.scale > 1``): every grade's small trials in both school years — about
# 80 per school, 500 per six schools, 5,000 at ``--scale 10``.
VOLUME_TOPICS = [
    ("Bevægelsesbånd", "Bevægelse", "Korte bevægelsesbånd mellem lektionerne."),
    ("Faste makkerpar", "Fællesskaber", "Faste makkerpar og fælles lege i frikvarteret."),
    ("Skærmfri morgen", SLEEP, "Skærmfri morgen og fælles morgenrutiner."),
    ("Klassens trivselstime", "Fællesskaber", "En ugentlig trivselstime med klassens egne mål."),
]
VOLUME_YEARS = [
    ("2022/23", date(2022, 9, 1), date(2023, 5, 31), Status.EVALUATED),
    ("2023/24", date(2023, 9, 1), date(2024, 5, 31), Status.RUNNING),
]


def _band(grade: int) -> str:
    return "indskoling" if grade <= 3 else "mellemtrin" if grade <= 6 else "udskoling"


def _seed_volume(ctx, themes) -> None:
    have = set(TrialAction.objects.filter(school__in=ctx.schools).values_list("school_id", "title"))
    classes = {
        (school_id, year_id, grade): pk
        for pk, school_id, year_id, grade in SchoolClass.objects.filter(
            school__in=ctx.schools, letter="A"
        ).values_list("pk", "school_id", "school_year_id", "grade")
    }
    new, links = [], []
    for school in ctx.schools:
        for year_name, start, end, status in VOLUME_YEARS:
            year = ctx.years[year_name]
            for grade in range(10):
                for topic, theme, activities in VOLUME_TOPICS:
                    title = f"{topic} i {grade}. klasse {year_name}"
                    if (school.pk, title) in have:
                        continue
                    evaluated = status == Status.EVALUATED
                    new.append(
                        TrialAction(
                            school=school,
                            title=title,
                            grade_bands=[_band(grade)],
                            start=start,
                            end=end,
                            aim="At styrke trivslen og fællesskabet i klassen.",
                            activities=activities,
                            status=status,
                            learned="Klassen tog godt imod det." if evaluated else "",
                            effect_pupils=4 if evaluated else None,
                            effect_pupils_text="Se evalueringen." if evaluated else "",
                            effect_class=4 if evaluated else None,
                            effect_class_text="Se evalueringen." if evaluated else "",
                            decision=Decision.CONTINUE if evaluated else "",
                            continuation="Videreføres." if evaluated else "",
                            evaluated_at=date(2023, 6, 15) if evaluated else None,
                        )
                    )
                    links.append((themes[theme].pk, classes.get((school.pk, year.pk, grade))))
    created = TrialAction.objects.bulk_create(new, batch_size=1000)
    themes_through = TrialAction.themes.through
    themes_through.objects.bulk_create(
        [
            themes_through(trialaction_id=a.pk, theme_id=theme_id)
            for a, (theme_id, _class_id) in zip(created, links, strict=True)
        ],
        batch_size=2000,
    )
    classes_through = TrialAction.classes.through
    classes_through.objects.bulk_create(
        [
            classes_through(trialaction_id=a.pk, schoolclass_id=class_id)
            for a, (_theme_id, class_id) in zip(created, links, strict=True)
            if class_id is not None
        ],
        batch_size=2000,
    )
