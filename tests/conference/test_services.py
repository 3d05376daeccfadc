"""The registration engine's rules: capacity, waiting list, promotion, consent, bad input."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from conference import services
from conference.models import BookingStatus, DayBooking, ParticipantKind, Registration
from tests.conference.factories import ConsentTextFactory, EventDayFactory, EventFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org])


def sign_up(event, org, email, days, **extra):
    return services.registration_create(
        event=event,
        name=email.split("@")[0].title(),
        email=email,
        organisation=org,
        days=days,
        **extra,
    )


def status_of(registration, day):
    return DayBooking.objects.get(registration=registration, day=day).status


def test_a_day_confirms_up_to_its_capacity_and_then_puts_people_on_the_waiting_list(event, org):
    day = EventDayFactory(event=event, capacity=2)
    regs = [sign_up(event, org, f"p{i}@rk.dk", [day]) for i in range(4)]
    assert [status_of(r, day) for r in regs] == ["confirmed", "confirmed", "waiting", "waiting"]


def test_each_day_has_its_own_capacity(event, org):
    full, roomy = EventDayFactory(event=event, capacity=1), EventDayFactory(event=event, capacity=5)
    sign_up(event, org, "first@rk.dk", [full])
    second = sign_up(event, org, "second@rk.dk", [full, roomy])
    assert status_of(second, full) == BookingStatus.WAITING
    assert status_of(second, roomy) == BookingStatus.CONFIRMED


def test_cancelling_promotes_the_first_on_the_waiting_list_and_tells_them(
    event, org, django_capture_on_commit_callbacks
):
    day = EventDayFactory(event=event, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        holder = sign_up(event, org, "holder@rk.dk", [day])
        first = sign_up(event, org, "first@rk.dk", [day])
        second = sign_up(event, org, "second@rk.dk", [day])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=holder)
    assert [p.registration for p in promoted] == [first]
    assert status_of(first, day) == BookingStatus.CONFIRMED
    assert status_of(second, day) == BookingStatus.WAITING
    assert [m.to for m in mail.outbox] == [["first@rk.dk"]]
    assert "Der er blevet plads til dig" in mail.outbox[0].body
    assert first.get_manage_url() in mail.outbox[0].body


def test_dropping_a_day_frees_it_for_the_waiting_list(event, org):
    d1, d2 = EventDayFactory(event=event, capacity=1), EventDayFactory(event=event, capacity=1)
    holder = sign_up(event, org, "holder@rk.dk", [d1, d2])
    waiting = sign_up(event, org, "waiting@rk.dk", [d2])
    services.registration_change_days(registration=holder, days=[d1])
    assert status_of(holder, d2) == BookingStatus.CANCELLED
    assert status_of(waiting, d2) == BookingStatus.CONFIRMED


def test_the_overall_capacity_limits_people_across_days(org):
    event = EventFactory(organisations=[org], capacity=1)
    d1, d2 = EventDayFactory(event=event, capacity=5), EventDayFactory(event=event, capacity=5)
    first = sign_up(event, org, "a@rk.dk", [d1, d2])
    second = sign_up(event, org, "b@rk.dk", [d1])
    assert status_of(first, d2) == BookingStatus.CONFIRMED
    assert status_of(second, d1) == BookingStatus.WAITING


def test_the_confirmation_email_carries_the_private_link(
    event, org, django_capture_on_commit_callbacks
):
    day = EventDayFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(event, org, "Anne@RK.dk", [day])
    assert registration.email == "anne@rk.dk"
    assert mail.outbox[0].to == ["anne@rk.dk"]
    assert registration.token in mail.outbox[0].body
    assert "Tak for din tilmelding" in mail.outbox[0].body
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


def test_a_second_signup_with_the_same_email_is_refused_and_resends_the_link(
    event, org, django_capture_on_commit_callbacks
):
    day = EventDayFactory(event=event)
    first = sign_up(event, org, "anne@rk.dk", [day])
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.AlreadyRegistered) as caught,
    ):
        sign_up(event, org, "ANNE@rk.dk", [day])
    assert caught.value.registration == first
    assert Registration.objects.count() == 1
    assert first.token in mail.outbox[0].body


@pytest.mark.parametrize(
    "problem",
    ["closed_window", "unknown_organisation", "day_of_another_event", "no_days"],
)
def test_bad_input_saves_nothing(event, org, problem):
    day = EventDayFactory(event=event)
    kwargs = {"organisation": org, "days": [day]}
    if problem == "closed_window":
        event.registration_closes = timezone.now() - timedelta(minutes=1)
        event.registration_opens = timezone.now() - timedelta(days=1)
        event.save()
    elif problem == "unknown_organisation":
        kwargs["organisation"] = OrganisationFactory(name="Fremmed forening")
    elif problem == "day_of_another_event":
        kwargs["days"] = [EventDayFactory()]
    else:
        kwargs["days"] = []
    with pytest.raises(ValidationError):
        services.registration_create(event=event, name="Eva", email="eva@rk.dk", **kwargs)
    assert not Registration.objects.filter(event=event).exists()
    assert not DayBooking.objects.filter(day=day).exists()


@pytest.fixture
def pupil_setup(event, school_a, class_a, staff_a):
    ConsentTextFactory(event=event, version=1)
    consent = ConsentTextFactory(event=event, version=2, text="Ny tekst")
    return {
        "day": EventDayFactory(event=event, capacity=1),
        "school": school_a,
        "class_": class_a,
        "by": staff_a,
        "consent": consent,
    }


def sign_up_pupil(event, s, name, **extra):
    return services.registration_create(
        event=event,
        kind=ParticipantKind.PUPIL,
        name=name,
        school=s["school"],
        school_class=s["class_"],
        days=[s["day"]],
        created_by=s["by"],
        accompanying_adult="Mads Lærer",
        **extra,
    )


def test_a_pupil_holds_no_place_until_a_guardian_has_consented(event, pupil_setup):
    s = pupil_setup
    pupil = sign_up_pupil(event, s, "Ida")
    assert status_of(pupil, s["day"]) == BookingStatus.AWAITING_CONSENT
    services.registration_record_consent(
        registration=pupil, guardian_name="Mor Hansen", given_at=timezone.now()
    )
    pupil.refresh_from_db()
    assert status_of(pupil, s["day"]) == BookingStatus.CONFIRMED
    assert pupil.consent_text == s["consent"]  # the current (newest) version


def test_a_pupil_with_consent_given_at_sign_up_is_confirmed_at_once(event, pupil_setup):
    s = pupil_setup
    pupil = sign_up_pupil(event, s, "Ida", guardian_name="Far", consent_given_at=timezone.now())
    assert status_of(pupil, s["day"]) == BookingStatus.CONFIRMED


def test_consent_without_a_guardian_name_is_refused(event, pupil_setup):
    pupil = sign_up_pupil(event, pupil_setup, "Ida")
    with pytest.raises(ValidationError):
        services.registration_record_consent(
            registration=pupil, guardian_name=" ", given_at=timezone.now()
        )
    assert status_of(pupil, pupil_setup["day"]) == BookingStatus.AWAITING_CONSENT


def test_a_pupil_is_signed_up_once_per_event_school_class_and_first_name(event, pupil_setup):
    sign_up_pupil(event, pupil_setup, "Ida")
    with pytest.raises(ValidationError):
        sign_up_pupil(event, pupil_setup, "Ida")
    assert Registration.objects.filter(kind=ParticipantKind.PUPIL).count() == 1


def test_pupils_have_no_email(event, pupil_setup):
    with pytest.raises(ValidationError):
        sign_up_pupil(event, pupil_setup, "Ida", email="ida@skole.dk")


def test_only_confirmed_participants_can_check_in(event, org):
    day = EventDayFactory(event=event, capacity=1)
    sign_up(event, org, "a@rk.dk", [day])
    waiting = sign_up(event, org, "b@rk.dk", [day])
    with pytest.raises(ValidationError):
        services.booking_check_in(booking=waiting.bookings.get())


def test_tokens_are_long_unguessable_and_unique(event, org):
    day = EventDayFactory(event=event)
    tokens = {sign_up(event, org, f"p{i}@rk.dk", [day]).token for i in range(20)}
    assert len(tokens) == 20
    assert all(len(t) >= 40 for t in tokens)
