"""Home-page card of grief groups: a leader's groups and the meetings they held this school
year (one query)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from trivsel.schools import access, homecards
from trivsel.schools.models import Role, SchoolYear

from .models import GriefGroup


@homecards.register(key="griefgroups", order=40, query_budget=2)
def cards(user, role: str) -> list[homecards.Card]:
    if role != Role.LEADER:
        return []
    year = SchoolYear.current()
    in_year = Q(meetings__date__range=(year.start, year.end)) if year else Q(pk__in=[])
    row = GriefGroup.objects.filter(school__in=access.school_ids(user)).aggregate(
        groups=Count("pk", distinct=True), meetings=Count("meetings", filter=in_year)
    )
    return [
        homecards.Card(
            title=_("Sorggrupper"),
            count=row["groups"],
            text=_("grupper på skolen · %(n)d møder i skoleåret") % {"n": row["meetings"]},
            url=reverse("griefgroups:group_list"),
        )
    ]
