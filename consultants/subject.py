"""What the consultants' app holds about a person (trivsel.security.subjects): a consultant's own
records — activities, PIT meetings, wellbeing courses, example cases — with the texts they wrote
(they are the author and read them at work already). The export is a logged read of each.

Erasure keeps these records: they are the municipality's documentation of its work at the
schools, kept until their own deletion deadline (consultants/retention.py). The author then shows
as the anonymised login."""

from __future__ import annotations

from .models import Activity, ExampleCase, PitMeeting, WellbeingCourse


def _iso(value):
    return value.isoformat() if value else None


def _querysets(person):
    user = person.user
    if user is None:
        return None
    return {
        "activities": Activity.objects.filter(consultant=user),
        "pit": PitMeeting.objects.filter(consultant=user),
        "courses": WellbeingCourse.objects.filter(consultant=user),
        "cases": ExampleCase.objects.filter(author=user),
    }


def records(person) -> list:
    found = _querysets(person)
    return list(found.values()) if found else []


def export(person) -> dict[str, list[dict]]:
    found = _querysets(person)
    if not found:
        return {}
    activities = (
        found["activities"]
        .select_related("school", "school_class")
        .prefetch_related("follow_ups")
        .order_by("date", "pk")
    )
    return {
        "Konsulentaktiviteter": [
            {
                "id": a.pk,
                "dato": _iso(a.date),
                "skole": a.school.name,
                "klasse": str(a.school_class) if a.school_class else "",
                "type": a.get_kind_display(),
                "status": a.get_status_display(),
                "varighed (minutter)": a.duration_minutes,
                "delt med ledelsen": a.shared_with_leadership,
                "hvad blev set": a.observation,
                "opfølgninger": "; ".join(f.what for f in a.follow_ups.all()),
            }
            for a in activities
        ],
        "PIT-møder": [
            {
                "id": m.pk,
                "dato": _iso(m.date),
                "skole": m.school.name,
                "drøftede sager (antal)": m.cases_discussed,
                "temaer": m.themes,
                "bidrag": m.contribution,
            }
            for m in found["pit"].select_related("school").order_by("date", "pk")
        ],
        "Trivselsforløb": [
            {
                "id": c.pk,
                "skole": c.school.name,
                "emne": c.topic,
                "start": _iso(c.start_date),
                "evaluering": c.evaluation,
            }
            for c in found["courses"].select_related("school").order_by("start_date", "pk")
        ],
        "Eksempler til statusnotatet": [
            {"id": e.pk, "overskrift": e.title, "status": e.get_status_display()}
            for e in found["cases"].order_by("pk")
        ],
    }


def plan(person) -> list[dict]:
    found = _querysets(person)
    if not found:
        return []
    count = sum(qs.count() for qs in found.values())
    return [
        {
            "what": "Konsulentens aktiviteter, PIT-møder, forløb og eksempler",
            "count": count,
            "erased": "intet i selve posterne — konsulentens navn forsvinder med login",
            "kept": (
                "posterne er kommunens dokumentation af arbejdet på skolerne og slettes efter "
                "deres egen slettefrist"
            ),
        }
    ]
