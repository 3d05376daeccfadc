"""A talk is booked inside its class's school year, and cancelling asks first (a page, no
JavaScript needed) and then says which talk was cancelled."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.headspace import services
from initiatives.headspace.models import Talk, TalkStatus
from tests.headspace.factories import TalkFactory, at

pytestmark = pytest.mark.django_db


def book(client, school_class, day: str):
    return client.post(
        reverse("headspace:talk_create"),
        {
            "school_class": school_class.pk,
            "day": day,
            "start": "09:00",
            "end": "10:00",
            "counsellors": "Sara Holm",
        },
    )


def test_the_form_refuses_a_date_in_the_previous_school_year(
    client_for, leader_a, target, class_8a
):
    response = book(client_for(leader_a), class_8a, "2023-06-01")
    assert response.status_code == 200
    assert response.context["form"].errors["day"] == [
        "8.A hører til skoleåret 2023/24 (1. august 2023–31. juli 2024). Vælg en dato i det skoleår."
    ]
    assert not Talk.objects.exists()
    assert book(client_for(leader_a), class_8a, "2024-06-01").status_code == 302


def test_the_service_refuses_a_date_outside_the_school_year(leader_a, target, class_8a):
    with pytest.raises(ValidationError) as refused:
        services.talk_book(
            by=leader_a,
            school_class=class_8a,
            starts_at=at(1, 9, month=6).replace(year=2023),
            ends_at=at(1, 10, month=6).replace(year=2023),
            counsellors=["Sara Holm"],
        )
    assert "skoleåret 2023/24" in refused.value.message_dict["starts_at"][0]


def test_cancelling_asks_first_and_then_says_which_talk_was_cancelled(
    client_for, leader_a, target, class_8a
):
    talk = TalkFactory(school_class=class_8a, starts_at=at(5, 10), ends_at=at(5, 11))
    client = client_for(leader_a)
    url = reverse("headspace:talk_status", args=[talk.pk])
    asked = client.post(url, {"status": "cancelled"})
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Aflys oplægget for 8.A den 5. februar 2024 kl. 10:00?" in page
    assert 'name="bekraeftet" value="1"' in page and 'name="status" value="cancelled"' in page
    assert talk.get_absolute_url() in page  # «Nej, tilbage»
    talk.refresh_from_db()
    assert talk.status == TalkStatus.BOOKED
    done = client.post(url, {"status": "cancelled", "bekraeftet": "1"}, follow=True)
    assert "Oplægget for 8.A den 5. februar 2024 kl. 10:00 er aflyst." in done.content.decode()
    talk.refresh_from_db()
    assert talk.status == TalkStatus.CANCELLED
