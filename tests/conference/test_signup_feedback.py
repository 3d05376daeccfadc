"""The public form on a phone: a failed submit starts with a summary of what is missing, linked to
the fields; the confirmation page says a waiting-list place and its number, not only the e-mail."""

import pytest
from django.urls import reverse

from conference import services
from tests.conference.factories import EventDayFactory, EventFactory
from tests.conference.test_views import form_data
from tests.factories import OrganisationFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Rødovre Lærerforening")


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org], slug="du-og-jeg")


@pytest.fixture
def day(event):
    return EventDayFactory(event=event, capacity=1)


def test_a_failed_submit_opens_with_a_summary_linking_to_each_field(client, event, org, day):
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    response = client.post(url, form_data(org, day, name="", email="ikke-en-mail"))
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[
        page.index('id="fejlopsummering"') : page.index("</ul>", page.index("fejlopsummering"))
    ]
    assert "Tilmeldingen er ikke sendt. Ret det, der mangler:" in summary
    assert 'href="#id_name"' in summary and 'href="#id_email"' in summary
    assert "data-focus-on-load" in page
    assert page.index("fejlopsummering") < page.index('name="name"')  # above the form


def test_the_untouched_form_has_no_summary(client, event, day):
    page = client.get(reverse("conference:signup", kwargs={"slug": event.slug})).content.decode()
    assert "fejlopsummering" not in page


def test_the_confirmation_page_shows_the_waiting_list_number(client, event, org, day):
    for n in range(3):  # one place, then two on the waiting list before Anne
        services.registration_create(
            event=event, name=f"P{n}", email=f"p{n}@rk.dk", organisation=org, days=[day]
        )
    url = reverse("conference:signup", kwargs={"slug": event.slug})
    response = client.post(url, form_data(org, day), follow=True)
    page = response.content.decode()
    assert "Du står på ventelisten" in page
    assert "nr. 3 på ventelisten" in page
