"""The offline outbox's endpoint: idempotent on the browser's UUID, JSON answers only."""

import json
import threading
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultants import services
from consultants.models import Activity, FollowUp
from tests.conftest import login
from trivsel.schools import locking

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
        "version": 1,
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
    assert "id" not in response.json() and response.json()["version"] is None
    updating = post(client_for(ConsultantFactory()), {**body, "observation": "x", "version": 1})
    assert updating.status_code == 409 and updating.json()["version"] is None
    assert Activity.objects.get().observation.startswith("Drengene")


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


def meet(barrier, name):
    """Both requests wait for each other after looking the UUID up, just before the insert."""
    if name == "activity_record.before_insert":
        barrier.wait()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_one_uuid_make_one_record(
    consultant, school_a, monkeypatch, pinned
):
    """Both requests look the UUID up, find nothing, and insert at once: the unique constraint
    lets one win; the other answers «duplicate» from the winner's row."""
    from django.test import Client

    barrier = threading.Barrier(2, timeout=10)
    monkeypatch.setattr(locking, "before_write", lambda name: meet(barrier, name))
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


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_posts_of_one_uuid_with_different_content_make_one_record_and_a_conflict(
    consultant, school_a, monkeypatch, pinned
):
    from django.test import Client

    barrier = threading.Barrier(2, timeout=10)
    monkeypatch.setattr(locking, "before_write", lambda name: meet(barrier, name))
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


# --- the sync's cost, and the paths it takes to get there -----------------------------------------
def sync_queries(client, body):
    with CaptureQueriesContext(connection) as ctx:
        response = post(client, body)
    return response, [q["sql"] for q in ctx.captured_queries]


def test_a_new_entry_costs_a_fixed_handful_of_queries(client_for, consultant, school_a, pinned):
    client = client_for(consultant)
    response, queries = sync_queries(client, payload(school_a, follow_ups=[]))
    assert response.status_code == 201
    # session, user; the school (one targeted get); the UUID (unknown); then one transaction
    # (here a savepoint and its release, inside the test's own): the activity and its history
    # row. No second check that the school exists, no «SELECT 1» for the duration's check
    # constraint, no query for tags there are none of.
    assert len(queries) == 8, "\n".join(queries)
    assert sum(q.startswith("INSERT") for q in queries) == 2


def test_a_new_entry_with_class_tags_and_a_follow_up_adds_one_query_for_each(
    client_for, consultant, school_a, class_a_spring, tag_uro, tag_movement, pinned
):
    client = client_for(consultant)
    body = payload(school_a, class_a_spring, tags=[tag_uro.pk, tag_movement.pk])
    response, queries = sync_queries(client, body)
    assert response.status_code == 201, response.content.decode()
    # + the class, + the tags (one query for both), + their links, + the follow-up
    assert len(queries) == 12, "\n".join(queries)
    activity = Activity.objects.get(client_uuid=body["uuid"])
    assert set(activity.tags.all()) == {tag_uro, tag_movement}
    assert activity.follow_ups.count() == 1


