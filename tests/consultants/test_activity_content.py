"""An activity is something that happened (or is planned) at a time: «Gem aktivitet» on an
untouched form saves nothing and says what is missing, and the offline outbox's sync API applies
the same rule (the model's ``clean``) with a 400 naming the fields."""

from django.urls import reverse

from consultants.models import Activity
from tests.consultants.factories import ActivityFactory
from tests.consultants.test_sync import payload, post
from tests.html_forms import form_data


def test_an_untouched_quick_form_saves_nothing_and_names_what_is_missing(
    client_for, consultant, school_a, pinned
):
    ActivityFactory(consultant=consultant, school=school_a)  # so the form picks a school
    client = client_for(consultant)
    page = client.get(reverse("consultants:activity_create"))
    before = Activity.objects.count()
    response = client.post(reverse("consultants:activity_create"), form_data(page))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["start_time"] == ["Angiv klokkeslættet for aktiviteten."]
    assert errors["observation"] == ["Skriv hvad du så eller gjorde."]
    assert Activity.objects.count() == before
    html = response.content.decode()
    assert (
        "Angiv klokkeslættet for aktiviteten." in html and "Skriv hvad du så eller gjorde." in html
    )


def test_a_planned_activity_needs_a_time_but_nothing_observed_yet(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a, date="2023-06-08", status="planned", start_time=None, observation="")
    response = post(client, body)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"start_time"}
    assert post(client, {**body, "start_time": "09:00"}).status_code == 201


def test_the_sync_api_refuses_an_empty_entry_with_a_message_naming_the_fields(
    client_for, consultant, school_a, pinned
):
    body = payload(school_a, start_time=None, observation="", follow_ups=[])
    response = post(client_for(consultant), body)
    assert response.status_code == 400
    answer = response.json()
    assert answer["status"] == "invalid" and answer["uuid"] == body["uuid"]
    assert answer["errors"]["start_time"] == ["Angiv klokkeslættet for aktiviteten."]
    assert answer["errors"]["observation"] == ["Skriv hvad du så eller gjorde."]
    assert "Klokken: Angiv klokkeslættet for aktiviteten." in answer["message"]
    assert "Hvad blev set: Skriv hvad du så eller gjorde." in answer["message"]
    assert Activity.objects.count() == 0
