"""The staff list: each column of a row, every value escaped; pages and the export."""

from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertInHTML

from tests.conftest import login
from tests.factories import OrganisationFactory, StaffFactory
from trivsel.schools.models import Job


def test_a_row_shows_name_job_workplace_email_active_and_the_edit_button(
    db, client, school_a, coordinator
):
    bo = StaffFactory(name='Ærø <Bo> & "co"', email="bo&co@example.org", school=school_a)
    StaffFactory(
        name="Ib",
        job=Job.HEALTH_NURSE,
        school=None,
        organisation=OrganisationFactory(name="PPR <&> Co"),
        is_active=False,
    )
    login(client, coordinator)
    html = client.get(reverse("schools:staff_list")).content.decode()
    assertInHTML(
        f"""<tr><td data-label="Navn">Ærø &lt;Bo&gt; &amp; &quot;co&quot;</td>
        <td data-label="Stilling">Lærer</td><td data-label="Arbejdssted">Valhøj Skole</td>
        <td data-label="E-mail">bo&amp;co@example.org</td><td data-label="Aktiv">Ja</td>
        <td class="text-end"><a class="btn btn-sm btn-outline-primary" href="/medarbejdere/{bo.pk}/rediger/">Redigér<span class="visually-hidden"> Ærø &lt;Bo&gt; &amp; &quot;co&quot;</span></a></td></tr>""",
        html,
    )
    assert '<td data-label="Arbejdssted">PPR &lt;&amp;&gt; Co</td>' in html
    assert '<td data-label="Stilling">Sundhedsplejerske</td>' in html
    assert '<td data-label="Aktiv">Nej</td>' in html


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
