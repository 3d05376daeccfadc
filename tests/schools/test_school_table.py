"""The school tables (the school list, the network's home page) read their counts in one query:
the same counts as the ORM's per-school subqueries, the access module's «may edit» and the links."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from tests.factories import SchoolClassFactory, SchoolFactory, SchoolYearFactory, StaffFactory
from trivsel.schools import access
from trivsel.schools.models import School, SchoolClass, Staff
from trivsel.schools.views.records import school_table


def orm_table(user, year) -> list[tuple]:
    """The counts as three ORM Subquery expressions, with ``can_edit``."""
    classes = (
        SchoolClass.objects.filter(school=OuterRef("pk"), school_year=year)
        .order_by()
        .values("school")
    )
    staff = Staff.objects.filter(school=OuterRef("pk"), is_active=True).order_by().values("school")
    schools = access.annotate_can(access.scope(user, School.objects.all(), "read"), user, "edit")
    return list(
        schools.annotate(
            class_count=Coalesce(Subquery(classes.annotate(n=Count("pk")).values("n")), 0),
            pupil_count=Coalesce(Subquery(classes.annotate(n=Sum("pupil_count")).values("n")), 0),
            staff_count=Coalesce(Subquery(staff.annotate(n=Count("pk")).values("n")), 0),
        )
        .order_by("name")
        .values_list("pk", "name", "can_edit", "class_count", "pupil_count", "staff_count")
    )


def test_the_school_table_counts_what_the_orm_counts_with_can_edit_and_links(
    db, school_year, school_a, school_b, leader_a, coordinator
):
    other_year = SchoolYearFactory(name="2019/20", is_current=False)
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=21)
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=0)
    SchoolClassFactory(school=school_b, school_year=other_year, pupil_count=9)
    StaffFactory(school=school_b, is_active=False)
    StaffFactory(school=school_b)
    SchoolFactory(name="Tom skole")
    for user in (coordinator, leader_a):
        for year in (school_year, other_year, None):
            rows = school_table(user, year)
            expected = orm_table(user, year)
            assert expected  # every actor sees at least one school
            assert [
                (r["pk"], r["name"], bool(r["edit_url"]), *map(r.get, COUNTS)) for r in rows
            ] == expected
            for row in rows:
                assert row["url"] == reverse("schools:school_detail", args=[row["pk"]])


COUNTS = ("class_count", "pupil_count", "staff_count")


def test_the_school_table_of_a_login_whose_scope_is_empty_is_empty(db, school_a, school_year):
    from tests.conftest import make_actor
    from trivsel.schools.models import Role

    nowhere = make_actor("uden_skole", role=Role.STAFF, schools=[])
    assert school_table(nowhere, school_year) == orm_table(nowhere, school_year) == []


def test_the_school_list_and_the_home_page_show_the_counts_escaped(
    client_for, coordinator, leader_a, school_year, school_a
):
    SchoolFactory(name='Ærø <Skole> & "co"')
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=1234, letter="<A>")
    SchoolClassFactory(school=school_a, school_year=school_year, pupil_count=5)
    school_list = client_for(coordinator).get(reverse("schools:school_list")).content.decode()
    assert "Ærø &lt;Skole&gt; &amp; &quot;co&quot;</a>" in school_list
    assert '<td class="text-end">1.239</td>' in school_list
    assert reverse("schools:school_update", args=[school_a.pk]) in school_list
    home = client_for(leader_a).get(reverse("home")).content.decode()
    assert '&lt;A&gt; <span class="text-body-secondary">(1234)</span>' in home
    assert reverse("schools:school_update", args=[school_a.pk]) not in home


def test_the_school_list_and_the_home_page_show_a_hundred_schools_a_page(
    client_for, coordinator, school_year
):
    SchoolFactory.create_batch(101)
    client = client_for(coordinator)
    for url in (reverse("schools:school_list"), reverse("home")):
        first, second = client.get(url), client.get(url, {"page": 2})
        assert len(first.context["rows"]) == 100 and len(second.context["rows"]) == 1
        assert "Side 1 af 2" in first.content.decode()
