"""Every August, part 2: «Nyt skoleår» moves every class one grade up, lets 9. and 10. leave, starts
the new 0. klasser a coordinator asks for, shows all this first, and makes the new year current."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import SchoolClassFactory, SchoolYearFactory
from trivsel.schools.models import SchoolClass, SchoolYear

URL = reverse("schools:new_school_year")


@pytest.fixture
def this_year(school_a, school_b, school_year):
    """2023/24: Valhøj has 0.A, 0.B, 3.A, 9.A, 10.A; Nyager has 8.A and no 0. klasse."""
    for grade, letter, pupils in [(0, "A", 20), (0, "B", 23), (3, "A", 24), (9, "A", 25)]:
        SchoolClassFactory(
            school=school_a, school_year=school_year, grade=grade, letter=letter, pupil_count=pupils
        )
    SchoolClassFactory(
        school=school_a, school_year=school_year, grade=10, letter="A", pupil_count=12
    )
    SchoolClassFactory(
        school=school_b, school_year=school_year, grade=8, letter="A", pupil_count=21
    )
    return school_year


@pytest.fixture
def coordinator_client(client_for, coordinator):
    return client_for(coordinator)


def numbers(school_a, school_b, *, a=(3, 22), b=(1, 19)):
    return {
        f"count_{school_a.pk}": a[0],
        f"pupils_{school_a.pk}": a[1],
        f"count_{school_b.pk}": b[0],
        f"pupils_{school_b.pk}": b[1],
    }


def classes_of(year):
    return sorted(
        (c.school.name, c.label, c.pupil_count)
        for c in SchoolClass.objects.filter(school_year=year).select_related("school")
    )


def test_the_form_is_prefilled_with_this_years_0_klasser(coordinator_client, this_year, school_a):
    response = coordinator_client.get(URL)
    form = response.context["form"]
    assert response.status_code == 200
    assert form[f"count_{school_a.pk}"].value() == 2
    assert form[f"pupils_{school_a.pk}"].value() == 22  # (20 + 23) / 2, rounded
    assert "Nyt skoleår: 2024/25" in response.content.decode()


def test_the_preview_shows_what_will_happen_and_changes_nothing(
    coordinator_client, this_year, school_a, school_b
):
    before = classes_of(this_year)
    response = coordinator_client.post(URL, {"action": "preview", **numbers(school_a, school_b)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "0.A → 1.A" in html and "8.A → 9.A" in html
    assert "Går ud af skolen (2 klasser)" in html  # Valhøj's 9.A and 10.A
    assert "Nye 0. klasser (3)" in html
    assert "oprettes med 8 klasser" in html
    assert list(SchoolYear.objects.values_list("name", flat=True)) == ["2023/24"]
    assert classes_of(this_year) == before


def test_confirming_creates_the_new_year_with_the_right_classes(
    coordinator_client, this_year, school_a, school_b
):
    response = coordinator_client.post(
        URL, {"action": "confirm", **numbers(school_a, school_b)}, follow=True
    )
    new_year = SchoolYear.objects.get(name="2024/25")
    assert (new_year.start, new_year.end) == (date(2024, 8, 1), date(2025, 7, 31))
    assert classes_of(new_year) == [
        ("Nyager Skole", "0.A", 19),
        ("Nyager Skole", "9.A", 21),
        ("Valhøj Skole", "0.A", 22),
        ("Valhøj Skole", "0.B", 22),
        ("Valhøj Skole", "0.C", 22),
        ("Valhøj Skole", "1.A", 20),
        ("Valhøj Skole", "1.B", 23),
        ("Valhøj Skole", "4.A", 24),
    ]
    assert "Skoleåret 2024/25 er oprettet med 8 klasser" in response.content.decode()


def test_confirming_makes_the_new_year_current_and_the_old_not(
    coordinator_client, this_year, school_a, school_b
):
    coordinator_client.post(URL, {"action": "confirm", **numbers(school_a, school_b)})
    this_year.refresh_from_db()
    assert SchoolYear.current().name == "2024/25"
    assert not this_year.is_current
    assert SchoolYear.objects.filter(is_current=True).count() == 1


def test_this_years_classes_stay_as_they_were(coordinator_client, this_year, school_a, school_b):
    before = classes_of(this_year)
    coordinator_client.post(URL, {"action": "confirm", **numbers(school_a, school_b)})
    assert classes_of(this_year) == before


def test_a_school_with_no_new_0_klasse_gets_none(coordinator_client, this_year, school_a, school_b):
    coordinator_client.post(URL, {"action": "confirm", **numbers(school_a, school_b, b=(0, 0))})
    new_year = SchoolYear.objects.get(name="2024/25")
    assert classes_of(new_year)[0] == ("Nyager Skole", "9.A", 21)


def test_a_second_run_of_the_same_form_is_refused(
    coordinator_client, this_year, school_a, school_b
):
    form = {"action": "confirm", "from_year": this_year.pk, **numbers(school_a, school_b)}
    coordinator_client.post(URL, form)
    again = coordinator_client.post(URL, form, follow=True)
    assert "Skoleåret 2024/25 findes allerede" in again.content.decode()
    assert sorted(SchoolYear.objects.values_list("name", flat=True)) == ["2023/24", "2024/25"]


def test_running_it_again_the_same_summer_is_refused(
    coordinator_client, this_year, school_a, school_b, time_machine
):
    time_machine.move_to(date(2024, 6, 20))
    coordinator_client.post(URL, {"action": "confirm", **numbers(school_a, school_b)})
    response = coordinator_client.get(URL, follow=True)
    assert "2024/25 er ikke begyndt endnu" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("schools:schoolyear_list")
    assert not SchoolYear.objects.filter(name="2025/26").exists()


def test_it_is_refused_when_the_old_year_is_made_current_again(
    coordinator_client, this_year, school_a, school_b
):
    coordinator_client.post(URL, {"action": "confirm", **numbers(school_a, school_b)})
    coordinator_client.post(reverse("schools:schoolyear_make_current", args=[this_year.pk]))
    response = coordinator_client.get(URL, follow=True)
    assert "Skoleåret 2024/25 findes allerede" in response.content.decode()
    assert SchoolYear.objects.count() == 2


def test_it_is_refused_when_next_year_was_created_by_hand(coordinator_client, this_year):
    SchoolYearFactory(
        name="2024/25", start=date(2024, 8, 1), end=date(2025, 7, 31), is_current=False
    )
    response = coordinator_client.get(URL, follow=True)
    assert "Skoleåret 2024/25 findes allerede" in response.content.decode()


def test_a_bad_number_shows_the_form_again_and_saves_nothing(
    coordinator_client, this_year, school_a, school_b
):
    response = coordinator_client.post(
        URL, {"action": "confirm", **numbers(school_a, school_b, a=(-1, 22))}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert SchoolYear.objects.count() == 1


def test_another_year_can_be_made_current_by_post(coordinator_client, this_year):
    last_year = SchoolYearFactory(
        name="2022/23", start=date(2022, 8, 1), end=date(2023, 7, 31), is_current=False
    )
    url = reverse("schools:schoolyear_make_current", args=[last_year.pk])
    assert coordinator_client.get(url).status_code == 405
    response = coordinator_client.post(url, follow=True)
    assert "2022/23 er nu det aktuelle skoleår" in response.content.decode()
    assert SchoolYear.current() == last_year
    assert SchoolYear.objects.filter(is_current=True).count() == 1


def test_the_year_list_offers_the_august_actions(coordinator_client, this_year):
    html = coordinator_client.get(reverse("schools:schoolyear_list")).content.decode()
    assert reverse("schools:class_import") in html
    assert URL in html


@pytest.mark.parametrize("actor", ["leader_a", "staff_a", "consultant", "conference_admin"])
def test_only_coordinators_may_start_a_new_year(actors, client_for, this_year, actor):
    client = client_for(actors[actor])
    make_current = reverse("schools:schoolyear_make_current", args=[this_year.pk])
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"action": "confirm"}).status_code == 403
    assert client.post(make_current).status_code == 403
    assert SchoolYear.objects.count() == 1


def test_the_anonymous_is_sent_to_the_login_page(client, this_year):
    for response in (
        client.get(URL),
        client.post(reverse("schools:schoolyear_make_current", args=[this_year.pk])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_create_one_year(school_a):
    """The row locks make the second run wait, then find 2024/25 and be refused (without them it
    would crash on the unique name, or worse, with two current years)."""
    import threading

    from django.db import connection

    from trivsel.schools.services.school_years import (
        NewClasses,
        SchoolYearAdvanceError,
        school_year_advance,
    )

    current = SchoolYearFactory()
    SchoolClassFactory(school=school_a, school_year=current, grade=3, letter="A")
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        try:
            barrier.wait()
            school_year_advance(current=current, new_zero_classes={school_a.pk: NewClasses(1, 20)})
            outcomes.append("created")
        except SchoolYearAdvanceError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused"]
    assert list(SchoolYear.objects.filter(is_current=True).values_list("name", flat=True)) == [
        "2024/25"
    ]
    assert SchoolClass.objects.filter(school_year__name="2024/25").count() == 2
