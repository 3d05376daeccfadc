"""What the shared model holds about a person (trivsel.security.subjects): the login, staff
records, reads the person made, reads of records about the person, and changes the person made
(kind, id and time — never contents)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType

from .models import ReadLogEntry, Staff, User
from .privacy import history_models

ERASED_NAME = "Slettet person"


def _iso(value):
    return value.isoformat() if value else None


def export(user) -> dict[str, list[dict]]:
    staff = list(Staff.objects.filter(user=user).select_related("school", "organisation"))
    about = ReadLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=user.pk
    ) | ReadLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Staff),
        object_id__in=[s.pk for s in staff],
    )
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
        ],
        "Læsninger foretaget": [
            {"tidspunkt": _iso(e.at), "post": e.object_label, "formål": e.purpose}
            for e in ReadLogEntry.objects.filter(user=user).order_by("at")
        ],
        "Læsninger af oplysninger om personen": [
            {"tidspunkt": _iso(e.at), "læst af": e.username, "formål": e.purpose}
            for e in about.order_by("at")
        ],
        "Ændringer foretaget": changes,
    }


def erase(user) -> dict[str, int]:
    alias = f"slettet-{user.pk}"
    staff_ids = list(Staff.objects.filter(user=user).values_list("pk", flat=True))
    # plain UPDATEs on the rows AND their history rows: no history row keeps the name or address
    Staff.objects.filter(pk__in=staff_ids).update(name=ERASED_NAME, email="", is_active=False)
    Staff.history.model.objects.filter(id__in=staff_ids).update(name=ERASED_NAME, email="")
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
    return {"brugere": 1, "medarbejdere": len(staff_ids), "læsninger (navn fjernet)": reads}
