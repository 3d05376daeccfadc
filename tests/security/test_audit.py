"""Change history on every domain model, and the coordinators' change log."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.factories import PartnerFactory, SchoolFactory
from trivsel.security import history

PROJECT_PACKAGES = ("trivsel.", "initiatives.", "consultants.", "conference.")

# Models without a change history, each with its reason.
NO_HISTORY = {
    "schools.readlogentry": "is itself an audit log; rows are never edited",
    "headspace.calendarfeed": "holds only a secret feed token; no content to audit",
}


def project_models():
    for model in apps.get_models():
        if not model.__module__.startswith(PROJECT_PACKAGES):
            continue
        if model.__name__.startswith("Historical"):
            continue
        yield model


def test_every_domain_model_has_a_change_history():
    tracked = set(history.tracked_models())
    missing = sorted(
        m._meta.label_lower
        for m in project_models()
        if m._meta.label_lower not in tracked and m._meta.label_lower not in NO_HISTORY
    )
    assert not missing, (
        f"models without HistoricalRecords (add it, or NO_HISTORY + reason): {missing}"
    )


def test_the_allowlist_names_only_models_that_exist():
    labels = {m._meta.label_lower for m in project_models()}
    assert set(NO_HISTORY) <= labels


def test_user_history_never_holds_the_password_hash():
    from trivsel.schools.models import User

    fields = {f.name for f in User.history.model._meta.fields}
    assert "password" not in fields
    assert "username" in fields and "role" in fields


@pytest.fixture
def changes(coordinator, leader_a):
    """A partner created and changed through the portal's own request middleware's user."""
    from simple_history.utils import update_change_reason  # noqa: F401 - history is in use

    partner = PartnerFactory(name="Foreningen", description="Hemmelig beskrivelse 123")
    partner.description = "Endnu mere hemmelig tekst 456"
    partner.name = "Foreningen Ny"
    partner._history_user = coordinator
    partner.save()
    school = SchoolFactory(name="Testskolen")
    school._history_user = leader_a
    school.name = "Testskolen 2"
    school.save()
    return partner, school


def test_the_change_log_shows_who_changed_what_but_never_free_text(
    client_for, coordinator, changes
):
    page = client_for(coordinator).get(reverse("security:changelog")).content.decode()
    assert "Ændringslog" in page
    assert "Samarbejdspartner #" in page
    assert "Foreningen Ny" in page  # a name is no free text: old → new shown
    assert "koordinator" in page
    assert "Beskrivelse" in page and "(fritekst ændret)" in page
    assert "hemmelig" not in page.lower()


def test_the_change_log_filters_by_kind_user_and_date(client_for, coordinator, leader_a, changes):
    client = client_for(coordinator)
    by_kind = client.get(reverse("security:changelog"), {"kind": "schools.school"}).content.decode()
    assert "Skole #" in by_kind and "Samarbejdspartner #" not in by_kind
    by_user = client.get(reverse("security:changelog"), {"user": leader_a.pk}).content.decode()
    assert "Skole #" in by_user and "Samarbejdspartner #" not in by_user
    future = client.get(reverse("security:changelog"), {"start": "2999-01-01"}).content.decode()
    assert "Ingen ændringer matcher filtret." in future


def test_only_coordinators_see_the_change_log(client_for, leader_a, consultant):
    assert client_for(leader_a).get(reverse("security:changelog")).status_code == 403
    assert client_for(consultant).get(reverse("security:changelog")).status_code == 403
    assert Client().get(reverse("security:changelog")).status_code == 302


def _make_changes(n, coordinator, offset=0):
    for i in range(offset, offset + n):
        partner = PartnerFactory(name=f"P{i}", description="tekst")
        partner._history_user = coordinator
        partner.description = f"ny tekst {i}"
        partner.save()
        school = SchoolFactory(name=f"Skole x{i}")
        school.name = f"Skole y{i}"
        school.save()


def test_the_change_log_has_a_fixed_number_of_queries(
    client_for, coordinator, django_assert_num_queries
):
    client = client_for(coordinator)
    url = reverse("security:changelog")
    query = {"kind": "schools.partner"}
    client.get(url, query)  # warm caches (content types)
    # session, user, count, the page (one UNION), the rows' users and changed fields with their
    # predecessors (one query whatever kinds and changes the page shows), the filter's users
    _make_changes(3, coordinator)
    with django_assert_num_queries(6):
        client.get(url, query)
    _make_changes(60, coordinator, offset=100)  # more than a page
    with django_assert_num_queries(6):
        client.get(url, query)
    with django_assert_num_queries(6):  # unfiltered: every kind with changes, still one query
        client.get(url)


def test_changes_match_simple_history_and_include_many_to_many_fields(db, coordinator):
    """The one-query diff gives what django-simple-history's diff_against gives for plain fields
    (names, old and new values, free text by name only) and lists the ids of a conference
    event's organisations when they change."""
    from tests.conference.factories import EventFactory
    from tests.factories import OrganisationFactory

    first, second = OrganisationFactory(), OrganisationFactory()
    event = EventFactory(organisations=[first])
    event.title = "Ny titel"
    event.description = "Hemmelig fritekst"
    event.save()
    event.organisations.set([first, second])
    event.save()
    partner = PartnerFactory(name="Før")
    partner.name = "Efter"
    partner.save()

    rows = list(history.ChangeRows(["conference.event", "schools.partner"])[0:50])
    changes = history.details_for(rows)[0]
    by_row = {(r["label"], r["history_id"]): r for r in rows}
    shown = {}  # (label, field) -> every (old, new) the page shows for it
    for key, items in changes.items():
        for c in items:
            shown.setdefault((by_row[key]["label"], c.field), set()).add((c.old, c.new))
    assert ("Før", "Efter") in shown[("schools.partner", "navn")]
    event_fields = {field for label, field in shown if label == "conference.event"}
    title = str(event._meta.get_field("title").verbose_name)
    description = str(event._meta.get_field("description").verbose_name)
    organisations = str(event._meta.get_field("organisations").verbose_name)
    assert {title, description, organisations} <= event_fields
    assert shown[("conference.event", description)] == {(None, None)}  # free text: name only
    assert (
        str(first.pk),
        f"{min(first.pk, second.pk)}, {max(first.pk, second.pk)}",
    ) in shown[("conference.event", organisations)]
    # plain fields: the same fields as django-simple-history's own diff
    latest = event.history.order_by("-history_date", "-history_id")
    newest_title_change = next(h for h in latest if h.title == "Ny titel" and h.prev_record)
    expected = newest_title_change.diff_against(
        newest_title_change.prev_record, foreign_keys_are_objs=False
    ).changed_fields
    got = changes[("conference.event", newest_title_change.history_id)]
    assert {c.field for c in got} == {
        str(event._meta.get_field(name).verbose_name) for name in expected
    }


def test_pages_past_the_end_and_odd_page_numbers_show_a_page(client_for, coordinator):
    partner = PartnerFactory(name="Foreningen", description="Første tekst")
    partner._history_user = coordinator
    partner.name = "Foreningen Ny"
    partner.save()
    client = client_for(coordinator)
    url = reverse("security:changelog")

    def page(query):
        return client.get(url + query).content.decode()

    # a page past the end is the last page, a non-number the first (as Paginator.get_page)
    assert page("?page=999").count("<tr>") == page("?page=1").count("<tr>")
    assert "Foreningen → Foreningen Ny" in page("?page=abc")
    assert "Ingen ændringer matcher filtret." in page("?start=2999-01-01")
