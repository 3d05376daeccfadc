from datetime import date

import pytest
from django.db import IntegrityError, transaction

from tests.factories import SchoolClassFactory, SchoolYearFactory
from trivsel.schools.models import SchoolClass, SchoolYear, Staff


def test_a_second_7a_for_the_same_school_and_year_is_refused(class_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolClass.objects.create(
            school=class_a.school, school_year=class_a.school_year, grade=7, letter="A"
        )
    assert SchoolClass.objects.filter(school=class_a.school, grade=7, letter="A").count() == 1


def test_the_same_class_letter_in_another_year_is_fine(class_a):
    next_year = SchoolYearFactory(
        name="2024/25", start=date(2024, 8, 1), end=date(2025, 7, 31), is_current=False
    )
    SchoolClassFactory(school=class_a.school, school_year=next_year, grade=7, letter="A")
    assert SchoolClass.objects.filter(school=class_a.school, grade=7, letter="A").count() == 2


def test_a_negative_pupil_count_is_refused(class_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolClass.objects.filter(pk=class_a.pk).update(pupil_count=-1)
    class_a.refresh_from_db()
    assert class_a.pupil_count == 22


def test_a_school_year_must_end_after_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolYear.objects.create(name="2030/31", start=date(2031, 7, 31), end=date(2030, 8, 1))
    assert not SchoolYear.objects.filter(name="2030/31").exists()


def test_only_one_school_year_is_current(school_year):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolYear.objects.create(
            name="2024/25", start=date(2024, 8, 1), end=date(2025, 7, 31), is_current=True
        )
    assert SchoolYear.current() == school_year


def test_staff_belongs_to_a_school_or_an_organisation_not_both(school_a):
    from tests.factories import OrganisationFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        Staff.objects.create(name="Dobbelt", school=school_a, organisation=OrganisationFactory())
    assert not Staff.objects.filter(name="Dobbelt").exists()


def test_grade_band_follows_the_danish_school_stages(class_a):
    class_a.grade = 0
    assert class_a.band == "indskoling"
    class_a.grade = 5
    assert class_a.band == "mellemtrin"
    class_a.grade = 9
    assert class_a.band == "udskoling"
    assert class_a.label == "9.A"
