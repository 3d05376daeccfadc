"""The offline outbox's endpoint: idempotent on the browser's UUID, JSON answers only."""

import json
import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from consultants import services
from consultants.models import Activity, FollowUp
from tests.conftest import login

SYNC = "/konsulenter/sync/"


def payload(school, klass=None, **extra):
    body = {
        "uuid": str(uuid.uuid4()),
        "school": school.pk,
        "school_class": klass.pk if klass else None,
        "date": "2023-05-30",
        "start_time": "09:00",
        "duration_minutes": 45,
        "kind": "observation",
        "status": "held",
        "participants": ["klasseteam", "skolefysioterapeut"],
        "observation": "Drengene har svært ved at sidde stille længe ad gangen.",
        "tags": [],
        "shared_with_leadership": True,
        "follow_ups": [{"what": "Bevægelsesbånd", "who": "Klasseteamet", "due": "2023-06-20"}],
    }
    body.update(extra)
    return body


def post(client, body, **headers):
    return client.post(SYNC, data=json.dumps(body), content_type="application/json", **headers)


def test_the_sync_url_is_konsulenter_sync():
    assert reverse("consultants:sync") == SYNC


def test_a_consultant_syncs_an_entry_and_gets_an_acknowledgement_with_its_uuid(
    client_for, consultant, school_a, class_a_spring, tag_uro, pinned
):
    body = payload(school_a, class_a_spring, tags=[tag_uro.pk])
    response = post(client_for(consultant), body)
    assert response.status_code == 201
    assert response.json()["uuid"] == body["uuid"]
    assert response.json()["status"] == "created"
    activity = Activity.objects.get(client_uuid=body["uuid"])
    assert activity.consultant == consultant
    assert activity.school_class == class_a_spring
    assert list(activity.tags.all()) == [tag_uro]
    assert activity.participants == ["klasseteam", "skolefysioterapeut"]
    assert FollowUp.objects.get(activity=activity).who == "Klasseteamet"


