"""What the conference holds about a person (trivsel.security.subjects): their registrations,
found by e-mail address (a registrant needs no login), with days, consent and check-ins; and, for
a login, which registrations they made for others (without those people's data).

Erasure anonymises the registrations with the deletion deadline's own anonymisers
(conference/retention.py), rows and change history; the counts per event and day stay."""

from __future__ import annotations

from django.db.models import Q

from .models import ParticipantKind, Registration
from .retention import adults_anonymise_ids, pupils_anonymise_ids


def _iso(value):
    return value.isoformat() if value else None


def _registrations(person):
    emails = person.emails
    if not emails:
        return Registration.objects.none()
    match = Q()
    for email in emails:
        match |= Q(email__iexact=email)
    return Registration.objects.filter(match, anonymised_at__isnull=True)


def records(person) -> list:
    return [_registrations(person)]


def export(person) -> dict[str, list[dict]]:
    registrations = (
        _registrations(person)
        .select_related("event", "organisation", "school", "school_class", "consent_text")
        .prefetch_related("bookings__day")
        .order_by("created", "pk")
    )
    found = {
        "Konferencetilmeldinger": [
            {
                "arrangement": r.event.title,
                "type": r.get_kind_display(),
                "status": r.get_status_display(),
                "navn": r.name,
                "e-mail": r.email,
                "arbejdssted": r.workplace,
                "klasse": str(r.school_class) if r.school_class else "",
                "stilling": r.job_title,
                "kost": r.dietary_needs,
                "tilgængelighed": r.accessibility_needs,
                "ledsagende voksen": r.accompanying_adult,
                "forælder/værge": r.guardian_name,
                "samtykke givet": _iso(r.consent_given_at),
                "samtykketekst": (
                    f"version {r.consent_text.version}: {r.consent_text.text}"
                    if r.consent_text
                    else ""
                ),
                "tilmeldt": _iso(r.created),
                "bekræftelse sendt": _iso(r.confirmation_sent_at),
                "påmindelse sendt": _iso(r.reminder_sent_at),
                "dage": "; ".join(
                    f"{b.day.date.isoformat()} {b.get_status_display()}"
                    + (f" (tjekket ind {_iso(b.checked_in_at)})" if b.checked_in_at else "")
                    for b in r.bookings.all()
                ),
            }
            for r in registrations
        ]
    }
    if person.user is not None:
        made = (
            Registration.objects.filter(created_by=person.user)
            .select_related("event")
            .order_by("created", "pk")
        )
        # the others' names are their data, not this person's: only what the person did
        found["Tilmeldinger foretaget for andre"] = [
            {
                "id": r.pk,
                "arrangement": r.event.title,
                "type": r.get_kind_display(),
                "tilmeldt": _iso(r.created),
            }
            for r in made
        ]
    return found


def plan(person) -> list[dict]:
    count = _registrations(person).count()
    return [
        {
            "what": "Konferencetilmeldinger",
            "count": count,
            "erased": (
                "navn, e-mail, stilling, kost- og tilgængelighedsbehov (elever også værge og "
                "ledsager), også i ændringshistorikken"
            ),
            "kept": (
                "tilmeldingen som «Anonym deltager», dens dage og fremmøde, så antallet pr. "
                "arrangement og dag stemmer"
            ),
        }
    ]


def erase(person) -> dict[str, int]:
    rows = list(_registrations(person).values_list("pk", "kind"))
    pupils = [pk for pk, kind in rows if kind == ParticipantKind.PUPIL]
    adults = [pk for pk, kind in rows if kind != ParticipantKind.PUPIL]
    return {"konferencetilmeldinger": pupils_anonymise_ids(pupils) + adults_anonymise_ids(adults)}
