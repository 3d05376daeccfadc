"""An activity is something that happened (or is planned) at a time: «Gem aktivitet» on an
untouched form saves nothing and says what is missing, and the offline outbox's sync API applies
the same rule (the model's ``clean``) with a 400 naming the fields."""

import json
import uuid

from django.urls import reverse

from consultants.models import Activity
from tests.consultants.factories import ActivityFactory
from tests.html_forms import form_data

SYNC = "/konsulenter/sync/"


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
    body = {
        "uuid": str(uuid.uuid4()),
        "school": school_a.pk,
        "date": "2023-06-08",
        "kind": "observation",
        "status": "planned",
        "duration_minutes": 45,
    }
    client = client_for(consultant)
    response = client.post(SYNC, data=json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"start_time"}
    body["start_time"] = "09:00"
    created = client.post(SYNC, data=json.dumps(body), content_type="application/json")
    assert created.status_code == 201


def test_the_sync_api_refuses_an_empty_entry_with_a_message_naming_the_fields(
    client_for, consultant, school_a, pinned
):
    body = {
        "uuid": str(uuid.uuid4()),
        "school": school_a.pk,
        "date": "2023-05-30",
        "kind": "observation",
        "status": "held",
        "duration_minutes": 45,
    }
    response = client_for(consultant).post(
        SYNC, data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    answer = response.json()
    assert answer["status"] == "invalid" and answer["uuid"] == body["uuid"]
    assert answer["errors"]["start_time"] == ["Angiv klokkeslættet for aktiviteten."]
    assert answer["errors"]["observation"] == ["Skriv hvad du så eller gjorde."]
    assert "Klokken: Angiv klokkeslættet for aktiviteten." in answer["message"]
    assert "Hvad blev set: Skriv hvad du så eller gjorde." in answer["message"]
    assert Activity.objects.count() == 0
