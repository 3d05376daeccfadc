"""The Åben Skole money overview's tables are cached (``initiatives/openschool/caching.py``): a
second visit reads them, and every write that changes them shows once it has committed."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from initiatives.openschool import caching, selectors, services
from initiatives.openschool.models import Status
from tests.factories import PartnerFactory, SchoolFactory
from tests.openschool.factories import ApplicationFactory, OfferFactory

OVERVIEW = reverse("openschool:overview")


def test_a_second_visit_reads_the_money_tables_from_the_cache(
    client_for, coordinator, programme, school_a, django_assert_num_queries
):
    ApplicationFactory(programme=programme, school=school_a)
    client = client_for(coordinator)
    client.get(reverse("home"))  # the session's own first writes
    caching.data.forget()
    # session, user, the current year's programme, money per school, per partner, programmes
    with django_assert_num_queries(6):
        client.get(OVERVIEW)
    with django_assert_num_queries(4):
        cached = page(client)
    caching.data.forget()
    assert page(client) == cached


def test_the_money_tables_are_kept_apart_per_language(db, programme, school_a):
    ApplicationFactory(programme=programme, school=school_a)  # an own activity: no partner
    for language in ("da", "en", "da", "en"):
        with translation.override(language):
            uncached = selectors.money_overview(programme)
            assert caching.money_overview(programme) == uncached
            assert uncached["by_partner"][0]["name"] == _("Egen aktivitet")


def page(client) -> str:
    """The overview's HTML without the per-request CSRF tokens (the log-out and language forms)."""
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]*"', "", client.get(OVERVIEW).content.decode()
    )


def _new_application(f):
    services.application_create(
        by=f["leader"],
        programme=f["programme"],
        school=f["school_b"],
        amount=Decimal("7000"),
        purpose="Trivsel i klassen.",
        planned_start=date(2024, 2, 1),
        planned_end=date(2024, 3, 1),
        own_title="Ny aktivitet",
        submit=True,
    )


def _approved(f):
    services.allocation_approve(
        application=f["app"], amount=Decimal("15000"), approved_by=f["coordinator"]
    )


def _sent_back_and_edited(f):
    services.application_request_changes(application=f["app"], by=f["coordinator"], reason="Ret")
    services.application_update(
        application=f["app"],
        by=f["leader"],
        target_classes=[],
        submit=True,
        amount=Decimal("25000"),
    )


def _reported(f):
    services.allocation_approve(
        application=f["app"], amount=Decimal("15000"), approved_by=f["coordinator"]
    )
    services.report_submit(
        application=f["app"],
        by=f["leader"],
        held_from=date(2024, 2, 1),
        held_to=date(2024, 2, 2),
        class_count=1,
        pupil_count=20,
        spent_amount=Decimal("12345"),
        wellbeing_effect="Godt",
        staff_participation="Ja",
    )


def _deleted(f):
    f["app"].delete()


def _renamed_school(f):
    f["school_a"].name = "Omdøbt Skole"
    f["school_a"].save()


def _renamed_partner(f):
    f["partner"].name = "Omdøbt Partner"
    f["partner"].save()


def _offer_of_another_partner(f):
    f["offer"].partner = PartnerFactory(name="Ny Partner")
    f["offer"].save()


WRITES = {
    # write: (function, text the page shows after the commit, text gone after it)
    "new application": (_new_application, "<td>Ny Skole</td>", None),
    "approved": (_approved, '<td class="text-end">15.000</td>', None),
    "sent back and edited": (_sent_back_and_edited, '<td class="text-end">45.000</td>', None),
    "reported": (_reported, '<td class="text-end">12.345</td>', None),
    "deleted application": (_deleted, None, '<td>Valhøj Skole</td><td class="text-end">2</td>'),
    "renamed school": (_renamed_school, "<td>Omdøbt Skole</td>", "<td>Valhøj Skole</td>"),
    "renamed partner": (_renamed_partner, "<td>Omdøbt Partner</td>", "<td>Partner Oprindelig</td>"),
    "the offer's partner changed": (
        _offer_of_another_partner,
        "<td>Ny Partner</td>",
        "<td>Partner Oprindelig</td>",
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_a_write_shows_on_the_overview_once_it_has_committed(
    write,
    client_for,
    coordinator,
    leader_a,
    programme,
    school_a,
    django_capture_on_commit_callbacks,
):
    change, shown, gone = WRITES[write]
    school_b = SchoolFactory(name="Ny Skole")
    leader_a.schools.add(school_b)
    partner = PartnerFactory(name="Partner Oprindelig")
    offer = OfferFactory(programme=programme, partner=partner)
    app = ApplicationFactory(
        programme=programme, school=school_a, amount=Decimal("20000"), status=Status.SUBMITTED
    )
    ApplicationFactory(programme=programme, school=school_a, offer=offer, own_title="")
    fixtures = {
        "programme": programme,
        "coordinator": coordinator,
        "leader": leader_a,
        "school_a": school_a,
        "school_b": school_b,
        "partner": partner,
        "offer": offer,
        "app": app,
    }
    client = client_for(coordinator)
    before = page(client)  # computed and cached
    assert page(client) == before  # read from the cache
    assert '<td>Valhøj Skole</td><td class="text-end">2</td>' in before
    with django_capture_on_commit_callbacks(execute=True):
        change(fixtures)
    after = page(client)
    assert after != before
    if shown:
        assert shown in after
    if gone:
        assert gone not in after
