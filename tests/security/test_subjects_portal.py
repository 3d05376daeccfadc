"""Data-subject requests across the whole portal: every app's ``subject.py`` contributes, a
person is a login or someone without a login found by e-mail (a conference registrant), the
export lists the reads of their records, and erasure leaves no history row holding the text."""

import json
from datetime import date

import pytest
from django.db.models import CharField, TextField
from django.urls import reverse
from django.utils import timezone

from conference.models import ParticipantKind, Registration
from conference.services import booking_check_in, registration_create
from consultants.models import Activity
from trivsel.schools import readlog
from trivsel.schools.models import ReadLogEntry, Staff
from trivsel.schools.privacy import history_models
from trivsel.security import subjects

from ..conference.factories import EventDayFactory, EventFactory
from ..consultants.factories import ActivityFactory, PitMeetingFactory
from ..griefgroups.factories import GriefGroupFactory, GroupMeetingFactory
from ..headspace.factories import TalkFactory
from ..trials.factories import TrialActionFactory

REGISTRANT = "birgitte.brandt@example.dk"


def _history_rows_holding(text: str) -> list[str]:
    """Every history table's text columns searched for ``text``: where it is still found."""
    found = []
    for model in history_models():
        history = getattr(model, model._meta.simple_history_manager_attribute).model
        for field in history._meta.concrete_fields:
            if (
                isinstance(field, CharField | TextField)
                and history.objects.filter(**{f"{field.name}__icontains": text}).exists()
            ):
                found.append(f"{history._meta.label}.{field.name}")
    return found


@pytest.fixture
def event_day(db):
    event = EventFactory(title="Du og jeg, en verden i Rødovre")
    return EventDayFactory(event=event, date=date(2024, 3, 4))


@pytest.fixture
def registrant(event_day):
    """Birgitte, a guest without a login: signed up, changed her name once, checked in."""
    registration = registration_create(
        event=event_day.event,
        kind=ParticipantKind.GUEST,
        name="Birgitte Brandt",
        email=REGISTRANT,
        days=[event_day],
        job_title="Sundhedsplejerske",
        dietary_needs="Vegetar",
        check_window=False,
    )
    registration.name = "Birgitte Brandt-Holm"  # a second version in the change history
    registration.save()
    booking_check_in(booking=registration.bookings.get())
    return registration


def test_every_app_that_holds_personal_data_provides_a_subject_module():
    names = {p.__name__ for p in subjects.PROVIDERS}
    assert {
        "trivsel.schools.subject",
        "trivsel.security.subject",
        "trivsel.statusnote.subject",
        "initiatives.trials.subject",
        "initiatives.openschool.subject",
        "initiatives.headspace.subject",
        "initiatives.griefgroups.subject",
        "consultants.subject",
        "conference.subject",
    } <= names


def test_a_coordinator_finds_a_registrant_without_a_login_by_email(
    client_for, coordinator, registrant
):
    page = client_for(coordinator).get(reverse("security:subject_search"), {"q": REGISTRANT})
    html = page.content.decode()
    assert "Person uden login" in html
    assert reverse("security:subject_email_export") in html


