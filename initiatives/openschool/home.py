"""Home-page cards of Åben Skole: applications a leader must change, applications the
coordinator must decide (one query each)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from trivsel.schools import access, homecards
from trivsel.schools.models import Role

from .models import Application, Status


@homecards.register(key="openschool", order=20, query_budget=1)
def cards(user, role: str) -> list[homecards.Card]:
    url = reverse("openschool:application_list")
    if role == Role.LEADER:
        n = Application.objects.filter(
            school__in=access.school_ids(user), status=Status.CHANGES
        ).count()
        text = _("ansøgninger, hvor der er ønsket ændringer")
    elif role == Role.COORDINATOR:
        n = Application.objects.filter(status=Status.SUBMITTED).count()
        text = _("indsendte ansøgninger venter på jeres afgørelse")
    else:
        return []
    return [homecards.Card(title=_("Åben Skole"), count=n, text=text, url=url, urgent=n > 0)]
