"""What Åben Skole holds about a person (trivsel.security.subjects): the applications they
created or decided and the reports they wrote. Erasure keeps them (the fund's accounts); the name
goes with the login."""

from __future__ import annotations

from django.db.models import Q

from .models import Application


def _applications(person):
    if person.user is None:
        return Application.objects.none()
    user = person.user
    return Application.objects.filter(
        Q(created_by=user) | Q(decided_by=user) | Q(report__reported_by=user)
    ).distinct()


def export(person) -> dict[str, list[dict]]:
    if person.user is None:
        return {}
    return {
        "Åben Skole-ansøgninger": [
            {
                "id": a.pk,
                "skole": a.school.name,
                "status": a.get_status_display(),
                "oprettet": a.created_at.isoformat(),
            }
            for a in _applications(person).select_related("school").order_by("pk")
        ]
    }


def plan(person) -> list[dict]:
    return [
        {
            "what": "Åben Skole-ansøgninger og rapporter",
            "count": _applications(person).count(),
            "erased": "intet i selve posterne — navnet forsvinder med login",
            "kept": "ansøgninger, bevillinger og rapporter (puljens regnskab)",
        }
    ]
