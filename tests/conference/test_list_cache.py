"""The registration list's counts come from the cache (``conference.caching``, issue 11): every
write that changes them — a sign-up, a cancellation with a promotion from the waiting list, new
days, a check-in, a pupil's consent, the admin's capacity, the event's organisations — shows on
the list right after it commits; bulk writes bump the cache themselves; the rows are read (and a
pupil's read logged) on every request."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conference import caching, retention, services, tasks
from conference.models import ParticipantKind, Registration
from tests.conference.factories import EventDayFactory, EventFactory
from tests.factories import OrganisationFactory
from trivsel.schools import clock
from trivsel.schools.models import ReadLogEntry

DAY_ROW = re.compile(r"<tr><td>[^<]+</td>" + r"<td>(\d+)</td>" * 6)


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Rødovre Lærerforening")


@pytest.fixture
def event(org):
    return EventFactory(organisations=[org], slug="du-og-jeg")


@pytest.fixture
def day(event):
    return EventDayFactory(event=event, capacity=1)


@pytest.fixture
def admin_client(client_for, conference_admin):
    return client_for(conference_admin)


@pytest.fixture
def admin_page(admin_client, event):
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    return lambda **query: admin_client.get(url, query)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the writes in the block as if they committed (the bumps wait for the commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def day_table(response) -> list[dict]:
    """The day table's rows: capacity, confirmed, free, waiting, awaiting consent, checked in."""
    names = ("capacity", "confirmed", "free", "waiting", "awaiting_consent", "checked_in")
    html = response.content.decode()
    return [dict(zip(names, map(int, cells), strict=True)) for cells in DAY_ROW.findall(html)]


def sign_up(event, org, day, name, **extra):
    return services.registration_create(
        event=event, name=name, email=f"{name.lower()}@rk.dk", organisation=org, days=[day], **extra
    )


def test_a_sign_up_shows_in_the_counts_once_it_commits(admin_page, commit, event, org, day):
    assert day_table(admin_page())[0]["confirmed"] == 0  # now cached
    with commit():
        sign_up(event, org, day, "Anne")
    page = admin_page()
    assert day_table(page)[0] == {
        "capacity": 1,
        "confirmed": 1,
        "free": 0,
        "waiting": 0,
        "awaiting_consent": 0,
        "checked_in": 0,
    }
    assert "Rødovre Lærerforening: 1" in page.content.decode()
    assert "Medarbejder: 1" in page.content.decode()


def test_an_uncommitted_write_is_not_seen_from_the_cache(admin_page, event, org, day):
    """The cache only moves on commit: a reader never stores data older than its version."""
    admin_page()
    sign_up(event, org, day, "Anne")  # the test's transaction never commits
    assert day_table(admin_page())[0]["confirmed"] == 0
    assert "Anne" in admin_page().content.decode()  # the rows are always read afresh


def test_a_cancellation_and_the_promotion_from_the_waiting_list_show(
    admin_page, commit, event, org, day
):
    with commit():
        anne = sign_up(event, org, day, "Anne")
        sign_up(event, org, day, "Bo")
    counts = day_table(admin_page())[0]
    assert (counts["confirmed"], counts["waiting"]) == (1, 1)
    with commit():
        services.registration_cancel(registration=anne)
    counts = day_table(admin_page())[0]
    assert (counts["confirmed"], counts["waiting"]) == (1, 0)
    assert "Rødovre Lærerforening: 1" in admin_page().content.decode()


def test_changed_days_show(admin_page, commit, event, org, day):
    second = EventDayFactory(event=event, capacity=3, date=day.date + timezone.timedelta(days=1))
    with commit():
        anne = sign_up(event, org, day, "Anne")
    assert [d["confirmed"] for d in day_table(admin_page())] == [1, 0]
    with commit():
        services.registration_change_days(registration=anne, days=[second])
    assert [d["confirmed"] for d in day_table(admin_page())] == [0, 1]


def test_a_check_in_shows(admin_page, commit, event, org, day):
    with commit():
        anne = sign_up(event, org, day, "Anne")
    assert day_table(admin_page())[0]["checked_in"] == 0
    with commit():
        services.booking_check_in(booking=anne.bookings.get(), correction=True)
    assert day_table(admin_page())[0]["checked_in"] == 1


def test_a_pupils_consent_shows(admin_page, commit, event, day, school_a, class_a, staff_a):
    with commit():
        ida = pupil(event, day, school_a, class_a, staff_a)
    assert day_table(admin_page())[0]["awaiting_consent"] == 1
    assert "Valhøj Skole: 1" in admin_page().content.decode()
    with commit():
        services.registration_record_consent(
            registration=ida, guardian_name="Mor", given_at=timezone.now()
        )
    counts = day_table(admin_page())[0]
    assert (counts["awaiting_consent"], counts["confirmed"]) == (0, 1)


def test_the_admins_new_capacity_and_organisations_show(admin_page, commit, event, org, day):
    admin_page()
    other = OrganisationFactory(name="BUPL")
    day.capacity = 7
    with commit():
        services.event_save(event=event, organisations=[org, other], facilitators=[], days=[day])
    page = admin_page()
    assert day_table(page)[0]["capacity"] == 7
    assert f'<option value="{other.pk}">BUPL</option>' in page.content.decode()
    with commit():
        other.name = "BUPL Storkøbenhavn"
        other.save()
    assert "BUPL Storkøbenhavn</option>" in admin_page().content.decode()


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


