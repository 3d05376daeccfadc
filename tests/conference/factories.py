"""Factories for the conference: an open event with its days; registrations through the service
where capacity matters (tests then prove the service, not the factory)."""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from conference import services
from conference.models import ConsentText, Event, EventDay, EventKind
from tests.factories import OrganisationFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = EventKind.CONFERENCE
    title = factory.Sequence(lambda n: f"Konference {n}")
    slug = factory.Sequence(lambda n: f"konference-{n}")
    place = "Rødovre Rådhus"
    registration_opens = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    registration_closes = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    contact_email = "konference@rk.dk"

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create:
            self.organisations.set(extracted if extracted is not None else [OrganisationFactory()])


class EventDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventDay

    event = factory.SubFactory(EventFactory)
    date = factory.Sequence(lambda n: date(2024, 3, 4) + timedelta(days=n))
    start = time(9, 0)
    end = time(15, 30)
    capacity = 10


class ConsentTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentText

    event = factory.SubFactory(EventFactory)
    version = 1
    text = "Jeg giver samtykke til at mit barn deltager i konferencen."


def aware(y, m, d, hh=12) -> datetime:
    return timezone.make_aware(datetime(y, m, d, hh))


def sign_up(event, org, day, name, **extra):
    """A person from ``org`` signs up for ``day`` through the service (e-mail from the first
    name)."""
    return services.registration_create(
        event=event,
        name=name,
        email=f"{name.split()[0].lower()}@rk.dk",
        organisation=org,
        days=[day],
        **extra,
    )


def close_registration(event, *, not_yet=False):
    """Moves the event's sign-up window into the past (closed) or the future (not open yet)."""
    now = timezone.now()
    if not_yet:
        event.registration_opens = now + timedelta(days=3)
        event.registration_closes = now + timedelta(days=9)
    else:
        event.registration_opens = now - timedelta(days=9)
        event.registration_closes = now - timedelta(days=1)
    event.save()
