"""Reads across relations: the course's participants per school, trained leaders, groups with
their meeting figures, the evaluation's cost, and the scaling estimate. Each returns a QuerySet or
plain data in a fixed number of queries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from trivsel.schools import access
from trivsel.schools.models import School, Staff

from .models import (
    Course,
    Evaluation,
    GriefGroup,
    GroupMeeting,
    HourlyRate,
    Nomination,
    NominationStatus,
)

ZERO = Decimal("0")


def _dkk(value) -> Decimal:
    return Decimal(value or 0).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


# --- the course ----------------------------------------------------------------------------
def courses_for(user) -> QuerySet[Course]:
    return access.scope(user, Course.objects.all()).select_related("provider", "grant_giver")


def course_confirmed_count(course: Course) -> int:
    return course.nominations.filter(status=NominationStatus.CONFIRMED).count()


def nominations_for(user, course: Course) -> QuerySet[Nomination]:
    """The nominations the user may see, by school and name, with who nominated."""
    return (
        access.scope(user, Nomination.objects.filter(course=course))
        .select_related("staff__school", "nominated_by", "decided_by")
        .order_by("staff__school__name", "staff__name")
    )


def participants_per_school(course: Course) -> list[dict]:
    """Per school: nominated, confirmed and completed participants (one query)."""
    rows = (
        Nomination.objects.filter(course=course)
        .values("staff__school__name")
        .annotate(
            nominated=Count("pk"),
            confirmed=Count("pk", filter=Q(status=NominationStatus.CONFIRMED)),
            completed=Count("pk", filter=Q(completed=True)),
        )
        .order_by("staff__school__name")
    )
    return [
        {
            "school": r["staff__school__name"],
            "nominated": r["nominated"],
            "confirmed": r["confirmed"],
            "completed": r["completed"],
        }
        for r in rows
    ]


def trained_leaders_by_school(user) -> list[dict]:
    """The trained leaders page: per school (by name), its completed participants as rows of
    strings ready to show (date as dd.mm.yyyy) — one query, no model instances, no template
    filters per cell: at 10× the page has ~120 rows in 60 tables."""
    led = (
        GriefGroup.leaders.through.objects.filter(staff_id=OuterRef("staff_id"))
        .order_by()
        .values("staff_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        access.scope(user, Nomination.objects.filter(completed=True))
        .annotate(groups_led=Coalesce(Subquery(led), 0, output_field=IntegerField()))
        .order_by("staff__school__name", "staff__name")
        .values_list(
            "staff__school_id",
            "staff__school__name",
            "staff__name",
            "staff__job",
            "course__title",
            "completed_on",
            "groups_led",
        )
    )
    jobs = {value: str(label) for value, label in Staff._meta.get_field("job").flatchoices}
    schools: list[dict] = []
    for school_id, school, name, job, course, completed_on, groups_led in rows:
        if not schools or schools[-1]["pk"] != school_id:
            schools.append({"pk": school_id, "name": school, "leaders": []})
        schools[-1]["leaders"].append(
            {
                "name": name,
                "job": jobs.get(job, job),
                "course": course,
                "completed_on": completed_on.strftime("%d.%m.%Y"),
                "groups_led": str(groups_led),
            }
        )
    return schools


def trained_staff_at(schools) -> QuerySet[Staff]:
    """Staff who completed the course, for choosing a group's leaders."""
    return (
        Staff.objects.filter(griefgroup_nominations__completed=True, school__in=schools)
        .select_related("school")
        .distinct()
        .order_by("school__name", "name")
    )


# --- groups --------------------------------------------------------------------------------
def group_rows_for(user) -> QuerySet:
    """The group list's rows as plain values: the group, its school, its meeting count and
    whether the user may edit it (leaders' names: ``leader_names``)."""
    meetings = GroupMeeting.objects.filter(group=OuterRef("pk")).order_by().values("group")
    qs = access.annotate_can(access.scope(user, GriefGroup.objects.all()), user, "edit")
    return (
        qs.annotate(
            meeting_count=Coalesce(
                Subquery(meetings.annotate(n=Count("pk")).values("n")),
                0,
                output_field=IntegerField(),
            ),
        )
        .order_by("school__name", "start_date", "name")
        .values(
            "pk",
            "name",
            "school__name",
            "start_date",
            "places",
            "referred_count",
            "waiting_count",
            "meeting_count",
            "can_edit",
        )
    )