def send_reminder(anne, _ida):
    anne.bookings.update(day=EventDayFactory(event=anne.event, date=clock.today()))
    assert tasks.send_reminders() == 1


@pytest.mark.parametrize(
    "bulk_write",
    [
        lambda _anne, ida: retention.pupils_anonymise_ids([ida.pk]),
        lambda anne, _ida: retention.adults_anonymise_ids([anne.pk]),
        lambda anne, _ida: tasks.send_confirmation(anne.pk),
        send_reminder,
    ],
    ids=["pupils anonymised", "adults anonymised", "confirmation sent", "reminder sent"],
)
def test_a_bulk_write_to_registrations_bumps_the_cache(
    commit, event, org, day, school_a, class_a, staff_a, bulk_write
):
    anne = sign_up(event, org, day, "Anne")
    ida = pupil(event, day, school_a, class_a, staff_a)
    before = caching.data.version()
    with commit():
        bulk_write(anne, ida)
    assert caching.data.version() != before


def test_the_demo_seed_bumps_the_cache(db, commit, at_demo_date):
    before = caching.data.version()
    with commit():
        call_command("seed_demo", "--quiet")
    assert caching.data.version() != before


def test_the_pager_counts_from_the_cache_and_a_stale_count_is_caught(
    admin_page, commit, event, org, day, school_a, class_a, staff_a
):
    with commit():
        for n in range(51):
            sign_up(event, org, day, f"P{n:02}")
        pupil(event, day, school_a, class_a, staff_a)
    admin_page()
    page = admin_page().context["page_obj"]
    assert (page.paginator.count, page.paginator.num_pages) == (52, 2)
    assert [r.name for r in admin_page(page=2).context["rows"]] == ["P50", "Ida"]
    assert admin_page(kind="pupil").context["page_obj"].paginator.count == 1
    # a sign-up the cache has not heard of (its bump not yet there): the rows tell, and count
    sign_up(event, org, day, "Late")
    response = admin_page(page=2)
    assert response.context["page_obj"].paginator.count == 53
    assert [r.name for r in response.context["rows"]] == ["P50", "Ida", "Late"]


def test_every_read_of_a_pupils_row_is_logged_also_with_the_counts_cached(
    admin_page, commit, event, day, school_a, class_a, staff_a
):
    with commit():
        pupil(event, day, school_a, class_a, staff_a)
    for _ in range(3):
        admin_page()
    assert ReadLogEntry.objects.filter(username="konferenceadmin").count() == 3


def test_the_cached_filter_form_is_the_one_drawn_afresh_in_each_language(
    admin_client, admin_page, event, org, day
):
    def form(response):
        html = response.content.decode()
        start = html.index('<form method="get"')
        return html[start : html.index("</form>", start)]

    cold = form(admin_page())
    assert form(admin_page()) == cold  # from the cache
    assert form(admin_page(page=2)) == cold  # a page of the list: the same form
    filtered = form(admin_page(q=""))  # bound with empty filters: drawn afresh
    assert filtered == cold
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = form(admin_page())
    assert english != cold and "Search (name, e-mail)" in english
    del admin_client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert form(admin_page()) == cold


def test_the_list_makes_three_queries_with_the_counts_cached(
    admin_page, event, org, day, django_assert_num_queries
):
    sign_up(event, org, day, "Anne")
    admin_page()
    # session, user, the page's rows with their bookings. The event comes from the cache (the
    # conference admin reads and edits every event); no COUNT (sees all rows, no filter)
    with django_assert_num_queries(3):
        admin_page()
    # cold: + the event, the day table, the counts per organisation and kind, the filter's
    # organisations, the total, the names the rows show
    caching.data.forget()
    with django_assert_num_queries(9):
        admin_page()
    # a filter: + the COUNT of the filtered rows
    with django_assert_num_queries(4):
        admin_page(q="Anne")


def test_the_event_from_the_cache_is_still_checked_by_the_access_module(
    client_for, commit, coordinator, leader_a, event, org, day
):
    url = reverse("conference:registration_list", kwargs={"pk": event.pk})
    reader = client_for(coordinator)  # reads every event, edits none: no cancel forms
    with commit():
        sign_up(event, org, day, "Anne")
    assert reader.get(url).status_code == 200
    assert "afmeld/" not in reader.get(url).content.decode()
    assert client_for(leader_a).get(url).status_code in (403, 404)
    missing = reverse("conference:registration_list", kwargs={"pk": event.pk + 1000})
    assert reader.get(missing).status_code == 404
    with commit():
        event.title = "Du og jeg 2025"
        event.save()
    assert "Du og jeg 2025" in reader.get(url).content.decode()
    with commit():
        Registration.objects.filter(event=event).delete()
        event.days.all().delete()
        event.delete()
    assert reader.get(url).status_code == 404


def test_a_row_whose_names_the_cache_has_not_seen_yet_shows_them(
    admin_page, event, org, day, school_a, class_a, staff_a
):
    """Names of organisations, schools and classes come with the counts; a registration that
    came after them (its bump not there yet) has its names read for it."""
    admin_page()
    other = OrganisationFactory(name="BUPL")
    event.organisations.add(other)
    sign_up(event, other, day, "Anne")
    pupil(event, day, school_a, class_a, staff_a)
    html = admin_page().content.decode()
    assert "<td>BUPL</td>" in html
    assert "<td>Valhøj Skole 7.A</td>" in html
