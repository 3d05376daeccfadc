"""Objects of the grief-group app for the access matrix, made lazily on the matrix's ``world``:
school A's group is led by staff_a (a trained leader) with a co-leader from school B, so leader B
reads that group but never its meetings or evaluations; school B's by a trained leader of B."""

from datetime import date, timedelta

from tests.factories import PeriodFactory, StaffFactory
from trivsel.schools import clock

from .factories import (
    CourseFactory,
    CourseSessionFactory,
    GriefGroupFactory,
    GroupMeetingFactory,
    NominationFactory,
    trained,
)


def _grief(world):
    if not hasattr(world, "grief"):
        # still open for nominations (an ended course sends the nomination form back)
        course = CourseFactory(end_date=clock.today() + timedelta(days=365))
        staff_a = world.actors["staff_a"].staff_profile
        trained(staff_a, course)
        leader_b = StaffFactory(school=world.school_b, name="Birthe B")
        trained(leader_b, course)
        co_leader_b = StaffFactory(school=world.school_b, name="Bent B")
        trained(co_leader_b, course)
        group_a = GriefGroupFactory(school=world.school_a, leaders=[staff_a, co_leader_b])
        group_b = GriefGroupFactory(school=world.school_b, name="Sorggruppe B", leaders=[leader_b])
        world.grief = {
            "course": course,
            "session": CourseSessionFactory(course=course),
            "nomination_a": NominationFactory(
                course=course, staff=StaffFactory(school=world.school_a)
            ),
            "nomination_b": NominationFactory(
                course=course, staff=StaffFactory(school=world.school_b)
            ),
            "group_a": group_a,
            "group_b": group_b,
            "meeting_a": GroupMeetingFactory(group=group_a),
            "meeting_b": GroupMeetingFactory(group=group_b),
            "period": PeriodFactory(
                name="Efterår 2023", start=date(2023, 7, 1), end=date(2023, 12, 31)
            ),
        }
    return world.grief


def grief_pk(name, key="pk"):
    """``name`` with ``_a``/``_b`` added per side when the object belongs to a school."""

    def args(world, side):
        objs = _grief(world)
        obj = objs.get(f"{name}_{side}") or objs[name]
        return {key: obj.pk}

    return args


def grief_evaluation(world, side):
    objs = _grief(world)
    return {"pk": objs[f"group_{side}"].pk, "period_pk": objs["period"].pk}
