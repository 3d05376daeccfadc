"""The reminder to the school a few days before each talk (Celery beat, daily; see
CELERY_BEAT_SCHEDULE). The send time is stored on the talk, so a reminder goes out once."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from trivsel.schools import clock, mail
from trivsel.schools.models import Role, User

from .models import Talk, TalkStatus

REMINDER_DAYS = 3


def due_for_reminder(now=None):
    now = now or clock.now()
    return Talk.objects.filter(
        status=TalkStatus.BOOKED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=REMINDER_DAYS),
    ).select_related("school_class__school")


def _school_recipients(school) -> list[str]:
    emails = set(
        User.objects.filter(schools=school, role=Role.LEADER, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if school.email:
        emails.add(school.email)
    return sorted(emails)


@shared_task
def send_talk_reminders() -> int:
    sent = 0
    for talk in due_for_reminder():
        to = _school_recipients(talk.school_class.school)
        if not to:
            continue
        ctx = {
            "talk": talk,
            "starts": timezone.localtime(talk.starts_at),
            "ends": timezone.localtime(talk.ends_at),
            "url": settings.SITE_URL + talk.get_absolute_url(),
        }
        mail.text_message("headspace/email/reminder", ctx, to).send()
        Talk.objects.filter(pk=talk.pk).update(reminder_sent_at=clock.now())
        sent += 1
    return sent
