"""Reads of Headspace: scoped talk lists, coverage of the target grade, the iCal feed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from trivsel.schools import access
from trivsel.schools.models import SchoolClass, SchoolYear

from .models import ACTIVE, Talk, TalkStatus, TargetGrade


def talk_rows_for(user, school_year: SchoolYear | None = None) -> QuerySet:
    """The talk list's rows as plain values (a page of 50 builds no model instances): the
    talk, its class and school, and whether the user may give feedback on it."""
    qs = Talk.objects.all()
    if school_year is not None:
        qs = qs.filter(school_class__school_year=school_year)
    qs = access.annotate_can(access.scope(user, qs, "read"), user, "feedback")
    return qs.values(
        "pk",
        "school_class__grade",
        "school_class__letter",
        "school_class__school__name",
        "starts_at",
        "ends_at",
        "counsellors",
        "status",
        "feedback_score",
        "can_feedback",
    )


@dataclass
class SchoolCoverage:
    school: str
    classes: list = field(default_factory=list)  # (class label «8.A», state, talk starts_at)

    @property
    def covered(self) -> int:
        return sum(1 for _c, state, _at in self.classes if state != "missing")

    @property
    def total(self) -> int:
        return len(self.classes)


@dataclass
class Coverage:
    target: TargetGrade | None
    schools: list[SchoolCoverage]
    booked: int = 0
    held: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.booked + self.held + self.missing

    @property
    def covered(self) -> int:
        return self.booked + self.held

    @property
    def all_covered(self) -> bool:
        return self.total > 0 and self.missing == 0

    @property
    def label(self) -> str:
        return _("%(n)d af %(m)d klasser") % {"n": self.covered, "m": self.total}


def coverage(user, school_year: SchoolYear | None) -> Coverage:
    """Every class of the target grade at every school the user may see — booked, held or
    missing. Two queries (the target grade, the classes with their active talk)."""
    target = (
        TargetGrade.objects.select_related("school_year", "programme", "offer__partner")
        .filter(school_year=school_year)
        .first()
        if school_year
        else None
    )
    if target is None or target.grade is None:  # no grade chosen yet: nothing to cover
        return Coverage(target=None, schools=[])
    active = Talk.objects.filter(school_class=OuterRef("pk"), status__in=ACTIVE)
    classes = SchoolClass.objects.filter(school_year=school_year, grade=target.grade)
    if user is not None:  # None: the network's own view (the status note)
        classes = access.scope(user, classes, "read")
    rows = (
        classes.annotate(
            talk_status=Subquery(active.values("status")[:1]),
            talk_at=Subquery(active.values("starts_at")[:1]),
        )
        .order_by("school__name", "letter")
        .values_list("school__name", "grade", "letter", "talk_status", "talk_at")
    )
    states = {TalkStatus.BOOKED: "booked", TalkStatus.HELD: "held"}
    counts = {"booked": 0, "held": 0, "missing": 0}
    result = Coverage(target=target, schools=[])
    for school, grade, letter, talk_status, talk_at in rows:  # plain values: ~160 at 10×
        if not result.schools or result.schools[-1].school != school:
            result.schools.append(SchoolCoverage(school=school))
        state = states.get(talk_status, "missing")
        counts[state] += 1
        result.schools[-1].classes.append((f"{grade}.{letter}", state, talk_at))
    result.booked, result.held, result.missing = counts["booked"], counts["held"], counts["missing"]
    return result


def coverage_counts(user, school_year: SchoolYear | None) -> tuple[int, int]:
    """``(covered, total)`` of ``coverage``: the classes of the target grade the user may see, and
    how many of them have a booked or held talk — counted in one query, for the home page's card
    (``coverage`` reads every class and its talk: ~160 rows at 10x, for two numbers)."""
    if school_year is None:
        return 0, 0
    target_grade = TargetGrade.objects.filter(school_year=school_year).order_by().values("grade")
    classes = access.scope(
        user,
        SchoolClass.objects.filter(school_year=school_year, grade=Subquery(target_grade)),
        "read",
    )
    with_talk = Talk.objects.filter(status__in=ACTIVE).values("school_class_id")  # a hashed set
    row = classes.aggregate(covered=Count("pk", filter=Q(pk__in=with_talk)), total=Count("pk"))
    return row["covered"], row["total"]
