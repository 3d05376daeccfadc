"""Home-page cards of Headspace: a leader's coming talks, the coordinator's coverage «N af M»."""

from django.urls import reverse
from django.utils.translation import gettext as _

from trivsel.schools import access, clock, homecards
from trivsel.schools.models import Role, SchoolYear

from . import selectors
from .models import Talk, TalkStatus


@homecards.register(key="headspace", order=30, query_budget=1)
def cards(user, role: str) -> list[homecards.Card]:
    if role != Role.LEADER:
        return []
    n = Talk.objects.filter(
        school_class__school__in=access.school_ids(user),
        status=TalkStatus.BOOKED,
        starts_at__gte=clock.now(),
    ).count()
    return [
        homecards.Card(
            title=_("Headspace"),
            count=n,
            text=_("kommende oplæg på skolen"),
            url=reverse("headspace:talk_list"),
        )
    ]


@homecards.register(key="headspace-coverage", order=30, query_budget=2)
def coverage_cards(user, role: str) -> list[homecards.Card]:
    if role != Role.COORDINATOR:
        return []
    covered, total = selectors.coverage_counts(user, SchoolYear.current())  # one query
    return [
        homecards.Card(
            title=_("Headspace"),
            count=_("%(n)d af %(m)d") % {"n": covered, "m": total},
            text=_("klasser på målklassetrinnet har et oplæg"),
            url=reverse("headspace:coverage"),
            urgent=total > 0 and covered < total,
        )
    ]
