"""E-mail to the school when the coordinator decides on its application (enqueued on commit,
by primary key; the send time is stored on the application)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import translation

from trivsel.schools import clock, mail
from trivsel.schools.models import Role, User

from .formatting import kr
from .models import Application


def recipients_for(app: Application) -> list[str]:
    leaders = User.objects.filter(schools=app.school_id, role=Role.LEADER, is_active=True).exclude(
        email=""
    )
    emails = {u.email for u in leaders}
    if app.created_by_id and app.created_by.email:
        emails.add(app.created_by.email)
    return sorted(emails)


@shared_task
def send_application_status(application_pk: int) -> int:
    app = (
        Application.objects.select_related(
            "school", "programme__school_year", "offer", "created_by"
        )
        .filter(pk=application_pk)
        .first()
    )
    if app is None:
        return 0
    to = recipients_for(app)
    if not to:
        return 0
    with translation.override(settings.LANGUAGE_CODE):  # the amounts in Danish format too
        ctx = {
            "app": app,
            "approved": kr(app.approved_amount),
            "applied": kr(app.amount),
            "url": settings.SITE_URL + app.get_absolute_url(),
        }
    sent = mail.text_message("openschool/email/status", ctx, to).send()
    Application.objects.filter(pk=app.pk).update(notified_at=clock.now())
    return sent