def test_a_registrants_export_holds_every_field_their_days_check_ins_and_reads_of_it(
    client_for, coordinator, conference_admin, registrant
):
    readlog.log_read(conference_admin, registrant, "view")
    response = client_for(coordinator).get(
        reverse("security:subject_email_export"), {"email": REGISTRANT.upper(), "format": "json"}
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    (row,) = data["Konferencetilmeldinger"]
    assert row["navn"] == "Birgitte Brandt-Holm" and row["e-mail"] == REGISTRANT
    assert row["stilling"] == "Sundhedsplejerske" and row["kost"] == "Vegetar"
    assert {"samtykke givet", "samtykketekst", "forælder/værge"} <= set(row)
    assert "2024-03-04" in row["dage"] and "tjekket ind" in row["dage"]
    reads = data[subjects.READS_SECTION]
    assert [(r["formål"], r["læst af"]) for r in reads] == [("view", "konferenceadmin")]
    assert reads[0]["tidspunkt"]
    # the export is itself a logged read of the registration
    assert ReadLogEntry.objects.filter(
        user=coordinator, purpose="export", object_id=registrant.pk
    ).exists()


def test_a_staff_members_export_covers_trials_grief_groups_headspace_and_registrations(
    client_for, coordinator, staff_a, school_a, class_a, event_day
):
    staff = Staff.objects.get(user=staff_a)
    trial = TrialActionFactory(school=school_a, title="Søvnuge i 7.A")
    trial.staff.add(staff)
    group = GriefGroupFactory(school=school_a)
    group.leaders.add(staff)
    GroupMeetingFactory(group=group, recorded_by=staff_a, note="Rolig stemning.")
    TalkFactory(
        school_class=class_a,
        feedback_by=staff_a,
        feedback_score=4,
        feedback_comment="Godt oplæg",
        feedback_at=timezone.now(),
    )
    registration_create(
        event=event_day.event,
        name="Mads",
        email=staff_a.email,
        days=[event_day],
        organisation=event_day.event.organisations.first(),
        check_window=False,
    )
    data = json.loads(
        client_for(coordinator)
        .get(reverse("security:subject_export", args=[staff_a.pk]), {"format": "json"})
        .content
    )
    assert data["Prøvehandlinger"][0]["titel"] == "Søvnuge i 7.A"
    assert data["Prøvehandlinger"][0]["rolle"] == "medarbejder involveret"
    assert data["Sorggrupper (leder)"][0]["gruppe"] == group.name
    assert data["Sorggruppemøder registreret"][0]["note"] == "Rolig stemning."
    assert data["Headspace-feedback"][0]["kommentar"] == "Godt oplæg"
    assert data["Konferencetilmeldinger"][0]["e-mail"] == staff_a.email


def test_a_consultants_export_holds_their_activities_with_their_text_and_reads_of_them(
    client_for, coordinator, consultant, school_a
):
    activity = ActivityFactory(consultant=consultant, school=school_a, observation="Uro i 5.B")
    PitMeetingFactory(consultant=consultant, school=school_a, contribution="Sparring om fravær")
    readlog.log_read(coordinator, activity, "view")
    data = json.loads(
        client_for(coordinator)
        .get(reverse("security:subject_export", args=[consultant.pk]), {"format": "json"})
        .content
    )
    assert data["Konsulentaktiviteter"][0]["hvad blev set"] == "Uro i 5.B"
    assert data["PIT-møder"][0]["bidrag"] == "Sparring om fravær"
    assert any(r["post"].endswith(f"#{activity.pk}") for r in data[subjects.READS_SECTION])
    # exporting sensitive records is a logged read of each
    assert ReadLogEntry.objects.filter(
        user=coordinator, purpose="export", object_id=activity.pk
    ).exists()


def test_the_erase_page_explains_in_danish_what_goes_and_what_stays_with_counts(
    client_for, coordinator, registrant
):
    page = client_for(coordinator).get(
        reverse("security:subject_email_erase"), {"email": REGISTRANT}
    )
    html = page.content.decode()
    assert "Konferencetilmeldinger" in html
    assert "navn, e-mail, stilling" in html  # what is erased
    assert "antallet pr. arrangement og dag stemmer" in html  # what is kept
    assert '<td class="text-end">1</td>' in html
    assert 'name="confirm"' in html


def test_without_the_confirmation_tick_nothing_is_erased(client_for, coordinator, registrant):
    response = client_for(coordinator).post(
        reverse("security:subject_email_erase"), {"email": REGISTRANT}, follow=True
    )
    assert "Bekræft sletningen" in response.content.decode()
    registrant.refresh_from_db()
    assert registrant.name == "Birgitte Brandt-Holm"


def test_erasing_a_registrant_uses_the_retention_anonymiser_and_no_history_row_keeps_the_text(
    client_for, coordinator, registrant
):
    assert _history_rows_holding("Brandt")  # the control: the text is there before
    response = client_for(coordinator).post(
        reverse("security:subject_email_erase"),
        {"email": REGISTRANT, "confirm": "yes"},
        follow=True,
    )
    assert "konferencetilmeldinger: 1" in response.content.decode()
    registrant.refresh_from_db()
    assert registrant.name == f"Anonym deltager #{registrant.pk}"  # the retention hook's name
    assert registrant.anonymised_at is not None and not registrant.job_title
    assert _history_rows_holding("Brandt") == []
    assert _history_rows_holding(REGISTRANT) == []
    assert _history_rows_holding("Sundhedsplejerske") == []
    # the counts stay: the registration, its day and its check-in
    booking = registrant.bookings.get()
    assert booking.checked_in_at is not None
    assert Registration.objects.filter(event=registrant.event).count() == 1


def test_erasing_a_login_also_erases_their_registrations_and_login_log_and_keeps_their_work(
    client_for, coordinator, consultant, school_a, event_day
):
    from axes.models import AccessLog

    consultant.email = "kira.konsulent@rk.dk"
    consultant.last_name = "Krogh"
    consultant.save()
    activity = ActivityFactory(consultant=consultant, school=school_a)
    registration = registration_create(
        event=event_day.event,
        name="Kira Krogh",
        email="Kira.Konsulent@rk.dk",
        days=[event_day],
        organisation=event_day.event.organisations.first(),
        check_window=False,
    )
    AccessLog.objects.create(username="konsulent", ip_address="127.0.0.1", user_agent="test")
    client = client_for(coordinator)
    page = client.get(reverse("security:subject_erase", args=[consultant.pk])).content.decode()
    assert "Konsulentens aktiviteter" in page and "Log over logins" in page

    client.post(reverse("security:subject_erase", args=[consultant.pk]), {"confirm": "yes"})
    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert not AccessLog.objects.filter(username="konsulent").exists()
    assert Activity.objects.filter(pk=activity.pk, consultant=consultant).exists()  # kept
    assert _history_rows_holding("Krogh") == []
    assert _history_rows_holding("kira.konsulent") == []


def test_a_staff_record_without_a_login_is_found_and_erased_by_email(
    client_for, coordinator, school_a
):
    from ..factories import StaffFactory

    staff = StaffFactory(name="Ole Uden Login", email="ole@rk.dk", school=school_a, user=None)
    trial = TrialActionFactory(school=school_a)
    trial.staff.add(staff)
    client = client_for(coordinator)
    data = json.loads(
        client.get(
            reverse("security:subject_email_export"), {"email": "ole@rk.dk", "format": "json"}
        ).content
    )
    assert data["Medarbejder"][0]["navn"] == "Ole Uden Login"
    assert data["Prøvehandlinger"][0]["id"] == trial.pk
    client.post(reverse("security:subject_email_erase"), {"email": "ole@rk.dk", "confirm": "yes"})
    staff.refresh_from_db()
    assert staff.name == "Slettet person" and not staff.is_active
    assert trial.staff.filter(pk=staff.pk).exists()  # the involvement still counts
    assert _history_rows_holding("Ole Uden Login") == []


def test_a_bad_email_is_a_clear_400_and_nothing_else(client_for, coordinator):
    response = client_for(coordinator).get(
        reverse("security:subject_email_export"), {"email": "ikke-en-adresse"}
    )
    assert response.status_code == 400
    assert "gyldig e-mailadresse" in response.content.decode()


@pytest.mark.parametrize("actor", ["leader_a", "staff_a", "consultant", "conference_admin"])
def test_only_coordinators_reach_the_registrant_pages(request, client_for, actor, registrant):
    client = client_for(request.getfixturevalue(actor))
    for name in ("security:subject_email_export", "security:subject_email_erase"):
        response = client.get(reverse(name), {"email": REGISTRANT})
        assert response.status_code == 403
    response = client.post(
        reverse("security:subject_email_erase"), {"email": REGISTRANT, "confirm": "yes"}
    )
    assert response.status_code == 403
    registrant.refresh_from_db()
    assert registrant.anonymised_at is None


def test_the_excel_export_has_a_sheet_for_the_reads(client_for, coordinator, registrant):
    import io

    from openpyxl import load_workbook

    response = client_for(coordinator).get(
        reverse("security:subject_email_export"), {"email": REGISTRANT, "format": "xlsx"}
    )
    book = load_workbook(io.BytesIO(response.content))
    assert "Konferencetilmeldinger" in book.sheetnames
    assert subjects.READS_SECTION[:31] in book.sheetnames
