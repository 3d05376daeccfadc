"""Rules on the models themselves: free text is CPR-guarded, counts are never negative."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from consultants.models import Activity, ExampleCase, FollowUp, PitMeeting, WellbeingCourse
from tests.consultants.factories import ActivityFactory, PitMeetingFactory
from trivsel.schools.fields import FreeCharField, FreeTextField


@pytest.mark.parametrize("model", [Activity, FollowUp, WellbeingCourse, PitMeeting, ExampleCase])
def test_every_free_text_field_of_the_app_is_cpr_guarded(model):
    for field in model._meta.get_fields():
        long_char = (
            getattr(field, "max_length", 0)
            and field.get_internal_type() == "CharField"
            and field.max_length >= 200
        )
        if field.get_internal_type() == "TextField" or long_char:
            assert isinstance(field, FreeTextField | FreeCharField), (
                f"{model.__name__}.{field.name}"
            )


def test_the_database_refuses_a_negative_pit_case_count(school_a):
    with pytest.raises(IntegrityError):
        PitMeetingFactory(school=school_a, cases_discussed=-1)


def test_an_activity_must_belong_to_a_consultant(school_a, coordinator, pinned):
    activity = ActivityFactory.build(school=school_a, consultant=coordinator)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "consultant" in error.value.message_dict


def test_an_activitys_changes_are_kept_in_its_history(school_a):
    activity = ActivityFactory(school=school_a)
    activity.observation = "Ændret"
    activity.save()
    assert [h.observation for h in activity.history.all()][0] == "Ændret"
    assert activity.history.count() == 2
