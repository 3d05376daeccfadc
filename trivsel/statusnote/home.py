"""Home-page card of the status note: the coordinator's drafts (one query)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from trivsel.schools import homecards
from trivsel.schools.models import Role

from .models import NoteStatus, StatusNote


@homecards.register(key="statusnote", order=60, query_budget=1)
def cards(user, role: str) -> list[homecards.Card]:
    if role != Role.COORDINATOR:
        return []
    n = StatusNote.objects.filter(status=NoteStatus.DRAFT).count()
    return [
        homecards.Card(
            title=_("Statusnotat"),
            count=n,
            text=_("udkast til statusnotat"),
            url=reverse("statusnote:note_list"),
        )
    ]
