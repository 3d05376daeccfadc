"""Data at scale: ``seed_demo --scale N`` builds a believable municipality N times over, and
seeding it twice changes nothing."""

from django.core.management import call_command

from conference.models import Registration
from consultants.models import Activity
from initiatives.trials.models import TrialAction
from trivsel.schools.models import School, SchoolClass


def _counts():
    return {
        "schools": School.objects.count(),
        "classes": SchoolClass.objects.count(),
        "activities": Activity.objects.count(),
        "trial_actions": TrialAction.objects.count(),
        "registrations": Registration.objects.count(),
    }


def test_the_demo_at_double_scale_has_the_volumes_of_two_municipalities_and_is_idempotent(db):
    call_command("seed_demo", "--quiet", "--scale", "2")
    counts = _counts()
    call_command("seed_demo", "--quiet", "--scale", "2")

    assert _counts() == counts
    assert counts["schools"] == 12
    # per six schools: ~2,000 activities, ~500 trial actions, ~200 registrations (10× targets / 10)
    assert 3_500 <= counts["activities"] <= 4_500
    assert 900 <= counts["trial_actions"] <= 1_100
    assert 300 <= counts["registrations"] <= 450
