"""No dead end on the course page: once the course has ended or every seat is confirmed, the
«Indstil medarbejder» button gives way to a one-line reason, and the form refuses as well."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from initiatives.griefgroups import services
from initiatives.griefgroups.models import Nomination, NominationStatus
from tests.factories import StaffFactory

from .factories import NominationFactory

pytestmark = pytest.mark.django_db

NOMINATE = "Indstil medarbejder"


def test_nominations_are_open_before_the_course(client_for, leader_a, course, frozen_at):
    frozen_at(date(2023, 8, 15))
    page = client_for(leader_a).get(course.get_absolute_url()).content.decode()
    assert NOMINATE in page
    assert "Kurset er afsluttet" not in page


def test_an_ended_course_offers_no_nomination_and_says_why(
    client_for, leader_a, course, school_a, frozen_at
):
    frozen_at(date(2024, 1, 15))  # the course ended 28 November 2023
    client = client_for(leader_a)
    page = client.get(course.get_absolute_url()).content.decode()
    assert f">{NOMINATE}<" not in page
    assert "Kurset er afsluttet, så der kan ikke indstilles flere." in page

    form = client.get(reverse("griefgroups:nomination_create", args=[course.pk]))
    assert form.status_code == 302 and form.url == course.get_absolute_url()
    anna = StaffFactory(school=school_a)
    response = client.post(
        reverse("griefgroups:nomination_create", args=[course.pk]), {"staff": anna.pk}
    )
    assert "Kurset er afsluttet" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_course_with_every_seat_confirmed_offers_no_nomination(
    client_for, leader_a, course, school_a, frozen_at
):
    frozen_at(date(2023, 8, 15))
    course.seats = 1
    course.save()
    NominationFactory(
        course=course, staff=StaffFactory(school=school_a), status=NominationStatus.CONFIRMED
    )
    page = client_for(leader_a).get(course.get_absolute_url()).content.decode()
    assert f">{NOMINATE}<" not in page
    assert "Alle pladser på kurset er bekræftet" in page
    with pytest.raises(ValidationError):
        services.nomination_create(
            course=course, staff=StaffFactory(school=school_a), nominated_by=leader_a
        )


# --- the grief-group form ----------------------------------------------------------------------
def test_the_group_form_offers_the_schools_own_trained_staff_first(
    client_for, leader_a, school_a, school_b, staff_a_member, course
):
    from .factories import trained

    trained(staff_a_member, course)
    neighbour = StaffFactory(school=school_b, name="Birthe Nabo")
    trained(neighbour, course)
    response = client_for(leader_a).get(reverse("griefgroups:group_create"))
    groups = dict(response.context["form"].fields["leaders"].choices)
    assert list(groups) == ["Skolens egne uddannede ledere", "Uddannede ledere fra andre skoler"]
    assert groups["Skolens egne uddannede ledere"] == [(staff_a_member.pk, staff_a_member.name)]
    assert groups["Uddannede ledere fra andre skoler"] == [
        (neighbour.pk, f"Birthe Nabo ({school_b})")
    ]


@pytest.mark.parametrize(
    ("referred", "waiting", "message"),
    [
        (9, 1, "Der er henvist 9 elever til 6 pladser, så mindst 3 må stå på venteliste"),
        (4, 5, "Der kan ikke stå flere på venteliste (5) end der er henvist (4)."),
    ],
)
def test_inconsistent_counts_of_a_group_get_a_danish_message(
    client_for, leader_a, school_a, staff_a_member, course, referred, waiting, message
):
    from .factories import trained
    from .test_views import group_post

    trained(staff_a_member, course)
    response = client_for(leader_a).post(
        reverse("griefgroups:group_create"),
        group_post(school_a, [staff_a_member], referred_count=referred, waiting_count=waiting),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    from initiatives.griefgroups.models import GriefGroup

    assert not GriefGroup.objects.exists()