def test_the_same_entry_sent_twice_is_a_duplicate_and_makes_no_second_record(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    assert post(client, body).status_code == 201
    again = post(client, body)
    assert again.status_code == 200
    assert again.json() == {
        "uuid": body["uuid"],
        "status": "duplicate",
        "id": Activity.objects.get().pk,
        "url": Activity.objects.get().get_absolute_url(),
    }
    assert Activity.objects.count() == 1
    assert FollowUp.objects.count() == 1


def test_the_same_content_written_differently_is_still_a_duplicate(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    assert post(client, body).status_code == 201
    body.update(start_time="09:00:00", participants=["skolefysioterapeut", "klasseteam"])
    assert post(client, body).json()["status"] == "duplicate"
    assert Activity.objects.count() == 1


def test_the_same_uuid_with_other_content_is_a_conflict_with_a_danish_message(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    post(client, body)
    response = post(client, {**body, "observation": "Noget helt andet."})
    assert response.status_code == 409
    assert response.json()["uuid"] == body["uuid"]
    assert response.json()["status"] == "conflict"
    assert "findes allerede" in response.json()["message"]
    assert Activity.objects.get().observation.startswith("Drengene")


def test_another_consultant_reusing_a_uuid_gets_a_conflict_not_the_record(
    client_for, consultant, school_a, pinned
):
    from tests.consultants.factories import ConsultantFactory

    body = payload(school_a)
    post(client_for(consultant), body)
    response = post(client_for(ConsultantFactory()), body)
    assert response.status_code == 409
    assert "id" not in response.json()


def test_an_expired_session_gets_json_401_never_a_redirect(client, school_a):
    response = post(client, payload(school_a))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "login"
    assert "Log ind igen" in response.json()["message"]
    assert Activity.objects.count() == 0


@pytest.mark.parametrize("actor", ["leader_a", "staff_a", "coordinator", "conference_admin"])
def test_only_consultants_may_sync(request, client_for, actor, school_a, pinned):
    response = post(client_for(request.getfixturevalue(actor)), payload(school_a))
    assert response.status_code == 403
    assert response.json()["status"] == "forbidden"
    assert Activity.objects.count() == 0


def test_sync_needs_the_csrf_token_in_a_header(consultant, school_a, pinned):
    from django.test import Client

    client = login(Client(enforce_csrf_checks=True), consultant)
    client.get(reverse("consultants:activity_create"))
    token = client.cookies["csrftoken"].value
    assert post(client, payload(school_a)).status_code == 403
    assert post(client, payload(school_a), HTTP_X_CSRFTOKEN=token).status_code == 201


def test_a_class_of_another_school_is_refused_with_a_danish_message(
    client_for, consultant, school_a, class_b_spring, pinned
):
    response = post(client_for(consultant), payload(school_a, class_b_spring))
    assert response.status_code == 400
    assert response.json()["errors"]["school_class"] == ["Klassen hører ikke til den valgte skole."]
    assert Activity.objects.count() == 0


def test_a_held_activity_dated_in_the_future_is_refused(client_for, consultant, school_a, pinned):
    response = post(client_for(consultant), payload(school_a, date="2023-06-02"))
    assert response.status_code == 400
    assert "fremtiden" in response.json()["errors"]["date"][0]
    planned = post(client_for(consultant), payload(school_a, date="2023-06-02", status="planned"))
    assert planned.status_code == 201


def test_a_cpr_number_in_the_observation_is_refused(client_for, consultant, school_a, pinned):
    response = post(
        client_for(consultant), payload(school_a, observation="Eleven 010203-1234 var urolig.")
    )
    assert response.status_code == 400
    assert "CPR-nummer" in response.json()["errors"]["observation"][0]
    assert Activity.objects.count() == 0


def test_a_cpr_number_in_a_follow_up_is_refused(client_for, consultant, school_a, pinned):
    body = payload(school_a, follow_ups=[{"what": "Ring om 0102031234", "who": "", "due": None}])
    response = post(client_for(consultant), body)
    assert response.status_code == 400
    assert "CPR-nummer" in response.json()["errors"]["follow_ups.0.what"][0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"ikke json", "ugyldig JSON"),
        (b"[1, 2]", "ugyldig JSON"),
        (b'{"uuid": "nej"}', "gyldigt id"),
    ],
)
def test_unreadable_entries_are_400_with_a_danish_message(client_for, consultant, body, expected):
    response = client_for(consultant).post(SYNC, data=body, content_type="application/json")
    assert response.status_code == 400
    assert expected in response.json()["message"]


def test_missing_and_unknown_values_are_400_per_field(client_for, consultant, school_a, pinned):
    body = payload(school_a, kind="dans", participants=["naboen"], tags=[999999])
    body["school"] = None
    response = post(client_for(consultant), body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["school"] == ["Vælg en skole."]
    assert {"kind", "participants", "tags"} <= set(errors)


def test_sync_refuses_get(client_for, consultant):
    assert client_for(consultant).get(SYNC).status_code == 405


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_one_uuid_make_one_record(
    consultant, school_a, monkeypatch, pinned
):
    """Both requests look the UUID up, find nothing, and insert at once: the unique constraint
    lets one win; the other answers «duplicate» from the winner's row."""
    from django.test import Client

    barrier = threading.Barrier(2, timeout=10)
    monkeypatch.setattr(services, "checkpoint", lambda name: barrier.wait())
    body = payload(school_a)
    results = []

    def send():
        try:
            client = login(Client(), consultant)
            response = post(client, body)
            results.append((response.status_code, response.json()["status"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == [(200, "duplicate"), (201, "created")]
    assert Activity.objects.filter(client_uuid=body["uuid"]).count() == 1
    assert FollowUp.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_one_uuid_with_different_content_make_one_record_and_a_conflict(
    consultant, school_a, monkeypatch, pinned
):
    from django.test import Client

    barrier = threading.Barrier(2, timeout=10)
    monkeypatch.setattr(services, "checkpoint", lambda name: barrier.wait())
    body = payload(school_a)
    bodies = [body, {**body, "observation": "Andet indhold."}]
    results = []

    def send(b):
        try:
            results.append(post(login(Client(), consultant), b).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == [201, 409]
    assert Activity.objects.count() == 1
