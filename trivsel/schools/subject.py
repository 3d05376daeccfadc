"""What the shared model holds about a person (trivsel.security.subjects): the login, staff
records, reads the person made, and changes the person made (kind, id and time — never contents).
A person without a login may still have a staff record (found by its e-mail address)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from .models import ReadLogEntry, Staff, User
from .privacy import history_models

ERASED_NAME = "Slettet person"


def _iso(value):
    return value.isoformat() if value else None


def staff_of(person):
    """The staff records of a person: the login's, or those without a login with the e-mail."""
    if person.user is not None:
        return Staff.objects.filter(user=person.user)
    return Staff.objects.filter(user__isnull=True, email__iexact=person.email)


def _users(person):
    return (
        User.objects.filter(pk=person.user.pk) if person.user is not None else User.objects.none()
    )


def records(person) -> list:
    return [_users(person), staff_of(person)]


def export(person) -> dict[str, list[dict]]:
    staff = list(staff_of(person).select_related("school", "organisation"))
    found = {
        "Medarbejder": [
            {
                "navn": s.name,
                "e-mail": s.email,
                "stilling": s.get_job_display(),
                "skole": s.school.name if s.school else "",
                "organisation": s.organisation.name if s.organisation else "",
                "aktiv": s.is_active,
            }
            for s in staff
        ]
    }
    user = person.user
    if user is None:
        return found
    changes = []
    for model in history_models():
        history = getattr(model, model._meta.simple_history_manager_attribute).model
        for row in history.objects.filter(history_user=user).values(
            "id", "history_date", "history_type"
        ):
            changes.append(
                {
                    "type": str(model._meta.verbose_name),
                    "id": row["id"],
                    "handling": {"+": "oprettet", "~": "ændret", "-": "slettet"}[
                        row["history_type"]
                    ],
                    "tidspunkt": _iso(row["history_date"]),
                }
            )
    return {
        "Bruger": [
            {
                "brugernavn": user.username,
                "fornavn": user.first_name,
                "efternavn": user.last_name,
                "e-mail": user.email,
                "rolle": user.get_role_display(),
                "skoler": ", ".join(user.schools.order_by("name").values_list("name", flat=True)),
                "aktiv": user.is_active,
                "oprettet": _iso(user.date_joined),
                "sidste login": _iso(user.last_login),
            }
        ],
        **found,
        "Læsninger foretaget": [
            {"tidspunkt": _iso(e.at), "post": e.object_label, "formål": e.purpose}
            for e in ReadLogEntry.objects.filter(user=user).order_by("at")
        ],
        "Ændringer foretaget": changes,
    }


def plan(person) -> list:
    items = []
    if person.user is not None:
        items.append(
            {
                "what": "Login",
                "count": 1,
                "erased": "navn, brugernavn, e-mail og adgangskode; login lukkes og fjernes fra skolerne",
                "kept": "rollen og hvem der har gjort hvad (vist som «slettet-nr.»)",
            }
        )
        reads = ReadLogEntry.objects.filter(user=person.user).count()
        if reads:
            items.append(
                {
                    "what": "Læsninger foretaget af personen",
                    "count": reads,
                    "erased": "brugernavnet i læseloggen",
                    "kept": "tidspunkt, post og formål (kontrol med adgang)",
                }
            )
    staff = staff_of(person).count()
    if staff:
        items.append(
            {
                "what": "Medarbejderregistreringer",
                "count": staff,
                "erased": "navn og e-mail, også i ændringshistorikken; registreringen gøres inaktiv",
                "kept": "stilling og skole, så skolens optællinger stemmer",
            }
        )
    return items


def erase(person) -> dict[str, int]:
    staff_ids = list(staff_of(person).values_list("pk", flat=True))
    # plain UPDATEs on the rows AND their history rows: no history row keeps the name or address
    Staff.objects.filter(pk__in=staff_ids).update(name=ERASED_NAME, email="", is_active=False)
    Staff.history.model.objects.filter(id__in=staff_ids).update(name=ERASED_NAME, email="")
    counts = {"medarbejdere": len(staff_ids)}
    user = person.user
    if user is None:
        return counts
    alias = f"slettet-{user.pk}"
    User.objects.filter(pk=user.pk).update(
        username=alias,
        first_name="",
        last_name="",
        email="",
        is_active=False,
        password=make_password(None),
    )
    user_history = getattr(User, "history", None)
    if user_history is not None:
        user_history.model.objects.filter(id=user.pk).update(
            username=alias, first_name="", last_name="", email=""
        )
    user.schools.clear()
    reads = ReadLogEntry.objects.filter(user=user).update(username=alias)
    return {"brugere": 1, **counts, "læsninger (navn fjernet)": reads}
