"""A talk's buttons pressed twice, or on a talk that is not in the state the button is for: the
talk's page with a Danish message, never a bare 400."""

import pytest
from django.urls import reverse

from initiatives.headspace.models import TalkStatus
from tests.headspace.factories import TalkFactory, at

pytestmark = pytest.mark.django_db


def test_cancelling_a_talk_twice_says_it_is_cancelled_already(
    client_for, leader_a, target, class_8a
):
    talk = TalkFactory(school_class=class_8a)
    client = client_for(leader_a)
    url = reverse("headspace:talk_status", args=[talk.pk])
    cancelled = client.post(url, {"status": "cancelled", "bekraeftet": "1"}, follow=True)
    assert "er aflyst." in cancelled.content.decode()
    again = client.post(url, {"status": "held"}, follow=True)
    assert again.redirect_chain == [(talk.get_absolute_url(), 302)]
    assert "Oplægget er allerede markeret som aflyst." in again.content.decode()
    talk.refresh_from_db()
    assert talk.status == TalkStatus.CANCELLED


def test_feedback_on_a_talk_not_held_gets_the_page_and_why(client_for, staff_a, target, class_8a):
    talk = TalkFactory(
        school_class=class_8a, starts_at=at(1, 9, month=1), ends_at=at(1, 10, month=1)
    )
    for data in ({"feedback_score": "4"}, {}):  # a valid form, and one the page has no form for
        response = client_for(staff_a).post(
            reverse("headspace:talk_feedback", args=[talk.pk]), data, follow=True
        )
        assert response.redirect_chain == [(talk.get_absolute_url(), 302)]
        assert "Der kan kun gives feedback på et afholdt oplæg." in response.content.decode()
    talk.refresh_from_db()
    assert talk.feedback_score is None
