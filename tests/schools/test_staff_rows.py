"""The staff list's rows, written from plain values (``listrows.staff_rows``), are the rows the
generic ``object_rows`` wrote from Staff instances — and the page is the same page."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.factories import OrganisationFactory, SchoolFactory, StaffFactory
from trivsel.schools import access, listrows
from trivsel.schools.models import Job, Staff
from trivsel.schools.views import StaffListView

TAG = "{% load portal %}{% object_rows object_list columns link_column %}"


def _staff_of_every_kind(school_a):
    elsewhere = SchoolFactory(name="Anden skole")
    StaffFactory(name='Ærø <Bo> & "co"', email="bo&co@example.org", school=school_a)
    StaffFactory(
        name="Ib",
        job=Job.HEALTH_NURSE,
        school=None,
        organisation=OrganisationFactory(name="PPR <&> Co"),
    )
    StaffFactory(name="Uden arbejdssted", job=Job.OTHER, school=None, email="")
    StaffFactory(name="Gammel", job=Job.LEADER, school=elsewhere, is_active=False)
    Staff.objects.filter(name="Uden arbejdssted").update(job="gone")  # a value not in the choices


@pytest.mark.parametrize("language", ["da", "en"])
def test_staff_rows_write_what_object_rows_wrote(db, school_a, coordinator, leader_a, language):
    _staff_of_every_kind(school_a)
    view = StaffListView()
    for user in (coordinator, leader_a):
        scoped = access.annotate_can(access.scope(user, view.base_queryset(), "read"), user, "edit")
        instances = list(scoped)
        values = list(scoped.values(*listrows.STAFF_FIELDS, "can_edit"))
        assert len(instances) >= 2 and {r["can_edit"] for r in values} >= {True}
        with translation.override(language):
            context = Context({"object_list": instances, "columns": view.columns, "link_column": 0})
            expected = Template(TAG).render(context)
            written = listrows.staff_rows(values, view.columns)
            assert written == expected
            # the tag passes rows a view wrote through as they are
            context["object_list"] = written
            assert Template(TAG).render(context) == expected


def test_the_staff_list_shows_each_page_and_exports_the_whole_list(
    db, client, school_a, coordinator
):
    for n in range(55):
        StaffFactory(name=f"Medarbejder {n:02}", school=school_a)
    login(client, coordinator)
    first = client.get(reverse("schools:staff_list")).content.decode()
    second = client.get(reverse("schools:staff_list") + "?page=2").content.decode()
    assert "Medarbejder 00" in first and "Medarbejder 54" not in first
    assert "Medarbejder 54" in second and "Side 2 af 2" in second
    response = client.get(reverse("schools:staff_list") + "?format=csv")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Medarbejder 00" in export and "Medarbejder 54" in export
