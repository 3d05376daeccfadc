"""E-mails (confirmation with iCal and QR, waiting list, reminder once, group e-mail) and the QR
code's check-in page."""

import io
from datetime import date, timedelta

import pytest
import time_machine
import zxingcpp
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from conference import qr, services, tasks
from conference.models import BookingStatus, GroupMessage, Registration
from tests.conference.factories import EventDayFactory, EventFactory


def decoded(png: bytes) -> str:
    """The text a real QR decoder (zxing-cpp) reads from the PNG."""
    from PIL import Image

    (barcode,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    return barcode.text


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000", "https://trivselsportalen.rodovre.dk/"]
)
@pytest.mark.parametrize("pk", [1, 4_711, 987_654_321])
def test_the_check_in_qr_code_with_its_fixed_mask_reads_back_as_the_check_in_url(
    settings, site_url, pk
):
    settings.SITE_URL = site_url
    registration = Registration(pk=pk)
    url = qr.checkin_url(registration)
    assert url.startswith(site_url.rstrip("/") + "/") and str(pk) in url
    assert decoded(qr.qr_png(registration)) == url
    assert qr._code(registration).mask == qr.MASK


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org], title="Du og jeg", place="Rødovre Rådhus")


def sign_up(event, org, email, days, capture):
    with capture(execute=True):
        return services.registration_create(
            event=event, name=email.split("@")[0].title(), email=email, organisation=org, days=days
        )


def test_the_confirmation_has_the_link_an_ical_of_the_confirmed_days_and_a_qr_png(
    event, org, django_capture_on_commit_callbacks
):
    day1 = EventDayFactory(event=event, date=date(2024, 3, 5), capacity=5)
    day2 = EventDayFactory(event=event, date=date(2024, 3, 6), capacity=0)  # full: waiting
    registration = sign_up(
        event, org, "anne@rk.dk", [day1, day2], django_capture_on_commit_callbacks
    )
    message = mail.outbox[0]
    assert message.to == ["anne@rk.dk"]
    assert registration.get_manage_url() in message.body
    assert "nr. 1 på ventelisten" in message.body
    attachments = {name: (content, mimetype) for name, content, mimetype in message.attachments}
    calendar = Calendar.from_ical(attachments["konference.ics"][0])
    entries = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart").date() for e in entries] == [date(2024, 3, 5)]  # confirmed only
    assert str(entries[0]["summary"]) == "Du og jeg" and str(entries[0]["location"])
    png, mimetype = attachments["indtjekning-qr.png"]
    assert mimetype == "image/png" and png.startswith(b"\x89PNG")
    assert decoded(png) == qr.checkin_url(registration)
    registration.refresh_from_db()
    assert registration.confirmation_sent_at is not None