def leader_names(group_ids) -> dict[int, list[str]]:
    """Each group's leaders' names, by name (one query for a page of groups)."""
    names: dict[int, list[str]] = {}
    rows = (
        GriefGroup.leaders.through.objects.filter(griefgroup_id__in=group_ids)
        .order_by("staff__name")
        .values_list("griefgroup_id", "staff__name")
    )
    for group_id, name in rows:
        names.setdefault(group_id, []).append(name)
    return names


@dataclass
class EvaluationFigures:
    evaluation: Evaluation
    meetings: int
    leader_hours: Decimal
    pupils_present_total: int
    hours_cost: Decimal | None
    total_cost: Decimal | None

    @property
    def need_ratio(self) -> float | None:
        ev = self.evaluation
        return round(ev.referred_count / ev.places, 2) if ev.places else None


def evaluations_with_figures(evaluations: QuerySet[Evaluation]) -> list[EvaluationFigures]:
    """Each evaluation with its period's meetings, leader hours and running cost (one query)."""
    in_period = (
        GroupMeeting.objects.filter(
            group=OuterRef("group"),
            date__gte=OuterRef("period__start"),
            date__lte=OuterRef("period__end"),
        )
        .order_by()
        .values("group")
    )
    rows = evaluations.select_related("group__school", "period").annotate(
        m_count=Coalesce(
            Subquery(in_period.annotate(n=Count("pk")).values("n")), 0, output_field=IntegerField()
        ),
        m_hours=Coalesce(
            Subquery(in_period.annotate(n=Sum("leader_hours")).values("n")),
            Value(ZERO),
            output_field=DecimalField(max_digits=10, decimal_places=2),
        ),
        m_present=Coalesce(
            Subquery(in_period.annotate(n=Sum("pupils_present")).values("n")),
            0,
            output_field=IntegerField(),
        ),
    )
    result = []
    for ev in rows:
        hours_cost = ev.m_hours * ev.hourly_rate if ev.hourly_rate is not None else None
        result.append(
            EvaluationFigures(
                evaluation=ev,
                meetings=ev.m_count,
                leader_hours=ev.m_hours,
                pupils_present_total=ev.m_present,
                hours_cost=_dkk(hours_cost) if hours_cost is not None else None,
                total_cost=_dkk(hours_cost + ev.materials_dkk) if hours_cost is not None else None,
            )
        )
    return result


# --- the scaling estimate ------------------------------------------------------------------
SCHOOL_MONTHS_PER_YEAR = 10  # August–June minus holidays: the months a group meets


@dataclass
class Assumption:
    label: str
    value: object
    unit: str
    source: str  # «målt» (measured) or «antaget» (assumed)


@dataclass
class ScalingEstimate:
    assumptions: list[Assumption] = field(default_factory=list)
    rows: list[tuple[str, Decimal]] = field(default_factory=list)
    yearly_cost_per_group: Decimal = ZERO
    yearly_cost_per_school: Decimal = ZERO
    yearly_cost_total: Decimal = ZERO
    schools: int = 0
    groups_measured: int = 0
    meetings_measured: int = 0
    complete: bool = False  # False: too little measured to estimate (no meetings or no rate)

    def as_dict(self) -> dict:
        return {
            "complete": self.complete,
            "schools": self.schools,
            "groups_measured": self.groups_measured,
            "meetings_measured": self.meetings_measured,
            "yearly_cost_per_group": int(self.yearly_cost_per_group),
            "yearly_cost_per_school": int(self.yearly_cost_per_school),
            "yearly_cost_total": int(self.yearly_cost_total),
            "assumptions": [
                {
                    "label": str(a.label),
                    "value": str(a.value),
                    "unit": str(a.unit),
                    "source": str(a.source),
                }
                for a in self.assumptions
            ],
        }


def _months_between(start: date, end: date) -> float:
    return max((end - start).days + 1, 0) / 30.44


def scaling_page(user, as_of: date) -> tuple[ScalingEstimate, list[EvaluationFigures]]:
    """The scaling page: the network-wide estimate and the evaluations ``user`` may read, newest
    first — from ONE evaluation query (each row knows whether the user may read it), not one
    for the estimate and one for the table."""
    figures = evaluations_with_figures(
        access.annotate_can(Evaluation.objects.all(), user, "read").order_by(
            "-period__start", "group__school__name"
        )
    )
    evaluated = [
        f
        for f in figures
        if f.evaluation.period.start <= as_of and f.evaluation.group.start_date <= as_of
    ]
    readable = [f for f in figures if f.evaluation.can_read]
    return scaling_estimate(as_of, evaluated=evaluated), readable


