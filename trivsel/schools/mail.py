"""The portal's e-mails, made in one place. A mail's text part is plain text, not HTML: its
templates (``<name>_subject.txt`` and ``<name>_body.txt``) render with autoescape off, so
«Søren O'Brien & Co» arrives as typed, never as ``O&#x27;Brien &amp; Co``. Only ``.txt``
templates render that way; anything HTML (a page, a PDF, an HTML part should a mail get one)
keeps Django's escaping. ``tests/schools/test_mail.py`` checks that no other module builds mails.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.context import make_context
from django.template.loader import get_template
from django.utils import translation


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping (in the template's own language)."""
    if not template_name.endswith(".txt"):
        raise ValueError(f"{template_name}: only .txt templates render without escaping")
    template = get_template(template_name).template  # Django's own Template, not the backend's
    return template.render(make_context(context, autoescape=False))


def text_message(name: str, context: dict, to: str | Sequence[str]) -> EmailMessage:
    """The mail ``name`` (``<name>_subject.txt`` and ``<name>_body.txt``) in the portal's
    language; the subject on one line."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_text(f"{name}_subject.txt", context)
        body = render_text(f"{name}_body.txt", context)
    return plain_message(subject, body, to)


def plain_message(subject: str, body: str, to: str | Sequence[str]) -> EmailMessage:
    """A mail whose text a person wrote (a group message): sent as it is."""
    recipients = [to] if isinstance(to, str) else list(to)
    return EmailMessage(" ".join(subject.split()), body, None, recipients)
