"""What the status notes hold about a person (trivsel.security.subjects): the notes they created
or finalised and the documents they ordered. Erasure keeps them: the notes are the municipality's
archive (their own deletion deadline); the name goes with the login."""

from __future__ import annotations

from django.db.models import Q

from .models import StatusNote


def _notes(person):
    if person.user is None:
        return StatusNote.objects.none()
    return StatusNote.objects.filter(Q(created_by=person.user) | Q(finalised_by=person.user))


def export(person) -> dict[str, list[dict]]:
    if person.user is None:
        return {}
    return {
        "Statusnotater": [
            {
                "halvår": str(n.period),
                "version": n.version,
                "status": n.get_status_display(),
                "oprettet af personen": n.created_by_id == person.user.pk,
                "gjort endelig af personen": n.finalised_by_id == person.user.pk,
                "oprettet": n.created_at.isoformat(),
            }
            for n in _notes(person).select_related("period").order_by("created_at", "pk")
        ]
    }


def plan(person) -> list[dict]:
    return [
        {
            "what": "Statusnotater",
            "count": _notes(person).count(),
            "erased": "intet i notaterne — navnet forsvinder med login",
            "kept": "notaterne (kommunens arkiv med egen slettefrist)",
        }
    ]
