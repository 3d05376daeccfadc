from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from initiatives.headspace import selectors, services
from initiatives.headspace.models import Talk, TalkStatus
from initiatives.headspace.tasks import send_talk_reminders
from tests.headspace.factories import TalkFactory, at

pytestmark = pytest.mark.django_db


def _book(by, cls, start=None, end=None, counsellors="Sara Holm, Ali Nour"):
    start = start or at(12, 9)
    return services.talk_book(
        by=by,
        school_class=cls,
        starts_at=start,
        ends_at=end or start + timedelta(hours=1),
        counsellors=counsellors,
    )


def test_a_leader_books_a_talk_for_own_class(leader_a, target, class_8a):
    talk = _book(leader_a, class_8a)
    assert talk.counsellors == ["Sara Holm", "Ali Nour"]
    assert talk.status == TalkStatus.BOOKED


def test_a_leader_cannot_book_for_another_school(leader_b, target, class_8a):
    with pytest.raises(PermissionDenied):
        _book(leader_b, class_8a)
    assert not Talk.objects.exists()


def test_a_staff_member_cannot_book(staff_a, target, class_8a):
    with pytest.raises(PermissionDenied):
        _book(staff_a, class_8a)


def test_only_the_target_grade_gets_talks(coordinator, target, class_a):
    with pytest.raises(ValidationError) as err:
        _book(coordinator, class_a)  # 7.A, target is 8
    assert "8. klasse" in str(err.value)
    assert not Talk.objects.exists()


def test_a_cooperation_whose_grade_is_not_chosen_yet_takes_no_bookings(
    coordinator, target, class_8a
):
    """The cooperation for a year can be agreed before the grade is chosen (the spring note's
    «et relevant årgangstrin»): nothing can be booked or covered until it is."""
    target.grade = None
    target.save()
    with pytest.raises(ValidationError) as err:
        _book(coordinator, class_8a)
    assert "endnu ikke valgt et klassetrin" in str(err.value)
    assert not Talk.objects.exists()
    cov = selectors.coverage(coordinator, target.school_year)
    assert cov.target is None and cov.schools == []
    assert selectors.coverage_counts(coordinator, target.school_year) == (0, 0)
    assert str(target).startswith("klassetrin vælges senere")


def test_a_class_has_at_most_one_active_talk(coordinator, target, class_8a):
    _book(coordinator, class_8a)
    with pytest.raises(ValidationError) as err:
        _book(coordinator, class_8a, start=at(20, 9), counsellors="Mia")
    assert "har allerede et oplæg" in str(err.value)
    assert Talk.objects.count() == 1


def test_a_cancelled_talk_frees_the_class(coordinator, target, class_8a):
    talk = _book(coordinator, class_8a)
    services.talk_set_status(talk=talk, by=coordinator, status=TalkStatus.CANCELLED)
    _book(coordinator, class_8a, start=at(20, 9))
    assert Talk.objects.filter(school_class=class_8a).count() == 2


def test_the_database_also_refuses_a_second_active_talk(target, class_8a):
    TalkFactory(school_class=class_8a)
    with pytest.raises(IntegrityError), transaction.atomic():
        TalkFactory(school_class=class_8a)
    assert Talk.objects.count() == 1


def test_a_counsellor_cannot_be_in_two_places_at_once(coordinator, target, class_8a, class_b8a):
    _book(coordinator, class_8a, start=at(12, 9), counsellors="Sara Holm")
    with pytest.raises(ValidationError) as err:
        _book(coordinator, class_b8a, start=at(12, 9, minute=30), counsellors="sara holm, Ali")
    assert "Sara Holm er allerede booket" in str(err.value)
    assert "Valhøj Skole" in str(err.value)
    assert Talk.objects.count() == 1
    # back to back is fine
    _book(coordinator, class_b8a, start=at(12, 10), counsellors="Sara Holm")
    assert Talk.objects.count() == 2


