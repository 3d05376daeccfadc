"""No dead ends: the booking form offers only classes without a talk and says so up front when
none is left; a talk in the future cannot be «held» yet; staff learn when feedback opens."""

import datetime as dt

import pytest
from django.urls import reverse

from initiatives.headspace.models import TalkStatus
from tests.headspace.factories import TalkFactory, at

pytestmark = pytest.mark.django_db


def test_the_booking_form_offers_only_classes_without_a_talk(
    client_for, leader_a, target, class_8a, class_8b
):
    TalkFactory(school_class=class_8a)
    response = client_for(leader_a).get(reverse("headspace:talk_create"))
    choices = list(response.context["form"].fields["school_class"].queryset)
    assert choices == [class_8b]


def test_a_school_whose_classes_all_have_a_talk_is_told_so_up_front(
    client_for, leader_a, target, class_8a, class_8b
):
    TalkFactory(school_class=class_8a)
    TalkFactory(school_class=class_8b, status=TalkStatus.HELD)
    page = client_for(leader_a).get(reverse("headspace:talk_create")).content.decode()
    assert "Alle klasser på 8. årgang har et oplæg." in page
    assert 'name="school_class"' not in page


def test_a_cancelled_talk_frees_the_class_again(client_for, leader_a, target, class_8a):
    TalkFactory(school_class=class_8a, status=TalkStatus.CANCELLED)
    response = client_for(leader_a).get(reverse("headspace:talk_create"))
    assert list(response.context["form"].fields["school_class"].queryset) == [class_8a]


def test_a_future_talk_is_not_offered_as_held(client_for, leader_a, target, class_8a, frozen_at):
    frozen_at(dt.date(2024, 1, 15))
    talk = TalkFactory(school_class=class_8a, starts_at=at(12, 9), ends_at=at(12, 10))
    page = client_for(leader_a).get(talk.get_absolute_url()).content.decode()
    assert "Markér som afholdt" not in page
    assert "Aflys oplægget" in page
    assert "når det er begyndt" in page

    frozen_at(dt.date(2024, 2, 13))
    page = client_for(leader_a).get(talk.get_absolute_url()).content.decode()
    assert "Markér som afholdt" in page


def test_staff_are_told_feedback_opens_when_the_talk_is_held(client_for, staff_a, target, class_8a):
    talk = TalkFactory(school_class=class_8a)
    page = client_for(staff_a).get(talk.get_absolute_url()).content.decode()
    assert "når det er afholdt" in page
    assert "Gem feedback" not in page