def test_a_change_of_days_onto_a_full_day_sends_the_waiting_list_notice(
    event, org, django_capture_on_commit_callbacks
):
    open_day, full_day = EventDayFactory(event=event), EventDayFactory(event=event, capacity=0)
    registration = sign_up(event, org, "anne@rk.dk", [open_day], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_change_days(registration=registration, days=[open_day, full_day])
    assert len(mail.outbox) == 1
    assert "Du er på venteliste" in mail.outbox[0].subject
    assert "nr. 1 på ventelisten" in mail.outbox[0].body


def test_the_promotion_notice_carries_the_new_day_in_the_calendar(
    event, org, django_capture_on_commit_callbacks
):
    day = EventDayFactory(event=event, capacity=1)
    first = sign_up(event, org, "anne@rk.dk", [day], django_capture_on_commit_callbacks)
    sign_up(event, org, "bo@rk.dk", [day], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=first)
    (notice,) = mail.outbox
    assert notice.to == ["bo@rk.dk"] and "Du har fået plads" in notice.subject
    assert any(name == "konference.ics" for name, *_ in notice.attachments)


def test_the_reminder_goes_out_three_days_before_and_only_once(
    event, org, django_capture_on_commit_callbacks
):
    day = EventDayFactory(event=event, date=date(2024, 3, 5))
    registration = sign_up(event, org, "anne@rk.dk", [day], django_capture_on_commit_callbacks)
    cancelled = sign_up(event, org, "bo@rk.dk", [day], django_capture_on_commit_callbacks)
    services.registration_cancel(registration=cancelled)
    mail.outbox.clear()
    with time_machine.travel(date(2024, 2, 29), tick=False):  # five days before: not yet
        assert tasks.send_reminders() == 0
    with time_machine.travel(date(2024, 3, 2), tick=False):
        assert tasks.send_reminders() == 1
        assert tasks.send_reminders() == 0  # sent once
    (reminder,) = mail.outbox
    assert reminder.to == ["anne@rk.dk"] and "Påmindelse" in reminder.subject
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None


def test_the_reminder_is_scheduled_by_celery_beat(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "conference.tasks.send_reminders" in tasks_scheduled


def test_an_email_to_a_filtered_group_reaches_exactly_the_filtered_registrations(
    client_for, conference_admin, event, org, django_capture_on_commit_callbacks
):
    day1, day2 = EventDayFactory(event=event), EventDayFactory(event=event)
    sign_up(event, org, "anne@rk.dk", [day1], django_capture_on_commit_callbacks)
    sign_up(event, org, "bo@rk.dk", [day2], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    url = reverse("conference:group_message", kwargs={"pk": event.pk}) + f"?day={day2.pk}"
    client = client_for(conference_admin)
    assert "udvælger 1 modtager" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"subject": "Parkering", "body": "Husk at parkere bag rådhuset."}, follow=True
        )
    assert "sendes nu til 1 modtagere" in response.content.decode()
    assert [(m.to, m.subject) for m in mail.outbox] == [(["bo@rk.dk"], "Parkering")]
    message = GroupMessage.objects.get()
    assert message.recipients == 1 and message.sent_at is not None
    assert message.filters == {"day": [str(day2.pk)]}


def test_a_group_email_with_nobody_selected_sends_nothing(
    client_for, conference_admin, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(conference_admin).post(
            reverse("conference:group_message", kwargs={"pk": event.pk}),
            {"subject": "Hej", "body": "Tekst"},
        )
    assert "udvælger ingen med e-mail" in response.content.decode()
    assert not GroupMessage.objects.exists() and mail.outbox == []


# --- the QR code and its check-in page -------------------------------------------------------
def test_the_private_page_shows_the_qr_code_as_inline_svg_without_inline_style(
    client, event, org, django_capture_on_commit_callbacks
):
    day = EventDayFactory(event=event)
    registration = sign_up(event, org, "anne@rk.dk", [day], django_capture_on_commit_callbacks)
    text = client.get(registration.get_manage_url()).content.decode()
    start = text.index("<svg")
    svg = text[start : text.index("</svg>", start)]
    assert 'class="conference-qr"' in svg and "<path" in svg
    assert "style=" not in svg and "<script" not in svg


def test_the_qr_code_encodes_the_check_in_page_of_this_registration(event, org):
    from conference import qr

    day = EventDayFactory(event=event)
    registration = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    url = qr.checkin_url(registration)
    assert url.endswith(reverse("conference:registration_checkin", kwargs={"pk": registration.pk}))
    assert registration.token not in url  # the QR code never carries the private link


def test_one_tap_on_the_qr_check_in_page_checks_in_for_the_chosen_day(
    client_for, conference_admin, event, org, frozen_at
):
    day1, day2 = EventDayFactory(event=event), EventDayFactory(event=event)
    registration = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day1, day2]
    )
    frozen_at(day2.date)
    client = client_for(conference_admin)
    url = registration.get_checkin_url()
    page = client.get(url).content.decode()
    assert "Anne" in page and page.count("Tjek ind<") == 1  # today's; the other day:
    assert page.count("Ret indtjekningen bagefter") == 1  # only as a correction
    response = client.post(url, {"day": day2.pk}, follow=True)
    assert "Anne er tjekket ind" in response.content.decode()
    checked = dict(registration.bookings.values_list("day_id", "checked_in_at"))
    assert checked[day1.pk] is None and checked[day2.pk] is not None


def test_the_qr_check_in_page_is_only_for_conference_admins(
    client, client_for, leader_a, coordinator, event, org
):
    day = EventDayFactory(event=event)
    registration = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    url = registration.get_checkin_url()
    response = client.post(url, {"day": day.pk})
    assert response.status_code == 302 and reverse("login") in response["Location"]
    for user in (leader_a, coordinator):
        assert client_for(user).post(url, {"day": day.pk}).status_code == 403
    assert registration.bookings.get().checked_in_at is None


def test_a_waiting_booking_cannot_be_checked_in_from_the_qr_page(
    client_for, conference_admin, event, org
):
    day = EventDayFactory(event=event, capacity=0)
    registration = services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    response = client_for(conference_admin).post(
        registration.get_checkin_url(), {"day": day.pk}, follow=True
    )
    assert "Kun bekræftede deltagere" in response.content.decode()
    assert Registration.objects.get().bookings.get().status == BookingStatus.WAITING


def test_reminder_window_follows_the_setting(settings, event, org):
    settings.CONFERENCE_REMINDER_DAYS = 1
    day = EventDayFactory(event=event, date=date(2024, 3, 5))
    services.registration_create(
        event=event, name="Anne", email="anne@rk.dk", organisation=org, days=[day]
    )
    assert not tasks.due_for_reminder(today=day.date - timedelta(days=2)).exists()
    assert tasks.due_for_reminder(today=day.date - timedelta(days=1)).exists()
