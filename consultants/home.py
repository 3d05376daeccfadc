"""Home-page cards of the consultants: the consultant's week and overdue follow-ups; the
coordinator's example cases awaiting approval (one query each)."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from trivsel.schools import clock, homecards
from trivsel.schools.models import Role

from .models import Activity, ExampleCase, ExampleCaseStatus, FollowUp
from .selectors import week_bounds


@homecards.register(key="consultants", order=50, query_budget=2)
def cards(user, role: str) -> list[homecards.Card]:
    if role == Role.CONSULTANT:
        today = clock.today()
        start, end = week_bounds(today)
        week = Activity.objects.filter(consultant=user, date__range=(start, end)).count()
        # the activity's consultant looked up per overdue follow-up (a scalar subquery): as a join
        # the planner hashes all of the consultant's activities (~11,000 at 10x) for ~200 rows
        owner = (
            Activity.objects.filter(pk=OuterRef("activity_id")).order_by().values("consultant_id")
        )
        overdue = (
            FollowUp.objects.filter(done=False, due__lt=today)
            .alias(owner=Subquery(owner))
            .filter(owner=user.pk)
            .count()
        )
        return [
            homecards.Card(
                title=_("Din uge"),
                count=week,
                text=_("aktiviteter i denne uge"),
                url=reverse("consultants:week"),
            ),
            homecards.Card(
                title=_("Opfølgninger"),
                count=overdue,
                text=_("opfølgninger er over tid"),
                url=reverse("consultants:followup_overdue"),
                urgent=overdue > 0,
            ),
        ]
    if role == Role.COORDINATOR:
        n = ExampleCase.objects.filter(status=ExampleCaseStatus.DRAFT).count()
        return [
            homecards.Card(
                title=_("Eksempler"),
                count=n,
                text=_("eksempler venter på godkendelse"),
                url=reverse("consultants:case_list"),
                urgent=n > 0,
            )
        ]
    return []