def test_a_talk_must_end_after_it_starts_and_have_a_counsellor(coordinator, target, class_8a):
    with pytest.raises(ValidationError) as err:
        _book(coordinator, class_8a, end=at(12, 8), counsellors=" , ")
    assert "slutte efter" in str(err.value)
    assert "mindst én rådgiver" in str(err.value)
    assert not Talk.objects.exists()


def test_staff_give_feedback_on_their_schools_held_talk(staff_a, leader_b, target, class_8a):
    talk = TalkFactory(school_class=class_8a, status=TalkStatus.HELD)
    with pytest.raises(PermissionDenied):
        services.talk_feedback(talk=talk, by=leader_b, score=4)
    services.talk_feedback(talk=talk, by=staff_a, score=4, comment="Eleverne lyttede")
    talk.refresh_from_db()
    assert (talk.feedback_score, talk.feedback_by) == (4, staff_a)


@pytest.mark.parametrize("score", [0, 6])
def test_feedback_is_1_to_5(staff_a, target, class_8a, score):
    talk = TalkFactory(school_class=class_8a, status=TalkStatus.HELD)
    with pytest.raises(ValidationError) as err:
        services.talk_feedback(talk=talk, by=staff_a, score=score)
    assert "mellem 1 og 5" in str(err.value)


def test_feedback_refuses_a_cpr_number(staff_a, target, class_8a):
    talk = TalkFactory(school_class=class_8a, status=TalkStatus.HELD)
    with pytest.raises(ValidationError) as err:
        services.talk_feedback(talk=talk, by=staff_a, score=3, comment="Elev 010203-1234 græd")
    assert "CPR-nummer" in str(err.value)
    talk.refresh_from_db()
    assert talk.feedback_score is None


def test_feedback_only_after_the_talk_was_held(staff_a, target, class_8a):
    talk = TalkFactory(school_class=class_8a)
    with pytest.raises(ValidationError):
        services.talk_feedback(talk=talk, by=staff_a, score=5)


def test_coverage_counts_booked_held_and_missing(
    coordinator, target, class_8a, class_8b, class_b8a
):
    TalkFactory(school_class=class_8a, status=TalkStatus.HELD)
    TalkFactory(school_class=class_8b)
    TalkFactory(school_class=class_b8a, status=TalkStatus.CANCELLED)
    cov = selectors.coverage(coordinator, target.school_year)
    assert (cov.held, cov.booked, cov.missing) == (1, 1, 1)
    assert cov.label == "2 af 3 klasser"
    assert not cov.all_covered
    TalkFactory(school_class=class_b8a, starts_at=at(20, 9), ends_at=at(20, 10))
    assert selectors.coverage(coordinator, target.school_year).all_covered


def test_a_leader_sees_the_coverage_of_own_school_only(leader_a, target, class_8a, class_b8a):
    cov = selectors.coverage(leader_a, target.school_year)
    assert [s.school for s in cov.schools] == ["Valhøj Skole"]


def test_the_reminder_goes_to_the_school_a_few_days_before_once(leader_a, target, class_8a):
    soon = TalkFactory(school_class=class_8a, starts_at=at(12, 9), ends_at=at(12, 10))
    TalkFactory(
        school_class__school=class_8a.school,
        school_class__letter="B",  # not left to the factory's letter sequence (could be «A»)
        starts_at=at(28, 9),
        ends_at=at(28, 10),
    )  # too far ahead
    with time_machine.travel(at(10, 7), tick=False):
        assert send_talk_reminders() == 1
        assert send_talk_reminders() == 0
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None
    assert mail.outbox[0].to == [leader_a.email]
    assert "Påmindelse: Headspace-oplæg i 8.A" in mail.outbox[0].subject
    assert "kl. 09:00–10:00" in mail.outbox[0].body


def test_the_reminder_is_in_the_beat_schedule(settings):
    tasks = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "initiatives.headspace.tasks.send_talk_reminders" in tasks
