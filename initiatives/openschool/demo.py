"""Demo data: the 2023/24 Åben Skole programme (250.000 kr. to health and wellbeing), partners'
offers (Headspace among them) and applications in every state, keyed by natural keys.

Dated as the status note tells it: the programme — the network administers the money from the
next school year — and the Headspace offer were decided in March 2023 (their history), the other
offers in June; the schools applied in late August 2023 (``created_at``), the coordinator decided
on 15 September and the first report came in November."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from trivsel.schools.demo import aware, recorded
from trivsel.schools.models import Partner, SchoolClass

from .models import Application, Offer, PriceKind, Programme, Report, Status

CPH = ZoneInfo("Europe/Copenhagen")
BUDGET = Decimal("250000")

PROGRAMME_DECIDED = date(2023, 3, 20)
DECIDED_NOTES = (
    "Fremadrettet arbejdes der imidlertid med midlerne på en anden og mere praksisnær måde, som "
    "i højere "
    "grad både skaber en merværdi i forhold til sundhed og trivsel for den enkelte elev og "
    "samtidig bidrager til en højere grad af medejerskab og kapacitetsopbygning blandt det "
    "pædagogiske personale."
)
OFFERS = [
    # partner, title, grade bands, price kind, price, recorded, description
    (
        "Headspace Rødovre",
        "Oplæg om trivsel og mental sundhed",
        ["udskoling"],
        PriceKind.PER_CLASS,
        Decimal("1500"),
        PROGRAMME_DECIDED,
        "Ungerådgivere fra Headspace holder oplæg i klasserne om trivsel og mental "
        "sundhedsfremme og præsenterer det lokale Headspace i Rødovre, så eleverne ved, hvor de "
        "kan søge råd og støtte.",
    ),
    (
        "Bloom Institute",
        "Kreative fællesskabsforløb",
        ["indskoling", "mellemtrin"],
        PriceKind.FIXED,
        Decimal("18000"),
        date(2023, 6, 12),
        "Et forløb med kreative processer, der styrker klassens fællesskab.",
    ),
    (
        "Kræftens Bekæmpelse Rødovre",
        "Når livet gør ondt – oplæg om sorg",
        ["mellemtrin", "udskoling"],
        PriceKind.FIXED,
        Decimal("6000"),
        date(2023, 6, 12),
        "Et oplæg for klassen om sorg og om at være en god kammerat, når livet gør ondt.",
    ),
]
APPLIED = date(2023, 8, 28)
REPORTED = date(2023, 11, 15)

# (school index, offer index or None, own title, amount, status, approved, reason, grade)
APPLICATIONS = [
    (0, 0, "", "13500", Status.APPROVED, "13500", "", 8),
    (1, 0, "", "9000", Status.APPROVED, "9000", "", 8),
    (2, 0, "", "13500", Status.PARTLY, "12000", "Vi dækker 8 klasser á 1.500 kr.", 8),
    (3, 1, "", "18000", Status.SUBMITTED, None, "", 2),
    (
        4,
        None,
        "Søvn og skærm — forældreaften og elevforløb",
        "22000",
        Status.CHANGES,
        None,
        "Beskriv gerne, hvordan lærerne tager forløbet videre.",
        7,
    ),
    (
        5,
        None,
        "Tur til forlystelsespark",
        "40000",
        Status.REJECTED,
        None,
        "Aktiviteten ligger uden for midlernes formål om sundhed og trivsel.",
        6,
    ),
    (0, 2, "", "6000", Status.DRAFT, None, "", 5),
]


def seed(ctx) -> None:
    year = ctx.years["2023/24"]
    programme, _ = Programme.objects.get_or_create(
        school_year=year,
        defaults={
            "budget": BUDGET,
            "decided_notes": DECIDED_NOTES,
            "next_year_notes": (
                "Fra næste skoleår fortsætter Headspace-oplæggene, og skolerne kan søge "
                "forløb om søvn og digital adfærd."
            ),
        },
    )
    recorded(Programme, [programme.pk], PROGRAMME_DECIDED)
    offers = []
    for partner_name, title, bands, kind, price, made, description in OFFERS:
        partner = Partner.objects.get(name=partner_name)
        offer, _ = Offer.objects.get_or_create(
            programme=programme,
            partner=partner,
            title=title,
            defaults={
                "grade_bands": bands,
                "price_kind": kind,
                "price": price,
                "description": description,
            },
        )
        recorded(Offer, [offer.pk], made)
        offers.append(offer)
    coordinator = ctx.users.get("koordinator")
    # the story is told by the first six schools, whatever the scale
    for idx, offer_idx, own, amount, status, approved, reason, grade in APPLICATIONS:
        school = ctx.schools[idx]
        offer = offers[offer_idx] if offer_idx is not None else None
        app, created = Application.objects.get_or_create(
            programme=programme,
            school=school,
            offer=offer,
            own_title=own,
            defaults={
                "amount": Decimal(amount),
                "purpose": "Styrke elevernes trivsel og fællesskab i klassen.",
                "planned_start": date(2023, 10, 2),
                "planned_end": date(2024, 3, 22),
                "status": status,
                "approved_amount": Decimal(approved) if approved else None,
                "decision_reason": reason,
                "decided_by": coordinator
                if status not in (Status.DRAFT, Status.SUBMITTED)
                else None,
                "decided_at": datetime.combine(date(2023, 9, 15), time(10), CPH)
                if status not in (Status.DRAFT, Status.SUBMITTED)
                else None,
            },
        )
        if created:
            app.target_classes.set(
                SchoolClass.objects.filter(school=school, school_year=year, grade=grade)
            )
            Application.objects.filter(pk=app.pk).update(
                created_at=aware(APPLIED + timedelta(days=idx))
            )
            recorded(Application, [app.pk], aware(APPLIED + timedelta(days=idx)))
        if status == Status.APPROVED and idx == 0:
            report, made = Report.objects.get_or_create(
                application=app,
                defaults={
                    "held_from": date(2023, 11, 6),
                    "held_to": date(2023, 11, 10),
                    "class_count": 2,
                    "pupil_count": 44,
                    "spent_amount": Decimal("13500"),
                    "wellbeing_effect": (
                        "Eleverne fik ord for tanker og følelser og kender nu Headspace som et "
                        "sted at gå hen."
                    ),
                    "staff_participation": (
                        "Klasselærerne deltog i oplæggene og har selv taget samtaleøvelserne med "
                        "ind i klassens tid."
                    ),
                },
            )
            if made:
                Report.objects.filter(pk=report.pk).update(created_at=aware(REPORTED))
                recorded(Report, [report.pk], REPORTED)