def scaling_estimate(
    as_of: date, *, evaluated: list[EvaluationFigures] | None = None
) -> ScalingEstimate:
    """What running grief groups at every school would cost per year, from what the evaluated
    half-years up to ``as_of`` measured:

    * meetings per group per month (meetings ÷ the months each group ran in its evaluated
      half-years) × school months per year;
    * leader hours per meeting and materials per meeting (totals ÷ meetings) in those half-years;
    * the hourly rate valid on ``as_of``;
    * groups per school from the need: referred pupils ÷ places, rounded up (at least one).

    Four queries whatever the number of groups, meetings and evaluations; three when the caller
    passes the ``evaluated`` figures (evaluations of half-years and groups started by ``as_of``)."""
    est = ScalingEstimate()
    est.schools = School.objects.count()
    need_rows = list(
        GriefGroup.objects.filter(start_date__lte=as_of).values("places", "referred_count")
    )
    rate = HourlyRate.on(as_of)
    if evaluated is None:
        evaluated = evaluations_with_figures(
            Evaluation.objects.filter(period__start__lte=as_of, group__start_date__lte=as_of)
        )

    est.groups_measured = len({f.evaluation.group_id for f in evaluated})
    est.meetings_measured = sum(f.meetings for f in evaluated)
    hours = sum((f.leader_hours for f in evaluated), ZERO)
    materials = sum((f.evaluation.materials_dkk for f in evaluated), ZERO)
    group_months = sum(
        _months_between(
            max(f.evaluation.period.start, f.evaluation.group.start_date),
            min(f.evaluation.period.end, as_of),
        )
        for f in evaluated
    )
    n = est.meetings_measured
    meetings_per_year = round(n / group_months * SCHOOL_MONTHS_PER_YEAR, 1) if group_months else 0.0
    hours_per_meeting = (hours / n).quantize(Decimal("0.1")) if n else ZERO
    materials_per_meeting = _dkk(materials / n) if n else ZERO
    need = [g["referred_count"] / g["places"] for g in need_rows if g["places"]]
    avg_need = sum(need) / len(need) if need else 1.0
    groups_per_school = max(1, math.ceil(round(avg_need, 2)))
    hourly = rate.rate if rate else ZERO
    per_year = Decimal(str(meetings_per_year))

    measured, assumed = _("målt"), _("antaget")
    est.assumptions = [
        Assumption(_("Skoler"), est.schools, _("skoler"), _("portalens skoler")),
        Assumption(
            _("Grupper pr. skole (henviste ÷ pladser, rundet op)"),
            groups_per_school,
            _("grupper"),
            measured if need else assumed,
        ),
        Assumption(_("Skolemåneder pr. år"), SCHOOL_MONTHS_PER_YEAR, _("måneder"), assumed),
        Assumption(_("Møder pr. gruppe pr. år"), meetings_per_year, _("møder"), measured),
        Assumption(_("Ledertimer pr. møde"), hours_per_meeting, _("timer"), measured),
        Assumption(
            _("Timesats"),
            _dkk(hourly),
            _("kr./time"),
            _("fastsat af koordinatoren") if rate else _("mangler"),
        ),
        Assumption(_("Materialer pr. møde"), materials_per_meeting, _("kr."), measured),
    ]
    est.yearly_cost_per_group = _dkk(
        per_year * (hours_per_meeting * hourly + materials_per_meeting)
    )
    est.yearly_cost_per_school = est.yearly_cost_per_group * groups_per_school
    est.yearly_cost_total = est.yearly_cost_per_school * est.schools
    est.rows = [
        (_("Ledertimer pr. gruppe pr. år"), _dkk(per_year * hours_per_meeting)),
        (_("Lederløn pr. gruppe pr. år (kr.)"), _dkk(per_year * hours_per_meeting * hourly)),
        (_("Materialer pr. gruppe pr. år (kr.)"), _dkk(per_year * materials_per_meeting)),
        (_("Driftsudgift pr. gruppe pr. år (kr.)"), est.yearly_cost_per_group),
        (_("Driftsudgift pr. skole pr. år (kr.)"), est.yearly_cost_per_school),
        (_("Driftsudgift for alle skoler pr. år (kr.)"), est.yearly_cost_total),
    ]
    est.complete = bool(n and rate)
    return est
