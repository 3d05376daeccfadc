"""Home-page cards of the conference admin: each coming event with its dates, the places taken
per day against the capacity, the waiting list and who awaits consent (three queries)."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trivsel.schools import clock, homecards
from trivsel.schools.models import Role

from . import selectors

COMING_SHOWN = 4


def _dates(first, last) -> str:
    if first == last:
        return formats.date_format(first, "j. F Y")
    return f"{formats.date_format(first, 'j. F')} – {formats.date_format(last, 'j. F Y')}"


@homecards.register(key="conference", order=40, query_budget=3)
def cards(user, role: str) -> list[homecards.Card]:
    if role != Role.CONFERENCE_ADMIN:
        return []
    coming = selectors.events_with_dates(user, from_day=clock.today())[:COMING_SHOWN]
    cards = []
    for event in selectors.overview_rows(coming):
        details = [
            _("%(day)s: %(confirmed)s af %(capacity)s pladser")
            % {
                "day": formats.date_format(day["date"], "l j. F").capitalize(),
                "confirmed": day["confirmed"],
                "capacity": day["capacity"],
            }
            for day in event["days"]
        ]
        if event["waiting"]:
            details.append(
                ngettext(
                    "%(n)s dagstilmelding på venteliste",
                    "%(n)s dagstilmeldinger på venteliste",
                    event["waiting"],
                )
                % {"n": event["waiting"]}
            )
        if event["awaiting_consent"]:
            details.append(
                ngettext(
                    "%(n)s afventer forældresamtykke",
                    "%(n)s afventer forældresamtykke",
                    event["awaiting_consent"],
                )
                % {"n": event["awaiting_consent"]}
            )
        free = sum(day["free"] for day in event["days"])
        if event["promotable"]:
            details.append(_("Handling: venteliste til en dag med ledige pladser"))
        cards.append(
            homecards.Card(
                title=event["title"],
                count=free,
                text=ngettext("ledig plads", "ledige pladser", free)
                + (f" · {_dates(event['first'], event['last'])}" if event["first"] else ""),
                url=event["url"],
                urgent=bool(event["promotable"] or event["awaiting_consent"]),
                details=tuple(details),
            )
        )
    return cards
