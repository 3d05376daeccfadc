"""What the login machinery holds about a person (trivsel.security.subjects): logins and failed
logins (django-axes: time, address, browser) and two-factor devices (names only, never secrets).
Erasure deletes them: they identify the person and serve no count."""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django_otp import devices_for_user


def _iso(value):
    return value.isoformat() if value else None


def _logs(person):
    username = person.user.get_username()
    return [
        m.objects.filter(username=username) for m in (AccessLog, AccessFailureLog, AccessAttempt)
    ]


def export(person) -> dict[str, list[dict]]:
    if person.user is None:
        return {}
    logins, failures, _attempts = _logs(person)
    return {
        "Logins": [
            {
                "tidspunkt": _iso(e.attempt_time),
                "logget ud": _iso(e.logout_time),
                "adresse": e.ip_address,
                "browser": e.user_agent,
            }
            for e in logins.order_by("attempt_time")
        ],
        "Fejlede logins": [
            {
                "tidspunkt": _iso(e.attempt_time),
                "adresse": e.ip_address,
                "spærret": e.locked_out,
            }
            for e in failures.order_by("attempt_time")
        ],
        "Totrinsenheder": [
            {"type": type(d)._meta.verbose_name, "navn": d.name, "bekræftet": d.confirmed}
            for d in devices_for_user(person.user, confirmed=None)
        ],
    }


def plan(person) -> list[dict]:
    if person.user is None:
        return []
    count = sum(qs.count() for qs in _logs(person)) + len(
        list(devices_for_user(person.user, confirmed=None))
    )
    return [
        {
            "what": "Log over logins og totrinsenheder",
            "count": count,
            "erased": "alt: tidspunkter, adresser og browsere for logins, samt totrinsenheder",
            "kept": "intet",
        }
    ]


def erase(person) -> dict[str, int]:
    if person.user is None:
        return {}
    deleted = sum(qs.delete()[0] for qs in _logs(person))
    devices = list(devices_for_user(person.user, confirmed=None))
    for device in devices:
        device.delete()
    return {"loginlog": deleted, "totrinsenheder": len(devices)}
