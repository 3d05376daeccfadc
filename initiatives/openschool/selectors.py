"""Reads of Åben Skole that cross relations: the scoped application list and the money overview
(a fixed number of queries whatever the number of applications)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from trivsel.schools import access
from trivsel.schools.choices import labels
from trivsel.schools.links import row_url

from .models import ALLOCATED, Application, Programme, Status

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))


def current_programme() -> Programme | None:
    """The current school year's programme (one query: a school year has at most one)."""
    return (
        Programme.objects.select_related("school_year").filter(school_year__is_current=True).first()
    )


def application_rows_for(user, programme: Programme | None = None) -> QuerySet:
    """The application list's rows as plain values: the application (``title`` as the model's
    property has it), its school, its offer's partner and its report's last day."""
    qs = Application.objects.all()
    if programme is not None:
        qs = qs.filter(programme=programme)
    return access.scope(user, qs, "read").values(
        "pk",
        "own_title",
        "offer__title",
        "school__name",
        "offer_id",
        "offer__partner__name",
        "amount",
        "approved_amount",
        "status",
        "report__pk",
        "report__held_to",
    )


def application_rows(values) -> list[dict]:
    """A page of ``application_rows_for`` as the list's rows: link, title, school, partner
    (None: the school's own activity), amounts as the page writes them («20.000»), status and
    the report's last day."""
    detail, statuses = row_url("openschool:application_detail"), labels(Status.choices)
    amounts: dict = {}

    def money(value) -> str:  # {{ value|floatformat:"0g" }}, once per distinct amount
        if value not in amounts:
            amounts[value] = floatformat(value, "0g")
        return amounts[value]

    return [
        {
            "url": detail(a["pk"]),
            "title": a["own_title"] or (a["offer__title"] if a["offer_id"] else ""),
            "school": a["school__name"],
            "partner": a["offer__partner__name"] if a["offer_id"] else None,
            "amount": money(a["amount"]),
            "approved": money(a["approved_amount"]) or "–",
            "status": statuses.get(a["status"], a["status"]),
            "report": f"{a['report__held_to']:%d.%m.%Y}" if a["report__pk"] else "–",
        }
        for a in values
    ]


def _money(qs: QuerySet, key: str) -> list[dict]:
    allocated = Q(status__in=ALLOCATED)
    rows = (
        qs.values(key)
        .annotate(
            applications=Count("pk"),
            applied=Coalesce(Sum("amount"), ZERO),
            approved=Coalesce(Sum("approved_amount", filter=allocated), ZERO),
            reported=Coalesce(Sum("report__spent_amount", filter=allocated), ZERO),
            reports=Count("report", filter=allocated),
        )
        .order_by(key)
    )
    out = []
    for row in rows:
        row["name"] = row.pop(key) or _("Egen aktivitet")
        row["remaining"] = row["approved"] - row["reported"]
        out.append(row)
    return out


def money_overview(programme: Programme) -> dict:
    """Budget, approved, reported and remaining — for the programme, per school, per partner.
    Two queries. A draft is not an application yet: it counts neither in the number of
    applications nor in the amounts (counting it in one but not the other read «1 ansøgning,
    ansøgt 0»)."""
    qs = Application.objects.filter(programme=programme).exclude(status=Status.DRAFT)
    by_school, by_partner = _money(qs, "school__name"), _money(qs, "offer__partner__name")
    approved = sum((r["approved"] for r in by_school), Decimal(0))
    reported = sum((r["reported"] for r in by_school), Decimal(0))
    return {
        "programme": programme,
        "budget": programme.budget,
        "approved": approved,
        "reported": reported,
        "remaining": programme.budget - approved,
        "by_school": by_school,
        "by_partner": by_partner,
    }
