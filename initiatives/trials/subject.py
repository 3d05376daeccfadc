"""What the trial actions hold about a person (trivsel.security.subjects): the trial actions where
their staff record is listed among the staff involved, those they created, and the files they
uploaded.

Erasure keeps these records: trial actions are the schools' shared knowledge; the person's name
goes with their staff record and login, the involvement still counts."""

from __future__ import annotations

from django.db.models import Q

from trivsel.schools.subject import staff_of

from .models import Attachment, TrialAction


def _iso(value):
    return value.isoformat() if value else None


def _actions(person):
    match = Q(staff__in=staff_of(person))
    if person.user is not None:
        match |= Q(created_by=person.user)
    return TrialAction.objects.filter(match).distinct()


def _attachments(person):
    if person.user is None:
        return Attachment.objects.none()
    return Attachment.objects.filter(uploaded_by=person.user)


def export(person) -> dict[str, list[dict]]:
    staff_ids = set(staff_of(person).values_list("pk", flat=True))
    user_id = person.user.pk if person.user is not None else None
    actions = _actions(person).select_related("school").prefetch_related("staff")
    return {
        "Prøvehandlinger": [
            {
                "id": t.pk,
                "titel": t.title,
                "skole": t.school.name,
                "start": _iso(t.start),
                "slut": _iso(t.end),
                "status": t.get_status_display(),
                "rolle": ", ".join(
                    role
                    for role, yes in (
                        ("medarbejder involveret", any(s.pk in staff_ids for s in t.staff.all())),
                        (
                            "oprettet af personen",
                            user_id is not None and t.created_by_id == user_id,
                        ),
                    )
                    if yes
                ),
            }
            for t in actions.order_by("start", "pk")
        ],
        "Filer uploadet": [
            {"fil": a.name, "prøvehandling": a.trial_action_id, "uploadet": _iso(a.uploaded_at)}
            for a in _attachments(person).order_by("pk")
        ],
    }


def plan(person) -> list[dict]:
    return [
        {
            "what": "Prøvehandlinger og filer",
            "count": _actions(person).count() + _attachments(person).count(),
            "erased": "intet i selve posterne — navnet forsvinder med medarbejderregistrering og login",
            "kept": "prøvehandlingerne og hvor mange medarbejdere der var involveret (skolernes vidensdeling)",
        }
    ]
