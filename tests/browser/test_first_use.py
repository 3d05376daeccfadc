"""What a new user met, in a real browser: the door list on another day is read-only until a
correction is asked for; «Gem aktivitet» on an untouched form says what is missing; cancelling a
Headspace talk asks first and says which talk; the public form on a phone opens a failed submit
with a linked summary and shows the waiting-list number on the confirmation page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import expect

from conference import services as conference_services
from consultants.models import Activity
from initiatives.headspace.models import TalkStatus
from tests.browser.audit import audit
from tests.browser.helpers import PHONE, TABLET, login
from tests.conference.factories import EventDayFactory, EventFactory
from tests.consultants.factories import ActivityFactory
from tests.factories import TEST_PASSWORD, OrganisationFactory
from tests.headspace.factories import TalkFactory, TargetGradeFactory, at

CPH = ZoneInfo("Europe/Copenhagen")


def test_the_door_list_on_another_day_is_read_only_until_a_correction(
    page, live_server, conference_admin
):
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="du-og-jeg")
    day = EventDayFactory(event=event, capacity=5)
    conference_services.registration_create(
        event=event, name="Carla Nielsen", email="carla@rk.dk", organisation=org, days=[day]
    )
    the_day_after = datetime.combine(day.date + timedelta(days=1), datetime.min.time(), CPH)
    with time_machine.travel(the_day_after.replace(hour=9), tick=True):
        login(page, live_server, conference_admin.username, TEST_PASSWORD)
        page.goto(f"{live_server.url}/konference/{event.pk}/indtjekning/{day.pk}/")
        expect(page.get_by_text("Kun til at se:")).to_be_visible()
        expect(page.get_by_role("button", name="Tjek ind")).to_have_count(0)
        expect(page.get_by_text("Ikke tjekket ind")).to_be_visible()
        audit(page)
        page.get_by_role("link", name="Ret indtjekningen for denne dag").click()
        expect(page.get_by_text("Rettelse bagefter:")).to_be_visible()
        page.get_by_role("button", name="Tjek ind Carla Nielsen").click()
        expect(page.get_by_text("Carla Nielsen er tjekket ind.")).to_be_visible()
        audit(page)


@pytest.mark.parametrize(
    "viewport, context_options", [(TABLET, {"has_touch": True})], ids=["tablet-touch"]
)
def test_saving_an_untouched_activity_says_what_is_missing(
    page, live_server, viewport, context_options, consultant, school_a
):
    ActivityFactory(consultant=consultant, school=school_a)  # the form picks the school
    before = Activity.objects.count()
    login(page, live_server, consultant.username, TEST_PASSWORD)
    page.goto(f"{live_server.url}/konsulenter/ny/")
    page.get_by_role("button", name="Gem aktivitet").tap()
    expect(page.get_by_text("Angiv klokkeslættet for aktiviteten.")).to_be_visible()
    expect(page.get_by_text("Skriv hvad du så eller gjorde.")).to_be_visible()
    expect(page.get_by_label("Klokken")).to_be_focused()
    expect(page.locator("#outbox-count")).to_be_hidden()
    audit(page)
    page.get_by_label("Klokken").fill("09:00")
    page.get_by_label("Hvad blev set").fill("Rolig klasse efter pausen.")
    page.get_by_role("button", name="Gem aktivitet").tap()
    expect(page.get_by_text("Aktiviteten er gemt.")).to_be_visible()
    assert Activity.objects.count() == before + 1


def test_cancelling_a_talk_asks_first_and_says_which_talk(
    page, live_server, leader_a, school_year, class_a
):
    TargetGradeFactory(school_year=school_year, grade=class_a.grade)
    talk = TalkFactory(school_class=class_a, starts_at=at(5, 10), ends_at=at(5, 11))
    with time_machine.travel(datetime(2024, 1, 15, 10, tzinfo=CPH), tick=True):
        login(page, live_server, leader_a.username, TEST_PASSWORD)
        page.goto(live_server.url + talk.get_absolute_url())
        page.get_by_role("button", name="Aflys oplægget").click()
        heading = f"Aflys oplægget for {class_a.label} den 5. februar 2024 kl. 10:00?"
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        audit(page)
        talk.refresh_from_db()
        assert talk.status == TalkStatus.BOOKED
        page.get_by_role("button", name="Ja, aflys oplægget").click()
        expect(
            page.get_by_text(
                f"Oplægget for {class_a.label} den 5. februar 2024 kl. 10:00 er aflyst."
            )
        ).to_be_visible()
        talk.refresh_from_db()
        assert talk.status == TalkStatus.CANCELLED


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_a_failed_sign_up_on_a_phone_starts_with_a_summary_and_the_waiting_number_shows(
    page, live_server, viewport
):
    cache.delete("ratelimit:conference-signup:127.0.0.1")
    org = OrganisationFactory(name="BUPL")
    event = EventFactory(organisations=[org], slug="du-og-jeg")
    day = EventDayFactory(event=event, capacity=1)
    conference_services.registration_create(
        event=event, name="Bo", email="bo@rk.dk", organisation=org, days=[day]
    )
    page.goto(f"{live_server.url}/tilmelding/{event.slug}/")
    page.get_by_role("button", name="Tilmeld").click()
    summary = page.locator("#fejlopsummering")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Tilmeldingen er ikke sendt. Ret det, der mangler:")
    assert summary.evaluate("el => el.getBoundingClientRect().top") < 844  # on screen
    audit(page)
    summary.get_by_role("link").first.click()
    page.get_by_label("Navn").fill("Anne Andersen")
    page.get_by_label("E-mail").fill("anne@rk.dk")
    page.get_by_label("Organisation").select_option(label="BUPL")
    page.get_by_label("Stilling").fill("Lærer")
    page.locator("input[name=days]").first.check()
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.get_by_text("Du står på ventelisten")).to_be_visible()
    expect(page.get_by_text("nr. 1 på ventelisten").first).to_be_visible()
    audit(page)
    cache.delete("ratelimit:conference-signup:127.0.0.1")
