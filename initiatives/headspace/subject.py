"""What Headspace holds about a person (trivsel.security.subjects): the feedback they gave on
talks (score and their own comment) and the talks they booked.

Erasure keeps the feedback: the school's evaluation of the talk and the score counts in the status
note; the comment is about the talk, not the person. The giver's name goes with their login."""

from __future__ import annotations

from django.db.models import Q

from .models import Talk


def _iso(value):
    return value.isoformat() if value else None


def _talks(person):
    if person.user is None:
        return Talk.objects.none()
    return Talk.objects.filter(Q(feedback_by=person.user) | Q(booked_by=person.user))


def export(person) -> dict[str, list[dict]]:
    if person.user is None:
        return {}
    talks = list(_talks(person).select_related("school_class__school").order_by("starts_at", "pk"))
    return {
        "Headspace-feedback": [
            {
                "oplæg": _iso(t.starts_at),
                "klasse": f"{t.school_class} ({t.school_class.school.name})",
                "vurdering (1–5)": t.feedback_score,
                "kommentar": t.feedback_comment,
                "givet": _iso(t.feedback_at),
            }
            for t in talks
            if t.feedback_by_id == person.user.pk
        ],
        "Headspace-oplæg booket": [
            {
                "oplæg": _iso(t.starts_at),
                "klasse": str(t.school_class),
                "status": t.get_status_display(),
            }
            for t in talks
            if t.booked_by_id == person.user.pk
        ],
    }


def plan(person) -> list[dict]:
    return [
        {
            "what": "Headspace-feedback og bookinger",
            "count": _talks(person).count(),
            "erased": "intet i selve posterne — navnet forsvinder med login",
            "kept": "vurderinger og kommentarer til oplæggene (skolens evaluering, tal i statusnotatet)",
        }
    ]
