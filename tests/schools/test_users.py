"""User administration: invitations by e-mail, roles and schools, deactivation — with named actors."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import make_actor
from trivsel.schools.models import Job, Role, Staff, User
from trivsel.schools.services import users as user_services

NEW_PASSWORD = "Solsikke-Tårn-2024"
LINK = re.compile(r"https?://[^/\s]+(/konto/nulstil/[^\s]+/)")


@pytest.fixture
def world(actors):
    return actors


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """POST the invitation form as ``actor``; the e-mail task runs when the transaction commits."""

    def post(client, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("schools:user_invite"), data)

    return post


def invitation_data(school=None, **overrides):
    data = {
        "email": "Sofie.Holm@Example.org",
        "first_name": "Sofie",
        "last_name": "Holm",
        "role": Role.STAFF,
        "schools": [school.pk] if school else [],
        "job": Job.PEDAGOGUE,
    }
    return {**data, **overrides}


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


# --- inviting ----------------------------------------------------------------------------------
def test_a_coordinator_invites_a_staff_member_who_gets_a_danish_email_with_a_link(
    world, client_for, invite, school_a
):
    response = invite(client_for(world["coordinator"]), **invitation_data(school_a))

    assert response.status_code == 302
    user = User.objects.get(email__iexact="sofie.holm@example.org")
    assert user.username == "sofie.holm@example.org"
    assert user.role == Role.STAFF and list(user.schools.all()) == [school_a]
    assert not user.has_usable_password()
    assert user.staff_profile.school == school_a and user.staff_profile.job == Job.PEDAGOGUE

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Du er inviteret til Trivselsportalen"
    assert "Karen" in message.body  # who invited
    assert "Medarbejder" in message.body and "Valhøj Skole" in message.body
    assert "3 dage" in message.body
    assert link_in(message).startswith("/konto/nulstil/")


def test_following_the_invitation_link_sets_a_password_and_the_user_can_log_in(
    world, client_for, invite, school_a
):
    invite(client_for(world["coordinator"]), **invitation_data(school_a))
    newcomer = Client()

    response = newcomer.get(link_in(mail.outbox[0]), follow=True)
    assert "Vælg din adgangskode" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = newcomer.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    assert Client().login(username="sofie.holm@example.org", password=NEW_PASSWORD)


def test_the_invitation_link_works_only_once(world, client_for, invite, school_a):
    invite(client_for(world["coordinator"]), **invitation_data(school_a))
    link = link_in(mail.outbox[0])
    first = Client()
    form_url = first.get(link, follow=True).redirect_chain[-1][0]
    first.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = Client().get(link, follow=True)

    assert "Linket virker ikke" in response.content.decode()


def test_the_invitation_email_waits_for_the_commit(
    world, school_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user_services.user_invite(
            invited_by=world["coordinator"],
            email="sofie.holm@example.org",
            first_name="Sofie",
            last_name="Holm",
            role=Role.STAFF,
            schools=[school_a],
        )

    assert mail.outbox == []  # a rolled-back invitation sends nothing
    assert len(callbacks) == 1  # the e-mail, sent on commit


def test_a_coordinator_invites_a_consultant_without_a_school(world, client_for, invite):
    data = invitation_data(email="kim@example.org", role=Role.CONSULTANT, job="")
    response = invite(client_for(world["coordinator"]), **data)

    assert response.status_code == 302
    user = User.objects.get(email="kim@example.org")
    assert user.role == Role.CONSULTANT and not user.schools.exists()
    assert "Trivsels- og udviklingskonsulent" in mail.outbox[0].body


def test_the_school_count_must_fit_the_role(world, client_for, invite, school_a, school_b):
    client = client_for(world["coordinator"])
    two_schools = invitation_data(schools=[school_a.pk, school_b.pk])
    consultant_with_school = invitation_data(school_a, role=Role.CONSULTANT)
    leader_without_school = invitation_data(role=Role.LEADER)

    for data, error in [
        (two_schools, "præcis én skole"),
        (consultant_with_school, "har ingen skole"),
        (leader_without_school, "mindst én skole"),
    ]:
        response = invite(client, **data)
        assert response.status_code == 200
        assert error in response.content.decode()
    assert not User.objects.filter(email__iexact="sofie.holm@example.org").exists()
    assert mail.outbox == []


def test_a_leader_with_two_schools_can_be_invited(world, client_for, invite, school_a, school_b):
    data = invitation_data(role=Role.LEADER, schools=[school_a.pk, school_b.pk], job="")
    invite(client_for(world["coordinator"]), **data)

    user = User.objects.get(email__iexact="sofie.holm@example.org")
    assert set(user.schools.all()) == {school_a, school_b}
    assert user.staff_profile.job == Job.LEADER


def test_an_email_address_already_in_use_is_refused(world, client_for, invite, school_a):
    data = invitation_data(school_a, email=world["staff_a"].email.upper())
    response = invite(client_for(world["coordinator"]), **data)

    assert response.status_code == 200
    assert "findes allerede en bruger" in response.content.decode()
    assert mail.outbox == []


def test_an_invitation_links_the_staff_record_the_school_already_has(
    world, client_for, invite, school_a
):
    existing = Staff.objects.create(
        name="Sofie Holm", email="sofie.holm@example.org", school=school_a
    )
    invite(client_for(world["coordinator"]), **invitation_data(school_a))

    existing.refresh_from_db()
    assert existing.user.email == "sofie.holm@example.org"
    assert Staff.objects.filter(email__iexact="sofie.holm@example.org").count() == 1


def test_a_leader_invites_a_staff_member_for_own_school(world, client_for, invite, school_a):
    response = invite(client_for(world["leader_a"]), **invitation_data(school_a))

    assert response.status_code == 302
    user = User.objects.get(email__iexact="sofie.holm@example.org")
    assert user.role == Role.STAFF and list(user.schools.all()) == [school_a]
    assert "Lea" in mail.outbox[0].body


def test_the_leader_form_offers_only_staff_and_own_schools(world, client_for, school_a):
    form = client_for(world["leader_a"]).get(reverse("schools:user_invite")).context["form"]

    assert [value for value, _ in form.fields["role"].choices] == [Role.STAFF]
    assert list(form.fields["schools"].queryset) == [school_a]


@pytest.mark.parametrize(
    "overrides",
    [
        {"role": Role.COORDINATOR, "schools": []},
        {"role": Role.LEADER},
        {"role": Role.CONSULTANT, "schools": []},
    ],
)
def test_a_leader_cannot_invite_other_roles(world, client_for, invite, school_a, overrides):
    response = invite(client_for(world["leader_a"]), **invitation_data(school_a, **overrides))

    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not User.objects.filter(email__iexact="sofie.holm@example.org").exists()
    assert mail.outbox == []


def test_a_leader_cannot_invite_for_another_school(world, client_for, invite, school_b):
    response = invite(client_for(world["leader_a"]), **invitation_data(school_b))

    assert response.status_code == 200
    assert response.context["form"].errors["schools"]
    assert not User.objects.filter(email__iexact="sofie.holm@example.org").exists()
    assert mail.outbox == []


def test_the_service_refuses_a_leader_what_the_form_does_not_offer(world, school_a, school_b):
    leader = world["leader_a"]
    common = {"invited_by": leader, "first_name": "X", "last_name": "Y", "job": ""}

    with pytest.raises(PermissionDenied):
        user_services.user_invite(
            email="a@example.org", role=Role.STAFF, schools=[school_b], **common
        )
    with pytest.raises(PermissionDenied):
        user_services.user_invite(
            email="b@example.org", role=Role.COORDINATOR, schools=[], **common
        )
    assert not User.objects.filter(email__in=["a@example.org", "b@example.org"]).exists()


def test_a_pending_invitation_can_be_sent_again_and_the_old_link_dies(
    world, client_for, invite, school_a, django_capture_on_commit_callbacks
):
    client = client_for(world["coordinator"])
    invite(client, **invitation_data(school_a))
    user = User.objects.get(email__iexact="sofie.holm@example.org")
    old_link = link_in(mail.outbox[0])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schools:user_reinvite", args=[user.pk]), follow=True)

    assert "En ny invitation er sendt" in response.content.decode()
    assert len(mail.outbox) == 2
    assert "Linket virker ikke" in Client().get(old_link, follow=True).content.decode()
    assert (
        "Vælg din adgangskode"
        in Client().get(link_in(mail.outbox[1]), follow=True).content.decode()
    )


def test_no_new_invitation_for_someone_who_has_a_password(world, client_for):
    response = client_for(world["coordinator"]).post(
        reverse("schools:user_reinvite", args=[world["staff_a"].pk]), follow=True
    )

    assert "har allerede valgt en adgangskode" in response.content.decode()
    assert mail.outbox == []


# --- roles and schools ------------------------------------------------------------------------
def test_a_coordinator_makes_a_staff_member_leader_of_two_schools(
    world, client_for, school_a, school_b
):
    staff = world["staff_a"]
    response = client_for(world["coordinator"]).post(
        reverse("schools:user_update", args=[staff.pk]),
        {
            "first_name": "Mads",
            "last_name": "Madsen",
            "role": Role.LEADER,
            "schools": [school_a.pk, school_b.pk],
            "lock_version": staff.lock_version,
        },
    )

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.role == Role.LEADER and staff.last_name == "Madsen"
    assert set(staff.schools.all()) == {school_a, school_b}


def test_a_staff_member_who_moves_school_takes_the_staff_record_along(world, client_for, school_b):
    staff = world["staff_a"]
    client_for(world["coordinator"]).post(
        reverse("schools:user_update", args=[staff.pk]),
        {
            "first_name": "Mads",
            "last_name": "M",
            "role": Role.STAFF,
            "schools": [school_b.pk],
            "lock_version": staff.lock_version,
        },
    )

    assert Staff.objects.get(user=staff).school == school_b


def test_a_leader_cannot_promote_own_staff_member(world, client_for, school_a):
    staff = world["staff_a"]
    response = client_for(world["leader_a"]).post(
        reverse("schools:user_update", args=[staff.pk]),
        {
            "first_name": "Mads",
            "last_name": "M",
            "role": Role.LEADER,
            "schools": [school_a.pk],
            "lock_version": staff.lock_version,
        },
    )

    assert response.status_code == 200
    staff.refresh_from_db()
    assert staff.role == Role.STAFF


def test_the_last_active_coordinator_cannot_be_demoted(world, client_for):
    coordinator = world["coordinator"]
    response = client_for(world["superuser"]).post(
        reverse("schools:user_update", args=[coordinator.pk]),
        {
            "first_name": "Karen",
            "last_name": "K",
            "role": Role.CONSULTANT,
            "schools": [],
            "lock_version": coordinator.lock_version,
        },
    )

    assert response.status_code == 200
    assert "eneste aktive netværkskoordinator" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


def test_a_coordinator_can_be_demoted_while_another_remains(world, client_for):
    make_actor("koordinator2", role=Role.COORDINATOR, first_name="Kurt")
    coordinator = world["coordinator"]

    user_services.user_update(
        changed_by=world["superuser"],
        user=coordinator,
        first_name="Karen",
        last_name="K",
        role=Role.CONSULTANT,
        schools=[],
    )

    coordinator.refresh_from_db()
    assert coordinator.role == Role.CONSULTANT


# --- deactivation -----------------------------------------------------------------------------
def test_deactivation_asks_first_then_the_user_cannot_log_in_and_the_session_ends(
    world, client_for
):
    staff = world["staff_a"]
    staff_session = client_for(staff)
    assert staff_session.get(reverse("home")).status_code == 200
    coordinator = client_for(world["coordinator"])
    url = reverse("schools:user_deactivate", args=[staff.pk])

    confirm = coordinator.get(url)
    assert confirm.status_code == 200 and "Ja, deaktivér" in confirm.content.decode()
    staff.refresh_from_db()
    assert staff.is_active

    response = coordinator.post(url, follow=True)
    assert "er deaktiveret" in response.content.decode()
    staff.refresh_from_db()
    assert not staff.is_active
    assert not Client().login(username=staff.username, password="Hemmelig-kode-42")
    response = staff_session.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_deactivated_user_can_be_activated_again(world, client_for):
    staff = world["staff_a"]
    client = client_for(world["leader_a"])
    client.post(reverse("schools:user_deactivate", args=[staff.pk]))

    response = client.post(reverse("schools:user_activate", args=[staff.pk]), follow=True)

    assert "er aktiveret igen" in response.content.decode()
    assert Client().login(username=staff.username, password="Hemmelig-kode-42")


def test_nobody_deactivates_themselves(world, client_for):
    coordinator = world["coordinator"]
    make_actor("koordinator2", role=Role.COORDINATOR, first_name="Kurt")
    client = client_for(coordinator)
    url = reverse("schools:user_deactivate", args=[coordinator.pk])

    assert "Du kan ikke deaktivere dig selv." in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "Du kan ikke deaktivere dig selv." in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_the_last_active_coordinator_cannot_be_deactivated(world):
    with pytest.raises(ValidationError, match="eneste aktive netværkskoordinator"):
        user_services.user_deactivate(deactivated_by=world["superuser"], user=world["coordinator"])


# --- who reaches the pages --------------------------------------------------------------------
def user_pages(target):
    return [
        ("get", reverse("schools:user_list")),
        ("get", reverse("schools:user_invite")),
        ("get", reverse("schools:user_update", args=[target.pk])),
        ("get", reverse("schools:user_deactivate", args=[target.pk])),
        ("post", reverse("schools:user_reinvite", args=[target.pk])),
        ("post", reverse("schools:user_activate", args=[target.pk])),
    ]


@pytest.mark.parametrize("actor", ["staff_a", "consultant", "conference_admin"])
def test_roles_without_user_administration_get_403(world, client_for, actor):
    client = client_for(world[actor])
    for method, url in user_pages(world["staff_a"]):
        assert getattr(client, method)(url).status_code == 403, url


def test_the_anonymous_is_sent_to_log_in(world, client):
    for method, url in user_pages(world["staff_a"]):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_leader_a_gets_404_for_a_user_of_school_b(world, client_for, school_b):
    staff_b = make_actor("medarbejder_b", role=Role.STAFF, schools=[school_b], first_name="Bo")
    client = client_for(world["leader_a"])
    for method, url in user_pages(staff_b)[2:]:
        assert getattr(client, method)(url).status_code == 404, url


def test_leader_a_gets_404_for_a_coordinator(world, client_for):
    url = reverse("schools:user_update", args=[world["coordinator"].pk])
    assert client_for(world["leader_a"]).get(url).status_code == 404


def test_the_leader_list_shows_own_staff_only(world, client_for, school_b):
    make_actor("medarbejder_b", role=Role.STAFF, schools=[school_b], first_name="Bo")
    response = client_for(world["leader_a"]).get(reverse("schools:user_list"))

    assert [row["pk"] for row in response.context["rows"]] == [world["staff_a"].pk]


def test_the_coordinator_list_filters_by_role_school_and_search(world, client_for, school_a):
    client = client_for(world["coordinator"])
    url = reverse("schools:user_list")

    def listed(query):  # the list's rows are plain values (UserRow): compared by key
        return [row["pk"] for row in client.get(url, query).context["rows"]]

    leaders = listed({"role": Role.LEADER})
    at_a = listed({"school": school_a.pk})
    found = listed({"q": "konsulent@example"})
    nobody = client.get(url, {"q": "findes-ikke"})

    assert set(leaders) == {world["leader_a"].pk, world["leader_b"].pk}
    assert set(at_a) == {world["leader_a"].pk, world["staff_a"].pk}
    assert found == [world["consultant"].pk]
    assert "Ingen brugere passer på filteret." in nobody.content.decode()


def test_the_user_list_query_count_does_not_grow_with_users(
    world, client_for, school_a, django_assert_num_queries
):
    client = client_for(world["coordinator"])
    client.get(reverse("schools:user_list"))  # warm up
    for n in range(5):
        make_actor(f"ekstra{n}", role=Role.STAFF, schools=[school_a])
    # session, user, the page's count, the page of users, their schools (prefetch),
    # the school filter's choices
    with django_assert_num_queries(6):
        client.get(reverse("schools:user_list"))


def test_the_navbar_links_to_password_change(world, client_for):
    html = client_for(world["staff_a"]).get(reverse("home")).content.decode()
    assert reverse("password_change") in html and "Skift adgangskode" in html


# --- password reset ---------------------------------------------------------------------------
def test_password_reset_sends_a_danish_email_with_a_working_link(world, client):
    staff = world["staff_a"]
    response = client.post(reverse("password_reset"), {"email": staff.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Vælg adgangskode til Trivselsportalen"
    assert "Hej" in message.body and "tre dage" in message.body
    assert "Vælg din adgangskode" in client.get(link_in(message), follow=True).content.decode()


def test_a_user_logs_in_whatever_the_case_of_the_username(client, staff_a):
    from tests.factories import TEST_PASSWORD

    assert client.login(username=staff_a.username.upper(), password=TEST_PASSWORD)
