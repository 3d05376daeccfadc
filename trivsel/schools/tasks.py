"""Background jobs of the shared model. Tasks take primary keys and are enqueued on commit:

transaction.on_commit(partial(end_user_sessions.delay, user.pk))
"""

from __future__ import annotations

from importlib import import_module

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import mail
from .models import User


def invitation_url(user: User) -> str:
    """The link to choose a password: Django's password-reset confirm page with a token that
    lives ``PASSWORD_RESET_TIMEOUT`` (three days)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


@shared_task
def send_invitation(user_pk: int, invited_by_pk: int | None = None) -> None:
    """E-mail an invited user a link to choose their password (in Danish, whoever enqueued it)."""
    user = User.objects.prefetch_related("schools").filter(pk=user_pk, is_active=True).first()
    if user is None or not user.email:  # deactivated or gone before the worker got to it
        return
    invited_by = User.objects.filter(pk=invited_by_pk).first() if invited_by_pk else None
    context = {
        "user": user,
        "invited_by": invited_by,
        "role": user.get_role_display(),
        "schools": [school.name for school in user.schools.all()],
        "url": invitation_url(user),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
    }
    mail.text_message("schools/email/invitation", context, user.email).send()


DB_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


@shared_task
def end_user_sessions(user_id: int) -> int:
    """Log a user out everywhere by deleting their live sessions (after deactivation or a role
    change). Sessions are stored encoded, so this decodes every live one — a job for the worker,
    not for the request. Returns how many sessions were ended."""
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return 0  # sessions are not in the database: nothing this task can reach
    user_key = str(user_id)
    doomed = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get("_auth_user_id") == user_key
    ]
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in doomed:
        store(session_key=key).delete()  # through the engine, so a cached_db cache forgets it too
    return len(doomed)
