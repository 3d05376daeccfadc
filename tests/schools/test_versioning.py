"""Two people open the same form and both save: the second save is refused with a Danish message
that says what the first changed (free text only by name), their input stays on the page, and
nothing of theirs is written (``trivsel/schools/versioning.py``)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.conftest import login
from tests.factories import PartnerFactory
from tests.html_forms import form_data
from trivsel.schools import locking
from trivsel.schools.models import Partner, Role, SchoolClass

CONFLICT = "Nogen har gemt ændringer, mens du redigerede"


def test_the_second_of_two_saves_is_refused_and_the_database_keeps_the_first(
    client_for, coordinator, superuser, class_a
):
    url = reverse("schools:class_update", args=[class_a.pk])
    first, second = client_for(coordinator), client_for(superuser)
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    mine["pupil_count"] = ["24"]
    theirs["letter"] = ["X"]

    assert first.post(url, mine).status_code == 302
    refused = second.post(url, theirs)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert escape(CONFLICT) in page
    assert escape("Antal elever: «22» → «24»") in page
    assert 'value="X"' in page  # their input is still on the form
    class_a.refresh_from_db()
    assert (class_a.pupil_count, class_a.letter) == (24, "A")


def test_after_the_refusal_saving_again_is_a_deliberate_choice(
    client_for, coordinator, superuser, class_a
):
    url = reverse("schools:class_update", args=[class_a.pk])
    first, second = client_for(coordinator), client_for(superuser)
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    mine["pupil_count"] = ["24"]
    theirs["letter"] = ["X"]
    first.post(url, mine)
    refused = second.post(url, theirs)

    again = form_data(refused)  # the page as it came back, their count taken over
    again["pupil_count"] = ["24"]
    assert second.post(url, again).status_code == 302
    class_a.refresh_from_db()
    assert (class_a.pupil_count, class_a.letter) == (24, "X")


def test_free_text_someone_else_wrote_is_named_never_shown(client_for, coordinator, superuser):
    partner = PartnerFactory(name="Bloom Institute")
    url = reverse("schools:partner_update", args=[partner.pk])
    first, second = client_for(coordinator), client_for(superuser)
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    mine["description"] = ["Notat om en bestemt elevs forløb"]
    theirs["website"] = ["https://bloom.example"]

    assert first.post(url, mine).status_code == 302
    page = second.post(url, theirs).content.decode()

    assert escape("Beskrivelse (ændret)") in page
    assert "Notat om en bestemt elevs forløb" not in page
    assert Partner.objects.get(pk=partner.pk).website == ""


def test_a_save_without_the_version_is_refused_too(client_for, coordinator, class_a):
    url = reverse("schools:class_update", args=[class_a.pk])
    client = client_for(coordinator)
    data = form_data(client.get(url))
    data.pop("lock_version", None)
    data["pupil_count"] = ["30"]

    response = client.post(url, data)

    assert response.status_code == 200 and escape(CONFLICT) in response.content.decode()
    class_a.refresh_from_db()
    assert class_a.pupil_count == 22


def test_a_refusal_by_the_service_leaves_the_version_as_it_was(client_for, coordinator, superuser):
    """The version is claimed before the service runs; when the service refuses, the claim is
    rolled back with it, so the same form saves once corrected."""
    url = reverse("schools:user_update", args=[coordinator.pk])
    client = client_for(superuser)
    data = form_data(client.get(url))
    data["role"] = [Role.CONSULTANT]
    refused = client.post(url, data)
    assert "eneste aktive netværkskoordinator" in refused.content.decode()
    data["role"], data["last_name"] = [Role.COORDINATOR], ["Kristensen"]
    assert client.post(url, data).status_code == 302
    coordinator.refresh_from_db()
    assert (coordinator.role, coordinator.last_name) == (Role.COORDINATOR, "Kristensen")


def test_every_save_raises_the_version_whichever_path_saves(class_a):
    version = class_a.lock_version
    class_a.pupil_count = 25
    class_a.save()  # a service, the admin …
    class_a.refresh_from_db()
    assert class_a.lock_version == version + 1


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_one_wins_and_one_is_refused(coordinator, superuser, class_a):
    """Both requests have read the record and checked their form when they meet at the barrier;
    the compare-and-set then lets exactly one through."""
    url = reverse("schools:class_update", args=[class_a.pk])
    clients = [login(Client(), coordinator), login(Client(), superuser)]
    forms = [form_data(c.get(url)) for c in clients]
    forms[0]["pupil_count"], forms[1]["pupil_count"] = ["24"], ["26"]
    barrier = threading.Barrier(2, timeout=10)
    statuses = {}

    def meet(name):
        if name == "versioning.claim":
            barrier.wait()

    def post(i):
        try:
            statuses[i] = clients[i].post(url, forms[i]).status_code
        finally:
            connection.close()

    locking.before_write = meet
    try:
        threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        locking.before_write = None

    assert sorted(statuses.values()) == [200, 302]
    winner = 24 if statuses[0] == 302 else 26
    assert SchoolClass.objects.get(pk=class_a.pk).pupil_count == winner


def test_a_claim_of_an_outdated_version_is_refused_with_the_current_one(class_a):
    from trivsel.schools import versioning

    with transaction.atomic():
        versioning.claim(class_a, class_a.lock_version)
        class_a.save()
    stale = SchoolClass.objects.get(pk=class_a.pk)
    with pytest.raises(versioning.EditConflict) as refused, transaction.atomic():
        versioning.claim(stale, stale.lock_version - 1)
    assert refused.value.current == stale.lock_version
