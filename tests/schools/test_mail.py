"""Plain-text e-mails print names as typed — «Søren O'Brien & Co <SFO>», never
``O&#x27;Brien &amp; Co &lt;SFO&gt;`` — and every mail of the portal is made one way
(``trivsel.schools.mail``), so a new mail cannot forget it."""

import re
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.template import TemplateDoesNotExist
from django.urls import reverse

from conference import services as conference_services
from conference import tasks as conference_tasks
from initiatives.headspace.tasks import send_talk_reminders
from initiatives.openschool.tasks import send_application_status
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory, SchoolFactory, UserFactory
from tests.headspace.factories import TalkFactory, at
from tests.openschool.factories import ApplicationFactory
from trivsel.schools import mail as portal_mail
from trivsel.schools.models import Role
from trivsel.schools.tasks import send_invitation

NAME = "Søren O'Brien & Co <SFO>"
ESCAPED = ("&#x27;", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;")


def assert_as_typed(message, text=NAME):
    assert text in message.body, message.body
    assert not any(entity in message.body + message.subject for entity in ESCAPED), message.body


def test_the_conference_confirmation_greets_a_name_as_typed(db, django_capture_on_commit_callbacks):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], title="Du & jeg <2024>")
    day = EventDayFactory(event=event, date=date(2024, 3, 5), capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        conference_services.registration_create(
            event=event, name=NAME, email="soren@rk.dk", organisation=org, days=[day]
        )
    (message,) = mail.outbox
    assert_as_typed(message, f"Kære {NAME}")
    assert "«Du & jeg <2024>»" in message.body


def test_the_conference_reminder_and_manage_link_print_the_name_as_typed(
    db, django_capture_on_commit_callbacks
):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org])
    day = EventDayFactory(event=event, date=date(2024, 3, 5), capacity=5)
    registration = conference_services.registration_create(
        event=event, name=NAME, email="soren@rk.dk", organisation=org, days=[day]
    )
    mail.outbox.clear()
    conference_tasks.send_manage_link(registration.pk)
    with time_machine.travel(date(2024, 3, 2), tick=False):
        conference_tasks.send_reminders()
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_as_typed(message)


def test_the_invitation_greets_a_name_as_typed(db):
    school = SchoolFactory(name="O'Brien & Co <SFO> Skole")
    inviter = UserFactory(first_name="Bo", last_name="O'Hara & Søn", role=Role.COORDINATOR)
    user = UserFactory(first_name=NAME, email="soren@rk.dk", role=Role.LEADER)
    user.schools.add(school)
    send_invitation(user.pk, inviter.pk)
    (message,) = mail.outbox
    assert_as_typed(message, f"Hej {NAME}")
    assert "Bo O'Hara & Søn har inviteret dig" in message.body
    assert "O'Brien & Co <SFO> Skole" in message.body


def test_the_password_reset_mail_greets_a_name_as_typed(client, db):
    UserFactory(first_name="Søren", last_name="O'Brien & Co <SFO>", email="soren@rk.dk")
    response = client.post(reverse("password_reset"), {"email": "soren@rk.dk"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert_as_typed(message, f"Hej {NAME}")
    assert message.subject == "Vælg adgangskode til Trivselsportalen"


def test_the_headspace_reminder_prints_the_school_as_typed(db):
    school = SchoolFactory(name="O'Brien & Co <SFO> Skole")
    UserFactory(role=Role.LEADER, email="leder@rk.dk").schools.add(school)
    TalkFactory(school_class__school=school, starts_at=at(12, 9), ends_at=at(12, 10))
    with time_machine.travel(at(10, 7), tick=False):
        assert send_talk_reminders() == 1
    assert_as_typed(mail.outbox[0], "O'Brien & Co <SFO> Skole")


def test_the_open_school_notice_prints_title_and_school_as_typed(db):
    school = SchoolFactory(name="O'Brien & Co <SFO> Skole")
    UserFactory(role=Role.LEADER, email="leder@rk.dk").schools.add(school)
    app = ApplicationFactory(school=school, own_title="Bål & brød «ude»")
    assert send_application_status(app.pk) == 1
    assert_as_typed(mail.outbox[0], "«Bål & brød «ude»» (O'Brien & Co <SFO> Skole)")


def test_only_plain_text_templates_render_without_escaping():
    with pytest.raises(ValueError, match="only .txt"):
        portal_mail.render_text("conference/manage.html", {})
    with pytest.raises(TemplateDoesNotExist):
        portal_mail.render_text("findes/ikke.txt", {})


def test_the_pages_still_escape_the_name(client, db):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org])
    day = EventDayFactory(event=event, date=date(2024, 3, 5), capacity=5)
    registration = conference_services.registration_create(
        event=event, name=NAME, email="soren@rk.dk", organisation=org, days=[day]
    )
    page = client.get(registration.get_manage_url()).content.decode()
    assert "O&#x27;Brien &amp; Co &lt;SFO&gt;" in page
    assert NAME not in page


# --- the class: one way to make a mail ------------------------------------------------------------
PROJECT_DIRS = ("trivsel", "initiatives", "consultants", "conference")
MAIL_MODULE = Path("trivsel/schools/mail.py")
MAKES_MAIL = re.compile(
    r"from django\.core\.mail import|django\.core\.mail\.send|(?<!def )send_mail\(|EmailMessage\(|"
    r"EmailMultiAlternatives|"
    r"render_to_string\([^)]*\.txt|autoescape off"
)


def test_no_module_but_the_mail_module_makes_a_mail_or_renders_a_text_template():
    root = Path(settings.BASE_DIR)
    offenders = []
    for folder in PROJECT_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            relative = path.relative_to(root)
            if relative == MAIL_MODULE or "migrations" in relative.parts:
                continue
            if MAKES_MAIL.search(path.read_text()):
                offenders.append(str(relative))
    for path in sorted((root / "templates").rglob("*.txt")):
        if "autoescape" in path.read_text():
            offenders.append(str(path.relative_to(root)))
    assert not offenders, "make mails with trivsel.schools.mail: " + ", ".join(offenders)


def test_every_mail_template_comes_in_subject_and_body():
    root = Path(settings.BASE_DIR) / "templates"
    names = {
        str(p.relative_to(root))[: -len(suffix)]
        for suffix in ("_subject.txt", "_body.txt")
        for p in root.rglob(f"*{suffix}")
    }
    assert "conference/email/confirmation" in names
    for name in names:
        assert (root / f"{name}_subject.txt").exists() and (root / f"{name}_body.txt").exists()
