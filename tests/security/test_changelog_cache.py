"""The cached change log (``trivsel/security/caching.py``): a first visit computes a page (its
per-table counts and rows) and later visits read it; every new history row, and every bulk write
that makes or rewrites history rows without signals, bumps the data version when it commits."""

import re

import pytest
from django.urls import reverse

from tests.factories import PartnerFactory, SchoolFactory
from trivsel.schools import privacy, subject
from trivsel.schools.caching import bump_all_on_commit
from trivsel.schools.models import Partner, Staff
from trivsel.security import caching

URL = reverse("security:changelog")


def page(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def without_csrf_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.fixture
def partner(coordinator):
    partner = PartnerFactory(name="Foreningen", description="Første tekst")
    partner._history_user = coordinator
    partner.name = "Foreningen Ny"
    partner.save()
    return partner


def test_a_first_visit_computes_the_page_and_later_visits_read_it(
    client_for, coordinator, partner, django_assert_num_queries
):
    client = client_for(coordinator)
    client.get(reverse("home"))  # the session's own first writes
    caching.data.forget()
    # session, user; the counts per table, the page (one UNION), the rows' users and changes,
    # the filter's users
    with django_assert_num_queries(6):
        first = page(client)
    with django_assert_num_queries(2):  # session, user
        second = page(client)
    assert without_csrf_token(first) == without_csrf_token(second)
    assert "Foreningen → Foreningen Ny" in second


def test_a_change_shows_once_it_has_committed(
    client_for, coordinator, partner, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    assert "Foreningen Ny → Foreningen Nyeste" not in page(client)
    with django_capture_on_commit_callbacks() as on_commit:
        partner.name = "Foreningen Nyeste"
        partner.save()
    assert "Foreningen Ny → Foreningen Nyeste" not in page(client)  # not committed yet
    assert on_commit, "a new history row bumps nothing when it commits"
    for callback in on_commit:
        callback()
    assert "Foreningen Ny → Foreningen Nyeste" in page(client)


def test_a_deletion_shows_once_it_has_committed(
    client_for, coordinator, partner, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    assert "<td>slettet</td>" not in page(client, "?kind=schools.partner")
    with django_capture_on_commit_callbacks(execute=True):
        Partner.objects.get(pk=partner.pk).delete()
    assert "<td>slettet</td>" in page(client, "?kind=schools.partner")


def test_a_new_login_shows_in_the_filters_users(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    client = client_for(coordinator)
    assert ">nyansat</option>" not in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        UserFactory(username="nyansat")
    assert ">nyansat</option>" in page(client)


def test_erasing_text_rewrites_the_history_and_bumps(
    client_for, coordinator, partner, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    assert "Foreningen → Foreningen Ny" in page(client)
    with django_capture_on_commit_callbacks() as on_commit:
        privacy.erase_text(Partner.objects.filter(pk=partner.pk), ["name"], replacement="X")
    assert on_commit, "the plain UPDATEs bump nothing"
    for callback in on_commit:
        callback()
    assert "Foreningen → Foreningen Ny" not in page(client)


def test_erasing_a_person_bumps(
    client_for, coordinator, staff_a, django_capture_on_commit_callbacks
):
    staff = Staff.objects.get(user=staff_a)
    client = client_for(coordinator)
    assert f">{staff_a.username}</option>" in page(client)
    with django_capture_on_commit_callbacks(execute=True):
        subject.erase(staff)
    listing = page(client)
    assert f">{staff_a.username}</option>" not in listing
    assert f">slettet-{staff_a.pk}</option>" in listing


def test_importing_classes_bumps_every_cached_family(
    db, school_year, django_capture_on_commit_callbacks
):
    from trivsel.schools.class_file import ClassRow
    from trivsel.schools.services.classes import classes_import

    school = SchoolFactory(name="Importskolen")
    before = caching.data.version()
    with django_capture_on_commit_callbacks(execute=True):
        classes_import(
            school_year=school_year,
            rows=[ClassRow(2, school.name, "3", "A", "21", (school.name, "3", "A", "21"))],
        )
    assert caching.data.version() != before


def test_bump_all_reaches_the_change_log(db, django_capture_on_commit_callbacks):
    before = caching.data.version()
    with django_capture_on_commit_callbacks(execute=True):
        bump_all_on_commit()
    assert caching.data.version() != before


def test_pages_and_filters_are_cached_apart(client_for, coordinator, leader_a, partner):
    school = SchoolFactory(name="Testskolen")
    school._history_user = leader_a
    school.name = "Testskolen 2"
    school.save()
    client = client_for(coordinator)
    for _ in range(2):  # computed, then read from the cache
        assert "Samarbejdspartner #" in page(client, "?kind=schools.partner")
        assert "Skole #" not in page(client, "?kind=schools.partner")
        assert "Samarbejdspartner #" not in page(client, "?kind=schools.school")
        by_user = page(client, f"?user={leader_a.pk}")
        assert "Skole #" in by_user and "Samarbejdspartner #" not in by_user
        assert "Ingen ændringer matcher filtret." in page(client, "?start=2999-01-01")
        # a page past the end is the last page, a non-number the first (as Paginator.get_page)
        assert page(client, "?page=999").count("<tr>") == page(client, "?page=1").count("<tr>")
        assert "Samarbejdspartner #" in page(client, "?page=abc")


OLD_ROW = (
    "{% load i18n %}<tr>\n"
    '    <td>{{ row.history_date|date:"d.m.Y H:i" }}</td>\n'
    '    <td>{{ row.username|default:_("(systemet)") }}</td>\n'
    "    <td>{{ row.object_label }}</td>\n"
    "    <td>{{ row.action }}</td>\n"
    "    <td>{% for change in row.changes %}<div><strong>{{ change.field|capfirst }}</strong>"
    '{% if change.old is not None %}: {{ change.old|default:"–" }} → {{ change.new|default:"–" }}'
    '{% else %} <span class="text-body-secondary">{% translate "(fritekst ændret)" %}</span>'
    "{% endif %}</div>{% endfor %}</td>\n"
    "  </tr>"
)


def test_a_row_is_the_markup_the_template_wrote(db):
    from datetime import UTC, datetime

    from django.template import Context, Template

    from trivsel.security.history import Change
    from trivsel.security.views_audit import ACTIONS, row_html

    labels = {
        "system": "(systemet)",
        "free_text": ' <span class="text-body-secondary">(fritekst ændret)</span>',
    }
    rows = [
        {
            "history_date": datetime(2023, 6, 30, 22, 30, tzinfo=UTC),  # 1 July in Copenhagen
            "username": "",
            "object_label": 'Skole <b> & "x" #3',
            "action": ACTIONS["~"],
            "changes": [
                Change("navn", "A & <b>", 'B "c"'),
                Change("beskrivelse", None, None),
                Change("ændret <felt>", "", "ny"),
            ],
        },
        {
            "history_date": datetime(2024, 1, 15, 9, 0, tzinfo=UTC),
            "username": "lea<script>",
            "object_label": "Bruger #1",
            "action": ACTIONS["+"],
            "changes": [],
        },
    ]
    template = Template(OLD_ROW)
    for row in rows:
        assert row_html(row, labels) == template.render(Context({"row": row}))
