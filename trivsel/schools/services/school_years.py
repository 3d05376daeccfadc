"""Every August: «Nyt skoleår» (next year's classes from this year's) and the current-year switch.

``school_year_advance_plan`` only reads, so the page can show what will happen; ``school_year_advance``
computes the same plan again inside its transaction and carries it out.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .. import clock, locking, uniques
from ..models import School, SchoolClass, SchoolYear

LAST_GRADE_STAYING = 8  # 9. and 10. klasse leave school; 0.–8. move one grade up


class SchoolYearAdvanceError(Exception):
    """«Nyt skoleår» cannot run; the message says why, in Danish."""


@dataclass(frozen=True)
class NewClasses:
    """How many 0. klasser a school starts next year, and pupils in each."""

    count: int
    pupils: int


@dataclass(frozen=True)
class PlannedClass:
    grade: int
    letter: str
    pupil_count: int
    from_grade: int | None = None  # None: a new 0. klasse

    @property
    def label(self) -> str:
        return f"{self.grade}.{self.letter}"

    @property
    def from_label(self) -> str:
        return f"{self.from_grade}.{self.letter}" if self.from_grade is not None else ""


@dataclass
class SchoolPlan:
    school: School
    moved_up: list[PlannedClass] = field(default_factory=list)
    leaving: list[SchoolClass] = field(default_factory=list)
    new: list[PlannedClass] = field(default_factory=list)

    @property
    def leaving_pupils(self) -> int:
        return sum(c.pupil_count for c in self.leaving)

    @property
    def new_pupils(self) -> int:
        return sum(c.pupil_count for c in self.new)


@dataclass(frozen=True)
class AdvancePlan:
    current: SchoolYear
    name: str
    start: date
    end: date
    schools: list[SchoolPlan]

    @property
    def class_count(self) -> int:
        return sum(len(s.moved_up) + len(s.new) for s in self.schools)


def next_year_dates(current: SchoolYear) -> tuple[str, date, date]:
    """The name, start and end of the school year after ``current`` (1 August – 31 July)."""
    first = current.start.year + 1
    return f"{first}/{(first + 1) % 100:02d}", date(first, 8, 1), date(first + 1, 7, 31)


def zero_classes_now(*, current: SchoolYear) -> dict[int, NewClasses]:
    """This year's 0. klasser per school (count, average pupils): the form's starting point."""
    found: dict[int, list[int]] = {}
    for school_id, pupils in SchoolClass.objects.filter(school_year=current, grade=0).values_list(
        "school_id", "pupil_count"
    ):
        found.setdefault(school_id, []).append(pupils)
    return {
        school_id: NewClasses(count=len(counts), pupils=round(sum(counts) / len(counts)))
        for school_id, counts in found.items()
    }


def school_year_advance_check(*, current: SchoolYear) -> tuple[str, date, date]:
    """The next year's name, start and end, or ``SchoolYearAdvanceError`` if it cannot be made:
    when it (or any later year) already exists, when ``current`` is no longer the current year
    (a form sent twice), or when ``current`` has not begun (the advance already ran this summer)."""
    name, start, end = next_year_dates(current)
    later = (
        SchoolYear.objects.filter(name=name) | SchoolYear.objects.filter(start__gt=current.start)
    ).first()
    if later is not None:
        raise SchoolYearAdvanceError(
            _(
                "Skoleåret %(later)s findes allerede, så der er intet nyt skoleår at oprette. "
                "Importér dets klasser, eller gør det til aktuelt skoleår i listen."
            )
            % {"later": later}
        )
    if not current.is_current:
        raise SchoolYearAdvanceError(
            _("%(year)s er ikke længere det aktuelle skoleår. Start forfra.") % {"year": current}
        )
    if current.start > clock.today():
        raise SchoolYearAdvanceError(
            _(
                "Det aktuelle skoleår %(year)s er ikke begyndt endnu. «Nyt skoleår» kan først "
                "køres igen, når det er begyndt (%(start)s)."
            )
            % {"year": current, "start": date_format(current.start, "j. F Y")}
        )
    return name, start, end


def school_year_advance_plan(
    *, current: SchoolYear, new_zero_classes: Mapping[int, NewClasses]
) -> AdvancePlan:
    """What «Nyt skoleår» will do, school by school. Reads only."""
    name, start, end = school_year_advance_check(current=current)
    plans = {school.pk: SchoolPlan(school=school) for school in School.objects.order_by("name")}
    for school_class in SchoolClass.objects.filter(school_year=current).order_by("grade", "letter"):
        plan = plans[school_class.school_id]
        if school_class.grade > LAST_GRADE_STAYING:
            plan.leaving.append(school_class)
        else:
            plan.moved_up.append(
                PlannedClass(
                    grade=school_class.grade + 1,
                    letter=school_class.letter,
                    pupil_count=school_class.pupil_count,
                    from_grade=school_class.grade,
                )
            )
    for school_id, wanted in new_zero_classes.items():
        if school_id in plans:
            plans[school_id].new = [
                PlannedClass(grade=0, letter=letter, pupil_count=wanted.pupils)
                for letter in _letters(wanted.count)
            ]
    return AdvancePlan(
        current=current,
        name=name,
        start=start,
        end=end,
        schools=[p for p in plans.values() if p.moved_up or p.leaving or p.new],
    )


def _letters(count: int) -> list[str]:
    return list(string.ascii_uppercase[:count])


@transaction.atomic
def school_year_advance(
    *, current: SchoolYear, new_zero_classes: Mapping[int, NewClasses]
) -> SchoolYear:
    """Creates the next school year with every class one grade up (9. and 10. leave) and the new
    0. klasser, and makes it the current year. Refused if the next year already exists."""
    # A second, simultaneous run waits here and then finds the new year and is refused.
    _lock_school_years()
    current = SchoolYear.objects.get(pk=current.pk)
    plan = school_year_advance_plan(current=current, new_zero_classes=new_zero_classes)
    new_year = SchoolYear(name=plan.name, start=plan.start, end=plan.end, is_current=False)
    new_year.full_clean()
    with uniques.saving(new_year):  # a year of that name created by hand meanwhile
        new_year.save()
    classes = [
        SchoolClass(
            school=school_plan.school,
            school_year=new_year,
            grade=planned.grade,
            letter=planned.letter,
            pupil_count=planned.pupil_count,
        )
        for school_plan in plan.schools
        for planned in (*school_plan.moved_up, *school_plan.new)
    ]
    for school_class in classes:
        # a new year has no classes yet and the plan cannot repeat one: no uniqueness queries
        school_class.full_clean(validate_unique=False, validate_constraints=False)
    bulk_create_with_history(classes, SchoolClass, default_change_reason="Nyt skoleår")
    school_year_make_current(school_year=new_year)
    return new_year


@transaction.atomic
def school_year_make_current(*, school_year: SchoolYear) -> SchoolYear:
    """Makes ``school_year`` the one current year (the database allows only one)."""
    _lock_school_years()
    SchoolYear.objects.exclude(pk=school_year.pk).filter(is_current=True).update(is_current=False)
    SchoolYear.objects.filter(pk=school_year.pk).update(is_current=True)
    school_year.is_current = True
    return school_year


def _lock_school_years() -> None:
    """Row locks on every school year, always in the same order (no deadlocks): switches of the
    current year and «Nyt skoleår» run one at a time."""
    locking.lock_rows(SchoolYear.objects.only("pk"))
