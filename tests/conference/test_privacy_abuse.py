"""Privacy (accessibility statement, retention notice, minors anonymised N days after the event
including their change history) and abuse (the public form's rate limit, on by default)."""

from datetime import date, timedelta

from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from conference import services
from conference.models import ParticipantKind, Registration
from tests.conference.factories import EventDayFactory
from trivsel.schools import clock


def test_the_public_form_links_the_accessibility_statement_and_states_the_retention(client, event):
    EventDayFactory(event=event)
    text = client.get(reverse("conference:signup", kwargs={"slug": event.slug})).content.decode()
    assert reverse("conference:accessibility_statement") in text
    days = django_settings.RETENTION_DAYS["minors_registrations"]
    assert f"anonymiseres {days} dage efter arrangementet" in text
    assert "slettes senest 6 måneder" in text
    statement = client.get(reverse("conference:accessibility_statement"))
    assert statement.status_code == 200
    assert "Tilgængelighedserklæring" in statement.content.decode()
    assert "Digitaliseringsstyrelsen" in statement.content.decode()


# --- minors' data ----------------------------------------------------------------------------
def pupils_of(event, day, school, class_, signer):
    return [
        services.registration_create(
            event=event,
            kind=ParticipantKind.PUPIL,
            name=name,
            school=school,
            school_class=class_,
            days=[day],
            created_by=signer,
            accompanying_adult="Mads Lærer",
            guardian_name=f"Forælder til {name}",
            consent_given_at=clock.now(),
        )
        for name in ("Ida", "Noah")
    ]


def test_pupils_are_kept_until_the_retention_period_has_passed(
    settings, event, staff_a, school_a, class_a
):
    import time_machine

    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "minors_registrations": 30}
    day = EventDayFactory(event=event, date=date(2024, 3, 5))
    pupils_of(event, day, school_a, class_a, staff_a)
    with time_machine.travel(date(2024, 4, 3), tick=False):  # 29 days after
        call_command("apply_retention")
    assert set(Registration.objects.values_list("name", flat=True)) == {"Ida", "Noah"}
    with time_machine.travel(date(2024, 4, 4), tick=False):  # 30 days after
        call_command("apply_retention")
    assert not Registration.objects.filter(name__in=["Ida", "Noah"]).exists()


def test_no_history_row_still_holds_a_pupils_name_and_the_counts_are_kept(
    settings, event, org, staff_a, school_a, class_a
):
    import time_machine

    day = EventDayFactory(event=event, date=date(2024, 3, 5))
    ida, noah = pupils_of(event, day, school_a, class_a, staff_a)
    services.registration_record_consent(
        registration=ida, guardian_name="Hanne Jensen", given_at=clock.now()
    )
    adult = services.registration_create(
        event=event, name="Anne Andersen", email="anne@rk.dk", organisation=org, days=[day]
    )
    counts_before = (
        Registration.objects.filter(kind=ParticipantKind.PUPIL, school_class=class_a).count(),
        day.bookings.filter(status="confirmed").count(),
    )
    with time_machine.travel(
        date(2024, 3, 5) + timedelta(days=settings.RETENTION_DAYS["minors_registrations"] + 1),
        tick=False,
    ):
        call_command("apply_retention")
    personal = (
        "Ida",
        "Noah",
        "Hanne Jensen",
        "Forælder til Ida",
        "Forælder til Noah",
        "Mads Lærer",
    )
    for model in (Registration.objects, Registration.history):
        for row in model.filter(kind=ParticipantKind.PUPIL).values(
            "name", "guardian_name", "accompanying_adult", "dietary_needs"
        ):
            assert not set(row.values()) & set(personal), row
    assert Registration.history.filter(id=ida.pk).count() >= 2  # the rows stay, blanked
    counts_after = (
        Registration.objects.filter(kind=ParticipantKind.PUPIL, school_class=class_a).count(),
        day.bookings.filter(status="confirmed").count(),
    )
    assert counts_after == counts_before == (2, 3)
    adult.refresh_from_db()
    assert adult.name == "Anne Andersen"  # adults are not minors
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 2


def test_the_retention_runs_daily_by_celery_beat(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "trivsel.security.tasks.apply_retention" in tasks_scheduled


# --- rate limit ------------------------------------------------------------------------------
def form_data(org, day, i):
    return {
        "name": f"Person {i}",
        "email": f"p{i}@rk.dk",
        "organisation": org.pk,
        "job_title": "",
        "days": [day.pk],
        "dietary_needs": "",
        "accessibility_needs": "",
        "website": "",
    }


def test_the_rate_limit_is_on_by_default_and_answers_429_in_danish(event, org):
    assert django_settings.CONFERENCE_SIGNUP_RATE_LIMIT  # on unless switched off
    from conference.ratelimit import parse

    limit, _window = parse(django_settings.CONFERENCE_SIGNUP_RATE_LIMIT)
    day = EventDayFactory(event=event, capacity=100)
    client = Client(REMOTE_ADDR="10.9.8.7")
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    codes = [client.post(url, form_data(org, day, i)).status_code for i in range(limit + 1)]
    assert codes == [302] * limit + [429]
    response = client.post(url, form_data(org, day, 99))
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    assert Registration.objects.count() == limit  # the refused ones saved nothing
    other = Client(REMOTE_ADDR="10.9.8.8")  # another IP is not affected
    assert other.post(url, form_data(org, day, 100)).status_code == 302
    assert client.get(url).status_code == 200  # reading the form is never limited


def test_the_rate_limit_can_be_switched_off(settings, event, org):
    settings.CONFERENCE_SIGNUP_RATE_LIMIT = "off"
    day = EventDayFactory(event=event, capacity=100)
    client = Client(REMOTE_ADDR="10.9.8.7")
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    codes = {client.post(url, form_data(org, day, i)).status_code for i in range(15)}
    assert codes == {302}


def test_adults_are_anonymised_six_months_after_the_event_keeping_the_counts(settings, event, org):
    import time_machine

    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "conference_registrations": 183}
    day = EventDayFactory(event=event, date=date(2024, 3, 5))
    adult = services.registration_create(
        event=event, name="Anne Andersen", email="anne@rk.dk", organisation=org, days=[day]
    )
    other = services.registration_create(
        event=event, name="Bo Berg", email="bo@rk.dk", organisation=org, days=[day]
    )
    with time_machine.travel(date(2024, 9, 3), tick=False):  # 182 days after
        call_command("apply_retention")
    adult.refresh_from_db()
    assert adult.name == "Anne Andersen"
    with time_machine.travel(date(2024, 9, 4), tick=False):  # 183 days after
        call_command("apply_retention")
    for row in Registration.history.filter(id__in=[adult.pk, other.pk]).values("name", "email"):
        assert "Anne" not in row["name"] and "anne@" not in row["email"], row
    assert day.bookings.filter(status="confirmed").count() == 2
