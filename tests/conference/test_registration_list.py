"""The conference admin's registration list: the day table's and the groups' counts, the pager,
the read log of pupils' rows, who may open it, and its fixed number of queries."""

import re

import pytest
from django.urls import reverse

from conference import services
from conference.models import ParticipantKind
from tests.conference.factories import EventDayFactory, sign_up
from tests.factories import OrganisationFactory
from trivsel.schools.models import ReadLogEntry

DAY_ROW = re.compile(r"<tr><td>[^<]+</td>" + r"<td>(\d+)</td>" * 6)


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Rødovre Lærerforening")


@pytest.fixture
def admin_page(client_for, conference_admin, event):
    client = client_for(conference_admin)
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    return lambda **query: client.get(url, query)


def day_table(response) -> list[dict]:
    """The day table's rows: capacity, confirmed, free, waiting, awaiting consent, checked in."""
    names = ("capacity", "confirmed", "free", "waiting", "awaiting_consent", "checked_in")
    html = response.content.decode()
    return [dict(zip(names, map(int, cells), strict=True)) for cells in DAY_ROW.findall(html)]


def pupil(event, day, school, class_, staff, name="Ida"):
    return services.registration_create(
        event=event,
        kind=ParticipantKind.PUPIL,
        name=name,
        school=school,
        school_class=class_,
        days=[day],
        created_by=staff,
    )


def test_the_day_table_counts_places_waiting_consent_and_check_ins(
    admin_page, event, org, day, school_a, class_a, staff_a
):
    anne = sign_up(event, org, day, "Anne")
    sign_up(event, org, day, "Bo")
    pupil(event, day, school_a, class_a, staff_a)
    services.booking_check_in(booking=anne.bookings.get(), correction=True)
    page = admin_page()
    assert day_table(page) == [
        {
            "capacity": 1,
            "confirmed": 1,
            "free": 0,
            "waiting": 1,
            "awaiting_consent": 1,
            "checked_in": 1,
        }
    ]
    html = page.content.decode()
    assert "Rødovre Lærerforening: 2" in html and "Valhøj Skole: 1" in html
    assert "Medarbejder: 2" in html and "Elev: 1" in html


def test_the_pager_counts_the_filtered_rows(
    admin_page, event, org, day, school_a, class_a, staff_a
):
    for n in range(51):
        sign_up(event, org, day, f"P{n:02}")
    pupil(event, day, school_a, class_a, staff_a)
    page = admin_page().context["page_obj"]
    assert (page.paginator.count, page.paginator.num_pages) == (52, 2)
    assert [r["name"] for r in admin_page(page=2).context["rows"]] == ["P50", "Ida"]
    assert admin_page(kind="pupil").context["page_obj"].paginator.count == 1


def test_every_read_of_a_pupils_row_is_logged(admin_page, event, day, school_a, class_a, staff_a):
    pupil(event, day, school_a, class_a, staff_a)
    for _ in range(3):
        admin_page()
    assert ReadLogEntry.objects.filter(username="konferenceadmin").count() == 3


def test_a_coordinator_reads_the_list_without_cancel_forms_and_a_leader_not_at_all(
    client_for, coordinator, leader_a, event, org, day
):
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    sign_up(event, org, day, "Anne")
    reader = client_for(coordinator)
    response = reader.get(url)
    assert response.status_code == 200 and "Anne" in response.content.decode()
    assert "afmeld/" not in response.content.decode()
    assert client_for(leader_a).get(url).status_code in (403, 404)
    missing = reverse("conference:registration_list", kwargs={"pk": event.pk + 1000})
    assert reader.get(missing).status_code == 404


def test_the_list_runs_a_fixed_number_of_queries(
    admin_page, event, org, day, school_a, class_a, staff_a, django_assert_num_queries
):
    sign_up(event, org, day, "Anne")
    admin_page()
    # session, user, the event; the day table, the counts per organisation and kind, the
    # filter's organisations; the COUNT and the page's rows with their bookings and names
    with django_assert_num_queries(8):
        admin_page()
    for n in range(5):
        other = OrganisationFactory()
        event.organisations.add(other)
        sign_up(event, other, EventDayFactory(event=event), f"P{n}")
    pupil(event, day, school_a, class_a, staff_a)
    # + the read log's insert for the page's pupil
    with django_assert_num_queries(9):
        admin_page(q="", page=1)


def test_the_admins_capacity_and_organisations_show_in_the_table_and_the_filter(
    admin_page, event, org, day
):
    other = OrganisationFactory(name="BUPL")
    day.capacity = 7
    services.event_save(event=event, organisations=[org, other], facilitators=[], days=[day])
    page = admin_page()
    assert day_table(page)[0]["capacity"] == 7
    assert f'<option value="{other.pk}">BUPL</option>' in page.content.decode()
