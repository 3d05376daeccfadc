"""Unique constraints people can race into answer with a Danish message, never a 500. The walk
names how each constraint of the portal is handled, so a new one cannot be forgotten; the races
below are made to happen every time (``tests/races.py``)."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse

from initiatives.trials import services as trial_services
from initiatives.trials.models import RolloutPlan
from tests.conftest import login
from tests.factories import SchoolFactory
from tests.races import race_against_uncommitted
from tests.trials.factories import RolloutPlanFactory, ThemeDayFactory
from trivsel.schools import uniques
from trivsel.schools.models import School

FORM_VIEW = "a generic form view: ScopedFormMixin shows the form's own unique error"
LOCKED = "its service locks first, then checks"

# Every unique constraint and unique field of the portal, and what a second writer meets.
HANDLED = {
    "schools.User.username": "user_invite locks the e-mail address (the username) first",
    "schools.SchoolYear:one_current_schoolyear": "school_year_make_current locks every year",
    "schools.SchoolYear.name": FORM_VIEW + "; school_year_advance: uniques.saving",
    "schools.Period.name": FORM_VIEW,
    "schools.School.name": FORM_VIEW,
    "schools.SchoolClass:unique_class_per_year": FORM_VIEW
    + "; classes_import checks the file again after a violation",
    "schools.Organisation.name": FORM_VIEW,
    "schools.Staff.user": "user_invite locks the e-mail; _link_staff locks the staff row",
    "schools.Partner.name": FORM_VIEW,
    "statusnote.StatusNote:statusnote_one_version": LOCKED + " (the period)",
    "statusnote.StatusNote.supersedes": LOCKED + " (the note's row)",
    "statusnote.Commitment:statusnote_one_commitment_per_ref": LOCKED
    + " (made only by finalising, under the note's row and the period)",
    "trials.Theme.name": FORM_VIEW,
    "trials.RolloutPlan:one_rollout_plan_per_school_and_day": "rollout_plan_save: uniques.saving",
    "openschool.Programme.school_year": FORM_VIEW,
    "openschool.Offer:unique_offer_per_programme": FORM_VIEW,
    "openschool.Report.application": LOCKED + " (the application's row)",
    "headspace.TargetGrade.school_year": FORM_VIEW,
    "headspace.Talk:one_active_talk_per_class": LOCKED + ", and catches the violation",
    "headspace.CalendarFeed.school": LOCKED,
    "headspace.CalendarFeed.token": "a random token, never typed",
    "griefgroups.CourseSession:griefgroups_unique_session": FORM_VIEW,
    "griefgroups.Nomination:griefgroups_one_nomination_per_course": LOCKED
    + " (the course), and uniques.saving",
    "griefgroups.Attendance:griefgroups_one_attendance_per_session": LOCKED + " (the session)",
    "griefgroups.HourlyRate.valid_from": LOCKED + " (the date)",
    "griefgroups.Evaluation:griefgroups_one_evaluation_per_period": LOCKED
    + " (group and half-year)",
    "consultants.ChallengeTag.name": FORM_VIEW,
    "consultants.Activity.client_uuid": "activity_record answers from the winner's row",
    "conference.Event.slug": "event_save: uniques.saving",
    "conference.ConsentText:conference_consent_one_text_per_version": LOCKED + " (the event)",
    "conference.EventDay:conference_day_once_per_date": "event_save: uniques.saving",
    "conference.Registration:conference_one_signup_per_email": "registration_create: a twin is "
    "«already registered»",
    "conference.Registration:conference_pupil_once_per_class": "registration_create: a twin is "
    "«already registered»",
    "conference.Registration.token": "a random token, never typed",
    "conference.DayBooking:conference_booking_once_per_day": LOCKED + " (the days)",
}


def _unique_rules():
    """Unique constraints and fields of the project's models (a many-to-many table's pair is
    Django's own: ``add()`` skips pairs that exist)."""
    for model in apps.get_models():
        if not model.__module__.startswith(
            ("trivsel.", "initiatives.", "consultants", "conference")
        ):
            continue
        if model.__name__.startswith("Historical") and hasattr(model, "instance_type"):
            continue
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint):
                yield f"{model._meta.label}:{constraint.name}"
        for field in model._meta.local_fields:
            if field.unique and not field.primary_key:
                yield f"{model._meta.label}.{field.name}"


def test_every_unique_constraint_says_how_a_second_writer_is_answered():
    found = set(_unique_rules())
    assert found - set(HANDLED) == set(), "say how a race on these is answered"
    assert set(HANDLED) - found == set(), "these no longer exist"


# --- the races ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_school_created_twice_at_once_shows_the_form_again_with_the_danish_error(coordinator):
    client = login(Client(), coordinator)
    response = race_against_uncommitted(
        lambda: SchoolFactory(name="Islev Skole"),
        lambda: client.post(reverse("schools:school_create"), {"name": "Islev Skole"}),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Skole med dette Navn eksisterer allerede."]
    }
    assert School.objects.filter(name="Islev Skole").count() == 1


def test_a_roll_out_plan_saved_twice_at_once_gets_the_constraints_message():
    day = ThemeDayFactory()
    school = SchoolFactory(name="Islev Skole")

    def save_second():
        with pytest.raises(ValidationError) as raised:
            trial_services.rollout_plan_save(
                plan=RolloutPlanFactory.build(theme_day=day, school=school, how="Anden plan"),
                trial_actions=[],
            )
        return raised.value

    error = race_against_uncommitted(
        lambda: RolloutPlanFactory(theme_day=day, school=school),
        save_second,
    )
    assert "Skolen har allerede en udrulningsplan fra denne temadag" in " ".join(error.messages)
    assert RolloutPlan.objects.count() == 1


def test_a_violation_of_another_kind_passes_through_unchanged():
    school = SchoolFactory(name="Islev Skole")
    with pytest.raises(Exception) as raised, uniques.saving(school):
        School.objects.filter(pk=school.pk).update(name=None)
    assert not isinstance(raised.value, ValidationError)
    assert not uniques.is_unique_violation(raised.value)


def test_the_generic_message_when_no_check_finds_the_other_row():
    error = uniques.violation_as_validation_error(None)
    assert error.messages == [str(uniques.SAVED_MEANWHILE)]
