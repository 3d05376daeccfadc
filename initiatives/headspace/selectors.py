"""Reads of Headspace: scoped talk lists, coverage of the target grade, the iCal feed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from trivsel.schools import access
from trivsel.schools.models import SchoolClass, SchoolYear

from .models import ACTIVE, Talk, TalkStatus, TargetGrade


def talks_for(user, school_year: SchoolYear | None = None) -> QuerySet[Talk]:
    qs = Talk.objects.select_related("school_class__school", "school_class__school_year")
    if school_year is not None:
        qs = qs.filter(school_class__school_year=school_year)
    qs = access.annotate_can(access.scope(user, qs, "read"), user, "edit")
    return access.annotate_can(qs, user, "feedback")


@dataclass
class SchoolCoverage:
    school: str
    classes: list = field(default_factory=list)  # (class, state, talk starts_at)

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
    if target is None:
        return Coverage(target=None, schools=[])
    active = Talk.objects.filter(school_class=OuterRef("pk"), status__in=ACTIVE)
    classes = SchoolClass.objects.filter(school_year=school_year, grade=target.grade)
    if user is not None:  # None: the network's own view (the status note)
        classes = access.scope(user, classes, "read")
    classes = (
        classes.select_related("school")
        .annotate(
            talk_status=Subquery(active.values("status")[:1]),
            talk_at=Subquery(active.values("starts_at")[:1]),
        )
        .order_by("school__name", "letter")
    )
    result = Coverage(target=target, schools=[])
    for cls in classes:
        if not result.schools or result.schools[-1].school != cls.school.name:
            result.schools.append(SchoolCoverage(school=cls.school.name))
        state = {TalkStatus.BOOKED: "booked", TalkStatus.HELD: "held"}.get(
            cls.talk_status, "missing"
        )
        setattr(result, state, getattr(result, state) + 1)
        result.schools[-1].classes.append((cls, state, cls.talk_at))
    return result
