"""Home-page cards of the trials app: a leader's trial actions that have ended and wait for
their evaluation (one query)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from trivsel.schools import access, clock, homecards
from trivsel.schools.models import Role

from .models import Status, TrialAction


@homecards.register(key="trials", order=10, query_budget=1)
def cards(user, role: str) -> list[homecards.Card]:
    if role != Role.LEADER:
        return []
    due = (
        TrialAction.objects.filter(school__in=access.school_ids(user), end__lte=clock.today())
        .exclude(status=Status.EVALUATED)
        .count()
    )
    return [
        homecards.Card(
            title=_("Prøvehandlinger"),
            count=due,
            text=_("er slut og venter på jeres evaluering"),
            url=reverse("trials:trialaction_list"),
            urgent=due > 0,
        )
    ]
