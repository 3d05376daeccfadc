"""The conference admin's registration list: each row's cells, cancel form and labels, every value
escaped; the filter drawn by crispy-forms."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from conference.models import BookingStatus, DayBooking, ParticipantKind, Registration
from tests.conference.factories import EventDayFactory, EventFactory


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org])


def register(event, days, *, status=BookingStatus.CONFIRMED, **fields):
    registration = Registration.objects.create(event=event, **fields)
    for day in days:
        DayBooking.objects.create(registration=registration, day=day, status=status)
    return registration


def test_a_row_shows_name_email_kind_workplace_days_status_and_a_cancel_form(
    client_for, conference_admin, event, org
):
    first = EventDayFactory(event=event, date=date(2024, 3, 5))
    second = EventDayFactory(event=event, date=date(2024, 3, 6))
    anne = register(event, [first], name='Anne "A" <b>', email="anne@rk.dk", organisation=org)
    DayBooking.objects.create(
        registration=anne, day=second, status=BookingStatus.WAITING, checked_in_at=timezone.now()
    )
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    html = client_for(conference_admin).get(url).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[-1].split('"')[0]  # one per page
    assertInHTML(
        f"""<tr>
          <td>Anne &quot;A&quot; &lt;b&gt;<br><span class="small text-body-secondary">anne@rk.dk</span></td>
          <td>Medarbejder</td>
          <td>BUPL</td>
          <td class="small">5.3: Bekræftet<br>6.3: Venteliste ✓<br></td>
          <td>Tilmeldt</td>
          <td class="text-end">
            <form method="post" action="/konference/tilmelding/{anne.pk}/afmeld/"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">
              <button type="submit" class="btn btn-sm btn-outline-danger">Afmeld<span class="visually-hidden"> Anne &quot;A&quot; &lt;b&gt;</span></button>
            </form></td>
        </tr>""",  # noqa: E501
        html,
    )


def test_a_pupil_shows_school_and_class_and_a_cancelled_registration_has_no_cancel_form(
    client_for, conference_admin, coordinator, event, school_a, class_a
):
    day = EventDayFactory(event=event, date=date(2024, 3, 5))
    ida = register(
        event,
        [day],
        status=BookingStatus.AWAITING_CONSENT,
        kind=ParticipantKind.PUPIL,
        name="Ida",
        school=school_a,
        school_class=class_a,
    )
    gone = register(event, [day], status=BookingStatus.CANCELLED, name="Bo", email="bo@rk.dk")
    gone.status = "cancelled"
    gone.save()
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    html = client_for(conference_admin).get(url).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[-1].split('"')[0]
    assertInHTML(
        f"""<tr><td>Ida</td><td>Elev</td><td>Valhøj Skole 7.A</td>
        <td class="small">5.3: Afventer samtykke<br></td><td>Afventer samtykke</td>
        <td class="text-end"><form method="post" action="/konference/tilmelding/{ida.pk}/afmeld/">
        <input type="hidden" name="csrfmiddlewaretoken" value="{token}">
        <button type="submit" class="btn btn-sm btn-outline-danger">Afmeld<span class="visually-hidden"> Ida</span></button>
        </form></td></tr>""",  # noqa: E501
        html,
    )
    assertInHTML(
        """<tr><td>Bo<br><span class="small text-body-secondary">bo@rk.dk</span></td>
        <td>Medarbejder</td><td></td><td class="small"></td><td>Afmeldt</td>
        <td class="text-end"></td></tr>""",
        html,
    )
    # a coordinator reads the list: no cancel forms at all
    assert "afmeld/" not in client_for(coordinator).get(url).content.decode()


def test_a_filter_with_an_error_is_drawn_by_crispy(client_for, conference_admin, event):
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    html = client_for(conference_admin).get(url, {"day": "abc"}).content.decode()
    assert "is-invalid" in html and "invalid-feedback" in html


def test_the_day_options_come_from_the_day_table(client_for, conference_admin, event):
    day = EventDayFactory(event=event, date=date(2024, 3, 5))
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    client = client_for(conference_admin)
    html = client.get(url, {"day": day.pk}).content.decode()
    assertInHTML(f'<option value="{day.pk}" selected>05.03.2024 09:00–15:30</option>', html)