def test_a_duplicate_is_answered_from_one_lookup_without_a_transaction(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    assert post(client, body).status_code == 201
    response, queries = sync_queries(client, body)
    assert response.status_code == 200
    assert response.json()["status"] == "duplicate"
    # session, user, the school, the UUID: nothing written, no savepoint
    assert len(queries) == 4, "\n".join(queries)
    assert not any(q.startswith(("INSERT", "UPDATE", "SAVEPOINT")) for q in queries)


def test_a_new_entry_writes_one_history_row_by_the_consultant_and_a_duplicate_none(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    post(client, body)
    post(client, body)
    history = Activity.history.filter(client_uuid=body["uuid"])
    assert history.count() == 1
    assert history.get().history_type == "+"
    assert history.get().history_user == consultant


def test_a_known_uuid_with_other_content_writes_nothing(client_for, consultant, school_a, pinned):
    client = client_for(consultant)
    body = payload(school_a)
    post(client, body)
    response, queries = sync_queries(client, {**body, "duration_minutes": 60, "follow_ups": []})
    assert response.status_code == 409
    assert "findes allerede" in response.json()["message"]
    assert not any(q.startswith(("INSERT", "UPDATE", "DELETE")) for q in queries)
    assert Activity.objects.get().duration_minutes == 45
    assert Activity.history.count() == 1
    assert FollowUp.objects.count() == 1


def test_a_known_uuid_with_invalid_content_is_still_invalid_not_a_duplicate(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    post(client, body)
    response = post(client, {**body, "observation": "Ring til 010203-1234."})
    assert response.status_code == 400
    assert "CPR-nummer" in response.json()["errors"]["observation"][0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("school", 999999, "Ukendt skole."),
        ("school_class", 999999, "Ukendt klasse."),
        ("tags", [999999], "Ukendt udfordring."),
    ],
)
def test_unknown_school_class_or_tag_ids_are_400_with_a_danish_message(
    client_for, consultant, school_a, field, value, message, pinned
):
    response = post(client_for(consultant), {**payload(school_a), field: value})
    assert response.status_code == 400
    assert response.json()["errors"][field] == [message]
    assert Activity.objects.count() == 0


def test_a_retired_tag_is_refused_like_an_unknown_one(client_for, consultant, school_a, pinned):
    from tests.consultants.factories import ChallengeTagFactory

    retired = ChallengeTagFactory(name="gammel", is_active=False)
    response = post(client_for(consultant), payload(school_a, tags=[retired.pk]))
    assert response.status_code == 400
    assert response.json()["errors"]["tags"] == ["Ukendt udfordring."]


def test_a_duration_out_of_range_is_refused_by_the_field_before_the_database(
    client_for, consultant, school_a, pinned
):
    response = post(client_for(consultant), payload(school_a, duration_minutes=601))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["duration_minutes"]
    assert Activity.objects.count() == 0


def test_the_database_still_holds_the_duration_constraint(school_a, consultant):
    from django.db import IntegrityError, transaction

    from tests.consultants.factories import ActivityFactory

    activity = ActivityFactory(school=school_a, consultant=consultant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(duration_minutes=601)


def test_a_lost_race_for_the_uuid_is_answered_from_the_winners_row(
    consultant, school_a, monkeypatch, pinned
):
    """The lookup found nothing, but another request inserted the UUID before this one did:
    the unique constraint fails the insert, the write rolls back whole, and the winner's row
    answers (without threads: the lookup is made to miss once)."""
    from django.test import Client

    from consultants.forms import ActivityForm

    body = payload(school_a)
    assert post(login(Client(), consultant), body).status_code == 201
    real_existing = services._existing
    calls = []

    def miss_once(client_uuid):
        calls.append(client_uuid)
        return None if len(calls) == 1 else real_existing(client_uuid)

    monkeypatch.setattr(services, "_existing", miss_once)
    form = ActivityForm(data={**body, "client_uuid": body["uuid"], "follow_ups": None})
    form.instance.consultant = consultant
    assert form.is_valid(), form.errors
    follow_ups = [{"what": "Bevægelsesbånd", "who": "Klasseteamet", "due": date(2023, 6, 20)}]
    result = services.activity_record(
        consultant=consultant,
        client_uuid=uuid.UUID(body["uuid"]),
        fields=form.model_fields(),
        tags=[],
        follow_ups=follow_ups,
    )
    assert len(calls) == 2
    assert result.created is False
    assert result.activity == Activity.objects.get()
    assert Activity.history.count() == 1
    assert FollowUp.objects.count() == 1


def test_the_service_still_refuses_a_non_consultant_without_asking_the_database_again(
    coordinator, school_a, pinned
):
    """The consultant is handed over as a loaded row, so its foreign key is not re-queried; the
    role rule holds all the same (Activity.clean)."""
    from django.core.exceptions import ValidationError

    fields = {
        "school": school_a,
        "school_class": None,
        "date": date(2023, 5, 30),
        "start_time": None,
        "duration_minutes": 45,
        "kind": "observation",
        "status": "held",
        "participants": [],
        "observation": "",
        "shared_with_leadership": False,
    }
    with pytest.raises(ValidationError) as refused:
        services.activity_record(consultant=coordinator, client_uuid=uuid.uuid4(), fields=fields)
    assert "consultant" in refused.value.message_dict
    assert Activity.objects.count() == 0


# --- updates: an entry that carries the version it was edited from -----------------------------
def test_an_update_from_the_servers_version_changes_the_activity(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    created = post(client, body).json()
    assert created["version"] == 1

    edited = {**body, "observation": "Uroen aftog efter pausen.", "version": 1}
    response = post(client, edited)

    assert response.status_code == 200
    assert response.json()["status"] == "updated" and response.json()["version"] == 2
    activity = Activity.objects.get()
    assert (activity.observation, activity.lock_version) == ("Uroen aftog efter pausen.", 2)
    assert post(client, edited).json()["status"] == "duplicate"  # sent again: nothing more


def test_two_tablets_update_one_activity_and_the_second_gets_409_with_the_servers_version(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    post(client, body)
    first = {**body, "observation": "Fra den første tablet.", "version": 1}
    second = {**body, "duration_minutes": 90, "version": 1}

    assert post(client, first).json()["status"] == "updated"
    refused = post(client, second)

    assert refused.status_code == 409
    answer = refused.json()
    assert answer["status"] == "conflict" and answer["uuid"] == body["uuid"]
    assert answer["version"] == 2
    assert "Aktiviteten er ændret af en anden" in answer["message"]
    activity = Activity.objects.get()
    assert (activity.observation, activity.duration_minutes) == ("Fra den første tablet.", 45)


def test_an_update_after_an_edit_in_the_browser_gets_409(client_for, consultant, school_a, pinned):
    client = client_for(consultant)
    body = payload(school_a)
    post(client, body)
    activity = Activity.objects.get()
    activity.observation = "Rettet i browseren."
    activity.save()  # the edit page saves through the model as well

    refused = post(client, {**body, "observation": "Fra tabletten.", "version": 1})

    assert refused.status_code == 409 and refused.json()["version"] == 2
    assert Activity.objects.get().observation == "Rettet i browseren."


def test_other_content_without_a_version_is_still_a_conflict_and_says_the_version(
    client_for, consultant, school_a, pinned
):
    client = client_for(consultant)
    body = payload(school_a)
    post(client, body)
    refused = post(client, {**body, "observation": "Noget andet."})
    assert refused.status_code == 409 and refused.json()["version"] == 1


@pytest.mark.parametrize("version", ["1", 1.5, True, 0, -2, [1], {"v": 1}])
def test_a_version_that_is_no_positive_whole_number_is_400_naming_it(
    client_for, consultant, school_a, pinned, version
):
    response = post(client_for(consultant), payload(school_a, version=version))
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["version"]
    assert not Activity.objects.exists()


# --- the entry's shape: one declared schema, strict types, JSON answers only --------------------
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": 20230530}, "date"),
        ({"date": ["2023-05-30"]}, "date"),
        ({"date": {"day": 30}}, "date"),
        ({"start_time": 900}, "start_time"),
        ({"start_time": True}, "start_time"),
        ({"follow_ups": [{"what": "Ring", "who": "", "due": 20230620}]}, "follow_ups.0.due"),
        ({"follow_ups": [{"what": "Ring", "who": "", "due": ["2023-06-20"]}]}, "follow_ups.0.due"),
        ({"shared_with_leadership": "maybe"}, "shared_with_leadership"),
        ({"observation": {"tekst": "uro"}}, "observation"),
        ({"duration_minutes": "45"}, "duration_minutes"),
        ({"school": "nej"}, "school"),
        ({"tags": ["1"]}, "tags.0"),
        ({"participants": "klasseteam"}, "participants"),
        ({"follow_ups": {"what": "Ring"}}, "follow_ups"),
        ({"follow_ups": [{"what": "Ring"}] * 11}, "follow_ups"),
        ({"school": 2**64}, "school"),
    ],
)
def test_a_value_of_the_wrong_type_is_400_json_naming_the_field_and_saves_nothing(
    client_for, consultant, school_a, pinned, change, field
):
    response = post(client_for(consultant), {**payload(school_a), **change})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()["errors"], response.json()
    assert Activity.objects.count() == 0


def test_an_unknown_field_is_400_json_naming_it(client_for, consultant, school_a, pinned):
    response = post(client_for(consultant), payload(school_a, colour="rød"))
    assert response.status_code == 400
    assert response.json()["errors"] == {"colour": ["Ukendt felt."]}
    assert Activity.objects.count() == 0


def test_an_empty_date_from_the_form_gets_the_forms_own_message(
    client_for, consultant, school_a, pinned
):
    response = post(client_for(consultant), payload(school_a, date=""))
    assert response.status_code == 400
    assert response.json()["errors"]["date"] == ["Angiv en dato."]


def test_a_body_over_the_limit_is_413_json_before_it_is_read(client_for, consultant, school_a):
    body = payload(school_a, observation="x" * 3_000_000)
    response = post(client_for(consultant), body)
    assert response.status_code == 413
    assert response.json()["status"] == "too_large"
    assert "for stort" in response.json()["message"]
    assert Activity.objects.count() == 0
