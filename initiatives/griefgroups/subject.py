"""What the grief-group app holds about a person (trivsel.security.subjects): the meetings they
recorded (with their own notes — they wrote them), the groups they lead and their course
nominations and attendance.

Erasure keeps these records: counts, hours and evaluations are the school's documentation and
the grief-group notes have their own deletion deadline (griefgroups/retention.py); the person's
name goes with their login and staff record."""

from __future__ import annotations

from trivsel.schools.subject import staff_of

from .models import GriefGroup, GroupMeeting, Nomination


def _iso(value):
    return value.isoformat() if value else None


def _querysets(person):
    staff = staff_of(person)
    found = {
        "groups": GriefGroup.objects.filter(leaders__in=staff).distinct(),
        "nominations": Nomination.objects.filter(staff__in=staff),
    }
    if person.user is not None:
        found["meetings"] = GroupMeeting.objects.filter(recorded_by=person.user)
    return found


def records(person) -> list:
    found = _querysets(person)
    return [found["groups"], *([found["meetings"]] if "meetings" in found else [])]


def export(person) -> dict[str, list[dict]]:
    found = _querysets(person)
    result = {
        "Sorggrupper (leder)": [
            {"id": g.pk, "gruppe": g.name, "skole": g.school.name, "start": _iso(g.start_date)}
            for g in found["groups"].select_related("school").order_by("start_date", "pk")
        ],
        "Sorggruppelederkursus": [
            {
                "kursus": n.course.title,
                "status": n.get_status_display(),
                "gennemført": n.completed,
                "gennemført dato": _iso(n.completed_on),
                "fremmøde": "; ".join(
                    f"{a.session.date.isoformat()} {'til stede' if a.present else 'fraværende'}"
                    for a in n.attendances.all()
                ),
            }
            for n in found["nominations"]
            .select_related("course")
            .prefetch_related("attendances__session")
            .order_by("pk")
        ],
    }
    if "meetings" in found:
        result["Sorggruppemøder registreret"] = [
            {
                "id": m.pk,
                "gruppe": m.group.name,
                "skole": m.group.school.name,
                "dato": _iso(m.date),
                "elever til stede (antal)": m.pupils_present,
                "ledertimer": str(m.leader_hours),
                "note": m.note,
            }
            for m in found["meetings"].select_related("group__school").order_by("date", "pk")
        ]
    return result


def plan(person) -> list[dict]:
    found = _querysets(person)
    count = sum(qs.count() for qs in found.values())
    return [
        {
            "what": "Sorggrupper, møder og kursusindstillinger",
            "count": count,
            "erased": "intet i selve posterne — navnet forsvinder med login og medarbejderregistrering",
            "kept": "antal elever, timer og evalueringer (noterne slettes efter deres egen frist)",
        }
    ]
